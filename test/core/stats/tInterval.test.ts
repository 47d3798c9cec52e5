// Student t quantile t(0.975, df) (src/core/sim/stats.ts) against published tables (Abramowitz & Stegun 1964,
// table 26.10) and scipy.stats.t.ppf.
import { describe, expect, it } from 'vitest';
import { sectioningHalfWidth, tQuantile975 } from '../../../src/core/stats/tInterval.js';
import { expectClose } from '../../helpers/expectClose.js';

describe('tQuantile975', () => {
  it('matches the t tables: 12.706, 2.776, 2.262, 2.093, 1.984', () => {
    const known: [number, number][] = [
      [1, 12.706],
      [4, 2.776],
      [9, 2.262],
      [19, 2.093],
      [100, 1.984],
    ];
    for (const [df, t] of known) expectClose(tQuantile975(df), t, { abs: 5e-4 }, `df ${df}`);
  });

  it('the Cornish-Fisher branch matches scipy.stats.t.ppf(0.975, df) above the table', () => {
    const scipy: [number, number][] = [
      [31, 2.0395134463964077],
      [40, 2.021075390306273],
      [60, 2.0002978220142604],
      [100, 1.9839715185235518],
      [120, 1.9799304050824402],
      [1000, 1.9623390808264083],
    ];
    for (const [df, t] of scipy) expectClose(tQuantile975(df), t, { rel: 2e-6 }, `df ${df}`);
    expect(() => tQuantile975(0)).toThrow(RangeError);
  });
});

describe('sectioningHalfWidth', () => {
  it('t(0.975, n - 1) s / sqrt(n): for 1, 2, 3 it is 4.302652729749462 x 1 / sqrt(3); one value has none', () => {
    expectClose(sectioningHalfWidth([1, 2, 3]), 4.302652729749462 / Math.sqrt(3), { rel: 1e-15 }, 'half-width');
    expect(sectioningHalfWidth([5])).toBe(Number.POSITIVE_INFINITY);
    expect(sectioningHalfWidth([2, 2, 2, 2])).toBe(0);
  });
});
