/**
 * isAvailability (availability.ts): the hot paths' test before checkAvailability (series, parallel and each state's
 * conditional in seriesOverDomains build a part's name only to throw). It accepts exactly what checkAvailability
 * accepts, on random values (in and out of [0, 1], NaN, infinities, sums off 1 by more and less than the 1e-9
 * tolerance, non-numbers, null), and a refused part keeps checkAvailability's message, naming its index.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Availability,
  checkAvailability,
  isAvailability,
  series,
} from '../../../src/core/reliability/availability.js';
import { parallel } from '../../../src/core/reliability/index.js';

const accepted = (x: Availability): boolean => {
  try {
    checkAvailability(x, 'x');
    return true;
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return false;
  }
};

/** Numbers near the edges of [0, 1] and far from them, NaN and infinities. */
const field = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(0, 1, -0, -1e-300, 1 + 2 ** -52, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.double(),
);

/** A complement of a, off by a chosen amount (within the tolerance, at it, beyond it). */
const part = fc.oneof(
  fc.record({ availability: field, unavailability: field }),
  fc
    .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1e-12, 5e-10, 1e-9, 2e-9, -2e-9, 1e-3))
    .map(([a, off]) => ({ availability: a, unavailability: 1 - a + off })),
  fc.constantFrom(null, undefined, 0.5, 'x', {}, { availability: '0.5', unavailability: 0.5 }),
);

describe('isAvailability', () => {
  it('accepts exactly what checkAvailability accepts (fast-check)', () => {
    fc.assert(
      fc.property(part, (x) => {
        expect(isAvailability(x as Availability)).toBe(accepted(x as Availability));
      }),
      { numRuns: 5000, seed: 18 },
    );
  });

  it("leaves series' and parallel's messages as they were: the refused part named by its index", () => {
    const ok = { availability: 0.9, unavailability: 0.1 };
    expect(() => series([ok, { availability: 0.9, unavailability: 0.2 }])).toThrow(
      'parts[1]: availability (0.9) + unavailability (0.2) must be 1',
    );
    expect(() => parallel([{ availability: 1.5, unavailability: 0 }, ok])).toThrow(
      'parts[0].availability must be a number in [0, 1], got 1.5',
    );
    expect(() => series([ok, ok, null as unknown as Availability])).toThrow(
      'parts[2] must be an Availability object, got null',
    );
    expect(series([ok, ok])).toEqual(series([{ ...ok }, { ...ok }]));
  });
});
