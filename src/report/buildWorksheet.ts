/**
 * Everything the worksheet shows, computed from a scenario and its comparison: the cost-vs-load curve and the
 * sensitivity analysis (both by re-running the engine; no copy of its logic). Used by `capplan worksheet` and by
 * the TUI's `w`. When the scenario names no architectures both re-run the search at every point, unless `freeze`
 * keeps the designs of `result` (each says which it did).
 */
import type { Catalog } from '../catalog/index.js';
import { type CostCurve, CURVE_POINTS, costCurve, defaultMultipliers } from '../compare/costCurve.js';
import type { ComparisonResult } from '../compare/result.js';
import { sensitivity } from '../compare/sensitivity.js';
import type { Scenario } from '../scenario/types.js';
import type { WorksheetInput } from './worksheet.js';

export interface WorksheetOptions {
  /** Keep today's designs in the growth chart and the sensitivity analysis (--freeze); default false. */
  freeze?: boolean;
  /** The cost curve, when already computed for this scenario and result with the same `freeze` (the TUI's). */
  curve?: CostCurve;
}

export function buildWorksheetInput(
  scenario: Scenario,
  result: ComparisonResult,
  catalog: Catalog,
  source: string,
  date?: string,
  opts: WorksheetOptions = {},
): WorksheetInput {
  const freeze = opts.freeze ?? false;
  return {
    scenario,
    result,
    catalog,
    curve:
      result.architectures.length > 0
        ? (opts.curve ?? costCurve(scenario, catalog, result, defaultMultipliers(CURVE_POINTS), { freeze }))
        : null,
    sensitivity: sensitivity(scenario, catalog, result, { freeze }),
    source,
    ...(date !== undefined ? { date } : {}),
  };
}
