/**
 * Data placement in a fleet's simulation: each region's partitions' copies spread over its zones as
 * src/core/reliability/placement.ts places them, and the check, after every event, that the worst partition still has
 * a live copy and its write quorum. Allocation-free per check.
 */

import { spreadOf, zoneSizes } from '../../reliability/placement.js';

/** The placement tables of a fleet (zones numbered region by region) and the worst partition's check. */
export class WorstPartition {
  /** Nodes of each zone. */
  readonly zoneSize: Int32Array;
  /** Each region's spread of copies over its non-empty zones (spreadOf): lo per zone, `extra` zones one more. */
  private readonly spreadLo: Int32Array;
  private readonly spreadHi: Int32Array;
  private readonly spreadExtra: Int32Array;
  /** First zone of each region (zones of region r: zoneStart[r] .. zoneStart[r + 1] - 1). */
  private readonly zoneStart: Int32Array;
  private readonly R: number;
  private readonly replication: number;
  /** Copies of the worst partition that may be down: regions x replication - writeQuorum. */
  private readonly maxDownCopies: number;

  /** `replication` copies of each partition in every region; a write needs `writeQuorum` live copies of all. */
  constructor(regions: readonly { nodes: number; zones: number }[], replication: number, writeQuorum: number) {
    const R = regions.length;
    let zones = 0;
    for (const reg of regions) zones += reg.zones;
    this.R = R;
    this.replication = replication;
    this.maxDownCopies = R * replication - writeQuorum;
    this.zoneSize = new Int32Array(zones);
    this.zoneStart = new Int32Array(R + 1);
    this.spreadLo = new Int32Array(R);
    this.spreadHi = new Int32Array(R);
    this.spreadExtra = new Int32Array(R);
    let zb = 0;
    regions.forEach((reg, r) => {
      this.zoneStart[r] = zb;
      // the placement of src/core/reliability/placement.ts: zone sizes round-robin, copies spread evenly
      const sizes = zoneSizes(reg.nodes, reg.zones);
      const spread = spreadOf(sizes, replication) as NonNullable<ReturnType<typeof spreadOf>>;
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
   * States as the fleet keeps them: regionUp[r], zoneUp[z] (1 up, 0 down), nodesUpInZone[z] (whatever the zone's state).
   */
  lost(regionUp: Uint8Array, zoneUp: Uint8Array, nodesUpInZone: Int32Array): boolean {
    let down = 0;
    for (let r = 0; r < this.R; r++) {
      if (!regionUp[r]) {
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
        const dz = zoneUp[z] ? size - (nodesUpInZone[z] as number) : size;
        t += Math.min(lo, dz);
        if (dz >= hi) full++;
      }
      down += Math.min(this.replication, t + Math.min(this.spreadExtra[r] as number, full));
    }
    return down > this.maxDownCopies;
  }
}
