/** Chart: p99 per user region of each candidate, split into network and the rest, against the p99 target. */

import { formatDuration, formatLatencyMs } from '../../units/format.js';
import { p99Bars } from '../chartData.js';
import { linearTicks } from '../scale.js';
import { P99_REST } from '../table.js';
import type { WorksheetInput } from '../worksheet.js';
import { barFrame, refLabel, valueLabel, xTickLabel } from './bars.js';
import {
  boxSwatch,
  clip,
  figure,
  GRID,
  INK,
  limitSwatch,
  line,
  NETWORK,
  QUEUE_EDGE,
  rect,
  SMALL,
  svgOpen,
  text,
  textWidth,
  W,
} from './svg.js';

// chart 3: p99 per user region, network and queueing

const TARGET_LINE = `class="target" stroke="${INK}" stroke-width="2" stroke-dasharray="4 2"`;

export function latencyChart(w: WorksheetInput): string {
  const archs = w.result.architectures;
  const rec = w.result.recommendation.name;
  const targetMs = w.scenario.targets.p99S * 1000;
  const rows = archs.map((a) =>
    p99Bars(a).map((u) => {
      const { networkMs: net, restMs: queue } = u;
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
  const targets: string[] = [];
  const tx = sx(targetMs);
  for (const t of ticks) {
    grid.push(line(sx(t), bottom, sx(t), bottom + 5, `stroke="${INK}" stroke-width="1"`));
    grid.push(xTickLabel(sx(t), bottom + 18, String(Number(t.toPrecision(6)))));
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
    // the target line too: its name, as wide as the chart, crosses no line
    targets.push(line(tx, g0, tx, g1, TARGET_LINE));
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
      labels.push(valueLabel(sx(r.net + (r.queue ?? 0)), by + bar / 2 + 4, r.label, sx(targetMs)));
      ry += row;
    }
    y += groupH;
  });
  parts.push(
    ...bands,
    `<g class="grid">${grid.join('')}</g>`,
    ...bars,
    line(tx, top - 14, tx, top, TARGET_LINE),
    ...targets,
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
