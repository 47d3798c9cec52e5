import { describe, expect, it } from 'vitest';
import { gaussKronrod15, integrate, integrateToInfinity } from '../../../src/core/math/quadrature.js';
import { expectClose } from '../../helpers/expectClose.js';

describe('Gauss-Kronrod 15 rule', () => {
  it('integrates x^j exactly on [0, 1] for j <= 22 (Kronrod degree 3n + 1), which validates every weight', () => {
    for (let j = 0; j <= 22; j++) {
      const r = gaussKronrod15((x) => x ** j, 0, 1);
      expectClose(r.value, 1 / (j + 1), { rel: 2e-15 }, `x^${j}`);
    }
  });

  it('its Gauss-7 part is exact to degree 13, so the error estimate vanishes there and not at degree 14', () => {
    expect(gaussKronrod15((x) => x ** 13, 0, 1).error).toBeLessThan(1e-15);
    expect(gaussKronrod15((x) => x ** 14, 0, 1).error).toBeGreaterThan(1e-10);
  });
});

describe('adaptive integrate', () => {
  it('smooth and endpoint-singular integrands', () => {
    expectClose(integrate(Math.sin, 0, Math.PI).value, 2, { rel: 1e-14 }, 'sin on [0, pi]');
    expectClose(integrate(Math.sqrt, 0, 1).value, 2 / 3, { rel: 1e-12 }, 'sqrt on [0, 1]');
    expectClose(integrate(Math.log, 0, 1).value, -1, { rel: 1e-12 }, 'log on [0, 1]');
    expectClose(integrate((x) => 1 / (1 + x * x), -1, 1).value, Math.PI / 2, { rel: 1e-14 }, 'arctan');
  });

  it('reports convergence, and zero-width intervals', () => {
    const r = integrate((x) => Math.exp(-x * x), -3, 3);
    expect(r.converged).toBe(true);
    expect(r.errorEstimate).toBeLessThan(1e-12);
    expect(integrate(Math.exp, 2, 2).value).toBe(0);
    expect(() => integrate(Math.exp, 2, 1)).toThrow(RangeError);
    expect(() => integrate(Math.exp, 0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('integrateToInfinity', () => {
  it('gamma integrals: int_0^inf x^4 e^-x dx = 24, int e^(-x/5) = 5', () => {
    expectClose(integrateToInfinity((x) => x ** 4 * Math.exp(-x), 0, 1).value, 24, { rel: 1e-13 }, 'Gamma(5)');
    expectClose(integrateToInfinity((x) => Math.exp(-x / 5), 0, 0.01).value, 5, { rel: 1e-13 }, 'small scale');
    expectClose(integrateToInfinity((x) => Math.exp(-x / 5), 0, 1e4).value, 5, { rel: 1e-13 }, 'large scale');
  });

  it('uses breakpoints for jumps (a shifted exponential survival)', () => {
    const f = (t: number): number => (t < 2 ? 1 : 0.3 * Math.exp(-(t - 2)));
    expectClose(integrateToInfinity(f, 0, 1, {}, [2]).value, 2.3, { rel: 1e-14 }, 'jump at 2');
  });
});
