import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeQueue,
  analyzeQueueParts,
  approximationErrorOf,
  quantileFromSurvival,
  responseTimeQuantile,
  responseTimeSurvival,
  responseTimeSurvivalFunction,
} from '../../../src/core/queueing/index.js';
import { normalizeQueueInput } from '../../../src/core/queueing/mmc.js';
import { cpuTimeMs } from '../../helpers/cpuTime.js';
import { expectClose } from '../../helpers/expectClose.js';

describe('analyzeQueue: stability and shape of the result', () => {
  it('an unstable queue is a result, not an error: stable false, null latency fields', () => {
    for (const lambda of [8, 8.000001, 100]) {
      const r = analyzeQueue({ servers: 8, arrivalRatePerS: lambda, serviceTimeS: 1 });
      expect(r.stable).toBe(false);
      expect(r.utilization).toBeCloseTo(lambda / 8, 12);
      expect(r.probWait).toBeNull();
      expect(r.meanWaitS).toBeNull();
      expect(r.meanResponseS).toBeNull();
      expect(r.meanInSystem).toBeNull();
      expect(r.meanInQueue).toBeNull();
      expect(r.percentiles).toBeNull();
      expect(r.method).toContain('unstable');
    }
    expect(responseTimeSurvival({ servers: 1, arrivalRatePerS: 2, serviceTimeS: 1 }, 5)).toBe(1);
    expect(responseTimeQuantile({ servers: 1, arrivalRatePerS: 2, serviceTimeS: 1 }, 0.5)).toBe(
      Number.POSITIVE_INFINITY,
    );
  });

  it('stability is decided on c - lambda E[S] formed exactly: rho one ulp below 1 is stable', () => {
    // 0.1 * 10 rounds to 1 but the exact product of the doubles is 1 + 2^-54 > 1: unstable.
    expect(analyzeQueue({ servers: 1, arrivalRatePerS: 10, serviceTimeS: 0.1 }).stable).toBe(false);
    const lambda = 1 - 2 ** -53;
    const r = analyzeQueue({ servers: 1, arrivalRatePerS: lambda, serviceTimeS: 1 });
    expect(r.stable).toBe(true);
    expectClose(r.meanResponseS ?? Number.NaN, 2 ** 53, { rel: 1e-15 }, 'W = 1 / (mu - lambda)');
  });

  it('echoes inputs, fills defaults and names the model', () => {
    const r = analyzeQueue({ servers: 3, arrivalRatePerS: 1, serviceTimeS: 0.5 });
    expect(r).toMatchObject({ model: 'M/M/3', servers: 3, arrivalRatePerS: 1, serviceTimeS: 0.5, serviceTimeCv: 1 });
    expect(r.fanout).toBe(1);
    expect(analyzeQueue({ servers: 3, arrivalRatePerS: 1, serviceTimeS: 0.5, serviceTimeCv: 0 }).model).toBe('M/D/3');
    expect(analyzeQueue({ servers: 3, arrivalRatePerS: 1, serviceTimeS: 0.5, serviceTimeCv: 0.2 }).model).toBe('M/G/3');
  });

  it('idle queue (lambda = 0): no waiting, response = service', () => {
    const r = analyzeQueue({ servers: 4, arrivalRatePerS: 0, serviceTimeS: 0.02 });
    expect(r.probWait).toBe(0);
    expect(r.meanWaitS).toBe(0);
    expect(r.meanResponseS).toBe(0.02);
    expect(r.meanInSystem).toBe(0);
    expectClose(r.percentiles?.p99S ?? Number.NaN, 0.02 * Math.log(100), { rel: 1e-14 }, 'p99 = E[S] ln 100');
    const d = analyzeQueue({ servers: 4, arrivalRatePerS: 0, serviceTimeS: 0.02, serviceTimeCv: 0, fanout: 7 });
    expect(d.percentiles?.p999S).toBe(0.02);
    expectClose(d.meanResponseS ?? Number.NaN, 0.02, { rel: 1e-13 }, 'deterministic, fan-out: E[max] = E[S]');
  });

  it('100,000 servers near saturation finishes quickly and stays finite', () => {
    const { result: r, ms } = cpuTimeMs(() =>
      analyzeQueue({ servers: 100000, arrivalRatePerS: 99999.9, serviceTimeS: 1 }),
    );
    expect(ms, 'CPU time').toBeLessThan(500);
    // C = 0.9996040570866027 from gen_mmc.py (mpmath, 100,000-term direct summation).
    expectClose(r.probWait ?? Number.NaN, 0.9996040570866027, { rel: 1e-13 }, 'C');
    for (const v of Object.values(r.percentiles ?? {})) expect(Number.isFinite(v)).toBe(true);
  });
});

describe('argument validation (RangeError naming the argument)', () => {
  const ok = { servers: 2, arrivalRatePerS: 1, serviceTimeS: 1 };
  it.each([
    [{ ...ok, servers: 2.5 }, /servers/],
    [{ ...ok, servers: 0 }, /servers/],
    [{ ...ok, servers: Number.NaN }, /servers/],
    [{ ...ok, servers: 1e9 }, /servers/],
    [{ ...ok, arrivalRatePerS: -1 }, /arrivalRatePerS/],
    [{ ...ok, arrivalRatePerS: Number.NaN }, /arrivalRatePerS/],
    [{ ...ok, arrivalRatePerS: Number.POSITIVE_INFINITY }, /arrivalRatePerS/],
    [{ ...ok, serviceTimeS: 0 }, /serviceTimeS/],
    [{ ...ok, serviceTimeS: -0.1 }, /serviceTimeS/],
    [{ ...ok, serviceTimeCv: -0.5 }, /serviceTimeCv/],
    [{ ...ok, serviceTimeCv: Number.NaN }, /serviceTimeCv/],
    [{ ...ok, serviceTimeCv: 1e3 }, /serviceTimeCv/],
    [{ ...ok, fanout: 0 }, /fanout/],
    [{ ...ok, fanout: 1.5 }, /fanout/],
  ])('%o is rejected', (input, message) => {
    expect(() => analyzeQueue(input)).toThrow(RangeError);
    expect(() => analyzeQueue(input)).toThrow(message);
  });

  it('p must be in (0, 1); t must be a number', () => {
    for (const p of [0, 1, -0.1, 1.5, Number.NaN]) {
      expect(() => responseTimeQuantile(ok, p)).toThrow(/p must be in \(0, 1\)/);
    }
    expect(() => responseTimeSurvival(ok, Number.NaN)).toThrow(/tS/);
    expect(responseTimeSurvival(ok, -1)).toBe(1);
    expect(responseTimeSurvival(ok, Number.POSITIVE_INFINITY)).toBe(0);
  });
});

describe('quantiles far in the tail and round trips', () => {
  const queues = [
    { servers: 1, arrivalRatePerS: 0.9, serviceTimeS: 1 },
    { servers: 16, arrivalRatePerS: 15, serviceTimeS: 1 },
    { servers: 2, arrivalRatePerS: 1, serviceTimeS: 1 }, // theta == mu
    { servers: 8, arrivalRatePerS: 6, serviceTimeS: 0.01, serviceTimeCv: 0.5 },
    { servers: 8, arrivalRatePerS: 6, serviceTimeS: 0.01, serviceTimeCv: 4 },
    { servers: 3, arrivalRatePerS: 2, serviceTimeS: 1, fanout: 50 },
  ];
  it('survival(quantile(p)) = 1 - p to 1e-12 relative for p up to 1 - 1e-9', () => {
    for (const q of queues) {
      for (const p of [0.001, 0.3, 0.5, 0.9, 0.99, 0.999, 0.999999, 1 - 1e-9]) {
        const t = responseTimeQuantile(q, p);
        expectClose(responseTimeSurvival(q, t), 1 - p, { rel: 1e-12 }, `${JSON.stringify(q)} p=${p}`);
      }
    }
  });
});

describe('quantileFromSurvival (generic)', () => {
  it('exponential: -ln(1 - p) * mean, from poor scale hints', () => {
    const s = (t: number): number => Math.exp(-t / 0.2);
    for (const hint of [1e-6, 0.2, 1e6]) {
      expectClose(quantileFromSurvival(s, 0.99, hint), 0.2 * Math.log(100), { rel: 1e-14 }, `hint ${hint}`);
    }
  });

  it('a mixture of user regions (network delay + queue), solved to full precision', () => {
    // 70% of users 5 ms away, 30% 80 ms away, plus an M/M/1 with mu - lambda = 100/s: P(T > t) mixes shifted
    // exponentials; beyond 80 ms it is e^(-100 t) (0.7 e^0.5 + 0.3 e^8), so p99 = ln(100 (0.7 e^0.5 + 0.3 e^8)) / 100.
    const shifted = (d: number) => (t: number) => (t < d ? 1 : Math.exp(-100 * (t - d)));
    const near = shifted(0.005);
    const far = shifted(0.08);
    const mix = (t: number): number => 0.7 * near(t) + 0.3 * far(t);
    const p99 = quantileFromSurvival(mix, 0.99, 0.05);
    expectClose(mix(p99), 0.01, { rel: 1e-13 }, 'survival at p99');
    expectClose(p99, Math.log(100 * (0.7 * Math.exp(0.5) + 0.3 * Math.exp(8))) / 100, { rel: 1e-14 }, 'p99');
  });

  it('atoms: returns the jump point, and 0 when the survival starts below 1 - p', () => {
    const step = (t: number): number => (t < 2 ? 0.6 : 0);
    expectClose(quantileFromSurvival(step, 0.9, 1), 2, { rel: 1e-15 }, 'jump');
    expect(quantileFromSurvival(() => 0.05, 0.9, 1)).toBe(0);
  });

  it('rejects bad arguments and survivals that never fall to 1 - p', () => {
    const s = (t: number): number => Math.exp(-t);
    expect(() => quantileFromSurvival(s, 1, 1)).toThrow(RangeError);
    expect(() => quantileFromSurvival(s, 0.5, 0)).toThrow(/scaleHintS/);
    expect(() => quantileFromSurvival(s, 0.5, Number.NaN)).toThrow(/scaleHintS/);
    expect(() => quantileFromSurvival(() => Number.NaN, 0.5, 1)).toThrow(/NaN/);
    expect(() => quantileFromSurvival(() => 0.7, 0.5, 1)).toThrow(RangeError);
  });
});

describe('analyzeQueueParts: the error band looked up when first read', () => {
  it('is approximationErrorOf of the normalised queue (null when exact), an enumerable field in its place', () => {
    // M/G/c inside the measured range, M/G/c outside it, and M/M/c (exact: no band)
    const queues = [
      { servers: 4, arrivalRatePerS: 300, serviceTimeS: 0.01, serviceTimeCv: 1.5 },
      { servers: 512, arrivalRatePerS: 30_000, serviceTimeS: 0.01, serviceTimeCv: 2 },
      { servers: 4, arrivalRatePerS: 300, serviceTimeS: 0.01 },
    ];
    for (const [i, q] of queues.entries()) {
      const { summary } = analyzeQueueParts(q);
      const expected = i === 2 ? null : approximationErrorOf(normalizeQueueInput(q));
      if (i === 0) expect(expected?.outside).toBeNull();
      expect(summary.approximationError).toEqual(analyzeQueue(q).approximationError);
      expect(summary.approximationError).toEqual(expected);
      // read twice: the same object (kept)
      expect(summary.approximationError).toBe(summary.approximationError);
      expect(Object.keys(summary).at(-1)).toBe('approximationError');
      expect(JSON.parse(JSON.stringify(summary)).approximationError).toEqual(expected);
    }
    expect(analyzeQueueParts(queues[1] as (typeof queues)[number]).summary.approximationError?.outside).toContain(
      '512 servers',
    );
  });
});

describe('analyzeQueueParts: the survival from the same model', () => {
  it('is responseTimeSurvivalFunction, bit for bit, over random queues and times', () => {
    // M/M/c, gamma M/G/c, deterministic service, non-Poisson arrivals, fan-out, and unstable queues (the constant 1).
    // A mutant that fails: the fan-out left out (Math.exp of the single response's log survival).
    fc.assert(
      fc.property(
        fc.record({
          servers: fc.integer({ min: 1, max: 300 }),
          rho: fc.double({ min: 0.01, max: 1.2, noNaN: true }),
          serviceTimeS: fc.double({ min: 1e-5, max: 5, noNaN: true }),
          serviceTimeCv: fc.oneof(fc.constant(1), fc.constant(0), fc.double({ min: 0.05, max: 4, noNaN: true })),
          arrivalCv: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 3, noNaN: true })),
          fanout: fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 40 })),
        }),
        fc.array(fc.double({ min: -1, max: 50, noNaN: true }), { minLength: 1, maxLength: 8 }),
        ({ servers, rho, serviceTimeS, serviceTimeCv, arrivalCv, fanout }, scales) => {
          const q = {
            servers,
            arrivalRatePerS: (rho * servers) / serviceTimeS,
            serviceTimeS,
            serviceTimeCv,
            arrivalCv,
            fanout,
          };
          const parts = analyzeQueueParts(q).survival;
          const alone = responseTimeSurvivalFunction(q);
          for (const k of scales) expect(Object.is(parts(k * serviceTimeS), alone(k * serviceTimeS))).toBe(true);
        },
      ),
      { seed: 20261207, numRuns: 400 },
    );
  });
});
