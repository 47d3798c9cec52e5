/** Chart: downtime per year of each candidate against the availability target's budget. */

import { SECONDS_PER_YEAR } from '../../core/reliability/index.js';
import { formatDowntime, formatPercent } from '../../units/format.js';
import { linearTicks } from '../scale.js';
import type { WorksheetInput } from '../worksheet.js';
import { barFrame, refLabel } from './bars.js';
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

export function downtimeChart(w: WorksheetInput): string {
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
