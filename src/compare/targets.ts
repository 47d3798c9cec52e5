/**
 * A design's figures against the scenario's targets: which it meets, which it misses and why (most binding first),
 * and how far it is from meeting them all (the shortfall the search ranks its closest miss by).
 */

import { type Availability, nines } from '../core/reliability/index.js';
import {
  formatBytes,
  formatDuration,
  formatLatencyMs,
  formatNines,
  formatPercent,
  formatUsd,
} from '../units/format.js';
import type { Context } from './context.js';
import { meetsP99, p99MissText } from './p99Scope.js';
import type { ArchitectureResult, DataLossResult, LatencyResult, MeetsTargets } from './result.js';

const ms = (s: number) => s * 1000;

export function meets(
  ctx: Context,
  latency: LatencyResult,
  a: Availability,
  usdPerMonth: number,
  utilization: number,
  memOk: boolean,
  dataLoss: DataLossResult,
): MeetsTargets {
  const m = meetsBesideP99(ctx, a, usdPerMonth, utilization, memOk, dataLoss);
  return {
    durability: m.durability,
    p99: meetsP99(ctx.scenario.targets, latency),
    availability: m.availability,
    budget: m.budget,
    utilization: m.utilization,
    memory: m.memory,
  };
}

/** The targets met apart from the p99 (meets() without the latency). */
export function meetsBesideP99(
  ctx: Context,
  a: Availability,
  usdPerMonth: number,
  utilization: number,
  memOk: boolean,
  dataLoss: DataLossResult,
): Omit<MeetsTargets, 'p99'> {
  const t = ctx.scenario.targets;
  return {
    durability: t.maxDataLossS === null ? null : dataLoss.windowS <= t.maxDataLossS,
    availability: a.unavailability <= t.unavailability,
    budget: t.budgetUsdPerMonth === null ? null : usdPerMonth <= t.budgetUsdPerMonth,
    utilization: utilization <= t.maxUtilization,
    memory: memOk,
  };
}

/** A target a design misses, and why (the text starts with the limit's name). */
export interface MissedTarget {
  /** 'distance': the p99 is missed because the network time alone exceeds the target (no capacity helps). */
  limit: 'memory' | 'CPU' | 'p99' | 'distance' | 'availability' | 'durability' | 'budget';
  text: string;
}

/** The fields of a result that its targets are judged on (missedTargets, and a tier's capacity view). */
export type JudgedFields = Pick<
  ArchitectureResult,
  | 'meetsTargets'
  | 'dataLoss'
  | 'utilization'
  | 'memoryNeededGiB'
  | 'instance'
  | 'latency'
  | 'availability'
  | 'cost'
  | 'regions'
>;

/** The targets missed, most binding first. */
export function missedTargets(ctx: Context, r: JudgedFields): MissedTarget[] {
  const t = ctx.scenario.targets;
  const out: MissedTarget[] = [];
  const add = (limit: MissedTarget['limit'], text: string) => out.push({ limit, text: `${limit}: ${text}` });
  const m = r.meetsTargets;
  if (!m.memory) {
    add(
      'memory',
      `needs ${formatBytes(r.memoryNeededGiB * 2 ** 30, 4)} per node, ${r.instance.name} has ${formatBytes(r.instance.memGiB * 2 ** 30)}`,
    );
  }
  if (!(r.utilization < 1)) add('CPU', `utilisation ${formatPercent(r.utilization)} >= 100% (unstable queue)`);
  else if (!m.utilization) {
    add('CPU', `utilisation ${formatPercent(r.utilization)} above the ${formatPercent(t.maxUtilization)} target`);
  }
  if (!m.p99 && r.utilization < 1) {
    if (r.latency.networkP99Ms > ms(t.p99S)) {
      add(
        'distance',
        `${p99MissText(t, r.latency)}; the network round trips alone give a p99 of ${formatLatencyMs(r.latency.networkP99Ms)}: the users are too far from ${r.regions.length === 1 ? r.regions[0] : 'its regions'} (distance, not capacity)`,
      );
    } else add('p99', p99MissText(t, r.latency));
  }
  if (!m.availability) {
    add(
      'availability',
      `${formatNines(r.availability.nines)} nines below the ${formatNines(nines(t.unavailability))} target`,
    );
  }
  if (m.durability === false) {
    add(
      'durability',
      `up to ${formatDuration(r.dataLoss.windowS)} of acknowledged writes can be lost (${r.dataLoss.method}), target ${formatDuration(t.maxDataLossS ?? 0)}`,
    );
  }
  if (m.budget === false) {
    add('budget', `${formatUsd(r.cost.usdPerMonth)} a month above the ${formatUsd(t.budgetUsdPerMonth ?? 0)} budget`);
  }
  return out;
}

/** Stand-in for an unbounded relative excess (an unstable queue's p99): JSON has no Infinity. */
export const UNBOUNDED_SHORTFALL = 1e6;

/**
 * The availability's term of the shortfall: the nines missed as a fraction of the target's nines (0 when met).
 * @example a design at 2.90 nines against a 4.00 target: (4.00 - 2.90) / 4.00 = 0.275
 */
export function ninesShortfall(ctx: Context, achievedNines: number): number {
  const target = nines(ctx.scenario.targets.unavailability);
  return Math.max(0, (target - achievedNines) / target);
}

/**
 * How far a design is from meeting every target: the sum, over the targets it misses, of each miss measured relative
 * to its own target (missed nines as a fraction of the target's nines, p99 excess as a fraction of the target, cost
 * excess as a fraction of the budget, utilisation and memory excess as fractions of their limits, data loss beyond the
 * target as a multiple of the target or of 1 s when the target is 0). 0 when every target is met. The search's
 * "closest" design is the one with the smallest shortfall, not the cheapest.
 * @example a design at 2.90 nines against a 4.00 target, everything else met: (4.00 - 2.90) / 4.00 = 0.275
 */
export function shortfallOf(
  ctx: Context,
  r: Pick<
    ArchitectureResult,
    'meetsTargets' | 'availability' | 'cost' | 'utilization' | 'memoryNeededGiB' | 'instance' | 'dataLoss'
  > & { latency: Pick<LatencyResult, 'p99Ms'> },
): number {
  const t = ctx.scenario.targets;
  const m = r.meetsTargets;
  let s = 0;
  if (!m.availability) s += ninesShortfall(ctx, r.availability.nines);
  if (!m.p99) {
    const p99S = r.latency.p99Ms === null ? null : r.latency.p99Ms / 1000;
    s += p99S === null ? UNBOUNDED_SHORTFALL : Math.max(0, (p99S - t.p99S) / t.p99S);
  }
  if (m.budget === false && t.budgetUsdPerMonth !== null) {
    s += (r.cost.usdPerMonth - t.budgetUsdPerMonth) / t.budgetUsdPerMonth;
  }
  if (!m.utilization) {
    s += r.utilization >= 1 ? UNBOUNDED_SHORTFALL : (r.utilization - t.maxUtilization) / t.maxUtilization;
  }
  if (!m.memory) s += (r.memoryNeededGiB - r.instance.memGiB) / r.instance.memGiB;
  if (m.durability === false && t.maxDataLossS !== null) {
    s += (r.dataLoss.windowS - t.maxDataLossS) / Math.max(t.maxDataLossS, 1);
  }
  return Math.min(UNBOUNDED_SHORTFALL, s);
}

/**
 * A design's result with what its figures meet: feasible, the shortfall, and the reasons when it misses a target,
 * added to `partial` (after its fields, in that order) rather than copied with it: the caller passes an object it has
 * just made (a search settles thousands of results).
 */
export function finish(
  ctx: Context,
  partial: Omit<ArchitectureResult, 'feasible' | 'infeasibleReason' | 'shortfall'>,
): ArchitectureResult {
  const reasons = missedTargets(ctx, partial).map((x) => x.text);
  const feasible = reasons.length === 0;
  const shortfall = feasible ? 0 : shortfallOf(ctx, partial);
  const r = partial as ArchitectureResult;
  r.feasible = feasible;
  r.shortfall = shortfall;
  if (!feasible) r.infeasibleReason = reasons.join('; ');
  return r;
}
