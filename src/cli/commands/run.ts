import { availableParallelism } from 'node:os';
import { loadCatalog } from '../../catalog/index.js';
import { compareScenario } from '../../compare/index.js';
import type { ComparisonResult } from '../../compare/result.js';
import { InputError } from '../../errors.js';
import { type CliIo, EXIT } from '../../io/io.js';
import { checkReadableFile } from '../../io/readInput.js';
import { comparisonTable } from '../../report/table.js';
import { MAX_SCENARIO_BYTES } from '../../scenario/limits.js';
import type { ParsedArgs } from '../args.js';
import { readAndCompare } from '../compareInput.js';
import { answerLines, JsonText } from '../jsonlStream.js';
import { emit } from '../output.js';
import { RecentAnswers } from '../recentAnswers.js';
import { ScenarioLines } from '../scenarioLines.js';
import { flagChoice, flagText, threadsFlag } from '../values.js';

const FORMATS = ['json', 'table'] as const;
type Format = (typeof FORMATS)[number];

function formatOf(args: ParsedArgs): Format {
  return flagChoice(args, 'format', FORMATS, 'json');
}

function render(result: ComparisonResult, format: Format, io: CliIo): string {
  return format === 'table'
    ? comparisonTable(result, io.stdout.columns ?? 100)
    : `${JSON.stringify(result, null, 2)}\n`;
}

/**
 * `capplan run - --jsonl`: one scenario per input line, one compact result per output line, in input order, each
 * starting with its `line` number; a bad line (blank, over 1 MiB, not a valid scenario) gives `{"line": N, "error":
 * ...}` and the stream goes on. Lines are read one at a time with the size limit held while reading (boundedLines),
 * so memory does not grow with the input or with one endless line. Returns 1 with --check when any scenario has no candidate meeting every target.
 */
async function runJsonl(file: string, io: CliIo, check: boolean): Promise<number> {
  if (file !== '-') checkReadableFile(file);
  const input = file === '-' ? io.stdin : (await import('node:fs')).createReadStream(file);
  if (!input) throw new InputError('FILE', file, 'a readable stdin');
  const catalog = loadCatalog();
  let missed = false;
  // a result is a pure function of the line's text (an error names its line, and is not kept): a line met again among
  // the last few is answered with the text of its answer, and whether it met the targets
  const recent = new RecentAnswers<{ json: JsonText; met: boolean }>();
  // each line read as a change to the recent ones: the members it repeats are parsed and checked once
  const lines = new ScenarioLines(catalog);
  const code = await answerLines(
    input,
    io,
    {
      maxBytes: MAX_SCENARIO_BYTES,
      expected: 'a scenario (one JSON object per line)',
      limitText: `a scenario of at most ${MAX_SCENARIO_BYTES} bytes (1 MiB)`,
    },
    (text, n) => {
      let hit = recent.get(text);
      if (hit === undefined) {
        const result = compareScenario(lines.read(text, `line ${n}`), catalog);
        hit = { json: new JsonText(JSON.stringify(result)), met: result.recommendation.name !== null };
        if (recent.repeated(text)) recent.set(text, hit, hit.json.json.length);
      }
      if (!hit.met) missed = true;
      return hit.json;
    },
  );
  if (code !== EXIT.ok) return code;
  return check && missed ? EXIT.targetMissed : EXIT.ok;
}

/** `capplan run FILE|- [--out FILE] [--check] [--format json|table] [--jsonl]`. */
export async function run(args: ParsedArgs, io: CliIo): Promise<number> {
  const usage = 'capplan run FILE|- [--out FILE] [--check] [--format json|table] [--jsonl] [--threads T] [--analytic]';
  const format = formatOf(args);
  const check = args.flags.has('check');
  const file = args.positionals[0];
  if (args.flags.has('jsonl')) {
    if (file === undefined) throw new InputError('FILE', undefined, `a JSONL file, or - for stdin (usage: ${usage})`);
    if (format !== 'json') throw new InputError('--format', format, 'json with --jsonl');
    if (args.flags.has('out'))
      throw new InputError('--out', String(args.flags.get('out')), 'no --out with --jsonl (write to stdout)');
    return runJsonl(file, io, check);
  }
  const { result } = await readAndCompare(file, io, usage, {
    analytic: args.flags.has('analytic'),
    threads: threadsFlag(args, availableParallelism()),
  });
  // implausible inputs: one line each on stderr (the result JSON carries them too; --jsonl keeps them only there)
  for (const warning of result.warnings) io.stderr.write(`warning: ${warning}\n`);
  const body = render(result, format, io);
  await emit(io, flagText(args, 'out'), body, [file]);
  if (check && result.recommendation.name === null) {
    const unmet = result.recommendation.unmetByAll;
    io.stderr.write(
      `check: no candidate meets every target${unmet.length > 0 ? ` (none meets: ${unmet.join(', ')})` : ''}\n`,
    );
    return EXIT.targetMissed;
  }
  return EXIT.ok;
}
