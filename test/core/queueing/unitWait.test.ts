import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eulerWeights } from '../../../src/core/queueing/eulerInversion.js';
import { mmcMetrics, normalizeQueueInput } from '../../../src/core/queueing/mmc.js';
import { addPhaseLog, type Phase, SUM_EULER, unitWaitZeros } from '../../../src/core/queueing/sumOfResponses.js';
import { logUniform, runs } from '../../helpers/arbitraries.js';

// addPhaseLog's fast path for a wait whose factor is exactly 1 (unitWaitZeros: 1 - C rounds to 1) against its general
// path (`general`: the logarithms and arctangents computed), bit for bit, -0 apart from 0. Mutants that fail here:
// the condition `ph.probWait < 1e-12` in place of `1 - ph.probWait !== 1` (a C of 1e-15 has a factor other than 1),
// and unitWaitZeros without its finiteness check (an overflowing modulus gives NaN on the general path).
const SEED = 20261207;

/** The points of one inversion (SUM_EULER's n + m + 1). */
const POINTS = eulerWeights(SUM_EULER).length;

/** C: below, at and above the largest value whose 1 - C rounds to 1 (about 1.1e-16), and ordinary values. */
const probWaitArb = fc.oneof(
  logUniform(1e-300, 1e-16),
  logUniform(5e-17, 5e-16),
  fc.constantFrom(2 ** -53, 2 ** -54, 1.1102230246251565e-16, 1.1102230246251568e-16),
  logUniform(1e-15, 0.99),
);

const phaseArb: fc.Arbitrary<Phase> = fc
  .record({
    probWait: probWaitArb,
    waitRate: logUniform(1e-3, 1e7),
    serviceS: logUniform(1e-7, 10),
    shape: fc.oneof(fc.constant(Number.POSITIVE_INFINITY), logUniform(0.04, 400)),
    shifted: fc.boolean(),
    calls: fc.integer({ min: 1, max: 10_000 }),
    q: fc.oneof(fc.constant(1), fc.double({ min: 0.01, max: 0.99, noNaN: true })),
    offsetS: fc.oneof(fc.constant(0), logUniform(1e-6, 1)),
    detour: fc.oneof(
      fc.constant({ p: 0, s: 0 }),
      fc.record({ p: fc.double({ min: 0.01, max: 0.99, noNaN: true }), s: logUniform(1e-5, 0.5) }),
    ),
    waitScale: fc.oneof(fc.constant(1), fc.double({ min: 1, max: 4, noNaN: true })),
    commonShare: fc.double({ min: 0, max: 1.5, noNaN: true }),
  })
  .map(
    (v): Phase => ({
      probWait: v.probWait,
      waitRate: v.waitRate,
      serviceS: v.serviceS,
      shape: v.shape,
      calls: v.calls,
      q: v.q,
      shifted: v.shifted,
      offsetS: v.offsetS,
      detourP: v.detour.p,
      detourS: v.detour.s,
      meanS: 0,
      varS2: 0,
      approximate: true,
      waitScale: v.waitScale,
      commonShare: v.waitScale === 1 ? 0 : v.commonShare,
      correlatedAtRandom: false,
      repeated: false,
    }),
  );

/** Starting sums: ordinary numbers, and zeros of both signs (so that a zero's sign added would show). */
const startArb = fc.array(fc.oneof(fc.constant(0), fc.constant(-0), fc.double({ min: -50, max: 50, noNaN: true })), {
  minLength: POINTS,
  maxLength: POINTS,
});

/** The two paths' sums from the same start. */
function bothPaths(ph: Phase, x: number, step: number, re0: number[], im0: number[]) {
  const fast = { re: Float64Array.from(re0), im: Float64Array.from(im0) };
  const general = { re: Float64Array.from(re0), im: Float64Array.from(im0) };
  addPhaseLog(ph, x, step, fast.re, fast.im);
  addPhaseLog(ph, x, step, general.re, general.im, true);
  return { fast, general };
}

/** Element by element with Object.is: the same bits (one NaN is another; -0 is not 0). */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

describe('addPhaseLog: a wait whose factor is exactly 1', () => {
  it('adds what the general path adds, bit for bit, over random phases and points', () => {
    fc.assert(
      fc.property(
        phaseArb,
        // x = A / (2 tau) and step = pi / tau over taus from 1e-170 s (moduli that overflow) to 1e6 s
        logUniform(1e-6, 1e170),
        startArb,
        startArb,
        (ph, invTau, re0, im0) => {
          const x = (SUM_EULER.a / 2) * invTau;
          const step = Math.PI * invTau;
          const { fast, general } = bothPaths(ph, x, step, re0, im0);
          expect(sameBits(fast.re, general.re)).toBe(true);
          expect(sameBits(fast.im, general.im)).toBe(true);
        },
      ),
      { seed: SEED, numRuns: runs(3000) },
    );
  });

  it('takes the fast path exactly when 1 - C is 1 and the moduli are finite', () => {
    const ph = (probWait: number, waitScale = 1, commonShare = 0) =>
      ({ probWait, waitRate: 50, waitScale, commonShare }) as Phase;
    expect(unitWaitZeros(ph(1e-18), 1, 10)).toEqual({ re: 0, im: 0 });
    expect(unitWaitZeros(ph(2 ** -54), 1, 10)).not.toBeNull();
    // 1 - 2^-53 is the double below 1: the factor differs from 1
    expect(unitWaitZeros(ph(2 ** -53), 1, 10)).toBeNull();
    expect(unitWaitZeros(ph(1e-15), 1, 10)).toBeNull();
    expect(unitWaitZeros(ph(0), 1, 10)).toBeNull();
    // |r + x|^2 overflows: the general path's quotient is NaN, so no fast path
    expect(unitWaitZeros(ph(1e-18), 1e200, 10)).toBeNull();
    expect(unitWaitZeros(ph(1e-18), 1, 1e200)).toBeNull();
    // with a common part: its modulus at g x and g yMax checked too
    expect(unitWaitZeros(ph(1e-18, 2, 0.5), 1, 10)).toEqual({ re: 0, im: 0 });
    expect(unitWaitZeros(ph(1e-18, 1e160, 0.5), 1, 10)).toBeNull();
  });

  it('applies to ecommerce-cache: its 32-node database at 1,521/s has C = 9e-18, and 1 - C rounds to 1', () => {
    const q = normalizeQueueInput({
      servers: 32,
      arrivalRatePerS: 1521.0000000000005,
      serviceTimeS: 0.0028063610851262865,
      serviceTimeCv: 1.5,
    });
    const c = mmcMetrics(q).probWait;
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(1e-17);
    expect(1 - c).toBe(1);
  });
});
