/**
 * The horizontal search: the cheapest horizontal design that meets every target, by branch and bound over the whole
 * space (contract, "The search"), and, when none does, the closest one the search met (smallest shortfall).
 *
 * The space: every set of the catalog's regions of up to MAX_SEARCH_REGIONS (regions with users or without), 1 to 3
 * zones, every searchable instance type, and spares per region from 0 up to the fewest that survive the loss of a
 * zone (see sparesLimit; an autoscaled search goes on past it while the design misses availability through its
 * scale-out windows, which more spares shorten, up to the count from which no window is over the cap:
 * scaleOutClearingSpares). With autoscaling (the
 * scenario's, autoscale.ts) a design costs its mean fleet over the day, and the cost bounds are the mean over the
 * hours of each hour's fewest nodes. The nodes of a region for given spares are nodesPerRegion's: the fewest that
 * carry the region's load within the p99 and utilisation targets with `spares` nodes down, hold the working set and
 * the copies.
 *
 * Pruning, and why each step is safe (none removes a design that could meet every target more cheaply):
 * - Balancer: only least-loaded is searched. The policy changes neither the cost nor the availability model, and
 *   least-loaded, one pooled M/G/(N v) queue, waits no longer than the same servers split into N queues (random or
 *   round robin), so its p99 is the lowest: any design that meets the targets with another policy meets them with it.
 * - Cost lower bounds: a design's monthly cost is its region set's fixed part (balancers, global switch, traffic:
 *   the same for every instance type and spare count) plus nodes x price; every region needs at least the copies of a
 *   partition, the nodes that hold the working set, and the nodes that keep the utilisation target at its load, so
 *   instanceLowerBound never exceeds the cost at any spare count. Sets and instance types are tried in order of that
 *   bound, and once it is at least the best cost found that meets every target, nothing later can be cheaper
 *   (cannotBeat). The spare loop stops at the first count that meets the targets (more spares cost more) or whose
 *   cost is already too high (the cost grows with the spares).
 * - Distance: a user's response time is at least the network time to the region that serves it; when more than 1%
 *   of the users (or, with p99Scope "every-region", any user region) have a network time above the p99 target, no
 *   capacity in that region set meets it (distanceTable for every set; distanceRulesOut, its reference on one layout).
 * - Availability: no design of k regions and z zones is more available than users reaching some region of k (the
 *   region, its balancer and one of its z zones up) through the global switch (availabilityUpperBound): every up state
 *   of a design is such a state, and every region has the same failure rates, so which region a user tries first does
 *   not change the bound. A set size whose bound misses the target is skipped.
 * - Outages: a spare count whose outageFloor (the probability of states that are down whatever the nodes do: a zone
 *   or a region lost that the survivors cannot carry) misses the availability target is skipped: one count at a time
 *   while a loaded region has an empty zone, by bisection after that (firstPossibleSpares), and tested again at each
 *   count screened. availableNodesLowerBound turns the same events into the fewest nodes each region needs: the spare
 *   scan starts where every region has them, and against a design that meets every target an instance type whose
 *   fixed part plus those nodes costs more is skipped. Once the structural downtime of a screened design
 *   (structuralUnavailability, which never falls as nodes are added) misses the target, no larger count is tried.
 * - Many users: with more than COMPACT_ABOVE_USERS user places the plans are laid out on compact paths (network times
 *   rounded up to 0.5% of the p99 target), so a screened pass is an exact pass and a design within 0.5% under the
 *   target may be passed over (layout.ts, compactLayout; the resolution is at least 0.1 ms).
 * - Designs that cannot matter (screenBound.ts): a design that surely misses a target, cannot rank before the best
 *   found (its shortfall, from floors under its figures, above the best's) and that a design of the frontier kept so
 *   far beats on cost, nines and p99 changes neither the answer nor the frontier. Its floors: its cost, the plan's
 *   availability ceiling (above) and its layout's network p99 (p99FloorS) end the instance types of a plan (or skip
 *   one, on the tighter floor of its nodes) and the spare scan (more spares cost more); with them and its p99 above
 *   the point from which it cannot matter (two evaluations of its queues' survival, not the p99's root search), it is
 *   passed over unevaluated; evaluated but for its latency, with its own cost and nines, its latency is computed
 *   only when its p99 can matter. A design passed over on its p99 counts against SEARCH_SCREEN_BUDGET as one screened
 *   does; those the floors end are not counted, so a search that reaches the budget goes further than it would
 *   screening every design.
 * These rules skip only designs that cannot meet every target (or change the frontier): when no design meets them,
 * the closest is the smallest shortfall among the designs screened, which is not proven the closest of the whole
 * space; and after SEARCH_SCREEN_BUDGET screens without a design that meets every target the search stops and says
 * so.
 * Ties: designs are ranked by rankKey, then by their place in the search's list (ranksBefore), a total order, so the
 * set-aside plans (those distance or the availability bound rule out, searched for the closest miss when nothing
 * meets every target) can be searched best first and keep what the listed order keeps (searchSetAside).
 */

import type { Instance } from '../catalog/index.js';
import { MinHeap } from '../core/math/minHeap.js';
import { SHARE_TOLERANCE } from '../scenario/limits.js';
import { formatPercent } from '../units/format.js';
import { keptIn } from '../util/keptIn.js';
import { type HourlyBase, hourlyBase, hourlyNodes, meanNodes } from './autoscale.js';
import { structuralUnavailability } from './availability.js';
import { MAX_NODES_PER_REGION, nodesForUtilization, queueAtLoad } from './capacity.js';
import { BILLING_HOURS_PER_MONTH, type Context } from './context.js';
import { type DeferredResult, settle } from './deferredLatency.js';
import { allUpUtilization, survivesZoneLossQuick } from './degraded.js';
import type { HorizontalDesign } from './designKinds.js';
import { distanceTable } from './distanceBound.js';
import {
  evaluateHorizontal,
  screenHorizontal,
  screenHorizontalDeferred,
  screenP99Above,
} from './evaluateHorizontal.js';
import { meet } from './frontier.js';
import {
  autoscaledLeastNodes,
  availabilityUpperBound,
  availableNodesLowerBound,
  instanceLowerNodes,
  leastNodeUsdPerMonth,
  regionLowerNodes,
  sizeLowerBound,
} from './horizontalBounds.js';
import { horizontalCost, sameCostForZones } from './horizontalCost.js';
import {
  COMPACT_ABOVE_USERS,
  COMPACT_NETWORK_RESOLUTION,
  compactResolutionS,
  type HorizontalLayout,
  horizontalLayout,
  sameLayoutForZones,
  screensCompact,
  servingRegions,
} from './layout.js';
import { usdPerHourIn } from './nodePrice.js';
import { outageFloor } from './outageFloor.js';
import type { ArchitectureResult } from './result.js';
import {
  BOUND_SLACK,
  type BoundStats,
  cannotMatter,
  type Floors,
  floorStanding,
  floorStandingAt,
  frontierBeatsDeferred,
  p99Beyond,
  p99FloorS,
  partialStanding,
} from './screenBound.js';
import {
  better,
  candidateRegionSets,
  cannotBeat,
  compareRank,
  MAX_SEARCH_REGIONS,
  missesBudgetAlone,
  nodesWithSpares,
  regionNodeBase,
  SHORTFALL_RESOLUTION,
  SMALL_SPARES,
  searchableInstances,
} from './size.js';

/** Screens (designs evaluated for the targets) after which a search that has found no design meeting every target
 * stops: the closest found so far is returned, with a note that the search did not finish. A judgement, not a
 * derived figure: about a minute of screening on this machine (a screen takes 0.1-3 ms), and far above the screens
 * any example needs before it finds a design that meets every target (tens to a few hundred). */
export const SEARCH_SCREEN_BUDGET = 20_000;

/** Zone counts the search tries. */
export const SEARCH_ZONES = [3, 2, 1] as const;

/** Every subset of `ids` of `min` (at least 1) to `max` members, smallest first (members in the order of `ids`). */
export function regionSubsets(ids: readonly string[], max: number, min = 1): string[][] {
  const out: string[][] = [];
  const n = ids.length;
  const pick = (start: number, current: string[]) => {
    if (current.length >= Math.max(1, min)) out.push([...current]);
    if (current.length === max) return;
    for (let i = start; i < n; i++) {
      current.push(ids[i] as string);
      pick(i + 1, current);
      current.pop();
    }
  };
  pick(0, []);
  return out.sort((a, b) => a.length - b.length);
}
/** One region set and zone count to search, with its bound. */
interface Plan {
  regions: string[];
  zones: number;
  layout: HorizontalLayout;
  /** The fixed part of its cost (balancers, switch, traffic): the same for every instance type and spare count. */
  fixed: number;
  /** No design of this plan costs less. */
  lower: number;
}

function planOf(
  ctx: Context,
  regions: string[],
  zones: number,
  nodesUsdLower: number,
  layoutIn?: HorizontalLayout,
  fixedIn?: number,
): Plan {
  // many users: the compact layout (users merged by network time to 0.5% of the p99 target, rounded up); the frontier
  // then shows their p99 as screened, at most that much above the exact figure
  const layout = layoutIn ?? horizontalLayout(ctx, regions, zones, screenResolutionS(ctx));
  // with no nodes the instance type plays no part
  const fixed =
    fixedIn ??
    horizontalCost(ctx, { instance: null, regions, zones, nodesByRegion: regions.map(() => 0) }, layout).usdPerMonth;
  return { regions, zones, layout, fixed, lower: fixed + nodesUsdLower };
}

/** The network resolution of the search's layouts: compactResolutionS when screensCompact, else 0 (exact). */
function screenResolutionS(ctx: Context): number {
  return screensCompact(ctx) ? compactResolutionS(ctx.scenario.targets.p99S) : 0;
}

const nodesCache = new WeakMap<readonly Instance[], Map<string, number[]>>();

/** The fewest nodes of each instance on the plan's shares (instanceLowerNodes), once per set of shares. */
function lowerNodes(ctx: Context, plan: Plan, instances: readonly Instance[]): number[] {
  let cache = nodesCache.get(instances);
  if (cache === undefined) {
    cache = new Map();
    nodesCache.set(instances, cache);
  }
  const key = [...plan.layout.share].sort((a, b) => a - b).join(',');
  let nodes = cache.get(key);
  if (nodes === undefined) {
    nodes = instances.map((instance) => instanceLowerNodes(ctx, instance, plan.layout));
    cache.set(key, nodes);
  }
  return nodes;
}

/**
 * A plan's instance types priced in all its regions, by their cost lower bound, cheapest first. The bound is the
 * plan's fixed part plus the fewest nodes of the instance on the plan's shares at the instance's cheapest price
 * among the plan's regions (`nodesUsd`: the bound less the fixed part). For the sample of designs (a few per plan).
 */
function boundedInstances(ctx: Context, plan: Plan, instances: readonly Instance[]) {
  const nodes = lowerNodes(ctx, plan, instances);
  const order: { instance: Instance; nodesUsd: number; perNode: number[] }[] = [];
  instances.forEach((instance, i) => {
    const perNode = nodeUsdPerMonth(ctx, instance, plan.regions);
    if (perNode === null) return; // not offered in some region of the plan
    order.push({ instance, nodesUsd: (nodes[i] as number) * Math.min(...perNode), perNode });
  });
  return order.sort((a, b) => a.nodesUsd - b.nodesUsd || a.instance.usdPerHour - b.instance.usdPerHour);
}

const looseCache = new WeakMap<readonly Instance[], Map<string, { instance: Instance; nodesUsd: number }[]>>();

/**
 * The search's order of a plan's instance types: by the same bound at the instance's cheapest price in ANY catalog
 * region (cheapestUsdPerHour: a lower bound of its price in the plan's regions, so still a valid bound), which does
 * not depend on the plan's regions and is computed once per set of shares. The plan's own prices are read only for
 * the types the search reaches: a search over thousands of region sets priced every type in every set (68,448 plans
 * x 127 types: 17 s for one small scenario, against 0.5 s before regional prices).
 */
function looselyBoundedInstances(ctx: Context, plan: Plan, instances: readonly Instance[]) {
  let cache = looseCache.get(instances);
  if (cache === undefined) {
    cache = new Map();
    looseCache.set(instances, cache);
  }
  const key = `${ctx.pricing}|${[...plan.layout.share].sort((a, b) => a - b).join(',')}`;
  let order = cache.get(key);
  if (order === undefined) {
    const nodes = lowerNodes(ctx, plan, instances);
    order = instances
      .map((instance, i) => ({
        instance,
        nodesUsd: (nodes[i] as number) * looseNodeUsd(ctx, instance),
      }))
      .filter((x) => Number.isFinite(x.nodesUsd))
      .sort((a, b) => a.nodesUsd - b.nodesUsd || a.instance.usdPerHour - b.instance.usdPerHour);
    cache.set(key, order);
  }
  return order;
}

/** looselyBoundedInstances' price of one node of `instance`: its cheapest in any catalog region, with operations
 * (memoised per instance: horizontalBounds.ts leastNodeUsdPerMonth). */
function looseNodeUsd(ctx: Context, instance: Instance): number {
  return leastNodeUsdPerMonth(ctx, instance);
}

/**
 * A floor under the first bound searchPlan tests on every plan of a region set of one size and zone count (plan.fixed
 * plus the least nodesUsd of looselyBoundedInstances), from that size's fixed floor (sizeLowerBound's
 * fixedUsdPerMonth), without the set's layout or price: the search's second phase drops a plan whose floor cannot beat
 * a best that meets every target before building it (lazyPlans; social-startup-growth's co-located fleet: 68,439
 * plans built, each ended by that first bound; issue 18). Why it is a floor:
 * - the shares: servingRegions routes every user as horizontalLayout does, so the shares added here are the layout's
 *   bit for bit; two sets whose users split the same way (the same users together: the memo's key, with the set's
 *   size) have the same shares up to their order, which instanceLowerNodes sums (whole nodes, exactly; an autoscaled
 *   mean in another order of addition, within the slack below);
 * - the fixed part: sizeLowerBound's prices the same balancers (their capacity units linear in the shares), global
 *   switch (k endpoints), copies across zones and operations as horizontalCost with no nodes, inter-region transfer at
 *   0 and internet egress at its lower bound. Its capacity units and egress are of all the traffic, the plan's of the
 *   users' shares, which add up to within SHARE_TOLERANCE of 1 (limits.ts): so the plan's fixed part is at least
 *   (1 - SHARE_TOLERANCE) times it, up to the order of the additions (BOUND_SLACK, far above that rounding);
 * - every term is non-negative: (fixed + nodes) (1 - SHARE_TOLERANCE - BOUND_SLACK) is under the bound.
 * So cannotBeat(best, floor) implies cannotBeat(best, plan.fixed + nodesUsd) (cannotBeat only grows with its bound),
 * which searchPlan tests on its first instance type before anything else, returning: the plan would change nothing.
 */
export function setNodesFloor(
  ctx: Context,
  instances: readonly Instance[],
): (regions: readonly string[], fixedUsdPerMonth: number) => number {
  const memo = new Map<string, number>();
  return (regions, fixedUsdPerMonth) => {
    // the users' split: the memo's key, with the set's size
    const { key, group, groupShares } = setRouting(ctx, regions);
    let usd = memo.get(key);
    if (usd === undefined) {
      const share = Array.from(group, (g) => (g < 0 ? 0 : (groupShares[g] as number)));
      usd = leastNodesUsd(ctx, instances, share);
      memo.set(key, usd);
    }
    return nodesFloorOf(fixedUsdPerMonth, usd);
  };
}

/**
 * Relative slack the floors of pricedSetFloor and sizeNodesFloor and availabilityPossible's bound take off: the same
 * terms summed in another order (at most MAX_SEARCH_REGIONS of them) differ by a few ulps, far under it.
 */
const REORDER_SLACK = 1e-12;

/**
 * A floor under searchPlan's cost floor of EVERY instance type it would test on a plan of this region set (plan.fixed
 * plus its least nodes, availableNodesLowerBound's, at the type's prices in the set's regions: fleetUsd), from the
 * size's fixed floor as setNodesFloor: the least over the types priced in every region of the set of the fewest nodes
 * each region has (regionLowerNodes, at most availableNodesLowerBound's), each at its region's price, summed in the
 * set's order as fleetUsd sums (floating addition and multiplication never decrease with their operands). A type not
 * priced in some region is passed over by searchPlan (continue). So when it cannot beat a best that meets every
 * target, searchPlan would pass over every type of the plan (cannotBeatFeasible) or end before: the plan changes
 * nothing, and lazyPlans drops it unbuilt (social-startup-growth's co-located fleet: about 3,000 plans built and
 * searched, each passing over its types, before; issue 18). 0 (no floor) when the search autoscales.
 * The least is found without pricing every type: the types are taken in order of their nodes at their cheapest price
 * in any region (setNodesFloor's terms, per split of the users: the same for every set that splits them so), which
 * is under the type's price here (each region's price at least the cheapest, up to the rounding of a sum of at most
 * MAX_SEARCH_REGIONS terms, far under REORDER_SLACK), and the scan ends at the first type whose cheapest
 * already exceeds the least found.
 */
export function pricedSetFloor(
  ctx: Context,
  instances: readonly Instance[],
): (regions: readonly string[], fixedUsdPerMonth: number) => number {
  const bySplit = new Map<string, PricedType[]>();
  const autoscaled = instances.length > 0 && regionLowerNodes(ctx, instances[0] as Instance, 0) === null;
  // each type's nodeUsdIn by catalog region, read by position (NaN: no price there)
  const ids = [...new Set(ctx.catalog.regions.map((r) => r.id))];
  const place = new Map(ids.map((id, i) => [id, i]));
  const prices = new Map(
    instances.map((instance) => [instance, Float64Array.from(ids, (id) => nodeUsdIn(ctx, instance, id) ?? Number.NaN)]),
  );
  return (regions, fixedUsdPerMonth) => {
    if (autoscaled) return 0;
    const { key, group, groupShares } = setRouting(ctx, regions);
    const types = keptIn(bySplit, key, () => pricedTypes(ctx, instances, regions.length, groupShares));
    const at = regions.map((r) => place.get(r) ?? -1);
    let usd = Number.POSITIVE_INFINITY;
    for (const t of types) {
      if (t.cheapest * (1 - REORDER_SLACK) > usd) break;
      const row = prices.get(t.instance) as Float64Array;
      let x = 0;
      for (let r = 0; r < at.length; r++) {
        // not offered in the region (or not a catalog region): NaN, and the type is passed over
        const price = (at[r] as number) < 0 ? Number.NaN : (row[at[r] as number] as number);
        const g = group[r] as number;
        x += (g < 0 ? t.idleNodes : (t.groupNodes[g] as number)) * price;
      }
      if (x < usd) usd = x;
    }
    return nodesFloorOf(fixedUsdPerMonth, usd);
  };
}

/** A type's fewest nodes on one split of the users (pricedSetFloor), and their price at its cheapest anywhere. */
interface PricedType {
  instance: Instance;
  /** The fewest nodes of a region serving each group of users, and of one serving none. */
  groupNodes: number[];
  idleNodes: number;
  /** instanceLowerNodes on the split's k regions at looseNodeUsd (setNodesFloor's term). */
  cheapest: number;
}

/** The types of pricedSetFloor on a split of the users into groups of `groupShares` over k regions, cheapest first. */
function pricedTypes(
  ctx: Context,
  instances: readonly Instance[],
  k: number,
  groupShares: readonly number[],
): PricedType[] {
  const share = Array.from({ length: k }, (_, r) => (r < groupShares.length ? (groupShares[r] as number) : 0));
  return instances
    .map((instance) => ({
      instance,
      groupNodes: groupShares.map((x) => regionLowerNodes(ctx, instance, x) as number),
      idleNodes: regionLowerNodes(ctx, instance, 0) as number,
      cheapest: instanceLowerNodes(ctx, instance, { share }) * looseNodeUsd(ctx, instance),
    }))
    .sort((a, b) => a.cheapest - b.cheapest);
}

/**
 * How a region set splits the users (servingRegions): each region's group (numbered in order of first appearance;
 * -1 for a region that serves none), the groups' shares (each added in the users' order, as the layout's), and the
 * split as a key with the set's size.
 */
function setRouting(
  ctx: Context,
  regions: readonly string[],
): { key: string; group: Int32Array; groupShares: number[] } {
  const serving = servingRegions(
    ctx,
    regions.map((r) => ctx.userRttS(r)),
  );
  const group = new Int32Array(regions.length).fill(-1);
  const groupShares: number[] = [];
  let key = `${regions.length}`;
  ctx.scenario.users.forEach((u, i) => {
    const r = serving[i] as number;
    let g = group[r] as number;
    if (g < 0) {
      g = groupShares.length;
      group[r] = g;
      groupShares.push(0);
    }
    groupShares[g] = (groupShares[g] as number) + u.share;
    key += `,${g}`;
  });
  return { key, group, groupShares };
}

/** setNodesFloor's floor of a fixed part and the least nodes' price. */
function nodesFloorOf(fixedUsdPerMonth: number, nodesUsd: number): number {
  return (fixedUsdPerMonth + nodesUsd) * (1 - SHARE_TOLERANCE - BOUND_SLACK);
}

/** The least price of the fewest nodes of any of `instances` on `share` (instanceLowerNodes at looseNodeUsd). */
function leastNodesUsd(ctx: Context, instances: readonly Instance[], share: number[]): number {
  let usd = Number.POSITIVE_INFINITY;
  for (const instance of instances) {
    const x = instanceLowerNodes(ctx, instance, { share }) * looseNodeUsd(ctx, instance);
    if (x < usd) usd = x;
  }
  return usd;
}

/** The most users sizeNodesFloor splits every way (Bell(5) = 52 partitions); with more, it answers 0 (no floor). */
export const SIZE_FLOOR_MAX_USERS = 5;

/**
 * A floor under setNodesFloor on EVERY region set of `k` regions (for one fixed part), without routing any set: the
 * least over every way to split the users into at most k groups (each group one region's users, the other regions
 * none) of the fewest nodes' price. A set's routing splits the users into such groups (each user has exactly one
 * serving region: servingRegions), and setNodesFloor prices that split: the same groups' shares, each added in the
 * users' order as here, so the same numbers bit for bit, in another order among the regions, which instanceLowerNodes
 * sums (whole nodes exactly; an autoscaled mean of at most MAX_SEARCH_REGIONS terms within a few ulps, far under
 * REORDER_SLACK); floating addition and multiplication never decrease with their operands, so the floor here is at
 * most the set's. lazyPlans drops a whole size's plans on it without routing each (social-startup-growth's co-located
 * fleet: 62,634 of its 68,445 plans, each routed and priced before; issue 18). With more than SIZE_FLOOR_MAX_USERS
 * users it is 0 (the splits grow as the Bell numbers).
 * @example sizeNodesFloor(ctx, instances)(2, 1000) // <= setNodesFloor(ctx, instances)(regions, 1000) for every
 *   2-region set; 0 with 6 or more users
 */
export function sizeNodesFloor(
  ctx: Context,
  instances: readonly Instance[],
): (k: number, fixedUsdPerMonth: number) => number {
  const users = ctx.scenario.users;
  const memo = new Map<number, number>();
  return (k, fixedUsdPerMonth) => {
    if (users.length > SIZE_FLOOR_MAX_USERS) return 0;
    let usd = memo.get(k);
    if (usd === undefined) {
      usd = Number.POSITIVE_INFINITY;
      for (const groups of userSplits(users.length, Math.min(k, users.length))) {
        const share: number[] = Array.from({ length: k }, () => 0);
        users.forEach((u, i) => {
          const g = groups[i] as number;
          share[g] = (share[g] as number) + u.share;
        });
        usd = Math.min(usd, leastNodesUsd(ctx, instances, share));
      }
      usd *= 1 - REORDER_SLACK;
      memo.set(k, usd);
    }
    return nodesFloorOf(fixedUsdPerMonth, usd);
  };
}

/**
 * Every way to split n items into at most `most` groups, as each item's group (groups numbered in order of first
 * appearance: restricted growth strings, each split once).
 * @example [...userSplits(3, 2)] // [[0,0,0], [0,0,1], [0,1,0], [0,1,1]]
 */
export function* userSplits(n: number, most: number): Generator<number[]> {
  const groups: number[] = [];
  function* extend(i: number, used: number): Generator<number[]> {
    if (i === n) {
      yield [...groups];
      return;
    }
    for (let g = 0; g <= Math.min(used, most - 1); g++) {
      groups[i] = g;
      yield* extend(i + 1, Math.max(used, g + 1));
    }
  }
  yield* extend(0, 0);
}

const priceCache = new WeakMap<Context, Map<Instance, Map<string, number | null>>>();

/**
 * Monthly price of one node of `instance` in each of `regions`, its operations cost included (operations.ts; null
 * when a region has no price for it).
 */
function nodeUsdPerMonth(ctx: Context, instance: Instance, regions: readonly string[]): number[] | null {
  const out: number[] = [];
  for (const r of regions) {
    const usd = nodeUsdIn(ctx, instance, r);
    if (usd === null) return null;
    out.push(usd);
  }
  return out;
}

/** nodeUsdPerMonth of one region (null: no price there). */
function nodeUsdIn(ctx: Context, instance: Instance, region: string): number | null {
  // memoised per context, instance type and region: a search reads the same prices for thousands of region sets
  const byRegion = keptIn(
    keptIn(priceCache, ctx, () => new Map()),
    instance,
    () => new Map(),
  );
  let usd = byRegion.get(region);
  if (usd === undefined) {
    const p = usdPerHourIn(ctx, instance, region);
    usd = p === undefined ? null : p * BILLING_HOURS_PER_MONTH + ctx.scenario.operations.usdPerNodeMonth;
    byRegion.set(region, usd);
  }
  return usd;
}

/** The monthly price of `nodesByRegion` nodes at `perNode` (each region's price of one node). */
function fleetUsd(nodesByRegion: readonly number[], perNode: readonly number[]): number {
  let usd = 0;
  nodesByRegion.forEach((n, r) => {
    usd += n * (perNode[r] as number);
  });
  return usd;
}

/**
 * Whether k regions of `zones` zones could be available enough (availabilityUpperBound). From two regions up the
 * bound never falls with k (users reach some region of more; the switch and failover terms do not depend on k), so
 * once k - 1 regions could be, k can: the bound of a large k (3^k region states) is computed only when needed.
 */
function availabilityPossible(ctx: Context, k: number, zones: number): boolean {
  if (k >= 3 && availabilityPossible(ctx, k - 1, zones)) return true;
  const target = 1 - ctx.scenario.targets.unavailability;
  return availabilityUpperBound(ctx, k, zones) >= target * (1 - REORDER_SLACK);
}

interface SearchState {
  /** The best design met, and its place (see ranksBefore). */
  best: { result: ArchitectureResult; design: HorizontalDesign; place: Place } | null;
  screens: number;
  stopped: boolean;
  /** Whether designs that cannot matter are passed over (screenBound.ts); false only to test that it changes nothing. */
  bounded: boolean;
  /** Designs passed over unsettled (screenBound.ts BoundStats). */
  passedOver: number;
  /** Whether the second phase builds its plans only when it reaches them (lazyPlans); false only to test that it
   * changes nothing. */
  lazy: boolean;
  /** Plans of the second phase dropped unbuilt (lazyPlans). */
  plansDropped: number;
  /** Places given to plans so far (each plan's place in the search's list: see ranksBefore). */
  plansPlaced: number;
  /** The place of each design met (for meet's tie: see ranksBefore). */
  places: WeakMap<ArchitectureResult, Place>;
  /** Screens after which a search that has found no design meeting every target stops (SEARCH_SCREEN_BUDGET). */
  budget: number;
}

/**
 * A design's place in the search's list of designs: its plan's place (the order the search lists its plans in:
 * the first phase's as it meets them, the second phase's by bound, the set-aside plans as candidateRegionSets lists
 * them, 3 zones before 2 before 1), its instance type's in the plan's order (looselyBoundedInstances) and its spares.
 */
type Place = readonly [plan: number, instance: number, spares: number];

/** Negative when place `a` comes before `b` in the search's list (element by element), positive after, 0 the same. */
function comparePlaces(a: Place, b: Place): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * Whether a design at `place` ranks before the best kept: by rankKey (size.ts compareRank), and between two designs
 * that tie on every element of it (equal in every figure the reports show, at their resolution) by place, the first
 * listed. A total order on designs: the design kept is the least of those met in it, whatever the order the plans are
 * searched in. The plans of the first two phases are searched in the order listed, so there the first design met of
 * two tied ones is kept, as before places; the set-aside plans are searched in another order (searchSetAside) and keep
 * what the listed order keeps.
 */
function ranksBefore(result: ArchitectureResult, place: Place, best: SearchState['best']): boolean {
  if (best === null) return true;
  const c = compareRank(result, best.result);
  return c < 0 || (c === 0 && comparePlaces(place, best.place) < 0);
}

/** meet's tie between two designs of the search (their places), 0 when one is not the search's (first met kept). */
function placeTie(state: SearchState): (a: ArchitectureResult, b: ArchitectureResult) => number {
  return (a, b) => {
    const pa = state.places.get(a);
    const pb = state.places.get(b);
    return pa === undefined || pb === undefined ? 0 : comparePlaces(pa, pb);
  };
}

/** One instance type on one plan: its designs and their costs by spare count. */
interface Candidate {
  plan: Plan;
  instance: Instance;
  design: (spares: number) => HorizontalDesign;
  /** Monthly cost with `spares` spares: the plan's fixed part plus the nodes (horizontalCost, without its traffic
   * terms recomputed: they do not depend on the nodes). */
  cost: (spares: number) => number;
  /** Each region's nodes before spares (regionNodeBase). */
  base: { atLeast: number; base: number }[];
  /** An autoscaled candidate's hours before spares (autoscale.ts hourlyBase, sized on first use); null: not autoscaled. */
  hours: (() => HourlyBase) | null;
}

function candidateOf(ctx: Context, plan: Plan, instance: Instance, perNode: readonly number[]): Candidate {
  const auto = ctx.scenario.autoscaling;
  const spec = {
    regions: plan.regions,
    balancer: 'least-loaded' as const,
    ...(auto === undefined ? {} : { autoscaling: auto }),
  };
  const base = regionNodeBase(ctx, instance, spec, plan.layout);
  const design = (spares: number): HorizontalDesign => ({
    kind: 'horizontal',
    name: 'best horizontal',
    origin: 'searched',
    instance,
    nodesByRegion: nodesWithSpares(base, spares),
    spares,
    zones: plan.zones,
    ...spec,
  });
  if (auto === undefined) {
    const cost = (spares: number) => plan.fixed + fleetUsd(nodesWithSpares(base, spares), perNode);
    return { plan, instance, design, cost, base, hours: null };
  }
  // autoscaled: paid for the mean fleet over the day (autoscale.ts), which grows with the spares as the peak fleet does;
  // the hours are sized on first use (most candidates are cut before, by autoscaledFloor)
  let hb: HourlyBase | undefined;
  const hours = () => {
    hb ??= hourlyBase(ctx, { instance, ...spec }, plan.layout, auto);
    return hb;
  };
  const cost = (spares: number) =>
    plan.fixed + fleetUsd(meanNodes(hourlyNodes(ctx, hours(), nodesWithSpares(base, spares), spares)), perNode);
  return { plan, instance, design, cost, base, hours };
}

/**
 * The spares from which no rise of the load leaves an autoscaled candidate's scale-out window over the cap, in any
 * region (so more spares cannot shorten its scale-out downtime; autoscale.ts). At a rise from hour h to h + 1 region r
 * runs n_r(h) = min(N_r, max(atLeast, b_r(h) + s)) >= min(B_r, b_r(h)) + s nodes with s spares (b_r(h) the hour's
 * nodes before spares, hourlyBase; N_r = max(atLeast, B_r + s) the peak fleet, B_r its base; below
 * MAX_NODES_PER_REGION), and its window is within the cap when they carry m_{h+1} x the region's share at a
 * utilisation at most the cap: n >= need_r(m_{h+1}), the fewest such nodes (queueAtLoad's utilisation, as
 * scaleOutCheck computes it). So from
 *   s* = max over rises and loaded regions of need_r(m_{h+1}) - min(B_r, b_r(h))   (at least 0)
 * every window is within the cap. The cap taken is targets.maxUtilizationDegraded, never above a design's (the larger
 * of it and the peak utilisation), so s* is at least the design's own count.
 */
export function scaleOutClearingSpares(
  ctx: Context,
  instance: Instance,
  layout: Pick<HorizontalLayout, 'share'>,
  base: readonly { base: number }[],
  hb: HourlyBase,
): number {
  const profile = ctx.scenario.workload.dailyProfile ?? [];
  const w = ctx.scenario.workload;
  const node = ctx.node(instance);
  const cap = ctx.scenario.targets.maxUtilizationDegraded;
  let most = 0;
  profile.forEach((m, h) => {
    const to = profile[(h + 1) % profile.length] as number;
    if (!(to > m)) return;
    base.forEach((b, r) => {
      const share = layout.share[r] as number;
      if (share === 0) return;
      const rate = ctx.designRatePerS * share * to;
      let need = nodesForUtilization(w, node, rate, cap);
      // nodesForUtilization rounds within 1e-9 of a whole count: the window's own test is queueAtLoad's utilisation
      while (!(queueAtLoad(w, node, rate, need, 'pooled').utilization <= cap)) need++;
      const before = Math.min(b.base, (hb.base[h] as number[])[r] as number);
      most = Math.max(most, need - before);
    });
  });
  return most;
}

/**
 * An autoscaled candidate's floor under the mean nodes per region it pays for, at any spare count from `spares` up:
 * the peak hours run the peak fleet (nodesWithSpares), and every other hour at least the fewer of the peak fleet and
 * minNodes (and the nodes that hold the data) plus the spares, as hourlyNodes never runs fewer (autoscale.ts), and at
 * least `hourly` (autoscaledLeastNodes' hours).
 */
function autoscaledFloor(ctx: Context, c: Candidate, spares: number, hourly: readonly number[]): number[] {
  const profile = ctx.scenario.workload.dailyProfile ?? [1];
  const minNodes = ctx.scenario.autoscaling?.minNodes ?? 1;
  const peak = nodesWithSpares(c.base, spares);
  return peak.map((n, r) => {
    const b = c.base[r] as { atLeast: number; base: number };
    const quiet = Math.min(n, Math.max(b.atLeast, minNodes + spares));
    let sum = 0;
    for (const m of profile) sum += m >= 1 ? n : quiet;
    return Math.max(sum / profile.length, hourly[r] as number);
  });
}

/**
 * The fewest spares whose design has at least `least` nodes in every region (nodesWithSpares grows with the spares):
 * a region below its least misses the availability target (availableNodesLowerBound).
 */
function sparesToReach(base: readonly { atLeast: number; base: number }[], least: readonly number[]): number {
  let spares = 0;
  for (const [r, b] of base.entries()) {
    const want = least[r] as number;
    if (want > b.atLeast) spares = Math.max(spares, want - b.base);
  }
  return spares;
}

/**
 * The spares the search tries up to: the fewest that survive the loss of a zone (found by bisection: the survivors'
 * capacity grows with every spare, so survival is monotone in the spares), or, when even many more do not, that
 * many; with one zone (nothing survives a zone loss) the larger of SMALL_SPARES and half the nodes.
 */
function sparesLimit(ctx: Context, c: Candidate): number {
  const n0 = Math.max(...c.design(0).nodesByRegion);
  const zones = c.plan.zones;
  if (zones === 1) return Math.max(SMALL_SPARES, Math.ceil(n0 / 2));
  const survives = (s: number) => survivesZoneLossQuick(ctx, c.design(s), c.plan.layout);
  const most = Math.ceil(n0 / (zones - 1)) + 3;
  return Math.min(most, firstTrue(0, most, survives));
}

/**
 * The least integer in [lo, hi] where `holds` (false below it, true from it on: a monotone predicate), by bisection;
 * hi + 1 when it holds nowhere in the range.
 */
export function firstTrue(lo: number, hi: number, holds: (x: number) => boolean): number {
  if (lo > hi || !holds(hi)) return hi + 1;
  let a = lo - 1; // does not hold (or below the range)
  let b = hi; // holds
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (holds(mid)) b = mid;
    else a = mid;
  }
  return b;
}

/**
 * The unavailability the availability prunes (outageFloor, availableNodesLowerBound) hold a design to. Without
 * autoscaling, the target. Autoscaled, a design's unavailability from failures is its hours' weighted by their requests
 * (autoscale.ts requestWeighted), and only the peak hours (multiplier 1, share w of the day's requests) are sure to run
 * the peak fleet the floors are of: U_day >= w U_peak, so a design whose peak floor exceeds target / w misses the
 * target (the quieter hours may be more available than the peak, so the target itself would prune designs that meet
 * it). A day that never reaches the peak: no availability prune (1).
 */
const pruneUnavailabilities = new WeakMap<Context, number>();
function pruneUnavailability(ctx: Context): number {
  let u = pruneUnavailabilities.get(ctx);
  if (u === undefined) {
    const t = ctx.scenario.targets.unavailability;
    const profile = ctx.scenario.workload.dailyProfile;
    if (ctx.scenario.autoscaling === undefined || profile === undefined) u = t;
    else {
      const total = profile.reduce((x, m) => x + m, 0);
      const peak = profile.reduce((x, m) => x + (m >= 1 ? m : 0), 0);
      u = peak > 0 && total > 0 ? Math.min(1, t / (peak / total)) : 1;
    }
    pruneUnavailabilities.set(ctx, u);
  }
  return u;
}

/** The context availableNodesLowerBound reads, its availability target the prunes' (pruneUnavailability). */
const pruneContexts = new WeakMap<Context, Context>();
function pruneContext(ctx: Context): Context {
  const u = pruneUnavailability(ctx);
  if (u === ctx.scenario.targets.unavailability) return ctx;
  let p = pruneContexts.get(ctx);
  if (p === undefined) {
    p = { ...ctx, scenario: { ...ctx.scenario, targets: { ...ctx.scenario.targets, unavailability: u } } };
    pruneContexts.set(ctx, p);
  }
  return p;
}

/** Whether outages alone make the design with `spares` spares miss the availability target (outageFloor). */
function floorMisses(ctx: Context, c: Candidate, spares: number): boolean {
  const target = pruneUnavailability(ctx) * (1 + 1e-9);
  return outageFloor(ctx, c.design(spares), c.plan.layout) > target;
}

/**
 * The fewest spares from `from` up to `last` that outages alone do not rule out (`last + 1` when all are): one count at
 * a time while some region carrying load has an empty zone (the floor may rise with the nodes there), then by
 * bisection on outageFloor with the nodes needed fixed at that count's all-up utilisation (a floor at every larger
 * count, never rising with the spares; see outageFloor). Every count skipped misses the availability target.
 */
function firstPossibleSpares(ctx: Context, c: Candidate, from: number, last: number): number {
  const target = pruneUnavailability(ctx) * (1 + 1e-9);
  const layout = c.plan.layout;
  const filled = (spares: number) => {
    const nodes = c.design(spares).nodesByRegion;
    return layout.share.every((share, r) => share === 0 || (nodes[r] as number) >= c.plan.zones);
  };
  let s = from;
  for (; s <= last && !filled(s); s++) if (!floorMisses(ctx, c, s)) return s;
  if (s > last) return s;
  const u = allUpUtilization(ctx, c.design(s), layout);
  if (!(u < 1)) {
    while (s <= last && floorMisses(ctx, c, s)) s++;
    return s;
  }
  return firstTrue(s, last, (x) => outageFloor(ctx, c.design(x), layout, u) <= target);
}

/** True when the best design so far meets every target and costs less than `lowerBound` (to the cent). */
function cannotBeatFeasible(ctx: Context, state: SearchState, lowerBound: number): boolean {
  const best = state.best?.result;
  return best?.feasible === true && cannotBeat(ctx, best, lowerBound);
}

/** Every instance type and spare count of one plan, cheapest bounds first, until no cheaper design can follow. */
function searchPlan(
  ctx: Context,
  plan: Plan,
  instances: readonly Instance[],
  state: SearchState,
  planPlace = state.plansPlaced++,
): void {
  if (cannotBeat(ctx, state.best?.result ?? null, plan.lower)) return;
  const floors = planFloors(ctx, plan);
  const best = () => (state.bounded ? (state.best?.result ?? null) : null);
  const instanceCannotMatter = (usd: number) =>
    cannotMatter(ctx, best(), floorStanding(ctx, { ...floors, usdPerMonth: lowerCost(usd) }));
  const tie = placeTie(state);
  for (const [k, { instance, nodesUsd }] of looselyBoundedInstances(ctx, plan, instances).entries()) {
    if (state.stopped || cannotBeat(ctx, state.best?.result ?? null, plan.fixed + nodesUsd)) return;
    // neither can the later types: their bounds are higher (the designs' floors but for the cost are the plan's)
    if (instanceCannotMatter(plan.fixed + nodesUsd)) return;
    const perNode = nodeUsdPerMonth(ctx, instance, plan.regions);
    if (perNode === null) continue; // not offered in some region of the plan
    // the nodes each region needs to meet the availability target: with fewer, outages alone miss it
    const least = availableNodesLowerBound(pruneContext(ctx), instance, plan.layout, plan.zones);
    if (!least.every(Number.isFinite)) continue;
    // (autoscaled: the floor of the mean fleet it pays for, the peak hours at least `least`)
    const floor = autoscaledLeastNodes(ctx, instance, plan.layout, least);
    if (cannotBeatFeasible(ctx, state, plan.fixed + fleetUsd(floor, perNode))) continue;
    if (instanceCannotMatter(plan.fixed + fleetUsd(floor, perNode))) continue;
    const c = candidateOf(ctx, plan, instance, perNode);
    const fewest = sparesToReach(c.base, least);
    // autoscaled: no design of this candidate that meets the availability target pays for less than this floor
    if (
      ctx.scenario.autoscaling !== undefined &&
      cannotBeatFeasible(ctx, state, plan.fixed + fleetUsd(autoscaledFloor(ctx, c, fewest, floor), perNode))
    )
      continue;
    // at least two spares are tried even with one zone's small fleets
    let limit = Math.max(2, sparesLimit(ctx, c));
    // autoscaled: past the zone-survival count up to the spares that clear every scale-out window (no more is useful)
    const most =
      c.hours === null ? limit : Math.max(limit, scaleOutClearingSpares(ctx, instance, plan.layout, c.base, c.hours()));
    let previous = '';
    // the last design passed over on its p99 alone, not yet known not to have ended the scan (see below)
    let passed: HorizontalDesign | null = null;
    for (let spares = firstPossibleSpares(ctx, c, fewest, limit); spares <= limit; spares++) {
      const design = c.design(spares);
      const key = design.nodesByRegion.join(',');
      if (key === previous) continue; // the same nodes as one spare fewer (the working set or the copies decide)
      previous = key;
      if (cannotBeat(ctx, state.best?.result ?? null, c.cost(spares))) break;
      // outages alone make this count miss the availability target (tested at each count: the floor is not monotone)
      if (floorMisses(ctx, c, spares)) continue;
      // figures at the plan's floors and this count's cost (screenBound.ts): a design that cannot matter even with
      // its p99 at the floor ends the scan (more spares cost more, and the other floors are the plan's)
      const usd = lowerCost(c.cost(spares));
      const atFloors = floorStandingAt(ctx, usd, floors.unavailability);
      if (cannotMatter(ctx, best(), atFloors(floors.p99S))) break;
      // one whose p99 is above the point from which it cannot matter is passed over unevaluated (two evaluations of
      // the survival of its queues); an autoscaled count that may extend the scan is evaluated
      const extends_ = spares === limit && limit < most;
      const beyond = extends_ ? null : p99Beyond(ctx, best(), atFloors, floors.p99S);
      // the scan ends after a count at the most nodes a region may have
      const atMostNodes = design.nodesByRegion.some((n) => n >= MAX_NODES_PER_REGION);
      if (beyond !== null && screenP99Above(ctx, design, plan.layout, beyond)) {
        // counted as a screen (it misses a target)
        state.passedOver++;
        if (counted(state, false) || atMostNodes) break;
        passed = design;
        continue;
      }
      // the scan would have ended at a design passed over (its downtime that spares cannot remove missing the target,
      // which stays so at every larger count: checking the last one passed over is enough)
      if (passed !== null && structuralStop(ctx, passed, plan)) break;
      passed = null;
      const deferred = screenHorizontalDeferred(ctx, design, plan.layout);
      // settled only when its p99 can change the answer or the frontier (screenBound.ts): known from its figures but
      // the p99, with the p99 at its floor, or from the p99's side of the point from which it cannot matter
      const result = mayMatter(ctx, state, deferred, floors.p99S) ? settle(ctx, deferred) : null;
      // a place only for a design met (most designs of a long scan are passed over)
      const place: Place | null = result === null ? null : [planPlace, k, spares];
      if (result === null || place === null) state.passedOver++;
      else if (ctx.seen !== null) {
        // the first place of a result met twice (a screen's memo may return it for another design)
        const had = state.places.get(result);
        if (had === undefined || comparePlaces(place, had) < 0) state.places.set(result, place);
        meet(ctx.seen, result, tie);
      }
      const feasible = result?.feasible ?? false;
      counted(state, feasible);
      if (result !== null && place !== null && ranksBefore(result, place, state.best))
        state.best = { result, design, place };
      if (feasible || state.stopped || atMostNodes) break;
      // more spares only add nodes: once the part of the downtime they cannot remove misses the target, stop
      if (structuralStopOf(ctx, design, plan, deferred)) break;
      // autoscaled: a miss its scale-out windows cause may go with more spares (a larger fleet at quiet hours carries
      // the next rise), past the zone-survival count; the cost bound above still ends the scan
      const availability = deferred.partial.availability;
      if (extends_ && scaleOutMisses(deferred.meets.availability, availability)) limit++;
    }
  }
}

/**
 * Counts a design screened (or passed over on its p99) against SEARCH_SCREEN_BUDGET while no design meets every target,
 * and stops the search there unless this one meets them: whether it stopped.
 */
function counted(state: SearchState, feasible: boolean): boolean {
  if (!(state.best?.result.feasible ?? false)) {
    state.screens++;
    if (state.screens >= state.budget && !feasible) state.stopped = true;
  }
  return state.stopped;
}

/**
 * Whether a design's downtime that more spares cannot remove (structuralUnavailability) misses the target with every
 * region holding a node in each zone: the scan of more spares ends there (it stays so as nodes are added).
 */
function structuralStopOf(ctx: Context, design: HorizontalDesign, plan: Plan, d: DeferredResult): boolean {
  const structural = structuralUnavailability(d.partial.availability.byCause);
  return (
    design.nodesByRegion.every((n) => n >= plan.zones) && structural > ctx.scenario.targets.unavailability * (1 + 1e-9)
  );
}

/** structuralStopOf a design passed over unevaluated (evaluated now, but for its latency). */
function structuralStop(ctx: Context, design: HorizontalDesign, plan: Plan): boolean {
  if (!design.nodesByRegion.every((n) => n >= plan.zones)) return false;
  return structuralStopOf(ctx, design, plan, screenHorizontalDeferred(ctx, design, plan.layout));
}

/**
 * Whether a design evaluated but for its latency may change the best met or the frontier (screenBound.ts): not when
 * its p99 is above the point from which it cannot (one evaluation of the survival on each side of that point
 * instead of the p99's root search).
 */
function mayMatter(ctx: Context, state: SearchState, d: DeferredResult, p99FloorS: number): boolean {
  if (!state.bounded) return true;
  const beyond = p99Beyond(ctx, state.best?.result ?? null, partialStanding(ctx, d), p99FloorS);
  if (beyond === null) return true;
  return beyond > p99FloorS && d.p99Above?.(beyond) !== true;
}

/** A cost computed in another order than the screen's, as a floor under it (screenBound.ts BOUND_SLACK). */
const lowerCost = (usd: number) => usd * (1 - BOUND_SLACK);

/**
 * The floors of every design of a plan (screenBound.ts), but for the cost: its unavailability is at least the
 * plan's availability ceiling's (availabilityUpperBound; its complement computed near 1, so less 1e-15 besides the
 * slack) and its p99 at least its layout's network floor (p99FloorS).
 */
function planFloors(ctx: Context, plan: Plan): Omit<Floors, 'usdPerMonth'> {
  const ceiling = availabilityUpperBound(ctx, plan.regions.length, plan.zones);
  return {
    unavailability: Math.max(0, (1 - ceiling) * (1 - BOUND_SLACK) - 1e-15),
    p99S: p99FloorS(plan.layout),
  };
}

/** Whether a design misses the availability target with downtime from its scale-out windows (autoscale.ts). */
function scaleOutMisses(meets: boolean, availability: ArchitectureResult['availability']): boolean {
  return !meets && availability.byCause.some((c) => c.cause === 'scale-out');
}

/**
 * The designs of a sample, for the frontier and for a closest miss the bounds leave nothing to screen for: on each of
 * the region sets `sets`, each zone count, the `perPlan` instance types with the lowest bound, with no spares and the
 * zone-survival count (2 with one zone); a count with the same nodes as the one before is passed over. `visit`
 * returns false to stop the sample.
 */
function sampleDesigns(
  ctx: Context,
  instances: readonly Instance[],
  sets: readonly string[][],
  perPlan: number,
  visit: (design: HorizontalDesign, layout: HorizontalLayout) => boolean,
): void {
  for (const regions of sets) {
    for (const zones of SEARCH_ZONES) {
      const plan = planOf(ctx, regions, zones, 0);
      for (const { instance, perNode } of boundedInstances(ctx, plan, instances).slice(0, perPlan)) {
        const c = candidateOf(ctx, plan, instance, perNode);
        const seen = new Set<string>();
        for (const spares of new Set([0, zones > 1 ? sparesLimit(ctx, c) : 2])) {
          const design = c.design(spares);
          const key = design.nodesByRegion.join(',');
          if (seen.has(key)) continue;
          seen.add(key);
          if (!visit(design, plan.layout)) return;
        }
      }
    }
  }
}

/** Instance types per region set and zone count that sampleDearer screens (the cheapest by their bound). */
const FRONTIER_SAMPLE_INSTANCES = 1;

/** Most designs sampleDearer screens in all (the sets nearest the users first): a judgement that keeps the frontier's
 * dearer points to a fraction of a second (it is about half of photo-sharing-viral's search time). */
const FRONTIER_SAMPLE_SCREENS = 120;

/**
 * Designs dearer than the answer, for the frontier only (the bounds stop the search at the cheapest design that meets
 * every target, so without these the frontier would end there): sampleDesigns' with FRONTIER_SAMPLE_INSTANCES instance
 * types per plan, at most FRONTIER_SAMPLE_SCREENS in all. They are screened and added to the designs met; the answer
 * does not change. `bounded` (the search's): a design the frontier kept beats is left out before its latency.
 */
function sampleDearer(ctx: Context, instances: readonly Instance[], sets: readonly string[][], bounded: boolean): void {
  let budget = FRONTIER_SAMPLE_SCREENS;
  sampleDesigns(ctx, instances, sets, FRONTIER_SAMPLE_INSTANCES, (design, layout) => {
    if (budget-- <= 0 || ctx.seen === null) return false;
    // screenHorizontal's result, settled only when meet() may keep it: one the frontier kept beats is left out
    // unsettled (screenBound.ts frontierBeatsDeferred: its latency, a p99 root search, not computed)
    const deferred = screenHorizontalDeferred(ctx, design, layout);
    if (!(bounded && frontierBeatsDeferred(ctx, deferred))) meet(ctx.seen, settle(ctx, deferred));
    return true;
  });
}

/**
 * When the bounds leave nothing to screen (outages alone make every design miss the availability target), the
 * closest miss is taken from sampleDesigns' designs with the instance type of the lowest bound, ranked by shortfall.
 */
function screenUnbounded(
  ctx: Context,
  instances: readonly Instance[],
  sets: readonly string[][],
  state: SearchState,
): void {
  sampleDesigns(ctx, instances, sets, 1, (design, layout) => {
    const result = screenHorizontal(ctx, design, layout);
    if (ctx.seen !== null) meet(ctx.seen, result);
    // (only when nothing was met: its place, after every plan's, never decides a tie)
    if (better(result, state.best?.result ?? null)) state.best = { result, design, place: [state.plansPlaced, 0, 0] };
    return true;
  });
}

/**
 * The set-aside plans (distance or the availability bound rules out every design on them), searched for the closest
 * miss when nothing else meets every target. Each plan keeps its place in the listed order (ranksBefore's tie), and
 * they are searched best first (bestFirst; `order`: a test's permutation of the places instead): a closer miss found
 * early lets the bounds pass over more of the rest (online-game-3-continents at 15 user regions: the closest is on the
 * 61st of 66 plans listed, the first searched best first).
 *
 * Why the order changes nothing: with a best that misses some target other than the budget (or none yet), cannotBeat
 * never ends a scan, and the bounds pass over only designs that rank strictly after the best met (to the shortfall's
 * resolution) and that a design on the frontier kept beats strictly (screenBound.ts cannotMatter); the best only
 * improves, and a member of the frontier is replaced only by one that beats it. So a design passed over in one order
 * is, in every order, neither the least in ranksBefore's total order nor on the final frontier, and every design of a
 * class equal on the frontier's objectives that is kept is met in every order (meet's tie then keeps the same one):
 * the least design met and the frontier are the same in every order that finishes. (A best that misses the budget
 * alone lets cannotBeat pass over dearer designs whatever the frontier: then the plans are searched as listed.)
 * What does depend on the order is where SEARCH_SCREEN_BUDGET stops the
 * search; so a search that reaches it in this order is searched again in the listed order from the same start (the
 * best, screens and frontier as they were), as it was before this order: its answer (and its note) is the listed
 * order's. The answer moves only where the listed order stops at the budget and this one does not: there it is the
 * closest of all the set-aside designs instead of the closest of the first SEARCH_SCREEN_BUDGET screened.
 */
function searchSetAside(
  ctx: Context,
  plans: readonly Plan[],
  instances: readonly Instance[],
  state: SearchState,
  order?: (count: number) => readonly number[],
): void {
  const first = state.plansPlaced;
  state.plansPlaced += plans.length;
  const listed = () => {
    for (const [i, plan] of plans.entries()) searchPlan(ctx, plan, instances, state, first + i);
  };
  // a best that misses the budget alone: as listed (see above)
  if (missesBudgetAlone(state.best?.result ?? null)) {
    listed();
    return;
  }
  const { best, screens, passedOver } = state;
  const seen = ctx.seen === null ? null : [...ctx.seen];
  for (const i of order?.(plans.length) ?? bestFirst(ctx, plans)) {
    if (state.stopped) break;
    searchPlan(ctx, plans[i] as Plan, instances, state, first + i);
  }
  if (!state.stopped) return;
  // stopped at the budget: the listed order's search from the same start
  Object.assign(state, { best, screens, passedOver, stopped: false });
  if (ctx.seen !== null && seen !== null) ctx.seen.splice(0, ctx.seen.length, ...seen);
  listed();
}

/**
 * The places of `plans`, best first: by the shortfall their floors (planFloors, and the plan's cost bound) rank at
 * (to SHORTFALL_RESOLUTION: the smaller the closer its designs may come), then as listed.
 */
function bestFirst(ctx: Context, plans: readonly Plan[]): number[] {
  const floor = plans.map((plan) => {
    const s = floorStanding(ctx, { ...planFloors(ctx, plan), usdPerMonth: lowerCost(plan.lower) }).shortfall;
    return Math.round(s * SHORTFALL_RESOLUTION);
  });
  return plans.map((_, i) => i).sort((a, b) => (floor[a] as number) - (floor[b] as number) || a - b);
}

/** A plan of the search's second phase before it is built: its set, its size's bound, its place in the order. */
interface PendingPlan {
  regions: string[];
  bound: { zones: number; fixedUsdPerMonth: number; nodesUsdPerMonth: number; total: number };
  /** A floor under the plan's lower (its size's total, less BOUND_SLACK: sizeLowerBound's fixed part is at most the
   * plan's, up to the order of the additions). */
  key: number;
  /** Its place among the second phase's plans (the order they were listed in, which breaks ties of lower). */
  idx: number;
  build: (bound: PendingPlan['bound']) => Plan;
}

/**
 * The plans of one region set, built on demand: a zone count whose layout (sameLayoutForZones) or fixed cost
 * (sameCostForZones) is another's, already built, reuses it (both are the same computation then).
 */
function setPlans(ctx: Context, regions: string[]): PendingPlan['build'] {
  const built: Plan[] = [];
  return (b) => {
    const like = built.find((p) => sameLayoutForZones(ctx, p.zones, b.zones));
    const fixed = like !== undefined && sameCostForZones(ctx, like.zones, b.zones) ? like.fixed : undefined;
    const plan = planOf(ctx, regions, b.zones, b.nodesUsdPerMonth, like?.layout, fixed);
    built.push(plan);
    return plan;
  };
}

/**
 * The second phase's plans searched in order of their lower bound (ties in the order listed), as building every plan,
 * keeping those whose lower can beat the best met so far (`kept`, the best when listing ends) and sorting them would,
 * but building a plan only when the search reaches its place. A min-heap holds the built plans by (lower, idx); the
 * pending ones, sorted by (key, idx) with key <= lower, are built when their key comes first. So the built plans are
 * searched in exactly the order of (lower, idx), and the loop ends where the sorted list's would (the first plan that
 * cannot beat the best, or the search stopped; a pending key that cannot beat the best: every plan left has a lower at
 * least that). A pending plan whose setNodesFloor cannot beat a best that meets every target is dropped unbuilt: its
 * searchPlan would return at once (setNodesFloor's argument), and so would it at its own place later (the best then
 * ranks no lower), or the loop would have ended at it or before. Its size's floor (sizeNodesFloor, under the set's) is
 * tested first: when it cannot beat the best, neither can the set's, and the set is not routed.
 * social-startup-growth's co-located fleet: 68,439 plans built and searched before, each ended by its first bound.
 */
function lazyPlans(ctx: Context, instances: readonly Instance[], pending: PendingPlan[], state: SearchState): void {
  const incumbent = () => state.best?.result ?? null;
  // the best when the plans were listed: a plan that cannot beat it was never kept
  const kept = incumbent();
  if (!state.lazy) {
    // the reference: every plan built, those that can beat `kept` sorted by lower (stably) and searched in turn
    const plans = pending.map((p) => p.build(p.bound)).filter((plan) => !cannotBeat(ctx, kept, plan.lower));
    plans.sort((a, b) => a.lower - b.lower);
    for (const plan of plans) {
      if (state.stopped || cannotBeat(ctx, incumbent(), plan.lower)) break;
      searchPlan(ctx, plan, instances, state);
    }
    return;
  }
  const setFloor = setNodesFloor(ctx, instances);
  const sizeFloor = sizeNodesFloor(ctx, instances);
  const pricedFloor = pricedSetFloor(ctx, instances);
  pending.sort((a, b) => a.key - b.key || a.idx - b.idx);
  const ready = new MinHeap<{ plan: Plan; idx: number }>(
    (a, b) => a.plan.lower < b.plan.lower || (a.plan.lower === b.plan.lower && a.idx < b.idx),
  );
  let i = 0;
  while (!state.stopped) {
    const next = pending[i];
    const top = ready.peek();
    if (
      top !== undefined &&
      (next === undefined || top.plan.lower < next.key || (top.plan.lower === next.key && top.idx < next.idx))
    ) {
      ready.pop();
      if (cannotBeat(ctx, incumbent(), top.plan.lower)) return;
      searchPlan(ctx, top.plan, instances, state);
      continue;
    }
    if (next === undefined) return;
    i++;
    const best = incumbent();
    if (cannotBeat(ctx, best, next.key)) return;
    // the size's floor first (under every set's of the size: sizeNodesFloor), then the set's own
    if (
      best?.feasible === true &&
      (cannotBeat(ctx, best, sizeFloor(next.regions.length, next.bound.fixedUsdPerMonth)) ||
        cannotBeat(ctx, best, setFloor(next.regions, next.bound.fixedUsdPerMonth)) ||
        cannotBeat(ctx, best, pricedFloor(next.regions, next.bound.fixedUsdPerMonth)))
    ) {
      state.plansDropped++;
      continue;
    }
    const plan = next.build(next.bound);
    if (!cannotBeat(ctx, kept, plan.lower)) ready.push({ plan, idx: next.idx });
  }
}

/**
 * The cheapest horizontal design that meets every target, or the closest one met (see the module note).
 * `screenBounds` false: every design screened is settled (a test's reference); `lazyPlans` false: every plan of the
 * second phase built and sorted (a test's reference); `stats`: what the bounds passed over; `setAsideOrder`: the order
 * the set-aside plans are searched in, a permutation of their places (a test's: the answer does not depend on it);
 * `screenBudget`: SEARCH_SCREEN_BUDGET's stand-in (a test's, to reach it on a small catalog).
 */
export function searchHorizontal(
  ctx: Context,
  options: {
    screenBounds?: boolean;
    lazyPlans?: boolean;
    stats?: BoundStats;
    setAsideOrder?: (count: number) => readonly number[];
    screenBudget?: number;
  } = {},
): ArchitectureResult {
  const instances = searchableInstances(ctx);
  const state: SearchState = {
    best: null,
    screens: 0,
    stopped: false,
    bounded: options.screenBounds ?? true,
    passedOver: 0,
    lazy: options.lazyPlans ?? true,
    plansDropped: 0,
    plansPlaced: 0,
    places: new WeakMap(),
    budget: options.screenBudget ?? SEARCH_SCREEN_BUDGET,
  };
  // first the sets most likely to hold the answer (near the users; a second or third site): a good design early lets
  // the bounds prune the rest
  const ids = [...new Set(ctx.catalog.regions.map((r) => r.id))];
  const far = distanceTable(ctx, ids);
  const done = new Set<string>();
  const deferred: Plan[] = [];
  for (const regions of candidateRegionSets(ctx, MAX_SEARCH_REGIONS)) {
    const key = [...regions].sort().join(',');
    if (done.has(key)) continue;
    done.add(key);
    const distant = far.rulesOut(regions);
    let last: Plan | null = null;
    for (const zones of SEARCH_ZONES) {
      const reuse = last !== null && sameLayoutForZones(ctx, last.zones, zones) ? last.layout : undefined;
      const plan = planOf(ctx, regions, zones, 0, reuse);
      last = plan;
      // a set that cannot meet the targets waits: it matters only if nothing does (the closest miss)
      if (distant || !availabilityPossible(ctx, regions.length, zones)) deferred.push(plan);
      else searchPlan(ctx, plan, instances, state);
    }
  }
  const heuristic = [...done].map((key) => key.split(','));
  // the sets searched above as their members' places in `ids`, ascending (regionSubsets lists members in that order):
  // a set of the loop below was searched when its places are one of these (its sorted names one of `done`); a set
  // of a size none of them has is not keyed (online-game at 15 user regions: 22,818 sets, each sorted and joined)
  const place = new Map(ids.map((id, i) => [id, i]));
  const placeOf = (r: string) => place.get(r) ?? -1;
  const placesOf = (regions: readonly string[]) => regions.map(placeOf).join('.');
  const searched = new Set(heuristic.map((regions) => placesOf([...regions].sort((a, b) => placeOf(a) - placeOf(b)))));
  const searchedSizes = new Set(heuristic.map((regions) => regions.length));
  // then every other set of regions, smallest first, in the order of its bound; a size is skipped when its bound
  // cannot beat the best (and with it every larger size), a set when distance or the availability bound rule out every
  // design on it. Each plan is built (its layout and fixed cost) only when the search reaches it (lazyPlans)
  const incumbent = () => state.best?.result ?? null;
  const pending: PendingPlan[] = [];
  for (let k = 1; k <= Math.min(MAX_SEARCH_REGIONS, ids.length); k++) {
    const bounds = SEARCH_ZONES.map((zones) => ({ zones, ...sizeLowerBound(ctx, instances, k, zones) }));
    if (bounds.every((b) => cannotBeat(ctx, incumbent(), b.total))) break;
    const open = bounds.filter((b) => !cannotBeat(ctx, incumbent(), b.total) && availabilityPossible(ctx, k, b.zones));
    if (open.length === 0) continue;
    for (const regions of regionSubsets(ids, k, k)) {
      if (searchedSizes.has(k) && searched.has(placesOf(regions))) continue;
      if (far.rulesOut(regions)) continue;
      const build = setPlans(ctx, regions);
      for (const b of open)
        pending.push({ regions, bound: b, key: b.total * (1 - BOUND_SLACK), idx: pending.length, build });
    }
  }
  lazyPlans(ctx, instances, pending, state);
  // nothing meets every target: the sets set aside compete for the closest miss
  if (!(state.best?.result.feasible ?? false)) searchSetAside(ctx, deferred, instances, state, options.setAsideOrder);
  // outages alone rule out every design (a target beyond what any region set can reach): the closest among a sample
  if (state.best === null) screenUnbounded(ctx, instances, heuristic, state);
  if (state.best === null) throw new RangeError('the catalog has no instances to search');
  if (options.stats !== undefined) {
    options.stats.passedOver += state.passedOver;
    options.stats.plansDropped = (options.stats.plansDropped ?? 0) + state.plansDropped;
  }
  sampleDearer(ctx, instances, heuristic, state.bounded);
  // the choice with every figure, on its exact layout
  const full = evaluateHorizontal(ctx, state.best.design);
  const notes = [
    ...(screensCompact(ctx)
      ? [
          `the search screened designs on network times rounded up to ${formatPercent(COMPACT_NETWORK_RESOLUTION, 1)} of the p99 target (more than ${COMPACT_ABOVE_USERS} user places): a design whose exact p99 is within that much under the target may have been passed over; the figures shown are exact`,
        ]
      : []),
    ...(state.stopped
      ? [
          `the search stopped after ${state.screens} designs without finding one that meets every target: this is the closest of those, not proven the closest of all`,
        ]
      : []),
  ];
  return notes.length === 0 ? full : { ...full, notes: [...full.notes, ...notes] };
}
