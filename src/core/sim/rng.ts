/**
 * Seeded random streams for the simulators: xoroshiro128+ (Blackman & Vigna 2018) from pure-rand, with `jump()`
 * (2^64 steps) for independent streams: stream i of a seed is the seed's generator jumped i + 1 times, so the work
 * can be split into fixed chunks, each with its own stream, and the result does not depend on how many threads run
 * the chunks. Every draw is allocation-free.
 *
 * Uniform doubles take 53 bits from two 32-bit outputs and are offset by half a unit, so they lie in (0, 1) and
 * `-log(u)` is always finite.
 */

import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { jumpedState } from './jumpAhead.js';

type Generator = ReturnType<typeof xoroshiro128plusFromState>;

const TWO_POW_26 = 67108864;
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
  private readonly g: Generator;
  /** Second normal deviate of the last Box-Muller pair, or NaN. */
  private spareNormal = Number.NaN;

  constructor(g: Generator) {
    this.g = g;
  }

  /** Uniform in (0, 1), 53 bits. */
  uniform(): number {
    const a = this.g.next() >>> 5;
    const b = this.g.next() >>> 6;
    return (a * TWO_POW_26 + b + 0.5) * TWO_POW_MINUS_53;
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -Math.log(this.uniform()) * mean;
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
    return Math.floor(((this.g.next() >>> 0) / 4294967296) * n);
  }
}

/**
 * The stream of chunk `index` (0, 1, 2, ...) for `seed`: the seed's generator jumped index + 1 times. Chunks of the
 * same seed never overlap (each jump is 2^64 draws ahead).
 */
export function streamFor(seed: number, index: number): Stream {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`index must be an integer >= 0, got ${index}`);
  // index + 1 jumps, positioned in O(log index) (jumpAhead.ts: the same state as that many jump() calls)
  return new Stream(xoroshiro128plusFromState(jumpedState(seedState(seed), index + 1)));
}
