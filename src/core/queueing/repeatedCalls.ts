/**
 * The waits of one request's repeated calls to ONE station (a tier's queue in one region): n calls one after the
 * other, each waiting FCFS, a time `away` apart (the round trip between them). They are not independent: a request
 * that finds the queue long finds it long again, because the queue is made of the other requests in flight, and those
 * are still there at its next call. The sum of the n waits is modelled here; sumOfResponses.ts uses it.
 *
 * Model: the population of requests in flight. Every request makes Binomial(K, q) calls to the station in a row.
 * Take its queue as the c-server queue of distribution.ts (Erlang-C atom C, exponential wait of rate r) and write the
 * wait of a call as the work of the Q calls ahead of it, W = Erlang(Q, theta) (theta = r + lambda: Q = 0 w.p. 1 - C,
 * else 1 + Geometric(sigma), sigma = lambda / (r + lambda): for M/M/c theta = c mu and sigma = rho, the exact M/M/c
 * queue). The other requests in flight are M = N + Y: N at the station (its number in system) and Y ~ Poisson(lambda
 * x away) between two calls (product form: for exponential FCFS stations and a delay between the calls this is exact,
 * BCMP 1975, and so is the M/M/c marginal of every call's wait). Then, for the waits of calls m apart:
 *   rho(m) = phi s(m) + beta sum_{j=0}^{m-1} rho(j) u(m - j),  rho(0) = 1,
 * - phi = Var(E[W | M]) / Var(W): the share of a wait's variance that is the population's (the rest, which requests
 *   of it sit at the station and their service times, changes within a call); E[Q | M] by the product form, summed
 *   exactly (Y independent of N), or, beyond MAX_POSTERIOR_TERMS terms, its linear regression Cov(M, Q)^2 / Var(M);
 *   with the calls spread at random over `queues` queues M sums all of them (the linear regression then);
 * - s(m) = E[(n - m)^+] / E[n]: the share of the others still in flight m calls later (each is at a uniformly random
 *   call of its own walk, and they advance one call per call of ours);
 * - beta = lambda_req Cov(M, W) / Var(M): requests arriving during our call j (lambda_req x its time, which grows with
 *   its wait) add to the population our later calls meet (u(d) = P(n >= d): they are still in flight d calls later).
 * The waits of n calls add up with variance n Var(W) g_n, g_n = 1 + (2 / n) sum_{m=1}^{n-1} (n - m) rho(m). Their
 * sum: each wait is split into a common part (transform L_W^a) and an own part (L_W^(1 - a)), independent of each
 * other (L_W, an atom and an exponential, is a mixture of exponentials and so infinitely divisible: Goldie 1967); the
 * own parts of the n calls are independent, their common parts add up as n / h independent parts each h times as
 * long, h = 1 + (g_n - 1) / a:
 *   E[e^(-s sum W)] = L_W(s)^((1 - a) n) L_W(h s)^(a n / h),
 * the same mean, the variance above, the atom (1 - C)^((1 - a) n + a n / h), a tail of rate r / h. The common share
 * is a = phi^sigma: the population's share of the wait when the queue's excursions are long (sigma -> 1: a request
 * that finds the queue long finds it long all along), towards the whole wait as they shrink (sigma -> 0: the few
 * requests it meets come and go, and the sum of its waits is nearer normal); at least (g_n - 1) / (n - 1), so that
 * h <= n. Calibrated against the walk: with a = 1 (n / g_n waits g_n times as long) the p99 was up to 7.5% low, with
 * a = phi up to 11% high. g_1 = 1 (a single call is today's figure), and g_n = 1 when rho = 0 (independent calls).
 *
 * Service cv != 1: with requests cycling through the station (little time between calls, many calls) the queue
 * behaves like processor sharing, whose length does not depend on the service distribution (the M/M/c wait); with
 * the calls far apart it sees a Poisson stream (the M/G/c approximation of distribution.ts). So a call that repeats
 * waits as in distribution.ts with the service cv^2 replaced by 1 + (cv^2 - 1) x, x = x0 + (1 - x0) f^4: x0 = 2 / (Kc
 * + 1) (Kc the mean calls of a request that calls: x = 1 for one call, which keeps the M/G/c figure), f = away / (E[T]
 * + away) the share of its cycle a request spends away. Calibrated against the walk (x0 alone was up to 10% high at
 * cv 0.5 and 10 ms between calls; f^2 up to 12% high at cv 1.5).
 *
 * Measured: against the request walk of src/core/sim/tiers.ts over 786 single-station cases (test/core/sim/
 * tierCallsMeasure.test.ts, MEASURE=1; the simulated p99s in test/fixtures/sim/tierCalls.json, the bounds in
 * systemLatency.ts REPEATED_CALLS_ERROR, the table in README "Systems of tiers"): within -3.2% .. +3.4% of the walk's
 * p99 for exponential service, -5.5% .. +5.0% for gamma service of cv 0.5 and 1.5, -2.3% .. +2.4% behind a cache,
 * where the walk's p99 is known to 3%. APPROXIMATE. Sources: F. Baskett, K. M. Chandy, R. R. Muntz, F. G. Palacios,
 * "Open, closed and mixed networks of queues with different classes of customers", JACM 22 (1975) (product form, the
 * arrival theorem); C. M. Goldie, "A class of infinitely divisible random variables", Proc. Cambridge Philos. Soc. 63
 * (1967) (mixtures of exponentials are infinitely divisible); J. L. van den Berg, O. J. Boxma, "Sojourn times in
 * feedback queues" (1989) and the processor-sharing limit of round robin (Kleinrock 1976, ch. 4).
 */

import { binomialWindow } from '../reliability/availability.js';
import { mmcMetrics, type NormalizedQueue, normalizeQueueInput, type QueueInput } from './mmc.js';

/** How a sum with repeated calls to one station was obtained (sumOfResponses.ts's method). */
export const REPEATED_CALLS_METHOD =
  "APPROXIMATE: a request's repeated calls to one station wait correlated (the requests in flight it meets again, repeatedCalls.ts: their lag correlations from the population of requests in flight, the sum of its n waits with their variance, as a part common to the calls and a part of each), and a call that repeats waits with the service cv weighted towards M/M/c (requests cycling through a queue make its length insensitive to the service distribution)";

/** Most calls per request the correlation is computed for (lag by lag): a scenario's limit. */
export const MAX_REPEATED_CALLS = 10_000;

/** Most terms of the exact posterior sum (population x station states); beyond, its linear regression. */
export const MAX_POSTERIOR_TERMS = 400_000;

/** Binomial terms of the count below this fraction of the largest are left out (as in sumOfResponses.ts). */
const COUNT_FLOOR = 1e-18;

/** Probabilities of the population's pmf below this are left out of the posterior sum. */
const PMF_FLOOR = 1e-17;

/** The station, the walk between calls and the counts of every request there. */
export interface RepeatedCallsInput {
  /** One of the station's queues (stable; fanout 1). */
  queue: QueueInput;
  /** Time a request spends between two of its calls (round trip, a write's detour), seconds >= 0. */
  awayS: number;
  /** Calls per request K (integer in [0, MAX_REPEATED_CALLS]). */
  calls: number;
  /** Probability q that each call is made: every request's count is Binomial(K, q). */
  callProbability: number;
  /** Identical queues the station's calls are spread over at random (nodes behind a random balancer); >= 1. */
  queues: number;
}

/** The model of a request's repeated calls to a station (see the module comment). */
export interface RepeatedCalls {
  /** P(a call waits): Erlang C. */
  probWait: number;
  /** Rate of a waiting call's exponential wait, per second (the cv blend; the M/M/c rate at cv = 1). */
  waitRatePerS: number;
  /** phi: the population's share of a wait's variance. */
  slowShare: number;
  /** beta: the newcomers' coefficient. */
  newcomers: number;
  /** x: the weight of the Poisson (M/G/c) side in the wait's cv. */
  poissonWeight: number;
  /** sigma: the geometric ratio of the calls ahead of a waiting call (rho for M/M/c). */
  queueRatio: number;
  /** Correlation of the waits of two calls of one request `lag` calls apart (1 at lag 0). */
  correlation(lag: number): number;
  /** g_n: Var(sum of n waits) / (n Var(W)), in [1, n]; 1 for n <= 1. */
  inflation(n: number): number;
  /**
   * The sum of n waits as a common and an own part (see the module comment): g_n, the common share a and the common
   * part's scale 1 + (g_n - 1) / a; { 1, 0, 1 } for independent waits.
   */
  split(n: number): WaitSplit;
}

/** How the waits of n calls add up (RepeatedCalls.split). */
export interface WaitSplit {
  inflation: number;
  commonShare: number;
  commonScale: number;
}

const INDEPENDENT: WaitSplit = { inflation: 1, commonShare: 0, commonScale: 1 };

/** a = phi^sigma, at least (g - 1) / (n - 1) (a common part at most n times as long), at most 1. */
function splitOf(n: number, g: number, slow: number, sigma: number): WaitSplit {
  if (!(g > 1) || n < 2) return INDEPENDENT;
  const a = Math.min(1, Math.max(slow ** sigma, (g - 1) / (n - 1)));
  return { inflation: g, commonShare: a, commonScale: 1 + (g - 1) / a };
}

/** Moments of Q (calls ahead of an arrival, 0 when it does not wait) and of N = c - 1 + Q above, the M/M/c law below. */
interface Moments {
  /** E[Q], Var(Q), E[Q] + Var(Q) (= theta^2 Var(W)). */
  meanQ: number;
  varQ: number;
  waitVar: number;
  varN: number;
  covNQ: number;
}

function moments(q: NormalizedQueue, probWait: number, sigma: number): Moments {
  const c = q.servers;
  const a = q.offeredLoad;
  const rho = q.utilization;
  const C = probWait;
  const one = 1 - sigma;
  const meanQ = C / one;
  const secondQ = (C * (1 + sigma)) / (one * one);
  const varQ = secondQ - meanQ * meanQ;
  const waitVar = (C * (2 - C)) / (one * one);
  // below c, the M/M/c law pi_k = pi_0 a^k / k!, of mass 1 - C: pi_(c-1) = C (1 - rho) / rho, pi_(c-2) = pi_(c-1) (c - 1) / a;
  // E[N; N < c] = a (1 - C - pi_(c-1)), E[N (N - 1); N < c] = a^2 (1 - C - pi_(c-1) - pi_(c-2)). In D = N - (c - 1):
  const p1 = (C * (1 - rho)) / rho;
  const p2 = c >= 2 ? (p1 * (c - 1)) / a : 0;
  const below = 1 - C;
  const m1 = a * (below - p1);
  const m2 = a * a * (below - p1 - p2) + m1;
  const k = c - 1;
  const d1 = m1 - k * below + meanQ;
  const d2 = m2 - 2 * k * m1 + k * k * below + secondQ;
  const varN = Math.max(0, d2 - d1 * d1);
  const covNQ = secondQ - meanQ * d1;
  return { meanQ, varQ, waitVar, varN, covNQ };
}

/** Poisson(mean) probabilities of at least `floor` times the largest, as a window (mode-centred recurrence). */
function poissonWindow(mean: number, floor: number): { lo: number; pmf: Float64Array } {
  if (mean === 0) return { lo: 0, pmf: Float64Array.of(1) };
  const mode = Math.floor(mean);
  const below: number[] = [];
  let r = 1;
  for (let k = mode; k > 0; k--) {
    r *= k / mean;
    if (r < floor) break;
    below.push(r);
  }
  const above: number[] = [];
  r = 1;
  for (let k = mode + 1; ; k++) {
    r *= mean / k;
    if (r < floor) break;
    above.push(r);
  }
  const pmf = new Float64Array(below.length + 1 + above.length);
  for (let i = 0; i < below.length; i++) pmf[below.length - 1 - i] = below[i] as number;
  pmf[below.length] = 1;
  for (let i = 0; i < above.length; i++) pmf[below.length + 1 + i] = above[i] as number;
  let total = 0;
  for (const x of pmf) total += x;
  for (let i = 0; i < pmf.length; i++) pmf[i] = (pmf[i] as number) / total;
  return { lo: mode - below.length, pmf };
}

/**
 * Var(E[Q | N + Y]) for Y ~ Poisson(nu) independent of N, by summing the posterior over the population; null when the
 * sum would need more than MAX_POSTERIOR_TERMS terms.
 */
function posteriorVariance(
  q: NormalizedQueue,
  probWait: number,
  sigma: number,
  nu: number,
  meanQ: number,
): number | null {
  const c = q.servers;
  const a = q.offeredLoad;
  // N below c: weights a^k / k! walked down from k = c - 1 (mass 1 - C); above: C (1 - sigma) sigma^(j - 1), Q = j
  const low: number[] = [1];
  let w = 1;
  let peak = 1;
  for (let k = c - 1; k > 0; k--) {
    w *= k / a;
    // far below saturation the weights climb by e^((c - a)^2 / 2a): the linear regression then (C is negligible)
    if (w > 1e250) return null;
    if (w > peak) peak = w;
    if (w < PMF_FLOOR * peak) break;
    low.push(w);
    if (low.length > MAX_POSTERIOR_TERMS) return null;
  }
  const high: number[] = [];
  let g = probWait * (1 - sigma);
  while (g >= PMF_FLOOR * probWait * (1 - sigma) && probWait > 0) {
    high.push(g);
    g *= sigma;
    if (high.length > MAX_POSTERIOR_TERMS) return null;
  }
  const y = poissonWindow(nu, PMF_FLOOR);
  const nN = low.length + high.length;
  if (nN * y.pmf.length > MAX_POSTERIOR_TERMS) return null;
  // pN over k = c - low.length .. c - 1 + high.length, with Q = max(0, k - c + 1)
  let lowTotal = 0;
  for (const x of low) lowTotal += x;
  const pN = new Float64Array(nN);
  for (let i = 0; i < low.length; i++) pN[low.length - 1 - i] = ((1 - probWait) * (low[i] as number)) / lowTotal;
  for (let j = 0; j < high.length; j++) pN[low.length + j] = high[j] as number;
  const width = nN + y.pmf.length - 1;
  const num = new Float64Array(width);
  const den = new Float64Array(width);
  for (let i = 0; i < nN; i++) {
    const p = pN[i] as number;
    if (p === 0) continue;
    const qk = i < low.length ? 0 : i - low.length + 1;
    for (let t = 0; t < y.pmf.length; t++) {
      const pt = p * (y.pmf[t] as number);
      num[i + t] = (num[i + t] as number) + pt * qk;
      den[i + t] = (den[i + t] as number) + pt;
    }
  }
  let second = 0;
  for (let i = 0; i < width; i++) {
    const d = den[i] as number;
    if (d > 0) second += ((num[i] as number) * (num[i] as number)) / d;
  }
  return Math.max(0, second - meanQ * meanQ);
}

function assertInput(input: RepeatedCallsInput): void {
  const { awayS, calls, callProbability, queues } = input;
  if (typeof awayS !== 'number' || !Number.isFinite(awayS) || awayS < 0) {
    throw new RangeError(`awayS must be a finite number >= 0, got ${awayS}`);
  }
  if (!Number.isSafeInteger(calls) || calls < 0 || calls > MAX_REPEATED_CALLS) {
    throw new RangeError(`calls must be an integer in [0, ${MAX_REPEATED_CALLS}], got ${calls}`);
  }
  if (typeof callProbability !== 'number' || !(callProbability >= 0 && callProbability <= 1)) {
    throw new RangeError(`callProbability must be in [0, 1], got ${callProbability}`);
  }
  if (!Number.isSafeInteger(queues) || queues < 1)
    throw new RangeError(`queues must be an integer >= 1, got ${queues}`);
}

/**
 * The correlation and variance inflation of the waits of one request's repeated calls to a station (see the module
 * comment for the model and its sources).
 * @throws RangeError for invalid input or an unstable station
 * @example repeatedCalls({ queue: { servers: 1, arrivalRatePerS: 750, serviceTimeS: 0.001 }, awayS: 0, calls: 4, callProbability: 1, queues: 1 }).correlation(1) // 0.7875: s(1) phi + beta = 0.75 / 1.25 + 0.75 / 4 (M/M/1 at 0.75, calls back to back)
 */
export function repeatedCalls(input: RepeatedCallsInput): RepeatedCalls {
  assertInput(input);
  const { awayS, calls: K, callProbability: p, queues } = input;
  const q = normalizeQueueInput(input.queue);
  if (!q.stable) throw new RangeError('the station must be stable (utilization < 1)');
  const mm = mmcMetrics(q);
  const C = mm.probWait;
  const lambda = q.arrivalRatePerS;
  const cv2 = q.serviceTimeCv * q.serviceTimeCv;
  const ca2 = q.arrivalCv * q.arrivalCv;
  const win = binomialWindow(K, { availability: p, unavailability: 1 - p }, COUNT_FLOOR);
  const meanCount = K * p;
  // the wait's cv blend (see the module comment): x0 = 2 / (Kc + 1), Kc = E[n | n >= 1]
  const none = p >= 1 ? 0 : (1 - p) ** K;
  const callingMean = none < 1 ? meanCount / (1 - none) : 1;
  const x0 = Math.min(1, 2 / (callingMean + 1));
  const away = awayS / (q.serviceTimeS + mm.meanWaitS + awayS);
  const x = x0 + (1 - x0) * away ** 4;
  const cvw2 = x === 1 ? cv2 : 1 + (cv2 - 1) * x;
  const waitRatePerS = (2 * mm.waitRatePerS) / (ca2 + cvw2);
  const trivial = (slow: number, beta: number): RepeatedCalls => ({
    probWait: C,
    waitRatePerS,
    slowShare: slow,
    newcomers: beta,
    poissonWeight: x,
    queueRatio: lambda / (waitRatePerS + lambda),
    correlation: (lag) => (lag === 0 ? 1 : 0),
    inflation: () => 1,
    split: () => INDEPENDENT,
  });
  if (!(C > 0) || !(lambda > 0) || win.lo + win.pmf.length - 1 < 2) return trivial(0, 0);
  const sigma = lambda / (waitRatePerS + lambda);
  const theta = waitRatePerS + lambda;
  const m = moments(q, C, sigma);
  const nu = queues * lambda * awayS;
  const varM = queues * m.varN + nu;
  if (!(varM > 0) || !(m.waitVar > 0)) return trivial(0, 0);
  let slow = (m.covNQ * m.covNQ) / (varM * m.waitVar);
  if (queues === 1) {
    const exact = nu === 0 ? m.varQ : posteriorVariance(q, C, sigma, nu, m.meanQ);
    if (exact !== null) slow = exact / m.waitVar;
  }
  slow = Math.min(1, Math.max(0, slow));
  const requestRate = (queues * lambda) / meanCount;
  const beta = (requestRate * m.covNQ) / (theta * varM);
  // the count's tails: T0(j) = P(n > j), T1(j) = E[n; n > j], j = 0 .. hi
  const lo = win.lo;
  const hi = lo + win.pmf.length - 1;
  const t0 = new Float64Array(hi + 1);
  const t1 = new Float64Array(hi + 1);
  let s0 = 0;
  let s1 = 0;
  for (let n = hi; n >= 0; n--) {
    t0[n] = s0;
    t1[n] = s1;
    const pn = n >= lo ? (win.pmf[n - lo] as number) : 0;
    s0 += pn;
    s1 += n * pn;
  }
  const persist = (lag: number) => ((t1[lag] as number) - lag * (t0[lag] as number)) / meanCount;
  // u(d) = P(n >= d) = T0(d - 1): 1 up to lo (the window's floor), 0 beyond hi
  const maxLag = hi - 1;
  const rho = new Float64Array(maxLag + 1);
  const prefix = new Float64Array(maxLag + 2); // prefix[j] = rho(0) + ... + rho(j - 1)
  rho[0] = 1;
  prefix[1] = 1;
  for (let lag = 1; lag <= maxLag; lag++) {
    // sum_{d=1}^{lag} rho(lag - d) u(d): u = 1 for d <= lo, P(n >= d) for lo < d <= hi
    const full = Math.min(lag, lo);
    let acc = (prefix[lag] as number) - (prefix[lag - full] as number);
    for (let d = full + 1; d <= lag; d++) acc += (rho[lag - d] as number) * (t0[d - 1] as number);
    rho[lag] = Math.min(1, Math.max(0, slow * persist(lag) + beta * acc));
    prefix[lag + 1] = (prefix[lag] as number) + (rho[lag] as number);
  }
  // g_n = 1 + (2 / n) (n P1(n) - P2(n)), P1(n) = sum_{m<n} rho(m), P2(n) = sum_{m<n} m rho(m) (m >= 1)
  const p2 = new Float64Array(maxLag + 2);
  for (let lag = 1; lag <= maxLag; lag++) p2[lag + 1] = (p2[lag] as number) + lag * (rho[lag] as number);
  const inflation = (n: number): number => {
    if (n <= 1) return 1;
    const k = Math.min(n, maxLag + 1);
    const p1 = (prefix[k] as number) - 1;
    const g = 1 + (2 / n) * (n * p1 - (p2[k] as number));
    return Math.min(n, Math.max(1, g));
  };
  return {
    probWait: C,
    waitRatePerS,
    slowShare: slow,
    newcomers: beta,
    poissonWeight: x,
    queueRatio: sigma,
    correlation: (lag) => (lag === 0 ? 1 : lag <= maxLag ? (rho[lag] as number) : 0),
    inflation,
    split: (n) => splitOf(n, inflation(n), slow, sigma),
  };
}
