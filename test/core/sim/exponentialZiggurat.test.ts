// The exponential sampler (src/core/sim/rng.ts Stream.exponential, the ziggurat of Marsaglia & Tsang 2000 with the
// tables of src/core/sim/exponentialZiggurat.ts) against the exponential distribution itself, and its first draws
// pinned against the generator's 64-bit output computed with BigInt from pure-rand's own state.
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import {
  EXP_ZIGGURAT_F,
  EXP_ZIGGURAT_R,
  EXP_ZIGGURAT_V,
  EXP_ZIGGURAT_X,
} from '../../../src/core/sim/exponentialZiggurat.js';
import { jumpedState } from '../../../src/core/sim/jumpAhead.js';
import { seedState, streamFor } from '../../../src/core/sim/rng.js';

const N = 1_000_000;
/** Kolmogorov-Smirnov: the critical value of sqrt(n) D at the 0.001 level (Smirnov's limit, 1.9495). */
const KS_CRITICAL_0_001 = 1.9495;
/** Chi-square with 99 degrees of freedom: the 0.999 quantile (R: qchisq(0.999, 99) = 148.2304). */
const CHI2_99_CRITICAL_0_001 = 148.2304;
/** Moments and tail shares: within 5 standard errors. */
const SE = 5;

/** N standard exponential draws of one stream, sorted (the same for every run of the test: seeded). */
function draws(seed: number): Float64Array {
  const s = streamFor(seed, 0);
  const xs = new Float64Array(N);
  for (let i = 0; i < N; i++) xs[i] = s.exponential(1);
  return xs;
}

describe('ziggurat tables', () => {
  it('256 layers of area V: the base strip with its tail, and each layer above, to 1e-12 relative', () => {
    const X = EXP_ZIGGURAT_X;
    const F = EXP_ZIGGURAT_F;
    expect(X[0]).toBe(EXP_ZIGGURAT_R + 1);
    expect(X[1]).toBe(EXP_ZIGGURAT_R);
    expect(X[256]).toBe(0);
    expect(F[256]).toBe(1);
    // base strip: the rectangle under f up to R plus the tail beyond it, = X[0] f(R)
    expect(
      Math.abs((EXP_ZIGGURAT_R * Math.exp(-EXP_ZIGGURAT_R) + Math.exp(-EXP_ZIGGURAT_R)) / EXP_ZIGGURAT_V - 1),
    ).toBeLessThan(1e-12);
    expect(Math.abs(((X[0] as number) * (F[1] as number)) / EXP_ZIGGURAT_V - 1)).toBeLessThan(1e-12);
    for (let i = 1; i < 256; i++) {
      expect(X[i + 1] as number).toBeLessThan(X[i] as number);
      // layer i: [0, X[i]) x [F[i], F[i + 1]); the top one (i = 255) closes the ziggurat at f(0) = 1
      const area = (X[i] as number) * ((F[i + 1] as number) - (F[i] as number));
      expect(Math.abs(area / EXP_ZIGGURAT_V - 1), `layer ${i}`).toBeLessThan(1e-12);
    }
  });
});

describe('Stream.exponential', () => {
  const xs = draws(11);
  const sorted = Float64Array.from(xs).sort();

  it(`Kolmogorov-Smirnov against 1 - e^-x over ${N} draws: sqrt(n) D below ${KS_CRITICAL_0_001} (the 0.001 level)`, () => {
    let d = 0;
    for (let i = 0; i < N; i++) {
      const cdf = -Math.expm1(-(sorted[i] as number));
      d = Math.max(d, (i + 1) / N - cdf, cdf - i / N);
    }
    expect(Math.sqrt(N) * d).toBeLessThan(KS_CRITICAL_0_001);
  });

  it(`chi-square over 100 equiprobable bins below ${CHI2_99_CRITICAL_0_001} (99 df, the 0.001 level)`, () => {
    const bins = new Float64Array(100);
    for (let i = 0; i < N; i++) {
      // bin j holds (-ln(1 - j/100), -ln(1 - (j+1)/100)]: j = floor(100 F(x))
      const j = Math.min(99, Math.floor(-Math.expm1(-(xs[i] as number)) * 100));
      bins[j] = (bins[j] as number) + 1;
    }
    const expected = N / 100;
    let chi2 = 0;
    for (const o of bins) chi2 += (o - expected) ** 2 / expected;
    expect(chi2).toBeLessThan(CHI2_99_CRITICAL_0_001);
  });

  it(`mean 1 and variance 1 within ${SE} standard errors (sd of the mean 1/sqrt(n), of the variance sqrt(8/n))`, () => {
    let sum = 0;
    let sum2 = 0;
    for (const x of xs) {
      sum += x;
      sum2 += x * x;
    }
    const mean = sum / N;
    const variance = sum2 / N - mean * mean;
    expect(Math.abs(mean - 1)).toBeLessThan(SE / Math.sqrt(N));
    // Var of the sample variance of Exp(1): (mu4 - sigma^4) / n = (9 - 1) / n
    expect(Math.abs(variance - 1)).toBeLessThan(SE * Math.sqrt(8 / N));
  });

  it(`the tail: shares beyond R (the base layer's tail, drawn as R + Exp(1)), 3 and 10 within ${SE} standard errors, and memoryless beyond R`, () => {
    for (const x0 of [3, EXP_ZIGGURAT_R, 10]) {
      let n = 0;
      let excess = 0;
      for (const x of xs) {
        if (x > x0) {
          n++;
          excess += x - x0;
        }
      }
      const p = Math.exp(-x0);
      expect(Math.abs(n - N * p), `beyond ${x0}`).toBeLessThan(SE * Math.sqrt(N * p * (1 - p)));
      // the excess over x0 of the draws beyond it is Exp(1) again: mean 1, sd 1/sqrt(n)
      if (n > 100) expect(Math.abs(excess / n - 1), `excess beyond ${x0}`).toBeLessThan(SE / Math.sqrt(n));
    }
    expect(sorted[N - 1] as number).toBeGreaterThan(12);
  });

  it('scales by the mean: exponential(m) is m times the standard draw of the same stream', () => {
    const a = streamFor(5, 2);
    const b = streamFor(5, 2);
    for (let i = 0; i < 10_000; i++) expect(a.exponential(0.005)).toBe(b.exponential(1) * 0.005);
  });

  it('fillExponentials: the values of exponential(1) calls, in order (the rare cases too), and the stream left where they leave it', () => {
    // 2.2% of draws take the rare cases (exponentialSlow): about 2,400 of the 112,400 draws here
    for (const size of [1, 7, 512, 5000]) {
      const a = streamFor(9, 4);
      const b = streamFor(9, 4);
      // one slot more than filled: it stays as it was
      const out = new Float64Array(size + 1).fill(-1);
      for (let round = 0; round < 20; round++) {
        a.fillExponentials(out, size);
        for (let i = 0; i < size; i++) expect(out[i]).toBe(b.exponential(1));
        expect(out[size]).toBe(-1);
        // the stream itself continues alike: a uniform and a 32-bit draw after each round
        expect(a.uniform()).toBe(b.uniform());
        expect(a.next32()).toBe(b.next32());
      }
    }
  });

  it("first draws: the layer and the 53-bit uniform from the generator's 64-bit output (BigInt from pure-rand's state)", () => {
    let matched = 0;
    for (let index = 0; index < 20; index++) {
      const g = xoroshiro128plusFromState(jumpedState(seedState(3), index + 1));
      const s = streamFor(3, index);
      const word = (x: number) => BigInt(x >>> 0);
      for (let k = 0; k < 200; k++) {
        const [s01, s00, s11, s10] = g.getState() as number[];
        const s0 = (word(s01 as number) << 32n) | word(s00 as number);
        const s1 = (word(s11 as number) << 32n) | word(s10 as number);
        const out = (s0 + s1) & 0xffffffffffffffffn;
        g.next();
        const layer = Number(out >> 56n);
        // bits 3..55: the 53 below the layer's 8 (the lowest 3 left out)
        const u = (Number((out >> 3n) & 0x1fffffffffffffn) + 0.5) * 2 ** -53;
        const x = u * (EXP_ZIGGURAT_X[layer] as number);
        // the draws that end at the first comparison, up to the first that does not (its rare case draws more)
        if (!(x < (EXP_ZIGGURAT_X[layer + 1] as number))) break;
        expect(s.exponential(1)).toBe(x);
        matched++;
      }
    }
    expect(matched).toBeGreaterThan(200);
  });
});
