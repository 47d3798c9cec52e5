/**
 * Nines and downtime budgets.
 *
 * Calendar conventions (the ones SLA calculators such as uptime.is use):
 * - year  = Julian year of 365.25 days = 31,557,600 s (365 days plus a leap day every 4 years; the IAU year);
 * - month = year / 12 = 30.4375 days = 2,629,800 s;
 * - week  = 7 days = 604,800 s;
 * - day   = 86,400 s (no leap seconds).
 *
 * Everything here takes an *unavailability* (a fraction in [0, 1]) rather than an availability, so that
 * U = 1e-12 keeps all its digits instead of being recovered as 1 - 0.999999999999.
 */
import type { Availability } from './availability.js';
import { fromUnavailability } from './availability.js';

export const SECONDS_PER_DAY: number = 86_400;
export const SECONDS_PER_WEEK: number = 7 * SECONDS_PER_DAY;
/** Julian year: 365.25 days. */
export const SECONDS_PER_YEAR: number = 365.25 * SECONDS_PER_DAY;
/** One twelfth of a Julian year: 30.4375 days. */
export const SECONDS_PER_MONTH: number = SECONDS_PER_YEAR / 12;

/** One sentence, printed by the CLI next to downtime figures. */
export const CALENDAR_CONVENTION: string =
  'Downtime assumes a Julian year of 365.25 days (31,557,600 s), a month of one twelfth of that year ' +
  '(30.4375 days), a week of 7 days and a day of 86,400 s.';

function checkUnavailability(unavailability: number, name: string): void {
  if (typeof unavailability !== 'number' || !(unavailability >= 0 && unavailability <= 1)) {
    throw new RangeError(`${name} must be a number in [0, 1], got ${String(unavailability)}`);
  }
}

/**
 * Number of nines of an unavailability U: n = -log10(U), so U = 1e-4 (99.99%) gives 4 and U = 1e-12 gives 12
 * exactly. Returns Infinity only for U = 0 (callers decide how to print "never down"); U = 1 gives 0.
 * @example nines(0.0005) // 3.30103
 */
export function nines(unavailability: number): number {
  checkUnavailability(unavailability, 'unavailability');
  if (unavailability === 1) return 0; // avoid -0
  return -Math.log10(unavailability);
}

/**
 * The availability with n nines: U = 10^-n computed directly (never as 1 - A). For integer n <= 22, 10^n is an
 * exact double and U = 1 / 10^n is the correctly rounded 10^-n, identical to the literal `1e-n`; otherwise
 * U = 10^-n by Math.pow. A = 1 - U is then exact by Sterbenz's lemma for U >= 0.5 and correct to half an ulp
 * otherwise.
 */
export function fromNines(n: number): Availability {
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
    throw new RangeError(`n must be a finite number >= 0, got ${String(n)}`);
  }
  const unavailability = Number.isInteger(n) && n <= 22 ? 1 / 10 ** n : 10 ** -n;
  return fromUnavailability(unavailability);
}

export interface Downtime {
  perYearS: number;
  perMonthS: number;
  perWeekS: number;
  perDayS: number;
}

/**
 * Expected downtime per calendar period: downtime = U * period (steady state: the long-run fraction of time down is
 * U; Trivedi, *Probability and Statistics with Reliability, Queuing and Computer Science Applications*, 2nd ed., on
 * steady-state availability). 99.99% (U = 1e-4) gives 3,155.76 s = 52 min 35.76 s per year.
 */
export function downtime(unavailability: number): Downtime {
  checkUnavailability(unavailability, 'unavailability');
  return {
    perYearS: unavailability * SECONDS_PER_YEAR,
    perMonthS: unavailability * SECONDS_PER_MONTH,
    perWeekS: unavailability * SECONDS_PER_WEEK,
    perDayS: unavailability * SECONDS_PER_DAY,
  };
}
