import { availableParallelism } from 'node:os';
import { approximationErrorText, approximationWarning } from '../../core/queueing/approximationError.js';
import { analyzeQueue, type QueueResult } from '../../core/queueing/index.js';
import type { BurstShape, RequestSimConfig, ServiceDistribution } from '../../core/sim/requests.js';
import { InputError } from '../../errors.js';
import { type CliIo, EXIT } from '../../io/io.js';
import { formatCount, formatDuration, formatPercent, formatRate, formatSig } from '../../units/format.js';
import { type ParsedArgs, ProblemList } from '../args.js';
import { runCalculatorJsonl } from '../calculatorJsonl.js';
import { keyValues, writeJson } from '../output.js';
import { progressBar } from '../progress.js';
import { flagChoice, flagQuantity, flagText, seedFlag, threadsFlag } from '../values.js';

/**
 * The simulator and its worker pool, loaded only when --simulate asks for them (a queue without a simulation starts
 * without them: issue 18's start-up).
 */
async function loadSimulator() {
  const [requests, pool] = await Promise.all([
    import('../../core/sim/requests.js'),
    import('../../simWorkers/pool.js'),
  ]);
  return { ...requests, runChunks: pool.runChunks };
}
type Simulator = Awaited<ReturnType<typeof loadSimulator>>;

/** `capplan queue`: JSON fields per the contract (times in ms, rates per second); `--jsonl`: one queue per line. */
export async function run(args: ParsedArgs, io: CliIo): Promise<number> {
  if (args.flags.has('jsonl')) {
    const { queueSpec } = await import('../specs.js');
    return runCalculatorJsonl(args, io, queueSpec, async (a) => {
      const { result, simulated } = await evaluate(a, io);
      return simulated === null ? toJson(result) : { ...toJson(result), simulated };
    });
  }
  const { result, simulated } = await evaluate(args, io);
  if (args.flags.has('json')) writeJson(io, simulated === null ? toJson(result) : { ...toJson(result), simulated });
  else io.stdout.write(toText(result) + (simulated === null ? '' : simulatedText(simulated)));
  return EXIT.ok;
}

/** The queue of the flags, and its simulation when --simulate asks for one. */
async function evaluate(
  args: ParsedArgs,
  io: CliIo,
): Promise<{ result: QueueResult; simulated: SimulatedJson | null }> {
  const problems = new ProblemList();
  const servers = problems.attempt(
    () => flagQuantity(args, 'servers', 'count', { min: 1, max: 1_000_000, integer: true, example: '8' }),
    1,
  );
  const arrivalRatePerS = problems.attempt(() => flagQuantity(args, 'rate', 'rate', { min: 0, example: '1200/s' }), 0);
  const serviceTimeS = problems.attempt(
    () => flagQuantity(args, 'service', 'duration', { min: 0, minExclusive: true, example: '5ms' }),
    1,
  );
  const serviceTimeCv = problems.attempt(
    () => flagQuantity(args, 'cv', 'number', { min: 0, max: 100, example: '1.5', fallback: 1 }),
    1,
  );
  const fanout = problems.attempt(
    () => flagQuantity(args, 'fanout', 'count', { min: 1, max: 10_000, integer: true, example: '4', fallback: 1 }),
    1,
  );
  const lib = args.flags.has('simulate') ? await loadSimulator() : null;
  const sim = lib !== null ? problems.attempt(() => simulationFlags(lib, args, serviceTimeCv), null) : null;
  if (!args.flags.has('simulate')) {
    for (const flag of SIMULATION_ONLY) {
      if (args.flags.has(flag)) {
        problems.add(
          new InputError(`--${flag}`, flagText(args, flag), '--simulate N as well (it sets the simulation)'),
        );
      }
    }
  }
  problems.throwIfAny();

  const result = analyzeQueue({ servers, arrivalRatePerS, serviceTimeS, serviceTimeCv, fanout });
  let simulated: SimulatedJson | null = null;
  if (sim !== null) {
    if (!result.stable) {
      simulated = { skipped: 'unstable queue (utilization >= 1): no steady state to simulate' };
    } else {
      const config: RequestSimConfig = {
        nodes: 1,
        serversPerNode: servers,
        service: { distribution: sim.distribution, meanS: serviceTimeS, cv: serviceTimeCv },
        arrivals: sim.bursts
          ? (lib as Simulator).burstyArrivals(arrivalRatePerS, sim.bursts)
          : { kind: 'poisson', ratePerS: arrivalRatePerS },
        balancer: 'random',
        fanout,
        groups: [],
      };
      const { planChunks, runChunks, combineRequests } = lib as Simulator;
      const plan = planChunks(sim.customers, result.utilization, undefined, 1, config.arrivals, serviceTimeCv);
      const bar = progressBar(io.stderr, 'simulating');
      const chunks = await runChunks(
        { kind: 'requests', config, perChunk: plan.perChunk, warmup: plan.warmup, seed: sim.seed },
        plan.chunks,
        {
          threads: sim.threads,
          ...(io.simWorkerUrl ? { workerUrl: io.simWorkerUrl } : {}),
          onProgress: (d, t) => bar.update(d, t),
        },
      );
      bar.end();
      const s = combineRequests(chunks, plan);
      simulated = {
        customers: s.customers,
        seed: sim.seed,
        distribution: sim.distribution,
        meanResponseMs: s.meanResponseS * 1000,
        p50Ms: s.p50S * 1000,
        p99Ms: s.p99S * 1000,
        p999Ms: s.p999S * 1000,
        ci95: {
          meanResponseMs: [s.ci95.meanResponseS[0] * 1000, s.ci95.meanResponseS[1] * 1000],
          p99Ms: [s.ci95.p99S[0] * 1000, s.ci95.p99S[1] * 1000],
        },
        chunks: s.chunks,
        warmup: { customersPerSection: s.warmupPerSection, capped: s.warmupCapped },
        warnings: s.warnings,
        ...(sim.bursts ? { bursts: sim.bursts } : {}),
        method: `${s.method}${fanout > 1 ? '; the K sub-requests of a request arrive together (batch), not independently' : ''}${sim.bursts ? burstsMethod(lib as Simulator, sim.bursts, arrivalRatePerS) : ''}`,
      };
    }
  }
  return { result, simulated };
}

type SimulatedJson =
  | { skipped: string }
  | {
      customers: number;
      seed: number;
      distribution: ServiceDistribution;
      meanResponseMs: number;
      p50Ms: number;
      p99Ms: number;
      p999Ms: number;
      ci95: { meanResponseMs: [number, number]; p99Ms: [number, number] };
      chunks: number;
      /** Customers discarded at the start of each of the `chunks` sections, and whether that was capped. */
      warmup: { customersPerSection: number; capped: boolean };
      /** What keeps the intervals from being honest at this load, and how many customers would (intervalWarnings). */
      warnings: string[];
      /** --burst-factor, --burst-share and --burst-length, when given. */
      bursts?: BurstShape;
      method: string;
    };

/** Flags that only mean something with --simulate. */
const SIMULATION_ONLY = ['seed', 'threads', 'dist', 'burst-factor', 'burst-share', 'burst-length'] as const;
const BURST_FLAGS = ['burst-factor', 'burst-share', 'burst-length'] as const;

/** Largest simulation accepted (about a minute and a half on one core; memory does not grow with it). */
export const MAX_SIMULATED_CUSTOMERS = 1_000_000_000;
const DISTRIBUTIONS: readonly ServiceDistribution[] = ['exponential', 'deterministic', 'gamma', 'lognormal'];

/** Worker threads pay off above a few million customers (starting one costs about 30 ms). */
export function defaultThreads(customers: number): number {
  return customers >= 4_000_000 ? availableParallelism() : 1;
}

function simulationFlags(lib: Simulator, args: ParsedArgs, cv: number) {
  const problems = new ProblemList();
  const customers = problems.attempt(
    () =>
      flagQuantity(args, 'simulate', 'count', {
        min: 1,
        max: MAX_SIMULATED_CUSTOMERS,
        integer: true,
        example: '1000000',
      }),
    1,
  );
  const seed = problems.attempt(() => seedFlag(args), 1);
  const threads = problems.attempt(() => threadsFlag(args, defaultThreads(customers)), 1);
  const distribution = problems.attempt(
    () => flagChoice(args, 'dist', DISTRIBUTIONS, lib.defaultServiceDistribution(cv)),
    lib.defaultServiceDistribution(cv),
  );
  if (distribution === 'exponential' && cv !== 1) {
    problems.add(
      new InputError('--dist', 'exponential', `a distribution that can have cv ${cv} (exponential has cv 1)`),
    );
  }
  if (distribution === 'deterministic' && cv !== 0) {
    problems.add(
      new InputError('--dist', 'deterministic', `a distribution that can have cv ${cv} (deterministic has cv 0)`),
    );
  }
  const bursts = problems.attempt(() => burstFlags(args), null);
  problems.throwIfAny();
  return { customers, seed, threads, distribution, bursts };
}

/** What the method says of the burst flags. */
function burstsMethod(lib: Simulator, b: BurstShape, ratePerS: number): string {
  if (lib.burstsAverageOut(ratePerS, b)) {
    return `; bursts of ${formatDuration(b.lengthS)} average out against the gaps between requests (more than ${lib.MAX_SWITCHES_PER_ARRIVAL} switches per request), so arrivals were simulated as Poisson at --rate`;
  }
  return `; bursty arrivals (MMPP: ${b.factor}x the base rate for ${(b.share * 100).toPrecision(3)}% of the time, bursts of ${formatDuration(b.lengthS)} on average, mean rate = --rate; the exact figures assume Poisson)`;
}

/** --burst-factor F --burst-share S --burst-length T: all three or none. */
function burstFlags(args: ParsedArgs): BurstShape | null {
  const given = BURST_FLAGS.filter((f) => args.flags.has(f));
  if (given.length === 0) return null;
  const problems = new ProblemList();
  const read = (flag: (typeof BURST_FLAGS)[number], parse: () => number): number => {
    if (args.flags.has(flag)) return problems.attempt(parse, Number.NaN);
    problems.add(
      new InputError(`--${flag}`, '', `a value as well: the burst flags (--${given.join(', --')}) go together`),
    );
    return Number.NaN;
  };
  const factor = read('burst-factor', () =>
    flagQuantity(args, 'burst-factor', 'number', { min: 1, minExclusive: true, max: 1000, example: '3' }),
  );
  const share = read('burst-share', () =>
    flagQuantity(args, 'burst-share', 'fraction', {
      min: 0,
      minExclusive: true,
      max: 1,
      maxExclusive: true,
      example: '10%',
    }),
  );
  const lengthS = read('burst-length', () =>
    flagQuantity(args, 'burst-length', 'duration', { min: 0, minExclusive: true, example: '30s' }),
  );
  problems.throwIfAny();
  return { factor, share, lengthS };
}

function simulatedText(s: SimulatedJson): string {
  if ('skipped' in s) return `  simulated: skipped: ${s.skipped}\n`;
  const ms = (x: number) => formatDuration(x / 1000);
  return `${keyValues([
    [
      'simulated',
      `${formatCount(s.customers)} customers, seed ${s.seed}, ${s.distribution} service${s.bursts ? `, bursty arrivals (${s.bursts.factor}x for ${formatPercent(s.bursts.share)} of the time, bursts of ${formatDuration(s.bursts.lengthS)})` : ''}`,
    ],
    [
      '  mean response',
      `${ms(s.meanResponseMs)} (95% CI ${ms(s.ci95.meanResponseMs[0])} .. ${ms(s.ci95.meanResponseMs[1])})`,
    ],
    ['  p50 / p99.9', `${ms(s.p50Ms)} / ${ms(s.p999Ms)}`],
    ['  p99', `${ms(s.p99Ms)} (95% CI ${ms(s.ci95.p99Ms[0])} .. ${ms(s.ci95.p99Ms[1])})`],
    [
      '  warm-up',
      `${formatCount(s.warmup.customersPerSection)} customers discarded in each of ${s.chunks} sections${s.warmup.capped ? ' (capped)' : ''}`,
    ],
    ...s.warnings.map((w): [string, string] => ['  warning', w]),
  ])}\n`;
}

const ms = (s: number | null): number | null => (s === null ? null : s * 1000);

export function toJson(r: QueueResult) {
  const p = r.percentiles;
  return {
    model: r.model,
    servers: r.servers,
    arrivalRatePerS: r.arrivalRatePerS,
    serviceTimeMs: r.serviceTimeS * 1000,
    serviceTimeCv: r.serviceTimeCv,
    fanout: r.fanout,
    utilization: r.utilization,
    stable: r.stable,
    probWait: r.probWait,
    meanWaitMs: ms(r.meanWaitS),
    meanResponseMs: ms(r.meanResponseS),
    meanInSystem: r.meanInSystem,
    meanInQueue: r.meanInQueue,
    p50Ms: ms(p?.p50S ?? null),
    p90Ms: ms(p?.p90S ?? null),
    p95Ms: ms(p?.p95S ?? null),
    p99Ms: ms(p?.p99S ?? null),
    p999Ms: ms(p?.p999S ?? null),
    method: r.method,
    approximationError: r.approximationError,
    warnings: warningsOf(r),
  };
}

/** Warnings about the analytic figures: an approximation used outside the range where its error was measured. */
function warningsOf(r: QueueResult): string[] {
  const w = approximationWarning(r.approximationError);
  return w === null ? [] : [w];
}

function toText(r: QueueResult): string {
  const head = `${r.model} queue${r.fanout > 1 ? `, fan-out ${r.fanout}` : ''}: ${r.method}`;
  const rows: [string, string][] = [
    ['arrival rate', formatRate(r.arrivalRatePerS)],
    ['service time', `${formatDuration(r.serviceTimeS)} mean, cv ${formatSig(r.serviceTimeCv, 3)}`],
    ['utilisation', `${formatPercent(r.utilization)} of ${r.servers} server${r.servers === 1 ? '' : 's'}`],
  ];
  if (!r.stable || r.percentiles === null) {
    rows.push([
      'stable',
      `no: arrivals (${formatRate(r.arrivalRatePerS)}) reach or exceed capacity (${formatRate(r.servers / r.serviceTimeS)}); the queue grows without bound`,
    ]);
    return `${head}\n${keyValues(rows)}\n`;
  }
  const p = r.percentiles;
  rows.push(
    ['P(wait)', formatPercent(r.probWait ?? 0)],
    ['mean wait', formatDuration(r.meanWaitS ?? 0)],
    ['mean response', formatDuration(r.meanResponseS ?? 0)],
    ['mean in system', formatSig(r.meanInSystem ?? 0, 4)],
    [
      'response time',
      `p50 ${formatDuration(p.p50S)}  p90 ${formatDuration(p.p90S)}  p95 ${formatDuration(p.p95S)}  p99 ${formatDuration(p.p99S)}  p99.9 ${formatDuration(p.p999S)}`,
    ],
  );
  if (r.approximationError !== null && r.approximationError.outside === null) {
    rows.push(['approximation', approximationErrorText(r.approximationError)]);
  }
  for (const w of warningsOf(r)) rows.push(['warning', w]);
  return `${head}\n${keyValues(rows)}\n`;
}
