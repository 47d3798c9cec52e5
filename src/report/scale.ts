/**
 * Axis ticks, in one place for every chart: "nice" values at 1, 2 and 5 x 10^k (2.5 too for the SVG axes). The SVG
 * charts take one axis from 0 to a nice top (`linearTicks`) or the 1-2-5 values of a log axis (`logTicks`); the
 * text charts choose among tick sets, densest first (`linearTickSets`, `logTickSets`), the one whose labels fit the
 * character grid. Pure.
 */

// --- the SVG charts: a fixed number of intervals

/** A "nice" step (1, 2 or 5 x 10^k) giving about `count` intervals over `range`. */
export function niceStep(range: number, count: number): number {
  const raw = range / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

/** Linear ticks from 0 to the first nice value >= max. */
export function linearTicks(max: number, count: number): { top: number; ticks: number[] } {
  const m = max > 0 && Number.isFinite(max) ? max : 1;
  const step = niceStep(m, count);
  const top = Math.ceil(m / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let k = 0; k * step <= top + step * 1e-9; k++) ticks.push(k * step);
  return { top, ticks };
}

/** Log ticks 1, 2, 5 x 10^k within [lo, hi]. */
export function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)) + 1; e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
    }
  }
  return out;
}

// --- the text charts: sets to choose from

export interface Tick {
  /** Position on the (transformed) axis. */
  t: number;
  value: number;
}

export const NICE = [1, 2, 5];

/** Tick sets at 1-2-5 steps for [lo, hi], densest first (values in data units; `tr` maps to axis units). */
export function linearTickSets(lo: number, hi: number, tr: (v: number) => number): Tick[][] {
  const span = hi - lo;
  if (!(span > 0) || !Number.isFinite(span)) return [];
  const sets: Tick[][] = [];
  const e0 = Math.floor(Math.log10(span / 60));
  if (!Number.isFinite(e0)) return []; // a span so small that span / 60 underflows
  for (let e = e0; e <= e0 + 4; e++) {
    for (const m of NICE) {
      const step = m * 10 ** e;
      if (!(step > 0 && Number.isFinite(step))) continue;
      if (step > span * 1.0000001) continue;
      const first = Math.ceil(lo / step - 1e-9);
      const last = Math.floor(hi / step + 1e-9);
      // count, not step, the ticks: past 2^53 adding 1 to k no longer changes it
      if (!(last - first <= 200) || Math.abs(first) > 2 ** 50) continue;
      const set: Tick[] = [];
      for (let j = 0; j <= last - first; j++) {
        const v = Number(((first + j) * step).toPrecision(12));
        set.push({ t: tr(v), value: v });
      }
      if (set.length > 0) sets.push(set);
    }
  }
  return sets;
}

/** Tick sets for a log axis ([lo, hi] in log10 units), densest first. */
export function logTickSets(lo: number, hi: number): Tick[][] {
  const sets: Tick[][] = [];
  const eLo = Math.floor(lo);
  const eHi = Math.ceil(hi);
  const within = (t: number) => t >= lo - 1e-9 && t <= hi + 1e-9;
  for (const mantissas of [[1, 2, 5], [1, 3], [1]]) {
    const set: Tick[] = [];
    for (let e = eLo; e <= eHi; e++) {
      for (const m of mantissas) {
        const v = Number((m * 10 ** e).toPrecision(12));
        const t = Math.log10(v);
        if (within(t)) set.push({ t, value: v });
      }
    }
    if (set.length > 0) sets.push(set);
  }
  for (let every = 2; every <= Math.max(2, eHi - eLo); every++) {
    const set: Tick[] = [];
    for (let e = Math.ceil(lo / every) * every; e <= hi + 1e-9; e += every) {
      set.push({ t: e, value: Number((10 ** e).toPrecision(12)) });
    }
    if (set.length > 0) sets.push(set);
  }
  // less than about a decade: linear steps read better
  if (hi - lo < 1.2) sets.push(...linearTickSets(10 ** lo, 10 ** hi, Math.log10));
  return sets.sort((a, b) => b.length - a.length);
}
