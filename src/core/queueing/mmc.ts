/**
 * The M/M/c FCFS queue: input validation shared by the queueing core, the exact mean metrics and the exact response
 * time (sojourn) distribution.
 *
 * Sources: Harchol-Balter 2013, *Performance Modeling and Design of Computer Systems*, ch. 14 (M/M/k: Erlang C,
 * E[T_Q] = C / (k mu - lambda)); Gross, Shortle, Thompson & Harris 2008, *Fundamentals of Queueing Theory* 4th ed.,
 * section 2.3 (the FCFS waiting-time distribution: W_q = 0 with probability 1 - C, otherwise Exp(c mu - lambda));
 * Kleinrock 1975, *Queueing Systems* vol. 1, section 3.5.
 */

import { diffOfProduct } from '../math/sum.js';
import { assertNonNegative, assertServers, erlangCWithDeficit } from './erlang.js';

/**
 * Largest service-time coefficient of variation accepted (gamma shape 1e-4). Heavier tails than this are outside what
 * a gamma service model with Allen-Cunneen waits can say anything useful about.
 */
export const MAX_SERVICE_TIME_CV = 100;

/** Input of the queueing calculators; SI units. */
export interface QueueInput {
  /** Number of servers c: integer >= 1 (up to 10,000,000). */
  servers: number;
  /** Poisson arrival rate lambda, per second, >= 0. */
  arrivalRatePerS: number;
  /** Mean service time E[S], seconds, > 0 (service rate per server mu = 1 / serviceTimeS). */
  serviceTimeS: number;
  /** Coefficient of variation of the service time (sd / mean), in [0, 100]; default 1 (exponential), 0 = deterministic. */
  serviceTimeCv?: number;
  /** The client waits for the slowest of `fanout` independent responses; integer >= 1, default 1. */
  fanout?: number;
  /**
   * Coefficient of variation of the interarrival times, in [0, 100]; default 1 (Poisson). Other values make the queue
   * GI/G/c, handled by the Allen-Cunneen approximation (an Erlang-k stream, as one of k round-robin targets sees,
   * has cv 1/sqrt(k)).
   */
  arrivalCv?: number;
}

/** A validated QueueInput with defaults filled in and the load quantities computed to full precision. */
export interface NormalizedQueue {
  servers: number;
  arrivalRatePerS: number;
  serviceTimeS: number;
  serviceTimeCv: number;
  fanout: number;
  arrivalCv: number;
  /** Offered load a = lambda * E[S], Erlangs. */
  offeredLoad: number;
  /** c - a, Erlangs, computed with an exact product so that it keeps its digits near saturation. */
  cMinusA: number;
  /** rho = a / c. */
  utilization: number;
  /** rho < 1, i.e. c - a > 0. */
  stable: boolean;
}

/**
 * Validates a QueueInput (RangeError naming the argument for non-integer servers or fan-out, negative or non-finite
 * rates and times, NaN) and fills in the defaults serviceTimeCv = 1, fanout = 1.
 */
export function normalizeQueueInput(input: QueueInput): NormalizedQueue {
  if (input === null || typeof input !== 'object') throw new RangeError(`input must be an object, got ${input}`);
  const { servers, arrivalRatePerS, serviceTimeS } = input;
  assertServers(servers, 'servers');
  assertNonNegative(arrivalRatePerS, 'arrivalRatePerS');
  if (typeof serviceTimeS !== 'number' || !Number.isFinite(serviceTimeS) || !(serviceTimeS > 0)) {
    throw new RangeError(`serviceTimeS must be a finite number > 0, got ${serviceTimeS}`);
  }
  const serviceTimeCv = input.serviceTimeCv ?? 1;
  assertNonNegative(serviceTimeCv, 'serviceTimeCv');
  if (serviceTimeCv > MAX_SERVICE_TIME_CV) {
    throw new RangeError(`serviceTimeCv must be at most ${MAX_SERVICE_TIME_CV}, got ${serviceTimeCv}`);
  }
  const arrivalCv = input.arrivalCv ?? 1;
  assertNonNegative(arrivalCv, 'arrivalCv');
  if (arrivalCv > MAX_SERVICE_TIME_CV)
    throw new RangeError(`arrivalCv must be at most ${MAX_SERVICE_TIME_CV}, got ${arrivalCv}`);
  const fanout = input.fanout ?? 1;
  if (!Number.isSafeInteger(fanout) || fanout < 1) {
    throw new RangeError(`fanout must be an integer >= 1, got ${fanout}`);
  }
  const offeredLoad = arrivalRatePerS * serviceTimeS;
  if (!Number.isFinite(offeredLoad)) {
    throw new RangeError(`arrivalRatePerS * serviceTimeS must be finite, got ${arrivalRatePerS} * ${serviceTimeS}`);
  }
  const cMinusA = diffOfProduct(servers, arrivalRatePerS, serviceTimeS);
  return {
    servers,
    arrivalRatePerS,
    serviceTimeS,
    serviceTimeCv,
    fanout,
    arrivalCv,
    offeredLoad,
    cMinusA,
    utilization: offeredLoad / servers,
    stable: cMinusA > 0,
  };
}

/** Exact mean metrics of a stable M/M/c queue (seconds). */
export interface MmcMetrics {
  /** Erlang C: P(an arrival waits). */
  probWait: number;
  /** E[W_q] = C / (c mu - lambda) = C E[S] / (c - a), seconds. */
  meanWaitS: number;
  /** Rate of the exponential conditional wait, theta = c mu - lambda = (c - a) / E[S], per second. */
  waitRatePerS: number;
}

/**
 * Exact M/M/c mean wait and probability of waiting for a stable queue (Harchol-Balter 2013 ch. 14:
 * P_Q = C(c, a), E[T_Q] = P_Q / (c mu - lambda)).
 */
export function mmcMetrics(q: NormalizedQueue): MmcMetrics {
  const probWait = erlangCWithDeficit(q.servers, q.offeredLoad, q.cMinusA);
  const waitRatePerS = q.cMinusA / q.serviceTimeS;
  return { probWait, meanWaitS: probWait / waitRatePerS, waitRatePerS };
}

/** g(x) = (1 - e^-x) / x, g(0) = 1, without cancellation. */
function oneMinusExpOverX(x: number): number {
  return x === 0 ? 1 : -Math.expm1(-x) / x;
}

/**
 * ln P(T > t) of the M/M/c FCFS response time T = W_q + S, exactly (Gross et al. 2008 section 2.3):
 * P(T > t) = (1 - C) e^(-mu t) + C P(X + Y > t), X ~ Exp(theta), Y ~ Exp(mu), theta = c mu - lambda.
 * The hypoexponential survival is written without cancellation, also at theta == mu: with m = min(mu, theta),
 * d = |mu - theta|, P(X + Y > t) = e^(-m t) [1 + m t g(d t)], g(x) = (1 - e^-x)/x. In units of the service time
 * (x = mu t, theta' = c - a), and factoring out e^(-m x), every term is positive.
 * For M/M/1 this is exactly e^(-(mu - lambda) t).
 * @param probWait Erlang C
 * @param cMinusA c - a = theta / mu (> 0)
 * @param x time in units of the mean service time, mu t (>= 0)
 */
export function mmcLogSurvival(probWait: number, cMinusA: number, x: number): number {
  if (x <= 0) return 0;
  if (x === Number.POSITIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  const c = probWait;
  if (cMinusA >= 1) {
    // m = mu: S = e^-x [1 + C x g((theta' - 1) x)]
    return -x + Math.log1p(c * x * oneMinusExpOverX((cMinusA - 1) * x));
  }
  // m = theta': S = e^(-theta' x) [(1 - C) e^(-(1 - theta') x) + C (1 + theta' x g((1 - theta') x))]
  const d = 1 - cMinusA;
  return -cMinusA * x + Math.log((1 - c) * Math.exp(-d * x) + c * (1 + cMinusA * x * oneMinusExpOverX(d * x)));
}
