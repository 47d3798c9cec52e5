/**
 * The end-to-end latency of a system of tiers: for each user region, the users' network time to the first tier, then
 * every call each tier receives (its response time, and the round trip from the tier before it), summed; overall
 * figures are quantiles of the mixture over user regions. The distribution of the SUM is computed (responseSum:
 * Laplace transform inversion), never a sum of per-tier p99s. A tier's calls on a route all go to one station, and
 * their waits are correlated (a request meets the same requests in flight at each call: routeTerms's sameStation,
 * repeatedCalls.ts; APPROXIMATE, its measured error in the method, REPEATED_CALLS_ERROR); calls to different tiers
 * are independent. Pure.
 *
 * Routing: the users reach the first tier's nearest serving region; each later tier is called from the region of the
 * tier before it, at its own serving region nearest to that one. A call within one region pays the round trip between
 * two nodes of the region, same zone or across zones: with the caller's nodes over z1 zones and the callee's over z2
 * (zones used in the same order), a call stays in its zone with probability min(z1, z2) / (z1 z2) = 1 / max(z1, z2),
 * and the call is charged the mean of the two round trips (APPROXIMATE: the two differ by under a millisecond). A
 * call to another region pays the catalog's round trip between the regions. A call that writes (with the tier's
 * writeFraction, independently) pays a strong write's extra round trip (a quorum, or a synchronous standby) on top:
 * the numbers of calls and of writes are conditioned on exactly (responseSum's `detour`).
 *
 * The sums and their quantiles are memoised across calls (sumMemo.ts: the same figures, bit for bit), and the
 * figures no decision reads are computed on first read (systemLatency).
 */

import {
  type ApproximationError,
  approximationErrorText,
  envelopeOfErrors,
} from '../../core/queueing/approximationError.js';
import type { QueueInput, ResponseSumTerm } from '../../core/queueing/index.js';
import { binomialWindow } from '../../core/reliability/availability.js';
import type { Tier } from '../../scenario/types.js';
import { formatLatencyMs } from '../../units/format.js';
import type { Context } from '../context.js';
import { preferenceOrder } from '../context.js';
import { SCREEN_METHOD } from '../designLatency.js';
import { regionMeetsP99 } from '../p99Scope.js';
import { queueFigures } from '../queueMemo.js';
import type { LatencyResult, UserRegionLatency } from '../result.js';
import { tierCalls } from '../tierDemand.js';
import {
  type KeyedPart,
  type KeyedSum,
  keyedSum,
  mixtureQuantileOf,
  mixtureTailOf,
  num,
  sumMean,
  sumMethod,
  sumQuantile,
} from './sumMemo.js';
import type { TierServing } from './tierOption.js';

const ms = (s: number) => s * 1000;

/**
 * (analytic - simulated) / simulated p99 of a request's repeated calls to one station (repeatedCalls.ts), measured
 * against the request walk over the calibration grid of test/core/sim/tierCallsGrid.ts (786 single-station cases:
 * 1, 2, 4, 8 or 32 servers at utilisation 0.3 to 0.95 making 2 to 50 calls 0, 1 or 10 service times apart; the
 * simulated p99s in test/fixtures/sim/tierCalls.json, 20 to 120 million calls per case, MEASURE=1 npx vitest run
 * test/core/sim/tierCallsMeasure.test.ts) where the walk's p99 is known to 3% (95% interval; 649 of the 738 cases of
 * 2 calls or more), rounded outwards: exponential service (314 cases), gamma service of cv 0.5 and 1.5 (1, 4 or 32
 * servers, utilisation 0.5 to 0.95; 180), and calls behind a cache (Binomial(K, 0.1 or 0.5) calls; 155). The sum of
 * independent calls it replaces was -60.4% .. +0.2%, -77.1% .. +0.3% and -61.0% .. +0.6% there. A single call is unchanged (its own model's error:
 * -0.2% .. +0.6% for M/M/c, -4.2% .. +7.2% for the gamma M/G/c approximation). test/core/sim/tierCalls.test.ts holds
 * the model to these bounds.
 */
/** The most calls per request the grid of REPEATED_CALLS_ERROR measured (test/core/sim/tierCallsGrid.ts). */
export const REPEATED_CALLS_MEASURED_CALLS = 50;

export const REPEATED_CALLS_ERROR = {
  exponential: { lo: -0.032, hi: 0.034 },
  gamma: { lo: -0.055, hi: 0.05 },
  cache: { lo: -0.023, hi: 0.024 },
} as const;

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

/** The measured error of the repeated calls' model, as the latency method states it. */
export const REPEATED_CALLS_MEASURED =
  "APPROXIMATE: a tier's calls within one request wait correlated (repeatedCalls.ts: the requests in flight they meet again), " +
  `measured within ${pct(REPEATED_CALLS_ERROR.exponential.lo)} .. ${pct(REPEATED_CALLS_ERROR.exponential.hi)} of the simulated walk's p99 over ` +
  `1 to 32 servers at 30% to 95% utilisation, 2 to ${REPEATED_CALLS_MEASURED_CALLS} calls 0 to 10 service times apart, exponential service ` +
  `(${pct(REPEATED_CALLS_ERROR.gamma.lo)} .. ${pct(REPEATED_CALLS_ERROR.gamma.hi)} with gamma service of cv 0.5 and 1.5, ` +
  `${pct(REPEATED_CALLS_ERROR.cache.lo)} .. ${pct(REPEATED_CALLS_ERROR.cache.hi)} behind a cache), where the walk's p99 is known to 3%; ` +
  `mostly ${REPEATED_CALLS_MEASURED_CALLS} calls at 70% to 95%, where it is known to 3% to 14%, -6.2% .. +8.1%`;

/**
 * What the latency method says of the M/G/c approximation of the tiers' queues (one call each: the measured band of
 * approximationError.ts, the envelope over every tier's queue on every route, or why it is outside the measured
 * range); empty when every queue is exact (M/M/c) or unstable.
 */
function tierQueuesError(routes: readonly Route[]): string {
  const errors: ApproximationError[] = [];
  for (const r of routes) {
    for (const stop of r.stops) {
      const a = queueFigures(stop.queue).analysis;
      if (a.stable && a.approximationError !== null) errors.push(a.approximationError);
    }
  }
  const e = envelopeOfErrors(errors);
  return e === null ? '' : `; each tier's queue, one call: ${approximationErrorText(e)}`;
}

/** Round trips between two nodes of one region (the catalog's figures). */
export interface InRegionRtt {
  sameZoneS: number;
  crossZoneS: number;
}

/** What the latency needs of each tier's design: where it serves, and its queues there. */
export interface TierRoute {
  serving: readonly TierServing[];
}

/** One user region's path through the tiers. */
export interface UserPath {
  region: string;
  share: number;
  servedFrom: string;
  failoverTo: string | null;
  networkS: number;
  /** Index of the route (distinct sequences of serving regions) in `routes`. */
  route: number;
}

/** One sequence of serving regions through the tiers, with the network time per call to each. */
export interface Route {
  key: string;
  stops: TierServing[];
  /** The network time of each call to the tier (its round trip from the tier before), seconds. */
  perCallS: number[];
  /** The extra round trip a call that writes pays (0 without strong writes), seconds, and the write fraction. */
  detours: { probability: number; s: number }[];
}

/** The round trip of one call from `from` to `to` (see the module comment). */
export function callRttS(ctx: Context, rtt: InRegionRtt, from: TierServing, to: TierServing): number {
  if (from.region !== to.region) return ctx.rtt(from.region, to.region).rttS;
  const same = 1 / Math.max(from.zones, to.zones);
  return same * rtt.sameZoneS + (1 - same) * rtt.crossZoneS;
}

/**
 * Each user region's path through the tiers (its network time to the first tier and its route), and the distinct
 * routes: the serving region of every tier and the network time of each call to it (see the module comment).
 */
export function systemRoutes(
  ctx: Context,
  tiers: readonly TierRoute[],
  rtt: InRegionRtt,
): { users: UserPath[]; routes: Route[] } {
  const routes: Route[] = [];
  const byKey = new Map<string, number>();
  const users: UserPath[] = [];
  const w = ctx.scenario.workload;
  const front = tiers[0];
  if (front === undefined) throw new RangeError('a system needs at least one tier');
  const frontRegions = front.serving.map((s) => s.region);
  for (const u of ctx.scenario.users) {
    const order = preferenceOrder(ctx, u.region, frontRegions);
    const first = front.serving.find((s) => s.region === order[0]) as TierServing;
    const stops = [first];
    const perCallS = [0];
    const detours = [{ probability: first.writeFraction, s: first.writeExtraS }];
    for (let i = 1; i < tiers.length; i++) {
      const prev = stops[i - 1] as TierServing;
      const t = tiers[i] as TierRoute;
      const near = preferenceOrder(
        ctx,
        prev.region,
        t.serving.map((s) => s.region),
      )[0];
      const stop = t.serving.find((s) => s.region === near) as TierServing;
      stops.push(stop);
      perCallS.push(callRttS(ctx, rtt, prev, stop));
      detours.push({ probability: stop.writeFraction, s: stop.writeExtraS });
    }
    const key = stops.map((s) => s.region).join('>');
    let route = byKey.get(key);
    if (route === undefined) {
      route = routes.length;
      routes.push({ key, stops, perCallS, detours });
      byKey.set(key, route);
    }
    users.push({
      region: u.region,
      share: u.share,
      servedFrom: first.region,
      failoverTo: order.length > 1 ? (order[1] ?? null) : null,
      networkS: w.roundTrips * ctx.rtt(u.region, first.region).rttS,
      route,
    });
  }
  return { users, routes };
}

/**
 * The terms of a route's calls (no user network), all up or degraded; `only`: one tier's. Each tier is one station
 * on the route (sameStation): its calls' waits are correlated, a time perCallS apart (the round trip from the tier
 * before and the write detour's mean: what a request spends between two calls to it).
 */
export function routeTerms(tiers: readonly Tier[], route: Route, degraded: boolean, only?: number): ResponseSumTerm[] {
  const calls = tierCalls(tiers);
  const out: ResponseSumTerm[] = [];
  route.stops.forEach((stop, i) => {
    if (only !== undefined && i !== only) return;
    const tier = tiers[i] as Tier;
    const c = calls[i];
    out.push({
      queue: degraded ? stop.degraded : stop.queue,
      calls: tier.callsPerRequest,
      callProbability: c?.reachProbability ?? 1,
      perCallS: route.perCallS[i] ?? 0,
      sameStation: { queues: degraded ? stop.degradedQueues : stop.queues },
      ...(stop.writeFraction > 0 && stop.writeExtraS > 0
        ? { detour: { probability: stop.writeFraction, s: stop.writeExtraS } }
        : {}),
    });
  });
  return out;
}

function stableQueues(route: Route, degraded: boolean): boolean {
  return route.stops.every((s) => {
    const q: QueueInput = degraded ? s.degraded : s.queue;
    return (q.arrivalRatePerS * q.serviceTimeS) / q.servers < 1;
  });
}

/** The parts of the mixture over users of route sums shifted by their network times (users on the same route at the
 * same network time are one part). */
export function mixtureParts(users: readonly UserPath[], sums: readonly KeyedSum[]): KeyedPart[] {
  const parts = new Map<string, KeyedPart>();
  for (const u of users) {
    const key = `${u.route}|${u.networkS}`;
    const part = parts.get(key);
    if (part === undefined) parts.set(key, { weight: u.share, shiftS: u.networkS, sum: sums[u.route] as KeyedSum });
    else part.weight += u.share;
  }
  return [...parts.values()];
}

/**
 * Quantile of a mixture over users of route sums shifted by their network times (responseMixtureQuantile, memoised:
 * sumMemo.ts).
 */
function mixtureQuantile(users: readonly UserPath[], sums: readonly KeyedSum[], p: number): number {
  return mixtureQuantileOf(mixtureParts(users, sums), p);
}

/**
 * How close to 1 - p the survival at the target may fall before the screen leaves the decision to the quantile
 * (p99WithinBySurvival): `level`, relative to 1 - p, 50 times the inversion's error in the survival (about 2e-10
 * absolute, sumOfResponses.ts: 2e-8 of 0.01); `time`, relative to the target, times the density there: 100 times the
 * quantile's tolerance (its Newton steps stop within 1e-11 of the quantile, relative).
 */
export const P99_SURVIVAL_MARGIN = { level: 1e-6, time: 1e-9 } as const;

/**
 * Whether the p99 of the mixture over users (all users' requests) is within `targetS`, decided by ONE survival at the
 * target, P(T > target) <= 1 - 0.99, where a quantile takes a Newton search: the survival is continuous and
 * decreasing, so the p99 is within the target exactly when the survival there is at most 1 - 0.99. The quantile the
 * full evaluation compares is a numerical root (to 1e-11, relative) of a numerical survival (to about 2e-10): where
 * the survival at the target is within P99_SURVIVAL_MARGIN of 1 - 0.99 the two could disagree, and null is returned
 * (the caller decides on the quantile, as the full evaluation does). So a decision returned is the quantile's.
 */
export function p99WithinBySurvival(
  users: readonly UserPath[],
  sums: readonly KeyedSum[],
  targetS: number,
): boolean | null {
  return p99WithinByTail(mixtureTailOf(mixtureParts(users, sums), targetS), targetS);
}

/**
 * p99WithinBySurvival's decision from the survival and density at the target (`tail`): true when the p99 is surely at
 * most the target, false when surely above, null when the survival is within P99_SURVIVAL_MARGIN of 1 - 0.99 (the
 * time margin taken relative to `scaleS`, the target or a time the caller compares the p99 plus a constant with).
 * @example p99WithinByTail({ survival: 0.005, density: 10 }, 0.3) // true: half the 1% beyond the target
 */
export function p99WithinByTail(tail: { survival: number; density: number }, scaleS: number): boolean | null {
  const level = 1 - 0.99;
  const { survival, density } = tail;
  const margin = P99_SURVIVAL_MARGIN.level * level + Math.max(0, density) * scaleS * P99_SURVIVAL_MARGIN.time;
  if (survival < level - margin) return true;
  if (survival > level + margin) return false;
  return null;
}

/**
 * The p99 of the network time alone (user round trips, and the per-call round trips times the random numbers of
 * calls), under the scope: no capacity brings the p99 below it. Exact over the Binomial counts (terms below 1e-15 of
 * the largest left out). Memoised (networkMemo).
 */
export function networkP99S(
  ctx: Context,
  tiers: readonly Tier[],
  users: readonly UserPath[],
  routes: readonly Route[],
): number {
  const calls = tierCalls(tiers);
  let key = `${ctx.scenario.targets.p99Scope}`;
  tiers.forEach((tier, i) => {
    key += `|${tier.callsPerRequest},${num(calls[i]?.reachProbability ?? 1)}`;
  });
  for (const u of users) key += `|${u.route},${num(u.networkS)},${num(u.share)}`;
  for (const r of routes) {
    key += '|';
    r.perCallS.forEach((d, i) => {
      const x = r.detours[i];
      key += `${num(d)},${num(x?.probability ?? 0)},${num(x?.s ?? 0)};`;
    });
  }
  let p99 = networkMemo.get(key);
  if (p99 === undefined) {
    p99 = computeNetworkP99S(ctx, tiers, users, routes);
    if (networkMemo.size >= NETWORK_MEMO_SIZE) networkMemo.clear();
    networkMemo.set(key, p99);
  }
  return p99;
}

/**
 * networkP99S's memo, by every input it reads (the scope, each tier's calls and their probability, each user's route,
 * network time and share, each route's per-call round trips and detours): a search meets the same network under many
 * combinations of tier designs (the same serving regions and zones). Cleared when it reaches NETWORK_MEMO_SIZE entries.
 */
const networkMemo = new Map<string, number>();
const NETWORK_MEMO_SIZE = 4096;

/** networkP99S computed (its memo missed). */
export function computeNetworkP99S(
  ctx: Context,
  tiers: readonly Tier[],
  users: readonly UserPath[],
  routes: readonly Route[],
): number {
  const calls = tierCalls(tiers);
  const routeAtoms = routes.map((route) => {
    let atoms = new Map<number, number>([[0, 1]]);
    let grid = 1e-9;
    route.perCallS.forEach((d, i) => {
      const tier = tiers[i] as Tier;
      const q = calls[i]?.reachProbability ?? 1;
      const detour = route.detours[i] ?? { probability: 0, s: 0 };
      const x = detour.probability > 0 ? detour.s : 0;
      if (d === 0 && x === 0) return;
      // the tier's network time: k calls of d, and w of them writes paying x (k ~ Binomial(c, q), w ~ Binomial(k, f))
      const own = new Map<number, number>();
      const kWin = binomialWindow(tier.callsPerRequest, { availability: q, unavailability: 1 - q }, 1e-15);
      kWin.pmf.forEach((pk, j) => {
        const k = kWin.lo + j;
        const wWin =
          x > 0
            ? binomialWindow(k, { availability: detour.probability, unavailability: 1 - detour.probability }, 1e-15)
            : { lo: 0, pmf: Float64Array.of(1) };
        wWin.pmf.forEach((pw, l) => {
          const v = k * d + (wWin.lo + l) * x;
          own.set(v, (own.get(v) ?? 0) + pk * pw);
        });
      });
      // convolve, on a grid rounded down (never above the exact network time) that coarsens when atoms pile up
      for (;;) {
        const next = new Map<number, number>();
        for (const [y, wy] of atoms) {
          for (const [v, wv] of own) {
            // to the nanosecond (rounding noise only), or down to a coarser grid
            const z = grid === 1e-9 ? Math.round((y + v) * 1e9) / 1e9 : Math.floor((y + v) / grid) * grid;
            next.set(z, (next.get(z) ?? 0) + wy * wv);
          }
        }
        if (next.size <= 20_000) {
          atoms = next;
          break;
        }
        grid *= 10;
      }
    });
    return [...atoms.entries()];
  });
  const p99 = (list: [number, number][]) => {
    const sorted = list.filter(([, w]) => w > 0).sort((a, b) => a[0] - b[0]);
    const total = sorted.reduce((s, [, w]) => s + w, 0);
    let acc = 0;
    for (const [x, w] of sorted) {
      acc += w;
      if (acc >= 0.99 * total - 1e-12) return x;
    }
    return sorted[sorted.length - 1]?.[0] ?? 0;
  };
  const own = (u: UserPath) => (routeAtoms[u.route] ?? []).map(([x, w]): [number, number] => [x + u.networkS, w]);
  if (ctx.scenario.targets.p99Scope === 'every-region') return Math.max(0, ...users.map((u) => p99(own(u))));
  return p99(users.flatMap((u) => own(u).map(([x, w]): [number, number] => [x, w * u.share])));
}

/** A value computed on the first call, then kept (pure computations only). */
function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T | undefined;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value as T;
  };
}

/** Per-tier latency figures: the mean time a request spends in the tier and the p99 of that time. */
export interface TierLatency {
  meanMs: number | null;
  p99Ms: number | null;
  /** The tier's part of the mean end-to-end time (its calls' responses and round trips), fraction. */
  shareOfMean: number | null;
}

export interface SystemLatency {
  latency: LatencyResult;
  byTier: TierLatency[];
  /** Whether the p99 meets the target, when a screen decided it by the survival at the target (systemLatency's
   * `survival`); absent: judge latency.p99Ms (meetsP99). */
  meetsP99?: boolean;
}

/**
 * The end-to-end latency of a system whose tier i serves as `routes[i]` (see the module comment). `screen`: only the
 * p99 the target judges (a search's screen); `survival` (with `screen`, targets.p99Scope "all-users"): whether it meets
 * the target decided by one survival at the target where that is sure (p99WithinBySurvival, `meetsP99`), the p99
 * computed on first read. In full, the figures that no target, ranking or recommendation reads
 * (p50, p99.9, the degraded p99, each user region's and each tier's p99, the share of the mean, the method) are
 * computed on first read (getters, each computed once): the same figures, deferred, so that the analyses that read
 * only the decision and the cost (the worksheet's sensitivity) do not compute them; the JSON has them in the same
 * order.
 */
export function systemLatency(
  ctx: Context,
  tiers: readonly Tier[],
  routesIn: readonly TierRoute[],
  rtt: InRegionRtt,
  screen = false,
  survival = false,
): SystemLatency {
  const t = ctx.scenario.targets;
  const { users, routes } = systemRoutes(ctx, routesIn, rtt);
  const routeP99 = new Map<number, number>();
  const calls = tierCalls(tiers);
  const networkP99Ms = ms(networkP99S(ctx, tiers, users, routes));
  const interTierS = users.reduce((a, u) => {
    const r = routes[u.route] as Route;
    let s = 0;
    for (let i = 1; i < r.stops.length; i++) {
      s += (calls[i]?.meanCalls ?? 0) * callRttS(ctx, rtt, r.stops[i - 1] as TierServing, r.stops[i] as TierServing);
    }
    return a + u.share * s;
  }, 0);
  // the method's text, computed when read (a search's screens never read it)
  const method = once(
    () =>
      'end-to-end: network round trips of the users to the first tier + every call to each tier (its FCFS response ' +
      'time and the round trip from the tier before it; calls behind a cache made with the probability of its misses), ' +
      'the distribution of the sum by Laplace inversion (Euler; exact M/M/c sojourn times, the M/G/c approximation ' +
      'otherwise), quantiles of the mixture over user regions; APPROXIMATE: a call within a region is charged the mean ' +
      `of the same-zone (${formatLatencyMs(ms(rtt.sameZoneS))}) and cross-zone (${formatLatencyMs(ms(rtt.crossZoneS))}) round trips` +
      (tiers.some((x) => x.callsPerRequest > 1) ? `; ${REPEATED_CALLS_MEASURED}` : '') +
      tierQueuesError(routes),
  );
  const unstable = routes.some((r) => !stableQueues(r, false));
  const nullTiers = tiers.map(() => ({ meanMs: null, p99Ms: null, shareOfMean: null }));
  if (unstable) {
    return {
      latency: {
        p50Ms: null,
        p99Ms: null,
        p999Ms: null,
        p99DegradedMs: null,
        networkP99Ms,
        meanQueueWaitMs: null,
        interTierMs: ms(interTierS),
        byUserRegion: users.map((u) => userLatency(ctx, u, null)),
        method: 'unstable (a tier at or above 100% utilisation): no steady state, latency unbounded',
      },
      byTier: nullTiers,
    };
  }
  // the routes' sums, built only where a figure of them is not memoised (sumMemo.ts)
  const sums = routes.map((r) => keyedSum(routeTerms(tiers, r, false)));
  if (screen) {
    // a search's screen: the p99 the target judges (every user region's under "every-region"), nothing else; with
    // `survival`, whether the overall p99 meets the target is decided by one survival at the target
    // (p99WithinBySurvival) and the p99 itself computed when first read (a search reads it to rank a miss, or on a
    // tie of everything else)
    const decided = survival && t.p99Scope !== 'every-region' ? p99WithinBySurvival(users, sums, t.p99S) : null;
    const p99 = once(() => ms(mixtureQuantile(users, sums, 0.99)));
    if (decided === null) p99();
    return {
      latency: {
        p50Ms: null,
        get p99Ms() {
          return p99();
        },
        p999Ms: null,
        p99DegradedMs: null,
        networkP99Ms,
        meanQueueWaitMs: null,
        interTierMs: ms(interTierS),
        byUserRegion:
          t.p99Scope === 'every-region' ? users.map((u) => userLatency(ctx, u, sums[u.route] as KeyedSum)) : [],
        get method() {
          return `${SCREEN_METHOD}; ${method()}`;
        },
      },
      byTier: nullTiers,
      ...(decided === null ? {} : { meetsP99: decided }),
    };
  }
  const p99Ms = ms(mixtureQuantile(users, sums, 0.99));
  // the figures no target, ranking or decision reads are computed on first read (a search's choice and the points of
  // the worksheet's sensitivity read only the p99; a report reads every figure): the same figures, only deferred
  const p50 = once(() => ms(mixtureQuantile(users, sums, 0.5)));
  const p999 = once(() => ms(mixtureQuantile(users, sums, 0.999)));
  const p99Degraded = once((): number | null => {
    if (!routes.every((r) => stableQueues(r, true))) return null;
    const degraded = routes.map((r) => keyedSum(routeTerms(tiers, r, true)));
    return ms(mixtureQuantile(users, degraded, 0.99));
  });
  const byUserRegion = once(() => users.map((u) => userLatency(ctx, u, sums[u.route] as KeyedSum)));
  const fullMethod = once(() => `${method()}; ${sums[0] === undefined ? '' : sumMethod(sums[0])}`);
  let meanWait = 0;
  const tierMean = tiers.map(() => 0);
  for (const u of users) {
    const r = routes[u.route] as Route;
    r.stops.forEach((stop, i) => {
      const a = queueFigures(stop.queue).analysis;
      const n = calls[i]?.meanCalls ?? 0;
      meanWait += u.share * n * (a.meanWaitS ?? 0);
      tierMean[i] = (tierMean[i] as number) + u.share * n * ((a.meanResponseS ?? 0) + (r.perCallS[i] ?? 0));
    });
  }
  const meanS = once(() => users.reduce((a, u) => a + u.share * (u.networkS + sumMean(sums[u.route] as KeyedSum)), 0));
  const byTier = tiers.map((_, i): TierLatency => {
    const p99 = once(() => {
      const own = routes.map((r) => keyedSum(routeTerms(tiers, r, false, i)));
      const alone = users.map((u) => ({ ...u, networkS: 0 }));
      return ms(mixtureQuantile(alone, own, 0.99));
    });
    const mean = tierMean[i] as number;
    return {
      meanMs: ms(mean),
      get p99Ms() {
        return p99();
      },
      get shareOfMean() {
        const m = meanS();
        return m > 0 ? mean / m : null;
      },
    };
  });
  return {
    latency: {
      get p50Ms() {
        return p50();
      },
      p99Ms,
      get p999Ms() {
        return p999();
      },
      get p99DegradedMs() {
        return p99Degraded();
      },
      networkP99Ms,
      meanQueueWaitMs: ms(meanWait),
      interTierMs: ms(interTierS),
      get byUserRegion() {
        return byUserRegion();
      },
      get method() {
        return fullMethod();
      },
    },
    byTier,
  };

  function userLatency(c: Context, u: UserPath, sum: KeyedSum | null): UserRegionLatency {
    const r = c.rtt(u.region, u.servedFrom);
    let queueP99S: number | null = null;
    if (sum !== null) {
      queueP99S = routeP99.get(u.route) ?? sumQuantile(sum, 0.99);
      routeP99.set(u.route, queueP99S);
    }
    const p99S = queueP99S === null ? null : u.networkS + queueP99S;
    return {
      region: u.region,
      share: u.share,
      servedFrom: u.servedFrom,
      networkRttMs: ms(r.rttS),
      networkMs: ms(u.networkS),
      networkMethod: r.method,
      queueP99Ms: queueP99S === null ? null : ms(queueP99S),
      p99Ms: p99S === null ? null : ms(p99S),
      meetsP99: p99S !== null && regionMeetsP99(p99S, t),
      failoverTo: u.failoverTo,
      failoverRttMs: u.failoverTo === null ? null : ms(c.rtt(u.region, u.failoverTo).rttS),
    };
  }
}
