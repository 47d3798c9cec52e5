/**
 * Failure and repair rates of a component known only by its availability (balancers, the global switch, a node
 * given as `--node-availability`).
 */

import type { Availability } from '../../reliability/availability.js';
import type { SimRates } from './types.js';

/** Repair time given to components known only by their availability (balancers), seconds. */
export const SYNTHETIC_MTTR_S = 3600;

/** MTBF/MTTR of a component known only by its availability: MTTR 1 h, MTBF = MTTR A / (1 - A). */
export function ratesFromAvailability(a: Availability, mttrS = SYNTHETIC_MTTR_S): SimRates {
  if (!(a.availability > 0 && a.unavailability > 0)) {
    throw new RangeError(`ratesFromAvailability: need 0 < A < 1, got A = ${a.availability}, U = ${a.unavailability}`);
  }
  return { mtbfS: (mttrS * a.availability) / a.unavailability, mttrS };
}
