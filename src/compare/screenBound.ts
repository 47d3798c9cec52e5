/**
 * Whether a design the search would screen can change its answer or its frontier, decided from bounds of its figures
 * before its latency is computed (or before it is evaluated at all). The search keeps the best design met (size.ts
 * better, by rankKey) and the designs no other beats on cost, nines and p99 together (frontier.ts meet). A design that
 * surely misses a target, whose shortfall cannot come before the best's (or the best meets every target), and whose
 * figures a member of the frontier kept so far beats on all three (strictly on one, at the frontier's resolution)
 * changes neither: the search need not settle it.
 *
 * Why the bounds suffice: a design's objectives (frontier.ts objectives), its shortfall (targets.ts shortfallOf) and
 * whether it misses a target are non-decreasing in its cost, its unavailability and its p99 (floating-point addition,
 * multiplication by a positive constant, log10 and Math.round are monotone), so figures at bounds under its own give
 * objectives and a shortfall no greater than its own. The frontier kept is non-dominated: a design beaten by one of
 * its members is beaten by whatever later replaces that member (domination is transitive), so leaving it out leaves
 * the final frontier as it would have been.
 */

import { nines } from '../core/reliability/index.js';
import type { GroupPath } from './capacity.js';
import type { Context } from './context.js';
import type { DeferredResult } from './deferredLatency.js';
import { FRONTIER_RESOLUTION, objectives } from './frontier.js';
import type { HorizontalLayout } from './layout.js';
import type { ArchitectureResult, MeetsTargets } from './result.js';
import { SHORTFALL_RESOLUTION } from './size.js';
import { shortfallOf, UNBOUNDED_SHORTFALL } from './targets.js';

/**
 * What a search's bounds passed over (filled when a search is given one: a test's view of the pruning, as the
 * answer and the frontier are the same either way): designs that a search without them would have settled
 * (screened in full, latency included) and this one did not.
 */
export interface BoundStats {
  /** Designs passed over unsettled: on a p99 test, or evaluated but for their latency (horizontal); sites and sizes
   * passed over unsized or unevaluated (vertical). */
  passedOver: number;
  /** Plans of the horizontal search's second phase dropped unbuilt (searchHorizontal.ts lazyPlans). */
  plansDropped?: number;
}

/** Bounds under a design's figures, known before it is evaluated: each no more than the design's own. */
export interface Floors {
  /** Monthly cost, USD. */
  usdPerMonth: number;
  /** Unavailability. */
  unavailability: number;
  /** Overall p99 (of the mixture over its users), seconds. */
  p99S: number;
}

/**
 * Relative slack taken off a bound computed in another order than the design's own figure (a cost summed another
 * way, a network time): far above the rounding of either computation, far below the resolutions the decisions are
 * made at (the cent, 0.01 nines, 0.01 ms, a shortfall of 1e-4), so it costs the bounds nothing they could honestly
 * decide.
 */
export const BOUND_SLACK = 1e-9;

/** Share of the requests beyond 1% that must be slower than a network time for p99FloorS to take it. */
const SHARE_SLACK = 1e-6;

const floors = new WeakMap<HorizontalLayout, number>();

/**
 * A floor under the p99 any design on this layout screens, seconds: the largest network time t such that the
 * requests whose network time alone (round trips, and a strong write's quorum detour) is at least t are more than 1%
 * of all (by SHARE_SLACK), less BOUND_SLACK. A request's end-to-end time is its network time plus its response time
 * (never negative), so below t the mixture's survival is above 1% by far more than its rounding (each group's survival
 * is exactly 1 before its network time: distribution.ts responseTimeSurvivalFunction), and the quantile search
 * (quantileFromSurvival, to a relative 4 eps) returns no less.
 * @example a path of 95% at 10 ms and one of 5% at 80 ms (no writes): 80 ms less the slack
 */
export function p99FloorS(layout: HorizontalLayout): number {
  let hit = floors.get(layout);
  if (hit === undefined) {
    hit = pathsP99FloorS(layout.paths.filter((_, r) => (layout.share[r] as number) > 0));
    floors.set(layout, hit);
  }
  return hit;
}

const siteFloors = new WeakMap<readonly GroupPath[], number>();

/**
 * pathsP99FloorS of one site's paths, once per paths array (a vertical site's, kept and never changed by size.ts
 * verticalSizingPaths; issue 18: the co-located vertical search of social-startup-changes asked it 6,228 times, each
 * building and sorting its atoms afresh, 0.1-0.3 s).
 */
export function siteP99FloorS(paths: readonly GroupPath[]): number {
  let hit = siteFloors.get(paths);
  if (hit === undefined) {
    hit = pathsP99FloorS([paths]);
    siteFloors.set(paths, hit);
  }
  return hit;
}

/** p99FloorS of the paths of a design's serving regions (each list one region's users). */
export function pathsP99FloorS(byRegion: readonly (readonly GroupPath[])[]): number {
  const atoms: { x: number; w: number }[] = [];
  let total = 0;
  for (const paths of byRegion) {
    for (const g of paths) {
      atoms.push({ x: g.networkS, w: g.share * (1 - g.writeFraction) });
      if (g.writeFraction > 0) atoms.push({ x: g.networkS + g.writeExtraS, w: g.share * g.writeFraction });
      total += g.share;
    }
  }
  atoms.sort((a, b) => b.x - a.x);
  let above = 0;
  for (const a of atoms) {
    above += a.w;
    if (above > 0.01 * (1 + SHARE_SLACK) * total) return Math.max(0, a.x * (1 - BOUND_SLACK));
  }
  return 0;
}

/** What the decisions read of a design: its objectives, whether it surely misses a target, its shortfall (a floor). */
export interface Standing {
  objectives: readonly [number, number, number];
  misses: boolean;
  shortfall: number;
}

const kept = new WeakMap<ArchitectureResult, readonly [number, number, number]>();

/** A frontier member's objectives (frontier.ts objectives), once per result (a result met is never changed). */
export function objectivesOf(f: ArchitectureResult): readonly [number, number, number] {
  let o = kept.get(f);
  if (o === undefined) {
    o = objectives(f);
    kept.set(f, o);
  }
  return o;
}

/**
 * The least p99 objective (frontier.ts objectives) at which a member of the frontier kept beats a design of these
 * cost and nines objectives (no worse on all three, strictly better on one); +Infinity when none can; -Infinity when
 * no frontier is kept (Context.seen null: only the answer need be kept, at any p99).
 */
export function frontP99Beats(
  front: readonly ArchitectureResult[] | null,
  o: readonly [number, number, number],
): number {
  if (front === null) return Number.NEGATIVE_INFINITY;
  let m = Number.POSITIVE_INFINITY;
  for (const f of front) {
    const of = objectivesOf(f);
    if (!(of[0] <= o[0] && of[1] <= o[1])) continue;
    // equal on cost and nines: strictly better on the p99 (an unstable member, +Infinity, never is)
    if (of[0] < o[0] || of[1] < o[1]) m = Math.min(m, of[2]);
    else if (Number.isFinite(of[2])) m = Math.min(m, of[2] + 1);
  }
  return m;
}

/**
 * The least p99, seconds, whose p99 objective (frontier.ts objectives: Math.round(ms / resolution)) is at least `m`,
 * taken a little above it (1e-6 of the resolution, far above the rounding of the milliseconds): a p99 above it has an
 * objective of at least m.
 * @example p99ObjectiveFloorS(3000) // about 0.029995 s: 29.995 ms rounds to 3000 hundredths
 */
export function p99ObjectiveFloorS(m: number): number {
  return ((m - 0.5 + 1e-6) * FRONTIER_RESOLUTION.p99Ms) / 1000;
}

/**
 * Whether a member of the frontier kept beats a design evaluated but for its latency (no worse on cost, nines and
 * p99, strictly better on one: meet() would not keep it), without computing its p99: its cost and nines are its own,
 * and its p99 objective is at least the least one at which a member beats those (frontP99Beats) when its p99 is
 * surely above p99ObjectiveFloorS of it (the screen's p99Above, one evaluation of its survival). False when that does
 * not decide it (or the result is not a screen's).
 */
export function frontierBeatsDeferred(ctx: Context, d: DeferredResult): boolean {
  if (d.p99Above === undefined) return false;
  const o = objectives({ cost: d.partial.cost, availability: d.partial.availability, latency: { p99Ms: 0 } });
  const m = frontP99Beats(ctx.seen, o);
  return Number.isFinite(m) && d.p99Above(p99ObjectiveFloorS(m));
}

/** Whether a design of this standing ranks after `best` (size.ts rankKey) and surely misses a target. */
function ranksAfter(best: ArchitectureResult, s: Standing): boolean {
  if (!s.misses) return false;
  return (
    best.feasible || Math.round(s.shortfall * SHORTFALL_RESOLUTION) > Math.round(best.shortfall * SHORTFALL_RESOLUTION)
  );
}

/** Whether a design of this standing changes neither the best met nor the frontier kept (the module's note). */
export function cannotMatter(ctx: Context, best: ArchitectureResult | null, s: Standing): boolean {
  return best !== null && ranksAfter(best, s) && s.objectives[2] >= frontP99Beats(ctx.seen, s.objectives);
}

/**
 * A p99, seconds, from which a design cannot matter (cannotMatter of its standing at that p99 holds, and so at any
 * larger one: the standing is monotone in the p99), at least `fromS`; null when there is none (below an hour).
 * `at(p99S)` is the design's standing with that p99 (its cost and nines objectives the same at every p99). The point
 * is found by bisection to a relative 1e-6: a design whose p99 is above it cannot matter.
 */
export function p99Beyond(
  ctx: Context,
  best: ArchitectureResult | null,
  at: (p99S: number) => Standing,
  fromS: number,
): number | null {
  if (best === null) return null;
  const m = frontP99Beats(ctx.seen, at(fromS).objectives);
  if (m === Number.POSITIVE_INFINITY) return null;
  const holds = (x: number) => {
    const s = at(x);
    return ranksAfter(best, s) && s.objectives[2] >= m;
  };
  if (holds(fromS)) return fromS;
  // first a guess: the p99 whose objective rounds to m (frontier.ts FRONTIER_RESOLUTION, 0.01 ms) and the one whose
  // shortfall rounds above the best's (its other terms those at a p99 that meets the target), a little above both
  const t = ctx.scenario.targets.p99S;
  const frontS = p99ObjectiveFloorS(m);
  let rankS = t;
  if (!best.feasible) {
    const needed = (Math.round(best.shortfall * SHORTFALL_RESOLUTION) + 0.5) / SHORTFALL_RESOLUTION;
    rankS = t * (1 + Math.max(0, needed - at(t).shortfall));
  }
  let hi = Math.max(fromS, frontS, rankS) * (1 + 1e-9);
  if (holds(hi)) return hi;
  // else (the rounding of the guess) by doubling and bisection
  let lo = fromS;
  while (!holds(hi)) {
    lo = hi;
    hi = 2 * Math.max(hi, t, 1e-6);
    if (hi > 3600) return null;
  }
  while (hi - lo > 1e-6 * hi) {
    const mid = 0.5 * (lo + hi);
    if (holds(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The standing of figures at floors (shortfallOf's terms for the targets they surely miss). */
export function floorStanding(ctx: Context, b: Floors): Standing {
  return floorStandingAt(ctx, b.usdPerMonth, b.unavailability)(b.p99S);
}

/** floorStanding of a cost and an unavailability floor, as a function of the p99 floor (seconds). */
export function floorStandingAt(ctx: Context, usdPerMonth: number, unavailability: number): (p99S: number) => Standing {
  const t = ctx.scenario.targets;
  const u = Math.min(1, Math.max(0, unavailability));
  const n = nines(u);
  const availability = u > t.unavailability;
  const budget = t.budgetUsdPerMonth !== null && usdPerMonth > t.budgetUsdPerMonth;
  const target = nines(t.unavailability);
  const a = availability ? Math.max(0, (target - n) / target) : 0;
  const over = budget && t.budgetUsdPerMonth !== null ? (usdPerMonth - t.budgetUsdPerMonth) / t.budgetUsdPerMonth : 0;
  const [cost, minusNines] = objectives({ cost: { usdPerMonth }, availability: { nines: n }, latency: { p99Ms: 0 } });
  return (p99S) => {
    const p99 = p99S > t.p99S;
    let s = a;
    if (p99) s += Math.max(0, (p99S - t.p99S) / t.p99S);
    if (budget) s += over;
    return {
      objectives: [cost, minusNines, Math.round((p99S * 1000) / FRONTIER_RESOLUTION.p99Ms)],
      misses: availability || p99 || budget,
      shortfall: Math.min(UNBOUNDED_SHORTFALL, s),
    };
  };
}

/**
 * The standing of a design evaluated but for its latency, as a function of its p99 (seconds): its own figures, and
 * the p99 given (the p99 target met when the p99 is within it: a floor under the shortfall).
 */
export function partialStanding(ctx: Context, d: DeferredResult): (p99S: number) => Standing {
  const m = d.meets;
  const t = ctx.scenario.targets;
  const meetsTargets: MeetsTargets = { ...m, p99: true };
  const latency = { p99Ms: 0 };
  const p = d.partial;
  const at = {
    meetsTargets,
    latency,
    availability: p.availability,
    cost: p.cost,
    utilization: p.utilization,
    memoryNeededGiB: p.memoryNeededGiB,
    instance: p.instance,
    dataLoss: p.dataLoss,
  };
  const missesBeside = !m.availability || !m.utilization || !m.memory || m.budget === false || m.durability === false;
  return (p99S) => {
    meetsTargets.p99 = p99S <= t.p99S;
    latency.p99Ms = p99S * 1000;
    return { objectives: objectives(at), misses: missesBeside || !meetsTargets.p99, shortfall: shortfallOf(ctx, at) };
  };
}
