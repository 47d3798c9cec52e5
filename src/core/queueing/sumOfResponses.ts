/**
 * The distribution of a sum of independent response times: the end-to-end time of a request that walks several
 * tiers (calls to each, one after the other) plus fixed network time. Its quantiles are those of the SUM, never a
 * sum of the terms' quantiles.
 *
 * Terms (SI units):
 * - a queue called `calls` times in sequence, each response independent and distributed as the queue's response
 *   time (distribution.ts: exact M/M/c sojourn; for cv != 1 or non-Poisson arrivals the module's approximation,
 *   gamma service plus an Erlang-C atom and exponential wait); with `callProbability` q < 1 each of the calls happens
 *   with probability q independently (a cache of hit ratio h passes each miss on: q = 1 - h), so the number of calls
 *   is Binomial(calls, q) and the sum is a mixture over it;
 * - the same with the calls going to ONE station that every request calls the same way (`sameStation`: a tier's
 *   queue on a route): their waits are not independent, a request meets the same requests in flight again
 *   (repeatedCalls.ts); n calls' waits are then a part common to the calls and a part of each, of transform
 *   L_W(s)^((1 - a) n) L_W(h s)^(a n / h) (a, h from the waits' lag correlations), and their count, when random, is
 *   conditioned on exactly. APPROXIMATE (the measured error is the latency method's, systemLatency.ts);
 * - a constant (network time).
 *
 * Method: one response's Laplace transform is closed form,
 *   L(s) = E[e^(-s T)] = (1 + s E[S] / k)^(-k) * ((1 - C) + C r / (r + s))   (gamma service of shape k = 1/cv^2,
 *   e^(-s E[S]) when deterministic; wait 0 w.p. 1 - C, else Exp(r); M/M/c: k = 1, r = c mu - lambda, C Erlang C),
 * n calls in sequence give L(s)^n and a Binomial(n, q) count gives the probability generating function
 * (1 - q + q L(s))^n, for any n at the same cost. The product over terms is inverted numerically (eulerInversion.ts:
 * Abate & Whitt 1995) for the survival function of the sum, from its transform (1 - L(s)) / s. Constants and the
 * deterministic service of calls that always happen are exact shifts. A sum of many calls is concentrated far from 0,
 * which a Fourier series on [0, 2t] resolves badly: the inversion is centred at d0, the largest point below which
 * the sum has probability at most 1e-30 by the Chernoff bound P(X <= d) <= min_s e^(s d) L(s) (evaluated on the
 * real axis). Quantiles by safeguarded Newton on ln P(X > t), whose derivative comes from the same transform values.
 *
 * Measured error (test/core/queueing/sumOfResponses.test.ts against test/fixtures/queueing/sum.json, an independent
 * mpmath reference): quantiles p50..p99.9 within 2e-10 relative for continuous sums (M/M/c and gamma services, 1 to
 * 10,000 calls, Binomial counts, scales from 0.3 ms to 200 ms; the test enforces 1e-7); the survival within about
 * 2e-10 absolute (against the closed-form Erlang survival). A deterministic service with a random number of calls (a
 * cache miss to an M/D/c tier) is a lattice of steps the Euler series resolves badly (25-50% wrong quantiles
 * measured), so its count is conditioned on exactly (conditionedOnCounts: a mixture over the Binomial counts; the
 * reference case within 1e-7, enforced), and `method` says so. Speed: 0.1-0.45 ms for the five percentiles of 2-4
 * terms (Node 20). Not covered: fan-out terms (the slowest of K has no closed-form transform).
 */

import { binomialWindow } from '../reliability/availability.js';
import { normalQuantile } from '../stats/normalQuantile.js';
import type { Percentiles } from './distribution.js';
import { gammaExpParams, PERCENTILE_LEVELS } from './distribution.js';
import { type EulerParameters, eulerWeights } from './eulerInversion.js';
import { DETERMINISTIC_CV } from './mg.js';
import { mmcMetrics, type NormalizedQueue, normalizeQueueInput, type QueueInput } from './mmc.js';
import { MAX_REPEATED_CALLS, REPEATED_CALLS_METHOD, type RepeatedCalls, repeatedCalls } from './repeatedCalls.js';

/** A tier called `calls` times per request, each call independently with probability `callProbability`. */
export interface QueueCallsTerm {
  /** The tier's queue (its own arrival rate, servers and service time); fanout must be 1. */
  queue: QueueInput;
  /** Sequential calls per request: integer in [0, 1,000,000]; default 1. */
  calls?: number;
  /**
   * Probability that each call happens, in [0, 1]; default 1. With q < 1 the number of calls is Binomial(calls, q)
   * (misses of a cache of hit ratio 1 - q in front of this tier).
   */
  callProbability?: number;
  /**
   * Fixed network time every call that happens pays (the round trip to the tier), seconds >= 0; default 0. With
   * calls made at random (callProbability < 1) the count decides how many are paid, so it is conditioned on exactly
   * like a deterministic service (see conditionedOnCounts).
   */
  perCallS?: number;
  /**
   * A fixed extra time each call that happens pays with a probability, independently (a strong write's quorum or
   * synchronous-standby round trip: `probability` the write fraction, `s` the trip); default none. The number of
   * calls that pay it is conditioned on exactly, like the number of calls (see conditionedOnCounts).
   */
  detour?: { probability: number; s: number };
  /**
   * The calls go to ONE station (a tier's queue in one region) that every request calls the same way, so the waits
   * of a request's calls are correlated (repeatedCalls.ts: the requests in flight it meets again), and a call that
   * repeats waits as the station's cycling requests make it wait (the service cv's weight blended towards M/M/c).
   * Absent: the calls are independent (today's model; exact for calls to different stations of a tandem of M/M/1
   * queues). Without effect on a single call (calls = 1, callProbability = 1). calls must then be at most
   * MAX_REPEATED_CALLS (10,000).
   */
  sameStation?: SameStation;
}

/** The station repeated calls go to (see QueueCallsTerm.sameStation). */
export interface SameStation {
  /**
   * Identical independent queues the station's calls are spread over at random (`queue` is one of them: nodes behind
   * a random or round-robin balancer, a primary with read replicas), integer >= 1; default 1 (one queue).
   */
  queues?: number;
  /**
   * Keep the wait of a call that repeats (the cv blend) but take the calls' waits as independent: a lower bound of
   * the correlated sum (the correlation only widens it: same mean, a larger variance), and with perCallS = 0 (the
   * blend's least weight on a cv > 1) a lower bound over every network time. Default false.
   */
  independentWaits?: boolean;
}

/** A fixed time added to every request (network round trips), seconds. */
export interface ConstantTerm {
  constantS: number;
}

/** One term of the sum. */
export type ResponseSumTerm = QueueCallsTerm | ConstantTerm;

/** Result of analyzeResponseSum; seconds. Latency fields are null when a called queue is unstable. */
export interface ResponseSumResult {
  /** Every queue that is called is stable (utilization < 1). */
  stable: boolean;
  /** Mean of the sum: the sum of the terms' means (calls x probability x mean response, plus the constants). */
  meanS: number | null;
  /** Standard deviation of the sum (independent terms). */
  sdS: number | null;
  /** The smallest possible value: the constants plus deterministic service of calls that always happen. */
  minimumS: number;
  /** Percentiles of the sum, seconds. */
  percentiles: Percentiles | null;
  /** How the figures were obtained. */
  method: string;
}

/** A compiled sum: build once (validation, parameters, centring), evaluate many times. */
export interface ResponseSum {
  stable: boolean;
  meanS: number;
  sdS: number;
  minimumS: number;
  method: string;
  /** P(X > tS); 1 for an unstable sum. */
  survival(tS: number): number;
  /** P(X <= tS), computed from its own transform where small (no cancellation in the left tail). */
  cdf(tS: number): number;
  /** The density of the continuous part at tS, per second (0 at and below the minimum, and for a constant). */
  density(tS: number): number;
  /** P(X > tS) and the density at tS from one inversion (what a Newton step needs). */
  tail(tS: number): { survival: number; density: number };
  /** The p-quantile, seconds (Infinity when unstable). */
  quantile(p: number): number;
}

/** Upper bound on `calls`: far beyond the 10,000 a scenario allows; the accuracy is measured up to 10,000. */
export const MAX_CALLS = 1_000_000;

/** Left-tail mass ignored by centring the inversion: P(X <= d0) <= LEFT_TAIL. */
const LEFT_TAIL = 1e-30;
const LN_LEFT_TAIL = Math.log(LEFT_TAIL);

/** One queue's response in the transform's parameters, with its call count. */
export interface Phase {
  /** P(wait > 0). */
  probWait: number;
  /** Rate of the conditional exponential wait, per second. */
  waitRate: number;
  /** Mean service time, seconds. */
  serviceS: number;
  /** Gamma shape 1/cv^2; Infinity = deterministic. */
  shape: number;
  calls: number;
  /** Probability that each call happens. */
  q: number;
  /** Deterministic service of calls that always happen: moved to the shift. */
  shifted: boolean;
  /** Fixed network time per call that happens, seconds (in the shift when the calls always happen). */
  offsetS: number;
  /** Probability that a call pays the detour, and the detour, seconds (0 and 0: none). */
  detourP: number;
  detourS: number;
  meanS: number;
  varS2: number;
  approximate: boolean;
  /**
   * The calls' correlated waits (repeatedCalls.ts) as a common part and an own part: each wait W = W_c + W_o
   * (independent, W_c of transform L_W^a, W_o of L_W^(1 - a): L_W is infinitely divisible), the own parts
   * independent across calls, the common parts adding up as calls / h independent parts h times as long; a =
   * commonShare, h = waitScale. The variance of the calls' waits is then calls Var(W) (1 + a (h - 1)), the model's
   * calls Var(W) g_n. h = 1 for independent calls.
   */
  waitScale: number;
  commonShare: number;
  /** The term's calls go to one station (sameStation) and are made at random: conditioned on their count. */
  correlatedAtRandom: boolean;
  /** The repeated-calls model changed this phase (correlated waits or the blended wait of a call that repeats). */
  repeated: boolean;
}

function assertCalls(calls: number, i: number): void {
  if (!Number.isSafeInteger(calls) || calls < 0 || calls > MAX_CALLS) {
    throw new RangeError(`terms[${i}].calls must be an integer in [0, ${MAX_CALLS}], got ${calls}`);
  }
}

/** The repeated-calls model of a term (sameStation), computed once per sum and shared by its conditioned parts. */
type Models = (RepeatedCalls | null)[];

/**
 * Validates the terms; returns the phases, the constant shift, whether some called queue is unstable, and the
 * repeated-calls models by term (`models`: those of the sum this one conditions, by term index).
 */
function compile(
  terms: readonly ResponseSumTerm[],
  modelsIn?: Models,
): { phases: Phase[]; shiftS: number; stable: boolean; models: Models } {
  if (!Array.isArray(terms)) throw new RangeError('terms must be an array');
  const phases: Phase[] = [];
  const models: Models = terms.map(() => null);
  let shiftS = 0;
  let stable = true;
  terms.forEach((term, i) => {
    if (term === null || typeof term !== 'object') throw new RangeError(`terms[${i}] must be an object`);
    if ('constantS' in term) {
      const c = term.constantS;
      if (typeof c !== 'number' || !Number.isFinite(c) || c < 0) {
        throw new RangeError(`terms[${i}].constantS must be a finite number >= 0, got ${c}`);
      }
      shiftS += c;
      return;
    }
    if (!('queue' in term)) throw new RangeError(`terms[${i}] must have queue or constantS`);
    const calls = term.calls ?? 1;
    assertCalls(calls, i);
    const q = term.callProbability ?? 1;
    if (typeof q !== 'number' || !(q >= 0 && q <= 1)) {
      throw new RangeError(`terms[${i}].callProbability must be in [0, 1], got ${q}`);
    }
    const offsetS = term.perCallS ?? 0;
    if (typeof offsetS !== 'number' || !Number.isFinite(offsetS) || offsetS < 0) {
      throw new RangeError(`terms[${i}].perCallS must be a finite number >= 0, got ${offsetS}`);
    }
    const detour = term.detour ?? { probability: 0, s: 0 };
    if (
      detour === null ||
      typeof detour !== 'object' ||
      typeof detour.probability !== 'number' ||
      !(detour.probability >= 0 && detour.probability <= 1) ||
      typeof detour.s !== 'number' ||
      !Number.isFinite(detour.s) ||
      detour.s < 0
    ) {
      throw new RangeError(
        `terms[${i}].detour must be { probability in [0, 1], s finite >= 0 }, got ${JSON.stringify(detour)}`,
      );
    }
    const nq = normalizeQueueInput(term.queue);
    if (nq.fanout !== 1) {
      throw new RangeError(
        `terms[${i}].queue.fanout must be 1, got ${nq.fanout}: the slowest of K responses has no closed-form transform`,
      );
    }
    const same = term.sameStation;
    let queues = 1;
    if (same !== undefined) {
      if (same === null || typeof same !== 'object') throw new RangeError(`terms[${i}].sameStation must be an object`);
      queues = same.queues ?? 1;
      if (!Number.isSafeInteger(queues) || queues < 1) {
        throw new RangeError(`terms[${i}].sameStation.queues must be an integer >= 1, got ${queues}`);
      }
      if (calls > MAX_REPEATED_CALLS) {
        throw new RangeError(
          `terms[${i}].calls must be at most ${MAX_REPEATED_CALLS} with sameStation (the waits' correlation is computed call by call), got ${calls}`,
        );
      }
    }
    if (calls === 0 || q === 0) return;
    if (!nq.stable) {
      stable = false;
      return;
    }
    // distribution.ts's model (exact M/M/c at cv = ca = 1)
    const g = gammaExpParams(nq, mmcMetrics(nq));
    const cv = nq.serviceTimeCv;
    let waitRate = g.waitRatePerS;
    let waitScale = 1;
    let commonShare = 0;
    let inflation = 1;
    let repeats = false;
    if (same !== undefined) {
      const model = modelsIn?.[i] ?? sharedRepeatedCalls(nq, offsetS, calls, q, queues);
      models[i] = model;
      // the marginal of a call that repeats (the cv blend; unchanged for a single call and at cv = 1)
      if (model.poissonWeight < 1) {
        waitRate = model.waitRatePerS;
        repeats = true;
      }
      // calls made at random are conditioned on their count (conditionedOnCounts); its fallback takes the mean count
      const n = q === 1 ? calls : Math.max(1, Math.round(calls * q));
      if (same.independentWaits !== true) {
        const split = model.split(n);
        inflation = split.inflation;
        commonShare = split.commonShare;
        waitScale = split.commonScale;
        if (inflation > 1) repeats = true;
      }
    }
    const deterministic = g.shape === Number.POSITIVE_INFINITY;
    const s = nq.serviceTimeS;
    const probWait = g.probWait;
    const meanS = s + probWait / waitRate;
    const waitVar = (probWait * (2 - probWait)) / (waitRate * waitRate);
    const varS2 = (deterministic ? 0 : cv * cv * s * s) + (inflation === 1 ? waitVar : inflation * waitVar);
    const shifted = deterministic && q === 1;
    if (shifted) shiftS += calls * s;
    // the network time of calls that always happen is an exact shift; of calls made at random, a per-call offset
    const offset = q === 1 ? 0 : offsetS;
    if (q === 1) shiftS += calls * offsetS;
    // a detour every call pays is a shift too (exact) when the calls always happen; else it stays per call
    const detourP = detour.s > 0 ? detour.probability : 0;
    const alwaysDetour = detourP === 1 && q === 1;
    if (alwaysDetour) shiftS += calls * detour.s;
    const perCallDetour = alwaysDetour ? 0 : detourP * detour.s;
    phases.push({
      probWait,
      waitRate,
      serviceS: s,
      shape: g.shape,
      calls,
      q,
      shifted,
      offsetS: offset,
      detourP: alwaysDetour ? 0 : detourP,
      detourS: alwaysDetour ? 0 : detour.s,
      meanS: meanS + offset + perCallDetour,
      varS2: varS2 + (alwaysDetour ? 0 : detourP * (1 - detourP) * detour.s * detour.s),
      approximate: cv !== 1 || nq.arrivalCv !== 1 || repeats,
      waitScale,
      commonShare,
      correlatedAtRandom: same !== undefined && same.independentWaits !== true && q < 1 && calls >= 2,
      repeated: repeats,
    });
  });
  return { phases, shiftS, stable, models };
}

/** Repeated-calls models kept before the memo is cleared (a bound on memory; a model holds a few arrays of its calls; the figure is a judgement, not measured). */
const MAX_SHARED_MODELS = 4096;
const sharedModels = new Map<string, RepeatedCalls>();

/**
 * repeatedCalls of a term's station, memoised on every input it reads (the normalised queue's servers, rate, service
 * time and cvs, the time away, the calls, their probability and the queues): a pure function whose model is never
 * changed once built, so a memo returns what a fresh computation gives, bit for bit. The sums of a search's
 * combinations of tier designs meet the same station on the same route again and again (issue 18).
 */
function sharedRepeatedCalls(
  nq: NormalizedQueue,
  awayS: number,
  calls: number,
  callProbability: number,
  queues: number,
): RepeatedCalls {
  const key = `${nq.servers},${nq.arrivalRatePerS},${nq.serviceTimeS},${nq.serviceTimeCv},${nq.arrivalCv},${nq.fanout}|${awayS}|${calls}|${callProbability}|${queues}`;
  let model = sharedModels.get(key);
  if (model === undefined) {
    model = repeatedCalls({ queue: nq, awayS, calls, callProbability, queues });
    if (sharedModels.size >= MAX_SHARED_MODELS) sharedModels.clear();
    sharedModels.set(key, model);
  }
  return model;
}

/** ln L(s) and its derivative on the real axis s > 0, for the Chernoff centring (shifts excluded). */
function realLogTransform(phases: readonly Phase[], s: number): { logL: number; dLogL: number } {
  let logL = 0;
  let dLogL = 0;
  for (const ph of phases) {
    // One call: service and wait.
    let l = 0;
    let dl = 0;
    if (ph.shape === Number.POSITIVE_INFINITY) {
      if (!ph.shifted) {
        l = -s * ph.serviceS;
        dl = -ph.serviceS;
      }
    } else {
      const u = (s * ph.serviceS) / ph.shape;
      l = -ph.shape * Math.log1p(u);
      dl = -ph.serviceS / (1 + u);
    }
    l -= s * ph.offsetS;
    dl -= ph.offsetS;
    if (ph.detourP > 0) {
      // ln(1 - p + p e^(-s d)) and its derivative
      const e = ph.detourP * Math.exp(-s * ph.detourS);
      const w = 1 - ph.detourP + e;
      l += Math.log(w);
      dl += (-ph.detourS * e) / w;
    }
    if (ph.probWait > 0) {
      const r = ph.waitRate;
      const c = ph.probWait;
      const g = ph.waitScale;
      if (g === 1) {
        // ln(((1 - C) s + r) / (r + s))
        const num = r + (1 - c) * s;
        l += Math.log(num) - Math.log(r + s);
        dl += (1 - c) / num - 1 / (r + s);
      } else {
        // (1 - a) ln L_W(s) + (a / g) ln L_W(g s): the own part, and the common part g times as long, 1 / g of it
        const a = ph.commonShare;
        const num1 = r + (1 - c) * s;
        const gs = g * s;
        const num = r + (1 - c) * gs;
        l += (1 - a) * (Math.log(num1) - Math.log(r + s)) + (a * (Math.log(num) - Math.log(r + gs))) / g;
        dl += (1 - a) * ((1 - c) / num1 - 1 / (r + s)) + a * ((1 - c) / num - 1 / (r + gs));
      }
    }
    if (ph.q === 1) {
      logL += ph.calls * l;
      dLogL += ph.calls * dl;
    } else {
      const e = Math.exp(l);
      const w = 1 - ph.q + ph.q * e;
      logL += ph.calls * Math.log(w);
      dLogL += (ph.calls * ph.q * e * dl) / w;
    }
  }
  return { logL, dLogL };
}

/**
 * The centre d0 >= 0 of the inversion: d(s) = -L'(s)/L(s) (the mean of the exponentially tilted sum) at the smallest
 * s found with h(s) = s d(s) + ln L(s) <= ln LEFT_TAIL, so that P(X <= d0) <= e^h(s) <= LEFT_TAIL (Chernoff). h falls
 * from 0 as s grows (h' = s d'(s) < 0); 0 when it never gets there (an atom at the minimum heavier than LEFT_TAIL).
 */
function chernoffCentre(phases: readonly Phase[], scaleS: number): number {
  const h = (s: number) => {
    const { logL, dLogL } = realLogTransform(phases, s);
    return { h: -s * dLogL + logL, d: -dLogL };
  };
  let lo = 0;
  let hi = 1 / scaleS;
  let at = h(hi);
  for (let i = 0; at.h > LN_LEFT_TAIL; i++) {
    if (i > 80) return 0;
    lo = hi;
    hi *= 2;
    at = h(hi);
  }
  // Narrow [lo, hi] (h(lo) > ln eps >= h(hi)) in ratio, to get a d0 within a few per cent of the largest.
  let best = at.d;
  for (let i = 0; i < 8 && lo > 0; i++) {
    const mid = Math.sqrt(lo * hi);
    const m = h(mid);
    if (m.h <= LN_LEFT_TAIL) {
      hi = mid;
      best = m.d;
    } else lo = mid;
  }
  return Math.max(0, best);
}

/** Scratch output of the complex evaluation. */
interface Inverted {
  survival: number;
  cdf: number;
  density: number;
}

/**
 * Euler parameters of the sum: A = 22 (discretization error e^-22 = 2.8e-10 times S(3t) / S(t)), n = 30, m = 15
 * (46 transform values per point). Abate and Whitt's 18.4 / 15 / 11 left errors of 3e-6 relative in the survival at
 * the p99.9 of Erlang sums, and 3e-3 at 10,000 calls; these give about 1e-9 (measured against the closed-form gamma
 * survival; see the tests).
 */
export const SUM_EULER: EulerParameters = { a: 22, n: 30, m: 15 };

/** Options of responseSum. */
export interface ResponseSumOptions {
  /** Euler parameters of the inversion (default SUM_EULER); a second set gives an error estimate by comparison. */
  euler?: EulerParameters;
  /**
   * Invert lattice terms (deterministic service or network time per call, called at random) inside the transform
   * instead of conditioning on their counts: conditionedOnCounts's fallback beyond MAX_COUNT_COMPONENTS (approximate).
   */
  unconditioned?: boolean;
}

/** A phase whose calls, made at random, add fixed steps (deterministic service, or network time per call). */
function isLattice(ph: Phase): boolean {
  return ph.shape === Number.POSITIVE_INFINITY || ph.offsetS > 0 || randomDetour(ph);
}

/** A detour paid by some calls and not others: a step per call that pays it. */
function randomDetour(ph: Phase): boolean {
  return ph.detourP > 0 && ph.detourS > 0;
}

/**
 * Builds a sum of independent response times once, for many evaluations (see the module comment for the method).
 * Invalid terms throw RangeError naming the term; a called queue that is unstable makes the sum unbounded (stable =
 * false, survival 1, quantiles Infinity), not an error.
 * @param terms queues with their calls and constants (SI units)
 * @example responseSum([{ queue: { servers: 1, arrivalRatePerS: 50, serviceTimeS: 0.01 }, calls: 2 }]).quantile(0.5) // 0.0335669: Gamma(2, 50/s)
 */
export function responseSum(terms: readonly ResponseSumTerm[], options: ResponseSumOptions = {}): ResponseSum {
  return buildSum(terms, options);
}

/** responseSum, with the repeated-calls models of the sum a conditioned part belongs to (by term index). */
function buildSum(terms: readonly ResponseSumTerm[], options: ResponseSumOptions, modelsIn?: Models): ResponseSum {
  const { phases, shiftS, stable, models } = compile(terms, modelsIn);
  if (
    options.unconditioned !== true &&
    stable &&
    phases.some((ph) => (ph.q < 1 && (isLattice(ph) || ph.correlatedAtRandom)) || randomDetour(ph))
  ) {
    return conditionedOnCounts(terms, options, models);
  }
  const euler = options.euler ?? SUM_EULER;
  const weights = eulerWeights(euler);
  const dampA = euler.a;
  const expHalfA = Math.exp(dampA / 2);
  let meanS = shiftS;
  let varS2 = 0;
  let atomAtMin = 1;
  let approximate = false;
  for (const ph of phases) {
    const mean1 = ph.meanS - (ph.shifted ? ph.serviceS : 0);
    meanS += ph.calls * ph.q * mean1;
    varS2 += ph.calls * ph.q * ph.varS2 + ph.calls * ph.q * (1 - ph.q) * ph.meanS * ph.meanS;
    const atom1 = ph.shape === Number.POSITIVE_INFINITY ? 1 - ph.probWait : 0;
    const waitParts = ph.waitScale === 1 ? ph.calls : ph.calls * (1 - ph.commonShare + ph.commonShare / ph.waitScale);
    atomAtMin *= ph.q === 1 ? atom1 ** waitParts : (1 - ph.q) ** ph.calls;
    approximate ||= ph.approximate;
  }
  const sdS = Math.sqrt(varS2);
  const modelsText = approximate
    ? 'terms: exact M/M/c sojourn or the M/G/c approximation of distribution.ts (gamma service, Erlang-C atom, exponential wait)'
    : 'terms: exact M/M/c sojourn times';
  const repeated = phases.some((ph) => ph.repeated) ? `; ${REPEATED_CALLS_METHOD}` : '';
  const unbounded = (method: string): ResponseSum => ({
    stable: false,
    meanS: Number.POSITIVE_INFINITY,
    sdS: Number.POSITIVE_INFINITY,
    minimumS: shiftS,
    method,
    survival: () => 1,
    cdf: () => 0,
    density: () => 0,
    tail: () => ({ survival: 1, density: 0 }),
    quantile: (p) => {
      assertProbability(p);
      return Number.POSITIVE_INFINITY;
    },
  });
  if (!stable) return unbounded('unbounded: a called queue is unstable (utilization >= 1), no steady state');
  if (phases.length === 0 || atomAtMin === 1) {
    // A constant: every call is skipped or deterministic without waiting.
    return {
      stable: true,
      meanS: shiftS,
      sdS: 0,
      minimumS: shiftS,
      method: 'constant: no random term',
      survival: (t) => (t < shiftS ? 1 : 0),
      cdf: (t) => (t < shiftS ? 0 : 1),
      density: () => 0,
      tail: (t) => ({ survival: t < shiftS ? 1 : 0, density: 0 }),
      quantile: (p) => {
        assertProbability(p);
        return shiftS;
      },
    };
  }
  const centreS = chernoffCentre(phases, meanS - shiftS);
  const originS = shiftS + centreS;
  const out: Inverted = { survival: 0, cdf: 0, density: 0 };
  const points = weights.length;
  // ln L(s) at the points s_k = x + i k pi / tau of one inversion (real and imaginary parts), by point
  const logRe = new Float64Array(points);
  const logIm = new Float64Array(points);

  /** Inverts at tau = t - originS > 0: survival, cdf and density of the sum. */
  const invert = (tau: number): Inverted => {
    const x = dampA / (2 * tau);
    const step = Math.PI / tau;
    // ln L(s) at every point: the centring e^(s d0), plus each phase's log, phase by phase (the same sums, in the same
    // order, as point by point: the phase's constants and branches are taken once per inversion, not once per point)
    for (let k = 0; k < points; k++) {
      logRe[k] = x * centreS;
      logIm[k] = k * step * centreS;
    }
    for (const ph of phases) addPhaseLog(ph, x, step, logRe, logIm);
    let sumS = 0;
    let sumF = 0;
    let sumD = 0;
    for (let k = 0; k < points; k++) {
      const y = k * step;
      const lr = logRe[k] as number;
      const li = logIm[k] as number;
      // E = e^(lr + i li); F^ = E / s; S^ = (1 - E) / s = -expm1(l) / s without cancellation near l = 0.
      const mag = Math.exp(lr);
      const cos = Math.cos(li);
      const sin = Math.sin(li);
      const er = mag * cos;
      const ei = mag * sin;
      const halfSin = Math.sin(0.5 * li);
      const omr = -(Math.expm1(lr) * cos - 2 * halfSin * halfSin); // Re(1 - E)
      const omi = -ei;
      const den = x * x + y * y;
      const w = weights[k] as number;
      sumS += (w * (omr * x + omi * y)) / den;
      sumF += (w * (er * x + ei * y)) / den;
      sumD += w * er;
    }
    const scale = expHalfA / tau;
    out.survival = Math.min(1, Math.max(0, scale * sumS));
    out.cdf = Math.min(1, Math.max(0, scale * sumF));
    out.density = scale * sumD;
    return out;
  };

  const survival = (t: number): number => {
    if (Number.isNaN(t)) throw new RangeError('tS must be a number, got NaN');
    if (t < shiftS) return 1;
    if (t === shiftS) return 1 - atomAtMin;
    if (t <= originS) return 1; // P(X <= t) <= LEFT_TAIL
    return invert(t - originS).survival;
  };
  const cdf = (t: number): number => {
    if (Number.isNaN(t)) throw new RangeError('tS must be a number, got NaN');
    if (t < shiftS) return 0;
    if (t === shiftS) return atomAtMin;
    if (t <= originS) return 0;
    const r = invert(t - originS);
    return r.survival < 0.5 ? 1 - r.survival : r.cdf;
  };
  const density = (t: number): number => {
    if (Number.isNaN(t)) throw new RangeError('tS must be a number, got NaN');
    return t <= originS ? 0 : Math.max(0, invert(t - originS).density);
  };
  const tail = (t: number): { survival: number; density: number } => {
    if (Number.isNaN(t)) throw new RangeError('tS must be a number, got NaN');
    if (t <= originS) return { survival: survival(t), density: 0 };
    const r = invert(t - originS);
    return { survival: r.survival, density: Math.max(0, r.density) };
  };
  const quantile = (p: number): number => {
    assertProbability(p);
    if (atomAtMin >= p) return shiftS;
    const logTarget = Math.log1p(-p);
    // Bracket: S(lo) > 1 - p >= S(hi), starting from the normal approximation.
    let lo = originS;
    const guess = meanS + normalQuantile(p) * sdS;
    let t = guess > originS ? guess : originS + 0.5 * (meanS - originS);
    let hi = Number.POSITIVE_INFINITY;
    let at = invert(t - originS);
    for (let i = 0; at.survival > 1 - p; i++) {
      if (i > 200) throw new RangeError(`responseSum: no quantile found for p = ${p}`);
      lo = t;
      t = originS + 2 * (t - originS);
      at = invert(t - originS);
    }
    hi = t;
    // Safeguarded Newton on g(t) = ln S(t) - ln(1 - p), g' = -f / S; bisection when a step leaves (lo, hi).
    for (let i = 0; i < 100; i++) {
      const s = at.survival;
      const g = s > 0 ? Math.log(s) - logTarget : Number.NEGATIVE_INFINITY;
      if (g > 0) lo = t;
      else hi = t;
      let next = Number.NaN;
      if (s > 0 && at.density > 0) next = t + (g * s) / at.density;
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
      if (Math.abs(next - t) <= 1e-11 * t || hi - lo <= 1e-14 * hi) return next;
      t = next;
      at = invert(t - originS);
    }
    return t;
  };
  const method =
    `sum by numerical Laplace inversion (Euler, Abate & Whitt 1995; A = ${dampA}, ${weights.length} terms) of the product ` +
    `of the calls' transforms (powers for repeated calls, binomial generating function for calls made with ` +
    `probability q), centred by a Chernoff bound; constants and deterministic service added exactly; ${modelsText}${repeated}`;
  return {
    stable: true,
    meanS,
    sdS,
    minimumS: shiftS,
    method,
    survival,
    cdf,
    density,
    tail,
    quantile: quantilesKept(quantile),
  };
}

/**
 * A sum's quantile function, each p's answer kept: a pure function of p (the sum never changes once built), so a
 * quantile asked again (a route's p99 is the start of its mixture's p99 search and a user region's figure; a sum is
 * shared by the analyses that meet the same terms, tiers/sumMemo.ts) is returned, bit for bit, without its search.
 * Only answers are kept: an invalid p throws again.
 * @example quantilesKept((p) => -Math.log1p(-p))(0.99) // 4.60517019: the p99 of Exp(1), kept for the next call
 */
export function quantilesKept(quantile: (p: number) => number): (p: number) => number {
  const kept = new Map<number, number>();
  return (p) => {
    let q = kept.get(p);
    if (q === undefined) {
      q = quantile(p);
      kept.set(p, q);
    }
    return q;
  };
}

/**
 * Adds one phase's ln L(s) (its calls' log-transform) at the points s_k = x + i k step, k = 0..logRe.length - 1, to
 * logRe[k] + i logIm[k]: for one call, -k ln(1 + s E[S] / k) (gamma service; -s E[S] deterministic, 0 when shifted),
 * -s times the per-call offset, ln(1 - p + p e^(-s d)) for a detour, and the wait's ln(r + (1 - C) s) - ln(r + s)
 * (correlated: (1 - a) ln L_W(s) + (a / g) ln L_W(g s)); times the calls, or n ln(1 - q + q e^l) for calls made with
 * probability q. The expressions (and so every bit of the result) are those of the point-by-point loop it replaces;
 * the phase's constants are hoisted out of the loop over the points.
 *
 * A wait whose factor is exactly 1 (unitWaitZeros) adds its two zeros without the logarithms and arctangents that
 * would give them: the same bits (`general`: compute them anyway, the reference the fast path is tested against).
 * @example ((re) => (addPhaseLog({ probWait: 0, waitRate: 1, serviceS: 0.01, shape: 1, calls: 1, q: 1, shifted: false, offsetS: 0, detourP: 0, detourS: 0, waitScale: 1, commonShare: 0 }, 1, 1, re, new Float64Array(2)), re[1]))(new Float64Array(2)) // -0.00999934: -ln|1 + 0.01 s| at s = 1 + i, one call of exponential service of 10 ms that never waits
 */
export function addPhaseLog(
  ph: Phase,
  x: number,
  step: number,
  logRe: Float64Array,
  logIm: Float64Array,
  general = false,
): void {
  const points = logRe.length;
  const deterministic = ph.shape === Number.POSITIVE_INFINITY;
  const shiftedService = deterministic && ph.shifted;
  const serviceS = ph.serviceS;
  // gamma service: -k ln(1 + s E[S] / k), as -k * 0.5 * ln|.|^2 and -k * arg
  const gs = serviceS / ph.shape;
  const halfShape = -ph.shape * 0.5;
  const negShape = -ph.shape;
  const offsetS = ph.offsetS;
  const detourP = ph.detourP;
  const detourS = ph.detourS;
  const detourM = detourP > 0 ? detourP * Math.exp(-x * detourS) : 0;
  const waits = ph.probWait > 0;
  const r = ph.waitRate;
  const c1 = 1 - ph.probWait;
  const g = ph.waitScale;
  const a = ph.commonShare;
  const ownHalf = (1 - a) * 0.5;
  const own = 1 - a;
  const commonHalf = a * 0.5;
  const calls = ph.calls;
  const q = ph.q;
  const zeros = waits && !general ? unitWaitZeros(ph, x, (points - 1) * step) : null;
  for (let k = 0; k < points; k++) {
    const y = k * step;
    let pr = 0;
    let pi = 0;
    if (deterministic) {
      if (!shiftedService) {
        pr = -x * serviceS;
        pi = -y * serviceS;
      }
    } else {
      const ar = 1 + x * gs;
      const ai = y * gs;
      pr = halfShape * Math.log(ar * ar + ai * ai);
      pi = negShape * Math.atan2(ai, ar);
    }
    pr -= x * offsetS;
    pi -= y * offsetS;
    if (detourP > 0) {
      // ln(1 - p + p e^(-s d)) at s = x + iy
      const wr = 1 - detourP + detourM * Math.cos(-y * detourS);
      const wi = detourM * Math.sin(-y * detourS);
      pr += 0.5 * Math.log(wr * wr + wi * wi);
      pi += Math.atan2(wi, wr);
    }
    if (zeros !== null) {
      pr += zeros.re;
      pi += zeros.im;
    } else if (waits) {
      // ln(r + (1 - C) s) - ln(r + s)
      if (g === 1) {
        const nr = r + c1 * x;
        const ni = c1 * y;
        const dr = r + x;
        pr += 0.5 * Math.log((nr * nr + ni * ni) / (dr * dr + y * y));
        pi += Math.atan2(ni, nr) - Math.atan2(y, dr);
      } else {
        // (1 - a) ln L_W(s) + (a / g) ln L_W(g s)
        const nr1 = r + c1 * x;
        const ni1 = c1 * y;
        const dr1 = r + x;
        const gx = g * x;
        const gy = g * y;
        const nr = r + c1 * gx;
        const ni = c1 * gy;
        const dr = r + gx;
        pr +=
          ownHalf * Math.log((nr1 * nr1 + ni1 * ni1) / (dr1 * dr1 + y * y)) +
          (commonHalf * Math.log((nr * nr + ni * ni) / (dr * dr + gy * gy))) / g;
        pi += own * (Math.atan2(ni1, nr1) - Math.atan2(y, dr1)) + (a * (Math.atan2(ni, nr) - Math.atan2(gy, dr))) / g;
      }
    }
    if (q === 1) {
      logRe[k] = (logRe[k] as number) + calls * pr;
      logIm[k] = (logIm[k] as number) + calls * pi;
    } else {
      // n ln(1 - q + q e^l)
      const e = Math.exp(pr);
      const wr = 1 - q + q * e * Math.cos(pi);
      const wi = q * e * Math.sin(pi);
      logRe[k] = (logRe[k] as number) + calls * 0.5 * Math.log(wr * wr + wi * wi);
      logIm[k] = (logIm[k] as number) + calls * Math.atan2(wi, wr);
    }
  }
}

/**
 * What addPhaseLog's wait terms add at every point of one inversion when they are exactly zero, or null when they may
 * not be. With 1 - C rounding to 1 (C below about 1.1e-16: a queue that almost never waits) the wait's factor
 * (r + (1 - C) s) / (r + s) has the same numerator as denominator, number for number (1 * x is x, 1 * y is y): the
 * quotient of their squared moduli is exactly 1 wherever that modulus is finite and non-zero, its log 0, and its
 * argument atan2(y, r + x) - atan2(y, r + x) = +0. The denominators grow with the point (y = k step), so the first
 * (y = 0) and the last (yMax) decide for all; the same for the common part's at g s. The zeros are then the general
 * expressions with those logs and differences written as 0 (so with the signs of zero they would have).
 * @example unitWaitZeros({ probWait: 1e-18, waitRate: 50, waitScale: 1, commonShare: 0 }, 1, 10) // { re: 0, im: 0 }
 */
export function unitWaitZeros(ph: Phase, x: number, yMax: number): { re: number; im: number } | null {
  if (!(ph.probWait > 0) || 1 - ph.probWait !== 1) return null;
  const r = ph.waitRate;
  const g = ph.waitScale;
  const usable = (dr: number, dy: number) => {
    const first = dr * dr;
    const last = dr * dr + dy * dy;
    return first > 0 && Number.isFinite(last);
  };
  if (!usable(r + x, yMax)) return null;
  if (g === 1) return { re: 0.5 * 0, im: 0 };
  if (!usable(r + g * x, g * yMax)) return null;
  const a = ph.commonShare;
  return { re: (1 - a) * 0.5 * 0 + (a * 0.5 * 0) / g, im: (1 - a) * 0 + (a * 0) / g };
}

/** One part of a mixture: a sum shifted by a constant, with its probability. */
export interface MixturePart {
  weight: number;
  shiftS: number;
  sum: ResponseSum;
}

/**
 * The p-quantile of a mixture of shifted sums, P(X > t) = sum_k w_k P(X_k > t - c_k) (weights summing to 1), by
 * safeguarded Newton on ln P(X > t) with the mixture's density (one inversion per part and step): it starts at the
 * heaviest part's own quantile, brackets the root by doubling steps of the mixture's spread, and bisects where a
 * Newton step leaves the bracket (as at an atom); to 1e-11 relative.
 * @throws RangeError when p is not in (0, 1) or no part has a positive weight
 * @example mixtureQuantile([{ weight: 0.5, shiftS: 0, sum: responseSum([{ queue: { servers: 1, arrivalRatePerS: 50, serviceTimeS: 0.01 } }]) }, { weight: 0.5, shiftS: 0.1, sum: responseSum([{ queue: { servers: 1, arrivalRatePerS: 50, serviceTimeS: 0.01 } }]) }], 0.5) // 0.100134307: half Exp(50), half 100 ms later; ln(1 + e^5) / 50
 */
export function mixtureQuantile(parts: readonly MixturePart[], p: number): number {
  assertProbability(p);
  const live = parts.filter((x) => x.weight > 0);
  if (live.length === 0) throw new RangeError('mixtureQuantile: no part with a positive weight');
  let heaviest = live[0] as MixturePart;
  for (const x of live) if (x.weight > heaviest.weight) heaviest = x;
  if (live.length === 1) return heaviest.shiftS + heaviest.sum.quantile(p);
  const target = 1 - p;
  const logTarget = Math.log(target);
  const at = (t: number) => {
    let s = 0;
    let f = 0;
    for (const x of live) {
      const r = x.sum.tail(t - x.shiftS);
      s += x.weight * r.survival;
      f += x.weight * r.density;
    }
    return { s, f };
  };
  let lo = Math.min(...live.map((x) => x.shiftS + x.sum.minimumS));
  let hi = Number.POSITIVE_INFINITY;
  const spread = Math.max(
    Number.MIN_VALUE,
    ...live.map((x) => x.sum.sdS),
    Math.max(...live.map((x) => x.shiftS + x.sum.meanS)) - Math.min(...live.map((x) => x.shiftS + x.sum.meanS)),
  );
  let t = heaviest.shiftS + heaviest.sum.quantile(p);
  let cur = at(t);
  // bracket: S(lo) > 1 - p >= S(hi)
  if (cur.s > target) {
    lo = t;
    for (let k = 1; ; k *= 2) {
      if (k > 2 ** 60) throw new RangeError(`mixtureQuantile: no quantile found for p = ${p}`);
      const next = t + k * spread;
      const r = at(next);
      if (r.s <= target) {
        hi = next;
        break;
      }
      lo = next;
    }
  } else hi = t;
  for (let i = 0; i < 200; i++) {
    if (cur.s > target) lo = Math.max(lo, t);
    else hi = Math.min(hi, t);
    let next = Number.NaN;
    if (cur.s > 0 && cur.f > 0) next = t + ((Math.log(cur.s) - logTarget) * cur.s) / cur.f;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - t) <= 1e-11 * Math.abs(t) || hi - lo <= 1e-14 * Math.abs(hi)) return next;
    t = next;
    cur = at(t);
  }
  return t;
}

function assertProbability(p: number): void {
  if (typeof p !== 'number' || !(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`);
}

/**
 * End-to-end figures of a sum of independent response times: mean and standard deviation (exact sums over the
 * terms), the minimum, and p50..p99.9 of the sum by transform inversion (see responseSum). An unstable called queue
 * gives stable = false and null latency fields, not an error.
 * @param terms queues with their calls and constants (SI units)
 * @example analyzeResponseSum([{ queue: { servers: 1, arrivalRatePerS: 50, serviceTimeS: 0.01 } }, { constantS: 0.2 }]).percentiles.p99S // 0.2921034: M/M/1 p99 plus 200 ms
 */
export function analyzeResponseSum(terms: readonly ResponseSumTerm[]): ResponseSumResult {
  const sum = responseSum(terms);
  if (!sum.stable) {
    return { stable: false, meanS: null, sdS: null, minimumS: sum.minimumS, percentiles: null, method: sum.method };
  }
  const percentiles = {} as Percentiles;
  for (const { key, p } of PERCENTILE_LEVELS) percentiles[key] = sum.quantile(p);
  return { stable: true, meanS: sum.meanS, sdS: sum.sdS, minimumS: sum.minimumS, percentiles, method: sum.method };
}

/** Binomial terms below this fraction of the largest are left out of the conditioning (their mass is below 1e-15). */
const COUNT_FLOOR = 1e-18;

/** The most components (combinations of call counts) a conditioned sum may have; more is refused. */
export const MAX_COUNT_COMPONENTS = 4096;

/** The most shifted sums (combinations of call counts and of detours paid) a conditioned mixture may have. */
export const MAX_MIXTURE_PARTS = 16_384;

/**
 * A sum in which a tier with deterministic service is called a random number of times (Binomial(calls, q): the
 * misses behind a cache). Such a term alone is a lattice of steps at multiples of the service time, which a Fourier
 * series (the Euler inversion) resolves badly (25-50% wrong quantiles were measured). So the count is conditioned on
 * exactly: for every combination of counts k (each Binomial term of at least COUNT_FLOOR of the largest), the sum
 * with exactly k calls (deterministic service then is an exact shift) is inverted as usual, and the distribution is
 * their mixture, P(X > t) = sum_k P(k) P(X_k > t) (law of total probability); quantiles by mixtureQuantile.
 * @throws RangeError when the combinations exceed MAX_COUNT_COMPONENTS
 */
function conditionedOnCounts(
  terms: readonly ResponseSumTerm[],
  options: ResponseSumOptions,
  models: Models,
): ResponseSum {
  // the terms whose counts are conditioned on: calls made at random with a step per call, or a detour some calls pay
  const conditioned: {
    at: number;
    callsWindow: { lo: number; pmf: Float64Array } | null;
    detour: { p: number; s: number } | null;
  }[] = [];
  terms.forEach((t, at) => {
    if (!('queue' in t)) return;
    const q = t.callProbability ?? 1;
    const calls = t.calls ?? 1;
    if (q <= 0 || calls === 0) return;
    const d = t.detour;
    const detour =
      d !== undefined && d.s > 0 && d.probability > 0 && d.probability < 1 ? { p: d.probability, s: d.s } : null;
    const steps =
      normalizeQueueInput(t.queue).serviceTimeCv < DETERMINISTIC_CV || (t.perCallS ?? 0) > 0 || detour !== null;
    // calls to one station made at random wait correlated by their count: conditioned on it too
    const correlated = t.sameStation !== undefined && t.sameStation.independentWaits !== true && calls >= 2;
    const randomCalls = q < 1 && (steps || correlated);
    if (!randomCalls && detour === null) return;
    conditioned.push({
      at,
      callsWindow: randomCalls ? binomialWindow(calls, { availability: q, unavailability: 1 - q }, COUNT_FLOOR) : null,
      detour,
    });
  });
  const callCombos = conditioned.reduce((n, c) => n * (c.callsWindow?.pmf.length ?? 1), 1);
  // each combination of call counts is one sum; the detours paid shift it (a mixture of shifted copies)
  const detourParts = (k: number, c: (typeof conditioned)[number]) =>
    c.detour === null
      ? 1
      : binomialWindow(k, { availability: c.detour.p, unavailability: 1 - c.detour.p }, COUNT_FLOOR).pmf.length;
  let count = 0;
  if (callCombos <= MAX_COUNT_COMPONENTS) {
    for (let combo = 0; combo < callCombos && count <= MAX_MIXTURE_PARTS; combo++) {
      let rest = combo;
      let n = 1;
      for (const c of conditioned) {
        const len = c.callsWindow?.pmf.length ?? 1;
        const k =
          c.callsWindow === null ? ((terms[c.at] as QueueCallsTerm).calls ?? 1) : c.callsWindow.lo + (rest % len);
        rest = Math.floor(rest / len);
        n *= detourParts(k, c);
      }
      count += n;
    }
  }
  if (callCombos > MAX_COUNT_COMPONENTS || count > MAX_MIXTURE_PARTS) {
    const inverted = buildSum(terms, { ...options, unconditioned: true }, models);
    return {
      ...inverted,
      method: `${inverted.method}; APPROXIMATE: the steps of fixed times (deterministic service, network time per call, or a write's detour) of calls made at random need more than ${MAX_COUNT_COMPONENTS} combinations of counts to condition on, so they are inverted inside the transform, which resolves steps only roughly (quantiles 25-50% off were measured for a lone deterministic tier; with queueing and other tiers around them far less)`,
    };
  }
  const parts: MixturePart[] = [];
  for (let combo = 0; combo < callCombos; combo++) {
    let rest = combo;
    let weight = 1;
    const fixed = terms.slice();
    const ks: number[] = [];
    for (const c of conditioned) {
      const t = terms[c.at] as QueueCallsTerm;
      const len = c.callsWindow?.pmf.length ?? 1;
      const j = rest % len;
      rest = Math.floor(rest / len);
      const k = c.callsWindow === null ? (t.calls ?? 1) : c.callsWindow.lo + j;
      if (c.callsWindow !== null) weight *= c.callsWindow.pmf[j] as number;
      ks.push(k);
      const { detour: _d, ...plain } = t;
      fixed[c.at] = { ...plain, calls: k, callProbability: 1 };
    }
    const sum = buildSum(fixed, options, models);
    // the detours: independent Binomial(k, p) counts per term, each a shift of w x s
    let shifts: { weight: number; shiftS: number }[] = [{ weight, shiftS: 0 }];
    conditioned.forEach((c, i) => {
      if (c.detour === null) return;
      const d = c.detour;
      const win = binomialWindow(ks[i] as number, { availability: d.p, unavailability: 1 - d.p }, COUNT_FLOOR);
      const next: { weight: number; shiftS: number }[] = [];
      for (const x of shifts) {
        win.pmf.forEach((pw, j) => {
          next.push({ weight: x.weight * pw, shiftS: x.shiftS + (win.lo + j) * d.s });
        });
      }
      shifts = next;
    });
    for (const x of shifts) parts.push({ weight: x.weight, shiftS: x.shiftS, sum });
  }
  const meanS = parts.reduce((a, x) => a + x.weight * (x.shiftS + x.sum.meanS), 0);
  const second = parts.reduce((a, x) => a + x.weight * (x.sum.sdS ** 2 + (x.shiftS + x.sum.meanS) ** 2), 0);
  const survival = (tS: number) => parts.reduce((a, x) => a + x.weight * x.sum.survival(tS - x.shiftS), 0);
  // the method of a part with a random term (the part without any call is a constant)
  const first = (parts.find((x) => x.sum.sdS > 0) ?? parts[0])?.sum.method ?? '';
  return {
    stable: true,
    meanS,
    sdS: Math.sqrt(Math.max(0, second - meanS * meanS)),
    minimumS: Math.min(...parts.map((x) => x.shiftS + x.sum.minimumS)),
    method: `${first}; the counts of calls made at random with fixed steps (deterministic service, network time per call) and of calls that pay a write's detour conditioned on exactly (Binomial): a mixture of ${parts.length} shifted sums (count terms below ${COUNT_FLOOR} of the largest left out)`,
    survival,
    cdf: (tS) => parts.reduce((a, x) => a + x.weight * x.sum.cdf(tS - x.shiftS), 0),
    density: (tS) => parts.reduce((a, x) => a + x.weight * x.sum.density(tS - x.shiftS), 0),
    tail: (tS) => {
      let survival = 0;
      let density = 0;
      for (const x of parts) {
        const r = x.sum.tail(tS - x.shiftS);
        survival += x.weight * r.survival;
        density += x.weight * r.density;
      }
      return { survival, density };
    },
    quantile: quantilesKept((p) => mixtureQuantile(parts, p)),
  };
}
