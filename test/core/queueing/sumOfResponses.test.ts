import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logGammaQ } from '../../../src/core/math/special.js';
import {
  analyzeResponseSum,
  erlangC,
  type QueueInput,
  type ResponseSumTerm,
  responseSum,
  responseTimeQuantile,
  responseTimeSurvivalFunction,
} from '../../../src/core/queueing/index.js';
import { expectClose } from '../../helpers/expectClose.js';

// Reference values: test/fixtures/queueing/sum.json, written by gen_sum.py (mpmath 1.3.0, 30 digits): the M/M/c
// sojourn density written out and transformed term by term, sums by mpmath's Talbot inversion (checked at twice the
// degree), by closed forms (Erlang sums, M/M/1 plus a constant, binomial sums of equal exponentials), or by direct
// convolution (conditioning on the number of calls that wait, mpmath.quad). Not the Euler algorithm of the code.
interface SumCase {
  label: string;
  terms: ResponseSumTerm[];
  meanS: number;
  quantilesS: Record<string, number>;
  method: string;
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/queueing/sum.json', import.meta.url), 'utf8')) as {
  cases: SumCase[];
};

/**
 * The issue asks for the p99 to 1%; every case meets 1e-7 relative at p50..p99.9 (a deterministic tier called a
 * random number of times too, now that its count is conditioned on), which is what is enforced.
 */
const REL_QUANTILE = 1e-7;
/** Means are sums of closed-form means. */
const REL_MEAN = 1e-12;

const LEVELS = [
  ['0.5', 'p50S'],
  ['0.9', 'p90S'],
  ['0.95', 'p95S'],
  ['0.99', 'p99S'],
  ['0.999', 'p999S'],
] as const;

describe('sum of response times against the independent mpmath reference', () => {
  it('has the cases the issue asks for', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(fixture.cases.map((c) => [c.label, c] as const))('%s', (_label, c) => {
    const r = analyzeResponseSum(c.terms);
    expect(r.stable).toBe(true);
    expectClose(r.meanS ?? Number.NaN, c.meanS, { rel: REL_MEAN }, 'mean');
    // deterministic service called a random number of times: both condition on the count (and say so)
    const jumps = c.method.includes('conditioned on the count');
    expect(r.method.includes('conditioned on exactly')).toBe(jumps);
    for (const [p, key] of LEVELS) {
      const expected = c.quantilesS[p] as number;
      const actual = r.percentiles?.[key] ?? Number.NaN;
      expectClose(actual, expected, { rel: 0.01 }, `p${p} (issue: 1%)`);
      expectClose(actual, expected, { rel: REL_QUANTILE }, `p${p}`);
    }
  });
});

const mm1: QueueInput = { servers: 1, arrivalRatePerS: 50, serviceTimeS: 0.01 };

describe('deterministic service called a random number of times (no smoothing term beside it)', () => {
  // 50 servers at 0.04% load: no call waits (Erlang C ~ 1e-100), so the sum is 2 ms x Binomial(3, 1/2) exactly:
  // P(0) = 1/8, P(2 ms) = 3/8, P(4 ms) = 3/8, P(6 ms) = 1/8. The Euler series alone rang around these steps
  // (p999 7.18 ms, above the largest possible 6 ms; p50 25-50% off in a busier case).
  const r = responseSum([
    {
      queue: { servers: 50, arrivalRatePerS: 10, serviceTimeS: 0.002, serviceTimeCv: 0 },
      calls: 3,
      callProbability: 0.5,
    },
  ]);
  it('quantiles land on the steps, never past the largest value', () => {
    expectClose(r.quantile(0.6), 0.004, { rel: 1e-9 }, 'p60');
    expectClose(r.quantile(0.9), 0.006, { rel: 1e-9 }, 'p90');
    expectClose(r.quantile(0.999), 0.006, { rel: 1e-9 }, 'p99.9');
    expectClose(r.cdf(0.0041), 0.875, { rel: 1e-9 }, 'P(X <= 4.1 ms)');
    expectClose(r.meanS, 0.003, { rel: 1e-12 }, 'mean');
    expect(r.method).toContain('conditioned on exactly');
  });
});

describe('network time per call (perCallS)', () => {
  // M/M/1 at mu - lambda = 50/s: one call's response is Exp(50). Two calls, each made with probability 1/2 and
  // paying d = 3 ms of network when made: X = K d + Erlang(K, 50), K ~ Binomial(2, 1/2). Closed form:
  // P(X > t) = 1/2 e^(-50 (t - d)) [t >= d] + 1/4 e^(-50 (t - 2d)) (1 + 50 (t - 2d)) [t >= 2d] (+ 1/2 or 1/4 below)
  const d = 0.003;
  const exact = (t: number) => {
    let s = 0;
    s += t < d ? 0.5 : 0.5 * Math.exp(-50 * (t - d));
    const u = t - 2 * d;
    s += u < 0 ? 0.25 : 0.25 * Math.exp(-50 * u) * (1 + 50 * u);
    return s;
  };
  const sum = responseSum([{ queue: mm1, calls: 2, callProbability: 0.5, perCallS: d }]);
  it('calls made at random: survival and quantiles of the closed form (conditioned on the count)', () => {
    for (const t of [0.0031, 0.004, 0.0061, 0.01, 0.03, 0.08]) {
      expect(Math.abs(sum.survival(t) - exact(t)), `t=${t}`).toBeLessThan(1e-9);
    }
    // p99: 1/2 e^(-50 (t - d)) + 1/4 e^(-50 (t - 2d)) (1 + 50 (t - 2d)) = 0.01, solved by bisection here
    let lo = 0.01;
    let hi = 0.5;
    for (let i = 0; i < 200; i++) {
      const mid = 0.5 * (lo + hi);
      if (exact(mid) > 0.01) lo = mid;
      else hi = mid;
    }
    expectClose(sum.quantile(0.99), lo, { rel: 1e-8 }, 'p99');
    expectClose(sum.meanS, 2 * 0.5 * (d + 0.02), { rel: 1e-12 }, 'mean');
    expect(sum.method).toContain('conditioned on exactly');
  });
  it('calls that always happen: the network time is an exact shift (calls x perCallS)', () => {
    const a = analyzeResponseSum([{ queue: mm1, calls: 3, perCallS: d }]);
    const b = analyzeResponseSum([{ queue: mm1, calls: 3 }, { constantS: 3 * d }]);
    for (const k of ['p50S', 'p99S', 'p999S'] as const) {
      expectClose(a.percentiles?.[k] ?? 0, b.percentiles?.[k] ?? 1, { rel: 1e-12 }, k);
    }
    expect(a.minimumS).toBeCloseTo(3 * d, 15);
  });
  it('beyond MAX_COUNT_COMPONENTS combinations the steps are inverted in the transform, and the method says APPROXIMATE', () => {
    // two tiers of 200 calls at 1/2: about 2 x 130 counts each above the floor, far more than 4,096 combinations
    const terms: ResponseSumTerm[] = [
      { queue: mm1, calls: 200, callProbability: 0.5, perCallS: 0.0005 },
      { queue: mm1, calls: 200, callProbability: 0.5, perCallS: 0.0005 },
    ];
    const r = responseSum(terms);
    expect(r.method).toContain('APPROXIMATE');
    // 400 Bernoulli(1/2) calls of (0.5 ms + Exp(50)): mean 200 x 20.5 ms; the spread is wide, so the steps are
    // smoothed and the inversion stays close to the normal approximation at the median
    expectClose(r.meanS, 200 * 0.0205, { rel: 1e-12 }, 'mean');
    expectClose(r.quantile(0.5), 200 * 0.0205, { rel: 0.02 }, 'median near the mean');
  });
  it('refuses a negative or non-finite perCallS, naming the term', () => {
    expect(() => responseSum([{ queue: mm1, perCallS: -1 }])).toThrow(/terms\[0\]\.perCallS/);
    expect(() => responseSum([{ queue: mm1, perCallS: Number.NaN }])).toThrow(/perCallS/);
  });
});

describe("a write's detour paid by some calls (detour)", () => {
  // M/M/1 at mu - lambda = 50/s: each call's response is Exp(50); Erlang survival of n calls at t
  const erlang = (n: number, t: number) => {
    if (n === 0) return t < 0 ? 1 : 0;
    if (t <= 0) return 1;
    let term = 1;
    let sum = 1;
    for (let k = 1; k < n; k++) {
      term *= (50 * t) / k;
      sum += term;
    }
    return Math.exp(-50 * t) * sum;
  };
  const d = 0.003;
  it('two calls that always happen, each a write with probability 1/2: a mixture of three shifted Erlang(2) (1e-9)', () => {
    const sum = responseSum([{ queue: mm1, calls: 2, detour: { probability: 0.5, s: d } }]);
    const exact = (t: number) => 0.25 * erlang(2, t) + 0.5 * erlang(2, t - d) + 0.25 * erlang(2, t - 2 * d);
    for (const t of [0.001, 0.0031, 0.0065, 0.02, 0.05, 0.1]) {
      expect(Math.abs(sum.survival(t) - exact(t)), `t=${t}`).toBeLessThan(1e-9);
    }
    expectClose(sum.meanS, 2 * 0.02 + 2 * 0.5 * d, { rel: 1e-12 }, 'mean');
    expect(sum.method).toContain('detour');
  });
  it('calls made at random that pay the detour at random: each call is nothing, Exp, or Exp + d (1e-9)', () => {
    // two calls, each made with probability 1/2 and then a write with probability 1/2
    const sum = responseSum([{ queue: mm1, calls: 2, callProbability: 0.5, detour: { probability: 0.5, s: d } }]);
    // per call: 0 w.p. 1/2, Exp w.p. 1/4, Exp + d w.p. 1/4; two independent calls
    const exact = (t: number) =>
      0.25 * (t < 0 ? 1 : 0) +
      2 * 0.5 * 0.25 * (erlang(1, t) + erlang(1, t - d)) +
      0.0625 * (erlang(2, t) + 2 * erlang(2, t - d) + erlang(2, t - 2 * d));
    for (const t of [0.001, 0.0031, 0.0065, 0.02, 0.05, 0.1]) {
      expect(Math.abs(sum.survival(t) - exact(t)), `t=${t}`).toBeLessThan(1e-9);
    }
    let lo = 0.001;
    let hi = 1;
    for (let i = 0; i < 200; i++) {
      const mid = 0.5 * (lo + hi);
      if (exact(mid) > 0.01) lo = mid;
      else hi = mid;
    }
    expectClose(sum.quantile(0.99), lo, { rel: 1e-8 }, 'p99');
  });
  it('a detour every call pays is an exact shift; a bad detour names the term', () => {
    const a = analyzeResponseSum([{ queue: mm1, calls: 3, detour: { probability: 1, s: d } }]);
    const b = analyzeResponseSum([{ queue: mm1, calls: 3 }, { constantS: 3 * d }]);
    expectClose(a.percentiles?.p99S ?? 0, b.percentiles?.p99S ?? 1, { rel: 1e-12 }, 'p99');
    expect(() => responseSum([{ queue: mm1, detour: { probability: 2, s: d } }])).toThrow(/terms\[0\]\.detour/);
  });
});

describe('sum of response times: closed forms and consistency', () => {
  it('n calls of an M/M/1 are Erlang: survival to 5e-10 absolute against the regularized incomplete gamma', () => {
    for (const n of [1, 3, 40, 1000, 10000]) {
      const sum = responseSum([{ queue: mm1, calls: n }]);
      for (const z of [-3, -1, 0, 1, 2, 3.5]) {
        const t = (n + z * Math.sqrt(n)) / 50;
        if (t <= 0) continue;
        const exact = Math.exp(logGammaQ(n, 50 * t));
        expect(Math.abs(sum.survival(t) - exact), `n=${n} t=${t}`).toBeLessThan(5e-10);
        expect(Math.abs(sum.cdf(t) - (1 - exact)), `cdf n=${n} t=${t}`).toBeLessThan(5e-10);
      }
    }
  });

  it('the cdf keeps relative accuracy in the left tail (its own transform, no 1 - S)', () => {
    const sum = responseSum([{ queue: mm1, calls: 10 }]);
    const t = 0.02; // P(Gamma(10, 50/s) <= 0.02 s) = P(10, 1) ~ 1.1e-7
    const exact = -Math.expm1(logGammaQ(10, 1));
    // Absolute error about 3e-13 (relative 3e-6); 1 - S would have kept only its absolute 1e-11 (relative 1e-4).
    expectClose(sum.cdf(t), exact, { rel: 1e-5 }, 'left tail');
  });

  it('one call is the single queue: the survival and quantiles of distribution.ts (M/M/c, M/G/c, M/D/c)', () => {
    const queues: QueueInput[] = [
      { servers: 4, arrivalRatePerS: 500, serviceTimeS: 0.006 },
      { servers: 16, arrivalRatePerS: 3000, serviceTimeS: 0.005 },
      { servers: 2, arrivalRatePerS: 300, serviceTimeS: 0.006, serviceTimeCv: 2 },
      { servers: 8, arrivalRatePerS: 2000, serviceTimeS: 0.002, serviceTimeCv: 0.5 },
      { servers: 3, arrivalRatePerS: 1000, serviceTimeS: 0.002, serviceTimeCv: 1, arrivalCv: 0.5 },
      { servers: 1, arrivalRatePerS: 30, serviceTimeS: 0.01, serviceTimeCv: 4 },
    ];
    for (const q of queues) {
      const sum = responseSum([{ queue: q }]);
      const single = responseTimeSurvivalFunction(q);
      for (const p of [0.5, 0.99, 0.999]) {
        const t = responseTimeQuantile(q, p);
        expect(Math.abs(sum.survival(t) - single(t)), `${JSON.stringify(q)} at p${p}`).toBeLessThan(1e-9);
        expectClose(sum.quantile(p), t, { rel: 1e-8 }, `${JSON.stringify(q)} p${p}`);
      }
    }
  });

  it('deterministic service of calls that always happen is a shift: M/D/c calls plus a constant', () => {
    const md: QueueInput = { servers: 2, arrivalRatePerS: 100, serviceTimeS: 0.002, serviceTimeCv: 0 };
    const r = analyzeResponseSum([{ queue: md, calls: 3 }, { constantS: 0.01 }]);
    expect(r.minimumS).toBeCloseTo(0.016, 15);
    // P(no call waits) = (1 - C)^3 = 0.947 (C = 0.018): the median is the minimum exactly, the p99 above it.
    expect((1 - erlangC(2, 0.2)) ** 3).toBeGreaterThan(0.9);
    expect(r.percentiles?.p50S).toBe(r.minimumS);
    expect(r.percentiles?.p99S).toBeGreaterThan(r.minimumS);
  });

  it('two sets of Euler parameters agree (an error estimate of the inversion)', () => {
    for (const c of fixture.cases.filter((c) => !c.method.includes('conditioned on the count'))) {
      const a = responseSum(c.terms);
      const b = responseSum(c.terms, { euler: { a: 24, n: 40, m: 20 } });
      for (const p of [0.5, 0.99, 0.999]) expectClose(a.quantile(p), b.quantile(p), { rel: 1e-7 }, `${c.label} p${p}`);
    }
  });

  it('the p99 of the sum is far below the sum of the p99s (app + four database calls: 62%)', () => {
    const c = fixture.cases[0] as SumCase;
    const sumOfP99 = c.terms.reduce((acc, t) => {
      if (!('queue' in t)) return acc + t.constantS;
      return acc + (t.calls ?? 1) * responseTimeQuantile(t.queue, 0.99);
    }, 0);
    const p99 = analyzeResponseSum(c.terms).percentiles?.p99S ?? Number.NaN;
    expect(p99).toBeLessThan(0.65 * sumOfP99);
  });
});

describe('sum of response times: the sum of the p99s is not an upper bound', () => {
  it('two M/D/8 calls where 99.1% do not wait: p99 of one is E[S], of the sum above 2 E[S] (closed form)', () => {
    const md: QueueInput = { servers: 8, arrivalRatePerS: 1400, serviceTimeS: 0.002, serviceTimeCv: 0 };
    const c = erlangC(8, 2.8); // 0.00876: P(no wait) = 0.99124 >= 0.99, so the p99 of one call is its service time
    expect(responseTimeQuantile(md, 0.99)).toBe(0.002);
    const p99 = responseSum([{ queue: md, calls: 2 }]).quantile(0.99);
    expect(p99).toBeGreaterThan(0.004 * 1.02);
    // W1 + W2 (each 0 w.p. 1 - C, else Exp(r), r = 2 (c mu - lambda)): P(W1 + W2 > u) = e^(-ru) (2C(1-C) + C^2 (1 + ru)).
    const r = 2 * ((8 - 2.8) / 0.002);
    const u = p99 - 0.004;
    expectClose(Math.exp(-r * u) * (2 * c * (1 - c) + c * c * (1 + r * u)), 0.01, { rel: 1e-9 }, 'P(sum > p99)');
  });
});

describe('sum of response times: edges', () => {
  it('an unstable called queue makes the sum unbounded: a result, not an error', () => {
    const hot: QueueInput = { servers: 2, arrivalRatePerS: 1000, serviceTimeS: 0.002 };
    const r = analyzeResponseSum([{ queue: mm1 }, { queue: hot, calls: 2 }]);
    expect(r).toMatchObject({ stable: false, meanS: null, sdS: null, percentiles: null });
    expect(r.method).toMatch(/unstable/);
    const sum = responseSum([{ queue: hot }]);
    expect(sum.quantile(0.99)).toBe(Number.POSITIVE_INFINITY);
    expect(sum.survival(1e9)).toBe(1);
    // Never called: it adds nothing.
    expect(analyzeResponseSum([{ queue: mm1 }, { queue: hot, calls: 0 }]).stable).toBe(true);
    expect(analyzeResponseSum([{ queue: mm1 }, { queue: hot, callProbability: 0 }]).stable).toBe(true);
  });

  it('no random term: a constant', () => {
    expect(analyzeResponseSum([]).percentiles?.p99S).toBe(0);
    const r = analyzeResponseSum([{ constantS: 0.2 }, { queue: mm1, calls: 0 }]);
    expect(r).toMatchObject({ stable: true, meanS: 0.2, sdS: 0, minimumS: 0.2 });
    expect(r.percentiles?.p999S).toBe(0.2);
  });

  it('throws RangeError naming the term for invalid input', () => {
    expect(() => responseSum([{ queue: { ...mm1, fanout: 2 } }])).toThrow(/terms\[0\]\.queue\.fanout/);
    expect(() => responseSum([{ constantS: 1 }, { queue: mm1, calls: -1 }])).toThrow(/terms\[1\]\.calls/);
    expect(() => responseSum([{ queue: mm1, calls: 1.5 }])).toThrow(/calls/);
    expect(() => responseSum([{ queue: mm1, callProbability: 1.1 }])).toThrow(/callProbability/);
    expect(() => responseSum([{ constantS: -1 }])).toThrow(/constantS/);
    expect(() => responseSum([{ queue: mm1 }]).quantile(1)).toThrow(/p must be/);
  });
});

// Properties (fast-check, fixed seed). Theorems about sums of independent non-negative times: a sum with one more
// non-negative term dominates the sum without it stochastically, so no quantile falls; the sum is at least each term,
// so its p99 is at least the largest term's p99; and P(X1 + ... + XN > q1 + ... + qN) <= sum P(Xi > qi) (union
// bound), so the p99 is at most the sum of the terms' (1 - 0.01/N)-quantiles. The sum of the p99s is NOT a bound in
// general (value at risk is not subadditive), so it is not tested as one.
const SEED = 20250113;
const RUNS = 60;
/** Quantiles are accurate to about 1e-9 relative: comparisons allow 1e-7. */
const SLACK = 1e-7;

const queueArb = fc
  .record({
    servers: fc.integer({ min: 1, max: 50 }),
    rho: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    serviceTimeS: fc.double({ min: 1e-4, max: 0.5, noNaN: true }),
    serviceTimeCv: fc.constantFrom(1, 1, 0.5, 2),
  })
  .map(
    ({ servers, rho, serviceTimeS, serviceTimeCv }): QueueInput => ({
      servers,
      arrivalRatePerS: (rho * servers) / serviceTimeS,
      serviceTimeS,
      serviceTimeCv,
    }),
  );
const termArb: fc.Arbitrary<ResponseSumTerm> = fc.oneof(
  fc.record({ queue: queueArb, calls: fc.integer({ min: 1, max: 20 }) }),
  fc.record({
    queue: queueArb,
    calls: fc.integer({ min: 1, max: 20 }),
    callProbability: fc.double({ min: 0.05, max: 1, noNaN: true }),
  }),
  fc.record({ constantS: fc.double({ min: 0, max: 0.5, noNaN: true }) }),
);
const sumArb = fc.array(termArb, { minLength: 1, maxLength: 3 });

describe('sum of response times: properties', () => {
  it('adding a term never lowers any quantile', () => {
    fc.assert(
      fc.property(sumArb, termArb, (terms, extra) => {
        const before = analyzeResponseSum(terms).percentiles;
        const after = analyzeResponseSum([...terms, extra]).percentiles;
        for (const [, key] of LEVELS) {
          expect(after?.[key]).toBeGreaterThanOrEqual((before?.[key] ?? Number.NaN) * (1 - SLACK));
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('more calls never lower the p99', () => {
    fc.assert(
      fc.property(queueArb, fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }), (queue, n, more) => {
        const p99 = (calls: number) => responseSum([{ queue, calls }, { constantS: 0.001 }]).quantile(0.99);
        expect(p99(n + more)).toBeGreaterThanOrEqual(p99(n) * (1 - SLACK));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('max of the p99s <= p99 of the sum <= sum of the (1 - 0.01/N) quantiles of its N calls', () => {
    const callArb = fc.record({ queue: queueArb, calls: fc.integer({ min: 1, max: 6 }) });
    fc.assert(
      fc.property(fc.array(callArb, { minLength: 1, maxLength: 4 }), (terms) => {
        const p99 = responseSum(terms).quantile(0.99);
        const total = terms.reduce((n, t) => n + t.calls, 0);
        const lower = Math.max(...terms.map((t) => responseTimeQuantile(t.queue, 0.99)));
        const upper = terms.reduce((acc, t) => acc + t.calls * responseTimeQuantile(t.queue, 1 - 0.01 / total), 0);
        expect(p99).toBeGreaterThanOrEqual(lower * (1 - SLACK));
        expect(p99).toBeLessThanOrEqual(upper * (1 + SLACK));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
