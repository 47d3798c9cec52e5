// The waits of a request's repeated calls to one station (src/core/queueing/repeatedCalls.ts) and the sums that use
// them (responseSum's sameStation): closed forms where the model has one, the limits it must keep (a single call and
// calls to different stations as before, independence when the calls are far apart), and the lower bound the search
// screens with. Against the simulated walk: tierCalls.test.ts (the fixture of the grid) and tiers.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_REPEATED_CALLS,
  type QueueInput,
  type ResponseSumTerm,
  repeatedCalls,
  responseSum,
} from '../../../src/core/queueing/index.js';
import { normalizeQueueInput } from '../../../src/core/queueing/mmc.js';
import { expectClose } from '../../helpers/expectClose.js';

const station = (input: QueueInput, awayS: number, calls: number, callProbability = 1, queues = 1) =>
  repeatedCalls({ queue: input, awayS, calls, callProbability, queues });

describe('the correlation of the waits', () => {
  it('M/M/1 with the calls back to back: rho(m) = s(m) / (2 - rho) + (rho / K) sum_{j<m} rho(j) (closed form)', () => {
    // all the other requests are at the station (M = N, geometric): the population's share of Var(W) is
    // Var(N) / (E[N] + Var(N)) = 1 / (2 - rho); s(m) = 1 - m / K; beta = lambda_req / mu = rho / K
    const rho = 0.75;
    const K = 4;
    const m = station({ servers: 1, arrivalRatePerS: rho * 1000, serviceTimeS: 0.001 }, 0, K);
    const expected = [1];
    for (let lag = 1; lag < K; lag++) {
      expected.push((1 - lag / K) / (2 - rho) + (rho / K) * expected.reduce((a, x) => a + x, 0));
    }
    expectClose(m.slowShare, 1 / (2 - rho), { rel: 1e-12 }, 'phi');
    expectClose(m.newcomers, rho / K, { rel: 1e-12 }, 'beta');
    for (let lag = 1; lag < K; lag++)
      expectClose(m.correlation(lag), expected[lag] as number, { rel: 1e-12 }, `lag ${lag}`);
    // the walk (4,000,000 requests, scratch measurement of the per-call waits): 0.786, 0.734, 0.672
    expectClose(m.correlation(1), 0.786, { rel: 0.01 }, 'simulated lag 1');
    expectClose(m.correlation(3), 0.672, { rel: 0.01 }, 'simulated lag 3');
    // g_n = 1 + (2 / n) sum_{m<n} (n - m) rho(m)
    const g = 1 + (2 / K) * (3 * (expected[1] as number) + 2 * (expected[2] as number) + (expected[3] as number));
    expectClose(m.inflation(K), g, { rel: 1e-12 }, 'g_4');
  });

  it('a single call, or a station without waiting, is left alone', () => {
    const one = station({ servers: 2, arrivalRatePerS: 1500, serviceTimeS: 0.001, serviceTimeCv: 1.5 }, 0.001, 1);
    expect(one.inflation(1)).toBe(1);
    expect(one.poissonWeight).toBe(1);
    const idle = station({ servers: 2, arrivalRatePerS: 0, serviceTimeS: 0.001 }, 0, 10);
    expect(idle.inflation(10)).toBe(1);
  });

  it('fades as the calls move apart and as they spread over more queues', () => {
    const q: QueueInput = { servers: 4, arrivalRatePerS: 3200, serviceTimeS: 0.001 };
    const g = (away: number, queues = 1) => station(q, away, 10, 1, queues).inflation(10);
    expect(g(0)).toBeGreaterThan(g(0.001));
    expect(g(0.001)).toBeGreaterThan(g(0.01));
    expect(g(10)).toBeLessThan(1.05);
    expect(g(0.001, 4)).toBeLessThan(g(0.001));
    // and grows with the load and the calls
    expect(station({ ...q, arrivalRatePerS: 3800 }, 0.001, 10).inflation(10)).toBeGreaterThan(g(0.001));
    const m = station(q, 0.001, 50);
    expect(m.inflation(50)).toBeGreaterThan(m.inflation(10));
    expect(m.inflation(50)).toBeLessThanOrEqual(50);
  });

  it('keeps the M/M/c wait at cv = 1 and weights a repeated call towards it otherwise', () => {
    const mm = station({ servers: 4, arrivalRatePerS: 3200, serviceTimeS: 0.001 }, 0.001, 10);
    // c mu - lambda, as mmc.ts forms it: (c - a) / E[S]
    const q = normalizeQueueInput({ servers: 4, arrivalRatePerS: 3200, serviceTimeS: 0.001 });
    expect(mm.waitRatePerS).toBe(q.cMinusA / q.serviceTimeS);
    expectClose(mm.waitRatePerS, 800, { rel: 1e-12 }, 'c mu - lambda');
    const heavy = station({ servers: 4, arrivalRatePerS: 3200, serviceTimeS: 0.001, serviceTimeCv: 1.5 }, 0, 10);
    // x = 2 / (K + 1) at no network time: cv_w^2 = 1 + 1.25 x, the rate 2 (c mu - lambda) / (1 + cv_w^2)
    expectClose(heavy.poissonWeight, 2 / 11, { rel: 1e-12 }, 'x');
    expectClose(heavy.waitRatePerS, (2 * 800) / (2 + 1.25 * (2 / 11)), { rel: 1e-12 }, 'rate');
  });

  it('refuses what it cannot compute', () => {
    const base = {
      queue: { servers: 1, arrivalRatePerS: 500, serviceTimeS: 0.001 },
      awayS: 0,
      calls: 4,
      callProbability: 1,
      queues: 1,
    };
    expect(() => repeatedCalls({ ...base, queues: 0 })).toThrow(/queues/);
    expect(() => repeatedCalls({ ...base, calls: MAX_REPEATED_CALLS + 1 })).toThrow(/calls/);
    expect(() => repeatedCalls({ ...base, awayS: -1 })).toThrow(/awayS/);
    const unstable = { servers: 1, arrivalRatePerS: 1000, serviceTimeS: 0.001 };
    expect(() => repeatedCalls({ ...base, queue: unstable })).toThrow(/stable/);
  });
});

describe('sums with sameStation', () => {
  const db: QueueInput = { servers: 1, arrivalRatePerS: 3733, serviceTimeS: 0.0002 };

  it('a single call and calls to other stations: the figures of independent calls, bit for bit', () => {
    const app: ResponseSumTerm = { queue: { servers: 8, arrivalRatePerS: 933, serviceTimeS: 0.001 }, calls: 1 };
    const plain = responseSum([app, { queue: db, calls: 1, perCallS: 0.0005 }]);
    const same = responseSum([
      { ...app, sameStation: {} },
      { queue: db, calls: 1, perCallS: 0.0005, sameStation: {} },
    ]);
    for (const p of [0.5, 0.99, 0.999]) expect(same.quantile(p)).toBe(plain.quantile(p));
    expect(same.method).toBe(plain.method);
  });

  it("four calls to a busy M/M/1: the walk's p99 (tierSystems.ts), far above the independent sum", () => {
    // the brief's case: 4 calls to an M/M/1 database at 75% (0.5 ms apart) behind a light app tier
    const terms: ResponseSumTerm[] = [
      { queue: { servers: 8, arrivalRatePerS: 933.33, serviceTimeS: 0.001 }, calls: 1 },
      { queue: { servers: 1, arrivalRatePerS: 3733.32, serviceTimeS: 0.0002 }, calls: 4, perCallS: 0.0005 },
    ];
    const independent = responseSum(terms).quantile(0.99);
    const corrected = responseSum(terms.map((t) => ({ ...t, sameStation: {} })));
    expect(corrected.method).toContain('APPROXIMATE');
    expect(corrected.quantile(0.99)).toBeGreaterThan(1.25 * independent);
    // means add up whatever the correlation
    expectClose(corrected.meanS, responseSum(terms).meanS, { rel: 1e-12 }, 'mean');
  });

  it('calls behind a cache are conditioned on their count', () => {
    const r = responseSum([{ queue: db, calls: 6, callProbability: 0.3, sameStation: {} }]);
    expect(r.method).toContain('conditioned on exactly');
    const fixed = [0, 1, 2, 3, 4, 5, 6].map((n) => responseSum([{ queue: db, calls: n, sameStation: {} }]));
    // P(X > t) = sum_n P(n) P(X_n > t), X_n's correlation that of n calls among requests making Binomial(6, 0.3)
    expect(r.quantile(0.99)).toBeGreaterThan(fixed[2]?.quantile(0.99) ?? 0);
    expect(r.quantile(0.99)).toBeLessThan(fixed[6]?.quantile(0.99) ?? 0);
  });

  it('is never below the independent waits at no network time (the search screen; property, fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16 }),
        fc.double({ min: 0.2, max: 0.95, noNaN: true }),
        fc.integer({ min: 2, max: 40 }),
        fc.constantFrom(0.5, 1, 1.5),
        fc.constantFrom(1, 0.4),
        fc.double({ min: 0, max: 0.01, noNaN: true }),
        (c, rho, calls, cv, q, away) => {
          const queue = { servers: c, arrivalRatePerS: (rho * c) / 0.001, serviceTimeS: 0.001, serviceTimeCv: cv };
          const term = { queue, calls, callProbability: q };
          const sum = responseSum([{ ...term, perCallS: away, sameStation: {} }]).quantile(0.99);
          const bound = responseSum([{ ...term, sameStation: { independentWaits: true } }]).quantile(0.99);
          return sum >= bound * (1 - 1e-9);
        },
      ),
      { seed: 20260301, numRuns: 40 },
    );
  });

  it('refuses an invalid station', () => {
    expect(() => responseSum([{ queue: db, calls: 2, sameStation: { queues: 1.5 } }])).toThrow(/queues/);
    expect(() => responseSum([{ queue: db, calls: MAX_REPEATED_CALLS + 1, sameStation: {} }])).toThrow(/at most/);
  });
});
