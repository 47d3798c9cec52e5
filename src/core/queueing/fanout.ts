/**
 * Fan-out: a client that sends K requests in parallel and waits for all of them sees the slowest of K responses.
 * For K independent, identically distributed responses with CDF F, the slowest has CDF F^K (order statistics;
 * David & Nagaraja 2003, *Order Statistics* 3rd ed., section 2.1; Dean & Barroso 2013, "The tail at scale", CACM 56).
 * Independence is the stated assumption: responses that share a queue are positively correlated, which this
 * ignores.
 */

import { integrateToInfinity } from '../math/quadrature.js';

/**
 * ln p without loss for p near 1 (log1p of the exact p - 1) or near 0.
 * @param p probability in (0, 1)
 */
function logProbability(p: number): number {
  return p >= 0.5 ? Math.log1p(p - 1) : Math.log(p);
}

/**
 * The single-response survival level s = 1 - p^(1/K) whose quantile is the p-quantile of the slowest of K:
 * F_max(t) = F(t)^K = p  <=>  F(t) = p^(1/K). Computed as -expm1(ln(p) / K) so that no digits are lost when p^(1/K)
 * is close to 1.
 * @param p probability in (0, 1)
 * @param fanout K, integer >= 1
 */
export function fanoutSingleSurvivalTarget(p: number, fanout: number): number {
  return -Math.expm1(logProbability(p) / fanout);
}

/** ln of fanoutSingleSurvivalTarget, accurate also when the target is tiny. */
export function logFanoutSingleSurvivalTarget(p: number, fanout: number): number {
  if (fanout === 1) return p >= 0.5 ? Math.log(1 - p) : Math.log1p(-p);
  return Math.log(fanoutSingleSurvivalTarget(p, fanout));
}

/**
 * Survival of the slowest of K i.i.d. responses, 1 - (1 - S)^K = -expm1(K ln(1 - S)), given ln S of one response.
 * ln(1 - S) is taken as log1p(-S) when S < 1/2 and as ln(-expm1(ln S)) when S is near 1, where 1 - S itself would
 * have lost its digits.
 * @param logSurvival ln P(T > t) of one response
 * @param fanout K, integer >= 1
 */
export function maxOfIidSurvivalFromLog(logSurvival: number, fanout: number): number {
  // Rounding can leave ln S a hair above 0 where S = 1 - O(eps): that is S = 1.
  if (logSurvival >= 0) return 1;
  if (fanout === 1) return Math.exp(logSurvival);
  const s = Math.exp(logSurvival);
  const logF = s < 0.5 ? Math.log1p(-s) : Math.log(-Math.expm1(logSurvival));
  return -Math.expm1(fanout * logF);
}

/**
 * Mean of the slowest of K i.i.d. non-negative responses, E[max] = integral_0^inf (1 - F(t)^K) dt, by adaptive
 * Gauss-Kronrod quadrature of the survival of the maximum (relative tolerance 1e-13 requested).
 * @param logSurvival ln P(T > t) of one response, t in seconds
 * @param fanout K, integer >= 1
 * @param scaleS typical magnitude of one response (e.g. its mean), seconds
 * @param breakpointsS times where the survival jumps or kinks (e.g. a deterministic service time), seconds
 * @returns mean of the maximum, seconds
 */
export function meanOfMaxS(
  logSurvival: (tS: number) => number,
  fanout: number,
  scaleS: number,
  breakpointsS: readonly number[] = [],
): number {
  const f = (t: number): number => maxOfIidSurvivalFromLog(logSurvival(t), fanout);
  // The maximum sits near the (1 - 1/K) quantile: widen the first panel with ln K.
  const scale = scaleS * (1 + Math.log(fanout));
  return integrateToInfinity(f, 0, scale, { relTol: 1e-13 }, breakpointsS).value;
}
