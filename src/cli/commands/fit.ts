/**
 * `capplan fit usl|latency|failures FILE`: scenario inputs calibrated from measurements (a load test, a latency
 * histogram or samples, an incident log). Names and JSON fields: the contract's "Calibration from measurements".
 */
import { fitUsl, UnidentifiableFit } from '../../core/fit/usl.js';
import { InputError } from '../../errors.js';
import { uslPointsFromCsv } from '../../fit/uslInput.js';
import { type CliIo, EXIT } from '../../io/io.js';
import { type ReadLimit, readInput } from '../../io/readInput.js';
import { formatRate, formatSig } from '../../units/format.js';
import type { ParsedArgs } from '../args.js';
import { keyValues, writeJson } from '../output.js';
import { fitSpec } from '../specs.js';

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
  const { text, source } = await readInput(file, io, fitSpec.usage, LIMIT);
  const out = fitUsl_(text, source);
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
