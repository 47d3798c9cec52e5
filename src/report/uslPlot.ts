/**
 * What the USL plots draw (the SVG of `capplan fit usl --plot` and of the HTML worksheet, and the worksheet's text
 * chart): the measurements, the fitted curve X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1)) over 0..N
 * (past the peak when it is near), and the peak N* = sqrt((1 - sigma) / kappa). Pure.
 */
import { uslLambdaFor, uslModel } from '../core/fit/usl.js';
import type { Scenario } from '../scenario/types.js';
import { formatSig } from '../units/format.js';

export interface UslPlot {
  points: readonly { n: number; x: number }[];
  sigma: number;
  kappa: number;
  lambda: number;
  /** The curve, sampled. */
  curve: { n: number; x: number }[];
  /** N* and X(N*), null when kappa = 0 or the peak is beyond the plotted range. */
  peak: { n: number; x: number } | null;
  maxN: number;
}

/**
 * The plot of measurements and coefficients; lambda is the least-squares one for these sigma and kappa unless given.
 * @param samples points of the curve (default 200)
 */
export function uslPlot(
  points: readonly { n: number; x: number }[],
  sigma: number,
  kappa: number,
  lambdaGiven?: number,
  samples = 200,
): UslPlot {
  const lambda = lambdaGiven ?? uslLambdaFor(points, sigma, kappa);
  const maxMeasured = Math.max(...points.map((p) => p.n));
  const nStar = kappa > 0 ? Math.sqrt((1 - sigma) / kappa) : Number.POSITIVE_INFINITY;
  // show the peak when it is within three times the measured range, and a little beyond it
  const maxN = Number.isFinite(nStar) && nStar <= 3 * maxMeasured ? Math.max(maxMeasured, nStar * 1.25) : maxMeasured;
  const curve: { n: number; x: number }[] = [];
  for (let i = 0; i <= samples; i++) {
    const n = Math.max(1e-9, (maxN * i) / samples);
    curve.push({ n, x: uslModel(n, lambda, sigma, kappa) });
  }
  const peak = nStar <= maxN ? { n: nStar, x: uslModel(nStar, lambda, sigma, kappa) } : null;
  return { points, sigma, kappa, lambda, curve, peak, maxN };
}

/**
 * The plot of a scenario's USL fitted from measurements (its `fitted` entry for workload.usl with the points), with
 * the scenario's own coefficients; null when it has none.
 */
export function fittedUslPlot(s: Scenario): { plot: UslPlot; title: string; caption: string; file: string } | null {
  const f = s.fitted.find((x) => x.input === 'workload.usl' && x.points !== null && x.points.length > 0);
  if (f === undefined || f.points === null || s.workload.usl === null) return null;
  const plot = uslPlot(f.points, s.workload.usl.sigma, s.workload.usl.kappa);
  return {
    plot,
    title: `Universal Scalability Law fitted to ${f.file}`,
    caption: `Throughput measured in ${f.file} (circles) and the scenario's USL (line; ${f.method}): contention ${s.workload.usl.sigma}, coherency ${s.workload.usl.kappa}${plot.peak === null ? '' : `, peak at N* = ${formatSig(plot.peak.n, 3)}`}.`,
    file: f.file,
  };
}
