/**
 * How long recovery takes when it crosses a boundary: restoring a cold standby's data, and moving users to another
 * region through a global traffic switch. Pure; seconds, bytes and bytes per second.
 */

import type { Availability } from './availability.js';

/**
 * A global traffic switch (DNS failover with health checks, or a global accelerator) that users go through to reach
 * a design spanning regions: a component in series with the design, and the time it takes to move users.
 */
export interface TrafficSwitch {
  /** The switch's own availability (in series with everything behind it). */
  availability: Availability;
  /** Health-check detection + DNS TTL, seconds: the least time in which users reach another region. */
  failoverS: number;
}

/**
 * Time to bring a cold standby up with its data: a fixed part (detection, start, attach) plus copying the working
 * set back at the restore rate, plus the switch's failover time when the standby is in another region (users follow
 * only once the switch's health checks see the standby up and their cached DNS answers expire):
 *
 *   restore = fixedS + workingSetBytes / restoreRateBytesPerS + switchFailoverS
 *
 * @param fixedS reliability.coldRestore, seconds (>= 0)
 * @param workingSetBytes data to restore, bytes (>= 0)
 * @param restoreRateBytesPerS bytes per second (> 0)
 * @param switchFailoverS the traffic switch's failover time, seconds (>= 0; 0 without a switch)
 * @throws RangeError on a negative or non-finite argument, or a restore rate that is not > 0
 * @example coldRestoreTimeS(1800, 20 * 2 ** 30, 200 * 2 ** 20) // 1902.4 (30 min + 102.4 s)
 */
export function coldRestoreTimeS(
  fixedS: number,
  workingSetBytes: number,
  restoreRateBytesPerS: number,
  switchFailoverS = 0,
): number {
  const nonNegative = (x: number, name: string) => {
    if (!(Number.isFinite(x) && x >= 0)) throw new RangeError(`${name} must be a finite number >= 0, got ${x}`);
  };
  nonNegative(fixedS, 'coldRestoreTimeS: fixedS');
  nonNegative(workingSetBytes, 'coldRestoreTimeS: workingSetBytes');
  nonNegative(switchFailoverS, 'coldRestoreTimeS: switchFailoverS');
  if (!(restoreRateBytesPerS > 0)) {
    throw new RangeError(`coldRestoreTimeS: restoreRateBytesPerS must be > 0, got ${restoreRateBytesPerS}`);
  }
  return fixedS + workingSetBytes / restoreRateBytesPerS + switchFailoverS;
}

/**
 * Downtime of one failover that moves users to another region, seconds: the failover of the component itself
 * (`failoverS`, reliability.failover) and the switch's detection + TTL run at the same time, so the longer of the two.
 * Without a switch (null), `failoverS`.
 */
export function crossRegionFailoverS(failoverS: number, sw: TrafficSwitch | null): number {
  return sw === null ? failoverS : Math.max(failoverS, sw.failoverS);
}
