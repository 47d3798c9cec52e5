/** Section 6: the monthly cost of each candidate, item by item. */

import { BILLING_HOURS_PER_MONTH } from '../../compare/context.js';
import type { ArchitectureResult } from '../../compare/result.js';
import { better } from '../../compare/size.js';
import { formatPercent, formatUsd } from '../../units/format.js';
import { type Block, heading, paragraph, table } from '../document.js';
import type { WorksheetInput } from '../worksheet.js';
import { operationsCostRows } from './changeProcess.js';

export function cost(w: WorksheetInput): Block[] {
  const archs = w.result.architectures;
  const b = (f: (a: ArchitectureResult) => number) => archs.map((a) => formatUsd(f(a)));
  const opsRows = operationsCostRows(archs);
  const ops = w.scenario.operations;
  const opsText =
    opsRows.length === 0
      ? []
      : [
          paragraph(
            `Operations are inside the total: ${formatUsd(ops.usdPerNodeMonth)} a month per node (a standby included) and ${formatUsd(ops.usdPerRegionMonth)} per region for people and tooling${archs.some((a) => a.cost.breakdown.blueGreenUsdPerMonth !== undefined) ? ", and a blue-green deploy's second copy for its overlap per deploy" : ''} (operations in the scenario).`,
          ),
        ];
  // cost.includeEgress: egress is a line of the breakdown, inside the total
  const inside = archs.some((a) => a.cost.breakdown.internetEgressUsdPerMonth !== undefined);
  const egress = inside
    ? 'Internet egress of the responses is in the total (cost.includeEgress), so the candidates compare on the bill to be paid.'
    : 'Internet egress of the responses is shown apart: it is about the same whatever the design, and usually goes through a CDN.';
  return [
    heading(2, '6. Cost'),
    paragraph(
      archs.every((a) => a.cost.pricingModel === 'on-demand')
        ? `Monthly cost at list prices (730-hour month), per candidate. ${egress}`
        : `Monthly cost (730-hour month), per candidate, with its nodes at the pricing model in the row below (reservations and Savings Plans at their effective hourly rate; a derived rate is listed with its derivation in cost.prices of the result); balancers, switches and transfer at list prices. ${egress}`,
    ),
    table(
      ['', ...archs.map((a) => a.name)],
      [
        ...(archs.every((a) => a.cost.pricingModel === 'on-demand')
          ? []
          : [['pricing model', ...archs.map((a) => a.cost.pricingModel)]]),
        ['compute', ...b((a) => a.cost.breakdown.computeUsdPerMonth)],
        ['standby', ...b((a) => a.cost.breakdown.standbyUsdPerMonth)],
        ['load balancer', ...b((a) => a.cost.breakdown.loadBalancerUsdPerMonth)],
        ['global traffic switch', ...b((a) => a.cost.breakdown.globalSwitchUsdPerMonth)],
        ['cross-zone transfer', ...b((a) => a.cost.breakdown.crossZoneTransferUsdPerMonth)],
        ['inter-region transfer', ...b((a) => a.cost.breakdown.interRegionTransferUsdPerMonth)],
        ...opsRows,
        ...(inside ? [['internet egress', ...b((a) => a.cost.breakdown.internetEgressUsdPerMonth ?? 0)]] : []),
        ['**total**', ...b((a) => a.cost.usdPerMonth)],
        ['per million requests', ...b((a) => a.cost.usdPerMillionRequests)],
        ...(inside ? [] : [['internet egress (apart)', ...b((a) => a.cost.internetEgressUsdPerMonth)]]),
      ],
      ['l', ...archs.map(() => 'r' as const)],
    ),
    ...opsText,
    ...costByHour(w),
  ];
}

/** The candidate of a kind that ranks first (every target met, then the smaller shortfall, then cost). */
function bestOfKind(archs: readonly ArchitectureResult[], kind: ArchitectureResult['kind']): ArchitectureResult | null {
  let best: ArchitectureResult | null = null;
  for (const a of archs) if (a.kind === kind && better(a, best)) best = a;
  return best;
}

/**
 * With a daily profile: the cost rate of the best vertical and the best horizontal design in each hour of the day.
 * An autoscaled design's rate is its own (autoscaling.usdPerHourByHour); any other design pays its monthly cost
 * evenly, usdPerMonth / 730 an hour.
 */
function costByHour(w: WorksheetInput): Block[] {
  const profile = w.scenario.workload.dailyProfile;
  if (profile === undefined) return [];
  const shown = [bestOfKind(w.result.architectures, 'vertical'), bestOfKind(w.result.architectures, 'horizontal')];
  const designs = shown.filter((a): a is ArchitectureResult => a !== null);
  if (designs.length === 0) return [];
  const rate = (a: ArchitectureResult, h: number) =>
    a.autoscaling?.usdPerHourByHour[h] ?? a.cost.usdPerMonth / BILLING_HOURS_PER_MONTH;
  const nodes = (a: ArchitectureResult, h: number) => a.autoscaling?.nodesByHour[h] ?? a.nodes;
  const rows = profile.map((m, h) => [
    `${String(h).padStart(2, '0')}:00`,
    formatPercent(m),
    ...designs.flatMap((a) => [String(nodes(a, h)), formatUsd(rate(a, h))]),
  ]);
  const sentences = designs.map((a) => {
    const rates = profile.map((_, h) => rate(a, h));
    const lo = Math.min(...rates);
    const hi = Math.max(...rates);
    const mean = rates.reduce((s, x) => s + x, 0) / rates.length;
    if (a.autoscaling === undefined) {
      return `${a.name} pays ${formatUsd(hi)} an hour all day (${a.kind === 'vertical' ? 'a box pays for its peak' : 'no autoscaling: the peak fleet all day'}).`;
    }
    const saved = a.autoscaling.computeUsdPerMonthAtPeak - a.cost.breakdown.computeUsdPerMonth;
    return `${a.name} runs ${Math.min(...a.autoscaling.nodesByHour)} to ${Math.max(...a.autoscaling.nodesByHour)} nodes and pays ${formatUsd(lo)} to ${formatUsd(hi)} an hour (mean ${formatUsd(mean)}); autoscaling saves ${formatUsd(saved)} a month of compute against its peak fleet all day.`;
  });
  return [
    heading(3, 'Cost per hour of the day'),
    paragraph(
      `The load of each hour (workload.dailyProfile, a multiplier of the peak) and what the best vertical and the best horizontal design pay in that hour: nodes serving and USD per hour, with everything other than the nodes spread evenly over the ${BILLING_HOURS_PER_MONTH}-hour month. ${sentences.join(' ')}`,
    ),
    table(['hour', 'load', ...designs.flatMap((a) => [`${a.name}: serving nodes`, `${a.name}: USD/h`])], rows, [
      'l',
      'r',
      ...designs.flatMap(() => ['r' as const, 'r' as const]),
    ]),
  ];
}
