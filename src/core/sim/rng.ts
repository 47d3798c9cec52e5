/**
 * Seeded random streams for the simulators: xoroshiro128+ (Blackman & Vigna 2018) as pure-rand steps it (its
 * xoroshiro128plus: four signed 32-bit words, each draw the low 32 bits of the 64-bit sum), with `jump()` (2^64 steps)
 * for independent streams: stream i of a seed is the seed's generator jumped i + 1 times, so the work can be split
 * into fixed chunks, each with its own stream, and the result does not depend on how many threads run the chunks.
 * The state is kept here in an Int32Array and stepped inline (the same words, draw for draw, as pure-rand's generator,
 * whose object fields held the words as boxed doubles and whose draws were returned boxed: issue 18); every draw is
 * allocation-free.
 *
 * Uniform doubles take 53 bits from two 32-bit outputs and are offset by half a unit, so they lie in (0, 1) and
 * `-log(u)` is always finite. Exponentials come from a ziggurat (exponentialZiggurat.ts).
 */

import { EXP_ZIGGURAT_F, EXP_ZIGGURAT_R, EXP_ZIGGURAT_X } from './exponentialZiggurat.js';
import { jumpedState } from './jumpAhead.js';

const TWO_POW_26 = 67108864;
const TWO_POW_29 = 536870912;
const TWO_POW_MINUS_53 = 1.1102230246251565e-16;

/**
 * The generator's 128-bit state for a seed, any safe integer 0 <= seed <= 2^53 - 1: the low and high 32 bits, each
 * with its complement, [~high, ~low, low, high] (pure-rand's xoroshiro128plus(seed) state for seeds below 2^32,
 * (-1, ~seed, seed, 0), so those give the streams they always gave). Distinct seeds give distinct states (the map is
 * one-to-one) and a state is never all zero (~high and high are not both 0).
 * @example seedState(4294967296) // [-2, -1, 0, 1]: 2^32, high word 1
 */
export function seedState(seed: number): [number, number, number, number] {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a safe integer >= 0, got ${seed}`);
  const low = (seed % 4294967296) | 0;
  const high = Math.floor(seed / 4294967296) | 0;
  return [~high, ~low, low, high];
}

export class Stream {
  /** The generator's state in pure-rand's getState() order: [s01, s00, s11, s10] (s0's high and low words, s1's). */
  private readonly s: Int32Array;
  /** Second normal deviate of the last Box-Muller pair, or NaN. */
  private spareNormal = Number.NaN;

  /** A stream from a generator state in pure-rand's getState() order (not all zero). */
  constructor(state: readonly [number, number, number, number]) {
    this.s = Int32Array.from(state);
  }

  /** The next 32-bit output (signed), stepping the state: pure-rand's XoroShiro128Plus.next(), word for word. */
  next32(): number {
    const s = this.s;
    const s01 = s[0] as number;
    const s00 = s[1] as number;
    const s11 = s[2] as number;
    const s10 = s[3] as number;
    const a0 = s10 ^ s00;
    const a1 = s11 ^ s01;
    s[1] = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
    s[0] = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    s[3] = (a1 << 5) ^ (a0 >>> 27);
    s[2] = (a0 << 5) ^ (a1 >>> 27);
    return (s00 + s10) | 0;
  }

  /** Uniform in (0, 1), 53 bits. */
  uniform(): number {
    const a = this.next32() >>> 5;
    const b = this.next32() >>> 6;
    return (a * TWO_POW_26 + b + 0.5) * TWO_POW_MINUS_53;
  }

  /**
   * Exponential with the given mean, by the ziggurat (Marsaglia & Tsang 2000; exponentialZiggurat.ts) on one step of
   * the generator: its whole 64-bit output (pure-rand's draw, next32(), is the low half; the high half is the sum of
   * the high words plus the low sum's carry), the layer from the top 8 bits, a 53-bit uniform in (0, 1) from the next
   * 53 (the lowest 3 bits, the generator's weakest, left out). 97.8% of draws end at the first comparison, without a
   * logarithm; the rest go to exponentialSlow. The step is written out here rather than calling next32(): the
   * optimising compiler then inlines the whole draw into a simulation loop (its budget for inlining is in bytecodes).
   */
  exponential(mean: number): number {
    const s = this.s;
    const s01 = s[0] as number;
    const s00 = s[1] as number;
    const s11 = s[2] as number;
    const s10 = s[3] as number;
    const high = (s01 + s11 + ((s00 >>> 0) + (s10 >>> 0) > 0xffffffff ? 1 : 0)) | 0;
    const low = (s00 + s10) | 0;
    const a0 = s10 ^ s00;
    const a1 = s11 ^ s01;
    s[1] = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
    s[0] = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    s[3] = (a1 << 5) ^ (a0 >>> 27);
    s[2] = (a0 << 5) ^ (a1 >>> 27);
    const i = high >>> 24;
    const x = ((high & 0xffffff) * TWO_POW_29 + (low >>> 3) + 0.5) * TWO_POW_MINUS_53 * (EXP_ZIGGURAT_X[i] as number);
    return (x < (EXP_ZIGGURAT_X[i + 1] as number) ? x : this.exponentialSlow(i, x)) * mean;
  }

  /**
   * Standard exponentials (mean 1) into out[0], ..., out[count - 1], the same values in the same order as `count` calls
   * of exponential(1), leaving the generator where those calls would (issue 18: the M/M/c loop takes its draws from
   * such a buffer). The generator's state is kept in locals for the run, and written back around each of the
   * ziggurat's rare cases (exponentialSlow, which steps it further). That call, at 2.2% of the draws, is below the
   * optimising compiler's frequency for inlining: the compiled loop stays small (a loop that inlined it took three
   * times as long to compile).
   */
  fillExponentials(out: Float64Array, count: number): void {
    const s = this.s;
    // the table in a local and the constants as literals (2^29, 2^-53): a module variable is loaded and checked at
    // every use in compiled code (issue 18)
    const X = EXP_ZIGGURAT_X;
    let s01 = s[0] as number;
    let s00 = s[1] as number;
    let s11 = s[2] as number;
    let s10 = s[3] as number;
    for (let k = 0; k < count; k++) {
      const low = (s00 + s10) | 0;
      // the high word of the 64-bit sum: the carry out of the low words is their unsigned sum wrapping below s00
      const high = (s01 + s11 + (low >>> 0 < s00 >>> 0 ? 1 : 0)) | 0;
      const a0 = s10 ^ s00;
      const a1 = s11 ^ s01;
      const next00 = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
      s01 = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
      s00 = next00;
      s10 = (a1 << 5) ^ (a0 >>> 27);
      s11 = (a0 << 5) ^ (a1 >>> 27);
      const i = high >>> 24;
      const x = ((high & 0xffffff) * 536870912 + (low >>> 3) + 0.5) * 1.1102230246251565e-16 * (X[i] as number);
      if (x < (X[i + 1] as number)) {
        out[k] = x;
      } else {
        s[0] = s01;
        s[1] = s00;
        s[2] = s11;
        s[3] = s10;
        out[k] = this.exponentialSlow(i, x);
        s01 = s[0] as number;
        s00 = s[1] as number;
        s11 = s[2] as number;
        s10 = s[3] as number;
      }
    }
    s[0] = s01;
    s[1] = s00;
    s[2] = s11;
    s[3] = s10;
  }

  /**
   * The ziggurat's rare cases for a standard exponential, after a draw x in layer i that fell outside the layer's
   * rectangle: the tail beyond R in the base layer (R + Exp(1), memoryless), a wedge point accepted when a uniform
   * height falls under the density, or else new draws (the steps of exponential()) until one is accepted. Its own
   * function, called for 2.2% of draws, so that exponential() stays small enough to be inlined.
   */
  private exponentialSlow(layer: number, x0: number): number {
    let i = layer;
    let x = x0;
    for (;;) {
      // either case takes one uniform first: one call site (the compiled function inlines it once)
      const u = this.uniform();
      if (i === 0) return EXP_ZIGGURAT_R - Math.log(u);
      const fi = EXP_ZIGGURAT_F[i] as number;
      const fNext = EXP_ZIGGURAT_F[i + 1] as number;
      if (fNext + (fi - fNext) * u < Math.exp(-x)) return x;
      const s = this.s;
      const s00 = s[1] as number;
      const s10 = s[3] as number;
      const high = ((s[0] as number) + (s[2] as number) + ((s00 >>> 0) + (s10 >>> 0) > 0xffffffff ? 1 : 0)) | 0;
      const low = this.next32();
      i = high >>> 24;
      x = ((high & 0xffffff) * TWO_POW_29 + (low >>> 3) + 0.5) * TWO_POW_MINUS_53 * (EXP_ZIGGURAT_X[i] as number);
      if (x < (EXP_ZIGGURAT_X[i + 1] as number)) return x;
    }
  }

  /** Standard normal (Box-Muller, polar-free form; the second deviate is kept for the next call). */
  normal(): number {
    const spare = this.spareNormal;
    if (!Number.isNaN(spare)) {
      this.spareNormal = Number.NaN;
      return spare;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const theta = 2 * Math.PI * this.uniform();
    this.spareNormal = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** Integer in [0, n) (n <= 2^32), by multiplication of a 32-bit draw (bias below 2^-32 n, negligible here). */
  below(n: number): number {
    return Math.floor(((this.next32() >>> 0) / 4294967296) * n);
  }
}

/**
 * The stream of chunk `index` (0, 1, 2, ...) for `seed`: the seed's generator jumped index + 1 times. Chunks of the
 * same seed never overlap (each jump is 2^64 draws ahead).
 */
export function streamFor(seed: number, index: number): Stream {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`index must be an integer >= 0, got ${index}`);
  // index + 1 jumps, positioned in O(log index) (jumpAhead.ts: the same state as that many jump() calls)
  return new Stream(jumpedState(seedState(seed), index + 1));
}
