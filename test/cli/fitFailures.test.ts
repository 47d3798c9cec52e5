import { describe, expect, it } from 'vitest';
import { chiSquareQuantile } from '../../src/core/stats/chiSquare.js';
import { expectClose } from '../helpers/expectClose.js';
import { cli, cliJson, expectRefused, tempFiles } from './fitHarness.js';

const INCIDENTS = 'test/fixtures/fit/incidents.csv';
const { file } = tempFiles('capplan-fit-failures-');

describe('capplan fit failures', () => {
  it("gives the contract's fields over --from/--to, per component too", async () => {
    const j = await cliJson(['fit', 'failures', INCIDENTS, '--from', '2025-01-01', '--to', '2026-01-01', '--json']);
    expect(j.failures).toBe(4);
    expect(j.observedHours).toBe(8760);
    // incidents of 2.5 h, 0.75 h, 3 h, 1.5 h: 7.75 h down
    expect(j.upHours).toBe(8760 - 7.75);
    expect(j.mtbfHours).toBe((8760 - 7.75) / 4);
    expect(j.mttrHours).toBe(7.75 / 4);
    const T = 8760 - 7.75;
    const [lo, hi] = (j.ci90 as { mtbfHours: [number, number] }).mtbfHours;
    expectClose(lo, (2 * T) / chiSquareQuantile(0.95, 10), { rel: 1e-14 });
    expectClose(hi, (2 * T) / chiSquareQuantile(0.05, 8), { rel: 1e-14 });
    const by = j.byComponent as Record<string, { failures: number; mttrHours: number }>;
    expect(Object.keys(by)).toEqual(['db', 'api']);
    expect(by.db?.mttrHours).toBe(2.75);
    expect(by.api?.failures).toBe(2);
  });

  it("without a window uses the file's span, and says so", async () => {
    const j = await cliJson(['fit', 'failures', INCIDENTS, '--json']);
    expect(j.from).toBe('2025-01-14T03:10:00.000Z');
    expect(j.to).toBe('2025-10-05T09:30:00.000Z');
    expect(j.window).toMatch(/span/);
    const r = await cli(['fit', 'failures', INCIDENTS]);
    expect(r.stdout).toMatch(/all: 4 failures, MTBF/);
  });

  it('a window without incidents gives the lower bound only', async () => {
    const j = await cliJson([
      'fit',
      'failures',
      file('none.csv', 'start,end\n'),
      '--from',
      '2025-01-01',
      '--to',
      '2026-01-01',
      '--json',
    ]);
    expect(j.failures).toBe(0);
    expect(j.mtbfHours).toBeNull();
    expect((j.ci90 as { mtbfHours: [number, null] }).mtbfHours[1]).toBeNull();
  });

  it('refuses times out of order, an end before its start, bad times, naming the line', async () => {
    await expectRefused(
      [
        'fit',
        'failures',
        file(
          'bad.csv',
          [
            'start,end',
            '2025-02-01T00:00:00Z,2025-02-01T01:00:00Z',
            '2025-01-01T00:00:00Z,2025-01-01T01:00:00Z',
            '2025-03-01T05:00:00Z,2025-03-01T04:00:00Z',
            'yesterday,2025-04-01T00:00:00Z',
            '2025-02-30T00:00:00Z,2025-04-01T00:00:00Z',
          ].join('\n'),
        ),
      ],
      [
        /bad\.csv line 3, start: "2025-01-01T00:00:00Z": expected a time at or after the previous row's start \(line 2\)/,
        /bad\.csv line 4, end: "2025-03-01T04:00:00Z": expected a time at or after the start 2025-03-01T05:00:00Z/,
        /bad\.csv line 5, start: "yesterday": expected an ISO 8601 time/,
        /bad\.csv line 6, start: "2025-02-30T00:00:00Z": expected an ISO 8601 time/,
      ],
    );
  });

  it('refuses an empty file, a file without incidents or window, an incident outside the window, a bad flag', async () => {
    await expectRefused(['fit', 'failures', file('empty.csv', '')], [/empty\.csv: "": expected a CSV of incidents/]);
    await expectRefused(
      ['fit', 'failures', file('header.csv', 'start,end\n')],
      [/header\.csv: "": expected at least one incident row, or --from and --to/],
    );
    await expectRefused(
      ['fit', 'failures', INCIDENTS, '--from', '2025-02-01'],
      [/incidents\.csv line 3: "2025-01-14T03:10:00\.000Z to .*": expected an incident inside the window/],
    );
    await expectRefused(
      ['fit', 'failures', INCIDENTS, '--to', 'soon'],
      [/^error: --to: "soon": expected an ISO 8601 time/],
    );
  });
});
