/**
 * Evaluation of a vertical design (one box, perhaps with a hot or cold standby in another zone or region) at the
 * design rate: its users' paths, latency, availability, cost, durability and the targets met. Sizing (choosing the
 * box) is in size.ts.
 */

import { type Availability, coldRestoreTimeS, nines, type TrafficSwitch } from '../core/reliability/index.js';
import { formatDuration } from '../units/format.js';
import { type AvailabilityFigure, availabilityResult, verticalAvailability } from './availability.js';
import { type GroupPath, queueAtLoad } from './capacity.js';
import type { Context } from './context.js';
import { contextMemo } from './contextMemo.js';
import { type CostInput, monthlyCost } from './cost.js';
import { dataLossOf } from './dataLoss.js';
import { type DeferredResult, settle } from './deferredLatency.js';
import { verticalChange } from './designChanges.js';
import { instanceSummary, type VerticalDesign, verticalRegions } from './designKinds.js';
import { approximationNote, latencyFor } from './designLatency.js';
import { globalSwitchFor, switchNote } from './globalSwitch.js';
import { memoryNeededGiB } from './nodeMemory.js';
import { nodePrice } from './nodePrice.js';
import { blueGreenUsdPerMonth, deployOf, operationsUsdPerMonth, withChanges } from './operations.js';
import { perVcpuNoteIn } from './perVcpu.js';
import { objectId, rateFreeMemo } from './rateFreeMemo.js';
import type { ArchitectureResult, CostResult } from './result.js';
import { meetsBesideP99 } from './targets.js';

/**
 * What the figures assume of a strongly consistent primary with one synchronous standby (a pair, not a quorum): as
 * Amazon RDS Multi-AZ does, the survivor of a failure keeps accepting writes alone until the pair is rebuilt.
 */
export const STRONG_PAIR_NOTE =
  'synchronous standby: when either box is lost the survivor keeps accepting writes alone until the pair is rebuilt (as Amazon RDS Multi-AZ does), so no single failure loses an acknowledged write, but a second failure in that window would; a primary that instead stops writing without its copy turns every standby outage into write downtime';

/**
 * A design whose queue is unstable at the design rate (utilisation >= 1) is down all the time. Availability does not
 * depend on the p99 target (a slow design misses meetsTargets.p99, not nines).
 */
function capacityDown(fig: AvailabilityFigure, unstable: boolean): AvailabilityFigure {
  if (!unstable) return fig;
  return {
    availability: { availability: 0, unavailability: 1 },
    method: `${fig.method}; the box cannot carry the design rate (utilisation >= 100%), so it counts as down`,
    byCause: [{ cause: 'capacity: utilisation at or above 100% at the design rate', unavailability: 1 }],
    singlePointsOfFailure: fig.singlePointsOfFailure,
  };
}

/**
 * A vertical design's strong-write detour: the round trip to a hot standby when writes are strong, else 0. A standby
 * in another zone of the region is a VM-to-VM round trip across zones (the catalog's interTier.crossZoneRttS, not
 * the region's endpoint RTT, which includes a TCP set-up to a public endpoint); one in another region, that region's.
 */
export function verticalWriteExtraS(ctx: Context, d: Pick<VerticalDesign, 'region' | 'standby' | 'standbyRegion'>) {
  const w = ctx.scenario.workload;
  if (!(d.standby === 'hot' && w.consistency === 'strong' && w.writeFraction > 0)) return 0;
  return d.standbyRegion === null || d.standbyRegion === undefined || d.standbyRegion === d.region
    ? ctx.catalog.interTier.crossZoneRttS
    : ctx.rtt(d.region, d.standbyRegion).rttS;
}

/** The users' network paths to a single box (and, for strong writes to a hot standby, the synchronous copy). */
export function verticalPaths(
  ctx: Context,
  d: Pick<VerticalDesign, 'region' | 'standby' | 'standbyRegion'>,
): (GroupPath & { region: string })[] {
  const w = ctx.scenario.workload;
  const syncRtt = verticalWriteExtraS(ctx, d);
  const column = ctx.userRttS(d.region);
  return ctx.scenario.users.map((u, k) => ({
    region: u.region,
    share: u.share,
    networkS: w.roundTrips * (column[k] as number),
    writeExtraS: syncRtt,
    writeFraction: w.writeFraction,
  }));
}

/** Notes that depend on the context and a few figures named by their key (a search builds thousands of results). */
const memoNote = contextMemo<string | null>(1000);

/** A vertical design's result, every figure. */
export function evaluateVertical(ctx: Context, d: VerticalDesign): ArchitectureResult {
  return verticalResult(ctx, d, false);
}

/**
 * A vertical design screened by the search: the latency holds only the p99 (SCREEN_METHOD), over `paths` (sizeVertical's:
 * compact when screensCompact, at most compactResolutionS above the exact p99, or exact).
 */
export function screenVertical(
  ctx: Context,
  d: VerticalDesign,
  paths: (GroupPath & { region: string })[],
): ArchitectureResult {
  return verticalResult(ctx, d, true, paths);
}

/**
 * Monthly cost of a vertical design: the box, its hot standby, the balancer in front of a pair in one region, the global
 * switch in front of a pair across regions, and the traffic (egress, the copies of writes to the standby). Cheap (no
 * queue analysis): a search prices a design before it evaluates it.
 */
export function verticalCost(ctx: Context, d: VerticalDesign): CostResult {
  const w = ctx.scenario.workload;
  const ops = ctx.scenario.operations;
  const inst = d.instance;
  const lb = d.standby === 'hot' && d.standbyRegion === null ? ctx.catalog.reliability.loadBalancer.multiAz : null;
  const sw = globalSwitchFor(ctx, verticalRegions(d));
  const trafficWriteBytesPerS = ctx.trafficRatePerS * w.writeFraction * w.requestSizeBytes;
  const costIn: CostInput = {
    compute: [{ count: 1, price: nodePrice(ctx, inst, d.region) }],
    // a standby in another region at that region's price
    standby: d.standby === 'hot' ? [{ count: 1, price: nodePrice(ctx, inst, d.standbyRegion ?? d.region) }] : [],
    balancerRegions: lb ? [d.region] : [],
    // health checks on the box and on its standby
    globalSwitch: sw ? { sw, endpoints: 2 } : null,
    servedShare: [{ region: d.region, share: 1 }],
    crossZoneBytesPerS: d.standby === 'hot' && d.standbyRegion === null ? trafficWriteBytesPerS : 0,
    interRegion:
      d.standby !== 'none' && d.standbyRegion !== null
        ? [{ from: d.region, to: d.standbyRegion, bytesPerS: trafficWriteBytesPerS }]
        : [],
    trafficRatePerS: ctx.trafficRatePerS,
    requestSizeBytes: w.requestSizeBytes,
    responseSizeBytes: w.responseSizeBytes,
    operations: {
      // the box and its standby (hot or cold), in their regions
      usdPerMonth: operationsUsdPerMonth(ops, d.standby === 'none' ? 1 : 2, verticalRegions(d).length),
      // a blue-green deploy starts a second box beside the first, unless a hot standby serves as it
      blueGreenUsdPerMonth:
        deployOf('vertical', d.deploy) === 'blue-green' && d.standby !== 'hot'
          ? blueGreenUsdPerMonth(ops, [{ count: 1, price: nodePrice(ctx, inst, d.region) }])
          : 0,
    },
  };
  return monthlyCost(ctx, costIn);
}

function verticalResult(
  ctx: Context,
  d: VerticalDesign,
  screen: boolean,
  screenPaths?: (GroupPath & { region: string })[],
): ArchitectureResult {
  return settle(ctx, verticalDeferred(ctx, d, screen, screenPaths));
}

/**
 * A vertical design's figures that the targets decide: screenVertical's result on its exact paths, without notes
 * (evaluate.ts evaluateTargets).
 */
export function verticalTargets(ctx: Context, d: VerticalDesign): ArchitectureResult {
  return settle(ctx, verticalDeferred(ctx, d, true, sharedVerticalPaths(ctx, d), false));
}

/**
 * verticalPaths kept per context by what of them a design decides, its region and write detour (every other input,
 * the users, the round trips, the write fraction and the round-trip column, is the context's): designs of one box in
 * the same region (a cold and a hot standby under asynchronous writes) get the same array, so that their screened
 * latency, kept per context by the serving queue and the paths array (designLatency.ts latencyFor), is computed once
 * per uncertain sample. Callers never change the array.
 */
function sharedVerticalPaths(ctx: Context, d: VerticalDesign): (GroupPath & { region: string })[] {
  return memoPaths(ctx, `${d.region}|${verticalWriteExtraS(ctx, d)}`, () => verticalPaths(ctx, d));
}

/** Paths a context keeps (one entry per region and write detour met). */
const memoPaths = contextMemo<(GroupPath & { region: string })[]>(1000);

/** A vertical design's result with its latency computed on first read (deferredLatency.ts): every figure. */
export function evaluateVerticalDeferred(ctx: Context, d: VerticalDesign): DeferredResult {
  return verticalDeferred(ctx, d, false);
}

/**
 * A vertical design's availability figure: its failures (verticalAvailability), down all the time when the box cannot
 * carry the design rate (`unstable`), and its deploys and failed changes in series. It does not depend on the size.
 */
function verticalFigure(
  ctx: Context,
  d: Pick<VerticalDesign, 'standby' | 'standbyRegion'>,
  lb: Availability | null,
  sw: TrafficSwitch | null,
  change: ReturnType<typeof verticalChange>,
  unstable: boolean,
): AvailabilityFigure {
  const ops = ctx.scenario.operations;
  const failures = verticalAvailability(
    ctx.scenario.reliability,
    d.standby,
    d.standbyRegion !== null,
    lb,
    ctx.scenario.workload.workingSetBytes,
    sw,
  );
  return withChanges(capacityDown(failures, unstable), ops, ops.deploysPerWeek, change);
}

/**
 * The most nines a vertical design of `d`'s region, standby and deploy can have, whatever its size: its figure with a
 * box that carries the design rate (a box that cannot is down all the time, never more available).
 */
export function verticalNinesAtMost(ctx: Context, d: VerticalDesign): number {
  return nines(verticalUnavailabilityAtLeast(ctx, d));
}

/** verticalUnavailabilityAtLeast's figures a context keeps (a handful: one per standby kind, place and deploy). */
const memoLeast = contextMemo<number>(1000);

/**
 * The least unavailability a vertical design of `d`'s region, standby and deploy can have (verticalNinesAtMost's).
 * Memoised per context by what it reads of the design: the standby, whether it is in another region (the balancer,
 * the switch and the failover time follow) and the deploy (the search asks once per site and standby).
 */
export function verticalUnavailabilityAtLeast(ctx: Context, d: VerticalDesign): number {
  return memoLeast(ctx, `${d.standby}|${d.standbyRegion !== null}|${d.deploy ?? ''}`, () =>
    computeUnavailabilityAtLeast(ctx, d),
  );
}

function computeUnavailabilityAtLeast(ctx: Context, d: VerticalDesign): number {
  const lb = d.standby === 'hot' && d.standbyRegion === null ? ctx.catalog.reliability.loadBalancer.multiAz : null;
  const sw = globalSwitchFor(ctx, verticalRegions(d));
  const change = verticalChange(ctx, d, sw);
  return Math.min(
    verticalFigure(ctx, d, lb, sw, change, false).availability.unavailability,
    verticalFigure(ctx, d, lb, sw, change, true).availability.unavailability,
  );
}

/**
 * A vertical design's figures that do not depend on the design rate, given whether its box carries that rate at all
 * (`stable`: a box that cannot is never "up"; the p99 target plays no part): its availability, cost, durability, the
 * instance's summary and its deploys' change. Shared by the contexts of scenarios that differ only in their peak rate
 * (rateFreeMemo.ts, keyed by verticalFiguresKey) when evaluated in full.
 */
function verticalFigures(ctx: Context, d: VerticalDesign, sw: ReturnType<typeof globalSwitchFor>, stable: boolean) {
  const inst = d.instance;
  const lb = d.standby === 'hot' && d.standbyRegion === null ? ctx.catalog.reliability.loadBalancer.multiAz : null;
  // deploys: a restart, or the move to a hot standby when that is shorter (operations.ts)
  const change = verticalChange(ctx, d, sw);
  const fig = verticalFigure(ctx, d, lb, sw, change, !stable);
  return {
    fig,
    cost: verticalCost(ctx, d),
    availability: availabilityResult(fig),
    dataLoss: dataLossOf(ctx, d.standby === 'hot' ? 'replicated' : 'one'),
    instance: instanceSummary(nodePrice(ctx, inst, d.region), inst, ctx.node(inst)),
    change,
  };
}

/** Every input of verticalFigures besides the context less its design rate (the switch follows from the regions). */
function verticalFiguresKey(d: VerticalDesign, stable: boolean): string {
  return `vertical|${objectId(d.instance)}|${d.region}|${d.standby}|${d.standbyRegion}|${d.deploy}|${stable}`;
}

function verticalDeferred(
  ctx: Context,
  d: VerticalDesign,
  screen: boolean,
  screenPaths?: (GroupPath & { region: string })[],
  withNotes = true,
): DeferredResult {
  const { scenario } = ctx;
  const w = scenario.workload;
  const inst = d.instance;
  const rate = ctx.designRatePerS;
  const q = queueAtLoad(w, ctx.node(inst), rate, 1, 'pooled');
  const memNeed = memoryNeededGiB(ctx, 1);
  const memOk = memNeed <= inst.memGiB;
  const latency = () =>
    latencyFor(
      ctx,
      [{ region: d.region, queue: q, paths: screenPaths ?? verticalPaths(ctx, d) }],
      d.standbyRegion ? [d.region, d.standbyRegion] : [d.region],
      d.standby !== 'none' ? d.standbyRegion : null,
      undefined,
      screen,
    );
  const sw = globalSwitchFor(ctx, verticalRegions(d));
  const ops = scenario.operations;
  const deploy = deployOf('vertical', d.deploy);
  const { fig, cost, availability, dataLoss, instance, change } = screen
    ? verticalFigures(ctx, d, sw, q.stable)
    : rateFreeMemo(ctx, verticalFiguresKey(d, q.stable), () => verticalFigures(ctx, d, sw, q.stable));
  // the notes: a report's (a caller that reads only the targets' figures, verticalTargets, has none)
  const notes: string[] = [];
  if (withNotes) {
    const perVcpu = perVcpuNoteIn(ctx, inst.family);
    if (perVcpu !== null) notes.push(perVcpu);
    if (d.standby === 'hot' && w.consistency === 'strong' && w.writeFraction > 0) {
      notes.push(STRONG_PAIR_NOTE);
    }
    if (d.standby === 'hot' && w.consistency !== 'strong' && w.writeFraction > 0) {
      notes.push('asynchronous replication to the standby: writes not yet copied are lost on failover');
    }
    if (d.standby === 'cold') {
      const coldNote = () => {
        const restoreS = coldRestoreTimeS(
          scenario.reliability.coldRestoreS,
          w.workingSetBytes,
          scenario.reliability.restoreRateBytesPerS,
          sw?.failoverS ?? 0,
        );
        return `cold standby: restored in ${formatDuration(restoreS)} (reliability.coldRestore + the working set at reliability.restoreRate${sw ? ' + the switch moving the users' : ''}); its storage is not priced`;
      };
      notes.push(memoNote(ctx, `cold|${sw === null ? '' : sw.failoverS}`, coldNote) as string);
    }
    if (d.standby === 'hot')
      notes.push(
        sw
          ? 'hot standby in another region, behind the global traffic switch; failover time per failure of the active'
          : 'hot standby behind a balancer; failover time per failure of the active',
      );
    if (sw) notes.push(switchNote(sw, cost.breakdown.globalSwitchUsdPerMonth));
    if (ops.deploysPerWeek > 0) notes.push(change.text);
    const queueNote = approximationNote([q]);
    if (queueNote !== null) notes.push(queueNote);
  }
  const partial: DeferredResult['partial'] = {
    name: d.name,
    kind: 'vertical',
    origin: d.origin,
    instance,
    nodes: 1,
    spares: 0,
    zones: d.standby !== 'none' && d.standbyRegion === null ? 2 : 1,
    regions: d.standbyRegion ? [d.region, d.standbyRegion] : [d.region],
    standby: d.standby,
    balancer: null,
    ...(d.deploy !== undefined || ops.deploysPerWeek > 0 ? { deploy } : {}),
    utilization: q.utilization,
    memoryNeededGiB: memNeed,
    nodesNeededByRegion: [{ region: d.region, nodes: 1, needed: 1 }],
    placement: null,
    degradedUtilizationCap: null,
    // a hot standby takes over; a cold one is restored (the service is down meanwhile)
    survivesZoneLoss: d.standby === 'hot' && q.stable,
    survivesRegionLoss: d.standbyRegion !== null ? d.standby === 'hot' && q.stable : null,
    cost,
    availability,
    dataLoss,
    notes,
  };
  return {
    partial,
    meets: meetsBesideP99(ctx, fig.availability, cost.usdPerMonth, q.utilization, memOk, dataLoss),
    latency,
  };
}
