/**
 * Where spot applies (contract, "Pricing": spot only for stateless horizontal tiers). Spot capacity is reclaimed at
 * two minutes' notice, so only nodes that keep nothing may run on it: a horizontal design (an interruption takes one
 * node of many) whose nodes hold no data (no working set, no writes). In a system of tiers, a tier of role
 * "stateless" keeps the workload's state (compare/tiers/tierScenario.ts), so it is stateless when the workload is;
 * cache and database tiers keep data. Shared by the validation (normalize.ts) and the searches (compare/). Pure.
 */
import type { Tier, Workload } from './types.js';

/** The workload's nodes keep no data: no working set, no writes. */
export function statelessWorkload(w: Pick<Workload, 'workingSetBytes' | 'writeFraction'>): boolean {
  return w.workingSetBytes === 0 && w.writeFraction === 0;
}

/** A horizontal design of this tier (null: the single-tier scenario's nodes) may run on spot. */
export function spotFitsTier(w: Pick<Workload, 'workingSetBytes' | 'writeFraction'>, tier: Tier | null): boolean {
  return statelessWorkload(w) && (tier === null || tier.role === 'stateless');
}

/**
 * A search on spot has something to buy spot for: the single-tier workload is stateless, or some tier is a stateless
 * tier of a stateless workload. Everything else the search finds (vertical designs, stateful tiers) stays on demand.
 */
export function spotApplies(
  w: Pick<Workload, 'workingSetBytes' | 'writeFraction'>,
  tiers: readonly Tier[] | null,
): boolean {
  return tiers === null ? spotFitsTier(w, null) : tiers.some((t) => spotFitsTier(w, t));
}

/**
 * The tiers that follow the daily profile under the scenario's `autoscaling` (and may have their own): a tier of role
 * "stateless" (a tier that keeps data would move its partitions as it scales, which is not modelled). The co-located
 * fleet of every tier follows it only when every tier does. Shared by the validation and compare/tiers.
 */
export function autoscalingFitsTier(tier: Pick<Tier, 'role'>): boolean {
  return tier.role === 'stateless';
}
