/**
 * The on-demand price of one node in the region where it runs (catalog per-region prices, Catalog.onDemandPrice).
 * Every cost computation prices its nodes here, so that a node in Tokyo costs Tokyo's price and a standby in another
 * region that region's price. Where the catalog derived a price (a stand-in family's regional multiplier, a correction
 * the reference flags), the price carries the derivation, and the result lists it (cost.prices).
 */

import type { Catalog, Instance } from '../catalog/index.js';
import { InputError } from '../errors.js';
import type { CostResult } from './result.js';

/** One unit price a cost uses: USD per hour of one node of `instance` in `region`. */
export type NodePrice = CostResult['prices'][number];

/**
 * The instance type has no price in the region (the source lists none there: not offered, as far as it knows). An
 * input error (exit 2): the scenario placed the type there, or let the engine place it in the users' region.
 */
export class NoPriceError extends InputError {
  constructor(
    readonly instance: string,
    readonly region: string,
    readonly pricedRegions: readonly string[],
  ) {
    super(
      `the region of ${instance}`,
      region,
      `a region where ${instance} has an on-demand price (the catalog's price source lists none in ${region}: not offered there, as far as it knows); regions with a price: ${pricedRegions.join(', ')}`,
    );
  }
}

/**
 * USD per hour of one node of `instance` in `region`, with its source and derivation.
 *
 * @throws NoPriceError when the catalog has no price of the type in the region
 */
export function nodePrice(catalog: Catalog, instance: Instance, region: string): NodePrice {
  const p = catalog.onDemandPrice(instance, region);
  if (p === undefined)
    throw new NoPriceError(
      instance.name,
      region,
      instance.onDemand.map((x) => x.region),
    );
  return { instance: instance.name, region, usdPerHour: p.usdPerHour, source: p.source, derived: p.derived };
}

/** Whether the catalog prices `instance` in every one of `regions`. */
export function pricedIn(catalog: Catalog, instance: Instance, regions: readonly string[]): boolean {
  return regions.every((r) => catalog.onDemandPrice(instance, r) !== undefined);
}

/**
 * The cheapest on-demand price of `instance` over the catalog's regions, USD per hour: a lower bound of its price in
 * any region, for the searches' cost bounds (a bound must not exceed the cost of any design it stands for).
 */
export function cheapestUsdPerHour(instance: Instance): number {
  let min = Number.POSITIVE_INFINITY;
  for (const p of instance.onDemand) min = Math.min(min, p.usdPerHour);
  return min;
}
