/**
 * MTBF and MTTR from an incident log over an observation window, with the classical chi-square interval for the
 * MTBF of a time-terminated test (exponential times between failures; Epstein 1960; NIST/SEMATECH e-Handbook of
 * Statistical Methods, section 8.4.5.1; MIL-HDBK-338B section 8.3.2.5).
 *
 * With r failures and a total up time T (the window minus the time inside incidents, overlapping incidents counted
 * once), the MTBF estimate is T / r (the mean up time between failures, which is what the availability model's MTBF
 * is: A = MTBF / (MTBF + MTTR)); the two-sided 90% interval is
 *   [2T / chi^2(0.95; 2r + 2), 2T / chi^2(0.05; 2r)],
 * whose upper end is unbounded for r = 0 (no failure seen: only a lower bound). The MTTR is the mean incident length.
 */
import { chiSquareQuantile } from '../stats/chiSquare.js';

/** One incident: when the failure began and when service was restored, seconds on any common clock. */
export interface Incident {
  startS: number;
  endS: number;
}

export interface FailureFit {
  failures: number;
  /** Length of the window, hours. */
  observedHours: number;
  /** The window minus the union of the incidents, hours (T). */
  upHours: number;
  /** T / r; null when r = 0. */
  mtbfHours: number | null;
  /** Mean incident length, hours; null when r = 0. */
  mttrHours: number | null;
  /** 90% two-sided chi-square interval of the MTBF; the upper end null (unbounded) when r = 0. */
  ci90: { mtbfHours: [number, number | null] };
  method: string;
}

export const FAILURES_METHOD =
  'MTBF = up time / failures (exponential times between failures); 90% interval chi-square for a time-terminated test: [2T/chi2(0.95; 2r+2), 2T/chi2(0.05; 2r)]; MTTR = mean incident length';

const HOUR_S = 3600;

/**
 * MTBF, MTTR and the MTBF's 90% interval of incidents observed from windowStartS to windowEndS.
 * @param incidents each inside the window, start <= end (any order)
 * @param windowStartS start of the observation window, seconds
 * @param windowEndS end of the observation window, seconds (> start)
 * @throws RangeError on an empty window, an incident outside it, or one that ends before it starts
 * @example fitFailures([{ startS: 0, endS: 3600 }], 0, 36000).mtbfHours // 9
 */
export function fitFailures(incidents: readonly Incident[], windowStartS: number, windowEndS: number): FailureFit {
  if (!(windowEndS > windowStartS)) throw new RangeError(`fitFailures: empty window [${windowStartS}, ${windowEndS}]`);
  for (const i of incidents) {
    if (!(i.endS >= i.startS))
      throw new RangeError(`fitFailures: an incident ends before it starts (${i.startS}, ${i.endS})`);
    if (!(i.startS >= windowStartS && i.endS <= windowEndS)) {
      throw new RangeError(`fitFailures: incident [${i.startS}, ${i.endS}] outside the window`);
    }
  }
  const sorted = [...incidents].sort((a, b) => a.startS - b.startS || a.endS - b.endS);
  // the union of the incidents: overlapping ones are down once
  let downS = 0;
  let coverEnd = Number.NEGATIVE_INFINITY;
  let totalRepairS = 0;
  for (const i of sorted) {
    totalRepairS += i.endS - i.startS;
    const from = Math.max(i.startS, coverEnd);
    if (i.endS > from) downS += i.endS - from;
    coverEnd = Math.max(coverEnd, i.endS);
  }
  const r = sorted.length;
  const observedHours = (windowEndS - windowStartS) / HOUR_S;
  const upHours = (windowEndS - windowStartS - downS) / HOUR_S;
  const lower = (2 * upHours) / chiSquareQuantile(0.95, 2 * r + 2);
  const upper = r === 0 ? null : (2 * upHours) / chiSquareQuantile(0.05, 2 * r);
  return {
    failures: r,
    observedHours,
    upHours,
    mtbfHours: r === 0 ? null : upHours / r,
    mttrHours: r === 0 ? null : totalRepairS / r / HOUR_S,
    ci90: { mtbfHours: [lower, upper] },
    method: FAILURES_METHOD,
  };
}
