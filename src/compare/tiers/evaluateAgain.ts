/**
 * A compared candidate evaluated again, designs fixed, under another scenario (an uncertain input's sample, a sweep
 * step): a single-tier design as it was, a co-located system on the co-located scenario, a system of per-tier
 * designs tier by tier and composed end to end. Pure.
 */

import type { Catalog } from '../../catalog/index.js';
import { buildContext, type Context, withPricing } from '../context.js';
import { evaluate, evaluateTargets } from '../evaluate.js';
import { pricingOf } from '../nodePrice.js';
import type { ArchitectureResult } from '../result.js';
import { designOf } from '../simulationPlan.js';
import { withCoLocatedTiers } from './coLocated.js';
import { type TieredContext, tieredContext } from './index.js';
import { systemOf } from './systemOf.js';
import { systemResult } from './systemResult.js';

/**
 * `r`'s designs evaluated in `ctx` (its scenario may differ from the one `r` was compared under; a tiered result
 * needs a tiered scenario with the same tiers). `tiered`: ctx's tiered context when the caller has one (built here
 * otherwise). `targetsOnly`: a caller that reads only the cost, the nines, the p99 and the targets met gets a system
 * of per-tier designs screened (systemResult's screen: those figures exact, the p50, p99.9, degraded p99 and each
 * tier's latency not computed), and a single-tier design likewise (evaluate.ts evaluateTargets).
 */
export function evaluateAgain(
  ctx: Context,
  catalog: Catalog,
  r: ArchitectureResult,
  tiered?: TieredContext,
  targetsOnly = false,
): ArchitectureResult {
  // the result's own pricing model (a candidate's pricing.model) where it differs from the scenario's
  const model = pricingOf(r);
  if (r.tiers === undefined) {
    const c = withPricing(ctx, model ?? ctx.pricing);
    return targetsOnly ? evaluateTargets(c, designOf(catalog, r)) : evaluate(c, designOf(catalog, r));
  }
  if (model !== undefined && model !== ctx.pricing) {
    ctx = buildContext({ ...ctx.scenario, pricing: model }, catalog);
    tiered = undefined;
  }
  const t = tiered ?? tieredContext(ctx);
  const options = systemOf(t, catalog, r);
  if (options === null) return withCoLocatedTiers(t.tiers, evaluate(t.coLocated, designOf(catalog, r)));
  return systemResult(ctx, r.name, r.origin, options, t.rtt, targetsOnly);
}
