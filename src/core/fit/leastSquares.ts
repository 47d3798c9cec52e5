/**
 * Nonlinear least squares for models of a few parameters: Levenberg-Marquardt with Marquardt's diagonal scaling
 * (the damping is relative to diag(J^T J), so parameters of very different sizes, such as a throughput near 1000 and
 * a coherency near 1e-4, are stepped alike), and the small dense linear algebra it needs.
 *
 * Minimises S(theta) = sum_i r_i(theta)^2. Each iteration solves (J^T J + mu diag(J^T J)) delta = -J^T r, accepts the
 * step when S falls (mu / 3) and otherwise raises mu (x 4) and tries again.
 * Sources: Marquardt 1963, SIAM J. Appl. Math. 11(2); Madsen, Nielsen & Tingleff 2004, *Methods for Non-Linear Least
 * Squares Problems*, section 3.2; Press et al. 2007 section 15.5.2.
 */

/** Residuals r (data minus model) and their Jacobian J[i][j] = d r_i / d theta_j at a point. */
export interface Residuals {
  r: number[];
  jacobian: number[][];
}

export interface LeastSquaresResult {
  theta: number[];
  /** Residual sum of squares at theta. */
  rss: number;
  iterations: number;
  /** False when the iteration limit was reached first (theta is still the best point found). */
  converged: boolean;
}

export interface LeastSquaresOptions {
  /** Iteration limit (default 500). */
  maxIterations?: number;
  /** Stop when a step changes every parameter by less than this, relative (default 1e-13). */
  stepTol?: number;
}

function sumOfSquares(r: readonly number[]): number {
  let s = 0;
  for (const v of r) s += v * v;
  return s;
}

/**
 * Solves A x = b for a small dense square A by Gaussian elimination with partial pivoting; null when A is singular
 * (a pivot of exactly 0 or not finite).
 * @example solveLinear([[2, 1], [1, 3]], [3, 5]) // [0.8, 1.4]
 */
export function solveLinear(a: readonly (readonly number[])[], b: readonly number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) {
      if (Math.abs((m[row] as number[])[col] as number) > Math.abs((m[pivot] as number[])[col] as number)) pivot = row;
    }
    const p = (m[pivot] as number[])[col] as number;
    if (p === 0 || !Number.isFinite(p)) return null;
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const top = m[col] as number[];
    for (let row = col + 1; row < n; row++) {
      const r = m[row] as number[];
      const f = (r[col] as number) / p;
      for (let k = col; k <= n; k++) r[k] = (r[k] as number) - f * (top[k] as number);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    const r = m[row] as number[];
    let s = r[n] as number;
    for (let k = row + 1; k < n; k++) s -= (r[k] as number) * (x[k] as number);
    x[row] = s / (r[row] as number);
  }
  return x.every(Number.isFinite) ? x : null;
}

/** J^T J and J^T r. */
function normalEquations(res: Residuals, p: number): { jtj: number[][]; jtr: number[] } {
  const jtj = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const jtr = new Array<number>(p).fill(0);
  res.r.forEach((ri, i) => {
    const row = res.jacobian[i] as number[];
    for (let a = 0; a < p; a++) {
      const ja = row[a] as number;
      jtr[a] = (jtr[a] as number) + ja * ri;
      const out = jtj[a] as number[];
      for (let b = 0; b < p; b++) out[b] = (out[b] as number) + ja * (row[b] as number);
    }
  });
  return { jtj, jtr };
}

/**
 * The inverse of J^T J at theta (times s^2 it is the asymptotic covariance of the estimates); null when singular.
 */
export function inverseNormalMatrix(res: Residuals, p: number): number[][] | null {
  const { jtj } = normalEquations(res, p);
  const cols: number[][] = [];
  for (let j = 0; j < p; j++) {
    const e = new Array<number>(p).fill(0);
    e[j] = 1;
    const x = solveLinear(jtj, e);
    if (x === null) return null;
    cols.push(x);
  }
  return cols;
}

/**
 * Levenberg-Marquardt minimisation of sum r_i(theta)^2 from `start`. `evaluate` returns the residuals and their
 * Jacobian, or null where the model is undefined (the step is then refused, as a rise of S would be).
 * @param evaluate residuals and Jacobian at theta
 * @param start starting parameters (S must be finite there)
 * @throws RangeError when the model is undefined at the start
 */
export function levenbergMarquardt(
  evaluate: (theta: readonly number[]) => Residuals | null,
  start: readonly number[],
  options: LeastSquaresOptions = {},
): LeastSquaresResult {
  const maxIterations = options.maxIterations ?? 500;
  const stepTol = options.stepTol ?? 1e-13;
  const p = start.length;
  let theta = [...start];
  let res = evaluate(theta);
  if (res === null) throw new RangeError(`levenbergMarquardt: the model is undefined at the start [${start}]`);
  let rss = sumOfSquares(res.r);
  if (!Number.isFinite(rss)) throw new RangeError(`levenbergMarquardt: S is not finite at the start [${start}]`);
  let mu = 1e-3;
  for (let iter = 1; iter <= maxIterations; iter++) {
    if (rss === 0) return { theta, rss, iterations: iter - 1, converged: true };
    const { jtj, jtr } = normalEquations(res, p);
    let accepted = false;
    // raise mu until a step lowers S (or mu is so large that the step is below rounding)
    for (let tries = 0; tries < 60 && !accepted; tries++) {
      const damped = jtj.map((row, a) => row.map((v, b) => (a === b ? v + mu * Math.max(v, 1e-300) : v)));
      const delta = solveLinear(
        damped,
        jtr.map((v) => -v),
      );
      if (delta === null) {
        mu *= 4;
        continue;
      }
      const next = theta.map((t, j) => t + (delta[j] as number));
      const small = delta.every((d, j) => Math.abs(d) <= stepTol * (Math.abs(theta[j] as number) + stepTol));
      const nextRes = evaluate(next);
      const nextRss = nextRes === null ? Number.POSITIVE_INFINITY : sumOfSquares(nextRes.r);
      if (nextRes !== null && nextRss <= rss) {
        const gain = rss - nextRss;
        theta = next;
        res = nextRes;
        rss = nextRss;
        mu = Math.max(mu / 3, 1e-12);
        accepted = true;
        if (small || gain <= 1e-15 * rss) return { theta, rss, iterations: iter, converged: true };
      } else {
        if (small) return { theta, rss, iterations: iter, converged: true };
        mu *= 4;
      }
    }
    if (!accepted) return { theta, rss, iterations: iter, converged: true };
  }
  return { theta, rss, iterations: maxIterations, converged: false };
}
