/**
 * The bounds of the horizontal search (searchHorizontal.ts, whose note says why each is safe): an upper bound of the
 * availability of any design of k regions and z zones, lower bounds of the monthly cost of a set size, of an instance
 * type on a layout, and of the nodes each region needs to meet the availability target.
 */

import type { Instance } from '../catalog/index.js';
import { zoneSizes } from '../core/reliability/placement.js';
import { fleetAvailability } from './availability.js';
import { effectiveServiceTimeS, MAX_NODES_PER_REGION, nodesForUtilization } from './capacity.js';
import { BILLING_HOURS_PER_MONTH, type Context } from './context.js';
import { egressLowerBoundUsdPerMonth, monthlyCost } from './cost.js';
import { globalSwitchFor } from './globalSwitch.js';
import type { HorizontalLayout } from './layout.js';
import { leastRegionNodes } from './nodeMemory.js';
import { cheapestUsdPerHour } from './nodePrice.js';
import { operationsUsdPerMonth } from './operations.js';
import { fatalZoneProbability, movedOnLoss, othersFullyUp, outageRates } from './outageFloor.js';

const upperBoundCache = new WeakMap<Context, Map<string, number>>();

/**
 * An upper bound of the availability of any horizontal design of `k` regions and `zones` zones per region (see the
 * module's note): users need only reach a region (the region, its balancer and one of its zones up), through the same
 * balancers and global switch, with nodes that never fail, a node in every zone holding a copy of everything (so a
 * reachable region always has the data) and one node's worth of load. A real design can only lose more states: its
 * nodes fail, it may leave zones empty, its partitions need live copies (and strong writes a quorum), its load needs
 * capacity.
 */
export function availabilityUpperBound(ctx: Context, k: number, zones: number): number {
  let cache = upperBoundCache.get(ctx);
  if (cache === undefined) {
    cache = new Map();
    upperBoundCache.set(ctx, cache);
  }
  const key = `${k}|${zones}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const { scenario, catalog } = ctx;
  const rel = scenario.reliability;
  const ids = Array.from({ length: k }, (_, i) => `r${i}`);
  const fig = fleetAvailability(
    { ...rel, node: { ...rel.node, mttrS: 0 } },
    ids.map((id) => ({ id, nodes: zones, zones })),
    [{ share: 1, order: ids.map((_, i) => i) }],
    () => 1,
    zones > 1 ? catalog.reliability.loadBalancer.multiAz : catalog.reliability.loadBalancer.singleAz,
    { replication: zones, writeQuorum: 1 },
    globalSwitchFor(ctx, ids),
  );
  const a = fig.availability.availability;
  cache.set(key, a);
  return a;
}

/**
 * A lower bound of the monthly cost of any design of `instance` on this layout, whatever its spares: the fixed part
 * plus, in each region, the most of the copies of a partition, the nodes that hold the working set and the nodes that
 * keep the utilisation target (nodesPerRegion never asks fewer).
 */
export function instanceLowerBound(ctx: Context, instance: Instance, layout: HorizontalLayout, fixed: number): number {
  return fixed + instanceLowerNodes(ctx, instance, layout) * instanceFactors(ctx, instance).usdPerMonth;
}

/** The fewest nodes in all of any design of `instance` on this layout (the node count of instanceLowerBound, which
 * prices them at the instance's cheapest regional price; a caller that knows the regions may price them there). */
export function instanceLowerNodes(ctx: Context, instance: Instance, layout: Pick<HorizontalLayout, 'share'>): number {
  const f = instanceFactors(ctx, instance);
  const auto = autoscaledHours(ctx);
  let nodes = 0;
  if (auto === null) {
    for (const share of layout.share) nodes += Math.min(MAX_NODES_PER_REGION, leastNodesAt(f, share));
    return nodes;
  }
  // autoscaled (autoscale.ts): paid for the mean over the hours of nodes that are each at least the least of the
  // hour's load (at the utilisation target) and minNodes; the peak hour's fleet is at least that too
  for (const share of layout.share) {
    let sum = 0;
    for (const { m, hours } of auto.levels) {
      sum += hours * Math.min(MAX_NODES_PER_REGION, Math.max(auto.minNodes, leastNodesAt(f, share * m)));
    }
    nodes += sum / auto.hours;
  }
  return nodes;
}

/**
 * The fewest nodes a region carrying `share` of the design rate has with `instance` in any design the search screens
 * (one term of instanceLowerNodes' sum; availableNodesLowerBound never gives fewer), or null when the search autoscales
 * (a design then pays for its mean nodes over the hours, not a region's count).
 */
export function regionLowerNodes(ctx: Context, instance: Instance, share: number): number | null {
  if (autoscaledHours(ctx) !== null) return null;
  return Math.min(MAX_NODES_PER_REGION, leastNodesAt(instanceFactors(ctx, instance), share));
}

/** The price of one node of `instance` at its cheapest in any catalog region, with operations, USD per month. */
export function leastNodeUsdPerMonth(ctx: Context, instance: Instance): number {
  return instanceFactors(ctx, instance).usdPerMonth;
}

/**
 * The floor under an autoscaled design's mean nodes per region (what it pays for), given `least`, the fewest nodes
 * each region's peak fleet needs to meet the availability target (availableNodesLowerBound): the peak hours
 * (multiplier 1) run the peak fleet, at least `least`; every hour runs at least the hour's least (as
 * instanceLowerNodes). Without autoscaling, `least` itself.
 */
export function autoscaledLeastNodes(
  ctx: Context,
  instance: Instance,
  layout: HorizontalLayout,
  least: readonly number[],
): number[] {
  const auto = autoscaledHours(ctx);
  if (auto === null) return [...least];
  const f = instanceFactors(ctx, instance);
  return layout.share.map((share, r) => {
    let sum = 0;
    for (const { m, hours } of auto.levels) {
      const hour = Math.min(MAX_NODES_PER_REGION, Math.max(auto.minNodes, leastNodesAt(f, share * m)));
      sum += hours * (m >= 1 ? Math.max(hour, least[r] as number) : hour);
    }
    return sum / auto.hours;
  });
}

const levelsCache = new WeakMap<Context, AutoscaledHours | null>();

interface AutoscaledHours {
  /** The profile's distinct multipliers, each with its number of hours (node counts are whole: the sums are exact). */
  levels: { m: number; hours: number }[];
  /** Hours in the profile. */
  hours: number;
  minNodes: number;
}

/** The daily profile and minNodes the search's designs follow (the scenario's autoscaling), or null: the peak. */
function autoscaledHours(ctx: Context): AutoscaledHours | null {
  const hit = levelsCache.get(ctx);
  if (hit !== undefined) return hit;
  const auto = ctx.scenario.autoscaling;
  const profile = ctx.scenario.workload.dailyProfile;
  let out: AutoscaledHours | null = null;
  if (auto !== undefined && profile !== undefined) {
    const counts = new Map<number, number>();
    for (const m of profile) counts.set(m, (counts.get(m) ?? 0) + 1);
    out = { levels: [...counts].map(([m, hours]) => ({ m, hours })), hours: profile.length, minNodes: auto.minNodes };
  }
  levelsCache.set(ctx, out);
  return out;
}

/**
 * The fewest nodes a region carrying `share` of the design rate has with an instance type of factors `f`: its least
 * (copies of a partition, the working set) and the nodes that keep the utilisation target (nodesForUtilization's
 * ceiling, 1e-6 lower: the product here is rounded in another order than there).
 */
function leastNodesAt(f: { atLeast: number; workPerShare: number }, share: number): number {
  const util = share === 0 ? 1 : Math.max(1, Math.ceil(f.workPerShare * share - 1e-6));
  return Math.max(f.atLeast, util);
}

/**
 * The fewest nodes each region of a design of `instance` on this layout can have if the design is to meet the
 * availability target (Infinity in every region when none can): outageFloor's events taken one at a time, each a
 * floor under the unavailability, with the fewest nodes a region needs after a loss bounded below (nodesForUtilization
 * at the larger of the degraded cap and the utilisation target: the cap of a design that meets the utilisation
 * target is at most that, and a higher cap needs fewer nodes).
 * - A zone: a region carrying load, with nodes in k >= 2 zones, whose fatal zones (those whose loss leaves fewer
 *   nodes than it needs) have probability A_region A_balancer (1 - (1 - u_zone)^fatal - u_zone^k) above the target
 *   misses it: each count from the region's least (copies, working set, utilisation) upwards is tried until one does not.
 * - A region: when 1 - A_region A_balancer (a region unreachable, at the least) times every other region fully up
 *   exceeds the target, every region carrying load must be absorbable: the next region of its users carries its own
 *   load and theirs (with one region, nothing can: Infinity).
 * A design with fewer nodes in some region misses the availability target, so it is not the cheapest that meets every
 * target (this bound prunes only against an incumbent that meets them all).
 */
export function availableNodesLowerBound(
  ctx: Context,
  instance: Instance,
  layout: HorizontalLayout,
  zones: number,
): number[] {
  const t = ctx.scenario.targets;
  const w = ctx.scenario.workload;
  const target = t.unavailability * (1 + 1e-9);
  const rates = outageRates(ctx, zones);
  const cap = Math.max(t.maxUtilizationDegraded, t.maxUtilization);
  const f = instanceFactors(ctx, instance);
  const needFor = (load: number) => nodesForUtilization(w, ctx.node(instance), ctx.designRatePerS * load, cap);
  const least = layout.share.map((share) => {
    const n = leastNodesAt(f, share);
    return share === 0 || zones < 2
      ? n
      : zoneSafeNodes(
          f.zoneSafe,
          n,
          needFor(share),
          zones,
          (k, fatal) => fatalZoneProbability(rates, k, fatal) > target,
        );
  });
  const othersUp = othersFullyUp(rates, zones, layout.share.length);
  if ((1 - rates.regionA * rates.lbA) * othersUp > target) {
    const { moved, stranded } = movedOnLoss(layout);
    if (stranded.some((x) => x)) return least.map(() => Number.POSITIVE_INFINITY);
    for (const m of moved) {
      for (const [next, extra] of m)
        least[next] = Math.max(least[next] as number, needFor((layout.share[next] as number) + extra));
    }
  }
  return least.map((n) => Math.min(MAX_NODES_PER_REGION, n));
}

/** The fewest nodes from `from` up whose zone losses pass `misses` (memoised per instance in `memo`). */
function zoneSafeNodes(
  memo: Map<string, number>,
  from: number,
  need: number,
  zones: number,
  misses: (nonEmptyZones: number, fatalZones: number) => boolean,
): number {
  const key = `${from}|${need}|${zones}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  let n = from;
  for (; n < MAX_NODES_PER_REGION; n++) {
    const sizes = zoneSizes(n, zones).filter((x) => x > 0);
    if (sizes.length < 2) break;
    const fatal = sizes.filter((size) => n - size < need).length;
    if (fatal === 0 || !misses(sizes.length, fatal)) break;
  }
  memo.set(key, n);
  return n;
}

const factorCache = new WeakMap<
  Context,
  Map<Instance, { atLeast: number; workPerShare: number; usdPerMonth: number; zoneSafe: Map<string, number> }>
>();

/** What instanceLowerBound needs of an instance type, once per search: the fewest nodes a region has (copies of a
 * partition, the working set), the nodes for the whole load at the utilisation target, and the monthly price of one
 * node in its cheapest region (a lower bound wherever the design runs). */
function instanceFactors(ctx: Context, instance: Instance) {
  let cache = factorCache.get(ctx);
  if (cache === undefined) {
    cache = new Map();
    factorCache.set(ctx, cache);
  }
  const hit = cache.get(instance);
  if (hit !== undefined) return hit;
  const w = ctx.scenario.workload;
  const t = ctx.scenario.targets;
  const f = {
    atLeast: leastRegionNodes(ctx, instance),
    workPerShare:
      (ctx.designRatePerS * w.fanout * effectiveServiceTimeS(w, ctx.node(instance))) /
      (instance.vcpu * t.maxUtilization),
    usdPerMonth: cheapestUsdPerHour(ctx, instance) * BILLING_HOURS_PER_MONTH + ctx.scenario.operations.usdPerNodeMonth,
    zoneSafe: new Map<string, number>(),
  };
  cache.set(instance, f);
  return f;
}

/**
 * A lower bound of the monthly cost of any design of `k` regions and `zones` zones, whatever its regions, instance
 * type and spares; non-decreasing in k, so once it cannot beat the best found no larger set can either. The fixed part:
 * k balancers (their hourly fee; the capacity units follow the traffic, the same in total however it is split), the
 * global switch with k endpoints, the copies of writes across zones, internet egress when the total includes it (at its
 * lower bound, egressLowerBoundUsdPerMonth); inter-region transfer counted as 0. The nodes:
 * for the cheapest instance type (each at its cheapest regional price), the most of k regions' minimum (copies of a partition, nodes for the working set)
 * and the nodes the whole load needs at the utilisation target (a sum of per-region ceilings is at least the ceiling
 * of the sum).
 */
export function sizeLowerBound(
  ctx: Context,
  instances: readonly Instance[],
  k: number,
  zones: number,
): { fixedUsdPerMonth: number; nodesUsdPerMonth: number; total: number } {
  const w = ctx.scenario.workload;
  const ids = Array.from({ length: k }, (_, i) => `r${i}`);
  const sw = globalSwitchFor(ctx, ids);
  const trafficWrites = ctx.trafficRatePerS * w.writeFraction * w.requestSizeBytes;
  // internet egress (cost.includeEgress) at its lower bound: a region set's split of it is not known here
  const fixed =
    monthlyCost(
      { ...ctx, includeEgress: false },
      {
        compute: [],
        standby: [],
        balancerRegions: ids,
        globalSwitch: sw ? { sw, endpoints: k } : null,
        servedShare: [{ region: 'r0', share: 1 }],
        crossZoneBytesPerS: trafficWrites * Math.max(0, Math.min(w.replication, zones) - 1) * k,
        interRegion: [],
        trafficRatePerS: ctx.trafficRatePerS,
        requestSizeBytes: w.requestSizeBytes,
        responseSizeBytes: w.responseSizeBytes,
        // people and tooling for k regions (the nodes' share is in their price: instanceFactors)
        operations: { usdPerMonth: operationsUsdPerMonth(ctx.scenario.operations, 0, k), blueGreenUsdPerMonth: 0 },
      },
    ).usdPerMonth +
    (ctx.includeEgress
      ? egressLowerBoundUsdPerMonth(
          ctx.networkCosts,
          ctx.catalog.regions.filter((r) => r.provider === ctx.networkCosts.provider),
          ctx.trafficRatePerS,
          w.responseSizeBytes,
        )
      : 0);
  let nodesUsdPerMonth = Number.POSITIVE_INFINITY;
  const auto = autoscaledHours(ctx);
  for (const i of instances) {
    const f = instanceFactors(ctx, i);
    let n: number;
    if (auto === null) {
      n = Math.min(k * MAX_NODES_PER_REGION, Math.max(k * f.atLeast, Math.ceil(f.workPerShare - 1e-6)));
    } else {
      // autoscaled: the mean over the hours of each hour's least (as instanceLowerNodes), minNodes in every region
      const least = k * Math.max(f.atLeast, auto.minNodes);
      let sum = 0;
      for (const { m, hours } of auto.levels) {
        sum += hours * Math.min(k * MAX_NODES_PER_REGION, Math.max(least, Math.ceil(f.workPerShare * m - 1e-6)));
      }
      n = sum / auto.hours;
    }
    nodesUsdPerMonth = Math.min(nodesUsdPerMonth, n * f.usdPerMonth);
  }
  return { fixedUsdPerMonth: fixed, nodesUsdPerMonth, total: fixed + nodesUsdPerMonth };
}
