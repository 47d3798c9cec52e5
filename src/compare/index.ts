/**
 * The comparison engine: one scenario in, the candidates compared on cost, availability and p99 out, with the
 * recommendation. Pure: the catalog comes in as an argument, nothing is read or written.
 */

import type { Catalog, Instance } from '../catalog/index.js';
import { CALENDAR_CONVENTION } from '../core/reliability/index.js';
import { type ArchitectureSpec, type Scenario, SIMULATION_DEFAULTS } from '../scenario/types.js';
import { scenarioWarnings } from '../scenario/warnings.js';
import { formatByteRate, formatPercent } from '../units/format.js';
import { buildContext, type Context, userHomeRegions, withPricing } from './context.js';
import { evaluateHorizontal } from './evaluateHorizontal.js';
import { evaluateVertical } from './evaluateVertical.js';
import { resultFrontier } from './frontier.js';
import { horizontalLayout } from './layout.js';
import { pricedIn } from './nodePrice.js';
import { rateFreeMemo } from './rateFreeMemo.js';
import { recommend } from './recommend.js';
import type { ArchitectureResult, ComparisonResult, UncertaintyResult } from './result.js';
import { searchHorizontal } from './searchHorizontal.js';
import {
  bestHorizontalSize,
  better,
  candidateRegionSets,
  nodesPerRegion,
  searchVertical,
  sizeHorizontal,
  sizeVertical,
  splitNodes,
} from './size.js';
import { resolveTiered, searchTiered, tieredContext } from './tiers/index.js';
import { propagateUncertainty } from './uncertainty.js';

export { buildContext, designRate } from './context.js';
export type { ArchitectureResult, ComparisonResult } from './result.js';

function familySizes(catalog: Catalog, family: string): readonly Instance[] {
  const sizes = catalog.families.get(family);
  if (!sizes || sizes.length === 0) throw new RangeError(`unknown family ${family}`);
  return sizes;
}

/** The users' home region with the lowest share-weighted round trip from all users: where a single site goes. */
export function bestSingleRegion(ctx: Context): string {
  const regions = userHomeRegions(ctx);
  let best = regions[0] as string;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const r of regions) {
    const score = ctx.scenario.users.reduce((s, u) => s + u.share * ctx.rtt(u.region, r).rttS, 0);
    if (score < bestScore) {
      bestScore = score;
      best = r;
    }
  }
  return best;
}

function resolve(ctx: Context, spec: ArchitectureSpec): ArchitectureResult {
  // per-tier designs exist only in a tiered scenario (tiers/index.ts resolves them)
  if (spec.kind === 'tiered') throw new RangeError(`${spec.name}: per-tier designs need a tiered scenario`);
  const sizes = familySizes(ctx.catalog, spec.family);
  const instance = spec.size === null ? null : sizes.find((i) => i.size === spec.size);
  if (spec.size !== null && !instance) throw new RangeError(`unknown size ${spec.family}.${spec.size}`);
  if (spec.kind === 'vertical') {
    const v = {
      name: spec.name,
      origin: 'explicit' as const,
      region: spec.region ?? bestSingleRegion(ctx),
      standby: spec.standby,
      standbyRegion: spec.standbyRegion,
      ...(spec.deploy === undefined ? {} : { deploy: spec.deploy }),
    };
    if (instance) return evaluateVertical(ctx, { kind: 'vertical', instance, ...v });
    // the sizes priced where the box (and a hot standby) runs; none: nodePrice names the region and what exists
    const running = spec.standby === 'hot' && v.standbyRegion !== null ? [v.region, v.standbyRegion] : [v.region];
    const priced = sizes.filter((i) => pricedIn(ctx, i, running));
    return sizeVertical(ctx, priced.length > 0 ? priced : sizes, v);
  }
  // the engine's region sets: those where the family (or the size) has a price in every region
  const regionSets =
    spec.regions === null
      ? candidateRegionSets(ctx).filter((set) => sizes.some((i) => (instance ?? i) === i && pricedIn(ctx, i, set)))
      : [spec.regions];
  let best: ArchitectureResult | null = null;
  for (const regions of regionSets) {
    const h = {
      name: spec.name,
      origin: 'explicit' as const,
      regions,
      spares: spec.spares,
      zones: spec.zones,
      balancer: spec.balancer,
      ...(spec.deploy === undefined ? {} : { deploy: spec.deploy }),
      ...(spec.autoscaling === undefined ? {} : { autoscaling: spec.autoscaling }),
    };
    let r: ArchitectureResult;
    if (instance) {
      const layout = horizontalLayout(ctx, regions, spec.zones);
      const nodesByRegion =
        spec.nodes === null ? nodesPerRegion(ctx, instance, h, layout) : splitNodes(spec.nodes, layout.share);
      r = evaluateHorizontal(ctx, { kind: 'horizontal', instance, nodesByRegion, ...h }, layout);
    } else {
      r = bestHorizontalSize(
        ctx,
        sizes.filter((i) => pricedIn(ctx, i, regions)),
        h,
        spec.nodes,
      );
    }
    if (better(r, best)) best = r;
  }
  if (best === null) throw new RangeError('no region set to evaluate');
  return best;
}

/** Where the prices come from, and the pricing models the designs use (nodePrice.ts). */
function pricesAssumption(results: readonly ArchitectureResult[]): string {
  const models = [...new Set(results.map((r) => r.cost.pricingModel))];
  const base =
    "Prices: the catalog's on-demand list prices of the region where each node runs (us-east-1 from 2026-07, the other regions from a 2024-04 export; a derived price is listed with its derivation in cost.prices); a 730-hour billing month";
  if (models.length === 1 && models[0] === 'on-demand') return `${base}; no reserved or spot discounts.`;
  return `${base}; nodes bought as ${models.join(', ')} (each design's cost.pricingModel). Reserved Instances are standard, all upfront, at their effective hourly rate: the 3-year rate is listed for every type in us-east-1 and carried to other regions at the type's own discount, the 1-year rate derived from it with the x2iedn.32xlarge grid's 1-year/3-year ratio (ASSUMPTIONS: the same discount in every region and family); Savings Plans are an ASSUMPTION, priced as standard no-upfront Reserved Instances of the term (no Savings Plans rate is stored); spot is on-demand less Spot Advisor's 30-day saving, and its interruptions are node failures (the band's middle a month, replaced in the node's repair time). Balancers, switches and transfer stay at list prices.`;
}

/** How a service time measured on one family is carried to the others (perVcpu.ts). */
function perVcpuAssumption(w: Context['scenario']['workload']): string {
  const given = Object.entries(w.perVcpuPerformance);
  const own =
    given.length === 0
      ? ''
      : `; the scenario's workload.perVcpuPerformance in place of the table for ${given.map(([f, p]) => `${f} (${p})`).join(', ')}`;
  return `serviceTime is the CPU time of one request on one vCPU of ${w.serviceTimeFamily} (workload.serviceTimeFamily); on a vCPU of another family it takes serviceTime x perf(${w.serviceTimeFamily}) / perf(family), perf being the per-vCPU throughput relative to m7i from the catalog's table (multi-threaded CoreMark per vCPU, median over sizes, runs of 2025-12; an ESTIMATE for a real service: CoreMark is integer and cache-resident, and an Intel vCPU is one SMT thread while a Graviton vCPU is a whole core)${own}. Each design's instance.perVcpuSpeedup and notes give the factor used.`;
}

function assumptions(ctx: Context, results: readonly ArchitectureResult[]): string[] {
  const s = ctx.scenario;
  const w = s.workload;
  const out = [
    `Every figure is at the design rate ${ctx.designRatePerS.toPrecision(6)}/s = peak ${w.peakRatePerS}/s x (1 + ${w.growthPerYear})^${w.growthYears} (growth horizon).`,
    'Arrivals are Poisson; service times have the given mean and coefficient of variation (exponential at cv = 1: exact M/M/c; otherwise the M/G/c approximation named in each latency method); FCFS.',
    perVcpuAssumption(w),
    'Failures of nodes, zones and regions are independent with exponential steady-state behaviour (availability = MTBF / (MTBF + MTTR)); correlated failures beyond the zone/region hierarchy, load-induced failures and maintenance are not modelled.',
    'Horizontal designs: least-loaded and power-of-two balancing are one pooled queue (the ideal they approach; slightly optimistic); random is independent per-node queues (exact); round-robin is per-node queues fed every N-th arrival (Allen-Cunneen); users go to the nearest region of the design and fail over to the next one.',
    'Each region of a horizontal design holds the whole working set, partitioned over its nodes with the given replication; a node needs min(working set, working set x replication / nodes) plus the memory headroom.',
    "Network: median round trips between cloud regions (cloudping.co, one-year medians); the users' last-mile access time is not included.",
    pricesAssumption(results),
    CALENDAR_CONVENTION,
  ];
  if (results.some((r) => r.standby === 'cold')) {
    const restore = ctx.catalog.reliability.restore;
    out.push(
      `A cold standby is restored in reliability.coldRestore plus the working set copied back at reliability.restoreRate, ${formatByteRate(s.reliability.restoreRateBytesPerS)}${s.defaulted.includes('reliability.restoreRate') ? ` (the catalog default, an ${restore.confidence}: the middle of the 100-300 MiB/s that EBS sells to initialise a volume from a snapshot)` : ''}; a database's own recovery after the copy (log replay, cache warm-up) is not counted.`,
    );
  }
  const sw = ctx.networkCosts.globalSwitches.default;
  if (results.some((r) => r.cost.breakdown.globalSwitchUsdPerMonth > 0)) {
    out.push(
      `A design that spans regions (a standby in another region, a horizontal design over several) is reached through a global traffic switch, the catalog's default: ${sw.name} (${sw.price.confidence} prices). It is in series at ${formatPercent(sw.availability.availability)} (${sw.availability.confidence}; its published SLA is ${formatPercent(sw.sla.monthly)} for ${sw.sla.scope}, a floor rather than an expectation), and a move of the users to another region takes at least its health-check detection + DNS TTL, ${sw.failover.detectionSeconds} s + ${sw.failover.dnsTtlSeconds} s (${sw.failover.confidence}); clients that cache DNS answers beyond the TTL are not modelled.`,
    );
  }
  const located = s.users.filter((u) => u.location !== null);
  if (located.length > 0) {
    const m = ctx.catalog.rttModel;
    out.push(
      `Users given by coordinates (${located.map((u) => u.region).join(', ')}): their round trips are estimated from the great-circle distance, RTT = ${m.interceptMs.toFixed(2)} ms + ${(m.msPerKm * 1000).toFixed(2)} ms per 1000 km (fitted to ${m.n} measured pairs; median error ${m.medianAbsErrorMs.toFixed(1)} ms, 90th percentile ${m.p90AbsErrorMs.toFixed(1)} ms), and a site for them is considered at the nearest catalog region.`,
    );
  }
  const ops = s.operations;
  if (ops.usdPerNodeMonth > 0 || ops.usdPerRegionMonth > 0 || ops.deploysPerWeek > 0) out.push(OPERATIONS_ASSUMPTION);
  if (s.provider !== undefined) {
    const p = ctx.catalog.provider(s.provider);
    const others = ctx.catalog.providers.filter((o) => o.id !== s.provider && o.regions.length === 0);
    out.push(
      `Provider ${p?.label ?? s.provider} (the scenario's provider): its ${p?.families.length ?? 0} instance families, ${p?.regions.length ?? 0} catalog regions with their round trips, and its transfer, balancer and global-switch prices${others.length === 0 ? '' : `; not usable: ${others.map((o) => `${o.label} (the catalog lacks ${o.missing.join('; ')})`).join(', ')}`}.`,
    );
  }
  if (s.defaulted.length > 0) out.push(`Defaults taken: ${s.defaulted.join(', ')}.`);
  return out;
}

/**
 * The scenario's provider when it names one (result.provider): its families, regions and network prices, and what the
 * catalog lacks for the others (normalize.ts refuses a provider without regions, so `id` has them).
 */
function providerOf(scenario: Scenario, catalog: Catalog): Pick<ComparisonResult, 'provider'> {
  const id = scenario.provider;
  const p = id === undefined ? undefined : catalog.provider(id);
  if (p === undefined) return {};
  const net = p.networkCosts;
  return {
    provider: {
      id: p.id,
      families: [...p.families],
      regions: [...p.regions],
      networkPrices:
        net === null
          ? 'none in the catalog'
          : `models/catalog/network-costs.json (${net.provider}: transfer per GB, load balancers, global traffic switches)`,
      others: catalog.providers
        .filter((o) => o.id !== p.id && o.regions.length === 0)
        .map((o) => ({ id: o.id, missing: [...o.missing] })),
    },
  };
}

/** What the operations figures assume (compare/operations.ts), said when the scenario gives any. */
const OPERATIONS_ASSUMPTION =
  "Operations (the scenario's operations): people and tooling per node (a standby and a read replica counted as nodes) and per region (each region once for a system of tiers), inside the monthly cost; deploys and failed changes in series with the hardware, first order (rate x duration) and independent of it: a restart is down for the restart time (a box with a hot standby: the failover time when shorter), blue-green is never down and pays for a second copy for its overlap per deploy unless a hot standby serves as it, a rolling deploy is down only while a node that its region cannot spare restarts; a failed change reaches every user behind a restart or a blue-green switch and one node's share of the traffic behind a rolling deploy (ASSUMPTION: its health gate stops the rollout on the first failing node; a change whose harm shows later reaches more and is not modelled). Definitions from DORA (deployment frequency, change failure rate, failed deployment recovery time).";

function sources(ctx: Context, results: readonly ArchitectureResult[]): ComparisonResult['sources'] {
  const { catalog } = ctx;
  const net = ctx.networkCosts;
  const ids = new Set<string>();
  for (const r of results) ids.add(r.instance.source);
  ids.add(net.crossAz.source);
  ids.add(net.loadBalancers.alb.source);
  ids.add(net.internetEgress.source);
  for (const r of results)
    for (const region of r.regions) {
      const p = net.interRegion.bySourceRegion.get(region);
      if (p) ids.add(p.source);
    }
  ids.add(catalog.reliability.loadBalancer.multiAz.source);
  const rel = catalog.reliability.default;
  for (const kind of ['node', 'zone', 'region'] as const) {
    if (ctx.scenario.defaulted.some((p) => p.startsWith(`reliability.${kind}`))) {
      ids.add(rel[kind].source);
      ids.add(rel[kind].mttrSource);
    }
  }
  if (ctx.scenario.defaulted.includes('reliability.failover')) ids.add(catalog.reliability.failover.source);
  if (results.some((r) => r.cost.breakdown.globalSwitchUsdPerMonth > 0)) {
    const sw = net.globalSwitches.default;
    for (const part of [sw.price, sw.queries, sw.sla, sw.availability, sw.failover]) if (part) ids.add(part.source);
  }
  if (ctx.scenario.defaulted.includes('reliability.restoreRate') && results.some((r) => r.standby === 'cold')) {
    ids.add(catalog.reliability.restore.source);
  }
  return [...ids]
    .sort()
    .map((id) => catalog.sources.get(id))
    .filter((x) => x !== undefined)
    .map((x) => ({ id: x.id, text: x.text, date: x.date }));
}

/** Every input of sources() besides the context less its design rate (rateFreeMemo.ts): what it reads of each result. */
function sourcesKey(results: readonly ArchitectureResult[]): string {
  let key = 'sources';
  for (const r of results)
    key += `|${r.instance.source}#${r.regions.join(',')}#${r.cost.breakdown.globalSwitchUsdPerMonth > 0}#${r.standby === 'cold'}`;
  return key;
}

function uncertaintyOf(
  scenario: Scenario,
  catalog: Catalog,
  architectures: readonly ArchitectureResult[],
): { uncertainty?: UncertaintyResult } {
  const u = propagateUncertainty(
    scenario,
    catalog,
    architectures,
    scenario.simulation?.seed ?? SIMULATION_DEFAULTS.seed,
  );
  return u === null ? {} : { uncertainty: u };
}

/**
 * The context a candidate is evaluated in: the scenario's, or with the candidate's own pricing model (a tiered
 * scenario's per-tier contexts are built from the scenario, so its pricing is replaced there).
 */
function candidateContext(ctx: Context, a: ArchitectureSpec): Context {
  if (a.pricing === undefined || a.pricing === ctx.pricing) return ctx;
  return ctx.scenario.tiers === null
    ? withPricing(ctx, a.pricing)
    : buildContext({ ...ctx.scenario, pricing: a.pricing }, ctx.catalog);
}

/** The candidates of a tiered scenario (tiers/index.ts): co-located, per-tier designs, or the three searched. */
function tieredCandidates(ctx: Context): ArchitectureResult[] {
  const t = tieredContext(ctx);
  const region = bestSingleRegion(ctx);
  return ctx.scenario.architectures === null
    ? searchTiered(t, region)
    : ctx.scenario.architectures.map((a) => {
        const own = candidateContext(ctx, a);
        return resolveTiered(own === ctx ? t : tieredContext(own), a, resolve, region);
      });
}

/**
 * Compare the scenario's candidates (or, without `architectures`, the best vertical and the best horizontal design
 * found in the catalog) at the design rate; a scenario of tiers, its systems (tiers/index.ts).
 */
export function compareScenario(scenario: Scenario, catalog: Catalog): ComparisonResult {
  const ctx = buildContext(scenario, catalog);
  const architectures =
    scenario.tiers !== null
      ? tieredCandidates(ctx)
      : scenario.architectures === null
        ? // on spot, the search buys spot where it applies (a stateless horizontal design; normalize.ts refuses a
          // search on spot of a workload that keeps data) and the box on demand
          [searchVertical(ctx.pricing === 'spot' ? withPricing(ctx, 'on-demand') : ctx), searchHorizontal(ctx)]
        : scenario.architectures.map((a) => resolve(candidateContext(ctx, a), a));
  const w = scenario.workload;
  const uncertainty = uncertaintyOf(scenario, catalog, architectures);
  return {
    scenario: scenario.name,
    designRatePerS: ctx.designRatePerS,
    designRateNote:
      w.growthYears > 0 && w.growthPerYear !== 0
        ? `peak ${w.peakRatePerS}/s grown ${formatPercent(w.growthPerYear)} a year for ${w.growthYears} year${w.growthYears === 1 ? '' : 's'}`
        : 'the peak rate (no growth)',
    ...providerOf(scenario, catalog),
    warnings: scenarioWarnings(scenario, catalog),
    architectures,
    recommendation: recommend(ctx, architectures, uncertainty.uncertainty),
    ...resultFrontier(architectures, scenario.architectures === null ? ctx.seen : null),
    ...uncertainty,
    assumptions: assumptions(ctx, architectures),
    sources: rateFreeMemo(ctx, sourcesKey(architectures), () => sources(ctx, architectures)),
    calendar: CALENDAR_CONVENTION,
  };
}

export { sizeHorizontal };
