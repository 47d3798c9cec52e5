import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ResponseSumTerm, responseSum } from '../../../src/core/queueing/index.js';
import { quantilesKept } from '../../../src/core/queueing/sumOfResponses.js';
import { runs } from '../../helpers/arbitraries.js';

// A sum's kept quantiles (quantilesKept) against a fresh sum's, bit for bit, in any order of asking with repeats.
// Mutants that fail here: answers kept under a rounded p (Math.round(p * 100)), so p99.5 answers as p99 (the
// equality), and a memo that never keeps an answer (the count of searches).
const SEED = 20261207;

/** A route like ecommerce-cache's at a random load: a gamma tier, repeated calls, calls at random with a detour (a
 * sum conditioned on its counts). */
const termsArb: fc.Arbitrary<ResponseSumTerm[]> = fc
  .record({
    rate: fc.double({ min: 50, max: 900, noNaN: true }),
    miss: fc.double({ min: 0.05, max: 0.5, noNaN: true }),
    detour: fc.boolean(),
    dbServers: fc.integer({ min: 4, max: 40 }),
  })
  .map(({ rate, miss, detour, dbServers }) => [
    { queue: { servers: 8, arrivalRatePerS: rate, serviceTimeS: 0.008, serviceTimeCv: 1.2 } },
    {
      queue: { servers: dbServers, arrivalRatePerS: 6 * miss * rate, serviceTimeS: 0.003, serviceTimeCv: 1.5 },
      calls: 6,
      callProbability: miss,
      perCallS: 0.0006,
      sameStation: { queues: 1 },
      ...(detour ? { detour: { probability: 0.05, s: 0.001 } } : {}),
    },
  ]);

/** Levels with repeats, in any order (p99 and p99.5 round alike to a percent). */
const levelsArb = fc.array(fc.constantFrom(0.5, 0.9, 0.99, 0.995, 0.999), { minLength: 2, maxLength: 6 });

describe('quantilesKept', () => {
  it('answers every level as a fresh sum does, bit for bit, whatever was asked before', () => {
    fc.assert(
      fc.property(termsArb, levelsArb, (terms, levels) => {
        const kept = responseSum(terms);
        for (const p of levels) expect(Object.is(kept.quantile(p), responseSum(terms).quantile(p))).toBe(true);
      }),
      { seed: SEED, numRuns: runs(12) },
    );
  });

  it('searches once per level, and not for a level that throws', () => {
    let searches = 0;
    const q = quantilesKept((p) => {
      searches++;
      if (!(p > 0 && p < 1)) throw new RangeError('p');
      return -Math.log1p(-p);
    });
    expect(q(0.99)).toBe(-Math.log1p(-0.99));
    expect(q(0.99)).toBe(-Math.log1p(-0.99));
    expect(q(0.995)).toBe(-Math.log1p(-0.995));
    expect(searches).toBe(2);
    expect(() => q(1)).toThrow(RangeError);
    expect(() => q(1)).toThrow(RangeError);
    expect(searches).toBe(4);
  });
});
