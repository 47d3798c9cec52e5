// jumpedState against jump() called that many times: the same state, bit for bit, so every stream (and every seeded
// result) is what it was (issue 18: streams positioned in O(log k) instead of k jumps).
import fc from 'fast-check';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { jumpedState } from '../../../src/core/sim/jumpAhead.js';
import { seedState, streamFor } from '../../../src/core/sim/rng.js';

function jumpedByLoop(state: readonly number[], k: number): number[] {
  const g = xoroshiro128plusFromState([...state]);
  for (let i = 0; i < k; i++) g.jump();
  return [...g.getState()];
}

describe('jumpedState', () => {
  it('equals k calls of jump() for k = 0..70 and a few larger k, on seeds across the 53-bit range', () => {
    for (const seed of [0, 1, 3, 42, 2654435761, 4294967296, 2 ** 53 - 1]) {
      const s = seedState(seed);
      for (let k = 0; k <= 70; k++) expect(jumpedState(s, k)).toEqual(jumpedByLoop(s, k));
      for (const k of [127, 128, 129, 1000, 4097]) expect(jumpedState(s, k)).toEqual(jumpedByLoop(s, k));
    }
  });

  it('equals the loop on arbitrary states (fast-check), and streams draw as before', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { minLength: 4, maxLength: 4 }),
        fc.nat(300),
        (state, k) => {
          fc.pre(state.some((w) => w !== 0));
          expect(jumpedState(state as [number, number, number, number], k)).toEqual(jumpedByLoop(state, k));
        },
      ),
      { numRuns: 200 },
    );
    // streamFor(seed, i) is the seed's generator jumped i + 1 times: its first draws match the loop's generator
    const g = xoroshiro128plusFromState(seedState(7));
    for (let i = 0; i < 6; i++) g.jump();
    const s = streamFor(7, 5);
    const reference = {
      uniform: () => ((g.next() >>> 5) * 67108864 + (g.next() >>> 6) + 0.5) * 1.1102230246251565e-16,
    };
    for (let i = 0; i < 5; i++) expect(s.uniform()).toBe(reference.uniform());
  });

  it('the same in any order of asking: ascending (from the last answer), descending, repeated, two seeds interleaved', () => {
    const a = seedState(3);
    const b = seedState(5);
    const asked: [readonly number[], number][] = [];
    for (let k = 1; k <= 12; k++) asked.push([a, k], [a, k], [b, k]);
    for (let k = 64; k >= 0; k -= 7) asked.push([a, k], [b, 64 - k]);
    for (const [s, k] of asked) {
      expect(jumpedState(s as [number, number, number, number], k)).toEqual(jumpedByLoop(s, k));
    }
  });

  it('refuses a negative or fractional count', () => {
    expect(() => jumpedState([1, 0, 0, 0], -1)).toThrow(RangeError);
    expect(() => jumpedState([1, 0, 0, 0], 1.5)).toThrow(RangeError);
  });
});
