/**
 * The memoised sums of a system's latency (tiers/sumMemo.ts): every figure is the fresh computation's, bit for bit,
 * a repeated figure does not build the sum again, and terms that differ in any field (-0, Infinity included) are
 * different keys.
 */

import { describe, expect, it } from 'vitest';
import {
  type KeyedSum,
  keyedSum,
  mixtureQuantileOf,
  sumMean,
  sumMethod,
  sumQuantile,
} from '../../src/compare/tiers/sumMemo.js';
import { type ResponseSumTerm, responseMixtureQuantile, responseSum } from '../../src/core/queueing/index.js';

/** A cache-and-database route like ecommerce-cache's: random calls, correlated waits, a write detour. */
const route = (rate: number): ResponseSumTerm[] => [
  { queue: { servers: 8, arrivalRatePerS: rate, serviceTimeS: 0.008, serviceTimeCv: 1.2 } },
  {
    queue: { servers: 4, arrivalRatePerS: 6 * rate, serviceTimeS: 0.0002 },
    calls: 6,
    perCallS: 0.0006,
    sameStation: { queues: 3 },
  },
  {
    queue: { servers: 16, arrivalRatePerS: 0.9 * rate, serviceTimeS: 0.003, serviceTimeCv: 1.5 },
    calls: 6,
    callProbability: 0.15,
    perCallS: 0.0006,
    sameStation: { queues: 1 },
    detour: { probability: 0.05, s: 0.001 },
  },
  { constantS: 0.002 },
];

/** A keyed sum that counts how often it is built. */
function counted(terms: readonly ResponseSumTerm[]): { s: KeyedSum; builds: () => number } {
  const inner = keyedSum(terms);
  let n = 0;
  return {
    s: {
      key: inner.key,
      sum: () => {
        n++;
        return inner.sum();
      },
    },
    builds: () => n,
  };
}

describe('sumMemo', () => {
  it('gives the fresh figures of a sum, bit for bit, and builds it once', () => {
    const terms = route(700);
    const fresh = responseSum(terms);
    const a = counted(terms);
    expect(sumQuantile(a.s, 0.99)).toBe(fresh.quantile(0.99));
    expect(sumQuantile(a.s, 0.5)).toBe(fresh.quantile(0.5));
    expect(sumMean(a.s)).toBe(fresh.meanS);
    expect(sumMethod(a.s)).toBe(fresh.method);
    expect(a.builds()).toBeGreaterThan(0);
    // the same terms again (a new object): every figure from the memo, the sum never built
    const b = counted(route(700));
    expect(b.s.key).toBe(a.s.key);
    expect(sumQuantile(b.s, 0.99)).toBe(fresh.quantile(0.99));
    expect(sumMean(b.s)).toBe(fresh.meanS);
    expect(b.builds()).toBe(0);
  });

  it("gives a mixture's fresh quantile, bit for bit, and computes it once", () => {
    const east = route(650);
    const west = route(651);
    const parts = (e: KeyedSum, w: KeyedSum) => [
      { weight: 0.7, shiftS: 0.001, sum: e },
      { weight: 0.3, shiftS: 0.07, sum: w },
    ];
    const fresh = responseMixtureQuantile(
      [
        { weight: 0.7, shiftS: 0.001, sum: responseSum(east) },
        { weight: 0.3, shiftS: 0.07, sum: responseSum(west) },
      ],
      0.99,
    );
    const e = counted(east);
    const w = counted(west);
    expect(mixtureQuantileOf(parts(e.s, w.s), 0.99)).toBe(fresh);
    const e2 = counted(route(650));
    const w2 = counted(route(651));
    expect(mixtureQuantileOf(parts(e2.s, w2.s), 0.99)).toBe(fresh);
    expect(e2.builds() + w2.builds()).toBe(0);
    // another level, weight or shift is another mixture
    expect(mixtureQuantileOf(parts(e2.s, w2.s), 0.999)).toBeGreaterThan(fresh);
    const shifted = mixtureQuantileOf(
      [
        { weight: 0.7, shiftS: 0.002, sum: e2.s },
        { weight: 0.3, shiftS: 0.07, sum: w2.s },
      ],
      0.99,
    );
    expect(shifted).not.toBe(fresh);
  });

  it('builds one sum for every KeyedSum of the same terms, and its quantiles are the fresh ones', () => {
    // the route's p99 is the start of its mixture's p99 search and a user region's figure (systemLatency.ts): one
    // sum, its quantile kept (sumOfResponses.ts quantilesKept). Other terms, another sum. A mutant keying the built
    // sums by their first term only fails here.
    const a = keyedSum(route(710));
    const b = keyedSum(route(710));
    const other = keyedSum([...route(710).slice(0, 3), { constantS: 0.0021 }]);
    expect(b.sum()).toBe(a.sum());
    expect(other.sum()).not.toBe(a.sum());
    const fresh = responseSum(route(710));
    expect(Object.is(a.sum().quantile(0.99), fresh.quantile(0.99))).toBe(true);
    expect(
      Object.is(mixtureQuantileOf([{ weight: 1, shiftS: 0.01, sum: b }], 0.999), 0.01 + fresh.quantile(0.999)),
    ).toBe(true);
    const otherFresh = responseSum([...route(710).slice(0, 3), { constantS: 0.0021 }]);
    expect(Object.is(other.sum().quantile(0.99), otherFresh.quantile(0.99))).toBe(true);
  });

  it('keys every field of the terms apart', () => {
    const base = keyedSum(route(700)).key;
    const keys = [
      keyedSum(route(700.0000001)).key,
      keyedSum([...route(700).slice(0, 3), { constantS: 0.0021 }]).key,
      keyedSum([...route(700).slice(0, 3), { constantS: -0 }]).key,
      keyedSum([...route(700).slice(0, 3), { constantS: 0 }]).key,
      keyedSum([{ queue: { servers: 1, arrivalRatePerS: 1, serviceTimeS: 0.01, serviceTimeCv: Number.NaN } }]).key,
      keyedSum([
        { queue: { servers: 1, arrivalRatePerS: 1, serviceTimeS: 0.01, serviceTimeCv: Number.POSITIVE_INFINITY } },
      ]).key,
      keyedSum([{ queue: { servers: 1, arrivalRatePerS: 1, serviceTimeS: 0.01 }, calls: 2 }]).key,
      keyedSum([{ queue: { servers: 1, arrivalRatePerS: 1, serviceTimeS: 0.01 }, calls: 2, sameStation: {} }]).key,
    ];
    expect(new Set([base, ...keys]).size).toBe(keys.length + 1);
  });
});
