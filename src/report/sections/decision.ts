/** Section 10: the decision record the reviewers sign. */

import { designSummary } from '../../compare/recommend.js';
import { formatUsd } from '../../units/format.js';
import { type Block, bullets, heading } from '../document.js';
import type { WorksheetInput } from '../worksheet.js';
import { recommended } from './common.js';

export function decision(w: WorksheetInput): Block[] {
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
