/**
 * The series service state (vertical without standby or with a cold one): down while any component is down.
 */

import type { Service } from './service.js';

/** Components in series (no standby, cold standby): down while any is down. */
export class SeriesService implements Service {
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
