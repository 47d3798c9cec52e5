/**
 * What every candidate of one scenario shares: the design rate, the network between user regions and candidate
 * regions, and the catalog look-ups. Pure (the catalog comes in as an argument); SI units inside, ms only in results.
 */

import type { Catalog, Instance, NetworkCosts, Region } from '../catalog/index.js';
import { greatCircleKm, type LatLon, type Place, rttBetween } from '../core/geo/index.js';
import { profileMean } from '../scenario/profile.js';
import type { Scenario } from '../scenario/types.js';
import { scenarioProvider } from './networkPrices.js';
import type { PricingModel } from './nodePrice.js';
import { type NodeCapacity, speedup } from './perVcpu.js';
import type { ArchitectureResult } from './result.js';

/** 730 hours: the cloud billing month (AWS and GCP price pages). Availability uses the calendar in downtime.ts. */
export const BILLING_HOURS_PER_MONTH = 730;
export const SECONDS_PER_BILLING_MONTH = BILLING_HOURS_PER_MONTH * 3600;

export interface Rtt {
  /** Round trip, seconds. */
  rttS: number;
  method: 'measured' | 'estimated';
}

export interface Context {
  scenario: Scenario;
  catalog: Catalog;
  /** peakRate * (1 + perYear)^years, per second: every figure is computed at this rate. */
  designRatePerS: number;
  /**
   * Rate that sets the monthly transfer volumes: the grown average rate if given, else the design rate times the mean
   * of workload.dailyProfile (the design rate when there is none).
   */
  trafficRatePerS: number;
  /** `cost.includeEgress`: internet egress is part of cost.usdPerMonth (cost.ts). */
  includeEgress: boolean;
  /**
   * The provider the designs run on: the scenario's `provider`, else the catalog's default (networkPrices.ts); the
   * search takes its families only (size.ts, searchableInstances).
   */
  provider: Instance['provider'];
  /**
   * That provider's transfer, balancer and global-switch prices: every cost and the global switch read these, never
   * catalog.networkCosts.
   */
  networkCosts: NetworkCosts;
  /**
   * Memoised RTT between two places (order-free): catalog regions, or users' places given by coordinates
   * (scenario.users[i].region with a location).
   */
  rtt(a: string, b: string): Rtt;
  /** Round trips, seconds, from every user region (scenario.users' order) to `region` (ctx.rtt's figures), memoised
   * per region: the search reads them for every region set without building keys. */
  userRttS(region: string): Float64Array;
  /** The catalog region a user region is served from at best: itself, or the nearest one to a located place. */
  homeRegion(userRegion: string): string;
  /**
   * The pricing model of the designs evaluated in this context (nodePrice.ts): the scenario's `pricing.model`, or a
   * candidate's own (withPricing).
   */
  pricing: PricingModel;
  /**
   * What the capacity model needs of an instance type (capacity.ts): its vCPUs and their speed against the family the
   * service time was measured on (perVcpu.ts), memoised per type.
   */
  node(instance: Pick<Instance, 'name' | 'vcpu' | 'family'>): NodeCapacity;
  /** The designs the search evaluated that no other beats on cost, nines and p99 (for the frontier; kept by
   * frontier.ts's meet as the searches go). null: no frontier is reported from this context (a co-located system's,
   * tiers/index.ts): the searches keep none, and their bounds keep only the answer (screenBound.ts). */
  seen: ArchitectureResult[] | null;
}

/**
 * Design rate = peakRate * (1 + perYear)^years (compound growth over the horizon).
 * @returns requests per second
 */
export function designRate(peakRatePerS: number, growthPerYear: number, growthYears: number): number {
  return peakRatePerS * (1 + growthPerYear) ** growthYears;
}

function regionPlace(region: Region): Place {
  return { kind: 'region' as const, id: region.id, lat: region.lat, lon: region.lon };
}

/**
 * Round trips between two catalog regions by catalog, keyed as Context.rtt keys them: a pure function of the catalog and
 * the pair (regionPlace, the measured table, the catalog's RTT model), so every context shares them (a batch builds one
 * context per line). At most one entry per pair of the catalog's regions.
 */
const CATALOG_RTTS = new WeakMap<Catalog, Map<string, Rtt>>();

function catalogRtt(catalog: Catalog, key: string, compute: () => Rtt): Rtt {
  let rtts = CATALOG_RTTS.get(catalog);
  if (rtts === undefined) {
    rtts = new Map();
    CATALOG_RTTS.set(catalog, rtts);
  }
  let hit = rtts.get(key);
  if (hit === undefined) {
    hit = compute();
    rtts.set(key, hit);
  }
  return hit;
}

/** The catalog region nearest to a point (great-circle; the RTT estimate grows with distance). */
function nearestRegion(catalog: Catalog, p: LatLon): string {
  let best = catalog.regions[0]?.id ?? '';
  let bestKm = Number.POSITIVE_INFINITY;
  for (const r of catalog.regions) {
    const km = greatCircleKm(p, r);
    if (km < bestKm) {
      bestKm = km;
      best = r.id;
    }
  }
  return best;
}

export function buildContext(scenario: Scenario, catalog: Catalog): Context {
  const w = scenario.workload;
  const growth = (1 + w.growthPerYear) ** w.growthYears;
  const designRatePerS = w.peakRatePerS * growth;
  const trafficRatePerS =
    w.averageRatePerS !== null
      ? w.averageRatePerS * growth
      : w.dailyProfile === undefined
        ? designRatePerS
        : designRatePerS * profileMean(w.dailyProfile);
  const provider = scenarioProvider(catalog, scenario.provider);
  const cache = new Map<string, Rtt>();
  const measured = (a: string, b: string) => catalog.measuredRttMs(a, b);
  const located = new Map<string, LatLon>();
  for (const u of scenario.users) if (u.location !== null) located.set(u.region, u.location);
  const place = (id: string): Place => {
    const region = catalog.region(id);
    if (region) return regionPlace(region);
    const at = located.get(id);
    if (!at) throw new RangeError(`unknown region ${id}`);
    return { kind: 'point', lat: at.lat, lon: at.lon };
  };
  const homes = new Map<string, string>();
  const columns = new Map<string, Float64Array>();
  const nodes = new Map<string, NodeCapacity>();
  return {
    scenario,
    catalog,
    designRatePerS,
    trafficRatePerS,
    includeEgress: scenario.includeEgress === true,
    provider: provider.id,
    networkCosts: provider.networkCosts,
    pricing: scenario.pricing,
    seen: [],
    rtt(a, b) {
      const key = a < b ? `${a}|${b}` : `${b}|${a}`;
      let hit = cache.get(key);
      if (hit === undefined) {
        const compute = (): Rtt => {
          const r = rttBetween(place(a), place(b), measured, catalog.rttModel);
          return { rttS: r.rttMs / 1000, method: r.method };
        };
        // two catalog regions: the catalog's figure, shared by every context (place() reads only the catalog then)
        hit = catalog.region(a) && catalog.region(b) ? catalogRtt(catalog, key, compute) : compute();
        cache.set(key, hit);
      }
      return hit;
    },
    userRttS(region) {
      let column = columns.get(region);
      if (column === undefined) {
        column = Float64Array.from(scenario.users, (u) => this.rtt(u.region, region).rttS);
        columns.set(region, column);
      }
      return column;
    },
    node(instance) {
      let n = nodes.get(instance.name);
      if (n === undefined) {
        n = { vcpu: instance.vcpu, speedup: speedup(catalog, w, instance.family) };
        nodes.set(instance.name, n);
      }
      return n;
    },
    homeRegion(userRegion) {
      let home = homes.get(userRegion);
      if (home === undefined) {
        const at = located.get(userRegion);
        home = at === undefined ? userRegion : nearestRegion(catalog, at);
        homes.set(userRegion, home);
      }
      return home;
    },
  };
}

/** The catalog regions nearest the users (each user region's home region, in the users' order, once each). */
export function userHomeRegions(ctx: Context): string[] {
  return [...new Set(ctx.scenario.users.map((u) => ctx.homeRegion(u.region)))];
}

/**
 * The candidate's regions ordered by round trip from a user region (nearest first; ties by the order given).
 * Users are served from the first region of this list that is up.
 */
export function preferenceOrder(ctx: Context, userRegion: string, regions: readonly string[]): string[] {
  if (regions.length === 1) return [...regions];
  return regions
    .map((r, i) => ({ r, i, rtt: ctx.rtt(userRegion, r).rttS }))
    .sort((x, y) => x.rtt - y.rtt || x.i - y.i)
    .map((x) => x.r);
}

/**
 * The same context with another pricing model (a candidate's own `pricing`): everything else shared, the memoised
 * round trips and node speeds and the designs seen included.
 */
export function withPricing(ctx: Context, pricing: PricingModel): Context {
  return pricing === ctx.pricing ? ctx : { ...ctx, pricing };
}
