/**
 * Request-level discrete-event simulation of a system of tiers (issue 13): each request arrives (Poisson at the
 * design rate, or bursts), belongs to a user group drawn by share, follows its group's route, and visits the tiers in
 * call order. At tier i it makes N_i calls one after the other, N_i ~ Binomial(callsPerRequest_i, reach_i) drawn when
 * it reaches the tier (reach: the product of the misses of the caches just in front, tierDemand.ts); each call first
 * pays the route's fixed network time to that tier (the round trip from the tier before it), then waits FCFS at the
 * tier's station on the route and is served; a write (probability writeFraction of the tier) then pays the tier's
 * strong-write detour (quorum or synchronous standby round trip) before the caller goes on. The end-to-end time is the
 * group's network time to the first tier plus the time from arrival to the last call's end.
 *
 * A station is one tier in one serving region: its nodes of v FCFS servers behind the tier's balancer (NodePicker,
 * as requests.ts simulates one tier), or a primary with read replicas (writes to the primary, reads to the primary
 * with probability primaryReadShare, else to a replica drawn at random). Several routes may share a station (users of
 * several regions whose routes meet at one database): their calls meet in the same queues.
 *
 * The calls of a request reach the stations in another order than the requests arrive, so the walk needs an event
 * list: one pending event per request in flight (the time its next call reaches its station), in the shared
 * typed-array heap (heap.ts EventHeap, grown by doubling). Events are handled in time order, so each station sees its
 * calls in arrival order and FCFS needs no queue of its own: a call arriving at t starts at max(t, the earliest time
 * a server of its node is free), as in requests.ts. A request whose first call needs no network (always so for the
 * first tier) is served the moment it arrives, so with one tier, one call and one user group the draws are the
 * single-tier simulator's, in the same order: the same chunk gives the same figures (tested).
 *
 * The calls of one request are not independent here: they meet the same queues a few milliseconds apart (Reich's
 * theorem makes the sojourns of tandem M/M/1 queues independent; nothing does for repeated visits). The analytic
 * model (systemLatency.ts) once summed them as independent, and measured for exponential tiers (test/core/sim/
 * tierSystems.ts MEASURED: 1,000,000 requests x 8 seeds) its p99 was 28% low when 4 calls to an M/M/1 database at 75%
 * dominate the p99 (19% for an M/M/4 database, 40% at 90%); it now takes the waits of a tier's calls as correlated
 * (repeatedCalls.ts, calibrated against this walk: tierCallsMeasure.test.ts), -1.0%, -1.3% and +0.1% there.
 *
 * Chunks, streams, warm-up and intervals as in requests.ts (chunk i: its own stream, starts empty, discards a warm-up,
 * records in log histograms); the result does not depend on the thread that ran a chunk. Pure; no I/O.
 */

import { EventHeap, grownHeap, replaceRoot } from './heap.js';
import { bucketOf, LogHistogram } from './histogram.js';
import {
  type ArrivalProcess,
  Arrivals,
  type Balancer,
  type ChunkPlan,
  chunkOf,
  type GroupChunk,
  meanRatePerS,
  NodePicker,
  planChunks,
  type RequestChunk,
  type ServiceSampler,
  type ServiceSpec,
  sampleService,
  serviceSampler,
  WARMUP_CAP_SECTIONS,
  WARMUP_RELAXATIONS,
} from './requests.js';
import { streamFor } from './rng.js';

/** One tier in one serving region. */
export interface StationConfig {
  /** Index of the tier (call order). */
  tier: number;
  /** Serving region (a label). */
  region: string;
  nodes: number;
  serversPerNode: number;
  balancer: Balancer;
  service: ServiceSpec;
  /** Fraction of the tier's calls that write, [0, 1]. */
  writeFraction: number;
  /** A write's extra time after its service (strong consistency: quorum or synchronous standby round trip), s. */
  writeExtraS: number;
  /**
   * A primary (node 0) with nodes - 1 read replicas: writes go to the primary, a read to the primary with this
   * probability, else to a replica drawn at random. null: every call is placed by the balancer.
   */
  primaryReadShare: number | null;
}

/** The calls each request makes to a tier. */
export interface TierCallsConfig {
  callsPerRequest: number;
  /** Probability that each call is made (the misses of the caches just in front). */
  reachProbability: number;
}

/** One sequence of stations through the tiers. */
export interface TierRouteConfig {
  /** The station of each tier, in call order. */
  stations: number[];
  /** Network time before each call to each tier (round trip from the tier before it; 0 for the first), s. */
  perCallS: number[];
}

/** The requests of one user region. */
export interface TierUserGroup {
  share: number;
  /** Network time to the first tier (round trips x RTT), s. */
  networkS: number;
  /** Index of its route. */
  route: number;
}

/** A JSON-serialisable description of a system of tiers to simulate (posted to worker threads). */
export interface TierSimConfig {
  tiers: TierCallsConfig[];
  stations: StationConfig[];
  routes: TierRouteConfig[];
  groups: TierUserGroup[];
  arrivals: ArrivalProcess;
}

/** The time requests spend in one tier in a chunk: its calls' network times, waits and services. */
export interface TierTimeChunk {
  counts: Float64Array;
  sum: number;
}

/** A chunk: end-to-end figures (RequestChunk), each user group's, and each tier's time. */
export interface TierChunk extends RequestChunk {
  groups: GroupChunk[];
  tiers: TierTimeChunk[];
}

/** Mean calls per request that reach each station (over the user groups' routes). */
export function stationCallsPerRequest(config: TierSimConfig): number[] {
  const out = config.stations.map(() => 0);
  const totalShare = config.groups.reduce((s, g) => s + g.share, 0);
  for (const g of config.groups) {
    const route = config.routes[g.route] as TierRouteConfig;
    config.tiers.forEach((t, i) => {
      const s = route.stations[i] as number;
      out[s] = (out[s] as number) + (g.share / totalShare) * t.callsPerRequest * t.reachProbability;
    });
  }
  return out;
}

/** Utilisation of each station's busiest node (a primary with replicas: the busier of primary and replica). */
export function stationUtilizations(config: TierSimConfig): number[] {
  const rate = meanRatePerS(config.arrivals);
  const perRequest = stationCallsPerRequest(config);
  return config.stations.map((st, s) => {
    const calls = rate * (perRequest[s] as number);
    let busiest = 1 / st.nodes;
    if (st.primaryReadShare !== null && st.nodes > 1) {
      const primary = st.writeFraction + (1 - st.writeFraction) * st.primaryReadShare;
      busiest = Math.max(primary, (1 - primary) / (st.nodes - 1));
    }
    return (calls * busiest * st.service.meanS) / st.serversPerNode;
  });
}

/**
 * How the requests are split into chunks, as requests.ts planChunks, with the warm-up long enough for the slowest
 * station to relax: station s, at utilisation rho with q independent queues (q = nodes for random and round-robin,
 * and for a primary with replicas; else 1), relaxes in about q rho / (1 - sqrt(rho))^2 of its calls, that is that
 * many divided by its calls per request, of requests (five relaxation times discarded, capped at 20 chunks' worth).
 * With one station reached once per request this is planChunks(customers, rho, chunks, q, arrivals).
 */
export function planTierChunks(config: TierSimConfig, customers: number, chunks: number): ChunkPlan {
  const base = planChunks(customers, undefined, chunks, 1, config.arrivals);
  const perRequest = stationCallsPerRequest(config);
  const rho = stationUtilizations(config);
  let relax = 0;
  config.stations.forEach((st, s) => {
    const u = rho[s] as number;
    const m = perRequest[s] as number;
    if (!(u > 0 && u < 1 && m > 0)) return;
    const split = st.primaryReadShare !== null || st.balancer === 'random' || st.balancer === 'round-robin';
    const queues = split ? st.nodes : 1;
    relax = Math.max(relax, (queues * u) / (1 - Math.sqrt(u)) ** 2 / m);
  });
  if (!(relax > 0)) return base;
  const wanted = Math.ceil(WARMUP_RELAXATIONS * relax);
  const cap = WARMUP_CAP_SECTIONS * base.perChunk;
  return {
    ...base,
    warmup: Math.max(base.warmup, Math.min(cap, wanted)),
    relaxation: relax,
    warmupCapped: wanted > cap && wanted > base.warmup,
  };
}

function validate(config: TierSimConfig): void {
  const T = config.tiers.length;
  if (T < 1) throw new RangeError('a system needs at least one tier');
  if (config.groups.length < 1) throw new RangeError('a system needs at least one user group');
  for (const t of config.tiers) {
    if (!(Number.isInteger(t.callsPerRequest) && t.callsPerRequest >= 0)) {
      throw new RangeError(`callsPerRequest must be an integer >= 0, got ${t.callsPerRequest}`);
    }
    if (!(t.reachProbability >= 0 && t.reachProbability <= 1)) {
      throw new RangeError(`reachProbability must be in [0, 1], got ${t.reachProbability}`);
    }
  }
  for (const s of config.stations) {
    if (!(Number.isInteger(s.nodes) && s.nodes >= 1 && Number.isInteger(s.serversPerNode) && s.serversPerNode >= 1)) {
      throw new RangeError('a station needs integer nodes and serversPerNode >= 1');
    }
    if (!(s.writeFraction >= 0 && s.writeFraction <= 1 && s.writeExtraS >= 0)) {
      throw new RangeError('a station needs writeFraction in [0, 1] and writeExtraS >= 0');
    }
  }
  for (const r of config.routes) {
    if (r.stations.length !== T || r.perCallS.length !== T) throw new RangeError('a route needs a station per tier');
    r.stations.forEach((s, i) => {
      if (config.stations[s]?.tier !== i) throw new RangeError(`route station ${s} is not a station of tier ${i}`);
    });
    if (r.perCallS.some((x) => !(x >= 0))) throw new RangeError('perCallS must be >= 0');
  }
  for (const g of config.groups) {
    if (config.routes[g.route] === undefined) throw new RangeError(`no route ${g.route}`);
    if (!(g.share >= 0 && g.networkS >= 0)) throw new RangeError('a user group needs a share >= 0 and networkS >= 0');
  }
  if (!(config.groups.reduce((s, g) => s + g.share, 0) > 0)) throw new RangeError('the user groups need a share');
}

/**
 * Simulates chunk `index` of a system of tiers: `warmup` requests discarded (by arrival order), then `customers`
 * recorded (see the module comment).
 * @throws RangeError for an invalid configuration (the caller builds it from a validated scenario)
 */
export function simulateTiersChunk(
  config: TierSimConfig,
  customers: number,
  warmup: number,
  seed: number,
  index: number,
): TierChunk {
  validate(config);
  const rng = streamFor(seed, index);
  const T = config.tiers.length;
  const S = config.stations.length;
  const G = config.groups.length;
  // stations: servers' free times in one array, a balancer each (or a primary with replicas)
  const v = new Int32Array(S);
  const nodes = new Int32Array(S);
  const freeBase = new Int32Array(S);
  const writeFraction = new Float64Array(S);
  const writeExtra = new Float64Array(S);
  const primaryRead = new Float64Array(S);
  const samplers: ServiceSampler[] = [];
  const pickers: NodePicker[] = [];
  let servers = 0;
  config.stations.forEach((st, s) => {
    v[s] = st.serversPerNode;
    nodes[s] = st.nodes;
    freeBase[s] = servers;
    servers += st.nodes * st.serversPerNode;
    writeFraction[s] = st.writeFraction;
    writeExtra[s] = st.writeExtraS;
    primaryRead[s] = st.primaryReadShare === null || st.nodes === 1 ? -1 : st.primaryReadShare;
    samplers.push(serviceSampler(st.service));
    // least-loaded's calendar: a bucket per mean gap between requests (a station sees its calls per request in each)
    pickers.push(
      new NodePicker(st.nodes, st.balancer, 1 / meanRatePerS(config.arrivals), st.nodes * st.serversPerNode),
    );
  });
  const free = new Float64Array(servers);
  // routes flattened: the station and network time of tier i on route r at r * T + i
  const stepStation = new Int32Array(config.routes.length * T);
  const stepNet = new Float64Array(config.routes.length * T);
  config.routes.forEach((r, k) => {
    for (let i = 0; i < T; i++) {
      stepStation[k * T + i] = r.stations[i] as number;
      stepNet[k * T + i] = r.perCallS[i] as number;
    }
  });
  const calls = Int32Array.from(config.tiers.map((t) => t.callsPerRequest));
  const reach = Float64Array.from(config.tiers.map((t) => t.reachProbability));
  const cumulative = new Float64Array(G);
  const groupRoute = new Int32Array(G);
  const groupNet = new Float64Array(G);
  let acc = 0;
  config.groups.forEach((g, k) => {
    acc += g.share;
    cumulative[k] = acc;
    groupRoute[k] = g.route;
    groupNet[k] = g.networkS;
  });
  const arrivals = new Arrivals(config.arrivals, rng);

  // requests in flight, in slots reused through a free list (grown by doubling: amortised O(1), rare)
  let cap = 64;
  let arrival = new Float64Array(cap);
  let mark = new Float64Array(cap);
  let order = new Float64Array(cap);
  let tierOf = new Int32Array(cap);
  let left = new Int32Array(cap);
  let groupOf = new Int32Array(cap);
  let freeSlots = new Int32Array(cap);
  for (let k = 0; k < cap; k++) freeSlots[k] = cap - 1 - k;
  let freeCount = cap;
  let heap = new EventHeap(cap);

  const hist = new LogHistogram();
  const groupHists = config.groups.map(() => new LogHistogram());
  const tierHists = config.tiers.map(() => new LogHistogram());
  const zeroBucket = bucketOf(0);

  function growSlots(): void {
    const next = cap * 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(next);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(next);
      b.set(a);
      return b;
    };
    arrival = f64(arrival);
    mark = f64(mark);
    order = f64(order);
    tierOf = i32(tierOf);
    left = i32(left);
    groupOf = i32(groupOf);
    freeSlots = new Int32Array(next);
    for (let k = 0; k < next - cap; k++) freeSlots[k] = next - 1 - k;
    freeCount = next - cap;
    heap = grownHeap(heap, next);
    cap = next;
  }

  /** Moves request s to the next tier it calls (drawing the counts); false when no tier is left. */
  function nextTier(s: number): boolean {
    const recording = (order[s] as number) >= warmup;
    for (let i = (tierOf[s] as number) + 1; i < T; i++) {
      const c = calls[i] as number;
      const p = reach[i] as number;
      let n = c;
      if (p < 1) {
        n = 0;
        for (let k = 0; k < c; k++) if (rng.uniform() < p) n++;
      }
      if (n > 0) {
        tierOf[s] = i;
        left[s] = n;
        return true;
      }
      if (recording) (tierHists[i] as LogHistogram).addAt(zeroBucket, 0);
    }
    tierOf[s] = T;
    return false;
  }

  /** Network time before request s's next call. */
  function netOf(s: number): number {
    return stepNet[(groupRoute[groupOf[s] as number] as number) * T + (tierOf[s] as number)] as number;
  }

  /** Request s ends at `done`: recorded (after the warm-up) and its slot freed. */
  function complete(s: number, done: number): void {
    if ((order[s] as number) >= warmup) {
      const g = groupOf[s] as number;
      const response = done - (arrival[s] as number) + (groupNet[g] as number);
      const b = bucketOf(response);
      hist.addAt(b, response);
      (groupHists[g] as LogHistogram).addAt(b, response);
    }
    freeSlots[freeCount++] = s;
  }

  /**
   * Request s's call reaches its station at t: served FCFS there. Returns the time its next call reaches its
   * station, or -1 when the request is done.
   */
  function serve(s: number, t: number): number {
    const st = stepStation[(groupRoute[groupOf[s] as number] as number) * T + (tierOf[s] as number)] as number;
    const wf = writeFraction[st] as number;
    const pr = primaryRead[st] as number;
    let node: number;
    let write = false;
    if (pr >= 0) {
      write = wf > 0 && rng.uniform() < wf;
      node = write || rng.uniform() < pr ? 0 : 1 + rng.below((nodes[st] as number) - 1);
    } else node = (pickers[st] as NodePicker).pick(rng, t);
    const base = (freeBase[st] as number) + node * (v[st] as number);
    const end = Math.max(t, free[base] as number) + sampleService(samplers[st] as ServiceSampler, rng);
    replaceRoot(free, base, v[st] as number, end);
    if (pr < 0) {
      (pickers[st] as NodePicker).placed(node, end);
      write = wf > 0 && rng.uniform() < wf;
    }
    const done = write ? end + (writeExtra[st] as number) : end;
    const remaining = (left[s] as number) - 1;
    left[s] = remaining;
    if (remaining > 0) return done + netOf(s);
    if ((order[s] as number) >= warmup) {
      const x = done - (mark[s] as number);
      (tierHists[tierOf[s] as number] as LogHistogram).add(x);
    }
    mark[s] = done;
    if (nextTier(s)) return done + netOf(s);
    complete(s, done);
    return -1;
  }

  const total = warmup + customers;
  let started = 0;
  let tA = total > 0 ? arrivals.next(0) : Number.POSITIVE_INFINITY;
  while (started < total || heap.size > 0) {
    if (heap.size > 0 && (started >= total || heap.topTime() <= tA)) {
      const s = heap.topId();
      const next = serve(s, heap.topTime());
      if (next >= 0) heap.replaceTop(next, s);
      else heap.pop();
      continue;
    }
    // a new request: every event before it has been handled
    if (freeCount === 0) growSlots();
    const s = freeSlots[--freeCount] as number;
    arrival[s] = tA;
    mark[s] = tA;
    order[s] = started;
    let g = 0;
    if (G > 1) {
      const u = rng.uniform() * acc;
      while (g < G - 1 && u > (cumulative[g] as number)) g++;
    }
    groupOf[s] = g;
    tierOf[s] = -1;
    if (!nextTier(s)) complete(s, tA);
    else {
      const first = tA + netOf(s);
      // no network before it: served now (every event at or before tA is done), as the single-tier simulator does
      const next = first === tA ? serve(s, tA) : first;
      // the heap has room: it holds one event per request in flight other than s
      if (next >= 0) heap.push(next, s);
    }
    started += 1;
    if (started < total) tA = arrivals.next(tA);
  }
  return {
    ...chunkOf(hist, index),
    groups: groupHists.map((h) => ({ counts: h.counts })),
    tiers: tierHists.map((h) => ({ counts: h.counts, sum: h.sum })),
  };
}
