/**
 * Fitting the Universal Scalability Law to measured throughput:
 *   X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1)),
 * lambda the throughput of one unit (per second), sigma the contention, kappa the coherency (Gunther 2007,
 * *Guerrilla Capacity Planning*, eq. 4.31). Ordinary least squares on X, as R's `usl` package (smoeding/usl, nls)
 * and Schwartz 2015 (*Practical Scalability Analysis with the Universal Scalability Law*) do.
 *
 * Start: N / X = 1/lambda + (sigma/lambda) (N - 1) + (kappa/lambda) N (N - 1) is linear in (1/lambda, sigma/lambda,
 * kappa/lambda), so ordinary least squares on N / X gives a start without guessing lambda (Gunther 2007 section 5.5
 * linearises the same way). Then Levenberg-Marquardt on X itself (leastSquares.ts).
 *
 * Intervals: profile likelihood (Bates & Watts 1988, *Nonlinear Regression Analysis*, section 6.1; R's
 * confint.nls): for a coefficient theta_j, the set where the profile S_j(t) = min over the others of S stays below
 * S_min (1 + t(0.975, n - 3)^2 / (n - 3)), i.e. |tau| <= t with tau = sqrt(S_j - S_min) / s. The ends are found by
 * Brent's method; a lower end below 0 is reported as 0 (the coefficients are non-negative by definition), an upper
 * end above 1 for sigma or kappa as 1.
 */
import { brent } from '../math/roots.js';
import { tQuantile975 } from '../stats/tInterval.js';
import { inverseNormalMatrix, levenbergMarquardt, type Residuals, solveLinear } from './leastSquares.js';

/** One measurement: N units (concurrency, threads, nodes; >= 1) carried X per second (> 0). */
export interface UslPoint {
  n: number;
  x: number;
}

/** Why data cannot identify the model, and what to measure next; the caller names the file. */
export class UnidentifiableFit extends Error {
  override readonly name = 'UnidentifiableFit';
  constructor(
    /** What is wrong with the data, one sentence without a final stop. */
    readonly reason: string,
    /** What to measure next. */
    readonly advice: string,
  ) {
    super(`${reason}: ${advice}`);
  }
}

/** The least-squares point estimate (coefficients may be negative here: fitUsl refuses those). */
export interface UslEstimate {
  lambda: number;
  sigma: number;
  kappa: number;
  /** Residual sum of squares, (1/s)^2. */
  rss: number;
  /** 1 - RSS / TSS. */
  rSquared: number;
}

export interface UslFit extends UslEstimate {
  /**
   * The peak as a whole N: N* rounded down (at least 1), as Schwartz 2015 and usl4j report it (the last whole N
   * before the modelled throughput turns down; X there is within a fraction of a percent of X(N*) unless N* is
   * small); null when kappa = 0.
   */
  peakN: number | null;
  /** X(peakN), per second; null when kappa = 0 (throughput rises without a peak). */
  peakThroughput: number | null;
  /** N* = sqrt((1 - sigma) / kappa), the continuous maximiser; null when kappa = 0. */
  peakNContinuous: number | null;
  /** 95% intervals, each [lo, hi]; hi null where the profile never reaches the level (unbounded by the data). */
  ci95: { lambda: [number, number | null]; sigma: [number, number]; kappa: [number, number] };
  points: number;
  method: string;
}

/** The fewest distinct N that identify three coefficients with one degree of freedom left for the noise. */
export const USL_MIN_POINTS = 4;

export const USL_METHOD =
  'least squares on throughput (Levenberg-Marquardt from the linearised fit of N/X); 95% intervals by profile likelihood (t quantile, n - 3 degrees of freedom)';

/**
 * X(N) for coefficients that may be outside the valid ranges (the fit explores them): lambda N / D.
 * @example uslModel(35, 995.6486, 0.02671591, 7.690945e-4) // 12341.7
 */
export function uslModel(n: number, lambda: number, sigma: number, kappa: number): number {
  return (lambda * n) / (1 + sigma * (n - 1) + kappa * n * (n - 1));
}

/**
 * The least-squares lambda for given sigma and kappa (a linear problem: X = lambda c(N) with c(N) = N / D(N), so
 * lambda = sum x c / sum c^2); for drawing a scenario's coefficients, which may have been edited after the fit,
 * through the measurements.
 * @example uslLambdaFor([{ n: 1, x: 100 }, { n: 2, x: 200 }], 0, 0) // 100
 */
export function uslLambdaFor(points: readonly UslPoint[], sigma: number, kappa: number): number {
  let num = 0;
  let den = 0;
  for (const { n, x } of points) {
    const c = n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
    num += x * c;
    den += c * c;
  }
  return num / den;
}

/** Residuals and Jacobian of the full model in (lambda, sigma, kappa), or with some of them fixed. */
function residualsOf(points: readonly UslPoint[], fixed: { index: number; value: number } | null) {
  return (free: readonly number[]): Residuals | null => {
    const theta = fixed === null ? [...free] : [...free.slice(0, fixed.index), fixed.value, ...free.slice(fixed.index)];
    const [lambda, sigma, kappa] = theta as [number, number, number];
    const r: number[] = [];
    const jacobian: number[][] = [];
    for (const { n, x } of points) {
      const d = 1 + sigma * (n - 1) + kappa * n * (n - 1);
      if (!(d > 0)) return null;
      const f = (lambda * n) / d;
      r.push(x - f);
      // d r / d theta = -d f / d theta
      const full = [-n / d, (f * (n - 1)) / d, (f * n * (n - 1)) / d];
      jacobian.push(fixed === null ? full : full.filter((_, j) => j !== fixed.index));
    }
    return { r, jacobian };
  };
}

/** The start from ordinary least squares on N / X (three regressors: 1, N - 1, N (N - 1)). */
function linearisedStart(points: readonly UslPoint[]): [number, number, number] {
  const ata = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const aty = [0, 0, 0];
  for (const { n, x } of points) {
    const row = [1, n - 1, n * (n - 1)];
    const y = n / x;
    for (let a = 0; a < 3; a++) {
      aty[a] = (aty[a] as number) + (row[a] as number) * y;
      for (let b = 0; b < 3; b++)
        (ata[a] as number[])[b] = ((ata[a] as number[])[b] as number) + (row[a] as number) * (row[b] as number);
    }
  }
  const c = solveLinear(ata, aty);
  const fallbackLambda = Math.max(...points.map((p) => p.x / p.n));
  if (c === null || !((c[0] as number) > 0)) return [fallbackLambda, 0.01, 1e-4];
  const lambda = 1 / (c[0] as number);
  // negative coefficients can make 1 + sigma (N - 1) + kappa N (N - 1) vanish at a measured N: start from >= 0
  // (where it is >= 1); the iteration may still go below 0, and fitUsl refuses such an optimum
  return [lambda, Math.max(0, (c[1] as number) * lambda), Math.max(0, (c[2] as number) * lambda)];
}

function checkPoints(points: readonly UslPoint[]): void {
  for (const p of points) {
    if (!(Number.isFinite(p.n) && p.n >= 1)) throw new RangeError(`fitUsl: N must be finite and >= 1, got ${p.n}`);
    if (!(Number.isFinite(p.x) && p.x > 0)) throw new RangeError(`fitUsl: X must be finite and > 0, got ${p.x}`);
  }
  const seen = new Set<number>();
  for (const p of points) {
    if (seen.has(p.n)) {
      throw new UnidentifiableFit(
        `N = ${p.n} is measured twice`,
        'give one throughput per N (average repeated runs first, or keep the longest run)',
      );
    }
    seen.add(p.n);
  }
  if (points.length < USL_MIN_POINTS) {
    throw new UnidentifiableFit(
      `${points.length} measurement${points.length === 1 ? '' : 's'} cannot identify the three USL coefficients and their noise`,
      `measure throughput at ${USL_MIN_POINTS} or more concurrency levels, from N = 1 to past the point where throughput stops rising (e.g. N = 1, 2, 4, 8, 16, 32)`,
    );
  }
}

/**
 * The least-squares USL estimate, without sign checks or intervals (for the profile and for tests).
 * @throws RangeError on an N below 1, a non-positive X, or either not finite
 * @throws UnidentifiableFit on fewer than 4 points or a repeated N
 */
export function estimateUsl(points: readonly UslPoint[]): UslEstimate {
  checkPoints(points);
  // a fixed order, so that permuted rows give bit-identical sums
  const sorted = [...points].sort((a, b) => a.n - b.n);
  const start = linearisedStart(sorted);
  const fit = levenbergMarquardt(residualsOf(sorted, null), start);
  const [lambda, sigma, kappa] = fit.theta as [number, number, number];
  let mean = 0;
  for (const p of sorted) mean += p.x;
  mean /= sorted.length;
  let tss = 0;
  for (const p of sorted) tss += (p.x - mean) ** 2;
  return { lambda, sigma, kappa, rss: fit.rss, rSquared: tss === 0 ? 1 : 1 - fit.rss / tss };
}

/**
 * Fits the USL to measurements and reports the coefficients, R^2, the peak and 95% profile-likelihood intervals.
 * The order of the points does not matter (they are sorted by N first).
 * @param points one measurement per distinct N (at least 4)
 * @throws UnidentifiableFit on fewer than 4 points, a repeated N, or a negative fitted sigma or kappa (with what to
 *   measure next)
 * @example fitUsl([{ n: 1, x: 100 }, { n: 2, x: 180 }, { n: 4, x: 280 }, { n: 8, x: 320 }, { n: 16, x: 250 }]).peakN // 7
 */
export function fitUsl(points: readonly UslPoint[]): UslFit {
  const e = estimateUsl(points);
  if (e.sigma < 0) {
    throw new UnidentifiableFit(
      `contention (sigma) fitted as ${e.sigma.toPrecision(3)} < 0: throughput grows faster than linearly over the smallest N`,
      'measure at N = 1 and at small N with warmed-up runs (caches and JIT warm before timing), and check that each level ran as long as the others',
    );
  }
  if (e.kappa < 0) {
    throw new UnidentifiableFit(
      `coherency (kappa) fitted as ${e.kappa.toPrecision(3)} < 0: the throughput curve bends upwards at large N`,
      'measure at higher N, until throughput stops rising or falls, and check that the load generator itself was not the limit',
    );
  }
  const sorted = [...points].sort((a, b) => a.n - b.n);
  const n = sorted.length;
  const df = n - 3;
  const theta = [e.lambda, e.sigma, e.kappa];
  const t = tQuantile975(df);
  const s2 = e.rss / df;
  const target = e.rss + s2 * t * t;

  const full = residualsOf(sorted, null)(theta);
  const inv = full === null ? null : inverseNormalMatrix(full, 3);
  const waldSe = theta.map((v, j) => {
    const d = inv === null ? Number.NaN : ((inv[j] as number[])[j] as number);
    const se = Math.sqrt(Math.max(0, d * s2));
    return Number.isFinite(se) && se > 0 ? se : Math.max(Math.abs(v) * 1e-3, 1e-12);
  });

  /** S minimised over the other two coefficients with coefficient j fixed at v; Infinity where undefined. */
  let warm = [...theta];
  const profile = (j: number, v: number): number => {
    const free = warm.filter((_, k) => k !== j);
    const evaluate = residualsOf(sorted, { index: j, value: v });
    if (evaluate(free) === null) return Number.POSITIVE_INFINITY;
    const fit = levenbergMarquardt(evaluate, free, { maxIterations: 200 });
    warm = [...fit.theta.slice(0, j), v, ...fit.theta.slice(j)];
    return fit.rss;
  };

  /** The end of the interval of coefficient j on one side (dir = -1 or +1) between the estimate and `limit`. */
  const end = (j: number, dir: -1 | 1, limit: number | null): number | null => {
    const v0 = theta[j] as number;
    if (s2 === 0) return v0;
    warm = [...theta];
    const f = (v: number) => profile(j, v) - target;
    let inside = v0;
    let step = waldSe[j] as number;
    for (let i = 0; i < 80; i++) {
      let v = v0 + dir * step;
      if (limit !== null && dir * (v - limit) >= 0) v = limit;
      const fv = f(v);
      if (fv >= 0) {
        warm = [...theta];
        return brent(f, Math.min(inside, v), Math.max(inside, v), { xTolAbs: 1e-10 * (waldSe[j] as number) });
      }
      if (v === limit) return limit;
      inside = v;
      step *= 2;
    }
    return null;
  };

  const sigmaLo = Math.max(0, end(1, -1, 0) as number);
  const sigmaHi = Math.min(1, end(1, 1, 1) ?? 1);
  const kappaLo = Math.max(0, end(2, -1, 0) as number);
  const kappaHi = Math.min(1, end(2, 1, 1) ?? 1);
  const lambdaLo = Math.max(0, end(0, -1, 0) as number);
  const lambdaHi = end(0, 1, null);

  const nStar = e.kappa > 0 ? Math.sqrt((1 - e.sigma) / e.kappa) : null;
  const peakN = nStar === null ? null : Math.max(1, Math.floor(nStar));
  return {
    ...e,
    peakN,
    peakThroughput: peakN === null ? null : uslModel(peakN, e.lambda, e.sigma, e.kappa),
    peakNContinuous: nStar,
    ci95: { lambda: [lambdaLo, lambdaHi], sigma: [sigmaLo, sigmaHi], kappa: [kappaLo, kappaHi] },
    points: n,
    method: USL_METHOD,
  };
}
