/**
 * A tier of a system of tiers seen as a service of its own: the single-tier scenario whose designs the engine already
 * sizes, prices and evaluates (size.ts, evaluateVertical.ts, evaluateHorizontal.ts). Pure.
 *
 * The tier's traffic is the calls that reach it: peakRate x E[calls per request] (tierDemand.ts: c p, p the product of
 * the misses of the caches in front). Its service time, cv and (cache, database) working set are its own; a
 * database tier's writes, copies and consistency are its own; a stateless or cache tier keeps the workload's
 * (sessions or other state the application keeps on its nodes: workload.workingSet, replication, writeFraction,
 * consistency), so a scenario with one stateless tier is the single-tier scenario it replaces.
 *
 * What is the tier's own and what is the system's:
 * - Only the first tier answers the users: inner tiers send no internet egress (responseSize 0) and their calls make
 *   one round trip (roundTrips 1); their network time is the system's (end-to-end latency, endToEnd.ts).
 * - Targets: the tier is sized against the system's availability, utilisation, memory, durability and budget limits,
 *   each necessary for the system (a series is never more available than one of its tiers; the cost is a sum), and
 *   against NO p99 target of its own (`TIER_P99_UNBOUNDED_S`): the p99 is the system's, judged on the sum
 *   (endToEnd.ts); the designs that meet it are found by the search over the tiers' options (tierSearch.ts).
 */

import { autoscalingFitsTier } from '../../scenario/spotRule.js';
import type { Scenario, Tier } from '../../scenario/types.js';
import { tierCalls } from '../tierDemand.js';

/** The p99 target a tier is sized against on its own: none (one hour stands for unbounded; the sum is judged). */
export const TIER_P99_UNBOUNDED_S = 3600;

/**
 * The single-tier scenario of `scenario.tiers[index]` (see the module comment).
 * @example tierScenario(tiered, 2).workload.peakRatePerS // 4000: 10,000/s x 4 calls x (1 - 0.9) behind the cache
 */
export function tierScenario(scenario: Scenario, index: number): Scenario {
  const tiers = scenario.tiers;
  if (tiers === null) throw new RangeError('tierScenario: the scenario has no tiers');
  const tier = tiers[index];
  if (tier === undefined) throw new RangeError(`tierScenario: no tier ${index}`);
  const calls = tierCalls(tiers)[index]?.meanCalls ?? 0;
  const { autoscaling, ...rest } = scenario;
  const w = scenario.workload;
  const front = index === 0;
  return {
    ...rest,
    // the scenario's autoscaling is a stateless tier's (normalize.ts): a tier that keeps data runs its peak fleet
    ...(autoscaling !== undefined && autoscalingFitsTier(tier) ? { autoscaling } : {}),
    name: `${scenario.name} / ${tier.name}`,
    workload: {
      ...w,
      ...tierState(tier, w),
      peakRatePerS: w.peakRatePerS * calls,
      averageRatePerS: w.averageRatePerS === null ? null : w.averageRatePerS * calls,
      serviceTimeS: tier.serviceTimeS,
      serviceTimeCv: tier.serviceTimeCv,
      fanout: 1,
      responseSizeBytes: front ? w.responseSizeBytes : 0,
      roundTrips: front ? w.roundTrips : 1,
    },
    targets: { ...scenario.targets, p99S: TIER_P99_UNBOUNDED_S, p99Scope: 'all-users' },
    // the tier deploys at its own rate; the regions' operations cost is the system's (systemResult.ts: each region
    // once, however many tiers run there)
    operations: {
      ...scenario.operations,
      deploysPerWeek: tier.deploysPerWeek ?? scenario.operations.deploysPerWeek,
      usdPerRegionMonth: 0,
    },
    tiers: null,
    architectures: null,
    uncertain: [],
  };
}

/** The state a tier keeps: a database its own, a cache its working set, a stateless tier the workload's. */
function tierState(
  tier: Tier,
  w: Scenario['workload'],
): Pick<Scenario['workload'], 'workingSetBytes' | 'replication' | 'writeFraction' | 'consistency'> {
  if (tier.role === 'database') {
    return {
      workingSetBytes: tier.workingSetBytes,
      replication: tier.replication,
      writeFraction: tier.writeFraction,
      consistency: tier.consistency,
    };
  }
  if (tier.role === 'cache') {
    // a cache loses nothing a user wrote when a copy is lost (the data is in the tier behind it): no writes
    return {
      workingSetBytes: tier.workingSetBytes,
      replication: w.replication,
      writeFraction: 0,
      consistency: 'eventual',
    };
  }
  return {
    workingSetBytes: w.workingSetBytes,
    replication: w.replication,
    writeFraction: w.writeFraction,
    consistency: w.consistency,
  };
}
