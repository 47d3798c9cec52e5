import { formatCount, formatDuration, formatInterval, formatPercent } from '../../units/format.js';
import { p99Bars, p99StackedRows } from '../chartData.js';
import { type Block, chartCaption, figure, heading, paragraph, preformatted, table } from '../document.js';
import { P99_REST } from '../table.js';
import { stackedBars } from '../textCharts/bars.js';
import type { WorksheetInput } from '../worksheet.js';
import { methodParagraphs, ms, recommended } from './common.js';
import { markedName } from './verdict.js';

export function latency(w: WorksheetInput): Block[] {
  const r = w.result;
  const rec = recommended(r) ?? r.architectures[0];
  const out = [
    heading(2, '5. Latency'),
    figure('latency'),
    paragraph(
      `End-to-end p99 per user region = network round trip(s) to the serving region + the response time of its queue; the overall p99 is a quantile of the mixture over user regions. Fan-out: a request waits for ${w.scenario.workload.fanout} sub-request(s)${w.scenario.workload.fanout > 1 ? ', the slowest of them sets its time' : ''}.`,
    ),
    paragraph(
      w.scenario.targets.p99Scope === 'every-region'
        ? `The p99 target, ${formatDuration(w.scenario.targets.p99S)}, applies to every user region (targets.p99Scope "every-region"): a candidate meets it only when none of its user regions below is marked "over".`
        : `The p99 target, ${formatDuration(w.scenario.targets.p99S)}, applies to the p99 over all users (targets.p99Scope "all-users"); a user region over it on its own is marked "over".`,
    ),
  ];
  const bursts = w.scenario.simulation?.bursts;
  if (bursts)
    out.push(
      paragraph(
        `The request simulation uses bursty arrivals: ${bursts.factor} times the calm rate for ${formatPercent(bursts.share)} of the time, in bursts of ${formatDuration(bursts.lengthS)} on average, at the same mean rate. The analytic p99 assumes Poisson arrivals: a simulated p99 above its figure is what the bursts cost.`,
      ),
    );
  // one table for every candidate (its name on the first row of its user regions): the same columns compared down
  // the page, rather than a table and a heading per candidate
  const anySim = r.architectures.some((a) => a.simulated?.latency?.byUserRegion);
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const a of r.architectures) {
    const simUsers = a.simulated?.latency?.byUserRegion;
    const simulatedP99 = (region: string): string => {
      const s = simUsers?.find((x) => x.region === region);
      return s ? `${ms(s.p99Ms)} (${formatInterval(s.ci95[0], s.ci95[1], ms)})` : 'n/a';
    };
    a.latency.byUserRegion.forEach((u, i) => {
      rows.push([
        i === 0 ? markedName(r, a) : '',
        u.region,
        formatPercent(u.share),
        u.servedFrom,
        `${ms(u.networkRttMs)} (${u.networkMethod})`,
        ms(u.queueP99Ms),
        u.meetsP99 ? ms(u.p99Ms) : `${ms(u.p99Ms)} **over**`,
        ...(anySim ? [simulatedP99(u.region)] : []),
        u.failoverTo === null ? 'nowhere (one region)' : `${u.failoverTo} (${ms(u.failoverRttMs)})`,
      ]);
    });
    const sim = a.simulated?.latency;
    if (sim) {
      const down = sim.sparesDown;
      notes.push(
        `**${a.name}**, simulated (${formatCount(sim.customers)} requests): p99 ${ms(sim.p99Ms)} (95% interval ${formatInterval(sim.ci95.p99Ms[0], sim.ci95.p99Ms[1], ms)}); the analytic p99 is ${sim.analyticP99Inside ? 'inside' : '**outside**'} it (${formatPercent(sim.analyticP99RelativeError, 1)} off).${sim.warnings.map((x) => ` Warning: ${x}.`).join('')}${
          down
            ? ` With ${down.spares} node${down.spares === 1 ? '' : 's'} down in every region (the spares), simulated p99 ${ms(down.p99Ms)} (95% interval ${formatInterval(down.ci95[0], down.ci95[1], ms)}); the analytic ${ms(a.latency.p99DegradedMs)} is ${down.analyticP99Inside ? 'inside' : '**outside**'} it.`
            : ''
        }`,
      );
    }
  }
  if (rows.length > 0) {
    out.push(
      table(
        [
          'candidate',
          'users in',
          'share',
          'served from',
          'network round trip',
          'queue + service p99',
          'end-to-end p99',
          ...(anySim ? ['simulated p99 (95% interval)'] : []),
          'fails over to',
        ],
        rows,
      ),
    );
  }
  for (const n of notes) out.push(paragraph(n));
  out.push(...methodParagraphs(r.architectures.map((a) => ({ name: a.name, method: a.latency.method }))));
  if (rec) {
    const rows = p99StackedRows(p99Bars(rec), { network: '=', rest: '-' });
    out.push(
      chartCaption(`p99 of ${rec.name} per user region, network (=) and the rest: ${P99_REST} (-):`, 'latency'),
      preformatted(stackedBars({ rows, width: 78, format: (v) => ms(v), ascii: true }), 'latency'),
    );
  }
  return out;
}
