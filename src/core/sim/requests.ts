/**
 * Request-level discrete-event simulation of a service: arrivals (Poisson, a two-state Markov-modulated Poisson
 * process, or a diurnal sine by thinning), N nodes of v FCFS servers each behind a balancer (random, round-robin,
 * least-loaded = join the shortest queue, power-of-two choices), fan-out K (a request waits for the slowest of K
 * sub-requests), service times with a given mean and CV (exponential, deterministic, lognormal, gamma) or a random
 * sum of calls (a request of co-located tiers: each tier's Binomial number of calls, each its own draw), and the
 * users' network paths (a round trip per user group, plus a quorum round trip for the write fraction).
 *
 * FCFS with v servers per node needs no event list: a sub-request arriving at t starts at max(t, the earliest time a
 * server of its node is free) and that server is then busy until it finishes (the C reference's method). The
 * balancers that look at queue lengths keep, per node, a min-heap of the completion times of the jobs still there;
 * the number in system at t is that heap's size after dropping completions <= t.
 *
 * The work is split into chunks (independent replications): chunk i has its own random stream (rng.ts), starts
 * empty, discards a warm-up, then records the response times of its customers in a bounded-memory log histogram
 * (histogram.ts, 0.1% relative accuracy). Chunks combine into point estimates (merged histogram) and 95% confidence
 * intervals (Student t over the chunks' estimates), the same whatever thread ran which chunk. Pure; no I/O.
 */

import { sectioningHalfWidth, tQuantile975 } from '../stats/tInterval.js';
import { CompletionCalendar } from './completionCalendar.js';
import { pushValue, replaceRoot } from './heap.js';
import { bucketOf, LogHistogram, RELATIVE_ACCURACY } from './histogram.js';
import { mmcRecord } from './mmc.js';
import { type Stream, streamFor } from './rng.js';

export type ServiceDistribution = 'exponential' | 'deterministic' | 'lognormal' | 'gamma' | 'sum';
/**
 * The service distribution for a coefficient of variation when none is named: exponential at cv 1, deterministic at
 * cv 0, else gamma (the shape the analytic M/G/c percentiles assume).
 */
export function defaultServiceDistribution(cv: number): ServiceDistribution {
  return cv === 1 ? 'exponential' : cv === 0 ? 'deterministic' : 'gamma';
}

export type Balancer = 'random' | 'round-robin' | 'least-loaded' | 'power-of-two';

export type ArrivalProcess =
  | { kind: 'poisson'; ratePerS: number }
  /** Two states with their rates, and the mean time spent in each before switching. */
  | { kind: 'mmpp'; ratesPerS: [number, number]; meanDwellS: [number, number] }
  /** rate(t) = meanRate (1 + amplitude sin(2 pi t / periodS)), amplitude in [0, 1). */
  | { kind: 'diurnal'; meanRatePerS: number; amplitude: number; periodS: number };

/** Long-run mean rate of an arrival process, per second. */
export function meanRatePerS(a: ArrivalProcess): number {
  if (a.kind === 'poisson') return a.ratePerS;
  if (a.kind === 'diurnal') return a.meanRatePerS;
  const [d0, d1] = a.meanDwellS;
  return (a.ratesPerS[0] * d0 + a.ratesPerS[1] * d1) / (d0 + d1);
}

/** Bursts of a two-state MMPP described by what a person knows: how much faster, how often, how long. */
export interface BurstShape {
  /** Rate in a burst / rate between bursts, > 1. */
  factor: number;
  /** Long-run fraction of the time spent in bursts, (0, 1). */
  share: number;
  /** Mean length of a burst (exponential), seconds. */
  lengthS: number;
}

/** Above this many burst-state switches per arrival, bursts are simulated as what they add up to: Poisson. */
export const MAX_SWITCHES_PER_ARRIVAL = 100;

/**
 * Whether bursts and calms are so short against the gaps between requests (more than MAX_SWITCHES_PER_ARRIVAL
 * switches per arrival, two per cycle of length / share) that arrivals are Poisson at the mean rate to within the
 * simulation's accuracy: a burst then holds a small fraction of one request. Simulating every switch would cost that
 * many random draws per request (a 1 ns burst at 15,000/s: tens of thousands), so burstyArrivals does not.
 */
export function burstsAverageOut(ratePerS: number, b: BurstShape): boolean {
  const cycleS = b.lengthS / b.share;
  return 2 / (ratePerS * cycleS) > MAX_SWITCHES_PER_ARRIVAL;
}

/**
 * The two-state MMPP with long-run mean rate `ratePerS` and the given bursts: rates b and factor x b, where
 * b = rate / (1 - share + share x factor), and mean dwell times length x (1 - share) / share between bursts and
 * length in a burst (so the stationary share of time in bursts is `share`); Poisson at the rate when the bursts
 * average out (burstsAverageOut).
 */
export function burstyArrivals(ratePerS: number, b: BurstShape): ArrivalProcess {
  if (burstsAverageOut(ratePerS, b)) return { kind: 'poisson', ratePerS };
  const base = ratePerS / (1 - b.share + b.share * b.factor);
  return {
    kind: 'mmpp',
    ratesPerS: [base, base * b.factor],
    meanDwellS: [(b.lengthS * (1 - b.share)) / b.share, b.lengthS],
  };
}

export interface PathGroup {
  share: number;
  /** Network time of every request of the group, seconds. */
  networkS: number;
  /** Extra time of a write (quorum round trip), seconds. */
  writeExtraS: number;
  writeFraction: number;
}

/**
 * One part of a random sum of service times (distribution 'sum'): `calls` calls, each made with probability
 * `reachProbability`, each taking a service time of mean meanS and coefficient of variation cv (exponential at cv 1,
 * deterministic at cv 0, else gamma: defaultServiceDistribution).
 */
export interface ServicePart {
  meanS: number;
  cv: number;
  calls: number;
  reachProbability: number;
}

/**
 * A service-time distribution. 'sum': the sum of `parts` (a request whose work is several calls on the same CPUs, as
 * co-located tiers are); meanS and cv are then the sum's (tierDemand.ts) and only describe it.
 */
export interface ServiceSpec {
  distribution: ServiceDistribution;
  meanS: number;
  cv: number;
  parts?: ServicePart[];
}

/** A JSON-serialisable description of what to simulate (it is posted to worker threads). */
export interface RequestSimConfig {
  nodes: number;
  serversPerNode: number;
  service: ServiceSpec;
  arrivals: ArrivalProcess;
  balancer: Balancer;
  fanout: number;
  /** User groups; empty: response time of the queue alone. */
  groups: PathGroup[];
  /** Also record each group's response times (RequestChunk.groups); default false. */
  perGroup?: boolean;
}

/** One user group's response times in a chunk (with RequestSimConfig.perGroup). */
export interface GroupChunk {
  /** Histogram counts (histogram.ts layout). */
  counts: Float64Array;
}

export interface RequestChunk {
  index: number;
  customers: number;
  sum: number;
  mean: number;
  p50: number;
  p99: number;
  p999: number;
  /** Histogram counts (histogram.ts layout). */
  counts: Float64Array;
  /** Per user group, in the order of config.groups, when config.perGroup. */
  groups?: GroupChunk[];
}

export interface SimulatedResponse {
  customers: number;
  chunks: number;
  /** Customers discarded at the start of each section (replication) before recording; 0 when not known. */
  warmupPerSection: number;
  /** Whether the warm-up was capped (WARMUP_CAP_SECTIONS sections' worth) below the relaxation times it asks for. */
  warmupCapped: boolean;
  /** What makes the intervals less than honest at this load (intervalWarnings), with the customers that would not. */
  warnings: string[];
  meanResponseS: number;
  p50S: number;
  p99S: number;
  p999S: number;
  ci95: { meanResponseS: [number, number]; p99S: [number, number] };
  method: string;
}

export const METHOD_REQUESTS =
  "discrete-event simulation, independent replications (warm-up discarded), quantiles from a log histogram (0.1% relative accuracy), 95% intervals by sectioning: the mean's Student t over the replications' means, a quantile's by the replications' fractions at or below the pooled quantile (Student t on their ratio estimate) inverted through the pooled histogram";

/** Service-time sampler parameters, precomputed once. */
export interface ServiceSampler {
  kind: 0 | 1 | 2 | 3 | 4;
  mean: number;
  /** lognormal: mu, sigma; gamma: shape d = k - 1/3 (or k + 2/3 for k < 1), c = 1/sqrt(9d), scale, 1/k. */
  a: number;
  b: number;
  c: number;
  d: number;
  boost: boolean;
  /** 'sum': the parts' samplers, calls and reach probabilities. */
  parts?: ServiceSampler[];
  calls?: Int32Array;
  reach?: Float64Array;
}

export function serviceSampler(s: ServiceSpec): ServiceSampler {
  const { meanS, cv } = s;
  switch (s.distribution) {
    case 'sum': {
      const parts = s.parts ?? [];
      if (parts.length === 0) throw new RangeError("a 'sum' service needs parts");
      for (const p of parts) {
        if (!(Number.isInteger(p.calls) && p.calls >= 0 && p.reachProbability >= 0 && p.reachProbability <= 1)) {
          throw new RangeError('a service part needs an integer calls >= 0 and a reach probability in [0, 1]');
        }
      }
      return {
        kind: 4,
        mean: meanS,
        a: 0,
        b: 0,
        c: 0,
        d: 0,
        boost: false,
        parts: parts.map((p) =>
          serviceSampler({ distribution: defaultServiceDistribution(p.cv), meanS: p.meanS, cv: p.cv }),
        ),
        calls: Int32Array.from(parts.map((p) => p.calls)),
        reach: Float64Array.from(parts.map((p) => p.reachProbability)),
      };
    }
    case 'exponential':
      return { kind: 0, mean: meanS, a: 0, b: 0, c: 0, d: 0, boost: false };
    case 'deterministic':
      return { kind: 1, mean: meanS, a: 0, b: 0, c: 0, d: 0, boost: false };
    case 'lognormal': {
      const sigma2 = Math.log1p(cv * cv);
      return { kind: 2, mean: meanS, a: Math.log(meanS) - sigma2 / 2, b: Math.sqrt(sigma2), c: 0, d: 0, boost: false };
    }
    case 'gamma': {
      if (cv === 0) return { kind: 1, mean: meanS, a: 0, b: 0, c: 0, d: 0, boost: false };
      const k = 1 / (cv * cv);
      const boost = k < 1;
      const d = (boost ? k + 1 : k) - 1 / 3;
      return { kind: 3, mean: meanS, a: meanS / k, b: 1 / k, c: 1 / Math.sqrt(9 * d), d, boost };
    }
  }
}

/**
 * One service time. Gamma by Marsaglia & Tsang (2000), with the U^(1/k) boost for shape k < 1. A sum: for each part
 * in order, each of its calls made when a uniform draw falls below its reach probability (no draw when it is 1), each
 * made call one draw of the part's distribution.
 */
export function sampleService(s: ServiceSampler, rng: Stream): number {
  switch (s.kind) {
    case 0:
      return rng.exponential(s.mean);
    case 1:
      return s.mean;
    case 2:
      return Math.exp(s.a + s.b * rng.normal());
    case 4: {
      const parts = s.parts as ServiceSampler[];
      const calls = s.calls as Int32Array;
      const reach = s.reach as Float64Array;
      let total = 0;
      for (let p = 0; p < parts.length; p++) {
        const q = reach[p] as number;
        const n = calls[p] as number;
        const part = parts[p] as ServiceSampler;
        for (let k = 0; k < n; k++) if (q >= 1 || rng.uniform() < q) total += sampleService(part, rng);
      }
      return total;
    }
    default: {
      for (;;) {
        let x: number;
        let v: number;
        do {
          x = rng.normal();
          v = 1 + s.c * x;
        } while (v <= 0);
        v = v * v * v;
        const u = rng.uniform();
        const x2 = x * x;
        if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + s.d * (1 - v + Math.log(v))) {
          const g = s.d * v * s.a;
          return s.boost ? g * rng.uniform() ** s.b : g;
        }
      }
    }
  }
}

/** Mutable arrival-process state of one chunk. */
export class Arrivals {
  private state = 0;
  private switchAt = 0;
  constructor(
    private readonly p: ArrivalProcess,
    private readonly rng: Stream,
  ) {
    if (p.kind === 'mmpp') {
      // start in a state drawn from the stationary distribution (time shares of the dwell means)
      const [d0, d1] = p.meanDwellS;
      this.state = rng.uniform() < d0 / (d0 + d1) ? 0 : 1;
      this.switchAt = rng.exponential(p.meanDwellS[this.state] as number);
    }
  }

  /** The mean gap between Poisson arrivals (next(t) is t + an exponential of that mean), 0 for other processes. */
  poissonMeanGapS(): number {
    return this.p.kind === 'poisson' ? 1 / this.p.ratePerS : 0;
  }

  /** The next arrival time after t. */
  next(t: number): number {
    const p = this.p;
    if (p.kind === 'poisson') return t + this.rng.exponential(1 / p.ratePerS);
    if (p.kind === 'mmpp') {
      for (;;) {
        const rate = p.ratesPerS[this.state] as number;
        const candidate = rate > 0 ? t + this.rng.exponential(1 / rate) : Number.POSITIVE_INFINITY;
        if (candidate <= this.switchAt) return candidate;
        // memoryless: restart from the switch in the other state
        t = this.switchAt;
        this.state = 1 - this.state;
        this.switchAt = t + this.rng.exponential(p.meanDwellS[this.state] as number);
      }
    }
    // diurnal: thinning (Lewis & Shedler 1979) under the peak rate
    const peak = p.meanRatePerS * (1 + p.amplitude);
    for (;;) {
      t += this.rng.exponential(1 / peak);
      const rate = p.meanRatePerS * (1 + p.amplitude * Math.sin((2 * Math.PI * t) / p.periodS));
      if (this.rng.uniform() * peak <= rate) return t;
    }
  }
}

/** Per-node min-heaps of completion times of the jobs in system (for the queue-length balancers). */
export class InSystem {
  private cap: number;
  private heap: Float64Array;
  readonly size: Int32Array;
  constructor(private readonly nodes: number) {
    this.cap = 16;
    this.heap = new Float64Array(nodes * this.cap);
    this.size = new Int32Array(nodes);
  }

  /** Number of jobs at node n still in system at time t (drops those done by t). */
  count(n: number, t: number): number {
    const h = this.heap;
    const base = n * this.cap;
    let size = this.size[n] as number;
    while (size > 0 && (h[base] as number) <= t) {
      size -= 1;
      replaceRoot(h, base, size, h[base + size] as number);
    }
    this.size[n] = size;
    return size;
  }

  push(n: number, done: number): void {
    const size = this.size[n] as number;
    if (size === this.cap) this.grow();
    pushValue(this.heap, n * this.cap, size, done);
    this.size[n] = size + 1;
  }

  /** Doubles every node's capacity (rare: amortised O(1) per job). */
  private grow(): void {
    const cap = this.cap * 2;
    const next = new Float64Array(this.nodes * cap);
    for (let n = 0; n < this.nodes; n++) next.set(this.heap.subarray(n * this.cap, n * this.cap + this.cap), n * cap);
    this.heap = next;
    this.cap = cap;
  }
}

/**
 * Jobs in system per node for the queue-length balancers, kept eagerly: the completions of every node's jobs in one
 * calendar queue (completionCalendar.ts: one bucket per mean gap between sub-requests, a ring of at least 64 buckets
 * per node; a binary heap of (time, node) before, whose sifts were most of least-loaded's cost), integer counts per
 * node, and, per count, a bit set of the nodes holding that many, with the least count
 * kept. advance(t) removes the jobs done by t (done <= t, as InSystem.count does), so after it counts[n] is
 * InSystem.count(n, t) for every node: the same figures, since t never decreases (jobs arrive, and a system of tiers
 * handles its events, in time order; InSystem's lazy drops then remove the same jobs). The least-loaded pick is the
 * first node from `start` (cyclically) among those with the least count, which is what the scan from `start` finds
 * (it keeps the first strictly smaller count): a word-by-word search of one bit set instead of a pass over every node
 * (issue 18: the pass over every node cost 1,412 ns per customer at 100 nodes; this search about 215 ns, in process,
 * 2026-12-07; bench/results.md's dispatch section has the whole process's figure). A drain hands back the jobs done by t
 * in no set order: the counts, bit sets and least count after it are the same whatever the order.
 */
export class LoadCounts {
  readonly counts: Int32Array;
  private readonly calendar: CompletionCalendar;
  /** The nodes of the jobs a drain found done (room for every job held). */
  private due = new Int32Array(64);
  /** Words of a bit set of nodes. */
  private readonly words: number;
  /** levels[c * words + w]: bit set of the nodes with c jobs. */
  private levels: Int32Array;
  private levelSize: Int32Array;
  private least = 0;
  private lastT = Number.NEGATIVE_INFINITY;
  /** advance(t) and push(node, t)'s t, for advanceTo and pushAt. */
  private readonly scratch = new Float64Array(1);

  /**
   * `meanGapS`: the mean time between the jobs placed (the calendar's bucket width; any positive value gives the same
   * counts, a good one O(1) work per job); `servers`: the servers of all nodes (the ring covers 64 x max(nodes,
   * servers / 8) buckets, between 1,024 and 2^20).
   */
  constructor(nodes: number, meanGapS = 1e-3, servers = nodes) {
    this.calendar = new CompletionCalendar(
      meanGapS,
      Math.min(2 ** 20, Math.max(1024, 64 * Math.max(nodes, Math.ceil(servers / 8)))),
    );
    this.counts = new Int32Array(nodes);
    this.words = (nodes + 31) >>> 5;
    this.levels = new Int32Array(8 * this.words);
    this.levelSize = new Int32Array(8);
    for (let n = 0; n < nodes; n++) this.levels[n >>> 5] = (this.levels[n >>> 5] as number) | (1 << (n & 31));
    this.levelSize[0] = nodes;
  }

  /** Removes the jobs done by t; t must not decrease from one call to the next. */
  advance(t: number): void {
    this.scratch[0] = t;
    this.advanceTo(this.scratch, 0);
  }

  /**
   * advance(times[i]): the time read from a typed array, so that no double crosses the call (a call the compiler
   * does not inline boxes its double arguments: an allocation per request in the simulators' loops, issue 18).
   */
  advanceTo(times: Float64Array, i: number): void {
    const t = times[i] as number;
    if (t < this.lastT) throw new RangeError(`LoadCounts: time went back from ${this.lastT} to ${t}`);
    this.lastT = t;
    const due = this.due;
    const n = this.calendar.drainDueAt(times, i, due);
    for (let k = 0; k < n; k++) this.move(due[k] as number, -1);
  }

  /** A job placed on `node` leaves it at `done`. */
  push(node: number, done: number): void {
    this.scratch[0] = done;
    this.pushAt(node, this.scratch, 0);
  }

  /** push(node, times[i]), the time read from a typed array (as advanceTo). */
  pushAt(node: number, times: Float64Array, i: number): void {
    if (this.calendar.size === this.due.length) {
      const due = new Int32Array(2 * this.due.length);
      this.due = due;
    }
    this.calendar.pushAt(times, i, node);
    this.move(node, 1);
  }

  /** The first node from `start`, cyclically, with the least count. */
  firstLeast(start: number): number {
    const W = this.words;
    const base = this.least * W;
    const levels = this.levels;
    const w0 = start >>> 5;
    // the start's word from its bit on, the following words, then the words before it and the start's word's low bits
    let bits = (levels[base + w0] as number) & (-1 << (start & 31));
    if (bits !== 0) return (w0 << 5) + (31 - Math.clz32(bits & -bits));
    for (let w = w0 + 1; w < W; w++) {
      bits = levels[base + w] as number;
      if (bits !== 0) return (w << 5) + (31 - Math.clz32(bits & -bits));
    }
    for (let w = 0; w <= w0; w++) {
      bits = levels[base + w] as number;
      if (bits !== 0) return (w << 5) + (31 - Math.clz32(bits & -bits));
    }
    throw new Error('LoadCounts: no node at the least count');
  }

  /** Node n's count changes by `by` (+1 or -1): its bit moves to the next level, and the least count follows. */
  private move(n: number, by: 1 | -1): void {
    const c = this.counts[n] as number;
    const to = c + by;
    if (to >= this.levelSize.length) {
      const levels = new Int32Array(this.levels.length * 2);
      levels.set(this.levels);
      this.levels = levels;
      const sizes = new Int32Array(this.levelSize.length * 2);
      sizes.set(this.levelSize);
      this.levelSize = sizes;
    }
    const W = this.words;
    const word = n >>> 5;
    const bit = 1 << (n & 31);
    const levels = this.levels;
    levels[c * W + word] = (levels[c * W + word] as number) & ~bit;
    levels[to * W + word] = (levels[to * W + word] as number) | bit;
    this.levelSize[c] = (this.levelSize[c] as number) - 1;
    this.levelSize[to] = (this.levelSize[to] as number) + 1;
    this.counts[n] = to;
    if (to < this.least) this.least = to;
    else if (c === this.least && this.levelSize[c] === 0) this.least = to;
  }
}

/**
 * A balancer's choice of node for each job, in arrival order: random, round-robin, power-of-two choices (the node with
 * fewer jobs in system of two drawn at random) or least-loaded (join the shortest queue; ties go to the first found
 * from a random start). The queue-length policies keep the completion times of the jobs placed (placed()).
 */
export class NodePicker {
  /** [the arrival time of pickAt, the time placedAt's job is done], set by the caller. */
  readonly times = new Float64Array(2);
  private rr = 0;
  /** Least-loaded: every node's count at each arrival (LoadCounts). */
  private readonly loads: LoadCounts | null;
  /** Power-of-two: two nodes' counts at each arrival, read lazily (InSystem; LoadCounts' eager upkeep costs more). */
  private readonly inSystem: InSystem | null;

  /** `meanGapS` and `servers`: the jobs' mean gap and the servers of all nodes, for least-loaded (LoadCounts). */
  constructor(
    private readonly nodes: number,
    private readonly policy: Balancer,
    meanGapS?: number,
    servers?: number,
  ) {
    this.loads = nodes > 1 && policy === 'least-loaded' ? new LoadCounts(nodes, meanGapS, servers) : null;
    this.inSystem = nodes > 1 && policy === 'power-of-two' ? new InSystem(nodes) : null;
  }

  /** The node of a job arriving at t (no draw with one node). */
  pick(rng: Stream, t: number): number {
    this.times[0] = t;
    return this.pickAt(rng);
  }

  /**
   * pick(rng, times[0]): the arrival time set in `times` by the caller, so that no double crosses a call (a call the
   * compiler does not inline boxes its double arguments: issue 18).
   */
  pickAt(rng: Stream): number {
    const t = this.times[0] as number;
    const N = this.nodes;
    if (N <= 1) return 0;
    const policy = this.policy;
    if (policy === 'random') return rng.below(N);
    if (policy === 'round-robin') {
      const node = this.rr;
      this.rr = node + 1 === N ? 0 : node + 1;
      return node;
    }
    if (policy === 'power-of-two') {
      const inSystem = this.inSystem as InSystem;
      const a = rng.below(N);
      let b = rng.below(N - 1);
      if (b >= a) b += 1;
      return inSystem.count(b, t) < inSystem.count(a, t) ? b : a;
    }
    const loads = this.loads as LoadCounts;
    const start = rng.below(N);
    loads.advanceTo(this.times, 0);
    return loads.firstLeast(start);
  }

  /** A job placed on `node` leaves it at `done`. */
  placed(node: number, done: number): void {
    this.times[1] = done;
    this.placedAt(node);
  }

  /** placed(node, times[1]), the time set in `times` by the caller (as pickAt). */
  placedAt(node: number): void {
    if (this.loads !== null) this.loads.pushAt(node, this.times, 1);
    else if (this.inSystem !== null) this.inSystem.push(node, this.times[1] as number);
  }
}

/**
 * Simulates chunk `index`: `warmup` customers discarded, then `customers` recorded.
 * @throws RangeError for an invalid configuration (the caller validates user input first)
 */
export function simulateRequestsChunk(
  config: RequestSimConfig,
  customers: number,
  warmup: number,
  seed: number,
  index: number,
): RequestChunk {
  const rng = streamFor(seed, index);
  const N = config.nodes;
  const v = config.serversPerNode;
  const K = config.fanout;
  if (!(N >= 1 && v >= 1 && K >= 1)) throw new RangeError('nodes, serversPerNode and fanout must be >= 1');
  const service = serviceSampler(config.service);
  const arrivals = new Arrivals(config.arrivals, rng);
  // the sub-requests' mean gap: K of them per request
  const picker = new NodePicker(N, config.balancer, 1 / (K * meanRatePerS(config.arrivals)), N * v);
  const groups = config.groups;
  const G = groups.length;
  const cumulative = new Float64Array(G);
  let acc = 0;
  for (let g = 0; g < G; g++) {
    acc += (groups[g] as PathGroup).share;
    cumulative[g] = acc;
  }
  const hist = new LogHistogram();
  const groupHists = config.perGroup === true ? groups.map(() => new LogHistogram()) : null;
  if (N === 1 && K === 1 && G === 0 && config.arrivals.kind === 'poisson' && service.kind === 0) {
    // the commonest case (`capplan queue`'s M/M/c) in its own loop (mmc.ts): the same draws and operations as the
    // general one
    mmcRecord(rng, v, 1 / config.arrivals.ratePerS, service.mean, warmup, customers, hist);
  } else {
    const free = new Float64Array(N * v); // the M/M/c loop keeps its own
    const c = { rng, arrivals, picker, service, free, v, K, groups, cumulative, acc, groupHists };
    generalRecord(c, warmup, customers, hist);
  }
  return {
    ...chunkOf(hist, index),
    ...(groupHists !== null ? { groups: groupHists.map((h) => ({ counts: h.counts })) } : {}),
  };
}

/** What the general loop works with (simulateRequestsChunk sets it up). */
interface LoopState {
  rng: Stream;
  arrivals: Arrivals;
  picker: NodePicker;
  service: ServiceSampler;
  /** Per node, its v servers' free times, a min-heap. */
  free: Float64Array;
  v: number;
  K: number;
  groups: PathGroup[];
  /** Cumulative shares of the groups, and their total. */
  cumulative: Float64Array;
  acc: number;
  groupHists: LogHistogram[] | null;
}

/** Any configuration's chunk: `warmup` customers discarded, then `customers` recorded in `hist` (and groupHists). */
function generalRecord(c: LoopState, warmup: number, customers: number, hist: LogHistogram): void {
  const { rng, arrivals, picker, service, free, v, K, groups, cumulative, acc, groupHists } = c;
  const G = groups.length;
  const discarded = new LogHistogram();
  let t = 0;
  const total = warmup + customers;
  // the commonest case written out in the loop (the same operations as Arrivals.next and sampleService, so the same
  // draws and results): Poisson arrivals and exponential service, each draw a standard exponential written into
  // `draw` by fillExponentials and scaled here (exponential(mean) is that draw times the mean). No double crosses a
  // call: exponential() returned one, boxed (an allocation) wherever the compiler did not inline it, and this loop
  // has more calls than its budget for inlining (issue 18: 160 bytes allocated per request at 100 nodes)
  const meanGapS = arrivals.poissonMeanGapS();
  const exponentialMean = service.kind === 0 ? service.mean : 0;
  const draw = new Float64Array(1);
  // the picker's times, written here and read by pickAt and placedAt (no double crosses those calls either)
  const pickerTimes = picker.times;
  for (let i = 0; i < total; i++) {
    if (meanGapS > 0) {
      rng.fillExponentials(draw, 1);
      t += (draw[0] as number) * meanGapS;
    } else t = arrivals.next(t);
    let slowest = 0;
    for (let k = 0; k < K; k++) {
      pickerTimes[0] = t;
      const node = picker.pickAt(rng);
      // FCFS on the node's earliest-free server: replace the heap root and sift down
      const base = node * v;
      const free0 = free[base] as number;
      let serviceS: number;
      if (exponentialMean > 0) {
        rng.fillExponentials(draw, 1);
        serviceS = (draw[0] as number) * exponentialMean;
      } else serviceS = sampleService(service, rng);
      const done = Math.max(t, free0) + serviceS;
      replaceRoot(free, base, v, done);
      pickerTimes[1] = done;
      picker.placedAt(node);
      const sojourn = done - t;
      if (sojourn > slowest) slowest = sojourn;
    }
    let response = slowest;
    let g = 0;
    if (G > 0) {
      if (G > 1) {
        const u = rng.uniform() * acc;
        while (g < G - 1 && u > (cumulative[g] as number)) g++;
      }
      const path = groups[g] as PathGroup;
      response += path.networkS;
      if (path.writeFraction > 0 && rng.uniform() < path.writeFraction) response += path.writeExtraS;
    }
    // the warm-up is binned too, into a histogram thrown away: the loop then runs the same calls from its first
    // customer, so the optimising compiler (which compiles it while still in the warm-up) sees them all, instead of
    // compiling it without them and throwing that code away when the recording starts
    const b = bucketOf(response);
    const recording = i >= warmup;
    (recording ? hist : discarded).addAt(b, response);
    if (groupHists !== null) (recording ? (groupHists[g] as LogHistogram) : discarded).addAt(b, response);
  }
}

/** A chunk's figures from its histogram of response times. */
export function chunkOf(h: LogHistogram, index: number): RequestChunk {
  const [p50, p99, p999] = h.quantiles([0.5, 0.99, 0.999]) as [number, number, number];
  return { index, customers: h.count, sum: h.sum, mean: h.mean(), p50, p99, p999, counts: h.counts };
}

/**
 * 95% interval by sectioning (Asmussen & Glynn 2007, *Stochastic Simulation*, III.5a): centred on the estimate from
 * the whole sample, with the spread of the chunks' own estimates, t(0.975, chunks - 1) s / sqrt(chunks). Centring
 * on the whole sample avoids the small-sample bias of an estimate from each short chunk.
 */
function interval(center: number, values: readonly number[]): [number, number] {
  if (values.length < 2) return [center, center];
  const half = sectioningHalfWidth(values);
  return [center - half, center + half];
}

/**
 * 95% interval of the p-quantile of a population simulated in sections (each section's histogram counts), valid for
 * skewed and correlated data within a section (Asmussen & Glynn 2007, III.5a applied to the indicator 1{X <= q}): at
 * the pooled quantile q of bucket b, section i has a_i of its n_i values at or below q; the pooled fraction
 * F = sum a / sum n has the ratio estimator's half-width t(0.975, k - 1) sqrt(sum (a_i - F n_i)^2 / (k (k - 1))) / n-bar
 * over the k sections with values; the interval is the pooled histogram's quantiles at p - h and p + h (the set of q
 * whose fraction the sections cannot tell from p), widened by the histogram's relative accuracy. Where p + h >= 1 the
 * upper end is the largest value simulated (the sections cannot bound it). A section's own quantile, used before,
 * is biased and skewed on a short section: those intervals sat below the exact value at heavy load. `sectionSizes`:
 * each section's number of values, when the caller knows them (saves counting the buckets above q).
 */
export function sectionedQuantileInterval(
  merged: LogHistogram,
  sections: readonly Float64Array[],
  p: number,
  sectionSizes?: readonly number[],
): [number, number] {
  const q = merged.quantile(p);
  if (!(merged.count > 0)) return [q, q];
  const b = bucketOf(q);
  const below: number[] = [];
  const sizes: number[] = [];
  for (let s = 0; s < sections.length; s++) {
    const counts = sections[s] as Float64Array;
    // a: the section's values at or below q (buckets 0..b); n: all of them (given, or counted on)
    let a = 0;
    for (let i = 0; i <= b; i++) a += counts[i] as number;
    let n = a;
    if (sectionSizes !== undefined) n = sectionSizes[s] as number;
    else for (let i = b + 1; i < counts.length; i++) n += counts[i] as number;
    if (n > 0) {
      below.push(a);
      sizes.push(n);
    }
  }
  const k = below.length;
  if (k < 2) return [q * (1 - RELATIVE_ACCURACY), q * (1 + RELATIVE_ACCURACY)];
  const total = sizes.reduce((x, y) => x + y, 0);
  const f = below.reduce((x, y) => x + y, 0) / total;
  let ss = 0;
  for (let i = 0; i < k; i++) ss += ((below[i] as number) - f * (sizes[i] as number)) ** 2;
  const h = (tQuantile975(k - 1) * Math.sqrt(ss / (k * (k - 1)))) / (total / k);
  const lo = p - h > 0 ? merged.quantile(p - h) : merged.quantile(0);
  const hi = p + h < 1 ? merged.quantile(p + h) : merged.quantile(1);
  return [Math.min(lo, q) * (1 - RELATIVE_ACCURACY), Math.max(hi, q) * (1 + RELATIVE_ACCURACY)];
}

/**
 * The p99 of one population simulated in chunks (each chunk's histogram of it, in chunk order): the point estimate
 * from all chunks together, the 95% interval by sectionedQuantileInterval over the chunks. Chunks without a customer
 * of the population are left out of the interval.
 */
export function combineP99(parts: readonly Float64Array[]): {
  customers: number;
  /** Chunks with at least one customer of the population (the interval's sample size). */
  chunks: number;
  p99S: number;
  ci95: [number, number];
} {
  const merged = new LogHistogram();
  let chunks = 0;
  for (const counts of parts) {
    const h = new LogHistogram(counts);
    merged.merge(h);
    if (h.count > 0) chunks += 1;
  }
  const p99S = merged.quantile(0.99);
  return { customers: merged.count, chunks, p99S, ci95: sectionedQuantileInterval(merged, parts, 0.99) };
}

/**
 * Point estimates from the merged histogram; intervals from the chunks (combined in index order). `plan`: how the
 * chunks were made (their warm-up, and the warnings intervalWarnings finds); without it those are unknown (0, none).
 */
export function combineRequests(chunks: readonly RequestChunk[], plan?: ChunkPlan): SimulatedResponse {
  const ordered = [...chunks].sort((a, b) => a.index - b.index);
  const merged = new LogHistogram();
  for (const c of ordered) merged.merge(new LogHistogram(c.counts, c.sum, c.customers));
  const customers = merged.count;
  const meanResponseS = merged.sum / customers;
  const [p50S, p99S, p999S] = merged.quantiles([0.5, 0.99, 0.999]) as [number, number, number];
  return {
    customers,
    chunks: ordered.length,
    warmupPerSection: plan?.warmup ?? 0,
    warmupCapped: plan?.warmupCapped ?? false,
    warnings: plan === undefined ? [] : intervalWarnings(plan),
    meanResponseS,
    p50S,
    p99S,
    p999S,
    ci95: {
      meanResponseS: interval(
        meanResponseS,
        ordered.map((c) => c.mean),
      ),
      p99S: sectionedQuantileInterval(
        merged,
        ordered.map((c) => c.counts),
        0.99,
        ordered.map((c) => c.customers),
      ),
    },
    method: METHOD_REQUESTS,
  };
}

/** How many independent queues share the arrivals (random and round-robin split them over the nodes). */
export function independentQueues(config: RequestSimConfig): number {
  return config.balancer === 'random' || config.balancer === 'round-robin' ? config.nodes : 1;
}

export interface ChunkPlan {
  chunks: number;
  perChunk: number;
  warmup: number;
  /**
   * Customers over which the slowest-relaxing queue forgets its state (relaxationCustomers), 0 when no utilisation
   * was given (then nothing is said about the intervals' honesty).
   */
  relaxation: number;
  /** The warm-up was capped at WARMUP_CAP_SECTIONS chunks' worth, below the WARMUP_RELAXATIONS it asks for. */
  warmupCapped: boolean;
}

/** Relaxation times discarded at the start of every chunk (each starts empty). */
export const WARMUP_RELAXATIONS = 5;
/** The most warm-up a chunk discards, in chunks' worth of customers. */
export const WARMUP_CAP_SECTIONS = 20;
/**
 * Relaxation times a section (chunk) must hold for its 95% intervals to cover: measured by coverage over 100 seeds
 * of exact M/M/c values (`npm run coverage`, README): M/M/32 at 95% load covered the p99 0.88 of the time with
 * sections of 67 relaxation times, 0.94 with 202, 0.97 with 675; M/M/1 at 95% 0.93 with 67. Shorter sections hold
 * too few independent excursions of the queue: their estimates are skewed, and t intervals over them too narrow.
 */
export const SECTION_RELAXATIONS = 200;

/**
 * The customers over which a queue at utilisation rho forgets where it started, relaxation time x arrival rate: an
 * M/M/c queue relaxes in 1 / (c mu (1 - sqrt(rho))^2) (Morse 1955; Abate & Whitt 1987), rho / (1 - sqrt(rho))^2 of
 * its customers, whatever c. `queues` independent queues sharing the arrivals need that many times more; a service
 * of coefficient of variation cv scales it by (1 + cv^2) / 2 (the heavy-traffic diffusion's variance, Kingman 1962;
 * APPROXIMATE). 0 for rho outside (0, 1).
 * @example relaxationCustomers(0.95) // 1481.76: 0.95 / (1 - sqrt(0.95))^2
 */
export function relaxationCustomers(rho: number, queues = 1, cv = 1): number {
  if (!(rho > 0 && rho < 1)) return 0;
  return ((queues * rho) / (1 - Math.sqrt(rho)) ** 2) * ((1 + cv * cv) / 2);
}

/**
 * How `customers` are split: 10 chunks (5 or 2 for small runs), each starting empty with a warm-up discarded: a tenth
 * of the chunk, at least 1,000 customers, and at least WARMUP_RELAXATIONS relaxation times of the busiest queue when
 * its utilisation rho is given (relaxationCustomers), capped at WARMUP_CAP_SECTIONS times the chunk. Depends only on
 * its arguments, never on the thread count.
 */
export function planChunks(
  customers: number,
  utilization?: number,
  fixedChunks?: number,
  queues = 1,
  arrivals?: ArrivalProcess,
  serviceCv = 1,
): ChunkPlan {
  const chunks = fixedChunks ?? (customers >= 20_000 ? 10 : customers >= 2_000 ? 5 : 2);
  const perChunk = Math.max(1, Math.ceil(customers / chunks));
  const relaxation = utilization === undefined ? 0 : relaxationCustomers(utilization, queues, serviceCv);
  // with the load known, the warm-up is WARMUP_RELAXATIONS relaxation times (at least 1,000); without it, a tenth of
  // the chunk (the relaxation time is unknown)
  let warmup = relaxation > 0 ? 1_000 : Math.max(1_000, Math.floor(perChunk / 10));
  let warmupCapped = false;
  if (relaxation > 0) {
    const wanted = Math.ceil(WARMUP_RELAXATIONS * relaxation);
    warmupCapped = wanted > WARMUP_CAP_SECTIONS * perChunk && wanted > warmup;
    warmup = Math.max(warmup, Math.min(WARMUP_CAP_SECTIONS * perChunk, wanted));
  }
  if (arrivals?.kind === 'mmpp') {
    // each chunk starts empty at a random point of the burst cycle, and a burst builds its backlog over its length:
    // at least two mean burst lengths of arrivals are discarded too (capped like the queue's own warm-up)
    const [d0, d1] = arrivals.meanDwellS;
    const meanRate = (arrivals.ratesPerS[0] * d0 + arrivals.ratesPerS[1] * d1) / (d0 + d1);
    warmup = Math.max(warmup, Math.min(WARMUP_CAP_SECTIONS * perChunk, Math.ceil(2 * d1 * meanRate)));
  }
  return { chunks, perChunk, warmup, relaxation, warmupCapped };
}

/**
 * A count for a sentence: 3 significant digits, with thousands separators (123,000; 1.48 million), as
 * toLocaleString('en-US') writes them; written out from 0.1 up, since the first toLocaleString of a process loads
 * its locale data (75 ms of a `capplan queue --simulate` that warns, issue 18).
 */
function count(n: number): string {
  if (n >= 1e6) return `${Number((n / 1e6).toPrecision(3))} million`;
  const v = Number(n.toPrecision(3));
  if (!(v >= 0.1)) return v.toLocaleString('en-US');
  // 3 significant digits from 0.1 up: at most 3 decimals below 1,000, an integer from 1,000
  return v >= 1000 ? String(v).replace(/\B(?=(\d{3})+$)/g, ',') : String(v);
}

/**
 * What keeps a plan's 95% intervals from being honest, each with what would: sections shorter than
 * SECTION_RELAXATIONS relaxation times (the customers to simulate instead: chunks x that many relaxation times, plus
 * nothing for the warm-up, which is discarded on top), and a capped warm-up. Empty when nothing is known (no
 * utilisation) or nothing is wrong.
 * @example intervalWarnings(planChunks(1_000_000, 0.5)) // []
 */
export function intervalWarnings(plan: ChunkPlan): string[] {
  const out: string[] = [];
  if (!(plan.relaxation > 0)) return out;
  const held = plan.perChunk / plan.relaxation;
  if (held < SECTION_RELAXATIONS) {
    const needed = plan.chunks * SECTION_RELAXATIONS * plan.relaxation;
    out.push(
      `95% intervals likely too narrow: at this load the queue forgets its state over about ${count(plan.relaxation)} customers, and each of the ${plan.chunks} sections holds ${held < 10 ? held.toPrecision(2) : Math.round(held)} such relaxation times, where intervals cover from about ${SECTION_RELAXATIONS}: simulate about ${count(needed)} customers`,
    );
  }
  if (plan.warmupCapped) {
    out.push(
      `warm-up capped at ${WARMUP_CAP_SECTIONS} sections' worth (${count(plan.warmup)} customers discarded per section, of the ${count(WARMUP_RELAXATIONS * plan.relaxation)} that ${WARMUP_RELAXATIONS} relaxation times ask): the figures may still lie low, as a queue that started empty does`,
    );
  }
  return out;
}

/** Runs every chunk in this thread, in order (the worker pool runs the same chunks in parallel). */
export function simulateRequests(
  config: RequestSimConfig,
  customers: number,
  seed: number,
  utilization?: number,
): SimulatedResponse {
  const plan = planChunks(
    customers,
    utilization,
    undefined,
    independentQueues(config),
    config.arrivals,
    config.service.cv,
  );
  const chunks: RequestChunk[] = [];
  for (let i = 0; i < plan.chunks; i++) chunks.push(simulateRequestsChunk(config, plan.perChunk, plan.warmup, seed, i));
  return combineRequests(chunks, plan);
}
