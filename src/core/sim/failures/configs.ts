/**
 * Builders of the vertical and fleet configs from the comparison engine's arguments (the fleet's `needed` table
 * evaluated for every set of up regions), copying only what the simulation reads: configs are plain data.
 */

import type { Availability } from '../../reliability/availability.js';
import type { FleetSimConfig, SimOptions, SimReliability, SimSwitch, VerticalSimConfig } from './types.js';

/** Most regions of a fleet (2^R masks are tabulated). */
export const MAX_FLEET_REGIONS = 10;

/**
 * The fleet config of a horizontal candidate, with `needed(r, loadShare)` evaluated up front for every set of up
 * regions (2^R - 1 of them, R <= 10), routing as the exact model does (each user to the first up region of its
 * order). Arguments as src/compare/availability.ts fleetAvailability.
 */
export function fleetSimConfig(
  reliability: SimReliability,
  regions: readonly { id: string; nodes: number; zones: number }[],
  users: readonly { share: number; order: readonly number[] }[],
  needed: (r: number, loadShare: number) => number | null,
  balancer: Availability,
  placement: { replication: number; writeQuorum: number },
  globalSwitch: SimSwitch | null,
  options: SimOptions = {},
): FleetSimConfig {
  const R = regions.length;
  if (!Number.isInteger(R) || R < 1 || R > MAX_FLEET_REGIONS) {
    throw new RangeError(`fleetSimConfig: 1 to ${MAX_FLEET_REGIONS} regions, got ${R}`);
  }
  const table: (number | null)[][] = [[]];
  const loads = new Float64Array(R);
  for (let mask = 1; mask < 1 << R; mask++) {
    loads.fill(0);
    for (const u of users) {
      const r = u.order.find((x) => (mask >> x) & 1);
      if (r !== undefined) loads[r] = (loads[r] as number) + u.share;
    }
    const row: (number | null)[] = [];
    for (let r = 0; r < R; r++) row.push((loads[r] as number) > 0 ? needed(r, loads[r] as number) : 0);
    table.push(row);
  }
  return {
    kind: 'fleet',
    reliability: pickReliability(reliability),
    regions: regions.map((x) => ({ id: x.id, nodes: x.nodes, zones: x.zones })),
    users: users.map((u) => ({ share: u.share, order: [...u.order] })),
    needed: table,
    balancer: { availability: balancer.availability, unavailability: balancer.unavailability },
    replication: placement.replication,
    writeQuorum: placement.writeQuorum,
    globalSwitch: copySwitch(globalSwitch),
    ...copyOptions(options),
  };
}

/** The vertical config of a candidate; arguments as src/compare/availability.ts verticalAvailability. */
export function verticalSimConfig(
  reliability: SimReliability,
  standby: 'none' | 'cold' | 'hot',
  standbyInOtherRegion: boolean,
  balancer: Availability | null,
  workingSetBytes: number,
  globalSwitch: SimSwitch | null,
  options: SimOptions = {},
): VerticalSimConfig {
  return {
    kind: 'vertical',
    reliability: pickReliability(reliability),
    standby,
    standbyInOtherRegion,
    balancer: balancer ? { availability: balancer.availability, unavailability: balancer.unavailability } : null,
    workingSetBytes,
    globalSwitch: copySwitch(globalSwitch),
    ...copyOptions(options),
  };
}

/** Only what the simulation reads (plain data: configs cross to worker threads). */
function copySwitch(sw: SimSwitch | null): SimSwitch | null {
  if (sw === null) return null;
  const a = sw.availability;
  return { availability: { availability: a.availability, unavailability: a.unavailability }, failoverS: sw.failoverS };
}

/** The rates, failover and restore figures of a reliability, copied (plain data). */
function pickReliability(r: SimReliability): SimReliability {
  return {
    node: { mtbfS: r.node.mtbfS, mttrS: r.node.mttrS },
    zone: { mtbfS: r.zone.mtbfS, mttrS: r.zone.mttrS },
    region: { mtbfS: r.region.mtbfS, mttrS: r.region.mttrS },
    failoverS: r.failoverS,
    coldRestoreS: r.coldRestoreS,
    restoreRateBytesPerS: r.restoreRateBytesPerS,
  };
}

/** The lifetime and crews options, copied (plain data). */
function copyOptions(o: SimOptions): SimOptions {
  const out: SimOptions = {};
  if (o.lifetime !== undefined)
    out.lifetime = o.lifetime.kind === 'weibull' ? { ...o.lifetime } : { kind: 'exponential' };
  if (o.crews !== undefined) out.crews = o.crews;
  if (o.changes !== undefined) out.changes = { ...o.changes };
  return out;
}
