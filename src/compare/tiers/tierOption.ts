/**
 * One tier's design, fully specified and evaluated on its own (tierScenario.ts): the single-tier result the engine
 * already computes (cost, the tier's own availability, utilisation, memory, durability), and what the system's
 * figures need of it: the queue each serving region's calls meet (all up, and with the spares down), the zones its
 * nodes span, a strong write's detour, and the tier as the exact series over shared domains sees it
 * (seriesOverDomains.ts). Pure.
 */

import type { QueueInput } from '../../core/queueing/index.js';
import {
  type Availability,
  boxTier,
  type DomainStates,
  fromMtbfMttr,
  placedFleetTier,
  series,
  type TierOverDomains,
} from '../../core/reliability/index.js';
import { keptIn } from '../../util/keptIn.js';
import { autoscaledFleet, type ScaleOutCheck, scaleOutCheck } from '../autoscale.js';
import { balancerModel, queueAtLoad } from '../capacity.js';
import { BILLING_HOURS_PER_MONTH, buildContext, type Context, withPricing } from '../context.js';
import { placementOf } from '../dataPlacement.js';
import { type DeferredResult, settleLazily } from '../deferredLatency.js';
import { availabilityNeed } from '../degraded.js';
import type { HorizontalDesign, VerticalDesign } from '../designKinds.js';
import { evaluateHorizontalDeferred, horizontalMemoryNeededGiB } from '../evaluateHorizontal.js';
import { evaluateVerticalDeferred, verticalCost, verticalWriteExtraS } from '../evaluateVertical.js';
import { horizontalCost } from '../horizontalCost.js';
import { type HorizontalLayout, horizontalLayout, quorumRttS } from '../layout.js';
import { memoryNeededGiB } from '../nodeMemory.js';
import { nodePrice } from '../nodePrice.js';
import type { ArchitectureResult } from '../result.js';
import { spotNodes } from '../spot.js';
import { meetsBesideP99 } from '../targets.js';

/** A vertical tier design: one box (a database's primary), its standby, and read replicas beside it. */
export interface VerticalTierChoice extends Omit<VerticalDesign, 'name' | 'origin'> {
  /** Boxes that serve reads beside the primary (a database tier; 0 otherwise). */
  readReplicas: number;
}

/** A horizontal tier design: nodes per region over zones behind balancers. */
export type HorizontalTierChoice = Omit<HorizontalDesign, 'name' | 'origin'>;

export type TierChoice = VerticalTierChoice | HorizontalTierChoice;

/** A region where the tier serves calls. */
export interface TierServing {
  region: string;
  /** The queue one call meets there, all nodes up (a vertical tier with replicas: the busiest box's). */
  queue: QueueInput;
  /** The same with `spares` nodes down (horizontal), else the same queue. */
  degraded: QueueInput;
  /**
   * Independent queues like `queue` the calls are spread over at random, as a request's successive calls meet them:
   * the nodes behind a random or round-robin balancer (split queues), the primary and read replicas of a box; 1 for
   * one pooled queue. `degradedQueues`: the same with the spares down.
   */
  queues: number;
  degradedQueues: number;
  /** Zones the serving nodes are spread over (1 for a box). */
  zones: number;
  /** A strong write's extra round trip from here (quorum or synchronous standby), seconds; 0 without. */
  writeExtraS: number;
  /** The fraction of calls that write (the detour's weight). */
  writeFraction: number;
}

/** A tier's design with its evaluation. */
export interface TierOption {
  /** Unique per option object (memo keys: an option never changes once built). */
  id: number;
  /** Index of the tier in the scenario's tiers. */
  tier: number;
  choice: TierChoice;
  /** The design's monthly cost, USD: the same number as result.cost.usdPerMonth, priced without evaluating it. */
  usdPerMonth: number;
  /** The busiest queue's utilisation and whether a node's memory holds its data: result.utilization and
   * result.meetsTargets.memory, computed without evaluating it (a search's screen rejects on them first). */
  utilization: number;
  memoryFits: boolean;
  /**
   * The tier evaluated on its own (its tier scenario; its latency is that scenario's and is not reported). Evaluated
   * when first read and kept (withLazyResult): a search sorts its options by cost and evaluates only those it reaches.
   */
  readonly result: ArchitectureResult;
  /** The serving regions, the busiest first for a horizontal tier (share order), the primary's for a vertical one. */
  serving: TierServing[];
  /** Share of the tier's calls each serving region carries (same order as serving). */
  shares: number[];
  /**
   * The tier as seriesOverDomains sees it, given the index of each shared region; null when it cannot be conditioned
   * on shared states (a cold standby: its state depends on how long an outage has lasted) and is taken as independent.
   */
  overDomains: ((regionIndex: (region: string) => number, hour?: TierHour) => TierOverDomains) | null;
  /**
   * An autoscaled horizontal tier's day (autoscale.ts), computed when first read: its fleet hour by hour and its
   * scale-out windows, the same as its result's (which report only their counts); null: the tier runs its fleet all
   * day.
   */
  day: (() => TierDay) | null;
  /** Regions the tier's nodes (standby included) run in, and zones used in each. */
  footprint: { region: string; zones: number }[];
}

/**
 * An hour of an autoscaled tier's day, as the system's series takes it (systemAvailability.ts): the hour's fleet
 * (TierDay.byHour) at the hour's load (multiplier of the peak); absent: the peak fleet at the peak load.
 */
export interface TierHour {
  nodesByRegion: readonly number[];
  multiplier: number;
}

/** An autoscaled tier's day: nodes per region by hour (hour-major), and the rises' windows over its cap. */
export interface TierDay {
  byHour: readonly (readonly number[])[];
  scaleOut: ScaleOutCheck;
}

const DOWN: Availability = { availability: 0, unavailability: 1 };

let nextId = 0;
/** A fresh option id. */
function newId(): number {
  nextId += 1;
  return nextId;
}

/**
 * `option` with `result` defined as evaluate() run on first read and kept: the same value as evaluating it at once
 * (evaluate is pure), computed only for the options a search reaches.
 */
export function withLazyResult(option: Omit<TierOption, 'result'>, evaluate: () => ArchitectureResult): TierOption {
  let result: ArchitectureResult | undefined;
  return Object.defineProperty(option, 'result', {
    enumerable: true,
    get: () => {
      result ??= evaluate();
      return result;
    },
  }) as TierOption;
}

/**
 * A tier option's conditionals over the shared domains, kept across the systems a search evaluates with it: a tier's
 * state given the shared domains is a function of the option (and of the hour of its day) and of the states of its own
 * regions alone (seriesOverDomains.ts's contract: upGiven reads only its sites' zones and regions and its balancers,
 * the others passed as up; the readers here, boxTier's and placedFleetTier's, read no other region), while the index
 * of each of its regions in a system's domains changes with the other tiers. So the option builds its tier once per
 * hour and mapping of its regions (`tier`), and memoises upGiven by hour on every state of its own regions the readers
 * may read (each region's state, its balancer's, each of its zones'): a hit returns the value a fresh call gives, bit
 * for bit (issue 18: social-startup-changes asked 2,647 systems' availability, each tier's conditionals afresh,
 * 144,274 domain states in all; 8,868 of them distinct). Not bounded like the other memos: it lives as long as its
 * option, and holds at most one value per hour and state of the option's own few regions, balancers and zones.
 */
export class Conditionals {
  private readonly tiers = new Map<string, TierOverDomains>();
  private readonly values = new Map<string, Map<number | string, Availability>>();

  /**
   * The tier over a system's domains whose indices of the option's regions (in the option's order) are `regions`, at
   * the hour `hourKey` ('' for the peak): built by `build` on first use, its upGiven memoised.
   */
  tier(regions: readonly number[], hourKey: string, build: () => TierOverDomains): TierOverDomains {
    const key = `${hourKey}/${regions.join(',')}`;
    let t = this.tiers.get(key);
    if (t === undefined) {
      const inner = build();
      let memo = this.values.get(hourKey);
      if (memo === undefined) {
        memo = new Map();
        this.values.set(hourKey, memo);
      }
      const values = memo;
      t = {
        ...inner,
        upGiven: (s: DomainStates) => {
          const k = stateKey(s, regions);
          let a = values.get(k);
          if (a === undefined) {
            a = inner.upGiven(s);
            values.set(k, a);
          }
          return a;
        },
      };
      this.tiers.set(key, t);
    }
    return t;
  }
}

/**
 * Every state of `regions` an upGiven may read, as a key: per region (in order) its state and its balancer's (2 bits),
 * each of its zones' (a bit each) and how many zones (4 bits), under a leading 1; as text when that exceeds a
 * double's exact integers.
 */
export function stateKey(s: DomainStates, regions: readonly number[]): number | string {
  let key = 1;
  for (const g of regions) {
    const zones = s.zone[g] ?? [];
    if (zones.length > 15 || key >= 2 ** 30) return stateText(s, regions);
    key = key * 4 + (s.region[g] === true ? 2 : 0) + (s.balancer[g] === true ? 1 : 0);
    for (const z of zones) key = key * 2 + (z === true ? 1 : 0);
    key = key * 16 + zones.length;
  }
  return key;
}

function stateText(s: DomainStates, regions: readonly number[]): string {
  let key = '';
  for (const g of regions) {
    key += s.region[g] === true ? '|1' : '|0';
    key += s.balancer[g] === true ? '1' : '0';
    for (const z of s.zone[g] ?? []) key += z === true ? '1' : '0';
  }
  return key;
}

/**
 * The failover term of a tier's own availability (rate x duration), as a part in series; none when 0. An autoscaled
 * tier's scale-out windows are not in it: the tiers' windows start at the same rises of the load, so the system takes
 * their union in series once (systemAvailability.ts, unitedScaleOut), not each tier's.
 */
function failoverPart(r: ArchitectureResult): Availability[] {
  return r.availability.byCause
    .filter((c) => c.cause === 'failover' && c.unavailability > 0)
    .map((c) => ({ availability: 1 - c.unavailability, unavailability: c.unavailability }));
}

/** The share of a tier's calls its primary takes when reads are spread over it and `replicas` read replicas. */
export function primaryShare(writeFraction: number, replicas: number): number {
  return replicas === 0 ? 1 : Math.max(writeFraction, 1 / (1 + replicas));
}

const primaryContexts = new WeakMap<Context, Map<number, Context>>();

/**
 * The context a vertical tier's primary is evaluated in when it takes `share` of the tier's calls: the tier's own at
 * 1, else the tier's scenario at that share of its rates, with the tier's own pricing model (withPricing, which a
 * context built from the scenario would lose). One per tier context and share, for every option of that share (a
 * context is a pure function of its scenario and catalog; issue 18: the searches built one per option with read
 * replicas, 1,270 in social-startup-growth, each with its own memos).
 */
function primaryContext(tierCtx: Context, share: number): Context {
  if (share === 1) return tierCtx;
  return keptIn(
    keptIn(primaryContexts, tierCtx, () => new Map()),
    share,
    () => {
      const w = tierCtx.scenario.workload;
      return withPricing(
        buildContext(
          {
            ...tierCtx.scenario,
            workload: {
              ...w,
              peakRatePerS: w.peakRatePerS * share,
              averageRatePerS: w.averageRatePerS === null ? null : w.averageRatePerS * share,
            },
          },
          tierCtx.catalog,
        ),
        tierCtx.pricing,
      );
    },
  );
}

/**
 * Evaluates a vertical tier design in the tier's context. With read replicas, the primary carries the writes and
 * its share of the reads (reads go to the least busy box: every box equally loaded when the writes allow, else the
 * primary takes only the writes), so the tier is evaluated at the primary's load and the replicas' boxes are added to
 * the cost; the latency of a call is the busiest box's (conservative when the primary is busier).
 */
export function verticalTierOption(tierCtx: Context, tier: number, c: VerticalTierChoice): TierOption {
  const w = tierCtx.scenario.workload;
  const share = primaryShare(w.writeFraction, c.readReplicas);
  const ctx = primaryContext(tierCtx, share);
  const d: VerticalDesign = {
    kind: 'vertical',
    name: tierCtx.scenario.name,
    origin: 'explicit',
    instance: c.instance,
    region: c.region,
    standby: c.standby,
    standbyRegion: c.standbyRegion,
    ...(c.deploy === undefined ? {} : { deploy: c.deploy }),
  };
  const evaluate = () => {
    const r = evaluateVerticalDeferred(ctx, d);
    return settleLazily(ctx, c.readReplicas > 0 ? withReplicas(ctx, r, c) : r);
  };
  const q = queueAtLoad(ctx.scenario.workload, ctx.node(c.instance), ctx.designRatePerS, 1, 'pooled');
  const standbyHere = c.standby !== 'none' && c.standbyRegion === null;
  const serving: TierServing = {
    region: c.region,
    queue: q.input,
    degraded: q.input,
    queues: 1 + c.readReplicas,
    degradedQueues: 1 + c.readReplicas,
    zones: 1,
    writeExtraS: verticalWriteExtraS(ctx, d),
    writeFraction: w.writeFraction,
  };
  const footprint = [{ region: c.region, zones: standbyHere ? 2 : 1 }];
  if (c.standby !== 'none' && c.standbyRegion !== null) footprint.push({ region: c.standbyRegion, zones: 1 });
  const node = fromMtbfMttr(tierCtx.scenario.reliability.node.mtbfS, tierCtx.scenario.reliability.node.mttrS);
  const name = tierCtx.scenario.name;
  // the tier's conditionals over the shared domains, across the systems it is part of
  const conditionals = new Conditionals();
  const option: TierOption = withLazyResult(
    {
      id: newId(),
      tier,
      choice: c,
      usdPerMonth: verticalCost(ctx, d).usdPerMonth + replicasUsdPerMonth(ctx, c),
      utilization: q.utilization,
      memoryFits: memoryNeededGiB(ctx, 1) <= c.instance.memGiB,
      serving: [serving],
      shares: [1],
      footprint,
      day: null,
      overDomains:
        c.standby === 'cold'
          ? null
          : (idx: (region: string) => number) => {
              const at = footprint.map((f) => idx(f.region));
              return conditionals.tier(at, '', () =>
                boxTier({
                  name,
                  node,
                  at: { region: idx(c.region), zone: 0 },
                  ...(c.standby === 'hot'
                    ? {
                        standby: {
                          at:
                            c.standbyRegion === null
                              ? { region: idx(c.region), zone: 1 }
                              : { region: idx(c.standbyRegion), zone: 0 },
                        },
                      }
                    : {}),
                  own: option.result.utilization < 1 ? failoverPart(option.result) : [DOWN],
                  ...(standbyHere && c.standby === 'hot' ? { throughBalancer: true } : {}),
                  ...(c.standby === 'hot' && c.standbyRegion !== null ? { globalSwitch: true } : {}),
                }),
              );
            },
    },
    evaluate,
  );
  return option;
}

/**
 * The monthly cost of a vertical tier's read replicas, USD: each box in the primary's region at its price there, and
 * its people and tooling (operations.usdPerNodeMonth).
 */
function replicasUsdPerMonth(ctx: Context, c: VerticalTierChoice): number {
  return replicasComputeUsdPerMonth(ctx, c) + replicasOperationsUsdPerMonth(ctx, c);
}

function replicasComputeUsdPerMonth(ctx: Context, c: VerticalTierChoice): number {
  return c.readReplicas * nodePrice(ctx, c.instance, c.region).usdPerHour * BILLING_HOURS_PER_MONTH;
}

function replicasOperationsUsdPerMonth(ctx: Context, c: VerticalTierChoice): number {
  return c.readReplicas * ctx.scenario.operations.usdPerNodeMonth;
}

/** A vertical result with `replicas` read replicas: their boxes in the compute cost, the targets judged again. */
function withReplicas(ctx: Context, r: DeferredResult, c: VerticalTierChoice): DeferredResult {
  const p = r.partial;
  const extra = replicasUsdPerMonth(ctx, c);
  const breakdown = {
    ...p.cost.breakdown,
    computeUsdPerMonth: p.cost.breakdown.computeUsdPerMonth + replicasComputeUsdPerMonth(ctx, c),
  };
  const ops = replicasOperationsUsdPerMonth(ctx, c);
  if (ops > 0) breakdown.operationsUsdPerMonth = (breakdown.operationsUsdPerMonth ?? 0) + ops;
  const usdPerMonth = p.cost.usdPerMonth + extra;
  const cost = {
    ...p.cost,
    usdPerMonth,
    breakdown,
    usdPerMillionRequests: p.cost.usdPerMillionRequests * (usdPerMonth / p.cost.usdPerMonth),
    method: `${p.cost.method}; ${c.readReplicas} read replica${c.readReplicas === 1 ? '' : 's'} at the primary's price in its region`,
  };
  const a = { availability: p.availability.value, unavailability: p.availability.unavailability };
  return {
    partial: {
      ...p,
      nodes: 1 + c.readReplicas,
      cost,
      notes: [
        ...p.notes,
        `${c.readReplicas} read replica${c.readReplicas === 1 ? '' : 's'}: reads spread over the primary and the replicas, writes to the primary; the replicas add no availability here (promoting one after a loss of the primary is not modelled)`,
      ],
    },
    meets: meetsBesideP99(ctx, a, usdPerMonth, p.utilization, r.meets.memory, p.dataLoss),
    latency: r.latency,
  };
}

/** Evaluates a horizontal tier design in the tier's context (its layout from the users' places). */
export function horizontalTierOption(
  tierCtx: Context,
  tier: number,
  c: HorizontalTierChoice,
  layoutIn?: HorizontalLayout,
): TierOption {
  const ctx = tierCtx;
  const w = ctx.scenario.workload;
  const layout = layoutIn ?? horizontalLayout(ctx, c.regions, c.zones);
  const d: HorizontalDesign = {
    kind: 'horizontal',
    name: ctx.scenario.name,
    origin: 'explicit',
    instance: c.instance,
    regions: c.regions,
    nodesByRegion: c.nodesByRegion,
    spares: c.spares,
    zones: c.zones,
    balancer: c.balancer,
    ...(c.deploy === undefined ? {} : { deploy: c.deploy }),
    ...(c.autoscaling === undefined ? {} : { autoscaling: c.autoscaling }),
  };
  const model = balancerModel(c.balancer);
  const serving: TierServing[] = [];
  const shares: number[] = [];
  let utilization = 0;
  c.regions.forEach((region, r) => {
    const share = layout.share[r] as number;
    if (share === 0) return;
    const n = c.nodesByRegion[r] as number;
    const up = Math.max(1, n - c.spares);
    const q = queueAtLoad(w, ctx.node(c.instance), ctx.designRatePerS * share, n, model);
    utilization = Math.max(utilization, q.utilization);
    serving.push({
      region,
      queue: q.input,
      degraded: queueAtLoad(w, ctx.node(c.instance), ctx.designRatePerS * share, up, model).input,
      queues: model === 'pooled' ? 1 : n,
      degradedQueues: model === 'pooled' ? 1 : up,
      zones: Math.min(c.zones, n),
      writeExtraS: quorumRttS(
        ctx,
        region,
        c.regions.filter((x) => x !== region),
        c.zones,
      ),
      writeFraction: w.writeFraction,
    });
    shares.push(share);
  });
  // on spot, interruptions are node failures of the tier (spot.ts), in the system's series as in its own figure
  const spot =
    ctx.pricing === 'spot' ? spotNodes(ctx.catalog, c.instance, c.regions, ctx.scenario.reliability.node) : undefined;
  const rates = spot?.node ?? ctx.scenario.reliability.node;
  const node = fromMtbfMttr(rates.mtbfS, rates.mttrS);
  // a tier that keeps no state (no working set, no writes) has nothing to partition: every node serves every call,
  // so in the system's series it is up while enough nodes are (its own figure keeps the engine's partition model)
  const fewest = Math.min(...c.nodesByRegion);
  const stateless = w.workingSetBytes === 0 && w.writeFraction === 0;
  const copies = stateless ? Math.max(1, fewest) : Math.min(w.replication, fewest);
  const name = ctx.scenario.name;
  const auto = d.autoscaling === undefined ? null : { ...d, autoscaling: d.autoscaling };
  const fleet = auto === null ? null : autoscaledFleet(ctx, auto, layout);
  let day: TierDay | undefined;
  // the tier's conditionals over the shared domains, across the systems it is part of
  const conditionals = new Conditionals();
  const option: TierOption = withLazyResult(
    {
      id: newId(),
      tier,
      choice: c,
      // an autoscaled tier pays for its mean fleet over the day (autoscale.ts), as its result does
      usdPerMonth: horizontalCost(ctx, d, layout, fleet?.meanByRegion ?? d.nodesByRegion).usdPerMonth,
      // the windows as evaluateHorizontal computes them: the same fleet, and the cap of the same all-up utilisation
      day:
        auto === null || fleet === null
          ? null
          : () => {
              day ??= {
                byHour: fleet.byHour,
                scaleOut: scaleOutCheck(ctx, auto, layout, fleet.byHour, availabilityNeed(ctx, d, utilization).cap),
              };
              return day;
            },
      utilization,
      memoryFits: horizontalMemoryNeededGiB(ctx, c.nodesByRegion) <= c.instance.memGiB,
      serving,
      shares,
      footprint: c.regions.map((region, r) => ({ region, zones: Math.min(c.zones, c.nodesByRegion[r] as number) })),
      // at an hour of an autoscaled tier's day: that hour's fleet, needing that hour's load up at the peak's cap, as
      // evaluateHorizontal's hours (autoscale.ts); its failover term the result's (the day's, request-weighted)
      overDomains: (idx: (region: string) => number, hour?: TierHour) => {
        const nodes = hour?.nodesByRegion ?? c.nodesByRegion;
        const m = hour?.multiplier ?? 1;
        const inRegions = c.regions.map(idx);
        return conditionals.tier(inRegions, `${nodes.join(',')}@${m}`, () => {
          const result = option.result;
          const placeable = c.nodesByRegion.every((n) => n >= w.replication) && result.utilization < 1;
          const own = placeable ? failoverPart(result) : [DOWN];
          const { needed } = availabilityNeed(ctx, d, result.utilization);
          const placement = placementOf(ctx, d);
          const hourCopies = stateless ? Math.max(1, Math.min(...nodes)) : copies;
          const inner = placedFleetTier({
            name,
            fleet: {
              regions: c.regions.map((_, r) => ({ nodes: Math.max(1, nodes[r] as number), zones: c.zones })),
              node,
              replication: hourCopies,
              writeQuorum: Math.min(placement.writeQuorum, c.regions.length * hourCopies),
              users: layout.users,
              need: m >= 1 ? needed : (r, share) => needed(r, share * m),
            },
            inRegions,
            throughBalancer: true,
            ...(c.regions.length > 1 ? { globalSwitch: true } : {}),
          });
          return { ...inner, upGiven: (s) => series([inner.upGiven(s), ...own]) };
        });
      },
    },
    () => settleLazily(ctx, evaluateHorizontalDeferred(ctx, d, layout)),
  );
  return option;
}
