/**
 * Response-time distribution (survival, quantiles, fan-out) and the one-call analysis `analyzeQueue`.
 *
 * Models (see mmc.ts and mg.ts for the formulas and their sources):
 * - cv = 1: M/M/c, exact FCFS sojourn distribution (Gross et al. 2008 section 2.3; Harchol-Balter 2013 ch. 14).
 * - cv = 0: M/D/c, mean wait by Allen-Cunneen (P-K at c = 1, exact); percentiles from the approximation
 *   W = 0 w.p. 1 - C, else Exp(mean E[W_q] / C), T = E[S] + W. So is any cv below DETERMINISTIC_CV (1e-14) for the
 *   percentiles: such a gamma is deterministic to the double's resolution.
 * - otherwise M/G/c with gamma service of the given mean and cv, same wait approximation, T = W + S.
 * - fan-out K: the slowest of K independent responses, F_max = F^K, mean by quadrature (fanout.ts).
 * Quantiles are found by Brent's method on ln P(T > t) (roots.ts), to relative machine precision in t.
 */

import { firstNonPositiveOnHalfLine } from '../math/roots.js';
import { type ApproximationError, approximationErrorOf } from './approximationError.js';
import { logFanoutSingleSurvivalTarget, maxOfIidSurvivalFromLog, meanOfMaxS } from './fanout.js';
import {
  allenCunneenMeanWaitS,
  DETERMINISTIC_CV,
  type GammaExpParams,
  gammaExpLogSurvival,
  pollaczekKhinchineMeanWaitS,
} from './mg.js';
import {
  type MmcMetrics,
  mmcLogSurvival,
  mmcMetrics,
  type NormalizedQueue,
  normalizeQueueInput,
  type QueueInput,
} from './mmc.js';

export type { QueueInput } from './mmc.js';

/** Response-time percentiles, seconds. */
export interface Percentiles {
  p50S: number;
  p90S: number;
  p95S: number;
  p99S: number;
  p999S: number;
}

/** Result of analyzeQueue; SI units. Latency fields are null when the queue is unstable (utilization >= 1). */
export interface QueueResult {
  /** Kendall notation: "M/M/8" when cv == 1, "M/D/8" when cv == 0, else "M/G/8". */
  model: string;
  servers: number;
  arrivalRatePerS: number;
  serviceTimeS: number;
  serviceTimeCv: number;
  fanout: number;
  /** rho = lambda / (c mu). */
  utilization: number;
  /** rho < 1. */
  stable: boolean;
  /** P(an arrival waits): Erlang C (exact for M/M/c; the approximation's atom otherwise; exact = rho for M/G/1). */
  probWait: number | null;
  /** Mean wait in queue, seconds: exact M/M/c C/(c mu - lambda); P-K for M/G/1 (exact); Allen-Cunneen for M/G/c. */
  meanWaitS: number | null;
  /** Mean response (wait + service), seconds; with fan-out K > 1 the mean of the slowest of K (by quadrature). */
  meanResponseS: number | null;
  /** L = lambda W for the single queue (not the fan-out). */
  meanInSystem: number | null;
  /** Lq = lambda Wq. */
  meanInQueue: number | null;
  /** Response-time percentiles (of the slowest of K when fanout > 1), seconds. */
  percentiles: Percentiles | null;
  /** How the figures were obtained: "exact" or the approximation's name and assumptions. */
  method: string;
  /**
   * The approximation's measured error against long simulations (approximationError.ts): relative bands of the mean
   * response and the p99 with gamma service (and lognormal), or why the queue lies outside the measured range
   * (`outside`). null for the exact M/M/c path and for an unstable queue.
   */
  approximationError: ApproximationError | null;
}

/** The percentile levels reported by analyzeQueue. */
export const PERCENTILE_LEVELS: readonly { key: keyof Percentiles; p: number }[] = [
  { key: 'p50S', p: 0.5 },
  { key: 'p90S', p: 0.9 },
  { key: 'p95S', p: 0.95 },
  { key: 'p99S', p: 0.99 },
  { key: 'p999S', p: 0.999 },
];

/** method string of the exact M/M/c path. */
export const METHOD_EXACT = 'exact';
/** method string of the exact M/M/c path with fan-out. */
export const METHOD_EXACT_FANOUT = 'exact (slowest of K independent responses)';

/** A stable queue's single-response distribution, with the mean metrics. */
interface ResponseModel {
  q: NormalizedQueue;
  probWait: number;
  meanWaitS: number;
  /** Mean of one response (wait + service), seconds. */
  meanSingleS: number;
  /** ln P(T > t) of one response. */
  logSurvival: (tS: number) => number;
  /** Times where the survival jumps (deterministic service). */
  breakpointsS: number[];
  /** Closed-form quantile of one response given ln of the survival level, when one exists. */
  quantileFromLogTarget?: (logTarget: number) => number;
  method: string;
  /** The exact M/M/c path (no approximation error). */
  exact: boolean;
}

/**
 * The M/G/c percentile approximation's parameters of a queue: Erlang-C atom, exponential conditional wait of rate
 * C / E[W_q]_AC = 2 (c mu - lambda) / (ca^2 + cv^2) (formed without dividing by C; exact M/M/c at cv = ca = 1), gamma
 * service of shape 1 / cv^2, deterministic below DETERMINISTIC_CV (1e-14: deterministic to the double's resolution,
 * see mg.ts). One place for analyzeQueue's percentiles and the sum of response times (sumOfResponses.ts); an M/M/1 at
 * rho 0.5 with 10 ms service gives { probWait: 0.5, waitRatePerS: 50, serviceTimeS: 0.01, shape: 1 } (tested through
 * analyzeQueue's examples and the sum's fixture, which both read it).
 */
export function gammaExpParams(q: NormalizedQueue, mm: MmcMetrics): GammaExpParams {
  const cv = q.serviceTimeCv;
  const ca = q.arrivalCv;
  return {
    probWait: mm.probWait,
    waitRatePerS: (2 * mm.waitRatePerS) / (ca * ca + cv * cv),
    serviceTimeS: q.serviceTimeS,
    shape: cv < DETERMINISTIC_CV ? Number.POSITIVE_INFINITY : 1 / (cv * cv),
  };
}

function modelName(q: NormalizedQueue): string {
  const kind = q.serviceTimeCv === 1 ? 'M' : q.serviceTimeCv === 0 ? 'D' : 'G';
  const arrivals = q.arrivalCv === 1 ? 'M' : q.arrivalCv === 0 ? 'D' : 'G';
  return `${arrivals}/${kind}/${q.servers}`;
}

function buildModel(q: NormalizedQueue): ResponseModel {
  const mm = mmcMetrics(q);
  const s = q.serviceTimeS;
  const cv = q.serviceTimeCv;
  const fanoutNote = q.fanout > 1 ? '; slowest of K independent responses' : '';
  const ca = q.arrivalCv;
  if (cv === 1 && ca === 1) {
    return {
      q,
      probWait: mm.probWait,
      meanWaitS: mm.meanWaitS,
      meanSingleS: mm.meanWaitS + s,
      logSurvival: (t) => mmcLogSurvival(mm.probWait, q.cMinusA, t / s),
      breakpointsS: [],
      method: q.fanout > 1 ? METHOD_EXACT_FANOUT : METHOD_EXACT,
      exact: true,
    };
  }
  const pk = q.servers === 1 && ca === 1;
  const meanWaitS = pk
    ? pollaczekKhinchineMeanWaitS(q.offeredLoad, q.cMinusA, s, cv)
    : allenCunneenMeanWaitS(mm.meanWaitS, cv, ca);
  const params = gammaExpParams(q, mm);
  const deterministic = params.shape === Number.POSITIVE_INFINITY;
  const serviceWord = deterministic
    ? `deterministic service${cv > 0 ? ` (cv ${cv.toPrecision(3)} < ${DETERMINISTIC_CV}: gamma spread below double precision)` : ''}`
    : 'gamma service';
  const method =
    ca !== 1
      ? `Allen-Cunneen mean wait for GI/G/c with arrival cv ${ca.toPrecision(3)} (approximation; Kingman at c = 1); percentiles: Erlang-C atom + exponential wait tail convolved with ${serviceWord} (approximation)${fanoutNote}`
      : q.servers === 1
        ? `Pollaczek-Khinchine mean wait (exact for M/G/1); percentiles: P(wait) = rho atom + exponential wait tail convolved with ${serviceWord} (approximation)${fanoutNote}`
        : `Allen-Cunneen mean wait (approximation); percentiles: Erlang-C atom + exponential wait tail convolved with ${serviceWord} (approximation)${fanoutNote}`;
  const model: ResponseModel = {
    q,
    probWait: mm.probWait,
    meanWaitS,
    meanSingleS: meanWaitS + s,
    logSurvival: (t) => gammaExpLogSurvival(params, t),
    breakpointsS: deterministic ? [s] : [],
    method,
    exact: false,
  };
  if (deterministic) {
    // P(T > t) = C e^(-r (t - E[S])) for t >= E[S], 1 below: the smallest t with P(T > t) <= level.
    const logC = Math.log(mm.probWait);
    model.quantileFromLogTarget = (logTarget) => (logC <= logTarget ? s : s + (logC - logTarget) / params.waitRatePerS);
  }
  return model;
}

function assertProbability(p: number, name = 'p'): void {
  if (typeof p !== 'number' || !(p > 0 && p < 1)) throw new RangeError(`${name} must be in (0, 1), got ${p}`);
}

/** p-quantile of the response (of the slowest of K), seconds. */
function modelQuantileS(model: ResponseModel, p: number): number {
  const logTarget = logFanoutSingleSurvivalTarget(p, model.q.fanout);
  if (model.quantileFromLogTarget) return model.quantileFromLogTarget(logTarget);
  return firstNonPositiveOnHalfLine((t) => model.logSurvival(t) - logTarget, model.meanSingleS);
}

/**
 * P(response time > tS) for the queue (FCFS), including fan-out: 1 - F(t)^K computed without cancellation.
 * Exact for M/M/c; the stated approximation otherwise (see analyzeQueue's `method`). For an unstable queue
 * (utilization >= 1) there is no steady state and the response time grows without bound: the function returns 1.
 * @param input the queue (SI units)
 * @param tS time, seconds (any number; P(T > t) = 1 for t < 0)
 * @returns probability in [0, 1]
 */
export function responseTimeSurvival(input: QueueInput, tS: number): number {
  const q = normalizeQueueInput(input);
  if (typeof tS !== 'number' || Number.isNaN(tS)) throw new RangeError(`tS must be a number, got ${tS}`);
  if (!q.stable) return 1;
  if (tS < 0) return 1;
  const model = buildModel(q);
  return maxOfIidSurvivalFromLog(model.logSurvival(tS), q.fanout);
}

/**
 * P(response time > t) as a function, for evaluating one queue at many times (mixtures, root finding): validates
 * and builds the model once. Same values as responseTimeSurvival; an unstable queue gives the constant 1.
 * @param input the queue (SI units)
 */
export function responseTimeSurvivalFunction(input: QueueInput): (tS: number) => number {
  const q = normalizeQueueInput(input);
  if (!q.stable) return () => 1;
  return survivalOf(buildModel(q));
}

/** P(response time > tS) of a stable queue's model (responseTimeSurvivalFunction's, from a model built once). */
function survivalOf(model: ResponseModel): (tS: number) => number {
  const fanout = model.q.fanout;
  return (tS) => (tS < 0 ? 1 : maxOfIidSurvivalFromLog(model.logSurvival(tS), fanout));
}

/**
 * The p-quantile of the response time (of the slowest of K when fanout > 1), seconds, by bracketed Brent root
 * finding on ln P(T > t) (relative precision about 1e-15 in t for the exact M/M/c survival). For fan-out the
 * single-response level 1 - p^(1/K) is formed without cancellation. Returns Infinity for an unstable queue.
 * @param input the queue (SI units)
 * @param p probability in (0, 1)
 * @example responseTimeQuantile({ servers: 1, arrivalRatePerS: 50, serviceTimeS: 0.01 }, 0.99) // 0.0921034: M/M/1, ln(100) x 20 ms
 */
export function responseTimeQuantile(input: QueueInput, p: number): number {
  const q = normalizeQueueInput(input);
  assertProbability(p);
  if (!q.stable) return Number.POSITIVE_INFINITY;
  return modelQuantileS(buildModel(q), p);
}

/**
 * Generic quantile: the smallest t >= 0 with survival(t) <= 1 - p, for a non-increasing survival function with
 * survival(0) <= 1 (jumps allowed). Brackets from scaleHintS by doubling/halving and refines by Brent's method on
 * ln survival(t) - ln(1 - p), which is nearly linear in exponential tails.
 * @param survival non-increasing P(X > t), t in seconds
 * @param p probability in (0, 1)
 * @param scaleHintS a typical magnitude of the answer, seconds (> 0)
 * @returns the quantile, seconds
 * @throws RangeError for p outside (0, 1), a bad scale hint, NaN survival values, or a survival that never falls
 *   to 1 - p
 */
export function quantileFromSurvival(survival: (tS: number) => number, p: number, scaleHintS: number): number {
  if (typeof survival !== 'function') throw new RangeError('survival must be a function');
  assertProbability(p);
  if (typeof scaleHintS !== 'number' || !Number.isFinite(scaleHintS) || !(scaleHintS > 0)) {
    throw new RangeError(`scaleHintS must be a finite number > 0, got ${scaleHintS}`);
  }
  const logTarget = Math.log1p(-p);
  return firstNonPositiveOnHalfLine((t) => {
    const s = survival(t);
    if (Number.isNaN(s)) throw new RangeError(`survival(${t}) is NaN`);
    return (s > 0 ? Math.log(s) : Number.NEGATIVE_INFINITY) - logTarget;
  }, scaleHintS);
}

/**
 * Capacity figures of one queue: utilization, stability, P(wait), mean wait and response, L and Lq (Little's law,
 * L = lambda W, Lq = lambda Wq), and response-time percentiles p50..p99.9 (of the slowest of K with fan-out).
 * An unstable queue (utilization >= 1) is a result with stable = false and null latency fields, not an error.
 * Invalid arguments throw RangeError naming the argument.
 * @param input servers (integer >= 1), arrivalRatePerS (>= 0), serviceTimeS (> 0), serviceTimeCv (>= 0, default
 *   1), fanout (integer >= 1, default 1)
 * @example analyzeQueue({ servers: 1, arrivalRatePerS: 50, serviceTimeS: 0.01 }).meanResponseS // 0.02: M/M/1, S / (1 - rho)
 */
export function analyzeQueue(input: QueueInput): QueueResult {
  const { summary: m, quantileS } = analyzeQueueParts(input);
  let percentiles: Percentiles | null = null;
  if (quantileS !== null) {
    percentiles = {} as Percentiles;
    for (const { key, p } of PERCENTILE_LEVELS) percentiles[key] = quantileS(p);
  }
  return {
    model: m.model,
    servers: m.servers,
    arrivalRatePerS: m.arrivalRatePerS,
    serviceTimeS: m.serviceTimeS,
    serviceTimeCv: m.serviceTimeCv,
    fanout: m.fanout,
    utilization: m.utilization,
    stable: m.stable,
    probWait: m.probWait,
    meanWaitS: m.meanWaitS,
    meanResponseS: m.meanResponseS,
    meanInSystem: m.meanInSystem,
    meanInQueue: m.meanInQueue,
    percentiles,
    method: m.method,
    approximationError: m.approximationError,
  };
}

/** analyzeQueue's figures but the percentiles. */
export type QueueSummary = Omit<QueueResult, 'percentiles'>;

/**
 * analyzeQueue in two parts: every figure but the percentiles, and the quantile function they come from (null for an
 * unstable queue), so that a caller that needs one percentile (the engine reads the p99) does not search for five.
 * analyzeQueue(input).percentiles[key] is quantileS(p) of the same input, bit for bit (the same function); `survival`
 * is responseTimeSurvivalFunction(input)'s, from the same model (built once for the three: the compare layer's queue
 * memo asks for all of them, an uncertain input's sample for a new queue each time).
 */
export function analyzeQueueParts(input: QueueInput): {
  summary: QueueSummary;
  quantileS: ((p: number) => number) | null;
  survival: (tS: number) => number;
} {
  const q = normalizeQueueInput(input);
  const base = {
    model: modelName(q),
    servers: q.servers,
    arrivalRatePerS: q.arrivalRatePerS,
    serviceTimeS: q.serviceTimeS,
    serviceTimeCv: q.serviceTimeCv,
    fanout: q.fanout,
    utilization: q.utilization,
    stable: q.stable,
  };
  if (!q.stable) {
    return {
      summary: {
        ...base,
        probWait: null,
        meanWaitS: null,
        meanResponseS: null,
        meanInSystem: null,
        meanInQueue: null,
        method: 'unstable (utilization >= 1): no steady state, latency undefined',
        approximationError: null,
      },
      quantileS: null,
      survival: () => 1,
    };
  }
  const model = buildModel(q);
  const meanResponseS =
    q.fanout === 1 ? model.meanSingleS : meanOfMaxS(model.logSurvival, q.fanout, model.meanSingleS, model.breakpointsS);
  // the measured error band, looked up when first read (a pure function of q, kept): only a method text or a note
  // reads it, and an uncertain input's samples (a new queue each) read neither (issue 18: 8% of uncertain-launch)
  let error: ApproximationError | null | undefined;
  return {
    summary: {
      ...base,
      probWait: model.probWait,
      meanWaitS: model.meanWaitS,
      meanResponseS,
      meanInSystem: q.arrivalRatePerS * model.meanSingleS,
      meanInQueue: q.arrivalRatePerS * model.meanWaitS,
      method: model.method,
      get approximationError() {
        error ??= model.exact ? null : approximationErrorOf(q);
        return error;
      },
    },
    quantileS: (p) => modelQuantileS(model, p),
    survival: survivalOf(model),
  };
}
