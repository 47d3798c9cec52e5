/**
 * The verdict at the top of the worksheet (issue 19): the recommended design against each target (required, its
 * figure, met or missed), and every candidate against the targets in one compact table, the recommended one marked
 * and first. Every cell is read from the result.
 */

import type { ArchitectureResult, ComparisonResult } from '../../compare/result.js';
import type { Scenario } from '../../scenario/types.js';
import { formatDuration, formatNines, formatPercent, formatUsd } from '../../units/format.js';
import { type Block, table } from '../document.js';
import { ms, recommended, yesNo } from './common.js';

/** The mark of the recommended candidate wherever candidates are listed side by side. */
export const RECOMMENDED_MARK = '★';

/** A candidate's name as the comparison tables show it: the recommended one marked. */
export function markedName(r: ComparisonResult, a: ArchitectureResult): string {
  return a.name === r.recommendation.name && a.feasible ? `${RECOMMENDED_MARK} ${a.name}` : a.name;
}

/** The targets a design is judged on: the requirement, the design's figure, met or missed (null: not set). */
function targetRows(s: Scenario, a: ArchitectureResult): string[][] {
  const t = s.targets;
  const rows: string[][] = [
    [
      `p99${t.p99Scope === 'every-region' ? ' (every user region)' : ''}`,
      `at most ${formatDuration(t.p99S)}`,
      ms(a.latency.p99Ms),
      yesNo(a.meetsTargets.p99),
    ],
    [
      'availability',
      `at least ${formatPercent(t.availability)}`,
      `${formatPercent(a.availability.value)} (${formatNines(a.availability.nines)} nines)`,
      yesNo(a.meetsTargets.availability),
    ],
  ];
  if (t.budgetUsdPerMonth !== null) {
    rows.push([
      'monthly cost',
      `at most ${formatUsd(t.budgetUsdPerMonth)}`,
      formatUsd(a.cost.usdPerMonth),
      yesNo(a.meetsTargets.budget),
    ]);
  } else rows.push(['monthly cost', 'no budget', formatUsd(a.cost.usdPerMonth), 'n/a']);
  rows.push([
    'CPU utilisation',
    `at most ${formatPercent(t.maxUtilization, 0)}`,
    formatPercent(a.utilization, 0),
    yesNo(a.meetsTargets.utilization),
  ]);
  if (t.maxDataLossS !== null) {
    rows.push([
      'writes lost on a failure',
      t.maxDataLossS === 0 ? 'none' : `at most ${formatDuration(t.maxDataLossS)}`,
      a.dataLoss.windowS === 0 ? 'none' : formatDuration(a.dataLoss.windowS),
      yesNo(a.meetsTargets.durability),
    ]);
  }
  rows.push([
    'working set in memory',
    'fits',
    a.meetsTargets.memory ? 'fits' : 'does not fit',
    yesNo(a.meetsTargets.memory),
  ]);
  return rows;
}

/** What a candidate misses, in a few words ('every target met' when none). */
function missed(a: ArchitectureResult): string {
  const m = a.meetsTargets;
  const names: [boolean | null, string][] = [
    [m.p99, 'p99'],
    [m.availability, 'availability'],
    [m.budget, 'budget'],
    [m.utilization, 'CPU'],
    [m.durability, 'durability'],
    [m.memory, 'memory'],
  ];
  const out = names.filter(([ok]) => ok === false).map(([, n]) => n);
  return out.length === 0 ? 'every target met' : `misses ${out.join(', ')}`;
}

/**
 * The verdict blocks: the recommended design against each target (or, when none meets every target, the closest),
 * then every candidate against the targets, the recommended one first and marked.
 */
export function verdict(s: Scenario, r: ComparisonResult): Block[] {
  const rec = recommended(r);
  // none meets every target: the first candidate, judged the same way
  const judged = rec ?? r.architectures[0];
  const out: Block[] = [];
  if (judged !== undefined) {
    out.push(
      table(['target', 'required', markedName(r, judged), 'verdict'], targetRows(s, judged), ['l', 'l', 'r', 'l']),
    );
  }
  const order = [...r.architectures].sort((a, b) => Number(b.name === rec?.name) - Number(a.name === rec?.name));
  out.push(
    table(
      ['candidate', 'cost a month', 'nines', 'p99', 'verdict'],
      order.map((a) => [
        markedName(r, a),
        formatUsd(a.cost.usdPerMonth),
        formatNines(a.availability.nines),
        ms(a.latency.p99Ms),
        missed(a),
      ]),
      ['l', 'r', 'r', 'r', 'l'],
    ),
  );
  return out;
}
