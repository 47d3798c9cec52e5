import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { CliIo } from '../../src/cli/main.js';
import { runMain } from './sourceMain.js';

export const BIN = fileURLToPath(new URL('../../bin/capplan.js', import.meta.url));
/** The built CLI that bin/capplan.js loads (`npm test` builds it first). */
const BUILT_CLI = new URL('../../dist/cli.js', import.meta.url).href;

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment every run gets: no debug stack traces, no colour. */
const ENV = { ...process.env, CAPPLAN_DEBUG: '', NO_COLOR: '1' };

/**
 * Runs the built command (`npm test` builds it first) as a user would, in a subprocess without a TTY. Use it where
 * the process itself is under test (exit status, stdin, no stack trace, start-up); `cli` runs the same code in-process.
 */
export function capplan(args: readonly string[], input?: string): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input,
    env: ENV,
    timeout: 300_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Main = (argv: readonly string[], io: CliIo) => Promise<number>;
let builtMain: Promise<Main> | undefined;

/**
 * Runs the built command in this process: the `main(argv, io)` that bin/capplan.js calls (dist/cli.js, with its
 * simulation worker dist/simWorker.js), with stdout and stderr captured, `input` as stdin, no TTY and the same
 * environment as `capplan`. The exit code is main's return value (what the bin sets as process.exitCode). It skips
 * a Node start-up and module load per call; the commands are the same code.
 */
export async function cli(args: readonly string[], input?: string): Promise<RunResult> {
  builtMain ??= import(BUILT_CLI).then((m: { main: Main }) => m.main);
  return runMain(await builtMain, args, input ?? '', ENV);
}

/** Parses stdout as one JSON object and checks that nothing went to stderr. */
export function capplanJson(args: readonly string[]): Record<string, unknown> {
  const r = capplan(args);
  if (r.code !== 0) throw new Error(`capplan ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** `capplanJson` in-process (`cli`). */
export async function cliJson(args: readonly string[]): Promise<Record<string, unknown>> {
  const r = await cli(args);
  if (r.code !== 0) throw new Error(`capplan ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

function checkInputErrors(r: RunResult, patterns: RegExp[]): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(patterns.length);
  patterns.forEach((p, i) => {
    expect(lines[i]).toMatch(p);
  });
  expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
}

/** Exit 2, nothing on stdout, one line per problem on stderr matching `patterns` in order, no stack trace. */
export function expectInputErrors(args: string[], patterns: RegExp[]): void {
  checkInputErrors(capplan(args), patterns);
}

/** `expectInputErrors` in-process (`cli`). */
export async function expectCliErrors(args: string[], patterns: RegExp[]): Promise<void> {
  checkInputErrors(await cli(args), patterns);
}
