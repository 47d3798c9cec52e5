/**
 * The design-review worksheet as one self-contained HTML page (`capplan worksheet --format html`): the worksheet's
 * Markdown converted by a small converter for the subset worksheet.ts writes, with inline SVG charts drawn from the
 * data (cost against load, downtime against the availability budget, p99 per user region split into network and
 * queueing, and the frontier: cost against nines with the p99 as labels) placed after the headings of the sections they
 * belong to. No scripts, no external resources (inline CSS
 * and SVG only), print CSS for A4 and Letter, and no timestamp unless the input has a date: the same input gives the
 * same bytes. Pure: data in, text out.
 */

import type { CostCurve } from '../compare/costCurve.js';
import { nines as ninesOf, SECONDS_PER_YEAR } from '../core/reliability/index.js';
import {
  formatDowntime,
  formatDuration,
  formatLatencyMs,
  formatNines,
  formatPercent,
  formatRate,
  formatUsd,
} from '../units/format.js';
import { escapeHtml, renderHtml } from './render/html.js';
import { P99_REST, p99Split } from './table.js';
import { type WorksheetInput, worksheetDocument } from './worksheet.js';

export { escapeHtml };

// ---------------------------------------------------------------------------------------------------------------
// SVG helpers

const W = 720;
const FONT = 13;
const SMALL = 12;
const INK = '#111';
const GRID = '#ddd';
const MUTED = '#555';
const V_COLOR = '#1f4e99';
const H_COLOR = '#b5520b';
const WITHIN = '#6b87b8';
const OVER = '#8b1a1a';
const NETWORK = '#2f4f7f';
const QUEUE_EDGE = '#6b4e16';

/** A coordinate with at most one decimal ("-0" avoided). */
const n = (x: number): string => String(Math.round(x * 10) / 10 || 0);

/** Estimated width of a label (the charts use generic sans-serif fonts; generous so labels do not collide). */
const textWidth = (s: string, size = FONT): number => Array.from(s).length * size * 0.6;

function clip(s: string, maxWidth: number, size = FONT): string {
  const chars = Array.from(s);
  const fit = Math.floor(maxWidth / (size * 0.6));
  return chars.length <= fit ? s : `${chars.slice(0, Math.max(1, fit - 1)).join('')}…`;
}

interface TextOptions {
  anchor?: 'start' | 'middle' | 'end';
  size?: number;
  weight?: 'bold';
  fill?: string;
  halo?: boolean;
  rotate?: number;
  cls?: string;
  title?: string;
}

function text(x: number, y: number, s: string, o: TextOptions = {}): string {
  const attrs = [
    `x="${n(x)}"`,
    `y="${n(y)}"`,
    o.anchor && o.anchor !== 'start' ? `text-anchor="${o.anchor}"` : '',
    o.size && o.size !== FONT ? `font-size="${o.size}"` : '',
    o.weight ? `font-weight="${o.weight}"` : '',
    o.fill ? `fill="${o.fill}"` : '',
    o.halo ? 'stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"' : '',
    o.rotate ? `transform="rotate(${o.rotate} ${n(x)} ${n(y)})"` : '',
    o.cls ? `class="${o.cls}"` : '',
  ].filter(Boolean);
  const tip = o.title ? `<title>${escapeHtml(o.title)}</title>` : '';
  return `<text ${attrs.join(' ')}>${tip}${escapeHtml(s)}</text>`;
}

const line = (x1: number, y1: number, x2: number, y2: number, attrs: string): string =>
  `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" ${attrs}/>`;

const rect = (x: number, y: number, w: number, h: number, attrs: string, title?: string): string =>
  title === undefined
    ? `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" ${attrs}/>`
    : `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" ${attrs}><title>${escapeHtml(title)}</title></rect>`;

/** A "nice" step (1, 2 or 5 x 10^k) giving about `count` intervals over `range`. */
function niceStep(range: number, count: number): number {
  const raw = range / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

/** Linear ticks from 0 to the first nice value >= max. */
function linearTicks(max: number, count: number): { top: number; ticks: number[] } {
  const m = max > 0 && Number.isFinite(max) ? max : 1;
  const step = niceStep(m, count);
  const top = Math.ceil(m / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let k = 0; k * step <= top + step * 1e-9; k++) ticks.push(k * step);
  return { top, ticks };
}

interface LegendItem {
  swatch: (x: number, y: number) => string;
  label: string;
}

/** A legend swatch: a filled box (bars of the downtime and latency charts). */
const boxSwatch =
  (attrs: string) =>
  (x: number, y: number): string =>
    rect(x + 2, y - 6, 20, 12, attrs);

/** A legend swatch: the dashed vertical line of a limit (budget, target). */
const limitSwatch = (x: number, y: number): string =>
  line(x + 12, y - 8, x + 12, y + 8, `stroke="${INK}" stroke-width="2" stroke-dasharray="4 2"`);

/** Legend items in rows from (x, y) (y: the first row's text baseline) wrapping at `right`; returns its height. */
function legend(items: readonly LegendItem[], x0: number, y0: number, right: number): { svg: string; height: number } {
  const parts: string[] = [];
  let x = x0;
  let y = y0;
  for (const it of items) {
    const w = 30 + Array.from(it.label).length * SMALL * 0.55 + 16;
    if (x > x0 && x + w > right) {
      x = x0;
      y += 18;
    }
    parts.push(it.swatch(x, y - 4), text(x + 30, y, it.label, { size: SMALL }));
    x += w;
  }
  return { svg: `<g class="legend">${parts.join('')}</g>`, height: y - y0 + 18 };
}

function svgOpen(chart: string, height: number, title: string, desc: string, defs = ''): string {
  return [
    `<svg data-chart="${chart}" viewBox="0 0 ${W} ${n(height)}" width="100%" role="img" font-family="Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif" font-size="${FONT}" fill="${INK}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<desc>${escapeHtml(desc)}</desc>`,
    defs ? `<defs>${defs}</defs>` : '',
    rect(0, 0, W, height, 'fill="#fff"'),
  ].join('\n');
}

function figure(svg: string, caption: string): string {
  return `<figure class="chart">\n${svg}\n<figcaption>${escapeHtml(caption)}</figcaption>\n</figure>`;
}

// ---------------------------------------------------------------------------------------------------------------
// chart 1: cost against load

/** Log ticks 1, 2, 5 x 10^k within [lo, hi]. */
function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)) + 1; e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
    }
  }
  return out;
}

interface SeriesPoint {
  x: number;
  y: number;
  tip: string;
}

/** Runs of consecutive feasible points (a design that cannot carry the load leaves a gap). */
function segments(curve: CostCurve, kind: 'vertical' | 'horizontal'): SeriesPoint[][] {
  const runs: SeriesPoint[][] = [];
  let cur: SeriesPoint[] = [];
  for (const p of curve.points) {
    const c = p[kind];
    if (c?.feasible && Number.isFinite(c.usdPerMonth)) {
      const what = c.nodes === 1 ? c.instance : `${c.nodes} x ${c.instance}`;
      cur.push({
        x: p.designRatePerS,
        y: c.usdPerMonth,
        tip: `${kind}, ${formatRate(p.designRatePerS)}: ${formatUsd(c.usdPerMonth)} a month (${what})`,
      });
    } else if (cur.length > 0) {
      runs.push(cur);
      cur = [];
    }
  }
  if (cur.length > 0) runs.push(cur);
  return runs;
}

const usdTick = (t: number): string => (t === 0 ? '$0' : formatUsd(t));

function costChart(w: WorksheetInput, curve: CostCurve): string {
  const rates = curve.points.map((p) => p.designRatePerS).filter((x) => x > 0 && Number.isFinite(x));
  const vRuns = segments(curve, 'vertical');
  const hRuns = segments(curve, 'horizontal');
  const all = [...vRuns.flat(), ...hRuns.flat()];
  const today = w.result.designRatePerS;
  const budget = w.scenario.targets.budgetUsdPerMonth;
  const lo = Math.min(...rates, today) / 1.08;
  const hi = Math.max(...rates, today) * 1.08;
  const yMaxData = Math.max(0, ...all.map((p) => p.y));
  const yMaxWanted = budget !== null && budget <= yMaxData * 1.5 ? Math.max(yMaxData, budget) : yMaxData;
  const { top: yTop, ticks: yTicks } = linearTicks(yMaxWanted * 1.04, 5);

  const left = 16 + Math.max(...yTicks.map((t) => textWidth(usdTick(t), SMALL))) + 26;
  const right = W - 24;
  const seriesLabel = (kind: 'vertical' | 'horizontal', runs: SeriesPoint[][]) =>
    `best ${kind} design${runs.length === 0 ? ' (carries none of these loads)' : ''}`;
  const legendItems: LegendItem[] = [];
  if (curve.points.some((p) => p.vertical !== null)) {
    legendItems.push({
      label: seriesLabel('vertical', vRuns),
      swatch: (x, y) =>
        `${line(x, y, x + 24, y, `stroke="${V_COLOR}" stroke-width="2.5"`)}<circle cx="${n(x + 12)}" cy="${n(y)}" r="3.5" fill="#fff" stroke="${V_COLOR}" stroke-width="2"/>`,
    });
  }
  if (curve.points.some((p) => p.horizontal !== null)) {
    legendItems.push({
      label: seriesLabel('horizontal', hRuns),
      swatch: (x, y) =>
        `${line(x, y, x + 24, y, `stroke="${H_COLOR}" stroke-width="2.5" stroke-dasharray="7 3"`)}${rect(x + 8.5, y - 3.5, 7, 7, `fill="${H_COLOR}"`)}`,
    });
  }
  if (curve.crossover) {
    legendItems.push({
      label: 'crossover',
      swatch: (x, y) => line(x + 12, y - 7, x + 12, y + 7, `stroke="${INK}" stroke-width="1.5" stroke-dasharray="5 3"`),
    });
  }
  legendItems.push({
    label: "today's design rate",
    swatch: (x, y) => `<path d="M${n(x + 12)} ${n(y - 5)}l5 9h-10z" fill="${INK}"/>`,
  });
  if (budget !== null && budget <= yTop) {
    legendItems.push({
      label: 'budget',
      swatch: (x, y) => line(x, y, x + 24, y, `stroke="${MUTED}" stroke-width="1.5" stroke-dasharray="1 3"`),
    });
  }
  const lg = legend(legendItems, left, 18, right);
  const top = 18 + lg.height + 30;
  const plotH = 250;
  const bottom = top + plotH;
  const height = bottom + 54;

  const lx0 = Math.log(lo);
  const lx1 = Math.log(hi);
  const sx = (x: number) => left + ((Math.log(x) - lx0) / (lx1 - lx0)) * (right - left);
  const sy = (y: number) => bottom - (y / yTop) * plotH;

  const parts: string[] = [
    svgOpen(
      'cost-vs-load',
      height,
      'Monthly cost against load: best vertical and best horizontal design',
      `Cost in USD per month of the best vertical and the best horizontal design ${curve.designs === 'searched at every point' ? 'searched again' : 're-sized'} for each design rate from ${formatRate(rates[0] ?? lo)} to ${formatRate(rates[rates.length - 1] ?? hi)} (log scale). Gaps: the design cannot carry that load.${curve.crossover ? ` Crossover at ${formatRate(curve.crossover.ratePerS)}.` : ''} Today's design rate ${formatRate(today)}.`,
    ),
  ];
  parts.push(lg.svg);
  // grid and axes
  const grid: string[] = [];
  for (const t of yTicks) {
    grid.push(line(left, sy(t), right, sy(t), `stroke="${GRID}" stroke-width="1"`));
    grid.push(text(left - 6, sy(t) + 4, usdTick(t), { anchor: 'end', size: SMALL }));
  }
  for (const t of logTicks(lo, hi)) {
    grid.push(line(sx(t), top, sx(t), bottom, `stroke="${GRID}" stroke-width="1"`));
    grid.push(line(sx(t), bottom, sx(t), bottom + 5, `stroke="${INK}" stroke-width="1"`));
    grid.push(text(sx(t), bottom + 18, formatRate(t, 2), { anchor: 'middle', size: SMALL }));
  }
  parts.push(`<g class="grid">${grid.join('')}</g>`);
  parts.push(line(left, bottom, right, bottom, `class="axis" stroke="${INK}" stroke-width="1.2"`));
  parts.push(line(left, top, left, bottom, `class="axis" stroke="${INK}" stroke-width="1.2"`));
  parts.push(
    text((left + right) / 2, bottom + 40, 'design rate (requests per second, log scale)', { anchor: 'middle' }),
  );
  parts.push(text(14, (top + bottom) / 2, 'cost (USD per month)', { anchor: 'middle', rotate: -90 }));
  // budget
  if (budget !== null && budget <= yTop) {
    parts.push(
      line(
        left,
        sy(budget),
        right,
        sy(budget),
        `class="budget" stroke="${MUTED}" stroke-width="1.5" stroke-dasharray="1 3"`,
      ),
    );
    parts.push(text(left + 6, sy(budget) - 5, `budget ${formatUsd(budget)}`, { size: SMALL, fill: MUTED, halo: true }));
  }
  // series
  const path = (run: SeriesPoint[]) => run.map((p, k) => `${k === 0 ? 'M' : 'L'}${n(sx(p.x))} ${n(sy(p.y))}`).join('');
  for (const run of vRuns) {
    parts.push(
      `<path class="series vertical" d="${path(run)}" fill="none" stroke="${V_COLOR}" stroke-width="2.5" stroke-linejoin="round"/>`,
    );
  }
  for (const run of hRuns) {
    parts.push(
      `<path class="series horizontal" d="${path(run)}" fill="none" stroke="${H_COLOR}" stroke-width="2.5" stroke-dasharray="7 3" stroke-linejoin="round"/>`,
    );
  }
  for (const p of vRuns.flat()) {
    parts.push(
      `<circle class="point vertical" cx="${n(sx(p.x))}" cy="${n(sy(p.y))}" r="3.5" fill="#fff" stroke="${V_COLOR}" stroke-width="2"><title>${escapeHtml(p.tip)}</title></circle>`,
    );
  }
  for (const p of hRuns.flat()) {
    parts.push(rect(sx(p.x) - 3.5, sy(p.y) - 3.5, 7, 7, `class="point horizontal" fill="${H_COLOR}"`, p.tip));
  }
  // where the vertical design runs out (when it does inside the range)
  const lim = curve.verticalLimit;
  const lastRun = vRuns[vRuns.length - 1] ?? [];
  const lastV = lastRun[lastRun.length - 1];
  if (lim && lastV && lim.ratePerS > lastV.x) {
    parts.push(
      text(sx(lastV.x), sy(lastV.y) - 12, 'vertical runs out', {
        anchor: 'middle',
        size: SMALL,
        fill: V_COLOR,
        halo: true,
        title: `${formatRate(lim.ratePerS)}: ${lim.reason}`,
      }),
    );
  }
  // crossover and today
  const markLabel = (x: number, y: number, s: string, fill: string) => {
    const wide = textWidth(s, SMALL);
    const toLeft = sx(x) + 6 + wide > right;
    return text(sx(x) + (toLeft ? -6 : 6), y, s, { size: SMALL, anchor: toLeft ? 'end' : 'start', fill, halo: true });
  };
  if (curve.crossover) {
    const c = curve.crossover;
    const label =
      c.kind === 'cheaper'
        ? `crossover ${formatRate(c.ratePerS)}: horizontal cheaper`
        : `crossover ${formatRate(c.ratePerS)}: vertical runs out`;
    parts.push(
      line(
        sx(c.ratePerS),
        top - 22,
        sx(c.ratePerS),
        bottom,
        `class="crossover" stroke="${INK}" stroke-width="1.5" stroke-dasharray="5 3"`,
      ),
    );
    parts.push(markLabel(c.ratePerS, top - 12, label, INK));
  }
  parts.push(
    line(
      sx(today),
      top - 8,
      sx(today),
      bottom,
      `class="today" stroke="${MUTED}" stroke-width="1" stroke-dasharray="2 2"`,
    ),
  );
  parts.push(
    `<path class="today" d="M${n(sx(today))} ${n(bottom - 1)}l5 9h-10z" fill="${INK}"><title>today's design rate ${escapeHtml(formatRate(today))}</title></path>`,
  );
  parts.push(markLabel(today, top + 4, `today ${formatRate(today)}`, MUTED));
  parts.push('</svg>');
  return figure(
    parts.join('\n'),
    `Monthly cost of the best vertical (solid, circles) and best horizontal (dashed, squares) designs, re-sized at each load; missing points: the design cannot carry that load.`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// chart 2: downtime against the budget

/** A unit for a downtime axis whose largest value is `maxMin` minutes. */
function downtimeUnit(maxMin: number): { name: string; minutes: number } {
  if (maxMin < 2) return { name: 'seconds', minutes: 1 / 60 };
  if (maxMin < 120) return { name: 'minutes', minutes: 1 };
  if (maxMin < 2 * 1440) return { name: 'hours', minutes: 60 };
  return { name: 'days', minutes: 1440 };
}

function hatch(id: string, color: string, background: string): string {
  return `<pattern id="${id}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="${background}"/><rect width="2.5" height="6" fill="${color}"/></pattern>`;
}

/**
 * The frame of a horizontal bar chart: the label column (`labelWidth` wide), the plot's right end (room for every
 * bar's value label, plotRight) and the legend above the plot; `top` is where the bars start.
 */
function barFrame(labelWidth: number, ends: readonly number[], labels: readonly string[], items: LegendItem[]) {
  const left = 12 + labelWidth + 10;
  const right = plotRight(left, ends, labels);
  const lg = legend(items, left, 18, W - 12);
  return { left, right, lg, top: 18 + lg.height + 22 };
}

/**
 * The right end of a bar chart's plot: as wide as possible while every bar's value label (drawn after its end) still
 * fits in the chart. `ends` are the bars' ends as fractions of the axis, `labels` their labels.
 */
function plotRight(left: number, ends: readonly number[], labels: readonly string[]): number {
  let width = W - 16 - left;
  ends.forEach((f, k) => {
    if (f > 0) width = Math.min(width, (W - 8 - left - 6 - textWidth(labels[k] ?? '', SMALL)) / f);
  });
  return left + Math.max(width, (W - 16 - left) / 2);
}

/** A label beside a vertical reference line at x, to its right unless it would leave the chart. */
function refLabel(x: number, y: number, s: string): string {
  const toLeft = x + 6 + textWidth(s, SMALL) > W - 8;
  return text(toLeft ? x - 6 : x + 6, y, s, { size: SMALL, anchor: toLeft ? 'end' : 'start', halo: true });
}

function downtimeChart(w: WorksheetInput): string {
  const archs = w.result.architectures;
  const rec = w.result.recommendation.name;
  const budgetMin = (w.scenario.targets.unavailability * SECONDS_PER_YEAR) / 60;
  const values = archs.map((a) => {
    const d = a.availability.downtimeMinutesPerYear;
    return Number.isFinite(d) ? Math.max(0, d) : 0;
  });
  const unit = downtimeUnit(Math.max(budgetMin, ...values));
  const { top: xTop, ticks } = linearTicks(Math.max(budgetMin, ...values) / unit.minutes, 6);
  const labels = values.map(
    (d) => `${formatDowntime(d * 60)}${d > budgetMin ? `, ${formatDowntime((d - budgetMin) * 60)} over` : ''}`,
  );

  const labelWidth = Math.min(250, Math.max(80, ...archs.map((a) => textWidth(a.name, FONT))));
  const budgetLabel = `budget ${formatDowntime(budgetMin * 60)} a year (${formatPercent(w.scenario.targets.availability)})`;
  const { left, right, lg, top } = barFrame(
    labelWidth,
    values.map((d) => d / unit.minutes / xTop),
    labels,
    [
      { label: 'downtime within the budget', swatch: boxSwatch(`fill="${WITHIN}"`) },
      {
        label: 'over the budget (hatched)',
        swatch: boxSwatch(`fill="url(#dt-over)" stroke="${OVER}" stroke-width="1"`),
      },
      { label: 'budget', swatch: limitSwatch },
    ],
  );
  const row = 28;
  const bar = 16;
  const bottom = top + archs.length * row;
  const height = bottom + 50;
  const sx = (m: number) => left + (m / unit.minutes / xTop) * (right - left);

  const parts: string[] = [
    svgOpen(
      'downtime-vs-budget',
      height,
      'Downtime per year of each candidate against the availability budget',
      `Expected downtime per year of each candidate; the budget allowed by the ${formatPercent(w.scenario.targets.availability)} availability target is ${formatDowntime(budgetMin * 60)} a year. The part of a bar over the budget is hatched.`,
      hatch('dt-over', OVER, '#f3c4c4'),
    ),
    lg.svg,
  ];
  const grid: string[] = [];
  for (const t of ticks) {
    const x = left + (t / xTop) * (right - left);
    grid.push(line(x, top, x, bottom, `stroke="${GRID}" stroke-width="1"`));
    grid.push(line(x, bottom, x, bottom + 5, `stroke="${INK}" stroke-width="1"`));
    grid.push(text(x, bottom + 18, String(Number(t.toPrecision(6))), { anchor: 'middle', size: SMALL }));
  }
  parts.push(`<g class="grid">${grid.join('')}</g>`);
  const names: string[] = [];
  const valueLabels: string[] = [];
  archs.forEach((a, k) => {
    const d = values[k] as number;
    const y = top + k * row + (row - bar) / 2;
    const bold = a.name === rec ? { weight: 'bold' as const } : {};
    names.push(text(left - 10, y + bar / 2 + 4, clip(a.name, labelWidth), { anchor: 'end', ...bold, title: a.name }));
    const within = Math.min(d, budgetMin);
    const tip = `${a.name}: ${formatDowntime(d * 60)} a year (${a.availability.nines.toFixed(2)} nines)`;
    if (within > 0) parts.push(rect(left, y, sx(within) - left, bar, `class="bar within" fill="${WITHIN}"`, tip));
    if (d > budgetMin) {
      const attrs = `class="bar over" fill="url(#dt-over)" stroke="${OVER}" stroke-width="1"`;
      parts.push(rect(sx(budgetMin), y, sx(d) - sx(budgetMin), bar, attrs, tip));
    }
    valueLabels.push(text(sx(d) + 6, y + bar / 2 + 4, labels[k] ?? '', { size: SMALL, halo: true }));
  });
  const bx = sx(budgetMin);
  parts.push(line(bx, top - 14, bx, bottom, `class="budget" stroke="${INK}" stroke-width="2" stroke-dasharray="4 2"`));
  parts.push(refLabel(bx, top - 5, budgetLabel));
  parts.push(...names, ...valueLabels);
  parts.push(line(left, top, left, bottom, `class="axis" stroke="${INK}" stroke-width="1.2"`));
  parts.push(line(left, bottom, right, bottom, `class="axis" stroke="${INK}" stroke-width="1.2"`));
  parts.push(text((left + right) / 2, bottom + 40, `downtime per year (${unit.name})`, { anchor: 'middle' }));
  parts.push('</svg>');
  return figure(
    parts.join('\n'),
    `Downtime per year of each candidate against the ${formatPercent(w.scenario.targets.availability)} target's budget; the hatched part is over the budget.${rec ? ' The recommended design is in bold.' : ''}`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// chart 3: p99 per user region, network and queueing

function latencyChart(w: WorksheetInput): string {
  const archs = w.result.architectures;
  const rec = w.result.recommendation.name;
  const targetMs = w.scenario.targets.p99S * 1000;
  const rows = archs.map((a) =>
    a.latency.byUserRegion.map((u) => {
      const { networkMs: net, restMs: queue } = p99Split(u);
      return { u, net, queue, label: queue === null ? 'unbounded (unstable queue)' : formatLatencyMs(net + queue) };
    }),
  );
  const flat = rows.flat();
  const { top: xTop, ticks } = linearTicks(Math.max(targetMs, ...flat.map((r) => r.net + (r.queue ?? 0))) * 1.05, 6);

  const labelWidth = Math.min(260, Math.max(90, ...flat.map((r) => 14 + textWidth(r.u.region, SMALL))));
  const { left, right, lg, top } = barFrame(
    labelWidth,
    flat.map((r) => (r.net + (r.queue ?? 0)) / xTop),
    flat.map((r) => r.label),
    [
      { label: 'network (every round trip)', swatch: boxSwatch(`fill="${NETWORK}"`) },
      { label: P99_REST, swatch: boxSwatch(`fill="url(#lat-queue)" stroke="${QUEUE_EDGE}" stroke-width="1"`) },
      { label: 'p99 target', swatch: limitSwatch },
    ],
  );
  const head = 22;
  const row = 19;
  const bar = 12;
  const bottom = top + rows.reduce((sum, rs) => sum + head + rs.length * row + 6, 0);
  const height = bottom + 50;
  const sx = (ms: number) => left + (ms / xTop) * (right - left);

  const defs = `<pattern id="lat-queue" patternUnits="userSpaceOnUse" width="5" height="5"><rect width="5" height="5" fill="#f2d58f"/><circle cx="2.5" cy="2.5" r="0.9" fill="${QUEUE_EDGE}"/></pattern>`;
  const parts: string[] = [
    svgOpen(
      'latency-breakdown',
      height,
      'p99 per user region of each candidate: network and queueing',
      `End-to-end p99 of each candidate's users, per user region, split into the network time (every round trip of a request) and the rest: ${P99_REST} at the serving region; the p99 target is ${formatDuration(w.scenario.targets.p99S)}.`,
      defs,
    ),
    lg.svg,
  ];
  const bands: string[] = [];
  const grid: string[] = [];
  const bars: string[] = [];
  const labels: string[] = [];
  const axes: string[] = [];
  for (const t of ticks) {
    grid.push(line(sx(t), bottom, sx(t), bottom + 5, `stroke="${INK}" stroke-width="1"`));
    grid.push(text(sx(t), bottom + 18, String(Number(t.toPrecision(6))), { anchor: 'middle', size: SMALL }));
  }
  let y = top;
  archs.forEach((a, k) => {
    const rs = rows[k] ?? [];
    const groupH = head + rs.length * row + 6;
    if (k % 2 === 1) bands.push(rect(0, y, W, groupH, 'class="band" fill="#f2f2f2"'));
    // grid and axis over the group's bars only, so the candidate's name above them stays clear
    const g0 = y + head - 2;
    const g1 = k === archs.length - 1 ? bottom : y + groupH;
    for (const t of ticks) if (t > 0) grid.push(line(sx(t), g0, sx(t), g1, `stroke="${GRID}" stroke-width="1"`));
    axes.push(line(left, g0, left, g1, `class="axis" stroke="${INK}" stroke-width="1.2"`));
    const name = `${a.name}${a.name === rec ? ' (recommended)' : ''}`;
    labels.push(text(12, y + 15, clip(name, W - 24), { weight: 'bold', title: a.name }));
    let ry = y + head;
    for (const r of rs) {
      const by = ry + (row - bar) / 2;
      const tag = `${a.name}, users in ${r.u.region}`;
      labels.push(
        text(left - 10, by + bar / 2 + 4, clip(r.u.region, labelWidth - 14, SMALL), {
          anchor: 'end',
          size: SMALL,
          title: r.u.region,
        }),
      );
      if (r.net > 0) {
        bars.push(
          rect(
            left,
            by,
            sx(r.net) - left,
            bar,
            `class="network" fill="${NETWORK}"`,
            `${tag}: network ${formatLatencyMs(r.net)}`,
          ),
        );
      }
      if (r.queue !== null && r.queue > 0) {
        const attrs = `class="queue" fill="url(#lat-queue)" stroke="${QUEUE_EDGE}" stroke-width="0.8"`;
        bars.push(
          rect(
            sx(r.net),
            by,
            sx(r.net + r.queue) - sx(r.net),
            bar,
            attrs,
            `${tag}: ${P99_REST} ${formatLatencyMs(r.queue)}`,
          ),
        );
      }
      labels.push(text(sx(r.net + (r.queue ?? 0)) + 6, by + bar / 2 + 4, r.label, { size: SMALL, halo: true }));
      ry += row;
    }
    y += groupH;
  });
  const tx = sx(targetMs);
  parts.push(
    ...bands,
    `<g class="grid">${grid.join('')}</g>`,
    ...bars,
    line(tx, top - 14, tx, bottom, `class="target" stroke="${INK}" stroke-width="2" stroke-dasharray="4 2"`),
    refLabel(tx, top - 5, `p99 target ${formatDuration(w.scenario.targets.p99S)}`),
    ...labels,
    ...axes,
    line(left, bottom, right, bottom, `class="axis" stroke="${INK}" stroke-width="1.2"`),
    text((left + right) / 2, bottom + 40, 'p99 latency (ms)', { anchor: 'middle' }),
    '</svg>',
  );
  return figure(
    parts.join('\n'),
    `End-to-end p99 per user region of each candidate: network time, every round trip of a request (solid), and the rest, ${P99_REST} at the serving region (dotted).`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// chart 4: the frontier, cost against nines

/** A label's box (x, y: top left), to keep the p99 labels apart. */
interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** A point of the frontier chart: a circle (vertical) or a square (horizontal), filled when it meets every target. */
function frontierMark(x: number, y: number, kind: 'vertical' | 'horizontal', meets: boolean, tip?: string): string {
  const color = kind === 'vertical' ? V_COLOR : H_COLOR;
  const fill = meets ? color : '#fff';
  // legend swatches (no tooltip) are not points
  const cls = `${tip === undefined ? 'swatch' : 'point'} ${kind}${meets ? ' meets' : ''}`;
  const title = tip === undefined ? '' : `<title>${escapeHtml(tip)}</title>`;
  return kind === 'vertical'
    ? `<circle class="${cls}" cx="${n(x)}" cy="${n(y)}" r="4.5" fill="${fill}" stroke="${color}" stroke-width="2">${title}</circle>`
    : `<rect class="${cls}" x="${n(x - 4)}" y="${n(y - 4)}" width="8" height="8" fill="${fill}" stroke="${color}" stroke-width="2">${title}</rect>`;
}

/**
 * The frontier: each design no other beats on cost, nines and p99 together, at its cost (x; log scale when the costs
 * span more than a factor of 10) and nines (y), labelled with its p99. A label that would overlap another (or leave
 * the plot) is left out; every point carries its figures as a tooltip.
 */
function frontierChart(w: WorksheetInput): string {
  const f = w.result.frontier;
  const costs = f.map((e) => e.cost.usdPerMonth);
  const nines = f.map((e) => e.availability.nines);
  const targetNines = ninesOf(w.scenario.targets.unavailability);
  const budget = w.scenario.targets.budgetUsdPerMonth;
  const cMin = Math.min(...costs);
  const cMax = Math.max(...costs);
  const logX = cMin > 0 && cMax / cMin > 10;
  const yLo = Math.max(0, Math.floor(Math.min(...nines, targetNines) * 2) / 2 - 0.5);
  const yHi = Math.ceil(Math.max(...nines, targetNines) * 2) / 2 + 0.5;
  const yStep = yHi - yLo > 4 ? 1 : 0.5;
  const yTicks: number[] = [];
  for (let t = Math.ceil(yLo / yStep) * yStep; t <= yHi + 1e-9; t += yStep) yTicks.push(t);
  const xLo = logX ? cMin / 1.25 : 0;
  const linear = linearTicks(cMax * 1.06, 5);
  const xHi = logX ? cMax * 1.25 : linear.top;
  const xTicks = logX ? logTicks(xLo, xHi) : linear.ticks;

  const left = 16 + Math.max(...yTicks.map((t) => textWidth(t.toFixed(1), SMALL))) + 26;
  const right = W - 40; // room for the last cost tick's label
  const legendItems: LegendItem[] = [];
  if (f.some((e) => e.kind === 'vertical'))
    legendItems.push({ label: 'vertical', swatch: (x, y) => frontierMark(x + 12, y, 'vertical', false) });
  if (f.some((e) => e.kind === 'horizontal'))
    legendItems.push({ label: 'horizontal', swatch: (x, y) => frontierMark(x + 12, y, 'horizontal', false) });
  legendItems.push({
    label: 'filled: meets every target',
    swatch: (x, y) => frontierMark(x + 12, y, f.some((e) => e.kind === 'vertical') ? 'vertical' : 'horizontal', true),
  });
  legendItems.push({
    label: 'availability target',
    swatch: (x, y) => line(x, y, x + 24, y, `stroke="${INK}" stroke-width="1.5" stroke-dasharray="4 2"`),
  });
  const showBudget = budget !== null && budget >= xLo && budget <= xHi;
  if (showBudget)
    legendItems.push({
      label: 'budget',
      swatch: (x, y) =>
        line(x + 12, y - 7, x + 12, y + 7, `stroke="${MUTED}" stroke-width="1.5" stroke-dasharray="1 3"`),
    });
  const lg = legend(legendItems, left, 18, right);
  const top = 18 + lg.height + 16;
  const plotH = 260;
  const bottom = top + plotH;
  const height = bottom + 54;
  const sx = logX
    ? (x: number) => left + ((Math.log(x) - Math.log(xLo)) / (Math.log(xHi) - Math.log(xLo))) * (right - left)
    : (x: number) => left + (x / xHi) * (right - left);
  const sy = (y: number) => bottom - ((y - yLo) / (yHi - yLo)) * plotH;

  const parts: string[] = [
    svgOpen(
      'frontier',
      height,
      'The frontier: monthly cost against nines, p99 as labels',
      `The ${f.length} design${f.length === 1 ? '' : 's'} of the frontier (none is beaten on cost, nines and p99 together by another), at their monthly cost (${logX ? 'log scale' : 'linear scale'}) and availability in nines, each labelled with its p99 over all users; the availability target is ${formatNines(targetNines)} nines.`,
    ),
    lg.svg,
  ];
  const grid: string[] = [];
  for (const t of yTicks) {
    grid.push(line(left, sy(t), right, sy(t), `stroke="${GRID}" stroke-width="1"`));
    grid.push(text(left - 6, sy(t) + 4, t.toFixed(1), { anchor: 'end', size: SMALL }));
  }
  for (const t of xTicks) {
    grid.push(line(sx(t), top, sx(t), bottom, `stroke="${GRID}" stroke-width="1"`));
    grid.push(line(sx(t), bottom, sx(t), bottom + 5, `stroke="${INK}" stroke-width="1"`));
  }
  // cost tick labels, every other one when they would touch
  let lastRight = Number.NEGATIVE_INFINITY;
  for (const t of xTicks) {
    const label = usdTick(t);
    const half = textWidth(label, SMALL) / 2;
    if (sx(t) - half < lastRight + 6 || sx(t) + half > W - 2) continue;
    grid.push(text(sx(t), bottom + 18, label, { anchor: 'middle', size: SMALL }));
    lastRight = sx(t) + half;
  }
  parts.push(`<g class="grid">${grid.join('')}</g>`);
  parts.push(line(left, bottom, right, bottom, `class="axis" stroke="${INK}" stroke-width="1.2"`));
  parts.push(line(left, top, left, bottom, `class="axis" stroke="${INK}" stroke-width="1.2"`));
  parts.push(
    text((left + right) / 2, bottom + 40, `cost (USD per month${logX ? ', log scale' : ''})`, { anchor: 'middle' }),
  );
  parts.push(text(14, (top + bottom) / 2, 'availability (nines)', { anchor: 'middle', rotate: -90 }));
  const placed: Box[] = [];
  parts.push(
    line(
      left,
      sy(targetNines),
      right,
      sy(targetNines),
      `class="target" stroke="${INK}" stroke-width="1.5" stroke-dasharray="4 2"`,
    ),
  );
  const targetLabel = `target ${formatNines(targetNines)} nines`;
  const tw = textWidth(targetLabel, SMALL);
  // at the right end of its line, or at the left end when a point is under the right one
  const pointBoxes = f.map((e) => ({ x: sx(e.cost.usdPerMonth) - 5, y: sy(e.availability.nines) - 5, w: 10, h: 10 }));
  const atRight: Box = { x: right - 4 - tw, y: sy(targetNines) - 5 - SMALL, w: tw, h: SMALL + 3 };
  const atLeft: Box = { ...atRight, x: left + 4 };
  const targetBox =
    pointBoxes.some((b) => overlaps(atRight, b)) && !pointBoxes.some((b) => overlaps(atLeft, b)) ? atLeft : atRight;
  parts.push(text(targetBox.x, sy(targetNines) - 5, targetLabel, { size: SMALL, halo: true }));
  placed.push(targetBox);
  if (showBudget && budget !== null) {
    parts.push(
      line(
        sx(budget),
        top,
        sx(budget),
        bottom,
        `class="budget" stroke="${MUTED}" stroke-width="1.5" stroke-dasharray="1 3"`,
      ),
    );
    const bl = `budget ${formatUsd(budget)}`;
    const bw = textWidth(bl, SMALL);
    const toLeft = sx(budget) + 4 + bw > right;
    const bx = toLeft ? sx(budget) - 4 - bw : sx(budget) + 4;
    parts.push(
      text(toLeft ? sx(budget) - 4 : sx(budget) + 4, top + 12, bl, {
        anchor: toLeft ? 'end' : 'start',
        size: SMALL,
        fill: MUTED,
        halo: true,
      }),
    );
    placed.push({ x: bx, y: top, w: bw, h: SMALL + 3 });
  }
  // points first (every one), then the labels that fit, cheapest first
  const marks: string[] = [];
  const labels: string[] = [];
  const pts = f.map((e) => ({ e, x: sx(e.cost.usdPerMonth), y: sy(e.availability.nines) }));
  placed.push(...pointBoxes);
  for (const { e, x, y } of pts) {
    const p99 = e.latency.p99Ms === null ? 'unstable' : formatLatencyMs(e.latency.p99Ms);
    marks.push(
      frontierMark(
        x,
        y,
        e.kind,
        e.meetsTargets,
        `${e.name}: ${formatUsd(e.cost.usdPerMonth)} a month, ${formatNines(e.availability.nines)} nines, p99 ${p99}${e.meetsTargets ? ', meets every target' : ''}`,
      ),
    );
    const lw = textWidth(p99, SMALL);
    const candidates: { box: Box; tx: number; ty: number; anchor: 'start' | 'end' | 'middle' }[] = [
      { box: { x: x + 7, y: y - 9, w: lw, h: SMALL + 3 }, tx: x + 7, ty: y + 4, anchor: 'start' },
      { box: { x: x - 7 - lw, y: y - 9, w: lw, h: SMALL + 3 }, tx: x - 7, ty: y + 4, anchor: 'end' },
      { box: { x: x - lw / 2, y: y - 8 - SMALL - 3, w: lw, h: SMALL + 3 }, tx: x, ty: y - 8, anchor: 'middle' },
      { box: { x: x - lw / 2, y: y + 7, w: lw, h: SMALL + 3 }, tx: x, ty: y + 7 + SMALL, anchor: 'middle' },
    ];
    const fit = candidates.find(
      (c) =>
        c.box.x >= left + 2 &&
        c.box.x + c.box.w <= right &&
        c.box.y >= top &&
        c.box.y + c.box.h <= bottom - 2 &&
        !placed.some((b) => overlaps(c.box, b)),
    );
    if (fit) {
      placed.push(fit.box);
      labels.push(text(fit.tx, fit.ty, p99, { anchor: fit.anchor, size: SMALL, halo: true, cls: 'p99' }));
    }
  }
  parts.push(...marks, ...labels, '</svg>');
  const shown = labels.length;
  return figure(
    parts.join('\n'),
    `Monthly cost against nines of the ${f.length} design${f.length === 1 ? '' : 's'} no other beats on cost, nines and p99 together (circles vertical, squares horizontal, filled when every target is met); labels: the p99 over all users${shown < f.length ? ` (${shown} of ${f.length} shown where they fit; every point gives its figures on hover)` : ''}.`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// the page

const CSS = `
@page { size: auto; margin: 16mm 14mm 18mm; @bottom-right { content: counter(page) " / " counter(pages); font: 9pt sans-serif; color: #444; } }
:root { color-scheme: light; }
html { background: #fff; color: #111; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 .5rem; }
h2 { font-size: 1.35rem; margin: 2.4rem 0 .7rem; padding-bottom: .2rem; border-bottom: 2px solid #222; }
h3 { font-size: 1.08rem; margin: 1.6rem 0 .4rem; }
p { margin: .5rem 0 .8rem; }
ul, ol { margin: .4rem 0 .9rem; padding-left: 1.6rem; }
li { margin: .2rem 0; }
li > ul, li > ol { margin: .2rem 0; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: .88em; background: #f1f1f1; padding: 0 .25em; border-radius: 3px; overflow-wrap: anywhere; }
pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 12px; line-height: 1.25; background: #f7f7f7; border: 1px solid #ddd; border-radius: 4px; padding: .6rem .8rem; overflow-x: auto; }
pre code { background: none; padding: 0; font-size: inherit; border-radius: 0; overflow-wrap: normal; }
.table-wrap { overflow-x: auto; margin: .6rem 0 1.1rem; }
table { border-collapse: collapse; font-size: 13px; line-height: 1.35; }
th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
thead th { background: #ececec; }
tbody tr:nth-child(even) { background: #fafafa; }
.align-right { text-align: right; font-variant-numeric: tabular-nums; }
.align-center { text-align: center; }
figure.chart { margin: 1rem 0 1.6rem; }
figure.chart svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 13px; color: #444; margin-top: .35rem; }
@media print {
  html, body { background: #fff; color: #000; }
  body { font-size: 10pt; line-height: 1.4; }
  main { max-width: none; padding: 0; }
  main > h2 ~ h2 { break-before: page; }
  h1, h2, h3 { break-after: avoid; }
  h2 { margin-top: 0; }
  figure.chart, pre, table.small, tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
  .table-wrap { overflow: visible; }
  table { font-size: 8.5pt; }
  pre { font-size: 7.5pt; overflow: visible; }
  code { background: none; padding: 0; }
  figcaption { color: #000; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/**
 * The worksheet as one self-contained HTML page: its document rendered, with the cost-vs-load chart in "Growth and
 * crossover", the downtime chart in "Availability", the latency chart in "Latency" and the frontier chart in its
 * subsection (where the document places its figures). The same input gives the same bytes.
 */
export function worksheetHtml(input: WorksheetInput): string {
  const body = renderHtml(worksheetDocument(input), {
    latency: input.result.architectures.length > 0 ? latencyChart(input) : '',
    availability: input.result.architectures.length > 0 ? downtimeChart(input) : '',
    cost: input.curve && input.curve.points.length > 0 ? costChart(input, input.curve) : '',
    frontier: input.result.frontier.length > 0 ? frontierChart(input) : '',
  });
  const title = `Design review: ${input.result.scenario}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="capplan worksheet">',
    ...(input.date ? [`<meta name="date" content="${escapeHtml(input.date)}">`] : []),
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    body.trimEnd(),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
