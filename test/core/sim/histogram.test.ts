// The log histogram (src/core/sim/histogram.ts): every quantile within its stated relative accuracy (0.1%) of the
// exact order statistic of the same sample (rank ceil(p n)), and merging is order-free.
import fc from 'fast-check';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import {
  BUCKETS,
  bucketOf,
  bucketOfByLog,
  LogHistogram,
  MAX_VALUE,
  MIN_VALUE,
  RELATIVE_ACCURACY,
} from '../../../src/core/sim/histogram.js';
import { seedState, streamFor } from '../../../src/core/sim/rng.js';

describe('LogHistogram', () => {
  it('property: quantiles within 0.1% of the exact order statistic', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e-6, max: 1e5, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        (xs, p) => {
          const h = new LogHistogram();
          for (const x of xs) h.add(x);
          const sorted = [...xs].sort((a, b) => a - b);
          const exact = sorted[Math.max(1, Math.ceil(p * xs.length)) - 1] as number;
          return Math.abs(h.quantile(p) - exact) <= RELATIVE_ACCURACY * exact * (1 + 1e-12);
        },
      ),
      { seed: 21, numRuns: 300 },
    );
  });

  it('merging in either order gives the same counts and quantiles', () => {
    const a = new LogHistogram();
    const b = new LogHistogram();
    const s = streamFor(5, 0);
    for (let i = 0; i < 1000; i++) a.add(s.exponential(1));
    for (let i = 0; i < 1000; i++) b.add(s.exponential(2));
    const ab = new LogHistogram();
    ab.merge(a);
    ab.merge(b);
    const ba = new LogHistogram();
    ba.merge(b);
    ba.merge(a);
    expect(ab.counts).toEqual(ba.counts);
    expect(ab.quantile(0.99)).toBe(ba.quantile(0.99));
    expect(ab.count).toBe(2000);
  });
});

/** The double k units in the last place from x > 0 (k may be negative), through its bits. */
function ulps(x: number, k: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + BigInt(k));
  return view.getFloat64(0);
}

describe('bucketOf: the bucket of ceil(ln(x) / ln(gamma)) for every double, without the logarithm', () => {
  // the formula's own constants, as histogram.ts computes them
  const gamma = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
  const logGamma = Math.log(gamma);
  const minKey = Math.ceil(Math.log(MIN_VALUE) / logGamma);

  it('at every bucket boundary (the largest double of each bucket, found by the formula) and 1, 2 and 3 ulps either side', () => {
    let checked = 0;
    for (let i = 1; i < BUCKETS - 2; i++) {
      // the top of bucket i is near gamma^(i + minKey): step by ulps to the last double the formula puts in bucket i
      let x = gamma ** (i + minKey);
      while (bucketOfByLog(x) > i) x = ulps(x, -1);
      while (bucketOfByLog(ulps(x, 1)) <= i) x = ulps(x, 1);
      expect(bucketOfByLog(x)).toBe(i);
      expect(bucketOfByLog(ulps(x, 1))).toBe(i + 1);
      for (let k = -3; k <= 3; k++) {
        const y = ulps(x, k);
        if (bucketOf(y) !== bucketOfByLog(y))
          expect(bucketOf(y), `${y} (${k} ulps from the top of bucket ${i})`).toBe(bucketOfByLog(y));
        checked++;
      }
    }
    expect(checked).toBe(7 * (BUCKETS - 3));
  });

  it('on 2,000,000 random doubles: bit patterns across 1e-10 to 1e8, and uniform values from 1e-6 to 1', () => {
    const s = streamFor(20261207, 0);
    const lo = Math.log2(1e-10);
    const hi = Math.log2(1e8);
    for (let n = 0; n < 1_000_000; n++) {
      // a random exponent in range and a random 52-bit mantissa
      const x = 2 ** Math.floor(lo + s.uniform() * (hi - lo)) * (1 + Math.floor(s.uniform() * 2 ** 52) * 2 ** -52);
      const y = 1e-6 + s.uniform();
      if (bucketOf(x) !== bucketOfByLog(x)) expect(bucketOf(x), String(x)).toBe(bucketOfByLog(x));
      if (bucketOf(y) !== bucketOfByLog(y)) expect(bucketOf(y), String(y)).toBe(bucketOfByLog(y));
    }
  });

  it('at the ends and on values that are not positive numbers', () => {
    for (const x of [
      MIN_VALUE,
      ulps(MIN_VALUE, 1),
      ulps(MIN_VALUE, -1),
      MAX_VALUE,
      ulps(MAX_VALUE, 1),
      ulps(MAX_VALUE, -1),
      1,
      ulps(1, -1),
      ulps(1, 1),
      0,
      -0,
      -1,
      5e-324,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.MAX_VALUE,
    ]) {
      expect(bucketOf(x), String(x)).toBe(bucketOfByLog(x));
    }
    expect(bucketOf(Number.NaN)).toBeNaN();
    expect(bucketOfByLog(Number.NaN)).toBeNaN();
    expect(bucketOf(MIN_VALUE)).toBe(0);
    expect(bucketOf(ulps(MAX_VALUE, 1))).toBe(BUCKETS - 1);
  });
});

describe('random streams', () => {
  it('uniforms lie in (0, 1) with mean 1/2 and variance 1/12 (within 5 standard errors at n = 100,000)', () => {
    const s = streamFor(1, 0);
    const n = 100_000;
    let sum = 0;
    let sum2 = 0;
    for (let i = 0; i < n; i++) {
      const u = s.uniform();
      expect(u > 0 && u < 1).toBe(true);
      sum += u;
      sum2 += u * u;
    }
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sum2 / n - sum ** 2 / n ** 2 - 1 / 12)).toBeLessThan(0.002);
  });

  it('streams of one seed differ from each other and repeat exactly', () => {
    expect(streamFor(1, 0).uniform()).not.toBe(streamFor(1, 1).uniform());
    expect(streamFor(1, 3).uniform()).toBe(streamFor(1, 3).uniform());
    expect(streamFor(2, 0).uniform()).not.toBe(streamFor(1, 0).uniform());
  });

  it('every seed up to 2^53 - 1 has its own stream: seeds that agree in their low 32 bits differ (they were folded together)', () => {
    // 2654435761 and 2^32 gave identical results when the seed was folded to 32 bits
    const first = (seed: number) => {
      const s = streamFor(seed, 0);
      return [s.uniform(), s.uniform()];
    };
    expect(first(2654435761)).not.toEqual(first(4294967296));
    expect(first(1)).not.toEqual(first(4294967297));
    expect(first(Number.MAX_SAFE_INTEGER)).not.toEqual(first(Number.MAX_SAFE_INTEGER - 1));
    // one-to-one: the state gives the seed back
    for (const seed of [0, 1, 2 ** 32 - 1, 2 ** 32, 2654435761, 2 ** 52 + 12345, Number.MAX_SAFE_INTEGER]) {
      const [nh, , lo, hi] = seedState(seed);
      expect((hi >>> 0) * 2 ** 32 + (lo >>> 0)).toBe(seed);
      expect(~nh).toBe(hi);
    }
  });

  it('seeds below 2^32 keep the state pure-rand gives them (earlier results stay as they were)', () => {
    for (const seed of [0, 1, 42, 2654435761, 2 ** 32 - 1]) {
      expect(seedState(seed)).toEqual(
        (xoroshiro128plus(seed) as unknown as { getState(): number[] }).getState().map((x) => x | 0),
      );
    }
  });

  it('refuses a seed that is not a safe integer >= 0', () => {
    expect(() => seedState(-1)).toThrow(RangeError);
    expect(() => seedState(2 ** 53)).toThrow(RangeError);
    expect(() => seedState(1.5)).toThrow(RangeError);
  });
});
