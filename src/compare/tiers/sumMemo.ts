/**
 * The sums of response times of systems of tiers (systemLatency.ts), with their figures memoised. A search screens a
 * combination of tier designs on its p99 and then evaluates its choice in full (the same p99 again), and the analyses
 * that run the engine at many points (the worksheet's sensitivity bisections, its growth chart, sweeps) meet the same
 * tiers' queues wherever the input they vary leaves them alone (a target, the budget, another candidate's tier):
 * ecommerce-cache's worksheet asked for 1369 p99s of only 257 distinct sums and mixtures (issue 18). responseSum and
 * responseMixtureQuantile are pure functions of their terms and parts, so a memo returns what a fresh computation
 * gives, bit for bit. A sum is built only when a figure of it is missing. Keys hold every field of the terms (JSON,
 * with non-finite numbers and -0 kept apart). Bounded: each memo is cleared when it reaches MAX_MEMO_SUMS entries.
 */

import {
  type ResponseSum,
  type ResponseSumTerm,
  responseMixtureQuantile,
  responseSum,
} from '../../core/queueing/index.js';

/** Entries kept before a memo is cleared: a bound on memory (an ESTIMATE: a key is a few hundred bytes per term, an
 * entry a few numbers and the sum's method text, so some megabytes at most; not measured), far above what one
 * worksheet meets (257 distinct mixtures on ecommerce-cache's). */
const MAX_MEMO_SUMS = 8192;

/** A sum of response times, built when first needed, and its memo key. */
export interface KeyedSum {
  /** Every field of the terms (see the module comment). */
  readonly key: string;
  /** The sum (responseSum of the terms), built on the first call. */
  sum(): ResponseSum;
}

/** A sum's memoised figures. */
interface SumEntry {
  meanS?: number;
  method?: string;
  quantiles: Map<number, number>;
}

const sums = new Map<string, SumEntry>();

/**
 * Built sums kept before the memo is cleared: a bound on memory (an ESTIMATE, not measured: a sum conditioned on its
 * counts holds some ten inner sums of two 46-number arrays and their closures, some tens of kB), above what one
 * example's run builds (social-startup-changes: 71 distinct sums, asked for 89 times; ecommerce-cache: 9, 11 times).
 */
const MAX_BUILT_SUMS = 512;

/**
 * The sums built, by key: every KeyedSum of the same terms gets the same sum (a pure function of the terms, never
 * changed once built), so the quantiles it keeps (sumOfResponses.ts quantilesKept) serve every analysis that meets
 * those terms (a route's p99 is the start of its mixture's p99 search and a user region's figure).
 */
const builtSums = new Map<string, ResponseSum>();
const mixtures = new Map<string, number>();

/** A number as a key: its shortest round-trip text, -0 apart from 0. */
export const num = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));

/** JSON of the terms with Infinity, NaN and -0 written apart (JSON writes the first two as null, -0 as 0). */
function keyOf(terms: readonly ResponseSumTerm[]): string {
  return JSON.stringify(terms, (_key, v: unknown) =>
    typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? `__${num(v)}` : v,
  );
}

function put<V>(memo: Map<string, V>, key: string, value: V): void {
  if (memo.size >= MAX_MEMO_SUMS) memo.clear();
  memo.set(key, value);
}

/** The sum of `terms` (responseSum), keyed; built on first use, once for every KeyedSum of the same key. */
export function keyedSum(terms: readonly ResponseSumTerm[]): KeyedSum {
  let built: ResponseSum | undefined;
  const key = keyOf(terms);
  return {
    key,
    sum: () => {
      if (built === undefined) {
        built = builtSums.get(key);
        if (built === undefined) {
          built = responseSum(terms);
          if (builtSums.size >= MAX_BUILT_SUMS) builtSums.clear();
          builtSums.set(key, built);
        }
      }
      return built;
    },
  };
}

function entryOf(s: KeyedSum): SumEntry {
  let e = sums.get(s.key);
  if (e === undefined) {
    e = { quantiles: new Map() };
    put(sums, s.key, e);
  }
  return e;
}

/** s.sum().quantile(p), memoised. */
export function sumQuantile(s: KeyedSum, p: number): number {
  const e = entryOf(s);
  let q = e.quantiles.get(p);
  if (q === undefined) {
    q = s.sum().quantile(p);
    e.quantiles.set(p, q);
  }
  return q;
}

/** s.sum().meanS, memoised. */
export function sumMean(s: KeyedSum): number {
  const e = entryOf(s);
  e.meanS ??= s.sum().meanS;
  return e.meanS;
}

/** s.sum().method, memoised. */
export function sumMethod(s: KeyedSum): string {
  const e = entryOf(s);
  e.method ??= s.sum().method;
  return e.method;
}

/** One part of a mixture: a keyed sum shifted by a constant, with its weight (responseMixtureQuantile's MixturePart). */
export interface KeyedPart {
  weight: number;
  shiftS: number;
  sum: KeyedSum;
}

/** responseMixtureQuantile of the parts (in their order), memoised. */
export function mixtureQuantileOf(parts: readonly KeyedPart[], p: number): number {
  const key = `${num(p)}\u0000${parts.map((x) => `${num(x.weight)}|${num(x.shiftS)}|${x.sum.key}`).join('\u0000')}`;
  let q = mixtures.get(key);
  if (q === undefined) {
    q = responseMixtureQuantile(
      parts.map((x) => ({ weight: x.weight, shiftS: x.shiftS, sum: x.sum.sum() })),
      p,
    );
    put(mixtures, key, q);
  }
  return q;
}

const tails = new Map<string, { survival: number; density: number }>();

/**
 * The survival P(X > t) and density of the mixture of the parts (the weighted sum of each part's sum's tail at
 * t - shiftS, parts of positive weight, in their order), memoised: one inversion per part, where a quantile takes
 * one per part and Newton step (a search's screen asks only whether the p99 is within a target: systemLatency.ts).
 * @example one part of weight 1, shift 0, an M/M/1 queue at 50/s served in 10 ms (response Exp(50/s)), t = 0.0921 s:
 *   survival e^(-50 x 0.0921) = 0.0100 (t is about its p99, ln(100) / 50 = 0.0921 s), density 50 x 0.0100 = 0.50
 */
export function mixtureTailOf(parts: readonly KeyedPart[], tS: number): { survival: number; density: number } {
  const key = `${num(tS)}\u0000${parts.map((x) => `${num(x.weight)}|${num(x.shiftS)}|${x.sum.key}`).join('\u0000')}`;
  let r = tails.get(key);
  if (r === undefined) {
    let survival = 0;
    let density = 0;
    for (const x of parts) {
      if (!(x.weight > 0)) continue;
      const at = x.sum.sum().tail(tS - x.shiftS);
      survival += x.weight * at.survival;
      density += x.weight * at.density;
    }
    r = { survival, density };
    put(tails, key, r);
  }
  return r;
}
