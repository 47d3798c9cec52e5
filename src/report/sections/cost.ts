/** Section 6: the monthly cost of each candidate, item by item. */

import type { ArchitectureResult } from '../../compare/result.js';
import { formatUsd } from '../../units/format.js';
import { type Block, heading, paragraph, table } from '../document.js';
import type { WorksheetInput } from '../worksheet.js';

export function cost(w: WorksheetInput): Block[] {
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
