/**
 * `capplan queue --jsonl` and `capplan availability --jsonl` (contract, "Batch mode for the calculators"): one JSON
 * object per stdin line whose keys are the command's flag names without the dashes, with the same values and units
 * (`{"servers": 8, "rate": "1280/s", "service": "5 ms", "cv": 1.5}`); one output line per input line, in order: the
 * object `--json` would print, preceded by its `line` number (as `run --jsonl` does), or `{"line": N, "error": ...}`,
 * and the stream goes on. Many evaluations in one process instead of one process each (issue 18).
 */
import { InputError, InputErrors } from '../errors.js';
import type { CliIo } from '../io/io.js';
import type { CommandSpec, ParsedArgs } from './args.js';
import { answerLines } from './jsonlStream.js';

/** A parameter line longer than this is refused (a calculator's parameters are a few hundred bytes). */
export const MAX_CALCULATOR_LINE_BYTES = 64 * 1024;

/** Flags that make no sense inside a line (they shape the stream itself). */
const STREAM_FLAGS = new Set(['jsonl', 'json', 'help']);

/**
 * One line's object as the command's flags: numbers and strings become the flag's text (a bare number keeps the
 * flag's bare unit: `"mtbf": 2000` is 2000 h as `--mtbf 2000` is), `true` turns a switch on, `false` or null leaves a
 * flag out. Unknown keys, switches given values and values given to switches are input errors naming the key.
 */
export function flagsFromObject(value: unknown, spec: CommandSpec): ParsedArgs {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError('line', value, `a JSON object of ${spec.name}'s flags, such as ${exampleOf(spec)}`);
  }
  const flags = new Map<string, string | true>();
  const problems: InputError[] = [];
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const flag = spec.flags.find((f) => f.name === key);
    if (flag === undefined || STREAM_FLAGS.has(key)) {
      const names = spec.flags.filter((f) => !STREAM_FLAGS.has(f.name)).map((f) => f.name);
      problems.push(new InputError(key, v, `one of ${spec.name}'s flags without the dashes: ${names.join(', ')}`));
      continue;
    }
    if (v === false || v === null) continue;
    if (flag.kind === 'switch') {
      if (v === true) flags.set(key, true);
      else problems.push(new InputError(key, v, 'true or false (a switch)'));
    } else if (typeof v === 'string' || typeof v === 'number') flags.set(key, String(v));
    else problems.push(new InputError(key, v, 'a string or a number, as the flag takes'));
  }
  if (problems.length > 0) throw new InputErrors(problems);
  return { flags, positionals: [] };
}

function exampleOf(spec: CommandSpec): string {
  return spec.name === 'queue'
    ? '{"servers": 8, "rate": "1280/s", "service": "5 ms"}'
    : '{"nodes": 3, "need": 2, "mtbf": "4380 h", "mttr": "2 h"}';
}

/**
 * Reads stdin line by line and answers each with `evaluate` (the command's `--json` object for those flags).
 * Returns 0, or 3 when a line hit a bug (marked `"internal": true` on its line; the stream still went on).
 */
export async function runCalculatorJsonl(
  args: ParsedArgs,
  io: CliIo,
  spec: CommandSpec,
  evaluate: (args: ParsedArgs) => Promise<object>,
): Promise<number> {
  const others = [...args.flags.keys()].filter((f) => f !== 'jsonl');
  if (others.length > 0 || args.positionals.length > 0) {
    throw new InputError(
      others.length > 0 ? `--${others[0]}` : 'argument',
      others.length > 0 ? String(args.flags.get(others[0] as string)) : (args.positionals[0] as string),
      'no other flags with --jsonl: give them in each line, without the dashes',
    );
  }
  if (!io.stdin) throw new InputError('--jsonl', '', 'a readable stdin (one JSON object per line)');
  return answerLines(
    io.stdin,
    io,
    {
      maxBytes: MAX_CALCULATOR_LINE_BYTES,
      expected: `a JSON object of ${spec.name}'s flags`,
      limitText: `at most ${MAX_CALCULATOR_LINE_BYTES} bytes`,
    },
    async (text, n) => {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new InputError(`line ${n}`, text.slice(0, 80), 'one JSON object (not valid JSON)');
      }
      return evaluate(flagsFromObject(value, spec));
    },
  );
}
