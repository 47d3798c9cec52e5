/**
 * Sizing and search: the smallest box of a family that meets the targets (vertical), the fewest nodes that meet
 * them with `spares` nodes down per region (horizontal), and, when the scenario names no architectures, a search of
 * the catalog for the cheapest vertical and the cheapest horizontal design that meet every target.
 */

import type { Instance } from '../catalog/index.js';
import type { AutoscalingSpec, BalancerPolicy, DeployMode, P99Scope, Standby } from '../scenario/types.js';
import { keptIn } from '../util/keptIn.js';
import { meanNodes, profileOf } from './autoscale.js';
import {
  type GroupPath,
  groupsAt,
  judgedOnMixture,
  MAX_NODES_PER_REGION,
  networkP99S,
  nodesForUtilization,
  queueAtLoad,
  scopedP99AtMost,
  scopedP99S,
} from './capacity.js';
import { BILLING_HOURS_PER_MONTH, type Context, userHomeRegions } from './context.js';
import type { HorizontalDesign, VerticalDesign } from './designKinds.js';
import { evaluateHorizontal, screenHorizontal } from './evaluateHorizontal.js';
import {
  evaluateVertical,
  screenVertical,
  verticalCost,
  verticalNinesAtMost,
  verticalPaths,
  verticalUnavailabilityAtLeast,
  verticalWriteExtraS,
} from './evaluateVertical.js';
import { meet, objectives } from './frontier.js';
import { horizontalCost } from './horizontalCost.js';
import { mixtureQuantileVersus, mixtureSurvival, quantileAbove } from './latency.js';
import { compactPaths, compactResolutionS, type HorizontalLayout, horizontalLayout, screensCompact } from './layout.js';
import { leastRegionNodes, memoryNeededGiB } from './nodeMemory.js';
import { nodePrice, pricedIn, usdPerHourIn } from './nodePrice.js';
import { verticalDeployChoices } from './operations.js';
import { regionLoadBase } from './regionNeed.js';
import type { ArchitectureResult } from './result.js';
import {
  BOUND_SLACK,
  type BoundStats,
  cannotMatter,
  floorStanding,
  floorStandingAt,
  frontP99Beats,
  objectivesOf,
  p99Beyond,
  p99ObjectiveFloorS,
  type Standing,
  siteP99FloorS,
} from './screenBound.js';
import { UNBOUNDED_SHORTFALL } from './targets.js';

/**
 * Burstable families: a vCPU runs at full speed only while CPU credits last, and sustains only a baseline share of
 * itself (t3.large 30%, t4g.large 30%, per AWS's documentation). The catalog's reference has no baseline figures, so
 * the engine cannot model them honestly: the search leaves them out. An explicit architecture may still name one; its
 * figures then assume full speed all the time (optimistic beyond the baseline).
 */
export const BURSTABLE_FAMILIES: ReadonlySet<string> = new Set(['t3', 't4g']);

/**
 * Instances of the catalog a search considers: those of the scenario's provider (ctx.provider: the one it names, else
 * the catalog's default, the provider of its regions; networkPrices.ts), whose regions, round trips and network prices
 * the designs use (today AWS's; the reference lists 17 GCP types at one unverified region and no GCP region, round
 * trip, balancer or transfer price, so GCP types are not searched; catalog.providers), in a region of the catalog, not
 * burstable (BURSTABLE_FAMILIES).
 */
export function searchableInstances(ctx: Context): Instance[] {
  const hosted = ctx.catalog.regions.some((r) => r.provider === ctx.provider);
  return ctx.catalog.instances.filter(
    (i) => hosted && i.provider === ctx.provider && !BURSTABLE_FAMILIES.has(i.family),
  );
}

/** Shortfalls are ranked in units of 1 / SHORTFALL_RESOLUTION (a hundredth of a percent of each target). */
export const SHORTFALL_RESOLUTION = 1e4;

/**
 * Whether a cost of `usdPerMonth` ranks after `best`'s on rankKey's cost element: more to the cent (the bounds'
 * "dearer" test, written once for the vertical and horizontal searches and the tier search's shortfallBound.ts).
 * @example dearerToTheCent(100.004, { cost: { usdPerMonth: 100 } }) // false: the same cent
 */
export function dearerToTheCent(usdPerMonth: number, best: { cost: { usdPerMonth: number } }): boolean {
  return Math.round(usdPerMonth * 100) > Math.round(best.cost.usdPerMonth * 100);
}

/** Order for picking the better of two results: every target met first, then the smaller shortfall (each missed
 * target measured relative to itself: the closest miss, not the cheapest; to SHORTFALL_RESOLUTION), then cost, then
 * fewer nodes and regions (simpler to run), then more nines and a lower p99; costs compared to the cent. */
export function rankKey(r: ArchitectureResult): number[] {
  return [...rankKeyBeforeP99(r), p99Rank(r)];
}

/**
 * rankKey without its last element: cost to the cent, designs equal in price up to the arithmetic (60 x r7i.large and
 * 15 x r7i.2xlarge) ranking by nodes; then more nines.
 */
function rankKeyBeforeP99(r: ArchitectureResult): number[] {
  return [
    r.feasible ? 0 : 1,
    // to a hundredth of a percent: shortfalls that differ by less (two boxes whose p99 differs by microseconds when
    // the users are too far for any) rank by cost
    Math.round(r.shortfall * SHORTFALL_RESOLUTION),
    Math.round(r.cost.usdPerMonth * 100),
    r.nodes,
    r.regions.length,
    -Math.round(r.availability.nines * 100),
  ];
}

/**
 * rankKey's last element: a lower p99 (at the reports' resolution), so that the choice is not beaten on both by a
 * design of the same price (the same fleet in a region nearer most users).
 */
function p99Rank(r: ArchitectureResult): number {
  return r.latency.p99Ms === null ? Number.POSITIVE_INFINITY : Math.round(r.latency.p99Ms * 100);
}

/**
 * Whether `a` ranks before `b` (rankKey, compared element by element). The p99 is read only when every other element
 * ties: a search's screened result may compute it on first read (tiers/systemLatency.ts).
 */
export function better(a: ArchitectureResult, b: ArchitectureResult | null): boolean {
  return b === null || compareRank(a, b) < 0;
}

/**
 * Negative when `a` ranks before `b` (rankKey, compared element by element), positive when after, 0 when they tie on
 * every element (equal to the cent, the node, 0.01 nines and 0.01 ms: the reports cannot tell them apart). The p99 is
 * read only when every other element ties.
 * @example compareRank(r, r) // 0
 */
export function compareRank(a: ArchitectureResult, b: ArchitectureResult): number {
  const ka = rankKeyBeforeP99(a);
  const kb = rankKeyBeforeP99(b);
  for (let i = 0; i < ka.length; i++) {
    const x = ka[i] as number;
    const y = kb[i] as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  const pa = p99Rank(a);
  const pb = p99Rank(b);
  return pa < pb ? -1 : pb < pa ? 1 : 0;
}

// ------------------------------------------------------------------------------------------------------------
// vertical

type RegionPath = GroupPath & { region: string };

const sizingCache = new WeakMap<
  Context,
  Map<
    string,
    {
      paths: RegionPath[];
      screened: RegionPath[];
      p99s: Map<Instance, number>;
      meetsP99: Map<Instance, boolean>;
      /** By instance, the highest point its p99 was found surely above (surelyAbove), when its p99 was not computed. */
      above: Map<Instance, number>;
      exactlyDecided: Set<Instance>;
      /** networkP99S of the screened paths under the scenario's scope, and of the exact paths under "all-users". */
      network: { screened: number; allUsers: number };
    }
  >
>();

/**
 * The paths sizeVertical sizes on, and by instance whether it met the p99 target on them and the p99s it computed
 * (memoised per context: the paths depend only on the region and the strong-write detour, the same for most standby
 * kinds, and the p99 only on the paths and the box).
 */
function verticalSizingPaths(ctx: Context, spec: VerticalSpec, compact: boolean) {
  let cache = sizingCache.get(ctx);
  if (cache === undefined) {
    cache = new Map();
    sizingCache.set(ctx, cache);
  }
  const key = `${spec.region}|${verticalWriteExtraS(ctx, spec)}|${compact}`;
  let hit = cache.get(key);
  if (hit === undefined) {
    const paths = verticalPaths(ctx, spec);
    const screened = compact ? compactPaths(paths, compactResolutionS(ctx.scenario.targets.p99S)) : paths;
    const network = {
      screened: networkP99S(screened, ctx.scenario.targets.p99Scope),
      allUsers: networkP99S(paths, 'all-users'),
    };
    hit = {
      paths,
      screened,
      p99s: new Map(),
      meetsP99: new Map(),
      above: new Map(),
      exactlyDecided: new Set(),
      network,
    };
    cache.set(key, hit);
  }
  return hit;
}

export interface VerticalSpec {
  name: string;
  origin: 'explicit' | 'searched';
  region: string;
  standby: Standby;
  standbyRegion: string | null;
  deploy?: DeployMode;
}

/**
 * The smallest size of `sizes` (ascending) in `region` that fits the working set and meets the utilisation and p99
 * targets (the p99 under targets.p99Scope); when none does, the closest one, marked infeasible with the binding limit
 * named. With `screen` (the search) the result is screened (screenVertical) and the sizes are tried on compact paths
 * when screensCompact: a size whose compact p99 is within one resolution above the target is tried on the exact paths,
 * so the size chosen is the one the exact paths choose.
 */
export function sizeVertical(
  ctx: Context,
  sizes: readonly Instance[],
  spec: VerticalSpec,
  screen = false,
): ArchitectureResult {
  return verticalOfChoice(ctx, spec, verticalChoice(ctx, sizes, spec, screen));
}

/**
 * What sizeVertical chooses, before it evaluates the size: `meets` (it meets the targets sizeVertical sizes for),
 * `distant` (no size meets the p99, the network alone exceeds it) or `limit` (the closest size, `binding` the limit no
 * size meets); with a screen, the paths it is screened on, and its p99 on them when the choice computed it.
 */
export interface VerticalChoice {
  instance: Instance;
  mode: 'meets' | 'distant' | 'limit';
  binding: string;
  /** The paths a screen of it reads (sizeVertical's screened or exact paths); undefined: evaluated in full. */
  paths: RegionPath[] | undefined;
  /** Its p99 on `paths` (scopedP99S under the scenario's scope), seconds, when the choice computed it; else null. */
  p99S: number | null;
}

/** sizeVertical's result of its choice: the size evaluated (screened with `paths`), and why it misses, if it does. */
function verticalOfChoice(ctx: Context, spec: VerticalSpec, c: VerticalChoice): ArchitectureResult {
  const d = { kind: 'vertical' as const, instance: c.instance, ...spec };
  const r = c.paths === undefined ? evaluateVertical(ctx, d) : screenVertical(ctx, d, c.paths);
  if (c.mode === 'meets') return r;
  if (c.mode === 'distant') {
    return {
      ...r,
      infeasibleReason: `no single site in ${spec.region} meets the p99 target (distance, not box size); the closest, ${c.instance.name}: ${r.infeasibleReason}`,
    };
  }
  const prefix = `no ${c.instance.family} size meets the ${c.binding} limit`;
  return r.feasible
    ? r
    : { ...r, infeasibleReason: `${prefix}; the closest, ${c.instance.name}: ${r.infeasibleReason}` };
}

/**
 * sizeVertical's choice of a size (VerticalChoice), without evaluating it. `surely` false: the closest size found
 * from every size's p99 (a test's reference for the survival tests that pass sizes over).
 */
export function verticalChoice(
  ctx: Context,
  sizes: readonly Instance[],
  spec: VerticalSpec,
  screen = false,
  surely = true,
): VerticalChoice {
  const { scenario } = ctx;
  const t = scenario.targets;
  const memNeed = memoryNeededGiB(ctx, 1);
  const compact = screen && screensCompact(ctx);
  const q = compactResolutionS(t.p99S);
  const { paths, screened, p99s, meetsP99, above, exactlyDecided, network } = verticalSizingPaths(ctx, spec, compact);
  /** Whether the compact p99 (above the target) is at most q above it: p99 - q <= target. */
  const nearTarget = (on: RegionPath[], queue: ReturnType<typeof queueAtLoad>) => {
    if (judgedOnMixture(on, t.p99Scope)) {
      const side = queue.stable ? mixtureQuantileVersus(groupsAt(on, queue), 0.99, t.p99S + q) : 1;
      if (side !== 0) return side < 0;
    }
    return scopedP99S(on, queue, t.p99Scope) - q <= t.p99S;
  };
  // a size whose p99 the exact paths decided is screened on them too, so that its result agrees with the choice
  const on = (instance: Instance) => (screen ? (exactlyDecided.has(instance) ? paths : screened) : undefined);
  const chosen = (instance: Instance, mode: VerticalChoice['mode'], binding: string): VerticalChoice => {
    const p = on(instance);
    const p99 = p === undefined ? undefined : p99s.get(instance);
    return { instance, mode, binding, paths: p, p99S: p === screened || p === paths ? (p99 ?? null) : null };
  };
  const fitsMemory = sizes.filter((i) => i.memGiB >= memNeed);
  let binding: string;
  let shown: Instance | undefined;
  if (fitsMemory.length === 0) {
    shown = [...sizes].sort((a, b) => b.memGiB - a.memGiB)[0];
    binding = 'memory';
  } else {
    const cpuOk = fitsMemory.filter((i) => boxQueue(ctx, i).utilization <= t.maxUtilization);
    if (cpuOk.length === 0) {
      shown = [...fitsMemory].sort((a, b) => b.vcpu - a.vcpu)[0];
      binding = 'CPU';
    } else {
      const queueOf = (i: Instance) => boxQueue(ctx, i);
      // Each size is tested against the target by the survival function there (P(T > target) <= 1%: scopedP99AtMost),
      // and its p99 computed only when no size meets the target (the closest is the lowest p99). The decisions and
      // the p99s are those of computing each p99 first: p99 <= target, and near the target on the compact paths
      // (p99 > target and p99 - q <= target: the compact p99 is less than q above the exact one) the exact paths'.
      // a p99 is at least the network's alone (the queue only adds time): when that is above the target (with the
      // compact paths, q above it), no size meets it and none is near it: nothing to test
      const networkS = network.screened * (1 - 1e-9);
      const noneMeets = networkS > (compact ? t.p99S + q : t.p99S);
      for (const i of noneMeets ? [] : cpuOk) {
        let meets = meetsP99.get(i);
        if (meets === undefined) {
          const queue = queueOf(i);
          meets = scopedP99AtMost(screened, queue, t.p99Scope, t.p99S);
          if (compact && !meets && nearTarget(screened, queue)) {
            meets = scopedP99AtMost(paths, queue, t.p99Scope, t.p99S);
            exactlyDecided.add(i);
          }
          meetsP99.set(i, meets);
        }
        if (meets) return chosen(i, 'meets', '');
      }
      // the closest: the lowest p99, the smaller box when two differ only by rounding (a far region's users: the
      // network decides and every size has the same p99): each size in turn replaces the closest so far when its p99
      // is below that one's by more than a relative 1e-9
      let best: { i: Instance; p99: number } | null = null;
      for (const i of cpuOk) {
        let p99 = p99s.get(i);
        if (p99 === undefined) {
          const sizedOn = exactlyDecided.has(i) ? paths : screened;
          // a size whose p99 is surely not below the bar is not the next closest: its p99 is not computed (one
          // evaluation of its survival instead of the p99's root search; with a far region's users every size's p99
          // is about the same, and only the first is the closest). Kept: above a point is above any lower one.
          if (best !== null && surely) {
            const point = best.p99 * (1 - CLOSEST_TEST_BELOW);
            if (point <= (above.get(i) ?? Number.NEGATIVE_INFINITY)) continue;
            if (surelyAbove(sizedOn, queueOf(i), t.p99Scope, point)) {
              above.set(i, point);
              continue;
            }
          }
          p99 = scopedP99S(sizedOn, queueOf(i), t.p99Scope);
          p99s.set(i, p99);
        }
        if (best === null || p99 < best.p99 * (1 - 1e-9)) best = { i, p99 };
      }
      shown = best?.i;
      binding = 'p99';
      // the network alone exceeds the target: no box size helps, the users are too far from the region
      // (the compact network p99 is less than q above the exact one: only near the target do the exact paths decide)
      const networkOnCompact = network.screened;
      const distant =
        networkOnCompact > t.p99S &&
        (!compact || networkOnCompact - q > t.p99S || networkP99S(paths, t.p99Scope) > t.p99S);
      if (distant) return chosen(shown as Instance, 'distant', binding);
    }
  }
  if (shown === undefined) throw new RangeError('no sizes to choose from');
  return chosen(shown, 'limit', binding);
}

/**
 * Relative distance under the closest size's p99 at which verticalChoice tests a later size's: quantileAbove there
 * puts the size's p99 above p99 (1 - 1.5e-9) (1 + 1e-9), about p99 (1 - 5e-10), so not below p99 (1 - 1e-9), the bar
 * it must pass below to be the closer, by far more than the rounding of either figure.
 */
const CLOSEST_TEST_BELOW = 1.5e-9;

/** The queue of one box of this type at the design rate (a vertical design: its vCPUs pooled). */
function boxQueue(ctx: Context, instance: Instance) {
  return queueAtLoad(ctx.scenario.workload, ctx.node(instance), ctx.designRatePerS, 1, 'pooled');
}

/**
 * Whether scopedP99S(paths, queue, scope) is surely above `xS`: under "all-users" (or one path, the same p99) the
 * p99 of the mixture is above xS (1 + QUANTILE_DECISION_MARGIN) when its survival there is above 1% (latency.ts
 * quantileAbove, on the survival mixtureQuantile takes its p99 of); false when that does not decide it, under
 * "every-region", or for an unstable queue.
 */
function surelyAbove(paths: readonly GroupPath[], queue: ReturnType<typeof queueAtLoad>, scope: P99Scope, xS: number) {
  if (!judgedOnMixture(paths, scope) || !queue.stable) return false;
  return quantileAbove(mixtureSurvival(groupsAt(paths, queue)), 0.99, xS);
}

// ------------------------------------------------------------------------------------------------------------
// horizontal

export interface HorizontalSpec {
  name: string;
  origin: 'explicit' | 'searched';
  regions: string[];
  spares: number;
  zones: number;
  balancer: BalancerPolicy;
  deploy?: DeployMode;
  /** The nodes follow workload.dailyProfile (autoscale.ts); absent: the peak fleet all day. */
  autoscaling?: AutoscalingSpec;
}

/**
 * Nodes per region: the fewest meeting p99 and utilisation with `spares` down, and holding the working set; at most
 * MAX_NODES_PER_REGION (beyond it no count is searched: the design is evaluated, and found infeasible, at the cap
 * rather than at a count such as 1e297 that the availability model cannot take).
 */
export function nodesPerRegion(
  ctx: Context,
  instance: Instance,
  spec: HorizontalSpec,
  layout: HorizontalLayout,
): number[] {
  return nodesWithSpares(regionNodeBase(ctx, instance, spec, layout), spec.spares);
}

/**
 * What a region's node count is made of, before spares: `atLeast` (the copies of a partition, the nodes that hold the
 * working set) and `base` (the nodes for its load within the p99 and utilisation targets; 1 for a region without
 * users). With s spares the region has min(MAX_NODES_PER_REGION, max(atLeast, base + s)) nodes (nodesWithSpares).
 */
export function regionNodeBase(
  ctx: Context,
  instance: Instance,
  spec: Pick<HorizontalSpec, 'regions' | 'balancer' | 'autoscaling'>,
  layout: HorizontalLayout,
): { atLeast: number; base: number }[] {
  const atLeast = leastRegionNodes(ctx, instance);
  // an autoscaled design never runs fewer than its minNodes serving nodes (autoscale.ts), at the peak neither
  const least = spec.autoscaling?.minNodes ?? 1;
  return regionLoadBases(ctx, instance, spec, layout).map((base) => ({ atLeast, base: Math.max(least, base) }));
}

const loadBases = new WeakMap<Context, WeakMap<HorizontalLayout, Map<string, number[]>>>();

/**
 * regionLoadBase of each region of a layout, kept per context and layout by what it reads of the instance and the
 * spec: the node's vCPUs and their speed (ctx.node, as regionNeed keys its memo) and the balancer (a search sizes
 * every instance type on each plan, and types alike in those share the answer). Callers never change the array.
 */
function regionLoadBases(
  ctx: Context,
  instance: Instance,
  spec: Pick<HorizontalSpec, 'regions' | 'balancer'>,
  layout: HorizontalLayout,
): number[] {
  const byNode = keptIn(
    keptIn(loadBases, ctx, () => new WeakMap()),
    layout,
    () => new Map(),
  );
  const node = ctx.node(instance);
  const key = `${node.vcpu},${node.speedup}|${spec.balancer}|${spec.regions.length}`;
  let bases = byNode.get(key);
  if (bases === undefined) {
    bases = spec.regions.map((_, r) =>
      regionLoadBase(ctx, { instance, balancer: spec.balancer }, layout, r, layout.share[r] as number),
    );
    byNode.set(key, bases);
  }
  return bases;
}

/** Nodes per region with `spares` spares (regionNodeBase). */
export function nodesWithSpares(base: readonly { atLeast: number; base: number }[], spares: number): number[] {
  return base.map((b) => Math.min(MAX_NODES_PER_REGION, Math.max(b.atLeast, b.base + spares)));
}

/** Explicit total node count split over regions: evenly, the remainder to the busiest regions first. */
export function splitNodes(total: number, shares: readonly number[]): number[] {
  const R = shares.length;
  const out = shares.map(() => Math.floor(total / R));
  const byShare = shares.map((s, i) => ({ s, i })).sort((a, b) => b.s - a.s || a.i - b.i);
  for (let k = 0; k < total % R; k++) {
    const i = (byShare[k] as { i: number }).i;
    out[i] = (out[i] as number) + 1;
  }
  return out;
}

/** The horizontal design of `instance` on `spec`: `nodesTotal` split over the regions, or sized (nodesPerRegion). */
function sizedHorizontal(
  ctx: Context,
  instance: Instance,
  spec: HorizontalSpec,
  nodesTotal: number | null,
  layout: HorizontalLayout,
): HorizontalDesign {
  const nodesByRegion =
    nodesTotal === null ? nodesPerRegion(ctx, instance, spec, layout) : splitNodes(nodesTotal, layout.share);
  return { kind: 'horizontal', instance, nodesByRegion, ...spec };
}

export function sizeHorizontal(
  ctx: Context,
  instance: Instance,
  spec: HorizontalSpec,
  nodesTotal: number | null,
  layoutIn?: HorizontalLayout,
): ArchitectureResult {
  const layout = layoutIn ?? horizontalLayout(ctx, spec.regions, spec.zones);
  return evaluateHorizontal(ctx, sizedHorizontal(ctx, instance, spec, nodesTotal, layout), layout);
}

/**
 * At most the nodes nodesPerRegion gives each region: regionNodeBase without the p99's count (its base is the larger of
 * that and the utilisation's), with the same spares; the cost of a design only grows with its nodes (horizontalCost:
 * nodes x price, the other terms do not depend on them; floating-point sums are monotone), so this is a cost bound.
 */
function fewestNodes(ctx: Context, instance: Instance, spec: HorizontalSpec, layout: HorizontalLayout): number[] {
  const w = ctx.scenario.workload;
  const atLeast = leastRegionNodes(ctx, instance);
  const base = spec.regions.map((_, r) => {
    const share = layout.share[r] as number;
    if (share === 0) return { atLeast, base: 1 };
    const util = nodesForUtilization(
      w,
      ctx.node(instance),
      ctx.designRatePerS * share,
      ctx.scenario.targets.maxUtilization,
    );
    return { atLeast, base: util };
  });
  return nodesWithSpares(base, spec.spares);
}

/**
 * At most the nodes an autoscaled design of `instance` pays for in each region (autoscale.ts: the mean over the hours
 * of n_r(h) = N_r at the peak, min(N_r, max(atLeast, max(minNodes, base_r(m_h)) + spares)) below it), given `fewest`,
 * at most its peak fleet N_r (fewestNodes): each hour's term is taken with N_r lowered to fewest_r and base_r(m) (the
 * larger of the p99's and the utilisation's count at m x the share, regionLoadBase) lowered to the utilisation's
 * (nodesForUtilization, which is 1 without load as regionLoadBase is). min and max are monotone and the hours are summed
 * in the same order, so each region's mean is at most the fleet's: with horizontalCost monotone in the nodes paid
 * for, a lower bound of the autoscaled design's cost. Without autoscaling the design pays for its peak fleet: `fewest`.
 */
function fewestPaidNodes(
  ctx: Context,
  instance: Instance,
  spec: HorizontalSpec,
  layout: HorizontalLayout,
  fewest: readonly number[],
): number[] {
  const auto = spec.autoscaling;
  if (auto === undefined) return [...fewest];
  const w = ctx.scenario.workload;
  const atLeast = leastRegionNodes(ctx, instance);
  const byHour = profileOf(ctx).map((m) =>
    fewest.map((f, r) => {
      if (m >= 1) return f;
      const share = (layout.share[r] as number) * m;
      const util =
        share === 0
          ? 1
          : nodesForUtilization(w, ctx.node(instance), ctx.designRatePerS * share, ctx.scenario.targets.maxUtilization);
      return Math.min(f, Math.max(atLeast, Math.max(auto.minNodes, util) + spec.spares));
    }),
  );
  return meanNodes(byHour);
}

/**
 * The cheapest size of a family for a horizontal design (explicit candidate without a size). Each size is screened
 * (screenHorizontal: the p99 alone, on the same exact layout; every figure rankKey reads is the full evaluation's,
 * feasible and the shortfall included, since they depend on the latency only through the p99, the network p99 and,
 * under "every-region", the per-region p99s that a screen computes too) and the choice evaluated in full: the same
 * result as evaluating every size in full, without the p50, p99.9 and degraded p99 of the sizes not chosen (a
 * sensitivity sweep of global-video sized a family hundreds of times).
 */
export function bestHorizontalSize(
  ctx: Context,
  sizes: readonly Instance[],
  spec: HorizontalSpec,
  nodesTotal: number | null,
): ArchitectureResult {
  const layout = horizontalLayout(ctx, spec.regions, spec.zones);
  let best: { result: ArchitectureResult; design: HorizontalDesign } | null = null;
  for (const i of sizes) {
    // against a size that meets every target, one whose cost at its fewest possible nodes (an autoscaled design's:
    // the fewest it can pay for over the day, fewestPaidNodes) is dearer (to the cent) ranks below it (rankKey:
    // feasible, shortfall 0, then cost): not sized
    if (nodesTotal === null && best?.result.feasible === true) {
      const fewest = fewestNodes(ctx, i, spec, layout);
      const lower = horizontalCost(
        ctx,
        { ...spec, instance: i, nodesByRegion: fewest },
        layout,
        fewestPaidNodes(ctx, i, spec, layout, fewest),
      );
      if (dearerToTheCent(lower.usdPerMonth, best.result)) continue;
    }
    const design = sizedHorizontal(ctx, i, spec, nodesTotal, layout);
    const result = screenHorizontal(ctx, design, layout);
    if (better(result, best?.result ?? null)) best = { result, design };
  }
  if (best === null) throw new RangeError('no sizes to choose from');
  return evaluateHorizontal(ctx, best.design, layout);
}

// ------------------------------------------------------------------------------------------------------------
// search

/** With one zone the horizontal search tries at least this many spares (searchHorizontal.ts, sparesLimit). */
export const SMALL_SPARES = 10;

/** Most regions in a searched horizontal design (the exact availability sums 2^R products over the region states). */
export const MAX_SEARCH_REGIONS = 8;

/**
 * Region sets to try for a horizontal design: each users' home region alone; the greedy sets that most lower the
 * share-weighted round trip, up to every home region (at most MAX_SEARCH_REGIONS); for each single home region, the
 * same region with its nearest one and two catalog regions that have no users (a second or third site for
 * availability: a region loss, or a majority of copies for strong writes); and each pair of home regions with the
 * region without users nearest to both (a third site for a strong quorum).
 */
export function candidateRegionSets(ctx: Context, max = MAX_SEARCH_REGIONS): string[][] {
  const userRegions = userHomeRegions(ctx);
  const weighted = (set: string[]) => {
    const columns = set.map((r) => ctx.userRttS(r));
    return ctx.scenario.users.reduce(
      (s, u, k) => s + u.share * Math.min(...columns.map((column) => column[k] as number)),
      0,
    );
  };
  const sets: string[][] = userRegions.map((r) => [r]);
  let current: string[] = [];
  for (let k = 0; k < Math.min(max, userRegions.length); k++) {
    let pick: string | null = null;
    let pickScore = Number.POSITIVE_INFINITY;
    for (const r of userRegions) {
      if (current.includes(r)) continue;
      const score = weighted([...current, r]);
      if (score < pickScore) {
        pickScore = score;
        pick = r;
      }
    }
    if (pick === null) break;
    current = [...current, pick];
    if (current.length > 1) sets.push(current);
  }
  const others = ctx.catalog.regions.map((r) => r.id).filter((r) => !userRegions.includes(r));
  for (const home of userRegions) {
    const near = [...others].sort((a, b) => ctx.rtt(home, a).rttS - ctx.rtt(home, b).rttS);
    if (near[0] !== undefined) sets.push([home, near[0]]);
    if (near[1] !== undefined) sets.push([home, near[0] as string, near[1]]);
  }
  // two user regions and a third without users: a majority of three regions for strong writes
  for (const set of sets.filter((x) => x.length === 2 && x.every((r) => userRegions.includes(r)))) {
    const third = [...others].sort(
      (a, b) => Math.max(...set.map((r) => ctx.rtt(r, a).rttS)) - Math.max(...set.map((r) => ctx.rtt(r, b).rttS)),
    )[0];
    if (third !== undefined) sets.push([...set, third]);
  }
  return sets;
}

/**
 * The cheapest vertical design (a size of a family in a region, with a standby and a deploy) that meets every target,
 * or the closest one. `screenBounds` false: every site and size is screened (a test's reference); `stats`: what the bounds passed
 * over (screenBound.ts BoundStats).
 */
export function searchVertical(
  ctx: Context,
  options: { screenBounds?: boolean; stats?: BoundStats } = {},
): ArchitectureResult {
  // whether sites and sizes that cannot matter are passed over (cannotEnter, choiceCannotMatter); false only to test
  // that it changes nothing
  const bounded = options.screenBounds ?? true;
  const families = new Map<string, Instance[]>();
  for (const i of searchableInstances(ctx)) {
    const list = families.get(i.family) ?? [];
    list.push(i);
    families.set(i.family, list);
  }
  const homes = userHomeRegions(ctx);
  const all = ctx.catalog.regions.map((r) => r.id);
  // The box runs in a users' home region or, where it is cheaper, in any other catalog region (a region without users
  // is tried only when the box's price there could beat the best found: its cost is at least the price of the
  // smallest size that fits the working set and the utilisation target, the box alone).
  const regions = [...homes, ...all.filter((r) => !homes.includes(r))];
  // A standby may run in another zone of the region or in another catalog region, also one without users (it survives
  // the loss of the primary's region; the users reach it through the global traffic switch). Every region has the same
  // failure rates, and a strong write waits for the round trip to the standby, shortest to the nearest: among other
  // regions the nearest is never worse but for the price. A cold standby runs nothing (its copy traffic is priced at
  // the primary's region): the nearest. A hot one runs a box at its region's price: the nearest, and every region
  // where some size of the family is cheaper than there.
  const nearestOther = new Map(
    regions.map((region) => [
      region,
      all.filter((r) => r !== region).sort((a, b) => ctx.rtt(region, a).rttS - ctx.rtt(region, b).rttS)[0] ?? null,
    ]),
  );
  let best: { result: ArchitectureResult; sizes: Instance[]; spec: VerticalSpec } | null = null;
  let passedOver = 0;
  const deployChoices = verticalDeployChoices(ctx.scenario.operations);
  for (const [family, list] of families) {
    const familySizes = ctx.catalog.families.get(family)?.filter((i) => list.includes(i)) ?? list;
    // the smallest box that could serve: fits the working set and keeps the utilisation target
    const least = fittingSizes(ctx, familySizes);
    for (const region of regions) {
      const sizes = familySizes.filter((i) => pricedIn(ctx, i, [region]));
      if (sizes.length === 0) continue;
      if (!homes.includes(region)) {
        const floor = Math.min(...least.flatMap((i) => usdPerHourIn(ctx, i, region) ?? []), Number.POSITIVE_INFINITY);
        if (cannotBeat(ctx, best?.result ?? null, floor * BILLING_HOURS_PER_MONTH)) continue;
      }
      const nearest = nearestOther.get(region) ?? null;
      const cheaperThanNearest = (r: string) =>
        nearest !== null &&
        sizes.some((i) => {
          const here = usdPerHourIn(ctx, i, r);
          const there = usdPerHourIn(ctx, i, nearest) ?? Number.POSITIVE_INFINITY;
          return here !== undefined && here < there;
        });
      for (const standby of ['none', 'cold', 'hot'] as const) {
        const standbyRegions: (string | null)[] =
          standby === 'none'
            ? [null]
            : [
                null,
                ...(nearest === null ? [] : [nearest]),
                ...(standby === 'hot' ? all.filter((r) => r !== region && r !== nearest && cheaperThanNearest(r)) : []),
              ];
        for (const standbyRegion of standbyRegions) {
          // a hot standby runs the same size in its region: only sizes priced there
          const here =
            standby === 'hot' && standbyRegion !== null
              ? sizes.filter((i) => pricedIn(ctx, i, [standbyRegion]))
              : sizes;
          if (here.length === 0) continue;
          for (const deploy of deployChoices) {
            const spec: VerticalSpec = {
              name: 'best vertical',
              origin: 'searched',
              region,
              standby,
              standbyRegion,
              ...(deploy === undefined ? {} : { deploy }),
            };
            if (bounded && best !== null && cannotEnter(ctx, here, spec, best.result)) {
              passedOver++;
              continue;
            }
            if (bounded && best !== null && choiceSurelyCannotMatter(ctx, here, spec, best.result)) {
              passedOver++;
              continue;
            }
            // only against a best that misses a target: against one that meets them all its floors never decided
            // (users-internal-tool-1: 188 sites tested, none passed over, +4% instructions for the process)
            if (bounded && best !== null && !best.result.feasible && siteCannotMatter(ctx, here, spec, best.result)) {
              passedOver++;
              continue;
            }
            const choice = verticalChoice(ctx, here, spec, true);
            if (bounded && best !== null && choiceCannotMatter(ctx, spec, choice, best.result)) {
              passedOver++;
              continue;
            }
            const result = verticalOfChoice(ctx, spec, choice);
            if (ctx.seen !== null) meet(ctx.seen, result);
            if (better(result, best?.result ?? null)) best = { result, sizes: here, spec };
          }
        }
      }
    }
  }
  if (best === null) throw new RangeError('the catalog has no instances to search');
  if (options.stats !== undefined) options.stats.passedOver += passedOver;
  // the screens chose; the choice with every figure
  return sizeVertical(ctx, best.sizes, best.spec);
}

/**
 * True when the design sizeVertical would screen on `spec` (some size of `sizes`) can neither join the designs met
 * (the frontier) nor rank above `best`, whatever size it picks, so that the search may pass it over unsized (issue 18:
 * with users far apart most sites miss the p99 on distance alone, and every size of every family was screened). Its
 * bounds, each proven for every size:
 * - p99: at least the p99 of the network time alone (networkP99S of its exact paths: the end-to-end time of a
 *   request is its network time plus a queue's response, never negative; the compact paths' network times are
 *   larger still), taken 1e-9 lower against rounding. Above the target (scope "all-users"), it misses the p99 target
 *   and its shortfall is at least that excess relative to the target (shortfallOf adds non-negative terms).
 * - cost: at least the cheapest size's verticalCost (the design is one of them).
 * - nines: at most verticalNinesAtMost (the figure does not depend on the size).
 * Passed over only when a design met is no worse than these bounds on cost, nines and p99 and better on one of them
 * (it then dominates the design, which meet() would not keep), and better() would not prefer the design: its network
 * p99 is above the target and `best` meets every target or has a smaller shortfall to SHORTFALL_RESOLUTION, or
 * `best` meets every target and costs less than the cost bound, to the cent (rankKey: the design misses a target or
 * costs more). The result is the same as screening it.
 */
function cannotEnter(ctx: Context, sizes: readonly Instance[], spec: VerticalSpec, best: ArchitectureResult): boolean {
  const t = ctx.scenario.targets;
  if (t.p99Scope !== 'all-users' || sizes.length === 0) return false;
  const networkS = verticalSizingPaths(ctx, spec, screensCompact(ctx)).network.allUsers * (1 - 1e-9);
  // distant: it misses the p99 target whatever the size; else it ranks after a best that meets every target only
  // when it costs more (tested below, once the frontier could beat it)
  const distant = networkS > t.p99S;
  if (!distant && !best.feasible) return false;
  const shortfall = Math.min(UNBOUNDED_SHORTFALL, (networkS - t.p99S) / t.p99S);
  if (
    distant &&
    !best.feasible &&
    !(Math.round(shortfall * SHORTFALL_RESOLUTION) > Math.round(best.shortfall * SHORTFALL_RESOLUTION))
  )
    return false;
  const design: VerticalDesign = { kind: 'vertical', instance: sizes[0] as Instance, ...spec };
  const [, ninesBound, p99Bound] = objectives({
    cost: { usdPerMonth: 0 },
    availability: { nines: verticalNinesAtMost(ctx, design) },
    latency: { p99Ms: networkS * 1000 },
  });
  // the designs no worse on nines and p99 (each member's objectives computed once: screenBound.ts objectivesOf), then
  // the cost bound (a price per size) only if some are; without a frontier kept (Context.seen null), ranking after
  // the best is enough
  const near = ctx.seen?.map(objectivesOf).filter((o) => o[1] <= ninesBound && o[2] <= p99Bound) ?? null;
  if (near !== null && near.length === 0) return false;
  let usd = Number.POSITIVE_INFINITY;
  for (const instance of leastPricedMemo(ctx, sizes, spec)) {
    usd = Math.min(usd, verticalCost(ctx, { ...design, instance }).usdPerMonth);
  }
  const [costBound] = objectives({ cost: { usdPerMonth: usd }, availability: { nines: 0 }, latency: { p99Ms: 0 } });
  if (!distant && !dearerToTheCent(usd, best)) return false;
  return (
    near === null || near.some((o) => o[0] <= costBound && (o[0] < costBound || o[1] < ninesBound || o[2] < p99Bound))
  );
}

/**
 * The sizes of `sizes` that may cost the least on `spec`: those no other size undercuts on the price it pays. A size
 * enters verticalCost only through its price per hour in the box's region and, with a hot standby, in the standby's
 * (nodePrice); every other term is the same for all sizes, and the cost grows with each price (products by and sums
 * of non-negative terms, monotone in floating point too), so a size priced no lower on both than another costs no
 * less. The least cost over `sizes` is the least over these.
 */
export function leastPriced(ctx: Context, sizes: readonly Instance[], spec: VerticalSpec): Instance[] {
  const hot = spec.standby === 'hot';
  const prices = sizes.map((instance) => ({
    instance,
    box: nodePrice(ctx, instance, spec.region).usdPerHour,
    standby: hot ? nodePrice(ctx, instance, spec.standbyRegion ?? spec.region).usdPerHour : 0,
  }));
  return prices
    .filter(
      (a) => !prices.some((b) => b.box <= a.box && b.standby <= a.standby && (b.box < a.box || b.standby < a.standby)),
    )
    .map((a) => a.instance);
}

const leastPricedKept = new WeakMap<Context, WeakMap<readonly Instance[], Map<string, Instance[]>>>();

/**
 * leastPriced kept per context and sizes array by what it reads of the spec (the box's region and, with a hot
 * standby, the standby's): the search's sizes arrays are made once per family, site and standby region and never
 * changed, and a site is bounded once per standby kind and deploy (no standby and a cold one price alike).
 */
function leastPricedMemo(ctx: Context, sizes: readonly Instance[], spec: VerticalSpec): Instance[] {
  const bySpec = keptIn(
    keptIn(leastPricedKept, ctx, () => new WeakMap()),
    sizes,
    () => new Map(),
  );
  const key = spec.standby === 'hot' ? `${spec.region}|${spec.standbyRegion ?? spec.region}` : spec.region;
  let least = bySpec.get(key);
  if (least === undefined) {
    least = leastPriced(ctx, sizes, spec);
    bySpec.set(key, least);
  }
  return least;
}

const fittingKept = new WeakMap<Context, WeakMap<readonly Instance[], Instance[]>>();

/**
 * The sizes of `sizes` that hold the working set and keep the utilisation target (verticalChoice's `cpuOk`: when there
 * are any, the size it chooses is one of them), once per context and sizes array (the search's are made once per
 * family, site and standby region and never changed).
 */
function fittingSizes(ctx: Context, sizes: readonly Instance[]): Instance[] {
  return keptIn(
    keptIn(fittingKept, ctx, () => new WeakMap()),
    sizes,
    () => {
      const memNeed = memoryNeededGiB(ctx, 1);
      const t = ctx.scenario.targets;
      return sizes.filter((i) => i.memGiB >= memNeed && boxQueue(ctx, i).utilization <= t.maxUtilization);
    },
  );
}

/**
 * True when choiceCannotMatter (without its dearerAndBeaten branch) holds of whatever size verticalChoice would choose
 * on `spec`, proven before choosing: when some size fits (fittingSizes), the choice is one of those, so its cost is at
 * least the least of theirs (leastPriced), its unavailability at least the site's (verticalUnavailabilityAtLeast, the
 * same for every size), its p99 at least the floor of the paths it is screened on (siteP99FloorS of the exact or the
 * compact paths: the lesser), and it has no utilisation or memory term (boxTerms adds none); cannotMatter and
 * tiedAndDearer are monotone in each, so they hold of the choice when they hold at these floors. Issue 18: the
 * co-located vertical search of social-startup-changes chose a size at 7,428 sites to pass 7,418 of them over.
 */
function siteCannotMatter(ctx: Context, sizes: readonly Instance[], spec: VerticalSpec, best: ArchitectureResult) {
  const fit = fittingSizes(ctx, sizes);
  const first = fit[0];
  if (first === undefined) return false;
  let usd = Number.POSITIVE_INFINITY;
  for (const instance of leastPricedMemo(ctx, fit, spec)) {
    usd = Math.min(usd, verticalCost(ctx, { kind: 'vertical', instance, ...spec }).usdPerMonth);
  }
  const usdPerMonth = usd * (1 - BOUND_SLACK);
  const sizing = verticalSizingPaths(ctx, spec, screensCompact(ctx));
  const s = floorStanding(ctx, {
    usdPerMonth,
    unavailability:
      verticalUnavailabilityAtLeast(ctx, { kind: 'vertical', instance: first, ...spec }) * (1 - BOUND_SLACK),
    p99S: Math.min(siteP99FloorS(sizing.paths), siteP99FloorS(sizing.screened)),
  });
  return cannotMatter(ctx, best, s) || tiedAndDearer(ctx, best, s, usdPerMonth);
}

/**
 * True when the size sizeVertical chose on `spec` can neither join the designs met nor rank above `best`, from figures
 * known before it is evaluated (screenBound.ts): its cost (verticalCost, less BOUND_SLACK), the least unavailability
 * of its region, standby and deploy (verticalUnavailabilityAtLeast), and its p99 when the choice computed it (the
 * closest size: less BOUND_SLACK), else the network floor of its paths (p99FloorS); its utilisation and memory, which
 * are the box's own (boxTerms). The search then need not evaluate it (a result the same as screening it and leaving it
 * out). Against a best that misses a target too, a standing whose shortfall ties the best's ranks after it when it
 * costs more (tiedAndDearer: issue 18, the co-located sites of social-startup-changes, 979 boxes that miss only the
 * availability as the best does, and of social-startup-growth, 1,818 boxes too small for the load, were evaluated).
 */
function choiceCannotMatter(ctx: Context, spec: VerticalSpec, c: VerticalChoice, best: ArchitectureResult): boolean {
  if (c.paths === undefined) return false;
  const d: VerticalDesign = { kind: 'vertical', instance: c.instance, ...spec };
  const p99S = c.p99S === null ? siteP99FloorS(c.paths) : c.p99S * (1 - BOUND_SLACK);
  // a size that meets the p99 against a best that meets every target: it may meet every target too, so it is not
  // proven to miss one (cannotMatter), but it ranks after the best whatever it meets when it costs more to the cent
  if (c.mode === 'meets' && best.feasible) return dearerAndBeaten(ctx, d, { ...c, paths: c.paths }, p99S, best);
  const usdPerMonth = verticalCost(ctx, d).usdPerMonth * (1 - BOUND_SLACK);
  const s = boxTerms(
    ctx,
    c.instance,
    floorStanding(ctx, {
      usdPerMonth,
      unavailability: verticalUnavailabilityAtLeast(ctx, d) * (1 - BOUND_SLACK),
      p99S,
    }),
  );
  return cannotMatter(ctx, best, s) || tiedAndDearer(ctx, best, s, usdPerMonth);
}

/**
 * A vertical design's standing at floors (floorStanding) with the terms of its box: its utilisation (boxQueue, the
 * queue its evaluation takes) and the memory it needs (memoryNeededGiB), exact before it is evaluated. They enter the
 * shortfall as shortfallOf adds them, after the availability, p99 and budget terms and in its order, and the sum is
 * capped as there: from terms each no more than the design's own, a floor under its shortfall (floating-point
 * addition is monotone in each term; a floor already at UNBOUNDED_SHORTFALL stays there, as the design's does).
 * @example a box at 120% utilisation: shortfall UNBOUNDED_SHORTFALL, misses (an unstable queue)
 */
export function boxTerms(ctx: Context, instance: Instance, s: Standing): Standing {
  const t = ctx.scenario.targets;
  const u = boxQueue(ctx, instance).utilization;
  const need = memoryNeededGiB(ctx, 1);
  const cpu = !(u <= t.maxUtilization);
  const memory = !(need <= instance.memGiB);
  if (!cpu && !memory) return s;
  let shortfall = s.shortfall;
  if (cpu) shortfall += u >= 1 ? UNBOUNDED_SHORTFALL : (u - t.maxUtilization) / t.maxUtilization;
  if (memory) shortfall += (need - instance.memGiB) / instance.memGiB;
  return { objectives: s.objectives, misses: true, shortfall: Math.min(UNBOUNDED_SHORTFALL, shortfall) };
}

/**
 * Whether a design of standing `s` whose monthly cost is at least `usdPerMonth` ranks after `best` when both miss a
 * target and its shortfall is no smaller to SHORTFALL_RESOLUTION (rankKey: a larger shortfall ranks after; an equal
 * one ranks by cost, and it costs more to the cent) and the frontier kept beats it (cannotMatter's test): meet() and
 * better() would keep neither. A tie the shortfall alone (cannotMatter) leaves open.
 */
export function tiedAndDearer(ctx: Context, best: ArchitectureResult, s: Standing, usdPerMonth: number): boolean {
  return (
    s.misses &&
    !best.feasible &&
    Math.round(s.shortfall * SHORTFALL_RESOLUTION) >= Math.round(best.shortfall * SHORTFALL_RESOLUTION) &&
    dearerToTheCent(usdPerMonth, best) &&
    s.objectives[2] >= frontP99Beats(ctx.seen, s.objectives)
  );
}

/**
 * True when choiceCannotMatter holds of the size verticalChoice would choose on `spec` (screened), proven before the
 * choice computes a p99 (the root search of the first size's, some fifty evaluations of its survival; with users far
 * apart every site of the vertical search has one). Only where the network alone misses the p99 target on exact
 * paths under "all-users" (no size meets it: the choice is the closest of the sizes that fit the working set and the
 * utilisation target, `fit` below, its p99 computed on `paths`, and choiceCannotMatter tests cannotMatter at its cost,
 * the site's least unavailability and that p99, each less BOUND_SLACK), and only while the first such size's p99 is
 * not known (once it is, the choice costs little). cannotMatter is monotone in the cost and the p99 (screenBound.ts),
 * so it holds of the choice when it holds at the least cost of the sizes in `fit` (verticalCost of each) and, for every
 * size in `fit`, at its p99 less BOUND_SLACK: at the point p99Beyond gives (from the paths' floor, under every p99 on
 * them), or above it when the size's p99 is surely above that point (1 + 2e-9) (surelyAbove: p99 > x (1 + 1e-9), so
 * p99 (1 - 1e-9) > x / (1 + 2e-9), with the margins far above the rounding).
 */
function choiceSurelyCannotMatter(
  ctx: Context,
  sizes: readonly Instance[],
  spec: VerticalSpec,
  best: ArchitectureResult,
): boolean {
  const t = ctx.scenario.targets;
  if (t.p99Scope !== 'all-users' || screensCompact(ctx)) return false;
  const sizing = verticalSizingPaths(ctx, spec, false);
  // verticalChoice's noneMeets
  if (!(sizing.network.screened * (1 - 1e-9) > t.p99S)) return false;
  const fit = fittingSizes(ctx, sizes).map((instance) => ({ instance, queue: boxQueue(ctx, instance) }));
  const first = fit[0];
  if (first === undefined || sizing.p99s.has(first.instance)) return false;
  let usd = Number.POSITIVE_INFINITY;
  for (const { instance } of fit)
    usd = Math.min(usd, verticalCost(ctx, { kind: 'vertical', instance, ...spec }).usdPerMonth);
  const unavailability = verticalUnavailabilityAtLeast(ctx, { kind: 'vertical', instance: first.instance, ...spec });
  const at = floorStandingAt(ctx, usd * (1 - BOUND_SLACK), unavailability * (1 - BOUND_SLACK));
  const floorS = siteP99FloorS(sizing.paths);
  const beyond = p99Beyond(ctx, best, at, floorS);
  if (beyond === null) return false;
  if (beyond <= floorS) return true;
  const xS = beyond * (1 + 2e-9);
  for (const { instance, queue } of fit) {
    // what an earlier test found (verticalChoice keeps the same: the p99 is above the point kept)
    if (xS <= (sizing.above.get(instance) ?? Number.NEGATIVE_INFINITY)) continue;
    if (!surelyAbove(sizing.paths, queue, t.p99Scope, xS)) return false;
    sizing.above.set(instance, xS);
  }
  return true;
}

/**
 * True when a vertical design `d` (the size chosen, `c`) ranks after `best`, which meets every target, and a design of
 * the frontier kept so far beats it on cost, nines and p99: screening it would change neither the best met nor the
 * frontier. Its cost is its own (verticalCost: the figure its screen computes, so exact); it ranks after `best` when
 * that is more to the cent (rankKey: a design that meets every target ranks by cost, one that misses a target after
 * every one that meets them all). Its nines are at most verticalUnavailabilityAtLeast's (less BOUND_SLACK) and its p99
 * at least `p99FloorS` (choiceCannotMatter's floor): objectives no worse than its own (frontier.ts objectives are
 * non-decreasing in each figure). A member beats it when its p99 objective is at least the least one at which a
 * member beats those (screenBound.ts frontP99Beats): at the floor, or, above it, when its p99 is surely above the
 * least p99 with that objective (surelyAbove: one evaluation of the survival its screen takes the p99 of, on the
 * paths it is screened on). meet() would then not keep it.
 */
function dearerAndBeaten(
  ctx: Context,
  d: VerticalDesign,
  c: VerticalChoice & { paths: RegionPath[] },
  p99FloorS: number,
  best: ArchitectureResult,
): boolean {
  const usd = verticalCost(ctx, d).usdPerMonth;
  if (!dearerToTheCent(usd, best)) return false;
  const unavailability = verticalUnavailabilityAtLeast(ctx, d) * (1 - BOUND_SLACK);
  const o = floorStanding(ctx, { usdPerMonth: usd, unavailability, p99S: p99FloorS }).objectives;
  const m = frontP99Beats(ctx.seen, o);
  if (o[2] >= m) return true;
  if (!Number.isFinite(m)) return false;
  const xS = p99ObjectiveFloorS(m);
  const queue = boxQueue(ctx, c.instance);
  return surelyAbove(c.paths, queue, ctx.scenario.targets.p99Scope, xS);
}

/**
 * True when no candidate whose monthly cost is at least `lowerBound` can rank above `best`: `best` meets every
 * target (cost decides), or it misses only the budget and the candidate would miss the budget too.
 */
export function cannotBeat(ctx: Context, best: ArchitectureResult | null, lowerBound: number): boolean {
  // equal to the cent is not beaten on cost (rankKey then prefers fewer nodes)
  if (best === null || Math.round(lowerBound * 100) <= Math.round(best.cost.usdPerMonth * 100)) return false;
  if (best.feasible) return true;
  const budget = ctx.scenario.targets.budgetUsdPerMonth;
  return missesBudgetAlone(best) && budget !== null && lowerBound > budget;
}

/** Whether `best` misses the budget and meets every other target (cannotBeat then ends searches by cost). */
export function missesBudgetAlone(best: ArchitectureResult | null): boolean {
  if (best === null) return false;
  const m = best.meetsTargets;
  return m.p99 && m.availability && m.utilization && m.memory && m.durability !== false && m.budget === false;
}
