// Determinism and chunking of the simulation (simulate.ts, combine.ts): the same seed gives the same output, and
// chunks computed in any order combine to the whole.
import { describe, expect, it } from 'vitest';
import {
  type AvailabilityChunk,
  combineAvailability,
  simulateAvailability,
  simulateAvailabilityChunk,
} from '../../../../src/core/sim/failures/index.js';
import { smallKOfN } from './fixtures.js';

describe('determinism and chunks', () => {
  const config = smallKOfN;

  it('same seed: identical output; another seed: different', () => {
    const a = simulateAvailability(config, 20, 7, 8);
    expect(simulateAvailability(config, 20, 7, 8)).toEqual(a);
    expect(simulateAvailability(config, 20, 8, 8).unavailability).not.toBe(a.unavailability);
  });

  it('chunks computed in any order and combined give the same result as simulateAvailability', () => {
    const whole = simulateAvailability(config, 20, 9, 8);
    const order = [5, 2, 7, 0, 3, 6, 1, 4];
    const chunks: AvailabilityChunk[] = order.map((i) => simulateAvailabilityChunk(config, 20 / 8, 9, i));
    expect(combineAvailability(config, chunks)).toEqual(whole);
    expect(combineAvailability(config, [...chunks].reverse())).toEqual(whole);
    expect(() => combineAvailability(config, [chunks[0] as AvailabilityChunk, chunks[0] as AvailabilityChunk])).toThrow(
      /given twice/,
    );
  });
});
