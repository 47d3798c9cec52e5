import { closeSync, ftruncateSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_MEASUREMENT_BYTES } from '../../src/cli/commands/fit.js';
import { scratchDir } from '../helpers/scratchDir.js';
import { expectRefused } from './fitHarness.js';
import { capplan } from './run.js';

const dir = scratchDir('capplan-fit-limits-');

describe('capplan fit: size limits and exit codes', () => {
  it('refuses a 1 GB file from its size, without reading it (a sparse file: nothing to read in the time allowed)', async () => {
    const p = join(dir, 'huge.csv');
    const fd = openSync(p, 'w');
    ftruncateSync(fd, 1024 ** 3);
    closeSync(fd);
    for (const kind of ['usl', 'latency', 'failures']) {
      await expectRefused(
        ['fit', kind, p],
        [
          new RegExp(
            `^error: FILE: ".*huge\\.csv \\(1073741824 bytes\\)": expected a measurements file of at most ${MAX_MEASUREMENT_BYTES} bytes \\(64 MiB\\)$`,
          ),
        ],
      );
    }
  });

  it('refuses stdin over the limit once it has seen too much', async () => {
    const big = 'n,x\n'.padEnd(MAX_MEASUREMENT_BYTES + 10, '#');
    await expectRefused(
      ['fit', 'usl', '-'],
      [/^error: stdin: "more than \d+ bytes": expected a measurements file of at most/],
      big,
    );
  });

  it('exits 2 with one line and no stack trace as a process (built CLI)', () => {
    const p = join(dir, 'bad.csv');
    writeFileSync(p, 'n,x\n1,abc\n');
    const r = capplan(['fit', 'usl', p]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/line 2, x: "abc": expected a throughput > 0/);
    const ok = capplan(['fit', 'usl', 'test/fixtures/fit/cisco.csv', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).peakN).toBe(35);
  });
});
