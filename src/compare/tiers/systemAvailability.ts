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
 * it shares twice). Each tier's failover term is its own part in series (first order, as for one tier). The
 * autoscaled tiers' scale-out windows start at the same rises of the daily profile: their union is one part in series
 * (autoscale.ts, unitedScaleOut), as the system's autoscaling.scaleOut reports it.
 */

import {
  type Availability,
  fromMtbfMttr,
  fromUnavailability,
  MAX_DOMAIN_STATES,
  type RegionDomains,
  type SharedDomains,
  series,
  seriesOverDomains,
  type TierOverDomains,
} from '../../core/reliability/index.js';
import { requestWeighted, unitedScaleOut } from '../autoscale.js';
import type { AvailabilityFigure, Cause } from '../availability.js';
import type { Context } from '../context.js';
import { contextMemo } from '../contextMemo.js';
import { SCALE_OUT_CAUSE } from '../evaluateHorizontal.js';
import { CAUSE_DEPLOYS, CAUSE_FAILED_CHANGES } from '../operations.js';
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
 * @param foldAbove fold balancers into their regions above this many shared states (foldBalancers)
 */
export function systemAvailability(
  ctx: Context,
  names: readonly string[],
  options: readonly TierOption[],
  foldAbove = FOLD_ABOVE_STATES,
): SystemAvailability {
  // a search screens a combination and then evaluates its choice in full: the same options, the same figure
  const key = `${options.map((o) => o.id).join(',')}|${foldAbove}`;
  const hit = memo.get(key);
  if (hit !== undefined && hit.ctx === ctx) return hit.value;
  const value = computeSystemAvailability(ctx, names, options, foldAbove);
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  memo.set(key, { ctx, value });
  return value;
}

/** The last MEMO_SIZE availabilities computed, by the ids of their options (options never change once built). */
const MEMO_SIZE = 256;
const memo = new Map<string, { ctx: Context; value: SystemAvailability }>();

/**
 * The shared domains of the system of `options`: every region some tier runs in (standby included), in the order the
 * options name them, each with its zones (the most any tier uses there) and its balancer (multi-zone when a tier
 * there spans zones), and the global switch; `idx` maps a region to its index.
 */
function systemDomains(
  ctx: Context,
  options: readonly TierOption[],
): { regionIds: string[]; idx: (region: string) => number; domains: SharedDomains } {
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
    globalSwitch: plain(ctx.networkCosts.globalSwitches.default.availability),
  };
  return { regionIds, idx, domains };
}

function computeSystemAvailability(
  ctx: Context,
  names: readonly string[],
  options: readonly TierOption[],
  foldAbove: number,
): SystemAvailability {
  const { regionIds, idx, domains } = systemDomains(ctx, options);
  const conditioned = options.filter((o) => o.overDomains !== null);
  const independent = options.filter((o) => o.overDomains === null);
  const byCause: Cause[] = [];
  const byTier: TierDowntime[] = options.map(() => ({ downtimeShare: 0 }));
  let method =
    'exact series over shared domains: conditioned on the states of the zones, regions, balancers and global switch the tiers share (total probability), the tiers independent given them; tiers use the zones of a region in the same order and are reached through one balancer per region';
  let joint: Availability = { availability: 1, unavailability: 0 };
  // an autoscaled tier runs each hour's fleet at that hour's load (its TierDay): the series is computed hour by hour
  const profile = ctx.scenario.workload.dailyProfile;
  const day = profile !== undefined && conditioned.some((o) => o.day !== null) ? profile : null;
  /** The exact series at hour h (null: the peak, every tier's peak fleet at the peak load). */
  const exactAt = (h: number | null) => {
    const m = h === null || day === null ? 1 : (day[h] as number);
    const folded = foldBalancers(
      foldAbove,
      domains,
      conditioned.map((o) => {
        const over = o.overDomains as NonNullable<TierOption['overDomains']>;
        if (h === null || o.day === null || m >= 1) return over(idx);
        return over(idx, { nodesByRegion: o.day().byHour[h] as number[], multiplier: m });
      }),
    );
    const s = seriesOverDomains(folded.domains, folded.tiers);
    const causes: Cause[] = conditioned.map((o, k) => ({
      cause: `tier ${names[o.tier]} alone`,
      unavailability: s.tiers[k]?.downtimeShare ?? 0,
    }));
    causes.push({ cause: COMMON_CAUSE, unavailability: s.common });
    const figure: AvailabilityFigure = {
      availability: { availability: s.availability, unavailability: s.unavailability },
      method: '',
      byCause: causes,
      singlePointsOfFailure: [],
    };
    return { folded, states: s.states, figure };
  };
  if (conditioned.length > 0) {
    try {
      const peak = exactAt(null);
      const { folded } = peak;
      if (folded.regions.length > 0) {
        method += `; the balancers of ${folded.regions.map((r) => regionIds[r]).join(', ')} are folded into their regions (every tier there is reached through it; pessimistic by the rare states where a balancer is down and data copies there would still count: ${folded.before} states down to ${folded.after})`;
      }
      let figure = peak.figure;
      if (day !== null) {
        // each hour's series (once per multiplier of the profile: an hour's fleet is its multiplier's), weighted by
        // the hour's share of the day's requests as one autoscaled design's hours are (autoscale.ts, requestWeighted)
        const byLevel = new Map<number, AvailabilityFigure>([[1, peak.figure]]);
        const hours = day.map((m, h) => {
          let f = byLevel.get(m);
          if (f === undefined) {
            f = exactAt(h).figure;
            byLevel.set(m, f);
          }
          return f;
        });
        figure = requestWeighted(day, hours).figure;
        method += `; hour by hour: each autoscaled tier with that hour's fleet at that hour's load, the other tiers with their fleets at the peak load, the hours weighted by their share of the day's requests (workload.dailyProfile; as an autoscaled design's, autoscale.ts; ${byLevel.size} distinct hours)`;
      }
      joint = figure.availability;
      const shareOf = (cause: string) => figure.byCause.find((c) => c.cause === cause)?.unavailability ?? 0;
      conditioned.forEach((o) => {
        const cause = `tier ${names[o.tier]} alone`;
        (byTier[options.indexOf(o)] as TierDowntime).downtimeShare = shareOf(cause);
        byCause.push({ cause, unavailability: shareOf(cause) });
      });
      byCause.push({ cause: COMMON_CAUSE, unavailability: shareOf(COMMON_CAUSE) });
      method += ` (${peak.states} states)`;
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      // too many shared states to enumerate: the plain product (pessimistic: shared domains counted once per tier)
      joint = series(conditioned.map((o) => tierAvailability(o)));
      conditioned.forEach((o) => {
        const u = tierAvailability(o).unavailability;
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
  // each conditioned tier's deploys and failed changes, in series (independent of the hardware: operations.ts); an
  // independent tier's are inside its own availability
  const changes: Availability[] = [];
  for (const cause of CHANGE_CAUSES) {
    const terms = changeTerms(conditioned, cause);
    if (terms.length === 0) continue;
    changes.push(...terms.map((c) => fromUnavailability(c.unavailability)));
    byCause.push({ cause, unavailability: terms.reduce((s, c) => s + c.unavailability, 0) });
  }
  if (changes.length > 0) method += "; each tier's deploys and failed changes in series";
  // the autoscaled tiers' scale-out windows over their caps: their union over the day, once (not each tier's)
  const windows = options.flatMap((o) => (o.day === null ? [] : [o.day().scaleOut]));
  const scaleOut = windows.length === 0 ? 0 : unitedScaleOut(windows).downtimeFraction;
  if (scaleOut > 0) {
    changes.push(fromUnavailability(scaleOut));
    byCause.push({ cause: SCALE_OUT_CAUSE, unavailability: scaleOut });
    method +=
      "; + the autoscaled tiers' scale-out windows over their caps, in series: their union (the tiers rise at the same hours; a window shared by two tiers counts once, the longer)";
  }
  const availability = series([joint, ...changes, ...independent.map(tierAvailability)]);
  const spof = options.flatMap((o) => o.result.availability.singlePointsOfFailure.map((x) => `${names[o.tier]}: ${x}`));
  return { figure: { availability, method, byCause, singlePointsOfFailure: spof }, byTier };
}

/** The causes of a conditioned tier's downtime from changes, in the system's series after the shared states. */
const CHANGE_CAUSES = [CAUSE_DEPLOYS, CAUSE_FAILED_CHANGES] as const;

/** The conditioned tiers' downtime terms of one change cause, in tier order. */
function changeTerms(conditioned: readonly TierOption[], cause: string): { unavailability: number }[] {
  return conditioned.flatMap((o) => o.result.availability.byCause.filter((c) => c.cause === cause));
}

/**
 * A floor under the system's unavailability from its options' own figures: the series of every part of
 * systemAvailability's series but the scale-out windows (the changes of the conditioned tiers, the independent tiers
 * whole), with the joint over the shared domains replaced by the most unavailable conditioned tier alone over the same
 * domains (jointUnavailabilityFloor). Leaving parts out of a series, or taking a part at a lower unavailability, only
 * raises its availability (each part's is at most 1: its log is at most 0, and the sum of the logs is the series'), so
 * the system's unavailability is at least this, up to the order of the additions (the caller's margin). `withJoint`
 * false leaves the joint out too (a floor under this one: the same sum of logs less a part that is at most 0, added
 * first, and floating addition never decreases with its operands), without computing it (a search tries that first).
 * @example a tier that restarts its one box for 35 hours a year of deploys: at least 35 / 8,766 = 0.004
 */
export function systemUnavailabilityFloor(ctx: Context, options: readonly TierOption[], withJoint = true): number {
  const conditioned = options.filter((o) => o.overDomains !== null);
  const parts: Availability[] = [];
  const joint = withJoint ? jointUnavailabilityFloor(ctx, options) : 0;
  if (joint > 0) parts.push(fromUnavailability(joint));
  for (const cause of CHANGE_CAUSES) {
    for (const c of changeTerms(conditioned, cause)) parts.push(fromUnavailability(c.unavailability));
  }
  for (const o of options) if (o.overDomains === null) parts.push(tierAvailability(o));
  return parts.length === 0 ? 0 : series(parts).unavailability;
}

/**
 * A floor under the joint unavailability of the conditioned tiers of `options` over their shared domains (the part of
 * systemAvailability's series seriesOverDomains computes): the largest of the conditioned tiers' unavailabilities
 * alone, each over the same (folded) domains the joint is computed over. In every state s of the shared domains the
 * series is down whenever tier t is, 1 - prod_o A_o(s) >= U_t(s), so summed over the states the joint's unavailability
 * is at least tier t's alone; a tier's upGiven reads only the states of its own regions, so its figure alone is the
 * sum over those (seriesOverDomains of that tier alone: a group of its own regions), its marginal in the joint. The
 * domains are the system's (systemDomains: a region's balancer is multi-zone when another tier there spans zones) and
 * folded as the joint folds them (foldBalancers, FOLD_ABOVE_STATES), so each tier sees the figures it sees there.
 * 0 (no floor) where the joint is not that sum: an autoscaled tier's day (the joint is weighed hour by hour) or more
 * shared states than the enumeration takes (the joint falls back to the plain product; the count here, over every
 * region, is at least any group's). Each tier's figure is memoised by its option and everything it reads (the indices,
 * zones, balancer and availability of its regions, and whether the switch is in series): the same value a fresh
 * computation gives.
 * @example an app fleet and a database box in one region: at least the box's unavailability in that region's states
 */
export function jointUnavailabilityFloor(ctx: Context, options: readonly TierOption[]): number {
  const conditioned = options.filter((o) => o.overDomains !== null);
  if (conditioned.length === 0) return 0;
  if (ctx.scenario.workload.dailyProfile !== undefined && conditioned.some((o) => o.day !== null)) return 0;
  const { idx, domains } = systemDomains(ctx, options);
  const tiers = conditioned.map((o) => (o.overDomains as NonNullable<TierOption['overDomains']>)(idx));
  const folded = foldBalancers(FOLD_ABOVE_STATES, domains, tiers);
  if (folded.after > MAX_DOMAIN_STATES) return 0;
  let floor = 0;
  conditioned.forEach((o, k) => {
    const t = folded.tiers[k] as TierOverDomains;
    floor = Math.max(floor, aloneUnavailability(ctx, o, folded.domains, t));
  });
  return floor;
}

/**
 * Tier figures alone over the shared domains (jointUnavailabilityFloor), by system context and by option id (unique
 * per option object) and every figure they read; at most ALONE_MEMO_SIZE kept per context (cleared when full).
 */
const ALONE_MEMO_SIZE = 4096;
const aloneMemo = contextMemo<number>(ALONE_MEMO_SIZE);

/** Tier `t` (option `o` over `domains`) alone: its unavailability over the states of its own regions. */
function aloneUnavailability(ctx: Context, o: TierOption, domains: SharedDomains, t: TierOverDomains): number {
  const regions = [...new Set([...t.sites.map((x) => x.region), ...(t.balancers ?? [])])];
  let key = `${o.id}|${t.globalSwitch === true ? domains.globalSwitch?.unavailability : '-'}`;
  for (const r of regions) {
    const d = domains.regions[r] as RegionDomains;
    key += `|${r}:${d.availability.unavailability}:${d.zones.map((z) => z.unavailability).join(',')}:${d.balancer?.unavailability ?? '-'}:${(t.balancers ?? []).includes(r) ? 1 : 0}`;
  }
  return aloneMemo(ctx, key, () => seriesOverDomains(domains, [t]).unavailability);
}

/** The cause of the states where two or more tiers are down together, or the global switch is. */
const COMMON_CAUSE = 'two or more tiers at once (a shared zone or region), or the global switch';

/** Above this many shared states a region's balancer is folded into the region where that is allowed. */
export const FOLD_ABOVE_STATES = 1000;

/** States the enumeration of every region together takes: 1 (down) + 2^(zones + balancer) up-states per region. */
function statesOf(domains: SharedDomains, withBalancer: readonly boolean[]): number {
  return domains.regions.reduce((n, r, i) => n * (1 + 2 ** (r.zones.length + (withBalancer[i] ? 1 : 0))), 1);
}

/**
 * When the shared states are many (above FOLD_ABOVE_STATES), a region's balancer through which EVERY tier with nodes
 * there is reached is folded into the region (region and balancer in series): the balancer's outage then counts as
 * the region's. For reaching the tiers that is the same event (the users of that region go elsewhere or nowhere); it
 * differs only where data copies in the region would still count toward a quorum while unreachable, so the fold is
 * pessimistic by states of probability about U_balancer x U_other (measured: the payment example's strong ledger over
 * three regions, 3.129e-5 folded against 3.101e-5 exact, +0.92%; test/compare/tiers.test.ts). It divides the states by up to (1 + 2^(z+1)) /
 * (1 + 2^z) per region (17^3 = 4,913 to 9^3 = 729 for three regions of three zones).
 */
function foldBalancers(
  above: number,
  domains: SharedDomains,
  tiers: readonly TierOverDomains[],
): { domains: SharedDomains; tiers: TierOverDomains[]; regions: number[]; before: number; after: number } {
  const has = domains.regions.map((r) => r.balancer !== undefined);
  const before = statesOf(domains, has);
  if (before <= above) return { domains, tiers: [...tiers], regions: [], before, after: before };
  const foldable = domains.regions.map(
    (r, i) =>
      r.balancer !== undefined &&
      tiers.every((t) => !t.sites.some((x) => x.region === i) || (t.balancers ?? []).includes(i)),
  );
  const regions = foldable.flatMap((f, i) => (f ? [i] : []));
  const folded: SharedDomains = {
    ...domains,
    regions: domains.regions.map((r, i) =>
      foldable[i] && r.balancer !== undefined
        ? { availability: series([r.availability, r.balancer]), zones: r.zones }
        : r,
    ),
  };
  const out = tiers.map((t) =>
    t.balancers === undefined ? t : { ...t, balancers: t.balancers.filter((b) => !foldable[b]) },
  );
  return {
    domains: folded,
    tiers: out,
    regions,
    before,
    after: statesOf(
      folded,
      folded.regions.map((r) => r.balancer !== undefined),
    ),
  };
}

function plain(a: Availability): Availability {
  return { availability: a.availability, unavailability: a.unavailability };
}

/**
 * A tier's own availability in the system's series: its result's, but for an autoscaled tier without its scale-out
 * windows (the system takes the tiers' union once): the failures over its day (availabilityByHour's request-weighted
 * figure, computed directly). A tier whose data cannot be placed is down (its figure is 0 already).
 */
function tierAvailability(o: TierOption): Availability {
  const failures = o.result.autoscaling?.availabilityByHour?.requestWeightedUnavailability;
  if (o.day !== null && failures !== undefined) return fromUnavailability(failures);
  return { availability: o.result.availability.value, unavailability: o.result.availability.unavailability };
}
