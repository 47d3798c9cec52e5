/**
 * Systems of tiers (issue 13; contract "Systems of tiers"): the candidates of a tiered scenario. A candidate without
 * per-tier designs runs every tier on the same nodes (coLocated.ts); a candidate with `tiers` builds each tier its
 * own way, each design the cheapest of what its options allow that meets the end-to-end targets (tierSearch.ts);
 * without candidates the search returns the best design with every tier vertical, with every tier horizontal (each
 * also against every tier co-located on one box or one fleet), and with each tier its own kind. Pure.
 */

import type { Catalog } from '../../catalog/index.js';
import { spotFitsTier } from '../../scenario/spotRule.js';
import type { ArchitectureSpec, Tier } from '../../scenario/types.js';
import { buildContext, type Context, withPricing } from '../context.js';
import type { ArchitectureResult } from '../result.js';
import { searchHorizontal } from '../searchHorizontal.js';
import { better, searchVertical } from '../size.js';
import { coLocatedScenario, withCoLocatedTiers } from './coLocated.js';
import type { InRegionRtt } from './systemLatency.js';
import type { TierOption } from './tierOption.js';
import {
  designOptions,
  SPOT_TIER_SPARES,
  searchHorizontalOptions,
  searchRegionSets,
  searchVerticalOptions,
} from './tierOptions.js';
import { tierScenario } from './tierScenario.js';
import { searchSystem, searchSystemAgainst } from './tierSearch.js';

/** The catalog's round trips between two nodes of a region (same zone, across zones). */
export function inRegionRtt(catalog: Catalog): InRegionRtt {
  return { sameZoneS: catalog.interTier.sameZoneRttS, crossZoneS: catalog.interTier.crossZoneRttS };
}

/** What every candidate of a tiered scenario shares: the tiers, each tier's context, the co-located context. */
export interface TieredContext {
  ctx: Context;
  tiers: Tier[];
  tierCtx: Context[];
  coLocated: Context;
  rtt: InRegionRtt;
}

export function tieredContext(ctx: Context): TieredContext {
  const tiers = ctx.scenario.tiers;
  if (tiers === null) throw new RangeError('tieredContext: the scenario has no tiers');
  return {
    ctx,
    tiers,
    tierCtx: tiers.map((_, i) => buildContext(tierScenario(ctx.scenario, i), ctx.catalog)),
    // its searches' designs met are never reported (the scenario's frontier is of its systems): none are kept
    coLocated: { ...buildContext(coLocatedScenario(ctx.scenario), ctx.catalog), seen: null },
    rtt: inRegionRtt(ctx.catalog),
  };
}

/**
 * One candidate of a tiered scenario. `resolveOne` resolves a candidate of a single-tier scenario (index.ts's), used
 * on the co-located scenario for a candidate without per-tier designs.
 */
export function resolveTiered(
  t: TieredContext,
  spec: ArchitectureSpec,
  resolveOne: (ctx: Context, spec: ArchitectureSpec) => ArchitectureResult,
  defaultRegion: string,
): ArchitectureResult {
  if (spec.kind !== 'tiered') return withCoLocatedTiers(t.tiers, resolveOne(t.coLocated, spec));
  // a tier design's own pricing model (normalize.ts has checked that spot goes only to stateless horizontal tiers)
  const options = spec.tiers.map((d, i) =>
    designOptions(withPricing(t.tierCtx[i] as Context, d.pricing ?? t.ctx.pricing), i, d, defaultRegion),
  );
  return searchSystem(t.ctx, spec.name, 'explicit', options, t.rtt);
}

/** The search of a tiered scenario: best vertical, best horizontal, best mixed (see the module comment). */
export function searchTiered(t: TieredContext, region: string): ArchitectureResult[] {
  // on spot, the search buys spot where it applies (a stateless tier's horizontal designs; the co-located fleet when
  // every tier is stateless) and on demand elsewhere (boxes, tiers that keep data): spotRule.ts
  const w = t.ctx.scenario.workload;
  const spot = t.ctx.pricing === 'spot';
  const boxes = (c: Context) => (spot ? withPricing(c, 'on-demand') : c);
  const fleet = (c: Context, tier: Tier | null, all: readonly Tier[]) =>
    spot && (tier === null ? all.every((x) => spotFitsTier(w, x)) : spotFitsTier(w, tier)) ? c : boxes(c);
  const vertical: TierOption[][] = t.tiers.map((tier, i) =>
    searchVerticalOptions(boxes(t.tierCtx[i] as Context), i, region, tier.role === 'database'),
  );
  const sets = searchRegionSets(t.ctx);
  const horizontal: TierOption[][] = t.tiers.map((tier, i) => {
    const c = fleet(t.tierCtx[i] as Context, tier, t.tiers);
    return searchHorizontalOptions(c, i, sets, c.pricing === 'spot' ? SPOT_TIER_SPARES : undefined);
  });
  const named = (r: ArchitectureResult, name: string): ArchitectureResult => ({ ...r, name, origin: 'searched' });
  // the systems' answer when it ranks before the co-located design or equals it (better), else the co-located one:
  // the co-located design is searched first, and the system's search prunes against it (searchSystemAgainst)
  const systems: ArchitectureResult[] = [];
  const againstCoLocated = (name: string, lists: TierOption[][], coLocated: ArchitectureResult) => {
    const system = searchSystemAgainst(t.ctx, name, 'searched', lists, t.rtt, coLocated);
    if (system !== null) systems.push(system);
    return system === null || better(coLocated, system) ? coLocated : system;
  };
  const bestVertical = againstCoLocated(
    'best vertical',
    vertical,
    named(withCoLocatedTiers(t.tiers, searchVertical(boxes(t.coLocated))), 'best vertical'),
  );
  const bestHorizontal = againstCoLocated(
    'best horizontal',
    horizontal,
    named(withCoLocatedTiers(t.tiers, searchHorizontal(fleet(t.coLocated, null, t.tiers))), 'best horizontal'),
  );
  // the mixed search prunes against the better of the systems found above (combinations of its own lists: its answer
  // ranks before them or equals them unless it stops before reaching theirs); when its answer is not kept (it ranks
  // after them, or there is none), the search runs again without them (searchSystemAgainst's contract)
  const lists = t.tiers.map((_, i) => [...(vertical[i] as TierOption[]), ...(horizontal[i] as TierOption[])]);
  const bar = systems.reduce<ArchitectureResult | null>((a, r) => (a === null || better(r, a) ? r : a), null);
  const against = bar === null ? null : searchSystemAgainst(t.ctx, 'best mixed', 'searched', lists, t.rtt, bar);
  const mixed =
    against !== null && bar !== null && !better(bar, against)
      ? against
      : searchSystem(t.ctx, 'best mixed', 'searched', lists, t.rtt);
  return [bestVertical, bestHorizontal, mixed];
}
