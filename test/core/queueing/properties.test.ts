import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeQueue,
  erlangC,
  type QueueInput,
  responseTimeQuantile,
  responseTimeSurvival,
} from '../../../src/core/queueing/index.js';

// Property tests (fast-check, fixed seed for reproducibility). Each property states a theorem about the exact model
// (M/M/c), or a structural property the approximation also has by construction.
const SEED = 20240611;
const RUNS = 150;

/** A stable queue: c in 1..200, utilization in (0.001, 0.999), cv in {exact 1, 0, or a gamma cv}, fan-out 1..50. */
const queueArb = fc
  .record({
    servers: fc.integer({ min: 1, max: 200 }),
    rho: fc.double({ min: 0.001, max: 0.999, noNaN: true }),
    serviceTimeS: fc.double({ min: 1e-4, max: 10, noNaN: true }),
    serviceTimeCv: fc.oneof(fc.constant(1), fc.constant(0), fc.double({ min: 0.05, max: 5, noNaN: true })),
    fanout: fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 50 })),
  })
  .map(
    ({ servers, rho, serviceTimeS, serviceTimeCv, fanout }): QueueInput => ({
      servers,
      arrivalRatePerS: (rho * servers) / serviceTimeS,
      serviceTimeS,
      serviceTimeCv,
      fanout,
    }),
  );

describe('queueing properties', () => {
  it('Erlang C does not increase as servers are added at fixed offered load', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.double({ min: 0, max: 0.9999, noNaN: true }), (c, frac) => {
        const a = frac * c;
        expect(erlangC(c + 1, a)).toBeLessThanOrEqual(erlangC(c, a));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('p99 rises with the arrival rate at fixed servers (M/M/c, and the approximation)', () => {
    fc.assert(
      fc.property(queueArb, fc.double({ min: 1.0001, max: 1.5, noNaN: true }), (q, factor) => {
        const more = { ...q, arrivalRatePerS: q.arrivalRatePerS * factor };
        fc.pre(more.arrivalRatePerS * q.serviceTimeS < q.servers * 0.9999);
        // Non-decreasing up to rounding (at tiny loads the change is below one ulp).
        expect(responseTimeQuantile(more, 0.99)).toBeGreaterThanOrEqual(responseTimeQuantile(q, 0.99) * (1 - 1e-14));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('p99 does not increase when servers are added at fixed arrival rate', () => {
    fc.assert(
      fc.property(queueArb, fc.integer({ min: 1, max: 20 }), (q, extra) => {
        const more = { ...q, servers: q.servers + extra };
        expect(responseTimeQuantile(more, 0.99)).toBeLessThanOrEqual(responseTimeQuantile(q, 0.99) * (1 + 1e-14));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("Little's law: L = lambda W and Lq = lambda Wq (single queue)", () => {
    fc.assert(
      fc.property(queueArb, (q) => {
        const r = analyzeQueue({ ...q, fanout: 1 });
        const w = r.meanResponseS ?? Number.NaN;
        const wq = r.meanWaitS ?? Number.NaN;
        expect(Math.abs((r.meanInSystem ?? Number.NaN) - q.arrivalRatePerS * w)).toBeLessThanOrEqual(
          1e-15 * q.arrivalRatePerS * w,
        );
        expect(Math.abs((r.meanInQueue ?? Number.NaN) - q.arrivalRatePerS * wq)).toBeLessThanOrEqual(
          1e-15 * q.arrivalRatePerS * wq,
        );
        expect(Math.abs(w - wq - q.serviceTimeS)).toBeLessThanOrEqual(1e-15 * w);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('survival is non-increasing in t and lies in [0, 1]', () => {
    fc.assert(
      fc.property(
        queueArb,
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (q, x, dx) => {
          const s = q.serviceTimeS;
          const a = responseTimeSurvival(q, x * s);
          const b = responseTimeSurvival(q, (x + dx) * s);
          expect(a).toBeGreaterThanOrEqual(0);
          expect(a).toBeLessThanOrEqual(1);
          expect(b).toBeLessThanOrEqual(a * (1 + 1e-14));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('quantile round-trips: survival(quantile(p)) = 1 - p', () => {
    fc.assert(
      fc.property(queueArb, fc.double({ min: 0.01, max: 0.999999, noNaN: true }), (q, p) => {
        const t = responseTimeQuantile(q, p);
        const s = responseTimeSurvival(q, t);
        if (q.serviceTimeCv === 0 && t === q.serviceTimeS) {
          // Deterministic service: the quantile sits on the jump at E[S], where P(T > E[S]) = C <= 1 - p.
          expect(s).toBeLessThanOrEqual((1 - p) * (1 + 1e-12));
        } else {
          expect(Math.abs(s - (1 - p))).toBeLessThanOrEqual(1e-11 * (1 - p));
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('fan-out: the slowest of K is never faster than one response (p99 and mean)', () => {
    fc.assert(
      fc.property(queueArb, fc.integer({ min: 2, max: 200 }), (q, k) => {
        const single = { ...q, fanout: 1 };
        const fan = { ...q, fanout: k };
        expect(responseTimeQuantile(fan, 0.99)).toBeGreaterThanOrEqual(responseTimeQuantile(single, 0.99));
        const rs = analyzeQueue(single);
        const rf = analyzeQueue(fan);
        expect(rf.meanResponseS ?? Number.NaN).toBeGreaterThanOrEqual((rs.meanResponseS ?? Number.NaN) * (1 - 1e-13));
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});
