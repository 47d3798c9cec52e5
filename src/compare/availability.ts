/**
 * Availability of a candidate as its users see it, share-weighted over user regions.
 *
 * Vertical (one box, exact under independent failures of box, zone and region; Trivedi 2002, series/parallel):
 * - no standby: A = A_node A_zone A_region (series);
 * - hot standby: the active and the standby each up while their node and zone (and region, when the standby is in
 *   another region) are up; the pair is in parallel, behind a balancer in series; plus the failover time of every
 *   failure of the active (first order: rate x duration);
 * - cold standby: a failed box, or a failed zone (or region, when the standby is in another region), is replaced by
 *   restoring onto the standby: the outage ends at the repair or the restore, whichever comes first, on average
 *   MTTR (1 - e^(-restore/MTTR)) for an exponential repair and a fixed restore time; series of the three.
 *
 * Horizontal (exact over independent node, zone, region and balancer states; src/core/reliability/placement.ts):
 * every user region is served by the nearest of the candidate's regions that it can reach (region and balancer up).
 * The design is up only while every user region is served, every partition of the working set has a live copy
 * (reads) and, with writes, its write quorum (a majority of all copies for strong consistency, one otherwise), and
 * every region carrying load keeps at least the nodes that hold its utilisation at or below the degraded cap
 * (targets.maxUtilizationDegraded, or the all-up utilisation when higher). The p99 target plays no part: a design
 * slower than the target misses the p99 target, not nines. Plus the failover time of every node, zone and (with
 * several regions) region failure for the requests that were going there (first order: rate x duration x affected
 * share).
 */

import { type Availability, fromMtbfMttr, fromUnavailability, parallel, series } from '../core/reliability/index.js';
import { placedFleetAvailability } from '../core/reliability/placement.js';
import type { FailureRates, Reliability, Standby } from '../scenario/types.js';

export const METHOD_VERTICAL_NONE = 'exact (series of node, zone and region; independent failures)';
export const METHOD_VERTICAL_HOT =
  'exact (active and hot standby in parallel, in series with region and balancer) + failover time per failure of the active (first order)';
export const METHOD_VERTICAL_COLD =
  'exact series of node, zone and region; each outage ends at the repair or the cold-standby restore, whichever is first (mean MTTR (1 - e^(-restore/MTTR)))';
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

/** Combine an exact part with a small independent extra unavailability (failover time). */
function withFailover(exact: Availability, failoverU: number): Availability {
  if (failoverU <= 0) return exact;
  return series([exact, fromUnavailability(Math.min(1, failoverU))]);
}

/**
 * @param balancer the balancer in front of a hot pair (its availability), or null
 * @param standbyInOtherRegion the standby runs in a second region (its own zone and region)
 */
export function verticalAvailability(
  rel: Reliability,
  standby: Standby,
  standbyInOtherRegion: boolean,
  balancer: Availability | null,
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
  if (standby === 'cold') {
    // An outage ends when the repair or the restore finishes, whichever is first: with an exponential repair of mean
    // M and a restore of fixed length r, E[min(R, r)] = M (1 - e^(-r/M)).
    const restore = rel.coldRestoreS;
    const down = (f: FailureRates) => -f.mttrS * Math.expm1(-restore / f.mttrS);
    const nodeC = fromMtbfMttr(rel.node.mtbfS, down(rel.node));
    const zoneC = fromMtbfMttr(rel.zone.mtbfS, down(rel.zone));
    const regionC = standbyInOtherRegion ? fromMtbfMttr(rel.region.mtbfS, down(rel.region)) : region;
    return {
      availability: series([nodeC, zoneC, regionC]),
      method: METHOD_VERTICAL_COLD,
      byCause: [
        { cause: 'box (until restored on the standby)', unavailability: nodeC.unavailability },
        { cause: 'zone (until restored on the standby)', unavailability: zoneC.unavailability },
        { cause: standbyInOtherRegion ? 'region (until restored)' : 'region', unavailability: regionC.unavailability },
      ],
      singlePointsOfFailure: standbyInOtherRegion
        ? ['the box (down for the restore time)']
        : ['the box (down for the restore time)', 'its region'],
    };
  }
  // hot standby
  const side = standbyInOtherRegion ? series([node, zone, region]) : series([node, zone]);
  const pair = parallel([side, side]);
  const parts = standbyInOtherRegion ? [pair] : [pair, region];
  if (balancer) parts.push(balancer);
  const exact = series(parts);
  const failoverU = rel.failoverS * (rate(rel.node) + rate(rel.zone) + (standbyInOtherRegion ? rate(rel.region) : 0));
  const byCause: Cause[] = [{ cause: 'both boxes down', unavailability: pair.unavailability }];
  if (!standbyInOtherRegion) byCause.push({ cause: 'region', unavailability: region.unavailability });
  if (balancer) byCause.push({ cause: 'balancer', unavailability: balancer.unavailability });
  byCause.push({ cause: 'failover', unavailability: failoverU });
  const spof: string[] = [];
  if (!standbyInOtherRegion) spof.push('the region');
  if (balancer) spof.push('the balancer');
  return {
    availability: withFailover(exact, failoverU),
    method: METHOD_VERTICAL_HOT,
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

/**
 * Availability of a horizontal fleet (see the top of this file and src/core/reliability/placement.ts): up while
 * every user region reaches a region, every partition has a live copy and (with writes) its write quorum, and every
 * region carrying load has `needed(r, load)` nodes up.
 * @param needed fewest up nodes region `r` needs to carry the users whose shares sum to `loadShare` (of the design
 *   rate) at or below the degraded utilisation cap; null when no count can (the region is then short whenever it
 *   carries that load)
 * @param balancer availability of each region's balancer
 */
export function fleetAvailability(
  rel: Reliability,
  regions: readonly FleetRegion[],
  users: readonly FleetUsers[],
  needed: (r: number, loadShare: number) => number | null,
  balancer: Availability,
  placement: FleetPlacement,
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
  const failoverU = rel.failoverS * (rate(rel.node) + rate(rel.zone) + (R > 1 ? rate(rel.region) : 0));
  const exact: Availability = { availability: placed.availability, unavailability: placed.unavailability };
  const byCause: Cause[] = [
    {
      cause: R > 1 ? 'users with no region to reach (regions or balancers down)' : 'region or its balancer',
      unavailability: placed.unreachable,
    },
    { cause: 'data: a partition with no live copy', unavailability: placed.dataReads },
  ];
  if (placement.writeQuorum > 1) {
    byCause.push({ cause: 'data: a partition without its write quorum', unavailability: placed.dataWrites });
  }
  byCause.push({
    cause: 'too few nodes up for the load at the degraded utilisation cap',
    unavailability: placed.capacity,
  });
  if (placed.prunedProbability > 0) {
    byCause.push({
      cause: 'states below 1e-20 probability, counted as down',
      unavailability: placed.prunedProbability,
    });
  }
  byCause.push({ cause: 'failover', unavailability: failoverU });
  const spof: string[] = [];
  if (R === 1) spof.push('the region', 'its balancer');
  if (R === 1 && regions.every((reg) => reg.zones <= 1)) spof.push('the zone');
  if (placement.replication === 1)
    spof.push(
      R === 1
        ? 'every node (each holds the only copy of its partitions)'
        : 'every node (its partitions have one copy in its region)',
    );
  return {
    availability: withFailover(exact, failoverU),
    method: METHOD_HORIZONTAL,
    byCause,
    singlePointsOfFailure: spof,
  };
}
