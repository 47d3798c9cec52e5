import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brent, expandBracket, firstNonPositiveOnHalfLine } from '../../../src/core/math/roots.js';
import { expectClose } from '../../helpers/expectClose.js';

describe('brent', () => {
  it('finds the cube root of 2 to within 2 ulp', () => {
    const r = brent((x) => x * x * x - 2, 0, 2);
    expectClose(r, Math.cbrt(2), { rel: 4.5e-16 }, 'cbrt(2)');
  });

  it('finds the Dottie number cos(x) = x (0.739085133215160641655312087673873...)', () => {
    // Value: OEIS A003957.
    expectClose(
      brent((x) => Math.cos(x) - x, 0, 1),
      0.7390851332151607,
      { rel: 4.5e-16 },
      'Dottie',
    );
  });

  it('converges to the jump of a discontinuous monotone function', () => {
    const r = brent((x) => (x < Math.PI ? 1 : -1), 0, 10);
    expectClose(r, Math.PI, { rel: 1e-15 }, 'jump at pi');
  });

  it('tolerates -Infinity values (falls back to bisection)', () => {
    const f = (x: number): number => (x > 3.4 ? Number.NEGATIVE_INFINITY : Math.log(3.5 - x) - Math.log(0.25));
    expectClose(brent(f, 0, 10), 3.25, { rel: 1e-15 }, 'root 3.25');
  });

  it('respects an absolute tolerance and returns endpoints that are roots', () => {
    expect(brent((x) => x - 1, 1, 5)).toBe(1);
    const r = brent((x) => x - 0.3, 0, 1, { xTolAbs: 1e-3 });
    expect(Math.abs(r - 0.3)).toBeLessThan(1e-3);
  });

  it('rejects brackets without a sign change and NaN', () => {
    expect(() => brent((x) => x * x + 1, -1, 1)).toThrow(/do not bracket/);
    expect(() => brent(() => Number.NaN, 0, 1)).toThrow(RangeError);
    expect(() => brent((x) => x, Number.NaN, 1)).toThrow(RangeError);
  });
});

describe('expandBracket', () => {
  it('expands outward until the sign changes', () => {
    const { lo, hi } = expandBracket((x) => x - 100, 0, 1);
    expect(lo <= 100 && hi >= 100).toBe(true);
    const b2 = expandBracket((x) => x + 50, 0, 1);
    expect(b2.lo <= -50 && b2.hi >= -50).toBe(true);
  });

  it('throws when no root exists', () => {
    expect(() => expandBracket((x) => x * x + 1, 0, 1, 30)).toThrow(RangeError);
    expect(() => expandBracket((x) => x, 1, 0)).toThrow(RangeError);
  });
});

describe('firstNonPositiveOnHalfLine', () => {
  it('solves from a scale hint that is far too small or far too large', () => {
    const f = (t: number): number => -t / 7 - Math.log(0.01); // e^(-t/7) = 0.01 at t = 7 ln 100
    const exact = 7 * Math.log(100);
    expectClose(firstNonPositiveOnHalfLine(f, 1e-9), exact, { rel: 1e-15 }, 'small hint');
    expectClose(firstNonPositiveOnHalfLine(f, 1e9), exact, { rel: 1e-15 }, 'large hint');
  });

  it('returns 0 when f(0) <= 0, and rejects bad scales and functions that never fall', () => {
    expect(firstNonPositiveOnHalfLine((t) => -1 - t, 1)).toBe(0);
    expect(() => firstNonPositiveOnHalfLine((t) => t, 0)).toThrow(RangeError);
    expect(() => firstNonPositiveOnHalfLine(() => 1, 1)).toThrow(/stays positive/);
  });
});

describe('brent and firstNonPositiveOnHalfLine: values the bracket search already has are not evaluated again', () => {
  // decreasing functions of several shapes: an exponential tail's log-survival, a shifted one, a steep cubic
  const fArb = fc.record({
    rate: fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
    shift: fc.double({ min: 0, max: 10, noNaN: true }),
    level: fc.double({ min: 1e-9, max: 0.9, noNaN: true }),
    kind: fc.constantFrom('exp', 'cubic'),
  });
  const make = (c: { rate: number; shift: number; level: number; kind: string }) =>
    c.kind === 'exp'
      ? (x: number) => (x < c.shift ? 0 : -c.rate * (x - c.shift)) - Math.log(c.level)
      : (x: number) => c.level - (c.rate * x) ** 3;

  it('brent given f(a) and f(b) returns the root it finds evaluating them, bit for bit', () => {
    let compared = 0;
    fc.assert(
      fc.property(fArb, fc.double({ min: 1e-6, max: 1e3, noNaN: true }), (c, width) => {
        const f = make(c);
        const root = firstNonPositiveOnHalfLine(f, 1);
        const a = Math.max(0, root - width);
        const b = root + width;
        if (!(f(a) > 0 && f(b) <= 0)) return;
        expect(brent(f, a, b, { known: { fa: f(a), fb: f(b) } })).toBe(brent(f, a, b));
        compared++;
      }),
      { numRuns: 300 },
    );
    // most brackets are valid ones (a test that skipped them all would compare nothing)
    expect(compared).toBeGreaterThan(100);
  });

  it('firstNonPositiveOnHalfLine evaluates f at most once at each point, and finds the root', () => {
    fc.assert(
      fc.property(fArb, fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (c, scale) => {
        const f = make(c);
        const seen = new Map<number, number>();
        const counted = (x: number) => {
          seen.set(x, (seen.get(x) ?? 0) + 1);
          return f(x);
        };
        const root = firstNonPositiveOnHalfLine(counted, scale);
        expect(Math.max(...seen.values())).toBe(1);
        // the root in closed form: shift + ln(1 / level) / rate, or level^(1/3) / rate
        const exact = c.kind === 'exp' ? c.shift - Math.log(c.level) / c.rate : Math.cbrt(c.level) / c.rate;
        expectClose(root, exact, { rel: 1e-12 }, 'root');
      }),
      { numRuns: 300 },
    );
  });
});
