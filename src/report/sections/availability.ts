import type { ArchitectureResult } from '../../compare/result.js';
import { lossSentence } from '../../compare/survival.js';
import { nines as ninesOf, SECONDS_PER_YEAR } from '../../core/reliability/index.js';
import { formatDowntimeRounded, formatNines, formatPercent, formatPercentInterval } from '../../units/format.js';
import { type Block, figure, heading, paragraph, table } from '../document.js';
import type { WorksheetInput } from '../worksheet.js';
import { methodParagraphs } from './common.js';
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
      ? `within the budget (${formatPercent(d / allowedMin, 0)} of it)`
      : `over the budget by ${formatDowntimeRounded((d - allowedMin) * 60)}`;
  if (archs.length > 0) {
    out.push(
      table(
        ['downtime a year (first order)', ...archs.map((a) => markedName(r, a))],
        [
          ['nines', ...archs.map((a) => formatNines(a.availability.nines))],
          ['in all', ...archs.map((a) => formatDowntimeRounded(a.availability.downtimeMinutesPerYear * 60))],
          ...causes.map((cause) => [
            cause,
            ...archs.map((a) => {
              const c = a.availability.byCause.find((x) => x.cause === cause);
              return c === undefined ? '-' : formatDowntimeRounded(c.downtimeMinutesPerYear * 60);
            }),
          ]),
        ],
        ['l', ...archs.map(() => 'r' as const)],
      ),
    );
  }
  for (const a of archs) {
    const d = a.availability.downtimeMinutesPerYear;
    const parts = [
      `**${a.name}**: ${formatNines(a.availability.nines)} nines, ${budgetText(d)}.`,
      a.availability.singlePointsOfFailure.length > 0
        ? `Single points of failure: ${a.availability.singlePointsOfFailure.join(', ')}.`
        : 'No single component takes every user down.',
    ];
    if (a.kind === 'horizontal') {
      const cap = formatPercent(a.degradedUtilizationCap ?? w.scenario.targets.maxUtilizationDegraded, 0);
      parts.push(
        `Data placement: ${a.placement?.description.replace(/^placement: /, '') ?? 'none'}. ${lossSentence(a, 'zone', cap)}${a.survivesRegionLoss === null ? '' : ` ${lossSentence(a, 'region', cap)}`} Nodes needed up to stay at or below ${cap} CPU / placed, per region: ${a.nodesNeededByRegion.map((x) => `${x.region} ${x.needed ?? 'n/a'} of ${x.nodes}`).join(', ')}.`,
      );
    } else {
      parts.push(
        `${lossSentence(a, 'zone', '')}${a.survivesRegionLoss === null ? '' : ` ${lossSentence(a, 'region', '')}`}`,
      );
    }
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
    out.push(paragraph(parts.join(' ')));
  }
  out.push(...methodParagraphs(r.architectures.map((a) => ({ name: a.name, method: a.availability.method }))));
  return out;
}
