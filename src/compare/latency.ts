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
import { NumberKeyMemo } from './numberKeyMemo.js';

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

/**
 * The latency group of a path (its share, network time and write detour) served by a queue: the fields named, not
 * spread (a spread of a path object, a region's with its name, cost about 7 us a call of 15 paths in a vertical
 * search's p99 tests and about 2% of a JSONL line: in-process profiles, 2026-12-07).
 * @example latencyGroup({ share: 1, networkS: 0.01, writeExtraS: 0, writeFraction: 0 }, () => 0, 0.005).networkS // 0.01
 */
export function latencyGroup(
  path: Pick<LatencyGroup, 'share' | 'networkS' | 'writeExtraS' | 'writeFraction'>,
  queueSurvival: (tS: number) => number,
  queueScaleS: number,
): LatencyGroup {
  return {
    share: path.share,
    networkS: path.networkS,
    writeExtraS: path.writeExtraS,
    writeFraction: path.writeFraction,
    queueSurvival,
    queueScaleS,
  };
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
const MAX_MEMO_QUANTILES = 50_000;

const quantileMemo = new Map<string, number>();
/**
 * One group's quantiles by their numbers (numberKeyMemo.ts: no key text): p and the group's six, seven nodes at most
 * for each of MAX_MEMO_ONE_GROUP entries. A mixture of several groups keeps its text key, whose length grows more
 * slowly than the nodes of a tree (numberKeyMemo.ts: about ten times its text in memory).
 */
const MAX_MEMO_ONE_GROUP = 20_000;
const oneGroupMemo = new NumberKeyMemo<number>(7 * MAX_MEMO_ONE_GROUP);
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
 * would, bit for bit (one group's: its numbers down oneGroupMemo's tree; several groups': their text).
 */
export function mixtureQuantile(groups: readonly LatencyGroup[], p: number): number {
  const only = groups.length === 1 ? groups[0] : undefined;
  if (only !== undefined) {
    let at = oneGroupMemo.step(oneGroupMemo.root(), p);
    at = oneGroupMemo.step(at, only.share);
    at = oneGroupMemo.step(at, only.networkS);
    at = oneGroupMemo.step(at, only.writeExtraS);
    at = oneGroupMemo.step(at, only.writeFraction);
    at = oneGroupMemo.step(at, survivalId(only.queueSurvival));
    at = oneGroupMemo.step(at, only.queueScaleS);
    let q = oneGroupMemo.get(at);
    if (q === undefined) {
      q = computeMixtureQuantile(groups, p);
      oneGroupMemo.set(at, q);
    }
    return q;
  }
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

/**
 * Relative margin around a threshold within which mixtureQuantileVersus leaves the decision to the quantile itself:
 * far above the root finder's precision (|x - root| <= 4 eps |x|, core/math/roots.ts) and the rounding of the
 * survival function near its root, so that outside it the survival's sign decides as the computed quantile would.
 */
export const QUANTILE_DECISION_MARGIN = 1e-9;

/**
 * Where the p-quantile of the mixture lies against `xS` (seconds), from its survival function at xS (1 -/+ margin)
 * instead of the quantile's root search (some fifty evaluations of every group's survival): -1 when the quantile is
 * at most xS (1 - QUANTILE_DECISION_MARGIN), 1 when it is above xS (1 + QUANTILE_DECISION_MARGIN), 0 when it may lie
 * between (the caller then computes mixtureQuantile). The quantile is the first t >= 0 with
 * log P(T > t) - log(1 - p) <= 0 (quantileFromSurvival, the same function), non-increasing in t: P(T > a) <= 1 - p
 * at a = xS (1 - margin) puts it at or below a, P(T > b) > 1 - p at b = xS (1 + margin) above b.
 * @example mixtureQuantileVersus(groups, 0.99, 0.05) // -1: P(T > 49.99999995 ms) <= 1%, the p99 meets a 50 ms target
 */
export function mixtureQuantileVersus(groups: readonly LatencyGroup[], p: number, xS: number): -1 | 0 | 1 {
  return quantileVersus(mixtureSurvival(groups), p, xS);
}

/** mixtureQuantileVersus of a mixture's survival function (mixtureSurvival's, or one computed as it computes). */
function quantileVersus(survival: (tS: number) => number, p: number, xS: number): -1 | 0 | 1 {
  const logTarget = Math.log1p(-p);
  const above = (t: number) => {
    const s = survival(t);
    if (Number.isNaN(s)) throw new RangeError(`survival(${t}) is NaN`);
    return (s > 0 ? Math.log(s) : Number.NEGATIVE_INFINITY) - logTarget > 0;
  };
  const lo = Math.max(0, xS * (1 - QUANTILE_DECISION_MARGIN));
  if (!above(lo)) return xS >= 0 ? -1 : 0;
  if (above(xS * (1 + QUANTILE_DECISION_MARGIN))) return 1;
  return 0;
}

/**
 * Whether the p-quantile of a mixture (its survival function as mixtureSurvival computes it) is above xS (1 +
 * QUANTILE_DECISION_MARGIN): quantileVersus's second test alone, one evaluation of the survival. False says only that
 * the quantile is at most that point.
 */
export function quantileAbove(survival: (tS: number) => number, p: number, xS: number): boolean {
  const s = survival(xS * (1 + QUANTILE_DECISION_MARGIN));
  if (Number.isNaN(s)) throw new RangeError(`survival(${xS}) is NaN`);
  return (s > 0 ? Math.log(s) : Number.NEGATIVE_INFINITY) - Math.log1p(-p) > 0;
}

/** mixtureQuantile(groups, p) <= xS, decided from the survival function where it can be (mixtureQuantileVersus). */
export function mixtureQuantileAtMost(groups: readonly LatencyGroup[], p: number, xS: number): boolean {
  const side = mixtureQuantileVersus(groups, p, xS);
  return side === 0 ? mixtureQuantile(groups, p) <= xS : side < 0;
}
