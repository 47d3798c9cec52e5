/**
 * End-to-end latency of a design: per user group, network round trips to the serving region plus the serving
 * region's response-time distribution (queueing + service, with fan-out), plus, for strongly consistent writes, the
 * round trip to a quorum of replicas. The overall percentiles are those of the MIXTURE over user groups
 * (P(T > t) = sum_g share_g P(T_g > t)), never a sum or an average of percentiles.
 *
 * Sources: the response-time models of src/core/queueing (exact for M/M/c); a mixture's survival function is the
 * share-weighted sum of its components' (law of total probability).
 */

import { quantileFromSurvival } from '../core/queueing/index.js';

/** One group of requests with the same network path and queue. */
export interface LatencyGroup {
  /** Share of all requests, (0, 1]. */
  share: number;
  /** Network time added to every request of the group (round trips), seconds. */
  networkS: number;
  /** Extra time for the write fraction (quorum round trip), seconds; 0 when none. */
  writeExtraS: number;
  /** Fraction of the group's requests that pay writeExtraS. */
  writeFraction: number;
  /** P(queue response > t), t in seconds. */
  queueSurvival: (tS: number) => number;
  /** A typical queue response time (mean), seconds, > 0: the root finder's scale. */
  queueScaleS: number;
}

/** Survival function of one group's end-to-end time. */
export function groupSurvival(g: LatencyGroup): (tS: number) => number {
  const { networkS, writeExtraS, writeFraction, queueSurvival } = g;
  if (writeFraction === 0 || writeExtraS === 0) return (t) => queueSurvival(t - networkS);
  return (t) =>
    (1 - writeFraction) * queueSurvival(t - networkS) + writeFraction * queueSurvival(t - networkS - writeExtraS);
}

/** Survival function of the mixture of groups (shares need not sum to 1: they are normalised). */
export function mixtureSurvival(groups: readonly LatencyGroup[]): (tS: number) => number {
  const total = groups.reduce((s, g) => s + g.share, 0);
  const parts = groups.map((g) => ({ w: g.share / total, s: groupSurvival(g) }));
  return (t) => {
    let sum = 0;
    for (const p of parts) sum += p.w * p.s(t);
    return Math.min(1, sum);
  };
}

/** Typical magnitude of the mixture's quantiles, seconds (> 0), used to bracket the root. */
function scaleOf(groups: readonly LatencyGroup[]): number {
  let scale = 0;
  for (const g of groups) scale = Math.max(scale, g.networkS + g.writeExtraS + g.queueScaleS);
  return scale > 0 ? scale : 1e-3;
}

/** mixtureQuantile computed, never memoised (the reference its memo is tested against). */
export function computeMixtureQuantile(groups: readonly LatencyGroup[], p: number): number {
  return quantileFromSurvival(mixtureSurvival(groups), p, scaleOf(groups));
}

/** Entries the quantile memo keeps before it is cleared (a bound on memory: a key is a few hundred bytes). */
export const MAX_MEMO_QUANTILES = 50_000;

const quantileMemo = new Map<string, number>();
const survivalIds = new WeakMap<(tS: number) => number, number>();
let nextSurvivalId = 0;

/** A number for each survival function (by identity: the queue memo hands out one function per queue). */
function survivalId(f: (tS: number) => number): number {
  let id = survivalIds.get(f);
  if (id === undefined) {
    id = nextSurvivalId++;
    survivalIds.set(f, id);
  }
  return id;
}

/**
 * p-quantile (p in (0,1)) of the mixture of groups, seconds. Memoised: a search meets the same mixture on many designs
 * (the same queue and paths whatever the zone count, the empty regions or another instance type of the same vCPUs),
 * and each quantile is some fifty evaluations of every group's survival. The key is every number the quantile reads
 * and the identity of each group's survival function (a pure function of t), so a hit returns what the computation
 * would, bit for bit.
 */
export function mixtureQuantile(groups: readonly LatencyGroup[], p: number): number {
  let key = `${p}`;
  for (const g of groups) {
    key += `;${g.share},${g.networkS},${g.writeExtraS},${g.writeFraction},${survivalId(g.queueSurvival)},${g.queueScaleS}`;
  }
  let q = quantileMemo.get(key);
  if (q === undefined) {
    q = computeMixtureQuantile(groups, p);
    if (quantileMemo.size >= MAX_MEMO_QUANTILES) quantileMemo.clear();
    quantileMemo.set(key, q);
  }
  return q;
}
