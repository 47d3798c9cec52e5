/**
 * Numerical inversion of a Laplace transform by the Fourier-series method with Euler summation ("EULER"):
 *   f(t) ~ e^(A/2) / t * sum_{k=0}^{n+m} w_k (-1)^k Re fhat((A + 2 pi i k) / (2 t)),
 * the trapezoidal rule on the Bromwich line Re s = A / (2t) (step pi / t), whose alternating tail is accelerated by
 * Euler summation: the binomial average 2^-m sum_j C(m, j) s_(n+j) of the partial sums s_n..s_(n+m), which gives
 * w_0 = 1/2, w_k = 1 for 1 <= k <= n and w_k = 2^-m sum_{j >= k-n} C(m, j) beyond.
 *
 * Errors (Abate & Whitt 1995, section 2): the discretization (aliasing) error is
 *   e_d = sum_{j >= 1} e^(-A j) f((2j + 1) t),
 * at most e^-A / (1 - e^-A) = 1.0e-8 for A = 18.4 when |f| <= 1, and for a non-increasing f such as a survival
 * function e^-A f(3t): relative to f(t) it vanishes in the tail. Round-off is about e^(A/2) = 1e4 times the double's
 * precision (absolute, about 1e-12). The truncation error after Euler summation falls geometrically for functions that
 * are smooth for t > 0 (a jump at t = 0, as of every survival function, is allowed); it is slow next to jumps at
 * t > 0 (atoms of the distribution away from its minimum).
 *
 * Source: J. Abate and W. Whitt, "Numerical inversion of Laplace transforms of probability distributions", ORSA
 * Journal on Computing 7(1), 36-43 (1995); J. Abate, G. L. Choudhury and W. Whitt, "An introduction to numerical
 * transform inversion and its application to probability models", in Computational Probability (2000), section 3.
 */

/** Parameters of the Euler algorithm: the damping A and the numbers n (plain terms) and m (Euler-averaged terms). */
export interface EulerParameters {
  /** Damping A: the discretization error is about e^-A. */
  a: number;
  /** Terms summed plainly. */
  n: number;
  /** Terms averaged by Euler (binomial) summation. */
  m: number;
}

/** Abate and Whitt's choice (1995): A = 18.4, n = 15, m = 11 (27 transform values per point). */
export const EULER_DEFAULT: EulerParameters = { a: 18.4, n: 15, m: 11 };

/**
 * The signed weights (-1)^k w_k of the Euler algorithm, k = 0..n+m (see the module comment).
 * @example eulerWeights({ a: 18.4, n: 1, m: 1 }) // [0.5, -1, 0.5]
 */
export function eulerWeights(params: EulerParameters): Float64Array {
  const { n, m } = params;
  if (!Number.isSafeInteger(n) || n < 0 || !Number.isSafeInteger(m) || m < 0 || m > 60) {
    throw new RangeError(`Euler parameters n and m must be integers >= 0 (m <= 60), got n = ${n}, m = ${m}`);
  }
  const binomial: number[] = [1];
  for (let j = 1; j <= m; j++) binomial.push(((binomial[j - 1] as number) * (m - j + 1)) / j);
  const out = new Float64Array(n + m + 1);
  for (let k = 0; k <= n + m; k++) {
    let w = 1;
    if (k > n) {
      w = 0;
      for (let j = k - n; j <= m; j++) w += binomial[j] as number;
      w /= 2 ** m;
    }
    if (k === 0) w /= 2;
    out[k] = k % 2 === 0 ? w : -w;
  }
  return out;
}

/**
 * f(t) from its Laplace transform fhat(s) = integral_0^inf e^(-s t) f(t) dt, by the Euler algorithm.
 * @param transform the real part of fhat at s = re + i im
 * @param tS the point, > 0
 * @param params Euler parameters (default Abate and Whitt's)
 * @example eulerInvertLaplace((re, im) => (re + 1) / ((re + 1) ** 2 + im * im), 1) // 0.36787944: 1 / (s + 1) is e^-t
 */
export function eulerInvertLaplace(
  transform: (re: number, im: number) => number,
  tS: number,
  params: EulerParameters = EULER_DEFAULT,
): number {
  if (!(tS > 0) || !Number.isFinite(tS)) throw new RangeError(`tS must be a finite number > 0, got ${tS}`);
  const weights = eulerWeights(params);
  const re = params.a / (2 * tS);
  const step = Math.PI / tS;
  let sum = 0;
  for (let k = 0; k < weights.length; k++) sum += (weights[k] as number) * transform(re, k * step);
  return (Math.exp(params.a / 2) / tS) * sum;
}
