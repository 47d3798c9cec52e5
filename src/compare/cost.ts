/**
 * Monthly cost of a candidate from the catalog's list prices (730-hour billing month):
 * - compute: instances x USD/hour x 730, each node at the on-demand price of the region where it runs (nodePrice.ts;
 *   a derived regional price is listed with its derivation in cost.prices);
 * - standby: a hot standby is a second running box, at its own region's price; a cold standby runs nothing (its disk or snapshot storage is
 *   not in the catalog and not priced);
 * - balancer: one Application Load Balancer per serving region (horizontal; and in front of a hot pair in one
 *   region), hours plus LCUs from processed bytes (LCUs from new/active connections and rule evaluations depend on
 *   connection reuse and rules, which the scenario does not give: not priced);
 * - global traffic switch (a standby in another region, or a horizontal design over several regions): the catalog's
 *   default switch (Route 53 DNS failover: a hosted zone, one health check per serving endpoint and the DNS queries
 *   that reach it; or a global accelerator: hours plus a premium per GB of the larger direction);
 * - cross-zone transfer: every write is copied to the replicas in other zones of its region, at the cross-AZ price
 *   charged in each direction; requests from the balancer to targets in other zones are free for an ALB;
 * - inter-region transfer: every write is copied to every other serving region (or to a standby in another region),
 *   at the sending region's inter-region price;
 * - internet egress: responses to users from each serving region, tiered on the monthly volume (tiers of the
 *   catalog's tier region, scaled by each region's first-tier price), after the free monthly allowance. It is about
 *   the same for every design (and usually goes through a CDN), so it is reported beside the total, not in it, unless
 *   the scenario asks for it (`cost.includeEgress`: then it is in the breakdown and the total, the bill to be paid).
 * Transfer volumes use the traffic rate (the grown average rate if the scenario gives one, else the design rate).
 */

import type { GlobalSwitch, NetworkCosts } from '../catalog/index.js';
import { BILLING_HOURS_PER_MONTH, SECONDS_PER_BILLING_MONTH } from './context.js';
import type { NodePrice, Pricing, PricingModel } from './nodePrice.js';
import type { CostBreakdown, CostResult } from './result.js';

const GB = 1e9;

export interface CostInput {
  /** Running instances by region, with their price there. */
  compute: { count: number; price: NodePrice }[];
  /** Running standby instances (hot standby), with their price where they run. */
  standby: { count: number; price: NodePrice }[];
  /** Regions with a balancer. */
  balancerRegions: string[];
  /** The global traffic switch in front of a design that spans regions, and how many endpoints it health-checks. */
  globalSwitch: { sw: GlobalSwitch; endpoints: number } | null;
  /** Share of the traffic rate each serving region answers, normal operation. */
  servedShare: { region: string; share: number }[];
  /** Bytes per second copied across zones within regions. */
  crossZoneBytesPerS: number;
  /** Bytes per second copied from a region to another. */
  interRegion: { from: string; to: string; bytesPerS: number }[];
  trafficRatePerS: number;
  requestSizeBytes: number;
  responseSizeBytes: number;
  /** People and tooling, and a blue-green deploy's second copy, USD per month (operations.ts); absent: none. */
  operations?: { usdPerMonth: number; blueGreenUsdPerMonth: number };
}

/** How each model prices a node (nodePrice.ts, where the derivations are). */
const PRICING_METHOD: Readonly<Record<PricingModel, string>> = {
  'on-demand': 'on-demand list prices',
  'reserved-3y':
    "standard 3-year Reserved Instances, all upfront, at their effective hourly rate; outside the listed rates derived from the type's us-east-1 discount, as cost.prices says",
  'reserved-1y':
    "standard 1-year Reserved Instances, all upfront, at their effective hourly rate; derived from the type's 3-year discount and the x2iedn.32xlarge grid's 1-year/3-year ratio where not listed, as cost.prices says",
  'savings-plan-3y':
    'ASSUMPTION: 3-year EC2 Instance Savings Plans without upfront priced as standard no-upfront Reserved Instances of the term (no Savings Plans rate is stored), derived as cost.prices says',
  'savings-plan-1y':
    'ASSUMPTION: 1-year EC2 Instance Savings Plans without upfront priced as standard no-upfront Reserved Instances of the term (no Savings Plans rate is stored), derived as cost.prices says',
  spot: "spot at on-demand x (1 - Spot Advisor's 30-day saving) per type and region; balancers, switches and transfer at list prices",
};

export const METHOD_COST =
  "on-demand list prices of each node's region x 730 h/month; balancer LCUs from processed bytes; a global traffic switch for a design that spans regions (health checks per endpoint, DNS queries or a per-GB premium); cross-zone and inter-region copies of writes; internet egress reported apart, not in the total";

const METHOD_OPERATIONS =
  'operations: operations.usdPerNodeMonth x every node (a standby, hot or cold, included) + operations.usdPerRegionMonth x the regions it runs in';
const METHOD_BLUE_GREEN =
  "blue-green deploys: the second copy (the box, or the whole fleet) at the nodes' prices for operations.blueGreenOverlap per deploy, deploys a week x 730/168 weeks a month";

/**
 * Monthly price of a global traffic switch: fixed fees (per hour, per month), one health check per endpoint, the DNS
 * queries that reach it (queries.perRequest x the traffic) and the premium per GB of the larger direction, USD.
 */
export function globalSwitchUsdPerMonth(
  sw: GlobalSwitch,
  endpoints: number,
  trafficRatePerS: number,
  requestSizeBytes: number,
  responseSizeBytes: number,
): number {
  const p = sw.price;
  const requestsPerMonth = trafficRatePerS * SECONDS_PER_BILLING_MONTH;
  const queriesPerMonth = (sw.queries?.perRequest ?? 0) * requestsPerMonth;
  const gbPerMonth = (requestsPerMonth * Math.max(requestSizeBytes, responseSizeBytes)) / GB;
  return (
    p.usdPerHour * BILLING_HOURS_PER_MONTH +
    p.usdPerMonth +
    p.usdPerEndpointMonth * endpoints +
    (p.usdPerMillionQueries * queriesPerMonth) / 1e6 +
    p.usdPerGb * gbPerMonth
  );
}

/** Tiered egress price of `gb` GB in a month with tiers scaled by `scale`. */
function tieredUsd(gb: number, tiers: NetworkCosts['internetEgress']['tiers'], scale: number): number {
  let usd = 0;
  let done = 0;
  for (const t of tiers) {
    const upTo = t.upToGbPerMonth ?? Number.POSITIVE_INFINITY;
    const inTier = Math.max(0, Math.min(gb, upTo) - done);
    usd += inTier * t.usdPerGb * scale;
    done = Math.max(done, Math.min(gb, upTo));
    if (done >= gb) break;
  }
  return usd;
}

export function monthlyCost(ctx: Pricing, c: CostInput): CostResult {
  const net = ctx.networkCosts;
  const hours = BILLING_HOURS_PER_MONTH;
  const month = SECONDS_PER_BILLING_MONTH;
  const computeUsdPerMonth = c.compute.reduce((s, x) => s + x.count * x.price.usdPerHour * hours, 0);
  const standbyUsdPerMonth = c.standby.reduce((s, x) => s + x.count * x.price.usdPerHour * hours, 0);

  const alb = net.loadBalancers.alb;
  const processedGbPerHourPerRegion = (share: number) =>
    (c.trafficRatePerS * share * (c.requestSizeBytes + c.responseSizeBytes) * 3600) / GB;
  let loadBalancerUsdPerMonth = 0;
  for (const region of c.balancerRegions) {
    const share = c.servedShare.find((s) => s.region === region)?.share ?? 0;
    const lcu = processedGbPerHourPerRegion(share) / net.albLcu.processedGbPerHourEc2Targets;
    loadBalancerUsdPerMonth += (alb.usdPerHour + lcu * alb.usdPerCapacityUnitHour) * hours;
  }

  const g = c.globalSwitch;
  const switchUsdPerMonth = g
    ? globalSwitchUsdPerMonth(g.sw, g.endpoints, c.trafficRatePerS, c.requestSizeBytes, c.responseSizeBytes)
    : 0;

  const crossZoneGb = (c.crossZoneBytesPerS * month) / GB;
  const crossZoneTransferUsdPerMonth = crossZoneGb * 2 * net.crossAz.usdPerGbEachDirection;

  let interRegionGb = 0;
  let interRegionTransferUsdPerMonth = 0;
  for (const x of c.interRegion) {
    const gb = (x.bytesPerS * month) / GB;
    interRegionGb += gb;
    const price = net.interRegionUsdPerGb(x.from, x.to) ?? maxInterRegionPrice(net);
    interRegionTransferUsdPerMonth += gb * price;
  }

  const egress = net.internetEgress;
  const baseFirst = egress.tiers[0]?.usdPerGb ?? 0;
  const totalEgressGb = (c.trafficRatePerS * c.responseSizeBytes * month) / GB;
  const free = Math.min(totalEgressGb, egress.freeGbPerMonth.value);
  let internetEgressUsdPerMonth = 0;
  for (const s of c.servedShare) {
    const gb = s.share * (totalEgressGb - free);
    const first = egress.firstTierByRegion.get(s.region)?.usdPerGb ?? baseFirst;
    internetEgressUsdPerMonth += tieredUsd(gb, egress.tiers, baseFirst > 0 ? first / baseFirst : 1);
  }

  const breakdown: CostBreakdown = {
    computeUsdPerMonth,
    standbyUsdPerMonth,
    loadBalancerUsdPerMonth,
    globalSwitchUsdPerMonth: switchUsdPerMonth,
    crossZoneTransferUsdPerMonth,
    interRegionTransferUsdPerMonth,
  };
  // the total is the sum of the breakdown's parts in its key order, from 0 (what Object.values(breakdown).reduce gave:
  // the same additions in the same order, without the array or the spread; about 1% of a JSONL line)
  let usdPerMonth =
    0 +
    computeUsdPerMonth +
    standbyUsdPerMonth +
    loadBalancerUsdPerMonth +
    switchUsdPerMonth +
    crossZoneTransferUsdPerMonth +
    interRegionTransferUsdPerMonth;
  if (ctx.includeEgress === true) {
    breakdown.internetEgressUsdPerMonth = internetEgressUsdPerMonth;
    usdPerMonth += internetEgressUsdPerMonth;
  }
  // the parts of issue 20 appear only when there is something to price (a scenario without them reads as before)
  const ops = c.operations;
  if (ops !== undefined && ops.usdPerMonth > 0) {
    breakdown.operationsUsdPerMonth = ops.usdPerMonth;
    usdPerMonth += ops.usdPerMonth;
  }
  if (ops !== undefined && ops.blueGreenUsdPerMonth > 0) {
    breakdown.blueGreenUsdPerMonth = ops.blueGreenUsdPerMonth;
    usdPerMonth += ops.blueGreenUsdPerMonth;
  }
  const requestsPerMonth = c.trafficRatePerS * month;
  return {
    usdPerMonth,
    breakdown,
    usdPerMillionRequests: requestsPerMonth > 0 ? (usdPerMonth / requestsPerMonth) * 1e6 : 0,
    internetEgressUsdPerMonth,
    transferGbPerMonth: { crossZone: crossZoneGb, interRegion: interRegionGb, internetEgress: totalEgressGb },
    prices: unitPrices([...c.compute, ...c.standby]),
    pricingModel: ctx.pricing,
    method: `${costMethod(ctx)}${breakdown.operationsUsdPerMonth === undefined ? '' : `; ${METHOD_OPERATIONS}`}${breakdown.blueGreenUsdPerMonth === undefined ? '' : `; ${METHOD_BLUE_GREEN}`}`,
  };
}

/** The cost method of a pricing model, with internet egress inside the total when the scenario asks for it. */
function costMethod(ctx: Pricing): string {
  const base = ctx.includeEgress === true ? METHOD_COST.replace(EGRESS_APART, EGRESS_INSIDE) : METHOD_COST;
  return ctx.pricing === 'on-demand'
    ? base
    : `${base.replace('on-demand list prices', `${ctx.pricing} prices`)} (${PRICING_METHOD[ctx.pricing]})`;
}

const EGRESS_APART = 'internet egress reported apart, not in the total';
const EGRESS_INSIDE = 'internet egress included in the total (cost.includeEgress)';

/**
 * A lower bound of the internet egress of any design, USD per month (cost.includeEgress puts it in the total, so the
 * search's cost bounds must count it): the whole volume after the free allowance at the tiers of the region with the
 * cheapest first tier. A design splits the volume over its regions, each tiered on its own part at its own scale:
 * sum_r s_r f(g_r) >= min_r s_r sum_r f(g_r) >= min_r s_r f(sum_r g_r), as the tiered price f is concave with f(0) = 0.
 */
export function egressLowerBoundUsdPerMonth(
  net: NetworkCosts,
  regions: readonly { id: string }[],
  trafficRatePerS: number,
  responseSizeBytes: number,
): number {
  const egress = net.internetEgress;
  const baseFirst = egress.tiers[0]?.usdPerGb ?? 0;
  let scale = 1;
  for (const r of regions) {
    const first = egress.firstTierByRegion.get(r.id)?.usdPerGb ?? baseFirst;
    scale = Math.min(scale, baseFirst > 0 ? first / baseFirst : 1);
  }
  const totalGb = (trafficRatePerS * responseSizeBytes * SECONDS_PER_BILLING_MONTH) / GB;
  const free = Math.min(totalGb, egress.freeGbPerMonth.value);
  return tieredUsd(totalGb - free, egress.tiers, scale);
}

/** The distinct unit prices of the running nodes (count > 0), in order of first use. */
export function unitPrices(nodes: readonly { count: number; price: NodePrice }[]): NodePrice[] {
  const seen = new Map<string, NodePrice>();
  for (const n of nodes) {
    const key = `${n.price.instance}\u0000${n.price.region}\u0000${n.price.pricingModel}`;
    if (n.count > 0 && !seen.has(key)) seen.set(key, n.price);
  }
  return [...seen.values()];
}

/** The highest inter-region price of the provider: used (conservatively) for a region without a listed price. */
function maxInterRegionPrice(net: NetworkCosts): number {
  let max = 0;
  for (const p of net.interRegion.bySourceRegion.values()) max = Math.max(max, p.usdPerGb);
  return max;
}
