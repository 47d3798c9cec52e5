/**
 * The horizontal fleet's service state: nodes in zones in regions behind per-region balancers, users routed to the
 * first reachable region, capacity per region, the partitions' copies and write quorum, and the failover downtime
 * each failure costs the requests it affected.
 */

import { spreadOf, zoneSizes } from '../../reliability/placement.js';
import type { Service } from './service.js';
import type { FleetSimConfig } from './types.js';

/** NEVER enough nodes (a null entry of the needed table). */
const NEVER = 0x3fffffff;

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
