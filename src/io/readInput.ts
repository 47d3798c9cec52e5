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
    return { text: scenarioText(await readStreamBounded(io.stdin, MAX_SCENARIO_BYTES), 'stdin'), source: 'stdin' };
  }
  return { text: await readScenarioFile(file), source: file };
}
