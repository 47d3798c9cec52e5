/**
 * The price of one node in the region where it runs, under the design's pricing model (`pricing.model`; contract,
 * "Pricing"). Every cost computation prices its nodes here, so that a node in Tokyo costs Tokyo's price and a standby
 * in another region that region's price. The result lists every unit price a cost used (cost.prices) and how it was
 * obtained: `derived` is null only for a rate a source lists as such; anything computed says how.
 *
 * Models (USD per hour of one node of type T in region R; OD = the catalog's on-demand price of T in R):
 * - on-demand: OD (listed, or derived by the catalog: a stand-in family's regional multiplier, a flagged correction).
 * - reserved-3y: a standard 3-year Reserved Instance, all upfront, at its effective hourly rate (the upfront spread
 *   over 26,280 hours). Listed for every AWS type in us-east-1 (netflix-3yr-ri) and for x2iedn.32xlarge in every
 *   region (vantage-x2iedn-2026). Elsewhere DERIVED: OD(T, R) x e(T), e(T) = T's us-east-1 rate / T's us-east-1
 *   on-demand price (ASSUMPTION: a type's reservation discount is the same in every region, as x2iedn.32xlarge's is in
 *   all 15 regions of the grid).
 * - reserved-1y: a standard 1-year Reserved Instance, all upfront. Listed only for x2iedn.32xlarge. Elsewhere DERIVED:
 *   OD(T, R) x (1 - d3(T) x g), d3(T) = 1 - e(T) and g = d(1y all-upfront standard) / d(3y all-upfront standard) of the
 *   x2iedn.32xlarge grid (0.4257 / 0.7208; ASSUMPTION: the 1-year discount is the same fraction of the 3-year one for
 *   every family).
 * - savings-plan-1y / savings-plan-3y: no Savings Plans rate is stored for any family. DERIVED as an ASSUMPTION: an EC2
 *   Instance Savings Plan without upfront costs what a standard no-upfront Reserved Instance of the same term does;
 *   that rate is listed for x2iedn.32xlarge (every region) and otherwise taken as OD(T, R) x (1 - d3(T) x g'), g' =
 *   d(Ny no-upfront standard) / d(3y all-upfront standard) of the grid (0.3847 / 0.7208 and 0.6792 / 0.7208).
 * - spot: OD(T, R) x (1 - s(T, R)), s = Spot Advisor's saving against on-demand over the trailing 30 days (a monthly
 *   average of a market price, not a bid; spot-advisor-2025-06-28). Only where Spot Advisor lists T in R.
 *
 * Hence, for every type and region, reserved-3y <= reserved-1y <= on-demand and savings-plan-3y <= savings-plan-1y
 * <= on-demand (g, g' < 1; the grid's own rows keep the same order). A type with no rate under the model in a region
 * has no price there: the searches leave it out, and a design that names it is an input error (exit 2).
 */

import type { Catalog, Instance, NetworkCosts, Reservation } from '../catalog/index.js';
import { InputError } from '../errors.js';
import { PRICING_MODELS } from '../scenario/options.js';
import type { PricingModel } from '../scenario/types.js';
import { keptIn } from '../util/keptIn.js';
import type { ArchitectureResult, CostResult } from './result.js';

export type { PricingModel };

/** One unit price a cost uses: USD per hour of one node of `instance` in `region` under a pricing model. */
export type NodePrice = CostResult['prices'][number];

/** What pricing needs: the catalog, the model of the design being priced and its provider's network prices. */
export interface Pricing {
  catalog: Catalog;
  pricing: PricingModel;
  /** The transfer, balancer and global-switch prices of the scenario's provider (networkPrices.ts). */
  networkCosts: NetworkCosts;
  /** `cost.includeEgress`: internet egress is part of the monthly total (cost.ts); absent: false. */
  includeEgress?: boolean;
}

/** The reservation a model buys (term, option, class), or null for on-demand and spot. */
const RESERVATION: Readonly<Record<PricingModel, Pick<Reservation, 'term' | 'option' | 'class'> | null>> = {
  'on-demand': null,
  spot: null,
  'reserved-3y': { term: '3y', option: 'all-upfront', class: 'standard' },
  'reserved-1y': { term: '1y', option: 'all-upfront', class: 'standard' },
  'savings-plan-3y': { term: '3y', option: 'no-upfront', class: 'standard' },
  'savings-plan-1y': { term: '1y', option: 'no-upfront', class: 'standard' },
};

/** The reservation every type has a rate for in us-east-1: the base of the derived rates. */
const BASE = { region: 'us-east-1', term: '3y', option: 'all-upfront', class: 'standard' } as const;

/**
 * The model's price has no rate for the type in the region: an input error (exit 2) naming the region and where a
 * price exists.
 */
export class NoPriceError extends InputError {
  constructor(
    readonly instance: string,
    readonly region: string,
    readonly model: PricingModel,
    readonly pricedRegions: readonly string[],
  ) {
    const what = model === 'on-demand' ? 'an on-demand price' : `a ${model} price`;
    const why =
      model === 'on-demand'
        ? `the catalog's price source lists none in ${region}: not offered there, as far as it knows`
        : model === 'spot'
          ? `Spot Advisor lists no ${instance} in ${region}`
          : `no ${model} rate is stored for ${instance} in ${region} and none can be derived (no on-demand price there, or no us-east-1 3-year rate to derive it from)`;
    super(
      `the region of ${instance}`,
      region,
      `a region where ${instance} has ${what} (${why}); regions with one: ${pricedRegions.length === 0 ? 'none' : pricedRegions.join(', ')}`,
    );
  }
}

const find = (list: readonly Reservation[], r: Pick<Reservation, 'term' | 'option' | 'class'>) =>
  list.find((x) => x.term === r.term && x.option === r.option && x.class === r.class);

function pct(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
}

/** The grid's discount of a reservation, as a fraction of its 3-year all-upfront standard discount. */
function gridFraction(catalog: Catalog, r: Pick<Reservation, 'term' | 'option' | 'class'>): number | undefined {
  const discount = (q: Pick<Reservation, 'term' | 'option' | 'class'>) =>
    catalog.commitmentRatios.ratios.find((x) => x.term === q.term && x.option === q.option && x.class === q.class)
      ?.discount;
  const base = discount(BASE);
  const own = discount(r);
  if (base === undefined || own === undefined || !(base > 0)) return undefined;
  return own / base;
}

/**
 * unitPrice's answers per catalog, by model, instance name and region (a pure function of its arguments: the searches
 * ask for the same ones often; nested maps of the strings given rather than one key built per call).
 */
const MEMO = new WeakMap<Catalog, Map<PricingModel, Map<string, Map<string, NodePrice | null>>>>();

/**
 * The price of one node of `instance` in `region` under `model`, with its source and derivation, or undefined when
 * the model has no rate there (see the module comment).
 */
export function unitPrice(
  catalog: Catalog,
  instance: Instance,
  region: string,
  model: PricingModel,
): NodePrice | undefined {
  const byInstance = keptIn(
    keptIn(MEMO, catalog, () => new Map()),
    model,
    () => new Map(),
  );
  let byRegion = byInstance.get(instance.name);
  if (byRegion === undefined) {
    byRegion = new Map();
    byInstance.set(instance.name, byRegion);
  }
  let hit = byRegion.get(region);
  if (hit === undefined) {
    hit = computeUnitPrice(catalog, instance, region, model) ?? null;
    byRegion.set(region, hit);
  }
  return hit ?? undefined;
}

function computeUnitPrice(
  catalog: Catalog,
  instance: Instance,
  region: string,
  model: PricingModel,
): NodePrice | undefined {
  const od = catalog.onDemandPrice(instance, region);
  if (od === undefined) return undefined;
  const base = {
    instance: instance.name,
    region,
    pricingModel: model,
    onDemandUsdPerHour: od.usdPerHour,
  };
  const odNote = od.derived === null ? '' : `; the on-demand price is derived: ${od.derived}`;
  if (model === 'on-demand') return { ...base, usdPerHour: od.usdPerHour, source: od.source, derived: od.derived };
  if (model === 'spot') {
    const s = catalog.spot(instance, region);
    if (s === undefined) return undefined;
    return {
      ...base,
      usdPerHour: od.usdPerHour * (1 - s.typicalDiscount),
      source: s.source,
      derived: `on-demand ${od.usdPerHour} USD/h x (1 - Spot Advisor's 30-day saving ${pct(s.typicalDiscount)}): a monthly average of the market price, not a bid${odNote}`,
    };
  }
  const want = RESERVATION[model] as Pick<Reservation, 'term' | 'option' | 'class'>;
  const listed = find(catalog.reservations(instance, region), want);
  const savingsPlan = model.startsWith('savings-plan');
  const spNote =
    'ASSUMPTION: no Savings Plans rate is stored; an EC2 Instance Savings Plan without upfront is taken to cost what a standard no-upfront Reserved Instance of the same term does';
  if (listed !== undefined) {
    return {
      ...base,
      usdPerHour: listed.effectiveUsdPerHour,
      source: listed.source,
      derived: savingsPlan ? `${spNote}, listed here (${listed.derived})` : null,
    };
  }
  const ref = find(catalog.reservations(instance, BASE.region), BASE);
  if (ref === undefined) return undefined;
  const kept = ref.effectiveUsdPerHour / ref.onDemandUsdPerHour; // e(T)
  const d3 = 1 - kept;
  const term = `${want.term === '3y' ? '3' : '1'}-year`;
  if (want.term === BASE.term && want.option === BASE.option && want.class === BASE.class) {
    return {
      ...base,
      usdPerHour: od.usdPerHour * kept,
      source: ref.source,
      derived: `on-demand ${od.usdPerHour} USD/h x ${kept.toPrecision(6)}, the ratio of ${instance.name}'s us-east-1 3-year all-upfront rate to its on-demand price there (a ${pct(d3)} discount; ASSUMPTION: the same discount in every region, as x2iedn.32xlarge's is in all 15 regions of the stored grid)${odNote}`,
    };
  }
  const g = gridFraction(catalog, want);
  if (g === undefined) return undefined;
  const discount = d3 * g;
  return {
    ...base,
    usdPerHour: od.usdPerHour * (1 - discount),
    source: ref.source,
    derived: `${savingsPlan ? `${spNote}; ` : ''}on-demand ${od.usdPerHour} USD/h x (1 - ${pct(discount)}): ${instance.name}'s us-east-1 3-year all-upfront discount ${pct(d3)} x ${g.toPrecision(4)}, the x2iedn.32xlarge grid's ${term} ${want.option} ${want.class} discount as a fraction of its 3-year all-upfront one (ASSUMPTION: the same fraction for every family and region)${odNote}`,
  };
}

/**
 * USD per hour of one node of `instance` in `region` under the context's pricing model, with its source and derivation.
 *
 * @throws NoPriceError when the model has no rate for the type in the region
 */
export function nodePrice(ctx: Pricing, instance: Instance, region: string): NodePrice {
  const p = unitPrice(ctx.catalog, instance, region, ctx.pricing);
  if (p === undefined) throw new NoPriceError(instance.name, region, ctx.pricing, pricedRegions(ctx, instance));
  return p;
}

/** The catalog regions where the model has a rate for `instance`. */
export function pricedRegions(ctx: Pricing, instance: Instance): string[] {
  return instance.onDemand
    .map((x) => x.region)
    .filter((r) => unitPrice(ctx.catalog, instance, r, ctx.pricing) !== undefined);
}

/** USD per hour under the context's model, or undefined when it has no rate there (cheap: for bounds and filters). */
export function usdPerHourIn(ctx: Pricing, instance: Instance, region: string): number | undefined {
  return unitPrice(ctx.catalog, instance, region, ctx.pricing)?.usdPerHour;
}

/** Whether the model prices `instance` in every one of `regions`. */
export function pricedIn(ctx: Pricing, instance: Instance, regions: readonly string[]): boolean {
  return regions.every((r) => unitPrice(ctx.catalog, instance, r, ctx.pricing) !== undefined);
}

/**
 * The cheapest price of `instance` over the catalog's regions under the model, USD per hour: a lower bound of its
 * price in any region, for the searches' cost bounds (a bound must not exceed the cost of any design it stands for).
 */
export function cheapestUsdPerHour(ctx: Pricing, instance: Instance): number {
  let min = Number.POSITIVE_INFINITY;
  for (const p of instance.onDemand)
    min = Math.min(min, usdPerHourIn(ctx, instance, p.region) ?? Number.POSITIVE_INFINITY);
  return min;
}

/** The pricing model a result's nodes were priced at (cost.pricingModel), or undefined for a mix of tiers' models. */
export function pricingOf(r: Pick<ArchitectureResult, 'cost'>): PricingModel | undefined {
  return PRICING_MODELS.find((m) => m === r.cost.pricingModel);
}
