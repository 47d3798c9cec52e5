/** Reading a scenario's text: FILE or stdin ("-"), with an input error naming FILE when it cannot be read. */
import { statSync } from 'node:fs';
import { describePath, InputError, InputErrors } from '../errors.js';
import { ScenarioError } from '../scenario/issues.js';
import { MAX_SCENARIO_BYTES } from '../scenario/limits.js';
import { type Bounded, readFileBounded, readStreamBounded } from './boundedRead.js';
import type { CliIo } from './io.js';

/** Why a file cannot be read, in a few words, from the error fs threw. */
export function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : (code ?? 'unreadable');
}

/**
 * The text of a bounded read, or the size limit's error in the words `readScenarioJson` uses ("x.json: 2097152
 * bytes: expected a scenario of at most 1048576 bytes (1 MiB)"; "more than 1048576 bytes" where the size is unknown).
 */
export function scenarioText(read: Bounded, sourceIn: string): string {
  if ('bytes' in read) return read.bytes.toString('utf8');
  const source = describePath(sourceIn);
  const size = read.sizeBytes === null ? `more than ${MAX_SCENARIO_BYTES}` : String(read.sizeBytes);
  const expected = `a scenario of at most ${MAX_SCENARIO_BYTES} bytes (1 MiB)`;
  throw new InputErrors([new ScenarioError(source, size, expected, `${source}: ${size} bytes: expected ${expected}`)]);
}

/** A scenario file's text, read with the size limit (readFileBounded); unreadable files are an input error. */
export async function readScenarioFile(file: string, signal?: AbortSignal): Promise<string> {
  let read: Bounded;
  try {
    read = await readFileBounded(file, MAX_SCENARIO_BYTES, signal);
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new InputError('FILE', file, `a readable scenario file (${unreadable(error)})`);
  }
  return scenarioText(read, file);
}

/** Refusal of an input over `maxBytes` (`bytes`: its size, or "more than" the limit for a stream cut short). */
function tooLarge(file: string, bytes: number | string, limit: ReadLimit): InputError {
  return new InputError(
    file === '-' ? 'stdin' : 'FILE',
    file === '-' ? bytes : `${file} (${bytes} bytes)`,
    `${limit.what} of at most ${limit.maxBytes} bytes (${limit.maxText})`,
  );
}

/** The text of a bounded read under `limit`, or its refusal (tooLarge). */
function limitedText(read: Bounded, file: string, limit: ReadLimit): string {
  if ('bytes' in read) return read.bytes.toString('utf8');
  const more = `more than ${limit.maxBytes}`;
  if (file === '-') throw tooLarge('-', `${more} bytes`, limit);
  throw tooLarge(file, read.sizeBytes ?? more, limit);
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

/**
 * The text of FILE, or of stdin for "-", read with a size limit that holds while reading (boundedRead.ts): a
 * scenario's 1 MiB by default, or `limit` (fit's measurement files); a missing or unreadable file is an input error
 * naming it.
 */
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
    const read = await readStreamBounded(io.stdin, limit?.maxBytes ?? MAX_SCENARIO_BYTES);
    return { text: limit ? limitedText(read, '-', limit) : scenarioText(read, 'stdin'), source: 'stdin' };
  }
  if (limit === undefined) return { text: await readScenarioFile(file), source: file };
  let read: Bounded;
  try {
    read = await readFileBounded(file, limit.maxBytes);
  } catch (error) {
    throw new InputError('FILE', file, `a readable ${what.replace(/^an? /, '')} (${unreadable(error)})`);
  }
  return { text: limitedText(read, file, limit), source: file };
}
