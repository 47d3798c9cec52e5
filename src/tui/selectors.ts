/**
 * Selectors: what the screen shows, computed from the state by the pure engine (memoised by the raw scenario, so
 * re-rendering costs nothing and an edit recomputes once).
 */
import { loadCatalog } from '../catalog/index.js';
import { type CostCurve, CURVE_POINTS, costCurveSteps, defaultMultipliers } from '../compare/costCurve.js';
import { compareScenario } from '../compare/index.js';
import type { ComparisonResult } from '../compare/result.js';
import type { Scenario } from '../scenario/types.js';
import type { RawObject } from './rawPath.js';
import { type TuiState, validate } from './state.js';

export interface Analysis {
  scenario: Scenario;
  result: ComparisonResult;
  /** Milliseconds the comparison took. */
  ms: number;
}

const analyses = new WeakMap<RawObject, Analysis>();
/** Curves by whether the designs are frozen (--freeze), finished or under way. */
const curves = { frozen: new WeakMap<RawObject, CostCurve>(), searched: new WeakMap<RawObject, CostCurve>() };
const pending = {
  frozen: new WeakMap<RawObject, Generator<undefined, CostCurve, undefined>>(),
  searched: new WeakMap<RawObject, Generator<undefined, CostCurve, undefined>>(),
};
const which = (freeze: boolean) => (freeze ? 'frozen' : 'searched');

export function analyze(raw: RawObject): Analysis {
  let a = analyses.get(raw);
  if (a === undefined) {
    const v = validate(raw);
    if (!('scenario' in v)) throw new Error(`invalid scenario in the editor state: ${v.problems[0]?.text}`);
    const t0 = performance.now();
    const result = compareScenario(v.scenario, loadCatalog());
    a = { scenario: v.scenario, result, ms: performance.now() - t0 };
    analyses.set(raw, a);
  }
  return a;
}

/** The comparison to show: the simulated one when it was run on this very scenario, else the analytic one. */
export function shownResult(state: TuiState): ComparisonResult {
  const sim = state.sim;
  if (sim.status === 'done' && sim.forRaw === state.raw && sim.result) return sim.result;
  return analyze(state.raw).result;
}

/**
 * Cost against load for the best vertical and horizontal designs (cached; computed after the first frame). When the
 * scenario names no architectures the search runs again at every load, unless `freeze` keeps today's designs.
 */
export function curveOf(raw: RawObject, freeze = false): CostCurve | undefined {
  return curves[which(freeze)].get(raw);
}

/**
 * One step of the curve's computation (a point or a bisection step: one search of each kind at most), resumed where
 * the last call stopped, so the app can handle keys in between; the curve once it is complete.
 */
export function stepCurve(raw: RawObject, freeze = false): CostCurve | undefined {
  const done = curves[which(freeze)].get(raw);
  if (done !== undefined) return done;
  let steps = pending[which(freeze)].get(raw);
  if (steps === undefined) {
    const a = analyze(raw);
    steps = costCurveSteps(a.scenario, loadCatalog(), a.result, defaultMultipliers(CURVE_POINTS), { freeze });
    pending[which(freeze)].set(raw, steps);
  }
  const step = steps.next();
  if (!step.done) return undefined;
  pending[which(freeze)].delete(raw);
  curves[which(freeze)].set(raw, step.value);
  return step.value;
}
