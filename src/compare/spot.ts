/**
 * Spot interruptions as node failures (contract, "Pricing": spot's interruptions are failures in the availability
 * model). Spot Advisor gives, per type and region, the band of the trailing month's interruption frequency: the share
 * of the type's spot capacity AWS reclaimed (<5%, 5-10%, 10-15%, 15-20%, >20%). ASSUMPTIONS (stated in each result and
 * the README): a band stands for its middle, the open ">20%" band for 25%; that share f is the probability that a node
 * is interrupted within a month (730 h), independently of the others, at a constant rate lambda = -ln(1 - f) / 730 h;
 * an interrupted node is replaced in the node's own repair time (reliability.node.mttr); a design over several
 * regions takes the worst band of them for every node. Interruptions and hardware failures are independent
 * exponential causes with the same repair time, so together they are one failure process of rate 1 / MTBF + lambda:
 * the node MTBF becomes 1 / (1 / MTBF + lambda), and the spares ride out interruptions as they ride out failures.
 * Pure.
 */

import type { Catalog, Instance, SpotFigures } from '../catalog/index.js';
import type { FailureRates, Scenario } from '../scenario/types.js';
import { formatPercent, formatSig } from '../units/format.js';
import { BILLING_HOURS_PER_MONTH, type Context } from './context.js';

/** The monthly share of nodes interrupted that each band stands for (ASSUMPTION: its middle; ">20%" as 25%). */
export const BAND_MONTHLY_SHARE: Readonly<Record<SpotFigures['interruptionBand'], number>> = {
  '<5%': 0.025,
  '5-10%': 0.075,
  '10-15%': 0.125,
  '15-20%': 0.175,
  '>20%': 0.25,
};

const SECONDS_PER_MONTH = BILLING_HOURS_PER_MONTH * 3600;

/**
 * Interruption rate of a node interrupted within a month with probability f, per second: -ln(1 - f) / month.
 * @example interruptionRatePerS(0.25) * 730 * 3600 // 0.2877 (= -ln 0.75)
 */
export function interruptionRatePerS(monthlyShare: number): number {
  return -Math.log1p(-monthlyShare) / SECONDS_PER_MONTH;
}

/** A spot design's node failure rates and the note that says how they were formed. */
export interface SpotNodes {
  node: FailureRates;
  band: SpotFigures['interruptionBand'];
  note: string;
}

/**
 * The node failure rates of `instance` run on spot in `regions`: hardware failures (`node`) plus interruptions at the
 * worst band of those regions. Undefined when Spot Advisor lists the type in none of them.
 */
export function spotNodes(
  catalog: Catalog,
  instance: Instance,
  regions: readonly string[],
  node: FailureRates,
): SpotNodes | undefined {
  let worst: { band: SpotFigures['interruptionBand']; region: string } | undefined;
  for (const r of regions) {
    const s = catalog.spot(instance, r);
    if (s === undefined) continue;
    if (worst === undefined || BAND_MONTHLY_SHARE[s.interruptionBand] > BAND_MONTHLY_SHARE[worst.band])
      worst = { band: s.interruptionBand, region: r };
  }
  if (worst === undefined) return undefined;
  const f = BAND_MONTHLY_SHARE[worst.band];
  const lambda = interruptionRatePerS(f);
  const mtbfS = 1 / (1 / node.mtbfS + lambda);
  const h = (s: number) => `${formatSig(s / 3600, 4)} h`;
  return {
    node: { mtbfS, mttrS: node.mttrS },
    band: worst.band,
    note: `spot: interruptions counted as node failures (Spot Advisor band ${worst.band} for ${instance.name} in ${worst.region}${regions.length > 1 ? ', the worst of its regions' : ''}, taken as ${formatPercent(f)} of nodes a month, one every ${h(1 / lambda)} per node; ASSUMPTION: the band's middle, replaced in reliability.node.mttr): node MTBF ${h(node.mtbfS)} -> ${h(mtbfS)}; the spares absorb interruptions as they absorb failures`,
  };
}

/**
 * The reliability figures a horizontal design of `instance` in `regions` runs with in `ctx`: the scenario's, with the
 * node's failure rates raised by spot interruptions when the context buys spot (spotNodes), and that spot figure
 * (undefined otherwise). One place for the analytic evaluation and the failure simulation.
 */
export function fleetReliability(
  ctx: Pick<Context, 'catalog' | 'pricing' | 'scenario'>,
  instance: Instance,
  regions: readonly string[],
): { reliability: Scenario['reliability']; spot: SpotNodes | undefined } {
  const base = ctx.scenario.reliability;
  const spot = ctx.pricing === 'spot' ? spotNodes(ctx.catalog, instance, regions, base.node) : undefined;
  return { reliability: spot === undefined ? base : { ...base, node: spot.node }, spot };
}
