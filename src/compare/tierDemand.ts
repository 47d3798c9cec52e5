/**
 * What one user request asks of each tier of a system of tiers, and of shared CPUs when the tiers run co-located on
 * the same nodes (issue 13). A call to tier i is made `callsPerRequest` times; behind a run of cache tiers only the
 * misses of every cache in the run arrive, each call independently (a cache of hit ratio h passes a call on with
 * probability 1 - h), so the number of calls reaching tier i is Binomial(c_i, p_i) with
 *
 *   p_i = product of (1 - h_k) over the cache tiers k immediately before i (1 when the tier before is not a cache).
 *
 * The CPU demand of a request is D = sum over tiers of the service times of the calls that reach them. With the
 * calls' service times independent (mean s_i, coefficient of variation v_i) and independent of the counts N_i:
 *
 *   E[D]   = sum_i E[N_i] s_i,                E[N_i] = c_i p_i
 *   Var[D] = sum_i E[N_i] (v_i s_i)^2 + Var[N_i] s_i^2,   Var[N_i] = c_i p_i (1 - p_i)
 *
 * (the law of total variance for a random sum: Var[sum_{j<=N} S_j] = E[N] Var[S] + Var[N] E[S]^2). Pure.
 */

import type { Tier } from '../scenario/types.js';

/** The calls one request makes to a tier. */
export interface TierCalls {
  /** Probability that one of the tier's calls reaches it (the product of the misses of the caches in front). */
  reachProbability: number;
  /** Expected calls per request that reach the tier, E[N] = c p. */
  meanCalls: number;
  /** Variance of the number of calls that reach it, Var[N] = c p (1 - p). */
  callsVariance: number;
}

/**
 * The calls each tier receives per user request, in tier order.
 * @example tierCalls([{ name: 'app', role: 'stateless', serviceTimeS: 0.006, serviceTimeCv: 1, callsPerRequest: 1 }, { name: 'cache', role: 'cache', serviceTimeS: 0.0003, serviceTimeCv: 1, callsPerRequest: 4, hitRatio: 0.9, workingSetBytes: 0 }, { name: 'db', role: 'database', serviceTimeS: 0.002, serviceTimeCv: 1, callsPerRequest: 4, workingSetBytes: 0, writeFraction: 0.2, replication: 3, consistency: 'strong' }])[2].meanCalls // 0.4
 */
export function tierCalls(tiers: readonly Tier[]): TierCalls[] {
  const out: TierCalls[] = [];
  let passOn = 1; // the product of the misses of the run of caches just before the current tier
  for (const t of tiers) {
    const p = passOn;
    out.push({
      reachProbability: p,
      meanCalls: t.callsPerRequest * p,
      callsVariance: t.callsPerRequest * p * (1 - p),
    });
    passOn = t.role === 'cache' ? passOn * (1 - t.hitRatio) : 1;
  }
  return out;
}

/** The CPU demand of one request on nodes that run every tier (co-located). */
export interface CoLocatedDemand {
  /** E[D], seconds of CPU on one vCPU. */
  meanS: number;
  /** Coefficient of variation of D (0 when D is 0). */
  cv: number;
}

/**
 * The CPU demand of one request when every tier runs on the same nodes: its mean and coefficient of variation
 * (the moments of a random sum, see the module comment).
 * @example coLocatedDemand([{ name: 'app', role: 'stateless', serviceTimeS: 0.01, serviceTimeCv: 1, callsPerRequest: 1 }, { name: 'db', role: 'database', serviceTimeS: 0.01, serviceTimeCv: 1, callsPerRequest: 1, workingSetBytes: 0, writeFraction: 0, replication: 2, consistency: 'eventual' }]) // { meanS: 0.02, cv: 0.70710678 }
 */
export function coLocatedDemand(tiers: readonly Tier[]): CoLocatedDemand {
  const calls = tierCalls(tiers);
  let mean = 0;
  let variance = 0;
  tiers.forEach((t, i) => {
    const c = calls[i] as TierCalls;
    const s = t.serviceTimeS;
    mean += c.meanCalls * s;
    variance += c.meanCalls * (t.serviceTimeCv * s) ** 2 + c.callsVariance * s * s;
  });
  return { meanS: mean, cv: mean > 0 ? Math.sqrt(variance) / mean : 0 };
}
