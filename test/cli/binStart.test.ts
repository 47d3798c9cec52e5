// bin/capplan.js before main(): a build missing from dist/ is an internal error in main()'s words (exit 3, one line,
// no stack trace), not Node's uncaught-error exit 1 with a stack (exit 1 means a --check target was missed).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../helpers/scratchDir.js';

const BIN = fileURLToPath(new URL('../../bin', import.meta.url));
const dir = scratchDir('capplan-bin-');

/** bin/ copied beside a dist/ holding only `files`, run with `args`. */
function runWith(files: Record<string, string>, args: string[]) {
  const root = mkdtempSync(join(dir, 'p-'));
  cpSync(BIN, join(root, 'bin'), { recursive: true });
  mkdirSync(join(root, 'dist'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'dist', name), text);
  const r = spawnSync(process.execPath, [join(root, 'bin', 'capplan.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CAPPLAN_DEBUG: '' },
  });
  return { code: r.status, stderr: r.stderr };
}

describe('bin/capplan.js before main()', () => {
  it('a command whose file throws while loading: exit 3, one line', () => {
    const r = runWith({ 'cli-nines.cjs': 'throw new Error("broken build");' }, ['nines', '99.9%']);
    expect(r).toEqual({ code: 3, stderr: expect.stringMatching(/^internal error: broken build \(please report/) });
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('no split bundle for the TUI: exit 3, one line', () => {
    const r = runWith({}, ['tui', 'x.json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^internal error: Cannot find module .*dist[\\/]cli\.js/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
