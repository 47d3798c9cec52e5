/**
 * The latency of a design at the design rate, either kind: per user region (served from, network, queue p99,
 * end-to-end p99, failover) and overall (quantiles of the mixture over user regions), with the degraded p99 (spares
 * down) for a full evaluation, or the p99 alone for a search's screen.
 */

import {
  type ApproximationError,
  approximationErrorText,
  approximationWarning,
  envelopeOfErrors,
} from '../core/queueing/approximationError.js';
import type { QueueSummary } from '../core/queueing/index.js';
import { type GroupPath, groupsAt, networkP99S, type queueAtLoad } from './capacity.js';
import { type Context, preferenceOrder } from './context.js';
import { contextMemo } from './contextMemo.js';
import {
  type LatencyGroup,
  latencyGroup,
  mixtureQuantile,
  QUANTILE_DECISION_MARGIN,
  quantileAbove,
} from './latency.js';
import { regionMeetsP99 } from './p99Scope.js';
import { queueFigures, queueKey, queueP99S, queueSurvival } from './queueMemo.js';
import type { LatencyResult, UserRegionLatency } from './result.js';

const ms = (s: number) => s * 1000;

/** The path of a group whose time is its queue's alone (no network time, no write detour). */
const QUEUE_ONLY = { share: 1, networkS: 0, writeExtraS: 0, writeFraction: 0 } as const;

/** Method prefix of a screened result: only the p99 was computed (p50, p99.9, the degraded p99 and the mean wait are
 * null; with p99Scope "all-users" byUserRegion is empty); the search ranks screened results and evaluates its choice
 * in full. Never reported as an architecture. */
export const SCREEN_METHOD = 'screened (p99 only)';

export const LATENCY_METHOD_EXACT =
  'network round trips (measured medians, or estimated from distance) + FCFS response time of the serving queue; overall figures are quantiles of the mixture over user regions';

/**
 * The note of a candidate whose serving queues lie outside the range where the M/G/c approximation's error was
 * measured (approximationError.ts); null when they are inside it, exact or unstable.
 */
export function approximationNote(queues: readonly ReturnType<typeof queueAtLoad>[]): string | null {
  // approximationWarning of the queues' envelope (envelopeOfErrors) without building it: the envelope is the first
  // error outside the measured range when there is one, and the warning is that error's; inside, there is none
  for (const q of queues) {
    if (!q.stable) continue;
    const e = queueFigures(q.input).analysis.approximationError;
    if (e !== null && e.outside !== null) return approximationWarning(e);
  }
  return null;
}

/** A region serving users: its queue and its users' network paths. */
export interface ServingRegion {
  region: string;
  queue: ReturnType<typeof queueAtLoad>;
  paths: (GroupPath & { region: string })[];
}

const userOrders = new WeakMap<Context, Map<string, number>>();

/** Each user region's position in the scenario (once per context: the search evaluates many designs). */
function userOrder(ctx: Context): Map<string, number> {
  let order = userOrders.get(ctx);
  if (order === undefined) {
    order = new Map(ctx.scenario.users.map((u, i) => [u.region, i]));
    userOrders.set(ctx, order);
  }
  return order;
}

/**
 * The latency figures of a design served by `serving`. `candidateRegions`: the regions users may fail over to;
 * `failoverFixed`: the one they all go to (a vertical design's standby region), else each user's next region;
 * `degraded`: the serving regions with the spares down (the degraded p99); `screen`: the p99 only (SCREEN_METHOD).
 */
export function latencyFor(
  ctx: Context,
  serving: ServingRegion[],
  candidateRegions: string[],
  failoverFixed: string | null,
  degraded?: ServingRegion[],
  screen = false,
): LatencyResult {
  // A screen under "all-users" with every queue stable reads only the serving queues and their paths (no per-region
  // figures, no failover, no degraded queues): kept per context by the queues' inputs and the paths arrays (the
  // layouts' and the vertical sizing's, made once and never changed), as a search screens the same serving regions
  // on many designs (each zone count, standby kind and instance type of the same vCPUs).
  if (!screen || ctx.scenario.targets.p99Scope === 'every-region' || !serving.every((s) => s.queue.stable)) {
    return computeLatency(ctx, serving, candidateRegions, failoverFixed, degraded, screen);
  }
  return memoScreen(ctx, servingKey(serving), () =>
    computeLatency(ctx, serving, candidateRegions, failoverFixed, degraded, screen),
  );
}

/** Entries the p99 side memo keeps before it is cleared (a bound on memory; an entry is a key and two numbers). */
const MAX_MEMO_SIDES = 20_000;

/** What the side tests found of each serving set's p99: above `above` (1 + margin), at most `atMost`. */
const sides = new Map<string, { above: number; atMost: number }>();

/**
 * Whether the overall p99 of a design served by `serving` is above `xS` (1 + QUANTILE_DECISION_MARGIN), seconds
 * (latency.ts quantileAbove on the survival of the groups computeLatency takes its p99 of: one evaluation instead of
 * the quantile's root search); false when it may not be, or when a queue is unstable (no p99). Memoised by the
 * serving queues' inputs and paths (latencyFor's key: a search meets the same serving regions on many designs): what
 * earlier tests found (the p99 above a point, at most another) answers a test they decide without evaluating.
 */
export function p99Above(serving: readonly ServingRegion[], xS: number): boolean {
  if (!serving.every((s) => s.queue.stable)) return false;
  const key = servingKey(serving);
  const point = xS * (1 + QUANTILE_DECISION_MARGIN);
  let known = sides.get(key);
  if (known !== undefined) {
    if (xS <= known.above) return true;
    if (point >= known.atMost) return false;
  }
  const mixture = servingSurvival(serving);
  if (mixture === null) return false;
  const above = quantileAbove(mixture, 0.99, xS);
  if (known === undefined) {
    if (sides.size >= MAX_MEMO_SIDES) sides.clear();
    known = { above: Number.NEGATIVE_INFINITY, atMost: Number.POSITIVE_INFINITY };
    sides.set(key, known);
  }
  if (above) known.above = Math.max(known.above, xS);
  else known.atMost = Math.min(known.atMost, point);
  return above;
}

/**
 * The survival of the mixture of a design's serving regions' groups (mixtureSurvival's arithmetic, in its order,
 * without a group object per path); null when there are none.
 */
function servingSurvival(serving: readonly ServingRegion[]): ((tS: number) => number) | null {
  const survivals: ((tS: number) => number)[] = [];
  const paths: GroupPath[] = [];
  let total = 0;
  for (const s of serving) {
    const survival = queueSurvival(s.queue.input);
    for (const p of s.paths) {
      survivals.push(survival);
      paths.push(p);
      total += p.share;
    }
  }
  if (paths.length === 0) return null;
  return (t: number) => {
    let sum = 0;
    for (let i = 0; i < paths.length; i++) {
      const { share, networkS, writeExtraS, writeFraction } = paths[i] as GroupPath;
      const q = survivals[i] as (tS: number) => number;
      const g =
        writeFraction === 0 || writeExtraS === 0
          ? q(t - networkS)
          : (1 - writeFraction) * q(t - networkS) + writeFraction * q(t - networkS - writeExtraS);
      sum += (share / total) * g;
    }
    return Math.min(1, sum);
  };
}

/** Screened latencies a context keeps (cleared when full). */
const MAX_MEMO_SCREENS = 20_000;
const memoScreen = contextMemo<LatencyResult>(MAX_MEMO_SCREENS);
const pathIds = new WeakMap<readonly unknown[], number>();
let nextPathId = 0;

/** The serving queues' inputs and paths arrays: the key of the screen and side memos. */
function servingKey(serving: readonly ServingRegion[]): string {
  let key = '';
  for (const s of serving) key += `${queueKey(s.queue.input)}#${pathsId(s.paths)};`;
  return key;
}

/** A number for each paths array, by identity. */
function pathsId(paths: readonly unknown[]): number {
  let id = pathIds.get(paths);
  if (id === undefined) {
    id = nextPathId++;
    pathIds.set(paths, id);
  }
  return id;
}

function computeLatency(
  ctx: Context,
  serving: ServingRegion[],
  candidateRegions: string[],
  failoverFixed: string | null,
  degraded: ServingRegion[] | undefined,
  screen: boolean,
): LatencyResult {
  const w = ctx.scenario.workload;
  const byUserRegion: UserRegionLatency[] = [];
  const groups: LatencyGroup[] = [];
  // every serving region's paths in one array, in order (a loop: flatMap's generic path cost about 1% of a JSONL line)
  const allPaths: GroupPath[] = [];
  for (const s of serving) for (const p of s.paths) allPaths.push(p);
  const networkP99Ms = ms(networkP99S(allPaths, ctx.scenario.targets.p99Scope));
  let stable = true;
  let meanWait = 0;
  /** The first serving region's queue method (every region of a design has the same kind of queue). */
  let methodQueue = 'unstable';
  /** The serving queues' analyses: their error bands are read by the method text alone. */
  const analyses: QueueSummary[] = [];
  for (const [k, s] of serving.entries()) {
    if (!s.queue.stable) {
      stable = false;
      continue;
    }
    const { analysis: a, survival } = queueFigures(s.queue.input);
    if (k === 0) methodQueue = a.method;
    analyses.push(a);
    const scale = a.meanResponseS ?? s.queue.input.serviceTimeS;
    meanWait += (a.meanWaitS ?? 0) * s.paths.reduce((x, p) => x + p.share, 0);
    // a group without a write detour is the queue's response time shifted by its network time: its p99 is the
    // queue's p99 plus that time (one quantile per serving region instead of one per user region)
    let queueOnlyP99S: number | null = null;
    for (const p of s.paths) {
      const g = latencyGroup(p, survival, scale);
      groups.push(g);
      // a screen under "all-users" reads only the overall p99: no per-region figures
      if (screen && ctx.scenario.targets.p99Scope !== 'every-region') continue;
      const order = preferenceOrder(ctx, p.region, candidateRegions);
      const failoverTo = failoverFixed ?? (order.length > 1 ? (order.find((r) => r !== s.region) ?? null) : null);
      const rtt = ctx.rtt(p.region, s.region);
      let p99S: number;
      if (p.writeFraction === 0 || p.writeExtraS === 0) {
        if (queueOnlyP99S === null) {
          queueOnlyP99S = mixtureQuantile([latencyGroup(QUEUE_ONLY, survival, scale)], 0.99);
        }
        p99S = p.networkS + queueOnlyP99S;
      } else p99S = mixtureQuantile([g], 0.99);
      byUserRegion.push({
        region: p.region,
        share: p.share,
        servedFrom: s.region,
        networkRttMs: ms(rtt.rttS),
        networkMs: ms(p.networkS),
        networkMethod: rtt.method,
        queueP99Ms: ms(queueP99S(s.queue.input) ?? Number.NaN),
        p99Ms: ms(p99S),
        meetsP99: regionMeetsP99(p99S, ctx.scenario.targets),
        failoverTo,
        failoverRttMs: failoverTo === null ? null : ms(ctx.rtt(p.region, failoverTo).rttS),
      });
    }
  }
  // keep the scenario's user order
  if (byUserRegion.length > 1) {
    const order = userOrder(ctx);
    byUserRegion.sort((a, b) => (order.get(a.region) ?? 0) - (order.get(b.region) ?? 0));
  }
  const methodText = () => {
    const errors: ApproximationError[] = [];
    for (const a of analyses) if (a.approximationError !== null) errors.push(a.approximationError);
    const error = envelopeOfErrors(errors);
    return `${LATENCY_METHOD_EXACT}; queue: ${methodQueue}${error === null ? '' : `; ${approximationErrorText(error)}`}${w.consistency === 'strong' && w.writeFraction > 0 ? '; strong writes wait for a quorum round trip' : ''}`;
  };
  if (!stable) {
    const servedFrom = new Map<string, string>();
    for (const s of serving) for (const p of s.paths) if (!servedFrom.has(p.region)) servedFrom.set(p.region, s.region);
    return {
      p50Ms: null,
      p99Ms: null,
      p999Ms: null,
      p99DegradedMs: null,
      networkP99Ms,
      meanQueueWaitMs: null,
      byUserRegion: ctx.scenario.users.map((u) => {
        const region = servedFrom.get(u.region) ?? candidateRegions[0] ?? u.region;
        const rtt = ctx.rtt(u.region, region);
        return {
          region: u.region,
          share: u.share,
          servedFrom: region,
          networkRttMs: ms(rtt.rttS),
          networkMs: ms(w.roundTrips * rtt.rttS),
          networkMethod: rtt.method,
          queueP99Ms: null,
          p99Ms: null,
          meetsP99: false,
          failoverTo: null,
          failoverRttMs: null,
        };
      }),
      method: `unstable (utilisation >= 1): no steady state, latency unbounded`,
    };
  }
  const p99Ms = ms(mixtureQuantile(groups, 0.99));
  if (screen) {
    // a search's screen: the p99 that decides the target, not the figures only a report shows; its method text
    // (the queues' error bands, looked up and formatted) made when first read, and kept: a screen's method is never
    // reported, and an uncertain input's samples never read it
    let method: string | undefined;
    return {
      p50Ms: null,
      p99Ms,
      p999Ms: null,
      p99DegradedMs: null,
      networkP99Ms,
      meanQueueWaitMs: null,
      byUserRegion,
      get method() {
        method ??= `${SCREEN_METHOD}; ${methodText()}`;
        return method;
      },
    };
  }
  let p99DegradedMs = p99Ms;
  if (degraded) {
    let ok = true;
    const dg: LatencyGroup[] = [];
    for (const s of degraded) {
      if (!s.queue.stable) {
        ok = false;
        break;
      }
      dg.push(...groupsAt(s.paths, s.queue));
    }
    p99DegradedMs = ok ? ms(mixtureQuantile(dg, 0.99)) : Number.POSITIVE_INFINITY;
  }
  return {
    p50Ms: ms(mixtureQuantile(groups, 0.5)),
    p99Ms,
    p999Ms: ms(mixtureQuantile(groups, 0.999)),
    p99DegradedMs: Number.isFinite(p99DegradedMs) ? p99DegradedMs : null,
    networkP99Ms,
    meanQueueWaitMs: ms(meanWait),
    byUserRegion,
    method: methodText(),
  };
}
