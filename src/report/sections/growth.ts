/** Section 7: cost against load, where vertical runs out and where horizontal becomes cheaper. */

import type { Designs } from '../../compare/designs.js';
import { formatRate, formatUsdTick } from '../../units/format.js';
import { costVsLoadSeries, crossoverSentence } from '../chartData.js';
import { type Block, bullets, figure, heading, paragraph, preformatted } from '../document.js';
import { lineChart } from '../textCharts/lineChart.js';
import type { WorksheetInput } from '../worksheet.js';

/**
 * One sentence saying which designs an analysis compared at each of its points (its `designs` field).
 * @param at where: "at every load", "at every point"
 * @param frozen what freezing keeps and what it re-sizes, for this analysis
 * @param searched what the search at each point leaves out, if anything ("" for nothing)
 */
export function designsSentence(designs: Designs, at: string, frozen: string, searched = ''): string {
  switch (designs) {
    case 'searched at every point':
      return `Designs: the scenario names no architectures, so the search runs again ${at}${searched} and the best vertical and best horizontal design are those found there (\`--freeze\` keeps today's designs instead).`;
    case 'frozen':
      return `Designs: frozen (\`--freeze\`): today's best vertical and best horizontal design are kept ${at}, ${frozen}, instead of searching again.`;
    default:
      return `Designs: the scenario's own candidates ${at} (it names its architectures, so there is no search to run again).`;
  }
}

export function growth(w: WorksheetInput): Block[] {
  const c = w.curve;
  const out = [heading(2, '7. Growth and crossover'), figure('cost')];
  if (!c) {
    out.push(paragraph('No cost curve: the comparison has no candidate to re-size.'));
    return out;
  }
  out.push(
    paragraph(
      `Monthly cost of the best vertical (o) and best horizontal (h) designs, ${c.designs === 'searched at every point' ? 'searched' : 're-sized'} at each load from ${formatRate(c.points[0]?.designRatePerS ?? 0)} to ${formatRate(c.points[c.points.length - 1]?.designRatePerS ?? 0)} (missing points: the design cannot carry that load).`,
    ),
    paragraph(
      designsSentence(
        c.designs,
        'at every load',
        'their shape kept (vertical: family, region and standby; horizontal: instance type, regions, spares, zones and balancer) and re-sized for the load',
        ' without the budget (the chart shows what carrying each load costs)',
      ),
    ),
  );
  out.push(
    bullets([
      c.verticalLimit
        ? `The best vertical design runs out at about **${formatRate(c.verticalLimit.ratePerS)}**: ${c.verticalLimit.reason}.`
        : 'The best vertical design carries every load in the range.',
      `Crossover: ${crossoverSentence(c, w.result.designRatePerS)} (interpolated between the chart's points, linear in log load).`,
      `Today's design rate: ${formatRate(w.result.designRatePerS)}.`,
    ]),
  );
  const { series, marks } = costVsLoadSeries(c, { vertical: 'o', horizontal: 'h' });
  out.push(
    preformatted(
      lineChart({
        series,
        width: 78,
        height: 14,
        logX: true,
        xFormat: (x) => formatRate(x, 2),
        yFormat: (y) => formatUsdTick(y),
        marks,
        ascii: true,
      }),
      'cost',
    ),
  );
  return out;
}
