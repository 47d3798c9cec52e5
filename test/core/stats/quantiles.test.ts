// The two named sample-quantile conventions (src/core/stats/quantiles.ts), against their definitions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestRankSorted, quantileSorted } from '../../../src/core/stats/quantiles.js';
import { expectClose } from '../../helpers/expectClose.js';

describe('sample quantiles', () => {
  it('nearest rank: the smallest sample whose empirical distribution reaches p (Hyndman & Fan type 1)', () => {
    expect(nearestRankSorted([1, 2, 3, 4], 0.5)).toBe(2);
    expect(nearestRankSorted([1, 2, 3, 4], 0.51)).toBe(3);
    expect(nearestRankSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(nearestRankSorted([1, 2, 3, 4], 1)).toBe(4);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 1000 }),
        (xs, k) => {
          const s = [...xs].sort((a, b) => a - b);
          const p = k / 1000;
          // the definition: min x with #{x_i <= x} / n >= p
          const expected = s.find((x) => s.filter((y) => y <= x).length / s.length >= p);
          expect(nearestRankSorted(s, p)).toBe(expected);
        },
      ),
      { seed: 1, numRuns: 300 },
    );
  });

  it('R-7 interpolates between order statistics; an empty array or p outside [0, 1] is refused', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([10, 20, 30], 0.5)).toBe(20);
    expect(() => nearestRankSorted([], 0.5)).toThrow(RangeError);
    expect(() => nearestRankSorted([1], 1.5)).toThrow(RangeError);
  });
});

describe('quantileSorted (R-7)', () => {
  it('matches R quantile(type = 7)', () => {
    // R: quantile(c(1, 2, 3, 4), c(0, 0.5, 0.9, 1)) = 1, 2.5, 3.7, 4
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expectClose(quantileSorted([1, 2, 3, 4], 0.9), 3.7, { rel: 1e-15 }, 'p90');
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([7], 0.9)).toBe(7);
    expect(() => quantileSorted([], 0.5)).toThrow(RangeError);
    expect(() => quantileSorted([1], 1.5)).toThrow(RangeError);
  });
});
