/**
 * Public API of the queueing core: exact M/M/c, M/G/1 (Pollaczek-Khinchine), M/G/c (Allen-Cunneen) with
 * response-time percentiles and fan-out, Erlang B/C, and the Universal Scalability Law. SI units throughout.
 */

export {
  analyzeQueue,
  type Percentiles,
  type QueueResult,
  quantileFromSurvival,
  responseTimeQuantile,
  responseTimeSurvival,
  responseTimeSurvivalFunction,
} from './distribution.js';
export { erlangB, erlangC } from './erlang.js';
export type { QueueInput } from './mmc.js';
export { type UslParams, uslCapacity, uslPeakN, uslThroughput } from './usl.js';
