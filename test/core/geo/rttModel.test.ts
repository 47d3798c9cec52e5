import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  estimateRttMs,
  FIBRE_FLOOR_MS_PER_KM,
  fitRttModel,
  type RttModel,
  type RttPoint,
} from '../../../src/core/geo/index.js';
import { expectClose } from '../../helpers/expectClose.js';

const model: RttModel = {
  interceptMs: 8,
  msPerKm: 0.015,
  method: 'test',
  n: 2,
  medianAbsErrorMs: 0,
  medianRelError: 0,
  p90AbsErrorMs: 0,
  p90RelError: 0,
};

function sad(points: readonly RttPoint[], a: number, b: number): number {
  return points.reduce((s, p) => s + Math.abs(p.rttMs - a - b * p.distanceKm), 0);
}

describe('estimateRttMs', () => {
  it('is interceptMs at distance 0 and linear in distance', () => {
    expect(estimateRttMs(0, model)).toBe(8);
    expectClose(estimateRttMs(10_000, model), 158, { rel: 1e-15 }, '10,000 km');
  });

  it('increases strictly with distance for any model at or above the fibre floor', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 100, noNaN: true }),
        fc.double({ min: FIBRE_FLOOR_MS_PER_KM, max: 0.1, noNaN: true }),
        fc.double({ min: 0, max: 20_000, noNaN: true }),
        fc.double({ min: 1, max: 20_000, noNaN: true }),
        (interceptMs, msPerKm, d, step) => {
          const m = { interceptMs, msPerKm };
          expect(estimateRttMs(d + step, m)).toBeGreaterThan(estimateRttMs(d, m));
        },
      ),
    );
  });

  it('rejects a negative or non-finite distance', () => {
    expect(() => estimateRttMs(-1, model)).toThrow(/distanceKm: -1: expected a finite distance >= 0 km/);
    expect(() => estimateRttMs(Number.NaN, model)).toThrow(RangeError);
    expect(() => estimateRttMs(Number.POSITIVE_INFINITY, model)).toThrow(RangeError);
  });
});

describe('fitRttModel (least absolute deviations, slope >= 0.01 ms/km)', () => {
  it('recovers a line the points lie on', () => {
    const pts = [500, 1200, 3000, 7000, 12_000].map((d) => ({ distanceKm: d, rttMs: 5 + 0.02 * d }));
    const m = fitRttModel(pts);
    expectClose(m.interceptMs, 5, { rel: 1e-12 }, 'a');
    expectClose(m.msPerKm, 0.02, { rel: 1e-12 }, 'b');
    expect(m.n).toBe(5);
    expect(m.medianAbsErrorMs).toBeLessThan(1e-9);
  });

  it('ignores a minority of badly routed pairs (robust, unlike least squares)', () => {
    const pts: RttPoint[] = [];
    for (let d = 1000; d <= 16_000; d += 1000) pts.push({ distanceKm: d, rttMs: 10 + 0.015 * d });
    pts.push({ distanceKm: 6500, rttMs: 340 }, { distanceKm: 9000, rttMs: 400 }, { distanceKm: 3000, rttMs: 250 });
    const m = fitRttModel(pts);
    expectClose(m.interceptMs, 10, { rel: 1e-9 }, 'a');
    expectClose(m.msPerKm, 0.015, { rel: 1e-9 }, 'b');
  });

  it('clamps the slope to the fibre floor when the data would go below it', () => {
    const pts = [100, 2000, 5000, 9000].map((d, i) => ({ distanceKm: d, rttMs: 60 + 0.001 * d + i }));
    const m = fitRttModel(pts);
    expect(m.msPerKm).toBe(FIBRE_FLOOR_MS_PER_KM);
  });

  it('is optimal: no nearby or grid-searched line has a smaller sum of absolute errors', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            distanceKm: fc.integer({ min: 0, max: 20_000 }),
            rttMs: fc.double({ min: 1, max: 400, noNaN: true }),
          }),
          { minLength: 2, maxLength: 25 },
        ),
        (pts) => {
          const m = fitRttModel(pts);
          expect(m.msPerKm).toBeGreaterThanOrEqual(FIBRE_FLOOR_MS_PER_KM);
          const best = sad(pts, m.interceptMs, m.msPerKm);
          const tol = 1e-9 * (1 + best);
          for (const da of [-1, -0.01, 0.01, 1]) {
            for (const db of [-1e-3, -1e-6, 0, 1e-6, 1e-3]) {
              const b = m.msPerKm + db;
              if (b < FIBRE_FLOOR_MS_PER_KM) continue;
              expect(sad(pts, m.interceptMs + da, b)).toBeGreaterThanOrEqual(best - tol);
            }
          }
          for (let a = -100; a <= 400; a += 25) {
            for (let b = FIBRE_FLOOR_MS_PER_KM; b <= 0.1; b += 0.005)
              expect(sad(pts, a, b)).toBeGreaterThanOrEqual(best - tol);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order of the pairs', () => {
    const pairs = fc.array(
      fc.record({ distanceKm: fc.integer({ min: 0, max: 20_000 }), rttMs: fc.integer({ min: 1, max: 400 }) }),
      { minLength: 2, maxLength: 20 },
    );
    fc.assert(
      fc.property(
        pairs.chain((p) =>
          fc.tuple(fc.constant(p), fc.shuffledSubarray(p, { minLength: p.length, maxLength: p.length })),
        ),
        ([pts, shuffled]) => {
          expect(fitRttModel(shuffled)).toEqual(fitRttModel(pts));
        },
      ),
    );
  });

  it('rejects fewer than two pairs and invalid pairs', () => {
    expect(() => fitRttModel([{ distanceKm: 1, rttMs: 1 }])).toThrow(/expected at least 2/);
    expect(() =>
      fitRttModel([
        { distanceKm: 1, rttMs: 1 },
        { distanceKm: -5, rttMs: 2 },
      ]),
    ).toThrow(/pairs\[1\]\.distanceKm: -5/);
    expect(() =>
      fitRttModel([
        { distanceKm: 1, rttMs: 0 },
        { distanceKm: 5, rttMs: 2 },
      ]),
    ).toThrow(/pairs\[0\]\.rttMs: 0/);
  });
});
