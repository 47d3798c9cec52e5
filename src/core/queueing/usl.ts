/**
 * Universal Scalability Law (Gunther): relative capacity of N processors / nodes / threads,
 *   C(N) = N / (1 + sigma (N - 1) + kappa N (N - 1)),
 * with sigma the contention (serial fraction, Amdahl) and kappa the coherency (crosstalk) penalty.
 * Sources: Gunther 2007, *Guerrilla Capacity Planning*, ch. 4 (eq. 4.31) and ch. 5; Gunther 1993.
 */

/** USL coefficients, both dimensionless. */
export interface UslParams {
  /** Contention sigma, in [0, 1]. */
  sigma: number;
  /** Coherency kappa, >= 0. */
  kappa: number;
}

function assertParams(p: UslParams): void {
  if (p === null || typeof p !== 'object') throw new RangeError(`USL params must be an object, got ${p}`);
  if (typeof p.sigma !== 'number' || !(p.sigma >= 0 && p.sigma <= 1)) {
    throw new RangeError(`sigma must be in [0, 1], got ${p.sigma}`);
  }
  if (typeof p.kappa !== 'number' || !Number.isFinite(p.kappa) || p.kappa < 0) {
    throw new RangeError(`kappa must be a finite number >= 0, got ${p.kappa}`);
  }
}

function assertN(n: number): void {
  if (typeof n !== 'number' || !Number.isFinite(n) || !(n > 0)) {
    throw new RangeError(`n must be a finite number > 0, got ${n}`);
  }
}

/**
 * Relative capacity (speedup over one unit) C(N) = N / (1 + sigma (N - 1) + kappa N (N - 1)); C(1) = 1.
 * Source: Gunther 2007 eq. 4.31.
 * @param n number of units N (> 0; usually an integer, real values interpolate)
 * @param p contention sigma in [0, 1] and coherency kappa >= 0
 * @example uslCapacity(8, { sigma: 0.05, kappa: 0.001 }) // 5.690
 */
export function uslCapacity(n: number, p: UslParams): number {
  assertN(n);
  assertParams(p);
  return n / (1 + p.sigma * (n - 1) + p.kappa * n * (n - 1));
}

/**
 * Throughput X(N) = lambda1 C(N), per second, where lambda1 is the throughput of one unit.
 * @param n number of units N (> 0)
 * @param lambda1PerS throughput of a single unit, per second (>= 0)
 * @param p USL coefficients
 * @returns throughput, per second
 */
export function uslThroughput(n: number, lambda1PerS: number, p: UslParams): number {
  if (typeof lambda1PerS !== 'number' || !Number.isFinite(lambda1PerS) || lambda1PerS < 0) {
    throw new RangeError(`lambda1PerS must be a finite number >= 0, got ${lambda1PerS}`);
  }
  return lambda1PerS * uslCapacity(n, p);
}

/**
 * The N that maximises C(N): N* = sqrt((1 - sigma) / kappa), from dC/dN = 0 <=> 1 - sigma - kappa N^2 = 0
 * (Gunther 2007 eq. 4.33). Infinity when kappa == 0 (capacity rises monotonically). The value is the continuous
 * maximiser; it may be below 1 (then one unit is best) or 0 when sigma = 1.
 * @param p USL coefficients
 * @example uslPeakN({ sigma: 0.02671591, kappa: 7.690945e-4 }) // 35.57: Schwartz's Cisco fit peaks near N = 35
 */
export function uslPeakN(p: UslParams): number {
  assertParams(p);
  if (p.kappa === 0) return Number.POSITIVE_INFINITY;
  return Math.sqrt((1 - p.sigma) / p.kappa);
}
