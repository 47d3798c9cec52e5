/** Reading a scenario's text: FILE or stdin ("-"), with an input error naming FILE when it cannot be read. */
import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';
import type { CliIo } from './io.js';

/** Why a file cannot be read, in a few words, from the error fs threw. */
export function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : (code ?? 'unreadable');
}

/** Refusal of an input over `maxBytes` (`bytes`: its size, or "more than" the limit for a stream cut short). */
function tooLarge(file: string, bytes: number | string, limit: ReadLimit): InputError {
  return new InputError(
    file === '-' ? 'stdin' : 'FILE',
    file === '-' ? bytes : `${file} (${bytes} bytes)`,
    `${limit.what} of at most ${limit.maxBytes} bytes (${limit.maxText})`,
  );
}

/** Reads a whole stream as UTF-8 text; with a limit, stops and refuses once more than maxBytes have arrived. */
async function readAll(stream: NodeJS.ReadableStream, limit?: ReadLimit): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    bytes += b.length;
    if (limit !== undefined && bytes > limit.maxBytes) throw tooLarge('-', `more than ${limit.maxBytes} bytes`, limit);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A size limit checked BEFORE reading (a file's size from stat; stdin counted as it arrives), so that a 1 GB file is
 * refused without being read. `what` names the kind of file in messages ("a measurements file").
 */
export interface ReadLimit {
  maxBytes: number;
  /** The limit as people read it: "64 MiB". */
  maxText: string;
  what: string;
}

/** A missing file or a directory is an input error naming FILE (before a stream would fail on it). */
export function checkReadableFile(file: string): void {
  let why: string | null = null;
  try {
    if (statSync(file).isDirectory()) why = 'a directory';
  } catch (error) {
    why = unreadable(error);
  }
  if (why !== null) throw new InputError('FILE', file, `a readable scenario file (${why})`);
}

/** The scenario text of FILE, or of stdin for "-"; a missing or unreadable file is an input error naming it. */
export async function readInput(
  file: string | undefined,
  io: CliIo,
  usage: string,
  limit?: ReadLimit,
): Promise<{ text: string; source: string }> {
  const what = limit?.what ?? 'a scenario file';
  if (file === undefined) throw new InputError('FILE', undefined, `${what}, or - for stdin (usage: ${usage})`);
  if (file === '-') {
    if (!io.stdin) throw new InputError('FILE', '-', 'a readable stdin');
    return { text: await readAll(io.stdin, limit), source: 'stdin' };
  }
  try {
    if (limit !== undefined) {
      const size = statSync(file).size;
      if (size > limit.maxBytes) throw tooLarge(file, size, limit);
    }
    return { text: readFileSync(file, 'utf8'), source: file };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError('FILE', file, `a readable ${what.replace(/^an? /, '')} (${unreadable(error)})`);
  }
}
