/**
 * The fleet's routing tables, one row per set of reachable regions (mask): which region serves each user, how many
 * nodes each region needs for the load routed to it (the caller's `needed` table) and that load. Built once per run,
 * read per event without allocating.
 */

import type { FleetSimConfig } from './types.js';

/** NEVER enough nodes (a null entry of the needed table). */
export const NEVER = 0x3fffffff;

/** Routing of every user under every mask (2^R rows), as flat typed arrays. */
export interface FleetRouting {
  /** serving[mask * U + u]: the region serving user u, or -1. */
  serving: Int32Array;
  /** need[mask * R + r]. */
  need: Int32Array;
  /** load[mask * R + r]: share of all requests routed to r (normalised by the total share). */
  load: Float64Array;
}

/** The routing tables of a fleet config: each user to the first region of its order in the mask. */
export function fleetRouting(config: FleetSimConfig): FleetRouting {
  const R = config.regions.length;
  const U = config.users.length;
  const masks = 1 << R;
  const serving = new Int32Array(masks * U).fill(-1);
  const need = new Int32Array(masks * R);
  const load = new Float64Array(masks * R);
  let total = 0;
  for (const u of config.users) total += u.share;
  const weight = Float64Array.from(config.users, (u) => u.share / total);
  for (let mask = 1; mask < masks; mask++) {
    config.users.forEach((u, i) => {
      const r = u.order.find((x) => (mask >> x) & 1);
      if (r === undefined) return;
      serving[mask * U + i] = r;
      load[mask * R + r] = (load[mask * R + r] as number) + (weight[i] as number);
    });
    const row = config.needed[mask] as (number | null)[];
    for (let r = 0; r < R; r++) {
      const v = row[r];
      need[mask * R + r] = v === null || v === undefined ? NEVER : Math.max(0, Math.min(NEVER, Math.ceil(v)));
    }
  }
  return { serving, need, load };
}
