/** Section 6: the monthly cost of each candidate, item by item. */

import type { ArchitectureResult } from '../../compare/result.js';
import { formatUsd } from '../../units/format.js';
import { type Block, heading, paragraph, table } from '../document.js';
import type { WorksheetInput } from '../worksheet.js';

export function cost(w: WorksheetInput): Block[] {
  const archs = w.result.architectures;
  const b = (f: (a: ArchitectureResult) => number) => archs.map((a) => formatUsd(f(a)));
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
        ...(inside ? [['internet egress', ...b((a) => a.cost.breakdown.internetEgressUsdPerMonth ?? 0)]] : []),
        ['**total**', ...b((a) => a.cost.usdPerMonth)],
        ['per million requests', ...b((a) => a.cost.usdPerMillionRequests)],
        ...(inside ? [] : [['internet egress (apart)', ...b((a) => a.cost.internetEgressUsdPerMonth)]]),
      ],
      ['l', ...archs.map(() => 'r' as const)],
    ),
  ];
}
