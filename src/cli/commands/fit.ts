/**
 * `capplan fit usl|latency|failures FILE`: scenario inputs calibrated from measurements (a load test, a latency
 * histogram or samples, an incident log). Names and JSON fields: the contract's "Calibration from measurements".
 */
import type { FailureFit } from '../../core/fit/failures.js';
import { fitUsl, UnidentifiableFit } from '../../core/fit/usl.js';
import { InputError } from '../../errors.js';
import { fitIncidents, windowFlag } from '../../fit/incidents.js';
import { latencyFromText } from '../../fit/latencyInput.js';
import { uslPointsFromCsv } from '../../fit/uslInput.js';
import { type CliIo, EXIT } from '../../io/io.js';
import { type ReadLimit, readInput } from '../../io/readInput.js';
import { formatDuration, formatRate, formatSig } from '../../units/format.js';
import type { ParsedArgs } from '../args.js';
import { keyValues, writeJson } from '../output.js';
import { fitSpec } from '../specs.js';
import { flagText } from '../values.js';

/** Largest measurements file read (checked from the file's size before reading). */
export const MAX_MEASUREMENT_BYTES = 64 * 1024 * 1024;

const LIMIT: ReadLimit = { maxBytes: MAX_MEASUREMENT_BYTES, maxText: '64 MiB', what: 'a measurements file' };

export const FIT_KINDS = ['usl', 'latency', 'failures'] as const;
type FitKind = (typeof FIT_KINDS)[number];

/** The flags each kind takes (beyond --json and --help); any other given flag is refused naming the kind. */
const KIND_FLAGS: Record<FitKind, readonly string[]> = {
  usl: ['plot', 'into', 'at', 'date'],
  latency: ['series', 'unit', 'into', 'at', 'date'],
  failures: ['from', 'to', 'into', 'at', 'date'],
};

/** What one fit gives the command: the JSON object, the text summary. */
export interface FitOutput {
  json: Record<string, unknown>;
  text: string;
}

export async function run(args: ParsedArgs, io: CliIo): Promise<number> {
  const [kindText, file] = args.positionals;
  if (kindText === undefined || !(FIT_KINDS as readonly string[]).includes(kindText)) {
    throw new InputError('KIND', kindText, `one of ${FIT_KINDS.join(', ')} (usage: ${fitSpec.usage})`);
  }
  const kind = kindText as FitKind;
  const misplaced = [...args.flags.keys()].filter((f) => f !== 'json' && f !== 'help' && !KIND_FLAGS[kind].includes(f));
  if (misplaced.length > 0) {
    const f = misplaced[0] as string;
    const takes = Object.entries(KIND_FLAGS)
      .filter(([, flags]) => flags.includes(f))
      .map(([k]) => `fit ${k}`);
    throw new InputError(
      `--${f}`,
      args.flags.get(f),
      `no --${f} with fit ${kind} (it belongs to ${takes.join(' and ')})`,
    );
  }
  const window = {
    fromMs: windowFlag('--from', flagText(args, 'from')),
    toMs: windowFlag('--to', flagText(args, 'to')),
  };
  const { text, source } = await readInput(file, io, fitSpec.usage, LIMIT);
  const out =
    kind === 'usl'
      ? fitUsl_(text, source)
      : kind === 'latency'
        ? fitLatency(text, source, args)
        : fitFailures_(text, source, window);
  if (args.flags.has('json')) writeJson(io, out.json);
  else io.stdout.write(out.text);
  return EXIT.ok;
}

/** An UnidentifiableFit as the input error it is: the file, why, and what to measure next. */
function refused(source: string, error: UnidentifiableFit): InputError {
  return new InputError(source, error.reason, `measurements that identify the model: ${error.advice}`);
}

function fitUsl_(text: string, source: string): FitOutput {
  const points = uslPointsFromCsv(text, source);
  let f: ReturnType<typeof fitUsl>;
  try {
    f = fitUsl(points);
  } catch (error) {
    if (error instanceof UnidentifiableFit) throw refused(source, error);
    throw error;
  }
  const json = {
    contention: f.sigma,
    coherency: f.kappa,
    lambda: f.lambda,
    peakN: f.peakN,
    peakThroughput: f.peakThroughput,
    rSquared: f.rSquared,
    ci95: { contention: f.ci95.sigma, coherency: f.ci95.kappa, lambda: f.ci95.lambda },
    peakNContinuous: f.peakNContinuous,
    points: f.points,
    method: f.method,
    source,
  };
  const ci = (c: readonly [number, number | null]) =>
    `95% ${formatSig(c[0], 3)} to ${c[1] === null ? 'unbounded' : formatSig(c[1], 3)}`;
  const text_ = `USL fit of ${source} (${f.points} points): ${f.method}\n${keyValues([
    ['contention (sigma)', `${formatSig(f.sigma, 4)} (${ci(f.ci95.sigma)})`],
    ['coherency (kappa)', `${formatSig(f.kappa, 4)} (${ci(f.ci95.kappa)})`],
    ['lambda (one unit)', `${formatRate(f.lambda, 4)} (${ci(f.ci95.lambda)})`],
    ['R^2', formatSig(f.rSquared, 4)],
    [
      'peak',
      f.peakN === null
        ? 'none: kappa is 0, throughput keeps rising'
        : `${formatRate(f.peakThroughput as number, 4)} at N = ${f.peakN} (N* = ${formatSig(f.peakNContinuous as number, 4)})`,
    ],
  ])}\n`;
  return { json, text: text_ };
}

const ms = (s: number | null) => (s === null ? null : s * 1000);
const duration = (s: number | null) => (s === null ? 'unknown' : formatDuration(s));

function fitLatency(text: string, source: string, args: ParsedArgs): FitOutput {
  const series = flagText(args, 'series');
  const unit = flagText(args, 'unit');
  const f = latencyFromText(text, source, {
    ...(series === undefined ? {} : { series }),
    ...(unit === undefined ? {} : { unit }),
  });
  const s = f.summary;
  const bucket = (b: [number, number | null] | undefined) => (b === undefined ? undefined : [b[0] * 1000, ms(b[1])]);
  const json = {
    meanMs: s.meanS * 1000,
    cv: s.cv,
    p50Ms: s.p50S * 1000,
    p99Ms: ms(s.p99S),
    samples: s.samples,
    method: s.method,
    p50ErrorMs: ms(s.p50ErrorS),
    p99ErrorMs: ms(s.p99ErrorS),
    ...(s.p50BucketS ? { p50BucketMs: bucket(s.p50BucketS), p99BucketMs: bucket(s.p99BucketS) } : {}),
    ...(s.fitted
      ? {
          fitted: {
            distribution: s.fitted.distribution,
            cv: s.fitted.cv,
            p50Ms: s.fitted.p50S * 1000,
            p99Ms: s.fitted.p99S * 1000,
          },
        }
      : {}),
    format: f.format,
    series: f.series,
    source,
  };
  const err = (e: number | null) => (e === null ? '' : e === 0 ? '' : ` (+- ${formatDuration(e)})`);
  const rows: [string, string][] = [
    ['mean', formatDuration(s.meanS)],
    ['cv', s.cv === null ? 'unknown' : formatSig(s.cv, 3)],
    ['p50', `${formatDuration(s.p50S)}${err(s.p50ErrorS)}`],
    [
      'p99',
      s.p99S === null
        ? 'unknown'
        : `${s.p99BucketS?.[1] === null ? '>= ' : ''}${formatDuration(s.p99S)}${err(s.p99ErrorS)}`,
    ],
    ['samples', s.samples === null ? 'unknown' : s.samples.toLocaleString('en-US')],
  ];
  if (s.fitted) {
    rows.push([
      `fitted ${s.fitted.distribution}`,
      `cv ${formatSig(s.fitted.cv, 3)}, p50 ${formatDuration(s.fitted.p50S)}, p99 ${formatDuration(s.fitted.p99S)}`,
    ]);
  }
  return { json, text: `Latency of ${f.series} in ${source} (${f.format}): ${s.method}\n${keyValues(rows)}\n` };
}

function failuresJson(f: FailureFit): Record<string, unknown> {
  return {
    failures: f.failures,
    observedHours: f.observedHours,
    mtbfHours: f.mtbfHours,
    mttrHours: f.mttrHours,
    ci90: { mtbfHours: f.ci90.mtbfHours },
    upHours: f.upHours,
  };
}

function failuresLine(f: FailureFit): string {
  const [lo, hi] = f.ci90.mtbfHours;
  const h = (x: number) => duration(x * 3600);
  return `${f.failures} failure${f.failures === 1 ? '' : 's'}, MTBF ${f.mtbfHours === null ? 'unknown' : h(f.mtbfHours)} (90% ${h(lo)} to ${hi === null ? 'unbounded' : h(hi)}), MTTR ${f.mttrHours === null ? 'unknown' : h(f.mttrHours)}`;
}

function fitFailures_(
  text: string,
  source: string,
  window: { fromMs?: number | undefined; toMs?: number | undefined },
): FitOutput {
  const w: { fromMs?: number; toMs?: number } = {};
  if (window.fromMs !== undefined) w.fromMs = window.fromMs;
  if (window.toMs !== undefined) w.toMs = window.toMs;
  const f = fitIncidents(text, source, w);
  const from = new Date(f.fromMs).toISOString();
  const to = new Date(f.toMs).toISOString();
  const json: Record<string, unknown> = {
    ...failuresJson(f.overall),
    from,
    to,
    window:
      w.fromMs !== undefined && w.toMs !== undefined
        ? '--from/--to'
        : w.fromMs === undefined && w.toMs === undefined
          ? "the file's span (first start to last end)"
          : "--from/--to, the missing end from the file's span",
    method: f.overall.method,
    source,
  };
  if (f.byComponent) json.byComponent = Object.fromEntries([...f.byComponent].map(([k, v]) => [k, failuresJson(v)]));
  const lines = [
    `Failures in ${source} from ${from} to ${to} (${formatSig(f.overall.observedHours, 4)} h): ${f.overall.method}`,
    `  all: ${failuresLine(f.overall)}`,
    ...[...(f.byComponent ?? [])].map(([k, v]) => `  ${k}: ${failuresLine(v)}`),
  ];
  return { json, text: `${lines.join('\n')}\n` };
}
