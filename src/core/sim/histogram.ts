/**
 * A bounded-memory quantile estimator: a histogram with logarithmic buckets (as in DDSketch, Masson, Rim & Lee,
 * VLDB 2019). Bucket k holds values in (gamma^(k-1), gamma^k] with gamma = (1 + a) / (1 - a); reporting a bucket by
 * 2 gamma^k / (gamma + 1) is within relative error `a` of every value in it. Here a = 0.001 (0.1%), over 1e-9 to 1e7
 * (seconds, or any positive unit): about 18,400 buckets, 147 kB, whatever the number of values. Values at or below
 * the lowest bound go to an underflow bucket reported as that bound; values above the top to an overflow bucket.
 * Merging two histograms adds their counts, so merged results do not depend on the order of the parts.
 */

export const RELATIVE_ACCURACY = 0.001;
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);
export const MIN_VALUE = 1e-9;
export const MAX_VALUE = 1e7;
const MIN_KEY = Math.ceil(Math.log(MIN_VALUE) / LOG_GAMMA);
const MAX_KEY = Math.ceil(Math.log(MAX_VALUE) / LOG_GAMMA);
/** Bucket 0: underflow (<= MIN_VALUE); 1..: keys MIN_KEY+1 .. MAX_KEY; last: overflow. */
export const BUCKETS = MAX_KEY - MIN_KEY + 2;

/** Index of the word holding the sign, exponent and top 20 mantissa bits (1 on little-endian machines). */
const HIGH_WORD = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * bucketOf's tables in one Float64Array, at offsets bucketOf writes as literals: a compiled loop that bins values
 * then loads one module variable per value for them (and the Uint32Array over it), where separate tables and
 * constants were seven module variables, each loaded and checked per value (issue 18). Layout:
 * - [0]: the value being binned, read back as two 32-bit words (BUCKET_TABLE_WORDS);
 * - [1 + E], E the biased exponent (x in [2^(E-1023), 2^(E-1022))): 2^(1023-E), NaN for E = 0 and 2047;
 * - [2049 + E]: (E - 1023) ln 2 / ln gamma - MIN_KEY (the bucket's offset folded in), NaN for E = 0 and 2047;
 * - [4097 + j], j the top 8 mantissa bits: the slice's centre c_j = 1 + (j + 1/2) / 256; [4353 + j]: 1 / c_j;
 *   [4609 + j]: ln(c_j) / ln gamma;
 * - [4865]: 1 / ln gamma.
 */
const BUCKET_TABLE = new Float64Array(4866);
const BUCKET_TABLE_WORDS = new Uint32Array(BUCKET_TABLE.buffer);
for (let e = 0; e < 2048; e++) {
  const inside = e > 0 && e < 2047;
  BUCKET_TABLE[1 + e] = inside ? 2 ** (1023 - e) : Number.NaN;
  BUCKET_TABLE[2049 + e] = inside ? ((e - 1023) * Math.LN2) / LOG_GAMMA - MIN_KEY : Number.NaN;
}
for (let j = 0; j < 256; j++) {
  const c = 1 + (j + 0.5) / 256;
  BUCKET_TABLE[4097 + j] = c;
  BUCKET_TABLE[4353 + j] = 1 / c;
  BUCKET_TABLE[4609 + j] = Math.log(c) / LOG_GAMMA;
}
BUCKET_TABLE[4865] = 1 / LOG_GAMMA;

export class LogHistogram {
  readonly counts: Float64Array;
  count = 0;
  sum = 0;

  /**
   * An empty histogram, or one over given counts (and the sum of the values counted, for the mean); `count`, when the
   * caller knows it (a chunk's customers), saves adding up the counts.
   */
  constructor(counts?: Float64Array, sum = 0, count?: number) {
    this.counts = counts ?? new Float64Array(BUCKETS);
    if (this.counts.length !== BUCKETS) throw new RangeError(`a histogram has ${BUCKETS} buckets`);
    if (count !== undefined) this.count = count;
    else if (counts) for (let i = 0; i < counts.length; i++) this.count += counts[i] as number;
    this.sum = sum;
  }

  /** Adds one value (> 0 expected; <= MIN_VALUE counts as MIN_VALUE). */
  add(x: number): void {
    this.addAt(bucketOf(x), x);
  }

  /** Adds one value whose bucket (bucketOf(x)) is already known: one logarithm for several histograms. */
  addAt(i: number, x: number): void {
    this.count += 1;
    this.sum += x;
    this.counts[i] = (this.counts[i] as number) + 1;
  }

  /** Adds another histogram's counts and sum. */
  merge(other: LogHistogram): void {
    // the totals first: the loop is compiled while it runs (on stack replacement), and code after it that had not run
    // yet was compiled without type feedback and deoptimised on reaching it, merge after merge (issue 18)
    this.count += other.count;
    this.sum += other.sum;
    const counts = this.counts;
    const add = other.counts;
    for (let i = 0; i < BUCKETS; i++) counts[i] = (counts[i] as number) + (add[i] as number);
  }

  clear(): void {
    this.counts.fill(0);
    this.count = 0;
    this.sum = 0;
  }

  mean(): number {
    return this.count > 0 ? this.sum / this.count : Number.NaN;
  }

  /**
   * The p-quantile (the value of rank ceil(p n), 1-based, as the sorted-sample estimator the C reference uses up to
   * one rank), within RELATIVE_ACCURACY of a value in the sample. NaN when empty.
   */
  quantile(p: number): number {
    // its own scan rather than quantiles([p]): an array of one integer (p = 0 or 1) and one of one fraction have
    // different element kinds, and each switch deoptimised quantiles' compiled code (issue 18)
    if (this.count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(p * this.count));
    const counts = this.counts;
    let seen = 0;
    let i = 0;
    while (i < BUCKETS - 1 && seen + (counts[i] as number) < rank) seen += counts[i++] as number;
    return bucketValue(i);
  }

  /** quantile(p) for each of `ps` (increasing), in one pass over the buckets. */
  quantiles(ps: readonly number[]): number[] {
    const out: number[] = [];
    const counts = this.counts;
    const n = this.count;
    let seen = 0;
    let i = 0;
    for (let k = 0; k < ps.length; k++) {
      if (n === 0) {
        out.push(Number.NaN);
        continue;
      }
      const rank = Math.max(1, Math.ceil((ps[k] as number) * n));
      while (i < BUCKETS - 1 && seen + (counts[i] as number) < rank) seen += counts[i++] as number;
      out.push(bucketValue(i));
    }
    return out;
  }
}

/**
 * The bucket a value falls in: ceil(ln(x) / ln(gamma)) - MIN_KEY inside (MIN_VALUE, MAX_VALUE] (bucketOfByLog), the
 * same bucket for every double, without a logarithm for all but about 2 values in 10 million (issue 18).
 *
 * x = 2^e m with m in [1, 2): e and the top 8 bits j of the mantissa are read from the double's high word (a
 * Float64Array and a Uint32Array over one buffer, BUCKET_TABLE), and ln(x) = e ln 2 + ln(c_j) + ln(1 + r), c_j the centre of the
 * j-th of 256 slices of [1, 2) (tabled with ln(c_j)), r = (m - c_j) / c_j, |r| <= 1/512 (m - c_j is exact), and
 * ln(1 + r) = r - r^2/2 + r^3/3 with an error below r^4 / (4 (1 - |r|)) < 3.8e-12 (the rest of the series, bounded
 * by a geometric one; r^3/3 is computed as r times the double nearest 1/3, 1e-16 relative off, 1e-24 absolute). In
 * units of ln(gamma) (0.002) that is 1.9e-9, plus below 1e-11 of rounding in this sum (less MIN_KEY: at most 18,423
 * in magnitude, half an ulp of that is 1.8e-12 per operation) and 3e-12 in the formula's own (Math.log within an ulp, then a division): the two quotients differ by less than 2e-9.
 * So when the quotient q found here lies more than SAFE = 1e-7 from every integer, ceil(q) is the formula's;
 * otherwise (within 1e-7 of a bucket boundary, a fraction 2e-7 of values) the formula itself decides. Tested against
 * the formula at every bucket boundary and its neighbouring doubles, and on random doubles
 * (test/core/sim/histogram.test.ts).
 */
export function bucketOf(x: number): number {
  // MIN_VALUE and MAX_VALUE, as literals (constants of the compiled code, not module variables)
  if (x <= 1e-9) return 0;
  if (x > 1e7) return BUCKETS - 1;
  const t = BUCKET_TABLE;
  t[0] = x;
  const high = BUCKET_TABLE_WORDS[HIGH_WORD] as number;
  const exponent = high >>> 20;
  const j = (high >>> 12) & 0xff;
  // m - c_j, exact: x 2^-e is m (a power of two scales exactly), and m and c_j are doubles in [1, 2)
  const r = (x * (t[1 + exponent] as number) - (t[4097 + j] as number)) * (t[4353 + j] as number);
  // the quotient less MIN_KEY (folded into the exponent's term), with r^3/3 as r times the double nearest 1/3
  const q =
    (t[2049 + exponent] as number) +
    (t[4609 + j] as number) +
    r * (1 - r * (0.5 - r * 0.3333333333333333)) * (t[4865] as number);
  const k = Math.ceil(q);
  // SAFE = 1e-7: the distance from an integer beyond which q has the formula's ceiling (its error is below 2e-9)
  // (| 0: the integer k as an int32, +0 where ceil gave -0 for q in (-1, 0])
  if (k - q > 1e-7 && q - k + 1 > 1e-7) return k | 0;
  return bucketOfByLog(x);
}

/** The bucket by its definition, ceil(ln(x) / ln(gamma)) - MIN_KEY (clamped to underflow and overflow as bucketOf). */
export function bucketOfByLog(x: number): number {
  if (x <= MIN_VALUE) return 0;
  if (x > MAX_VALUE) return BUCKETS - 1;
  return Math.ceil(Math.log(x) / LOG_GAMMA) - MIN_KEY;
}

/** The value a bucket reports. */
export function bucketValue(i: number): number {
  if (i <= 0) return MIN_VALUE;
  if (i >= BUCKETS - 1) return MAX_VALUE;
  const k = i + MIN_KEY;
  return (2 * GAMMA ** k) / (GAMMA + 1);
}
