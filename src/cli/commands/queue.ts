import { analyzeQueue, type QueueResult } from '../../core/queueing/index.js';
import { formatDuration, formatPercent, formatRate, formatSig } from '../../units/format.js';
import { type ParsedArgs, ProblemList } from '../args.js';
import { type CliIo, EXIT } from '../io.js';
import { keyValues, writeJson } from '../output.js';
import { flagQuantity } from '../values.js';

/** `capplan queue`: JSON fields per the contract (times in ms, rates per second). */
export async function run(args: ParsedArgs, io: CliIo): Promise<number> {
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
  problems.throwIfAny();

  const result = analyzeQueue({ servers, arrivalRatePerS, serviceTimeS, serviceTimeCv, fanout });
  if (args.flags.has('json')) writeJson(io, toJson(result));
  else io.stdout.write(toText(result));
  return EXIT.ok;
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
  };
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
  return `${head}\n${keyValues(rows)}\n`;
}
