/**
 * Evaluation of one fully specified design (instance, node counts, regions) at the design rate: latency per user
 * region and overall, availability (data placement, quorums, degraded capacity), cost, and the targets met. Sizing (choosing the instance size and
 * node counts) is in size.ts; this module only measures.
 */

import type { GlobalSwitch, Instance } from '../catalog/index.js';
import { type Availability, coldRestoreTimeS, downtime, nines } from '../core/reliability/index.js';
import { copiesPerZone, copysetCount, majority, zoneSizes } from '../core/reliability/placement.js';
import type { BalancerPolicy, Standby } from '../scenario/types.js';
import { formatDuration, formatPercent, formatUsd } from '../units/format.js';
import { type AvailabilityFigure, fleetAvailability, verticalAvailability } from './availability.js';
import {
  balancerModel,
  type GroupPath,
  groupsAt,
  networkP99S,
  nodesForUtilization,
  nodesNeeded,
  pathsQuantileS,
  queueAtLoad,
} from './capacity.js';
import { type Context, preferenceOrder } from './context.js';
import { type CostInput, monthlyCost } from './cost.js';
import { type LatencyGroup, mixtureQuantile } from './latency.js';
import { type HorizontalLayout, horizontalLayout } from './layout.js';
import { meetsP99, p99MissText, regionMeetsP99 } from './p99Scope.js';
import { analyzedQueue, queueSurvival } from './queueMemo.js';
import type {
  ArchitectureResult,
  AvailabilityResult,
  CostResult,
  DataLossResult,
  LatencyResult,
  MeetsTargets,
  UserRegionLatency,
} from './result.js';

const GIB = 2 ** 30;
const ms = (s: number) => s * 1000;

export interface VerticalDesign {
  kind: 'vertical';
  name: string;
  origin: 'explicit' | 'searched';
  instance: Instance;
  region: string;
  standby: Standby;
  standbyRegion: string | null;
}

export interface HorizontalDesign {
  kind: 'horizontal';
  name: string;
  origin: 'explicit' | 'searched';
  instance: Instance;
  regions: string[];
  /** Nodes in each region, same order as regions. */
  nodesByRegion: number[];
  spares: number;
  zones: number;
  balancer: BalancerPolicy;
}

export type Design = VerticalDesign | HorizontalDesign;

/** Method prefix of a screened result: only the p99 was computed (p50, p99.9, the degraded p99 and the mean wait are
 * null; with p99Scope "all-users" byUserRegion is empty); the search ranks screened results and evaluates its choice
 * in full. Never reported as an architecture. */
export const SCREEN_METHOD = 'screened (p99 only)';

export const LATENCY_METHOD_EXACT =
  'network round trips (measured medians, or estimated from distance) + FCFS response time of the serving queue; overall figures are quantiles of the mixture over user regions';

function availabilityResult(fig: AvailabilityFigure): AvailabilityResult {
  const u = fig.availability.unavailability;
  return {
    value: fig.availability.availability,
    unavailability: u,
    nines: nines(u),
    downtimeMinutesPerYear: downtime(u).perYearS / 60,
    method: fig.method,
    // A first-order term (failover: rate x duration) exceeds 1 when failovers outlast the time between failures, and
    // a sum of state probabilities may exceed 1 by rounding: as a fraction of time each is at most 1.
    byCause: fig.byCause.map((c) => {
      const cu = Math.min(1, c.unavailability);
      return { cause: c.cause, unavailability: cu, downtimeMinutesPerYear: downtime(cu).perYearS / 60 };
    }),
    singlePointsOfFailure: fig.singlePointsOfFailure,
  };
}

/**
 * The global traffic switch (the catalog's default) that moves users between the regions a design serves from, or
 * null within one region: a standby in another region (`regions` = its two regions), or a horizontal design over
 * several regions.
 */
export function globalSwitchFor(ctx: Context, regions: readonly string[]): GlobalSwitch | null {
  return regions.length > 1 ? ctx.catalog.networkCosts.globalSwitches.default : null;
}

/** The regions a vertical design serves from: its own, and its standby's when that is in another region. */
export function verticalRegions(d: Pick<VerticalDesign, 'region' | 'standby' | 'standbyRegion'>): string[] {
  return d.standby !== 'none' && d.standbyRegion !== null ? [d.region, d.standbyRegion] : [d.region];
}

/** The note that says which switch a design is reached through, what it costs and what it is assumed to do. */
function switchNote(sw: GlobalSwitch, usdPerMonth: number): string {
  return `users reach the regions through ${sw.name} (the catalog's default global traffic switch): ${formatUsd(usdPerMonth)} a month, ${formatPercent(sw.availability.availability)} available in series (${sw.availability.confidence}), and a move to another region takes at least ${formatDuration(sw.failoverS)} (health-check detection + DNS TTL)`;
}

/** Memory a node needs for `share` of the working set, plus the headroom, GiB. */
export function memoryNeededGiB(ctx: Context, share: number): number {
  const w = ctx.scenario.workload;
  return ((w.workingSetBytes * share) / GIB) * (1 + w.memoryHeadroom);
}

function meets(
  ctx: Context,
  latency: LatencyResult,
  a: Availability,
  usdPerMonth: number,
  utilization: number,
  memOk: boolean,
  dataLoss: DataLossResult,
): MeetsTargets {
  const t = ctx.scenario.targets;
  return {
    durability: t.maxDataLossS === null ? null : dataLoss.windowS <= t.maxDataLossS,
    p99: meetsP99(t, latency),
    availability: a.unavailability <= t.unavailability,
    budget: t.budgetUsdPerMonth === null ? null : usdPerMonth <= t.budgetUsdPerMonth,
    utilization: utilization <= t.maxUtilization,
    memory: memOk,
  };
}

/** A target a design misses, and why (the text starts with the limit's name). */
export interface MissedTarget {
  /** 'distance': the p99 is missed because the network time alone exceeds the target (no capacity helps). */
  limit: 'memory' | 'CPU' | 'p99' | 'distance' | 'availability' | 'durability' | 'budget';
  text: string;
}

/** The targets missed, most binding first. */
export function missedTargets(
  ctx: Context,
  r: Pick<
    ArchitectureResult,
    | 'meetsTargets'
    | 'dataLoss'
    | 'utilization'
    | 'memoryNeededGiB'
    | 'instance'
    | 'latency'
    | 'availability'
    | 'cost'
    | 'regions'
  >,
): MissedTarget[] {
  const t = ctx.scenario.targets;
  const out: MissedTarget[] = [];
  const add = (limit: MissedTarget['limit'], text: string) => out.push({ limit, text: `${limit}: ${text}` });
  const m = r.meetsTargets;
  if (!m.memory) {
    add(
      'memory',
      `needs ${r.memoryNeededGiB.toPrecision(4)} GiB per node, ${r.instance.name} has ${r.instance.memGiB} GiB`,
    );
  }
  if (!(r.utilization < 1)) add('CPU', `utilisation ${(r.utilization * 100).toPrecision(3)}% >= 100% (unstable queue)`);
  else if (!m.utilization) {
    add(
      'CPU',
      `utilisation ${(r.utilization * 100).toPrecision(3)}% above the ${(t.maxUtilization * 100).toPrecision(3)}% target`,
    );
  }
  if (!m.p99 && r.utilization < 1) {
    if (r.latency.networkP99Ms > ms(t.p99S)) {
      add(
        'distance',
        `${p99MissText(t, r.latency)}; the network round trips alone give a p99 of ${r.latency.networkP99Ms.toPrecision(4)} ms: the users are too far from ${r.regions.length === 1 ? r.regions[0] : 'its regions'} (distance, not capacity)`,
      );
    } else add('p99', p99MissText(t, r.latency));
  }
  if (!m.availability) {
    add(
      'availability',
      `${r.availability.nines.toFixed(2)} nines below the ${nines(t.unavailability).toFixed(2)} target`,
    );
  }
  if (m.durability === false) {
    add(
      'durability',
      `up to ${formatDuration(r.dataLoss.windowS)} of acknowledged writes can be lost (${r.dataLoss.method}), target ${formatDuration(t.maxDataLossS ?? 0)}`,
    );
  }
  if (m.budget === false) {
    add('budget', `${r.cost.usdPerMonth.toFixed(0)} USD/month above ${t.budgetUsdPerMonth?.toFixed(0)}`);
  }
  return out;
}

/** Stand-in for an unbounded relative excess (an unstable queue's p99): JSON has no Infinity. */
export const UNBOUNDED_SHORTFALL = 1e6;

/**
 * How far a design is from meeting every target: the sum, over the targets it misses, of each miss measured relative
 * to its own target (missed nines as a fraction of the target's nines, p99 excess as a fraction of the target, cost
 * excess as a fraction of the budget, utilisation and memory excess as fractions of their limits, data loss beyond the
 * target as a multiple of the target or of 1 s when the target is 0). 0 when every target is met. The search's
 * "closest" design is the one with the smallest shortfall, not the cheapest.
 * @example a design at 2.90 nines against a 4.00 target, everything else met: (4.00 - 2.90) / 4.00 = 0.275
 */
export function shortfallOf(
  ctx: Context,
  r: Pick<
    ArchitectureResult,
    'meetsTargets' | 'availability' | 'latency' | 'cost' | 'utilization' | 'memoryNeededGiB' | 'instance' | 'dataLoss'
  >,
): number {
  const t = ctx.scenario.targets;
  const m = r.meetsTargets;
  let s = 0;
  if (!m.availability) {
    const target = nines(t.unavailability);
    s += Math.max(0, (target - r.availability.nines) / target);
  }
  if (!m.p99) {
    const p99S = r.latency.p99Ms === null ? null : r.latency.p99Ms / 1000;
    s += p99S === null ? UNBOUNDED_SHORTFALL : Math.max(0, (p99S - t.p99S) / t.p99S);
  }
  if (m.budget === false && t.budgetUsdPerMonth !== null) {
    s += (r.cost.usdPerMonth - t.budgetUsdPerMonth) / t.budgetUsdPerMonth;
  }
  if (!m.utilization) {
    s += r.utilization >= 1 ? UNBOUNDED_SHORTFALL : (r.utilization - t.maxUtilization) / t.maxUtilization;
  }
  if (!m.memory) s += (r.memoryNeededGiB - r.instance.memGiB) / r.instance.memGiB;
  if (m.durability === false && t.maxDataLossS !== null) {
    s += (r.dataLoss.windowS - t.maxDataLossS) / Math.max(t.maxDataLossS, 1);
  }
  return Math.min(UNBOUNDED_SHORTFALL, s);
}

function finish(
  ctx: Context,
  partial: Omit<ArchitectureResult, 'feasible' | 'infeasibleReason' | 'shortfall'>,
): ArchitectureResult {
  const reasons = missedTargets(ctx, partial).map((x) => x.text);
  const feasible = reasons.length === 0;
  const shortfall = feasible ? 0 : shortfallOf(ctx, partial);
  return feasible
    ? { ...partial, feasible, shortfall }
    : { ...partial, feasible, shortfall, infeasibleReason: reasons.join('; ') };
}

// ------------------------------------------------------------------------------------------------------------
// durability

/**
 * Acknowledged writes one failure can lose, as time. Synchronous (strongly consistent) replication to a copy in
 * another failure domain loses none; asynchronous replication loses the replica's lag; data held in one copy loses
 * everything since its last backup when that copy is lost.
 */
export function dataLossOf(ctx: Context, copies: 'one' | 'replicated'): DataLossResult {
  const w = ctx.scenario.workload;
  const rel = ctx.scenario.reliability;
  if (w.writeFraction === 0) return { windowS: 0, method: 'no writes' };
  if (copies === 'one') {
    return {
      windowS: rel.backupIntervalS,
      method: 'one copy of the data: writes since the last backup are lost with it',
    };
  }
  if (w.consistency === 'strong') {
    return { windowS: 0, method: 'synchronous replication to another failure domain: no acknowledged write is lost' };
  }
  return {
    windowS: rel.replicationLagS,
    method:
      'asynchronous replication: writes not yet copied to the replica, up to the replication lag, are lost on failover',
  };
}

// ------------------------------------------------------------------------------------------------------------
// vertical

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

/** A vertical design's strong-write detour: the round trip to a hot standby when writes are strong, else 0. */
export function verticalWriteExtraS(ctx: Context, d: Pick<VerticalDesign, 'region' | 'standby' | 'standbyRegion'>) {
  const w = ctx.scenario.workload;
  return d.standby === 'hot' && w.consistency === 'strong' && w.writeFraction > 0
    ? ctx.rtt(d.region, d.standbyRegion ?? d.region).rttS
    : 0;
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

function verticalResult(
  ctx: Context,
  d: VerticalDesign,
  screen: boolean,
  screenPaths?: (GroupPath & { region: string })[],
): ArchitectureResult {
  const { scenario, catalog } = ctx;
  const w = scenario.workload;
  const inst = d.instance;
  const rate = ctx.designRatePerS;
  const q = queueAtLoad(w, inst.vcpu, rate, 1, 'pooled');
  const memNeed = memoryNeededGiB(ctx, 1);
  const memOk = memNeed <= inst.memGiB;
  const paths = screenPaths ?? verticalPaths(ctx, d);
  const latency = latencyFor(
    ctx,
    [{ region: d.region, queue: q, paths }],
    d.standbyRegion ? [d.region, d.standbyRegion] : [d.region],
    d.standby !== 'none' ? d.standbyRegion : null,
    undefined,
    screen,
  );
  const lb = d.standby === 'hot' && d.standbyRegion === null ? catalog.reliability.loadBalancer.multiAz : null;
  // A box that cannot carry the design rate at all (unstable queue) is never "up"; the p99 target plays no part.
  const sw = globalSwitchFor(ctx, verticalRegions(d));
  const fig = capacityDown(
    verticalAvailability(scenario.reliability, d.standby, d.standbyRegion !== null, lb, w.workingSetBytes, sw),
    !q.stable,
  );
  const writeBytesPerS = rate * w.writeFraction * w.requestSizeBytes;
  const trafficWriteBytesPerS = ctx.trafficRatePerS * w.writeFraction * w.requestSizeBytes;
  const costIn: CostInput = {
    compute: [{ region: d.region, count: 1, usdPerHour: inst.usdPerHour }],
    standby:
      d.standby === 'hot' ? [{ region: d.standbyRegion ?? d.region, count: 1, usdPerHour: inst.usdPerHour }] : [],
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
  };
  void writeBytesPerS;
  const cost = monthlyCost(catalog, costIn);
  const availability = availabilityResult(fig);
  const dataLoss = dataLossOf(ctx, d.standby === 'hot' ? 'replicated' : 'one');
  const notes: string[] = [];
  if (d.standby === 'hot' && w.consistency === 'strong' && w.writeFraction > 0) {
    notes.push(STRONG_PAIR_NOTE);
  }
  if (d.standby === 'hot' && w.consistency !== 'strong' && w.writeFraction > 0) {
    notes.push('asynchronous replication to the standby: writes not yet copied are lost on failover');
  }
  if (d.standby === 'cold') {
    const restoreS = coldRestoreTimeS(
      scenario.reliability.coldRestoreS,
      w.workingSetBytes,
      scenario.reliability.restoreRateBytesPerS,
      sw?.failoverS ?? 0,
    );
    notes.push(
      `cold standby: restored in ${formatDuration(restoreS)} (reliability.coldRestore + the working set at reliability.restoreRate${sw ? ' + the switch moving the users' : ''}); its storage is not priced`,
    );
  }
  if (d.standby === 'hot')
    notes.push(
      sw
        ? 'hot standby in another region, behind the global traffic switch; failover time per failure of the active'
        : 'hot standby behind a balancer; failover time per failure of the active',
    );
  if (sw) notes.push(switchNote(sw, cost.breakdown.globalSwitchUsdPerMonth));
  return finish(ctx, {
    name: d.name,
    kind: 'vertical',
    origin: d.origin,
    instance: {
      name: inst.name,
      vcpu: inst.vcpu,
      memGiB: inst.memGiB,
      usdPerHour: inst.usdPerHour,
      source: inst.source,
    },
    nodes: 1,
    spares: 0,
    zones: d.standby !== 'none' && d.standbyRegion === null ? 2 : 1,
    regions: d.standbyRegion ? [d.region, d.standbyRegion] : [d.region],
    standby: d.standby,
    balancer: null,
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
    latency,
    meetsTargets: meets(ctx, latency, fig.availability, cost.usdPerMonth, q.utilization, memOk, dataLoss),
    dataLoss,
    notes,
  });
}

// ------------------------------------------------------------------------------------------------------------
// latency shared by both kinds

interface ServingRegion {
  region: string;
  queue: ReturnType<typeof queueAtLoad>;
  paths: (GroupPath & { region: string })[];
}

const userOrders = new WeakMap<Context, Map<string, number>>();

/** Each user region's position in the scenario (once per context: the search evaluates many designs). */
function userOrder(ctx: Context): Map<string, number> {
  let order = userOrders.get(ctx);
  if (order === undefined) {
    order = new Map(ctx.scenario.users.map((u, i) => [u.region, i]));
    userOrders.set(ctx, order);
  }
  return order;
}

function latencyFor(
  ctx: Context,
  serving: ServingRegion[],
  candidateRegions: string[],
  failoverFixed: string | null,
  degraded?: ServingRegion[],
  screen = false,
): LatencyResult {
  const w = ctx.scenario.workload;
  const byUserRegion: UserRegionLatency[] = [];
  const groups: LatencyGroup[] = [];
  const networkP99Ms = ms(
    networkP99S(
      serving.flatMap((s) => s.paths),
      ctx.scenario.targets.p99Scope,
    ),
  );
  let stable = true;
  let meanWait = 0;
  /** The first serving region's queue method (every region of a design has the same kind of queue). */
  let methodQueue = 'unstable';
  for (const [k, s] of serving.entries()) {
    if (!s.queue.stable) {
      stable = false;
      continue;
    }
    const a = analyzedQueue(s.queue.input);
    if (k === 0) methodQueue = a.method;
    const survival = queueSurvival(s.queue.input);
    const scale = a.meanResponseS ?? s.queue.input.serviceTimeS;
    meanWait += (a.meanWaitS ?? 0) * s.paths.reduce((x, p) => x + p.share, 0);
    // a group without a write detour is the queue's response time shifted by its network time: its p99 is the
    // queue's p99 plus that time (one quantile per serving region instead of one per user region)
    let queueOnlyP99S: number | null = null;
    for (const p of s.paths) {
      const g: LatencyGroup = { ...p, queueSurvival: survival, queueScaleS: scale };
      groups.push(g);
      // a screen under "all-users" reads only the overall p99: no per-region figures
      if (screen && ctx.scenario.targets.p99Scope !== 'every-region') continue;
      const order = preferenceOrder(ctx, p.region, candidateRegions);
      const failoverTo = failoverFixed ?? (order.length > 1 ? (order.find((r) => r !== s.region) ?? null) : null);
      const rtt = ctx.rtt(p.region, s.region);
      let p99S: number;
      if (p.writeFraction === 0 || p.writeExtraS === 0) {
        if (queueOnlyP99S === null) {
          queueOnlyP99S = mixtureQuantile([{ ...g, share: 1, networkS: 0, writeExtraS: 0, writeFraction: 0 }], 0.99);
        }
        p99S = p.networkS + queueOnlyP99S;
      } else p99S = mixtureQuantile([g], 0.99);
      byUserRegion.push({
        region: p.region,
        share: p.share,
        servedFrom: s.region,
        networkRttMs: ms(rtt.rttS),
        networkMs: ms(p.networkS),
        networkMethod: rtt.method,
        queueP99Ms: ms(a.percentiles?.p99S ?? Number.NaN),
        p99Ms: ms(p99S),
        meetsP99: regionMeetsP99(p99S, ctx.scenario.targets),
        failoverTo,
        failoverRttMs: failoverTo === null ? null : ms(ctx.rtt(p.region, failoverTo).rttS),
      });
    }
  }
  // keep the scenario's user order
  if (byUserRegion.length > 1) {
    const order = userOrder(ctx);
    byUserRegion.sort((a, b) => (order.get(a.region) ?? 0) - (order.get(b.region) ?? 0));
  }
  const method = `${LATENCY_METHOD_EXACT}; queue: ${methodQueue}${w.consistency === 'strong' && w.writeFraction > 0 ? '; strong writes wait for a quorum round trip' : ''}`;
  if (!stable) {
    const servedFrom = new Map<string, string>();
    for (const s of serving) for (const p of s.paths) if (!servedFrom.has(p.region)) servedFrom.set(p.region, s.region);
    return {
      p50Ms: null,
      p99Ms: null,
      p999Ms: null,
      p99DegradedMs: null,
      networkP99Ms,
      meanQueueWaitMs: null,
      byUserRegion: ctx.scenario.users.map((u) => {
        const region = servedFrom.get(u.region) ?? candidateRegions[0] ?? u.region;
        const rtt = ctx.rtt(u.region, region);
        return {
          region: u.region,
          share: u.share,
          servedFrom: region,
          networkRttMs: ms(rtt.rttS),
          networkMs: ms(w.roundTrips * rtt.rttS),
          networkMethod: rtt.method,
          queueP99Ms: null,
          p99Ms: null,
          meetsP99: false,
          failoverTo: null,
          failoverRttMs: null,
        };
      }),
      method: `unstable (utilisation >= 1): no steady state, latency unbounded`,
    };
  }
  const p99Ms = ms(mixtureQuantile(groups, 0.99));
  if (screen) {
    // a search's screen: the p99 that decides the target, not the figures only a report shows
    return {
      p50Ms: null,
      p99Ms,
      p999Ms: null,
      p99DegradedMs: null,
      networkP99Ms,
      meanQueueWaitMs: null,
      byUserRegion,
      method: `${SCREEN_METHOD}; ${method}`,
    };
  }
  let p99DegradedMs = p99Ms;
  if (degraded) {
    let ok = true;
    const dg: LatencyGroup[] = [];
    for (const s of degraded) {
      if (!s.queue.stable) {
        ok = false;
        break;
      }
      dg.push(...groupsAt(s.paths, s.queue));
    }
    p99DegradedMs = ok ? ms(mixtureQuantile(dg, 0.99)) : Number.POSITIVE_INFINITY;
  }
  return {
    p50Ms: ms(mixtureQuantile(groups, 0.5)),
    p99Ms,
    p999Ms: ms(mixtureQuantile(groups, 0.999)),
    p99DegradedMs: Number.isFinite(p99DegradedMs) ? p99DegradedMs : null,
    networkP99Ms,
    meanQueueWaitMs: ms(meanWait),
    byUserRegion,
    method,
  };
}

// ------------------------------------------------------------------------------------------------------------
// horizontal

const needCache = new WeakMap<Context, Map<string, Map<string, ReturnType<typeof nodesNeeded>>>>();
/** The key of a region's paths, built once per paths array (a layout's region: many instance types ask for it). */
const pathsKeys = new WeakMap<readonly GroupPath[], string>();

function pathsKeyOf(paths: readonly GroupPath[]): string {
  let key = pathsKeys.get(paths);
  if (key === undefined) {
    key = paths.map((p) => `${p.share},${p.networkS},${p.writeExtraS}`).join(';');
    pathsKeys.set(paths, key);
  }
  return key;
}

/** Fewest up nodes region r needs to carry loadShare of the design rate within the p99 target: sizing only (memoised). */
export function regionNeed(
  ctx: Context,
  d: { instance: Instance; balancer: BalancerPolicy },
  layout: HorizontalLayout,
  r: number,
  loadShare: number,
) {
  let cache = needCache.get(ctx);
  if (cache === undefined) {
    cache = new Map();
    needCache.set(ctx, cache);
  }
  const paths = layout.paths[r] ?? [];
  const outer = pathsKeyOf(paths);
  let byPaths = cache.get(outer);
  if (byPaths === undefined) {
    byPaths = new Map();
    cache.set(outer, byPaths);
  }
  const key = `${d.instance.name}|${balancerModel(d.balancer)}|${loadShare.toPrecision(12)}`;
  const hit = byPaths.get(key);
  if (hit !== undefined) return hit;
  const result = computeRegionNeed(ctx, d, layout, r, loadShare);
  byPaths.set(key, result);
  return result;
}

function computeRegionNeed(
  ctx: Context,
  d: { instance: Instance; balancer: BalancerPolicy },
  layout: HorizontalLayout,
  r: number,
  loadShare: number,
) {
  const w = ctx.scenario.workload;
  return nodesNeeded(
    w,
    d.instance.vcpu,
    ctx.designRatePerS * loadShare,
    balancerModel(d.balancer),
    layout.paths[r] ?? [],
    ctx.scenario.targets.p99S,
    ctx.scenario.targets.p99Scope,
  );
}

/**
 * What availability asks of a horizontal design's regions: a state counts as up when the survivors carry their load
 * at or below the degraded utilisation cap (targets.maxUtilizationDegraded, or the design's all-up utilisation when
 * higher); the p99 target plays no part. needed(r, loadShare): fewest up nodes for that load (null: the design is
 * unstable even with every node up).
 */
export function availabilityNeed(
  ctx: Context,
  d: Pick<HorizontalDesign, 'instance'>,
  allUpUtilization: number,
): { cap: number; needed: (r: number, loadShare: number) => number | null } {
  const w = ctx.scenario.workload;
  const cap = Math.max(ctx.scenario.targets.maxUtilizationDegraded, allUpUtilization);
  const memo = new Map<number, number>();
  const needed = (_r: number, loadShare: number): number | null => {
    if (!(allUpUtilization < 1)) return null;
    let n = memo.get(loadShare);
    if (n === undefined) {
      n = nodesForUtilization(w, d.instance.vcpu, ctx.designRatePerS * loadShare, cap);
      memo.set(loadShare, n);
    }
    return n;
  };
  return { cap, needed };
}

/** The all-up utilisation of a horizontal design: its busiest region's. */
export function allUpUtilization(ctx: Context, d: HorizontalDesign, layout: HorizontalLayout): number {
  let u = 0;
  d.regions.forEach((_, r) => {
    const share = layout.share[r] as number;
    if (share === 0) return;
    const q = queueAtLoad(
      ctx.scenario.workload,
      d.instance.vcpu,
      ctx.designRatePerS * share,
      d.nodesByRegion[r] as number,
      balancerModel(d.balancer),
    );
    u = Math.max(u, q.utilization);
  });
  return u;
}

/** Partitions per node the placement text assumes (Cassandra 4's default num_tokens; the model takes many). */
export const PARTITIONS_PER_NODE = 16;

/**
 * Where a horizontal design keeps its data (src/core/reliability/placement.ts): `replication` copies of every
 * partition in each region on distinct nodes, at most copiesPerZone of them in one zone; writes need writeQuorum of
 * all copies (a majority for strong consistency with writes, else one).
 */
export function placementOf(
  ctx: Context,
  d: Pick<HorizontalDesign, 'regions' | 'nodesByRegion' | 'zones'>,
): {
  partitions: number;
  replication: number;
  copiesPerZone: number;
  writeQuorum: number;
  copies: number;
  /** Copies of the worst partition that may be down with writes (and reads) still served: copies - writeQuorum. */
  maxDownCopies: number;
  text: string;
} {
  const w = ctx.scenario.workload;
  const r = w.replication;
  const R = d.regions.length;
  const copies = R * r;
  const strong = w.consistency === 'strong' && w.writeFraction > 0;
  const writeQuorum = strong ? majority(copies) : 1;
  const perZone = d.nodesByRegion.map((n) => copiesPerZone(zoneSizes(n, d.zones), r) ?? r);
  const c = Math.max(...perZone);
  const partitions = PARTITIONS_PER_NODE * Math.max(...d.nodesByRegion);
  // the model takes every node set the zone rule allows as holding a partition: with far more such sets than
  // partitions, the data term is an upper bound (pessimistic for coincident node failures)
  const sets = Math.max(...d.nodesByRegion.map((n) => copysetCount(zoneSizes(n, d.zones), r)));
  const bound =
    sets > 10 * partitions
      ? `; about ${sets.toPrecision(2)} node sets could hold a partition, far more than the partitions: the data downtime is an upper bound (exact when every such set holds one)`
      : '';
  const where = c === 1 ? 'each in another zone' : `at most ${c} in one zone`;
  const writes =
    w.writeFraction === 0
      ? 'no writes'
      : strong
        ? `writes need ${writeQuorum} of the ${copies} copies (a majority: strong consistency)`
        : 'writes need one live copy (eventual consistency)';
  const text = `placement: ${r} cop${r === 1 ? 'y' : 'ies'} of every partition ${R > 1 ? `in each of ${R} regions` : 'in the region'}, on distinct nodes, ${where}; partitions spread over all nodes (about ${partitions}: ${PARTITIONS_PER_NODE} per node); reads need one live copy, ${writes}${bound}`;
  return {
    partitions,
    replication: r,
    copiesPerZone: c,
    writeQuorum,
    copies,
    maxDownCopies: copies - writeQuorum,
    text,
  };
}

/**
 * Whether a horizontal design survives the loss of any one region / any one zone (contract: every partition still
 * serves reads and writes, the survivors at or below the degraded cap). Cheap (no queue analysis): the search uses it
 * to find the fewest spares that survive a zone loss.
 * @param needed availabilityNeed(...).needed for the design
 * @param K copies of the worst partition that may be down (regions x replication - writeQuorum)
 */
export function lossSurvival(
  ctx: Context,
  d: HorizontalDesign,
  layout: HorizontalLayout,
  needed: (r: number, loadShare: number) => number | null,
  K: number,
): { survivesRegionLoss: boolean | null; survivesZoneLoss: boolean } {
  const w = ctx.scenario.workload;
  const R = d.regions.length;
  const placeable = d.nodesByRegion.every((n) => n >= w.replication);
  // A region lost: its copies are gone (replication of them, all of the worst partition's), its users go to their
  // next region; the survivors must keep every partition's write quorum and carry the load at or below the cap.
  let survivesRegionLoss: boolean | null = null;
  if (R > 1) {
    survivesRegionLoss = placeable && w.replication <= K;
    for (let down = 0; down < R && survivesRegionLoss; down++) {
      const loads = new Array<number>(R).fill(0);
      for (const u of layout.users) {
        const r = u.order.find((x) => x !== down) as number;
        loads[r] = (loads[r] as number) + u.share;
      }
      for (let r = 0; r < R; r++) {
        if (r === down || (loads[r] as number) === 0) continue;
        const need = needed(r, loads[r] as number);
        if (need === null || need > (d.nodesByRegion[r] as number)) survivesRegionLoss = false;
      }
    }
  }

  // A zone lost in any region: the worst partition loses the copies that zone may hold (copiesPerZone), the region
  // keeps its users with that zone's nodes gone. A region of one zone loses everything: that is a region loss.
  let survivesZoneLoss = placeable;
  d.regions.forEach((_, r) => {
    const n = d.nodesByRegion[r] as number;
    const share = layout.share[r] as number;
    const sizes = zoneSizes(n, d.zones).filter((x) => x > 0);
    if (sizes.length <= 1) {
      if (survivesRegionLoss !== true) survivesZoneLoss = false;
      return;
    }
    const c = copiesPerZone(sizes, w.replication) ?? w.replication;
    const largest = Math.max(...sizes);
    if (Math.min(c, largest) > K) survivesZoneLoss = false;
    if (share === 0) return;
    const need = needed(r, share);
    if (need === null || n - largest < need) survivesZoneLoss = false;
  });

  return { survivesRegionLoss, survivesZoneLoss };
}

/** Zone-loss survival of a design before it is evaluated in full (the search's bisection over spares). */
export function survivesZoneLossQuick(ctx: Context, d: HorizontalDesign, layout: HorizontalLayout): boolean {
  const w = ctx.scenario.workload;
  const copies = d.regions.length * w.replication;
  // placementOf's maxDownCopies, without its text
  const K = copies - (w.consistency === 'strong' && w.writeFraction > 0 ? majority(copies) : 1);
  const { needed } = availabilityNeed(ctx, d, allUpUtilization(ctx, d, layout));
  return lossSurvival(ctx, d, layout, needed, K).survivesZoneLoss;
}

/** Whether horizontalCost is the same for both zone counts (the zones enter it only through the copies of writes
 * across zones, min(replication, zones) - 1). */
export function sameCostForZones(ctx: Context, a: number, b: number): boolean {
  const r = ctx.scenario.workload.replication;
  return Math.min(r, a) === Math.min(r, b);
}

/**
 * Monthly cost of a horizontal design: its nodes, each region's balancer, the global switch, and the traffic (egress,
 * copies across zones and regions). Cheap (no queue analysis): the search prices a design before it evaluates it.
 */
export function horizontalCost(
  ctx: Context,
  d: Pick<HorizontalDesign, 'regions' | 'nodesByRegion' | 'zones'> & { instance: Pick<Instance, 'usdPerHour'> },
  layout: HorizontalLayout,
): CostResult {
  const { catalog } = ctx;
  const w = ctx.scenario.workload;
  const inst = d.instance;
  const R = d.regions.length;
  const sw = globalSwitchFor(ctx, d.regions);
  const trafficWrites = ctx.trafficRatePerS * w.writeFraction * w.requestSizeBytes;
  const crossZoneCopies = Math.max(0, Math.min(w.replication, d.zones) - 1);
  const interRegion: CostInput['interRegion'] = [];
  d.regions.forEach((from, r) => {
    for (const to of d.regions) {
      if (to !== from) interRegion.push({ from, to, bytesPerS: trafficWrites * (layout.share[r] as number) });
    }
  });
  return monthlyCost(catalog, {
    compute: d.regions.map((region, r) => ({
      region,
      count: d.nodesByRegion[r] as number,
      usdPerHour: inst.usdPerHour,
    })),
    standby: [],
    balancerRegions: [...d.regions],
    // a health check on each region's balancer
    globalSwitch: sw ? { sw, endpoints: R } : null,
    servedShare: d.regions.map((region, r) => ({ region, share: layout.share[r] as number })),
    crossZoneBytesPerS: trafficWrites * crossZoneCopies * R,
    interRegion,
    trafficRatePerS: ctx.trafficRatePerS,
    requestSizeBytes: w.requestSizeBytes,
    responseSizeBytes: w.responseSizeBytes,
  });
}

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

function horizontalResult(
  ctx: Context,
  d: HorizontalDesign,
  layoutIn: HorizontalLayout | undefined,
  screen: boolean,
): ArchitectureResult {
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
    const q = queueAtLoad(w, inst.vcpu, rate * share, n, model);
    utilization = Math.max(utilization, q.utilization);
    serving.push({ region, queue: q, paths });
    // the degraded p99 is a report figure: a screen does not read it
    if (!screen)
      degraded.push({
        region,
        queue: queueAtLoad(w, inst.vcpu, rate * share, Math.max(1, n - d.spares), model),
        paths,
      });
  });
  const latency = latencyFor(ctx, serving, d.regions, null, degraded, screen);

  const { cap, needed } = availabilityNeed(ctx, d, utilization);
  const placement = placementOf(ctx, d);
  const lbA = d.zones > 1 ? catalog.reliability.loadBalancer.multiAz : catalog.reliability.loadBalancer.singleAz;
  const placeable = d.nodesByRegion.every((n) => n >= w.replication);
  const sw = globalSwitchFor(ctx, d.regions);
  const fig: AvailabilityFigure = placeable
    ? fleetAvailability(
        scenario.reliability,
        d.regions.map((id, r) => ({ id, nodes: d.nodesByRegion[r] as number, zones: d.zones })),
        layout.users,
        needed,
        lbA,
        { replication: w.replication, writeQuorum: placement.writeQuorum },
        sw,
      )
    : {
        availability: { availability: 0, unavailability: 1 },
        method: 'placement: a region has fewer nodes than copies of each partition, so the data cannot be placed',
        byCause: [{ cause: 'placement: fewer nodes than copies', unavailability: 1 }],
        singlePointsOfFailure: [],
      };
  const K = placement.maxDownCopies;

  const { survivesRegionLoss, survivesZoneLoss } = lossSurvival(ctx, d, layout, needed, K);

  const totalNodes = d.nodesByRegion.reduce((s, n) => s + n, 0);
  const memShare = Math.min(
    1,
    d.nodesByRegion.reduce((m, n) => Math.max(m, w.replication / n), 0),
  );
  const memNeed = memoryNeededGiB(ctx, memShare);
  const memOk = memNeed <= inst.memGiB;

  const cost = horizontalCost(ctx, d, layout);

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
          : `losing one zone (about ${Math.ceil(100 / d.zones)}% of a region's nodes) pushes the survivors above ${(cap * 100).toPrecision(3)}% CPU: zone outages count as downtime; more spares (about N/${d.zones - 1}) would ride them out`,
    );
  }
  if (d.nodesByRegion.some((n) => n < d.zones)) notes.push('fewer nodes than zones in a region: some zones are empty');
  if (survivesRegionLoss === false) {
    notes.push(
      w.replication > K
        ? `with a region gone, ${R * w.replication - w.replication} of ${R * w.replication} copies remain, fewer than the write quorum of ${placement.writeQuorum}: a region outage stops writes`
        : `the surviving regions cannot carry a failed region's users at or below ${(cap * 100).toPrecision(3)}% CPU`,
    );
  }
  d.regions.forEach((region, r) => {
    const need = needed(r, layout.share[r] as number);
    if (need !== null && (layout.paths[r]?.length ?? 0) > 0) {
      const crit = regionNeed(ctx, d, layout, r, layout.share[r] as number).criterion;
      if (crit !== 'p99')
        notes.push(
          `${region}: its users' p99 cannot meet the target at any node count (network); capacity judged by ${crit}`,
        );
    }
  });

  // the single points of failure follow from what survives what
  const spof = [...fig.singlePointsOfFailure];
  if (placeable && survivesRegionLoss === false) {
    spof.push(
      w.replication > K
        ? 'any one region (writes stop: the copies left are fewer than the write quorum)'
        : `any one region (the others cannot carry its users at or below ${(cap * 100).toPrecision(3)}% CPU)`,
    );
  }
  if (placeable && !survivesZoneLoss && d.zones > 1) {
    spof.push(
      placement.copiesPerZone > K
        ? 'any one zone (some partitions lose their write quorum or every copy)'
        : `any one zone (the survivors would run above ${(cap * 100).toPrecision(3)}% CPU)`,
    );
  }
  const figure: AvailabilityFigure = { ...fig, singlePointsOfFailure: spof };

  return finish(ctx, {
    name: d.name,
    kind: 'horizontal',
    origin: d.origin,
    instance: {
      name: inst.name,
      vcpu: inst.vcpu,
      memGiB: inst.memGiB,
      usdPerHour: inst.usdPerHour,
      source: inst.source,
    },
    nodes: totalNodes,
    spares: d.spares,
    zones: d.zones,
    regions: [...d.regions],
    standby: null,
    balancer: d.balancer,
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
    availability: availabilityResult(figure),
    latency,
    meetsTargets: meets(ctx, latency, fig.availability, cost.usdPerMonth, utilization, memOk, dataLoss),
    dataLoss,
    notes,
  });
}

export function evaluate(ctx: Context, d: Design): ArchitectureResult {
  return d.kind === 'vertical' ? evaluateVertical(ctx, d) : evaluateHorizontal(ctx, d);
}

export { pathsQuantileS };
