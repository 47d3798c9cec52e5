import { formatCount, formatDuration, formatPercent } from '../../units/format.js';
import { p99Bars, p99StackedRows } from '../chartData.js';
import { type Block, figure, heading, paragraph, preformatted, table } from '../document.js';
import { P99_REST } from '../table.js';
import { stackedBars } from '../textCharts/bars.js';
import type { WorksheetInput } from '../worksheet.js';
import { ms, recommended } from './common.js';

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
        ? `The p99 target, ${formatDuration(w.scenario.targets.p99S)}, applies to every user region (targets.p99Scope "every-region"): a candidate meets it only when every row below does.`
        : `The p99 target, ${formatDuration(w.scenario.targets.p99S)}, applies to the p99 over all users (targets.p99Scope "all-users"); the column "within the p99 target" shows which user regions are over it on their own.`,
    ),
  ];
  const bursts = w.scenario.simulation?.bursts;
  if (bursts)
    out.push(
      paragraph(
        `The request simulation uses bursty arrivals: ${bursts.factor} times the calm rate for ${formatPercent(bursts.share)} of the time, in bursts of ${formatDuration(bursts.lengthS)} on average, at the same mean rate. The analytic p99 assumes Poisson arrivals: a simulated p99 above its figure is what the bursts cost.`,
      ),
    );
  for (const a of r.architectures) {
    out.push(heading(3, a.name));
    const simUsers = a.simulated?.latency?.byUserRegion;
    const simulatedP99 = (region: string): string => {
      const s = simUsers?.find((x) => x.region === region);
      return s ? `${ms(s.p99Ms)} (${ms(s.ci95[0])} to ${ms(s.ci95[1])})` : 'n/a';
    };
    out.push(
      table(
        [
          'users in',
          'share',
          'served from',
          'network round trip',
          'queue + service p99',
          'end-to-end p99',
          'within the p99 target',
          ...(simUsers ? ['simulated p99 (95% interval)'] : []),
          'fails over to',
        ],
        a.latency.byUserRegion.map((u) => [
          u.region,
          formatPercent(u.share),
          u.servedFrom,
          `${u.networkRttMs.toFixed(1)} ms (${u.networkMethod})`,
          ms(u.queueP99Ms),
          ms(u.p99Ms),
          u.meetsP99 ? 'yes' : '**no**',
          ...(simUsers ? [simulatedP99(u.region)] : []),
          u.failoverTo === null ? 'nowhere (one region)' : `${u.failoverTo} (${ms(u.failoverRttMs)})`,
        ]),
      ),
    );
    const sim = a.simulated?.latency;
    if (sim) {
      out.push(
        paragraph(
          `Simulated (${formatCount(sim.customers)} requests): p99 ${ms(sim.p99Ms)} (95% interval ${ms(sim.ci95.p99Ms[0])} to ${ms(sim.ci95.p99Ms[1])}); the analytic p99 is ${sim.analyticP99Inside ? 'inside' : '**outside**'} it (${formatPercent(sim.analyticP99RelativeError, 1)} off).${sim.warnings.map((w) => ` Warning: ${w}.`).join('')}`,
        ),
      );
      const down = sim.sparesDown;
      if (down)
        out.push(
          paragraph(
            `With ${down.spares} node${down.spares === 1 ? '' : 's'} down in every region (the spares), simulated p99 ${ms(down.p99Ms)} (95% interval ${ms(down.ci95[0])} to ${ms(down.ci95[1])}); the analytic ${ms(a.latency.p99DegradedMs)} is ${down.analyticP99Inside ? 'inside' : '**outside**'} it.`,
          ),
        );
    }
    out.push(paragraph(`Method: ${a.latency.method}.`));
  }
  if (rec) {
    const rows = p99StackedRows(p99Bars(rec), { network: '=', rest: '-' });
    out.push(
      paragraph(`p99 of ${rec.name} per user region, network (=) and the rest: ${P99_REST} (-):`),
      preformatted(stackedBars({ rows, width: 78, format: (v) => `${v.toFixed(0)} ms`, ascii: true }), 'latency'),
    );
  }
  return out;
}
