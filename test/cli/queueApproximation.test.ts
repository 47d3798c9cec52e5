// capplan queue reports the M/G/c approximation's measured error (src/core/queueing/approximationError.ts): the band
// in the JSON (`approximationError`) and a text line, and a warning outside the measured range (`warnings`), both
// derived from the table, never typed in. Runs the built command (node scripts/build.mjs first).
import { describe, expect, it } from 'vitest';
import { bandText, measuredRangeText } from '../../src/core/queueing/approximationError.js';
import { cli, cliJson } from './run.js';

type Band = [number, number];
interface ErrorJson {
  meanResponse: Band | null;
  p99: Band | null;
  lognormal: { meanResponse: Band; p99: Band } | null;
  measuredOn: string;
  outside: string | null;
}

describe('capplan queue: the approximation error', () => {
  it('JSON: the band of an M/G/c queue inside the measured range, no warning', async () => {
    const j = await cliJson(['queue', '--servers', '8', '--rate', '720/s', '--service', '10ms', '--cv', '2', '--json']);
    const e = j.approximationError as ErrorJson;
    expect(e.outside).toBeNull();
    for (const b of [e.meanResponse, e.p99, e.lognormal?.meanResponse, e.lognormal?.p99]) {
      expect(b).toHaveLength(2);
      expect((b as Band)[0]).toBeLessThanOrEqual((b as Band)[1]);
    }
    expect(e.measuredOn).toContain('servers 8, utilisation 0.9, cv 2');
    expect(j.warnings).toEqual([]);
  });

  it('JSON: null on the exact M/M/c path', async () => {
    const j = await cliJson(['queue', '--servers', '8', '--rate', '720/s', '--service', '10ms', '--json']);
    expect(j.approximationError).toBeNull();
    expect(j.warnings).toEqual([]);
  });

  it('text: one line with the band, from the same figures as the JSON', async () => {
    const args = ['queue', '--servers', '4', '--rate', '280/s', '--service', '10ms', '--cv', '1.5'];
    const e = (await cliJson([...args, '--json'])).approximationError as ErrorJson;
    const r = await cli(args);
    expect(r.code).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.trimStart().startsWith('approximation')) as string;
    expect(line).toContain(`mean response ${bandText(e.meanResponse as Band)}, p99 ${bandText(e.p99 as Band)}`);
    expect(r.stdout).not.toContain('warning');
  });

  it('outside the measured range: a warning naming the range (JSON warnings, a text line)', async () => {
    const args = ['queue', '--servers', '8', '--rate', '780/s', '--service', '10ms', '--cv', '2'];
    const j = await cliJson([...args, '--json']);
    const e = j.approximationError as ErrorJson;
    expect(e.meanResponse).toBeNull();
    expect(e.outside).toContain('utilisation 0.975 is above 0.95');
    const warnings = j.warnings as string[];
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(measuredRangeText());
    const text = (await cli(args)).stdout;
    expect(text).toMatch(/\n {2}warning +the M\/G\/c approximation is outside the range/);
    expect(text).not.toMatch(/\n {2}approximation /);
  });
});
