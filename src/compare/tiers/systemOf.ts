/**
 * A tiered candidate's designs rebuilt from its result (`tiers[]`: kind, instance, nodes per region, zones, standby,
 * read replicas, balancer), each evaluated again as a tier option: what the simulator and a frozen sweep need to
 * rebuild the system the comparison chose. Pure.
 */

import type { Catalog } from '../../catalog/index.js';
import type { BalancerPolicy } from '../../scenario/types.js';
import type { Context } from '../context.js';
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
    const ctx = t.tierCtx[i] as Context;
    if (x.kind === 'vertical') {
      return verticalTierOption(ctx, i, {
        kind: 'vertical',
        instance,
        region: x.regions[0] as string,
        standby: x.standby ?? 'none',
        standbyRegion: x.standby !== null && x.standby !== 'none' ? (x.regions[1] ?? null) : null,
        readReplicas: x.readReplicas,
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
    });
  });
}
