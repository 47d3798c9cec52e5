/**
 * Hostile input, end to end and in-process: main(argv, io) with fake stdout/stderr (and, for `-`, a stdin made with
 * Readable.from), fed arbitrary JSON, mutated example scenarios, raw text and bytes, and random argv for every batch
 * command. The oracle for every case:
 *
 * - main resolves (never throws) using at most CASE_LIMIT_MS of CPU time, with exit 0 or 1 (1 only with --check), or
 *   2; never 3 (CPU time, not elapsed time: a loaded machine stretches the clock, not the work; the limit is far
 *   above the slowest example, a payment worksheet at about 7 CPU-s: a guard against pathological work, while speed
 *   belongs in `npm run bench`);
 * - exit 0/1 with JSON output: stdout parses, and for `run` validateResult(...) is [] (no NaN, Infinity or null
 *   where a number is promised); the calculators' contract numbers are finite;
 * - exit 2: stdout is empty and stderr is one or more lines, each `error: SUBJECT: ...` where SUBJECT is a flag, a
 *   positional or command name, the input's source, or a scenario field path;
 * - never a stack trace (`    at `) or "internal error" anywhere, and no control character but a line break on
 *   stdout or stderr (an escape sequence from a scenario name or a flag would reach the terminal);
 * - Object.prototype (and Array.prototype) gain no keys, and `({}).polluted` stays undefined.
 *
 * The budget follows fast-check's global numRuns (test/setup.ts: FC_RUNS, FC_SEED), scaled per property so that the
 * file runs in well under 20 s by default. A longer campaign:
 *   FC_RUNS=5000 FC_SEED=7 FUZZ_EXPLORE=1 FUZZ_DUMP_DIR=/tmp/fuzz npx vitest run test/cli/fuzz.test.ts
 * (FUZZ_EXPLORE: record failures and go on, printing a summary by kind at the end; FUZZ_DUMP_DIR: write each failing
 * case, argv and stdin, for replay). Scenarios are mutated from the examples with explicit architectures, and `run`
 * gets --analytic except in one small-simulation property: a catalog search or a big simulation is slow by design.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuUsage } from 'node:process';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandSpec } from '../../src/cli/args.js';
import { main } from '../../src/cli/main.js';
import { COMMANDS } from '../../src/cli/specs.js';
import { validateResult } from '../../src/compare/resultSchema.js';
import { SWEEPABLE_PATHS } from '../../src/compare/sweepFields.js';
import { describePath } from '../../src/errors.js';
import { MAX_SCENARIO_BYTES } from '../../src/scenario/limits.js';

// ---------------------------------------------------------------------------------------------------------------
// Budget
// ---------------------------------------------------------------------------------------------------------------
const GLOBAL_RUNS = fc.readConfigureGlobal().numRuns ?? 100;
/** Runs of one property: `share` percent of the global numRuns (100 unless FC_RUNS says otherwise). */
const runs = (share: number) => Math.max(1, Math.round((share * GLOBAL_RUNS) / 100));
/** Vitest's limit for a property of n runs: a watchdog for hangs, generous enough for a busy machine. */
const timeoutFor = (n: number) => Math.max(300_000, n * 10_000);
/** A case that uses more CPU time than this fails (and is printed by fast-check as the counterexample). */
const CASE_LIMIT_MS = 30_000;
/** A case still running after this elapsed time has hung (waiting for nothing); it fails. */
const HANG_LIMIT_MS = 120_000;

// ---------------------------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------------------------
const ROOT = new URL('../../', import.meta.url);
const TMP = mkdtempSync(join(tmpdir(), 'capplan-fuzz-'));
mkdirSync(join(TMP, 'a-directory'));
const EMPTY_FILE = join(TMP, 'empty.json');
writeFileSync(EMPTY_FILE, '');
afterAll(() => {
  rmSync(TMP, { recursive: true, force: true });
  watchdog.terminate();
});

/** The example scenarios with explicit architectures (fast to compare; no catalog search). */
const EXAMPLES = [
  'global-video',
  'in-memory-cache-heavy',
  'internal-tool',
  'online-game-3-continents',
  'payment-processing',
  'photo-sharing-viral',
  'uncertain-launch',
] as const;
const examplePath = (name: string) => new URL(`models/scenarios/${name}.json`, ROOT).pathname;
const exampleText = new Map(EXAMPLES.map((n) => [n, readFileSync(examplePath(n), 'utf8')]));
/** The cheapest examples to compare many times (worksheet and sweep run the engine over and over). */
const QUICK_EXAMPLES = ['internal-tool', 'online-game-3-continents', 'payment-processing'] as const;

let fileCounter = 0;
/** A temporary file with a given (odd) name. */
function tempFileNamed(name: string, content: string): string {
  const path = join(TMP, name);
  writeFileSync(path, content);
  return path;
}
/** A fresh temporary file holding `content`; returns its path. */
function tempFile(content: string | Buffer): string {
  const path = join(TMP, `case-${++fileCounter}.json`);
  writeFileSync(path, content);
  return path;
}

// ---------------------------------------------------------------------------------------------------------------
// Running a case
// ---------------------------------------------------------------------------------------------------------------
/** What the output should be on success. */
type OutputKind = 'text' | 'json' | 'result' | 'jsonl' | 'sweep-json' | 'sweep-csv';

interface Case {
  argv: string[];
  stdin?: string | Buffer;
  /** Subjects an error line may start with, besides flags and scenario field paths. */
  sources?: string[];
}

interface Outcome {
  code: number | undefined;
  stdout: string;
  stderr: string;
  /** Elapsed time (reported for the slowest case). */
  ms: number;
  /** CPU time of this process (and its simulation threads) during the case: what the limit bounds. */
  cpuMs: number;
  threw?: string;
  timedOut?: boolean;
}

/**
 * A watchdog thread: it is told when a case starts and ends, and prints the case on fd 2 if it is still running
 * after CASE_LIMIT_MS (synchronous work in main would otherwise hang silently: a timer in this thread cannot fire).
 */
const watchdog = new Worker(
  `const { parentPort } = require('node:worker_threads');
   const { writeSync } = require('node:fs');
   let timer;
   parentPort.on('message', (m) => {
     clearTimeout(timer);
     if (m.start !== undefined) timer = setTimeout(() => writeSync(2, '\\nfuzz: case still running after ${CASE_LIMIT_MS} ms: ' + m.start + '\\n'), ${CASE_LIMIT_MS});
   });`,
  { eval: true },
);
watchdog.unref();

const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
const ARRAY_PROTO_NAMES = Object.getOwnPropertyNames(Array.prototype).sort().join(',');

async function runCase(c: Case): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: {
      write: (s: string) => {
        stdout += s;
        return true;
      },
      isTTY: false,
      columns: 100,
    },
    stderr: {
      write: (s: string) => {
        stderr += s;
        return true;
      },
      isTTY: false,
    },
    stdin: Readable.from([c.stdin ?? '']),
    env: {},
  };
  watchdog.postMessage({ start: describeCase(c) });
  const started = performance.now();
  const cpuStart = cpuUsage();
  const cpuMs = () => {
    const used = cpuUsage(cpuStart);
    return (used.user + used.system) / 1000;
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    const limit = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), HANG_LIMIT_MS);
    });
    const code = await Promise.race([main(c.argv, io), limit]);
    const ms = performance.now() - started;
    if (code === 'timeout') return { code: undefined, stdout, stderr, ms, cpuMs: cpuMs(), timedOut: true };
    return { code, stdout, stderr, ms, cpuMs: cpuMs() };
  } catch (error) {
    const ms = performance.now() - started;
    return {
      code: undefined,
      stdout,
      stderr,
      ms,
      cpuMs: cpuMs(),
      threw: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  } finally {
    clearTimeout(timer);
    watchdog.postMessage({ end: true });
  }
}

/** A short, printable rendering of a case (long strings and inputs cut). */
function describeCase(c: Case): string {
  const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}... (${s.length} chars)` : s);
  const argv = JSON.stringify(c.argv.map(cut));
  if (c.stdin === undefined) return `argv ${argv}`;
  const stdin = typeof c.stdin === 'string' ? JSON.stringify(cut(c.stdin)) : `<${c.stdin.length} bytes>`;
  return `argv ${argv} stdin ${stdin}`;
}

/** A scenario field path (`workload.peakRate`, `users[1].share`, `workload["a b"]`, `scenario`). */
const FIELD_PATH =
  /^(?:scenario|(?:[A-Za-z_$][\w$-]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])(?:\.[A-Za-z_$][\w$-]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*): /;

/** The subjects an error line may name for this argv: its command's flags and positionals, the tokens given. */
function subjectsOf(c: Case): string[] {
  const spec = COMMANDS.find((s) => s.name === c.argv[0]);
  const out = ['command', 'FILE', 'stdin', ...(c.sources ?? [])];
  if (spec) {
    out.push(...spec.flags.map((f) => `--${f.name}`), '--help', ...spec.positionals);
    for (let i = 1; i <= c.argv.length; i++) out.push(`argument ${i}`);
  }
  for (const token of c.argv.slice(1)) {
    const eq = token.indexOf('=');
    // a flag's name, a single-dash token, or a FILE argument's path; shown as describePath shows it (one line)
    out.push(token.startsWith('--') && eq >= 0 ? token.slice(0, eq) : token);
  }
  return out.map(describePath);
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Contract numbers of the calculators' JSON, which must be finite (latency of an unstable queue may be null). */
function calculatorProblems(command: string, j: Record<string, unknown>): string[] {
  const p: string[] = [];
  const need = (keys: string[], nullable = false) => {
    for (const k of keys) {
      const v = j[k];
      if (!(isFiniteNumber(v) || (nullable && v === null))) p.push(`${command} --json: ${k} is ${JSON.stringify(v)}`);
    }
  };
  const fractions = (keys: string[]) => {
    for (const k of keys) {
      const v = j[k];
      if (isFiniteNumber(v) && !(v >= 0 && v <= 1)) p.push(`${command} --json: ${k} = ${v} is not in [0, 1]`);
    }
  };
  if (command === 'queue') {
    need(['servers', 'arrivalRatePerS', 'serviceTimeMs', 'utilization']);
    if (typeof j.stable !== 'boolean') p.push('queue --json: stable is not a boolean');
    const latency = ['meanWaitMs', 'meanResponseMs', 'p50Ms', 'p90Ms', 'p95Ms', 'p99Ms', 'p999Ms'];
    need(latency, j.stable !== true);
    need(['probWait', 'meanInSystem'], j.stable !== true);
    fractions(['probWait']);
  } else if (command === 'availability') {
    need(['availability', 'unavailability', 'nines', 'downtimeMinutesPerYear']);
    fractions(['availability', 'unavailability']);
  } else if (command === 'nines') {
    need(['availability', 'nines', 'downtimePerYear', 'downtimePerMonth', 'downtimePerWeek', 'downtimePerDay']);
    fractions(['availability']);
  } else if (command === 'rtt') {
    need(['rttMs', 'distanceKm']);
  }
  return p;
}

function sweepJsonProblems(j: Record<string, unknown>): string[] {
  const p: string[] = [];
  const values = j.values;
  if (!Array.isArray(values) || !values.every(isFiniteNumber)) p.push('sweep json: values are not finite numbers');
  const rows = Array.isArray(j.rows) ? (j.rows as Record<string, unknown>[]) : [];
  for (const row of rows) {
    if ('error' in row) {
      if (row.internal) p.push(`sweep json: internal error row ${JSON.stringify(row)}`);
      continue;
    }
    for (const k of ['value', 'nodes', 'usdPerMonth', 'usdPerMillionRequests', 'nines', 'downtimeMinutesPerYear']) {
      if (!isFiniteNumber(row[k]))
        p.push(`sweep json: row ${String(row.candidate)}: ${k} is ${JSON.stringify(row[k])}`);
    }
    if (!(isFiniteNumber(row.p99Ms) || row.p99Ms === null)) p.push(`sweep json: p99Ms is ${JSON.stringify(row.p99Ms)}`);
  }
  return p;
}

/**
 * Where the first control character (C0, DEL, C1) other than a line break is (-1: none). Output goes to terminals: an escape
 * sequence from the input (a scenario name, a flag) could recolour, move the cursor or clear the screen.
 */
function controlCharacterAt(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f)) return i;
  }
  return -1;
}

/** Problems with an outcome, empty when the oracle holds. */
function judge(c: Case, kind: OutputKind, r: Outcome): string[] {
  const p: string[] = [];
  if (r.threw !== undefined) p.push(`main threw: ${r.threw}`);
  if (r.timedOut) p.push(`did not finish within ${HANG_LIMIT_MS} ms`);
  else if (r.cpuMs > CASE_LIMIT_MS) p.push(`took ${Math.round(r.cpuMs)} ms of CPU time (limit ${CASE_LIMIT_MS} ms)`);
  if (r.code !== undefined && ![0, 1, 2].includes(r.code)) p.push(`exit ${r.code}`);
  if (r.code === 1 && !c.argv.includes('--check')) p.push('exit 1 without --check');
  for (const [name, text] of [
    ['stderr', r.stderr],
    ['stdout', r.stdout],
  ] as const) {
    if (/^ {4}at /m.test(text)) p.push(`a stack trace on ${name}`);
    if (/internal error:/i.test(text)) p.push(`"internal error" on ${name}`);
  }
  if (r.code === 2) {
    if (r.stdout !== '') p.push('exit 2 with output on stdout');
    if (r.stderr === '') p.push('exit 2 with nothing on stderr');
    const subjects = subjectsOf(c);
    for (const line of r.stderr.replace(/\n$/, '').split('\n')) {
      if (!line.startsWith('error: ')) {
        p.push(`stderr line does not start with "error: ": ${JSON.stringify(line.slice(0, 200))}`);
        continue;
      }
      const rest = line.slice('error: '.length);
      if (!FIELD_PATH.test(rest) && !subjects.some((s) => rest.startsWith(`${s}: `))) {
        p.push(`stderr line names no flag or field: ${JSON.stringify(line.slice(0, 200))}`);
      }
    }
  }
  for (const [name, text] of [
    ['stderr', r.stderr],
    ['stdout', r.stdout],
  ] as const) {
    const at = controlCharacterAt(text);
    if (at >= 0) p.push(`a control character on ${name}: ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 40))}`);
  }
  if (r.code === 0 || r.code === 1) p.push(...outputProblems(c, kind, r.stdout));
  if (Object.keys(Object.prototype).length !== 0) p.push(`Object.prototype has keys ${Object.keys(Object.prototype)}`);
  if (Object.getOwnPropertyNames(Object.prototype).sort().join(',') !== PROTO_NAMES) {
    p.push('Object.prototype gained a property');
  }
  if (Object.getOwnPropertyNames(Array.prototype).sort().join(',') !== ARRAY_PROTO_NAMES) {
    p.push('Array.prototype gained a property');
  }
  if (({} as Record<string, unknown>).polluted !== undefined) p.push('({}).polluted is defined');
  return p;
}

function outputProblems(c: Case, kind: OutputKind, stdout: string): string[] {
  const p: string[] = [];
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch (error) {
      p.push(`stdout is not JSON (${(error as Error).message}): ${JSON.stringify(text.slice(0, 200))}`);
      return undefined;
    }
  };
  if (c.argv.some((t) => t === '--out' || t.startsWith('--out='))) return p; // written to a file, not stdout
  switch (kind) {
    case 'json': {
      const j = parse(stdout) as Record<string, unknown> | undefined;
      if (j !== undefined) p.push(...calculatorProblems(c.argv[0] as string, j));
      break;
    }
    case 'result': {
      const j = parse(stdout);
      if (j !== undefined) p.push(...validateResult(j).map((e) => `result: ${e}`));
      break;
    }
    case 'jsonl': {
      const lines = stdout
        .replace(/\n$/, '')
        .split('\n')
        .filter((l) => l !== '');
      for (const line of lines) {
        const j = parse(line) as Record<string, unknown> | undefined;
        if (j === undefined) continue;
        if ('error' in j) {
          if (typeof j.error !== 'string' || j.error.includes('\n') || !isFiniteNumber(j.line)) {
            p.push(`jsonl: bad error line ${line.slice(0, 200)}`);
          }
        } else {
          // a result carries its line number first, then the object `run --json` prints
          const { line: n, ...result } = j;
          if (!isFiniteNumber(n)) p.push(`jsonl: result without its line number ${line.slice(0, 200)}`);
          p.push(...validateResult(result).map((e) => `jsonl result: ${e}`));
        }
      }
      break;
    }
    case 'sweep-json': {
      const j = parse(stdout) as Record<string, unknown> | undefined;
      if (j !== undefined) p.push(...sweepJsonProblems(j));
      break;
    }
    case 'sweep-csv':
      if (!stdout.startsWith('value,') && !stdout.startsWith('kind,')) p.push('sweep csv: no header');
      if (/,(?:NaN|-?Infinity|undefined),/.test(stdout)) p.push('sweep csv: a NaN, Infinity or undefined cell');
      break;
    case 'text':
      if (['queue', 'availability', 'nines', 'rtt'].includes(c.argv[0] as string)) {
        if (/\bNaN\b|undefined|\[object Object\]|Infinity/.test(stdout)) {
          p.push(`text output shows NaN/Infinity/undefined: ${JSON.stringify(stdout.slice(0, 300))}`);
        }
      }
      break;
  }
  return p;
}

/** Cases tried, and (with FUZZ_EXPLORE=1) the failures seen by kind, printed at the end. */
let casesTried = 0;
let slowest = { ms: 0, what: '' };
const failures = new Map<string, number>();
afterAll(() => {
  if (!process.env.FUZZ_EXPLORE && !process.env.FC_RUNS) return;
  const lines = [...failures].map(([k, n]) => `  ${n} x ${k}`);
  const total = [...failures.values()].reduce((a, b) => a + b, 0);
  const slow = `slowest ${Math.round(slowest.ms)} ms: ${slowest.what.slice(0, 200)}`;
  process.stderr.write(`fuzz: ${casesTried} cases, ${total} failures; ${slow}\n${lines.join('\n')}\n`);
});

/** Runs a case and fails (with the case and every problem) unless the oracle holds. */
async function expectSafe(c: Case, kind: OutputKind): Promise<Outcome> {
  casesTried++;
  const r = await runCase(c);
  if (r.ms > slowest.ms) slowest = { ms: r.ms, what: describeCase(c) };
  const problems = judge(c, kind, r);
  if (problems.length > 0) {
    const dump = process.env.FUZZ_DUMP_DIR; // for campaigns: every failing case in full, for replay
    if (dump) {
      mkdirSync(dump, { recursive: true });
      const name = join(dump, `case-${Date.now()}-${++fileCounter}`);
      writeFileSync(`${name}.json`, JSON.stringify({ argv: c.argv, problems }, null, 2));
      if (c.stdin !== undefined) writeFileSync(`${name}.stdin`, c.stdin);
      const file = c.argv.find((t) => t.startsWith(join(TMP, 'case-')));
      if (file !== undefined) writeFileSync(`${name}.file`, readFileSync(file));
    }
    if (process.env.FUZZ_EXPLORE) {
      // exploration: record the failure and go on, so that one campaign finds every kind of failure
      const signature = `${c.argv[0]}: ${(problems[0] as string).replace(/\d+(\.\d+)?(e[+-]?\d+)?/g, 'N').slice(0, 160)}`;
      failures.set(signature, (failures.get(signature) ?? 0) + 1);
      return r;
    }
    throw new Error(
      `${problems.join('\n')}\n  case: ${describeCase(c)}\n  exit ${r.code}, ${Math.round(r.ms)} ms\n  stderr: ${r.stderr.slice(0, 1000)}`,
    );
  }
  return r;
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile JSON: values, and text that JSON.stringify cannot write (duplicate keys, -0, 1e999, deep nesting)
// ---------------------------------------------------------------------------------------------------------------
/** A piece of raw JSON text placed as a value. */
class RawJson {
  constructor(readonly text: string) {}
}
/** Duplicate keys of an object, written before its own entries (JSON.parse keeps the last). */
const DUPLICATES = Symbol('duplicates');
type Json = unknown;

const deepArray = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;
const deepObject = (n: number, inner = '1') => `${'{"a":'.repeat(n)}${inner}${'}'.repeat(n)}`;
const PROTO_TEXT = '{"__proto__":{"polluted":1}}';

/** JSON text of a value built by the generators (RawJson pieces, DUPLICATES, -0). */
function toText(v: Json): string {
  if (v instanceof RawJson) return v.text;
  if (Object.is(v, -0)) return '-0';
  if (Array.isArray(v)) return `[${v.map(toText).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const dups = (v as { [DUPLICATES]?: [string, Json][] })[DUPLICATES] ?? [];
    const entries = [...dups, ...Object.entries(v)];
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${toText(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

const LONG = 100_000;
const hostileScalar: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    1e308,
    -1e308,
    -0,
    0,
    5e-324,
    2 ** 53 + 2,
    -1,
    0.5,
    1,
    2,
    100,
    'NaN',
    'Infinity',
    '-Infinity',
    '1e999/s',
    '1e308/s',
    '1e308/s * 10',
    '-1e308',
    '1e-400',
    '0/0',
    '1/0',
    '5 kg',
    '5 ms',
    '4000/s',
    '100%',
    '99.9999999999999999%',
    '-5 ms',
    '0 ms',
    '',
    ' ',
    '\u0000',
    '\u001b[2J\u001b[31mred',
    'two\nlines',
    'carriage\rreturn',
    '5\u00a0ms',
    '\u202e5 ms',
    '🙂',
    'us-east-1',
    'mars-north-1',
    'm7i',
    '2xlarge',
    'vertical',
    'horizontal',
    'hot',
    'cold',
    'normal',
    'uniform',
    'least-loaded',
    '__proto__',
    'constructor',
    'toString',
    '30000 USD/month',
    '1e308 USD/month',
    '1e300 GiB',
    'sqrt(4)',
    'import("fs")',
    'a = 1',
    '[1, 2]',
    '10 % 3',
    '1000/s * 1.5^2',
    '2^1024',
    '(((((1)))))',
    true,
    false,
    null,
    [],
    {},
    [{}],
    { p5: '1/s', p95: '1e308/s' },
    { p5: -1, p95: 1e308, distribution: 'normal' },
    { p5: 0, p95: 0 },
    new RawJson('1e999'),
    new RawJson('-1e999'),
    new RawJson('1E+400'),
    new RawJson('-0.0'),
    new RawJson('1e-400'),
    new RawJson(`1${'0'.repeat(400)}`),
    new RawJson(PROTO_TEXT),
    new RawJson('{"constructor":{"prototype":{"polluted":1}}}'),
    new RawJson('[{"__proto__":{"polluted":1}}]'),
    new RawJson(deepArray(10_000)),
    new RawJson(deepObject(10_000)),
    new RawJson(deepObject(10_000, PROTO_TEXT)),
    new RawJson(deepArray(100)),
    new RawJson(deepObject(100)),
  ),
  fc.constantFrom('9', 'a', '1', ' ', '🙂', 'é').map((ch) => ch.repeat(LONG)),
  fc.constantFrom(
    `${'9'.repeat(LONG)}/s`,
    `${'('.repeat(LONG / 2)}1${')'.repeat(LONG / 2)}`,
    `1${' + 1'.repeat(LONG / 4)}`,
  ),
  fc.double(),
  fc.integer(),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.jsonValue({ maxDepth: 3 }),
);

const hostileKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'polluted',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '',
    ' ',
    'peakRate',
    'name',
    'kind',
    'nodes',
    'a'.repeat(1000),
    '\u0000',
    'line\nbreak',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

type Key = string | number;

/** Every path to a value inside v (the root is []). */
function pathsOf(v: Json, at: Key[] = []): Key[][] {
  if (v === null || typeof v !== 'object' || v instanceof RawJson) return [at];
  const entries: [Key, Json][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  return [at, ...entries.flatMap(([k, x]) => pathsOf(x, [...at, k]))];
}

function getAt(root: Json, path: readonly Key[]): Json {
  let v = root;
  for (const k of path) v = (v as Record<Key, Json>)[k];
  return v;
}

/** Own property, even for "__proto__" (an assignment would set the prototype instead). */
function setOwn(o: object, key: Key, value: Json): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

interface Mutation {
  op: 'replace' | 'extreme' | 'remove' | 'duplicate' | 'insert' | 'wrap-array' | 'to-array';
  pick: number;
  value: Json;
  key: string;
  magnitude: number;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom(
    'replace',
    'replace',
    'replace',
    'extreme',
    'extreme',
    'extreme',
    'remove',
    'duplicate',
    'insert',
    'wrap-array',
    'to-array',
  ),
  pick: fc.nat(),
  value: hostileScalar,
  key: hostileKey,
  magnitude: fc.constantFrom(1e300, 1e-300, 1e15, 1e-15, 1e6, 0, -1, 1e308, 5e-324, 2 ** 53 + 1, 0.999999999999),
});

/**
 * The same quantity at an extreme magnitude, in its own unit, so that it passes the unit parser and reaches the
 * engine: "4000/s" -> "1e+300/s", 0.1 -> 1e-301, "99.95%" -> "1e-15%".
 */
function extreme(value: Json, magnitude: number): Json {
  if (typeof value === 'number') return value === 0 ? magnitude : value * magnitude;
  if (typeof value !== 'string') return value;
  const m = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(.*)$/.exec(value);
  return m === null ? value : `${magnitude}${m[1]}`;
}

/**
 * Applies one mutation to a scenario object in place. The root-level `architectures` is never removed or replaced
 * (without it the engine searches the whole catalog, which is slow by design): the values inside it are fair game.
 */
function mutate(root: Record<string, Json>, m: Mutation): void {
  const paths = pathsOf(root).filter((p) => !(p.length === 1 && p[0] === 'architectures'));
  const path = paths[m.pick % paths.length] as Key[];
  const target = getAt(root, path);
  const parent = path.length === 0 ? undefined : (getAt(root, path.slice(0, -1)) as Record<Key, Json>);
  const last = path[path.length - 1] as Key;
  switch (m.op) {
    case 'replace':
      if (parent === undefined) return;
      parent[last] = m.value;
      return;
    case 'extreme': {
      // a leaf quantity (a number, or a string starting with one) scaled to an extreme
      const leaves = paths.filter((q) => {
        const v = getAt(root, q);
        return typeof v === 'number' || (typeof v === 'string' && /^\s*[-+.\d]/.test(v));
      });
      if (leaves.length === 0) return;
      const at = leaves[m.pick % leaves.length] as Key[];
      const holder = getAt(root, at.slice(0, -1)) as Record<Key, Json>;
      const key = at[at.length - 1] as Key;
      holder[key] = extreme(holder[key], m.magnitude);
      return;
    }
    case 'remove':
      if (parent === undefined) return;
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
      return;
    case 'duplicate':
      // the same key again in the JSON text with another value (or, in an array, the element twice)
      if (parent === undefined) return;
      if (Array.isArray(parent)) parent.splice(last as number, 0, structuredClone(parent[last as number]));
      else {
        const holder = parent as { [DUPLICATES]?: [string, Json][] };
        holder[DUPLICATES] = [...(holder[DUPLICATES] ?? []), [String(last), m.value]];
      }
      return;
    case 'insert':
      if (target !== null && typeof target === 'object' && !Array.isArray(target) && !(target instanceof RawJson)) {
        setOwn(target, m.key, m.value);
      } else if (Array.isArray(target)) target.push(m.value);
      return;
    case 'wrap-array':
      if (parent !== undefined) parent[last] = [target];
      return;
    case 'to-array':
      // an array where an object is expected: the object's values
      if (parent !== undefined && target !== null && typeof target === 'object' && !Array.isArray(target)) {
        parent[last] = Object.values(target);
      }
      return;
  }
}

const exampleName = fc.constantFrom(...EXAMPLES);

/** A mutated example scenario, as JSON text. */
const mutatedScenario: fc.Arbitrary<string> = fc
  .record({ base: exampleName, mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }) })
  .map(({ base, mutations }) => {
    const s = JSON.parse(exampleText.get(base) as string) as Record<string, Json>;
    for (const m of mutations) mutate(s, m);
    return toText(s);
  });

// ---------------------------------------------------------------------------------------------------------------
// Raw text: broken JSON, bytes that are not UTF-8, BOMs, inputs over the size limit
// ---------------------------------------------------------------------------------------------------------------
const BOM = '\ufeff';
const rawInput: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  fc
    .record({
      base: exampleName,
      at: fc.nat(),
      cut: fc.nat({ max: 20 }),
      insert: fc.string({ unit: 'binary', maxLength: 5 }),
    })
    .map(({ base, at, cut, insert }) => {
      const text = exampleText.get(base) as string;
      const i = at % text.length;
      return text.slice(0, i) + insert + text.slice(i + cut); // a splice: usually broken JSON
    }),
  fc
    .record({
      base: exampleName,
      at: fc.nat(),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }).map((b) => b.map((x) => x | 0x80)),
    })
    .map(({ base, at, bytes }) => {
      // bytes >= 0x80 spliced into a valid scenario: often not UTF-8 (inside or outside a string)
      const text = Buffer.from(exampleText.get(base) as string, 'utf8');
      const i = at % text.length;
      return Buffer.concat([text.subarray(0, i), Buffer.from(bytes), text.subarray(i)]);
    }),
  fc.constantFrom(
    ...EXAMPLES.map((n) => BOM + (exampleText.get(n) as string)),
    `${BOM}${BOM}{}`,
    `{}${BOM}`,
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"name":"x"}', 'utf16le')]),
    Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
    '',
    ' ',
    '\n',
    'null',
    '[]',
    '"scenario"',
    '1e999',
    '{"name": "x"} trailing',
    '{"name": "x",}',
    '{\'name\': "x"}',
    '{"name": "x" /* comment */}',
    deepArray(100_000),
    deepObject(100_000),
    `${'['.repeat(100_000)}`,
    `${'{"a":'.repeat(100_000)}`,
    PROTO_TEXT,
    `{"name":"x","workload":${PROTO_TEXT}}`,
  ),
  fc
    .constantFrom(MAX_SCENARIO_BYTES - 1, MAX_SCENARIO_BYTES, MAX_SCENARIO_BYTES + 1, 2 * MAX_SCENARIO_BYTES)
    .chain((size) =>
      fc.constantFrom<string>(
        // padding with whitespace, or a long description, or one multi-byte character too many
        (() => {
          const base = exampleText.get('internal-tool') as string;
          return base + ' '.repeat(Math.max(0, size - Buffer.byteLength(base)));
        })(),
        (() => {
          const s = JSON.parse(exampleText.get('internal-tool') as string) as Record<string, Json>;
          const rest = size - Buffer.byteLength(JSON.stringify({ ...s, description: '' }));
          return JSON.stringify({ ...s, description: 'x'.repeat(Math.max(0, rest)) });
        })(),
        'é'.repeat(Math.ceil(size / 2)),
      ),
    ),
);

// ---------------------------------------------------------------------------------------------------------------
// argv
// ---------------------------------------------------------------------------------------------------------------
const genericValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-0',
    '1',
    '-1',
    '2',
    '3',
    '8',
    '0.5',
    '-5',
    '-1e308',
    '1e308',
    '1e999',
    '1e-320',
    'NaN',
    'Infinity',
    '-Infinity',
    '0x10',
    '1/0',
    '0/0',
    'sqrt(4)',
    'import("fs")',
    'a=1',
    '[1,2]',
    '{a:1}',
    '10 % 3',
    '%',
    '5 kg',
    '5ms',
    '-5ms',
    '2000 h',
    '1200/s',
    '72000/min',
    '99.95%',
    '99.9999999999999999999%',
    '100%',
    '0%',
    '1000/s * 1.5^2',
    '2^1024',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'us-east-1',
    '35.68,139.65',
    '-33.92,18.42',
    '91,0',
    '0,181',
    '1e308,1e308',
    'line\nbreak',
    '\u0000',
    '\u001b[2J',
    '🙂',
    '9'.repeat(10_000),
    'a'.repeat(100_000),
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.double().map(String),
  fc.integer().map(String),
);

/** Flag values that make sense for a flag, plus hostile ones; simulation sizes kept small (they are slow by design). */
const FLAG_VALUES: Readonly<Record<string, fc.Arbitrary<string>>> = {
  servers: fc.constantFrom('1', '2', '8', '64', '1000', '1e6', '1000001', '0', '-3', '2.5', '1e308'),
  rate: fc.constantFrom('0', '1200/s', '72000/min', '1e308/s', '1e-300/s', '5 ms', '1280', '-1/s', '1e6/s'),
  service: fc.constantFrom('5ms', '0.005', '1e-300', '1e308', '0', '-5ms', '1 h', '5 kg', '1 us'),
  cv: fc.constantFrom('0', '1', '1.5', '100', '101', '-1', '1e-300', '0.0001'),
  fanout: fc.constantFrom('1', '2', '4', '10000', '10001', '0', '1.5'),
  simulate: fc.constantFrom('1', '10', '1000', '5000', '0', '-1', '1.5', '1e308', '2000000000'),
  dist: fc.constantFrom('exponential', 'deterministic', 'gamma', 'lognormal', 'pareto', ''),
  seed: fc.constantFrom('0', '1', '42', '9007199254740991', '9007199254740992', '-1', '1.5', '1e308'),
  threads: fc.constantFrom('1', '2', '256', '257', '0', '-1', '1.5'),
  nodes: fc.constantFrom('1', '2', '3', '5', '100', '1000000', '1000001', '0', '-1', '2.5'),
  need: fc.constantFrom('1', '2', '3', '100', '1000000', '0', '-1'),
  mtbf: fc.constantFrom('4380h', '1', '0.001', '1e-300', '1e308', '30 d', '0', '-1h', '5 kg', '1e308 h'),
  mttr: fc.constantFrom('2h', '1', '0.001', '1e-300', '1e308', '30 min', '0', '-1h'),
  'node-availability': fc.constantFrom('99.5%', '0.995', '1', '0', '100%', '1e-300', '0.9999999999999999', '2'),
  zones: fc.constantFrom('1', '2', '3', '100', '1000000', '0'),
  'zone-mtbf': fc.constantFrom('8766h', '1', '1e-300', '1e308', '0'),
  'zone-mttr': fc.constantFrom('4h', '1', '1e-300', '1e308', '0'),
  regions: fc.constantFrom('1', '2', '3', '1000000', '0'),
  'region-mtbf': fc.constantFrom('26298h', '1', '1e-300', '1e308', '0'),
  'region-mttr': fc.constantFrom('8h', '1', '1e-300', '1e308', '0'),
  'simulate-years': fc.constantFrom('0.001', '0.1', '1', '0', '-1', '1e308', '1e9', '1e10'),
  nines: fc.constantFrom('3.3', '1', '300', '301', '0', '-1', '1e-300', '15', '17'),
  format: fc.constantFrom('json', 'table', 'csv', 'md', 'html', 'JSON', ''),
  date: fc.constantFrom('2026-01-01', '2026-13-45', '0000-00-00', 'today', ''),
  steps: fc.constantFrom('2', '3', '4', '1', '0', '1001', '2.5', '-3', '1e308'),
  vary: fc.oneof(
    fc
      .record({
        path: fc.oneof(
          fc.constantFrom(...SWEEPABLE_PATHS.map((p) => p.replace('[]', '[2]'))),
          fc.constantFrom(
            'architectures[0].nodes',
            'architectures[99].nodes',
            'architectures[9999999].nodes',
            'users[0].share',
            'name',
            '__proto__.polluted',
            'constructor.prototype.polluted',
            'workload.__proto__',
            'workload',
            '',
            'a..b',
          ),
        ),
        from: fc.constantFrom(
          '1',
          '0',
          '-0',
          '-1',
          '1e308',
          '1e-300',
          '50ms',
          '100/s',
          '99.9%',
          '1e999',
          'NaN',
          '5 kg',
          '',
        ),
        to: fc.constantFrom('2', '10', '1e308', '1e6/s', '500ms', '99.999%', '100000h', '-5', 'Infinity', ''),
      })
      .map(({ path, from, to }) => `${path}=${from}..${to}`),
    fc.constantFrom('workload.peakRate', 'workload.peakRate=1..2..3', 'workload.peakRate=..', '=1..2', 'x=1...2'),
  ),
};

/** FILE arguments: quick examples, stdin, an empty file, a directory, missing files (never a random path). */
const fileArg = fc.constantFrom(
  ...QUICK_EXAMPLES.map(examplePath),
  '-',
  EMPTY_FILE,
  join(TMP, 'a-directory'),
  join(TMP, 'no-such-file.json'),
  join(TMP, 'no-such-dir', 'x.json'),
);

/** --out is always a path in the temporary directory (never a random path in the working tree). */
const outArg = fc.constantFrom(
  join(TMP, 'out.txt'),
  join(TMP, 'a-directory'),
  join(TMP, 'no-such-dir', 'out.txt'),
  join(TMP, 'ünïcödé 🙂.txt'),
);

const flagValue = (name: string): fc.Arbitrary<string> =>
  name === 'out'
    ? outArg
    : fc.oneof({ weight: 3, arbitrary: FLAG_VALUES[name] ?? genericValue }, { weight: 1, arbitrary: genericValue });

/** Tokens for one flag of a spec: `--name VALUE`, `--name=VALUE`, `--name` alone, a switch with `=VALUE`. */
function flagTokens(spec: CommandSpec): fc.Arbitrary<string[]> {
  const flags = [...spec.flags, { name: 'help', kind: 'switch' as const, description: '' }];
  return fc.constantFrom(...flags).chain((f): fc.Arbitrary<string[]> => {
    if (f.kind === 'switch') {
      return fc.oneof(
        { weight: 5, arbitrary: fc.constant<string[]>([`--${f.name}`]) },
        { weight: 1, arbitrary: genericValue.map((v) => [`--${f.name}=${v}`]) },
      );
    }
    const value = flagValue(f.name);
    if (f.name === 'out') return value.map((v) => [`--out=${v}`]); // --out bare could take a random token as its file
    return fc.oneof(
      { weight: 4, arbitrary: value.map((v) => [`--${f.name}`, v]) },
      { weight: 2, arbitrary: value.map((v) => [`--${f.name}=${v}`]) },
      { weight: 1, arbitrary: fc.constant<string[]>([`--${f.name}`]) },
    );
  });
}

/** Tokens that are not flags of the command: unknown flags, single dashes, negative numbers, `--`. */
const strayTokens: fc.Arbitrary<string[]> = fc.oneof(
  fc.constantFrom<string[]>(
    ['--'],
    ['-'],
    ['-x'],
    ['---'],
    ['--='],
    ['--json'],
    ['-5'],
    ['-1e308'],
    ['-33.92,18.42'],
    ['--no-such-flag', '1'],
  ),
  fc.string({ maxLength: 10 }).map((s) => [`--${s}`]),
  fc.string({ maxLength: 10 }).map((s) => [`-${s}`]),
  fc.string({ unit: 'binary', maxLength: 10 }).map((s) => [`--${s}`]),
  fc.constantFrom<string[]>(['--a\nb'], ['-\u001b[31m'], [`--${'x'.repeat(10_000)}`]),
);

/** argv for one command: its flags (some repeated) and stray tokens in any order, plus its positionals. */
function argvFor(spec: CommandSpec, positional: fc.Arbitrary<string[]>): fc.Arbitrary<string[]> {
  const pieces = fc.array(fc.oneof({ weight: 6, arbitrary: flagTokens(spec) }, { weight: 1, arbitrary: strayTokens }), {
    maxLength: 8,
  });
  return fc
    .record({ pieces, positional, at: fc.nat(), repeat: fc.boolean() })
    .map(({ pieces, positional, at, repeat }) => {
      const all = repeat && pieces.length > 0 ? [...pieces, pieces[0] as string[]] : pieces;
      const i = all.length === 0 ? 0 : at % (all.length + 1);
      // `--` would turn the flags after it into positionals: keep the positionals before a `--`
      return [spec.name, ...all.slice(0, i).flat(), ...positional, ...all.slice(i).flat()];
    })
    .filter((argv) => !writesOutsideTmp(argv));
}

/**
 * An argv that could write a file outside the temporary directory: `--out` followed by a token (taken as its file
 * name), or `--out=X` with X elsewhere (a stray `--${random}` token can spell it). Never run.
 */
function writesOutsideTmp(argv: string[]): boolean {
  return argv.some(
    (t, i) => (t === '--out' && i + 1 < argv.length) || (t.startsWith('--out=') && !t.startsWith(`--out=${TMP}`)),
  );
}

const spec = (name: string) => COMMANDS.find((c) => c.name === name) as CommandSpec;

/** Which output kind the oracle checks for an argv. */
function kindOf(argv: readonly string[]): OutputKind {
  const command = argv[0];
  const end = argv.indexOf('--');
  if (argv.slice(0, end < 0 ? undefined : end).some((t) => t === '--help' || t === '-h')) return 'text';
  const has = (flag: string) => argv.includes(flag) || argv.some((t) => t.startsWith(`${flag}=`));
  const format = (() => {
    const i = argv.indexOf('--format');
    if (i >= 0) return argv[i + 1];
    return argv.find((t) => t.startsWith('--format='))?.slice('--format='.length);
  })();
  if (command === 'run') {
    if (has('--jsonl')) return 'jsonl';
    return format === undefined || format === 'json' ? 'result' : 'text';
  }
  if (command === 'sweep') return format === 'json' ? 'sweep-json' : 'sweep-csv';
  if (command === 'schema') return 'text'; // help or JSON Schema; parsed in its own property
  if (command === 'worksheet') return 'text';
  return argv.includes('--json') && !has('--help') ? 'json' : 'text';
}

// ---------------------------------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------------------------------
describe('capplan under hostile input (in-process fuzzing; the oracle is in the header comment)', () => {
  const nRaw = runs(60);
  it(`run - on arbitrary JSON values (${nRaw} cases)`, { timeout: timeoutFor(nRaw) }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (v) => {
        await expectSafe({ argv: ['run', '-'], stdin: JSON.stringify(v) }, 'result');
      }),
      { numRuns: nRaw },
    );
  });

  const nMut = runs(120);
  it(`run on mutated example scenarios (${nMut} cases)`, { timeout: timeoutFor(nMut) }, async () => {
    await fc.assert(
      fc.asyncProperty(
        mutatedScenario,
        fc.constantFrom<string[]>([], ['--format', 'json'], ['--format', 'table'], ['--check']),
        fc.boolean(),
        async (text, extra, viaFile) => {
          const file = viaFile ? tempFile(text) : '-';
          const argv = ['run', file, '--analytic', ...extra];
          await expectSafe({ argv, stdin: viaFile ? undefined : text, sources: [file] }, kindOf(argv));
        },
      ),
      { numRuns: nMut },
    );
  });

  const nSim = runs(15);
  it(`run with a small simulation block on mutated scenarios (${nSim} cases)`, {
    timeout: timeoutFor(nSim),
  }, async () => {
    await fc.assert(
      fc.asyncProperty(
        mutatedScenario,
        fc.record(
          {
            requests: fc.constantFrom(1, 2, 100, 2000),
            years: fc.constantFrom(1e-9, 0.01, 1, 10),
            seed: fc.nat(),
            // the options that drop the analytic assumptions, at sensible and at hostile values
            bursts: fc.oneof(
              fc.record({
                factor: fc.constantFrom(1.000001, 3, 1000, 0, -1, 1e308),
                share: fc.constantFrom('10%', '1e-12%', '99.999999%', 0.5, '1 s'),
                length: fc.constantFrom('2 s', '1 ns', '1e9 h', 0, '5 kg'),
              }),
              hostileScalar,
            ),
            weibullShape: fc.oneof(fc.constantFrom(0.1, 0.7, 20, 1e-9, 1e9), hostileScalar),
            repairCrews: fc.oneof(fc.constantFrom(1, 2, 1_000_000, 0, 1.5), hostileScalar),
          },
          { requiredKeys: ['requests', 'years', 'seed'] },
        ),
        async (text, simulation) => {
          // a small simulation block as the last key (JSON.parse keeps the last of duplicate keys)
          const end = text.lastIndexOf('}');
          const stdin = `${text.slice(0, end)},"simulation":${JSON.stringify(simulation)}}`;
          await expectSafe({ argv: ['run', '-'], stdin }, 'result');
        },
      ),
      { numRuns: nSim },
    );
  });

  const nText = runs(80);
  it(`run on raw text and bytes: broken JSON, not UTF-8, BOMs, over the size limit (${nText} cases)`, {
    timeout: timeoutFor(nText),
  }, async () => {
    await fc.assert(
      fc.asyncProperty(rawInput, fc.boolean(), async (input, viaFile) => {
        const file = viaFile ? tempFile(input) : '-';
        await expectSafe(
          { argv: ['run', file, '--analytic'], stdin: viaFile ? undefined : input, sources: [file] },
          'result',
        );
      }),
      { numRuns: nText },
    );
  });

  const nJsonl = runs(20);
  it(`run - --jsonl with good, mutated and broken lines (${nJsonl} cases)`, {
    timeout: timeoutFor(nJsonl),
  }, async () => {
    const line = fc.oneof(
      mutatedScenario,
      fc.constantFrom(...QUICK_EXAMPLES.map((n) => JSON.stringify(JSON.parse(exampleText.get(n) as string)))),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string({ unit: 'binary', maxLength: 50 }),
      fc.constantFrom(PROTO_TEXT, deepArray(10_000), '', '\r', BOM),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 4 }), fc.boolean(), async (lines, check) => {
        // a line is one scenario: line breaks inside a mutated scenario's strings are escaped by JSON already
        const argv = ['run', '-', '--jsonl', '--analytic', ...(check ? ['--check'] : [])];
        await expectSafe({ argv, stdin: lines.map((l) => l.replace(/[\r\n\u2028\u2029]/g, ' ')).join('\n') }, 'jsonl');
      }),
      { numRuns: nJsonl },
    );
  });

  for (const [name, share] of [
    ['queue', 60],
    ['availability', 60],
    ['nines', 40],
    ['rtt', 40],
    ['schema', 15],
  ] as const) {
    const n = runs(share);
    const positional: fc.Arbitrary<string[]> =
      name === 'nines'
        ? fc.array(fc.oneof(FLAG_VALUES['node-availability'] as fc.Arbitrary<string>, genericValue), { maxLength: 2 })
        : name === 'rtt'
          ? fc.array(
              fc.oneof(
                fc.constantFrom('us-east-1', 'eu-west-1', 'ap-northeast-1', 'us-east-2', 'US-EAST-1'),
                genericValue,
              ),
              {
                maxLength: 3,
              },
            )
          : name === 'schema'
            ? fc.array(fc.oneof(fc.constantFrom('scenario', 'result', 'Scenario', ''), genericValue), { maxLength: 2 })
            : fc.array(genericValue, { maxLength: 1 });
    it(`${name} with random flags and values (${n} cases)`, { timeout: timeoutFor(n) }, async () => {
      await fc.assert(
        fc.asyncProperty(argvFor(spec(name), positional), async (argv) => {
          const r = await expectSafe({ argv }, kindOf(argv));
          if (name === 'schema' && r.code === 0 && !argv.some((t) => t === '--help' || t === '-h'))
            JSON.parse(r.stdout);
        }),
        { numRuns: n },
      );
    });
  }

  const nRunArgs = runs(40);
  it(`run with random flags (${nRunArgs} cases)`, { timeout: timeoutFor(nRunArgs) }, async () => {
    const positional = fc.array(fileArg, { maxLength: 2 });
    await fc.assert(
      fc.asyncProperty(argvFor(spec('run'), positional), exampleName, async (argv, stdinExample) => {
        // simulations are slow by design: the examples' simulation blocks run only with --analytic
        const args = argv.includes('--analytic') ? argv : [...argv, '--analytic'];
        await expectSafe({ argv: args, stdin: exampleText.get(stdinExample) }, kindOf(args));
      }),
      { numRuns: nRunArgs },
    );
  });

  const nSheet = runs(12);
  it(`worksheet with random flags (${nSheet} cases)`, { timeout: timeoutFor(nSheet) }, async () => {
    const positional = fc.array(fileArg, { maxLength: 2 });
    await fc.assert(
      fc.asyncProperty(argvFor(spec('worksheet'), positional), async (argv) => {
        const args = argv.includes('--analytic') ? argv : [...argv, '--analytic'];
        await expectSafe({ argv: args, stdin: exampleText.get('internal-tool') }, kindOf(args));
      }),
      { numRuns: nSheet },
    );
  });

  const nSweep = runs(40);
  it(`sweep with random flags and ranges (${nSweep} cases)`, { timeout: timeoutFor(nSweep) }, async () => {
    const positional = fc.array(fileArg, { maxLength: 2 });
    await fc.assert(
      fc.asyncProperty(argvFor(spec('sweep'), positional), async (argv) => {
        await expectSafe({ argv, stdin: exampleText.get('internal-tool') }, kindOf(argv));
      }),
      { numRuns: nSweep },
    );
  });

  const nCmd = runs(20);
  it(`unknown commands and odd first tokens (${nCmd} cases)`, { timeout: timeoutFor(nCmd) }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.constantFrom(
            'RUN',
            'ru',
            'queu',
            '__proto__',
            'constructor',
            'toString',
            'help',
            '--help',
            '-h',
            '--version',
            '-V',
          ),
        ),
        fc.array(genericValue, { maxLength: 2 }),
        async (first, rest) => {
          if (first === '' || first === 'tui') return; // the interactive UI is not a batch command
          await expectSafe({ argv: [first, ...rest] }, 'text');
        },
      ),
      { numRuns: nCmd },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Regression tests
// ---------------------------------------------------------------------------------------------------------------
describe('hostile input: regressions', () => {
  const internalTool = () => JSON.parse(exampleText.get('internal-tool') as string) as Record<string, Json>;

  it('refuses input over the size limit with one line naming the limit', async () => {
    const text = (exampleText.get('internal-tool') as string) + ' '.repeat(MAX_SCENARIO_BYTES);
    for (const [argv, stdin] of [
      [['run', '-'], text],
      [['run', tempFile(text)], undefined],
    ] as const) {
      const r = await expectSafe({ argv: [...argv], stdin, sources: [argv[1]] }, 'result');
      expect(r.code).toBe(2);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^error: .*${MAX_SCENARIO_BYTES} bytes \\(1 MiB\\)`));
    }
  });

  it('reads a 10k-deep nested scenario without overflowing the stack', async () => {
    for (const deep of [deepObject(10_000), deepArray(10_000)]) {
      for (const where of ['top', 'workload', 'users']) {
        const text = where === 'top' ? deep : toText({ ...internalTool(), [where]: new RawJson(deep) });
        const r = await expectSafe({ argv: ['run', '-'], stdin: text }, 'result');
        expect(r.code).toBe(2);
      }
    }
  });

  it('refuses __proto__, constructor and prototype keys at the top and nested, and pollutes nothing', async () => {
    const forbidden = /forbidden key/;
    const texts: [string, RegExp][] = [
      [PROTO_TEXT, forbidden],
      [toText(internalTool()).replace(/^\{/, `{"__proto__":{"polluted":1},`), forbidden],
      [toText({ ...internalTool(), workload: new RawJson(PROTO_TEXT) }), forbidden],
      [toText(internalTool()).replace('"users":[', `"users":[${PROTO_TEXT},`), forbidden],
      [
        toText(internalTool()).replace('"workload":{', '"workload":{"constructor":{"prototype":{"polluted":1}},'),
        forbidden,
      ],
      [deepObject(60, PROTO_TEXT), forbidden],
      // deeper than 64 levels the nesting is refused before anything is parsed
      [deepObject(10_000, PROTO_TEXT), /nested at most 64 levels deep/],
    ];
    for (const [text, expected] of texts) {
      const r = await expectSafe({ argv: ['run', '-'], stdin: text }, 'result');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(expected);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.keys(Object.prototype)).toHaveLength(0);
    }
  });

  /** internal-tool.json with one workload field changed, as JSON text. */
  const withWorkload = (key: string, value: Json) => {
    const s = internalTool();
    (s.workload as Record<string, Json>)[key] = value;
    return JSON.stringify(s);
  };

  it('sizes a horizontal candidate at an enormous design rate at the node cap (was 1e297 nodes: exit 3)', async () => {
    for (const growth of [undefined, { perYear: '10000%', years: 100 }]) {
      const s = internalTool();
      const w = s.workload as Record<string, Json>;
      w.peakRate = '1e12/s';
      if (growth) w.growth = growth;
      const r = await expectSafe({ argv: ['run', '-', '--analytic'], stdin: JSON.stringify(s) }, 'result');
      expect(r.code).toBe(0);
      const result = JSON.parse(r.stdout) as { architectures: { kind: string; nodes: number; feasible: boolean }[] };
      const horizontal = result.architectures.filter((a) => a.kind === 'horizontal');
      expect(horizontal.length).toBeGreaterThan(0);
      for (const a of horizontal) {
        expect(a.nodes).toBeLessThanOrEqual(100_000);
        expect(a.feasible).toBe(false);
      }
    }
  });

  it('refuses workload magnitudes whose figures would overflow, naming the field (was null in the result)', async () => {
    const cases: [string, Json, string][] = [
      ['peakRate', '1e300/s', 'workload.peakRate'],
      ['peakRate', { p5: '1000/s', p95: '1e300/s' }, 'workload.peakRate.p95'],
      ['serviceTime', '1e308 ms', 'workload.serviceTime'],
      ['requestSize', '1e300 KiB', 'workload.requestSize'],
      ['responseSize', { p5: '1 KiB', p95: '1e300 MiB' }, 'workload.responseSize.p95'],
      ['growth', { perYear: '1e300%', years: 2 }, 'workload.growth.perYear'],
      ['averageRate', '5e-324/s', 'workload.averageRate'],
    ];
    for (const [key, value, path] of cases) {
      const r = await expectSafe({ argv: ['run', '-', '--analytic'], stdin: withWorkload(key, value) }, 'result');
      expect(r.code, path).toBe(2);
      expect(r.stderr.trimEnd().split('\n'), path).toStrictEqual([
        expect.stringMatching(new RegExp(`^error: ${path.replace(/\./g, '\\.')}: `)),
      ]);
    }
    // a growth that shrinks the traffic below one request in 32 years
    const r = await expectSafe(
      { argv: ['run', '-'], stdin: withWorkload('growth', { perYear: '-99%', years: 100 }) },
      'result',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: workload\.averageRate: .*at least 1e-9\/s/m);
  });

  it("keeps the worksheet sensitivity within each field's bounds (was exit 3 for a 1 TiB request)", async () => {
    const r = await expectSafe({ argv: ['worksheet', '-'], stdin: withWorkload('requestSize', '1 TiB') }, 'text');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Design review/);
  });

  it('shows a flag or file name from argv on one line, without its control characters (was split or raw)', async () => {
    for (const argv of [
      ['queue', '--ra\nte', '1'],
      ['queue', '-\u001b[2J'],
      ['run', tempFileNamed('bad\nname\u001b[31m.json', '{')],
    ]) {
      const r = await expectSafe({ argv }, 'result');
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toContain('\u001b');
    }
  });

  it('shows no control character that a parser message quotes from a value (was a raw C1 byte on stderr)', async () => {
    const s = internalTool();
    (s.reliability as Record<string, Record<string, Json>>).zone = { mtbf: '8766 h', mttr: '6 h\u0080' };
    for (const [argv, stdin] of [
      [['run', '-'], JSON.stringify(s)],
      [['queue', '--servers', '2', '--rate', '5/s\u009b2J', '--service', '1 ms'], undefined],
    ] as const) {
      const r = await expectSafe({ argv: [...argv], stdin }, 'result');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/Syntax error/);
    }
  });

  it('refuses control characters in names and descriptions (were printed raw into tables and worksheets)', async () => {
    const s = internalTool();
    s.name = 'evil\u001b[2J';
    (s.architectures as Record<string, Json>[])[0] = {
      ...(s.architectures as Record<string, Json>[])[0],
      name: 'two\nlines',
    };
    s.description = 'tabs\tand\nline breaks are fine, \u0007 is not';
    for (const format of ['table', 'json']) {
      const argv = ['run', '-', '--analytic', '--format', format];
      const r = await expectSafe({ argv, stdin: JSON.stringify(s) }, kindOf(argv));
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toStrictEqual([
        expect.stringMatching(/^error: name: .*control characters/),
        expect.stringMatching(/^error: description: .*control characters/),
        expect.stringMatching(/^error: architectures\[0\]\.name: .*control characters/),
      ]);
    }
    const fine = internalTool();
    fine.description = 'tabs\tand\r\nline breaks\nare fine in a description';
    expect((await expectSafe({ argv: ['run', '-', '--analytic'], stdin: JSON.stringify(fine) }, 'result')).code).toBe(
      0,
    );
  });

  it('handles bytes that are not UTF-8 in a scenario file (outside and inside strings)', async () => {
    const text = exampleText.get('internal-tool') as string;
    const outside = Buffer.concat([Buffer.from([0xff, 0xfe, 0x80]), Buffer.from(text)]);
    const r1 = await expectSafe({ argv: ['run', tempFile(outside)] }, 'result');
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/line 1, column 1: expected valid JSON/);
    // latin-1 "é" (0xe9) inside the name: decoded as U+FFFD, a valid (if odd) name
    const inName = Buffer.from(text.replace('"name": "', '"name": "caf\u00e9 '), 'latin1');
    const r2 = await expectSafe({ argv: ['run', tempFile(inName), '--analytic'] }, 'result');
    expect([0, 2]).toContain(r2.code);
  });

  // Regression: runJsonl opened FILE with createReadStream, whose ENOENT/EISDIR error surfaced from the readline
  // loop as an internal error (exit 3); the file is now checked first.
  it('run FILE --jsonl with a missing file or a directory exits 2 naming FILE', async () => {
    for (const file of [join(TMP, 'no-such-file.json'), join(TMP, 'a-directory')]) {
      const r = await expectSafe({ argv: ['run', file, '--jsonl'] }, 'jsonl');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: FILE: /);
    }
  });
});
