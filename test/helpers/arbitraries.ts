// fast-check helpers shared by the property tests at numerical extremes.
import fc from 'fast-check';

/** Runs per property: the given count, or FC_RUNS (test/setup.ts) for longer exploratory runs. */
export const runs = (n: number): number => (process.env.FC_RUNS ? Number(process.env.FC_RUNS) : n);

/** A number in [lo, hi] (both > 0), uniform in its logarithm, so that every decade is tried as often. */
export const logUniform = (lo: number, hi: number): fc.Arbitrary<number> =>
  fc.double({ min: Math.log10(lo), max: Math.log10(hi), noNaN: true }).map((e) => Math.min(hi, Math.max(lo, 10 ** e)));

/** An integer in [lo, hi], log-uniform. */
export const logInt = (lo: number, hi: number): fc.Arbitrary<number> =>
  logUniform(lo, hi).map((x) => Math.min(hi, Math.max(lo, Math.round(x))));
