import { formatInterval, formatNines, formatPercent, formatUsd } from '../../units/format.js';
import { type Block, figure, heading, methodParagraph, paragraph, preformatted, table } from '../document.js';
import type { WorksheetInput } from '../worksheet.js';
import { ms } from './common.js';
import { designsSentence } from './growth.js';

/** The inputs the tornado shows (text and SVG): the first of the analysis, largest swing first. */
export const TORNADO_INPUTS = 12;

export function sensitivitySection(w: WorksheetInput): Block[] {
  const s = w.sensitivity;
  const out = [heading(2, '8. Sensitivity')];
  if (!s) {
    out.push(paragraph('Not computed.'));
    return out;
  }
  out.push(
    paragraph(
      "Which inputs move the decision: the bar is the swing of the recommended design's monthly cost between the input's low and high values; the table says which candidate would be recommended at each end, and at which value the recommendation flips.",
    ),
    paragraph(
      designsSentence(
        s.designs,
        'at every point',
        'with their instance type, regions, standby, spares, zones and balancer (horizontal node counts re-sized)',
      ),
    ),
    methodParagraph(`Method: ${s.method}`),
  );
  const top = s.inputs.slice(0, TORNADO_INPUTS);
  const max = Math.max(1, ...top.map((i) => i.swingUsdPerMonth));
  out.push(
    figure('tornado'),
    preformatted(
      top.map((i) => {
        const n = Math.round((i.swingUsdPerMonth / max) * 30);
        return `${i.label.padEnd(30).slice(0, 30)} ${'#'.repeat(n).padEnd(30)} ${formatUsd(i.swingUsdPerMonth)}`;
      }),
      'tornado',
    ),
  );
  // an input that moves neither the cost nor the recommendation is named in one sentence, not given a table row
  const base = w.result.recommendation.name;
  const moves = (i: (typeof top)[number]) =>
    i.swingUsdPerMonth > 0 || i.recommendationLow !== base || i.recommendationHigh !== base || i.flips.length > 0;
  const recommendedAt = (name: string | null) => (name === null ? 'none' : name === base ? 'unchanged' : name);
  const rows = top
    .filter(moves)
    .map((i) => [
      i.label,
      `${i.displayLow} .. ${i.displayHigh}${i.source === 'range' ? ' (range)' : ''}`,
      formatInterval(i.costLow, i.costHigh, formatUsd, ' .. '),
      recommendedAt(i.recommendationLow),
      recommendedAt(i.recommendationHigh),
      i.flips.length === 0
        ? '-'
        : i.flips.map((f) => `${f.display}: ${f.from ?? 'none'} -> ${f.to ?? 'none'}`).join('; '),
    ]);
  if (rows.length > 0) {
    out.push(
      table(
        ['input', 'low .. high', 'cost low .. high', 'recommended at low', 'recommended at high', 'flips at'],
        rows,
      ),
    );
  }
  const still = top.filter((i) => !moves(i));
  if (still.length > 0) {
    out.push(
      paragraph(
        `Neither the cost nor the recommendation (${base}, "unchanged" in the table) moves between the low and high values of: ${still.map((i) => (i.displayLow === i.displayHigh ? `${i.label} (${i.displayLow} at both ends)` : i.label)).join(', ')}.`,
      ),
    );
  }
  if (w.result.uncertainty) {
    const u = w.result.uncertainty;
    out.push(
      paragraph(
        `**Uncertain inputs** (${u.inputs.map((x) => x.path).join(', ')}): over ${u.samples} sampled scenarios (${u.method}):`,
      ),
      table(
        ['candidate', 'meets every target', 'cost 5% .. 95%', 'p99 5% .. 95%', 'nines 5% .. 95%'],
        u.byArchitecture.map((a) => [
          a.name,
          formatPercent(a.probMeetsAll, 0),
          formatInterval(a.costUsdPerMonth.p5, a.costUsdPerMonth.p95, formatUsd, ' .. '),
          a.p99Ms === null ? 'unstable' : formatInterval(a.p99Ms.p5, a.p99Ms.p95, ms, ' .. '),
          formatInterval(a.nines.p5, a.nines.p95, formatNines, ' .. '),
        ]),
      ),
    );
  }
  return out;
}
