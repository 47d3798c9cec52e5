/**
 * The expected event count of a run (for sizing the work of the simulation before it runs).
 */

import { SECONDS_PER_YEAR } from '../../reliability/downtime.js';
import { checkSimConfig } from './check.js';
import { planFor } from './plan.js';
import type { AvailabilitySimConfig } from './types.js';

/** Expected number of events (failures and repairs) in `years`, from the mean cycle of every component. */
export function expectedEvents(config: AvailabilitySimConfig, years: number): number {
  checkSimConfig(config);
  const plan = planFor(config);
  let perS = 0;
  for (let c = 0; c < plan.mtbf.length; c++)
    perS += 2 / ((plan.mtbf[c] as number) + Math.min(plan.mttr[c] as number, plan.cap[c] as number));
  return perS * years * SECONDS_PER_YEAR;
}
