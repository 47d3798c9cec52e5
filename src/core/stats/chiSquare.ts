/**
 * Quantiles of the gamma and chi-square distributions, by inverting the regularized incomplete gamma function
 * (math/special.ts, relative accuracy near 1e-13 in either tail) with Brent's method: P(k, x) = p below the median and
 * Q(k, x) = 1 - p above it, so that upper quantiles keep their digits. chi^2(p; nu) = 2 gammaQuantile(p, nu / 2)
 * (a chi-square with nu degrees of freedom is a gamma with shape nu / 2 and scale 2). Source: DLMF 8.2 and 26.4.
 */

import { firstNonPositiveOnHalfLine } from '../math/roots.js';
import { incompleteGamma } from '../math/special.js';

/**
 * The p-quantile of the gamma distribution with shape k and unit scale: the x with P(k, x) = p.
 * @param p probability in [0, 1)
 * @param k shape (> 0)
 * @example gammaQuantile(0.5, 1) // 0.693147: the exponential median ln 2
 */
export function gammaQuantile(p: number, k: number): number {
  if (!(p >= 0 && p < 1)) throw new RangeError(`gammaQuantile: p must be in [0, 1), got ${p}`);
  if (!(k > 0 && Number.isFinite(k))) throw new RangeError(`gammaQuantile: shape must be finite and > 0, got ${k}`);
  if (p === 0) return 0;
  const upper = p > 0.5;
  const q = 1 - p;
  // non-increasing in x: positive below the quantile, non-positive from it on
  const f = upper ? (x: number) => incompleteGamma(k, x).q - q : (x: number) => p - incompleteGamma(k, x).p;
  return firstNonPositiveOnHalfLine(f, k);
}

/**
 * The p-quantile chi^2(p; nu) of the chi-square distribution with nu degrees of freedom.
 * @param p probability in [0, 1)
 * @param nu degrees of freedom (> 0)
 * @example chiSquareQuantile(0.95, 2) // 5.991465: scipy.stats.chi2.ppf(0.95, 2)
 * @example chiSquareQuantile(0.05, 10) // 3.940299
 */
export function chiSquareQuantile(p: number, nu: number): number {
  return 2 * gammaQuantile(p, nu / 2);
}
