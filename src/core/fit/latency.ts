/**
 * Latency figures from measurements: raw samples, a cumulative histogram (Prometheus buckets with _sum and _count),
 * or the summary statistics k6 exports. All times in seconds.
 *
 * - Samples: mean (compensated sum), cv (sample standard deviation with n - 1 over the mean), p50 and p99 by R-7
 *   (Hyndman & Fan 1996 type 7, R's default). Exact for the sample.
 * - Histogram: the mean is exact, _sum / _count. Quantiles by linear interpolation within the bucket that holds the
 *   rank q * count, as Prometheus's histogram_quantile (prometheus/prometheus promql/quantile.go); the sample's
 *   quantile (the order statistic of rank ceil(q n)) lies in that bucket, so the error is at most the bucket's width,
 *   which is reported. A quantile in the +Inf bucket is only bounded below (the last finite bound is reported, as
 *   Prometheus does, with no error bound). The cv cannot be read off buckets: a lognormal and a gamma with the exact
 *   mean are fitted to the bucket counts by maximum likelihood (interval-censored data; one shape parameter each,
 *   grid then golden section), and the one with the higher likelihood gives the cv and a second pair of quantiles.
 * - k6 summary (mean, median and some percentiles, no standard deviation): the cv of the lognormal through the median
 *   and the highest percentile given (ln x_p = ln median + sigma z_p), or through the median and the mean
 *   (mean / median = exp(sigma^2 / 2)) when no percentile above the median is given.
 */

import { erfc, incompleteGamma } from '../math/special.js';
import { compensatedSum } from '../math/sum.js';
import { gammaQuantile } from '../stats/chiSquare.js';
import { normalQuantile } from '../stats/normalQuantile.js';
import { quantileSorted } from '../stats/quantiles.js';

/** A fitted distribution's figures. */
export interface FittedLatency {
  distribution: 'lognormal' | 'gamma';
  /** Its shape: lognormal sigma, or gamma shape k. */
  shape: number;
  cv: number;
  p50S: number;
  p99S: number;
}

export interface LatencySummary {
  meanS: number;
  /** Coefficient of variation; null when nothing determines it. */
  cv: number | null;
  p50S: number;
  p99S: number | null;
  /** How many requests the figures rest on; null when the source does not say. */
  samples: number | null;
  /** Largest error of p50S and p99S: 0 for samples, the bucket width for a histogram, null when unbounded or unknown. */
  p50ErrorS: number | null;
  p99ErrorS: number | null;
  /** For a histogram, the bucket [lo, hi] each quantile lies in (hi null: the +Inf bucket). */
  p50BucketS?: [number, number | null];
  p99BucketS?: [number, number | null];
  fitted: FittedLatency | null;
  method: string;
}

/**
 * Mean, cv, p50 and p99 of raw samples (seconds, each finite and >= 0; at least one).
 * @example summarizeSamples([1, 2, 3, 4]).cv // 0.516398
 */
export function summarizeSamples(samplesS: readonly number[]): LatencySummary {
  const n = samplesS.length;
  if (n === 0) throw new RangeError('summarizeSamples: no samples');
  for (const x of samplesS) {
    if (!(Number.isFinite(x) && x >= 0))
      throw new RangeError(`summarizeSamples: a sample must be finite and >= 0, got ${x}`);
  }
  const sorted = Float64Array.from(samplesS).sort();
  const mean = compensatedSum(samplesS) / n;
  const sq: number[] = [];
  for (const x of samplesS) sq.push((x - mean) * (x - mean));
  const sd = n > 1 ? Math.sqrt(compensatedSum(sq) / (n - 1)) : 0;
  const arr = Array.from(sorted);
  return {
    meanS: mean,
    cv: mean > 0 ? sd / mean : null,
    p50S: quantileSorted(arr, 0.5),
    p99S: quantileSorted(arr, 0.99),
    samples: n,
    p50ErrorS: 0,
    p99ErrorS: 0,
    fitted: null,
    method: `exact from ${n} samples: mean, cv (sample standard deviation, n - 1), quantiles R-7`,
  };
}

/** One cumulative bucket: the count of observations <= le (le Infinity for +Inf). */
export interface CumulativeBucket {
  le: number;
  cumulative: number;
}

/** The quantile by interpolation within buckets (Prometheus histogram_quantile) and the bucket it lies in. */
export function histogramQuantile(
  buckets: readonly CumulativeBucket[],
  q: number,
): { valueS: number; bucket: [number, number | null] } {
  const last = buckets[buckets.length - 1];
  if (last === undefined || last.le !== Number.POSITIVE_INFINITY)
    throw new RangeError('histogramQuantile: no +Inf bucket');
  const count = last.cumulative;
  if (!(count > 0)) throw new RangeError('histogramQuantile: no observations');
  const rank = q * count;
  const b = buckets.findIndex((x) => x.cumulative >= rank);
  const cur = buckets[b] as CumulativeBucket;
  const prev = b > 0 ? (buckets[b - 1] as CumulativeBucket) : null;
  const lower = prev === null ? Math.min(0, cur.le) : prev.le;
  if (cur.le === Number.POSITIVE_INFINITY) return { valueS: lower, bucket: [lower, null] };
  const inBucket = cur.cumulative - (prev?.cumulative ?? 0);
  const r = rank - (prev?.cumulative ?? 0);
  return { valueS: lower + (cur.le - lower) * (inBucket > 0 ? r / inBucket : 1), bucket: [lower, cur.le] };
}

/** ln of the probability of [lo, hi) under a distribution given its cdf and survival at a point (stable in both tails). */
function logMass(cdfSurv: (x: number) => { p: number; q: number }, lo: number, hi: number): number {
  const a = lo <= 0 ? { p: 0, q: 1 } : cdfSurv(lo);
  const b = hi === Number.POSITIVE_INFINITY ? { p: 1, q: 0 } : cdfSurv(hi);
  const mass = a.q < 0.5 ? a.q - b.q : b.p - a.p;
  return mass > 0 ? Math.log(mass) : Number.NEGATIVE_INFINITY;
}

function lognormalCdfSurv(mu: number, sigma: number) {
  return (x: number) => {
    const z = (Math.log(x) - mu) / (sigma * Math.SQRT2);
    return { p: 0.5 * erfc(-z), q: 0.5 * erfc(z) };
  };
}

function gammaCdfSurv(k: number, meanS: number) {
  return (x: number) => incompleteGamma(k, (x * k) / meanS);
}

/** The log-likelihood of interval counts under a distribution. */
function logLikelihood(buckets: readonly CumulativeBucket[], cdfSurv: (x: number) => { p: number; q: number }): number {
  let ll = 0;
  let lo = 0;
  let below = 0;
  for (const b of buckets) {
    const c = b.cumulative - below;
    if (c > 0) ll += c * logMass(cdfSurv, lo, b.le);
    lo = b.le;
    below = b.cumulative;
  }
  return ll;
}

/** The maximiser of f over [lo, hi] (f on a log scale of its parameter): a grid, then golden section. */
function maximise(f: (t: number) => number, lo: number, hi: number): { t: number; value: number } {
  const steps = 60;
  let best = lo;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (let i = 0; i <= steps; i++) {
    const t = lo + ((hi - lo) * i) / steps;
    const v = f(t);
    if (v > bestValue) {
      bestValue = v;
      best = t;
    }
  }
  const h = (hi - lo) / steps;
  let a = Math.max(lo, best - h);
  let b = Math.min(hi, best + h);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 60; i++) {
    if (fc >= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  const t = (a + b) / 2;
  const v = f(t);
  return v >= bestValue ? { t, value: v } : { t: best, value: bestValue };
}

/**
 * The lognormal or gamma (whichever is likelier) with mean meanS fitted to histogram counts by maximum likelihood.
 * @param buckets cumulative, ending with +Inf
 * @param meanS the exact mean (_sum / _count), > 0
 */
export function fitHistogramDistribution(buckets: readonly CumulativeBucket[], meanS: number): FittedLatency {
  const logn = maximise(
    (t) => {
      const s = Math.exp(t);
      return logLikelihood(buckets, lognormalCdfSurv(Math.log(meanS) - (s * s) / 2, s));
    },
    Math.log(0.01),
    Math.log(4),
  );
  const gam = maximise((t) => logLikelihood(buckets, gammaCdfSurv(Math.exp(t), meanS)), Math.log(0.04), Math.log(1e4));
  if (logn.value >= gam.value) {
    const s = Math.exp(logn.t);
    const mu = Math.log(meanS) - (s * s) / 2;
    return {
      distribution: 'lognormal',
      shape: s,
      cv: Math.sqrt(Math.expm1(s * s)),
      p50S: Math.exp(mu),
      p99S: Math.exp(mu + s * normalQuantile(0.99)),
    };
  }
  const k = Math.exp(gam.t);
  return {
    distribution: 'gamma',
    shape: k,
    cv: 1 / Math.sqrt(k),
    p50S: (meanS / k) * gammaQuantile(0.5, k),
    p99S: (meanS / k) * gammaQuantile(0.99, k),
  };
}

/**
 * Mean, cv, p50 and p99 of a cumulative histogram with its exact sum: the mean exact, the quantiles interpolated
 * within buckets (error at most the bucket's width), the cv from the fitted distribution.
 * @param buckets cumulative counts by ascending le, the last +Inf; non-decreasing
 * @param sumS the sum of the observations (_sum), seconds
 * @example summarizeHistogram([{ le: 0.1, cumulative: 50 }, { le: 0.2, cumulative: 100 }, { le: Infinity, cumulative: 100 }], 10).p50S // 0.1
 */
export function summarizeHistogram(buckets: readonly CumulativeBucket[], sumS: number): LatencySummary {
  const count = buckets[buckets.length - 1]?.cumulative ?? 0;
  if (!(count > 0)) throw new RangeError('summarizeHistogram: no observations');
  for (let i = 1; i < buckets.length; i++) {
    const a = buckets[i - 1] as CumulativeBucket;
    const b = buckets[i] as CumulativeBucket;
    if (!(b.le > a.le) || b.cumulative < a.cumulative)
      throw new RangeError('summarizeHistogram: buckets not ascending');
  }
  const meanS = sumS / count;
  const p50 = histogramQuantile(buckets, 0.5);
  const p99 = histogramQuantile(buckets, 0.99);
  const width = (b: [number, number | null]) => (b[1] === null ? null : b[1] - b[0]);
  const fitted = meanS > 0 ? fitHistogramDistribution(buckets, meanS) : null;
  const inf = p99.bucket[1] === null ? ' (p99 is in the +Inf bucket: the last finite bound is a lower bound only)' : '';
  return {
    meanS,
    cv: fitted?.cv ?? null,
    p50S: p50.valueS,
    p99S: p99.valueS,
    samples: count,
    p50ErrorS: width(p50.bucket),
    p99ErrorS: width(p99.bucket),
    p50BucketS: p50.bucket,
    p99BucketS: p99.bucket,
    fitted,
    method:
      `histogram of ${count} observations: mean exact (_sum / _count); p50 and p99 by linear interpolation within ` +
      `their bucket (Prometheus histogram_quantile), error at most the bucket's width${inf}; cv from a ` +
      `${fitted?.distribution ?? 'distribution'} fitted to the bucket counts by maximum likelihood with the mean held exact`,
  };
}

/**
 * The cv of the lognormal with the given median through one more point: a quantile x_p (p > 0.5) or, when none is
 * given, the mean. Null when the point is not above the median (no lognormal passes through it).
 * @example lognormalCv(10, { p: 0.99, valueS: 10 * Math.exp(2.326348) }) // 1.310833: sigma 1 (z 0.99 = 2.326348)
 */
export function lognormalCv(
  medianS: number,
  through: { p: number; valueS: number } | { meanS: number },
): number | null {
  let sigma: number;
  if ('p' in through) {
    if (!(through.p > 0.5 && through.valueS > medianS)) return null;
    sigma = Math.log(through.valueS / medianS) / normalQuantile(through.p);
  } else {
    if (!(through.meanS > medianS)) return null;
    sigma = Math.sqrt(2 * Math.log(through.meanS / medianS));
  }
  return Math.sqrt(Math.expm1(sigma * sigma));
}

/** The p99 of the lognormal with this median and cv. */
export function lognormalP99(medianS: number, cv: number): number {
  return medianS * Math.exp(Math.sqrt(Math.log1p(cv * cv)) * normalQuantile(0.99));
}
