/**
 * Evaluation of a horizontal design (nodes in one or more regions behind balancers) at the design rate: latency with
 * every node up and with the spares down, data placement, availability in degraded mode, cost, durability, the
 * targets met and the notes that explain them. Sizing (choosing the node counts) is in size.ts.
 */

import { fromUnavailability, series } from '../core/reliability/index.js';
import type { AutoscalingSpec } from '../scenario/types.js';
import { formatPercent } from '../units/format.js';
import {
  type AutoscaledFleet,
  autoscaledFleet,
  HOURLY_WEIGHTING,
  type HourlyAvailability,
  profileOf,
  requestWeighted,
  type ScaleOutCheck,
  type ScaleOutStep,
  scaleOutCheck,
} from './autoscale.js';
import { type AvailabilityFigure, availabilityResult } from './availability.js';
import { balancerModel, queueAtLoad } from './capacity.js';
import type { Context } from './context.js';
import { BILLING_HOURS_PER_MONTH } from './context.js';
import { contextMemo } from './contextMemo.js';
import { dataLossOf } from './dataLoss.js';
import { placementOf } from './dataPlacement.js';
import { type DeferredResult, settle } from './deferredLatency.js';
import { availabilityNeed, lossSurvival } from './degraded.js';
import { horizontalChange } from './designChanges.js';
import { type HorizontalDesign, instanceSummary } from './designKinds.js';
import { approximationNote, latencyFor, p99Above, type ServingRegion } from './designLatency.js';
import { globalSwitchFor, switchNote } from './globalSwitch.js';
import { horizontalCost } from './horizontalCost.js';
import { type HorizontalLayout, horizontalLayout } from './layout.js';
import { memoryNeededGiB } from './nodeMemory.js';
import { nodePrice } from './nodePrice.js';
import { deployOf, withChanges } from './operations.js';
import { perVcpuNoteIn } from './perVcpu.js';
import { objectId, rateFreeMemo } from './rateFreeMemo.js';
import { regionNeed } from './regionNeed.js';
import type { ArchitectureResult, CostResult } from './result.js';
import { sharedFleetAvailability } from './sharedFleetAvailability.js';
import { fleetReliability } from './spot.js';
import { meetsBesideP99 } from './targets.js';

/** A horizontal design's result, every figure (on its exact layout unless one is given). */
export function evaluateHorizontal(ctx: Context, d: HorizontalDesign, layoutIn?: HorizontalLayout): ArchitectureResult {
  return horizontalResult(ctx, d, layoutIn, false);
}

/**
 * A horizontal design screened by the search: the latency holds only the p99 (see SCREEN_METHOD), exact in everything
 * the targets and the ranking read (cost, nines, p99 on the layout given, shortfall).
 */
export function screenHorizontal(ctx: Context, d: HorizontalDesign, layout: HorizontalLayout): ArchitectureResult {
  return horizontalResult(ctx, d, layout, true);
}

/**
 * Whether the p99 screenHorizontal would give a design is above `xS` (1 + 1e-9), seconds, from its serving queues
 * alone (designLatency.ts p99Above), without evaluating the rest of it.
 */
export function screenP99Above(ctx: Context, d: HorizontalDesign, layout: HorizontalLayout, xS: number): boolean {
  return p99Above(servingQueues(ctx, d, layout, d.nodesByRegion, 1), xS);
}

/**
 * The serving regions of a design (those with a share of the users): each region's queue with `nodes[r]` nodes
 * carrying its share of the design rate times `loadFactor`, and its users' paths.
 */
function servingQueues(
  ctx: Context,
  d: HorizontalDesign,
  layout: HorizontalLayout,
  nodes: readonly number[],
  loadFactor: number,
): ServingRegion[] {
  const model = balancerModel(d.balancer);
  const serving: ServingRegion[] = [];
  d.regions.forEach((region, r) => {
    const share = layout.share[r] as number;
    if (share === 0) return;
    const rate = ctx.designRatePerS * share * loadFactor;
    const q = queueAtLoad(ctx.scenario.workload, ctx.node(d.instance), rate, nodes[r] as number, model);
    serving.push({ region, queue: q, paths: layout.paths[r] ?? [] });
  });
  return serving;
}

/**
 * A horizontal design's figures that the targets decide: screenHorizontal's result on its exact layout, without notes
 * (evaluate.ts evaluateTargets).
 */
export function horizontalTargets(ctx: Context, d: HorizontalDesign): ArchitectureResult {
  return settle(ctx, horizontalDeferred(ctx, d, undefined, true, false));
}

/**
 * screenHorizontal before its latency (settle() gives screenHorizontal's result but for its notes), with p99Above.
 * Without notes: the search reads of a design it screens only its figures (the best met, the designs met of the
 * frontier: frontier.ts reads no notes), and evaluates its answer in full (evaluateHorizontal); the notes' queue
 * analyses (approximationNote) and per-region criteria were built for every screen and never read (online-game at 15
 * user regions: 526 screens).
 */
export function screenHorizontalDeferred(ctx: Context, d: HorizontalDesign, layout: HorizontalLayout): DeferredResult {
  return horizontalDeferred(ctx, d, layout, true, false);
}

/**
 * The memory a node of a horizontal design needs, GiB: its share of the working set, the replication copies over the
 * nodes of the smallest region (all of it when a region has no more nodes than copies).
 */
export function horizontalMemoryNeededGiB(ctx: Context, nodesByRegion: readonly number[]): number {
  const r = ctx.scenario.workload.replication;
  const memShare = Math.min(
    1,
    nodesByRegion.reduce((m, n) => Math.max(m, r / n), 0),
  );
  return memoryNeededGiB(ctx, memShare);
}

/** A horizontal design's result with its latency computed on first read (deferredLatency.ts): every figure. */
export function evaluateHorizontalDeferred(
  ctx: Context,
  d: HorizontalDesign,
  layoutIn?: HorizontalLayout,
): DeferredResult {
  return horizontalDeferred(ctx, d, layoutIn, false);
}

/** Entries an availability memo keeps before it is cleared (a bound on memory; a figure is a few hundred bytes). */
export const MAX_MEMO_AVAILABILITIES = 20_000;

const usersKeys = new WeakMap<HorizontalLayout['users'], string>();

/**
 * Every input of a horizontal design's fleetAvailability that can differ within one context (the scenario's
 * reliability figures, workload, design rate, balancer and switch figures are the context's): the node failure rates
 * (spot changes them), each region's nodes and zones (the zone count also picks the balancer figure, the region count
 * the switch), the users' shares and preference orders, the copies and the write quorum, and what fixes `needed`
 * (availabilityNeed: nodesForUtilization of the node's vCPUs and speed at the degraded cap, or null from an all-up
 * utilisation of 1 or more). Designs of different instance types with the same vCPUs and speed, or the same nodes on
 * another zone count's layout, share a figure.
 */
function availabilityKey(
  ctx: Context,
  d: HorizontalDesign,
  layout: HorizontalLayout,
  reliability: { node: { mtbfS: number; mttrS: number } },
  writeQuorum: number,
  cap: number,
  utilization: number,
): string {
  let users = usersKeys.get(layout.users);
  if (users === undefined) {
    users = layout.users.map((u) => `${u.share}:${u.order.join('.')}`).join(';');
    usersKeys.set(layout.users, users);
  }
  const node = ctx.node(d.instance);
  return `${reliability.node.mtbfS},${reliability.node.mttrS}|${d.nodesByRegion.join(',')}|${d.zones}|${users}|${ctx.scenario.workload.replication},${writeQuorum}|${node.vcpu},${node.speedup},${cap},${utilization < 1}`;
}

/**
 * A horizontal design's availability figure, memoised per context (a search screens the same fleet on many designs:
 * each of three zone counts' plans and every instance type of the same vCPUs and speed; the figure is the exact sum
 * over the region states, 2^R products, much of a screen's time). A pure function of the key's inputs
 * (availabilityKey).
 */
const memoAvailability = contextMemo<AvailabilityFigure>(MAX_MEMO_AVAILABILITIES);

/**
 * Every input of a horizontal design's placement, cost (its peak fleet paid) and instance summary besides the context
 * less its design rate (rateFreeMemo.ts): the instance type, regions, nodes, zones, deploy and the layout's shares.
 */
function horizontalFiguresKey(d: HorizontalDesign, layout: HorizontalLayout): string {
  return `horizontal|${objectId(d.instance)}|${d.regions.join(',')}|${d.nodesByRegion.join(',')}|${d.zones}|${d.deploy}|${layout.share.join(',')}`;
}

function horizontalResult(
  ctx: Context,
  d: HorizontalDesign,
  layoutIn: HorizontalLayout | undefined,
  screen: boolean,
): ArchitectureResult {
  return settle(ctx, horizontalDeferred(ctx, d, layoutIn, screen));
}

function horizontalDeferred(
  ctx: Context,
  d: HorizontalDesign,
  layoutIn: HorizontalLayout | undefined,
  screen: boolean,
  withNotes = true,
): DeferredResult {
  const { scenario, catalog } = ctx;
  const w = scenario.workload;
  const inst = d.instance;
  const model = balancerModel(d.balancer);
  const layout = layoutIn ?? horizontalLayout(ctx, d.regions, d.zones);
  const R = d.regions.length;
  const rate = ctx.designRatePerS;

  const serving: ServingRegion[] = [];
  const degraded: ServingRegion[] = [];
  let utilization = 0;
  d.regions.forEach((region, r) => {
    const share = layout.share[r] as number;
    const paths = layout.paths[r] ?? [];
    if (share === 0) return;
    const n = d.nodesByRegion[r] as number;
    const q = queueAtLoad(w, ctx.node(inst), rate * share, n, model);
    utilization = Math.max(utilization, q.utilization);
    serving.push({ region, queue: q, paths });
    // the degraded p99 is a report figure: a screen does not read it
    if (!screen)
      degraded.push({
        region,
        queue: queueAtLoad(w, ctx.node(inst), rate * share, Math.max(1, n - d.spares), model),
        paths,
      });
  });
  const { cap, needed } = availabilityNeed(ctx, d, utilization);
  // an autoscaled design: its fleet hour by hour, and the windows while it scales out (autoscale.ts)
  const auto = d.autoscaling === undefined ? null : { ...d, autoscaling: d.autoscaling };
  const fleet = auto === null ? null : autoscaledFleet(ctx, auto, layout);
  const scaleOut = auto === null || fleet === null ? null : scaleOutCheck(ctx, auto, layout, fleet.byHour, cap);
  const latency = () => {
    const l = latencyFor(ctx, serving, d.regions, null, degraded, screen);
    if (screen || scaleOut === null) return l;
    const p99ScaleOutMs = scaleOut.worst === null ? l.p99Ms : scaleOutP99Ms(ctx, d, layout, fleet, scaleOut.worst);
    return { ...l, p99ScaleOutMs };
  };

  // the figures that do not depend on the rate, shared by the scenarios that differ only in their peak rate when
  // evaluated in full (an autoscaled fleet's paid nodes follow the rate)
  const fixed =
    screen || auto !== null
      ? null
      : rateFreeMemo(ctx, horizontalFiguresKey(d, layout), () => ({
          placement: placementOf(ctx, d),
          cost: horizontalCost(ctx, d, layout),
          instance: instanceSummary(nodePrice(ctx, inst, d.regions[0] as string), inst, ctx.node(inst)),
        }));
  const placement = fixed?.placement ?? placementOf(ctx, d);
  const lbA = d.zones > 1 ? catalog.reliability.loadBalancer.multiAz : catalog.reliability.loadBalancer.singleAz;
  const placeable = d.nodesByRegion.every((n) => n >= w.replication);
  const sw = globalSwitchFor(ctx, d.regions);
  // on spot, interruptions are node failures (spot.ts)
  const { reliability, spot } = fleetReliability(ctx, inst, d.regions);
  const failures: AvailabilityFigure = placeable
    ? memoAvailability(ctx, availabilityKey(ctx, d, layout, reliability, placement.writeQuorum, cap, utilization), () =>
        sharedFleetAvailability(
          reliability,
          d.regions.map((id, r) => ({ id, nodes: d.nodesByRegion[r] as number, zones: d.zones })),
          layout.users,
          needed,
          lbA,
          { replication: w.replication, writeQuorum: placement.writeQuorum },
          sw,
        ),
      )
    : {
        availability: { availability: 0, unavailability: 1 },
        method: 'placement: a region has fewer nodes than copies of each partition, so the data cannot be placed',
        byCause: [{ cause: 'placement: fewer nodes than copies', unavailability: 1 }],
        singlePointsOfFailure: [],
      };
  // autoscaled: the failures of each hour's fleet at that hour's load, weighted by requests (autoscale.ts)
  const hourly =
    auto === null || fleet === null || !placeable
      ? null
      : requestWeighted(
          profileOf(ctx),
          fleet.byHour.map((nodes, h) => {
            const m = profileOf(ctx)[h] as number;
            if (m >= 1) return failures; // the peak hour runs the peak fleet
            const at = { ...d, nodesByRegion: nodes };
            return memoAvailability(
              ctx,
              `${availabilityKey(ctx, at, layout, reliability, placement.writeQuorum, cap, utilization)}|m${m}`,
              () =>
                sharedFleetAvailability(
                  reliability,
                  d.regions.map((id, r) => ({ id, nodes: nodes[r] as number, zones: d.zones })),
                  layout.users,
                  (r, share) => needed(r, share * m),
                  lbA,
                  { replication: w.replication, writeQuorum: placement.writeQuorum },
                  sw,
                ),
            );
          }),
        );
  const dayFailures = hourly === null ? failures : hourly.figure;
  const fig = scaleOut === null ? dayFailures : withScaleOut(dayFailures, scaleOut.downtimeFraction);
  const K = placement.maxDownCopies;

  const { survivesRegionLoss, survivesZoneLoss } = lossSurvival(ctx, d, layout, needed, K);

  const totalNodes = d.nodesByRegion.reduce((s, n) => s + n, 0);
  const memNeed = horizontalMemoryNeededGiB(ctx, d.nodesByRegion);
  const memOk = memNeed <= inst.memGiB;

  const cost = fixed?.cost ?? horizontalCost(ctx, d, layout, fleet?.meanByRegion);

  // every region holds a copy: another region, or another zone of the same region, is another failure domain
  const dataLoss = dataLossOf(ctx, R > 1 || (w.replication >= 2 && d.zones > 1) ? 'replicated' : 'one');
  const notes: string[] = [];
  notes.push(
    {
      pooled: `${d.balancer} balancing modelled as one pooled queue (the ideal it approaches; slightly optimistic, measured in the README)`,
      'split-poisson': 'random balancing modelled as independent per-node queues (exact for Poisson arrivals)',
      'split-erlang':
        'round-robin balancing modelled as independent per-node queues fed every N-th arrival (Allen-Cunneen GI/G/c)',
    }[model],
  );
  if (w.fanout > 1) notes.push('fan-out traffic between nodes is not priced');
  const perVcpu = perVcpuNoteIn(ctx, inst.family);
  if (perVcpu !== null) notes.push(perVcpu);
  if (spot !== undefined) notes.push(spot.note);
  if (auto !== null && fleet !== null && scaleOut !== null) notes.push(autoscalingNote(auto, fleet, scaleOut, cap));
  notes.push(placement.text);
  if (sw) notes.push(switchNote(sw, cost.breakdown.globalSwitchUsdPerMonth));
  if (!placeable) {
    notes.push(
      `a region has fewer nodes than the ${w.replication} copies of each partition: the data cannot be placed`,
    );
  } else if (!survivesZoneLoss) {
    notes.push(
      d.zones <= 1
        ? 'all nodes of a region are in one zone: a zone outage takes the region down'
        : placement.copiesPerZone > K
          ? `a zone holds ${placement.copiesPerZone} copies of some partitions, more than the ${K} that may be down: a zone outage stops ${K === R * w.replication - 1 ? 'reads and writes' : 'writes'}`
          : `losing one zone (about ${Math.ceil(100 / d.zones)}% of a region's nodes) pushes the survivors above ${formatPercent(cap)} CPU: zone outages count as downtime; more spares (about N/${d.zones - 1}) would ride them out`,
    );
  }
  if (d.nodesByRegion.some((n) => n < d.zones)) notes.push('fewer nodes than zones in a region: some zones are empty');
  if (survivesRegionLoss === false) {
    notes.push(
      w.replication > K
        ? `with a region gone, ${R * w.replication - w.replication} of ${R * w.replication} copies remain, fewer than the write quorum of ${placement.writeQuorum}: a region outage stops writes`
        : `the surviving regions cannot carry a failed region's users at or below ${formatPercent(cap)} CPU`,
    );
  }
  d.regions.forEach((region, r) => {
    const need = needed(r, layout.share[r] as number);
    if (withNotes && need !== null && (layout.paths[r]?.length ?? 0) > 0) {
      const crit = regionNeed(ctx, d, layout, r, layout.share[r] as number).criterion;
      if (crit !== 'p99')
        notes.push(
          `${region}: its users' p99 cannot meet the target at any node count (network); capacity judged by ${crit}`,
        );
    }
  });

  const queueNote = withNotes ? approximationNote(serving.map((s) => s.queue)) : null;
  if (queueNote !== null) notes.push(queueNote);

  // the single points of failure follow from what survives what
  const spof = [...fig.singlePointsOfFailure];
  if (placeable && survivesRegionLoss === false) {
    spof.push(
      w.replication > K
        ? 'any one region (writes stop: the copies left are fewer than the write quorum)'
        : `any one region (the others cannot carry its users at or below ${formatPercent(cap)} CPU)`,
    );
  }
  if (placeable && !survivesZoneLoss && d.zones > 1) {
    spof.push(
      placement.copiesPerZone > K
        ? 'any one zone (some partitions lose their write quorum or every copy)'
        : `any one zone (the survivors would run above ${formatPercent(cap)} CPU)`,
    );
  }
  // deploys (operations.ts): a rolling deploy spares a node of a region while the others carry its load at the
  // degraded cap and every partition keeps a copy that may be down (reads and the write quorum)
  const ops = scenario.operations;
  const deploy = deployOf('horizontal', d.deploy);
  const change = horizontalChange(ctx, d, layout, needed, K);
  if (ops.deploysPerWeek > 0) notes.push(change.text);
  const figure = withChanges({ ...fig, singlePointsOfFailure: spof }, ops, ops.deploysPerWeek, change);

  const partial: DeferredResult['partial'] = {
    name: d.name,
    kind: 'horizontal',
    origin: d.origin,
    instance: fixed?.instance ?? instanceSummary(nodePrice(ctx, inst, d.regions[0] as string), inst, ctx.node(inst)),
    nodes: totalNodes,
    spares: d.spares,
    zones: d.zones,
    regions: [...d.regions],
    standby: null,
    balancer: d.balancer,
    ...(d.deploy !== undefined || ops.deploysPerWeek > 0 ? { deploy } : {}),
    utilization,
    memoryNeededGiB: memNeed,
    nodesNeededByRegion: d.regions.map((region, r) => ({
      region,
      nodes: d.nodesByRegion[r] as number,
      needed: needed(r, layout.share[r] as number),
    })),
    placement: {
      partitions: placement.partitions,
      replication: placement.replication,
      copiesPerZone: placement.copiesPerZone,
      writeQuorum: placement.writeQuorum,
      copies: placement.copies,
      description: placement.text,
    },
    degradedUtilizationCap: cap,
    survivesZoneLoss,
    survivesRegionLoss,
    cost,
    ...(auto === null || fleet === null || scaleOut === null
      ? {}
      : { autoscaling: autoscalingResult(ctx, auto, fleet, scaleOut, cost, hourly) }),
    availability: availabilityResult(figure),
    dataLoss,
    // a report's (a caller that reads only the targets' figures, horizontalTargets, has none)
    notes: withNotes ? notes : [],
  };
  return {
    partial,
    meets: meetsBesideP99(ctx, figure.availability, cost.usdPerMonth, utilization, memOk, dataLoss),
    latency,
    ...(screen ? { p99Above: (xS: number) => p99Above(serving, xS) } : {}),
  };
}

/** The failures' figure with the scale-out windows over the cap in series (autoscale.ts; none: unchanged). */
function withScaleOut(fig: AvailabilityFigure, fraction: number): AvailabilityFigure {
  if (!(fraction > 0)) return fig;
  return {
    ...fig,
    availability: series([fig.availability, fromUnavailability(Math.min(1, fraction))]),
    method: `${fig.method}; + scale-out windows whose old nodes run above the degraded cap, in series (autoscaling)`,
    byCause: [...fig.byCause, { cause: SCALE_OUT_CAUSE, unavailability: fraction }],
  };
}

/** The cause name of the scale-out windows in availability.byCause. */
export const SCALE_OUT_CAUSE = 'scale-out';

/** The p99 of the worst scale-out window: the old hour's nodes in every region carrying the new hour's load, ms. */
function scaleOutP99Ms(
  ctx: Context,
  d: HorizontalDesign,
  layout: HorizontalLayout,
  fleet: AutoscaledFleet | null,
  step: ScaleOutStep,
): number | null {
  const nodes = fleet?.byHour[step.fromHour] ?? d.nodesByRegion;
  const serving = servingQueues(ctx, d, layout, nodes, step.toMultiplier);
  return latencyFor(ctx, serving, d.regions, null, undefined, true).p99Ms;
}

/** The result's autoscaling block: the fleet and its price hour by hour, the peak it replaces, the scale-out check. */
function autoscalingResult(
  ctx: Context,
  d: HorizontalDesign & { autoscaling: AutoscalingSpec },
  fleet: AutoscaledFleet,
  check: ScaleOutCheck,
  cost: CostResult,
  hourly: HourlyAvailability | null,
): NonNullable<ArchitectureResult['autoscaling']> {
  const perHour = d.regions.map((region) => nodePrice(ctx, d.instance, region).usdPerHour);
  const fleetUsdPerHour = (nodes: readonly number[]) => nodes.reduce((s, n, r) => s + n * (perHour[r] as number), 0);
  const otherUsdPerHour = (cost.usdPerMonth - cost.breakdown.computeUsdPerMonth) / BILLING_HOURS_PER_MONTH;
  const total = (nodes: readonly number[]) => nodes.reduce((s, n) => s + n, 0);
  const w = check.worst;
  return {
    minNodes: d.autoscaling.minNodes,
    scaleOutTimeS: d.autoscaling.scaleOutTimeS,
    nodesByHour: fleet.byHour.map(total),
    usdPerHourByHour: fleet.byHour.map((nodes) => fleetUsdPerHour(nodes) + otherUsdPerHour),
    meanNodes: total(fleet.meanByRegion),
    peakNodes: total(d.nodesByRegion),
    // summed as cost.ts sums the compute, so that a flat day's mean fleet costs exactly this
    computeUsdPerMonthAtPeak: d.nodesByRegion.reduce(
      (s, n, r) => s + n * (perHour[r] as number) * BILLING_HOURS_PER_MONTH,
      0,
    ),
    scaleOut: {
      risingSteps: check.risingSteps,
      stepsOverCap: check.stepsOverCap,
      worstStep:
        w === null
          ? null
          : {
              fromHour: w.fromHour,
              toHour: w.toHour,
              fromMultiplier: w.fromMultiplier,
              toMultiplier: w.toMultiplier,
              nodes: w.nodes,
              utilization: w.utilization,
            },
      downtimeFraction: check.downtimeFraction,
    },
    ...(hourly === null
      ? {}
      : {
          availabilityByHour: {
            weighting: HOURLY_WEIGHTING,
            unavailabilityByHour: hourly.unavailabilityByHour,
            worstHour: hourly.worstHour,
            requestWeightedUnavailability: hourly.figure.availability.unavailability,
            timeWeightedUnavailability: hourly.timeWeightedUnavailability,
          },
        }),
    method: AUTOSCALING_METHOD,
  };
}

const AUTOSCALING_METHOD =
  "each hour the nodes that hour's load needs in each region (the p99 and utilisation targets as at the peak, at least autoscaling.minNodes serving nodes and the nodes that hold the working set, plus the spares; the peak fleet at the peak hour, never more), compute paid for their mean over the 24 hours; on each rise of the load (the day repeats) the previous hour's nodes carry the new load for min(scaleOutTime, 1 h), a window counted as downtime when their utilisation exceeds the degraded cap; failures computed for each hour's fleet at that hour's load and weighted by the hour's requests (availabilityByHour)";

/** One note: the fleet's range over the day and what scaling out does. */
function autoscalingNote(
  d: HorizontalDesign & { autoscaling: AutoscalingSpec },
  fleet: AutoscaledFleet,
  check: ScaleOutCheck,
  cap: number,
): string {
  const totals = fleet.byHour.map((nodes) => nodes.reduce((s, n) => s + n, 0));
  const mean = fleet.meanByRegion.reduce((s, n) => s + n, 0);
  const range = `autoscaled on the daily profile: ${Math.min(...totals)} to ${Math.max(...totals)} nodes (mean ${mean.toFixed(2)}), paid for the mean`;
  const w = check.worst;
  if (w === null) return `${range}; the load never rises from one hour to the next, so there is no scale-out window`;
  const pct = (x: number) => formatPercent(x);
  const window = `${d.autoscaling.scaleOutTimeS} s`;
  const verdict =
    check.stepsOverCap === 0
      ? `within the ${pct(cap)} degraded cap: no scale-out downtime`
      : `${check.stepsOverCap} of ${check.risingSteps} rises exceed the ${pct(cap)} degraded cap: ${check.stepsOverCap} x ${window} a day counted as downtime (scale-out)`;
  return `${range}; the worst rise, hour ${w.fromHour} to ${w.toHour} (${pct(w.fromMultiplier)} to ${pct(w.toMultiplier)} of the peak), leaves ${w.nodes} nodes at ${pct(w.utilization)} utilisation for ${window}: ${verdict}`;
}
