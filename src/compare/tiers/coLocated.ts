/**
 * Every tier on the same nodes (a candidate without per-tier designs; the startup's one server): the tiers' CPU
 * demands add up on the same vCPUs, so the nodes serve one queue whose job is a whole request, D = the sum of the
 * service times of the calls that reach each tier (tierDemand.ts: its mean, and its cv from the moments of a random
 * sum), and the memory holds every tier's working set. Calls between tiers stay on the node (loopback: no network).
 * The single-tier engine evaluates that scenario (the M/G/c approximation named in `method` when D is not
 * exponential); each tier's part is its share of the CPU demand. Pure.
 */

import { autoscalingFitsTier } from '../../scenario/spotRule.js';
import type { Scenario, Tier } from '../../scenario/types.js';
import type { ArchitectureResult, TierResult } from '../result.js';
import { lossVerdict } from '../survival.js';
import { coLocatedDemand, tierCalls } from '../tierDemand.js';

/**
 * The single-tier scenario of every tier co-located: service time and cv of the whole request's demand; working set
 * the workload's plus every cache's and database's; writes, copies and consistency the databases' (the most writes,
 * the most copies, strong if any is).
 */
export function coLocatedScenario(scenario: Scenario): Scenario {
  const tiers = scenario.tiers;
  if (tiers === null) throw new RangeError('coLocatedScenario: the scenario has no tiers');
  const d = coLocatedDemand(tiers);
  const w = scenario.workload;
  const dbs = tiers.flatMap((t) => (t.role === 'database' ? [t] : []));
  const { autoscaling, ...rest } = scenario;
  return {
    ...rest,
    // the shared nodes follow the scenario's autoscaling only when no tier keeps data (normalize.ts)
    ...(autoscaling !== undefined && tiers.every(autoscalingFitsTier) ? { autoscaling } : {}),
    workload: {
      ...w,
      serviceTimeS: d.meanS,
      serviceTimeCv: d.cv,
      workingSetBytes:
        w.workingSetBytes + tiers.reduce((s, t) => s + (t.role === 'stateless' ? 0 : t.workingSetBytes), 0),
      ...(dbs.length > 0
        ? {
            writeFraction: Math.max(w.writeFraction, ...dbs.map((t) => t.writeFraction)),
            replication: Math.max(...dbs.map((t) => t.replication)),
            consistency: dbs.some((t) => t.consistency === 'strong') ? 'strong' : w.consistency,
          }
        : {}),
    },
    // the shared nodes restart for a deploy of any tier: as often as the most often deployed (ASSUMPTION: the
    // tiers' deploys coincide where they can, one version of the whole service at a time)
    operations: {
      ...scenario.operations,
      deploysPerWeek: Math.max(...tiers.map((t) => t.deploysPerWeek ?? scenario.operations.deploysPerWeek)),
    },
    tiers: null,
  };
}

/** Each tier's share of a request's CPU demand (co-located tiers split the shared nodes' figures by it). */
export function demandShares(tiers: readonly Tier[]): number[] {
  const calls = tierCalls(tiers);
  const parts = tiers.map((t, i) => (calls[i]?.meanCalls ?? 0) * t.serviceTimeS);
  const total = parts.reduce((s, x) => s + x, 0);
  return parts.map((x) => (total > 0 ? x / total : 0));
}

/** A co-located candidate's result with its tiers: every tier on the same nodes, its part by CPU demand. */
export function withCoLocatedTiers(tiers: readonly Tier[], r: ArchitectureResult): ArchitectureResult {
  const shares = demandShares(tiers);
  const calls = tierCalls(tiers);
  const list = tiers.map(
    (t, i): TierResult => ({
      name: t.name,
      role: t.role,
      kind: 'co-located',
      instance: r.instance,
      nodes: r.nodes,
      regions: r.regions,
      zones: r.zones,
      standby: r.standby,
      readReplicas: 0,
      nodesByRegion: r.nodesNeededByRegion.map((x) => ({ region: x.region, nodes: x.nodes })),
      spares: r.spares,
      balancer: r.balancer,
      callsPerRequest: calls[i]?.meanCalls ?? 0,
      utilization: r.utilization * (shares[i] as number),
      memoryNeededGiB: r.memoryNeededGiB,
      latency: { meanMs: null, p99Ms: null, shareOfMean: shares[i] as number },
      availability: {
        value: r.availability.value,
        unavailability: r.availability.unavailability,
        // the tiers go down together: no tier's downtime is its own
        downtimeShare: 0,
      },
      cost: { usdPerMonth: r.cost.usdPerMonth * (shares[i] as number), share: shares[i] as number },
      zoneLoss: lossVerdict(r, 'zone') ?? 'reads',
      regionLoss: lossVerdict(r, 'region'),
      notes: [],
    }),
  );
  return {
    ...r,
    latency: { ...r.latency, interTierMs: 0 },
    notes: [
      ...r.notes,
      `co-located: every tier (${tiers.map((t) => t.name).join(', ')}) runs on the same nodes; a request's CPU demand is the sum of its calls' service times (one queue), calls between tiers stay on the node (no network), the memory holds every working set; each tier's part of the CPU, cost and mean time is its share of the demand; APPROXIMATE: the demand, a random sum of the tiers' calls, enters the M/G/c formulas as a gamma of its mean and cv (measured against the simulated walk, which draws the sum itself: the p99 5% optimistic for social-startup-growth's co-located fleet, 199 ms against 210 ms)`,
    ],
    tiers: list,
  };
}
