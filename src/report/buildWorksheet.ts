/**
 * Everything the worksheet shows, computed from a scenario and its comparison: the cost-vs-load curve and the
 * sensitivity analysis (both by re-running the engine; no copy of its logic). Used by `capplan worksheet` and by
 * the TUI's `w`.
 */
import type { Catalog } from '../catalog/index.js';
import { costCurve, defaultMultipliers } from '../compare/costCurve.js';
import type { ComparisonResult } from '../compare/result.js';
import { sensitivity } from '../compare/sensitivity.js';
import type { Scenario } from '../scenario/types.js';
import type { WorksheetInput } from './worksheet.js';

export function buildWorksheetInput(
  scenario: Scenario,
  result: ComparisonResult,
  catalog: Catalog,
  source: string,
  date?: string,
): WorksheetInput {
  return {
    scenario,
    result,
    catalog,
    curve: result.architectures.length > 0 ? costCurve(scenario, catalog, result, defaultMultipliers(25)) : null,
    sensitivity: sensitivity(scenario, catalog, result),
    source,
    ...(date !== undefined ? { date } : {}),
  };
}
