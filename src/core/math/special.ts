/**
 * Special functions for the queueing core: log-gamma, the regularized incomplete gamma functions P(a, x) and
 * Q(a, x), erf / erfc / erfcx, and the helpers they share. Pure functions, no I/O.
 *
 * Sources:
 * - Lanczos 1964, "A precision approximation of the gamma function", SIAM J. Numer. Anal. B 1; coefficients
 *   g = 7, n = 9 as in Press et al. (Numerical Recipes, 3rd ed., 2007, section 6.1) and Godfrey's tables.
 * - Press et al. 2007, section 6.2: series for P(a, x) when x < a + 1, modified Lentz continued fraction for
 *   Q(a, x) otherwise.
 * - Temme 1979, "The asymptotic expansion of the incomplete gamma functions", SIAM J. Math. Anal. 10, and
 *   DLMF 8.12.3-8.12.10 (https://dlmf.nist.gov/8.12): uniform asymptotic expansion for large a, used for a > 1e6.
 * - Loader 2000, "Fast and accurate computation of binomial probabilities" (the Stirling-error / deviance form
 *   of x^a e^-x / Gamma(a + 1)), which keeps the prefactor accurate for large a.
 */

const LN_SQRT_2PI = 0.9189385332046727; // ln(sqrt(2 pi))
const SQRT_PI = 1.772453850905516;
const LN_SQRT_PI = 0.5723649429247001; // ln Gamma(1/2)
const EPS = 2.220446049250313e-16;
const FPMIN = 1e-300;
/** Shape above which P and Q use Temme's uniform expansion (series/fraction need O(sqrt(a)) terms). */
const TEMME_MIN_A = 1e6;
const MAX_ITER = 1_000_000;

const LANCZOS_G = 7;
const LANCZOS: readonly number[] = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * ln |Gamma(x)| for real x that is not a non-positive integer, by the Lanczos approximation (g = 7, n = 9) for
 * x >= 0.5 and the reflection formula Gamma(x) Gamma(1 - x) = pi / sin(pi x) below. Relative error about 1e-15
 * (absolute about 1e-15 near the zeros x = 1, 2). Source: Lanczos 1964; Press et al. 2007 section 6.1.
 * @param x argument (dimensionless)
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) throw new RangeError(`logGamma: x must be a number, got ${x}`);
  if (x === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (x <= 0 && Number.isInteger(x)) return Number.POSITIVE_INFINITY;
  if (x < 0.5) {
    // Reflection: ln|Gamma(x)| = ln(pi / |sin(pi x)|) - ln|Gamma(1 - x)|.
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  const z = x - 1;
  let a = LANCZOS[0] as number;
  const t = z + LANCZOS_G + 0.5;
  for (let i = 1; i < LANCZOS.length; i++) a += (LANCZOS[i] as number) / (z + i);
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * u - ln(1 + u) for u > -1, without cancellation near u = 0 (the "deviance" kernel; always >= 0).
 * For |u| <= 0.5 it uses ln(1 + u) = 2 atanh(r), r = u / (2 + u), so u - ln(1 + u) = r u - 2 sum_{j>=1} r^(2j+1)/(2j+1).
 * @param u dimensionless, > -1
 */
export function uMinusLog1p(u: number): number {
  if (Math.abs(u) > 0.5) return u - Math.log1p(u);
  const r = u / (2 + u);
  const r2 = r * r;
  let term = r * r2; // r^3
  let sum = 0;
  for (let j = 3; j < 200; j += 2) {
    const add = term / j;
    sum += add;
    if (Math.abs(add) <= EPS * Math.abs(sum)) break;
    term *= r2;
  }
  return r * u - 2 * sum;
}

/**
 * Stirling's error ln Gamma(a + 1) - [(a + 1/2) ln a - a + ln sqrt(2 pi)] for a >= 10 by its asymptotic series
 * (terms to a^-13; truncation error below 1e-17 at a = 10). Source: Abramowitz & Stegun 6.1.41; Loader 2000.
 */
function stirlingError(a: number): number {
  const a2 = 1 / (a * a);
  return (
    (1 / 12 - a2 * (1 / 360 - a2 * (1 / 1260 - a2 * (1 / 1680 - a2 * (1 / 1188 - a2 * (691 / 360360 - a2 / 156)))))) / a
  );
}

/**
 * ln[x^a e^(-x) / Gamma(a + 1)] for a > 0, x >= 0: the Poisson-like prefactor of the incomplete gamma functions.
 * For a >= 10 it is computed as -a (u - ln(1 + u)) - ln sqrt(2 pi a) - stirlingError(a) with u = (x - a) / a, which
 * avoids the cancellation between a ln x, x and ln Gamma(a + 1) (Loader 2000); below it directly.
 * @param a shape (dimensionless, > 0)
 * @param x argument (dimensionless, >= 0)
 */
export function logGammaPrefix(a: number, x: number): number {
  if (x === 0) return Number.NEGATIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  if (a < 10) return a * Math.log(x) - x - logGamma(a + 1);
  const u = (x - a) / a;
  // -a (u - ln(1 + u)) = a ln(x / a) - (x - a); the second form for |u| > 1/2, where ln(1 + u) of a rounded u would
  // be ill-conditioned near u = -1.
  const deviance = Math.abs(u) <= 0.5 ? -a * uMinusLog1p(u) : a * Math.log(x / a) - (x - a);
  return deviance - 0.5 * Math.log(2 * Math.PI * a) - stirlingError(a);
}

/** Coefficients (-1)^k zeta(k) / k, k = 2..31, of ln Gamma(1 + a) = -gamma a + sum_k c_k a^k (A&S 6.1.33). */
const LGAMMA1P: readonly number[] = [
  0.8224670334241132, -0.40068563438653143, 0.27058080842778454, -0.20738555102867398, 0.1695571769974082,
  -0.1440498967688461, 0.12550966952474304, -0.11133426586956469, 0.1000994575127818, -0.09095401714582904,
  0.083353840546109, -0.0769325164113522, 0.07143294629536133, -0.06666870588242046, 0.06250095514121304,
  -0.058823978658684585, 0.055555767627403614, -0.05263167937961666, 0.05000004769810169, -0.047619070330142226,
  0.04545455629320467, -0.04347826605304026, 0.04166666915034121, -0.04000000119214014, 0.03846153903467518,
  -0.037037037312989324, 0.035714285847333355, -0.034482758684919304, 0.03333333336437758, -0.03225806453115042,
];
const EULER_GAMMA = 0.5772156649015329;

/**
 * ln Gamma(1 + a), accurate in relative terms for small |a| (series A&S 6.1.33 for |a| <= 0.2, else logGamma).
 * @param a argument (> -1)
 */
export function logGamma1p(a: number): number {
  if (Math.abs(a) > 0.2) return logGamma(1 + a);
  let acc = 0;
  for (let i = LGAMMA1P.length - 1; i >= 0; i--) acc = acc * a + (LGAMMA1P[i] as number);
  return a * (-EULER_GAMMA + a * acc);
}

/**
 * Q(a, x) for small shape a < 1/2 and x < a + 1, where 1 - P would cancel: from the series of the lower incomplete
 * gamma, Q = [1 - x^a / Gamma(a + 1)] - (x^a / Gamma(a)) sum_{n>=1} (-1)^n x^n / (n! (a + n)), the bracket formed by
 * expm1 (the method of Boost's tgamma_small_upper_part; DiDonato & Morris 1986, eq. 16).
 */
function smallShapeUpperQ(a: number, x: number): number {
  const logXaOverG1 = a * Math.log(x) - logGamma1p(a);
  const head = -Math.expm1(logXaOverG1);
  let term = 1;
  let sum = 0;
  for (let n = 1; n < 200; n++) {
    term *= -x / n;
    const add = term / (a + n);
    sum += add;
    if (Math.abs(add) <= EPS * 1e-2 * Math.abs(sum)) break;
  }
  return head - a * Math.exp(logXaOverG1) * sum;
}

/**
 * The series H(a, x) = sum_{n>=0} x^n / ((a+1)(a+2)...(a+n)) = 1F1(1; a + 1; x), so that
 * P(a, x) = exp(logGammaPrefix(a, x)) * H(a, x) (Press et al. 2007, eq. 6.2.5). All terms are positive for x >= 0;
 * it converges for every x but is only efficient for x < a + 1 (the ratio of terms is x / (a + n)).
 * @param a shape (> 0)
 * @param x argument (>= 0)
 */
export function gammaSeriesH(a: number, x: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 1; n < MAX_ITER; n++) {
    term *= x / (a + n);
    sum += term;
    if (term <= sum * EPS * 0.5) return sum;
  }
  throw new Error(`gammaSeriesH did not converge for a = ${a}, x = ${x}`);
}

/**
 * The continued fraction h(a, x) with Q(a, x) = a * exp(logGammaPrefix(a, x)) * h(a, x), evaluated by the modified
 * Lentz method (Press et al. 2007, eq. 6.2.7); efficient for x >= a + 1.
 */
function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) <= EPS) return h;
  }
  throw new Error(`gammaContinuedFraction did not converge for a = ${a}, x = ${x}`);
}

/** Taylor coefficients of Temme's c0(eta) = 1/(lambda - 1) - 1/eta at eta = 0 (computed exactly with rationals). */
const TEMME_C0: readonly number[] = [
  -0.3333333333333333, 0.08333333333333333, -0.014814814814814815, 0.0011574074074074073, 0.0003527336860670194,
  -0.0001787551440329218, 3.919263178522438e-5, -2.185448510679992e-6, -1.85406221071516e-6, 8.296711340953087e-7,
  -1.7665952736826078e-7, 6.707853543401498e-9, 1.0261809784240309e-8, -4.382036018453353e-9, 9.14769958223679e-10,
  -2.5514193994946248e-11, -5.830772132550426e-11, 2.4361948020667415e-11, -5.0276692801141755e-12,
  1.1004392031956135e-13, 3.371763262400985e-13, -1.392388722418162e-13, 2.8534893807047445e-14, -5.139111834242572e-16,
];
/** Taylor coefficients of c1(eta) = 1/eta^3 - 1/(lambda-1)^3 - 1/(lambda-1)^2 - 1/(12 (lambda-1)) at eta = 0. */
const TEMME_C1: readonly number[] = [
  -0.001851851851851852, -0.003472222222222222, 0.0026455026455026454, -0.0009902263374485596, 0.00020576131687242798,
  -4.018775720164609e-7, -1.8098550334489977e-5, 7.64916091608111e-6, -1.6120900894563446e-6, 4.647127802807434e-9,
  1.378633446915721e-7, -5.752545603517705e-8, 1.1951628599778148e-8, -1.7543241719747647e-11, -1.0091543710600413e-9,
  4.162792991842583e-10, -8.56390702649298e-11, 6.067215101604758e-14, 7.1624989648114856e-12, -2.933186643771437e-12,
  5.996696365683689e-13, -2.1671786527323313e-16, -4.978339972369262e-14, 2.0291628823713425e-14,
];

function horner(coeffs: readonly number[], x: number): number {
  let acc = 0;
  for (let i = coeffs.length - 1; i >= 0; i--) acc = acc * x + (coeffs[i] as number);
  return acc;
}

/**
 * Temme's uniform expansion, in scaled form. With lambda = x / a, u = lambda - 1, eta = sign(u) sqrt(2 (u - ln(1+u))),
 * DLMF 8.12.3-8.12.10 give Q(a, x) = erfc(eta sqrt(a/2)) / 2 + R, P(a, x) = erfc(-eta sqrt(a/2)) / 2 - R,
 * R ~ exp(-a eta^2 / 2) / sqrt(2 pi a) * (c0(eta) + c1(eta) / a + ...). Returned: the tail on the side of eta as
 * exp(-a eta^2 / 2) * scaled (P for eta < 0, Q for eta >= 0), with logScale = -a eta^2 / 2. Truncation after c1 leaves
 * a relative error of order c2 / a^2 (about 4e-15 at a = 1e6).
 */
function temme(a: number, x: number): { tailIsQ: boolean; scaled: number; logScale: number } {
  const u = (x - a) / a;
  const phi = uMinusLog1p(u);
  const eta = (u < 0 ? -1 : 1) * Math.sqrt(2 * phi);
  let c0: number;
  let c1: number;
  if (Math.abs(eta) < 0.5) {
    c0 = horner(TEMME_C0, eta);
    c1 = horner(TEMME_C1, eta);
  } else {
    c0 = 1 / u - 1 / eta;
    c1 = 1 / (eta * eta * eta) - 1 / (u * u * u) - 1 / (u * u) - 1 / (12 * u);
  }
  const rScaled = (c0 + c1 / a) / Math.sqrt(2 * Math.PI * a);
  const w = Math.abs(eta) * Math.sqrt(a / 2);
  const half = 0.5 * erfcx(w);
  if (eta >= 0) return { tailIsQ: true, scaled: half + rScaled, logScale: -a * phi };
  return { tailIsQ: false, scaled: half - rScaled, logScale: -a * phi };
}

/** Both regularized incomplete gamma functions, P(a, x) + Q(a, x) = 1, each accurate in its own tail. */
export interface IncompleteGamma {
  /** P(a, x) = gamma(a, x) / Gamma(a), the gamma(a, 1) CDF at x. */
  p: number;
  /** Q(a, x) = Gamma(a, x) / Gamma(a) = 1 - P(a, x), the survival function. */
  q: number;
}

function checkGammaArgs(fn: string, a: number, x: number): void {
  if (!(a > 0) || !Number.isFinite(a)) throw new RangeError(`${fn}: shape a must be finite and > 0, got ${a}`);
  if (!(x >= 0)) throw new RangeError(`${fn}: x must be >= 0, got ${x}`);
}

/**
 * Regularized incomplete gamma functions P(a, x) and Q(a, x), for a > 0, x >= 0. The smaller of the two is computed
 * directly (never as 1 minus the other), so each has relative accuracy near 1e-13 in its tail (for a < 1/2 and
 * x < a + 1 both are computed directly); for a > 1e6 Temme's uniform asymptotic expansion is used. Sources: Press et al. 2007 section 6.2; Temme 1979; DLMF 8.12.
 * @param a shape (dimensionless, > 0)
 * @param x argument (dimensionless, >= 0), e.g. rate * time
 */
export function incompleteGamma(a: number, x: number): IncompleteGamma {
  checkGammaArgs('incompleteGamma', a, x);
  if (x === 0) return { p: 0, q: 1 };
  if (x === Number.POSITIVE_INFINITY) return { p: 1, q: 0 };
  if (a > TEMME_MIN_A) {
    const t = temme(a, x);
    const tail = Math.exp(t.logScale) * t.scaled;
    return t.tailIsQ ? { p: 1 - tail, q: tail } : { p: tail, q: 1 - tail };
  }
  const logPre = logGammaPrefix(a, x);
  if (x < a + 1) {
    const p = Math.exp(logPre) * gammaSeriesH(a, x);
    if (a < 0.5) {
      const q = Math.min(1, smallShapeUpperQ(a, x));
      return { p, q };
    }
    return { p, q: 1 - p };
  }
  const q = a * Math.exp(logPre) * gammaContinuedFraction(a, x);
  return { p: 1 - q, q };
}

/**
 * ln Q(a, x), finite far into the upper tail where Q itself underflows (the log of the prefactor is added instead
 * of multiplying by it). Same methods and accuracy as incompleteGamma.
 * @param a shape (dimensionless, > 0)
 * @param x argument (dimensionless, >= 0)
 */
export function logGammaQ(a: number, x: number): number {
  checkGammaArgs('logGammaQ', a, x);
  if (x === 0) return 0;
  if (x === Number.POSITIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  if (a > TEMME_MIN_A) {
    const t = temme(a, x);
    if (t.tailIsQ) return t.logScale + Math.log(t.scaled);
    return Math.log1p(-Math.exp(t.logScale) * t.scaled);
  }
  if (x < a + 1) {
    if (a < 0.5) return Math.min(0, Math.log(smallShapeUpperQ(a, x)));
    return Math.log1p(-Math.exp(logGammaPrefix(a, x)) * gammaSeriesH(a, x));
  }
  return Math.log(a) + logGammaPrefix(a, x) + Math.log(gammaContinuedFraction(a, x));
}

/** Regularized lower incomplete gamma P(a, x) (gamma CDF with shape a, unit rate). See incompleteGamma. */
export function gammaP(a: number, x: number): number {
  return incompleteGamma(a, x).p;
}

/** Regularized upper incomplete gamma Q(a, x) (gamma survival with shape a, unit rate). See incompleteGamma. */
export function gammaQ(a: number, x: number): number {
  return incompleteGamma(a, x).q;
}

/**
 * ln H(a, z) where H(a, z) = 1F1(1; a + 1; z) = P(a, z) / exp(logGammaPrefix(a, z)), for a > 0, z >= 0.
 * Used by the gamma-exponential convolution. Series for z < a + 1 (a <= 1e6), continued fraction beyond, and the
 * scaled Temme form for a > 1e6 (where H = sqrt(2 pi a) e^(stirlingError(a)) * P e^(a (u - ln(1+u)))).
 */
export function logHypergeometric1F1One(a: number, z: number): number {
  checkGammaArgs('logHypergeometric1F1One', a, z);
  if (z === 0) return 0;
  if (a > TEMME_MIN_A) {
    const t = temme(a, z);
    const lnScale = 0.5 * Math.log(2 * Math.PI * a) + stirlingError(a);
    if (!t.tailIsQ) return lnScale + Math.log(t.scaled);
    // P = 1 - e^(logScale) * scaled, P e^(-logScale) = e^(-logScale) - scaled.
    const qTail = Math.exp(t.logScale) * t.scaled;
    return lnScale - t.logScale + Math.log1p(-qTail);
  }
  if (z < a + 1) return Math.log(gammaSeriesH(a, z));
  const logPre = logGammaPrefix(a, z);
  const q = a * Math.exp(logPre) * gammaContinuedFraction(a, z);
  return Math.log1p(-q) - logPre;
}

/**
 * Scaled complementary error function erfcx(x) = e^(x^2) erfc(x), finite for all x >= 0 and ~ 1/(x sqrt(pi)) for
 * large x. Via erfc(x) = Q(1/2, x^2) (Abramowitz & Stegun 7.1.2 / 6.5.17): series below x^2 = 1.5, otherwise the
 * continued fraction, where erfcx(x) = x h(1/2, x^2) / sqrt(pi) and no exponential is formed.
 * @param x argument (dimensionless)
 */
export function erfcx(x: number): number {
  if (Number.isNaN(x)) throw new RangeError(`erfcx: x must be a number, got ${x}`);
  if (x < 0) {
    // erfcx(-x) = 2 e^(x^2) - erfcx(x)
    return 2 * Math.exp(x * x) - erfcx(-x);
  }
  if (x === Number.POSITIVE_INFINITY) return 0;
  const x2 = x * x;
  if (x2 < 1.5) {
    const p = x === 0 ? 0 : Math.exp(Math.log(x) - x2 - (LN_SQRT_PI + Math.log(0.5))) * gammaSeriesH(0.5, x2);
    return Math.exp(x2) * (1 - p);
  }
  return (x * gammaContinuedFraction(0.5, x2)) / SQRT_PI;
}

/**
 * Complementary error function erfc(x) = 1 - erf(x), accurate in relative terms for large positive x.
 * Via Q(1/2, x^2) (Abramowitz & Stegun 7.1.2, 6.5.17).
 * @param x argument (dimensionless)
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) throw new RangeError(`erfc: x must be a number, got ${x}`);
  if (x < 0) return 2 - erfc(-x);
  if (x === Number.POSITIVE_INFINITY) return 0;
  return incompleteGamma(0.5, x * x).q;
}

/**
 * Error function erf(x) = sign(x) P(1/2, x^2), accurate in relative terms for small |x|.
 * @param x argument (dimensionless)
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) throw new RangeError(`erf: x must be a number, got ${x}`);
  if (x === 0) return x;
  const s = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  if (ax === Number.POSITIVE_INFINITY) return s;
  return s * incompleteGamma(0.5, ax * ax).p;
}
