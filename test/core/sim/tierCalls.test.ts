// The analytic model of a request's repeated calls to one station (src/core/queueing/repeatedCalls.ts, through
// responseSum's sameStation) against the simulated walk over the calibration grid (tierCallsGrid.ts): the simulated
// p99s are the fixture test/fixtures/sim/tierCalls.json, written by tierCallsMeasure.test.ts (MEASURE=1 WRITE=1; its
// `source` says with how many calls and seeds). Only the analytic side runs here, so the whole grid is checked in a
// second: (analytic - simulated) / simulated p99 within the bounds stated in the latency method
// (src/compare/tiers/systemLatency.ts REPEATED_CALLS_ERROR) and the README, where the simulated p99 is known to
// within 3% (95% interval); wider intervals (near saturation with many calls) within their own width more.
// TABLE=1 prints the calibration table of the README (before: independent calls; after: the model).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPEATED_CALLS_ERROR, REPEATED_CALLS_MEASURED_CALLS } from '../../../src/compare/tiers/systemLatency.js';
import { errorRows, errorTable, type GridFixture, gridCases } from './tierCallsGrid.js';

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/sim/tierCalls.json', import.meta.url), 'utf8'),
) as GridFixture;

/** Cases whose simulated p99 is known to within this (95% interval half-width, relative) carry the stated bounds. */
const TIGHT = 0.03;

describe('repeated calls to one station against the simulated walk (the calibration grid)', () => {
  const rows = errorRows(fixture.cases);
  if (process.env.TABLE === '1') console.log(`${fixture.source}\n${errorTable(rows)}`);

  it('has every case of the grid', () => {
    expect(rows.length).toBe(fixture.cases.length);
    expect(rows.length).toBeGreaterThan(700);
  });

  it('a single call: the figures of independent calls (the single-call model, unchanged)', () => {
    for (const r of rows.filter((x) => x.g.calls === 1)) expect(r.after, r.key).toBe(r.before);
  });

  for (const family of ['exponential', 'gamma', 'cache'] as const) {
    const bound = REPEATED_CALLS_ERROR[family];
    it(`${family}, 2 calls or more: within [${(bound.lo * 100).toFixed(1)}%, +${(bound.hi * 100).toFixed(1)}%] where the walk's p99 is known to 3%, within that plus the interval elsewhere`, () => {
      for (const r of rows.filter((x) => x.g.family === family && x.g.calls > 1)) {
        const slack = r.half <= TIGHT ? 0 : r.half;
        const label = `${r.key}: ${(r.after * 100).toFixed(1)}% (interval +-${(r.half * 100).toFixed(1)}%)`;
        expect(r.after, label).toBeGreaterThanOrEqual(bound.lo - slack);
        expect(r.after, label).toBeLessThanOrEqual(bound.hi + slack);
      }
    });
  }
});

it("the most calls per request the method and the notes quote is the grid's", () => {
  expect(Math.max(...gridCases().map((c) => c.calls))).toBe(REPEATED_CALLS_MEASURED_CALLS);
});
