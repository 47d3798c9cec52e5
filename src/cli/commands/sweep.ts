import { loadCatalog } from '../../catalog/index.js';
import { FREEZE_NOTE } from '../../compare/designs.js';
import { isErrorRow, type SweepErrorRow, type SweepResult, sweepScenario } from '../../compare/sweep.js';
import { InputError } from '../../errors.js';
import { type CliIo, EXIT } from '../../io/io.js';
import { readInput } from '../../io/readInput.js';
import { crossoversCsv, rowsCsv } from '../../report/sweepCsv.js';
import { readScenarioJson } from '../../scenario/read.js';
import { type ParsedArgs, ProblemList } from '../args.js';
import { emit } from '../output.js';
import { flagChoice, flagQuantity, flagText } from '../values.js';
import { asVaryFlag, MAX_STEPS, parseVary, parseVaryValue, varyPath, varyValues } from '../vary.js';

const FORMATS = ['csv', 'json'] as const;
type Format = (typeof FORMATS)[number];
const DEFAULT_STEPS = 11;
const USAGE =
  'capplan sweep FILE|- --vary PATH=FROM..TO [--steps N] [--log] [--freeze] [--format csv|json] [--crossovers] [--out FILE]';

interface Plan {
  path: string;
  from: number;
  to: number;
}

/** --vary: the path (checked against the scenario schema) and FROM, TO in the field's base unit. */
function varyFlag(args: ParsedArgs): Plan {
  const raw = flagText(args, 'vary');
  if (raw === undefined) {
    throw new InputError('--vary', undefined, 'PATH=FROM..TO, such as --vary workload.peakRate=100/s..100000/s');
  }
  const { path, fromText, toText } = parseVary(raw);
  varyPath(path);
  const problems = new ProblemList(); // a wrong FROM and a wrong TO are two problems
  const from = problems.attempt(() => parseVaryValue(fromText, path), 1);
  const to = problems.attempt(() => parseVaryValue(toText, path), 2);
  problems.throwIfAny();
  return { path, from, to };
}

function formatFlag(args: ParsedArgs): Format {
  return flagChoice(args, 'format', FORMATS, 'csv');
}

function render(result: SweepResult, format: Format, crossoversOnly: boolean): string {
  if (format === 'csv') return crossoversOnly ? crossoversCsv(result) : rowsCsv(result);
  const { path, unit, values, crossovers, designs, notes } = result;
  const body = crossoversOnly
    ? { path, unit, values, designs, crossovers, notes }
    : { path, unit, values, designs, rows: result.rows, recommendations: result.recommendations, crossovers, notes };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/**
 * `capplan sweep FILE|- --vary PATH=FROM..TO`: the comparison at each of N values of one input (src/compare/sweep.ts),
 * as CSV rows (one per step and candidate) or JSON with the crossovers. Analytic: a simulation block is not run.
 * Without architectures every step is searched again, unless --freeze keeps the designs found for the scenario as
 * given; the `designs` column (JSON: field) says which.
 */
export async function run(args: ParsedArgs, io: CliIo): Promise<number> {
  const problems = new ProblemList();
  const plan = problems.attempt<Plan | null>(() => varyFlag(args), null);
  const steps = problems.attempt(
    () =>
      flagQuantity(args, 'steps', 'count', {
        min: 2,
        max: MAX_STEPS,
        integer: true,
        example: String(DEFAULT_STEPS),
        fallback: DEFAULT_STEPS,
      }),
    DEFAULT_STEPS,
  );
  const format = problems.attempt(() => formatFlag(args), 'csv' as Format);
  const out = flagText(args, 'out');
  const log = args.flags.has('log');
  const values = plan === null ? [] : problems.attempt(() => varyValues(plan.from, plan.to, steps, log), []);
  problems.throwIfAny();
  const { path } = plan as Plan; // not null: a missing plan is a problem thrown above

  const { text, source } = await readInput(args.positionals[0], io, USAGE);
  // the reader's size and JSON errors here; sweepScenario validates every field (once, before any step)
  const raw = readScenarioJson(text, source);
  const freeze = args.flags.has('freeze');
  // the path was checked above; a candidate it names that is missing or not horizontal is found here
  const result = asVaryFlag(() => sweepScenario(raw, path, values, loadCatalog(), { log, freeze }));
  // --freeze on a scenario that names its architectures is not an error: a note (the JSON's notes say it too)
  if (freeze && result.designs === 'candidates') io.stderr.write(`note: ${FREEZE_NOTE}\n`);
  const body = render(result, format, args.flags.has('crossovers'));
  await emit(io, out, body, [args.positionals[0]]);
  // the engine failed at some steps: the output is complete, but that is a bug to report (exit 3, one line each)
  const failed = result.rows.filter((r): r is SweepErrorRow => isErrorRow(r) && r.internal === true);
  for (const r of failed) io.stderr.write(`${r.error} at ${path} = ${r.value} (please report it)\n`);
  return failed.length > 0 ? EXIT.internal : EXIT.ok;
}
