/**
 * capplan as a library (`import { compareScenario } from 'capplan'`): the same engine the CLI runs, for scripts and CI
 * pipelines. Pure functions: a scenario in (parsed and validated), a result out; the catalog is embedded (no file or
 * network access).
 *
 * @example
 *   import { compareScenario, loadCatalog, readScenarioText } from 'capplan';
 *   const result = compareScenario(readScenarioText(text, 'scenario.json'), loadCatalog());
 *   result.recommendation.name; // the cheapest candidate meeting every target, or null
 */

export { type Catalog, type Instance, loadCatalog } from './catalog/index.js';
export { compareScenario } from './compare/index.js';
export type {
  ArchitectureResult,
  AvailabilityResult,
  ComparisonResult,
  CostResult,
  FrontierEntry,
  LatencyResult,
  Recommendation,
} from './compare/result.js';
export { type SensitivityResult, sensitivity } from './compare/sensitivity.js';
export { type SweepResult, sweepScenario } from './compare/sweep.js';
export {
  type ApproximationError,
  analyzeQueue,
  erlangB,
  erlangC,
  type QueueInput,
  type QueueResult,
  responseTimeQuantile,
  uslCapacity,
  uslPeakN,
  uslThroughput,
} from './core/queueing/index.js';
export { type Availability, fromMtbfMttr, nines, parallel, series } from './core/reliability/index.js';
export { InputError, InputErrors } from './errors.js';
export { parseScenario } from './scenario/normalize.js';
export { readScenarioText } from './scenario/read.js';
export type { Scenario } from './scenario/types.js';
