/** Before section 1: the input warnings; section 1: the question, the answer and the deciding trade-off. */

import { designSummary } from '../../compare/recommend.js';
import { formatDuration, formatNines, formatPercent, formatRate, formatUsd, usdAsShown } from '../../units/format.js';
import { type Block, bullets, heading, paragraph } from '../document.js';
import type { WorksheetInput } from '../worksheet.js';
import { ms, recommended, rival } from './common.js';
import { verdict } from './verdict.js';

/** The input warnings of the result, before the summary: a reviewer checks them before reading on. */
export function warnings(w: WorksheetInput): Block[] {
  const list = w.result.warnings;
  if (list.length === 0) return [];
  return [
    paragraph(
      `**Warnings.** ${list.length === 1 ? 'This input looks' : 'These inputs look'} implausible; check ${list.length === 1 ? 'it' : 'them'} before reading on:`,
    ),
    bullets(list),
  ];
}

export function summary(w: WorksheetInput): Block[] {
  const { scenario: s, result: r } = w;
  const rec = recommended(r);
  const other = rival(r, rec);
  const t = s.targets;
  const question = `One bigger machine, or many smaller ones? ${s.name}: ${formatRate(r.designRatePerS)} at the design point (${r.designRateNote}), for users in ${s.users.map((u) => `${u.region} (${formatPercent(u.share)})`).join(', ')}, with a p99 of at most ${formatDuration(t.p99S)}${t.p99Scope === 'every-region' ? ' in every user region' : ''}, ${formatPercent(t.availability)} availability${t.budgetUsdPerMonth !== null ? ` and a budget of ${formatUsd(t.budgetUsdPerMonth)} a month` : ''}.`;
  const out = [heading(2, '1. Summary and recommendation')];
  if (!rec) {
    const why = r.recommendation.why;
    const none = 'No candidate meets every target.';
    out.push(paragraph(`**Answer.** ${why.startsWith(none) ? why : `${none} ${why}`}`));
    out.push(...verdict(s, r), paragraph(`**Question.** ${question}`));
    return out;
  }
  out.push(
    paragraph(
      `**Answer.** ${rec.name}: ${designSummary(rec)}, ${formatUsd(rec.cost.usdPerMonth)} a month, ${formatNines(rec.availability.nines)} nines, p99 ${ms(rec.latency.p99Ms)}.`,
    ),
    ...verdict(s, r),
    paragraph(`**Question.** ${question}`),
  );
  let tradeoff: string;
  if (other?.feasible) {
    // the difference of the amounts the tables beside it show, so that the sentence agrees with them
    const d = usdAsShown(other.cost.usdPerMonth) - usdAsShown(rec.cost.usdPerMonth);
    tradeoff = `The best ${other.kind} alternative, ${other.name}, also meets every target but costs ${formatUsd(Math.abs(d))} a month ${d >= 0 ? 'more' : 'less'} and runs ${designSummary(other)}. ${rec.kind === 'vertical' ? 'One box is the simpler system; distribution would buy nothing the targets ask for.' : 'The fleet costs less or meets what one box cannot, at the price of running more parts.'}`;
  } else if (other) {
    tradeoff = `The best ${other.kind} alternative, ${other.name}, does not meet every target (${other.infeasibleReason ?? 'see section 3'}). ${rec.kind === 'horizontal' ? `Distribution is what the targets require here; its price is operational: more nodes, zones and regions to run${rec.cost.breakdown.operationsUsdPerMonth === undefined ? '.' : ` (${formatUsd(rec.cost.breakdown.operationsUsdPerMonth)} a month of people and tooling, inside its cost).`}` : 'The single design that meets the targets is the simpler one.'}`;
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
