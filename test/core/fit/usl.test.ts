import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  estimateUsl,
  fitUsl,
  UnidentifiableFit,
  type UslPoint,
  uslLambdaFor,
  uslModel,
} from '../../../src/core/fit/usl.js';
import { streamFor } from '../../../src/core/sim/rng.js';
import { runs } from '../../helpers/arbitraries.js';
import { expectClose } from '../../helpers/expectClose.js';

/** The Cisco benchmark (test/fixtures/fit/cisco.csv carries its source). */
const CISCO: UslPoint[] = readFileSync(new URL('../../fixtures/fit/cisco.csv', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => /^\d/.test(l))
  .map((l) => {
    const [n, x] = l.split(',');
    return { n: Number(n), x: Number(x) };
  });

describe('fitUsl', () => {
  it("reproduces Schwartz's published fit of the Cisco data set to 0.1% (32 points)", () => {
    expect(CISCO).toHaveLength(32);
    const f = fitUsl(CISCO);
    expectClose(f.sigma, 0.02671591, { rel: 1e-3 }, 'sigma');
    expectClose(f.kappa, 7.690945e-4, { rel: 1e-3 }, 'kappa');
    expectClose(f.lambda, 995.6486, { rel: 1e-3 }, 'lambda');
    expect(f.peakN).toBe(35);
    expectClose(f.peakThroughput as number, 12341, { rel: 1e-3 }, 'peak throughput');
    // in fact the least-squares optimum agrees with the book's figures to about 1e-6
    expectClose(f.sigma, 0.02671591, { rel: 1e-5 }, 'sigma');
    expectClose(f.kappa, 7.690945e-4, { rel: 1e-5 }, 'kappa');
    expect(f.rSquared).toBeGreaterThan(0.99);
    expect(f.ci95.sigma[0]).toBeLessThan(f.sigma);
    expect(f.ci95.sigma[1]).toBeGreaterThan(f.sigma);
    expect(f.ci95.kappa[0]).toBeLessThan(f.kappa);
    expect(f.ci95.kappa[1]).toBeGreaterThan(f.kappa);
    expect(f.method).toMatch(/profile likelihood/);
  });

  it('returns the model for data the model generated (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 0.01, noNaN: true }),
        fc.uniqueArray(fc.integer({ min: 1, max: 128 }), { minLength: 6, maxLength: 20 }),
        (lambda, sigma, kappa, ns) => {
          fc.pre(Math.max(...ns) >= 8 && Math.min(...ns) <= 4);
          const pts = ns.map((n) => ({ n, x: uslModel(n, lambda, sigma, kappa) }));
          const e = estimateUsl(pts);
          expectClose(e.lambda, lambda, { rel: 1e-6 }, 'lambda');
          expectClose(e.sigma, sigma, { rel: 1e-5, abs: 1e-8 }, 'sigma');
          expectClose(e.kappa, kappa, { rel: 1e-5, abs: 1e-9 }, 'kappa');
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('gives the same fit whatever the order of the rows (fast-check permutations of the Cisco data)', () => {
    const reference = fitUsl(CISCO);
    fc.assert(
      fc.property(fc.shuffledSubarray(CISCO, { minLength: 32, maxLength: 32 }), (rows) => {
        expect(fitUsl(rows)).toEqual(reference);
      }),
      { numRuns: runs(20) },
    );
  });

  it('recovers known coefficients within its 95% intervals about 95% of the time (400 seeds)', () => {
    const truth = { lambda: 1000, sigma: 0.04, kappa: 5e-4 };
    const ns = [1, 2, 3, 4, 6, 8, 12, 16, 20, 24, 32, 40];
    const cover = { sigma: 0, kappa: 0, lambda: 0 };
    const seeds = 400;
    for (let seed = 1; seed <= seeds; seed++) {
      const rng = streamFor(seed, 0);
      const pts = ns.map((n) => ({ n, x: uslModel(n, truth.lambda, truth.sigma, truth.kappa) + 150 * rng.normal() }));
      const f = fitUsl(pts);
      const inside = (ci: [number, number | null], v: number) => ci[0] <= v && (ci[1] === null || v <= ci[1]);
      if (inside(f.ci95.sigma, truth.sigma)) cover.sigma++;
      if (inside(f.ci95.kappa, truth.kappa)) cover.kappa++;
      if (inside(f.ci95.lambda, truth.lambda)) cover.lambda++;
    }
    // binomial(400, 0.95): sd 1.1%; accept 91% to 98.5%
    for (const [k, c] of Object.entries(cover)) {
      expect(c / seeds, k).toBeGreaterThanOrEqual(0.91);
      expect(c / seeds, k).toBeLessThanOrEqual(0.985);
    }
    // measured: sigma 384, kappa 378, lambda 383 of 400 (96%, 94.5%, 95.75%)
  });

  it('refuses data that cannot identify the model, saying what to measure next', () => {
    const three = [
      { n: 1, x: 100 },
      { n: 2, x: 190 },
      { n: 4, x: 350 },
    ];
    expect(() => fitUsl(three)).toThrow(UnidentifiableFit);
    expect(() => fitUsl(three)).toThrow(/3 measurements cannot identify.*measure throughput at 4 or more/);
    expect(() => fitUsl([...three, { n: 4, x: 340 }])).toThrow(/N = 4 is measured twice/);
    // super-linear at small N: sigma < 0
    const superLinear = [1, 2, 4, 8, 16].map((n) => ({ n, x: 100 * n ** 1.1 }));
    expect(() => fitUsl(superLinear)).toThrow(/contention \(sigma\) fitted as -[\d.e-]+ < 0.*measure at N = 1/);
    // bending upwards: kappa < 0
    const upwards = [1, 2, 4, 8, 16, 32].map((n) => ({ n, x: uslModel(n, 100, 0.2, -0.0004) }));
    expect(() => fitUsl(upwards)).toThrow(/coherency \(kappa\) fitted as -[\d.e-]+ < 0.*measure at higher N/);
  });

  it('uslLambdaFor: the least-squares lambda for given coefficients is the fitted one at the fitted coefficients', () => {
    const f = fitUsl(CISCO);
    expectClose(uslLambdaFor(CISCO, f.sigma, f.kappa), f.lambda, { rel: 1e-9 });
  });

  it('on any positive data either fits (finite coefficients, intervals around them) or refuses with UnidentifiableFit (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            n: fc.double({ min: 1, max: 1e5, noNaN: true }),
            x: fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
          }),
          { minLength: 4, maxLength: 12, selector: (p) => p.n },
        ),
        (pts) => {
          try {
            const f = fitUsl(pts);
            for (const v of [f.lambda, f.sigma, f.kappa, f.rSquared]) expect(Number.isFinite(v)).toBe(true);
            expect(f.ci95.sigma[0]).toBeLessThanOrEqual(f.sigma);
            expect(f.ci95.kappa[0]).toBeLessThanOrEqual(f.kappa);
          } catch (error) {
            expect(error).toBeInstanceOf(UnidentifiableFit);
          }
        },
      ),
      { numRuns: runs(100) },
    );
  });

  it('throws a RangeError on values the caller should have refused (N or X not > 0)', () => {
    expect(() => fitUsl([{ n: 0, x: 1 }])).toThrow(RangeError);
    expect(() => fitUsl([{ n: 1, x: -1 }])).toThrow(RangeError);
  });
});
