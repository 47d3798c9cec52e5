/**
 * The recommendation: the cheapest candidate that meets every target (ties: fewer nodes, then fewer regions), with
 * a short reason that names the trade-off against the best candidate of the other kind. When none meets every
 * target, no candidate is recommended and the reason names the targets no candidate meets and the closest one.
 */

import { nines } from '../core/reliability/index.js';
import type { Context } from './context.js';
import { worstUserRegion } from './p99Scope.js';
import type { ArchitectureResult, MeetsTargets, Recommendation, TierResult, UncertaintyResult } from './result.js';

/** A sentence on how likely the recommended design meets the targets over the uncertain inputs. */
function robustness(results: readonly ArchitectureResult[], best: ArchitectureResult, u: UncertaintyResult): string {
  const i = results.indexOf(best);
  const mine = u.byArchitecture[i]?.probMeetsAll ?? 0;
  let text = ` Over the uncertain inputs it meets every target in ${formatPercent(mine, 0)} of ${u.samples} samples`;
  let top = i;
  u.byArchitecture.forEach((a, k) => {
    if (a.probMeetsAll > (u.byArchitecture[top]?.probMeetsAll ?? 0)) top = k;
  });
  if (top !== i) {
    const other = u.byArchitecture[top];
    text += `; ${other?.name} does in ${formatPercent(other?.probMeetsAll ?? 0, 0)} (${usd(results[top]?.cost.usdPerMonth ?? 0)} at the median)`;
  }
  return `${text}.`;
}

import { formatLatencyMs, formatNines, formatPercent, formatUsd } from '../units/format.js';
import { better } from './size.js';

const TARGETS: (keyof MeetsTargets)[] = ['p99', 'availability', 'durability', 'budget', 'utilization', 'memory'];

function usd(x: number): string {
  return `${formatUsd(x)} a month`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The zones per region a horizontal design's nodes occupy: the zones it asks for, but no more than its nodes in a
 * region (2 nodes asked over 3 zones sit in 2). zonesAndRegions says it in words, the TUI's regions row as a count.
 * @example zonesSpanned({ zones: 3, nodes: 2, regions: ['eu-central-1'] }) // 2
 */
export function zonesSpanned(a: { zones: number; nodes: number; regions: readonly string[] }): number {
  return Math.max(1, Math.min(a.zones, Math.ceil(a.nodes / Math.max(1, a.regions.length))));
}

/**
 * Where a horizontal design's nodes run: "3 zones in us-east-1", "3 zones in each of 2 regions"; a design with fewer
 * nodes in a region than zones uses only as many zones as it has nodes there ("1 zone in eu-central-1").
 * @example zonesAndRegions({ zones: 3, nodes: 2, regions: ['eu-central-1'] }) // "2 zones in eu-central-1"
 */
export function zonesAndRegions(a: { zones: number; nodes: number; regions: readonly string[] }): string {
  const n = a.regions.length;
  const zones = zonesSpanned(a);
  return n === 1 ? `${plural(zones, 'zone')} in ${a.regions[0]}` : `${plural(zones, 'zone')} in each of ${n} regions`;
}

/** A horizontal design's spares: "no spare", "1 spare (N+1)", "3 spares (N+3)". */
export const sparesText = (spares: number): string =>
  spares === 0 ? 'no spare' : `${plural(spares, 'spare')} (N+${spares})`;

/**
 * What a candidate is, in words: "one m7i.8xlarge with a hot standby (standby in us-east-2)", "12 x m7i.2xlarge over
 * 3 zones in each of 2 regions". The recommendation, the worksheet and the TUI say it the same way.
 */
export function designSummary(r: ArchitectureResult): string {
  const tiers = r.tiers;
  if (tiers?.some((t) => t.kind !== 'co-located')) {
    return tiers.map((t) => `${t.name}: ${tierSummary(t)}`).join('; ');
  }
  const one = singleSummary(r);
  return tiers === undefined ? one : `${one}, every tier on it (${tiers.map((t) => t.name).join(', ')})`;
}

/** A system whose tiers are built each its own way (not every tier on the same nodes). */
export function perTier(r: ArchitectureResult): boolean {
  return r.tiers?.some((t) => t.kind !== 'co-located') ?? false;
}

/**
 * The kind of a design in words: "vertical" or "horizontal"; a system of per-tier designs is "vertical" or
 * "horizontal" when every tier is, else "mixed" (its JSON kind is then "horizontal": it runs many nodes).
 */
export function designKind(r: ArchitectureResult): 'vertical' | 'horizontal' | 'mixed' {
  if (!perTier(r)) return r.kind;
  const kinds = new Set(r.tiers?.map((t) => t.kind));
  return kinds.size === 1 ? r.kind : 'mixed';
}

/** One tier of a system, in words: "one r7i.8xlarge with a hot standby and 2 read replicas", "3 x m7i.2xlarge over 3 zones in us-east-1". */
export function tierSummary(t: TierResult): string {
  if (t.kind === 'horizontal') return `${t.nodes} x ${t.instance.name} over ${zonesAndRegions(t)}`;
  const standby = t.standby === 'hot' ? ' with a hot standby' : t.standby === 'cold' ? ' with a cold standby' : '';
  const where = t.regions.length > 1 ? ` (standby in ${t.regions[1]})` : '';
  const replicas = t.readReplicas > 0 ? ` and ${plural(t.readReplicas, 'read replica')}` : '';
  return `one ${t.instance.name}${standby}${where}${replicas}`;
}

function singleSummary(r: ArchitectureResult): string {
  if (r.kind === 'vertical') {
    const standby = r.standby === 'hot' ? ' with a hot standby' : r.standby === 'cold' ? ' with a cold standby' : '';
    return `one ${r.instance.name}${standby}${r.regions.length > 1 ? ` (standby in ${r.regions[1]})` : ''}`;
  }
  return `${r.nodes} x ${r.instance.name} over ${zonesAndRegions(r)}`;
}

function figures(ctx: Context, r: ArchitectureResult): string {
  const t = ctx.scenario.targets;
  const msText = formatLatencyMs;
  const target = msText(t.p99S * 1000);
  let p99 = `p99 ${msText(r.latency.p99Ms)} (target ${target})`;
  if (t.p99Scope === 'every-region') {
    // the worst user region is what the target judges
    const worst = worstUserRegion(r.latency.byUserRegion);
    p99 = `p99 ${msText(r.latency.p99Ms)} over all users, at most ${msText(worst?.p99Ms ?? null)} in any user region (${worst?.region}; target ${target} in every user region)`;
  }
  return `${formatNines(r.availability.nines)} nines (target ${formatNines(nines(t.unavailability))}), ${p99}`;
}

export function recommend(
  ctx: Context,
  results: readonly ArchitectureResult[],
  uncertainty?: UncertaintyResult,
): Recommendation {
  const unmetByAll = TARGETS.filter((k) => results.every((r) => r.meetsTargets[k] === false));
  let best: ArchitectureResult | null = null;
  for (const r of results) if (better(r, best)) best = r;
  if (best === null) return { name: null, why: 'no candidates', unmetByAll };
  if (!best.feasible) {
    const none =
      unmetByAll.length > 0
        ? ` No candidate meets the ${unmetByAll.join(', ')} target${unmetByAll.length > 1 ? 's' : ''}.`
        : '';
    return {
      name: null,
      why: `No candidate meets every target.${none} The closest is ${best.name} (${designSummary(best)}, ${usd(best.cost.usdPerMonth)}): ${best.infeasibleReason ?? ''}.`,
      unmetByAll,
    };
  }
  const other = results
    .filter((r) => r.kind !== best.kind && r.feasible)
    .reduce<ArchitectureResult | null>((b, r) => (better(r, b) ? r : b), null);
  const sameKind = results.filter((r) => r.kind === best.kind && r !== best && r.feasible);
  let why = `${best.name} (${designSummary(best)}) meets every target for ${usd(best.cost.usdPerMonth)}: ${figures(ctx, best)}.`;
  if (other) {
    const extra = other.cost.usdPerMonth - best.cost.usdPerMonth;
    const pct = (extra / best.cost.usdPerMonth) * 100;
    why += ` The best ${designKind(other)} design that also meets them, ${other.name} (${designSummary(other)}), costs ${usd(other.cost.usdPerMonth)} (${pct >= 0 ? '+' : ''}${pct.toFixed(0)}%)`;
    const ninesGain = other.availability.nines - best.availability.nines;
    why += ninesGain > 0.05 ? ` for ${ninesGain.toFixed(2)} more nines than needed.` : '.';
  } else {
    const failing = results.filter((r) => r.kind !== best.kind);
    if (failing.length > 0) {
      const closest = failing.reduce<ArchitectureResult | null>((b, r) => (better(r, b) ? r : b), null);
      why += ` No ${failing[0]?.kind} design meets every target (closest: ${closest?.name}: ${closest?.infeasibleReason ?? ''}).`;
    }
  }
  if (best.kind === 'vertical' && best.standby !== 'hot') {
    why +=
      ' One box is the simpler system to run: no balancer, no partitioning, no distributed failure modes; distribution would add cost and moving parts without a target it is needed for.';
  } else if (best.kind === 'vertical') {
    why += ` A primary with a hot standby is simpler to run than a fleet (one writer, no partitioning); its price is the failover${best.regions.length > 1 ? ' across regions' : ''}, which must be exercised to be trusted.`;
  } else if (perTier(best)) {
    why += ` Running ${best.tiers?.length} tiers on ${best.nodes} nodes adds operational work (a deployment, a balancer and a failover path per tier) that the targets require.`;
  } else {
    why += ` Running ${best.nodes} nodes in ${best.regions.length} region${best.regions.length > 1 ? 's' : ''} adds operational work (deployment, partitioning${best.regions.length > 1 ? ', cross-region replication and failover' : ''}) that the targets require.`;
  }
  const ops = best.cost.breakdown.operationsUsdPerMonth;
  if (ops !== undefined) why += ` Its people and tooling (${usd(ops)}, operations) are inside that price.`;
  if (sameKind.length > 0 && ctx.scenario.architectures !== null) {
    const next = sameKind.reduce<ArchitectureResult | null>((b, r) => (better(r, b) ? r : b), null);
    if (next) why += ` Next of the same kind: ${next.name} at ${usd(next.cost.usdPerMonth)}.`;
  }
  if (uncertainty) why += robustness(results, best, uncertainty);
  return { name: best.name, why, unmetByAll };
}
