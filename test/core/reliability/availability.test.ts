import { describe, expect, it } from 'vitest';
import {
  type Availability,
  fromAvailability,
  fromMtbfMttr,
  fromUnavailability,
  kOfN,
  parallel,
  series,
} from '../../../src/core/reliability/index.js';
import { expectClose } from '../../helpers/expectClose.js';

const HOUR_S = 3600;

function expectSumsToOne(r: Availability, label = ''): void {
  expectClose(r.availability + r.unavailability, 1, { abs: 1e-15 }, `${label} A + U`);
}

describe('fromMtbfMttr', () => {
  it('A = MTBF / (MTBF + MTTR): 2000 h and 2 h give 1000/1001', () => {
    // Hand-checkable: 2000 / 2002 = 1000/1001 = 0.999000999..., U = 2 / 2002 = 1/1001 = 9.99000999...e-4.
    const r = fromMtbfMttr(2000 * HOUR_S, 2 * HOUR_S);
    expectClose(r.availability, 1000 / 1001, { rel: 1e-15 }, 'A');
    expectClose(r.unavailability, 1 / 1001, { rel: 1e-15 }, 'U');
    expectSumsToOne(r);
  });

  it('MTTR longer than MTBF: 1 h up, 3 h down gives A = 1/4', () => {
    // Hand-checkable: 1 / (1 + 3) = 0.25, 3 / 4 = 0.75 (both exact in binary).
    const r = fromMtbfMttr(HOUR_S, 3 * HOUR_S);
    expect(r.availability).toBe(0.25);
    expect(r.unavailability).toBe(0.75);
  });

  it('MTTR = 0 gives exactly A = 1, U = 0', () => {
    expect(fromMtbfMttr(100, 0)).toEqual({ availability: 1, unavailability: 0 });
  });

  it('keeps the digits of U near 1e-12 (where 1 - A would keep four)', () => {
    // Exact: U = 1 / (1e12 + 1) = 9.99999999999000000000000999...e-13. The naive 1 - A gives 1.00008890058e-12.
    const r = fromMtbfMttr(1e12, 1);
    expectClose(r.unavailability, 9.99999999999e-13, { rel: 1e-15 }, 'U');
    const naive = 1 - r.availability;
    expect(Math.abs(naive - 9.99999999999e-13) / 9.99999999999e-13).toBeGreaterThan(1e-6); // the trap is real
  });

  it('rejects invalid arguments with a RangeError naming them', () => {
    expect(() => fromMtbfMttr(0, 1)).toThrow(RangeError);
    expect(() => fromMtbfMttr(0, 1)).toThrow(/mtbfS/);
    expect(() => fromMtbfMttr(-5, 1)).toThrow(/mtbfS/);
    expect(() => fromMtbfMttr(Number.NaN, 1)).toThrow(/mtbfS/);
    expect(() => fromMtbfMttr(Number.POSITIVE_INFINITY, 1)).toThrow(/mtbfS/);
    expect(() => fromMtbfMttr(10, -1)).toThrow(/mttrS/);
    expect(() => fromMtbfMttr(10, Number.NaN)).toThrow(/mttrS/);
  });
});

describe('fromAvailability / fromUnavailability', () => {
  it('U = 1 - A exactly for A >= 1/2 (Sterbenz)', () => {
    const r = fromAvailability(0.75);
    expect(r).toEqual({ availability: 0.75, unavailability: 0.25 });
    expect(fromAvailability(0)).toEqual({ availability: 0, unavailability: 1 });
    expect(fromAvailability(1)).toEqual({ availability: 1, unavailability: 0 });
  });

  it('fromUnavailability keeps U exactly as given', () => {
    const r = fromUnavailability(1e-12);
    expect(r.unavailability).toBe(1e-12);
    expect(r.availability).toBe(1 - 1e-12);
  });

  it('rejects percentages and non-fractions', () => {
    expect(() => fromAvailability(99.9)).toThrow(/availability/);
    expect(() => fromAvailability(-0.1)).toThrow(RangeError);
    expect(() => fromAvailability(Number.NaN)).toThrow(RangeError);
    expect(() => fromUnavailability(1.5)).toThrow(/unavailability/);
    expect(() => fromUnavailability(Number.NaN)).toThrow(RangeError);
  });
});

describe('series', () => {
  it('0.999 and 0.999 in series = 0.998001', () => {
    // Hand-checkable: 0.999^2 = 0.998001; U = 2(0.001) - 0.001^2 = 0.001999.
    const part = fromUnavailability(0.001);
    const r = series([part, part]);
    expectClose(r.availability, 0.998001, { rel: 1e-15 }, 'A');
    expectClose(r.unavailability, 0.001999, { rel: 1e-14 }, 'U');
    expectSumsToOne(r);
  });

  it('1000 parts of U = 1e-12 keep every digit of U', () => {
    // Exact: 1 - (1 - x)^n = n x - C(n,2) x^2 + C(n,3) x^3 - ... with n = 1000, x = 1e-12:
    // 1e-9 - 4.995e-19 + 1.66e-28 = 9.999999995005e-10 (to 13 digits; the next term is 4e-38).
    const r = series(Array.from({ length: 1000 }, () => fromUnavailability(1e-12)));
    expectClose(r.unavailability, 9.999999995005e-10, { rel: 1e-13 }, 'U');
    expectSumsToOne(r);
  });

  it('low availabilities: 0.1 * 0.2 * 0.3 = 0.006', () => {
    // Hand-checkable product; U = 0.994.
    const r = series([fromAvailability(0.1), fromAvailability(0.2), fromAvailability(0.3)]);
    expectClose(r.availability, 0.006, { rel: 1e-15 }, 'A');
    expectClose(r.unavailability, 0.994, { rel: 1e-15 }, 'U');
  });

  it('a part that is never up makes the series never up; a single part is itself', () => {
    expect(series([fromAvailability(0), fromAvailability(0.9)])).toEqual({ availability: 0, unavailability: 1 });
    const r = series([fromUnavailability(3e-7)]);
    expectClose(r.unavailability, 3e-7, { rel: 1e-15 }, 'U');
  });

  it('rejects empty or inconsistent parts, naming the index', () => {
    expect(() => series([])).toThrow(/parts/);
    expect(() => series([fromAvailability(0.5), { availability: 0.5, unavailability: 0.6 }])).toThrow(/parts\[1\]/);
    expect(() => series([{ availability: 99, unavailability: -98 }])).toThrow(RangeError);
  });
});

describe('parallel', () => {
  it('two 0.99 in parallel = 0.9999', () => {
    // Hand-checkable: U = 0.01^2 = 1e-4.
    const part = fromUnavailability(0.01);
    const r = parallel([part, part]);
    expectClose(r.availability, 0.9999, { rel: 1e-15 }, 'A');
    expectClose(r.unavailability, 1e-4, { rel: 1e-15 }, 'U');
    expectSumsToOne(r);
  });

  it('three parts of U = 1e-9 give U = 1e-27, not 0', () => {
    // Hand-checkable: (1e-9)^3; 1 - A would be exactly 0 in doubles.
    const part = fromUnavailability(1e-9);
    const r = parallel([part, part, part]);
    expectClose(r.unavailability, 1e-27, { rel: 1e-15 }, 'U');
    expect(r.availability).toBe(1);
  });

  it('low availabilities: 0.1 and 0.2 in parallel = 0.28', () => {
    // Hand-checkable: 1 - 0.9 * 0.8 = 0.28, U = 0.72.
    const r = parallel([fromAvailability(0.1), fromAvailability(0.2)]);
    expectClose(r.availability, 0.28, { rel: 1e-15 }, 'A');
    expectClose(r.unavailability, 0.72, { rel: 1e-15 }, 'U');
  });

  it('parts that are rarely up keep the digits of A: two parts with A = 1e-10 give A = 1.9999999999e-10', () => {
    // Hand-checkable: 1 - (1 - a)^2 = 2a - a^2 = 2e-10 - 1e-20; 1 - U would give 2.00000016e-10.
    const part = fromAvailability(1e-10);
    const r = parallel([part, part]);
    expectClose(r.availability, 1.9999999999e-10, { rel: 1e-14 }, 'A');
    expectSumsToOne(r);
  });

  it('rejects empty input', () => {
    expect(() => parallel([])).toThrow(/parts/);
  });
});

describe('kOfN', () => {
  it('2-of-3 at 0.99 = 0.999702 (3p^2 - 2p^3)', () => {
    // Hand-checkable: 3(0.99)^2 - 2(0.99)^3 = 2.9403 - 1.940598 = 0.999702; U = 3 p q^2 + q^3 = 2.97e-4 + 1e-6.
    const r = kOfN(2, 3, fromUnavailability(0.01));
    expectClose(r.availability, 0.999702, { rel: 1e-15 }, 'A');
    expectClose(r.unavailability, 2.98e-4, { rel: 1e-14 }, 'U');
    expectSumsToOne(r);
  });

  it('2-of-3 at U = 1e-9 keeps U = 3pq^2 + q^3 = 2.999999998e-18 (1 - A would be 0)', () => {
    // Hand-checkable: 3 (1 - 1e-9) 1e-18 + 1e-27 = 3e-18 - 3e-27 + 1e-27 = 2.999999998e-18.
    const r = kOfN(2, 3, fromUnavailability(1e-9));
    expectClose(r.unavailability, 2.999999998e-18, { rel: 1e-14 }, 'U');
  });

  it('3-of-5 at 0.9 = 0.99144', () => {
    // Hand-checkable: P(X >= 3), X ~ Bin(5, 0.9) = 0.9^5 + 5(0.9^4)(0.1) + 10(0.9^3)(0.01)
    // = 0.59049 + 0.32805 + 0.0729 = 0.99144; U = 0.00856.
    const r = kOfN(3, 5, fromUnavailability(0.1));
    expectClose(r.availability, 0.99144, { rel: 1e-14 }, 'A');
    expectClose(r.unavailability, 0.00856, { rel: 1e-13 }, 'U');
  });

  it('k = 0 is always up; degenerate parts', () => {
    expect(kOfN(0, 4, fromAvailability(0.3))).toEqual({ availability: 1, unavailability: 0 });
    expect(kOfN(2, 4, fromAvailability(1))).toEqual({ availability: 1, unavailability: 0 });
    expect(kOfN(1, 4, fromAvailability(0))).toEqual({ availability: 0, unavailability: 1 });
  });

  it('p = 1/2 is symmetric: k-of-n A equals (n-k+1)-of-n U', () => {
    const half = fromAvailability(0.5);
    for (const [k, n] of [
      [3, 7],
      [1, 10],
      [40, 101],
    ] as const) {
      expectClose(kOfN(k, n, half).availability, kOfN(n - k + 1, n, half).unavailability, { rel: 1e-13 }, `${k}/${n}`);
    }
  });

  it('rejects invalid k and n, naming them', () => {
    const p = fromAvailability(0.9);
    expect(() => kOfN(4, 3, p)).toThrow(/k must be <= n/);
    expect(() => kOfN(-1, 3, p)).toThrow(/k/);
    expect(() => kOfN(1.5, 3, p)).toThrow(/k/);
    expect(() => kOfN(1, 0, p)).toThrow(/n must/);
    expect(() => kOfN(1, 2.5, p)).toThrow(/n must/);
    expect(() => kOfN(1, 2, { availability: 0.9, unavailability: 0.9 })).toThrow(/part/);
  });
});
