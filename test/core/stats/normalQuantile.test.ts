import { describe, expect, it } from 'vitest';
import { erfc } from '../../../src/core/math/special.js';
import { normalQuantile, Z95 } from '../../../src/core/stats/normalQuantile.js';
import { expectClose } from '../../helpers/expectClose.js';

/**
 * Phi^-1(p) for the double p, by mpmath at 40 digits (solving ln Phi(x) = ln p, so that the far tail keeps its
 * digits), rounded to a double.
 */
const MPMATH: readonly (readonly [number, number])[] = [
  [0.5, 0],
  [0.975, 1.9599639845400538],
  [0.025, -1.9599639845400543],
  [0.05, -1.6448536269514726],
  [0.95, 1.6448536269514722],
  [0.9, 1.2815515655446006],
  [0.1, -1.2815515655446004],
  [0.075, -1.439531470938456],
  [0.925, 1.4395314709384561],
  [0.0749, -1.4402382675279637],
  [0.3, -0.5244005127080408],
  [0.7, 0.5244005127080407],
  [0.999, 3.090232306167813],
  [0.001, -3.0902323061678136],
  [1e-5, -4.264890793922825],
  [1e-10, -6.361340902404057],
  [1.3887943864964021e-11, -6.657904643501103], // r = 5 exactly: the boundary of the two tail approximations
  [1e-20, -9.262340089798407],
  [1e-100, -21.273453560965326],
  [1e-300, -37.0470962993612],
  [0.99999, 4.264890793923841],
  [0.6, 0.2533471031357997],
  [0.01, -2.326347874040841],
  [0.42, -0.20189347914185088],
  [0.9999999, 5.199337582290661],
  [0.5000001, 2.506628273311648e-7],
];

describe('normalQuantile (Wichura AS 241)', () => {
  it('gives the textbook values to 1e-12 relative', () => {
    expectClose(normalQuantile(0.975), 1.959963984540054, { rel: 1e-12 }, '0.975');
    expect(normalQuantile(0.5)).toBe(0);
    expectClose(normalQuantile(0.05), -1.6448536269514722, { rel: 1e-12 }, '0.05');
    expectClose(normalQuantile(1e-10), -6.361340902404056, { rel: 1e-12 }, '1e-10');
    expectClose(-normalQuantile(0.05), Z95, { rel: 1e-15 }, 'Z95');
  });

  it('matches mpmath to 1e-15 relative, from 1e-300 to 1 - 1e-7', () => {
    for (const [p, x] of MPMATH) {
      if (x === 0) expect(normalQuantile(p)).toBe(0);
      else expectClose(normalQuantile(p), x, { rel: 1e-15 }, `p = ${p}`);
    }
  });

  it('inverts Phi(x) = erfc(-x / sqrt 2) / 2 over the whole range', () => {
    for (let e = -300; e <= -1; e += 0.5) {
      const p = 10 ** e;
      expectClose(0.5 * erfc(-normalQuantile(p) / Math.SQRT2), p, { rel: 1e-12 }, `p = ${p}`);
    }
    for (let p = 0.001; p < 1; p += 0.001) {
      const q = Math.min(p, 1 - p);
      const x = normalQuantile(p);
      const tail = 0.5 * erfc(Math.abs(x) / Math.SQRT2); // the smaller of Phi(x) and 1 - Phi(x)
      expectClose(tail, q, { rel: 1e-12 }, `p = ${p}`);
    }
  });

  it('is odd about 1/2 and increasing', () => {
    // (p with 1 - p exact in binary where the tail is steep)
    for (const p of [2 ** -40, 0.01, 0.07, 0.2, 0.3, 0.425]) {
      expectClose(normalQuantile(1 - p), -normalQuantile(p), { rel: 1e-13 }, `p = ${p}`);
    }
    let previous = Number.NEGATIVE_INFINITY;
    const notIncreasing: number[] = [];
    for (let i = 1; i < 100_000; i++) {
      const x = normalQuantile(i / 100_000);
      if (!(x > previous)) notIncreasing.push(i / 100_000);
      previous = x;
    }
    expect(notIncreasing).toStrictEqual([]);
  });

  it('gives the infinities at 0 and 1, and refuses anything outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isFinite(normalQuantile(Number.MIN_VALUE))).toBe(true); // the smallest positive double
    expect(Number.isFinite(normalQuantile(1 - 2 ** -53))).toBe(true); // the largest double below 1
    for (const p of [-0.1, 1.1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => normalQuantile(p)).toThrow(RangeError);
    }
  });
});
