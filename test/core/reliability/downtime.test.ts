import { describe, expect, it } from 'vitest';
import {
  CALENDAR_CONVENTION,
  downtime,
  fromNines,
  fromUnavailability,
  nines,
  SECONDS_PER_DAY,
  SECONDS_PER_MONTH,
  SECONDS_PER_WEEK,
  SECONDS_PER_YEAR,
} from '../../../src/core/reliability/index.js';
import { expectClose } from '../../helpers/expectClose.js';

describe('calendar constants', () => {
  it('Julian year, month = year / 12, week, day', () => {
    // 365.25 * 86400 = 31,557,600 s; / 12 = 2,629,800 s = 30.4375 days; 7 * 86400 = 604,800 s.
    expect(SECONDS_PER_DAY).toBe(86_400);
    expect(SECONDS_PER_WEEK).toBe(604_800);
    expect(SECONDS_PER_YEAR).toBe(31_557_600);
    expect(SECONDS_PER_MONTH).toBe(2_629_800);
    expect(SECONDS_PER_MONTH / SECONDS_PER_DAY).toBe(30.4375);
    expect(CALENDAR_CONVENTION).toMatch(/365\.25/);
    expect(CALENDAR_CONVENTION).toMatch(/30\.4375/);
  });
});

describe('downtime', () => {
  it('99.99% is 52 min 35.76 s per 365.25-day year', () => {
    // Hand-checkable: 1e-4 * 31,557,600 s = 3,155.76 s = 52 * 60 + 35.76 s.
    const d = downtime(fromNines(4).unavailability);
    expectClose(d.perYearS, 52 * 60 + 35.76, { rel: 1e-15 }, 'per year');
    // 1e-4 * 2,629,800 = 262.98 s (4 min 22.98 s); week 60.48 s; day 8.64 s.
    expectClose(d.perMonthS, 262.98, { rel: 1e-15 }, 'per month');
    expectClose(d.perWeekS, 60.48, { rel: 1e-15 }, 'per week');
    expectClose(d.perDayS, 8.64, { rel: 1e-15 }, 'per day');
  });

  it('99.9% is 8.766 h per year', () => {
    // Hand-checkable: 1e-3 * 8766 h (365.25 * 24 h) = 8.766 h.
    expectClose(downtime(1e-3).perYearS / 3600, 8.766, { rel: 1e-15 }, 'hours per year');
  });

  it('downtime of 1e-12 keeps its digits: 31.5576 us per year', () => {
    expectClose(downtime(fromUnavailability(1e-12).unavailability).perYearS, 3.15576e-5, { rel: 1e-15 }, 'per year');
  });

  it('rejects an unavailability outside [0, 1]', () => {
    expect(() => downtime(-1e-3)).toThrow(/unavailability/);
    expect(() => downtime(1.5)).toThrow(RangeError);
    expect(() => downtime(Number.NaN)).toThrow(RangeError);
  });
});

describe('nines', () => {
  it('nines(1e-12) is 12 exactly; 1e-4 is 4; 1e-3 is 3', () => {
    expect(nines(1e-12)).toBe(12);
    expect(nines(1e-4)).toBe(4);
    expect(nines(1e-3)).toBe(3);
  });

  it('integer nines round-trip through fromNines for 1..22', () => {
    for (let n = 1; n <= 22; n++) {
      // 1 / 10^n is the correctly rounded 10^-n, the same double as the literal 1e-n.
      expect(fromNines(n).unavailability).toBe(Number(`1e-${n}`));
      expectClose(nines(fromNines(n).unavailability), n, { rel: 1e-15 }, `n = ${n}`);
    }
  });

  it('the unavailability of 1 - 1e-12 keeps its digits (compare U, not A)', () => {
    const r = fromNines(12);
    expect(r.unavailability).toBe(1e-12);
    expect(r.availability).toBe(1 - 1e-12);
    // Going through A would lose digits: 1 - 0.999999999999 = 1.000088900582341e-12.
    expect(1 - 0.999999999999).not.toBe(1e-12);
    expect(nines(r.unavailability)).toBe(12);
  });

  it('fractional nines: 3.5 nines is U = 10^-3.5 = 3.162277660168379e-4', () => {
    // 10^-3.5 = 1/sqrt(10^7) = 3.162277660168379e-4.
    expectClose(fromNines(3.5).unavailability, 3.162277660168379e-4, { rel: 1e-15 }, 'U');
    expectClose(nines(3.162277660168379e-4), 3.5, { rel: 1e-15 }, 'nines');
  });

  it('edges: U = 0 is Infinity, U = 1 is 0 (not -0), fromNines(0) is never up', () => {
    expect(nines(0)).toBe(Number.POSITIVE_INFINITY);
    expect(Object.is(nines(1), 0)).toBe(true);
    expect(fromNines(0)).toEqual({ availability: 0, unavailability: 1 });
  });

  it('rejects invalid arguments', () => {
    expect(() => nines(-1)).toThrow(/unavailability/);
    expect(() => nines(2)).toThrow(RangeError);
    expect(() => fromNines(-1)).toThrow(/n must/);
    expect(() => fromNines(Number.NaN)).toThrow(RangeError);
    expect(() => fromNines(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
