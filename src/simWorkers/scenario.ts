/**
 * Monte Carlo figures for a compared scenario (its `simulation` block): for every candidate, the request-level
 * simulation of each serving region (merged into the users' mixture) and the failure/repair simulation, each with
 * 95% intervals, beside the analytic figures. Every candidate uses the same seed and the same stream layout, so the
 * comparison between candidates uses common random numbers.
 */
import type { Catalog } from '../catalog/index.js';
import { peakHour } from '../compare/autoscale.js';
import { buildContext, withPricing } from '../compare/context.js';
import type {
  ArchitectureResult,
  ComparisonResult,
  SimulatedAvailability,
  SimulatedFigures,
  SimulatedLatency,
} from '../compare/result.js';
import { availabilitySim, designOf, type RegionSim, requestSims } from '../compare/simulationPlan.js';
import { type TieredContext, tieredContext } from '../compare/tiers/index.js';
import { type TierSimPlan, tierSimPlan } from '../compare/tiers/simulationPlan.js';
import { systemOf } from '../compare/tiers/systemOf.js';
import type { TierOption } from '../compare/tiers/tierOption.js';
import { nines } from '../core/reliability/index.js';
import { combineAvailability, expectedEvents } from '../core/sim/failures/index.js';
import { LogHistogram } from '../core/sim/histogram.js';
import {
  type ChunkPlan,
  chunkOf,
  combineP99,
  combineRequests,
  independentQueues,
  intervalWarnings,
  MAX_SWITCHES_PER_ARRIVAL,
  planChunks,
  type RequestChunk,
} from '../core/sim/requests.js';
import { planTierChunks, type TierChunk } from '../core/sim/tiers.js';
import { PRICING_MODELS } from '../scenario/options.js';
import type { Bursts, Scenario, Tier } from '../scenario/types.js';
import { type PoolOptions, SimulationPool } from './pool.js';

/** Replications of every simulation (fixed: results must not depend on the thread count). */
export const CHUNKS = 10;
/** A user region's simulated p99 is reported from this many recorded requests (fewer: left out, and said). */
const MIN_USER_REQUESTS = 1000;
/** Streams reserved per region: region r's chunks use streams r * STREAMS_PER_REGION + i. */
const STREAMS_PER_REGION = 1000;
/** The spares-down simulation's regions start here (at most 10 serving regions use the streams below). */
const SPARES_DOWN_STREAMS = 10 * STREAMS_PER_REGION;

/** Merges the same chunk index of several regions into one chunk of the users' mixture. */
function mergeChunks(parts: readonly RequestChunk[], index: number): RequestChunk {
  const h = new LogHistogram();
  for (const p of parts) h.merge(new LogHistogram(p.counts, p.sum));
  return chunkOf(h, index);
}

/** Which user regions have their own simulated p99. */
function userNote(users: number, reported: number): string {
  if (reported === users) return '; a p99 for every user region';
  return `; a p99 for ${reported} of ${users} user regions (the others had fewer than ${MIN_USER_REQUESTS} simulated requests: raise simulation.requests)`;
}

/** What the simulated latency's method adds for bursty arrivals, with how many burst cycles a replication spans. */
function burstsNote(b: Bursts, secondsPerReplication: number, averagedOut: number, regions: number): string {
  if (averagedOut > 0) {
    const where = averagedOut === regions ? '' : ` in ${averagedOut} of ${regions} serving regions`;
    const why = `bursts of ${b.lengthS.toPrecision(3)} s average out against the gaps between requests${where} (more than ${MAX_SWITCHES_PER_ARRIVAL} switches per request), so arrivals${where === '' ? '' : ' there'} were simulated as Poisson at the mean rate`;
    if (averagedOut === regions) return `; ${why}`;
    return `${burstsNote(b, secondsPerReplication, 0, regions)}; ${why}`;
  }
  const cycles = (secondsPerReplication * b.share) / b.lengthS;
  const few = cycles < 10 ? ' (few: raise simulation.requests for a tighter interval)' : '';
  return `; bursty arrivals (MMPP: ${b.factor}x the base rate for ${(b.share * 100).toPrecision(3)}% of the time in bursts of ${b.lengthS.toPrecision(3)} s on average, mean rate = the design rate; the analytic figures assume Poisson), each replication spans about ${cycles.toPrecision(2)} burst cycles${few}`;
}

/**
 * Runs one simulation per serving region (CHUNKS replications each, region k on streams streamBase + k x
 * STREAMS_PER_REGION + i) and merges the regions chunk by chunk into the users' mixture.
 */
async function runRegions(
  sims: readonly RegionSim[],
  requests: number,
  seed: number,
  streamBase: number,
  pool: SimulationPool,
): Promise<{ perRegion: RequestChunk[][]; merged: RequestChunk[]; honesty: SectionHonesty }> {
  const perRegion: RequestChunk[][] = [];
  const plans: ChunkPlan[] = [];
  for (let k = 0; k < sims.length; k++) {
    const s = sims[k] as RegionSim;
    const customers = Math.max(CHUNKS * 200, Math.round(requests * s.share));
    const plan = planChunks(
      customers,
      s.utilization,
      CHUNKS,
      independentQueues(s.config),
      s.config.arrivals,
      s.config.service.cv,
    );
    plans.push(plan);
    const task = {
      kind: 'requests' as const,
      config: s.config,
      perChunk: plan.perChunk,
      warmup: plan.warmup,
      seed,
      streamOffset: streamBase + k * STREAMS_PER_REGION,
    };
    perRegion.push(await pool.run(task, CHUNKS));
  }
  const merged = Array.from({ length: CHUNKS }, (_, i) =>
    mergeChunks(
      perRegion.map((chunks) => chunks[i] as RequestChunk),
      i,
    ),
  );
  return {
    perRegion,
    merged,
    honesty: sectionHonesty(
      plans,
      sims.map((x) => x.region),
    ),
  };
}

/** The warm-up and the interval warnings of one simulated figure (SimulatedLatency.warmup and .warnings). */
interface SectionHonesty {
  warmup: { customersPerSection: number; capped: boolean };
  warnings: string[];
}

/**
 * What the plans of the simulations merged into one figure say of its intervals: the longest warm-up per section,
 * whether any was capped, and each plan's warnings (intervalWarnings), named by its region when there are several.
 */
function sectionHonesty(plans: readonly ChunkPlan[], names: readonly string[]): SectionHonesty {
  return {
    warmup: {
      customersPerSection: Math.max(0, ...plans.map((p) => p.warmup)),
      capped: plans.some((p) => p.warmupCapped),
    },
    warnings: plans.flatMap((p, k) =>
      intervalWarnings(p).map((w) => (plans.length > 1 ? `${names[k] ?? `queue ${k + 1}`}: ${w}` : w)),
    ),
  };
}

/**
 * The analytic "p99, spares down" checked: a horizontal design with `spares` nodes down in every region, simulated
 * like the full design (its own streams). null for a vertical design, no spares, or a degraded queue that is unstable.
 */
async function simulateSparesDown(
  ctx: ReturnType<typeof buildContext>,
  r: ArchitectureResult,
  design: ReturnType<typeof designOf>,
  requests: number,
  seed: number,
  pool: SimulationPool,
  sumOf?: readonly Tier[],
): Promise<SimulatedLatency['sparesDown']> {
  if (design.kind !== 'horizontal' || design.spares === 0 || r.latency.p99DegradedMs === null) return null;
  const sims = requestSims(ctx, design, design.spares, sumOf);
  if (sims.length === 0) return null;
  const { merged } = await runRegions(sims, requests, seed, SPARES_DOWN_STREAMS, pool);
  const c = combineRequests(merged);
  const ci95: [number, number] = [c.ci95.p99S[0] * 1000, c.ci95.p99S[1] * 1000];
  const analytic = r.latency.p99DegradedMs;
  return {
    spares: design.spares,
    p99Ms: c.p99S * 1000,
    ci95,
    analyticP99Inside: analytic >= ci95[0] && analytic <= ci95[1],
  };
}

/**
 * The simulated p99 of each user region (scenario order) from its histogram in each chunk (`partOf(region, chunk)`),
 * beside the analytic figure; a user region with too few requests, or none in some chunk, is left out.
 */
function usersP99(
  ctx: ReturnType<typeof buildContext>,
  r: ArchitectureResult,
  partOf: (region: string, chunk: number) => Float64Array,
): SimulatedLatency['byUserRegion'] {
  const out: SimulatedLatency['byUserRegion'] = [];
  for (const u of ctx.scenario.users) {
    const parts: Float64Array[] = [];
    for (let i = 0; i < CHUNKS; i++) parts.push(partOf(u.region, i));
    const p = combineP99(parts);
    // a p99 needs a hundred requests, and an interval needs them in every replication
    if (p.customers < MIN_USER_REQUESTS || p.chunks < CHUNKS) continue;
    const ci95: [number, number] = [p.ci95[0] * 1000, p.ci95[1] * 1000];
    const analyticUser = r.latency.byUserRegion.find((x) => x.region === u.region)?.p99Ms ?? Number.NaN;
    out.push({
      region: u.region,
      customers: p.customers,
      p99Ms: p.p99S * 1000,
      ci95,
      analyticP99Inside: analyticUser >= ci95[0] && analyticUser <= ci95[1],
    });
  }
  return out;
}

async function simulateLatency(
  ctx: ReturnType<typeof buildContext>,
  r: ArchitectureResult,
  requests: number,
  seed: number,
  pool: SimulationPool,
  sumOf?: readonly Tier[],
): Promise<{ latency: SimulatedLatency | null; skipped?: string }> {
  const design = designOf(ctx.catalog, r);
  const sims = requestSims(ctx, design, 0, sumOf);
  if (sims.length === 0) return { latency: null, skipped: 'latency: a queue is unstable (utilisation >= 1)' };
  const { perRegion, merged, honesty } = await runRegions(sims, requests, seed, 0, pool);
  const c = combineRequests(merged);
  const sparesDown = await simulateSparesDown(ctx, r, design, requests, seed, pool, sumOf);
  const byUserRegion = usersP99(ctx, r, (user, i) => {
    // every (region, group) of these users; normally one serving region per user region
    const h = new LogHistogram();
    sims.forEach((sim, k) => {
      sim.groupUsers.forEach((u, g) => {
        const part = perRegion[k]?.[i]?.groups?.[g];
        if (u === user && part) h.merge(new LogHistogram(part.counts));
      });
    });
    return h.counts;
  });
  const bursts = ctx.scenario.simulation?.bursts ?? null;
  const analytic = r.latency.p99Ms ?? Number.NaN;
  const ms = (x: number) => x * 1000;
  const ci95p99: [number, number] = [ms(c.ci95.p99S[0]), ms(c.ci95.p99S[1])];
  return {
    latency: {
      customers: c.customers,
      meanResponseMs: ms(c.meanResponseS),
      p50Ms: ms(c.p50S),
      p99Ms: ms(c.p99S),
      p999Ms: ms(c.p999S),
      ci95: { meanResponseMs: [ms(c.ci95.meanResponseS[0]), ms(c.ci95.meanResponseS[1])], p99Ms: ci95p99 },
      analyticP99Inside: analytic >= ci95p99[0] && analytic <= ci95p99[1],
      analyticP99RelativeError: (analytic - ms(c.p99S)) / ms(c.p99S),
      byUserRegion,
      sparesDown,
      ...honesty,
      method: `${c.method}; balancer simulated as named; ${sims.length} serving region${sims.length > 1 ? 's' : ''} merged by share${userNote(ctx.scenario.users.length, byUserRegion.length)}${sumOf ? CO_LOCATED_NOTE : ''}${bursts ? burstsNote(bursts, c.customers / CHUNKS / ctx.designRatePerS, sims.filter((x) => x.config.arrivals.kind === 'poisson').length, sims.length) : ''}`,
    },
  };
}

/** What a co-located candidate's method adds: how the request's demand is simulated. */
const CO_LOCATED_NOTE =
  "; co-located tiers: each request is one job whose service time is the random sum of its calls' own service times (each tier's Binomial(callsPerRequest, reach) calls, each exponential, gamma or deterministic by its cv), where the analytic model takes one gamma service of the sum's mean and cv";

/** Runs one simulation of a system of tiers (CHUNKS replications on streams streamBase + i). */
async function runTiers(
  plan: TierSimPlan,
  requests: number,
  seed: number,
  streamBase: number,
  pool: SimulationPool,
): Promise<{ chunks: TierChunk[]; honesty: SectionHonesty }> {
  const customers = Math.max(CHUNKS * 200, requests);
  const chunks = planTierChunks(plan.config, customers, CHUNKS);
  const run = await pool.run(
    {
      kind: 'tiers',
      config: plan.config,
      perChunk: chunks.perChunk,
      warmup: chunks.warmup,
      seed,
      streamOffset: streamBase,
    },
    CHUNKS,
  );
  return { chunks: run, honesty: sectionHonesty([chunks], ['the system']) };
}

/**
 * How far the analytic p99 of a system of tiers (each tier's calls with their waits correlated: repeatedCalls.ts)
 * was measured from this simulation for exponential tiers (test/core/sim/tierSystems.ts MEASURED,
 * tiersMeasure.test.ts); quoted in the method.
 */
export const TIERS_MEASURED_NOTE =
  'measured for exponential tiers (1,000,000 requests x 8 seeds), (analytic - simulated) / simulated p99 is +0.1% for tandem M/M/1 queues (exact), -0.4% for an M/M/8 app tier at 70% making 4 calls to an M/M/8 database at 70%, -0.7% with a 90% cache in front of an M/M/1 database at 75%, -1.0% when 4 calls to an M/M/1 database at 75% dominate the p99 (-1.3% for an M/M/4 database, +0.1% at 90%; the sum of independent calls was 28%, 19% and 40% low there: a request meets the same requests in flight at each call)';

/**
 * The spares-down check of a system of tiers: every horizontal tier with its own spares down in every serving
 * region (latency.p99DegradedMs), on its own streams; null without spares or when a queue is then unstable.
 */
async function simulateTiersSparesDown(
  t: TieredContext,
  r: ArchitectureResult,
  options: readonly TierOption[],
  requests: number,
  seed: number,
  pool: SimulationPool,
): Promise<SimulatedLatency['sparesDown']> {
  const spares = Math.max(0, ...options.map((o) => (o.choice.kind === 'horizontal' ? o.choice.spares : 0)));
  if (spares === 0 || r.latency.p99DegradedMs === null) return null;
  const plan = tierSimPlan(t, options, true);
  if (!plan.stable) return null;
  const c = combineRequests((await runTiers(plan, requests, seed, SPARES_DOWN_STREAMS, pool)).chunks);
  const ci95: [number, number] = [c.ci95.p99S[0] * 1000, c.ci95.p99S[1] * 1000];
  const analytic = r.latency.p99DegradedMs;
  return { spares, p99Ms: c.p99S * 1000, ci95, analyticP99Inside: analytic >= ci95[0] && analytic <= ci95[1] };
}

/**
 * A system of tiers with per-tier designs, walked request by request through its tiers (core/sim/tiers.ts): the
 * end-to-end figures, each user region's p99 and each tier's time, beside the analytic ones.
 */
async function simulateTieredLatency(
  t: TieredContext,
  r: ArchitectureResult,
  options: readonly TierOption[],
  requests: number,
  seed: number,
  pool: SimulationPool,
): Promise<{ latency: SimulatedLatency | null; skipped?: string }> {
  const ctx = t.ctx;
  const plan = tierSimPlan(t, options);
  if (!plan.stable) return { latency: null, skipped: "latency: a tier's queue is unstable (utilisation >= 1)" };
  const { chunks, honesty } = await runTiers(plan, requests, seed, 0, pool);
  const c = combineRequests(chunks);
  const byUserRegion = usersP99(ctx, r, (user, i) => {
    const h = new LogHistogram();
    plan.groupUsers.forEach((u, g) => {
      const part = chunks[i]?.groups[g];
      if (u === user && part) h.merge(new LogHistogram(part.counts));
    });
    return h.counts;
  });
  const byTier = t.tiers.map((tier, k) => {
    const parts = chunks.map((x) => (x.tiers[k] as TierChunk['tiers'][number]).counts);
    const p = combineP99(parts);
    const sum = chunks.reduce((a, x) => a + (x.tiers[k]?.sum ?? 0), 0);
    const ci95: [number, number] = [p.ci95[0] * 1000, p.ci95[1] * 1000];
    const analytic = r.tiers?.[k]?.latency.p99Ms ?? null;
    return {
      name: tier.name,
      meanMs: p.customers > 0 ? (sum / p.customers) * 1000 : 0,
      p99Ms: p.p99S * 1000,
      ci95,
      analyticP99Inside: analytic !== null && analytic >= ci95[0] && analytic <= ci95[1],
    };
  });
  const sparesDown = await simulateTiersSparesDown(t, r, options, requests, seed, pool);
  const bursts = ctx.scenario.simulation?.bursts ?? null;
  const analytic = r.latency.p99Ms ?? Number.NaN;
  const ms = (x: number) => x * 1000;
  const ci95p99: [number, number] = [ms(c.ci95.p99S[0]), ms(c.ci95.p99S[1])];
  const stations = plan.config.stations.length;
  const walk =
    `; a request walks through the ${t.tiers.length} tiers in call order: at each tier its calls (Binomial(callsPerRequest, reach) per request) one after the other, each paying the round trip from the tier before it, then waiting FCFS at the tier's station on the user's route (${stations} station${stations === 1 ? '' : 's'}: one per tier and serving region, shared by every route through it; balancers simulated as named)` +
    (plan.writeDetours
      ? "; a strong write's detour paid by the writes only (the analytic model charges every call its mean)"
      : '') +
    (plan.readReplicas
      ? "; a vertical tier's reads spread at random over its primary and read replicas in the analytic shares (the analytic model gives every call the primary's queue)"
      : '') +
    `; the calls of one request meet the same queues (the analytic model takes a tier's calls' waits as correlated): ${TIERS_MEASURED_NOTE}`;
  return {
    latency: {
      customers: c.customers,
      meanResponseMs: ms(c.meanResponseS),
      p50Ms: ms(c.p50S),
      p99Ms: ms(c.p99S),
      p999Ms: ms(c.p999S),
      ci95: { meanResponseMs: [ms(c.ci95.meanResponseS[0]), ms(c.ci95.meanResponseS[1])], p99Ms: ci95p99 },
      analyticP99Inside: analytic >= ci95p99[0] && analytic <= ci95p99[1],
      analyticP99RelativeError: (analytic - ms(c.p99S)) / ms(c.p99S),
      byUserRegion,
      sparesDown,
      byTier,
      ...honesty,
      method: `${c.method}${walk}${userNote(ctx.scenario.users.length, byUserRegion.length)}${sparesDown ? '; spares down: every horizontal tier with its own spares down in every serving region (sparesDown.spares: the most of any tier)' : ''}${bursts ? burstsNote(bursts, c.customers / CHUNKS / ctx.designRatePerS, plan.config.arrivals.kind === 'poisson' ? 1 : 0, 1) : ''}`,
    },
  };
}

/** Chunks of the failure simulation (fixed, as for requests). */
export const AVAILABILITY_CHUNKS = 20;
/** Most failure and repair events one candidate's simulation may take (about 5 s); more years are cut to fit. */
export const MAX_EVENTS = 5e7;

async function simulateAvailabilityOf(
  ctx: ReturnType<typeof buildContext>,
  r: ArchitectureResult,
  years: number,
  seed: number,
  pool: SimulationPool,
): Promise<{ availability: SimulatedAvailability | null; skipped?: string }> {
  if (r.availability.unavailability >= 1) {
    return {
      availability: null,
      skipped: 'availability: the design cannot carry the design rate, so it is down whatever fails',
    };
  }
  let config: ReturnType<typeof availabilitySim>;
  try {
    // the candidate's own pricing model (spot's interruptions are node failures); a system's joined models are tiers
    const pricing = PRICING_MODELS.find((m) => m === r.cost.pricingModel);
    config = availabilitySim(pricing === undefined ? ctx : withPricing(ctx, pricing), designOf(ctx.catalog, r));
  } catch (error) {
    return { availability: null, skipped: `availability: ${(error as Error).message}` };
  }
  const events = expectedEvents(config, years);
  const simYears = events > MAX_EVENTS ? years * (MAX_EVENTS / events) : years;
  const chunks = await pool.run(
    { kind: 'availability', config, yearsPerChunk: simYears / AVAILABILITY_CHUNKS, seed },
    AVAILABILITY_CHUNKS,
  );
  const s = combineAvailability(config, chunks);
  // an autoscaled design's scale-out windows (compare/autoscale.ts) are not failures, and its figure weighs each hour's
  // fleet: the simulation runs the peak fleet at the peak load, so it is compared with the peak hour's figure
  // (autoscaling.availabilityByHour), windows excluded
  const profile = ctx.scenario.workload.dailyProfile;
  const byHour = r.autoscaling?.availabilityByHour?.unavailabilityByHour;
  const hour = byHour !== undefined && profile !== undefined ? peakHour(profile) : null;
  const f = r.autoscaling?.scaleOut.downtimeFraction ?? 0;
  const failuresU =
    hour !== null
      ? (byHour?.[hour] as number)
      : f > 0
        ? Math.max(0, (r.availability.unavailability - f) / (1 - f))
        : r.availability.unavailability;
  const analytic = hour === null && f === 0 ? r.availability.value : 1 - failuresU;
  const cut =
    simYears < years
      ? `; cut from ${years} to ${simYears.toPrecision(3)} years to stay under ${MAX_EVENTS} events`
      : '';
  const windows =
    r.autoscaling === undefined
      ? ''
      : `; the peak fleet at the peak load only${hour === null ? '' : `, compared with the peak hour's analytic figure (hour ${hour} of autoscaling.availabilityByHour; the other hours' smaller fleets are not simulated)`}: the scale-out windows (availability.byCause "scale-out") are not simulated, and the analytic figure compared is without them`;
  const value = s.tooRare ? analytic : s.availability;
  const unavailability = s.tooRare ? failuresU : s.unavailability;
  return {
    availability: {
      years: s.simulatedYears,
      value,
      unavailability,
      nines: nines(unavailability),
      ci95: s.ci95,
      downEvents: s.downEventCount,
      tooRare: s.tooRare,
      analyticInside: s.tooRare ? null : analytic >= s.ci95[0] && analytic <= s.ci95[1],
      warnings: s.warnings,
      method: `${s.method}${cut}${windows}`,
    },
  };
}

type LatencyFigures = { latency: SimulatedLatency | null; skipped?: string };
type AvailabilityFigures = { availability: SimulatedAvailability | null; skipped?: string };

/**
 * One candidate's simulations. A tiered scenario's candidate is simulated as what it is: co-located tiers as the
 * single-tier design of their coLocatedScenario (the request's service the random sum of its calls); per-tier designs
 * by the walk through the tiers, with availability not simulated yet (the failure simulator has no model of tiers
 * sharing zones and regions), said in `skipped`. A tiered candidate that cannot be rebuilt is skipped, never fatal.
 */
async function simulateCandidate(
  ctx: ReturnType<typeof buildContext>,
  tiered: TieredContext | null,
  r: ArchitectureResult,
  sim: NonNullable<Scenario['simulation']>,
  pool: SimulationPool,
): Promise<{ lat: LatencyFigures; av: AvailabilityFigures }> {
  if (tiered === null) {
    return {
      lat: await simulateLatency(ctx, r, sim.requests, sim.seed, pool),
      av: await simulateAvailabilityOf(ctx, r, sim.years, sim.seed, pool),
    };
  }
  let options: TierOption[] | null;
  try {
    options = systemOf(tiered, ctx.catalog, r);
  } catch (error) {
    const why = `the system of tiers could not be rebuilt (${(error as Error).message})`;
    return {
      lat: { latency: null, skipped: `latency: ${why}` },
      av: { availability: null, skipped: `availability: ${why}` },
    };
  }
  if (options === null) {
    return {
      lat: await simulateLatency(tiered.coLocated, r, sim.requests, sim.seed, pool, tiered.tiers),
      av: await simulateAvailabilityOf(tiered.coLocated, r, sim.years, sim.seed, pool),
    };
  }
  return {
    lat: await simulateTieredLatency(tiered, r, options, sim.requests, sim.seed, pool),
    av: {
      availability: null,
      skipped:
        'availability: systems of tiers with per-tier designs are not simulated for availability yet (the failure simulator has no model of tiers sharing zones and regions); the analytic figure is the exact series over the shared zones and regions',
    },
  };
}

/**
 * Adds `simulated` to every candidate of `result` (a copy; the input is not changed). Without a `simulation` block
 * in the scenario, returns the result unchanged.
 */
export async function simulateComparison(
  result: ComparisonResult,
  scenario: Scenario,
  catalog: Catalog,
  opts: PoolOptions,
): Promise<ComparisonResult> {
  const sim = scenario.simulation;
  if (sim === null) return result;
  const ctx = buildContext(scenario, catalog);
  const tiered = scenario.tiers !== null ? tieredContext(ctx) : null;
  const architectures: ArchitectureResult[] = [];
  const pool = new SimulationPool({ ...opts, onProgress: undefined });
  try {
    let step = 0;
    for (const r of result.architectures) {
      const skipped: string[] = [];
      const { lat, av } = await simulateCandidate(ctx, tiered, r, sim, pool);
      if (lat.skipped) skipped.push(lat.skipped);
      if (av.skipped) skipped.push(av.skipped);
      const simulated: SimulatedFigures = {
        seed: sim.seed,
        latency: lat.latency,
        availability: av.availability,
        skipped,
      };
      architectures.push({ ...r, simulated });
      opts.onProgress?.(++step, result.architectures.length);
    }
  } finally {
    await pool.close();
  }
  return { ...result, architectures };
}
