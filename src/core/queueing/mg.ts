/**
 * M/G/1 and M/G/c: mean waiting time (Pollaczek-Khinchine, exact for M/G/1; Allen-Cunneen, an approximation for
 * M/G/c) and the response-time distribution used for percentiles when the service time is not exponential.
 *
 * Sources:
 * - Pollaczek 1930, Khinchine 1932; Kleinrock 1975, *Queueing Systems* vol. 1, eq. 5.76:
 *   E[W_q] = rho (1 + cv^2) / 2 * E[S] / (1 - rho), exact for M/G/1 FCFS.
 * - Allen 1990, *Probability, Statistics and Queueing Theory* 2nd ed., section 6.4 (Allen-Cunneen):
 *   E[W_q](GI/G/c) ~ E[W_q](M/M/c) (ca^2 + cs^2) / 2; with Poisson arrivals ca^2 = 1. Equals P-K at c = 1 and is
 *   exact at cv = 1.
 * - The percentile model is this module's own stated approximation (not a published exact result): the wait is 0
 *   with probability C (Erlang C) and otherwise exponential with mean E[W_q]_AC / C; the service time is
 *   gamma(shape k = 1/cv^2, mean E[S]) (deterministic when cv = 0); the response time is their independent sum.
 *   For M/G/1 the atom P(wait > 0) = rho is exact (PASTA), the exponential tail is the approximation.
 */

import { incompleteGamma, logGammaPrefix, logGammaQ, logHypergeometric1F1One, uMinusLog1p } from '../math/special.js';
import { NeumaierSum } from '../math/sum.js';

/**
 * Pollaczek-Khinchine mean wait of M/G/1 (exact): E[W_q] = rho (1 + cv^2) / 2 * E[S] / (1 - rho).
 * Written as a (1 + cv^2) / 2 * E[S] / (1 - a) with a = rho = lambda E[S]. Source: Kleinrock 1975 eq. 5.76.
 * @param offeredLoad rho = lambda * E[S] (< 1)
 * @param oneMinusRho 1 - rho, computed accurately by the caller (> 0)
 * @param serviceTimeS E[S], seconds
 * @param serviceTimeCv coefficient of variation of S (>= 0)
 * @returns mean wait in queue, seconds
 * @example pollaczekKhinchineMeanWaitS(0.5, 0.5, 0.01, 1) // 0.01: M/M/1 at rho 0.5, rho S / (1 - rho)
 */
export function pollaczekKhinchineMeanWaitS(
  offeredLoad: number,
  oneMinusRho: number,
  serviceTimeS: number,
  serviceTimeCv: number,
): number {
  return (((offeredLoad * (1 + serviceTimeCv * serviceTimeCv)) / 2) * serviceTimeS) / oneMinusRho;
}

/**
 * Allen-Cunneen mean wait of GI/G/c (approximation): E[W_q] ~ E[W_q](M/M/c) * (ca^2 + cv^2) / 2, with ca the
 * interarrival CV (1 for Poisson arrivals). At c = 1 it is Kingman's heavy-traffic formula. Source: Allen 1990
 * section 6.4; Kingman 1961.
 * @param mmcMeanWaitS exact M/M/c mean wait with the same c, lambda, E[S], seconds
 * @param serviceTimeCv coefficient of variation of S (>= 0)
 * @returns approximate mean wait in queue, seconds
 * @example allenCunneenMeanWaitS(0.01, 0, 1) // 0.005: deterministic service halves the M/M/c wait
 */
export function allenCunneenMeanWaitS(mmcMeanWaitS: number, serviceTimeCv: number, arrivalCv = 1): number {
  return (mmcMeanWaitS * (arrivalCv * arrivalCv + serviceTimeCv * serviceTimeCv)) / 2;
}

/** Above this y the moments' form of poissonMeanKOverKPlusN is evaluated rescaled (15 y^3 < 1.8e308 below it). */
const POISSON_MOMENTS_OVERFLOW_Y = 1e100;

/**
 * E[k / (k + N)] for N ~ Poisson(y), k > 0, y >= 0: the Kummer-transformed 1F1(1; k + 1; -y) = e^-y 1F1(k; k+1; y),
 * a sum of positive terms (no cancellation). For WATSON_MIN_Y <= y <= 1e4, the expansion in 1 / y of
 * poissonMeanWatson where its proven error bound is below 1e-17 relative (a dozen terms or so); otherwise, for
 * y <= 1e4, direct summation outward from the mode (poissonMeanBySeries, O(sqrt y) terms: about 1,800 at y = 1e4);
 * above, the asymptotic (delta-method) expansion in the Poisson central moments to order 6 (truncation error about
 * 105 / y^4 relative).
 */
export function poissonMeanKOverKPlusN(k: number, y: number): number {
  if (y === 0) return 1;
  if (y >= WATSON_MIN_Y && y <= 1e4) {
    const w = poissonMeanWatson(k, y);
    if (!Number.isNaN(w)) return w;
  }
  return poissonMeanBySeries(k, y);
}

/** Below this y the expansion in 1 / y is not tried (its e^(-y/2) bound, at least e^-45 / k, does not yet pass). */
const WATSON_MIN_Y = 90;

/**
 * E[k / (k + N)], N ~ Poisson(y), by its expansion in 1 / y, or NaN when the expansion's proven error bound is not
 * below 1e-17 of the sum within y / 2 terms (k large against y; the caller then sums the series).
 *
 * E = k F(y) with F(y) = integral_0^1 (1 - v)^c e^(-y v) dv, c = k - 1 (1F1(1; k + 1; -y), A&S 13.2.1). Expanding
 * (1 - v)^c = sum_j C(c, j) (-v)^j on [0, 1/2] and integrating each power to infinity (Watson's lemma):
 *   F ~ sum_{j < J} (-1)^j c (c - 1) ... (c - j + 1) / y^(j + 1)   (term_(j+1) = term_j (j - c) / y),
 * finite for a whole c (then exact to e^(-y)). The error, stated against the terms kept, is at most the sum of
 * - the Taylor remainder on [0, 1/2]: |C(c, J)| J! max(1, 2^(J - c)) / y^(J + 1) = |term_J| max(1, 2^(J - c))
 *   (Lagrange form, (1 - xi)^(c - J) <= max(1, 2^(J - c)) for xi <= 1/2);
 * - the integral over [1/2, 1], at most e^(-y/2) integral_(1/2)^1 (1 - v)^c dv = e^(-y/2) 2^(-k) / k;
 * - each kept term's integral beyond 1/2: |C(c, j)| integral_(1/2)^inf v^j e^(-y v) dv <= |C(c, j)| (j + 1)
 *   e^(-y/2) / y for y >= 2 j.
 * Terms are added until that bound is below 1e-17 of the sum (the sum's own rounding is a few ulps: the terms fall
 * by |c - j| / y, so the alternation cancels little).
 * @example poissonMeanWatson(4, 100) // 0.03882376: 4 (1/y - 3/y^2 + 6/y^3 - 6/y^4), exact to e^-100
 */
export function poissonMeanWatson(k: number, y: number): number {
  // the terms fall only while |c - j| < y: with k above y / 2 the bound is not met within y / 2 terms
  if (!(k <= y / 2)) return Number.NaN;
  const c = k - 1;
  const far = Math.exp(-y / 2);
  // e^(-y/2) times the bounds that do not shrink with J: the integral over [1/2, 1] and the kept terms' tails
  let tails = (far * 2 ** -k) / k;
  let binom = 1; // |C(c, j)|
  let pow2 = 2 ** (1 - c); // 2^(J - c) for J = j + 1
  let term = 1 / y;
  let sum = term;
  for (let j = 0; 2 * (j + 1) <= y; j++) {
    tails += (binom * (j + 1) * far) / y;
    const next = (term * (j - c)) / y;
    const bound = Math.abs(next) * Math.max(1, pow2) + tails;
    if (bound <= 1e-17 * sum) return k * sum;
    sum += next;
    term = next;
    binom = (binom * Math.abs(c - j)) / (j + 1);
    pow2 *= 2;
  }
  return Number.NaN;
}

/**
 * E[k / (k + N)], N ~ Poisson(y), without the expansion in 1 / y: summed outward from the mode for y <= 1e4, the
 * moments' expansion above (poissonMeanKOverKPlusN before issue 18; the reference poissonMeanWatson is tested against).
 */
export function poissonMeanBySeries(k: number, y: number): number {
  if (y === 0) return 1;
  if (y > POISSON_MOMENTS_OVERFLOW_Y) {
    // the same series with each term u^j m_j rewritten in r = y u <= 1 (u^2 m2 = u r, ..., u^6 m6 = 15 u^3 r^3 +
    // 25 u^4 r^2 + u^5 r): y^3 alone overflows a double above about 2.3e102 (service times near 1e-151 s made this
    // NaN, issue 17)
    const u = 1 / (k + y);
    const r = y * u;
    const u2 = u * u;
    const u3 = u2 * u;
    const series =
      1 +
      u * r -
      u2 * r +
      (3 * u2 * r * r + u3 * r) -
      (10 * u3 * r * r + u2 * u2 * r) +
      (15 * u3 * r * r * r + 25 * u2 * u2 * r * r + u3 * u2 * r);
    return k * u * series;
  }
  if (y > 1e4) {
    const u = 1 / (k + y);
    const y2 = y * y;
    const m2 = y;
    const m3 = y;
    const m4 = 3 * y2 + y;
    const m5 = 10 * y2 + y;
    const m6 = 15 * y2 * y + 25 * y2 + y;
    const u2 = u * u;
    const series = 1 + u2 * (m2 - u * (m3 - u * (m4 - u * (m5 - u * m6))));
    return k * u * series;
  }
  const mode = Math.floor(y);
  const pmfMode = Math.exp(logGammaPrefix(mode, y)); // y^m e^-y / m!
  const sum = new NeumaierSum();
  let pmf = pmfMode;
  for (let n = mode; ; n++) {
    const term = (pmf * k) / (k + n);
    sum.add(term);
    if (n > y && pmf <= 1e-18 * sum.value) break;
    pmf *= y / (n + 1);
    if (pmf === 0) break;
  }
  pmf = pmfMode;
  for (let n = mode; n > 0; n--) {
    pmf *= n / y;
    const term = (pmf * k) / (k + n - 1);
    sum.add(term);
    if (pmf <= 1e-18 * sum.value || pmf === 0) break;
  }
  return sum.value;
}

/**
 * Service-time CVs below this are treated as deterministic service in the percentile model. A gamma of such a CV has
 * shape k = 1/cv^2 > 1e28 and a spread of cv * E[S] < 1e-14 E[S] (about 50 ulps even 5 standard deviations out), so
 * the deterministic quantiles are the gamma's to that relative precision; the gamma evaluation itself breaks down up
 * there (shapes near 1e308 threw or returned garbage, and shapes above ~1e30 gave percentiles out of order by ulps).
 */
export const DETERMINISTIC_CV = 1e-14;

/**
 * Parameters of the response time T = W + S of the M/G/c percentile approximation:
 * W = 0 w.p. 1 - probWait, else Exp(waitRatePerS); S ~ gamma(shape, rate shape / E[S]) or deterministic.
 */
export interface GammaExpParams {
  /** P(W > 0). */
  probWait: number;
  /** Rate of the exponential conditional wait, per second (> 0). */
  waitRatePerS: number;
  /** Mean service time E[S], seconds. */
  serviceTimeS: number;
  /** Gamma shape k = 1 / cv^2 (> 0); Infinity means deterministic service. */
  shape: number;
}

/**
 * ln of I(t) = integral_0^t f_S(s) e^(-r (t - s)) ds = P(S <= t, S + E > t) for S ~ gamma(k, rate beta), E ~ Exp(r),
 * in closed form through the incomplete gamma function and without cancellation. With x = beta t, eps = r / beta:
 *   I = D(k, x) * 1F1(1; k + 1; (1 - eps) x),  D(k, x) = x^k e^-x / Gamma(k + 1)   (Abramowitz & Stegun 13.1.27),
 * evaluated as D(k, x) H(k, z) (positive series / Temme) when 0 <= z = (1 - eps) x < k + 1,
 * as e^(k (-eps - ln(1 - eps)) - eps (x - k)) P(k, z) when z >= k + 1 (the same identity, P = D H),
 * and as D(k, x) E[k / (k + N)], N ~ Poisson((eps - 1) x) when eps > 1 (Kummer's transformation).
 */
export function logGammaExpConvolution(shape: number, x: number, eps: number): number {
  if (x <= 0) return Number.NEGATIVE_INFINITY;
  const logD = logGammaPrefix(shape, x);
  if (eps > 1) {
    const y = (eps - 1) * x;
    return logD + Math.log(poissonMeanKOverKPlusN(shape, y));
  }
  const z = (1 - eps) * x;
  // Where P(k, z) may be tiny (z below the bulk of gamma(k)), use the positive series / scaled Temme form of H.
  const useH = shape > 1e6 ? z < shape : z < shape + 1;
  if (useH) return logD + logHypergeometric1F1One(shape, z);
  const p = incompleteGamma(shape, z).p;
  return shape * uMinusLog1p(-eps) - eps * (x - shape) + Math.log(p);
}

/**
 * ln P(T > t) for T = W + S with the parameters above (the M/G/c percentile approximation), for t >= 0:
 *   gamma service:  P(T > t) = Q(k, beta t) + C I(t)   (I from logGammaExpConvolution),
 *   deterministic:  P(T > t) = 1 for t < E[S], C e^(-r (t - E[S])) for t >= E[S].
 * @param tS time, seconds
 */
export function gammaExpLogSurvival(params: GammaExpParams, tS: number): number {
  const { probWait, waitRatePerS, serviceTimeS, shape } = params;
  if (tS < 0) return 0;
  if (shape === Number.POSITIVE_INFINITY) {
    if (tS < serviceTimeS) return 0;
    if (probWait === 0) return Number.NEGATIVE_INFINITY;
    return Math.log(probWait) - waitRatePerS * (tS - serviceTimeS);
  }
  if (tS === 0) return 0;
  const beta = shape / serviceTimeS;
  const x = beta * tS;
  const logQ = logGammaQ(shape, x);
  if (probWait === 0) return logQ;
  const eps = waitRatePerS / beta;
  const logI = Math.log(probWait) + logGammaExpConvolution(shape, x, eps);
  // Q + C I <= 1 exactly; rounding may exceed it by an ulp next to t = 0.
  return Math.min(0, logAddExp(logQ, logI));
}

/** ln(e^a + e^b) without overflow or underflow. */
export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}
