/** Output helpers of the commands (no mathjs here: commands that only print must not load the parser). */
import { InputError } from '../errors.js';
export function writeJson(io: { stdout: { write(s: string): unknown } }, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Aligned "label  value" lines for the human-readable summaries. */
export function keyValues(rows: readonly (readonly [string, string])[], indent = 2): string {
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  return rows.map(([k, v]) => `${' '.repeat(indent)}${k.padEnd(width)}${v}`).join('\n');
}

/**
 * Writes a command's output to `--out FILE` (atomically) when given, else to stdout; an unwritable file is an input
 * error naming --out. The atomic writer is imported only here, when a file is asked for.
 */
export async function emit(
  io: { stdout: { write(s: string): unknown } },
  out: string | undefined,
  body: string,
): Promise<void> {
  if (out === undefined) {
    io.stdout.write(body);
    return;
  }
  await writeFileFor('--out', out, body);
}

/** Writes `body` to `file` atomically; an unwritable file is an input error naming `flag` (--out, --plot, --into). */
export async function writeFileFor(flag: string, file: string, body: string): Promise<void> {
  const { writeFileAtomic } = await import('../util/atomicWrite.js');
  try {
    writeFileAtomic(file, body);
  } catch (error) {
    throw new InputError(flag, file, `a writable file (${(error as NodeJS.ErrnoException).code ?? 'write failed'})`);
  }
}
