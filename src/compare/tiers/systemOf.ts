/**
 * A tiered candidate's designs rebuilt from its result (`tiers[]`: kind, instance, nodes per region, zones, standby,
 * read replicas, balancer), each evaluated again as a tier option: what the simulator and a frozen sweep need to
 * rebuild the system the comparison chose. Pure.
 */

import type { Catalog } from '../../catalog/index.js';
import type { BalancerPolicy, TierDesign, TieredSpec } from '../../scenario/types.js';
import { type Context, withPricing } from '../context.js';
import type { ArchitectureResult } from '../result.js';
import type { TieredContext } from './index.js';
import { horizontalTierOption, type TierOption, verticalTierOption } from './tierOption.js';

/**
 * The tier options of a result with per-tier designs, in tier order; null for a result without tiers or with
 * co-located tiers (those are single-tier designs of the co-located scenario).
 */
export function systemOf(t: TieredContext, catalog: Catalog, r: ArchitectureResult): TierOption[] | null {
  const list = r.tiers;
  if (list === undefined || list.some((x) => x.kind === 'co-located')) return null;
  return list.map((x, i) => {
    const instance = catalog.instance(x.instance.name);
    if (!instance) throw new RangeError(`unknown instance ${x.instance.name}`);
    // a tier bought otherwise than the system's scenario says so (systemResult.ts)
    const base = t.tierCtx[i] as Context;
    const ctx = x.cost.pricingModel === undefined ? base : withPricing(base, x.cost.pricingModel);
    if (x.kind === 'vertical') {
      return verticalTierOption(ctx, i, {
        kind: 'vertical',
        instance,
        region: x.regions[0] as string,
        standby: x.standby ?? 'none',
        standbyRegion: x.standby !== null && x.standby !== 'none' ? (x.regions[1] ?? null) : null,
        readReplicas: x.readReplicas,
        ...(x.deploy === undefined ? {} : { deploy: x.deploy }),
      });
    }
    return horizontalTierOption(ctx, i, {
      kind: 'horizontal',
      instance,
      regions: x.nodesByRegion.map((n) => n.region),
      nodesByRegion: x.nodesByRegion.map((n) => n.nodes),
      spares: x.spares,
      zones: x.zones,
      balancer: (x.balancer ?? 'least-loaded') as BalancerPolicy,
      ...(x.deploy === undefined ? {} : { deploy: x.deploy }),
      ...(x.autoscaling === undefined
        ? {}
        : { autoscaling: { minNodes: x.autoscaling.minNodes, scaleOutTimeS: x.autoscaling.scaleOutTimeS } }),
    });
  });
}

/**
 * A per-tier result as a candidate to size again: every vertical tier keeps its family, region, standby and read
 * replicas with its size left open (kept with `keepVerticalSizes`: a frozen sweep's candidates); every horizontal tier
 * keeps its instance type, regions, zones, spares and balancer with its node counts left open.
 */
export function resizedSystem(catalog: Catalog, r: ArchitectureResult, keepVerticalSizes = false): TieredSpec {
  return {
    kind: 'tiered',
    name: r.name,
    tiers: (r.tiers ?? []).map((t): TierDesign => {
      const inst = catalog.instance(t.instance.name);
      if (!inst) throw new RangeError(`unknown instance ${t.instance.name}`);
      if (t.kind === 'vertical') {
        const standby = t.standby ?? 'none';
        return {
          kind: 'vertical',
          tier: t.name,
          family: inst.family,
          size: keepVerticalSizes ? inst.size : null,
          region: t.regions[0] ?? null,
          standby,
          standbyRegion: standby !== 'none' ? (t.regions[1] ?? null) : null,
          readReplicas: t.readReplicas,
          ...(t.deploy === undefined ? {} : { deploy: t.deploy }),
          ...(t.cost.pricingModel === undefined ? {} : { pricing: t.cost.pricingModel }),
        };
      }
      return {
        kind: 'horizontal',
        tier: t.name,
        family: inst.family,
        size: inst.size,
        nodes: null,
        spares: t.spares,
        zones: t.zones,
        regions: t.nodesByRegion.map((x) => x.region),
        balancer: (t.balancer ?? 'least-loaded') as BalancerPolicy,
        ...(t.deploy === undefined ? {} : { deploy: t.deploy }),
        ...(t.cost.pricingModel === undefined ? {} : { pricing: t.cost.pricingModel }),
        ...(t.autoscaling === undefined
          ? {}
          : { autoscaling: { minNodes: t.autoscaling.minNodes, scaleOutTimeS: t.autoscaling.scaleOutTimeS } }),
      };
    }),
  };
}
