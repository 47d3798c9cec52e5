/**
 * Errors as values at the edges. An InputError is the user's mistake (exit code 2): it names the field path or
 * flag, the value given and what was expected, in one line. Anything else that escapes is an internal error
 * (exit code 3).
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    /** Field path (`workload.peakRate`) or flag (`--rate`). */
    readonly path: string,
    /** The offending value as the user wrote it. */
    readonly value: unknown,
    /** What was expected, phrased to follow "expected". */
    readonly expected: string,
  ) {
    super(`${path}: ${describeValue(value)}: expected ${expected}`);
  }
}

/** A short, one-line, quoted rendering of a user value for error messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'number' || typeof value === 'boolean' || value === null) text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      // too deep or circular for JSON.stringify (String() of a deep array would recurse as deeply)
      text = Array.isArray(value) ? '[...]' : typeof value === 'object' ? '{...}' : typeof value;
    }
  }
  text = text.replace(/[\r\n]+/g, ' ');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
