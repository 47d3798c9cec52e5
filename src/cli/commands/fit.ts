/**
 * `capplan fit usl|latency|failures FILE`: scenario inputs calibrated from measurements (a load test, a latency
 * histogram or samples, an incident log). Names and JSON fields: the contract's "Calibration from measurements".
 */
import type { FailureFit } from '../../core/fit/failures.js';
import { fitUsl, UnidentifiableFit } from '../../core/fit/usl.js';
import { InputError } from '../../errors.js';
import { fitIncidents, windowFlag } from '../../fit/incidents.js';
import { applyFit, type FittedValue, type Provenance } from '../../fit/into.js';
import { latencyFromText } from '../../fit/latencyInput.js';
import { uslPointsFromCsv } from '../../fit/uslInput.js';
import { type CliIo, EXIT } from '../../io/io.js';
import { type ReadLimit, readInput } from '../../io/readInput.js';
import { uslSvgFile } from '../../report/html/uslChart.js';
import { uslPlot } from '../../report/uslPlot.js';
import { MAX_SCENARIO_BYTES } from '../../scenario/limits.js';
import { readScenarioJson } from '../../scenario/read.js';
import { formatDuration, formatRate, formatSig } from '../../units/format.js';
import type { ParsedArgs } from '../args.js';
import { keyValues, writeFileFor, writeJson } from '../output.js';
import { fitSpec } from '../specs.js';
import { flagText } from '../values.js';

/** Largest measurements file read (checked from the file's size before reading). */
export const MAX_MEASUREMENT_BYTES = 64 * 1024 * 1024;

const LIMIT: ReadLimit = { maxBytes: MAX_MEASUREMENT_BYTES, maxText: '64 MiB', what: 'a measurements file' };
const SCENARIO_LIMIT: ReadLimit = { maxBytes: MAX_SCENARIO_BYTES, maxText: '1 MiB', what: 'a scenario file' };

export const FIT_KINDS = ['usl', 'latency', 'failures'] as const;
type FitKind = (typeof FIT_KINDS)[number];

/** The flags each kind takes (beyond --json and --help); any other given flag is refused naming the kind. */
const KIND_FLAGS: Record<FitKind, readonly string[]> = {
  usl: ['plot', 'into', 'at', 'date'],
  latency: ['series', 'unit', 'into', 'at', 'date'],
  failures: ['from', 'to', 'into', 'at', 'date'],
};

/** What --into writes for a fit at a path: the values, their provenance, and notes for stderr. */
export interface IntoPlan {
  values: FittedValue[];
  provenance: Provenance[];
  notes: string[];
}

/** What one fit gives the command: the JSON object, the text summary, and what --into --at PATH writes. */
export interface FitOutput {
  json: Record<string, unknown>;
  text: string;
  /** `raw`: the scenario's JSON value (a tier's name resolves to its index). */
  into(at: string, date: string, raw: unknown): IntoPlan;
  /** fit usl: the SVG of the measurements, the fitted curve and the peak (for --plot). */
  svg?: () => string;
}

/** A fitted number as written into a scenario: 4 significant figures (the fits' intervals are far wider). */
const sig4 = (x: number) => Number(x.toPrecision(4));

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
  const intoFile = flagText(args, 'into');
  const at = flagText(args, 'at');
  const date = flagText(args, 'date');
  if ((intoFile === undefined) !== (at === undefined)) {
    throw new InputError(
      intoFile === undefined ? '--at' : '--into',
      intoFile ?? at,
      intoFile === undefined
        ? 'also --into SCENARIO (the file to write into)'
        : 'also --at PATH (where in the scenario)',
    );
  }
  if (date !== undefined && (intoFile === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(date))) {
    throw new InputError('--date', date, intoFile === undefined ? 'no --date without --into' : 'a date as YYYY-MM-DD');
  }
  const { text, source } = await readInput(file, io, fitSpec.usage, LIMIT);
  const out =
    kind === 'usl'
      ? fitUsl_(text, source)
      : kind === 'latency'
        ? fitLatency(text, source, args)
        : fitFailures_(text, source, window);
  const plotFile = flagText(args, 'plot');
  if (plotFile !== undefined && out.svg !== undefined) await writeFileFor('--plot', plotFile, out.svg());
  if (intoFile !== undefined && at !== undefined) {
    await writeInto(intoFile, (raw) => out.into(at, date ?? new Date().toISOString().slice(0, 10), raw), io);
  }
  if (args.flags.has('json')) writeJson(io, out.json);
  else io.stdout.write(out.text);
  return EXIT.ok;
}

/** Reads the scenario, applies the plan and writes it back atomically; notes on stderr. */
async function writeInto(file: string, planFor: (raw: unknown) => IntoPlan, io: CliIo): Promise<void> {
  if (file === '-') throw new InputError('--into', file, 'a scenario file to write into (not stdin)');
  let text: string;
  try {
    ({ text } = await readInput(file, io, fitSpec.usage, SCENARIO_LIMIT));
  } catch (error) {
    if (error instanceof InputError && error.path === 'FILE') throw new InputError('--into', file, error.expected);
    throw error;
  }
  const plan = planFor(readScenarioJson(text, file));
  const updated = applyFit(text, file, plan.values, plan.provenance);
  await writeFileFor('--into', file, updated);
  for (const note of plan.notes) io.stderr.write(`note: ${note}\n`);
  io.stderr.write(`note: wrote ${plan.provenance.map((p) => p.input).join(', ')} into ${file}\n`);
}

/** --at PATH refused: what the kind accepts. */
function badAt(at: string, kind: FitKind, accepted: readonly string[]): InputError {
  return new InputError('--at', at, `for fit ${kind}: ${accepted.join(' or ')}`);
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
  return {
    json,
    text: text_,
    svg: () => uslSvgFile(uslPlot(points, f.sigma, f.kappa, f.lambda), `Universal Scalability Law fitted to ${source}`),
    into: (at, date) => {
      if (at !== 'workload' && at !== 'workload.usl') throw badAt(at, 'usl', ['workload', 'workload.usl']);
      return {
        values: [
          { path: ['workload', 'usl', 'contention'], value: sig4(f.sigma) },
          { path: ['workload', 'usl', 'coherency'], value: sig4(f.kappa) },
        ],
        provenance: [
          {
            input: 'workload.usl',
            file: source,
            date,
            method: `USL, R^2 ${formatSig(f.rSquared, 4)}`,
            points: points.map((p) => ({ n: p.n, x: p.x })),
          },
        ],
        notes: [
          'workload.usl describes how one node scales over its vCPUs: fit it to a load test of one node at 1, 2, 4, ... busy vCPUs (threads), not to node counts',
        ],
      };
    },
  };
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
  return {
    json,
    text: `Latency of ${f.series} in ${source} (${f.format}): ${s.method}\n${keyValues(rows)}\n`,
    into: (at, date, raw) => {
      const tiers = (raw as { tiers?: unknown })?.tiers;
      const names = Array.isArray(tiers) ? tiers.map((t) => String((t as { name?: unknown })?.name)) : [];
      const accepted = ['workload', ...names.map((n) => `tiers.${n}`)];
      if (at === 'workload' && names.length > 0) {
        throw new InputError(
          '--at',
          at,
          `a tier (the scenario's service time is per tier): ${accepted.slice(1).join(' or ')}`,
        );
      }
      const tierIndex = at.startsWith('tiers.') ? names.indexOf(at.slice('tiers.'.length)) : -1;
      if (at !== 'workload' && tierIndex < 0) throw badAt(at, 'latency', accepted);
      const base: (string | number)[] = tierIndex < 0 ? ['workload'] : ['tiers', tierIndex];
      const inputBase = tierIndex < 0 ? 'workload' : `tiers[${tierIndex}]`;
      const how = f.format === 'prometheus' ? 'Prometheus histogram' : f.format === 'k6' ? 'k6 summary' : 'samples';
      const count = s.samples === null ? '' : ` of ${s.samples.toLocaleString('en-US')} requests`;
      const values: FittedValue[] = [{ path: [...base, 'serviceTime'], value: `${formatSig(s.meanS * 1000, 4)} ms` }];
      const provenance: Provenance[] = [
        { input: `${inputBase}.serviceTime`, file: source, date, method: `mean${count}, ${how}` },
      ];
      const notes = [
        `${inputBase}.serviceTime is the CPU time of one request with no queueing: a latency measured under load includes waiting, so fit one from a lightly loaded period (or subtract the wait)`,
      ];
      if (s.cv !== null) {
        values.push({ path: [...base, 'serviceTimeCv'], value: Number(s.cv.toPrecision(3)) });
        provenance.push({
          input: `${inputBase}.serviceTimeCv`,
          file: source,
          date,
          method:
            f.format === 'csv'
              ? `sample cv${count}`
              : f.format === 'k6'
                ? `cv of a lognormal through k6's percentiles`
                : `cv of a ${s.fitted?.distribution ?? 'distribution'} fitted to the histogram`,
        });
      } else notes.push(`the cv is unknown, so ${inputBase}.serviceTimeCv was left as it was`);
      return { values, provenance, notes };
    },
  };
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
  return {
    json,
    text: `${lines.join('\n')}\n`,
    into: (at, date) => {
      const domains = ['reliability.node', 'reliability.zone', 'reliability.region'];
      if (!domains.includes(at)) throw badAt(at, 'failures', domains);
      const o = f.overall;
      if (o.mtbfHours === null || o.mttrHours === null) {
        throw new InputError(
          '--into',
          source,
          `at least one failure in the window to fit an MTBF (with none, the MTBF is only known to exceed ${formatSig(o.ci90.mtbfHours[0], 4)} h at 90%)`,
        );
      }
      const domain = at.split('.')[1] as string;
      const method = `${o.failures} failure${o.failures === 1 ? '' : 's'} in ${formatSig(o.observedHours, 4)} h, MTBF 90% ${formatSig(o.ci90.mtbfHours[0], 3)} to ${o.ci90.mtbfHours[1] === null ? 'unbounded' : formatSig(o.ci90.mtbfHours[1], 3)} h`;
      return {
        values: [
          { path: ['reliability', domain, 'mtbf'], value: `${formatSig(o.mtbfHours, 4)} h` },
          { path: ['reliability', domain, 'mttr'], value: `${formatSig(o.mttrHours, 4)} h` },
        ],
        provenance: [
          { input: `${at}.mtbf`, file: source, date, method },
          {
            input: `${at}.mttr`,
            file: source,
            date,
            method: `mean of ${o.failures} incident${o.failures === 1 ? '' : 's'}`,
          },
        ],
        notes:
          f.byComponent !== null && f.byComponent.size > 1
            ? [
                `the figures of all ${f.byComponent.size} components together were written (the service fails when any of them does)`,
              ]
            : [],
      };
    },
  };
}
