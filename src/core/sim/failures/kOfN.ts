/**
 * The k-of-n service state (capplan availability): N nodes round-robin over zones, zones over regions, up while at
 * least `need` nodes are up in up zones of up regions.
 */

import type { Service } from './service.js';

/** k-of-n over zones and regions: counts kept per zone and per region so every event costs O(1). */
export class KOfNService implements Service {
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
