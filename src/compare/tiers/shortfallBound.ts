/**
 * A lower bound on the shortfall (targets.ts's shortfallOf, systemResult's systemShortfall) of a system of tiers known
 * from its price alone, before it is evaluated: a system priced above the budget misses it, and its shortfall is at
 * least the excess, (C - B) / B, since every other term of the sum is non-negative (a missed p99, availability or
 * durability is measured by how far it is missed, a tier's utilisation or memory by its excess over the limit). The
 * price a search knows is the sum of its tiers' prices (TierOption.usdPerMonth, the same numbers as their results'),
 * while the system's cost adds their breakdowns: the two may differ in the last bits, so the bound takes the price
 * a part in 1e9 lower. Pure.
 */

import type { Context } from '../context.js';
import type { ArchitectureResult } from '../result.js';
import { dearerToTheCent, SHORTFALL_RESOLUTION } from '../size.js';
import { UNBOUNDED_SHORTFALL } from '../targets.js';

/** The relative margin taken off a price summed in another order than the system's cost. */
const PRICE_MARGIN = 1e-9;

/**
 * The least shortfall of a system priced `usdPerMonth` (the sum of its tiers' prices), or 0 when that price does not
 * prove the budget missed (no budget, or a price within it).
 * @example a budget of 30,000 USD/month, a system priced 42,000: at least (42,000 - 30,000) / 30,000 = 0.4
 */
export function budgetShortfallBound(ctx: Context, usdPerMonth: number): number {
  const budget = ctx.scenario.targets.budgetUsdPerMonth;
  if (budget === null) return 0;
  const least = usdPerMonth * (1 - PRICE_MARGIN);
  if (!(least > budget)) return 0;
  return Math.min(UNBOUNDED_SHORTFALL, (least - budget) / budget);
}

/**
 * Whether a system whose shortfall is at least `bound` (> 0: it misses a target) provably ranks after `best` (size.ts's
 * rankKey): its shortfall, to SHORTFALL_RESOLUTION, is larger than the best's, or, given `usdPerMonth` (at most its
 * cost), equal to it while that price, to the cent, is above the best's cost (rankKey's next element: a shortfall at
 * least `bound` rounds to at least bound's rounding, and a cost at least `usdPerMonth` to at least its cent). Never
 * when the best meets every target (a search stops at the first that does).
 * @example a best that misses by 0.2919 at 6,113.33 USD; a bound of 0.29192 at 6,702 USD: it ranks after (same
 * shortfall to 1e-4, dearer)
 */
export function cannotBeat(bound: number, best: ArchitectureResult, usdPerMonth?: number): boolean {
  if (best.feasible || !(bound > 0)) return false;
  const mine = Math.round(bound * SHORTFALL_RESOLUTION);
  const theirs = Math.round(best.shortfall * SHORTFALL_RESOLUTION);
  if (mine !== theirs || usdPerMonth === undefined) return mine > theirs;
  return dearerToTheCent(usdPerMonth, best);
}

/**
 * Whether a system whose shortfall is at least `floor` (tiers/systemResult.ts shortfallFloor) ranks after `best`
 * (size.ts rankKey): a floor above 0 proves a target missed, so it ranks after a best that meets every target
 * (rankKey's first element: a search that goes on past one, for the regions' operations cost, meets such systems), and
 * after one that misses when its shortfall, to SHORTFALL_RESOLUTION, is larger, or equal at a dearer price (cannotBeat).
 * `priceUsdPerMonth`: the sum of its tiers' prices, which its cost (the sum of their breakdowns, plus the regions'
 * operations, never negative) is at least, up to the order of the additions: taken PRICE_MARGIN lower; omitted, the
 * cost is not compared.
 */
export function rankedAfter(floor: number, best: ArchitectureResult, priceUsdPerMonth?: number): boolean {
  const least = priceUsdPerMonth === undefined ? undefined : priceUsdPerMonth * (1 - PRICE_MARGIN);
  return floor > 0 && (best.feasible || cannotBeat(floor, best, least));
}
