/**
 * Error-free transformations and compensated summation.
 *
 * Sources: Dekker 1971, "A floating-point technique for extending the available precision", Numer. Math. 18
 * (TwoProduct by Veltkamp splitting); Neumaier 1974, "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher
 * Summen", ZAMM 54 (improved Kahan-Babuska summation). Pure functions, no I/O.
 */

/** Veltkamp splitter 2^27 + 1 for IEEE-754 binary64. */
const SPLITTER = 134217729;

/**
 * Exact product a * b = hi + lo (Dekker's TwoProduct), for finite a, b whose product neither overflows nor
 * underflows. `hi` is the rounded product and `lo` the rounding error, so hi + lo is exact.
 */
export function twoProduct(a: number, b: number): { hi: number; lo: number } {
  const hi = a * b;
  let t = SPLITTER * a;
  const aHi = t - (t - a);
  const aLo = a - aHi;
  t = SPLITTER * b;
  const bHi = t - (t - b);
  const bLo = b - bHi;
  const lo = aLo * bLo - (hi - aHi * bHi - aLo * bHi - aHi * bLo);
  return { hi, lo };
}

/**
 * c - a * b with a single rounding in the common case (|a b| within a factor 2 of c, where the plain expression
 * cancels): the product is formed exactly by twoProduct and c - hi is exact by Sterbenz's lemma.
 * Used for 1 - rho = (c - lambda * S) / c near saturation, where `c - lambda * S` would lose digits.
 */
export function diffOfProduct(c: number, a: number, b: number): number {
  const { hi, lo } = twoProduct(a, b);
  if (!Number.isFinite(hi) || !Number.isFinite(lo)) return c - a * b;
  return c - hi - lo;
}

/**
 * Neumaier (improved Kahan-Babuska) compensated summation of an array of numbers: the error is O(eps) times the sum
 * of magnitudes, independent of the number of terms.
 */
export function compensatedSum(values: readonly number[]): number {
  let sum = 0;
  let comp = 0;
  for (const v of values) {
    const t = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) comp += sum - t + v;
    else comp += v - t + sum;
    sum = t;
  }
  return sum + comp;
}

/** Incremental Neumaier accumulator, for sums whose terms are produced one at a time. */
export class NeumaierSum {
  private sum = 0;
  private comp = 0;

  add(v: number): void {
    const t = this.sum + v;
    if (Math.abs(this.sum) >= Math.abs(v)) this.comp += this.sum - t + v;
    else this.comp += v - t + this.sum;
    this.sum = t;
  }

  get value(): number {
    return this.sum + this.comp;
  }
}
