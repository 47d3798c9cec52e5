import { designSummary, perTier, sparesText, zonesAndRegions } from '../../compare/recommend.js';
import type { ArchitectureResult, ComparisonResult, FrontierEntry } from '../../compare/result.js';
import {
  formatDowntimeRounded,
  formatDuration,
  formatNines,
  formatPercent,
  formatRate,
  formatUsd,
} from '../../units/format.js';
import { type Block, bullets, figure, heading, paragraph, table } from '../document.js';
import type { WorksheetInput } from '../worksheet.js';
import { candidateRow, ms } from './common.js';
import { tierBreakdown } from './tiers.js';
import { markedName, RECOMMENDED_MARK } from './verdict.js';

/** What kind of design a candidate is, in words. */
function kindText(a: ArchitectureResult): string {
  const tiers = a.tiers;
  if (tiers === undefined) return a.kind === 'vertical' ? 'vertical (one box)' : 'horizontal (fleet)';
  if (!perTier(a)) return `${a.kind === 'vertical' ? 'one box' : 'one fleet'} running every tier (co-located)`;
  const kinds = new Set(tiers.map((t) => t.kind));
  return kinds.size === 1
    ? `every tier ${[...kinds][0]}`
    : `mixed: ${tiers.map((t) => `${t.name} ${t.kind}`).join(', ')}`;
}

/** The side-by-side comparison as cells: one row per figure, one column per candidate (the tests read these). */
/** The targets a candidate is judged on, as the comparison's "targets missed" row names them (a target not set is
 * never missed). */
const JUDGED: readonly (readonly [string, keyof ArchitectureResult['meetsTargets']])[] = [
  ['p99', 'p99'],
  ['availability', 'availability'],
  ['durability', 'durability'],
  ['budget', 'budget'],
  ['utilisation', 'utilization'],
  ['working set in memory', 'memory'],
];

export function comparisonCells(result: ComparisonResult): { head: string[]; rows: string[][] } {
  const archs = result.architectures;
  const users = archs[0]?.latency.byUserRegion.map((u) => u.region) ?? [];
  const row = candidateRow(archs);
  const rows: string[][] = [
    row('kind', kindText),
    row('instances', (a) =>
      perTier(a)
        ? designSummary(a)
        : `${a.nodes} x ${a.instance.name} (${a.instance.vcpu} vCPU, ${a.instance.memGiB} GiB)`,
    ),
    row('layout', (a) =>
      perTier(a)
        ? `${a.regions.join(' + ')}; each tier below`
        : a.kind === 'vertical'
          ? `${a.standby === 'none' ? 'no standby' : `${a.standby} standby`}; ${a.regions.join(' + ')}`
          : `${zonesAndRegions(a)}${a.regions.length > 1 ? ` (${a.regions.join(', ')})` : ''}; ${sparesText(a.spares)}; ${a.balancer}`,
    ),
    row('cost per month', (a) => formatUsd(a.cost.usdPerMonth)),
    row('cost per million requests', (a) => formatUsd(a.cost.usdPerMillionRequests)),
    row('availability', (a) => `${formatNines(a.availability.nines)} nines (${formatPercent(a.availability.value)})`),
    row('downtime per year', (a) => formatDowntimeRounded(a.availability.downtimeMinutesPerYear * 60)),
    row('p99, all users', (a) => ms(a.latency.p99Ms)),
    ...users.map((region) =>
      row(`p99, users in ${region}`, (a) => ms(a.latency.byUserRegion.find((u) => u.region === region)?.p99Ms ?? null)),
    ),
    row('CPU utilisation', (a) => formatPercent(a.utilization, 1)),
    row('data loss on a failure', (a) =>
      a.dataLoss.windowS === 0 ? 'none' : `up to ${formatDuration(a.dataLoss.windowS)}`,
    ),
    row('targets missed', (a) => {
      const missed = JUDGED.filter(([, k]) => a.meetsTargets[k] === false).map(([label]) => label);
      return missed.length === 0 ? 'none' : `**${missed.join(', ')}**`;
    }),
  ];
  // the recommended candidate marked (as in the verdict at the top)
  return { head: ['', ...archs.map((a) => markedName(result, a))], rows };
}

export function candidates(w: WorksheetInput): Block[] {
  const { head, rows } = comparisonCells(w.result);
  const out = [
    heading(2, '3. Candidates compared'),
    paragraph(
      `All figures at the design rate ${formatRate(w.result.designRatePerS)}${w.result.architectures.some((a) => markedName(w.result, a) !== a.name) ? `; ${RECOMMENDED_MARK} marks the recommended design` : ''}.`,
    ),
    table(head, rows),
    ...tierBreakdown(w.result),
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

/** The frontier table's design cell: a compared candidate by its name (the candidates table above describes it). */
function frontierRowName(result: ComparisonResult, e: FrontierEntry): string {
  return result.architectures.some((a) => a.name === e.name) ? e.name : e.summary;
}

/** The frontier as cells: one row per entry, in cost order (the tests read these). */
export function frontierCells(result: ComparisonResult): { head: string[]; rows: string[][] } {
  return {
    head: ['design', 'kind', 'cost per month', 'nines', 'p99, all users', 'meets every target'],
    rows: result.frontier.map((e) => [
      frontierRowName(result, e),
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
  // a frontier of the compared candidates alone is already the candidates table's figures: no second table of them
  const onlyCandidates = f.every((e) => result.architectures.some((a) => a.name === e.name));
  return [
    heading(3, FRONTIER_HEADING),
    figure('frontier'),
    paragraph(lines.join(' ')),
    ...(onlyCandidates ? [] : [table(head, rows, ['l', 'l', 'r', 'r', 'r', 'l'])]),
  ];
}
