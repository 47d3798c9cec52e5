/**
 * The designs a tier may take: every design an explicit per-tier design allows (a family without a size: each size;
 * a horizontal design without a node count: the fewest nodes that meet the tier's own limits and a few more, since
 * the end-to-end p99 may need a tier less busy than its own limits ask), or, for the search, every vertical or
 * horizontal design of the catalog's families around the cheapest region layout. Each is evaluated on its own
 * (tierOption.ts); the system's search picks the combination (tierSearch.ts). Pure.
 */

import type { Instance } from '../../catalog/index.js';
import type { HorizontalTierDesign, Standby, TierDesign, VerticalTierDesign } from '../../scenario/types.js';
import { type Context, userHomeRegions } from '../context.js';
import { horizontalLayout } from '../layout.js';
import { pricedIn } from '../nodePrice.js';
import { verticalDeployChoices } from '../operations.js';
import { candidateRegionSets, nodesPerRegion, searchableInstances, splitNodes } from '../size.js';
import {
  type HorizontalTierChoice,
  horizontalTierOption,
  type TierOption,
  type VerticalTierChoice,
  verticalTierOption,
} from './tierOption.js';

/** Node counts tried above the fewest that meet a tier's own limits: +1, +2, x1.5, x2 per region. */
export function nodeSteps(base: readonly number[]): number[][] {
  const steps = [
    [...base],
    base.map((n) => n + 1),
    base.map((n) => n + 2),
    base.map((n) => Math.ceil(n * 1.5)),
    base.map((n) => n * 2),
  ];
  const seen = new Set<string>();
  return steps.filter((s) => {
    const key = s.join(',');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function familySizes(ctx: Context, family: string): readonly Instance[] {
  const sizes = ctx.catalog.families.get(family);
  if (!sizes || sizes.length === 0) throw new RangeError(`unknown family ${family}`);
  return sizes;
}

/** The options of an explicit vertical tier design (`region` null: `defaultRegion`). */
export function verticalDesignOptions(
  tierCtx: Context,
  tier: number,
  d: VerticalTierDesign,
  defaultRegion: string,
): TierOption[] {
  const sizes = familySizes(tierCtx, d.family);
  const chosen = d.size === null ? sizes : sizes.filter((i) => i.size === d.size);
  if (chosen.length === 0) throw new RangeError(`unknown size ${d.family}.${d.size}`);
  return chosen.map((instance) =>
    verticalTierOption(tierCtx, tier, {
      kind: 'vertical',
      instance,
      region: d.region ?? defaultRegion,
      standby: d.standby,
      standbyRegion: d.standbyRegion,
      readReplicas: d.readReplicas,
      ...(d.deploy === undefined ? {} : { deploy: d.deploy }),
    }),
  );
}

/** The options of an explicit horizontal tier design (see the module comment). */
export function horizontalDesignOptions(tierCtx: Context, tier: number, d: HorizontalTierDesign): TierOption[] {
  const sizes = familySizes(tierCtx, d.family);
  const chosen = d.size === null ? sizes : sizes.filter((i) => i.size === d.size);
  if (chosen.length === 0) throw new RangeError(`unknown size ${d.family}.${d.size}`);
  const regionSets = d.regions === null ? candidateRegionSets(tierCtx) : [d.regions];
  const out: TierOption[] = [];
  for (const regions of regionSets) {
    const layout = horizontalLayout(tierCtx, regions, d.zones);
    for (const instance of chosen) {
      const spec = {
        name: tierCtx.scenario.name,
        origin: 'explicit' as const,
        regions,
        spares: d.spares,
        zones: d.zones,
        balancer: d.balancer,
        ...(d.deploy === undefined ? {} : { deploy: d.deploy }),
        ...(d.autoscaling === undefined ? {} : { autoscaling: d.autoscaling }),
      };
      const counts =
        d.nodes === null
          ? nodeSteps(nodesPerRegion(tierCtx, instance, spec, layout))
          : [splitNodes(d.nodes, layout.share)];
      for (const nodesByRegion of counts) {
        const c: HorizontalTierChoice = { kind: 'horizontal', instance, nodesByRegion, ...spec };
        out.push(horizontalTierOption(tierCtx, tier, c, layout));
      }
    }
  }
  return out;
}

/** The options of an explicit tier design of either kind. */
export function designOptions(tierCtx: Context, tier: number, d: TierDesign, defaultRegion: string): TierOption[] {
  return d.kind === 'vertical'
    ? verticalDesignOptions(tierCtx, tier, d, defaultRegion)
    : horizontalDesignOptions(tierCtx, tier, d);
}

/** The catalog's searchable instances by family, each family's sizes ascending. */
function searchFamilies(ctx: Context): Instance[][] {
  const families = new Map<string, Instance[]>();
  for (const i of searchableInstances(ctx)) {
    const list = families.get(i.family) ?? [];
    list.push(i);
    families.set(i.family, list);
  }
  return [...families.values()];
}

/**
 * The vertical designs the search tries for a tier: every searchable size in `region`, with no standby, a cold or a
 * hot one in another zone or in the nearest other region; a database tier also with one or two read replicas.
 */
export function searchVerticalOptions(tierCtx: Context, tier: number, region: string, database: boolean): TierOption[] {
  const other =
    tierCtx.catalog.regions
      .map((r) => r.id)
      .filter((r) => r !== region)
      .sort((a, b) => tierCtx.rtt(region, a).rttS - tierCtx.rtt(region, b).rttS)[0] ?? null;
  const out: TierOption[] = [];
  const standbys: { standby: Standby; standbyRegion: string | null }[] = [{ standby: 'none', standbyRegion: null }];
  for (const standby of ['cold', 'hot'] as const) {
    standbys.push({ standby, standbyRegion: null });
    if (other !== null) standbys.push({ standby, standbyRegion: other });
  }
  const deploys = verticalDeployChoices(tierCtx.scenario.operations);
  for (const sizes of searchFamilies(tierCtx)) {
    for (const instance of sizes) {
      if (!pricedIn(tierCtx, instance, [region])) continue;
      for (const s of standbys) {
        // a hot standby in another region runs the same type there, at that region's price
        if (s.standby === 'hot' && s.standbyRegion !== null && !pricedIn(tierCtx, instance, [s.standbyRegion]))
          continue;
        for (const readReplicas of database ? [0, 1, 2] : [0]) {
          for (const deploy of deploys) {
            const c: VerticalTierChoice = {
              kind: 'vertical',
              instance,
              region,
              ...s,
              readReplicas,
              ...(deploy === undefined ? {} : { deploy }),
            };
            out.push(verticalTierOption(tierCtx, tier, c));
          }
        }
      }
    }
  }
  return out;
}

/** Zones and spares the search's horizontal tiers take (the engine's defaults: three zones, N+1). */
const SEARCH_TIER_ZONES = 3;
const SEARCH_TIER_SPARES: readonly number[] = [1];
/**
 * Spares a spot tier's search tries: N+1 and N+2, so that the system may buy a spare to absorb interruptions (spot's
 * node failure rate is the hardware's plus the interruption band's, spot.ts) where one spare falls short.
 */
export const SPOT_TIER_SPARES: readonly number[] = [1, 2];

/**
 * The horizontal designs the search tries for a tier: every searchable size on each region set the single-tier
 * search starts from (each users' home region alone, and the sets near the users: candidateRegionSets), three zones,
 * one spare per region, the fewest nodes and a few more (nodeSteps); autoscaled when the tier's scenario autoscales
 * (a stateless tier of a scenario with `autoscaling`).
 */
export function searchHorizontalOptions(
  tierCtx: Context,
  tier: number,
  regionSets: readonly string[][],
  sparesTried: readonly number[] = SEARCH_TIER_SPARES,
): TierOption[] {
  const out: TierOption[] = [];
  for (const regions of regionSets) {
    const layout = horizontalLayout(tierCtx, regions, SEARCH_TIER_ZONES);
    for (const sizes of searchFamilies(tierCtx)) {
      for (const instance of sizes) {
        if (!pricedIn(tierCtx, instance, regions)) continue;
        for (const spares of sparesTried) {
          const spec = {
            name: tierCtx.scenario.name,
            origin: 'searched' as const,
            regions,
            spares,
            zones: SEARCH_TIER_ZONES,
            balancer: 'least-loaded' as const,
            // a stateless tier's scenario carries the scenario's autoscaling (tierScenario.ts)
            ...(tierCtx.scenario.autoscaling === undefined ? {} : { autoscaling: tierCtx.scenario.autoscaling }),
          };
          for (const nodesByRegion of nodeSteps(nodesPerRegion(tierCtx, instance, spec, layout))) {
            out.push(
              horizontalTierOption(tierCtx, tier, { kind: 'horizontal', instance, nodesByRegion, ...spec }, layout),
            );
          }
        }
      }
    }
  }
  return out;
}

/** The region sets the search's horizontal tiers take: the users' home regions alone, and all of them together. */
export function searchRegionSets(ctx: Context): string[][] {
  const homes = userHomeRegions(ctx);
  const sets = homes.map((r) => [r]);
  if (homes.length > 1) sets.push(homes);
  return sets;
}
