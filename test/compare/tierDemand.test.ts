// The calls each tier receives and the CPU demand of a request on co-located tiers (src/compare/tierDemand.ts),
// against an independent enumeration of every outcome of the calls that reach each tier (exact to 1e-12), and the
// chain of caches in front of a tier.
import { describe, expect, it } from 'vitest';
import { coLocatedDemand, tierCalls } from '../../src/compare/tierDemand.js';
import type { Tier } from '../../src/scenario/types.js';

const stateless = (name: string, s: number, cv: number, calls: number): Tier => ({
  name,
  role: 'stateless',
  serviceTimeS: s,
  serviceTimeCv: cv,
  callsPerRequest: calls,
});
const cache = (name: string, s: number, cv: number, calls: number, hit: number): Tier => ({
  name,
  role: 'cache',
  serviceTimeS: s,
  serviceTimeCv: cv,
  callsPerRequest: calls,
  hitRatio: hit,
  workingSetBytes: 0,
});
const db = (name: string, s: number, cv: number, calls: number): Tier => ({
  name,
  role: 'database',
  serviceTimeS: s,
  serviceTimeCv: cv,
  callsPerRequest: calls,
  workingSetBytes: 0,
  writeFraction: 0.2,
  replication: 3,
  consistency: 'strong',
});

/** The binomial probabilities of 0..n successes of probability p. */
function binomial(n: number, p: number): number[] {
  const out: number[] = [];
  for (let k = 0; k <= n; k++) {
    let c = 1;
    for (let j = 0; j < k; j++) c = (c * (n - j)) / (j + 1);
    out.push(c * p ** k * (1 - p) ** (n - k));
  }
  return out;
}

/**
 * Mean and variance of the demand by enumeration: every joint outcome of the counts (each tier's count binomial with
 * the given reach probability, independent), then the law of total variance over the outcomes.
 */
function enumerate(tiers: readonly Tier[], reach: readonly number[]): { mean: number; variance: number } {
  let outcomes: { prob: number; mean: number; varGiven: number }[] = [{ prob: 1, mean: 0, varGiven: 0 }];
  tiers.forEach((t, i) => {
    const pmf = binomial(t.callsPerRequest, reach[i] as number);
    const next: typeof outcomes = [];
    for (const o of outcomes)
      pmf.forEach((q, k) => {
        if (q === 0) return;
        next.push({
          prob: o.prob * q,
          mean: o.mean + k * t.serviceTimeS,
          varGiven: o.varGiven + k * (t.serviceTimeCv * t.serviceTimeS) ** 2,
        });
      });
    outcomes = next;
  });
  const mean = outcomes.reduce((a, o) => a + o.prob * o.mean, 0);
  const variance = outcomes.reduce((a, o) => a + o.prob * (o.varGiven + (o.mean - mean) ** 2), 0);
  return { mean, variance };
}

describe('tierCalls', () => {
  it('behind a cache only its misses arrive; a run of caches multiplies their misses; a non-cache tier ends the run', () => {
    const tiers = [
      stateless('app', 0.006, 1.2, 1),
      cache('l1', 0.0001, 1, 4, 0.5),
      cache('l2', 0.0003, 1, 4, 0.8),
      db('db', 0.002, 1, 4),
      stateless('search', 0.01, 1, 2),
    ];
    const calls = tierCalls(tiers);
    expect(calls.map((c) => c.reachProbability)).toEqual([1, 1, 0.5, expect.closeTo(0.1, 15), 1]);
    expect(calls[3]?.meanCalls).toBeCloseTo(0.4, 15);
    expect(calls[3]?.callsVariance).toBeCloseTo(4 * 0.1 * 0.9, 15);
    expect(calls[4]).toEqual({ reachProbability: 1, meanCalls: 2, callsVariance: 0 });
  });

  it("the contract's example: 4 calls behind a 90% cache are 0.4 database calls per request", () => {
    const c = tierCalls([stateless('app', 0.006, 1.2, 1), cache('cache', 0.0003, 1, 4, 0.9), db('db', 0.002, 1, 4)]);
    expect(c[2]?.meanCalls).toBeCloseTo(0.4, 15);
  });
});

describe('coLocatedDemand', () => {
  const cases: [string, Tier[]][] = [
    ['two exponential tiers', [stateless('app', 0.01, 1, 1), db('db', 0.01, 1, 1)]],
    ['app + 4 db calls, mixed cvs', [stateless('app', 0.006, 1.2, 1), db('db', 0.002, 0.5, 4)]],
    [
      'app, cache 90%, db behind it',
      [stateless('app', 0.006, 1.2, 1), cache('cache', 0.0003, 1, 4, 0.9), db('db', 0.002, 1, 4)],
    ],
    [
      'two caches in a row, a deterministic db, a tier after it',
      [
        stateless('app', 0.004, 0, 2),
        cache('l1', 0.0001, 0.3, 3, 0.6),
        cache('l2', 0.0002, 2, 3, 0.7),
        db('db', 0.003, 0, 3),
        stateless('search', 0.01, 1.5, 1),
      ],
    ],
  ];
  for (const [name, tiers] of cases) {
    it(`${name}: mean and cv equal the enumeration of every outcome to 1e-12`, () => {
      const reach = tierCalls(tiers).map((c) => c.reachProbability);
      const { mean, variance } = enumerate(tiers, reach);
      const d = coLocatedDemand(tiers);
      expect(Math.abs(d.meanS - mean) / mean).toBeLessThan(1e-12);
      expect(Math.abs(d.cv - Math.sqrt(variance) / mean)).toBeLessThan(1e-12);
    });
  }

  it('one tier is that tier: its service time and cv (the single-tier scenario as today)', () => {
    expect(coLocatedDemand([stateless('app', 0.012, 1.3, 1)])).toEqual({ meanS: 0.012, cv: expect.closeTo(1.3, 14) });
  });

  it('the doc examples hold: two 10 ms exponential tiers give 20 ms at cv 1/sqrt(2)', () => {
    const d = coLocatedDemand([stateless('app', 0.01, 1, 1), db('db', 0.01, 1, 1)]);
    expect(d.meanS).toBeCloseTo(0.02, 15);
    expect(d.cv).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('no call at all: no demand, cv 0', () => {
    expect(coLocatedDemand([stateless('app', 0.01, 1, 0)])).toEqual({ meanS: 0, cv: 0 });
  });
});
