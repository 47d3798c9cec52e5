/**
 * The horizontal fleet's service state: nodes in zones in regions behind per-region balancers and the global switch,
 * users routed to the first reachable region (the routing tables: fleetRouting.ts), capacity per region, the
 * partitions' copies and write quorum (partitions.ts), and the failover downtime each failure costs the requests it
 * affected.
 */

import { fleetRouting } from './fleetRouting.js';
import { WorstPartition } from './partitions.js';
import type { Service } from './service.js';
import type { FleetSimConfig } from './types.js';

/**
 * Horizontal fleet. Components: all nodes (region by region, node j of a region in its zone j % zones), then all
 * zones (region by region), then the R regions, then the R balancers (when the balancer can fail), then the global
 * traffic switch (when there is one and it can fail): while it is down, every user is.
 */
export class FleetService implements Service {
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
  private readonly zoneUp: Uint8Array;
  private readonly nodesUpInZone: Int32Array;
  private readonly regionUp: Uint8Array;
  private readonly balancerUp: Uint8Array;
  /** Nodes up in up zones of each region. */
  private readonly count: Int32Array;
  /** Nodes of each zone (the partitions' table). */
  private readonly zoneSize: Int32Array;
  /** The placement of the partitions' copies, and the check of their write quorum. */
  private readonly partitions: WorstPartition;
  /** Non-empty zones up in each region: with none, the region serves nobody. */
  private readonly zonesUp: Int32Array;
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
    const routing = fleetRouting(config);
    this.serving = routing.serving;
    this.need = routing.need;
    this.load = routing.load;
    this.zoneUp = new Uint8Array(zones);
    this.nodesUpInZone = new Int32Array(zones);
    this.regionUp = new Uint8Array(R);
    this.balancerUp = new Uint8Array(R);
    this.count = new Int32Array(R);
    this.partitions = new WorstPartition(config.regions, config.replication, config.writeQuorum);
    this.zoneSize = this.partitions.zoneSize;
    this.zonesUp = new Int32Array(R);
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
    this.down = down === 1 || this.partitions.lost(this.regionUp, this.zoneUp, this.nodesUpInZone) ? 1 : 0;
  }

  /** The reachable regions: bit r set while region r, its balancer and one of its non-empty zones are up. */
  private routeMask(): number {
    let mask = 0;
    for (let r = 0; r < this.R; r++) {
      if (this.regionUp[r] && this.balancerUp[r] && (this.zonesUp[r] as number) > 0) mask |= 1 << r;
    }
    return mask;
  }

  /** Service.reset: the counts per zone and region, the reachable regions and the switch from every state. */
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

  /**
   * Service.flip: updates the counts and the reachable regions; a node or zone failure charges failoverS times the
   * share of requests its nodes were serving, a region failure (with several regions) the regions' failover time
   * times the region's share (seconds, user-weighted).
   */
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
