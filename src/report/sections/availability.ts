import type { ArchitectureResult } from '../../compare/result.js';
import { lossReason, lossShort, lossVerdict } from '../../compare/survival.js';
import { nines as ninesOf, SECONDS_PER_YEAR } from '../../core/reliability/index.js';
import { formatDowntimeRounded, formatNines, formatPercent, formatPercentInterval } from '../../units/format.js';
import { type Block, figure, heading, paragraph, table } from '../document.js';
import type { WorksheetInput } from '../worksheet.js';
import { candidateRow, methodParagraphs } from './common.js';
import { markedName } from './verdict.js';

type HourlyAvailability = NonNullable<NonNullable<ArchitectureResult['autoscaling']>['availabilityByHour']>;

/** An autoscaled design's availability hour by hour, in words (every figure read from the result). */
function hourlySentence(h: HourlyAvailability): string {
  const hh = (x: number) => `${String(x).padStart(2, '0')}:00`;
  const best = h.unavailabilityByHour.reduce((b, u, i) => (u < (h.unavailabilityByHour[b] as number) ? i : b), 0);
  const at = (u: number) =>
    `${formatNines(ninesOf(u))} nines (${formatDowntimeRounded(u * SECONDS_PER_YEAR)} a year at that rate)`;
  return `Hour by hour (its fleet of each hour at that hour's load): from ${at(h.unavailabilityByHour[best] as number)} at ${hh(best)} to ${at(h.worstHour.unavailability)} at ${hh(h.worstHour.hour)}, the worst hour. The figure above weighs each hour by its share of the day's requests (${formatNines(ninesOf(h.requestWeightedUnavailability))} nines from failures: the share of requests that arrive while it is down); each hour alike it would be ${formatNines(ninesOf(h.timeWeightedUnavailability))}.`;
}

export function availability(w: WorksheetInput): Block[] {
  const r = w.result;
  const allowedMin = (w.scenario.targets.unavailability * SECONDS_PER_YEAR) / 60;
  const out = [
    heading(2, '4. Availability'),
    figure('availability'),
    paragraph(
      `The target, ${formatPercent(w.scenario.targets.availability)}, allows ${formatDowntimeRounded(allowedMin * 60)} of downtime a year (${formatNines(ninesOf(w.scenario.targets.unavailability))} nines). A candidate counts as up only while it serves every user region, reads and writes, with the survivors at or below ${formatPercent(w.scenario.targets.maxUtilizationDegraded, 0)} CPU (targets.maxUtilizationDegraded, or the all-up utilisation when higher); the p99 target plays no part in availability.`,
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
  // one table of the causes, a column per candidate (the same cause on one row: a comparison, not four tables)
  const archs = r.architectures;
  const causes: string[] = [];
  for (const a of archs) for (const c of a.availability.byCause) if (!causes.includes(c.cause)) causes.push(c.cause);
  const budgetText = (d: number) =>
    d <= allowedMin
      ? `within: ${formatPercent(d / allowedMin, 0)} of it`
      : `over by ${formatDowntimeRounded((d - allowedMin) * 60)}`;
  if (archs.length > 0) {
    const cap = (a: ArchitectureResult) =>
      formatPercent(a.degradedUtilizationCap ?? w.scenario.targets.maxUtilizationDegraded, 0);
    const row = candidateRow(archs);
    // the rows of a fleet's data and nodes, when some candidate is one
    const anyFleet = archs.some((a) => a.kind === 'horizontal');
    const losses = (['zone', 'region'] as const).filter(
      (what) => what === 'zone' || archs.some((a) => a.survivesRegionLoss !== null),
    );
    out.push(
      table(
        ['downtime a year (first order)', ...archs.map((a) => markedName(r, a))],
        [
          row('nines', (a) => formatNines(a.availability.nines)),
          row('in all', (a) => formatDowntimeRounded(a.availability.downtimeMinutesPerYear * 60)),
          row('against the budget', (a) => budgetText(a.availability.downtimeMinutesPerYear)),
          ...causes.map((cause) =>
            row(cause, (a) => {
              const c = a.availability.byCause.find((x) => x.cause === cause);
              return c === undefined ? '-' : formatDowntimeRounded(c.downtimeMinutesPerYear * 60);
            }),
          ),
          row('single points of failure', (a) =>
            a.availability.singlePointsOfFailure.length > 0 ? a.availability.singlePointsOfFailure.join(', ') : 'none',
          ),
          ...(anyFleet
            ? [
                row('data placement', (a) =>
                  a.kind === 'horizontal' ? (a.placement?.description.replace(/^placement: /, '') ?? 'none') : '-',
                ),
              ]
            : []),
          ...losses.map((what) => row(`survives the loss of a ${what}`, (a) => lossShort(lossVerdict(a, what)))),
          ...(anyFleet
            ? [
                row('nodes needed within the degraded CPU cap / placed, per region', (a) =>
                  a.kind === 'horizontal'
                    ? a.nodesNeededByRegion.map((x) => `${x.region} ${x.needed ?? 'n/a'} of ${x.nodes}`).join(', ')
                    : '-',
                ),
              ]
            : []),
        ],
      ),
    );
    // each verdict of the table's loss rows explained once (the reasons, read from each candidate's result)
    const reasons: { label: string; kind: string; why: string }[] = [];
    for (const what of losses)
      for (const a of archs) {
        const v = lossVerdict(a, what);
        if (v === null) continue;
        const why = lossReason(a, v, cap(a));
        if (!reasons.some((x) => x.why === why)) reasons.push({ label: lossShort(v), kind: a.kind, why });
      }
    const told = (x: (typeof reasons)[number]) =>
      reasons.filter((y) => y.label === x.label).length > 1 ? `${x.label} (${x.kind})` : x.label;
    if (reasons.length > 0)
      out.push(paragraph(`Losing a zone or a region: ${reasons.map((x) => `${told(x)}: ${x.why}`).join('; ')}.`));
  }
  for (const a of archs) {
    const parts: string[] = [];
    const hourly = a.autoscaling?.availabilityByHour;
    if (hourly !== undefined) parts.push(hourlySentence(hourly));
    const sim = a.simulated?.availability;
    if (sim) {
      parts.push(
        sim.tooRare
          ? `Simulated over ${sim.years.toFixed(0)} years: too few outages (${sim.downEvents}) to estimate; the exact figure stands.`
          : `Simulated over ${sim.years.toFixed(0)} years: ${formatNines(sim.nines)} nines (95% interval ${formatPercentInterval(sim.ci95[0], sim.ci95[1])}); the analytic figure is ${sim.analyticInside ? 'inside' : '**outside**'} the interval.${sim.warnings.map((x) => ` Warning: ${x}.`).join('')}`,
      );
    }
    if (parts.length > 0) out.push(paragraph(`**${a.name}**: ${parts.join(' ')}`));
  }
  out.push(...methodParagraphs(r.architectures.map((a) => ({ name: a.name, method: a.availability.method }))));
  return out;
}
