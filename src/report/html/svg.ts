/**
 * The SVG vocabulary of the HTML worksheet's charts: sizes, colours, text (clipped, with a halo), lines, boxes,
 * legends, the <svg> opening and the <figure> around a chart. Pure.
 */

import { formatUsdTick } from '../../units/format.js';
import { escapeHtml } from '../render/html.js';

export const W = 720;
export const FONT = 13;
export const SMALL = 12;
export const INK = '#111';
export const GRID = '#ddd';
export const MUTED = '#555';
export const V_COLOR = '#1f4e99';
export const H_COLOR = '#b5520b';
export const WITHIN = '#6b87b8';
export const OVER = '#8b1a1a';
export const NETWORK = '#2f4f7f';
export const QUEUE_EDGE = '#6b4e16';

/** A coordinate with at most one decimal ("-0" avoided). */
export const n = (x: number): string => String(Math.round(x * 10) / 10 || 0);

/** Estimated width of a label (the charts use generic sans-serif fonts; generous so labels do not collide). */
export const textWidth = (s: string, size = FONT): number => Array.from(s).length * size * 0.6;

export function clip(s: string, maxWidth: number, size = FONT): string {
  const chars = Array.from(s);
  const fit = Math.floor(maxWidth / (size * 0.6));
  return chars.length <= fit ? s : `${chars.slice(0, Math.max(1, fit - 1)).join('')}…`;
}

export interface TextOptions {
  anchor?: 'start' | 'middle' | 'end';
  size?: number;
  weight?: 'bold';
  fill?: string;
  halo?: boolean;
  rotate?: number;
  cls?: string;
  title?: string;
}

export function text(x: number, y: number, s: string, o: TextOptions = {}): string {
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

export const line = (x1: number, y1: number, x2: number, y2: number, attrs: string): string =>
  `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" ${attrs}/>`;

export const rect = (x: number, y: number, w: number, h: number, attrs: string, title?: string): string =>
  title === undefined
    ? `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" ${attrs}/>`
    : `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" ${attrs}><title>${escapeHtml(title)}</title></rect>`;

export interface LegendItem {
  swatch: (x: number, y: number) => string;
  label: string;
}

/** A legend swatch: a filled box (bars of the downtime and latency charts). */
export const boxSwatch =
  (attrs: string) =>
  (x: number, y: number): string =>
    rect(x + 2, y - 6, 20, 12, attrs);

/** A legend swatch: the dashed vertical line of a limit (budget, target). */
export const limitSwatch = (x: number, y: number): string =>
  line(x + 12, y - 8, x + 12, y + 8, `stroke="${INK}" stroke-width="2" stroke-dasharray="4 2"`);

/** Legend items in rows from (x, y) (y: the first row's text baseline) wrapping at `right`; returns its height. */
export function legend(
  items: readonly LegendItem[],
  x0: number,
  y0: number,
  right: number,
): { svg: string; height: number } {
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

export function svgOpen(chart: string, height: number, title: string, desc: string, defs = ''): string {
  return [
    `<svg data-chart="${chart}" viewBox="0 0 ${W} ${n(height)}" width="100%" role="img" font-family="Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif" font-size="${FONT}" fill="${INK}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<desc>${escapeHtml(desc)}</desc>`,
    defs ? `<defs>${defs}</defs>` : '',
    rect(0, 0, W, height, 'fill="#fff"'),
  ].join('\n');
}

export function figure(svg: string, caption: string): string {
  return `<figure class="chart">\n${svg}\n<figcaption>${escapeHtml(caption)}</figcaption>\n</figure>`;
}

/** A tick label in dollars ("$0" for zero). */
export const usdTick = formatUsdTick;
