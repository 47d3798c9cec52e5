// In-process runs of `capplan fit` (main() with string streams): fast, and the exit code is main's return value.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { scratchDir } from '../helpers/scratchDir.js';
import { sourceCli } from './sourceMain.js';

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(argv: readonly string[], stdin = ''): Promise<Ran> {
  return sourceCli(argv, stdin);
}

/** Runs and parses stdout as JSON, failing with stderr when the exit code is not 0. */
export async function cliJson(argv: readonly string[], stdin = ''): Promise<Record<string, unknown>> {
  const r = await cli(argv, stdin);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** Exit 2, nothing on stdout, one stderr line per pattern (in order), no stack trace. */
export async function expectRefused(argv: readonly string[], patterns: RegExp[], stdin = ''): Promise<void> {
  const r = await cli(argv, stdin);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(patterns.length);
  patterns.forEach((p, i) => {
    expect(lines[i]).toMatch(p);
  });
  expect(r.stderr).not.toMatch(/\bat .*\.[jt]s:\d+/);
}

/** A fresh temporary folder and a writer of files in it (name, text) -> path. */
export function tempFiles(prefix: string): { dir: string; file(name: string, text: string): string } {
  const dir = scratchDir(prefix);
  return {
    dir,
    file(name: string, text: string): string {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    },
  };
}
