/**
 * A design's result whose latency is computed when first read. Everything else of the result (cost, availability,
 * utilisation, memory, durability, the targets those decide) is known without the latency; the latency, the p99
 * target it decides, and what depends on every target (feasible, shortfall, the reasons) are computed together, once,
 * on the first read of any of them, and are then the figures of the eager result (settle: the same computation).
 * A system of tiers composes its tiers' results without reading their own latency (the system's latency is the
 * distribution of the sum of every call, tiers/systemLatency.ts), so its searches and samples never compute it. Pure.
 */

import type { Context } from './context.js';
import { meetsP99 } from './p99Scope.js';
import type { ArchitectureResult, LatencyResult, MeetsTargets } from './result.js';
import { finish } from './targets.js';

/** What a result's latency decides: the latency itself, the p99 target, feasible, shortfall and the reasons. */
type Decided = 'latency' | 'meetsTargets' | 'feasible' | 'shortfall' | 'infeasibleReason';

/** A result before its latency: the figures that do not depend on it, and the latency to compute. */
export interface DeferredResult {
  /** Every other field, in the result's order (dataLoss and notes last, as the result has them after meetsTargets). */
  partial: Omit<ArchitectureResult, Decided>;
  /** The targets met apart from the p99. */
  meets: Omit<MeetsTargets, 'p99'>;
  /** Computes the latency (pure; called at most once by settle or settleLazily). */
  latency: () => LatencyResult;
  /**
   * Whether the overall p99 the latency would have is above xS (1 + 1e-9), seconds, without computing it
   * (designLatency.ts p99Above; false: it may not be). Given by a search's screens only.
   */
  p99Above?: (xS: number) => boolean;
}

/** The targets met: `meets` with the p99 judged on `latency`, in targets.ts's meets() order. */
function meetsWith(ctx: Context, meets: Omit<MeetsTargets, 'p99'>, latency: LatencyResult): MeetsTargets {
  return {
    durability: meets.durability,
    p99: meetsP99(ctx.scenario.targets, latency),
    availability: meets.availability,
    budget: meets.budget,
    utilization: meets.utilization,
    memory: meets.memory,
  };
}

/** The result with its latency computed now (the eager result: finish() over every field, in the result's order). */
export function settle(ctx: Context, d: DeferredResult): ArchitectureResult {
  const latency = d.latency();
  const { dataLoss, notes, ...head } = d.partial;
  // the fields added to the one copy, in the order finish() would have them (a search settles thousands of results)
  const r = head as Omit<ArchitectureResult, 'feasible' | 'infeasibleReason' | 'shortfall'>;
  r.latency = latency;
  r.meetsTargets = meetsWith(ctx, d.meets, latency);
  r.dataLoss = dataLoss;
  r.notes = notes;
  return finish(ctx, r);
}

/**
 * The result with the latency and what it decides computed on first read (settle's figures); every other field
 * plain. For results that are read field by field, never spread or serialised whole (that reads every getter: the
 * same figures, only not deferred).
 */
export function settleLazily(ctx: Context, d: DeferredResult): ArchitectureResult {
  let full: ArchitectureResult | undefined;
  const settled = () => {
    full ??= settle(ctx, d);
    return full;
  };
  const m = d.meets;
  const meetsTargets: MeetsTargets = {
    durability: m.durability,
    get p99() {
      return settled().meetsTargets.p99;
    },
    availability: m.availability,
    budget: m.budget,
    utilization: m.utilization,
    memory: m.memory,
  };
  const { dataLoss, notes, ...head } = d.partial;
  return {
    ...head,
    get latency() {
      return settled().latency;
    },
    meetsTargets,
    dataLoss,
    notes,
    get feasible() {
      return settled().feasible;
    },
    get shortfall() {
      return settled().shortfall;
    },
    get infeasibleReason() {
      return settled().infeasibleReason;
    },
  };
}
