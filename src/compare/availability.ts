/**
 * Availability of a candidate as its users see it, share-weighted over user regions.
 *
 * Vertical (one box, exact under independent failures of box, zone and region; Trivedi 2002, series/parallel):
 * - no standby: A = A_node A_zone A_region (series);
 * - hot standby: the active and the standby each up while their node and zone (and region, when the standby is in
 *   another region) are up; the pair is in parallel, behind a balancer in series; plus the failover time of every
 *   failure of the active (first order: rate x duration);
 * - a standby in another region (hot or cold) is reached through a global traffic switch (DNS failover or a global
 *   accelerator, catalog): the switch is in series with the design, a hot failover lasts at least the switch's
 *   health-check detection + DNS TTL (src/core/reliability/recovery.ts, crossRegionFailoverS), and a cold restore
 *   ends only once the switch has moved the users (coldRestoreTimeS);
 * - cold standby: a failed box, or a failed zone (or region, when the standby is in another region), is replaced by
 *   restoring onto the standby: the outage ends at the repair or the restore, whichever comes first, on average
 *   MTTR (1 - e^(-restore/MTTR)) for an exponential repair and a fixed restore time; series of the three. The restore
 *   takes reliability.coldRestore plus the working set copied back at reliability.restoreRate
 *   (src/core/reliability/recovery.ts), so a big box restores for longer.
 *
 * Horizontal (exact over independent node, zone, region and balancer states; src/core/reliability/placement.ts):
 * every user region is served by the nearest of the candidate's regions that it can reach (region and balancer up).
 * The design is up only while every user region is served, every partition of the working set has a live copy
 * (reads) and, with writes, its write quorum (a majority of all copies for strong consistency, one otherwise), and
 * every region carrying load keeps at least the nodes that hold its utilisation at or below the degraded cap
 * (targets.maxUtilizationDegraded, or the all-up utilisation when higher). The p99 target plays no part: a design
 * slower than the target misses the p99 target, not nines. Plus the failover time of every node, zone and (with
 * several regions) region failure for the requests that were going there (first order: rate x duration x affected
 * share). Over several regions, the global traffic switch that moves users between them is in series, and a region
 * failover lasts at least its detection + DNS TTL.
 */

import {
  type Availability,
  coldRestoreTimeS,
  crossRegionFailoverS,
  downtime,
  fromMtbfMttr,
  fromUnavailability,
  nines,
  parallel,
  series,
  type TrafficSwitch,
} from '../core/reliability/index.js';
import { placedFleetAvailability } from '../core/reliability/placement.js';
import type { FailureRates, Reliability, Standby } from '../scenario/types.js';
import type { AvailabilityResult } from './result.js';

export const METHOD_VERTICAL_NONE = 'exact (series of node, zone and region; independent failures)';
export const METHOD_VERTICAL_HOT =
  'exact (active and hot standby in parallel, in series with region and balancer) + failover time per failure of the active (first order)';
/** A hot standby in another region: each side is its node, zone and region; the pair in parallel. */
export const METHOD_VERTICAL_HOT_OTHER_REGION =
  'exact (active and hot standby in parallel, each in series with its own zone and region) + failover time per failure of the active (first order)';
export const METHOD_VERTICAL_COLD =
  'exact series of node, zone and region; each outage ends at the repair or the cold-standby restore (coldRestore + working set / restoreRate), whichever is first (mean MTTR (1 - e^(-restore/MTTR)))';
export const METHOD_HORIZONTAL =
  'exact over independent node, zone, region and balancer states: up while every user region reaches a region, every partition has a live copy and its write quorum (spread placement), and every loaded region keeps its utilisation at or below the degraded cap; + failover time per failure (first order)';

export interface Cause {
  cause: string;
  unavailability: number;
}

export interface AvailabilityFigure {
  availability: Availability;
  method: string;
  byCause: Cause[];
  singlePointsOfFailure: string[];
}

const rate = (f: FailureRates) => 1 / (f.mtbfS + f.mttrS);
const avail = (f: FailureRates) => fromMtbfMttr(f.mtbfS, f.mttrS);

/** How the global traffic switch enters a method text (a design reached through one). */
export function switchMethod(sw: TrafficSwitch): string {
  return `; across regions, in series with the global traffic switch, and each move of the users there lasts at least its health-check detection + DNS TTL (${sw.failoverS} s)`;
}

const SWITCH_CAUSE = 'global traffic switch';
const SWITCH_SPOF = 'the global traffic switch';

/** Combine an exact part with a small independent extra unavailability (failover time). */
function withFailover(exact: Availability, failoverU: number): Availability {
  if (failoverU <= 0) return exact;
  return series([exact, fromUnavailability(Math.min(1, failoverU))]);
}

/**
 * @param balancer the balancer in front of a hot pair (its availability), or null
 * @param standbyInOtherRegion the standby runs in a second region (its own zone and region)
 * @param workingSetBytes the data a cold standby restores, bytes
 * @param globalSwitch the traffic switch that moves users to a standby in another region, or null (none modelled)
 */
export function verticalAvailability(
  rel: Reliability,
  standby: Standby,
  standbyInOtherRegion: boolean,
  balancer: Availability | null,
  workingSetBytes: number,
  globalSwitch: TrafficSwitch | null,
): AvailabilityFigure {
  const node = avail(rel.node);
  const zone = avail(rel.zone);
  const region = avail(rel.region);
  if (standby === 'none') {
    return {
      availability: series([node, zone, region]),
      method: METHOD_VERTICAL_NONE,
      byCause: [
        { cause: 'box', unavailability: node.unavailability },
        { cause: 'zone', unavailability: zone.unavailability },
        { cause: 'region', unavailability: region.unavailability },
      ],
      singlePointsOfFailure: ['the box', 'its zone', 'its region'],
    };
  }
  // the switch in front of a standby in another region (none within one region)
  const sw = standbyInOtherRegion ? globalSwitch : null;
  if (standby === 'cold') {
    // An outage ends when the repair or the restore finishes, whichever is first: with an exponential repair of mean
    // M and a restore of fixed length r, E[min(R, r)] = M (1 - e^(-r/M)).
    const restore = coldRestoreTimeS(rel.coldRestoreS, workingSetBytes, rel.restoreRateBytesPerS, sw?.failoverS ?? 0);
    const down = (f: FailureRates) => -f.mttrS * Math.expm1(-restore / f.mttrS);
    const nodeC = fromMtbfMttr(rel.node.mtbfS, down(rel.node));
    const zoneC = fromMtbfMttr(rel.zone.mtbfS, down(rel.zone));
    const regionC = standbyInOtherRegion ? fromMtbfMttr(rel.region.mtbfS, down(rel.region)) : region;
    const byCause: Cause[] = [
      { cause: 'box (until restored on the standby)', unavailability: nodeC.unavailability },
      { cause: 'zone (until restored on the standby)', unavailability: zoneC.unavailability },
      { cause: standbyInOtherRegion ? 'region (until restored)' : 'region', unavailability: regionC.unavailability },
    ];
    const spof = standbyInOtherRegion
      ? ['the box (down for the restore time)']
      : ['the box (down for the restore time)', 'its region'];
    if (sw) {
      byCause.push({ cause: SWITCH_CAUSE, unavailability: sw.availability.unavailability });
      spof.push(SWITCH_SPOF);
    }
    return {
      availability: series(sw ? [nodeC, zoneC, regionC, sw.availability] : [nodeC, zoneC, regionC]),
      method: sw ? `${METHOD_VERTICAL_COLD}${switchMethod(sw)}` : METHOD_VERTICAL_COLD,
      byCause,
      singlePointsOfFailure: spof,
    };
  }
  // hot standby
  const side = standbyInOtherRegion ? series([node, zone, region]) : series([node, zone]);
  const pair = parallel([side, side]);
  const parts = standbyInOtherRegion ? [pair] : [pair, region];
  if (balancer) parts.push(balancer);
  if (sw) parts.push(sw.availability);
  const exact = series(parts);
  // every failure of the active moves the users: across regions, through the switch
  const failoverS = standbyInOtherRegion ? crossRegionFailoverS(rel.failoverS, sw) : rel.failoverS;
  const failoverU = failoverS * (rate(rel.node) + rate(rel.zone) + (standbyInOtherRegion ? rate(rel.region) : 0));
  const byCause: Cause[] = [{ cause: 'both boxes down', unavailability: pair.unavailability }];
  if (!standbyInOtherRegion) byCause.push({ cause: 'region', unavailability: region.unavailability });
  if (balancer) byCause.push({ cause: 'balancer', unavailability: balancer.unavailability });
  if (sw) byCause.push({ cause: SWITCH_CAUSE, unavailability: sw.availability.unavailability });
  byCause.push({ cause: CAUSE_FAILOVER, unavailability: failoverU });
  const spof: string[] = [];
  if (!standbyInOtherRegion) spof.push('the region');
  if (balancer) spof.push('the balancer');
  if (sw) spof.push(SWITCH_SPOF);
  return {
    availability: withFailover(exact, failoverU),
    method: standbyInOtherRegion
      ? `${METHOD_VERTICAL_HOT_OTHER_REGION}${sw ? switchMethod(sw) : ''}`
      : METHOD_VERTICAL_HOT,
    byCause,
    singlePointsOfFailure: spof,
  };
}

export interface FleetRegion {
  id: string;
  nodes: number;
  zones: number;
}

export interface FleetUsers {
  share: number;
  /** Indices into the fleet's regions, nearest first. */
  order: number[];
}

/** Where a horizontal design keeps its data: copies of each partition per region, and the copies a write needs. */
export interface FleetPlacement {
  replication: number;
  /** Live copies (of regions x replication) a write needs; 1 when writes need any copy (or there are none). */
  writeQuorum: number;
}

const CAUSE_UNREACHABLE_REGIONS = 'users with no region to reach (regions or balancers down)';
const CAUSE_UNREACHABLE_REGION = 'region or its balancer';
const CAUSE_NO_COPY = 'data: a partition with no live copy';
const CAUSE_NO_QUORUM = 'data: a partition without its write quorum';
const CAUSE_FAILOVER = 'failover';
const FLEET_STRUCTURAL = new Set([CAUSE_UNREACHABLE_REGIONS, CAUSE_UNREACHABLE_REGION, CAUSE_NO_COPY, CAUSE_NO_QUORUM]);

/**
 * The part of a horizontal design's unavailability that spares cannot lower, from its byCause: users with no region to
 * reach and data down (a partition without a live copy or its write quorum; disjoint states of the fleet, so they
 * add), in series with the failovers and the global switch. With every zone of each region holding nodes, it never
 * falls as nodes are added to a region (more nodes per zone: stochastically more of them down, the copies per zone
 * unchanged; the failover and switch terms do not depend on the node count), and the unavailability is at least this
 * (the capacity term only adds states), so once it alone misses the target no larger fleet of those regions and
 * zones meets it.
 */
export function structuralUnavailability(byCause: readonly { cause: string; unavailability: number }[]): number {
  let fleet = 0;
  let up = 1;
  for (const c of byCause) {
    if (FLEET_STRUCTURAL.has(c.cause)) fleet += c.unavailability;
    else if (c.cause === CAUSE_FAILOVER || c.cause === SWITCH_CAUSE) up *= 1 - c.unavailability;
  }
  return 1 - (1 - fleet) * up;
}

/**
 * Availability of a horizontal fleet (see the top of this file and src/core/reliability/placement.ts): up while
 * every user region reaches a region, every partition has a live copy and (with writes) its write quorum, and every
 * region carrying load has `needed(r, load)` nodes up.
 * @param needed fewest up nodes region `r` needs to carry the users whose shares sum to `loadShare` (of the design
 *   rate) at or below the degraded utilisation cap; null when no count can (the region is then short whenever it
 *   carries that load)
 * @param balancer availability of each region's balancer
 * @param placement copies per region and the write quorum
 * @param globalSwitch the traffic switch that moves users between the regions (in series with the whole fleet), or
 *   null (one region, or none modelled)
 */
export function fleetAvailability(
  rel: Reliability,
  regions: readonly FleetRegion[],
  users: readonly FleetUsers[],
  needed: (r: number, loadShare: number) => number | null,
  balancer: Availability,
  placement: FleetPlacement,
  globalSwitch: TrafficSwitch | null = null,
): AvailabilityFigure {
  const R = regions.length;
  if (R > 16) throw new RangeError(`at most 16 regions, got ${R}`);
  const placed = placedFleetAvailability({
    regions: regions.map((r) => ({ nodes: r.nodes, zones: r.zones })),
    node: avail(rel.node),
    zone: avail(rel.zone),
    region: avail(rel.region),
    balancer,
    replication: placement.replication,
    writeQuorum: placement.writeQuorum,
    users,
    need: needed,
  });
  const regionFailoverS = crossRegionFailoverS(rel.failoverS, globalSwitch);
  const failoverU =
    rel.failoverS * (rate(rel.node) + rate(rel.zone)) + (R > 1 ? regionFailoverS * rate(rel.region) : 0);
  const fleet: Availability = { availability: placed.availability, unavailability: placed.unavailability };
  const exact = globalSwitch ? series([fleet, globalSwitch.availability]) : fleet;
  const byCause: Cause[] = [
    { cause: R > 1 ? CAUSE_UNREACHABLE_REGIONS : CAUSE_UNREACHABLE_REGION, unavailability: placed.unreachable },
    { cause: CAUSE_NO_COPY, unavailability: placed.dataReads },
  ];
  if (placement.writeQuorum > 1) byCause.push({ cause: CAUSE_NO_QUORUM, unavailability: placed.dataWrites });
  byCause.push({
    cause: 'too few nodes up for the load at the degraded utilisation cap',
    unavailability: placed.capacity,
  });
  // shown only when it is not negligible beside the rest (it is always inside the unavailability)
  if (placed.prunedProbability > 1e-3 * placed.unavailability) {
    byCause.push({
      cause: 'states below 1e-20 probability, counted as down',
      unavailability: placed.prunedProbability,
    });
  }
  byCause.push({ cause: CAUSE_FAILOVER, unavailability: failoverU });
  if (globalSwitch) byCause.push({ cause: SWITCH_CAUSE, unavailability: globalSwitch.availability.unavailability });
  const spof: string[] = [];
  if (R === 1) spof.push('the region', 'its balancer');
  if (R === 1 && regions.every((reg) => reg.zones <= 1)) spof.push('the zone');
  // one copy in one region: every node holds the only copy of some partitions
  if (placement.replication === 1 && R === 1) spof.push('every node (each holds the only copy of its partitions)');
  if (globalSwitch) spof.push(SWITCH_SPOF);
  return {
    availability: withFailover(exact, failoverU),
    method: globalSwitch ? `${METHOD_HORIZONTAL}${switchMethod(globalSwitch)}` : METHOD_HORIZONTAL,
    byCause,
    singlePointsOfFailure: spof,
  };
}

/** An availability figure as a result reports it: nines, downtime a year, each cause's share. */
export function availabilityResult(fig: AvailabilityFigure): AvailabilityResult {
  const u = fig.availability.unavailability;
  return {
    value: fig.availability.availability,
    unavailability: u,
    nines: nines(u),
    downtimeMinutesPerYear: downtime(u).perYearS / 60,
    method: fig.method,
    // A first-order term (failover: rate x duration) exceeds 1 when failovers outlast the time between failures, and
    // a sum of state probabilities may exceed 1 by rounding: as a fraction of time each is at most 1.
    byCause: fig.byCause.map((c) => {
      const cu = Math.min(1, c.unavailability);
      return { cause: c.cause, unavailability: cu, downtimeMinutesPerYear: downtime(cu).perYearS / 60 };
    }),
    singlePointsOfFailure: fig.singlePointsOfFailure,
  };
}
