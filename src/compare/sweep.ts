/**
 * Sweeps: the comparison re-run across a range of one input (`capplan sweep`). Pure: no I/O; the catalog comes in as
 * an argument.
 *
 * Each step writes its value, as a bare number in the field's base unit (per second, seconds, bytes, fractions, USD
 * per month, plain numbers), into a deep copy of the RAW scenario at the swept path, reads the copy with the normal
 * scenario reader (`parseScenario`, so every value is validated exactly as in `capplan run`) and runs the engine
 * (`compareScenario`). Nothing of the engine is copied here. A step whose value makes the scenario invalid gets one
 * error row and the sweep goes on (so does a step the engine fails on: its row is marked `internal`).
 *
 * Designs (`designs`, see designs.ts): each step is a comparison of the modified scenario, so when the scenario names
 * no architectures every step runs the search again. With `freeze`, the designs the search finds for the scenario as
 * given are kept at every step instead, as explicit candidates (instance type, regions, standby, spares, zones and
 * balancer fixed; horizontal node counts re-sized at each step, vertical sizes kept), as the sensitivity analysis
 * freezes them. A scenario that names its architectures is compared on them either way (a note says so).
 *
 * Sweeps are analytic: a `simulation` block is not run. Ranges `{ p5, p95 }` elsewhere in the scenario are validated
 * and stand at their medians (the point figures `run` reports), without sampling their uncertainty; a range AT the
 * swept path is replaced by the step's value.
 *
 * Two rules beyond "write the value":
 * - sweeping `workload.peakRate` scales `workload.averageRate`, when the scenario gives one, by the same factor, so
 *   that the average stays below the peak and transfer costs follow the load (noted in the result);
 * - integer fields (node counts, spares, zones, replication, fan-out, round trips) take each value rounded to the
 *   nearest integer (the rounded values are the result's `values`).
 *
 * Crossovers are read between consecutive steps that both evaluated: a `recommendation` crossover where the
 * recommended candidate changes, a `cheapest-kind` crossover where the cheapest design that carries the load
 * (meets the CPU, memory and p99 targets) switches between vertical and horizontal. Its `at` is where the cost
 * difference of the two designs changes sign, interpolated linearly in the value (geometrically for log sweeps),
 * when both carry the load (for a recommendation: meet every target) on both sides; otherwise the midpoint (the
 * switch is then a target starting or ceasing to be met, not a cost crossing), as `method` states.
 */

import type { Catalog } from '../catalog/index.js';
import { InputError, InputErrors } from '../errors.js';
import { SCENARIO_FIELDS } from '../scenario/fields.js';
import { parseScenario } from '../scenario/normalize.js';
import { keysAt } from '../scenario/schema.js';
import type { Scenario } from '../scenario/types.js';
import { parseQuantity, type QuantityKind } from '../units/parse.js';
import { closest } from '../util/suggest.js';
import { carriesLoad } from './costCurve.js';
import { type Designs, designsOf, FREEZE_NOTE, frozenArchitectures } from './designs.js';
import { compareScenario } from './index.js';
import type { ArchitectureResult, ComparisonResult } from './result.js';

/** Most steps a sweep takes (each one is a full comparison). */
export const MAX_STEPS = 1000;

/** What a sweepable field holds: its quantity kind (which units FROM and TO take) and whether it is an integer. */
export interface SweepField {
  /** The path with array indices as `[]` (`architectures[].nodes`). */
  readonly pattern: string;
  readonly kind: QuantityKind;
  readonly integer: boolean;
  /** The base unit of a bare number, for people: "per second", "seconds". */
  readonly unit: string;
}

const UNIT_OF: Readonly<Record<QuantityKind, string>> = {
  rate: 'per second',
  duration: 'seconds',
  size: 'bytes',
  byteRate: 'bytes per second',
  fraction: 'fraction',
  money: 'USD',
  moneyRate: 'USD per month',
  count: 'count',
  number: 'number',
};

const field = (pattern: string, kind: QuantityKind, integer = false): [string, SweepField] => [
  pattern,
  { pattern, kind, integer, unit: UNIT_OF[kind] },
];

/**
 * Every numeric field a sweep may vary (scenario/fields.ts, `sweep`), with the unit kind normalize.ts parses it with.
 * A test checks the table against the schema both ways.
 */
const FIELDS: ReadonlyMap<string, SweepField> = new Map(
  SCENARIO_FIELDS.filter((f) => f.sweep && f.kind !== 'enum').map((f) =>
    field(f.path, f.kind as QuantityKind, f.integer),
  ),
);

/** The patterns of every sweepable field (`architectures[].nodes` for any candidate index). */
export const SWEEPABLE_PATHS: readonly string[] = [...FIELDS.keys()];

/** The flag a sweep's path and range errors name (the CLI's, cli/vary.ts), and the form it expects. */
export const VARY_FLAG = '--vary';
export const VARY_FORM = 'PATH=FROM..TO, such as workload.peakRate=100/s..100000/s';
const FLAG = VARY_FLAG;
const FORM = VARY_FORM;

type Key = string | number;

/** "architectures[2].nodes" -> ["architectures", 2, "nodes"]; undefined when it is not a dotted path. */
function splitPath(path: string): Key[] | undefined {
  const out: Key[] = [];
  for (const part of path.split('.')) {
    const m = /^([A-Za-z_$][\w$]*)((?:\[\d{1,6}\])*)$/.exec(part);
    if (m === null) return undefined;
    out.push(m[1] as string);
    for (const idx of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/**
 * The field at a swept path: its unit kind (from the scenario schema's field types), whether it is an integer, and
 * its base unit.
 * @throws {InputError} naming --vary: not a path, a user share (shares must add up to 1, so one cannot vary alone),
 *   or not a numeric field of the scenario (with the nearest sweepable path)
 * @example kindOfPath('workload.peakRate').kind // 'rate'
 */
export function kindOfPath(path: string): SweepField {
  const keys = splitPath(path);
  if (keys === undefined) throw new InputError(FLAG, path, `a field path such as workload.peakRate (${FORM})`);
  if (keys[0] === 'users') {
    throw new InputError(
      FLAG,
      path,
      'a field other than a user share or region: the shares must add up to 100%, so one cannot vary alone (edit the shares in the scenario instead)',
    );
  }
  const pattern = keys
    .map((k) => (typeof k === 'number' ? '[]' : `.${k}`))
    .join('')
    .slice(1);
  const found = FIELDS.get(pattern);
  // the table must agree with the schema: the field exists where it says (a guard against drift)
  const leaf = keys[keys.length - 1];
  if (found !== undefined && typeof leaf === 'string' && keysAt(keys.slice(0, -1)).includes(leaf)) return found;
  const suggestion = closest(pattern, SWEEPABLE_PATHS);
  const hint = suggestion === undefined ? '' : `did you mean ${suggestion.replace('[]', '[0]')}? `;
  throw new InputError(
    FLAG,
    path,
    `a numeric scenario field (${hint}any of workload.*, targets.*, reliability.* or architectures[i].nodes|spares|zones)`,
  );
}

/**
 * The values of a sweep: `steps` values from `from` to `to`, both included, evenly spaced (geometrically with `log`).
 * The ends are exactly `from` and `to`; `from` > `to` sweeps downwards.
 * @throws {InputError} naming --steps (not an integer from 2 to MAX_STEPS) or --vary (equal or non-finite ends; with
 *   log, an end <= 0)
 * @example sweepValues(1, 100, 3, true) // [1, 10, 100]
 */
export function sweepValues(from: number, to: number, steps: number, log: boolean): number[] {
  if (!Number.isInteger(steps) || steps < 2 || steps > MAX_STEPS) {
    throw new InputError('--steps', steps, `an integer from 2 to ${MAX_STEPS}`);
  }
  if (!(Number.isFinite(from) && Number.isFinite(to))) {
    throw new InputError(FLAG, `${from}..${to}`, 'finite FROM and TO');
  }
  if (from === to) throw new InputError(FLAG, `${from}..${to}`, 'FROM and TO that differ');
  if (log && !(from > 0 && to > 0)) {
    throw new InputError(FLAG, `${from}..${to}`, 'FROM and TO > 0 with --log (a geometric sweep)');
  }
  const last = steps - 1;
  const out: number[] = [];
  const ratio = to / from;
  for (let i = 0; i <= last; i++) {
    const t = i / last;
    if (i === 0) out.push(from);
    else if (i === last) out.push(to);
    else out.push(log ? from * ratio ** t : from + (to - from) * t);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The sweep
// ---------------------------------------------------------------------------------------------------------------

/** One candidate at one step: the figures of its ArchitectureResult, as `capplan run` reports them. */
export interface SweepRow {
  /** The swept field's value, in its base unit. */
  value: number;
  candidate: string;
  kind: 'vertical' | 'horizontal';
  /** Instance type, e.g. "m7i.48xlarge". */
  instance: string;
  nodes: number;
  regions: string[];
  usdPerMonth: number;
  usdPerMillionRequests: number;
  nines: number;
  downtimeMinutesPerYear: number;
  /** End-to-end p99 over all users; null when the queue is unstable. */
  p99Ms: number | null;
  utilization: number;
  /** Carries the load: meets the CPU utilisation, memory and p99 targets. */
  feasible: boolean;
  /** Meets every target of the scenario (the result's `feasible`). */
  meetsAll: boolean;
  /** This candidate is the step's recommendation. */
  recommended: boolean;
}

/**
 * A step that could not be compared: the value makes the scenario invalid (the reader's problems, one line each
 * joined with "; "), or, with `internal`, the engine failed on it ("internal error: ..."; a bug to report).
 */
export interface SweepErrorRow {
  value: number;
  error: string;
  /** Present (true) when the engine failed: not the input's fault. */
  internal?: true;
}

export interface Crossover {
  kind: 'recommendation' | 'cheapest-kind';
  /** The values of the two consecutive steps it lies between. */
  from: number;
  to: number;
  /** Where it is: interpolated where the cost difference changes sign, or the midpoint (see `method`). */
  at: number;
  /** recommendation: the recommended candidate on each side (null: none meets every target); cheapest-kind: the kind. */
  before: string | null;
  after: string | null;
  /** cheapest-kind: the cheapest candidate that carries the load on each side. */
  beforeCandidate?: string;
  afterCandidate?: string;
  method: 'cost-difference' | 'midpoint';
  /** How `at` was found, in words. */
  note: string;
}

export interface SweepResult {
  path: string;
  /** Base unit of `values` ("per second", "seconds", "bytes", "fraction", ...). */
  unit: string;
  /** The values swept, in the base unit (integer fields rounded). */
  values: number[];
  /** One row per step and candidate, in step order then the scenario's candidate order; one error row per bad step. */
  rows: (SweepRow | SweepErrorRow)[];
  /** The recommended candidate at each step (null: none meets every target, or the step is invalid). */
  recommendations: (string | null)[];
  crossovers: Crossover[];
  /** Which designs every step compares: searched afresh, frozen at the scenario's own, or its candidates. */
  designs: Designs;
  /** What the sweep did beyond writing the value (designs, analytic only, averageRate scaled, values rounded). */
  notes: string[];
}

export function isErrorRow(row: SweepRow | SweepErrorRow): row is SweepErrorRow {
  return 'error' in row;
}

type Json = unknown;
type JsonObject = Record<string, Json>;

function isObject(v: Json): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Sets `value` at `keys` in `root` (mutating; `root` is a private deep copy), creating objects on the way. */
function setIn(root: JsonObject, keys: readonly Key[], value: Json): void {
  let node: Json = root;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i] as Key;
    const container = node as Record<Key, Json>;
    if (!isObject(container[key]) && !Array.isArray(container[key])) container[key] = {};
    node = container[key];
  }
  (node as Record<Key, Json>)[keys[keys.length - 1] as Key] = value;
}

/** The problems of an invalid scenario as one line. */
function problemsText(error: InputErrors | InputError): string {
  return error instanceof InputErrors ? error.errors.map((e) => e.message).join('; ') : error.message;
}

/** The error row of a step that failed: the input's problems, or the engine's failure (anything else thrown). */
function errorRow(value: number, error: unknown): SweepErrorRow {
  if (error instanceof InputErrors || error instanceof InputError) return { value, error: problemsText(error) };
  if (!(error instanceof Error)) throw error;
  return { value, error: `internal error: ${error.message.split('\n')[0]}`, internal: true };
}

/**
 * Checks that the path can be written in this scenario (a candidate index exists and is horizontal) and returns a
 * function that writes a step's value (and what it drags along) into a deep copy of the raw scenario.
 */
function writer(
  raw: JsonObject,
  base: Scenario,
  path: string,
  keys: readonly Key[],
  notes: string[],
): (value: number) => JsonObject {
  if (keys[0] === 'architectures') {
    const list = raw.architectures;
    const index = keys[1] as number;
    const candidate = Array.isArray(list) ? list[index] : undefined;
    if (!isObject(candidate)) {
      const have = Array.isArray(list) ? `it has ${list.length} candidate${list.length === 1 ? '' : 's'}` : 'none';
      throw new InputError(FLAG, path, `a candidate of the scenario's architectures (${have})`);
    }
    if (candidate.kind !== 'horizontal') {
      throw new InputError(FLAG, path, `a horizontal candidate (architectures[${index}] is ${String(candidate.kind)})`);
    }
  }
  let scaleAverage: ((copy: JsonObject, value: number) => void) | undefined;
  const workload = raw.workload;
  if (path === 'workload.peakRate' && isObject(workload) && workload.averageRate !== undefined) {
    const peak = base.workload.peakRatePerS;
    const scale = (v: Json, factor: number): Json =>
      isObject(v)
        ? {
            ...v,
            p5: parseQuantity(v.p5, 'rate', 'workload.averageRate.p5') * factor,
            p95: parseQuantity(v.p95, 'rate', 'workload.averageRate.p95') * factor,
          }
        : parseQuantity(v, 'rate', 'workload.averageRate') * factor;
    scaleAverage = (copy, value) => {
      const w = copy.workload as JsonObject;
      w.averageRate = scale(w.averageRate, value / peak);
    };
    notes.push(
      `workload.averageRate (${base.workload.averageRatePerS}/s in the scenario) is scaled by the same factor as the peak rate (${peak}/s in the scenario), so that it stays below the peak and transfer costs follow the load.`,
    );
  }
  // a USL coefficient where the scenario has no usl (linear scaling): the other coefficient is 0
  const newUsl = keys[1] === 'usl' && isObject(workload) && workload.usl === undefined;
  if (newUsl) notes.push('The scenario has no workload.usl: the other USL coefficient is 0 (linear scaling).');
  return (value) => {
    const copy = structuredClone(raw);
    if (newUsl) setIn(copy, ['workload', 'usl'], { contention: 0, coherency: 0 });
    setIn(copy, keys, value);
    scaleAverage?.(copy, value);
    return copy;
  };
}

function rowOf(value: number, a: ArchitectureResult, recommended: string | null): SweepRow {
  return {
    value,
    candidate: a.name,
    kind: a.kind,
    instance: a.instance.name,
    nodes: a.nodes,
    regions: [...a.regions],
    usdPerMonth: a.cost.usdPerMonth,
    usdPerMillionRequests: a.cost.usdPerMillionRequests,
    nines: a.availability.nines,
    downtimeMinutesPerYear: a.availability.downtimeMinutesPerYear,
    p99Ms: a.latency.p99Ms,
    utilization: a.utilization,
    feasible: carriesLoad(a, Number.POSITIVE_INFINITY), // a sweep counts every p99 miss, distance or not
    meetsAll: a.feasible,
    recommended: a.name === recommended,
  };
}

/**
 * Runs the comparison of `raw` (a parsed scenario JSON value) at each of `values` of the field at `path`.
 * @param values in the field's base unit (sweepValues); integer fields are rounded
 * @param options.log the values are spaced geometrically (crossovers are then interpolated in log value); default:
 *   guessed from the values
 * @throws {InputError} naming --vary: the path cannot be swept (a user share, not a numeric field, a candidate that
 *   does not exist or is not horizontal)
 * @throws {InputErrors} the scenario itself is invalid (before any value is written)
 * A step that fails does not stop the sweep: it gets an error row (with `internal: true` when the engine, not the
 * value, failed).
 */
export function sweepScenario(
  raw: unknown,
  path: string,
  values: readonly number[],
  catalog: Catalog,
  options: { log?: boolean; freeze?: boolean } = {},
): SweepResult {
  const f = kindOfPath(path);
  const keys = splitPath(path) as Key[];
  // the scenario as given must be valid (its problems are not the sweep's); this also refuses a non-object
  const base = parseScenario(raw);
  const scenario = raw as JsonObject;
  const notes: string[] = [];
  const designs = designsOf(base, options.freeze ?? false);
  // frozen: the designs the search finds for the scenario as given, as explicit candidates at every step
  let frozen: Scenario['architectures'] = null;
  if (designs === 'frozen') {
    const found = compareScenario({ ...base, simulation: null, uncertain: [] }, catalog);
    frozen = frozenArchitectures(catalog, found);
    const shapes = found.architectures.map((a) => `${a.name} ${a.instance.name} in ${a.regions.join('+')}`);
    notes.push(
      `Designs frozen (--freeze): the designs searched for the scenario as given (${shapes.join('; ')}) are compared at every step, with their instance type, regions, standby, spares, zones and balancer (horizontal node counts re-sized at each step).`,
    );
  } else if (designs === 'searched at every point') {
    notes.push(
      'The scenario names no architectures: the search runs again at every step (best vertical and best horizontal are those found there; --freeze keeps the designs found for the scenario as given).',
    );
  } else if (options.freeze) notes.push(`${FREEZE_NOTE}.`);
  if (scenario.simulation !== undefined) {
    notes.push("Analytic figures only: a sweep does not run the scenario's simulation block (capplan run does).");
  }
  const write = writer(scenario, base, path, keys, notes);
  const stepValues = f.integer ? values.map((v) => Math.round(v)) : [...values];
  if (f.integer && stepValues.some((v, i) => v !== values[i])) {
    notes.push(`${path} is an integer: each value is rounded to the nearest integer.`);
  }
  const rows: (SweepRow | SweepErrorRow)[] = [];
  const recommendations: (string | null)[] = [];
  const results: (ComparisonResult | null)[] = [];
  for (const value of stepValues) {
    let result: ComparisonResult;
    try {
      // ranges elsewhere are validated but not sampled: no sweep output reads the uncertainty, only the `why` of a
      // recommendation would, and sampling costs 200 evaluations per candidate and step
      const step = parseScenario(write(value));
      result = compareScenario(
        { ...step, uncertain: [], ...(frozen === null ? {} : { architectures: frozen }) },
        catalog,
      );
    } catch (error) {
      rows.push(errorRow(value, error));
      recommendations.push(null);
      results.push(null);
      continue;
    }
    const rec = result.recommendation.name;
    for (const a of result.architectures) rows.push(rowOf(value, a, rec));
    recommendations.push(rec);
    results.push(result);
  }
  const log = options.log ?? isGeometric(stepValues);
  return {
    path,
    unit: f.unit,
    values: stepValues,
    rows,
    recommendations,
    crossovers: crossovers(stepValues, results, log),
    designs,
    notes,
  };
}

/** Whether the values are spaced geometrically (all positive, constant ratio), so interpolation is in log value. */
function isGeometric(values: readonly number[]): boolean {
  if (values.length < 3 || !values.every((v) => v > 0)) return false;
  const first = values[0] as number;
  const ratio = Math.log((values[1] as number) / first);
  const linear = (values[1] as number) - first;
  const n = values.length - 1;
  const geometricError = Math.abs(Math.log((values[n] as number) / first) - ratio * n);
  const linearError = Math.abs((values[n] as number) - first - linear * n);
  return geometricError / Math.abs(ratio * n || 1) < linearError / Math.abs(linear * n || 1);
}

/** The point at fraction t between x0 and x1, linearly or geometrically. */
function between(x0: number, x1: number, t: number, log: boolean): number {
  const u = Math.min(1, Math.max(0, t));
  return log ? Math.exp(Math.log(x0) + (Math.log(x1) - Math.log(x0)) * u) : x0 + (x1 - x0) * u;
}

/** A value for a sentence: 6 significant digits. */
const num = (x: number): string => String(Number(x.toPrecision(6)));

/** Where d0 + (d1 - d0) t = 0, for a sign change of d (0.5 when d does not change). */
function zeroOf(d0: number, d1: number): number {
  return d0 === d1 ? 0.5 : d0 / (d0 - d1);
}

function byName(r: ComparisonResult, name: string): ArchitectureResult | undefined {
  return r.architectures.find((a) => a.name === name);
}

/** The cheapest candidate of a kind (or of any kind) that carries the load. */
function cheapest(r: ComparisonResult, kind?: 'vertical' | 'horizontal'): ArchitectureResult | undefined {
  let best: ArchitectureResult | undefined;
  for (const a of r.architectures) {
    if (
      (kind === undefined || a.kind === kind) &&
      carriesLoad(a, Number.POSITIVE_INFINITY) &&
      (!best || a.cost.usdPerMonth < best.cost.usdPerMonth)
    )
      best = a;
  }
  return best;
}

function crossovers(
  values: readonly number[],
  results: readonly (ComparisonResult | null)[],
  log: boolean,
): Crossover[] {
  const out: Crossover[] = [];
  const spacing = log ? 'geometric in the value' : 'linear in the value';
  for (let i = 0; i + 1 < results.length; i++) {
    const r0 = results[i];
    const r1 = results[i + 1];
    if (!r0 || !r1) continue;
    const x0 = values[i] as number;
    const x1 = values[i + 1] as number;
    const mid = between(x0, x1, 0.5, log);

    const before = r0.recommendation.name;
    const after = r1.recommendation.name;
    if (before !== after) {
      const a0 = before === null ? undefined : byName(r0, before);
      const a1 = before === null ? undefined : byName(r1, before);
      const b0 = after === null ? undefined : byName(r0, after);
      const b1 = after === null ? undefined : byName(r1, after);
      if (a0?.feasible && a1?.feasible && b0?.feasible && b1?.feasible) {
        const t = zeroOf(a0.cost.usdPerMonth - b0.cost.usdPerMonth, a1.cost.usdPerMonth - b1.cost.usdPerMonth);
        out.push({
          kind: 'recommendation',
          from: x0,
          to: x1,
          at: between(x0, x1, t, log),
          before,
          after,
          method: 'cost-difference',
          note: `${before} and ${after} meet every target on both sides; ${after} becomes the cheaper where their cost difference changes sign (${spacing})`,
        });
      } else {
        let why: string;
        if (before === null) why = `no candidate meets every target at ${num(x0)}`;
        else if (after === null) why = `no candidate meets every target at ${num(x1)}`;
        else if (!a1?.feasible) why = `${before} meets every target at ${num(x0)} but not at ${num(x1)}`;
        else why = `${after} meets every target at ${num(x1)} but not at ${num(x0)}`;
        out.push({
          kind: 'recommendation',
          from: x0,
          to: x1,
          at: mid,
          before,
          after,
          method: 'midpoint',
          note: `midpoint of the two steps (${spacing}): ${why}, so the switch is a target met or missed, not a cost crossing`,
        });
      }
    }

    const c0 = cheapest(r0);
    const c1 = cheapest(r1);
    if (c0 && c1 && c0.kind !== c1.kind) {
      const v0 = cheapest(r0, 'vertical');
      const v1 = cheapest(r1, 'vertical');
      const h0 = cheapest(r0, 'horizontal');
      const h1 = cheapest(r1, 'horizontal');
      const common = { kind: 'cheapest-kind' as const, from: x0, to: x1, before: c0.kind, after: c1.kind };
      const names = { beforeCandidate: c0.name, afterCandidate: c1.name };
      if (v0 && v1 && h0 && h1) {
        const t = zeroOf(v0.cost.usdPerMonth - h0.cost.usdPerMonth, v1.cost.usdPerMonth - h1.cost.usdPerMonth);
        out.push({
          ...common,
          at: between(x0, x1, t, log),
          ...names,
          method: 'cost-difference',
          note: `the cheapest vertical and horizontal designs that carry the load (CPU, memory, p99) do so on both sides; ${c1.kind} becomes the cheaper where their cost difference changes sign (${spacing})`,
        });
      } else {
        const gone = !(v0 && v1) ? 'vertical' : 'horizontal';
        out.push({
          ...common,
          at: mid,
          ...names,
          method: 'midpoint',
          note: `midpoint of the two steps (${spacing}): no ${gone} design carries the load (CPU, memory, p99) on one side`,
        });
      }
    }
  }
  return out;
}
