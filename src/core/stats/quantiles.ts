/**
 * Sample quantiles, two named conventions (Hyndman & Fan 1996 types 7 and 1):
 * - quantileSorted, R-7 (R's default): interpolates between order statistics; for fitted-error summaries (the RTT
 *   model's median and 90th percentile errors);
 * - nearestRankSorted, the nearest rank (type 1, the inverse of the empirical distribution): always one of the samples;
 *   for the uncertainty propagation's p5/p50/p95, which report a sampled design's figures.
 */

/**
 * R-7 quantile (Hyndman & Fan 1996, type 7; R's default): linear interpolation between the order statistics at
 * h = (n - 1) p of an ascending, non-empty array.
 * @example quantileSorted([1, 2, 3, 4], 0.9) // 3.7
 */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('quantileSorted: expected a non-empty array');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileSorted: p = ${p}: expected 0 <= p <= 1`);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

/**
 * Nearest-rank quantile (Hyndman & Fan 1996, type 1): the order statistic of rank ceil(n p) (the first for p = 0) of an
 * ascending, non-empty array.
 * @example nearestRankSorted([1, 2, 3, 4], 0.5) // 2
 */
export function nearestRankSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('nearestRankSorted: expected a non-empty array');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`nearestRankSorted: p = ${p}: expected 0 <= p <= 1`);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}
