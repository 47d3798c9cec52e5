/**
 * The configs the failure/repair simulator takes (one kind per service: k-of-n, vertical, fleet) and the results it
 * gives (a chunk's totals, the combined estimate). Plain data: configs cross to worker threads. Times in seconds.
 */

import type { Availability } from '../../reliability/availability.js';

/** Failure and repair times of one kind of component, in seconds. */
export interface SimRates {
  mtbfS: number;
  mttrS: number;
}

/** Up-time distribution: exponential (default), or Weibull with the given shape and mean MTBF. */
export type SimLifetime = { kind: 'exponential' } | { kind: 'weibull'; shape: number };

export interface SimOptions {
  /** Default exponential. */
  lifetime?: SimLifetime;
  /** Node repairs in progress at once (shared repair crews); null or absent: unlimited. */
  crews?: number | null;
  /** Deploys and failed changes (changes.ts); absent: none. Not for k-of-n. */
  changes?: SimChanges;
}

/** Deploys and failed changes as events (changes.ts; src/compare/operations.ts is the analytic model). */
export interface SimChanges {
  /** Deploys per second, >= 0. */
  deployRatePerS: number;
  /** Seconds the whole service is down per deploy (fixed), >= 0. */
  deployDownS: number;
  /** Failed changes per second (deploys x change failure rate), >= 0. */
  failureRatePerS: number;
  /** Mean time to recover from a failed change (exponential), s, >= 0. */
  recoveryS: number;
  /** Share of the service a failed change takes down, [0, 1]. */
  share: number;
}

/** capplan availability: N nodes over zones and regions, up while at least `need` nodes serve. */
export interface KOfNSimConfig extends SimOptions {
  kind: 'k-of-n';
  nodes: number;
  need: number;
  node: SimRates;
  /** Absent: one zone that never fails. */
  zones?: { count: number; each: SimRates };
  /** Absent: one region that never fails. count <= zones. */
  regions?: { count: number; each: SimRates };
}

/** The parts of src/scenario/types.ts Reliability the simulation uses (a Reliability fits). */
export interface SimReliability {
  node: SimRates;
  zone: SimRates;
  region: SimRates;
  failoverS: number;
  coldRestoreS: number;
  /** Bytes per second at which a cold standby gets its data back (restore = coldRestoreS + working set / rate). */
  restoreRateBytesPerS: number;
}

/**
 * The global traffic switch in front of a design that spans regions: a component in series (simulated, like a
 * balancer, from its availability) and the least time a move to another region takes.
 */
export interface SimSwitch {
  availability: Availability;
  failoverS: number;
}

/**
 * A vertical candidate, as verticalAvailability(rel, standby, standbyInOtherRegion, balancer, workingSetBytes,
 * globalSwitch).
 */
export interface VerticalSimConfig extends SimOptions {
  kind: 'vertical';
  reliability: SimReliability;
  standby: 'none' | 'cold' | 'hot';
  standbyInOtherRegion: boolean;
  /** The balancer in front of a hot pair, or null (ignored without a hot standby, as in the exact model). */
  balancer: Availability | null;
  /** The data a cold standby restores, bytes. */
  workingSetBytes: number;
  /** The switch in front of a standby in another region, or null (ignored within one region, as in the exact model). */
  globalSwitch: SimSwitch | null;
}

/** A horizontal candidate, as fleetAvailability(rel, regions, users, needed, balancer) of the comparison engine. */
export interface FleetSimConfig extends SimOptions {
  kind: 'fleet';
  reliability: SimReliability;
  regions: { id: string; nodes: number; zones: number }[];
  /** share: fraction of the requests; order: indices into `regions`, nearest first. */
  users: { share: number; order: number[] }[];
  /**
   * needed[mask][r]: fewest up nodes region r needs while the set of up regions is `mask` (bit r set: region r and
   * its balancer up), for the load routed to it under that mask; null: no count suffices. Entries of regions that
   * carry no load under the mask are not read (0). needed[0] is empty. Built by fleetSimConfig.
   */
  needed: (number | null)[][];
  /** Availability of each region's balancer (users reach a region only while it and its balancer are up). */
  balancer: Availability;
  /** Copies of each partition in every region (placement: src/core/reliability/placement.ts). */
  replication: number;
  /** Live copies (of regions x replication) a write needs; 1: any copy. */
  writeQuorum: number;
  /** The switch that moves users between the regions, in series with the fleet; null: none. */
  globalSwitch: SimSwitch | null;
}

export type AvailabilitySimConfig = KOfNSimConfig | VerticalSimConfig | FleetSimConfig;

/** One chunk's totals. */
export interface AvailabilityChunk {
  index: number;
  /** Simulated years of this chunk (after any warm-up). */
  years: number;
  simulatedS: number;
  /** Down seconds, weighted by the share of users affected (fleet), including failover time. */
  downS: number;
  downEvents: number;
}

export interface SimulatedAvailability {
  availability: number;
  unavailability: number;
  /** 95% confidence interval on the availability: Student t over the chunk unavailabilities. */
  ci95: [number, number];
  /** The same interval on the unavailability. */
  ci95Unavailability: [number, number];
  downEventCount: number;
  simulatedYears: number;
  chunks: number;
  /** Fewer than MIN_DOWN_EVENTS down events in all: report the exact figure instead of this estimate. */
  tooRare: boolean;
  /** What keeps the interval from being honest (too few outages, rare outages dominating), with the years that would do. */
  warnings: string[];
  method: string;
}
