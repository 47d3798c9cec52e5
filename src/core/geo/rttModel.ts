/**
 * Round-trip time from great-circle distance: a path-inflation line RTT = a + b · d.
 *
 * Light in optical fibre travels at about c / 1.47 ≈ 200 km per ms, so a round trip over a perfectly straight fibre
 * costs 2 / 200 = 0.01 ms per km: the floor on b. Real paths are longer than the great circle (cables follow
 * coasts and hubs) and add fixed overhead (routers, TCP handshake, the measuring endpoint), which is what b above the
 * floor and the intercept a capture (cf. Singla et al. 2014, "The Internet at the speed of light", HotNets). Paths
 * between cloud regions are fairly straight: the reference data's median RTT is 1.66x the fibre floor.
 *
 * The line is fitted by least absolute deviations (LAD, L1 regression), which is robust to the few badly connected
 * pairs (e.g. sa-east-1 to af-south-1, routed through Europe or the US). The LAD objective
 *   S(a, b) = Σ |y_i - a - b · d_i|
 * is convex and piecewise linear, so its minimum over the half-plane b >= floor lies at a vertex: a line through
 * two data points, or a line of slope = floor through one data point (Bloomfield & Steiger 1983, "Least Absolute
 * Deviations", Birkhäuser). fitRttModel tries every such line, which is exact and deterministic: O(n³), about 0.6 M
 * operations for the 105 measured pairs.
 */

import { quantileSorted } from '../stats/quantiles.js';

/** Round-trip time in fibre per km of great-circle distance, ms/km: 2 (there and back) / 200 km per ms. */
export const FIBRE_FLOOR_MS_PER_KM = 0.01;

/** Name of the fitting method, as stored in models/catalog/regions.json. */
export const RTT_FIT_METHOD = 'least absolute deviations line RTT = a + b*km, b >= 0.01 ms/km (exact vertex search)';

export interface RttModel {
  /** a: estimated RTT at distance 0, ms. */
  interceptMs: number;
  /** b: added RTT per km of great-circle distance, ms/km (>= FIBRE_FLOOR_MS_PER_KM). */
  msPerKm: number;
  /** How the coefficients were obtained. */
  method: string;
  /** Number of measured pairs fitted. */
  n: number;
  /** Median of |estimate - measured| over the fitted pairs, ms (R-7 quantile). */
  medianAbsErrorMs: number;
  /** Median of |estimate - measured| / measured over the fitted pairs (a fraction). */
  medianRelError: number;
  /** 90th percentile of |estimate - measured|, ms. */
  p90AbsErrorMs: number;
  /** 90th percentile of |estimate - measured| / measured. */
  p90RelError: number;
}

/** One measured pair: great-circle distance (km) and round-trip time (ms). */
export interface RttPoint {
  distanceKm: number;
  rttMs: number;
}

/**
 * Estimated round-trip time for a great-circle distance: interceptMs + msPerKm · distanceKm, ms.
 *
 * @throws RangeError if distanceKm is negative or not finite
 * @example estimateRttMs(1000, { interceptMs: 5, msPerKm: 0.02 }) // 25
 */
export function estimateRttMs(distanceKm: number, model: Pick<RttModel, 'interceptMs' | 'msPerKm'>): number {
  if (!(Number.isFinite(distanceKm) && distanceKm >= 0)) {
    throw new RangeError(`distanceKm: ${distanceKm}: expected a finite distance >= 0 km`);
  }
  return model.interceptMs + model.msPerKm * distanceKm;
}

/** Median and 90th percentile of the absolute and relative errors of a line on the given pairs. */
export function rttFitQuality(
  pairs: readonly RttPoint[],
  line: Pick<RttModel, 'interceptMs' | 'msPerKm'>,
): Pick<RttModel, 'medianAbsErrorMs' | 'medianRelError' | 'p90AbsErrorMs' | 'p90RelError'> {
  const abs = pairs.map((p) => Math.abs(p.rttMs - (line.interceptMs + line.msPerKm * p.distanceKm)));
  const rel = pairs.map((p, i) => (abs[i] as number) / p.rttMs);
  abs.sort((x, y) => x - y);
  rel.sort((x, y) => x - y);
  return {
    medianAbsErrorMs: quantileSorted(abs, 0.5),
    medianRelError: quantileSorted(rel, 0.5),
    p90AbsErrorMs: quantileSorted(abs, 0.9),
    p90RelError: quantileSorted(rel, 0.9),
  };
}

/**
 * Fits RTT = a + b · distance by least absolute deviations with b >= FIBRE_FLOOR_MS_PER_KM (exact; see the file
 * comment). Among lines with the same minimal sum of absolute errors, the first found in a fixed order wins (pairs
 * sorted by distance then RTT), so the result does not depend on the order of the input.
 *
 * @param pairs at least 2 pairs, each with a finite distanceKm >= 0 and a finite rttMs > 0
 * @throws RangeError on fewer than 2 pairs or an invalid pair
 */
export function fitRttModel(pairs: readonly RttPoint[]): RttModel {
  if (pairs.length < 2) throw new RangeError(`pairs: ${pairs.length} given: expected at least 2 measured pairs`);
  pairs.forEach((p, i) => {
    if (!(Number.isFinite(p.distanceKm) && p.distanceKm >= 0)) {
      throw new RangeError(`pairs[${i}].distanceKm: ${p.distanceKm}: expected a finite distance >= 0 km`);
    }
    if (!(Number.isFinite(p.rttMs) && p.rttMs > 0)) {
      throw new RangeError(`pairs[${i}].rttMs: ${p.rttMs}: expected a finite RTT > 0 ms`);
    }
  });
  // Keep this algorithm identical to fitRttModel in scripts/import-reference.mjs (same order of operations).
  const pts = [...pairs].sort((p, q) => p.distanceKm - q.distanceKm || p.rttMs - q.rttMs);
  const n = pts.length;
  const sad = (a: number, b: number): number => {
    let s = 0;
    for (const p of pts) s += Math.abs(p.rttMs - (a + b * p.distanceKm));
    return s;
  };
  let bestA = Number.NaN;
  let bestB = Number.NaN;
  let bestS = Number.POSITIVE_INFINITY;
  const consider = (a: number, b: number): void => {
    const s = sad(a, b);
    if (s < bestS) {
      bestA = a;
      bestB = b;
      bestS = s;
    }
  };
  for (let i = 0; i < n; i++) {
    const p = pts[i] as RttPoint;
    for (let j = i + 1; j < n; j++) {
      const q = pts[j] as RttPoint;
      if (q.distanceKm === p.distanceKm) continue;
      const b = (q.rttMs - p.rttMs) / (q.distanceKm - p.distanceKm);
      if (b < FIBRE_FLOOR_MS_PER_KM) continue;
      consider(p.rttMs - b * p.distanceKm, b);
    }
  }
  for (const p of pts) consider(p.rttMs - FIBRE_FLOOR_MS_PER_KM * p.distanceKm, FIBRE_FLOOR_MS_PER_KM);
  const line = { interceptMs: bestA, msPerKm: bestB };
  return { ...line, method: RTT_FIT_METHOD, n, ...rttFitQuality(pts, line) };
}
