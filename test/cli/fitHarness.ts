// In-process runs of `capplan fit` (main() with string streams): fast, and the exit code is main's return value.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect } from 'vitest';
import { main } from '../../src/cli/main.js';

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(argv: readonly string[], stdin = ''): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: {
      write: (s: string) => {
        stdout += s;
        return true;
      },
      isTTY: false,
    },
    stderr: {
      write: (s: string) => {
        stderr += s;
        return true;
      },
      isTTY: false,
    },
    stdin: Readable.from([stdin]),
    env: {},
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
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
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file(name: string, text: string): string {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    },
  };
}
