/**
 * Evaluation of one fully specified design (instance, node counts, regions) at the design rate: latency per user
 * region and overall, capacity-aware availability, cost, and the targets met. Sizing (choosing the instance size and
 * node counts) is in size.ts; this module only measures.
 */

import type { GlobalSwitch, Instance } from '../catalog/index.js';
import { analyzeQueue, responseTimeSurvivalFunction } from '../core/queueing/index.js';
import { type Availability, coldRestoreTimeS, downtime, nines } from '../core/reliability/index.js';
import type { BalancerPolicy, Standby } from '../scenario/types.js';
import { formatDuration, formatPercent, formatUsd } from '../units/format.js';
import { type AvailabilityFigure, fleetAvailability, verticalAvailability } from './availability.js';
import { balancerModel, type GroupPath, nodesNeeded, pathsQuantileS, queueAtLoad } from './capacity.js';
import { type Context, preferenceOrder } from './context.js';
import { type CostInput, monthlyCost } from './cost.js';
import { type LatencyGroup, mixtureQuantile } from './latency.js';
import type {
  ArchitectureResult,
  AvailabilityResult,
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
  p99S: number | null,
  a: Availability,
  usdPerMonth: number,
  utilization: number,
  memOk: boolean,
  dataLoss: DataLossResult,
): MeetsTargets {
  const t = ctx.scenario.targets;
  return {
    durability: t.maxDataLossS === null ? null : dataLoss.windowS <= t.maxDataLossS,
    p99: p99S !== null && p99S <= t.p99S,
    availability: a.unavailability <= t.unavailability,
    budget: t.budgetUsdPerMonth === null ? null : usdPerMonth <= t.budgetUsdPerMonth,
    utilization: utilization <= t.maxUtilization,
    memory: memOk,
  };
}

/** A target a design misses, and why (the text starts with the limit's name). */
export interface MissedTarget {
  limit: 'memory' | 'CPU' | 'p99' | 'availability' | 'durability' | 'budget';
  text: string;
}

/** The targets missed, most binding first. */
export function missedTargets(
  ctx: Context,
  r: Pick<
    ArchitectureResult,
    'meetsTargets' | 'dataLoss' | 'utilization' | 'memoryNeededGiB' | 'instance' | 'latency' | 'availability' | 'cost'
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
    add(
      'p99',
      `${r.latency.p99Ms === null ? 'unbounded' : `${r.latency.p99Ms.toPrecision(4)} ms`} above the ${ms(t.p99S).toPrecision(4)} ms target`,
    );
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

function finish(ctx: Context, partial: Omit<ArchitectureResult, 'feasible' | 'infeasibleReason'>): ArchitectureResult {
  const reasons = missedTargets(ctx, partial).map((x) => x.text);
  const feasible = reasons.length === 0;
  return feasible ? { ...partial, feasible } : { ...partial, feasible, infeasibleReason: reasons.join('; ') };
}

/** Extra latency of a strongly consistent write: the round trip to the replica(s) it must wait for, seconds. */
function quorumRttS(ctx: Context, region: string, others: readonly string[], zones: number): number {
  const w = ctx.scenario.workload;
  if (w.consistency !== 'strong' || w.writeFraction === 0) return 0;
  if (others.length === 0) return zones > 1 && w.replication > 1 ? ctx.rtt(region, region).rttS : 0;
  const all = others.length + 1;
  const quorum = Math.floor(all / 2) + 1;
  const rtts = others.map((o) => ctx.rtt(region, o).rttS).sort((a, b) => a - b);
  return rtts[quorum - 2] ?? 0;
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

/** A design without the capacity for the design rate within the p99 target is down all the time. */
function capacityDown(fig: AvailabilityFigure, short: boolean): AvailabilityFigure {
  if (!short) return fig;
  return {
    availability: { availability: 0, unavailability: 1 },
    method: `${fig.method}; capacity-aware: the box cannot carry the design rate within the p99 target, so it counts as down`,
    byCause: [{ cause: 'capacity: too small for the design rate within the p99 target', unavailability: 1 }],
    singlePointsOfFailure: fig.singlePointsOfFailure,
  };
}

/** The users' network paths to a single box (and, for strong writes to a hot standby, the synchronous copy). */
export function verticalPaths(
  ctx: Context,
  d: Pick<VerticalDesign, 'region' | 'standby' | 'standbyRegion'>,
): (GroupPath & { region: string })[] {
  const w = ctx.scenario.workload;
  const syncRtt =
    d.standby === 'hot' && w.consistency === 'strong' && w.writeFraction > 0
      ? ctx.rtt(d.region, d.standbyRegion ?? d.region).rttS
      : 0;
  return ctx.scenario.users.map((u) => ({
    region: u.region,
    share: u.share,
    networkS: w.roundTrips * ctx.rtt(u.region, d.region).rttS,
    writeExtraS: syncRtt,
    writeFraction: w.writeFraction,
  }));
}

export function evaluateVertical(ctx: Context, d: VerticalDesign): ArchitectureResult {
  const { scenario, catalog } = ctx;
  const w = scenario.workload;
  const inst = d.instance;
  const rate = ctx.designRatePerS;
  const q = queueAtLoad(w, inst.vcpu, rate, 1, 'pooled');
  const memNeed = memoryNeededGiB(ctx, 1);
  const memOk = memNeed <= inst.memGiB;
  const paths = verticalPaths(ctx, d);
  const latency = latencyFor(
    ctx,
    [{ region: d.region, queue: q, paths }],
    d.standbyRegion ? [d.region, d.standbyRegion] : [d.region],
    d.standby !== 'none' ? d.standbyRegion : null,
  );
  const lb = d.standby === 'hot' && d.standbyRegion === null ? catalog.reliability.loadBalancer.multiAz : null;
  // Capacity-aware, as for fleets: a box that cannot carry the design rate within the p99 target is never "up".
  const need = nodesNeeded(w, inst.vcpu, rate, 'pooled', paths, scenario.targets.p99S).nodes;
  const sw = globalSwitchFor(ctx, verticalRegions(d));
  const fig = capacityDown(
    verticalAvailability(scenario.reliability, d.standby, d.standbyRegion !== null, lb, w.workingSetBytes, sw),
    need === null || need > 1,
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
    survivesZoneLoss: d.standby !== 'none',
    survivesRegionLoss: d.standbyRegion !== null && d.standby !== 'none' ? true : null,
    cost,
    availability,
    latency,
    meetsTargets: meets(
      ctx,
      latency.p99Ms === null ? null : latency.p99Ms / 1000,
      fig.availability,
      cost.usdPerMonth,
      q.utilization,
      memOk,
      dataLoss,
    ),
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

function latencyFor(
  ctx: Context,
  serving: ServingRegion[],
  candidateRegions: string[],
  failoverFixed: string | null,
  degraded?: ServingRegion[],
): LatencyResult {
  const w = ctx.scenario.workload;
  const byUserRegion: UserRegionLatency[] = [];
  const groups: LatencyGroup[] = [];
  let stable = true;
  let meanWait = 0;
  /** The first serving region's queue method (every region of a design has the same kind of queue). */
  let methodQueue = 'unstable';
  for (const [k, s] of serving.entries()) {
    if (!s.queue.stable) {
      stable = false;
      continue;
    }
    const a = analyzeQueue(s.queue.input);
    if (k === 0) methodQueue = a.method;
    const survival = responseTimeSurvivalFunction(s.queue.input);
    const scale = a.meanResponseS ?? s.queue.input.serviceTimeS;
    meanWait += (a.meanWaitS ?? 0) * s.paths.reduce((x, p) => x + p.share, 0);
    for (const p of s.paths) {
      const g: LatencyGroup = { ...p, queueSurvival: survival, queueScaleS: scale };
      groups.push(g);
      const order = preferenceOrder(ctx, p.region, candidateRegions);
      const failoverTo = failoverFixed ?? (order.length > 1 ? (order.find((r) => r !== s.region) ?? null) : null);
      const rtt = ctx.rtt(p.region, s.region);
      byUserRegion.push({
        region: p.region,
        share: p.share,
        servedFrom: s.region,
        networkRttMs: ms(rtt.rttS),
        networkMs: ms(p.networkS),
        networkMethod: rtt.method,
        queueP99Ms: ms(a.percentiles?.p99S ?? Number.NaN),
        p99Ms: ms(mixtureQuantile([g], 0.99)),
        failoverTo,
        failoverRttMs: failoverTo === null ? null : ms(ctx.rtt(p.region, failoverTo).rttS),
      });
    }
  }
  // keep the scenario's user order
  const order = new Map(ctx.scenario.users.map((u, i) => [u.region, i]));
  byUserRegion.sort((a, b) => (order.get(a.region) ?? 0) - (order.get(b.region) ?? 0));
  const method = `${LATENCY_METHOD_EXACT}; queue: ${methodQueue}${w.consistency === 'strong' && w.writeFraction > 0 ? '; strong writes wait for a quorum round trip' : ''}`;
  if (!stable) {
    return {
      p50Ms: null,
      p99Ms: null,
      p999Ms: null,
      p99DegradedMs: null,
      meanQueueWaitMs: null,
      byUserRegion: ctx.scenario.users.map((u) => {
        const s = serving.find((x) => x.paths.some((p) => p.region === u.region));
        const region = s?.region ?? candidateRegions[0] ?? u.region;
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
          failoverTo: null,
          failoverRttMs: null,
        };
      }),
      method: `unstable (utilisation >= 1): no steady state, latency unbounded`,
    };
  }
  let p99DegradedMs = ms(mixtureQuantile(groups, 0.99));
  if (degraded) {
    let worst = 0;
    let ok = true;
    const dg: LatencyGroup[] = [];
    for (const s of degraded) {
      if (!s.queue.stable) {
        ok = false;
        break;
      }
      const survival = responseTimeSurvivalFunction(s.queue.input);
      const scale = s.queue.input.serviceTimeS / Math.max(1e-6, 1 - s.queue.utilization);
      for (const p of s.paths) dg.push({ ...p, queueSurvival: survival, queueScaleS: scale });
      worst = Math.max(worst, s.queue.utilization);
    }
    p99DegradedMs = ok ? ms(mixtureQuantile(dg, 0.99)) : Number.POSITIVE_INFINITY;
  }
  return {
    p50Ms: ms(mixtureQuantile(groups, 0.5)),
    p99Ms: ms(mixtureQuantile(groups, 0.99)),
    p999Ms: ms(mixtureQuantile(groups, 0.999)),
    p99DegradedMs: Number.isFinite(p99DegradedMs) ? p99DegradedMs : null,
    meanQueueWaitMs: ms(meanWait),
    byUserRegion,
    method,
  };
}

// ------------------------------------------------------------------------------------------------------------
// horizontal

/** Per-region routing and network paths of a horizontal design (normal operation). */
export interface HorizontalLayout {
  /** Users of each region (own users: those whose nearest candidate region it is). */
  paths: (GroupPath & { region: string })[][];
  /** Share of the design rate each region serves normally. */
  share: number[];
  /** Each user region's candidate-region preference, as indices. */
  users: { share: number; order: number[] }[];
}

export function horizontalLayout(ctx: Context, regions: readonly string[], zones: number): HorizontalLayout {
  const w = ctx.scenario.workload;
  const paths: (GroupPath & { region: string })[][] = regions.map(() => []);
  const share = regions.map(() => 0);
  const users = ctx.scenario.users.map((u) => {
    const order = preferenceOrder(ctx, u.region, regions).map((r) => regions.indexOf(r));
    const r = order[0] as number;
    const region = regions[r] as string;
    const others = regions.filter((x) => x !== region);
    (paths[r] as (GroupPath & { region: string })[]).push({
      region: u.region,
      share: u.share,
      networkS: w.roundTrips * ctx.rtt(u.region, region).rttS,
      writeExtraS: quorumRttS(ctx, region, others, zones),
      writeFraction: w.writeFraction,
    });
    share[r] = (share[r] as number) + u.share;
    return { share: u.share, order };
  });
  return { paths, share, users };
}

/** Fewest up nodes region r needs to carry loadShare of the design rate within the p99 target (memoised by caller). */
const needCache = new WeakMap<Context, Map<string, ReturnType<typeof nodesNeeded>>>();

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
  const key = `${d.instance.name}|${balancerModel(d.balancer)}|${loadShare.toPrecision(12)}|${paths.map((p) => `${p.share},${p.networkS},${p.writeExtraS}`).join(';')}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const result = computeRegionNeed(ctx, d, layout, r, loadShare);
  cache.set(key, result);
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
  );
}

export function evaluateHorizontal(ctx: Context, d: HorizontalDesign, layoutIn?: HorizontalLayout): ArchitectureResult {
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
    degraded.push({ region, queue: queueAtLoad(w, inst.vcpu, rate * share, Math.max(1, n - d.spares), model), paths });
  });
  const latency = latencyFor(ctx, serving, d.regions, null, degraded);

  const needMemo = new Map<string, number | null>();
  const needed = (r: number, loadShare: number): number | null => {
    const key = `${r}:${loadShare.toPrecision(12)}`;
    if (!needMemo.has(key)) needMemo.set(key, regionNeed(ctx, d, layout, r, loadShare).nodes);
    return needMemo.get(key) ?? null;
  };
  const lbA = d.zones > 1 ? catalog.reliability.loadBalancer.multiAz : catalog.reliability.loadBalancer.singleAz;
  const sw = globalSwitchFor(ctx, d.regions);
  const fig = fleetAvailability(
    scenario.reliability,
    d.regions.map((id, r) => ({ id, nodes: d.nodesByRegion[r] as number, zones: d.zones })),
    layout.users,
    needed,
    lbA,
    sw,
  );

  // Can the others absorb each region's users when it is down (all their nodes up)?
  let survivesRegionLoss: boolean | null = null;
  if (R > 1) {
    survivesRegionLoss = true;
    for (let down = 0; down < R; down++) {
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

  // Does each region keep enough nodes for its own users when its largest zone is down?
  let survivesZoneLoss = d.zones > 1;
  d.regions.forEach((_, r) => {
    const n = d.nodesByRegion[r] as number;
    const share = layout.share[r] as number;
    if (share === 0 || d.zones <= 1) return;
    const need = needed(r, share);
    if (need === null || n - Math.ceil(n / d.zones) < need) survivesZoneLoss = false;
  });

  const totalNodes = d.nodesByRegion.reduce((s, n) => s + n, 0);
  const memShare = Math.min(
    1,
    d.nodesByRegion.reduce((m, n) => Math.max(m, w.replication / n), 0),
  );
  const memNeed = memoryNeededGiB(ctx, memShare);
  const memOk = memNeed <= inst.memGiB;

  const trafficWrites = ctx.trafficRatePerS * w.writeFraction * w.requestSizeBytes;
  const crossZoneCopies = Math.max(0, Math.min(w.replication, d.zones) - 1);
  const interRegion: CostInput['interRegion'] = [];
  d.regions.forEach((from, r) => {
    for (const to of d.regions) {
      if (to !== from) interRegion.push({ from, to, bytesPerS: trafficWrites * (layout.share[r] as number) });
    }
  });
  const cost = monthlyCost(catalog, {
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

  const dataLoss = dataLossOf(ctx, w.replication >= 2 && (d.zones > 1 || R > 1) ? 'replicated' : 'one');
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
  if (sw) notes.push(switchNote(sw, cost.breakdown.globalSwitchUsdPerMonth));
  if (!survivesZoneLoss) {
    notes.push(
      d.zones > 1
        ? `losing one zone (about ${Math.ceil(100 / d.zones)}% of a region's nodes) leaves too few nodes for the p99 target: zone outages count as downtime; more spares (about N/${d.zones - 1}) would ride them out`
        : 'all nodes of a region are in one zone: a zone outage takes the region down',
    );
  }
  if (d.nodesByRegion.some((n) => n < d.zones)) notes.push('fewer nodes than zones in a region: some zones are empty');
  if (survivesRegionLoss === false)
    notes.push("the surviving regions cannot carry a failed region's users within the p99 target");
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
    survivesZoneLoss,
    survivesRegionLoss,
    cost,
    availability: availabilityResult(fig),
    latency,
    meetsTargets: meets(
      ctx,
      latency.p99Ms === null ? null : latency.p99Ms / 1000,
      fig.availability,
      cost.usdPerMonth,
      utilization,
      memOk,
      dataLoss,
    ),
    dataLoss,
    notes,
  });
}

export function evaluate(ctx: Context, d: Design): ArchitectureResult {
  return d.kind === 'vertical' ? evaluateVertical(ctx, d) : evaluateHorizontal(ctx, d);
}

export { pathsQuantileS };
