/**
 * What to simulate for a tiered candidate with per-tier designs (core/sim/tiers.ts): the users' routes through the
 * tiers as the analytic latency builds them (systemRoutes), one station per tier and serving region met on a route
 * (shared by every route through it), each with its tier's design there: nodes and vCPUs, the balancer as named, a
 * vertical tier's primary and read replicas, the service time the analytic queue uses (after USL derating) and its
 * cv, the strong-write detour of the tier's writes. Pure: a configuration only; src/simWorkers runs it.
 *
 * Where the simulation is more literal than the analytic model (systemLatency.ts):
 * - a strong write's detour is paid by the writes only (the analytic model charges every call its mean);
 * - a vertical tier's reads go to the primary or a read replica at random, in the shares the analytic model gives the
 *   primary (primaryShare); the analytic model gives every call the primary's queue (the busiest box's);
 * - calls of one request meet the same queues a few milliseconds apart (the analytic model takes them independent).
 */

import { defaultServiceDistribution } from '../../core/sim/requests.js';
import type { StationConfig, TierRouteConfig, TierSimConfig } from '../../core/sim/tiers.js';
import { arrivalsAt } from '../simulationPlan.js';
import { tierCalls } from '../tierDemand.js';
import type { TieredContext } from './index.js';
import { callRttS, systemRoutes } from './systemLatency.js';
import { primaryShare, type TierOption, type TierServing } from './tierOption.js';

export interface TierSimPlan {
  config: TierSimConfig;
  /** The user region of each of config.groups. */
  groupUsers: string[];
  /** Whether every station's queue is stable (utilisation below 1); nothing to simulate otherwise. */
  stable: boolean;
  /** Whether some tier pays a strong write's detour (the method says how it is simulated). */
  writeDetours: boolean;
  /** Whether some tier is a primary with read replicas. */
  readReplicas: boolean;
}

/** Probability that a read goes to the primary, so that it carries primaryShare of the tier's calls. */
export function primaryReadShare(writeFraction: number, replicas: number): number {
  if (writeFraction >= 1) return 1;
  return Math.max(0, (primaryShare(writeFraction, replicas) - writeFraction) / (1 - writeFraction));
}

function stationOf(o: TierOption, stop: TierServing, degraded: boolean): StationConfig {
  const c = o.choice;
  const q = degraded ? stop.degraded : stop.queue;
  const cv = q.serviceTimeCv ?? 1;
  const common = {
    tier: o.tier,
    region: stop.region,
    serversPerNode: c.instance.vcpu,
    service: { distribution: defaultServiceDistribution(cv), meanS: q.serviceTimeS, cv },
    writeFraction: stop.writeFraction,
    writeExtraS: stop.writeExtraS,
  };
  if (c.kind === 'vertical') {
    return {
      ...common,
      nodes: 1 + c.readReplicas,
      balancer: 'random',
      primaryReadShare: c.readReplicas > 0 ? primaryReadShare(stop.writeFraction, c.readReplicas) : null,
    };
  }
  const r = c.regions.indexOf(stop.region);
  const n = c.nodesByRegion[r] as number;
  return {
    ...common,
    nodes: degraded ? Math.max(1, n - c.spares) : n,
    balancer: c.balancer,
    primaryReadShare: null,
  };
}

/**
 * The simulation of a system whose tier i is built as `options[i]` (all nodes up, or with `degraded` each horizontal
 * tier's spares down in every region, as the analytic latency.p99DegradedMs assumes).
 */
export function tierSimPlan(t: TieredContext, options: readonly TierOption[], degraded = false): TierSimPlan {
  const ctx = t.ctx;
  const { users, routes } = systemRoutes(
    ctx,
    options.map((o) => ({ serving: o.serving })),
    t.rtt,
  );
  const stations: StationConfig[] = [];
  const byKey = new Map<string, number>();
  let stable = true;
  const routeConfigs: TierRouteConfig[] = routes.map((route) => {
    const ids: number[] = [];
    const perCallS: number[] = [];
    route.stops.forEach((stop, i) => {
      const key = `${i}@${stop.region}`;
      let id = byKey.get(key);
      if (id === undefined) {
        id = stations.length;
        stations.push(stationOf(options[i] as TierOption, stop, degraded));
        byKey.set(key, id);
        const q = degraded ? stop.degraded : stop.queue;
        if (!((q.arrivalRatePerS * q.serviceTimeS) / q.servers < 1)) stable = false;
      }
      ids.push(id);
      // the round trip from the tier before (the write detour is the station's, paid by writes only)
      perCallS.push(i === 0 ? 0 : callRttS(ctx, t.rtt, route.stops[i - 1] as TierServing, stop));
    });
    return { stations: ids, perCallS };
  });
  const calls = tierCalls(t.tiers);
  return {
    config: {
      tiers: t.tiers.map((tier, i) => ({
        callsPerRequest: tier.callsPerRequest,
        reachProbability: calls[i]?.reachProbability ?? 1,
      })),
      stations,
      routes: routeConfigs,
      groups: users.map((u) => ({ share: u.share, networkS: u.networkS, route: u.route })),
      arrivals: arrivalsAt(ctx.scenario.simulation?.bursts ?? null, ctx.designRatePerS),
    },
    groupUsers: users.map((u) => u.region),
    stable,
    writeDetours: stations.some((s) => s.writeFraction > 0 && s.writeExtraS > 0),
    readReplicas: stations.some((s) => s.primaryReadShare !== null),
  };
}
