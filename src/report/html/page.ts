/**
 * The design-review worksheet as one self-contained HTML page (`capplan worksheet --format html`): the worksheet's
 * document rendered to HTML, with inline SVG charts drawn from the data (cost against load, downtime against the
 * availability budget, p99 per user region split into network and the rest, and the frontier: cost against nines
 * with the p99 as labels) where the document places its figures. No scripts, no external resources (inline CSS and
 * SVG only), print CSS for A4 and Letter, and no timestamp unless the input has a date: the same input gives the
 * same bytes. Pure: data in, text out.
 */

import type { FigureId } from '../document.js';
import { escapeHtml, renderHtml } from '../render/html.js';
import { fittedUslPlot } from '../uslPlot.js';
import { type WorksheetInput, worksheetDocument } from '../worksheet.js';
import { costChart } from './costChart.js';
import { downtimeChart } from './downtimeChart.js';
import { frontierChart } from './frontierChart.js';
import { latencyChart } from './latencyChart.js';
import { figure } from './svg.js';
import { tornadoChart } from './tornadoChart.js';
import { uslChart } from './uslChart.js';

const CSS = `
@page { size: auto; margin: 10mm 11mm 12mm; @bottom-right { content: counter(page) " / " counter(pages); font: 9pt sans-serif; color: #444; } }
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
  /* a printed review is read at a desk: 9 pt text, 7 pt tables, charts at most 50 mm tall, sources in three columns
     of 7 pt (the payment example fits 8 A4 or Letter pages, issue 19) */
  body { font-size: 9pt; line-height: 1.28; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 15pt; }
  h2 { font-size: 12pt; margin: .9em 0 .35em; }
  h3 { font-size: 10pt; margin: .7em 0 .2em; }
  p { margin: .25em 0 .45em; }
  ul, ol { margin: .2em 0 .5em; }
  li { margin: .08em 0; }
  .table-wrap { margin: .3em 0 .6em; }
  th, td { padding: .1em .35em; }
  figure.chart { margin: .4em 0 .8em; }
  figure.chart svg { width: auto; max-width: 100%; height: auto; max-height: 50mm; margin: 0 auto; }
  figcaption { font-size: 8pt; }
  ul.fine, p.fine { font-size: 7pt; line-height: 1.25; color: #222; }
  ul.fine { column-count: 3; column-gap: 4mm; }
  ul.fine li { break-inside: avoid; }
  /* no forced break per section (issue 19): a heading stays with what follows it, a list keeps 3 lines together */
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  p, li { orphans: 3; widows: 3; }
  figure.chart, pre, table.small, tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
  .table-wrap { overflow: visible; }
  table { font-size: 7pt; width: 100%; }
  pre { font-size: 7pt; overflow: visible; }
  code { background: none; padding: 0; }
  figcaption { color: #000; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/**
 * How each figure of the document is drawn ('' when there is nothing to draw): one row per chart, so a figure
 * without a drawing does not compile.
 */
const FIGURES: Record<FigureId, (w: WorksheetInput) => string> = {
  latency: (w) => (w.result.architectures.length > 0 ? latencyChart(w) : ''),
  availability: (w) => (w.result.architectures.length > 0 ? downtimeChart(w) : ''),
  cost: (w) => (w.curve && w.curve.points.length > 0 ? costChart(w, w.curve) : ''),
  frontier: (w) => (w.result.frontier.length > 0 ? frontierChart(w) : ''),
  tornado: (w) => tornadoChart(w),
  usl: (w) => {
    const plot = fittedUslPlot(w.scenario);
    return plot === null ? '' : figure(uslChart(plot.plot, plot.title), plot.caption);
  },
};

/**
 * The worksheet as one self-contained HTML page: its document rendered, with the cost-vs-load chart in "Growth and
 * crossover", the downtime chart in "Availability", the latency chart in "Latency" and the frontier chart in its
 * subsection (where the document places its figures). The same input gives the same bytes.
 */
export function worksheetHtml(input: WorksheetInput): string {
  const doc = worksheetDocument(input);
  const svg: Partial<Record<FigureId, string>> = {};
  for (const b of doc) if (b.kind === 'figure') svg[b.figure] = FIGURES[b.figure](input);
  const body = renderHtml(doc, svg);
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
