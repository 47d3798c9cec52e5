/**
 * A text line chart (cost against load, the frontier): series drawn as symbols on a character grid, joined by dots,
 * with tick labels that fit, marks as vertical lines and rules as horizontal ones. Every line is at most `width`
 * characters. Pure.
 */

import { linearTickSets, logTickSets, type Tick } from '../scale.js';
import {
  ASCII,
  chars,
  checkWidth,
  clip,
  FALLBACK_SYMBOLS,
  len,
  padStart,
  symbolsFor,
  textFor,
  UNICODE,
  wrapWords,
} from './glyphs.js';

export interface LineSeries {
  label: string;
  /** One character drawn at each point (replaced when not usable: not one column, taken, or not ASCII in ascii mode). */
  symbol: string;
  /** Points in any order; a null (or non-finite) y is a gap: the line is broken there. */
  points: readonly { x: number; y: number | null }[];
}

export interface LineChartOptions {
  series: readonly LineSeries[];
  /** Total width in columns (at least 20; 40 to 200 is the designed range). */
  width: number;
  /** Total number of lines returned (at least 6), legend and axes included. */
  height: number;
  /** Logarithmic x axis (points with x <= 0 are left out). */
  logX?: boolean;
  /** Logarithmic y axis (points with y <= 0 are gaps). */
  logY?: boolean;
  xFormat(x: number): string;
  yFormat(y: number): string;
  /** Vertical lines at these x values, labelled above the plot (e.g. a crossover). */
  marks?: readonly { x: number; label: string }[];
  /**
   * Horizontal lines at these y values (e.g. a target), listed in the legend and kept inside the y range; drawn under
   * the points, the connectors and the marks, so that a point on the line is still its series' symbol.
   */
  rules?: readonly { y: number; label: string }[];
  /** Join consecutive points with dots (default true). */
  connect?: boolean;
  ascii?: boolean;
}

/**
 * A line chart: y ticks on the left, x ticks below, one symbol per data point (overlapping points of different series
 * drawn with a distinct character, listed in the legend), consecutive points joined by dots, marks as vertical lines
 * with a pointer and label above the plot, and a legend below. Exactly `height` lines of at most `width` characters.
 *
 * Geometry (what tests and callers can rely on): the line below the plot starts with the y-label gutter, then the
 * corner at column `g`; the plot area is columns g+1 .. width-1 (`plotWidth` = width - g - 1). A value x maps to
 * plot column round((t(x) - t0) / (t1 - t0) * (plotWidth - 1)), t the identity or log10, [t0, t1] the range of every
 * point's x and every mark; y maps to row round((u1 - u(y)) / (u1 - u0) * (rows - 1)) from the top, [u0, u1] the
 * range of the drawn y values and
 * every rule.
 */
export function lineChart(o: LineChartOptions): string[] {
  checkWidth(o.width, 20);
  if (!Number.isInteger(o.height) || o.height < 6)
    throw new RangeError(`height must be an integer >= 6, got ${o.height}`);
  const ascii = o.ascii === true;
  const g = ascii ? ASCII : UNICODE;
  const text = textFor(ascii);
  const width = o.width;
  const tx = (x: number) => (o.logX ? Math.log10(x) : x);
  const ty = (y: number) => (o.logY ? Math.log10(y) : y);
  const validX = (x: number) => Number.isFinite(x) && (!o.logX || x > 0);
  const validY = (y: number | null): y is number => y !== null && Number.isFinite(y) && (!o.logY || y > 0);

  const symbols = symbolsFor(
    o.series.map((s) => s.symbol),
    ascii,
    FALLBACK_SYMBOLS,
    [g.overlap, g.connector, g.mark, g.axisV, g.axisH, g.pointer, g.rule],
  );
  const series = o.series.map((s, i) => ({
    label: text(s.label),
    symbol: symbols[i] as string,
    points: s.points
      .filter((p) => validX(p.x))
      .map((p) => ({ t: tx(p.x), u: validY(p.y) ? ty(p.y) : null }))
      .sort((a, b) => a.t - b.t),
  }));
  const marks = (o.marks ?? []).filter((m) => validX(m.x)).map((m) => ({ t: tx(m.x), label: text(m.label) }));
  const rules = (o.rules ?? []).filter((r) => validY(r.y)).map((r) => ({ u: ty(r.y), label: text(r.label) }));

  // ranges
  const ts = [...series.flatMap((s) => s.points.map((p) => p.t)), ...marks.map((m) => m.t)];
  let t0 = ts.length > 0 ? Math.min(...ts) : 0;
  let t1 = ts.length > 0 ? Math.max(...ts) : 1;
  if (t0 === t1) {
    t0 -= 0.5;
    t1 += 0.5;
  }
  const us = [
    ...series.flatMap((s) => s.points.map((p) => p.u).filter((u): u is number => u !== null)),
    ...rules.map((r) => r.u),
  ];
  let u0 = us.length > 0 ? Math.min(...us) : 0;
  let u1 = us.length > 0 ? Math.max(...us) : 1;
  if (u0 === u1) {
    const pad = o.logY ? 0.5 : Math.abs(u0) > 0 ? Math.abs(u0) * 0.1 : 1;
    u0 -= pad;
    u1 += pad;
  }

  // legend (always lists the overlap character when two series could meet)
  const legendItems = series.map((s) => `${s.symbol} ${s.label}`);
  legendItems.push(...rules.map((r) => `${g.rule} ${r.label}`));
  if (series.length > 1) legendItems.push(`${g.overlap} overlap`);
  const markRows = marks.length > 0 ? 1 : 0;
  const maxLegend = Math.max(1, o.height - 2 - markRows - 2);
  let legend = wrapWords(legendItems, width, '   ');
  if (legend.length > maxLegend) {
    legend = legend.slice(0, maxLegend);
    const last = legend.length - 1;
    legend[last] = clip(`${legend[last]} ${g.ellipsis}`, width, g.ellipsis);
  }
  const rows = Math.max(2, o.height - 2 - markRows - legend.length);

  // y ticks: the densest nice set with labels at least two rows apart
  const rowOf = (u: number) => Math.round(((u1 - u) / (u1 - u0)) * (rows - 1));
  const ySets = o.logY ? logTickSets(u0, u1) : linearTickSets(u0, u1, (v) => v);
  let yTicks: { row: number; label: string }[] = [];
  for (const set of ySets) {
    const placed = set.map((k) => ({ row: rowOf(k.t), label: text(o.yFormat(k.value)) }));
    const spaced = placed.every((p, i) => i === 0 || Math.abs(p.row - (placed[i - 1] as { row: number }).row) >= 2);
    if (placed.length >= 2 && spaced) {
      yTicks = placed;
      break;
    }
  }
  if (yTicks.length === 0) {
    const value = (u: number) => (o.logY ? 10 ** u : u);
    yTicks = [{ row: 0, label: text(o.yFormat(value(u1))) }];
    if (rows >= 2) yTicks.push({ row: rows - 1, label: text(o.yFormat(value(u0))) });
  }
  const gutter = Math.min(Math.max(...yTicks.map((k) => len(k.label)), 0), Math.max(1, Math.floor(width / 3)));
  for (const k of yTicks) k.label = clip(k.label, gutter, g.ellipsis);
  const plotW = width - gutter - 1;
  const colOf = (t: number) => Math.round(((t - t0) / (t1 - t0)) * (plotW - 1));

  // x ticks: the densest set whose labels, centred on their ticks, keep two spaces apart
  const xSets = o.logX ? logTickSets(t0, t1) : linearTickSets(t0, t1, (v) => v);
  const placeX = (set: Tick[]) => {
    const out: { col: number; start: number; label: string }[] = [];
    for (const k of set) {
      const label = clip(text(o.xFormat(k.value)), width, g.ellipsis);
      const col = colOf(k.t);
      const L = len(label);
      const start = Math.min(Math.max(0, gutter + 1 + col - Math.floor(L / 2)), width - L);
      const prev = out[out.length - 1];
      if (prev && (col === prev.col || start < prev.start + len(prev.label) + 2)) return null;
      out.push({ col, start, label });
    }
    return out;
  };
  let xTicks: { col: number; start: number; label: string }[] = [];
  for (const set of xSets) {
    const placed = placeX(set);
    if (placed && placed.length >= 2) {
      xTicks = placed;
      break;
    }
  }
  if (xTicks.length === 0) {
    const value = (t: number) => (o.logX ? 10 ** t : t);
    const ends = placeX([
      { t: t0, value: value(t0) },
      { t: t1, value: value(t1) },
    ]);
    xTicks = ends ?? placeX([{ t: t0, value: value(t0) }]) ?? [];
  }

  // the plot
  const EMPTY = -1;
  const CONNECTOR = -2;
  const MARK = -3;
  const OVERLAP = -4;
  const RULE = -5;
  const grid: number[][] = Array.from({ length: rows }, () => new Array<number>(plotW).fill(EMPTY));
  const put = (r: number, c: number, v: number) => {
    const line = grid[r];
    if (line && c >= 0 && c < plotW) line[c] = v;
  };
  const get = (r: number, c: number) => grid[r]?.[c] ?? EMPTY;
  const rowF = (u: number) => ((u1 - u) / (u1 - u0)) * (rows - 1);
  const colF = (t: number) => ((t - t0) / (t1 - t0)) * (plotW - 1);
  for (const r of rules) grid[rowOf(r.u)]?.fill(RULE);
  if (o.connect !== false) {
    for (const s of series) {
      for (let i = 0; i + 1 < s.points.length; i++) {
        const a = s.points[i] as { t: number; u: number | null };
        const b = s.points[i + 1] as { t: number; u: number | null };
        if (a.u === null || b.u === null) continue;
        const ca = colF(a.t);
        const cb = colF(b.t);
        const ra = rowF(a.u);
        const rb = rowF(b.u);
        const rAt = (c: number) => (cb === ca ? ra : ra + ((rb - ra) * (c - ca)) / (cb - ca));
        for (let c = Math.round(ca); c <= Math.round(cb); c++) {
          const lo = Math.max(ca, c - 0.5);
          const hi = Math.min(cb, c + 0.5);
          if (lo > hi && cb !== ca) continue;
          const r1 = Math.round(cb === ca ? Math.min(ra, rb) : Math.min(rAt(lo), rAt(hi)));
          const r2 = Math.round(cb === ca ? Math.max(ra, rb) : Math.max(rAt(lo), rAt(hi)));
          for (let r = r1; r <= r2; r++) if (get(r, c) === EMPTY || get(r, c) === RULE) put(r, c, CONNECTOR);
        }
      }
    }
  }
  const markCols = marks.map((m) => colOf(m.t));
  for (const c of markCols) for (let r = 0; r < rows; r++) if (get(r, c) < 0) put(r, c, MARK);
  series.forEach((s, i) => {
    for (const p of s.points) {
      if (p.u === null) continue;
      const r = rowOf(p.u);
      const c = colOf(p.t);
      const was = get(r, c);
      put(r, c, was >= 0 && was !== i ? OVERLAP : was === OVERLAP ? OVERLAP : i);
    }
  });

  const lines: string[] = [];
  if (marks.length > 0) {
    const line = new Array<string>(width).fill(' ');
    let free = 0; // first column not taken by an earlier label
    const order = marks.map((m, i) => ({ label: m.label, col: gutter + 1 + (markCols[i] as number) }));
    order.sort((a, b) => a.col - b.col);
    for (const m of order) {
      if (m.col < free) {
        if (line[m.col] === ' ') line[m.col] = g.pointer;
        continue;
      }
      line[m.col] = g.pointer;
      const L = len(m.label);
      const right = width - m.col - 2; // a label right of the pointer starts at col + 2
      const left = m.col - 1 - free; // a label left of it ends at col - 2
      if (L === 0 || Math.max(right, left) < Math.min(L, 4)) {
        free = m.col + 1;
      } else if (L <= right || right >= left) {
        const label = chars(clip(m.label, right, g.ellipsis));
        label.forEach((ch, k) => {
          line[m.col + 2 + k] = ch;
        });
        free = m.col + 2 + label.length + 1;
      } else {
        const label = chars(clip(m.label, left, g.ellipsis));
        label.forEach((ch, k) => {
          line[m.col - 1 - label.length + k] = ch;
        });
        free = m.col + 1;
      }
    }
    lines.push(line.join('').trimEnd());
  }
  const glyph = (v: number) =>
    v >= 0
      ? (series[v]?.symbol ?? '?')
      : v === CONNECTOR
        ? g.connector
        : v === MARK
          ? g.mark
          : v === OVERLAP
            ? g.overlap
            : v === RULE
              ? g.rule
              : ' ';
  for (let r = 0; r < rows; r++) {
    const tick = yTicks.find((k) => k.row === r);
    const body = (grid[r] as number[]).map(glyph).join('');
    lines.push(`${padStart(tick?.label ?? '', gutter)}${tick ? g.yTick : g.axisV}${body}`.trimEnd());
  }
  const axis = new Array<string>(plotW).fill(g.axisH);
  for (const k of xTicks) axis[k.col] = g.xTick;
  lines.push(`${' '.repeat(gutter)}${g.corner}${axis.join('')}`);
  const labels = new Array<string>(width).fill(' ');
  for (const k of xTicks) {
    chars(k.label).forEach((ch, i) => {
      labels[k.start + i] = ch;
    });
  }
  lines.push(labels.join('').trimEnd());
  lines.push(...legend);
  return lines.map((l) => clip(l, width, ''));
}
