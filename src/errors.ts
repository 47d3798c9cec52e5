import { formatCount } from './units/format.js';

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
    // `expected` may quote the user's text too (a parser's message): no control character reaches the terminal
    super(`${describePath(path)}: ${describeValue(value)}: expected ${escapeControls(expected)}`);
  }
}

/** Several input problems at once: one line each. */
export class InputErrors extends Error {
  override readonly name = 'InputErrors';
  constructor(readonly errors: readonly InputError[]) {
    super(errors.map((e) => e.message).join('\n'));
  }
}

/**
 * The path or flag as shown in a message: one line, no control characters (a flag name comes straight from argv, so
 * `--a<newline>b` or an escape sequence would otherwise split the line or reach the terminal), at most 100 characters
 * (the middle of a longer one elided, so that both ends of a deep field path stay readable).
 */
export function describePath(path: string): string {
  const out = escapeControls(path);
  return out.length > 100 ? `${out.slice(0, 48)}...${out.slice(-49)}` : out;
}

/** A control character: C0 (below U+0020), DEL or C1 (U+007F to U+009F). */
export function isControlCode(c: number): boolean {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

/**
 * Whether a string has a control character (C0, DEL or C1) other than those `allowed`. Names and descriptions are
 * printed in tables, worksheets and the TUI, where an escape sequence would recolour, move the cursor or clear the
 * terminal, and a line break would break a table row.
 */
export function hasControl(s: string, allowed = ''): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isControlCode(c) && !allowed.includes(s.charAt(i))) return true;
  }
  return false;
}

/**
 * Text with every control character (C0, DEL, C1) and the line and paragraph separators written as `\\uXXXX`: safe to
 * print on one line of a terminal. (JSON.stringify escapes C0 only.)
 */
export function escapeControls(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += isControlCode(c) || c === 0x2028 || c === 0x2029 ? `\\u${c.toString(16).padStart(4, '0')}` : text.charAt(i);
  }
  return out;
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
  text = escapeControls(text.replace(/[\r\n]+/g, ' '));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** At most this many problems are listed; the rest are counted (100,000 bad users are not 100,000 lines). */
export const MAX_PROBLEMS_SHOWN = 20;

/**
 * The problem messages to show: the first MAX_PROBLEMS_SHOWN, then one line counting the rest.
 * @example shownProblems(['a', 'b'], 1) // ['a', '... and 1 more problem']
 */
export function shownProblems(messages: readonly string[], max = MAX_PROBLEMS_SHOWN): string[] {
  if (messages.length <= max) return [...messages];
  const rest = messages.length - max;
  return [...messages.slice(0, max), `... and ${formatCount(rest)} more problem${rest === 1 ? '' : 's'}`];
}
