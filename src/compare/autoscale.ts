/**
 * An autoscaled horizontal design on a daily profile (contract, "Pricing": `workload.dailyProfile`, `autoscaling`).
 *
 * Hours. Hour h carries m_h x the design rate (m_h in [0, 1], the profile's multiplier). In each region r the design
 * runs, that hour,
 *   n_r(h) = N_r                                                 when m_h = 1 (the peak fleet, as sized or given),
 *   n_r(h) = min(N_r, max(atLeast, max(minNodes, base_r(m_h)) + spares))   below it,
 * where N_r is the region's peak fleet, atLeast the copies of a partition and the nodes that hold the working set
 * (nodeMemory.ts: the data never shrinks with the load), and base_r(m) the nodes that carry m x the region's share
 * within the p99 and utilisation targets, as at the peak (regionLoadBase: the same sizing rule at the hour's load).
 * So a sized design's peak hour is its peak fleet, and no hour runs more. Compute is paid for the mean over the 24
 * hours: sum_r price_r x 730 h x (1/24) sum_h n_r(h) (a billing month of 730 hours is 30.4 such days). Vertical
 * designs, and horizontal ones without autoscaling, pay for the peak all day.
 *
 * Scale-out. When the load rises from hour h to the next (h + 1, and hour 23 to hour 0: the day repeats), the new
 * nodes come into service scaleOutTime after the rise, and until then the nodes of hour h carry hour h + 1's load
 * (ASSUMPTION: the rise is a step at the hour, and the autoscaler starts at once). The window's utilisation is
 * computed in every region (the busiest region's), and the worst step's p99 with it (reported as
 * latency.p99ScaleOutMs, beside the p99 at the peak; like the degraded p99 it does not decide the p99 target). A
 * step whose old nodes cannot carry the new load at or below the degraded utilisation cap (the cap of availability:
 * targets.maxUtilizationDegraded, or the peak all-up utilisation when higher; an unstable queue always) is down for
 * its window: availability.byCause "scale-out" = (such steps a day x min(scaleOutTime, 1 h)) / 24 h, in series with
 * the rest of the unavailability (independent of failures; ASSUMPTION).
 *
 * Failures hour by hour (requestWeighted): each hour's fleet is evaluated at that hour's load (its need for nodes at
 * the degraded cap falls with the load; its spares are the design's; the cap is the peak's), and the hours are
 * weighted by their share of the day's requests, m_h / sum(m): the design's unavailability is the share of requests
 * that arrive while it is down, what a capacity planner loses. The worst hour and the plain time-weighted mean are
 * reported beside it. A quieter hour's fleet is not always less available than the peak's: it has the same spares
 * and fewer nodes that can fail, so node failures usually matter less at night; a lean night (minNodes low, few
 * nodes over the zones and the copies) can matter more. The searches' availability prunes are of the peak fleet, so
 * with autoscaling they hold a design to target / w, w the peak hours' share of the requests (searchHorizontal.ts).
 */

import type { AutoscalingSpec } from '../scenario/types.js';
import type { AvailabilityFigure } from './availability.js';
import { balancerModel, queueAtLoad } from './capacity.js';
import type { Context } from './context.js';
import type { HorizontalDesign } from './designKinds.js';
import type { HorizontalLayout } from './layout.js';
import { leastRegionNodes } from './nodeMemory.js';
import { regionLoadBase } from './regionNeed.js';

/** Seconds in a day. */
const DAY_S = 86_400;
/** Seconds in an hour: a scale-out window lasts at most until the next hour's step. */
const HOUR_S = 3600;

/** What an autoscaled design's hours need, before its spares and its peak fleet: once per instance type and layout. */
export interface HourlyBase {
  /** The least nodes of a region whatever the load (copies of a partition, the working set). */
  atLeast: number;
  /** base[h][r]: max(minNodes, nodes region r needs up at hour h's load), before spares. */
  base: number[][];
}

/** The profile a design follows (the scenario's): 24 multipliers of the peak. */
export function profileOf(ctx: Context): readonly number[] {
  const p = ctx.scenario.workload.dailyProfile;
  if (p === undefined) throw new RangeError('autoscaling without workload.dailyProfile');
  return p;
}

/** The nodes each hour of the day needs in each region of a design of `instance` (before spares). */
export function hourlyBase(
  ctx: Context,
  d: Pick<HorizontalDesign, 'instance' | 'balancer' | 'regions'>,
  layout: HorizontalLayout,
  auto: AutoscalingSpec,
): HourlyBase {
  const atLeast = leastRegionNodes(ctx, d.instance);
  const byMultiplier = new Map<number, number[]>();
  const base = profileOf(ctx).map((m) => {
    let row = byMultiplier.get(m);
    if (row === undefined) {
      row = d.regions.map((_, r) =>
        Math.max(auto.minNodes, regionLoadBase(ctx, d, layout, r, (layout.share[r] as number) * m)),
      );
      byMultiplier.set(m, row);
    }
    return row;
  });
  return { atLeast, base };
}

/** Nodes per region at each hour (hour-major) of a design whose peak fleet is `peak`, with `spares` spares. */
export function hourlyNodes(ctx: Context, hb: HourlyBase, peak: readonly number[], spares: number): number[][] {
  return profileOf(ctx).map((m, h) =>
    m >= 1
      ? [...peak]
      : peak.map((n, r) => Math.min(n, Math.max(hb.atLeast, ((hb.base[h] as number[])[r] as number) + spares))),
  );
}

/** The mean nodes per region over the day (what compute is paid for). */
export function meanNodes(byHour: readonly (readonly number[])[]): number[] {
  const R = byHour[0]?.length ?? 0;
  const out = new Array<number>(R).fill(0);
  for (const row of byHour) {
    row.forEach((n, r) => {
      out[r] = (out[r] as number) + n;
    });
  }
  return out.map((x) => x / byHour.length);
}

/** An autoscaled design's fleet over the day: nodes per region by hour, and their mean. */
export interface AutoscaledFleet {
  byHour: number[][];
  meanByRegion: number[];
}

/** The fleet of an autoscaled horizontal design over the day (the module note). */
export function autoscaledFleet(
  ctx: Context,
  d: HorizontalDesign & { autoscaling: AutoscalingSpec },
  layout: HorizontalLayout,
): AutoscaledFleet {
  const byHour = hourlyNodes(ctx, hourlyBase(ctx, d, layout, d.autoscaling), d.nodesByRegion, d.spares);
  return { byHour, meanByRegion: meanNodes(byHour) };
}

/** One rise of the load from an hour to the next, with the old hour's nodes carrying the new load. */
export interface ScaleOutStep {
  fromHour: number;
  toHour: number;
  fromMultiplier: number;
  toMultiplier: number;
  /** The old hour's nodes over all regions. */
  nodes: number;
  /** The busiest region's utilisation in the window. */
  utilization: number;
}

export interface ScaleOutCheck {
  /** Hours after which the load rises (count, cyclic over the day). */
  risingSteps: number;
  /** Rises whose window the old nodes cannot carry at or below the cap (count). */
  stepsOverCap: number;
  /** The rise with the highest utilisation in its window; null when the load never rises. */
  worst: ScaleOutStep | null;
  /** Unavailability of the windows over the cap: stepsOverCap x min(scaleOutTime, 1 h) / 24 h. */
  downtimeFraction: number;
  /** The hour before each rise over the cap (hour order; stepsOverCap of them). */
  overCapFromHours: number[];
  /** How long each window lasts: min(scaleOutTime, 1 h), s. */
  windowS: number;
}

/** Every rise of the load over the day, its window's utilisation with the old nodes, and the downtime (module note). */
export function scaleOutCheck(
  ctx: Context,
  d: HorizontalDesign & { autoscaling: AutoscalingSpec },
  layout: HorizontalLayout,
  byHour: readonly (readonly number[])[],
  cap: number,
): ScaleOutCheck {
  const profile = profileOf(ctx);
  const w = ctx.scenario.workload;
  const model = balancerModel(d.balancer);
  let rising = 0;
  const over: number[] = [];
  let worst: ScaleOutStep | null = null;
  profile.forEach((m, h) => {
    const next = (h + 1) % profile.length;
    const to = profile[next] as number;
    if (!(to > m)) return;
    rising++;
    const nodes = byHour[h] as readonly number[];
    let u = 0;
    d.regions.forEach((_, r) => {
      const share = layout.share[r] as number;
      if (share === 0) return;
      const q = queueAtLoad(w, ctx.node(d.instance), ctx.designRatePerS * share * to, nodes[r] as number, model);
      u = Math.max(u, q.utilization);
    });
    if (!(u <= cap)) over.push(h);
    if (worst === null || u > worst.utilization) {
      const total = nodes.reduce((s, n) => s + n, 0);
      worst = { fromHour: h, toHour: next, fromMultiplier: m, toMultiplier: to, nodes: total, utilization: u };
    }
  });
  const windowS = Math.min(d.autoscaling.scaleOutTimeS, HOUR_S);
  return {
    risingSteps: rising,
    stepsOverCap: over.length,
    worst,
    downtimeFraction: (over.length * windowS) / DAY_S,
    overCapFromHours: over,
    windowS,
  };
}

/** The scale-out windows of several designs on one daily profile, together (unitedScaleOut). */
export interface UnitedScaleOut {
  /** Hours after which the load rises: the profile's, the same for every design (count). */
  risingSteps: number;
  /** Rises at which at least one design's window is over its cap (count, at most risingSteps). */
  stepsOverCap: number;
  /** Unavailability of the union of the windows over the caps, fraction of the day. */
  downtimeFraction: number;
}

/**
 * The scale-out windows of designs in series that follow the same daily profile (the tiers of a system: a request
 * needs every tier). They rise at the same hours (the profile's), so they share the rising steps: risingSteps is the
 * profile's count, not a sum. At a rise from hour h, each design i over its cap there is down from the step for its
 * window w_i = min(scaleOutTime_i, 1 h) (the module note); the series is down while any of them is, the union of
 * intervals [h, h + w_i) that all start at the step: [h, h + max_i w_i). So
 *   stepsOverCap = |U_i over_i|,   downtime = sum over h in U_i over_i of max {w_i : h in over_i} / 24 h,
 * at least each design's own and at most their sum (the sum counts a window twice when two designs are over their
 * caps at the same rise). Pure.
 */
export function unitedScaleOut(checks: readonly ScaleOutCheck[]): UnitedScaleOut {
  const longest = new Map<number, number>();
  for (const c of checks) {
    for (const h of c.overCapFromHours) longest.set(h, Math.max(longest.get(h) ?? 0, c.windowS));
  }
  let windowsS = 0;
  for (const w of longest.values()) windowsS += w;
  return {
    risingSteps: Math.max(0, ...checks.map((c) => c.risingSteps)),
    stepsOverCap: longest.size,
    downtimeFraction: Math.min(1, windowsS / DAY_S),
  };
}

/**
 * The peak hour of a daily profile: the first hour with the highest multiplier (the hour whose fleet is the peak
 * fleet at the peak load).
 * @example peakHour([0.2, 1, 0.5, 1]) // 1
 */
export function peakHour(profile: readonly number[]): number {
  return profile.indexOf(Math.max(...profile));
}

/** How the hours' availability figures are combined into the design's (availability.value). */
export const HOURLY_WEIGHTING = 'requests' as const;

/** An autoscaled design's failures hour by hour, and the figure they give over the day. */
export interface HourlyAvailability {
  /** Unavailability from failures in each hour, hour 0 first (that hour's fleet at that hour's load). */
  unavailabilityByHour: number[];
  /** The hour with the highest unavailability (the first of equals), and its unavailability. */
  worstHour: { hour: number; unavailability: number };
  /** The plain mean over the 24 hours (each hour counts the same, whatever its traffic). */
  timeWeightedUnavailability: number;
  /** The request-weighted figure over the day: the design's failures figure (see requestWeighted). */
  figure: AvailabilityFigure;
}

/**
 * The failures figure of an autoscaled design over the day, from each hour's figure (`byHour[h]`: its fleet of that
 * hour at that hour's load, autoscale.ts's fleet; an hour's need for nodes falls with its load, its spares are the
 * design's). Weighted by requests: hour h counts m_h / sum(m) (m_h its profile multiplier), so the figure is the share
 * of the day's requests that arrive while the design is down (a capacity planner counts requests lost; an hour at 20%
 * of the peak loses a fifth of the requests an hour at the peak would). U = sum_h w_h U_h, A = sum_h w_h A_h (each
 * computed directly, so that neither loses digits), each cause the same weighted sum; the method is the peak hour's
 * with the weighting said. Also reported: the time-weighted mean (each hour alike) and the worst hour. Pure.
 */
export function requestWeighted(profile: readonly number[], byHour: readonly AvailabilityFigure[]): HourlyAvailability {
  const total = profile.reduce((s, m) => s + m, 0);
  const weight = (h: number) => (total > 0 ? (profile[h] as number) / total : 1 / profile.length);
  const peak = byHour[peakHour(profile)] ?? byHour[0];
  if (peak === undefined) throw new RangeError('requestWeighted: no hours');
  // sums of the hours' differences from the peak hour (the weights add up to 1): a day of identical hours gives the
  // peak's figure to the last digit, and the small differences keep theirs
  const pu = peak.availability.unavailability;
  const pa = peak.availability.availability;
  const peakCause = new Map(peak.byCause.map((c) => [c.cause, c.unavailability]));
  let du = 0;
  let da = 0;
  let mean = 0;
  let worst = { hour: 0, unavailability: -1 };
  const causes = new Map<string, number>();
  byHour.forEach((f, h) => {
    const w = weight(h);
    const uh = f.availability.unavailability;
    du += w * (uh - pu);
    da += w * (f.availability.availability - pa);
    mean += uh / byHour.length;
    if (uh > worst.unavailability) worst = { hour: h, unavailability: uh };
    for (const c of f.byCause) {
      causes.set(c.cause, (causes.get(c.cause) ?? 0) + w * (c.unavailability - (peakCause.get(c.cause) ?? 0)));
    }
    // a cause of the peak hour this hour lacks counts 0 there
    for (const [cause, pc] of peakCause) {
      if (!f.byCause.some((c) => c.cause === cause)) causes.set(cause, (causes.get(cause) ?? 0) - w * pc);
    }
  });
  const u = pu + du;
  const a = pa + da;
  return {
    unavailabilityByHour: byHour.map((f) => f.availability.unavailability),
    worstHour: worst,
    timeWeightedUnavailability: mean,
    figure: {
      availability: { availability: a, unavailability: u },
      method: `${peak.method}; autoscaled: computed for each hour's fleet at that hour's load (the night's smaller fleet with the same spares, its need for nodes falling with the load) and weighted by the hour's share of the day's requests (workload.dailyProfile); the worst hour and the time-weighted mean are in autoscaling.availabilityByHour`,
      byCause: [...causes].map(([cause, d]) => ({
        cause,
        unavailability: Math.max(0, (peakCause.get(cause) ?? 0) + d),
      })),
      singlePointsOfFailure: peak.singlePointsOfFailure,
    },
  };
}
