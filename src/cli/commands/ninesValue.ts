import { nines } from '../../core/reliability/index.js';
import { formatNines } from '../../units/format.js';

/** Smallest positive double: an unavailability that underflows to 0 is below this. */
const SMALLEST_UNAVAILABILITY = Number.MIN_VALUE;

/**
 * Nines for output. JSON has no Infinity: when the unavailability underflows to 0 (far beyond anything physical),
 * report the nines of the smallest double as a lower bound and say so, rather than a null or a made-up number.
 */
export function reportedNines(unavailability: number): { value: number; text: string; note?: string } {
  if (unavailability > 0) {
    const value = nines(unavailability);
    return { value, text: formatNines(value) };
  }
  const value = nines(SMALLEST_UNAVAILABILITY);
  return {
    value,
    text: `more than ${formatNines(value)}`,
    note: `unavailability below ${SMALLEST_UNAVAILABILITY} (double-precision underflow): nines is a lower bound`,
  };
}
