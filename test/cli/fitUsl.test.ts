import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../helpers/expectClose.js';
import { cli, cliJson, expectRefused, tempFiles } from './fitHarness.js';

const CISCO = 'test/fixtures/fit/cisco.csv';
const { dir, file } = tempFiles('capplan-fit-usl-');

describe('capplan fit usl', () => {
  it("prints the contract's fields for the Cisco data set, the book's fit to 0.1%", async () => {
    const j = await cliJson(['fit', 'usl', CISCO, '--json']);
    for (const key of ['contention', 'coherency', 'lambda', 'peakN', 'peakThroughput', 'rSquared', 'ci95', 'method']) {
      expect(j, key).toHaveProperty(key);
    }
    expectClose(j.contention as number, 0.02671591, { rel: 1e-3 });
    expectClose(j.coherency as number, 7.690945e-4, { rel: 1e-3 });
    expectClose(j.lambda as number, 995.6486, { rel: 1e-3 });
    expect(j.peakN).toBe(35);
    expectClose(j.peakThroughput as number, 12341, { rel: 1e-3 });
    const ci = j.ci95 as Record<string, [number, number]>;
    expect(ci.contention?.[0]).toBeLessThan(j.contention as number);
    expect(ci.coherency?.[1]).toBeGreaterThan(j.coherency as number);
  });

  it('prints a readable summary without --json', async () => {
    const r = await cli(['fit', 'usl', CISCO]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/contention \(sigma\)\s+0\.02672 \(95% /);
    expect(r.stdout).toMatch(/peak\s+12\.34k\/s at N = 35/);
  });

  it('--plot writes an SVG of the points, the fitted curve and the peak (atomically)', async () => {
    const svgFile = join(dir, 'usl.svg');
    const r = await cli(['fit', 'usl', CISCO, '--plot', svgFile]);
    expect(r.code, r.stderr).toBe(0);
    const svg = readFileSync(svgFile, 'utf8');
    expect(svg).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" data-chart="usl"/,
    );
    expect(svg.match(/<circle /g)).toHaveLength(32);
    expect(svg).toMatch(/<path d="M[\d.,]+L/);
    expect(svg).toMatch(/peak 12\.34k\/s at N\* = 35\.6/);
    await expectRefused(
      ['fit', 'usl', CISCO, '--plot', join(dir, 'no-such-dir', 'x.svg')],
      [/^error: --plot: ".*x\.svg": expected a writable file \(ENOENT\)$/],
    );
  });

  it('reads aliases of the columns and stdin', async () => {
    const j = await cliJson(
      ['fit', 'usl', '-', '--json'],
      'concurrency,throughput\n1,100\n2,180\n4,280\n8,320\n16,250\n',
    );
    expect(j.peakN).toBe(7);
  });

  it('names the line, the value and what was expected for every bad cell', async () => {
    const bad = file('bad.csv', 'n,x\n1,100\n2,abc\nzero,180\n4,0\n8,-3\n');
    await expectRefused(
      ['fit', 'usl', bad],
      [
        /^error: .*bad\.csv line 3, x: "abc": expected a throughput > 0/,
        /^error: .*bad\.csv line 4, n: "zero": expected a number >= 1/,
        /^error: .*bad\.csv line 5, x: "0": expected a throughput > 0 .*leave it out/,
        /^error: .*bad\.csv line 6, x: "-3": expected a throughput > 0/,
      ],
    );
  });

  it('refuses an N below 1 (a fraction of a unit is not a concurrency level)', async () => {
    await expectRefused(
      ['fit', 'usl', file('half.csv', 'n,x\n0.5,60\n1,100\n2,180\n4,280\n8,320\n')],
      [/half\.csv line 2, n: "0\.5": expected a number >= 1/],
    );
  });

  it('refuses a repeated N naming both lines, too few points, a missing column, an empty file', async () => {
    await expectRefused(
      ['fit', 'usl', file('dup.csv', 'n,x\n1,100\n2,180\n2,185\n4,280\n8,320\n')],
      [/line 4, n: "2": expected a value of n not measured before \(line 3 has it too\)/],
    );
    await expectRefused(
      ['fit', 'usl', file('three.csv', 'n,x\n1,100\n2,180\n4,280\n')],
      [
        /three\.csv: "3 measurements cannot identify .*": expected measurements that identify the model: measure throughput at 4 or more/,
      ],
    );
    await expectRefused(
      ['fit', 'usl', file('cols.csv', 'users,rate\n1,100\n')],
      [/cols\.csv line 1: "users,rate": expected a column x/],
    );
    await expectRefused(
      ['fit', 'usl', file('empty.csv', '')],
      [/empty\.csv: "": expected a CSV of measurements .* with a header row/],
    );
    await expectRefused(
      ['fit', 'usl', file('ragged.csv', 'n,x\n1,100,7\n')],
      [/ragged\.csv line 2: "1,100,7": expected 2 cells as in the header/],
    );
  });

  it('refuses negative fitted coefficients with what to measure next', async () => {
    const rows = [1, 2, 4, 8, 16].map((n) => `${n},${100 * n ** 1.1}`).join('\n');
    await expectRefused(
      ['fit', 'usl', file('super.csv', `n,x\n${rows}\n`)],
      [/contention \(sigma\) fitted as -.*: expected measurements that identify the model: measure at N = 1/],
    );
  });

  it('refuses an unknown kind, a flag of another kind, a missing file', async () => {
    await expectRefused(['fit', 'speed', CISCO], [/^error: KIND: "speed": expected one of usl, latency, failures/]);
    await expectRefused(
      ['fit', 'usl', CISCO, '--series', 'a'],
      [/^error: --series: "a": expected no --series with fit usl \(it belongs to fit latency\)/],
    );
    await expectRefused(
      ['fit', 'usl', join(dir, 'nope.csv')],
      [/FILE: ".*nope\.csv": expected a readable measurements file \(no such file\)/],
    );
  });
});
