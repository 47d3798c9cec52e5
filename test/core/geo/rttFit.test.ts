/**
 * The RTT model stored in models/catalog/regions.json must be what fitRttModel gives on the stored measured pairs
 * (scripts/import-reference.mjs fits it with a copy of the same algorithm), so the two cannot drift apart.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/catalog/index.js';
import { FIBRE_FLOOR_MS_PER_KM, fitRttModel, greatCircleKm, type RttPoint } from '../../../src/core/geo/index.js';
import { expectClose } from '../../helpers/expectClose.js';

const catalog = loadCatalog();

function measuredPoints(): RttPoint[] {
  return catalog.measuredRtts.map((p) => {
    const a = catalog.region(p.a);
    const b = catalog.region(p.b);
    if (!a || !b) throw new Error(`pair ${p.a}|${p.b} names an unknown region`);
    return { distanceKm: greatCircleKm(a, b), rttMs: p.rttMs };
  });
}

describe('the stored RTT model', () => {
  it('is reproduced by re-fitting the 105 measured pairs: coefficients, method, n and error quantiles', () => {
    const refit = fitRttModel(measuredPoints());
    const stored = catalog.rttModel;
    expect(refit.n).toBe(105);
    expect(stored.n).toBe(105);
    expect(refit.method).toBe(stored.method);
    for (const key of [
      'interceptMs',
      'msPerKm',
      'medianAbsErrorMs',
      'medianRelError',
      'p90AbsErrorMs',
      'p90RelError',
    ] as const) {
      expectClose(stored[key], refit[key], { rel: 1e-12 }, key);
    }
  });

  it('has the values reported for it (intercept 7.99 ms, 15.38 ms per 1000 km, median error 15.9 ms / 12.7%)', () => {
    const m = catalog.rttModel;
    expectClose(m.interceptMs, 7.9909, { rel: 1e-4 }, 'interceptMs');
    expectClose(m.msPerKm * 1000, 15.38, { rel: 1e-4 }, 'ms per 1000 km');
    expectClose(m.medianAbsErrorMs, 15.913, { rel: 1e-4 }, 'median |error| ms');
    expectClose(m.medianRelError, 0.12705, { rel: 1e-4 }, 'median relative error');
    expectClose(m.p90AbsErrorMs, 89.7, { rel: 1e-4 }, 'p90 |error| ms');
    expectClose(m.p90RelError, 0.37585, { rel: 1e-4 }, 'p90 relative error');
    expect(m.msPerKm).toBeGreaterThanOrEqual(FIBRE_FLOOR_MS_PER_KM);
  });

  it("rests on pairs and coordinates that reproduce the reference report's own statistics", () => {
    // SOURCES.md section 2 (computed there with R = 6371.0 km): median path inflation 1.66, p10 1.31, p90 2.80,
    // least-squares line 22.26 ms + 15.62 ms per 1000 km. Independent of our fit, this checks that the pairs and
    // coordinates were carried over intact.
    const pts = measuredPoints();
    const ratios = pts.map((p) => p.rttMs / ((p.distanceKm * (6371.0 / 6371.0088)) / 100)).sort((x, y) => x - y);
    const median = ratios[(ratios.length - 1) / 2] as number;
    expectClose(median, 1.66, { abs: 0.005 }, 'median inflation');
    const n = pts.length;
    const mx = pts.reduce((s, p) => s + p.distanceKm, 0) / n;
    const my = pts.reduce((s, p) => s + p.rttMs, 0) / n;
    const sxy = pts.reduce((s, p) => s + (p.distanceKm - mx) * (p.rttMs - my), 0);
    const sxx = pts.reduce((s, p) => s + (p.distanceKm - mx) ** 2, 0);
    const slope = sxy / sxx;
    expectClose(slope * 1000, 15.62, { abs: 0.01 }, 'OLS ms per 1000 km');
    expectClose(my - slope * mx, 22.26, { abs: 0.01 }, 'OLS intercept');
  });
});
