/**
 * The hot-standby pair's service state: two sides, the standby taking over when the active side fails, each
 * takeover costing the failover time.
 */

import type { Service } from './service.js';

/**
 * Hot standby. Components: 0, 1 the two nodes; 2, 3 their zones; then either 4, 5 their regions (standby in
 * another region) or 4 the shared region; then the balancer and the global traffic switch, if any (`common`: in
 * series with the pair).
 */
export class HotStandbyService implements Service {
  down = 0;
  private readonly up: Uint8Array;
  private active = 0;
  private readonly sideUp = new Uint8Array(2);
  private commonUp = 1;
  /** Component ids in series with the pair (balancer, switch). */
  private readonly common: Int32Array;

  constructor(
    count: number,
    private readonly otherRegion: boolean,
    common: readonly number[],
    private readonly failoverS: number,
  ) {
    this.up = new Uint8Array(count);
    this.common = Int32Array.from(common);
  }

  /** Whether every component in series with the pair is up (a loop: no closure per event). */
  private commonAllUp(): boolean {
    const up = this.up;
    const common = this.common;
    for (let i = 0; i < common.length; i++) if (!up[common[i] as number]) return false;
    return true;
  }

  /** Recomputes each side's state, the common part's and the service's from the component states. */
  private refresh(): void {
    const up = this.up;
    for (let s = 0; s < 2; s++) {
      this.sideUp[s] = up[s] && up[2 + s] && (!this.otherRegion || up[4 + s]) ? 1 : 0;
    }
    this.commonUp = (this.otherRegion || up[4]) && this.commonAllUp() ? 1 : 0;
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
