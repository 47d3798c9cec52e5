/** Chart: the frontier, monthly cost against nines, with the p99 as labels. */

import { nines as ninesOf } from '../../core/reliability/index.js';
import { formatLatencyMs, formatNines, formatUsd } from '../../units/format.js';
import { escapeHtml } from '../render/html.js';
import { linearTicks, logTicks } from '../scale.js';
import type { WorksheetInput } from '../worksheet.js';
import { xTickLabel } from './bars.js';
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
  SMALL,
  svgOpen,
  text,
  textWidth,
  usdTick,
  V_COLOR,
  W,
} from './svg.js';

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
export function frontierChart(w: WorksheetInput): string {
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
    grid.push(xTickLabel(sx(t), bottom + 18, label));
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
