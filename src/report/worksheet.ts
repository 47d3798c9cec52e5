/**
 * The design-review worksheet (`capplan worksheet`): a Markdown document a team reads, questions and signs. It
 * stands on its own: what was compared, under which assumptions, and why the recommendation follows. Every number
 * is the `run` result's, formatted with units (the cells come from `comparisonCells`, which the tests check against
 * the result). No timestamp unless one is given, so the output is reproducible. Pure: data in, text out.
 */

import type { Catalog } from '../catalog/index.js';
import type { CostCurve } from '../compare/costCurve.js';
import type { Designs } from '../compare/designs.js';
import { designSummary } from '../compare/recommend.js';
import type { ArchitectureResult, ComparisonResult, FrontierEntry } from '../compare/result.js';
import type { SensitivityResult } from '../compare/sensitivity.js';
import { better } from '../compare/size.js';
import { lossSentence, lossStopsWrites, lossVerdict } from '../compare/survival.js';
import {
  coldRestoreTimeS,
  crossRegionFailoverS,
  nines as ninesOf,
  SECONDS_PER_YEAR,
} from '../core/reliability/index.js';
import type { P99Scope, Scenario } from '../scenario/types.js';
import {
  formatByteRate,
  formatBytes,
  formatDowntime,
  formatDuration,
  formatLatencyMs,
  formatNines,
  formatPercent,
  formatRate,
  formatUsd,
} from '../units/format.js';
import { costVsLoadSeries, p99Bars, p99StackedRows } from './chartData.js';
import {
  type Block,
  bullets,
  type Document,
  figure,
  heading,
  numbered,
  paragraph,
  preformatted,
  table,
} from './document.js';
import { renderMarkdown } from './render/markdown.js';
import { P99_REST } from './table.js';
import { stackedBars } from './textCharts/bars.js';
import { lineChart } from './textCharts/lineChart.js';

export interface WorksheetInput {
  scenario: Scenario;
  result: ComparisonResult;
  catalog: Catalog;
  curve: CostCurve | null;
  sensitivity: SensitivityResult | null;
  /** Where the scenario came from (file name). */
  source: string;
  /** A date to print (YYYY-MM-DD); none by default, for reproducible output. */
  date?: string;
}

export { cell } from './render/markdown.js';

const ms = formatLatencyMs;

/** What the p99 target applies to, for each targets.p99Scope. */
const P99_SCOPE_TEXT: Record<P99Scope, string> = {
  'all-users': "all-users: the p99 over all users' requests (a mixture over user regions)",
  'every-region': "every-region: each user region's p99 on its own",
};

const yesNo = (b: boolean | null) => (b === null ? 'n/a' : b ? 'met' : '**missed**');

/** The side-by-side comparison as cells: one row per figure, one column per candidate (the tests read these). */
export function comparisonCells(result: ComparisonResult): { head: string[]; rows: string[][] } {
  const archs = result.architectures;
  const users = archs[0]?.latency.byUserRegion.map((u) => u.region) ?? [];
  const row = (label: string, f: (a: ArchitectureResult) => string) => [label, ...archs.map(f)];
  const rows: string[][] = [
    row('kind', (a) => (a.kind === 'vertical' ? 'vertical (one box)' : 'horizontal (fleet)')),
    row('instances', (a) => `${a.nodes} x ${a.instance.name} (${a.instance.vcpu} vCPU, ${a.instance.memGiB} GiB)`),
    row('layout', (a) =>
      a.kind === 'vertical'
        ? `${a.standby === 'none' ? 'no standby' : `${a.standby} standby`}; ${a.regions.join(' + ')}`
        : `${a.zones} zones x ${a.regions.length} region(s): ${a.regions.join(', ')}; N+${a.spares}; ${a.balancer}`,
    ),
    row('cost per month', (a) => formatUsd(a.cost.usdPerMonth)),
    row('cost per million requests', (a) => formatUsd(a.cost.usdPerMillionRequests)),
    row('availability', (a) => `${formatNines(a.availability.nines)} nines (${formatPercent(a.availability.value)})`),
    row('downtime per year', (a) => formatDowntime(a.availability.downtimeMinutesPerYear * 60)),
    row('p99, all users', (a) => ms(a.latency.p99Ms)),
    ...users.map((region) =>
      row(`p99, users in ${region}`, (a) => ms(a.latency.byUserRegion.find((u) => u.region === region)?.p99Ms ?? null)),
    ),
    row('CPU utilisation', (a) => formatPercent(a.utilization, 1)),
    row('data loss on a failure', (a) =>
      a.dataLoss.windowS === 0 ? 'none' : `up to ${formatDuration(a.dataLoss.windowS)}`,
    ),
    row('p99 target', (a) => yesNo(a.meetsTargets.p99)),
    row('availability target', (a) => yesNo(a.meetsTargets.availability)),
    row('durability target', (a) => yesNo(a.meetsTargets.durability)),
    row('budget', (a) => yesNo(a.meetsTargets.budget)),
    row('utilisation target', (a) => yesNo(a.meetsTargets.utilization)),
    row('working set fits', (a) => yesNo(a.meetsTargets.memory)),
  ];
  return { head: ['', ...archs.map((a) => a.name)], rows };
}

/** The simulation block's inputs, as rows of the inputs table (shown when the figures were simulated). */
function simulationRows(s: Scenario): string[][] {
  const sim = s.simulation;
  if (sim === null) return [];
  const from = (path: string) => (s.defaulted.includes(path) ? 'default' : 'scenario');
  return [
    [
      'simulation',
      `${sim.requests.toLocaleString('en-US')} requests and ${sim.years.toLocaleString('en-US')} years per candidate, seed ${sim.seed}`,
      from('simulation.requests'),
    ],
    [
      'simulation arrivals',
      sim.bursts
        ? `bursty: ${sim.bursts.factor}x for ${formatPercent(sim.bursts.share)} of the time, bursts of ${formatDuration(sim.bursts.lengthS)}`
        : 'Poisson (as the analytic model)',
      sim.bursts ? 'scenario' : 'default',
    ],
    [
      'simulation failures',
      `${sim.weibullShape !== null ? `Weibull up times, shape ${sim.weibullShape}` : 'exponential up times'}; ${sim.repairCrews !== null ? `at most ${sim.repairCrews} node repair${sim.repairCrews === 1 ? '' : 's'} at once` : 'every failed node repaired at once'}`,
      sim.weibullShape !== null || sim.repairCrews !== null ? 'scenario' : 'default',
    ],
  ];
}

function recommended(result: ComparisonResult): ArchitectureResult | undefined {
  return result.architectures.find((a) => a.name === result.recommendation.name);
}

/** The best candidate of the other kind than `a`, ranked as the engine ranks (every target met, then fewer
 * missed, then cost). */
function rival(result: ComparisonResult, a: ArchitectureResult | undefined): ArchitectureResult | undefined {
  let best: ArchitectureResult | null = null;
  for (const x of result.architectures) if ((!a || x.kind !== a.kind) && better(x, best)) best = x;
  return best ?? undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// sections

/** The input warnings of the result, before the summary: a reviewer checks them before reading on. */
function warnings(w: WorksheetInput): Block[] {
  const list = w.result.warnings;
  if (list.length === 0) return [];
  return [
    paragraph(
      `**Warnings.** ${list.length === 1 ? 'This input looks' : 'These inputs look'} implausible; check ${list.length === 1 ? 'it' : 'them'} before reading on:`,
    ),
    bullets(list),
  ];
}

function summary(w: WorksheetInput): Block[] {
  const { scenario: s, result: r } = w;
  const rec = recommended(r);
  const other = rival(r, rec);
  const t = s.targets;
  const question = `One bigger machine, or many smaller ones? ${s.name}: ${formatRate(r.designRatePerS)} at the design point (${r.designRateNote}), for users in ${s.users.map((u) => `${u.region} (${formatPercent(u.share)})`).join(', ')}, with a p99 of at most ${formatDuration(t.p99S)}${t.p99Scope === 'every-region' ? ' in every user region' : ''}, ${formatPercent(t.availability)} availability${t.budgetUsdPerMonth !== null ? ` and a budget of ${formatUsd(t.budgetUsdPerMonth)} a month` : ''}.`;
  const out = [heading(2, '1. Summary and recommendation'), paragraph(`**Question.** ${question}`)];
  if (!rec) {
    out.push(paragraph(`**Answer.** No candidate meets every target. ${r.recommendation.why}`));
    return out;
  }
  out.push(
    paragraph(
      `**Answer.** ${rec.name}: ${designSummary(rec)}, ${formatUsd(rec.cost.usdPerMonth)} a month, ${formatNines(rec.availability.nines)} nines, p99 ${ms(rec.latency.p99Ms)}.`,
    ),
  );
  let tradeoff: string;
  if (other?.feasible) {
    const d = other.cost.usdPerMonth - rec.cost.usdPerMonth;
    tradeoff = `The best ${other.kind} alternative, ${other.name}, also meets every target but costs ${formatUsd(Math.abs(d))} a month ${d >= 0 ? 'more' : 'less'} and runs ${designSummary(other)}. ${rec.kind === 'vertical' ? 'One box is the simpler system; distribution would buy nothing the targets ask for.' : 'The fleet costs less or meets what one box cannot, at the price of running more parts.'}`;
  } else if (other) {
    tradeoff = `The best ${other.kind} alternative, ${other.name}, does not meet every target (${other.infeasibleReason ?? 'see section 3'}). ${rec.kind === 'horizontal' ? 'Distribution is what the targets require here; its price is operational: more nodes, zones and regions to run.' : 'The single design that meets the targets is the simpler one.'}`;
  } else tradeoff = 'There is no candidate of the other kind to compare with.';
  out.push(paragraph(`**The deciding trade-off.** ${tradeoff}`));
  if (r.uncertainty) {
    const i = r.architectures.indexOf(rec);
    const p = r.uncertainty.byArchitecture[i]?.probMeetsAll ?? 0;
    out.push(
      paragraph(
        `With the uncertain inputs it meets every target in ${formatPercent(p, 0)} of ${r.uncertainty.samples} sampled scenarios (section 8).`,
      ),
    );
  }
  return out;
}

function inputs(w: WorksheetInput): Block[] {
  const { scenario: s, catalog } = w;
  const d = new Set(s.defaulted);
  const src = (path: string) => (d.has(path) ? 'default' : 'scenario');
  const wl = s.workload;
  const rel = s.reliability;
  const ranged = new Map(s.uncertain.map((u) => [u.path, u]));
  const rangeNote = (path: string, f: (x: number) => string) => {
    const u = ranged.get(path);
    return u ? ` (range ${f(u.p5)} to ${f(u.p95)}, ${u.distribution}; median used)` : '';
  };
  const rows: string[][] = [
    [
      'workload.peakRate',
      `${formatRate(wl.peakRatePerS)}${rangeNote('workload.peakRate', formatRate)}`,
      src('workload.peakRate'),
    ],
    [
      'workload.growth',
      `${formatPercent(wl.growthPerYear)} a year for ${wl.growthYears} year${wl.growthYears === 1 ? '' : 's'}`,
      src('workload.growth.perYear'),
    ],
    [
      'workload.serviceTime',
      `${formatDuration(wl.serviceTimeS)} of CPU per request on one vCPU${rangeNote('workload.serviceTime', formatDuration)}`,
      src('workload.serviceTime'),
    ],
    ['workload.serviceTimeCv', String(wl.serviceTimeCv), src('workload.serviceTimeCv')],
    [
      'workload.workingSet',
      `${formatBytes(wl.workingSetBytes)} (+${formatPercent(wl.memoryHeadroom)} headroom), ${wl.replication} copies when partitioned`,
      src('workload.workingSet'),
    ],
    [
      'workload.writeFraction',
      `${formatPercent(wl.writeFraction)}, ${wl.consistency} consistency`,
      src('workload.writeFraction'),
    ],
    ['workload.fanout', String(wl.fanout), src('workload.fanout')],
    [
      'workload.requestSize / responseSize',
      `${formatBytes(wl.requestSizeBytes)} / ${formatBytes(wl.responseSizeBytes)}`,
      src('workload.requestSize'),
    ],
    ['targets.p99', formatDuration(s.targets.p99S), 'scenario'],
    ['targets.p99Scope', P99_SCOPE_TEXT[s.targets.p99Scope], src('targets.p99Scope')],
    ['targets.availability', formatPercent(s.targets.availability), 'scenario'],
    [
      'targets.budget',
      s.targets.budgetUsdPerMonth === null ? 'none' : `${formatUsd(s.targets.budgetUsdPerMonth)} a month`,
      s.targets.budgetUsdPerMonth === null ? 'not set' : 'scenario',
    ],
    ['targets.maxUtilization', formatPercent(s.targets.maxUtilization), src('targets.maxUtilization')],
    [
      'targets.maxUtilizationDegraded',
      formatPercent(s.targets.maxUtilizationDegraded),
      src('targets.maxUtilizationDegraded'),
    ],
    [
      'targets.maxDataLoss',
      s.targets.maxDataLossS === null ? 'none' : formatDuration(s.targets.maxDataLossS),
      s.targets.maxDataLossS === null ? 'not set' : 'scenario',
    ],
    [
      'reliability.node',
      `MTBF ${formatDuration(rel.node.mtbfS)}, MTTR ${formatDuration(rel.node.mttrS)}`,
      src('reliability.node.mtbf'),
    ],
    [
      'reliability.zone',
      `MTBF ${formatDuration(rel.zone.mtbfS)}, MTTR ${formatDuration(rel.zone.mttrS)}`,
      src('reliability.zone.mtbf'),
    ],
    [
      'reliability.region',
      `MTBF ${formatDuration(rel.region.mtbfS)}, MTTR ${formatDuration(rel.region.mttrS)}`,
      src('reliability.region.mtbf'),
    ],
    ['reliability.failover', formatDuration(rel.failoverS), src('reliability.failover')],
    ['reliability.coldRestore', formatDuration(rel.coldRestoreS), src('reliability.coldRestore')],
    [
      'reliability.restoreRate',
      `${formatByteRate(rel.restoreRateBytesPerS)}${rangeNote('reliability.restoreRate', formatByteRate)}`,
      src('reliability.restoreRate') === 'default' ? `default (${catalog.reliability.restore.confidence})` : 'scenario',
    ],
    [
      'users',
      s.users
        .map(
          (u) =>
            `${u.region}${u.location ? ` (at ${u.location.lat}, ${u.location.lon}; round trips estimated)` : ''} ${formatPercent(u.share)}`,
        )
        .join(', '),
      'scenario',
    ],
    ...(w.result.architectures.some((a) => a.simulated) ? simulationRows(s) : []),
  ];
  const preset = catalog.reliability.default;
  return [
    heading(2, '2. Inputs and assumptions'),
    paragraph(`Scenario: \`${w.source}\`.${s.description ? ` ${s.description}` : ''}`),
    table(['input', 'value', 'from'], rows),
    paragraph(
      `"default" means the scenario left the field out and capplan used its default (\`capplan schema scenario\` states each). Default failure rates come from the catalog: node ${preset.node.name} (${preset.node.confidence}), zone ${preset.zone.name} (${preset.zone.confidence}), region ${preset.region.name} (${preset.region.confidence}).`,
    ),
    paragraph('**Model assumptions.**'),
    bullets(w.result.assumptions),
    paragraph('**Sources of the prices and failure figures** (from the catalog, with their dates):'),
    bullets(w.result.sources.map((x) => `\`${x.id}\` (${x.date}): ${x.text}`)),
    paragraph(
      "**Left out of the model**: correlated failures beyond zones and regions, failures caused by load, deployments and maintenance windows, retries and timeouts, network jitter (round trips are medians), the users' last mile, reserved or spot pricing, and the cost of internet egress (reported apart: it is about the same for every design).",
    ),
  ];
}

function candidates(w: WorksheetInput): Block[] {
  const { head, rows } = comparisonCells(w.result);
  const out = [
    heading(2, '3. Candidates compared'),
    paragraph(`All figures at the design rate ${formatRate(w.result.designRatePerS)}.`),
    table(head, rows),
  ];
  const missed = w.result.architectures.filter((a) => !a.feasible);
  if (missed.length > 0) {
    out.push(paragraph('Targets missed:'), bullets(missed.map((a) => `**${a.name}**: ${a.infeasibleReason ?? ''}`)));
  }
  out.push(...frontier(w.result));
  return out;
}

/** The heading of the frontier subsection. */
const FRONTIER_HEADING = 'The frontier: cost, nines and p99';

/** A frontier entry in words: "best horizontal (159 x m6i.xlarge ...)" or the summary of a searched design. */
function frontierDesign(result: ComparisonResult, e: FrontierEntry): string {
  return result.architectures.some((a) => a.name === e.name) ? `${e.name} (${e.summary})` : e.summary;
}

/** The frontier as cells: one row per entry, in cost order (the tests read these). */
export function frontierCells(result: ComparisonResult): { head: string[]; rows: string[][] } {
  return {
    head: ['design', 'kind', 'cost per month', 'nines', 'p99, all users', 'meets every target'],
    rows: result.frontier.map((e) => [
      frontierDesign(result, e),
      e.kind,
      formatUsd(e.cost.usdPerMonth),
      formatNines(e.availability.nines),
      ms(e.latency.p99Ms),
      e.meetsTargets ? 'yes' : 'no',
    ]),
  };
}

/** The frontier subsection: how many designs no other beats on all three, the cheapest that meets every target, and
 * the table. */
function frontier(result: ComparisonResult): Block[] {
  const f = result.frontier;
  if (f.length === 0) return [];
  const n = result.frontierNonDominated;
  const of =
    result.frontierOf === 'search'
      ? 'Of the designs the search evaluated'
      : `Of the ${result.architectures.length} candidate${result.architectures.length === 1 ? '' : 's'}`;
  const count = result.architectures.length;
  const lines = [
    result.frontierOf === 'candidates' && n === count && n > 1
      ? `None of the ${count} candidates is beaten by another on cost, nines and p99 together (as cheap, as available and as fast with one of them better).`
      : `${of}, ${n} ${n === 1 ? 'is' : 'are'} not beaten on cost, nines and p99 together (no other is as cheap, as available and as fast with one of them better)${n > f.length ? `; the table shows ${f.length} of them: the compared designs, the cheapest, the dearest and the rest spread evenly by cost` : ''}.`,
  ];
  const cheapest = f[0] as FrontierEntry;
  const what = (e: FrontierEntry) =>
    `${frontierDesign(result, e)}, ${formatUsd(e.cost.usdPerMonth)} a month, ${formatNines(e.availability.nines)} nines, p99 ${ms(e.latency.p99Ms)}`;
  const meets = f.find((e) => e.meetsTargets);
  const most = f.reduce((b, e) => (e.availability.nines > b.availability.nines ? e : b), cheapest);
  const alsoMost = most === meets && most !== cheapest ? ', also the one with the most nines,' : '';
  lines.push(
    meets === undefined
      ? `None of them meets every target; the cheapest is ${what(cheapest)}.`
      : meets === cheapest
        ? `The cheapest of them meets every target: ${what(meets)}.`
        : `The cheapest that meets every target${alsoMost} is ${what(meets)}; the cheapest of all is ${what(cheapest)}.`,
  );
  if (most !== cheapest && most !== meets) lines.push(`The most nines: ${what(most)}.`);
  const { head, rows } = frontierCells(result);
  return [
    heading(3, FRONTIER_HEADING),
    figure('frontier'),
    paragraph(lines.join(' ')),
    table(head, rows, ['l', 'l', 'r', 'r', 'r', 'l']),
  ];
}

function availability(w: WorksheetInput): Block[] {
  const r = w.result;
  const allowedMin = (w.scenario.targets.unavailability * SECONDS_PER_YEAR) / 60;
  const out = [
    heading(2, '4. Availability'),
    figure('availability'),
    paragraph(
      `The target, ${formatPercent(w.scenario.targets.availability)}, allows ${formatDowntime(allowedMin * 60)} of downtime a year (${ninesOf(w.scenario.targets.unavailability).toFixed(2)} nines). A candidate counts as up only while it serves every user region, reads and writes, with the survivors at or below ${formatPercent(w.scenario.targets.maxUtilizationDegraded, 0)} CPU (targets.maxUtilizationDegraded, or the all-up utilisation when higher); the p99 target plays no part in availability.`,
    ),
  ];
  const sim = w.scenario.simulation;
  const dropped = [
    ...(sim?.weibullShape != null
      ? [`Weibull up times of shape ${sim.weibullShape} (the analytic figures assume exponential ones)`]
      : []),
    ...(sim?.repairCrews != null
      ? [
          `at most ${sim.repairCrews} node repair${sim.repairCrews === 1 ? '' : 's'} at once (the analytic figures assume a repair for every failed node at once)`,
        ]
      : []),
  ];
  if (dropped.length > 0)
    out.push(
      paragraph(
        `The failure simulation uses ${dropped.join(' and ')}: where a simulated figure is outside its interval, that is what the assumption costs.`,
      ),
    );
  for (const a of r.architectures) {
    const d = a.availability.downtimeMinutesPerYear;
    out.push(heading(3, a.name));
    out.push(
      paragraph(
        `${formatNines(a.availability.nines)} nines, ${formatDowntime(d * 60)} of downtime a year: ${d <= allowedMin ? `within the budget (${formatPercent(d / allowedMin, 0)} of it)` : `over the budget by ${formatDowntime((d - allowedMin) * 60)}`}. Method: ${a.availability.method}.`,
      ),
    );
    out.push(
      table(
        ['what fails', 'downtime per year (first order)'],
        a.availability.byCause.map((c) => [c.cause, formatDowntime(c.downtimeMinutesPerYear * 60)]),
        ['l', 'r'],
      ),
    );
    out.push(
      paragraph(
        a.availability.singlePointsOfFailure.length > 0
          ? `Single points of failure: ${a.availability.singlePointsOfFailure.join(', ')}.`
          : 'No single component takes every user down.',
      ),
    );
    if (a.kind === 'horizontal') {
      const cap = formatPercent(a.degradedUtilizationCap ?? w.scenario.targets.maxUtilizationDegraded, 0);
      out.push(
        paragraph(
          `Data placement: ${a.placement?.description.replace(/^placement: /, '') ?? 'none'}. ${lossSentence(a, 'zone', cap)}${a.survivesRegionLoss === null ? '' : ` ${lossSentence(a, 'region', cap)}`} Nodes needed up to stay at or below ${cap} CPU / placed, per region: ${a.nodesNeededByRegion.map((x) => `${x.region} ${x.needed ?? 'n/a'} of ${x.nodes}`).join(', ')}.`,
        ),
      );
    } else {
      out.push(
        paragraph(
          `${lossSentence(a, 'zone', '')}${a.survivesRegionLoss === null ? '' : ` ${lossSentence(a, 'region', '')}`}`,
        ),
      );
    }
    const sim = a.simulated?.availability;
    if (sim) {
      out.push(
        paragraph(
          sim.tooRare
            ? `Simulated over ${sim.years.toFixed(0)} years: too few outages (${sim.downEvents}) to estimate; the exact figure stands.`
            : `Simulated over ${sim.years.toFixed(0)} years: ${formatNines(sim.nines)} nines (95% interval ${formatPercent(sim.ci95[0])} to ${formatPercent(sim.ci95[1])}); the analytic figure is ${sim.analyticInside ? 'inside' : '**outside**'} the interval.`,
        ),
      );
    }
  }
  return out;
}

function latency(w: WorksheetInput): Block[] {
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
          `Simulated (${sim.customers.toLocaleString('en-US')} requests): p99 ${ms(sim.p99Ms)} (95% interval ${ms(sim.ci95.p99Ms[0])} to ${ms(sim.ci95.p99Ms[1])}); the analytic p99 is ${sim.analyticP99Inside ? 'inside' : '**outside**'} it (${formatPercent(sim.analyticP99RelativeError, 1)} off).`,
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
      preformatted(stackedBars({ rows, width: 78, format: (v) => `${v.toFixed(0)} ms`, ascii: true })),
    );
  }
  return out;
}

function cost(w: WorksheetInput): Block[] {
  const archs = w.result.architectures;
  const b = (f: (a: ArchitectureResult) => number) => archs.map((a) => formatUsd(f(a)));
  return [
    heading(2, '6. Cost'),
    paragraph(
      'Monthly cost at list prices (730-hour month), per candidate. Internet egress of the responses is shown apart: it is about the same whatever the design, and usually goes through a CDN.',
    ),
    table(
      ['', ...archs.map((a) => a.name)],
      [
        ['compute', ...b((a) => a.cost.breakdown.computeUsdPerMonth)],
        ['standby', ...b((a) => a.cost.breakdown.standbyUsdPerMonth)],
        ['load balancer', ...b((a) => a.cost.breakdown.loadBalancerUsdPerMonth)],
        ['global traffic switch', ...b((a) => a.cost.breakdown.globalSwitchUsdPerMonth)],
        ['cross-zone transfer', ...b((a) => a.cost.breakdown.crossZoneTransferUsdPerMonth)],
        ['inter-region transfer', ...b((a) => a.cost.breakdown.interRegionTransferUsdPerMonth)],
        ['**total**', ...b((a) => a.cost.usdPerMonth)],
        ['per million requests', ...b((a) => a.cost.usdPerMillionRequests)],
        ['internet egress (apart)', ...b((a) => a.cost.internetEgressUsdPerMonth)],
      ],
      ['l', ...archs.map(() => 'r' as const)],
    ),
  ];
}

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

function growth(w: WorksheetInput): Block[] {
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
      c.crossover === null
        ? 'No crossover in the range.'
        : c.crossover.kind === 'cheaper'
          ? `Horizontal becomes cheaper than vertical at about **${formatRate(c.crossover.ratePerS)}**.`
          : `Vertical stops carrying the load at about **${formatRate(c.crossover.ratePerS)}**; from there only horizontal works.`,
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
        yFormat: (y) => formatUsd(y),
        marks,
        ascii: true,
      }),
    ),
  );
  return out;
}

function sensitivitySection(w: WorksheetInput): Block[] {
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
    paragraph(`Method: ${s.method}`),
  );
  const top = s.inputs.slice(0, 12);
  const max = Math.max(1, ...top.map((i) => i.swingUsdPerMonth));
  out.push(
    preformatted(
      top.map((i) => {
        const n = Math.round((i.swingUsdPerMonth / max) * 30);
        return `${i.label.padEnd(30).slice(0, 30)} ${'#'.repeat(n).padEnd(30)} ${formatUsd(i.swingUsdPerMonth)}`;
      }),
    ),
  );
  const rows = top.map((i) => [
    i.label,
    `${i.displayLow} .. ${i.displayHigh}${i.source === 'range' ? ' (range)' : ''}`,
    `${formatUsd(i.costLow)} .. ${formatUsd(i.costHigh)}`,
    i.recommendationLow ?? 'none',
    i.recommendationHigh ?? 'none',
    i.flips.length === 0
      ? '-'
      : i.flips.map((f) => `${f.display}: ${f.from ?? 'none'} -> ${f.to ?? 'none'}`).join('; '),
  ]);
  out.push(
    table(['input', 'low .. high', 'cost low .. high', 'recommended at low', 'recommended at high', 'flips at'], rows),
  );
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
          `${formatUsd(a.costUsdPerMonth.p5)} .. ${formatUsd(a.costUsdPerMonth.p95)}`,
          a.p99Ms === null ? 'unstable' : `${ms(a.p99Ms.p5)} .. ${ms(a.p99Ms.p95)}`,
          `${formatNines(a.nines.p5)} .. ${formatNines(a.nines.p95)}`,
        ]),
      ),
    );
  }
  return out;
}

/** Risks and questions derived from the design, not boilerplate. */
function risks(w: WorksheetInput): string[] {
  const r = w.result;
  const s = w.scenario;
  const rec = recommended(r) ?? rival(r, undefined);
  const out: string[] = [];
  if (!rec) return out;
  if (rec.availability.singlePointsOfFailure.length > 0) {
    out.push(
      `Single points of failure of ${rec.name}: ${rec.availability.singlePointsOfFailure.join(', ')}. What is the plan when each fails, and who is paged?`,
    );
  }
  if (rec.regions.length > 1 && s.workload.writeFraction > 0) {
    const home = rec.latency.byUserRegion.find((u) => u.region === rec.regions[0]);
    const hop = home?.failoverRttMs ?? null;
    const hopText =
      hop === null ? '' : ` (about ${hop.toFixed(0)} ms round trip from ${rec.regions[0]} to ${home?.failoverTo})`;
    if (s.workload.consistency === 'strong') {
      const p = rec.placement;
      out.push(
        p !== null
          ? `Writes wait for ${p.writeQuorum} of the ${p.copies} copies of their partition (${p.replication} in each of ${rec.regions.join(', ')})${hopText}. ${lossStopsWrites(rec, 'region') ? `With a region gone, or cut off by a network partition, the copies left are fewer than the quorum: writes stop (the availability figure counts it as downtime).` : 'A region lost or cut off leaves a quorum in the others: the minority side stops accepting writes.'} Is the quorum round trip acceptable on the write path, and who watches for a partition?`
          : rec.regions.length === 2
            ? `Writes wait for the copy in the other region${hopText}. The figures assume that when either box or its region is lost, the survivor keeps accepting writes alone until the pair is rebuilt (as Amazon RDS Multi-AZ does): no single failure loses an acknowledged write, but a second one in that window would, and under a network partition between ${rec.regions.join(' and ')} only one side may accept writes. Does the database do that, or does the primary stop writing without its copy (then every outage of the standby is write downtime)? Who decides when to fail over?`
            : `Writes wait for a quorum of ${rec.regions.join(', ')}${hopText}. Under a partition the minority side must stop accepting writes: which side keeps serving the users in each region, and is the quorum round trip acceptable on the write path?`,
      );
    } else {
      out.push(
        `Writes replicate asynchronously across ${rec.regions.join(', ')}: under a partition both sides keep accepting writes. How are conflicting writes resolved when it heals, and which writes may a region failover lose (up to ${formatDuration(s.reliability.replicationLagS)} of them)?`,
      );
    }
  }
  // a design that spans regions goes through the global traffic switch (it pays for one)
  const sw = rec.cost.breakdown.globalSwitchUsdPerMonth > 0 ? w.catalog.networkCosts.globalSwitches.default : null;
  if (rec.standby === 'hot' || rec.regions.length > 1) {
    const across = sw
      ? ` within a region and ${formatDuration(crossRegionFailoverS(s.reliability.failoverS, sw))} across regions (at least the health-check detection + DNS TTL of the global traffic switch, ${sw.name})`
      : '';
    out.push(
      `The availability figure assumes failover in ${formatDuration(s.reliability.failoverS)}${across}. Has this failover been tested end to end (detection, DNS or balancer switch, warm caches), and how often will it be exercised?`,
    );
  }
  if (rec.standby === 'cold') {
    const rel = s.reliability;
    const ws = s.workload.workingSetBytes;
    const restoreS = coldRestoreTimeS(rel.coldRestoreS, ws, rel.restoreRateBytesPerS, sw?.failoverS ?? 0);
    out.push(
      `The cold standby must be restored within ${formatDuration(restoreS)} (${formatDuration(rel.coldRestoreS)} to start, then ${formatBytes(ws)} at ${formatByteRate(rel.restoreRateBytesPerS)}${sw ? `, then ${formatDuration(sw.failoverS)} for the switch to move the users` : ''}) for the availability figure to hold. Is the restore scripted and rehearsed, and has its rate been measured? The standby's storage is not priced.`,
    );
  }
  if (rec.dataLoss.windowS > 0 && s.workload.writeFraction > 0) {
    out.push(
      `A failure can lose up to ${formatDuration(rec.dataLoss.windowS)} of acknowledged writes (${rec.dataLoss.method}). Is that acceptable to the business?`,
    );
  }
  const recCap = formatPercent(rec.degradedUtilizationCap ?? s.targets.maxUtilizationDegraded, 0);
  const zoneVerdict = lossVerdict(rec, 'zone');
  if (rec.kind === 'horizontal' && zoneVerdict !== 'survives') {
    out.push(
      zoneVerdict === 'capacity'
        ? `${rec.name} keeps its data through a zone loss, but the survivors would run above ${recCap} CPU: zone outages count as downtime. Add spares (about N/(zones - 1)), or accept degraded service during a zone outage?`
        : `${lossSentence(rec, 'zone', recCap)} Is that acceptable, or should the copies be spread over more zones?`,
    );
  }
  const regionVerdict = lossVerdict(rec, 'region');
  if (regionVerdict === 'writes') {
    out.push(
      `${lossSentence(rec, 'region', recCap)} A synchronous quorum needs a majority of copies to survive: is a third region worth it, or can writes wait for the region to come back?`,
    );
  } else if (regionVerdict === 'capacity') {
    out.push(
      `When a region fails, the others cannot carry its users at or below ${recCap} CPU. Is degraded service acceptable there, or should the surviving regions be sized for it?`,
    );
  }
  if (rec.utilization > 0.9 * s.targets.maxUtilization) {
    out.push(
      `${rec.name} runs at ${formatPercent(rec.utilization, 0)} CPU at the design rate, close to the ${formatPercent(s.targets.maxUtilization, 0)} limit. What happens if the growth forecast is beaten?`,
    );
  }
  const estimates = r.sources.filter((x) => /ESTIMATE/i.test(x.text));
  if (estimates.length > 0 || s.defaulted.some((p) => p.startsWith('reliability.'))) {
    out.push(
      'Zone and region failure rates are estimates (no provider publishes them). Do we have our own incident history to replace them?',
    );
  }
  if (s.workload.serviceTimeCv !== 1) {
    out.push(
      `Service times have cv ${s.workload.serviceTimeCv}: the analytic p99 is an approximation (within about 20% of simulation; README). Was it checked with a simulation, or better, a load test?`,
    );
  }
  const ownRegions = new Set(rec.regions);
  const far = rec.latency.byUserRegion.filter((u) => !ownRegions.has(u.region) && u.networkMs > 100);
  if (far.length > 0) {
    out.push(
      `Users in ${far.map((u) => u.region).join(', ')} pay ${far.map((u) => `${u.networkMs.toFixed(0)} ms`).join(', ')} of network time (${w.scenario.workload.roundTrips} round trip${w.scenario.workload.roundTrips === 1 ? '' : 's'} per request) before any work is done; round trips are medians, the tail of the network is not modelled.`,
    );
  }
  if (rec.cost.internetEgressUsdPerMonth > Math.max(rec.cost.usdPerMonth, 1000)) {
    out.push(
      `Internet egress of the responses (${formatUsd(rec.cost.internetEgressUsdPerMonth)} a month, kept out of the comparison) is larger than the design's own cost (${formatUsd(rec.cost.usdPerMonth)}). Is a CDN in front planned? It changes the economics more than the choice of design.`,
    );
  }
  if (rec.kind === 'horizontal') {
    out.push(
      `Operational load: ${rec.nodes} nodes over ${rec.zones} zones in ${rec.regions.length} region(s)${s.workload.workingSetBytes > 0 ? `, with the working set partitioned ${s.workload.replication} ways` : ''}. Who owns deployment, rebalancing and the partitioning scheme?`,
    );
  }
  // facts, not targets: a target the team relaxes is a decision, an input that turns out different is a risk
  const near = (w.sensitivity?.inputs ?? [])
    .filter((i) => !i.path.startsWith('targets.'))
    .flatMap((i) =>
      i.flips
        .filter((f) => i.base !== 0 && Math.abs(f.value - i.base) / Math.abs(i.base) <= 0.1)
        .map((f) => `${i.label} ${f.display} (now ${i.displayBase})`),
    );
  if (near.length > 0) {
    out.unshift(
      `The recommendation is on a knife edge: it changes within 10% of today's value of ${near.join('; ')}. How sure are we of these inputs?`,
    );
  }
  if (r.uncertainty) {
    const i = r.architectures.indexOf(rec);
    const p = r.uncertainty.byArchitecture[i]?.probMeetsAll ?? 1;
    if (p < 0.9)
      out.push(
        `Over the uncertain inputs, ${rec.name} meets every target in only ${formatPercent(p, 0)} of samples. Which input would we measure first to narrow that?`,
      );
  }
  return out;
}

function risksSection(w: WorksheetInput): Block[] {
  const list = risks(w);
  return [
    heading(2, '9. Risks and questions for reviewers'),
    list.length > 0
      ? numbered(list)
      : paragraph('None found by the model; reviewers should still ask about operations and failure testing.'),
  ];
}

function decision(w: WorksheetInput): Block[] {
  const r = w.result;
  const rec = recommended(r);
  const rejected = r.architectures.filter((a) => a !== rec);
  return [
    heading(2, '10. Decision record'),
    bullets([
      `**Chosen option:** ${rec ? `${rec.name} (${designSummary(rec)})` : '_none meets every target: to be decided_'}`,
      {
        text: '**Alternatives rejected:**',
        items: rejected.map((a) => ({
          text:
            a.feasible && rec
              ? `${a.name}: meets the targets but costs ${formatUsd(a.cost.usdPerMonth)} a month against ${formatUsd(rec.cost.usdPerMonth)}.`
              : `${a.name}: ${a.infeasibleReason ?? 'does not meet every target'}.`,
        })),
      },
      '**Decision:** accepted / rejected / revise (strike out)',
      '**Reviewers:** ______________________',
      `**Date:** ${w.date ?? '______________________'}`,
      '**Conditions / follow-ups:** ______________________',
    ]),
  ];
}

/**
 * The worksheet as a document (sections of headings, paragraphs, tables, text charts and figures): what the three
 * renderers (Markdown, HTML, terminal) draw.
 */
export function worksheetDocument(w: WorksheetInput): Document {
  return [
    heading(1, `Design review: ${w.result.scenario}`),
    paragraph(
      `_capplan worksheet for \`${w.source}\`${w.date ? `, ${w.date}` : ''}. Every figure is at the design rate ${formatRate(w.result.designRatePerS)}. ${w.result.calendar}_`,
    ),
    ...warnings(w),
    ...summary(w),
    ...inputs(w),
    ...candidates(w),
    ...availability(w),
    ...latency(w),
    ...cost(w),
    ...growth(w),
    ...sensitivitySection(w),
    ...risksSection(w),
    ...decision(w),
  ];
}

/** The worksheet as Markdown. */
export function worksheetMarkdown(w: WorksheetInput): string {
  return renderMarkdown(worksheetDocument(w));
}
