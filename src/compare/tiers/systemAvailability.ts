/**
 * The availability of a system of tiers: a request needs every tier, and the tiers share zones, regions, the
 * regions' balancers and the global traffic switch, so the series is computed exactly over the shared states
 * (seriesOverDomains.ts), never as a plain product of the tiers' availabilities (which counts a shared zone's outage
 * once per tier). Pure.
 *
 * Assumptions (in `method`): the tiers use a region's zones in the same order (a box and the first zone of a fleet
 * share a zone, as when a team keeps its tiers in the same zones for latency); the tiers in a region are reached
 * through one balancer of that region (one load balancer with a target group per tier); a tier whose state cannot be
 * conditioned on the shared states (a cold standby: it depends on how long an outage has lasted) is taken as
 * independent of the others, in series (a plain product for that tier: pessimistic, it counts the zones and regions
 * it shares twice). Each tier's failover term is its own part in series (first order, as for one tier).
 */

import {
  type Availability,
  fromMtbfMttr,
  MAX_DOMAIN_STATES,
  type RegionDomains,
  series,
  seriesOverDomains,
} from '../../core/reliability/index.js';
import type { AvailabilityFigure, Cause } from '../availability.js';
import type { Context } from '../context.js';
import type { TierOption } from './tierOption.js';

/** A tier's downtime share, as the system's byCause and tiers[] report it. */
export interface TierDowntime {
  /** Unavailability that would disappear if this tier never went down (it alone down). */
  downtimeShare: number;
}

export interface SystemAvailability {
  figure: AvailabilityFigure;
  byTier: TierDowntime[];
}

/**
 * The exact availability of the series of `options` (one per tier, in tier order) over their shared domains.
 * @param names the tiers' names, in order
 */
export function systemAvailability(
  ctx: Context,
  names: readonly string[],
  options: readonly TierOption[],
): SystemAvailability {
  const rel = ctx.scenario.reliability;
  const regionIds: string[] = [];
  const zonesUsed = new Map<string, number>();
  for (const o of options) {
    for (const f of o.footprint) {
      if (!zonesUsed.has(f.region)) regionIds.push(f.region);
      zonesUsed.set(f.region, Math.max(zonesUsed.get(f.region) ?? 0, f.zones));
    }
  }
  const index = new Map(regionIds.map((r, i) => [r, i]));
  const idx = (r: string) => {
    const i = index.get(r);
    if (i === undefined) throw new RangeError(`region ${r} is not in the system's footprint`);
    return i;
  };
  const zone = fromMtbfMttr(rel.zone.mtbfS, rel.zone.mttrS);
  const region = fromMtbfMttr(rel.region.mtbfS, rel.region.mttrS);
  const lb = ctx.catalog.reliability.loadBalancer;
  const domains = {
    regions: regionIds.map(
      (r): RegionDomains => ({
        availability: region,
        zones: Array.from({ length: zonesUsed.get(r) ?? 1 }, () => zone),
        balancer: plain((zonesUsed.get(r) ?? 1) > 1 ? lb.multiAz : lb.singleAz),
      }),
    ),
    globalSwitch: plain(ctx.catalog.networkCosts.globalSwitches.default.availability),
  };
  const conditioned = options.filter((o) => o.overDomains !== null);
  const independent = options.filter((o) => o.overDomains === null);
  const byCause: Cause[] = [];
  const byTier: TierDowntime[] = options.map(() => ({ downtimeShare: 0 }));
  let method =
    'exact series over shared domains: conditioned on the states of the zones, regions, balancers and global switch the tiers share (total probability), the tiers independent given them; tiers use the zones of a region in the same order and are reached through one balancer per region';
  let joint: Availability = { availability: 1, unavailability: 0 };
  if (conditioned.length > 0) {
    try {
      const s = seriesOverDomains(
        domains,
        conditioned.map((o) => (o.overDomains as NonNullable<TierOption['overDomains']>)(idx)),
      );
      joint = { availability: s.availability, unavailability: s.unavailability };
      conditioned.forEach((o, k) => {
        const share = s.tiers[k]?.downtimeShare ?? 0;
        (byTier[options.indexOf(o)] as TierDowntime).downtimeShare = share;
        byCause.push({ cause: `tier ${names[o.tier]} alone`, unavailability: share });
      });
      byCause.push({
        cause: 'two or more tiers at once (a shared zone or region), or the global switch',
        unavailability: s.common,
      });
      method += ` (${s.states} states)`;
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      // too many shared states to enumerate: the plain product (pessimistic: shared domains counted once per tier)
      joint = series(conditioned.map((o) => tierAvailability(o)));
      conditioned.forEach((o) => {
        const u = o.result.availability.unavailability;
        (byTier[options.indexOf(o)] as TierDowntime).downtimeShare = u;
        byCause.push({ cause: `tier ${names[o.tier]}`, unavailability: u });
      });
      method = `plain product of the tiers' availabilities (APPROXIMATE, pessimistic: the shared zones and regions need more than ${MAX_DOMAIN_STATES} states to enumerate, so each tier counts them on its own)`;
    }
  }
  for (const o of independent) {
    const u = o.result.availability.unavailability;
    (byTier[options.indexOf(o)] as TierDowntime).downtimeShare = u;
    byCause.push({ cause: `tier ${names[o.tier]} (cold standby, taken as independent)`, unavailability: u });
  }
  if (independent.length > 0) {
    method += `; in series with ${independent.map((o) => names[o.tier]).join(', ')} taken as independent (a cold standby's state depends on how long an outage has lasted; pessimistic: its shared zones and regions are counted twice)`;
  }
  const availability = series([joint, ...independent.map(tierAvailability)]);
  const spof = options.flatMap((o) => o.result.availability.singlePointsOfFailure.map((x) => `${names[o.tier]}: ${x}`));
  return { figure: { availability, method, byCause, singlePointsOfFailure: spof }, byTier };
}

function plain(a: Availability): Availability {
  return { availability: a.availability, unavailability: a.unavailability };
}

function tierAvailability(o: TierOption): Availability {
  return { availability: o.result.availability.value, unavailability: o.result.availability.unavailability };
}
