/** Chart: the load test's throughput against concurrency, the fitted USL curve and its peak (SVG). */

import { formatRate, formatSig } from '../../units/format.js';
import { linearTicks } from '../scale.js';
import type { UslPlot } from '../uslPlot.js';
import { xTickLabel } from './bars.js';
import { GRID, INK, line, MUTED, n, SMALL, svgOpen, text, V_COLOR, W } from './svg.js';

const H = 380;
const LEFT = 70;
const RIGHT = 20;
const TOP = 30;
const BOTTOM = 50;

/** The <svg> of a USL plot (for the HTML worksheet; uslSvgFile makes a file of it). */
export function uslChart(p: UslPlot, title: string): string {
  const plotW = W - LEFT - RIGHT;
  const plotH = H - TOP - BOTTOM;
  const xs = linearTicks(p.maxN, 8);
  const maxX = Math.max(...p.points.map((q) => q.x), ...p.curve.map((q) => q.x), p.peak?.x ?? 0);
  const ys = linearTicks(maxX * 1.05, 6);
  const px = (v: number) => LEFT + (v / xs.top) * plotW;
  const py = (v: number) => TOP + plotH - (v / ys.top) * plotH;
  const parts: string[] = [];
  for (const t of ys.ticks) {
    parts.push(line(LEFT, py(t), LEFT + plotW, py(t), `stroke="${GRID}"`));
    parts.push(text(LEFT - 6, py(t) + 4, formatRate(t, 3), { anchor: 'end', size: SMALL }));
  }
  for (const t of xs.ticks) {
    parts.push(line(px(t), TOP + plotH, px(t), TOP + plotH + 4, `stroke="${INK}"`));
    parts.push(xTickLabel(px(t), TOP + plotH + 18, formatSig(t, 3)));
  }
  parts.push(line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, `stroke="${INK}"`));
  parts.push(line(LEFT, TOP, LEFT, TOP + plotH, `stroke="${INK}"`));
  parts.push(text(LEFT + plotW / 2, H - 10, 'concurrency or nodes N', { anchor: 'middle' }));
  parts.push(text(LEFT, TOP - 12, 'throughput X(N)', { anchor: 'start' }));
  const path = p.curve.map((q, i) => `${i === 0 ? 'M' : 'L'}${n(px(q.n))},${n(py(q.x))}`).join('');
  parts.push(`<path d="${path}" fill="none" stroke="${V_COLOR}" stroke-width="2"/>`);
  for (const q of p.points) {
    parts.push(
      `<circle cx="${n(px(q.n))}" cy="${n(py(q.x))}" r="3.5" fill="#fff" stroke="${INK}" stroke-width="1.5"/>`,
    );
  }
  if (p.peak !== null) {
    const x = px(p.peak.n);
    parts.push(line(x, py(p.peak.x), x, TOP + plotH, `stroke="${MUTED}" stroke-dasharray="4 3"`));
    const label = `peak ${formatRate(p.peak.x, 4)} at N* = ${formatSig(p.peak.n, 3)}`;
    parts.push(text(x, py(p.peak.x) - 8, label, { anchor: x > LEFT + plotW * 0.7 ? 'end' : 'middle', halo: true }));
  }
  const desc = `Measured throughput (circles) and the fitted Universal Scalability Law (line): sigma ${formatSig(p.sigma, 4)}, kappa ${formatSig(p.kappa, 4)}, lambda ${formatRate(p.lambda, 4)}.`;
  return `${svgOpen('usl', H, title, desc)}\n${parts.join('\n')}\n</svg>`;
}

/** A standalone SVG file of a USL plot. */
export function uslSvgFile(p: UslPlot, title: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${uslChart(p, title).replace('<svg ', '<svg xmlns="http://www.w3.org/2000/svg" ')}\n`;
}
