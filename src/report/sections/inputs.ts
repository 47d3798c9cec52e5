/** Section 2: the inputs with where each came from, the model's assumptions, the sources and what is left out. */

import type { P99Scope, Scenario } from '../../scenario/types.js';
import {
  formatByteRate,
  formatBytes,
  formatCount,
  formatDuration,
  formatPercent,
  formatRate,
  formatSig,
  formatUsd,
} from '../../units/format.js';
import { type Block, bullets, figure, finePrint, heading, paragraph, preformatted, table } from '../document.js';
import { lineChart } from '../textCharts/lineChart.js';
import { codeSpan } from '../userText.js';
import { fittedUslPlot } from '../uslPlot.js';
import type { WorksheetInput } from '../worksheet.js';
import { tierInputs } from './tiers.js';

/** What the p99 target applies to, for each targets.p99Scope. */
const P99_SCOPE_TEXT: Record<P99Scope, string> = {
  'all-users': "all-users: the p99 over all users' requests (a mixture over user regions)",
  'every-region': "every-region: each user region's p99 on its own",
};

/** The simulation block's inputs, as rows of the inputs table (shown when the figures were simulated). */
function simulationRows(s: Scenario): string[][] {
  const sim = s.simulation;
  if (sim === null) return [];
  const from = (path: string) => (s.defaulted.includes(path) ? 'default' : 'scenario');
  return [
    [
      'simulation',
      `${formatCount(sim.requests)} requests and ${formatCount(sim.years)} years per candidate, seed ${sim.seed}`,
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

/**
 * "fitted from FILE (METHOD)" for an inputs-table row whose field (or a field below or above it) was fitted from
 * measurements (the scenario's `fitted` list), else null.
 */
export function fittedSource(s: Scenario, path: string): string | null {
  const related = s.fitted.filter(
    (f) => f.input === path || f.input.startsWith(`${path}.`) || path.startsWith(`${f.input}.`),
  );
  if (related.length === 0) return null;
  const byFile = new Map<string, string[]>();
  for (const f of related) byFile.set(f.file, [...new Set([...(byFile.get(f.file) ?? []), f.method])]);
  return [...byFile].map(([file, methods]) => `fitted from ${file} (${methods.join('; ')})`).join('; ');
}

/** The fitted inputs for the sources: one line each. */
export function fittedSources(s: Scenario): string[] {
  return s.fitted.map(
    (f) => `\`${f.input}\`: fitted from ${codeSpan(f.file)} (${f.method}${f.date === null ? '' : `, ${f.date}`})`,
  );
}

/** The fitted USL against its measurements (an SVG in HTML, a text chart everywhere), when the scenario has one. */
function uslFigure(s: Scenario): Block[] {
  const u = fittedUslPlot(s);
  if (u === null) return [];
  const { plot } = u;
  return [
    paragraph(
      `**Scalability fitted from ${codeSpan(u.file)}**: the measurements and the scenario's USL${plot.peak === null ? ' (no peak in the plotted range)' : `, which peaks at ${formatRate(plot.peak.x)} at N* = ${formatSig(plot.peak.n, 3)}`} (lambda ${formatRate(plot.lambda)} for one unit, fitted to the measurements with the scenario's coefficients).`,
    ),
    figure('usl'),
    preformatted(
      lineChart({
        series: [
          { label: 'measured', symbol: 'o', points: plot.points.map((p) => ({ x: p.n, y: p.x })) },
          {
            label: 'USL',
            symbol: '.',
            points: plot.curve.filter((_, i) => i % 4 === 0).map((p) => ({ x: p.n, y: p.x })),
          },
        ],
        width: 78,
        height: 14,
        xFormat: (x) => formatSig(x, 3),
        yFormat: (y) => formatRate(y, 2),
        marks: plot.peak === null ? [] : [{ x: plot.peak.n, label: 'peak' }],
        connect: false,
        ascii: true,
      }),
      'usl',
    ),
  ];
}

export function inputs(w: WorksheetInput): Block[] {
  const { scenario: s, catalog } = w;
  const d = new Set(s.defaulted);
  const src = (path: string) => fittedSource(s, path) ?? (d.has(path) ? 'default' : 'scenario');
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
      wl.serviceTimeS === null
        ? 'none: the service is a system of tiers'
        : `${formatDuration(wl.serviceTimeS)} of CPU per request on one ${wl.serviceTimeFamily} vCPU${rangeNote('workload.serviceTime', formatDuration)}`,
      src('workload.serviceTime'),
    ],
    [
      'workload.serviceTimeFamily',
      `${wl.serviceTimeFamily}: other families scale the service time by their per-vCPU performance${
        Object.keys(wl.perVcpuPerformance).length === 0
          ? " (the catalog's CoreMark table, an estimate)"
          : ` (workload.perVcpuPerformance: ${Object.entries(wl.perVcpuPerformance)
              .map(([f, p]) => `${f} ${p}`)
              .join(', ')} relative to m7i; the catalog's CoreMark table, an estimate, for the others)`
      }`,
      src('workload.serviceTimeFamily'),
    ],
    wl.serviceTimeS === null
      ? ['workload.serviceTimeCv', "none: each tier has its own (the tiers' table)", 'scenario']
      : ['workload.serviceTimeCv', String(wl.serviceTimeCv), src('workload.serviceTimeCv')],
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
    ...(wl.usl === null
      ? []
      : [
          [
            'workload.usl',
            `contention ${wl.usl.sigma}, coherency ${wl.usl.kappa} (Universal Scalability Law over a node's vCPUs)`,
            src('workload.usl'),
          ],
        ]),
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
      fittedSource(s, 'reliability.node') ?? src('reliability.node.mtbf'),
    ],
    [
      'reliability.zone',
      `MTBF ${formatDuration(rel.zone.mtbfS)}, MTTR ${formatDuration(rel.zone.mttrS)}`,
      fittedSource(s, 'reliability.zone') ?? src('reliability.zone.mtbf'),
    ],
    [
      'reliability.region',
      `MTBF ${formatDuration(rel.region.mtbfS)}, MTTR ${formatDuration(rel.region.mttrS)}`,
      fittedSource(s, 'reliability.region') ?? src('reliability.region.mtbf'),
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
    ...operationsRows(s),
    ...(w.result.architectures.some((a) => a.simulated) ? simulationRows(s) : []),
  ];
  const preset = catalog.reliability.default;
  return [
    heading(2, '2. Inputs and assumptions'),
    paragraph(`Scenario: ${codeSpan(w.source)}.${s.description ? ` ${s.description}` : ''}`),
    table(['input', 'value', 'from'], rows),
    ...uslFigure(s),
    ...tierInputs(s),
    paragraph(
      `"default" means the scenario left the field out and capplan used its default (\`capplan schema scenario\` states each). Default failure rates come from the catalog: node ${preset.node.name} (${preset.node.confidence}), zone ${preset.zone.name} (${preset.zone.confidence}), region ${preset.region.name} (${preset.region.confidence}).`,
    ),
    paragraph('**Model assumptions.**'),
    finePrint(w.result.assumptions),
    paragraph('**Sources of the prices and failure figures** (from the catalog, with their dates):'),
    finePrint(w.result.sources.map((x) => `\`${x.id}\` (${x.date}): ${x.text}`)),
    ...(s.fitted.length === 0
      ? []
      : [paragraph('**Inputs fitted from measurements** (`capplan fit --into`):'), bullets(fittedSources(s))]),
    paragraph(
      `**Left out of the model**: correlated failures beyond zones and regions, failures caused by load, ${operationsLeftOut(s)}, retries and timeouts, network jitter (round trips are medians), the users' last mile, ${w.result.architectures.every((a) => a.cost.pricingModel === 'on-demand') ? 'reserved or spot pricing, ' : "spot prices beyond Spot Advisor's 30-day average, "}and the cost of internet egress (reported apart: it is about the same for every design).`,
    ),
  ];
}

/** The operations rows of the inputs table (issue 20), when the scenario prices or counts any of them. */
function operationsRows(s: Scenario): string[][] {
  const o = s.operations;
  if (o.usdPerNodeMonth === 0 && o.usdPerRegionMonth === 0 && o.deploysPerWeek === 0) return [];
  const own = s.tiers?.filter((t) => t.deploysPerWeek !== undefined) ?? [];
  return [
    [
      'operations cost',
      `${formatUsd(o.usdPerNodeMonth)} a month per node, ${formatUsd(o.usdPerRegionMonth)} per region`,
      'scenario',
    ],
    [
      'operations.deploysPerWeek',
      `${o.deploysPerWeek} a week${own.length === 0 ? '' : ` (${own.map((t) => `${t.name} ${t.deploysPerWeek}`).join(', ')})`}, each restart ${formatDuration(o.restartS)}`,
      'scenario',
    ],
    [
      'operations.changeFailureRate',
      `${formatPercent(o.changeFailureRate)}, recovered in ${formatDuration(o.changeRecoveryS)}`,
      'scenario',
    ],
  ];
}

/** What the model leaves out of operations: all of it without the block, maintenance windows with it. */
function operationsLeftOut(s: Scenario): string {
  const o = s.operations;
  if (o.deploysPerWeek > 0 && (o.usdPerNodeMonth > 0 || o.usdPerRegionMonth > 0)) return 'maintenance windows';
  if (o.deploysPerWeek > 0) return 'the people and tooling that run the design, maintenance windows';
  return 'deployments and maintenance windows';
}
