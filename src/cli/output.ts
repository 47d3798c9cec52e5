/** Output helpers of the commands (no mathjs here: commands that only print must not load the parser). */
import { InputError, InputErrors, shownProblems } from '../errors.js';
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
 * error naming --out, and so are a target that is not a regular file (a device, a FIFO: pipe stdout instead) and a
 * target that is one of the command's `inputs` (`worksheet x.json --out x.json` would replace the scenario). The
 * atomic writer is imported only here, when a file is asked for.
 */
export async function emit(
  io: { stdout: { write(s: string): unknown } },
  out: string | undefined,
  body: string,
  inputs: readonly (string | undefined)[] = [],
): Promise<void> {
  if (out === undefined) {
    io.stdout.write(body);
    return;
  }
  const { statSync } = await import('node:fs');
  const outStats = statSync(out, { throwIfNoEntry: false });
  for (const input of inputs) {
    if (input === undefined || input === '-' || outStats === undefined) continue;
    const inStats = statSync(input, { throwIfNoEntry: false });
    if (inStats !== undefined && inStats.dev === outStats.dev && inStats.ino === outStats.ino) {
      throw new InputError('--out', out, `a file other than the input ${input} (writing it would replace the input)`);
    }
  }
  await writeFileFor('--out', out, body);
}

/**
 * Writes `body` to `file` atomically (--out, --plot, --into); a target that is not a regular file or cannot be
 * written is an input error naming `flag`.
 */
export async function writeFileFor(flag: string, file: string, body: string): Promise<void> {
  const { NotRegularFileError, settleSignals, writeFileAtomic } = await import('../util/atomicWrite.js');
  try {
    writeFileAtomic(file, body);
    // a signal that came during the (synchronous) write: let it end the process now (the file is whole already)
    await settleSignals();
  } catch (error) {
    if (error instanceof NotRegularFileError) {
      throw new InputError(
        flag,
        file,
        `a regular file, not ${error.kind} (to write to a pipe or a device, leave out ${flag} and redirect stdout)`,
      );
    }
    throw new InputError(flag, file, `a writable file (${(error as NodeJS.ErrnoException).code ?? 'write failed'})`);
  }
}

/** The message of an input problem (one line; a long list counted), or null for anything else (a bug). */
export function problemText(error: unknown): string | null {
  if (error instanceof InputErrors) return shownProblems(error.errors.map((e) => e.message)).join('; ');
  if (error instanceof InputError) return error.message;
  return null;
}

/**
 * Output lines of a JSONL stream, written in batches: the answers to the lines of one input chunk go out in one write
 * on the next turn of the event loop (or at once past 64 KiB), instead of one write each, so a stream of small answers
 * is not bound by system calls, while a reader waiting for each answer still gets it promptly. `ready()` waits while
 * the stream's buffer is full (a slow reader never makes the output pile up in memory); `end()` writes the rest.
 */
export class LineWriter {
  private pending = '';
  private scheduled = false;
  private blocked: Promise<void> | null = null;

  constructor(private readonly out: { write(s: string): unknown }) {}

  /** Resolves when the output can take more (immediately unless the last write filled its buffer). */
  ready(): Promise<void> | null {
    return this.blocked;
  }

  write(line: string): void {
    this.pending += line;
    if (this.pending.length >= 65536) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  async end(): Promise<void> {
    this.flush();
    await this.blocked;
  }

  private flush(): void {
    this.scheduled = false;
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    const ok = this.out.write(text);
    const stream = this.out as Partial<NodeJS.WritableStream>;
    if (ok === false && typeof stream.once === 'function' && this.blocked === null) {
      this.blocked = new Promise<void>((resolve) => {
        stream.once?.('drain', () => {
          this.blocked = null;
          resolve();
        });
      });
    }
  }
}
