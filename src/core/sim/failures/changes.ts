/**
 * Deploys and failed changes in the failure simulation (issue 20): two components beside the hardware's, each an
 * alternating renewal process the event loop runs like any other. A deploy takes the service down for a fixed time
 * (`deployDownS`: its up times exponential with mean 1/rate - down, so deploys come at `deployRatePerS`); a failed
 * change takes `share` of it down for an exponential recovery (mean `recoveryS`, at `failureRatePerS`). The service's
 * down fraction is then 1 - (1 - hardware) (1 - deploy) (1 - share x change): independent of the hardware, as the
 * analytic model (src/compare/operations.ts) assumes; the simulation checks that the two agree.
 */

import type { PlanBuilder } from './plan.js';
import type { Service } from './service.js';
import type { SimChanges } from './types.js';

/** The component ids of the deploy and failed-change processes (-1: not simulated), and whether they fill all time. */
export interface ChangeComponents {
  deployId: number;
  changeId: number;
  alwaysDown: boolean;
}

/**
 * Adds the deploy and failed-change components to `b` after the service's own: a deploy's outage is fixed (MTTR
 * Infinity, capped at the down time: transitions.ts), a failed change's exponential. A process with no events is left
 * out (id -1); one whose outages would fill all the time (rate x duration >= 1) too, and the service is then always
 * down (the analytic model caps each term at 1; a partial failed change fills its share).
 */
export function addChanges(b: PlanBuilder, c: SimChanges): ChangeComponents {
  const deployFills = c.deployRatePerS * c.deployDownS >= 1;
  const changeFills = c.failureRatePerS * c.recoveryS >= 1 && c.share > 0;
  const deployId =
    c.deployRatePerS > 0 && c.deployDownS > 0 && !deployFills
      ? b.add({ mtbfS: 1 / c.deployRatePerS - c.deployDownS, mttrS: Number.POSITIVE_INFINITY }, false, c.deployDownS)
      : -1;
  const changeId =
    c.failureRatePerS > 0 && c.recoveryS > 0 && c.share > 0 && !changeFills
      ? b.add({ mtbfS: 1 / c.failureRatePerS - c.recoveryS, mttrS: c.recoveryS }, false)
      : -1;
  return { deployId, changeId, alwaysDown: deployFills || (changeFills && c.share >= 1) };
}

/**
 * The service with the change components (their ids after all of the service's own, which keep theirs): down as
 * 1 - (1 - service) (1 - deploy) (1 - share x change); a failed change that fills all time holds its share down.
 */
export class WithChanges implements Service {
  down = 0;
  private deployDown = 0;
  private changeDown = 0;
  private readonly first: number;
  private readonly changeShare: number;
  private readonly changeFills: boolean;

  constructor(
    private readonly service: Service,
    private readonly ids: ChangeComponents,
    c: SimChanges,
  ) {
    const own = [ids.deployId, ids.changeId].filter((id) => id >= 0);
    this.first = own.length > 0 ? Math.min(...own) : Number.MAX_SAFE_INTEGER;
    this.changeShare = c.share;
    // a failed change whose outages fill all time: its share always down
    this.changeFills = c.failureRatePerS * c.recoveryS >= 1 && c.share > 0;
  }

  reset(up: Uint8Array): void {
    this.service.reset(this.first < up.length ? up.subarray(0, this.first) : up);
    if (this.ids.deployId >= 0) this.deployDown = up[this.ids.deployId] ? 0 : 1;
    if (this.ids.changeId >= 0) this.changeDown = up[this.ids.changeId] ? 0 : 1;
    else if (this.changeFills) this.changeDown = 1;
    this.update();
  }

  flip(c: number, isUp: boolean): number {
    if (c < this.first) {
      const charge = this.service.flip(c, isUp);
      this.update();
      return charge;
    }
    if (c === this.ids.deployId) this.deployDown = isUp ? 0 : 1;
    else this.changeDown = isUp ? 0 : 1;
    this.update();
    return 0;
  }

  private update(): void {
    this.down = this.ids.alwaysDown
      ? 1
      : 1 - (1 - this.service.down) * (1 - this.deployDown) * (1 - this.changeShare * this.changeDown);
  }
}
