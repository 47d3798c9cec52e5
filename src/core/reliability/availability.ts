/**
 * Steady-state availability of repairable components and of series, parallel and k-out-of-n systems built from
 * independent components.
 *
 * Every result carries both the availability A and the unavailability U, and each is computed directly from the
 * inputs, never as one minus the other: 1 - 0.999999999999 keeps only four significant digits in binary floating
 * point, while U = 1e-12 computed as a product or a sum of small terms keeps all sixteen. No function here
 * subtracts two numbers close to 1. The two results sum to 1 within a few units in the last place.
 *
 * Sources: Trivedi, *Probability and Statistics with Reliability, Queuing and Computer Science Applications*
 * (2nd ed., Wiley 2002), sections on series, parallel and k-out-of-n systems and on steady-state availability;
 * Barlow & Proschan, *Statistical Theory of Reliability and Life Testing* (1975), chapters 1-2 (coherent structures:
 * series, parallel and k-out-of-n systems of independent components).
 */

/** A steady-state availability and its complement, each computed directly. Fractions in [0, 1], never percent. */
export interface Availability {
  availability: number;
  unavailability: number;
}

/** How far availability + unavailability of an argument may be from 1 before it is rejected as inconsistent. */
const CONSISTENCY_TOLERANCE = 1e-9;

/**
 * Throws a RangeError naming `name` unless `part` is an Availability with both fields in [0, 1] and summing to 1
 * (within 1e-9; the sum is only a check and never feeds a result).
 */
export function checkAvailability(part: Availability, name: string): void {
  if (part === null || typeof part !== 'object') {
    throw new RangeError(`${name} must be an Availability object, got ${String(part)}`);
  }
  const { availability: a, unavailability: u } = part;
  if (typeof a !== 'number' || !(a >= 0 && a <= 1)) {
    throw new RangeError(`${name}.availability must be a number in [0, 1], got ${String(a)}`);
  }
  if (typeof u !== 'number' || !(u >= 0 && u <= 1)) {
    throw new RangeError(`${name}.unavailability must be a number in [0, 1], got ${String(u)}`);
  }
  if (!(Math.abs(a + u - 1) <= CONSISTENCY_TOLERANCE)) {
    throw new RangeError(`${name}: availability (${a}) + unavailability (${u}) must be 1`);
  }
}

/**
 * Whether checkAvailability would accept `part` (the same tests, in the same order), without building its name: the
 * checks on hot paths (series and parallel of every state of a system's shared domains) test this first and build the
 * name only to throw (issue 18: the `parts[i]` name was a string made per part per call).
 * @example isAvailability({ availability: 0.9, unavailability: 0.2 }) // false: they sum to 1.1
 */
export function isAvailability(part: Availability): boolean {
  if (part === null || typeof part !== 'object') return false;
  const { availability: a, unavailability: u } = part;
  return (
    typeof a === 'number' &&
    a >= 0 &&
    a <= 1 &&
    typeof u === 'number' &&
    u >= 0 &&
    u <= 1 &&
    Math.abs(a + u - 1) <= CONSISTENCY_TOLERANCE
  );
}

function checkParts(parts: readonly Availability[], name: string): void {
  if (!Array.isArray(parts) || parts.length === 0) {
    throw new RangeError(`${name} must be a non-empty array of Availability`);
  }
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as Availability;
    // the name only for the message of a part it refuses (checkAvailability throws there)
    if (!isAvailability(part)) checkAvailability(part, `${name}[${i}]`);
  }
}

/** Throws a RangeError naming `name` unless `value` is a safe integer >= min. */
export function checkCount(value: number, name: string, min: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${String(value)}`);
  }
}

/**
 * log(x) for a probability x whose complement c = 1 - x is also known directly: log(x) when x <= 1/2, where it is
 * accurate, else log1p(-c), which keeps the digits of a small c (log(1 - 1e-12) would lose them).
 */
function logOf(x: number, complement: number): number {
  return x <= 0.5 ? Math.log(x) : Math.log1p(-complement);
}

/**
 * Steady-state availability of an alternating renewal process (a component that fails after a mean time MTBF and is
 * repaired in a mean time MTTR):
 *
 *   A = MTBF / (MTBF + MTTR),   U = MTTR / (MTBF + MTTR)
 *
 * (the standard steady-state formula; Trivedi, 2nd ed., availability of a single repairable component, the
 * two-state Markov chain with failure rate 1/MTBF and repair rate 1/MTTR). Computed through the ratio of the smaller to the larger time so that no sum
 * overflows: with r = MTTR/MTBF <= 1, A = 1/(1+r) and U = r/(1+r). MTTR = 0 gives A = 1, U = 0.
 *
 * @param mtbfS mean time between failures, seconds, > 0
 * @param mttrS mean time to repair, seconds, >= 0
 * @example fromMtbfMttr(999, 1) // { availability: 0.999, unavailability: 0.001 }
 */
export function fromMtbfMttr(mtbfS: number, mttrS: number): Availability {
  if (typeof mtbfS !== 'number' || !Number.isFinite(mtbfS) || !(mtbfS > 0)) {
    throw new RangeError(`mtbfS must be a finite number of seconds > 0, got ${String(mtbfS)}`);
  }
  if (typeof mttrS !== 'number' || !Number.isFinite(mttrS) || !(mttrS >= 0)) {
    throw new RangeError(`mttrS must be a finite number of seconds >= 0, got ${String(mttrS)}`);
  }
  if (mttrS <= mtbfS) {
    const r = mttrS / mtbfS;
    return { availability: 1 / (1 + r), unavailability: r / (1 + r) };
  }
  const r = mtbfS / mttrS;
  return { availability: r / (1 + r), unavailability: 1 / (1 + r) };
}

/**
 * Wraps a user-given availability fraction: U = 1 - A. For A >= 1/2 this subtraction is exact (Sterbenz's lemma),
 * so U is exactly the complement of the double A; but a double near 1 only holds the digits it holds (0.999999999999
 * is 1 - 1.00009e-12). Prefer fromUnavailability or fromNines when the user gives many nines.
 *
 * @param availability fraction in [0, 1] (not a percentage)
 */
export function fromAvailability(availability: number): Availability {
  if (typeof availability !== 'number' || !(availability >= 0 && availability <= 1)) {
    throw new RangeError(`availability must be a fraction in [0, 1], got ${String(availability)}`);
  }
  return { availability, unavailability: 1 - availability };
}

/**
 * Wraps a user-given unavailability fraction: A = 1 - U (exact for U >= 1/2 by Sterbenz's lemma, correct to half an
 * ulp otherwise; U itself is kept as given, with all its digits).
 *
 * @param unavailability fraction in [0, 1] (not a percentage)
 */
export function fromUnavailability(unavailability: number): Availability {
  if (typeof unavailability !== 'number' || !(unavailability >= 0 && unavailability <= 1)) {
    throw new RangeError(`unavailability must be a fraction in [0, 1], got ${String(unavailability)}`);
  }
  return { availability: 1 - unavailability, unavailability };
}

/**
 * Series system (up only while every part is up), parts independent:
 *
 *   A = prod A_i,   U = 1 - prod A_i = -expm1(sum_i log A_i)
 *
 * (Barlow & Proschan 1975; Trivedi, series systems). With S = sum_i log A_i, where log A_i = log1p(-U_i) when
 * A_i > 1/2 (so U_i = 1e-12 keeps its digits), U = -expm1(S): a series of parts with U_i = 1e-12 gives
 * U = 1 - (1 - 1e-12)^n to full precision. A = exp(S) while S > -1 (A > 1/e; there S is small and exp(S) is
 * accurate to a few ulps, and A + U = 1 to rounding), else the plain product of the A_i, whose relative error,
 * about n ulps, beats exp of a large S.
 * @example series([{ availability: 0.99, unavailability: 0.01 }, { availability: 0.99, unavailability: 0.01 }]) // { availability: 0.9801, unavailability: 0.0199 }
 */
export function series(parts: readonly Availability[]): Availability {
  checkParts(parts, 'parts');
  let product = 1;
  let logA = 0;
  for (const part of parts) {
    product *= part.availability;
    logA += logOf(part.availability, part.unavailability);
  }
  return { availability: logA > -1 ? Math.exp(logA) : product, unavailability: -Math.expm1(logA) };
}

/**
 * Parallel system (up while at least one part is up), parts independent:
 *
 *   U = prod U_i,   A = 1 - prod U_i = -expm1(sum_i log U_i)
 *
 * (Barlow & Proschan 1975; Trivedi, parallel systems), the dual of `series`: with L = sum_i log U_i, where
 * log U_i = log1p(-A_i) when U_i > 1/2, A = -expm1(L); U = exp(L) while L > -1, else the plain product of the U_i
 * (so two parts with U = 1e-9 give U = 1e-18 exactly as a product would).
 * @example parallel([{ availability: 0.99, unavailability: 0.01 }, { availability: 0.99, unavailability: 0.01 }]) // { availability: 0.9999, unavailability: 0.0001 }
 */
export function parallel(parts: readonly Availability[]): Availability {
  checkParts(parts, 'parts');
  let product = 1;
  let logU = 0;
  for (const part of parts) {
    product *= part.unavailability;
    logU += logOf(part.unavailability, part.availability);
  }
  return { availability: -Math.expm1(logU), unavailability: logU > -1 ? Math.exp(logU) : product };
}

/**
 * k-out-of-n system of identical independent parts (up while at least k of the n parts are up). With p = A and
 * q = U of one part, the number X of parts up is Binomial(n, p) (Trivedi, k-out-of-n systems; Barlow & Proschan
 * 1975):
 *
 *   A = P(X >= k) = sum_{j=k}^{n} C(n,j) p^j q^(n-j),   U = P(X < k) = sum_{j=0}^{k-1} C(n,j) p^j q^(n-j)
 *
 * Both tails are summed directly (see `binomialTails`); neither is one minus the other. k = 1 is `parallel` of n
 * copies, k = n is `series` of n copies, k = 0 is always up. Cost O(n) at most; in practice proportional to the
 * width of the binomial, about 40 standard deviations.
 *
 * @param k minimum number of parts that must be up, integer in [0, n]
 * @param n number of parts, integer >= 1
 */
export function kOfN(k: number, n: number, part: Availability): Availability {
  checkCount(n, 'n', 1);
  checkCount(k, 'k', 0);
  if (k > n) throw new RangeError(`k must be <= n (${n}), got ${k}`);
  checkAvailability(part, 'part');
  const { below, atLeast } = binomialTails(n, k, part);
  return { availability: atLeast, unavailability: below };
}

/**
 * Terms smaller than this, relative to the largest (modal) term, end a walk. It is the smallest normal double,
 * 2^-1022 ~ 2.2e-308: the modal term is at least 1/(n+1), so every dropped term is below 2^-1022 in absolute
 * value and together they weigh less than n * 2^-1022. Results above ~1e-290 keep full relative precision; below
 * that doubles are subnormal anyway. Stopping here also keeps the walk out of subnormal numbers, where a factor
 * close to 1 could leave a term stuck at the same value.
 */
const TERM_FLOOR = 2 ** -1022;

/** A mode of Binomial(n, p): floor((n + 1) p), clamped to [0, n] (within one of the true mode after rounding). */
function binomialMode(n: number, p: number): number {
  return Math.min(n, Math.max(0, Math.floor((n + 1) * p)));
}

/**
 * Both tails of X ~ Binomial(n, p) at k, each summed directly: below = P(X < k), atLeast = P(X >= k).
 *
 * Method (the classical mode-centred recurrence for binomial probabilities; see e.g. Johnson, Kemp & Kotz,
 * *Univariate Discrete Distributions*, 3rd ed., ch. 3, on computing binomial probabilities by the ratio of successive
 * terms): starting from r_m = 1 at a mode m,
 * the ratios of consecutive terms
 *
 *   t_{j+1} / t_j = (n - j) / (j + 1) * p / q,    t_{j-1} / t_j = j / (n - j + 1) * q / p
 *
 * give r_j = t_j / t_m walking outward; both walks stop when a term falls below TERM_FLOOR. Since the terms sum to
 * 1, t_m = 1 / sum_j r_j, so each tail is (its sum of r_j) / (sum of all r_j): no log-gamma, no subtraction, and
 * every term is a product of positive factors with relative error about 1.5 ulp per step away from the mode. The
 * ratio p/q uses A and U as given, so a part with U = 1e-15 keeps its digits.
 */
export function binomialTails(n: number, k: number, part: Availability): { below: number; atLeast: number } {
  const p = part.availability;
  const q = part.unavailability;
  if (k <= 0) return { below: 0, atLeast: 1 };
  if (k > n) return { below: 1, atLeast: 0 };
  if (q === 0) return { below: 0, atLeast: 1 }; // every part up: X = n >= k
  if (p === 0) return { below: 1, atLeast: 0 }; // every part down: X = 0 < k
  const up = p / q;
  const down = q / p;
  const m = binomialMode(n, p);
  let below = 0;
  let atLeast = 0;
  if (m < k) below = 1;
  else atLeast = 1;
  let r = 1;
  for (let j = m; j > 0; j--) {
    r *= (j / (n - j + 1)) * down; // r_{j-1}
    if (r < TERM_FLOOR) break;
    if (j - 1 < k) below += r;
    else atLeast += r;
  }
  r = 1;
  for (let j = m; j < n; j++) {
    r *= ((n - j) / (j + 1)) * up; // r_{j+1}
    if (r < TERM_FLOOR) break;
    if (j + 1 < k) below += r;
    else atLeast += r;
  }
  const total = below + atLeast;
  return { below: below / total, atLeast: atLeast / total };
}

/**
 * The probability mass function of X ~ Binomial(n, p), length n + 1, by the same mode-centred recurrence as
 * `binomialTails` (entries below 2^-1022 relative to the mode are 0). Each entry is a product of positive factors
 * divided by the sum of all entries.
 */
export function binomialPmf(n: number, part: Availability): Float64Array {
  const pmf = new Float64Array(n + 1);
  const p = part.availability;
  const q = part.unavailability;
  if (q === 0) {
    pmf[n] = 1;
    return pmf;
  }
  if (p === 0) {
    pmf[0] = 1;
    return pmf;
  }
  const up = p / q;
  const down = q / p;
  const m = binomialMode(n, p);
  let total = 1;
  pmf[m] = 1;
  let r = 1;
  for (let j = m; j > 0; j--) {
    r *= (j / (n - j + 1)) * down;
    if (r < TERM_FLOOR) break;
    pmf[j - 1] = r;
    total += r;
  }
  r = 1;
  for (let j = m; j < n; j++) {
    r *= ((n - j) / (j + 1)) * up;
    if (r < TERM_FLOOR) break;
    pmf[j + 1] = r;
    total += r;
  }
  for (let j = 0; j <= n; j++) pmf[j] = (pmf[j] as number) / total;
  return pmf;
}

/**
 * The terms of Binomial(n, p) that are at least `floor` times the largest, as a window: pmf[i] = P(X = lo + i).
 * The same mode-centred recurrence as `binomialPmf`, normalised by the window's sum, without an array of n + 1
 * entries (20 million nodes need only the few thousand terms around the mode).
 * @example binomialWindow(4, { availability: 0.5, unavailability: 0.5 }, 1e-60) // { lo: 0, pmf: [1/16, 4/16, 6/16, 4/16, 1/16] }
 */
export function binomialWindow(n: number, part: Availability, floor: number): { lo: number; pmf: Float64Array } {
  const p = part.availability;
  const q = part.unavailability;
  if (q === 0) return { lo: n, pmf: Float64Array.of(1) };
  if (p === 0) return { lo: 0, pmf: Float64Array.of(1) };
  const up = p / q;
  const down = q / p;
  const m = binomialMode(n, p);
  const below: number[] = [];
  let r = 1;
  for (let j = m; j > 0; j--) {
    r *= (j / (n - j + 1)) * down;
    if (r < floor) break;
    below.push(r);
  }
  const above: number[] = [];
  r = 1;
  for (let j = m; j < n; j++) {
    r *= ((n - j) / (j + 1)) * up;
    if (r < floor) break;
    above.push(r);
  }
  const pmf = new Float64Array(below.length + 1 + above.length);
  let total = 0;
  for (let i = 0; i < below.length; i++) pmf[below.length - 1 - i] = below[i] as number;
  pmf[below.length] = 1;
  for (let i = 0; i < above.length; i++) pmf[below.length + 1 + i] = above[i] as number;
  for (let i = 0; i < pmf.length; i++) total += pmf[i] as number;
  for (let i = 0; i < pmf.length; i++) pmf[i] = (pmf[i] as number) / total;
  return { lo: m - below.length, pmf };
}

/**
 * One term of Binomial(n, p): P(X = j), by the mode-centred walk of `binomialTails` (normalised by the sum of all
 * terms; 0 if the term is below 2^-1022 relative to the mode).
 */
export function binomialTerm(n: number, j: number, part: Availability): number {
  const p = part.availability;
  const q = part.unavailability;
  if (j < 0 || j > n) return 0;
  if (q === 0) return j === n ? 1 : 0;
  if (p === 0) return j === 0 ? 1 : 0;
  const up = p / q;
  const down = q / p;
  const m = binomialMode(n, p);
  let term = m === j ? 1 : 0;
  let total = 1;
  let r = 1;
  for (let i = m; i > 0; i--) {
    r *= (i / (n - i + 1)) * down;
    if (r < TERM_FLOOR) break;
    if (i - 1 === j) term = r;
    total += r;
  }
  r = 1;
  for (let i = m; i < n; i++) {
    r *= ((n - i) / (i + 1)) * up;
    if (r < TERM_FLOOR) break;
    if (i + 1 === j) term = r;
    total += r;
  }
  return term / total;
}

/**
 * Both tails of Binomial(M, p) at k for many M at once (ms ascending, every M >= k): below[i] = P(X_M < k) and
 * atLeast[i] = P(X_M >= k) for M = ms[i].
 *
 * With few M, or a binomial much narrower than the range of M, each pair comes from `binomialTails`. Otherwise one
 * sweep: X_M >= k exactly when the k-th success of a Bernoulli(p) sequence comes at trial T <= M, where T is
 * negative binomial, f(m) = P(T = m) = C(m-1, k-1) p^k q^(m-k) (Feller, *An Introduction to Probability Theory and
 * Its Applications*, vol. I, ch. VI.8). So, with lo and hi the smallest and largest M,
 *
 *   atLeast(M) = atLeast(lo) + sum_{m=lo+1}^{M} f(m),      below(M) = below(hi) + sum_{m=M+1}^{hi} f(m)
 *
 * both sums of non-negative terms, with atLeast(lo) and below(hi) from `binomialTails`. f is anchored at its mode
 * within (lo, hi] (f(m0) = p * P(Binomial(m0 - 1, p) = k - 1), from `binomialTerm`) and walked outward with
 * f(m+1)/f(m) = m q / (m - k + 1), f(m-1)/f(m) = (m - k) / ((m - 1) q), stopping below 2^-1022. Cost
 * O(hi - lo + width of the binomial) instead of O(count of M * width).
 */
export function binomialTailsMany(
  ms: readonly number[],
  k: number,
  part: Availability,
): { below: Float64Array; atLeast: Float64Array } {
  const count = ms.length;
  const below = new Float64Array(count);
  const atLeast = new Float64Array(count);
  if (count === 0) return { below, atLeast };
  const p = part.availability;
  const q = part.unavailability;
  const lo = ms[0] as number;
  const hi = ms[count - 1] as number;
  const width = 80 * Math.sqrt(hi * p * q) + 50;
  if (p === 0 || q === 0 || count * width <= 4 * (hi - lo + width)) {
    for (let i = 0; i < count; i++) {
      const t = binomialTails(ms[i] as number, k, part);
      below[i] = t.below;
      atLeast[i] = t.atLeast;
    }
    return { below, atLeast };
  }
  // f[m - lo] = P(T = m) for m in (lo, hi]; f[0] unused.
  const f = new Float64Array(hi - lo + 1);
  const m0 = Math.min(hi, Math.max(lo + 1, Math.floor((k - 1) / p) + 1));
  let r = p * binomialTerm(m0 - 1, k - 1, part);
  f[m0 - lo] = r;
  for (let m = m0; m < hi && r >= TERM_FLOOR; m++) {
    r *= (m * q) / (m - k + 1);
    f[m + 1 - lo] = r < TERM_FLOOR ? 0 : r;
  }
  r = f[m0 - lo] as number;
  for (let m = m0; m > lo + 1 && r >= TERM_FLOOR; m--) {
    r *= (m - k) / ((m - 1) * q);
    f[m - 1 - lo] = r < TERM_FLOOR ? 0 : r;
  }
  let sum = binomialTails(lo, k, part).atLeast;
  let next = lo;
  for (let i = 0; i < count; i++) {
    const mi = ms[i] as number;
    while (next < mi) {
      next++;
      sum += f[next - lo] as number;
    }
    atLeast[i] = sum;
  }
  sum = binomialTails(hi, k, part).below;
  next = hi;
  for (let i = count - 1; i >= 0; i--) {
    const mi = ms[i] as number;
    while (next > mi) {
      sum += f[next - lo] as number;
      next--;
    }
    below[i] = sum;
  }
  return { below, atLeast };
}
