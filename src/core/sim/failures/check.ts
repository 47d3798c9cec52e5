/**
 * Validation of the simulator's configs: checkSimConfig throws a RangeError naming the first bad field (configs
 * come from the engine, the CLI or a worker's message, so every field is checked before a run).
 */

import type { Availability } from '../../reliability/availability.js';
import { MAX_FLEET_REGIONS } from './configs.js';
import type { AvailabilitySimConfig, SimOptions, SimRates, SimReliability, SimSwitch } from './types.js';

/** Throws unless `r` is { mtbfS, mttrS } with both finite and > 0 (seconds). */
function checkRates(r: SimRates | undefined, name: string): void {
  if (r === null || typeof r !== 'object') throw new RangeError(`${name} must be { mtbfS, mttrS }`);
  if (!(Number.isFinite(r.mtbfS) && r.mtbfS > 0)) throw new RangeError(`${name}.mtbfS must be > 0, got ${r.mtbfS}`);
  if (!(Number.isFinite(r.mttrS) && r.mttrS > 0)) throw new RangeError(`${name}.mttrS must be > 0, got ${r.mttrS}`);
}

/** Throws unless `x` is an integer in [min, max]. */
export function checkCount(x: number, name: string, min: number, max = 1_000_000): void {
  if (!Number.isInteger(x) || x < min || x > max)
    throw new RangeError(`${name} must be an integer in [${min}, ${max}], got ${x}`);
}

/** Throws unless `a` is { availability, unavailability } with the availability in (0, 1]. */
function checkAvailabilityValue(a: Availability | null | undefined, name: string): void {
  if (a === null || typeof a !== 'object') throw new RangeError(`${name} must be { availability, unavailability }`);
  if (!(a.availability > 0 && a.availability <= 1 && a.unavailability >= 0 && a.unavailability < 1)) {
    throw new RangeError(`${name}: availability must be in (0, 1], got ${a.availability}`);
  }
}

/** Throws unless `sw` is null or a global switch with a valid availability and failoverS >= 0 (seconds). */
function checkSwitch(sw: SimSwitch | null | undefined): void {
  if (sw === null) return;
  if (sw === undefined || typeof sw !== 'object')
    throw new RangeError('globalSwitch must be { availability, failoverS } or null');
  checkAvailabilityValue(sw.availability, 'globalSwitch.availability');
  if (!(Number.isFinite(sw.failoverS) && sw.failoverS >= 0)) {
    throw new RangeError(`globalSwitch.failoverS must be >= 0, got ${sw.failoverS}`);
  }
}

/** Throws naming the first bad field of the reliability (rates, failover, cold restore, restore rate). */
function checkReliability(r: SimReliability): void {
  if (r === null || typeof r !== 'object') throw new RangeError('reliability must be an object');
  checkRates(r.node, 'reliability.node');
  checkRates(r.zone, 'reliability.zone');
  checkRates(r.region, 'reliability.region');
  if (!(Number.isFinite(r.failoverS) && r.failoverS >= 0)) {
    throw new RangeError(`reliability.failoverS must be >= 0, got ${r.failoverS}`);
  }
  if (!(r.coldRestoreS > 0)) throw new RangeError(`reliability.coldRestoreS must be > 0, got ${r.coldRestoreS}`);
  if (!(Number.isFinite(r.restoreRateBytesPerS) && r.restoreRateBytesPerS > 0)) {
    throw new RangeError(`reliability.restoreRateBytesPerS must be > 0, got ${r.restoreRateBytesPerS}`);
  }
}

/** Throws unless the lifetime is exponential or Weibull with shape in [0.05, 100], and crews null or >= 1. */
function checkOptions(o: SimOptions): void {
  const l = o.lifetime;
  if (l !== undefined) {
    if (l.kind === 'weibull') {
      if (!(Number.isFinite(l.shape) && l.shape >= 0.05 && l.shape <= 100)) {
        throw new RangeError(`lifetime.shape must be in [0.05, 100], got ${l.shape}`);
      }
    } else if (l.kind !== 'exponential') {
      throw new RangeError(`lifetime.kind must be "exponential" or "weibull", got ${(l as { kind: unknown }).kind}`);
    }
  }
  if (o.crews !== undefined && o.crews !== null) checkCount(o.crews, 'crews', 1);
  const c = o.changes;
  if (c !== undefined) {
    for (const key of ['deployRatePerS', 'deployDownS', 'failureRatePerS', 'recoveryS'] as const) {
      if (!(Number.isFinite(c[key]) && c[key] >= 0)) throw new RangeError(`changes.${key} must be >= 0, got ${c[key]}`);
    }
    if (!(c.share >= 0 && c.share <= 1)) throw new RangeError(`changes.share must be in [0, 1], got ${c.share}`);
  }
}

/** Throws RangeError naming the first problem of a config. */
export function checkSimConfig(config: AvailabilitySimConfig): void {
  if (config === null || typeof config !== 'object') throw new RangeError('config must be an object');
  checkOptions(config);
  switch (config.kind) {
    case 'k-of-n': {
      checkCount(config.nodes, 'nodes', 1);
      checkCount(config.need, 'need', 1, config.nodes);
      checkRates(config.node, 'node');
      if (config.zones !== undefined) {
        checkCount(config.zones.count, 'zones.count', 1);
        checkRates(config.zones.each, 'zones.each');
      }
      if (config.regions !== undefined) {
        checkCount(config.regions.count, 'regions.count', 1, config.zones?.count ?? 1);
        checkRates(config.regions.each, 'regions.each');
      }
      return;
    }
    case 'vertical': {
      checkReliability(config.reliability);
      if (!['none', 'cold', 'hot'].includes(config.standby)) {
        throw new RangeError(`standby must be none, cold or hot, got ${config.standby}`);
      }
      if (config.balancer !== null) checkAvailabilityValue(config.balancer, 'balancer');
      if (!(Number.isFinite(config.workingSetBytes) && config.workingSetBytes >= 0)) {
        throw new RangeError(`workingSetBytes must be >= 0, got ${config.workingSetBytes}`);
      }
      checkSwitch(config.globalSwitch);
      return;
    }
    case 'fleet': {
      checkReliability(config.reliability);
      const R = config.regions.length;
      checkCount(R, 'regions.length', 1, MAX_FLEET_REGIONS);
      config.regions.forEach((reg, r) => {
        checkCount(reg.nodes, `regions[${r}].nodes`, 1);
        checkCount(reg.zones, `regions[${r}].zones`, 1);
      });
      if (!Array.isArray(config.users) || config.users.length === 0) throw new RangeError('users must be non-empty');
      let total = 0;
      config.users.forEach((u, i) => {
        if (!(Number.isFinite(u.share) && u.share >= 0)) throw new RangeError(`users[${i}].share must be >= 0`);
        total += u.share;
        if (!Array.isArray(u.order) || u.order.some((r) => !Number.isInteger(r) || r < 0 || r >= R)) {
          throw new RangeError(`users[${i}].order must list region indices in [0, ${R})`);
        }
      });
      if (!(total > 0)) throw new RangeError('users: the shares must add up to more than 0');
      if (!Array.isArray(config.needed) || config.needed.length !== 1 << R) {
        throw new RangeError(`needed must have 2^${R} rows (one per set of up regions); use fleetSimConfig`);
      }
      for (let mask = 1; mask < 1 << R; mask++) {
        const row = config.needed[mask];
        if (
          !Array.isArray(row) ||
          row.length !== R ||
          row.some((v) => v !== null && !(typeof v === 'number' && !Number.isNaN(v)))
        ) {
          throw new RangeError(`needed[${mask}] must hold ${R} numbers or nulls`);
        }
      }
      checkAvailabilityValue(config.balancer, 'balancer');
      checkCount(config.replication, 'replication', 1, Math.min(...config.regions.map((x) => x.nodes)));
      checkCount(config.writeQuorum, 'writeQuorum', 1, R * config.replication);
      checkSwitch(config.globalSwitch);
      return;
    }
    default:
      throw new RangeError(`config.kind must be k-of-n, vertical or fleet, got ${(config as { kind: unknown }).kind}`);
  }
}
