/**
 * Capacity of nodes: the queue that a region's load meets on `up` nodes of one instance type, and the fewest nodes
 * that carry a load within the p99 target.
 *
 * Model (stated in the README and in each result's `method`):
 * - A node with v vCPUs serves as v servers (`serviceTime` is the CPU time of one request on one vCPU of
 *   workload.serviceTimeFamily, scaled to the node's family by its per-vCPU speed: perVcpu.ts). With the
 *   Universal Scalability Law (Gunther 2007, eq. 4.31) the v vCPUs deliver C(v) = v / (1 + sigma (v-1) +
 *   kappa v (v-1)) times one vCPU's throughput, modelled as v servers whose service time is stretched by v / C(v).
 * - Fan-out K: a request makes K sub-requests, each a `serviceTime` of CPU, and waits for the slowest.
 * - Balancer (measured against the simulator in test/accuracy; README): `least-loaded` (join the shortest queue) and
 *   `power-of-two` are modelled as one pooled M/G/(N v) queue, the ideal both approach (JSQ within 1%, power-of-two
 *   within 6% at 90% load: slightly optimistic); `random` as N independent M/G/v queues each offered 1/N of the load
 *   (exact: random splitting of Poisson arrivals is Poisson); `round-robin` as N independent GI/G/v queues whose
 *   arrivals are Erlang-N (every N-th arrival; interarrival cv 1/sqrt(N)), by Allen-Cunneen.
 */

import { MAX_SERVERS } from '../core/queueing/erlang.js';
import type { QueueInput } from '../core/queueing/index.js';
import { uslCapacity } from '../core/queueing/index.js';
import type { BalancerPolicy, P99Scope, Workload } from '../scenario/types.js';
import { type LatencyGroup, latencyGroup, mixtureQuantile, mixtureQuantileAtMost } from './latency.js';
import type { NodeCapacity } from './perVcpu.js';
import { queueSurvival } from './queueMemo.js';

/**
 * The per-request CPU time on one vCPU of a node, seconds: the service time measured on workload.serviceTimeFamily
 * scaled to the node's vCPU (divided by its speedup, perVcpu.ts), then stretched by the USL derating v / C(v).
 * @throws {RangeError} the workload has no service time (a system of tiers, which compareScenario refuses for now)
 * @example effectiveServiceTimeS({ ...w, serviceTimeS: 0.01, usl: null }, { vcpu: 8, speedup: 1.25 }) // 0.008
 */
export function effectiveServiceTimeS(w: Workload, node: NodeCapacity): number {
  const measuredS = w.serviceTimeS;
  if (measuredS === null) throw new RangeError('no workload.serviceTime: a system of tiers is not evaluated yet');
  const serviceTimeS = node.speedup === 1 ? measuredS : measuredS / node.speedup;
  if (w.usl === null || node.vcpu <= 1) return serviceTimeS;
  return (serviceTimeS * node.vcpu) / uslCapacity(node.vcpu, w.usl);
}

export interface QueueAtLoad {
  input: QueueInput;
  /** CPU utilisation of each node (the same on every node under the modelled balancing). */
  utilization: number;
  stable: boolean;
}

/**
 * The queue met by `ratePerS` requests served by `nodesUp` nodes of `node.vcpu` vCPUs of `node.speedup`.
 * @param model how the balancer spreads the load (balancerModel)
 */
export function queueAtLoad(
  w: Workload,
  node: NodeCapacity,
  ratePerS: number,
  nodesUp: number,
  model: BalancerModel,
): QueueAtLoad {
  const vcpu = node.vcpu;
  const serviceTimeS = effectiveServiceTimeS(w, node);
  const subRate = ratePerS * w.fanout;
  const utilization = (subRate * serviceTimeS) / (vcpu * nodesUp);
  // beyond the queueing core's 10,000,000 servers a pooled queue is split per node instead (pessimistic there)
  if (model === 'pooled' && vcpu * nodesUp > MAX_SERVERS) model = 'split-poisson';
  const input: QueueInput =
    model === 'pooled'
      ? {
          servers: vcpu * nodesUp,
          arrivalRatePerS: subRate,
          serviceTimeS,
          serviceTimeCv: w.serviceTimeCv,
          fanout: w.fanout,
        }
      : {
          servers: vcpu,
          arrivalRatePerS: subRate / nodesUp,
          serviceTimeS,
          serviceTimeCv: w.serviceTimeCv,
          fanout: w.fanout,
          ...(model === 'split-erlang' && nodesUp > 1 ? { arrivalCv: 1 / Math.sqrt(nodesUp) } : {}),
        };
  return { input, utilization, stable: utilization < 1 };
}

/** How the analytic model treats a balancer: one pooled queue, or N queues fed Poisson or Erlang-N streams. */
export type BalancerModel = 'pooled' | 'split-poisson' | 'split-erlang';

export function balancerModel(balancer: BalancerPolicy | null): BalancerModel {
  if (balancer === 'random') return 'split-poisson';
  if (balancer === 'round-robin') return 'split-erlang';
  return 'pooled';
}

/** Network part of a user group, before the queue is known. */
export interface GroupPath {
  share: number;
  networkS: number;
  writeExtraS: number;
  writeFraction: number;
}

/** The latency groups of paths served by one stable queue. */
export function groupsAt(paths: readonly GroupPath[], q: QueueAtLoad): LatencyGroup[] {
  const survival = queueSurvival(q.input);
  // a scale hint for the quantile root finder only (an M/M/1-like mean, S / (1 - rho); 1e-6 keeps it finite at rho
  // near 1), not a figure that is reported
  const scale = q.input.serviceTimeS / Math.max(1e-6, 1 - q.utilization);
  const groups = new Array<LatencyGroup>(paths.length);
  for (let i = 0; i < paths.length; i++) groups[i] = latencyGroup(paths[i] as GroupPath, survival, scale);
  return groups;
}

/**
 * Whether the p99 that `targets.p99` judges for these paths is the p99 of their mixture: scope "all-users", or a
 * single path (whose own p99 is the mixture's).
 */
export function judgedOnMixture(paths: readonly unknown[], scope: P99Scope): boolean {
  return scope === 'all-users' || paths.length <= 1;
}

/**
 * End-to-end p99 (or other quantile) of user groups served by one queue, seconds; Infinity when unstable.
 */
export function pathsQuantileS(paths: readonly GroupPath[], q: QueueAtLoad, p: number): number {
  if (!q.stable) return Number.POSITIVE_INFINITY;
  return mixtureQuantile(groupsAt(paths, q), p);
}

/**
 * The p99 that `targets.p99` judges for user groups served by one queue, seconds (Infinity when unstable): with
 * scope "all-users" the p99 of their mixture, with "every-region" the highest of each group's own p99 (each user
 * region must meet the target on its own, so the worst one decides).
 */
export function scopedP99S(paths: readonly GroupPath[], q: QueueAtLoad, scope: P99Scope): number {
  if (judgedOnMixture(paths, scope)) return pathsQuantileS(paths, q, 0.99);
  if (!q.stable) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (const g of groupsAt(paths, q)) worst = Math.max(worst, mixtureQuantile([g], 0.99));
  return worst;
}

/**
 * pathsQuantileS(paths, q, p) <= xS, from the survival function at the threshold where that decides it (one or two
 * evaluations instead of a quantile's root search: mixtureQuantileAtMost). Sizing asks only this.
 */
function pathsQuantileAtMost(paths: readonly GroupPath[], q: QueueAtLoad, p: number, xS: number): boolean {
  if (!q.stable) return Number.POSITIVE_INFINITY <= xS;
  return mixtureQuantileAtMost(groupsAt(paths, q), p, xS);
}

/** scopedP99S(paths, q, scope) <= xS (pathsQuantileAtMost; under "every-region" every group's own p99). */
export function scopedP99AtMost(paths: readonly GroupPath[], q: QueueAtLoad, scope: P99Scope, xS: number): boolean {
  if (judgedOnMixture(paths, scope)) return pathsQuantileAtMost(paths, q, 0.99, xS);
  if (!q.stable) return Number.POSITIVE_INFINITY <= xS;
  // the highest of the groups' p99s (from 0) is at most xS when each is
  if (!(0 <= xS)) return false;
  for (const g of groupsAt(paths, q)) if (!mixtureQuantileAtMost([g], 0.99, xS)) return false;
  return true;
}

/**
 * The p99 of the network time alone (round trips, and a strong write's quorum round trip), seconds: the p99 no
 * amount of capacity can go below. Under "all-users", the 99th percentile of the mixture of the groups' fixed network
 * times (reads at networkS, writes at networkS + writeExtraS); under "every-region", the largest of each group's own.
 * @example networkP99S([{ share: 0.995, networkS: 0.005, writeExtraS: 0, writeFraction: 0 }, { share: 0.005, networkS: 0.2, writeExtraS: 0, writeFraction: 0 }], 'all-users') // 0.005
 */
export function networkP99S(paths: readonly GroupPath[], scope: 'all-users' | 'every-region'): number {
  const atoms: { x: number; w: number }[] = [];
  for (const g of paths) {
    atoms.push({ x: g.networkS, w: g.share * (1 - g.writeFraction) });
    if (g.writeFraction > 0) atoms.push({ x: g.networkS + g.writeExtraS, w: g.share * g.writeFraction });
  }
  const p99 = (list: { x: number; w: number }[]) => {
    const sorted = list.filter((a) => a.w > 0).sort((a, b) => a.x - b.x);
    const total = sorted.reduce((s, a) => s + a.w, 0);
    let acc = 0;
    for (const a of sorted) {
      acc += a.w;
      if (acc >= 0.99 * total - 1e-12) return a.x;
    }
    return sorted[sorted.length - 1]?.x ?? 0;
  };
  if (scope === 'all-users') return p99(atoms);
  let worst = 0;
  for (const g of paths) {
    const own = [{ x: g.networkS, w: 1 - g.writeFraction }];
    if (g.writeFraction > 0) own.push({ x: g.networkS + g.writeExtraS, w: g.writeFraction });
    worst = Math.max(worst, p99(own));
  }
  return worst;
}

/** Share of the requests beyond 1% that networkAloneMisses asks for, and its margin on the time (relative). */
const NETWORK_MISS_SHARE_SLACK = 1e-3;
const NETWORK_MISS_TIME_SLACK = 1e-6;

/**
 * Whether the network time alone puts the p99 of the mixture of `paths` above `xS` whatever the queue: the requests
 * whose network time (a read's round trips, a write's with its quorum detour) exceeds xS (1 + 1e-6) are more than 1%
 * of all (by 1e-3). Their end-to-end time exceeds xS (1 + 1e-6) whatever the queue (a queue's survival is exactly 1
 * before 0: responseTimeSurvivalFunction), so the mixture's survival at xS (1 +/- QUANTILE_DECISION_MARGIN) is above
 * 1% by far more than its rounding, and scopedP99AtMost (scope "all-users", or one path) is false at every node count.
 * @example networkAloneMisses([{ share: 0.9, networkS: 0.01, writeExtraS: 0, writeFraction: 0 }, { share: 0.1, networkS: 0.08, writeExtraS: 0, writeFraction: 0 }], 0.05) // true: 10% of the requests spend 80 ms on the network
 */
export function networkAloneMisses(paths: readonly GroupPath[], xS: number): boolean {
  const beyond = xS * (1 + NETWORK_MISS_TIME_SLACK);
  let total = 0;
  let slow = 0;
  for (const g of paths) {
    total += g.share;
    if (g.networkS > beyond) slow += g.share * (1 - g.writeFraction);
    if (g.writeFraction > 0 && g.networkS + g.writeExtraS > beyond) slow += g.share * g.writeFraction;
  }
  return total > 0 && slow > 0.01 * (1 + NETWORK_MISS_SHARE_SLACK) * total;
}

/**
 * networkAloneMisses where the judged p99 is the mixture's (judgedOnMixture): then no node count meets the target,
 * and nodesNeeded sizes on the queue alone (regionNeed.ts keys its memo by the same test).
 */
export function networkAloneMissesJudged(paths: readonly GroupPath[], scope: P99Scope, xS: number): boolean {
  return judgedOnMixture(paths, scope) && networkAloneMisses(paths, xS);
}

/** The smallest node count >= 1 for which `ok` holds, given ok is monotone (false ... false true ... true). */
function smallestTrue(lo: number, ok: (n: number) => boolean, cap: number): number | null {
  let hi = Math.max(lo, 1);
  while (!ok(hi)) {
    if (hi >= cap) return null;
    lo = hi + 1;
    hi = Math.min(cap, hi * 2);
  }
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid + 1;
  }
  return hi;
}

/** Upper limit of node counts searched (per region). */
export const MAX_NODES_PER_REGION = 100_000;

export interface NodesNeeded {
  /** Fewest up nodes meeting the criterion, or null when no count up to MAX_NODES_PER_REGION does. */
  nodes: number | null;
  /** Which criterion decided: the users' end-to-end p99, or (when the network alone exceeds the target) queue p99. */
  criterion: 'p99' | 'queue-p99' | 'stable';
}

/**
 * Fewest up nodes that carry `ratePerS` with the end-to-end p99 of `paths` at most p99TargetS (the p99 of their
 * mixture, or with scope "every-region" each path's own: scopedP99S). When no node count can (the network or the
 * service time alone exceeds the target), falls back to the queue's own p99 (no network) within the target, then to
 * mere stability, and says which criterion it used. p99 falls as nodes are added, so the answer is found by doubling
 * and bisection.
 */
export function nodesNeeded(
  w: Workload,
  node: NodeCapacity,
  ratePerS: number,
  model: BalancerModel,
  paths: readonly GroupPath[],
  p99TargetS: number,
  scope: P99Scope = 'all-users',
): NodesNeeded {
  const vcpu = node.vcpu;
  const subWork = ratePerS * w.fanout * effectiveServiceTimeS(w, node);
  const minStable = Math.max(1, Math.floor(subWork / vcpu) + 1);
  if (ratePerS === 0) return { nodes: 1, criterion: 'p99' };
  // a pooled queue of every node's vCPUs must stay within the queueing core's limit of servers
  const cap = Math.max(1, Math.min(MAX_NODES_PER_REGION, Math.floor(MAX_SERVERS / vcpu)));
  // each count is tested against the target by the survival function there (P(T > target) <= 1%), not by its p99
  const atP99 = (n: number) => scopedP99AtMost(paths, queueAtLoad(w, node, ratePerS, n, model), scope, p99TargetS);
  const farOut = Math.min(cap, minStable * 64 + 64);
  // no count meets the p99 when the network alone misses it (networkAloneMisses): not tested
  const reachable = !networkAloneMissesJudged(paths, scope, p99TargetS);
  if (paths.length > 0 && reachable && atP99(farOut)) {
    return { nodes: smallestTrue(minStable, atP99, cap), criterion: 'p99' };
  }
  const queueOnly: GroupPath[] = [{ share: 1, networkS: 0, writeExtraS: 0, writeFraction: 0 }];
  const atQueueP99 = (n: number) =>
    pathsQuantileAtMost(queueOnly, queueAtLoad(w, node, ratePerS, n, model), 0.99, p99TargetS);
  if (atQueueP99(farOut)) return { nodes: smallestTrue(minStable, atQueueP99, cap), criterion: 'queue-p99' };
  return { nodes: minStable <= cap ? minStable : null, criterion: 'stable' };
}

/** Fewest up nodes keeping utilisation at or below maxUtilization. */
export function nodesForUtilization(w: Workload, node: NodeCapacity, ratePerS: number, maxUtilization: number): number {
  const work = ratePerS * w.fanout * effectiveServiceTimeS(w, node);
  return Math.max(1, Math.ceil(work / (node.vcpu * maxUtilization) - 1e-9));
}
