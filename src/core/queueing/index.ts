/**
 * Public API of the queueing core: exact M/M/c, M/G/1 (Pollaczek-Khinchine), M/G/c (Allen-Cunneen) with
 * response-time percentiles and fan-out, the distribution of a sum of response times (a request's walk through
 * tiers), Erlang B/C, and the Universal Scalability Law. SI units throughout.
 */

export {
  type ApproximationError,
  approximationErrorOf,
  type ErrorBand,
  mgcErrorBand,
} from './approximationError.js';
export {
  analyzeQueue,
  analyzeQueueParts,
  type Percentiles,
  type QueueResult,
  type QueueSummary,
  quantileFromSurvival,
  responseTimeQuantile,
  responseTimeSurvival,
  responseTimeSurvivalFunction,
} from './distribution.js';
export { erlangB, erlangC } from './erlang.js';
export { EULER_DEFAULT, type EulerParameters, eulerInvertLaplace } from './eulerInversion.js';
export type { QueueInput } from './mmc.js';
export {
  MAX_REPEATED_CALLS,
  REPEATED_CALLS_METHOD,
  type RepeatedCalls,
  type RepeatedCallsInput,
  repeatedCalls,
} from './repeatedCalls.js';
export {
  analyzeResponseSum,
  type ConstantTerm,
  MAX_CALLS,
  type MixturePart,
  mixtureQuantile as responseMixtureQuantile,
  type QueueCallsTerm,
  type ResponseSum,
  type ResponseSumOptions,
  type ResponseSumResult,
  type ResponseSumTerm,
  responseSum,
  type SameStation,
  SUM_EULER,
} from './sumOfResponses.js';
export { type UslParams, uslCapacity, uslPeakN, uslThroughput } from './usl.js';
