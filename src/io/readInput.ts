/** Reading a scenario's text: FILE or stdin ("-"), with an input error naming FILE when it cannot be read. */
import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';
import type { CliIo } from './io.js';

/** Why a file cannot be read, in a few words, from the error fs threw. */
export function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : (code ?? 'unreadable');
}

/** Reads a whole stream as UTF-8 text. */
async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
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
): Promise<{ text: string; source: string }> {
  if (file === undefined) throw new InputError('FILE', undefined, `a scenario file, or - for stdin (usage: ${usage})`);
  if (file === '-') {
    if (!io.stdin) throw new InputError('FILE', '-', 'a readable stdin');
    return { text: await readAll(io.stdin), source: 'stdin' };
  }
  try {
    return { text: readFileSync(file, 'utf8'), source: file };
  } catch (error) {
    throw new InputError('FILE', file, `a readable scenario file (${unreadable(error)})`);
  }
}
