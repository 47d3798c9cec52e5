/**
 * Everything the worksheet shows, computed from a scenario and its comparison: the cost-vs-load curve and the
 * sensitivity analysis (both by re-running the engine; no copy of its logic). Used by `capplan worksheet` and by
 * the TUI's `w`. When the scenario names no architectures both re-run the search at every point, unless `freeze`
 * keeps the designs of `result` (each says which it did).
 */
import type { Catalog } from '../catalog/index.js';
import {
  type CostCurve,
  CURVE_POINTS,
  costCurveSteps,
  costCurveStepsEstimate,
  defaultMultipliers,
} from '../compare/costCurve.js';
import type { ComparisonResult } from '../compare/result.js';
import { plannedEvaluations, sensitivity } from '../compare/sensitivity.js';
import type { Scenario } from '../scenario/types.js';
import type { WorksheetInput } from './worksheet.js';

export interface WorksheetOptions {
  /** Keep today's designs in the growth chart and the sensitivity analysis (--freeze); default false. */
  freeze?: boolean;
  /** The cost curve, when already computed for this scenario and result with the same `freeze` (the TUI's). */
  curve?: CostCurve;
  /**
   * Called with the fraction done, in [0, 1], non-decreasing: 0 at the start, then as the cost curve's points and
   * the sensitivity's evaluations are done, 1 at the end. The two parts are weighted by the engine evaluations each
   * is expected to make (costCurveStepsEstimate, plannedEvaluations); see buildWorksheetInput.
   */
  onProgress?: (fraction: number) => void;
}

/**
 * The worksheet's input: the cost curve (unless given or there are no architectures) and the sensitivity analysis.
 * Progress (opts.onProgress): the curve counts its steps (a point or a bisection step each) against its estimate,
 * the sensitivity its evaluations against its own running estimate; the curve weighs its estimated steps, the
 * sensitivity its planned evaluations (flips aside), and the fraction reported never goes down.
 */
export function buildWorksheetInput(
  scenario: Scenario,
  result: ComparisonResult,
  catalog: Catalog,
  source: string,
  date?: string,
  opts: WorksheetOptions = {},
): WorksheetInput {
  const freeze = opts.freeze ?? false;
  const onProgress = opts.onProgress;
  let last = 0;
  const report = (fraction: number): void => {
    const f = Math.min(1, Math.max(last, fraction));
    if (f > last) {
      last = f;
      onProgress?.(f);
    }
  };
  onProgress?.(0);
  const needCurve = result.architectures.length > 0 && opts.curve === undefined;
  const multipliers = defaultMultipliers(CURVE_POINTS);
  const curveWeight = needCurve ? costCurveStepsEstimate(multipliers) : 0;
  const sensitivityWeight = plannedEvaluations(scenario);
  const weight = curveWeight + sensitivityWeight;
  let curve: CostCurve | null = result.architectures.length > 0 ? (opts.curve ?? null) : null;
  if (needCurve) {
    const steps = costCurveSteps(scenario, catalog, result, multipliers, { freeze });
    for (let done = 1; ; done++) {
      const step = steps.next();
      if (step.done) {
        curve = step.value;
        break;
      }
      report(Math.min(done, curveWeight) / weight);
    }
  }
  const sens = sensitivity(scenario, catalog, result, {
    freeze,
    ...(onProgress
      ? { onProgress: (d: number, t: number) => report((curveWeight + (sensitivityWeight * d) / t) / weight) }
      : {}),
  });
  report(1);
  return {
    scenario,
    result,
    catalog,
    curve,
    sensitivity: sens,
    source,
    ...(date !== undefined ? { date } : {}),
  };
}
