/** The outage floor of a horizontal design: the probability of down states no node can prevent. */
import { fromMtbfMttr } from '../core/reliability/index.js';
import { zoneSizes } from '../core/reliability/placement.js';
import type { Context } from './context.js';
import { allUpUtilization, availabilityNeed } from './degraded.js';
import type { HorizontalDesign } from './designKinds.js';
import type { HorizontalLayout } from './layout.js';

/**
 * A floor under a horizontal design's unavailability: the probability of a union of down states, outages its
 * survivors cannot carry (at the degraded cap) whatever the nodes do:
 * - Z_r, a zone: in a region r carrying load, with nodes in two zones or more, a zone whose loss leaves fewer nodes
 *   than r needs is down while r, its balancer and another of its non-empty zones are up. r is then reachable, its own
 *   users stay with it, and its nodes up are at most those outside that zone: down.
 * - E_i, a region: a region i carrying load is gone (it, its balancer or every non-empty zone of it down: its users
 *   cannot reach it and move to their next region) while every other region, its balancer and all its zones are up,
 *   and the next region of some of i's users, with all its nodes up, cannot carry its own load and theirs (or there is
 *   no other region): down.
 * The regions and the zones of a region are independent (the availability model's assumptions), so P(some Z_r) is one
 * minus a product; the E_i are disjoint from each other (exactly one region not fully up) and from every Z_r (E_i
 * has i gone and every other zone up), so the floor is P(some Z_r) + the sum of P(E_i): exact for that union, not a
 * bound by addition. Summing over regions (rather than taking the largest) is what rules out a fleet of one-zone
 * regions that cannot absorb each other's users. The floor is not monotone in the nodes (spreading a region over more
 * zones exposes it to more zone outages; a lower all-up utilisation can lower the degraded cap and raise the nodes a
 * region needs). With `needAtUtilization` (at least the design's all-up utilisation, below 1) the nodes needed are
 * those at that utilisation's cap, no more than the design's own: still a floor, and, once every region carrying load
 * has a node in each zone, one that never rises as nodes are added (fewer zones and region losses are fatal, the rest
 * does not depend on the nodes): the search bisects on it.
 */
export function outageFloor(
  ctx: Context,
  d: HorizontalDesign,
  layout: HorizontalLayout,
  needAtUtilization?: number,
): number {
  const rates = outageRates(ctx, d.zones);
  const { zoneU, regionA, lbA } = rates;
  const { needed } = availabilityNeed(ctx, d, needAtUtilization ?? allUpUtilization(ctx, d, layout));
  // the non-empty zones of each region, once
  const zoneLists = d.nodesByRegion.map((n) => zoneSizes(n, d.zones).filter((x) => x > 0));
  const allZonesDown = (r: number) => zoneU ** (zoneLists[r] as number[]).length;
  // each region's probability of a fatal zone down (region and balancer up, not every zone down)
  const fatalZone = d.regions.map((_, r) => {
    const share = layout.share[r] as number;
    if (share === 0) return 0;
    const n = d.nodesByRegion[r] as number;
    const sizes = zoneLists[r] as number[];
    if (sizes.length <= 1) return 0;
    const need = needed(r, share);
    if (need === null) return 0;
    const fatal = sizes.filter((size) => n - size < need).length;
    if (fatal === 0) return 0;
    return Math.max(0, fatalZoneProbability(rates, sizes.length, fatal));
  });
  let none = 1;
  for (const p of fatalZone) none *= 1 - p;
  const othersUp = othersFullyUp(rates, d.zones, d.regions.length);
  const loss = movedOnLoss(layout);
  let regionLoss = 0;
  d.regions.forEach((_, gone) => {
    if ((layout.share[gone] as number) === 0) return;
    let fatal = loss.stranded[gone] as boolean;
    for (const [next, extra] of loss.moved[gone] as Map<number, number>) {
      const need = needed(next, (layout.share[next] as number) + extra);
      if (need === null || need > (d.nodesByRegion[next] as number)) fatal = true;
    }
    // gone: the region, its balancer or every non-empty zone of it down (its users cannot reach it)
    if (fatal) regionLoss += (1 - regionA * lbA * (1 - allZonesDown(gone))) * othersUp;
  });
  return 1 - none + regionLoss;
}

/** The failure figures the outage events read: a zone's unavailability, a region's and its balancer's availability
 * (the balancer multi-AZ with more than one zone). */
export interface OutageRates {
  zoneU: number;
  regionA: number;
  lbA: number;
}

export function outageRates(ctx: Context, zones: number): OutageRates {
  const rel = ctx.scenario.reliability;
  const lb = zones > 1 ? ctx.catalog.reliability.loadBalancer.multiAz : ctx.catalog.reliability.loadBalancer.singleAz;
  return {
    zoneU: fromMtbfMttr(rel.zone.mtbfS, rel.zone.mttrS).unavailability,
    regionA: fromMtbfMttr(rel.region.mtbfS, rel.region.mttrS).availability,
    lbA: lb.availability,
  };
}

/**
 * The probability of a fatal zone outage in a region with nodes in `nonEmptyZones` zones, `fatalZones` of them fatal:
 * the region and its balancer up, some fatal zone down, not every zone down (A_region A_balancer (1 - (1 -
 * u_zone)^fatal - u_zone^k)).
 */
export function fatalZoneProbability(rates: OutageRates, nonEmptyZones: number, fatalZones: number): number {
  return rates.regionA * rates.lbA * (1 - (1 - rates.zoneU) ** fatalZones - rates.zoneU ** nonEmptyZones);
}

/** The probability that every other region of `regions` is fully up (region, balancer, each of its `zones` zones):
 * a region-loss event's condition on the others. */
export function othersFullyUp(rates: OutageRates, zones: number, regions: number): number {
  return (rates.regionA * rates.lbA * (1 - rates.zoneU) ** zones) ** (regions - 1);
}

const movedCache = new WeakMap<HorizontalLayout, { moved: Map<number, number>[]; stranded: boolean[] }>();

/**
 * Where each region's users go when it is lost (once per layout): `moved[i]`, the share of the design rate that moves
 * from region i to each next region (each user's next in its order); `stranded[i]`, whether some of its users have no
 * next region (a design of one region).
 */
export function movedOnLoss(layout: HorizontalLayout): { moved: Map<number, number>[]; stranded: boolean[] } {
  let hit = movedCache.get(layout);
  if (hit === undefined) {
    const moved = layout.share.map(() => new Map<number, number>());
    const stranded = layout.share.map(() => false);
    for (const u of layout.users) {
      const gone = u.order[0] as number;
      const next = u.order[1];
      if (next === undefined) stranded[gone] = true;
      else {
        const m = moved[gone] as Map<number, number>;
        m.set(next, (m.get(next) ?? 0) + u.share);
      }
    }
    hit = { moved, stranded };
    movedCache.set(layout, hit);
  }
  return hit;
}
