/**
 * Chart: downtime per year of each candidate against the availability target's budget, on a log axis (issue 19: on a
 * linear axis the designs that meet the target were slivers beside one that misses it by days): whole decades of
 * minutes a year from the decade below the smallest downtime (or the budget) to the one above the largest, ticks at
 * 1, 2 and 5 x 10^k labelled as durations.
 */

import { SECONDS_PER_YEAR } from '../../core/reliability/index.js';
import { formatDowntimeRounded, formatDuration, formatNines, formatPercent } from '../../units/format.js';
import { logTicks } from '../scale.js';
import type { WorksheetInput } from '../worksheet.js';
import { axes, barFrame, refLabel, valueLabel, xTickLabel } from './bars.js';
import {
  boxSwatch,
  clip,
  FONT,
  figure,
  GRID,
  INK,
  limitSwatch,
  line,
  OVER,
  rect,
  SMALL,
  svgOpen,
  text,
  textWidth,
  WITHIN,
} from './svg.js';

/** The smallest downtime the axis shows, minutes a year (a design below it, 0 included, starts at the axis). */
const FLOOR_MIN = 0.01;

/** Whole decades of minutes around every value: [10^floor(log10 lo), 10^ceil(log10 hi)]. */
function decades(values: readonly number[]): { lo: number; hi: number } {
  const positive = values.filter((v) => v > FLOOR_MIN);
  const lo = 10 ** Math.floor(Math.log10(Math.min(...positive, 1)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...positive, lo * 10)));
  return { lo, hi: hi > lo ? hi : lo * 10 };
}

function hatch(id: string, color: string, background: string): string {
  return `<pattern id="${id}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="${background}"/><rect width="2.5" height="6" fill="${color}"/></pattern>`;
}

export function downtimeChart(w: WorksheetInput): string {
  const archs = w.result.architectures;
  const rec = w.result.recommendation.name;
  const budgetMin = (w.scenario.targets.unavailability * SECONDS_PER_YEAR) / 60;
  const values = archs.map((a) => {
    const d = a.availability.downtimeMinutesPerYear;
    return Number.isFinite(d) ? Math.max(0, d) : 0;
  });
  const { lo, hi } = decades([budgetMin, ...values]);
  const span = Math.log10(hi / lo);
  /** A downtime's place on the axis, 0 (lo or less) to 1 (hi). */
  const at = (m: number) => (m <= lo ? 0 : Math.min(1, Math.log10(m / lo) / span));
  // a tick every decade when there are many, 1-2-5 when few
  const ticks = logTicks(lo, hi);
  const labels = values.map(
    (d) =>
      `${formatDowntimeRounded(d * 60)}${d > budgetMin ? `, ${formatDowntimeRounded((d - budgetMin) * 60)} over` : ''}`,
  );

  const labelWidth = Math.min(250, Math.max(80, ...archs.map((a) => textWidth(a.name, FONT))));
  const budgetLabel = `budget ${formatDowntimeRounded(budgetMin * 60)} a year (${formatPercent(w.scenario.targets.availability)})`;
  const { left, right, lg, top } = barFrame(
    labelWidth,
    values.map((d) => at(d)),
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
  const sx = (m: number) => left + at(m) * (right - left);

  const parts: string[] = [
    svgOpen(
      'downtime-vs-budget',
      height,
      'Downtime per year of each candidate against the availability budget',
      `Expected downtime per year of each candidate; the budget allowed by the ${formatPercent(w.scenario.targets.availability)} availability target is ${formatDowntimeRounded(budgetMin * 60)} a year. The part of a bar over the budget is hatched.`,
      hatch('dt-over', OVER, '#f3c4c4'),
    ),
    lg.svg,
  ];
  const grid: string[] = [];
  // labels that never touch: the decades first, then 2 and 5 x 10^k where there is room for them
  const tickLabel = (t: number) => formatDuration(t * 60, 2);
  const room = (x: number, label: string, kept: readonly { x: number; w: number }[]) =>
    kept.every((k) => Math.abs(k.x - x) > (k.w + textWidth(label, SMALL)) / 2 + 8);
  const kept: { x: number; w: number; t: number }[] = [];
  const decade = (t: number) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9;
  for (const pass of [true, false]) {
    for (const t of ticks) {
      if (decade(t) !== pass || !room(sx(t), tickLabel(t), kept)) continue;
      kept.push({ x: sx(t), w: textWidth(tickLabel(t), SMALL), t });
    }
  }
  for (const { t } of kept) {
    const x = sx(t);
    grid.push(line(x, top, x, bottom, `stroke="${GRID}" stroke-width="1"`));
    grid.push(line(x, bottom, x, bottom + 5, `stroke="${INK}" stroke-width="1"`));
    grid.push(xTickLabel(x, bottom + 18, tickLabel(t)));
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
    const tip = `${a.name}: ${formatDowntimeRounded(d * 60)} a year (${formatNines(a.availability.nines)} nines)`;
    if (within > 0) parts.push(rect(left, y, sx(within) - left, bar, `class="bar within" fill="${WITHIN}"`, tip));
    if (d > budgetMin) {
      const attrs = `class="bar over" fill="url(#dt-over)" stroke="${OVER}" stroke-width="1"`;
      parts.push(rect(sx(budgetMin), y, sx(d) - sx(budgetMin), bar, attrs, tip));
    }
    valueLabels.push(valueLabel(sx(d), y + bar / 2 + 4, labels[k] ?? '', sx(budgetMin)));
  });
  const bx = sx(budgetMin);
  parts.push(line(bx, top - 14, bx, bottom, `class="budget" stroke="${INK}" stroke-width="2" stroke-dasharray="4 2"`));
  parts.push(refLabel(bx, top - 5, budgetLabel));
  parts.push(...names, ...valueLabels);
  parts.push(...axes(left, right, top, bottom, 'downtime per year (log scale)'));
  parts.push('</svg>');
  return figure(
    parts.join('\n'),
    `Downtime per year of each candidate against the ${formatPercent(w.scenario.targets.availability)} target's budget; the hatched part is over the budget.${rec ? ' The recommended design is in bold.' : ''}`,
  );
}
