/**
 * Failure/repair Monte Carlo: an event-driven simulation of independent components (nodes, zones, regions and
 * per-region balancers) alternating up and down over simulated years, to check the exact availability figures of
 * src/core/reliability (k-of-n over zones and regions) and src/compare/availability.ts (the comparison engine's
 * vertical and placed, quorum-aware horizontal candidates). Pure: no I/O, no worker threads.
 *
 * Model:
 * - Each component alternates up and down. Up times are exponential with mean MTBF (default), or Weibull with a
 *   given shape and the SAME mean (scale = MTBF / Gamma(1 + 1/shape)); down times are exponential with mean MTTR.
 *   A cold standby's restore caps each outage of the components it covers at its restore time, coldRestoreS plus
 *   the working set at restoreRateBytesPerS (src/core/reliability/recovery.ts): the outage lasts
 *   min(sampled repair, restore).
 * - A balancer is given only as an availability A: it is simulated as a component with MTTR 1 h and
 *   MTBF = MTTR A / (1 - A), so that its steady-state availability is A (with independent components only A
 *   matters to the long-run availability; the choice of MTTR only sets how often it fails). The same is done for a
 *   node given only as an availability (`capplan availability --node-availability`).
 * - Optional shared repair crews for nodes: at most `crews` node repairs in progress at once; a failed node waits
 *   for a free crew, first come first served (null: unlimited, every node independent).
 * - Initial state: with exponential up times and unlimited crews, every component starts in its stationary state
 *   (up with probability A; an up component then has an exponential residual life, by memorylessness; a down one
 *   the stationary residual of its repair: exponential, truncated at the restore cap when there is one), so there
 *   is no warm-up bias. With Weibull up times or limited crews the stationary state is not known in closed form:
 *   everything starts up at age 0 and a warm-up of 5 node MTBFs is simulated and discarded (components with a much
 *   longer MTBF than a node, such as regions, may keep a small bias towards up from their start; the test grid uses
 *   exponential up times, for which there is none).
 * - Event queue: a binary min-heap over typed arrays (Float64Array times, Int32Array component ids) holding each
 *   component's next transition (EventHeap of src/core/sim/heap.ts); the loop allocates nothing.
 *
 * Service state (the three kinds of config):
 * - `k-of-n` (capplan availability): N nodes round-robin over Z zones (node i in zone i % Z), zones round-robin
 *   over R regions (zone z in region z % R), exactly as fleetAvailability in src/core/reliability; up while at least
 *   `need` nodes are up in up zones of up regions.
 * - `vertical`: as verticalAvailability in src/compare/availability.ts. none: node, zone and region in series.
 *   cold: the same, each node and zone outage (and region outage, with the standby in another region) lasting
 *   min(repair, restore). hot: an active and a standby side, each up while its node and zone (and region, with the
 *   standby in another region) are; the service is up while either side is, with the shared region (same-region
 *   standby) and the balancer; every time the active side fails while the standby is up, the standby takes over and
 *   the failover costs `failoverS` of downtime.
 * - `fleet`: as fleetAvailability in src/compare/availability.ts (src/core/reliability/placement.ts). Each region has
 *   its nodes (round-robin over its own zones) and a balancer; users go to the first region in their `order` that is
 *   reachable (region and balancer up). The service is up (down = 0) only while every user region is served by a
 *   region with at least needed[mask][r] nodes up (nodes up in up zones; `mask` = the reachable regions, the entry
 *   evaluated up front by the caller's needed(r, loadShare) for the load routed to r under that mask: fleetSimConfig)
 *   and every partition has a live copy and its write quorum: the worst partition has, in each region, as many copies
 *   down as the down nodes can cover under the zone cap (all `replication` with the region down), summed over the
 *   regions, and at most regions x replication - writeQuorum may be down. Every node, zone and (with several regions)
 *   region failure costs `failoverS` of downtime for the share of requests that were going to it at that moment
 *   (counted per event, so that the simulation checks the analytic first-order failover term).
 *
 * Output: each chunk (its own random stream: streamFor(seed, index), so chunk i depends only on the config, the
 * seed and i, and the result does not depend on how many threads run the chunks) reports its simulated seconds,
 * down seconds (user-weighted) and down events (outages begun: the service, or some of its users, going from fully
 * up to partly or fully down, plus every failover that cost downtime without starting an outage). combineAvailability
 * gives the availability, a 95% Student t interval over the chunk unavailabilities (chunks - 1 degrees of freedom),
 * and `tooRare` when fewer than 10 down events were seen in all: then the caller reports the exact figure.
 */

import { logGamma } from '../math/special.js';
import type { Availability } from '../reliability/availability.js';
import { SECONDS_PER_YEAR } from '../reliability/downtime.js';
import { spreadOf, zoneSizes } from '../reliability/placement.js';
import { coldRestoreTimeS, crossRegionFailoverS } from '../reliability/recovery.js';
import { sectioningHalfWidth } from '../stats/tInterval.js';
import { EventHeap } from './heap.js';
import { type Stream, streamFor } from './rng.js';

export { EventHeap } from './heap.js';

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
  method: string;
}

/** Below this many down events in all, the estimate is too rare to report (tooRare). */
export const MIN_DOWN_EVENTS = 10;
/** Repair time given to components known only by their availability (balancers), seconds. */
export const SYNTHETIC_MTTR_S = 3600;
/** Warm-up (Weibull up times, limited crews), in node MTBFs. */
export const WARMUP_NODE_MTBFS = 5;
/** Most regions of a fleet (2^R masks are tabulated). */
export const MAX_FLEET_REGIONS = 10;

/** MTBF/MTTR of a component known only by its availability: MTTR 1 h, MTBF = MTTR A / (1 - A). */
export function ratesFromAvailability(a: Availability, mttrS = SYNTHETIC_MTTR_S): SimRates {
  if (!(a.availability > 0 && a.unavailability > 0)) {
    throw new RangeError(`ratesFromAvailability: need 0 < A < 1, got A = ${a.availability}, U = ${a.unavailability}`);
  }
  return { mtbfS: (mttrS * a.availability) / a.unavailability, mttrS };
}

/**
 * The fleet config of a horizontal candidate, with `needed(r, loadShare)` evaluated up front for every set of up
 * regions (2^R - 1 of them, R <= 10), routing as the exact model does (each user to the first up region of its
 * order). Arguments as src/compare/availability.ts fleetAvailability.
 */
export function fleetSimConfig(
  reliability: SimReliability,
  regions: readonly { id: string; nodes: number; zones: number }[],
  users: readonly { share: number; order: readonly number[] }[],
  needed: (r: number, loadShare: number) => number | null,
  balancer: Availability,
  placement: { replication: number; writeQuorum: number },
  globalSwitch: SimSwitch | null,
  options: SimOptions = {},
): FleetSimConfig {
  const R = regions.length;
  if (!Number.isInteger(R) || R < 1 || R > MAX_FLEET_REGIONS) {
    throw new RangeError(`fleetSimConfig: 1 to ${MAX_FLEET_REGIONS} regions, got ${R}`);
  }
  const table: (number | null)[][] = [[]];
  const loads = new Float64Array(R);
  for (let mask = 1; mask < 1 << R; mask++) {
    loads.fill(0);
    for (const u of users) {
      const r = u.order.find((x) => (mask >> x) & 1);
      if (r !== undefined) loads[r] = (loads[r] as number) + u.share;
    }
    const row: (number | null)[] = [];
    for (let r = 0; r < R; r++) row.push((loads[r] as number) > 0 ? needed(r, loads[r] as number) : 0);
    table.push(row);
  }
  return {
    kind: 'fleet',
    reliability: pickReliability(reliability),
    regions: regions.map((x) => ({ id: x.id, nodes: x.nodes, zones: x.zones })),
    users: users.map((u) => ({ share: u.share, order: [...u.order] })),
    needed: table,
    balancer: { availability: balancer.availability, unavailability: balancer.unavailability },
    replication: placement.replication,
    writeQuorum: placement.writeQuorum,
    globalSwitch: copySwitch(globalSwitch),
    ...copyOptions(options),
  };
}

/** The vertical config of a candidate; arguments as src/compare/availability.ts verticalAvailability. */
export function verticalSimConfig(
  reliability: SimReliability,
  standby: 'none' | 'cold' | 'hot',
  standbyInOtherRegion: boolean,
  balancer: Availability | null,
  workingSetBytes: number,
  globalSwitch: SimSwitch | null,
  options: SimOptions = {},
): VerticalSimConfig {
  return {
    kind: 'vertical',
    reliability: pickReliability(reliability),
    standby,
    standbyInOtherRegion,
    balancer: balancer ? { availability: balancer.availability, unavailability: balancer.unavailability } : null,
    workingSetBytes,
    globalSwitch: copySwitch(globalSwitch),
    ...copyOptions(options),
  };
}

/** Only what the simulation reads (plain data: configs cross to worker threads). */
function copySwitch(sw: SimSwitch | null): SimSwitch | null {
  if (sw === null) return null;
  const a = sw.availability;
  return { availability: { availability: a.availability, unavailability: a.unavailability }, failoverS: sw.failoverS };
}

function pickReliability(r: SimReliability): SimReliability {
  return {
    node: { mtbfS: r.node.mtbfS, mttrS: r.node.mttrS },
    zone: { mtbfS: r.zone.mtbfS, mttrS: r.zone.mttrS },
    region: { mtbfS: r.region.mtbfS, mttrS: r.region.mttrS },
    failoverS: r.failoverS,
    coldRestoreS: r.coldRestoreS,
    restoreRateBytesPerS: r.restoreRateBytesPerS,
  };
}

function copyOptions(o: SimOptions): SimOptions {
  const out: SimOptions = {};
  if (o.lifetime !== undefined)
    out.lifetime = o.lifetime.kind === 'weibull' ? { ...o.lifetime } : { kind: 'exponential' };
  if (o.crews !== undefined) out.crews = o.crews;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Service models: each keeps its own view of the component states and reports the down fraction.

interface Service {
  /** Fraction of users (or of the service) down in the current state, in [0, 1]. */
  down: number;
  /** Sets every component's state (1 up, 0 down) at the start. */
  reset(up: Uint8Array): void;
  /** Component c went up or down; returns the failover downtime it costs (seconds, user-weighted), usually 0. */
  flip(c: number, up: boolean): number;
}

/** The components of a run and the service over them. */
interface Plan {
  mtbf: Float64Array;
  mttr: Float64Array;
  /** Outage cap (cold-standby restore), Infinity for none. */
  cap: Float64Array;
  /** 1 for nodes (whose repairs need a crew). */
  crewed: Uint8Array;
  /** Warm-up (when one is needed), seconds. */
  warmupS: number;
  service: Service;
}

class PlanBuilder {
  readonly mtbf: number[] = [];
  readonly mttr: number[] = [];
  readonly cap: number[] = [];
  readonly crewed: number[] = [];

  add(rates: SimRates, crewed: boolean, cap = Number.POSITIVE_INFINITY): number {
    this.mtbf.push(rates.mtbfS);
    this.mttr.push(rates.mttrS);
    this.cap.push(cap);
    this.crewed.push(crewed ? 1 : 0);
    return this.mtbf.length - 1;
  }

  build(service: Service, nodeMtbfS: number): Plan {
    return {
      mtbf: Float64Array.from(this.mtbf),
      mttr: Float64Array.from(this.mttr),
      cap: Float64Array.from(this.cap),
      crewed: Uint8Array.from(this.crewed),
      warmupS: WARMUP_NODE_MTBFS * nodeMtbfS,
      service,
    };
  }
}

/** k-of-n over zones and regions: counts kept per zone and per region so every event costs O(1). */
class KOfNService implements Service {
  down = 0;
  private serving = 0;
  private readonly zoneUp: Uint8Array;
  private readonly regionUp: Uint8Array;
  /** Nodes up in each zone (whatever the zone's state). */
  private readonly nodesUpInZone: Int32Array;
  /** Nodes up in up zones of each region (whatever the region's state). */
  private readonly regionCount: Int32Array;

  constructor(
    private readonly nodes: number,
    private readonly need: number,
    /** Component ids: nodes 0..nodes-1, then `zoneComponents` zones, then `regionComponents` regions. */
    private readonly zoneComponents: number,
    private readonly regionComponents: number,
    private readonly zoneCount: number,
    private readonly regionCount_: number,
  ) {
    this.zoneUp = new Uint8Array(zoneCount);
    this.regionUp = new Uint8Array(regionCount_);
    this.nodesUpInZone = new Int32Array(zoneCount);
    this.regionCount = new Int32Array(regionCount_);
  }

  reset(up: Uint8Array): void {
    const N = this.nodes;
    const Z = this.zoneCount;
    const R = this.regionCount_;
    for (let z = 0; z < Z; z++) this.zoneUp[z] = this.zoneComponents > 0 ? (up[N + z] as number) : 1;
    for (let r = 0; r < R; r++)
      this.regionUp[r] = this.regionComponents > 0 ? (up[N + this.zoneComponents + r] as number) : 1;
    this.nodesUpInZone.fill(0);
    this.regionCount.fill(0);
    for (let i = 0; i < N; i++) if (up[i]) this.nodesUpInZone[i % Z] = (this.nodesUpInZone[i % Z] as number) + 1;
    this.serving = 0;
    for (let z = 0; z < Z; z++) {
      if (!this.zoneUp[z]) continue;
      const r = z % R;
      this.regionCount[r] = (this.regionCount[r] as number) + (this.nodesUpInZone[z] as number);
    }
    for (let r = 0; r < R; r++) if (this.regionUp[r]) this.serving += this.regionCount[r] as number;
    this.down = this.serving < this.need ? 1 : 0;
  }

  flip(c: number, isUp: boolean): number {
    const d = isUp ? 1 : -1;
    const N = this.nodes;
    if (c < N) {
      const z = c % this.zoneCount;
      this.nodesUpInZone[z] = (this.nodesUpInZone[z] as number) + d;
      if (this.zoneUp[z]) {
        const r = z % this.regionCount_;
        this.regionCount[r] = (this.regionCount[r] as number) + d;
        if (this.regionUp[r]) this.serving += d;
      }
    } else if (c < N + this.zoneComponents) {
      const z = c - N;
      this.zoneUp[z] = isUp ? 1 : 0;
      const r = z % this.regionCount_;
      const k = d * (this.nodesUpInZone[z] as number);
      this.regionCount[r] = (this.regionCount[r] as number) + k;
      if (this.regionUp[r]) this.serving += k;
    } else {
      const r = c - N - this.zoneComponents;
      this.regionUp[r] = isUp ? 1 : 0;
      this.serving += d * (this.regionCount[r] as number);
    }
    this.down = this.serving < this.need ? 1 : 0;
    return 0;
  }
}

/** Components in series (no standby, cold standby): down while any is down. */
class SeriesService implements Service {
  down = 0;
  private downCount = 0;

  reset(up: Uint8Array): void {
    this.downCount = 0;
    for (let c = 0; c < up.length; c++) if (!up[c]) this.downCount++;
    this.down = this.downCount > 0 ? 1 : 0;
  }

  flip(_c: number, isUp: boolean): number {
    this.downCount += isUp ? -1 : 1;
    this.down = this.downCount > 0 ? 1 : 0;
    return 0;
  }
}

/**
 * Hot standby. Components: 0, 1 the two nodes; 2, 3 their zones; then either 4, 5 their regions (standby in
 * another region) or 4 the shared region; then the balancer and the global traffic switch, if any (`common`: in
 * series with the pair).
 */
class HotStandbyService implements Service {
  down = 0;
  private readonly up: Uint8Array;
  private active = 0;
  private readonly sideUp = new Uint8Array(2);
  private commonUp = 1;

  constructor(
    count: number,
    private readonly otherRegion: boolean,
    private readonly common: readonly number[],
    private readonly failoverS: number,
  ) {
    this.up = new Uint8Array(count);
  }

  private refresh(): void {
    const up = this.up;
    for (let s = 0; s < 2; s++) {
      this.sideUp[s] = up[s] && up[2 + s] && (!this.otherRegion || up[4 + s]) ? 1 : 0;
    }
    this.commonUp = (this.otherRegion || up[4]) && this.common.every((c) => up[c]) ? 1 : 0;
    this.down = this.commonUp && (this.sideUp[0] || this.sideUp[1]) ? 0 : 1;
  }

  reset(up: Uint8Array): void {
    this.up.set(up);
    this.refresh();
    this.active = this.sideUp[0] || !this.sideUp[1] ? 0 : 1;
  }

  flip(c: number, isUp: boolean): number {
    const wasDown = this.down;
    const activeWasUp = this.sideUp[this.active];
    this.up[c] = isUp ? 1 : 0;
    this.refresh();
    const other = 1 - this.active;
    if (this.sideUp[this.active]) return 0;
    if (!this.sideUp[other]) return 0;
    // The active side is down and the standby is up: it takes over. A takeover on the active's failure while the
    // service was up costs the failover time; resuming on a side that came back during an outage costs nothing.
    this.active = other;
    return activeWasUp && wasDown === 0 ? this.failoverS : 0;
  }
}

/** NEVER enough nodes (a null entry of the needed table). */
const NEVER = 0x3fffffff;

/**
 * Horizontal fleet. Components: all nodes (region by region, node j of a region in its zone j % zones), then all
 * zones (region by region), then the R regions, then the R balancers (when the balancer can fail), then the global
 * traffic switch (when there is one and it can fail): while it is down, every user is.
 */
class FleetService implements Service {
  down = 0;
  private readonly R: number;
  private readonly U: number;
  private readonly nodeZone: Int32Array;
  private readonly zoneRegion: Int32Array;
  private readonly nodeCount: number;
  private readonly zoneCount: number;
  private readonly hasBalancers: boolean;
  /** serving[mask * U + u]: the region serving user u, or -1. */
  private readonly serving: Int32Array;
  /** need[mask * R + r]. */
  private readonly need: Int32Array;
  /** load[mask * R + r]: share of all requests routed to r (normalised by the total share). */
  private readonly load: Float64Array;
  private readonly weight: Float64Array;
  private readonly zoneUp: Uint8Array;
  private readonly nodesUpInZone: Int32Array;
  private readonly regionUp: Uint8Array;
  private readonly balancerUp: Uint8Array;
  /** Nodes up in up zones of each region. */
  private readonly count: Int32Array;
  /** Nodes of each zone. */
  private readonly zoneSize: Int32Array;
  /** Each region's spread of copies over its non-empty zones (spreadOf): lo per zone, `extra` zones one more. */
  private readonly spreadLo: Int32Array;
  private readonly spreadHi: Int32Array;
  private readonly spreadExtra: Int32Array;
  /** Non-empty zones up in each region: with none, the region serves nobody. */
  private readonly zonesUp: Int32Array;
  /** First zone of each region (zones of region r: zoneStart[r] .. zoneStart[r + 1] - 1). */
  private readonly zoneStart: Int32Array;
  private readonly replication: number;
  /** Copies of the worst partition that may be down: regions x replication - writeQuorum. */
  private readonly maxDownCopies: number;
  private mask = 0;
  private switchUp = 1;

  constructor(
    config: FleetSimConfig,
    private readonly failoverS: number,
    /** Failover time of a region's users moving to another region (through the switch), s. */
    private readonly regionFailoverS: number,
    hasBalancers: boolean,
    /** Component id of the switch, -1 for none. */
    private readonly switchId: number,
  ) {
    const R = config.regions.length;
    const U = config.users.length;
    this.R = R;
    this.U = U;
    this.hasBalancers = hasBalancers;
    let nodes = 0;
    let zones = 0;
    for (const reg of config.regions) {
      nodes += reg.nodes;
      zones += reg.zones;
    }
    this.nodeCount = nodes;
    this.zoneCount = zones;
    this.nodeZone = new Int32Array(nodes);
    this.zoneRegion = new Int32Array(zones);
    let n = 0;
    let zBase = 0;
    config.regions.forEach((reg, r) => {
      for (let j = 0; j < reg.nodes; j++) this.nodeZone[n++] = zBase + (j % reg.zones);
      for (let z = 0; z < reg.zones; z++) this.zoneRegion[zBase + z] = r;
      zBase += reg.zones;
    });
    const masks = 1 << R;
    this.serving = new Int32Array(masks * U).fill(-1);
    this.need = new Int32Array(masks * R);
    this.load = new Float64Array(masks * R);
    let total = 0;
    for (const u of config.users) total += u.share;
    this.weight = Float64Array.from(config.users, (u) => u.share / total);
    for (let mask = 1; mask < masks; mask++) {
      config.users.forEach((u, i) => {
        const r = u.order.find((x) => (mask >> x) & 1);
        if (r === undefined) return;
        this.serving[mask * U + i] = r;
        this.load[mask * R + r] = (this.load[mask * R + r] as number) + (this.weight[i] as number);
      });
      const row = config.needed[mask] as (number | null)[];
      for (let r = 0; r < R; r++) {
        const v = row[r];
        this.need[mask * R + r] = v === null || v === undefined ? NEVER : Math.max(0, Math.min(NEVER, Math.ceil(v)));
      }
    }
    this.zoneUp = new Uint8Array(zones);
    this.nodesUpInZone = new Int32Array(zones);
    this.regionUp = new Uint8Array(R);
    this.balancerUp = new Uint8Array(R);
    this.count = new Int32Array(R);
    this.replication = config.replication;
    this.maxDownCopies = R * config.replication - config.writeQuorum;
    this.zoneSize = new Int32Array(zones);
    this.zoneStart = new Int32Array(R + 1);
    this.spreadLo = new Int32Array(R);
    this.spreadHi = new Int32Array(R);
    this.spreadExtra = new Int32Array(R);
    this.zonesUp = new Int32Array(R);
    let zb = 0;
    config.regions.forEach((reg, r) => {
      this.zoneStart[r] = zb;
      // the placement of src/core/reliability/placement.ts: zone sizes round-robin, copies spread evenly
      const sizes = zoneSizes(reg.nodes, reg.zones);
      const spread = spreadOf(sizes, config.replication) as NonNullable<ReturnType<typeof spreadOf>>;
      this.spreadLo[r] = spread.lo;
      this.spreadHi[r] = spread.hi;
      this.spreadExtra[r] = spread.extra;
      sizes.forEach((n, z) => {
        this.zoneSize[zb + z] = n;
      });
      zb += reg.zones;
    });
    this.zoneStart[R] = zb;
  }

  /**
   * Whether some partition lacks a live copy or its write quorum: the worst partition has, in each region, as many
   * copies down as the down nodes can cover under the zone cap (all of them with the region down), summed over regions.
   */
  private dataDown(): boolean {
    let down = 0;
    for (let r = 0; r < this.R; r++) {
      if (!this.regionUp[r]) {
        down += this.replication;
        continue;
      }
      // worstDownCopies of src/core/reliability/placement.ts, without allocating
      const lo = this.spreadLo[r] as number;
      const hi = this.spreadHi[r] as number;
      let t = 0;
      let full = 0;
      for (let z = this.zoneStart[r] as number; z < (this.zoneStart[r + 1] as number); z++) {
        const size = this.zoneSize[z] as number;
        if (size === 0) continue;
        const dz = this.zoneUp[z] ? size - (this.nodesUpInZone[z] as number) : size;
        t += Math.min(lo, dz);
        if (dz >= hi) full++;
      }
      down += Math.min(this.replication, t + Math.min(this.spreadExtra[r] as number, full));
    }
    return down > this.maxDownCopies;
  }

  /** Down (1) unless every user region is served by a region with enough nodes up and every partition is. */
  private recompute(): void {
    if (!this.switchUp) {
      this.down = 1;
      return;
    }
    const mask = this.mask;
    const base = mask * this.U;
    let down = 0;
    for (let u = 0; u < this.U; u++) {
      const r = this.serving[base + u] as number;
      if (r < 0 || (this.count[r] as number) < (this.need[mask * this.R + r] as number)) {
        down = 1;
        break;
      }
    }
    this.down = down === 1 || this.dataDown() ? 1 : 0;
  }

  private routeMask(): number {
    let mask = 0;
    for (let r = 0; r < this.R; r++) {
      if (this.regionUp[r] && this.balancerUp[r] && (this.zonesUp[r] as number) > 0) mask |= 1 << r;
    }
    return mask;
  }

  reset(up: Uint8Array): void {
    const N = this.nodeCount;
    const Z = this.zoneCount;
    for (let z = 0; z < Z; z++) this.zoneUp[z] = up[N + z] as number;
    for (let r = 0; r < this.R; r++) {
      this.regionUp[r] = up[N + Z + r] as number;
      this.balancerUp[r] = this.hasBalancers ? (up[N + Z + this.R + r] as number) : 1;
    }
    this.nodesUpInZone.fill(0);
    for (let i = 0; i < N; i++) {
      const z = this.nodeZone[i] as number;
      if (up[i]) this.nodesUpInZone[z] = (this.nodesUpInZone[z] as number) + 1;
    }
    this.count.fill(0);
    this.zonesUp.fill(0);
    for (let z = 0; z < Z; z++) {
      const r = this.zoneRegion[z] as number;
      if (this.zoneUp[z]) this.count[r] = (this.count[r] as number) + (this.nodesUpInZone[z] as number);
      if (this.zoneUp[z] && (this.zoneSize[z] as number) > 0) this.zonesUp[r] = (this.zonesUp[r] as number) + 1;
    }
    this.mask = this.routeMask();
    this.switchUp = this.switchId < 0 ? 1 : (up[this.switchId] as number);
    this.recompute();
  }

  /** Share of all requests going to region r now (0 when it is not routed to, or its users are down for capacity). */
  private liveLoad(r: number): number {
    const mask = this.mask;
    if (!((mask >> r) & 1)) return 0;
    const i = mask * this.R + r;
    return (this.count[r] as number) >= (this.need[i] as number) ? (this.load[i] as number) : 0;
  }

  flip(c: number, isUp: boolean): number {
    const N = this.nodeCount;
    const Z = this.zoneCount;
    const d = isUp ? 1 : -1;
    let charge = 0;
    if (c < N) {
      const z = this.nodeZone[c] as number;
      const r = this.zoneRegion[z] as number;
      if (this.zoneUp[z]) {
        if (!isUp && this.failoverS > 0) {
          const cnt = this.count[r] as number;
          if (cnt > 0) charge = (this.failoverS * this.liveLoad(r)) / cnt;
        }
        this.count[r] = (this.count[r] as number) + d;
      }
      this.nodesUpInZone[z] = (this.nodesUpInZone[z] as number) + d;
    } else if (c < N + Z) {
      const z = c - N;
      const r = this.zoneRegion[z] as number;
      const k = this.nodesUpInZone[z] as number;
      if (!isUp && this.failoverS > 0) {
        const cnt = this.count[r] as number;
        if (cnt > 0) charge = (this.failoverS * this.liveLoad(r) * k) / cnt;
      }
      this.zoneUp[z] = isUp ? 1 : 0;
      this.count[r] = (this.count[r] as number) + d * k;
      if ((this.zoneSize[z] as number) > 0) {
        this.zonesUp[r] = (this.zonesUp[r] as number) + d;
        this.mask = this.routeMask();
      }
    } else if (c === this.switchId) {
      this.switchUp = isUp ? 1 : 0;
    } else if (c < N + Z + this.R) {
      const r = c - N - Z;
      if (!isUp && this.R > 1 && this.regionFailoverS > 0) charge = this.regionFailoverS * this.liveLoad(r);
      this.regionUp[r] = isUp ? 1 : 0;
      this.mask = this.routeMask();
    } else {
      const r = c - N - Z - this.R;
      this.balancerUp[r] = isUp ? 1 : 0;
      this.mask = this.routeMask();
    }
    this.recompute();
    return charge;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Config checks and plans

function checkRates(r: SimRates | undefined, name: string): void {
  if (r === null || typeof r !== 'object') throw new RangeError(`${name} must be { mtbfS, mttrS }`);
  if (!(Number.isFinite(r.mtbfS) && r.mtbfS > 0)) throw new RangeError(`${name}.mtbfS must be > 0, got ${r.mtbfS}`);
  if (!(Number.isFinite(r.mttrS) && r.mttrS > 0)) throw new RangeError(`${name}.mttrS must be > 0, got ${r.mttrS}`);
}

function checkCount(x: number, name: string, min: number, max = 1_000_000): void {
  if (!Number.isInteger(x) || x < min || x > max)
    throw new RangeError(`${name} must be an integer in [${min}, ${max}], got ${x}`);
}

function checkAvailabilityValue(a: Availability | null | undefined, name: string): void {
  if (a === null || typeof a !== 'object') throw new RangeError(`${name} must be { availability, unavailability }`);
  if (!(a.availability > 0 && a.availability <= 1 && a.unavailability >= 0 && a.unavailability < 1)) {
    throw new RangeError(`${name}: availability must be in (0, 1], got ${a.availability}`);
  }
}

function checkSwitch(sw: SimSwitch | null | undefined): void {
  if (sw === null) return;
  if (sw === undefined || typeof sw !== 'object')
    throw new RangeError('globalSwitch must be { availability, failoverS } or null');
  checkAvailabilityValue(sw.availability, 'globalSwitch.availability');
  if (!(Number.isFinite(sw.failoverS) && sw.failoverS >= 0)) {
    throw new RangeError(`globalSwitch.failoverS must be >= 0, got ${sw.failoverS}`);
  }
}

function checkReliability(r: SimReliability): void {
  if (r === null || typeof r !== 'object') throw new RangeError('reliability must be an object');
  checkRates(r.node, 'reliability.node');
  checkRates(r.zone, 'reliability.zone');
  checkRates(r.region, 'reliability.region');
  if (!(Number.isFinite(r.failoverS) && r.failoverS >= 0)) {
    throw new RangeError(`reliability.failoverS must be >= 0, got ${r.failoverS}`);
  }
  if (!(r.coldRestoreS > 0)) throw new RangeError(`reliability.coldRestoreS must be > 0, got ${r.coldRestoreS}`);
  if (!(Number.isFinite(r.restoreRateBytesPerS) && r.restoreRateBytesPerS > 0)) {
    throw new RangeError(`reliability.restoreRateBytesPerS must be > 0, got ${r.restoreRateBytesPerS}`);
  }
}

function checkOptions(o: SimOptions): void {
  const l = o.lifetime;
  if (l !== undefined) {
    if (l.kind === 'weibull') {
      if (!(Number.isFinite(l.shape) && l.shape >= 0.05 && l.shape <= 100)) {
        throw new RangeError(`lifetime.shape must be in [0.05, 100], got ${l.shape}`);
      }
    } else if (l.kind !== 'exponential') {
      throw new RangeError(`lifetime.kind must be "exponential" or "weibull", got ${(l as { kind: unknown }).kind}`);
    }
  }
  if (o.crews !== undefined && o.crews !== null) checkCount(o.crews, 'crews', 1);
}

/** Throws RangeError naming the first problem of a config. */
export function checkSimConfig(config: AvailabilitySimConfig): void {
  if (config === null || typeof config !== 'object') throw new RangeError('config must be an object');
  checkOptions(config);
  switch (config.kind) {
    case 'k-of-n': {
      checkCount(config.nodes, 'nodes', 1);
      checkCount(config.need, 'need', 1, config.nodes);
      checkRates(config.node, 'node');
      if (config.zones !== undefined) {
        checkCount(config.zones.count, 'zones.count', 1);
        checkRates(config.zones.each, 'zones.each');
      }
      if (config.regions !== undefined) {
        checkCount(config.regions.count, 'regions.count', 1, config.zones?.count ?? 1);
        checkRates(config.regions.each, 'regions.each');
      }
      return;
    }
    case 'vertical': {
      checkReliability(config.reliability);
      if (!['none', 'cold', 'hot'].includes(config.standby)) {
        throw new RangeError(`standby must be none, cold or hot, got ${config.standby}`);
      }
      if (config.balancer !== null) checkAvailabilityValue(config.balancer, 'balancer');
      if (!(Number.isFinite(config.workingSetBytes) && config.workingSetBytes >= 0)) {
        throw new RangeError(`workingSetBytes must be >= 0, got ${config.workingSetBytes}`);
      }
      checkSwitch(config.globalSwitch);
      return;
    }
    case 'fleet': {
      checkReliability(config.reliability);
      const R = config.regions.length;
      checkCount(R, 'regions.length', 1, MAX_FLEET_REGIONS);
      config.regions.forEach((reg, r) => {
        checkCount(reg.nodes, `regions[${r}].nodes`, 1);
        checkCount(reg.zones, `regions[${r}].zones`, 1);
      });
      if (!Array.isArray(config.users) || config.users.length === 0) throw new RangeError('users must be non-empty');
      let total = 0;
      config.users.forEach((u, i) => {
        if (!(Number.isFinite(u.share) && u.share >= 0)) throw new RangeError(`users[${i}].share must be >= 0`);
        total += u.share;
        if (!Array.isArray(u.order) || u.order.some((r) => !Number.isInteger(r) || r < 0 || r >= R)) {
          throw new RangeError(`users[${i}].order must list region indices in [0, ${R})`);
        }
      });
      if (!(total > 0)) throw new RangeError('users: the shares must add up to more than 0');
      if (!Array.isArray(config.needed) || config.needed.length !== 1 << R) {
        throw new RangeError(`needed must have 2^${R} rows (one per set of up regions); use fleetSimConfig`);
      }
      for (let mask = 1; mask < 1 << R; mask++) {
        const row = config.needed[mask];
        if (
          !Array.isArray(row) ||
          row.length !== R ||
          row.some((v) => v !== null && !(typeof v === 'number' && !Number.isNaN(v)))
        ) {
          throw new RangeError(`needed[${mask}] must hold ${R} numbers or nulls`);
        }
      }
      checkAvailabilityValue(config.balancer, 'balancer');
      checkCount(config.replication, 'replication', 1, Math.min(...config.regions.map((x) => x.nodes)));
      checkCount(config.writeQuorum, 'writeQuorum', 1, R * config.replication);
      checkSwitch(config.globalSwitch);
      return;
    }
    default:
      throw new RangeError(`config.kind must be k-of-n, vertical or fleet, got ${(config as { kind: unknown }).kind}`);
  }
}

function planFor(config: AvailabilitySimConfig): Plan {
  const b = new PlanBuilder();
  switch (config.kind) {
    case 'k-of-n': {
      for (let i = 0; i < config.nodes; i++) b.add(config.node, true);
      const zc = config.zones?.count ?? 0;
      const rc = config.regions?.count ?? 0;
      for (let z = 0; z < zc; z++) b.add((config.zones as { each: SimRates }).each, false);
      for (let r = 0; r < rc; r++) b.add((config.regions as { each: SimRates }).each, false);
      const service = new KOfNService(config.nodes, config.need, zc, rc, Math.max(zc, 1), Math.max(rc, 1));
      return b.build(service, config.node.mtbfS);
    }
    case 'vertical': {
      const rel = config.reliability;
      // the switch in front of a standby in another region, as in the exact model (none within one region)
      const sw = config.standbyInOtherRegion && config.standby !== 'none' ? config.globalSwitch : null;
      const addSwitch = (): number =>
        sw !== null && sw.availability.unavailability > 0 ? b.add(ratesFromAvailability(sw.availability), false) : -1;
      if (config.standby === 'hot') {
        b.add(rel.node, true);
        b.add(rel.node, true);
        b.add(rel.zone, false);
        b.add(rel.zone, false);
        b.add(rel.region, false);
        if (config.standbyInOtherRegion) b.add(rel.region, false);
        let balancer = -1;
        if (config.balancer !== null && config.balancer.unavailability > 0) {
          balancer = b.add(ratesFromAvailability(config.balancer), false);
        }
        const switchId = addSwitch();
        const failoverS = config.standbyInOtherRegion ? crossRegionFailoverS(rel.failoverS, sw) : rel.failoverS;
        const service = new HotStandbyService(
          b.mtbf.length,
          config.standbyInOtherRegion,
          [balancer, switchId].filter((c) => c >= 0),
          failoverS,
        );
        return b.build(service, rel.node.mtbfS);
      }
      const cap =
        config.standby === 'cold'
          ? coldRestoreTimeS(rel.coldRestoreS, config.workingSetBytes, rel.restoreRateBytesPerS, sw?.failoverS ?? 0)
          : Number.POSITIVE_INFINITY;
      b.add(rel.node, true, cap);
      b.add(rel.zone, false, cap);
      b.add(rel.region, false, config.standbyInOtherRegion ? cap : Number.POSITIVE_INFINITY);
      addSwitch();
      return b.build(new SeriesService(), rel.node.mtbfS);
    }
    case 'fleet': {
      const rel = config.reliability;
      let nodes = 0;
      let zones = 0;
      for (const reg of config.regions) {
        nodes += reg.nodes;
        zones += reg.zones;
      }
      for (let i = 0; i < nodes; i++) b.add(rel.node, true);
      for (let z = 0; z < zones; z++) b.add(rel.zone, false);
      for (let r = 0; r < config.regions.length; r++) b.add(rel.region, false);
      const hasBalancers = config.balancer.unavailability > 0;
      if (hasBalancers) {
        const rates = ratesFromAvailability(config.balancer);
        for (let r = 0; r < config.regions.length; r++) b.add(rates, false);
      }
      const sw = config.globalSwitch;
      const switchId =
        sw !== null && sw.availability.unavailability > 0 ? b.add(ratesFromAvailability(sw.availability), false) : -1;
      const service = new FleetService(
        config,
        rel.failoverS,
        crossRegionFailoverS(rel.failoverS, sw),
        hasBalancers,
        switchId,
      );
      return b.build(service, rel.node.mtbfS);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The run

/**
 * Simulates chunk `index` of `config` over `years` simulated years with the stream streamFor(seed, index): the
 * result depends only on (config, years, seed, index).
 */
export function simulateAvailabilityChunk(
  config: AvailabilitySimConfig,
  years: number,
  seed: number,
  index: number,
): AvailabilityChunk {
  checkSimConfig(config);
  if (!(Number.isFinite(years) && years > 0)) throw new RangeError(`years must be > 0, got ${years}`);
  const stream = streamFor(seed, index);
  const plan = planFor(config);
  const lifetime = config.lifetime ?? { kind: 'exponential' };
  const crews = config.crews ?? null;
  const { simulatedS, downS, downEvents } = run(plan, years * SECONDS_PER_YEAR, stream, lifetime, crews);
  return { index, years, simulatedS, downS, downEvents };
}

function run(
  plan: Plan,
  endS: number,
  stream: Stream,
  lifetime: SimLifetime,
  crews: number | null,
): { simulatedS: number; downS: number; downEvents: number } {
  const { mtbf, mttr, cap, crewed, service } = plan;
  const n = mtbf.length;
  const weibull = lifetime.kind === 'weibull';
  const invShape = weibull ? 1 / lifetime.shape : 1;
  // Weibull scale keeping the mean at the MTBF: mean = scale Gamma(1 + 1/shape).
  const scale = new Float64Array(n);
  const gammaFactor = weibull ? Math.exp(logGamma(1 + invShape)) : 1;
  for (let c = 0; c < n; c++) scale[c] = (mtbf[c] as number) / gammaFactor;
  // Outages capped at `cap`: min(Exp(mttr), cap).
  const repair = (c: number): number => Math.min(stream.exponential(mttr[c] as number), cap[c] as number);
  const life = (c: number): number => {
    const e = stream.exponential(1);
    return weibull ? (scale[c] as number) * e ** invShape : e * (mtbf[c] as number);
  };

  const up = new Uint8Array(n);
  const heap = new EventHeap(n);
  const limited = crews !== null;
  const stationary = !weibull && !limited;
  if (stationary) {
    for (let c = 0; c < n; c++) {
      const m = mttr[c] as number;
      const k = cap[c] as number;
      // Mean outage E[min(Exp(m), k)] = m (1 - e^(-k/m)); its stationary residual is Exp(m) truncated at k.
      const meanDown = k === Number.POSITIVE_INFINITY ? m : -m * Math.expm1(-k / m);
      const pUp = (mtbf[c] as number) / ((mtbf[c] as number) + meanDown);
      if (stream.uniform() < pUp) {
        up[c] = 1;
        heap.push(stream.exponential(mtbf[c] as number), c);
      } else {
        up[c] = 0;
        const u = stream.uniform();
        const residual = k === Number.POSITIVE_INFINITY ? -m * Math.log(u) : -m * Math.log1p(u * Math.expm1(-k / m));
        heap.push(residual, c);
      }
    }
  } else {
    const start = -plan.warmupS;
    for (let c = 0; c < n; c++) {
      up[c] = 1;
      heap.push(start + life(c), c);
    }
  }
  service.reset(up);

  // FIFO queue of nodes waiting for a crew (ring buffer).
  const queue = new Int32Array(limited ? n + 1 : 1);
  let qHead = 0;
  let qLen = 0;
  let busy = 0;
  const maxCrews = crews ?? 0;

  let last = 0;
  let downS = 0;
  let downEvents = 0;
  let down = service.down;
  while (heap.size > 0) {
    const t = heap.topTime();
    if (t >= endS) break;
    const c = heap.topId();
    if (t > last) {
      downS += down * (t - last);
      last = t;
    }
    let charge: number;
    if (up[c]) {
      up[c] = 0;
      charge = service.flip(c, false);
      if (limited && crewed[c]) {
        if (busy < maxCrews) {
          busy++;
          heap.replaceTop(t + repair(c), c);
        } else {
          queue[(qHead + qLen) % queue.length] = c;
          qLen++;
          heap.pop();
        }
      } else {
        heap.replaceTop(t + repair(c), c);
      }
    } else {
      up[c] = 1;
      charge = service.flip(c, true);
      heap.replaceTop(t + life(c), c);
      if (limited && crewed[c]) {
        busy--;
        if (qLen > 0) {
          const next = queue[qHead] as number;
          qHead = (qHead + 1) % queue.length;
          qLen--;
          busy++;
          heap.push(t + repair(next), next);
        }
      }
    }
    const now = service.down;
    if (t >= 0) {
      if (down === 0 && now > 0) downEvents++;
      else if (charge > 0) downEvents++;
      downS += charge;
    }
    down = now;
  }
  if (endS > last) downS += down * (endS - last);
  return { simulatedS: endS, downS, downEvents };
}

// ---------------------------------------------------------------------------------------------------------------
// Combining chunks

function describeModel(config: AvailabilitySimConfig): string {
  const lifetime =
    config.lifetime?.kind === 'weibull'
      ? `Weibull up times (shape ${config.lifetime.shape}, mean = MTBF)`
      : 'exponential up times';
  const crews = config.crews
    ? `; at most ${config.crews} node repair${config.crews === 1 ? '' : 's'} at once (shared crews, FIFO)`
    : '';
  const warm =
    config.lifetime?.kind === 'weibull' || config.crews
      ? `; started all up, ${WARMUP_NODE_MTBFS} node MTBFs of warm-up discarded`
      : '; started in the stationary state';
  return `${lifetime}, exponential repairs${crews}${warm}`;
}

/**
 * Combines chunks (in index order, whatever order they are given in) into the availability, its 95% interval (Student
 * t with chunks - 1 degrees of freedom over the chunk unavailabilities) and the count of down events.
 */
export function combineAvailability(
  config: AvailabilitySimConfig,
  chunks: readonly AvailabilityChunk[],
): SimulatedAvailability {
  if (chunks.length === 0) throw new RangeError('combineAvailability: no chunks');
  const sorted = [...chunks].sort((a, b) => a.index - b.index);
  for (let i = 1; i < sorted.length; i++) {
    if ((sorted[i] as AvailabilityChunk).index === (sorted[i - 1] as AvailabilityChunk).index) {
      throw new RangeError(`combineAvailability: chunk ${(sorted[i] as AvailabilityChunk).index} given twice`);
    }
  }
  let totalS = 0;
  let totalDown = 0;
  let events = 0;
  let years = 0;
  for (const c of sorted) {
    totalS += c.simulatedS;
    totalDown += c.downS;
    events += c.downEvents;
    years += c.years;
  }
  // chunk years are total / chunks: drop the rounding noise of adding them back up (20 x 0.05 = 1.0000000000000002)
  years = Number(years.toPrecision(12));
  const k = sorted.length;
  const u = Math.min(1, Math.max(0, totalDown / totalS));
  const half = sectioningHalfWidth(sorted.map((c) => c.downS / c.simulatedS));
  const uLo = Math.max(0, u - half);
  const uHi = Math.min(1, u + half);
  const tooRare = events < MIN_DOWN_EVENTS;
  const failover =
    config.kind !== 'k-of-n' && config.reliability.failoverS > 0
      ? `, plus ${config.reliability.failoverS} s of failover downtime per failure for the requests it affected`
      : '';
  const sw =
    config.kind === 'k-of-n' || (config.kind === 'vertical' && !config.standbyInOtherRegion)
      ? null
      : config.globalSwitch;
  const switchText =
    sw === null
      ? ''
      : `; the global traffic switch in series, and a move to another region taking at least its ${sw.failoverS} s`;
  const rare = tooRare
    ? `; only ${events} down event${events === 1 ? '' : 's'} (fewer than ${MIN_DOWN_EVENTS}): too rare to estimate, report the exact figure instead`
    : '';
  const method =
    `Monte Carlo: event-driven simulation of independent failures and repairs (${describeModel(config)})${failover}${switchText}; ` +
    `${k} chunks, ${years} years in all; 95% interval: Student t with ${k - 1} degrees of freedom over the chunk unavailabilities` +
    rare;
  return {
    availability: 1 - u,
    unavailability: u,
    ci95: [1 - uHi, 1 - uLo],
    ci95Unavailability: [uLo, uHi],
    downEventCount: events,
    simulatedYears: years,
    chunks: k,
    tooRare,
    method,
  };
}

/** Runs `chunks` chunks of totalYears / chunks years each, in order, and combines them. */
export function simulateAvailability(
  config: AvailabilitySimConfig,
  totalYears: number,
  seed: number,
  chunks = 20,
): SimulatedAvailability {
  checkCount(chunks, 'chunks', 1);
  if (!(Number.isFinite(totalYears) && totalYears > 0))
    throw new RangeError(`totalYears must be > 0, got ${totalYears}`);
  const out: AvailabilityChunk[] = [];
  for (let i = 0; i < chunks; i++) out.push(simulateAvailabilityChunk(config, totalYears / chunks, seed, i));
  return combineAvailability(config, out);
}

/** Expected number of events (failures and repairs) in `years`, from the mean cycle of every component. */
export function expectedEvents(config: AvailabilitySimConfig, years: number): number {
  checkSimConfig(config);
  const plan = planFor(config);
  let perS = 0;
  for (let c = 0; c < plan.mtbf.length; c++)
    perS += 2 / ((plan.mtbf[c] as number) + Math.min(plan.mttr[c] as number, plan.cap[c] as number));
  return perS * years * SECONDS_PER_YEAR;
}
