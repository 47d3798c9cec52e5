import { describe, expect, it } from 'vitest';
import {
  type CumulativeBucket,
  histogramQuantile,
  lognormalCv,
  summarizeHistogram,
  summarizeSamples,
} from '../../../src/core/fit/latency.js';
import { sampleService, serviceSampler } from '../../../src/core/sim/requests.js';
import { streamFor } from '../../../src/core/sim/rng.js';
import { gammaQuantile } from '../../../src/core/stats/chiSquare.js';
import { normalQuantile } from '../../../src/core/stats/normalQuantile.js';
import { nearestRankSorted } from '../../../src/core/stats/quantiles.js';
import { expectClose } from '../../helpers/expectClose.js';

/** Prometheus client libraries' default buckets (client_golang prometheus.DefBuckets), seconds. */
const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function bucketed(samples: readonly number[], bounds: readonly number[]): { buckets: CumulativeBucket[]; sum: number } {
  const buckets = [...bounds, Number.POSITIVE_INFINITY].map((le) => ({ le, cumulative: 0 }));
  let sum = 0;
  for (const x of samples) {
    sum += x;
    for (const b of buckets) if (x <= b.le) b.cumulative++;
  }
  return { buckets, sum };
}

// 1e6 samples: the p99 of the lognormal (sigma 0.94) has a sampling sd near 0.35%, so 1% is about 3 sd
const N = 1_000_000;

const CASES = [
  {
    name: 'lognormal, mean 40 ms, cv 1.2',
    meanS: 0.04,
    cv: 1.2,
    distribution: 'lognormal' as const,
    p99: () => {
      const s2 = Math.log1p(1.2 ** 2);
      return Math.exp(Math.log(0.04) - s2 / 2 + Math.sqrt(s2) * normalQuantile(0.99));
    },
  },
  {
    name: 'gamma, mean 20 ms, cv 0.7',
    meanS: 0.02,
    cv: 0.7,
    distribution: 'gamma' as const,
    p99: () => {
      const k = 1 / 0.49;
      return (0.02 / k) * gammaQuantile(0.99, k);
    },
  },
];

describe('latency from samples and from histograms', () => {
  for (const c of CASES) {
    const rng = streamFor(7, 0);
    const sampler = serviceSampler({ distribution: c.distribution, meanS: c.meanS, cv: c.cv });
    const samples = Array.from({ length: N }, () => sampleService(sampler, rng));

    it(`${c.name}: ${N} seeded samples give the mean and p99 within 1%`, () => {
      const s = summarizeSamples(samples);
      expectClose(s.meanS, c.meanS, { rel: 0.01 }, 'mean');
      expectClose(s.p99S as number, c.p99(), { rel: 0.01 }, 'p99');
      expectClose(s.cv as number, c.cv, { rel: 0.03 }, 'cv');
      expect(s.samples).toBe(N);
    });

    it(`${c.name}: the same samples in the default Prometheus buckets give the mean exactly and p99 within the reported error`, () => {
      const { buckets, sum } = bucketed(samples, DEFAULT_BUCKETS);
      const h = summarizeHistogram(buckets, sum);
      expect(h.meanS).toBe(sum / N);
      const sorted = [...samples].sort((a, b) => a - b);
      const trueP99 = nearestRankSorted(sorted, 0.99);
      const p99 = h.p99S as number;
      const err = h.p99ErrorS as number;
      expect(Math.abs(p99 - trueP99)).toBeLessThanOrEqual(err);
      const [lo, hi] = h.p99BucketS as [number, number];
      expect(trueP99).toBeGreaterThanOrEqual(lo);
      expect(trueP99).toBeLessThanOrEqual(hi);
      expect(Math.abs(h.p50S - nearestRankSorted(sorted, 0.5))).toBeLessThanOrEqual(h.p50ErrorS as number);
      // the fitted distribution is the one the samples came from, and its cv is close
      expect(h.fitted?.distribution).toBe(c.distribution);
      expectClose(h.cv as number, c.cv, { rel: 0.05 }, 'fitted cv');
      expectClose(h.fitted?.p99S as number, c.p99(), { rel: 0.05 }, 'fitted p99');
      expect(h.method).toMatch(/error at most the bucket's width/);
    });
  }

  it('interpolates as Prometheus does, and reports a quantile in the +Inf bucket as a lower bound only', () => {
    const b = [
      { le: 0.1, cumulative: 10 },
      { le: 0.2, cumulative: 90 },
      { le: Number.POSITIVE_INFINITY, cumulative: 100 },
    ];
    // rank 50: 40 of the 80 in (0.1, 0.2]
    expect(histogramQuantile(b, 0.5)).toEqual({ valueS: 0.15000000000000002, bucket: [0.1, 0.2] });
    expect(histogramQuantile(b, 0.99)).toEqual({ valueS: 0.2, bucket: [0.2, null] });
    const h = summarizeHistogram(b, 15);
    expect(h.p99ErrorS).toBeNull();
    expect(h.method).toMatch(/lower bound only/);
  });

  it('k6: the cv of the lognormal through the median and p99, or the median and the mean', () => {
    const s = 0.8;
    const cv = Math.sqrt(Math.expm1(s * s));
    expectClose(lognormalCv(0.01, { p: 0.99, valueS: 0.01 * Math.exp(s * normalQuantile(0.99)) }) as number, cv, {
      rel: 1e-12,
    });
    expectClose(lognormalCv(0.01, { meanS: 0.01 * Math.exp((s * s) / 2) }) as number, cv, { rel: 1e-12 });
    expect(lognormalCv(0.01, { meanS: 0.009 })).toBeNull();
  });
});
