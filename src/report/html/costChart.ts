/** Chart: the monthly cost of the best vertical and best horizontal design against load, with the crossover. */

import type { CostCurve } from '../../compare/costCurve.js';
import { formatRate, formatUsd } from '../../units/format.js';
import { type CostRunPoint, costRuns, costVsLoad } from '../chartData.js';
import { escapeHtml } from '../render/html.js';
import { linearTicks, logTicks } from '../scale.js';
import type { WorksheetInput } from '../worksheet.js';
import { placeLabel, xTickLabel } from './bars.js';
import {
  figure,
  GRID,
  H_COLOR,
  INK,
  type LegendItem,
  legend,
  line,
  MUTED,
  n,
  rect,
  SMALL,
  svgOpen,
  text,
  textWidth,
  usdTick,
  V_COLOR,
  W,
} from './svg.js';

export function costChart(w: WorksheetInput, curve: CostCurve): string {
  const rates = curve.points.map((p) => p.designRatePerS).filter((x) => x > 0 && Number.isFinite(x));
  const data = costVsLoad(curve);
  const vRuns = costRuns(data.vertical, 'vertical');
  const hRuns = costRuns(data.horizontal, 'horizontal');
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
  const seriesLabel = (kind: 'vertical' | 'horizontal', runs: CostRunPoint[][]) =>
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
    grid.push(xTickLabel(sx(t), bottom + 18, formatRate(t, 2)));
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
  const path = (run: CostRunPoint[]) => run.map((p, k) => `${k === 0 ? 'M' : 'L'}${n(sx(p.x))} ${n(sy(p.y))}`).join('');
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
  // the marker lines (crossover, today) that a label beside them or over a point must keep clear of
  const markers = [sx(today), ...(curve.crossover ? [sx(curve.crossover.ratePerS)] : [])];
  if (lim && lastV && lim.ratePerS > lastV.x) {
    // centred over the last point, else beside a marker line that would run through it, else ending or starting there
    const x = sx(lastV.x);
    const spots = [
      { x, anchor: 'middle' as const },
      ...markers.flatMap((m) => [
        { x: m - 5, anchor: 'end' as const },
        { x: m + 5, anchor: 'start' as const },
      ]),
      { x, anchor: 'end' as const },
      { x, anchor: 'start' as const },
    ];
    parts.push(
      placeLabel(sy(lastV.y) - 12, 'vertical runs out', spots, markers, left, W - 8, {
        fill: V_COLOR,
        title: `${formatRate(lim.ratePerS)}: ${lim.reason}`,
      }),
    );
  }
  // crossover and today: each label beside its line, to the right unless it would leave the plot or cross the other
  const markLabel = (x: number, y: number, s: string, fill: string, avoid: readonly number[]) =>
    placeLabel(
      y,
      s,
      [
        { x: sx(x) + 6, anchor: 'start' },
        { x: sx(x) - 6, anchor: 'end' },
      ],
      avoid,
      left,
      right,
      { fill },
    );
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
    // above the top of today's line: nothing to avoid
    parts.push(markLabel(c.ratePerS, top - 12, label, INK, []));
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
  parts.push(markLabel(today, top + 4, `today ${formatRate(today)}`, MUTED, markers.slice(1)));
  parts.push('</svg>');
  return figure(
    parts.join('\n'),
    `Monthly cost of the best vertical (solid, circles) and best horizontal (dashed, squares) designs, re-sized at each load; missing points: the design cannot carry that load.`,
  );
}
