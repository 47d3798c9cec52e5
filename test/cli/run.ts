import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const BIN = fileURLToPath(new URL('../../bin/capplan.js', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built command (`npm test` builds it first) as a user would, without a TTY. */
export function capplan(args: readonly string[], input?: string): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, CAPPLAN_DEBUG: '', NO_COLOR: '1' },
    timeout: 180_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Parses stdout as one JSON object and checks that nothing went to stderr. */
export function capplanJson(args: readonly string[]): Record<string, unknown> {
  const r = capplan(args);
  if (r.code !== 0) throw new Error(`capplan ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** Exit 2, nothing on stdout, one line per problem on stderr matching `patterns` in order, no stack trace. */
export function expectInputErrors(args: string[], patterns: RegExp[]): void {
  const r = capplan(args);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(patterns.length);
  patterns.forEach((p, i) => {
    expect(lines[i]).toMatch(p);
  });
  expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
}
