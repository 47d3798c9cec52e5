/**
 * Systems of tiers in the worksheet: the tiers as the scenario gives them (section 2), and each candidate's tiers
 * with their parts of the latency, the downtime and the cost (section 3). Every figure is read from the result.
 */

import { tierSummary } from '../../compare/recommend.js';
import type { ArchitectureResult, ComparisonResult, TierResult } from '../../compare/result.js';
import { tierCalls } from '../../compare/tierDemand.js';
import { nines } from '../../core/reliability/index.js';
import type { Scenario, Tier } from '../../scenario/types.js';
import { formatBytes, formatDuration, formatNines, formatPercent, formatSig, formatUsd } from '../../units/format.js';
import { type Block, bullets, heading, paragraph, table } from '../document.js';
import { ms } from './common.js';
import { markedName } from './verdict.js';

/** One tier's role-specific inputs in words. */
function roleText(t: Tier): string {
  if (t.role === 'cache')
    return `hit ratio ${formatPercent(t.hitRatio)}, working set ${formatBytes(t.workingSetBytes)}`;
  if (t.role === 'database') {
    return `working set ${formatBytes(t.workingSetBytes)}, ${formatPercent(t.writeFraction)} writes, ${t.replication} copies when partitioned, ${t.consistency} consistency`;
  }
  return '-';
}

/** The scenario's tiers as a table (section 2), or nothing for a single-tier scenario. */
export function tierInputs(s: Scenario): Block[] {
  const tiers = s.tiers;
  if (tiers === null) return [];
  const calls = tierCalls(tiers);
  const rows = tiers.map((t, i) => [
    t.name,
    t.role,
    `${formatDuration(t.serviceTimeS)} (cv ${t.serviceTimeCv})`,
    String(t.callsPerRequest),
    formatSig(calls[i]?.meanCalls ?? 0, 3),
    roleText(t),
  ]);
  return [
    paragraph(
      '**The service as a system of tiers**, in call order: each user request makes `calls` sequential calls to a tier; behind a cache only its misses reach the next tier (the calls that reach a tier, on average, are in the next column).',
    ),
    table(['tier', 'role', 'service time (one call, one vCPU)', 'calls', 'calls that reach it', 'data'], rows),
  ];
}

/** A tier's row of a candidate's tier table. */
function tierRow(a: ArchitectureResult, t: TierResult): string[] {
  const u = a.availability.unavailability;
  const built = t.kind === 'co-located' ? 'on the shared nodes' : tierSummary(t);
  const time =
    t.latency.meanMs === null
      ? `${formatPercent(t.latency.shareOfMean ?? 0, 1)} of the CPU demand`
      : `${ms(t.latency.meanMs)} mean, ${ms(t.latency.p99Ms)} p99 (${formatPercent(t.latency.shareOfMean ?? 0, 1)} of the mean)`;
  return [
    t.name,
    `${t.kind}: ${built}`,
    formatPercent(t.utilization, 1),
    time,
    `${formatNines(nines(t.availability.unavailability))} (${t.kind === 'co-located' ? 'shared' : formatPercent(u > 0 ? t.availability.downtimeShare / u : 0, 1)})`,
    // a tier bought otherwise than the others says how (only present when the system's tiers differ)
    `${formatUsd(t.cost.usdPerMonth)} (${formatPercent(t.cost.share, 1)})${t.cost.pricingModel === undefined ? '' : `, ${t.cost.pricingModel}`}`,
  ];
}

/** A sentence on where a system's downtime comes from: each tier alone, and what the tiers share. */
function downtimeSentence(a: ArchitectureResult): string {
  const tiers = a.tiers ?? [];
  const u = a.availability.unavailability;
  if (tiers.every((t) => t.kind === 'co-located')) {
    return "every tier runs on the same nodes: they go down together, and the downtime is the shared nodes' (section 4).";
  }
  const alone = tiers.reduce((s, t) => s + t.availability.downtimeShare, 0);
  const parts = tiers.map((t) => `${t.name} ${formatPercent(u > 0 ? t.availability.downtimeShare / u : 0, 1)}`);
  return `of its downtime, each tier alone causes ${parts.join(', ')}; the other ${formatPercent(u > 0 ? Math.max(0, 1 - alone / u) : 0, 1)} is shared.`;
}

/** Each candidate's tiers (section 3), or nothing for a single-tier comparison. */
export function tierBreakdown(result: ComparisonResult): Block[] {
  const archs = result.architectures.filter((a) => a.tiers !== undefined);
  if (archs.length === 0) return [];
  const out: Block[] = [heading(3, 'The tiers of each candidate')];
  out.push(
    paragraph(
      "Each tier as the candidate builds it: its busiest node's CPU, the time a request spends in it (its calls' responses and the round trips from the tier before; the end-to-end p99 is that of the sum, not a sum of these p99s), its own availability with the requests' share of downtime it causes alone, and its monthly cost. The rest of a candidate's downtime is shared: it takes two or more tiers down at once (a zone or region they share, or the global switch), and a plain product of the tiers' availabilities would count it once per tier.",
    ),
  );
  // one table, the candidate named on the first row of its tiers; one line each for the end-to-end figures
  out.push(
    table(
      [
        'candidate',
        'tier',
        'built as',
        'CPU',
        'time in the tier',
        'own nines (share of downtime alone)',
        'cost per month',
      ],
      archs.flatMap((a) => (a.tiers ?? []).map((t, i) => [i === 0 ? markedName(result, a) : '', ...tierRow(a, t)])),
    ),
    bullets(
      archs.map(
        (a) =>
          `**${a.name}**: p99 ${ms(a.latency.p99Ms)} end to end, of which ${ms(a.latency.interTierMs ?? 0)} on average is network between the tiers; ${downtimeSentence(a)}`,
      ),
    ),
  );
  return out;
}
