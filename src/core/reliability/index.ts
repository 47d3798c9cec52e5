/**
 * Exact steady-state availability: single components, series, parallel, k-of-n, failure domains, nines, downtime;
 * recovery times (cold-standby restore, failover across regions through a traffic switch); a series of tiers that
 * share zones, regions, balancers and the global switch.
 */
export type { Availability } from './availability.js';
export { fromAvailability, fromMtbfMttr, fromUnavailability, kOfN, parallel, series } from './availability.js';
export type { RegionLayout, ZoneLayout } from './domains.js';
export { convolvePmf, fleetAvailability, probAtLeast, probBelow, regionUpNodesPmf } from './domains.js';
export type { Downtime } from './downtime.js';
export {
  CALENDAR_CONVENTION,
  downtime,
  fromNines,
  nines,
  SECONDS_PER_DAY,
  SECONDS_PER_MONTH,
  SECONDS_PER_WEEK,
  SECONDS_PER_YEAR,
} from './downtime.js';
export type { TrafficSwitch } from './recovery.js';
export { coldRestoreTimeS, crossRegionFailoverS } from './recovery.js';
export type {
  DomainStates,
  RegionDomains,
  SeriesOverDomains,
  SharedDomains,
  Site,
  TierOverDomains,
  TierShare,
} from './seriesOverDomains.js';
export { boxTier, fleetTier, MAX_DOMAIN_STATES, placedFleetTier, seriesOverDomains } from './seriesOverDomains.js';
