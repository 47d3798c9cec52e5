/**
 * Selectors: what the screen shows, computed from the state by the pure engine (memoised by the raw scenario, so
 * re-rendering costs nothing and an edit recomputes once).
 */
import { loadCatalog } from '../catalog/index.js';
import { type CostCurve, costCurve, defaultMultipliers } from '../compare/costCurve.js';
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
const curves = new WeakMap<RawObject, CostCurve>();

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

/** Cost against load for the best vertical and horizontal designs (cached; computed after the first frame). */
export function curveOf(raw: RawObject): CostCurve | undefined {
  return curves.get(raw);
}

export function computeCurve(raw: RawObject): CostCurve {
  let c = curves.get(raw);
  if (c === undefined) {
    const a = analyze(raw);
    c = costCurve(a.scenario, loadCatalog(), a.result, defaultMultipliers(21));
    curves.set(raw, c);
  }
  return c;
}
