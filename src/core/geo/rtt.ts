/**
 * Round-trip time between two places: the measured median when both are catalog regions with a measured figure
 * (including a region with itself: the intra-region RTT), otherwise an estimate from the great-circle distance with
 * the fitted path-inflation line (rttModel.ts). Pure: the catalog's lookups come in as arguments.
 */
import { greatCircleKm } from './greatCircle.js';
import { estimateRttMs, type RttModel } from './rttModel.js';

/** A catalog region (id plus its coordinates) or a bare point, coordinates in decimal degrees. */
export type Place =
  | { kind: 'region'; id: string; lat: number; lon: number }
  | { kind: 'point'; lat: number; lon: number };

export interface RttResult {
  /** Round-trip time, ms. */
  rttMs: number;
  /** Great-circle distance between the two places' coordinates, km (also when the RTT is measured). */
  distanceKm: number;
  /** 'measured' when both places are regions with a measured RTT, else 'estimated' from distanceKm. */
  method: 'measured' | 'estimated';
}

/**
 * @param measured the measured RTT in ms between two region ids, in either order (a === b: intra-region), or
 *   undefined when there is none
 * @param model the fitted path-inflation line used when nothing is measured
 * @throws RangeError if a place's coordinates are not a valid latitude/longitude
 * @example rttBetween({ kind: 'point', lat: 0, lon: 0 }, { kind: 'point', lat: 0, lon: 90 }, () => undefined, { interceptMs: 5, msPerKm: 0.02 }) // { method: 'estimated', rttMs: 205.1511444203592 }
 */
export function rttBetween(
  a: Place,
  b: Place,
  measured: (a: string, b: string) => number | undefined,
  model: RttModel,
): RttResult {
  const distanceKm = greatCircleKm(a, b);
  if (a.kind === 'region' && b.kind === 'region') {
    const rttMs = measured(a.id, b.id);
    if (rttMs !== undefined) return { rttMs, distanceKm, method: 'measured' };
  }
  return { rttMs: estimateRttMs(distanceKm, model), distanceKm, method: 'estimated' };
}
