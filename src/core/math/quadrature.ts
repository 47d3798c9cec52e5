/**
 * Adaptive Gauss-Kronrod (7-15) quadrature with global subdivision of the interval of largest error estimate, and
 * a semi-infinite variant for decaying integrands (survival functions).
 *
 * Sources: Piessens, de Doncker-Kapenga, Ueberhuber & Kahaner 1983, *QUADPACK* (qk15 nodes and weights, qag
 * strategy); Kronrod 1965. The error estimate is |K15 - G7| per interval (the Gauss-7 result is exact for degree 13,
 * Kronrod-15 for degree 22, so this bound is pessimistic for smooth integrands). Pure functions, no I/O.
 */

/**
 * Kronrod abscissae on [-1, 1] (positive half; index 7 is the centre); odd indices are the Gauss-7 abscissae.
 * QUADPACK qk15's 33-digit constants, written as their nearest doubles.
 */
const XGK: readonly number[] = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945, 0.5860872354676911,
  0.4058451513773972, 0.20778495500789848, 0,
];
/** Kronrod-15 weights matching XGK. */
const WGK: readonly number[] = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592, 0.1690047266392679,
  0.19035057806478542, 0.20443294007529889, 0.20948214108472782,
];
/** Gauss-7 weights for XGK[1], XGK[3], XGK[5], XGK[7]. */
const WG: readonly number[] = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

export interface QuadratureOptions {
  /** Relative tolerance on the integral (default 1e-13). */
  relTol?: number;
  /** Absolute tolerance on the integral, in the integral's units (default 0). */
  absTol?: number;
  /** Maximum number of subintervals (default 2000). */
  maxIntervals?: number;
}

export interface QuadratureResult {
  /** The integral estimate (integrand units times x units). */
  value: number;
  /** Sum over subintervals of |K15 - G7|, a (pessimistic) bound on the absolute error. */
  errorEstimate: number;
  /** Number of integrand evaluations. */
  evaluations: number;
  /** Whether the requested tolerance was met. */
  converged: boolean;
}

interface Panel {
  a: number;
  b: number;
  value: number;
  error: number;
}

/** One Gauss-Kronrod 15 panel on [a, b]. */
export function gaussKronrod15(f: (x: number) => number, a: number, b: number): { value: number; error: number } {
  const centre = 0.5 * (a + b);
  const half = 0.5 * (b - a);
  const fc = f(centre);
  let kronrod = fc * (WGK[7] as number);
  let gauss = fc * (WG[3] as number);
  for (let j = 0; j < 7; j++) {
    const dx = half * (XGK[j] as number);
    const sum = f(centre - dx) + f(centre + dx);
    kronrod += (WGK[j] as number) * sum;
    if (j % 2 === 1) gauss += (WG[(j - 1) / 2] as number) * sum;
  }
  return { value: kronrod * half, error: Math.abs((kronrod - gauss) * half) };
}

/**
 * Integral of f over the finite interval [a, b] by globally adaptive Gauss-Kronrod 15 quadrature: the panel with
 * the largest error estimate is bisected until the summed estimate is below max(absTol, relTol * |integral|).
 * @param f integrand, finite on (a, b) (endpoints are never evaluated)
 * @param a lower limit
 * @param b upper limit (a <= b)
 */
export function integrate(
  f: (x: number) => number,
  a: number,
  b: number,
  options: QuadratureOptions = {},
): QuadratureResult {
  const relTol = options.relTol ?? 1e-13;
  const absTol = options.absTol ?? 0;
  const maxIntervals = options.maxIntervals ?? 2000;
  if (!Number.isFinite(a) || !Number.isFinite(b) || !(a <= b)) {
    throw new RangeError(`integrate: need finite a <= b, got [${a}, ${b}]`);
  }
  if (a === b) return { value: 0, errorEstimate: 0, evaluations: 0, converged: true };
  const first = gaussKronrod15(f, a, b);
  const panels: Panel[] = [{ a, b, value: first.value, error: first.error }];
  let evaluations = 15;
  for (;;) {
    let total = 0;
    let error = 0;
    let worst = 0;
    for (let i = 0; i < panels.length; i++) {
      const p = panels[i] as Panel;
      total += p.value;
      error += p.error;
      if (p.error > (panels[worst] as Panel).error) worst = i;
    }
    const target = Math.max(absTol, relTol * Math.abs(total));
    if (error <= target || panels.length >= maxIntervals) {
      return { value: total, errorEstimate: error, evaluations, converged: error <= target };
    }
    const p = panels[worst] as Panel;
    const mid = 0.5 * (p.a + p.b);
    if (!(mid > p.a && mid < p.b)) {
      // The panel cannot be split further in double precision.
      return { value: total, errorEstimate: error, evaluations, converged: false };
    }
    const left = gaussKronrod15(f, p.a, mid);
    const right = gaussKronrod15(f, mid, p.b);
    evaluations += 30;
    panels[worst] = { a: p.a, b: mid, value: left.value, error: left.error };
    panels.push({ a: mid, b: p.b, value: right.value, error: right.error });
  }
}

/**
 * Integral of a non-negative, eventually decreasing f over [a, inf): adaptive Gauss-Kronrod on consecutive panels
 * [a, a + h], [a + h, a + 3h], [a + 3h, a + 7h], ... (widths doubling from `scale`), after first covering the
 * optional breakpoints (places where f jumps or kinks). Stops when a panel adds less than relTol * 1e-3 of the total
 * and f has fallen below relTol * total / width at its end.
 * @param f integrand on [a, inf)
 * @param a lower limit
 * @param scale typical length over which f decays (> 0), in x units
 * @param breakpoints optional points > a to be used as panel ends
 */
export function integrateToInfinity(
  f: (x: number) => number,
  a: number,
  scale: number,
  options: QuadratureOptions = {},
  breakpoints: readonly number[] = [],
): QuadratureResult {
  const relTol = options.relTol ?? 1e-13;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`integrateToInfinity: bad scale ${scale}`);
  const pieceOptions: QuadratureOptions = { ...options, relTol: relTol * 0.1 };
  let total = 0;
  let error = 0;
  let evaluations = 0;
  let converged = true;
  let lo = a;
  const add = (hi: number): number => {
    const r = integrate(f, lo, hi, { ...pieceOptions, absTol: Math.max(options.absTol ?? 0, relTol * 0.1 * total) });
    total += r.value;
    error += r.errorEstimate;
    evaluations += r.evaluations;
    if (!r.converged) converged = false;
    lo = hi;
    return r.value;
  };
  for (const bp of [...breakpoints].filter((x) => x > a).sort((x, y) => x - y)) add(bp);
  let width = scale;
  for (let i = 0; i < 2000; i++) {
    const hi = lo + width;
    if (!Number.isFinite(hi)) break;
    const piece = add(hi);
    const fEnd = f(hi);
    evaluations++;
    if (Math.abs(piece) <= relTol * 1e-3 * Math.abs(total) && Math.abs(fEnd) * width <= relTol * Math.abs(total)) {
      return { value: total, errorEstimate: error, evaluations, converged };
    }
    if (total === 0 && fEnd === 0 && i > 60) break;
    width *= 2;
  }
  return { value: total, errorEstimate: error, evaluations, converged: false };
}
