import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  erf,
  erfc,
  erfcx,
  gammaP,
  gammaQ,
  incompleteGamma,
  logGamma,
  logGamma1p,
  logGammaPrefix,
  logGammaQ,
  uMinusLog1p,
} from '../../../src/core/math/special.js';
import { expectClose } from '../../helpers/expectClose.js';

// Reference values: test/fixtures/queueing/special.json, written by gen_special.py with mpmath 1.3.0 at 40 digits
// (mpmath.loggamma, gammainc, erf/erfc; quadrature of the gamma density where gammainc does not converge).
interface SpecialFixture {
  lnGamma: { x: number; lnGamma: number }[];
  incompleteGamma: { a: number; x: number; P: number; Q: number; lnP: number; lnQ: number; how: string }[];
  erf: { x: number; erf: number; erfc: number; erfcx: number }[];
}
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/queueing/special.json', import.meta.url), 'utf8'),
) as SpecialFixture;

/** Values below this are compared only in log form (the doubles have lost relative precision near underflow). */
const TINY = 1e-300;

describe('logGamma (Lanczos) against mpmath.loggamma', () => {
  it(`matches ${fixture.lnGamma.length} values to 1e-14 relative (absolute near the zeros at 1 and 2)`, () => {
    expect(fixture.lnGamma.length).toBeGreaterThanOrEqual(20);
    for (const c of fixture.lnGamma) {
      expectClose(logGamma(c.x), c.lnGamma, { rel: 1e-14, abs: 3e-15 }, `lnGamma(${c.x})`);
    }
  });

  it('is exact at small integers and half-integers (closed forms)', () => {
    expectClose(logGamma(1), 0, { abs: 1e-15 }, 'lnGamma(1)');
    expectClose(logGamma(2), 0, { abs: 1e-15 }, 'lnGamma(2)');
    expectClose(logGamma(5), Math.log(24), { rel: 1e-15 }, 'lnGamma(5) = ln 24');
    expectClose(logGamma(0.5), 0.5 * Math.log(Math.PI), { rel: 1e-15 }, 'lnGamma(1/2) = ln sqrt(pi)');
    expect(logGamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(-3)).toBe(Number.POSITIVE_INFINITY);
    expect(() => logGamma(Number.NaN)).toThrow(RangeError);
  });

  it('logGamma1p is accurate in relative terms for tiny arguments', () => {
    // ln Gamma(1 + a) = -gamma a + zeta(2) a^2 / 2 - ... (A&S 6.1.33); at a = 1e-10 the first two terms suffice.
    const a = 1e-10;
    expectClose(logGamma1p(a), -0.5772156649015329 * a + (1.6449340668482264 / 2) * a * a, { rel: 1e-15 }, 'a=1e-10');
    expectClose(logGamma1p(0.15), logGamma(1.15), { rel: 1e-14 }, 'a=0.15 matches Lanczos');
    expectClose(logGamma1p(0.7), logGamma(1.7), { rel: 1e-15 }, 'a=0.7 (delegates)');
  });
});

describe('uMinusLog1p and logGammaPrefix', () => {
  it('u - ln(1+u) keeps its digits near 0 (series u^2/2 - u^3/3 + ...)', () => {
    const u = 1e-6;
    expectClose(uMinusLog1p(u), u ** 2 / 2 - u ** 3 / 3 + u ** 4 / 4, { rel: 1e-15 }, 'u=1e-6');
    expectClose(uMinusLog1p(-1e-6), 1e-12 / 2 + 1e-18 / 3 + 1e-24 / 4, { rel: 1e-15 }, 'u=-1e-6');
    expectClose(uMinusLog1p(0.3), 0.3 - Math.log1p(0.3), { rel: 1e-14 }, 'u=0.3');
    expectClose(uMinusLog1p(3), 3 - Math.log(4), { rel: 1e-15 }, 'u=3');
    expect(uMinusLog1p(0)).toBe(0);
  });

  it('x^a e^-x / Gamma(a+1) agrees between its two forms and the Poisson pmf', () => {
    // Poisson(y = 10) at m = 10: e^-10 10^10 / 10! = 0.1251100357211333 (direct evaluation in exact arithmetic).
    expectClose(Math.exp(logGammaPrefix(10, 10)), 0.1251100357211333, { rel: 1e-14 }, 'Poisson(10) pmf at 10');
    expectClose(logGammaPrefix(3, 2), 3 * Math.log(2) - 2 - Math.log(6), { rel: 1e-15 }, 'a=3, x=2');
    expect(logGammaPrefix(2, 0)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('regularized incomplete gamma P(a, x), Q(a, x) against mpmath', () => {
  const cases = fixture.incompleteGamma;
  it(`matches ${cases.length} (a, x) pairs, shapes 1e-4 .. 1e10, to 5e-13 relative in each tail`, () => {
    expect(cases.length).toBeGreaterThan(250);
    let compared = 0;
    for (const c of cases) {
      const r = incompleteGamma(c.a, c.x);
      const label = `a=${c.a}, x=${c.x}`;
      // Each of P and Q relative (P + Q = 1, so the larger is also checked absolutely).
      if (c.P > TINY) expectClose(r.p, c.P, { rel: 5e-13 }, `P(${label})`);
      else expect(r.p, `P(${label}) tiny`).toBeLessThan(1e-290);
      if (c.Q > TINY) expectClose(r.q, c.Q, { rel: 5e-13 }, `Q(${label})`);
      else expect(r.q, `Q(${label}) tiny`).toBeLessThan(1e-290);
      // ln Q also where Q underflows.
      expectClose(logGammaQ(c.a, c.x), c.lnQ, { rel: 1e-13, abs: 1e-13 }, `lnQ(${label})`);
      compared++;
    }
    expect(compared).toBe(cases.length);
  });

  it('covers both sides of the Temme switch at a = 1e6 and the quadrature-referenced huge shapes', () => {
    expect(cases.some((c) => c.a === 999999)).toBe(true);
    expect(cases.some((c) => c.a === 1000001)).toBe(true);
    expect(cases.some((c) => c.a === 1e10 && c.how === 'quad')).toBe(true);
  });

  it('reduces to closed forms: exponential (a = 1) and erfc (a = 1/2)', () => {
    for (const x of [1e-8, 0.3, 1, 2, 7.5, 40, 700]) {
      // The relative condition number of e^-x in x is x: allow eps * x in the tail (3e-13 at x = 700).
      expectClose(gammaQ(1, x), Math.exp(-x), { rel: Math.max(1e-14, 4.5e-16 * x) }, `Q(1, ${x}) = e^-x`);
      expectClose(gammaP(1, x), -Math.expm1(-x), { rel: 1e-14 }, `P(1, ${x}) = 1 - e^-x`);
    }
    expectClose(gammaQ(0.5, 4), erfc(2), { rel: 1e-15 }, 'Q(1/2, 4) = erfc(2)');
  });

  it('edge values and argument checks', () => {
    expect(incompleteGamma(2, 0)).toEqual({ p: 0, q: 1 });
    expect(incompleteGamma(2, Number.POSITIVE_INFINITY)).toEqual({ p: 1, q: 0 });
    expect(() => gammaP(0, 1)).toThrow(/shape a/);
    expect(() => gammaP(-1, 1)).toThrow(RangeError);
    expect(() => gammaQ(1, -1)).toThrow(/x must be >= 0/);
    expect(() => gammaQ(1, Number.NaN)).toThrow(RangeError);
  });
});

describe('erf, erfc, erfcx against mpmath', () => {
  it(`matches ${fixture.erf.length} points to 5e-14 relative`, () => {
    for (const c of fixture.erf) {
      expectClose(erf(c.x), c.erf, { rel: 5e-14 }, `erf(${c.x})`);
      expectClose(erfc(c.x), c.erfc, { rel: 5e-14 }, `erfc(${c.x})`);
      expectClose(erfcx(c.x), c.erfcx, { rel: 5e-14 }, `erfcx(${c.x})`);
    }
  });

  it('symmetries and limits', () => {
    expect(erf(0)).toBe(0);
    expect(erfc(0)).toBe(1);
    expect(erf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(erfc(Number.POSITIVE_INFINITY)).toBe(0);
    expectClose(erf(-0.7), -erf(0.7), { rel: 0 }, 'erf odd');
    // erfcx(x) ~ 1 / (x sqrt(pi)) (1 - 1/(2x^2)) for large x (A&S 7.1.23).
    const x = 1e4;
    expectClose(erfcx(x), (1 / (x * Math.sqrt(Math.PI))) * (1 - 1 / (2 * x * x)), { rel: 1e-14 }, 'erfcx(1e4)');
  });
});
