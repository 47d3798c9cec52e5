/**
 * Plain text charts for the terminal UI and the design-review worksheet: a line chart (cost against load), stacked
 * horizontal bars (p99 split into network and queueing per user region) and a budget bar (downtime against the
 * availability target's allowance). They read without colour; Unicode box and block characters by default, only
 * ASCII with `ascii: true` (every label and formatted number is then transliterated too). Pure: options in, lines
 * out; every line is at most `width` characters (code points; every character used is one column wide).
 */

type Glyphs = {
  axisV: string;
  axisH: string;
  corner: string;
  yTick: string;
  xTick: string;
  mark: string;
  pointer: string;
  connector: string;
  overlap: string;
  ellipsis: string;
  rule: string;
  fill: string;
  over: string;
  empty: string;
  budget: string;
};

const UNICODE: Glyphs = {
  axisV: '│',
  axisH: '─',
  corner: '└',
  yTick: '┤',
  xTick: '┬',
  mark: '┆',
  pointer: '▼',
  connector: '·',
  overlap: '◆',
  ellipsis: '…',
  rule: '╌',
  fill: '█',
  over: '▓',
  empty: '░',
  budget: '│',
};

const ASCII: Glyphs = {
  axisV: '|',
  axisH: '-',
  corner: '+',
  yTick: '+',
  xTick: '+',
  mark: '|',
  pointer: 'v',
  connector: '.',
  overlap: '#',
  ellipsis: '~',
  rule: '_',
  fill: '#',
  over: '!',
  empty: '.',
  budget: '|',
};

/** Replacement symbols for series or bar parts whose own symbol cannot be used (not ASCII in ascii mode). */
const FALLBACK_SYMBOLS = ['o', 'x', '+', '*', '=', '%', '@', '&', '$', '~', '^'];
const FALLBACK_FILLS = ['#', '=', '+', ':', '%', '@', '*', 'o', '~', '^'];

const TRANSLIT: Record<string, string> = {
  µ: 'u',
  μ: 'u',
  '∞': 'inf',
  '…': '...',
  '–': '-',
  '—': '-',
  '−': '-',
  '×': 'x',
  '·': '.',
  '≤': '<=',
  '≥': '>=',
  '≈': '~',
  '°': 'deg',
  '€': 'EUR',
  '£': 'GBP',
  '\u00a0': ' ',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
};

function chars(s: string): string[] {
  return Array.from(s);
}

function len(s: string): number {
  return chars(s).length;
}

/** Printable ASCII only: known symbols transliterated, anything else "?", control characters dropped. */
export function toAscii(s: string): string {
  let out = '';
  for (const c of chars(s)) {
    const code = c.codePointAt(0) as number;
    if (code >= 0x20 && code < 0x7f) out += c;
    else if (c === '\t') out += ' ';
    else if (code < 0x20 || code === 0x7f) continue;
    else out += TRANSLIT[c] ?? '?';
  }
  return out;
}

/** Control characters removed (a label must not move the cursor). */
function printable(s: string): string {
  return chars(s)
    .filter((c) => {
      const code = c.codePointAt(0) as number;
      return code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0);
    })
    .join('');
}

function textFor(ascii: boolean): (s: string) => string {
  return ascii ? toAscii : printable;
}

/** s cut to at most n characters, the cut marked with the ellipsis. */
function clip(s: string, n: number, ellipsis: string): string {
  const c = chars(s);
  if (c.length <= n) return s;
  if (n <= 0) return '';
  const e = chars(ellipsis);
  if (n <= e.length) return c.slice(0, n).join('');
  return c.slice(0, n - e.length).join('') + ellipsis;
}

function padEnd(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - len(s)));
}

function padStart(s: string, n: number): string {
  return ' '.repeat(Math.max(0, n - len(s))) + s;
}

/** Words wrapped to `width`; a word longer than the width is split. */
function wrapWords(words: readonly string[], width: number, sep = ' '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w0 of words) {
    let w = w0;
    while (len(w) > width) {
      if (line.length > 0) {
        lines.push(line);
        line = '';
      }
      const c = chars(w);
      lines.push(c.slice(0, width).join(''));
      w = c.slice(width).join('');
    }
    if (w.length === 0) continue;
    if (line.length === 0) line = w;
    else if (len(line) + len(sep) + len(w) <= width) line = `${line}${sep}${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

function checkWidth(width: number, min: number): void {
  if (!Number.isInteger(width) || width < min) throw new RangeError(`width must be an integer >= ${min}, got ${width}`);
}

/** Symbols one column wide, distinct, and ASCII in ascii mode (replaced from `fallbacks` where not). */
function symbolsFor(wanted: readonly string[], ascii: boolean, fallbacks: readonly string[], reserved: string[]) {
  const used = new Set<string>(reserved);
  const ok = (s: string) =>
    chars(s).length === 1 && s !== ' ' && !used.has(s) && (!ascii || /^[\x21-\x7e]$/.test(s)) && printable(s) === s;
  return wanted.map((s) => {
    let pick = ok(s) ? s : fallbacks.find((f) => ok(f));
    if (pick === undefined) pick = '?';
    used.add(pick);
    return pick;
  });
}

// ------------------------------------------------------------------------------------------------------------
// ticks

interface Tick {
  /** Position on the (transformed) axis. */
  t: number;
  value: number;
}

const NICE = [1, 2, 5];

/** Tick sets at 1-2-5 steps for [lo, hi], densest first (values in data units; `tr` maps to axis units). */
function linearTickSets(lo: number, hi: number, tr: (v: number) => number): Tick[][] {
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
function logTickSets(lo: number, hi: number): Tick[][] {
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

// ------------------------------------------------------------------------------------------------------------
// line chart

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

// ------------------------------------------------------------------------------------------------------------
// stacked bars

export interface StackedBarsOptions {
  /** One bar per row; parts are stacked left to right. Negative or non-finite values count as 0. */
  rows: readonly {
    label: string;
    parts: readonly { value: number; symbol: string; name: string }[];
    note?: string;
  }[];
  /** Total width in columns (at least 20). */
  width: number;
  /** Formats a row total (printed after its bar). */
  format(v: number): string;
  ascii?: boolean;
}

/**
 * Horizontal stacked bars scaled to the largest row total (that row's bar fills the bar column), each followed by
 * its total and note, then a legend of the parts (by name; the first symbol given for a name is used for it).
 * Part boundaries are rounded cumulatively, so each part is within one character of its exact length and a bar
 * within half a character.
 */
export function stackedBars(o: StackedBarsOptions): string[] {
  checkWidth(o.width, 20);
  const ascii = o.ascii === true;
  const g = ascii ? ASCII : UNICODE;
  const text = textFor(ascii);
  const width = o.width;
  const clean = (v: number) => (Number.isFinite(v) && v > 0 ? v : 0);
  const names: string[] = [];
  const wanted: string[] = [];
  for (const r of o.rows) {
    for (const p of r.parts) {
      if (!names.includes(p.name)) {
        names.push(p.name);
        wanted.push(p.symbol);
      }
    }
  }
  const symbols = symbolsFor(wanted, ascii, FALLBACK_FILLS, []);
  const symbolOf = new Map(names.map((n, i) => [n, symbols[i] as string]));
  const rows = o.rows.map((r) => {
    const parts = r.parts.map((p) => ({ value: clean(p.value), symbol: symbolOf.get(p.name) as string }));
    const total = parts.reduce((s, p) => s + p.value, 0);
    return { label: text(r.label), parts, total, totalText: text(o.format(total)), note: text(r.note ?? '') };
  });
  const max = Math.max(0, ...rows.map((r) => r.total));
  const totalW = Math.min(Math.max(0, ...rows.map((r) => len(r.totalText))), Math.floor(width / 4));
  const noteMax = Math.max(0, ...rows.map((r) => len(r.note)));
  let noteW = noteMax > 0 ? Math.min(noteMax + 1, Math.floor(width / 4)) : 0;
  let labelW = Math.min(Math.max(0, ...rows.map((r) => len(r.label))), Math.floor(width / 3));
  // the bars get at least 40% of the width: notes are cut (or dropped) first, then labels
  const barMin = Math.max(8, Math.floor(width * 0.4));
  const barFor = () => width - labelW - 1 - 1 - totalW - noteW;
  if (barFor() < barMin) {
    noteW = Math.max(0, noteW - (barMin - barFor()));
    if (noteW < 6) noteW = 0;
  }
  while (barFor() < barMin && labelW > 6) labelW--;
  const barW = Math.max(1, barFor());

  const lines: string[] = [];
  for (const r of rows) {
    let bar = '';
    let cum = 0;
    let prev = 0;
    for (const p of r.parts) {
      cum += p.value;
      const edge = max > 0 ? Math.round((cum / max) * barW) : 0;
      bar += p.symbol.repeat(Math.max(0, edge - prev));
      prev = Math.max(prev, edge);
    }
    const label = padEnd(clip(r.label, labelW, g.ellipsis), labelW);
    const total = padStart(clip(r.totalText, totalW, g.ellipsis), totalW);
    const note = noteW > 0 && r.note.length > 0 ? ` ${clip(r.note, noteW - 1, g.ellipsis)}` : '';
    lines.push(`${label} ${padEnd(bar, barW)} ${total}${note}`.trimEnd());
  }
  const legend = names.map((n, i) => `${symbols[i]} ${text(n)}`);
  if (legend.length > 0) lines.push(...wrapWords(legend, width, '   '));
  return lines.map((l) => clip(l, width, ''));
}

// ------------------------------------------------------------------------------------------------------------
// budget bar

export interface BudgetBarOptions {
  value: number;
  budget: number;
  /** Total width in columns (at least 20). */
  width: number;
  label: string;
  /** Formats the value, the budget and the excess (e.g. formatDowntime on seconds). */
  format(v: number): string;
  ascii?: boolean;
}

/**
 * One sentence, "LABEL: VALUE of BUDGET allowed: within budget (P used)" or "...: over budget by EXCESS" (wrapped to
 * the width), then a bar "[....]" scaled to the larger of value and budget: the value filled (the part over the budget
 * in a second character), the budget marked with a vertical line at its position.
 */
export function budgetBar(o: BudgetBarOptions): string[] {
  checkWidth(o.width, 20);
  const ascii = o.ascii === true;
  const g = ascii ? ASCII : UNICODE;
  const text = textFor(ascii);
  const value = Number.isFinite(o.value) && o.value > 0 ? o.value : 0;
  const budget = Number.isFinite(o.budget) && o.budget > 0 ? o.budget : 0;
  const over = value > budget;
  const status = over
    ? `over budget by ${o.format(value - budget)}`
    : `within budget${budget > 0 ? ` (${formatShare(value / budget)} used)` : ''}`;
  const sentence = text(`${o.label}: ${o.format(value)} of ${o.format(budget)} allowed: ${status}`);
  const lines = wrapWords(sentence.split(' '), o.width);

  const inner = o.width - 2;
  const scale = Math.max(value, budget);
  const cells = new Array<string>(inner).fill(g.empty);
  if (scale > 0) {
    const valueEnd = Math.round((value / scale) * inner);
    const budgetEdge = (budget / scale) * inner;
    for (let c = 0; c < valueEnd; c++) cells[c] = c + 0.5 <= budgetEdge ? g.fill : g.over;
    const markAt = Math.min(inner - 1, Math.max(0, Math.round(budgetEdge) - 1));
    cells[markAt] = g.budget;
  } else cells[0] = g.budget;
  lines.push(`[${cells.join('')}]`);
  return lines.map((l) => clip(l, o.width, ''));
}

function formatShare(f: number): string {
  const pct = f * 100;
  const digits = pct >= 10 || pct === 0 ? 0 : pct >= 1 ? 1 : 2;
  return `${pct.toFixed(digits)}%`;
}
