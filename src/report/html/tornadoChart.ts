/**
 * Chart: the sensitivity tornado (issue 19: an SVG beside the text one, which the HTML then leaves out): for the
 * inputs that move the decision most, the swing of the recommended design's monthly cost between each input's low and
 * high value, one horizontal bar each, largest first, an input at whose ends the recommendation differs marked.
 */

import { formatUsd } from '../../units/format.js';
import { linearTicks } from '../scale.js';
import { TORNADO_INPUTS } from '../sections/sensitivity.js';
import type { WorksheetInput } from '../worksheet.js';
import { axes, barFrame, xTickLabel } from './bars.js';
import { boxSwatch, clip, FONT, figure, GRID, line, rect, SMALL, svgOpen, text, textWidth, WITHIN } from './svg.js';

export function tornadoChart(w: WorksheetInput): string {
  const s = w.sensitivity;
  if (s === null || s.inputs.length === 0) return '';
  const inputs = s.inputs.slice(0, TORNADO_INPUTS);
  const flips = (i: (typeof inputs)[number]) => i.recommendationLow !== i.recommendationHigh || i.flips.length > 0;
  const max = Math.max(1, ...inputs.map((i) => i.swingUsdPerMonth));
  const { top: xTop, ticks } = linearTicks(max, 5);
  const labels = inputs.map((i) => `${formatUsd(i.swingUsdPerMonth)}${flips(i) ? ', decision flips' : ''}`);
  const labelWidth = Math.min(250, Math.max(80, ...inputs.map((i) => textWidth(i.label, FONT))));
  const { left, right, lg, top } = barFrame(
    labelWidth,
    inputs.map((i) => i.swingUsdPerMonth / xTop),
    labels,
    [{ label: "swing of the recommended design's monthly cost, low to high", swatch: boxSwatch(`fill="${WITHIN}"`) }],
  );
  const row = 24;
  const bar = 14;
  const bottom = top + inputs.length * row;
  const sx = (v: number) => left + (v / xTop) * (right - left);
  const parts: string[] = [
    svgOpen(
      'sensitivity-tornado',
      bottom + 50,
      'Sensitivity: the swing of the recommended design\u2019s monthly cost per input',
      `For each input varied on its own between its low and high value, how far the recommended design's monthly cost moves; an input at which the recommendation changes is marked "decision flips".`,
    ),
    lg.svg,
  ];
  for (const t of ticks) {
    const x = sx(t);
    parts.push(line(x, top, x, bottom, `stroke="${GRID}" stroke-width="1"`));
    parts.push(xTickLabel(x, bottom + 18, t === 0 ? '$0' : formatUsd(t)));
  }
  inputs.forEach((i, k) => {
    const y = top + k * row + (row - bar) / 2;
    const bold = flips(i) ? { weight: 'bold' as const } : {};
    parts.push(text(left - 10, y + bar / 2 + 4, clip(i.label, labelWidth), { anchor: 'end', ...bold, title: i.label }));
    parts.push(rect(left, y, sx(i.swingUsdPerMonth) - left, bar, `class="bar swing" fill="${WITHIN}"`, labels[k]));
    parts.push(text(sx(i.swingUsdPerMonth) + 6, y + bar / 2 + 4, labels[k] ?? '', { size: SMALL, halo: true }));
  });
  parts.push(...axes(left, right, top, bottom, 'swing of the monthly cost (USD per month)'));
  parts.push('</svg>');
  return figure(
    parts.join('\n'),
    'Sensitivity: the swing of the recommended design\u2019s monthly cost as each input moves from its low to its high value; inputs in bold change the recommendation.',
  );
}
