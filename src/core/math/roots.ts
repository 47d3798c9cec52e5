/**
 * Bracketed root finding to full double precision: Brent's method (inverse quadratic interpolation + secant +
 * bisection, with guaranteed convergence), plus bracket expansion for monotone functions.
 *
 * Sources: Brent 1973, *Algorithms for Minimization without Derivatives*, ch. 4 (zeroin); Press et al. 2007,
 * *Numerical Recipes* 3rd ed., section 9.3 (zbrent) and 9.1 (zbrac). Pure functions, no I/O.
 */

const EPS = 2.220446049250313e-16;

export interface BrentOptions {
  /** Absolute tolerance on x (in x's units); default 0, i.e. stop only at relative machine precision. */
  xTolAbs?: number;
  /** Maximum number of function evaluations; default 2000 (never reached for a valid bracket). */
  maxIter?: number;
  /**
   * f(a) and f(b) when the caller has them (a bracket search evaluated them): not evaluated again. f must then be a
   * pure function (the same value at the same point), so the root is the one found without them, bit for bit.
   */
  known?: { fa: number; fb: number };
}

/**
 * A root of f in [a, b] by Brent's method, given f(a) and f(b) of opposite signs (or one of them zero).
 * Converges to |x - root| <= 4 eps |x| + xTolAbs. For a discontinuous monotone f it converges to the jump.
 * Non-finite function values (e.g. -Infinity from log(0)) are tolerated: the step falls back to bisection.
 * @param f the function (any units)
 * @param a one end of the bracket
 * @param b the other end of the bracket
 * @throws RangeError if the bracket does not bracket a sign change or contains NaN
 */
export function brent(f: (x: number) => number, a: number, b: number, options: BrentOptions = {}): number {
  const xTolAbs = options.xTolAbs ?? 0;
  const maxIter = options.maxIter ?? 2000;
  if (Number.isNaN(a) || Number.isNaN(b)) throw new RangeError(`brent: bracket [${a}, ${b}] contains NaN`);
  let fa = options.known === undefined ? f(a) : options.known.fa;
  let fb = options.known === undefined ? f(b) : options.known.fb;
  if (Number.isNaN(fa) || Number.isNaN(fb)) throw new RangeError(`brent: f is NaN at the bracket [${a}, ${b}]`);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if ((fa > 0 && fb > 0) || (fa < 0 && fb < 0)) {
    throw new RangeError(`brent: f(${a}) = ${fa} and f(${b}) = ${fb} do not bracket a root`);
  }
  let c = b;
  let fc = fb;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < maxIter; iter++) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * EPS * Math.abs(b) + 0.5 * xTolAbs;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return b;
    const finite = Number.isFinite(fa) && Number.isFinite(fb) && Number.isFinite(fc);
    if (finite && Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      const min1 = 3 * xm * q - Math.abs(tol1 * q);
      const min2 = Math.abs(e * q);
      if (2 * p < Math.min(min1, min2)) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : xm > 0 ? tol1 : -tol1;
    fb = f(b);
    if (Number.isNaN(fb)) throw new RangeError(`brent: f is NaN at x = ${b}`);
  }
  throw new Error(`brent: no convergence in ${maxIter} iterations`);
}

/**
 * Expands [a, b] geometrically outward (factor 1.6 per step, as zbrac) until f changes sign, for a monotone f on the
 * real line. Returns the bracket. Source: Press et al. 2007 section 9.1.
 * @throws RangeError if no sign change is found within maxSteps expansions
 */
export function expandBracket(
  f: (x: number) => number,
  a: number,
  b: number,
  maxSteps = 200,
): { lo: number; hi: number } {
  if (!(a < b)) throw new RangeError(`expandBracket: need a < b, got [${a}, ${b}]`);
  let fa = f(a);
  let fb = f(b);
  for (let i = 0; i < maxSteps; i++) {
    if ((fa <= 0 && fb >= 0) || (fa >= 0 && fb <= 0)) return { lo: a, hi: b };
    const width = b - a;
    if (Math.abs(fa) < Math.abs(fb)) {
      a -= 1.6 * width;
      fa = f(a);
    } else {
      b += 1.6 * width;
      fb = f(b);
    }
  }
  throw new RangeError(`expandBracket: no sign change found from [${a}, ${b}]`);
}

/**
 * The smallest x >= 0 with f(x) <= 0, for a non-increasing f on [0, inf) (f may jump; f may be -Infinity).
 * Brackets by doubling from `scale` upward (or halving downward), then refines with Brent's method to relative
 * machine precision. Returns 0 when f(0) <= 0.
 * @param f non-increasing function on [0, inf)
 * @param scale a typical magnitude of the root (> 0), used to start the bracket
 * @throws RangeError if f stays positive up to the largest double
 */
export function firstNonPositiveOnHalfLine(f: (x: number) => number, scale: number): number {
  if (!(scale > 0) || !Number.isFinite(scale)) {
    throw new RangeError(`firstNonPositiveOnHalfLine: scale must be finite and > 0, got ${scale}`);
  }
  const f0 = f(0);
  if (f0 <= 0) return 0;
  // the bracket's ends and their values (brent takes them: f is evaluated once at each point)
  let lo = 0;
  let fLo = f0;
  let hi = scale;
  let fHi = f(hi);
  if (fHi <= 0) {
    // Halve toward the root; stop once a positive value is found (or after 1100 halvings, i.e. at 0).
    for (let i = 0; i < 1100; i++) {
      const mid = hi / 2;
      if (mid === 0) break;
      const fMid = f(mid);
      if (fMid > 0) {
        lo = mid;
        fLo = fMid;
        break;
      }
      hi = mid;
      fHi = fMid;
    }
  } else {
    for (;;) {
      lo = hi;
      fLo = fHi;
      hi *= 2;
      if (!Number.isFinite(hi)) {
        throw new RangeError(`firstNonPositiveOnHalfLine: function stays positive up to ${lo}`);
      }
      fHi = f(hi);
      if (fHi <= 0) break;
    }
  }
  // Absolute tolerance: a few subnormals, so that roots near 0 terminate and all others get relative precision.
  return brent(f, lo, hi, { xTolAbs: 4 * Number.MIN_VALUE, known: { fa: fLo, fb: fHi } });
}
