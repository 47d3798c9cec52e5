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
 * Crossovers are read between consecutive steps that both evaluated (crossovers.ts). The swept fields are
 * sweepFields.ts's, a step's value is written by sweepWriter.ts, the values' spacing is sweepSpacing.ts's.
 */

import type { Catalog } from '../catalog/index.js';
import { InputError, InputErrors } from '../errors.js';
import { parseScenario } from '../scenario/normalize.js';
import type { Scenario } from '../scenario/types.js';
import { carriesLoad } from './costCurve.js';
import { type Crossover, crossovers } from './crossovers.js';
import { type Designs, designsOf, FREEZE_NOTE, frozenArchitectures } from './designs.js';
import { compareScenario } from './index.js';
import type { ArchitectureResult, ComparisonResult } from './result.js';
import { type Key, splitPath, sweepFieldAt } from './sweepFields.js';
import { isGeometric } from './sweepSpacing.js';
import { type JsonObject, writer } from './sweepWriter.js';

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
 * @param values in the field's base unit (spacedValues); integer fields are rounded
 * @param options.log the values are spaced geometrically (crossovers are then interpolated in log value); default:
 *   guessed from the values
 * @throws {InputError} naming SWEEP_PATH: the path cannot be swept (a user share, not a numeric field, a candidate that
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
  const f = sweepFieldAt(path);
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
