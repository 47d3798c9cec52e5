/**
 * A system of tiers as one candidate: the tiers' designs (each evaluated on its own, tierOption.ts) composed into
 * end-to-end figures (cost the sum, availability the exact series over shared domains, latency the distribution of
 * the sum of every call), with each tier's part in `tiers[]`. Pure.
 */

import { nines } from '../../core/reliability/index.js';
import type { Tier } from '../../scenario/types.js';
import { formatLatencyMs } from '../../units/format.js';
import { unitedScaleOut } from '../autoscale.js';
import { availabilityResult } from '../availability.js';
import type { Context } from '../context.js';
import { BILLING_HOURS_PER_MONTH, SECONDS_PER_BILLING_MONTH } from '../context.js';
import { pricingOf } from '../nodePrice.js';
import { meetsP99, p99MissText } from '../p99Scope.js';
import type { ArchitectureResult, CostResult, DataLossResult, MeetsTargets, TierResult } from '../result.js';
import { BOUND_SLACK } from '../screenBound.js';
import { lossVerdict } from '../survival.js';
import { type JudgedFields, missedTargets, ninesShortfall, shortfallOf, UNBOUNDED_SHORTFALL } from '../targets.js';
import { tierCalls } from '../tierDemand.js';
import { budgetShortfallBound } from './shortfallBound.js';
import { systemAvailability, systemUnavailabilityFloor } from './systemAvailability.js';
import {
  type InRegionRtt,
  REPEATED_CALLS_ERROR,
  REPEATED_CALLS_MEASURED_CALLS,
  systemLatency,
} from './systemLatency.js';
import type { TierOption } from './tierOption.js';

/** The sum of the tiers' costs. */
function sumCost(ctx: Context, options: readonly TierOption[]): CostResult {
  const first = (options[0] as TierOption).result.cost;
  const breakdown = { ...first.breakdown };
  const transfer = { ...first.transferGbPerMonth };
  let internetEgress = first.internetEgressUsdPerMonth;
  for (const o of options.slice(1)) {
    const c = o.result.cost;
    // the optional parts (operations, blue-green) where any tier has them
    for (const k of Object.keys(c.breakdown) as (keyof typeof breakdown)[]) {
      breakdown[k] = (breakdown[k] ?? 0) + (c.breakdown[k] ?? 0);
    }
    transfer.crossZone += c.transferGbPerMonth.crossZone;
    transfer.interRegion += c.transferGbPerMonth.interRegion;
    internetEgress += c.internetEgressUsdPerMonth;
  }
  // people and tooling per region: each region of the system once, however many tiers run there (tierScenario.ts)
  const regionsUsd = ctx.scenario.operations.usdPerRegionMonth * new Set(options.flatMap((o) => o.result.regions)).size;
  if (regionsUsd > 0) breakdown.operationsUsdPerMonth = (breakdown.operationsUsdPerMonth ?? 0) + regionsUsd;
  const usdPerMonth = Object.values(breakdown).reduce((s, x) => s + x, 0);
  const requests = ctx.trafficRatePerS * SECONDS_PER_BILLING_MONTH;
  return {
    usdPerMonth,
    breakdown,
    usdPerMillionRequests: requests > 0 ? (usdPerMonth / requests) * 1e6 : 0,
    internetEgressUsdPerMonth: internetEgress,
    transferGbPerMonth: transfer,
    prices: distinctPrices(options.flatMap((o) => o.result.cost.prices)),
    pricingModel: [...new Set(options.map((o) => o.result.cost.pricingModel))].join(' + '),
    method: `${first.method}; a system of tiers: the sum of its tiers' costs (only the first tier answers the users: internet egress is its; traffic between tiers inside a region is not priced)`,
  };
}

/** The tiers' unit prices, each instance type and region once. */
function distinctPrices(prices: readonly CostResult['prices'][number][]): CostResult['prices'] {
  const seen = new Map<string, CostResult['prices'][number]>();
  for (const p of prices) {
    const key = `${p.instance}\u0000${p.region}\u0000${p.pricingModel}`;
    if (!seen.has(key)) seen.set(key, p);
  }
  return [...seen.values()];
}

/** The most writes one failure can lose, over the tiers that keep data. */
function worstDataLoss(names: readonly string[], options: readonly TierOption[]): DataLossResult {
  let worst: DataLossResult = { windowS: 0, method: 'no writes' };
  for (const o of options) {
    const d = o.result.dataLoss;
    if (d.method === 'no writes') continue;
    if (worst.method === 'no writes' || d.windowS > worst.windowS) {
      worst = { windowS: d.windowS, method: `${names[o.tier]}: ${d.method}` };
    }
  }
  return worst;
}

/**
 * Evaluates a system whose tier i is built as `options[i]`: end-to-end cost, availability and latency, the targets
 * met (utilisation and memory by every tier, the rest end-to-end), and each tier's part. `screen`: the latency holds
 * only the p99 the target judges (a search's screen, SCREEN_METHOD; the search evaluates its choice in full);
 * `survival`: a screen that decides the p99 by the survival at the target where that is sure (systemLatency.ts,
 * p99WithinBySurvival) and computes the p99 on first read: the same figures, those that read the p99 (the shortfall
 * and the reasons of a missed p99, rankKey's last element) computed when read.
 */
export function systemResult(
  ctx: Context,
  name: string,
  origin: 'explicit' | 'searched',
  options: readonly TierOption[],
  rtt: InRegionRtt,
  screen = false,
  survival = false,
): ArchitectureResult {
  const tiers = ctx.scenario.tiers as Tier[];
  const names = tiers.map((t) => t.name);
  const t = ctx.scenario.targets;
  const front = (options[0] as TierOption).result;
  const lat = systemLatency(
    ctx,
    tiers,
    options.map((o) => ({ serving: o.serving })),
    rtt,
    screen,
    survival,
  );
  const av = systemAvailability(ctx, names, options);
  const cost = sumCost(ctx, options);
  const dataLoss = worstDataLoss(names, options);
  const utilization = Math.max(...options.map((o) => o.result.utilization));
  const meetsTargets: MeetsTargets = {
    durability: t.maxDataLossS === null ? null : dataLoss.windowS <= t.maxDataLossS,
    p99: lat.meetsP99 ?? meetsP99(t, lat.latency),
    availability: av.figure.availability.unavailability <= t.unavailability,
    budget: t.budgetUsdPerMonth === null ? null : cost.usdPerMonth <= t.budgetUsdPerMonth,
    utilization: options.every((o) => o.result.meetsTargets.utilization),
    memory: options.every((o) => o.result.meetsTargets.memory),
  };
  const availability = availabilityResult(av.figure);
  const calls = tierCalls(tiers);
  const regions = [...new Set(options.flatMap((o) => o.result.regions))];
  // tiers bought differently (a tier's own pricing.model, spot chosen for a stateless tier): each says how
  const mixedPricing = new Set(options.map((o) => o.result.cost.pricingModel)).size > 1;
  const tierResults = () =>
    options.map((o, i): TierResult => {
      const r = o.result;
      const tier = tiers[i] as Tier;
      const c = o.choice;
      return {
        name: tier.name,
        role: tier.role,
        kind: c.kind,
        instance: r.instance,
        nodes: r.nodes,
        regions: r.regions,
        zones: r.zones,
        standby: c.kind === 'vertical' ? c.standby : null,
        readReplicas: c.kind === 'vertical' ? c.readReplicas : 0,
        nodesByRegion:
          c.kind === 'vertical'
            ? [{ region: c.region, nodes: 1 + c.readReplicas }]
            : c.regions.map((region, k) => ({ region, nodes: c.nodesByRegion[k] as number })),
        spares: c.kind === 'horizontal' ? c.spares : 0,
        balancer: c.kind === 'horizontal' ? c.balancer : null,
        ...(r.deploy === undefined ? {} : { deploy: r.deploy }),
        callsPerRequest: calls[i]?.meanCalls ?? 0,
        utilization: r.utilization,
        memoryNeededGiB: r.memoryNeededGiB,
        latency: lat.byTier[i] ?? { meanMs: null, p99Ms: null, shareOfMean: null },
        availability: {
          value: r.availability.value,
          unavailability: r.availability.unavailability,
          downtimeShare: Math.min(1, av.byTier[i]?.downtimeShare ?? 0),
        },
        cost: {
          usdPerMonth: r.cost.usdPerMonth,
          share: cost.usdPerMonth > 0 ? r.cost.usdPerMonth / cost.usdPerMonth : 0,
          ...(mixedPricing ? { pricingModel: pricingOf(r) ?? 'on-demand' } : {}),
        },
        ...(r.autoscaling === undefined ? {} : { autoscaling: r.autoscaling }),
        zoneLoss: lossVerdict(r, 'zone') ?? 'reads',
        regionLoss: lossVerdict(r, 'region'),
        notes: r.notes,
      };
    });
  const notes = () => [...tierNotes(tiers, options), ...repeatedCallNotes(tiers, options)];
  const regionLoss = options.map((o) => o.result.survivesRegionLoss);
  const partial = {
    name,
    kind: options.every((o) => o.choice.kind === 'vertical') ? ('vertical' as const) : ('horizontal' as const),
    origin,
    instance: front.instance,
    nodes: options.reduce((s, o) => s + o.result.nodes, 0),
    spares: front.spares,
    zones: front.zones,
    regions,
    standby: front.standby,
    balancer: front.balancer,
    utilization,
    memoryNeededGiB: front.memoryNeededGiB,
    nodesNeededByRegion: front.nodesNeededByRegion,
    // where the data lives: the first database tier's placement (a vertical database has none); none without one
    placement: options.find((_o, i) => (tiers[i] as Tier).role === 'database')?.result.placement ?? null,
    degradedUtilizationCap: front.degradedUtilizationCap,
    survivesZoneLoss: options.every((o) => o.result.survivesZoneLoss),
    survivesRegionLoss: regionLoss.every((x) => x === null) ? null : regionLoss.every((x) => x === true),
    cost,
    ...systemAutoscaling(options, cost),
    availability,
    latency: lat.latency,
    dataLoss,
    meetsTargets,
    notes: screen ? [] : notes(),
    tiers: screen ? [] : tierResults(),
  };
  if (screen) {
    // a screen's notes and tiers[] (read by no target or ranking) are computed on first read, in their places
    lazily(partial, 'notes', notes);
    lazily(partial, 'tiers', tierResults);
  }
  // feasible, shortfall and the reasons added after partial's fields (as a copy with them would have them), to the
  // object itself: a copy would read the getters
  if (lat.meetsP99 === false) {
    // a screen found the p99 missed without computing it: the system misses a target (its reasons name the p99), and
    // the shortfall and the reasons, which read the p99, are computed on first read
    const out = Object.assign(partial, { feasible: false, shortfall: 0, infeasibleReason: '' });
    lazily(out, 'shortfall', () => systemShortfall(ctx, partial, options));
    lazily(out, 'infeasibleReason', () => systemReasons(ctx, partial, tiers, options).join('; '));
    return out;
  }
  const reasons = systemReasons(ctx, partial, tiers, options);
  return reasons.length === 0
    ? Object.assign(partial, { feasible: true, shortfall: 0 })
    : Object.assign(partial, {
        feasible: false,
        shortfall: systemShortfall(ctx, partial, options),
        infeasibleReason: reasons.join('; '),
      });
}

/** Makes `o[key]` (an own property, kept in its place) a getter of `compute()`, computed on first read and kept. */
function lazily<T extends object, K extends keyof T>(o: T, key: K, compute: () => T[K]): void {
  let done = false;
  let value: T[K] | undefined;
  Object.defineProperty(o, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!done) {
        value = compute();
        done = true;
      }
      return value as T[K];
    },
  });
}

/**
 * The system's hours when a tier autoscales (its tiers' autoscaling blocks): nodes and cost rate hour by hour summed
 * over the tiers (a tier that does not autoscale runs its fleet and pays its monthly cost evenly all day; what the
 * system pays beside its tiers, such as people and tooling per region, spread evenly too), the peak compute it
 * replaces, and the scale-out of the autoscaled tiers: the union of their windows (autoscale.ts, unitedScaleOut: the
 * tiers follow one profile, so they rise at the same hours; a rise counts once when any tier is over its cap, for its
 * longest window; the same figure the system's availability takes in series), and the worst window of any. None: no
 * tier autoscales.
 */
function systemAutoscaling(options: readonly TierOption[], cost: CostResult): Pick<ArchitectureResult, 'autoscaling'> {
  const results = options.map((o) => o.result);
  const auto = results.flatMap((r) => (r.autoscaling === undefined ? [] : [r.autoscaling]));
  const first = auto[0];
  if (first === undefined) return {};
  const hours = first.nodesByHour.map((_, h) => h);
  const besideTiers =
    (cost.usdPerMonth - results.reduce((s, r) => s + r.cost.usdPerMonth, 0)) / BILLING_HOURS_PER_MONTH;
  const united = unitedScaleOut(options.flatMap((o) => (o.day === null ? [] : [o.day().scaleOut])));
  const worst = auto
    .map((a) => a.scaleOut.worstStep)
    .reduce((w, x) => (x !== null && (w === null || x.utilization > w.utilization) ? x : w), null);
  return {
    autoscaling: {
      minNodes: Math.min(...auto.map((a) => a.minNodes)),
      scaleOutTimeS: Math.max(...auto.map((a) => a.scaleOutTimeS)),
      nodesByHour: hours.map((h) => results.reduce((s, r) => s + (r.autoscaling?.nodesByHour[h] ?? r.nodes), 0)),
      usdPerHourByHour: hours.map(
        (h) =>
          besideTiers +
          results.reduce(
            (s, r) => s + (r.autoscaling?.usdPerHourByHour[h] ?? r.cost.usdPerMonth / BILLING_HOURS_PER_MONTH),
            0,
          ),
      ),
      meanNodes: results.reduce((s, r) => s + (r.autoscaling?.meanNodes ?? r.nodes), 0),
      peakNodes: results.reduce((s, r) => s + r.nodes, 0),
      computeUsdPerMonthAtPeak: results.reduce(
        (s, r) => s + (r.autoscaling?.computeUsdPerMonthAtPeak ?? r.cost.breakdown.computeUsdPerMonth),
        0,
      ),
      scaleOut: { ...united, worstStep: worst },
      method: `a system of tiers: its autoscaled tiers' hours (tiers[].autoscaling) plus the other tiers' fleets all day, summed hour by hour; each autoscaled tier: ${first.method}`,
    },
  };
}

/** Utilisation from which a tier's repeated calls are noted when outside the range their model was measured on. */
const REPEATED_CALLS_BUSY = 0.5;

/**
 * A note for each busy tier that a request calls more often than the correlated-waits model was measured on
 * (REPEATED_CALLS_ERROR): its p99 there is an extrapolation of that model.
 */
function repeatedCallNotes(tiers: readonly Tier[], options: readonly TierOption[]): string[] {
  return options.flatMap((o, i) => {
    const t = tiers[i] as Tier;
    const u = o.result.utilization;
    if (t.callsPerRequest <= REPEATED_CALLS_MEASURED_CALLS || !(u >= REPEATED_CALLS_BUSY)) return [];
    return [
      `tier ${t.name}: ${t.callsPerRequest} calls of one request meet its queue at ${(u * 100).toFixed(0)}% load; the correlation of their waits was measured up to ${REPEATED_CALLS_MEASURED_CALLS} calls (within ${(REPEATED_CALLS_ERROR.exponential.lo * 100).toFixed(1)}% .. +${(REPEATED_CALLS_ERROR.exponential.hi * 100).toFixed(1)}% of the simulated p99), so its share of the p99 is extrapolated`,
    ];
  });
}

function tierNotes(tiers: readonly Tier[], options: readonly TierOption[]): string[] {
  return options.map((o, i) => {
    const c = o.choice;
    const what =
      c.kind === 'vertical'
        ? `${c.instance.name} in ${c.region}${c.standby === 'none' ? '' : `, ${c.standby} standby${c.standbyRegion ? ` in ${c.standbyRegion}` : ' in another zone'}`}${c.readReplicas > 0 ? `, ${c.readReplicas} read replica${c.readReplicas === 1 ? '' : 's'}` : ''}`
        : `${o.result.nodes} x ${c.instance.name} over ${c.zones} zone${c.zones === 1 ? '' : 's'} in ${c.regions.join(', ')}`;
    return `tier ${(tiers[i] as Tier).name} (${(tiers[i] as Tier).role}): ${c.kind}, ${what}`;
  });
}

/** The targets missed: CPU and memory by each tier (named), the others end-to-end. */
function systemReasons(
  ctx: Context,
  r: Omit<ArchitectureResult, 'feasible' | 'shortfall' | 'infeasibleReason'>,
  tiers: readonly Tier[],
  options: readonly TierOption[],
): string[] {
  const out: string[] = [];
  options.forEach((o, i) => {
    const own = missedTargets(ctx, capacityView(o.result)).filter((m) => m.limit === 'memory' || m.limit === 'CPU');
    for (const m of own) out.push(`tier ${(tiers[i] as Tier).name}: ${m.text}`);
  });
  // the fields judged, each read (not a copy of r: a screen's r computes some fields on first read, systemResult)
  const system = missedTargets(ctx, {
    meetsTargets: { ...r.meetsTargets, utilization: true, memory: true },
    dataLoss: r.dataLoss,
    utilization: Math.min(r.utilization, 0.999999),
    memoryNeededGiB: r.memoryNeededGiB,
    instance: r.instance,
    latency: r.latency,
    availability: r.availability,
    cost: r.cost,
    regions: r.regions,
  }).filter((m) => m.limit !== 'memory' && m.limit !== 'CPU');
  for (const m of system) {
    if (m.limit === 'distance') {
      // the network of a system is the users' round trips and the calls between its tiers
      const between = r.latency.interTierMs ?? 0;
      out.push(
        `distance: ${p99MissText(ctx.scenario.targets, r.latency)}; the network alone gives a p99 of ${formatLatencyMs(r.latency.networkP99Ms)}, ${formatLatencyMs(between)} of it on average between the tiers: ${between > r.latency.networkP99Ms / 2 ? 'the tiers are too far apart for their calls (fewer calls, or the tiers in one region)' : 'the users are too far from the first tier'} (distance, not capacity)`,
      );
    } else out.push(m.text);
  }
  return out;
}

/**
 * A lower bound on a system's shortfall known without its p99: the shortfall with the p99 term left out (every term
 * is non-negative, and a sum of floating-point numbers does not decrease when a non-negative term is added to it, so
 * this is at most the shortfall, bit for bit). A search's screened result that missed the p99 (systemResult with
 * `survival`) is ranked on it first, and its p99 computed only when it could still rank first.
 */
export function shortfallBesideP99(ctx: Context, r: ArchitectureResult, options: readonly TierOption[]): number {
  return systemShortfall(
    ctx,
    {
      meetsTargets: { ...r.meetsTargets, p99: true },
      availability: r.availability,
      cost: r.cost,
      utilization: r.utilization,
      memoryNeededGiB: r.memoryNeededGiB,
      instance: r.instance,
      dataLoss: r.dataLoss,
      latency: r.latency,
    },
    options,
  );
}

/**
 * A floor under the shortfall of the system of `options` priced `usdPerMonth` (the sum of its tiers' prices), known
 * before it is evaluated: systemShortfall's terms that the options decide alone, the others (the p99's, the
 * durability's) at 0, every term non-negative:
 * - each tier's utilisation and memory excess: the same numbers as systemShortfall's (shortfallOf of capacityView);
 * - the budget's excess: budgetShortfallBound of the price (shortfallBound.ts, its own margin);
 * - the availability's: the system's unavailability is at least systemUnavailabilityFloor (the series with the joint
 *   over the shared states replaced by its most unavailable tier alone there), taken BOUND_SLACK lower (screenBound.ts);
 *   when that misses the target, the term is at least ninesShortfall of the floor's nines (targets.ts; nines fall as
 *   the unavailability rises).
 * Their sum, BOUND_SLACK lower (summed in another order), capped as systemShortfall caps. A floor above 0 proves a
 * target missed (some term proves it): the system does not meet every target. `withJoint` false: the availability's
 * term from systemUnavailabilityFloor without its joint part (not computed), a floor under this floor (every step from
 * the unavailability to the sum never decreases with it), which a search tries first.
 * @example a tier at 120% of its CPU: UNBOUNDED_SHORTFALL, whatever the other tiers
 */
export function shortfallFloor(
  ctx: Context,
  options: readonly TierOption[],
  usdPerMonth: number,
  withJoint = true,
): number {
  return shortfallFloorAt(ctx, options, usdPerMonth, systemUnavailabilityFloor(ctx, options, withJoint));
}

/**
 * shortfallFloor with the availability's term from `unavailability`, a floor under the system's unavailability (or
 * that unavailability itself: systemAvailability's, which a search computes before the latency, the costlier part, so
 * that a combination whose exact availability already ranks it after the best found is not evaluated further).
 * @example a system at 2.83 nines against a 4-nines target, every other target met: (4 - 2.83) / 4 = 0.29, a hair lower
 */
export function shortfallFloorAt(
  ctx: Context,
  options: readonly TierOption[],
  usdPerMonth: number,
  unavailability: number,
): number {
  const t = ctx.scenario.targets;
  let s = 0;
  const u = unavailability * (1 - BOUND_SLACK);
  if (u > t.unavailability && t.unavailability > 0) s += ninesShortfall(ctx, nines(u));
  s += budgetShortfallBound(ctx, usdPerMonth);
  for (const o of options) s += capacityShortfall(ctx, o);
  return Math.min(UNBOUNDED_SHORTFALL, s * (1 - BOUND_SLACK));
}

/** A tier option's utilisation and memory excess (shortfallOf of capacityView), once per option. */
const capacityShortfalls = new WeakMap<TierOption, { ctx: Context; value: number }>();
function capacityShortfall(ctx: Context, o: TierOption): number {
  const hit = capacityShortfalls.get(o);
  if (hit !== undefined && hit.ctx === ctx) return hit.value;
  const value = shortfallOf(ctx, capacityView(o.result));
  capacityShortfalls.set(o, { ctx, value });
  return value;
}

/** The shortfall (targets.ts's measure): the end-to-end misses, plus each tier's utilisation and memory excess. */
function systemShortfall(ctx: Context, r: Parameters<typeof shortfallOf>[1], options: readonly TierOption[]): number {
  // the fields judged, each read (not a copy of r, as systemReasons)
  let s = shortfallOf(ctx, {
    meetsTargets: { ...r.meetsTargets, utilization: true, memory: true },
    availability: r.availability,
    cost: r.cost,
    utilization: r.utilization,
    memoryNeededGiB: r.memoryNeededGiB,
    instance: r.instance,
    dataLoss: r.dataLoss,
    latency: r.latency,
  });
  for (const o of options) s += capacityShortfall(ctx, o);
  return Math.min(UNBOUNDED_SHORTFALL, s);
}

/**
 * A tier's result judged on its utilisation and memory alone (the tier's part of the system's reasons and shortfall;
 * the other targets are the system's): every other target met. Its fields are read one by one, so a tier's own
 * latency (deferredLatency.ts), which these never read, is not computed.
 */
function capacityView(r: ArchitectureResult): JudgedFields {
  const m = r.meetsTargets;
  return {
    dataLoss: r.dataLoss,
    utilization: r.utilization,
    memoryNeededGiB: r.memoryNeededGiB,
    instance: r.instance,
    get latency() {
      return r.latency;
    },
    availability: r.availability,
    cost: r.cost,
    regions: r.regions,
    meetsTargets: {
      p99: true,
      availability: true,
      budget: null,
      durability: null,
      utilization: m.utilization,
      memory: m.memory,
    },
  };
}
