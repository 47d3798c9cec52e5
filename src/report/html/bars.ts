/** The frame shared by the horizontal bar charts (downtime, latency): label column, plot width, reference labels. */

import { INK, type LegendItem, legend, line, SMALL, type TextOptions, text, textWidth, W } from './svg.js';

/**
 * The frame of a horizontal bar chart: the label column (`labelWidth` wide), the plot's right end (room for every
 * bar's value label, plotRight) and the legend above the plot; `top` is where the bars start.
 */
export function barFrame(labelWidth: number, ends: readonly number[], labels: readonly string[], items: LegendItem[]) {
  const left = 12 + labelWidth + 10;
  const right = plotRight(left, ends, labels);
  const lg = legend(items, left, 18, W - 12);
  return { left, right, lg, top: 18 + lg.height + 22 };
}

/**
 * The right end of a bar chart's plot: as wide as possible while every bar's value label (drawn after its end) still
 * fits in the chart. `ends` are the bars' ends as fractions of the axis, `labels` their labels.
 */
export function plotRight(left: number, ends: readonly number[], labels: readonly string[]): number {
  let width = W - 16 - left;
  ends.forEach((f, k) => {
    if (f > 0) width = Math.min(width, (W - 8 - left - 6 - textWidth(labels[k] ?? '', SMALL)) / f);
  });
  return left + Math.max(width, (W - 16 - left) / 2);
}

/** A label beside a vertical reference line at x, to its right unless it would leave the chart. */
export function refLabel(x: number, y: number, s: string): string {
  const beside: LabelSpot[] = [
    { x: x + 6, anchor: 'start' },
    { x: x - 6, anchor: 'end' },
  ];
  return placeLabel(y, s, beside, [], Number.NEGATIVE_INFINITY, W - 8);
}

/** Where a label may go: its anchor point and side. */
interface LabelSpot {
  x: number;
  anchor: 'start' | 'middle' | 'end';
}

/**
 * A label at the first of `spots` that lies inside [lo, hi] and clear of every vertical marker line at `markers`
 * (3 px either side), else at the first inside [lo, hi], else at the first: the charts' labels beside the budget,
 * today, crossover and target lines. Tested in Chromium: no label under a marker line.
 */
export function placeLabel(
  y: number,
  s: string,
  spots: readonly LabelSpot[],
  markers: readonly number[],
  lo: number,
  hi: number,
  o: Omit<TextOptions, 'anchor'> = {},
): string {
  const w = textWidth(s, o.size ?? SMALL);
  const span = ({ x, anchor }: LabelSpot): [number, number] =>
    anchor === 'start' ? [x, x + w] : anchor === 'end' ? [x - w, x] : [x - w / 2, x + w / 2];
  const inside = (p: LabelSpot) => {
    const [a, b] = span(p);
    return a >= lo && b <= hi;
  };
  const clear = (p: LabelSpot) => {
    const [a, b] = span(p);
    return markers.every((m) => m < a - 3 || m > b + 3);
  };
  const spot = spots.find((p) => inside(p) && clear(p)) ?? spots.find(inside) ?? spots[0];
  if (spot === undefined) throw new RangeError('placeLabel needs a spot');
  return text(spot.x, y, s, { size: SMALL, halo: true, ...o, anchor: spot.anchor });
}

/**
 * A tick label of a horizontal axis: centred under its tick, or ending (starting) at it when centred it would leave
 * the chart (the last tick at the plot's right end, the first at its left).
 */
export function xTickLabel(x: number, y: number, s: string): string {
  const half = textWidth(s, SMALL) / 2;
  const anchor = x + half > W - 2 ? 'end' : x - half < 2 ? 'start' : 'middle';
  return text(x, y, s, { anchor, size: SMALL });
}

/**
 * A bar's value label: 6 px after the bar's end, or after a marker line (the budget, the target) that it would
 * otherwise cross; before the marker, over the bar's end, when after it the label would leave the chart. Tested in
 * Chromium: no label under a marker line.
 */
export function valueLabel(end: number, y: number, s: string, marker: number): string {
  const w = textWidth(s, SMALL);
  const crosses = end + 6 < marker + 3 && end + 6 + w > marker - 3;
  if (!crosses) return text(end + 6, y, s, { size: SMALL, halo: true });
  if (marker + 6 + w <= W - 8) return text(marker + 6, y, s, { size: SMALL, halo: true });
  return text(marker - 6, y, s, { size: SMALL, anchor: 'end', halo: true });
}

/** A chart's two axes (left and bottom) and the title under the bottom one, centred. */
export function axes(left: number, right: number, top: number, bottom: number, title: string): string[] {
  return [
    line(left, top, left, bottom, `class="axis" stroke="${INK}" stroke-width="1.2"`),
    line(left, bottom, right, bottom, `class="axis" stroke="${INK}" stroke-width="1.2"`),
    text((left + right) / 2, bottom + 40, title, { anchor: 'middle' }),
  ];
}
