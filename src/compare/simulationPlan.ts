/**
 * What to simulate for a compared candidate: its design rebuilt from the result, and one request-level simulation
 * per serving region (the region's nodes, balancer, service, and its users' network paths), with the share of the
 * requests it serves. Pure: configurations only; src/simWorkers runs them.
 *
 * The simulation drops the analytic model's simplifications where it can: balancers are simulated as named (not as
 * the analytic pooled or per-node model), fan-out sub-requests arrive together at the chosen nodes, and service times
 * follow a named distribution (gamma for cv other than 0 and 1, as the analytic M/G/c percentiles assume).
 */

import type { Catalog } from '../catalog/index.js';
import {
  type AvailabilitySimConfig,
  fleetSimConfig,
  type SimOptions,
  verticalSimConfig,
} from '../core/sim/failures/index.js';
import {
  type ArrivalProcess,
  burstyArrivals,
  defaultServiceDistribution,
  type RequestSimConfig,
} from '../core/sim/requests.js';
import type { Bursts, Tier, Workload } from '../scenario/types.js';
import { effectiveServiceTimeS, queueAtLoad } from './capacity.js';
import type { Context } from './context.js';
import { placementOf } from './dataPlacement.js';
import { allUpUtilization, availabilityNeed } from './degraded.js';
import { horizontalChange, simChanges, verticalChange } from './designChanges.js';
import { type Design, verticalRegions } from './designKinds.js';
import { verticalPaths } from './evaluateVertical.js';
import { globalSwitchFor } from './globalSwitch.js';
import { horizontalLayout } from './layout.js';
import type { NodeCapacity } from './perVcpu.js';
import type { ArchitectureResult } from './result.js';
import { fleetReliability } from './spot.js';
import { tierCalls } from './tierDemand.js';

/** The design a result describes (every field of a Design is in the result). */
export function designOf(catalog: Catalog, r: ArchitectureResult): Design {
  const instance = catalog.instance(r.instance.name);
  if (!instance) throw new RangeError(`unknown instance ${r.instance.name}`);
  if (r.kind === 'vertical') {
    return {
      kind: 'vertical',
      name: r.name,
      origin: r.origin,
      instance,
      region: r.regions[0] as string,
      standby: r.standby ?? 'none',
      standbyRegion: r.regions[1] ?? null,
      ...(r.deploy === undefined ? {} : { deploy: r.deploy }),
    };
  }
  return {
    kind: 'horizontal',
    name: r.name,
    origin: r.origin,
    instance,
    regions: [...r.regions],
    nodesByRegion: r.nodesNeededByRegion.map((x) => x.nodes),
    spares: r.spares,
    zones: r.zones,
    balancer: (r.balancer ?? 'least-loaded') as 'least-loaded',
    ...(r.deploy === undefined ? {} : { deploy: r.deploy }),
  };
}

export interface RegionSim {
  region: string;
  /** Share of all requests this region serves (normal operation). */
  share: number;
  /** Busiest node's utilisation (sets the warm-up). */
  utilization: number;
  /** The user region of each of config.groups (the simulation records each group's response times). */
  groupUsers: string[];
  config: RequestSimConfig;
}

/**
 * The service time of one request on a node (its vCPUs, and their speed against the family the service time was
 * measured on: perVcpu.ts): the workload's distribution, or with `sumOf` (tiers
 * co-located on the node; the workload is their coLocatedScenario's) the random sum of the tiers' calls: each tier's
 * callsPerRequest calls, each made with its reach probability (tierDemand.ts), each a draw of the tier's own service
 * time (mean and cv), all scaled by the node's per-vCPU speed and derated by its USL factor as the workload's mean is. Its mean and cv are the
 * workload's; the analytic model takes one gamma service of that mean and cv instead.
 */
function serviceOf(w: Workload, node: NodeCapacity, sumOf?: readonly Tier[]): RequestSimConfig['service'] {
  const meanS = effectiveServiceTimeS(w, node);
  if (sumOf !== undefined && sumOf.length > 0) {
    const factor = meanS / (w.serviceTimeS as number);
    const calls = tierCalls(sumOf);
    return {
      distribution: 'sum',
      meanS,
      cv: w.serviceTimeCv,
      parts: sumOf.map((t, i) => ({
        meanS: t.serviceTimeS * factor,
        cv: t.serviceTimeCv,
        calls: t.callsPerRequest,
        reachProbability: calls[i]?.reachProbability ?? 1,
      })),
    };
  }
  return { distribution: defaultServiceDistribution(w.serviceTimeCv), meanS, cv: w.serviceTimeCv };
}

/** The arrival process at `ratePerS` (long-run mean): Poisson, or with the scenario's `simulation.bursts` an MMPP. */
export function arrivalsAt(b: Bursts | null, ratePerS: number): ArrivalProcess {
  return b === null ? { kind: 'poisson', ratePerS } : burstyArrivals(ratePerS, b);
}

/**
 * One request-level simulation per serving region of the design; [] when a queue is unstable (nothing to simulate).
 * `nodesDown`: a horizontal design with that many nodes down in every region (at least one left), as the analytic
 * "p99, spares down" assumes. `sumOf`: the tiers co-located on the design's nodes (ctx is their coLocatedScenario's),
 * whose requests' service is the random sum of their calls (serviceOf).
 */
export function requestSims(ctx: Context, d: Design, nodesDown = 0, sumOf?: readonly Tier[]): RegionSim[] {
  const bursts = ctx.scenario.simulation?.bursts ?? null;
  const w = ctx.scenario.workload;
  const rate = ctx.designRatePerS;
  const users = (paths: readonly { region: string }[]) => paths.map((p) => p.region);
  const strip = (p: { share: number; networkS: number; writeExtraS: number; writeFraction: number }) => ({
    share: p.share,
    networkS: p.networkS,
    writeExtraS: p.writeExtraS,
    writeFraction: p.writeFraction,
  });
  if (d.kind === 'vertical') {
    const q = queueAtLoad(w, ctx.node(d.instance), rate, 1, 'pooled');
    if (!q.stable) return [];
    const paths = verticalPaths(ctx, d);
    return [
      {
        region: d.region,
        share: 1,
        utilization: q.utilization,
        groupUsers: users(paths),
        config: {
          nodes: 1,
          serversPerNode: d.instance.vcpu,
          service: serviceOf(w, ctx.node(d.instance), sumOf),
          arrivals: arrivalsAt(bursts, rate),
          balancer: 'random',
          fanout: w.fanout,
          groups: paths.map(strip),
          perGroup: true,
        },
      },
    ];
  }
  const layout = horizontalLayout(ctx, d.regions, d.zones);
  const sims: RegionSim[] = [];
  for (let r = 0; r < d.regions.length; r++) {
    const share = layout.share[r] as number;
    if (share === 0) continue;
    const nodes = Math.max(1, (d.nodesByRegion[r] as number) - nodesDown);
    const q = queueAtLoad(w, ctx.node(d.instance), rate * share, nodes, 'split-poisson');
    if (!q.stable) return [];
    sims.push({
      region: d.regions[r] as string,
      share,
      utilization: q.utilization,
      groupUsers: users(layout.paths[r] ?? []),
      config: {
        nodes,
        serversPerNode: d.instance.vcpu,
        service: serviceOf(w, ctx.node(d.instance), sumOf),
        arrivals: arrivalsAt(bursts, rate * share),
        balancer: d.balancer,
        fanout: w.fanout,
        groups: (layout.paths[r] ?? []).map(strip),
        perGroup: true,
      },
    });
  }
  return sims;
}

/**
 * The failure/repair simulation of a design, with the same routing, capacity rule and node failure rates (spot
 * interruptions included on spot: `ctx.pricing`) as the exact model.
 */
export function availabilitySim(ctx: Context, d: Design): AvailabilitySimConfig {
  // a fleet on spot fails by interruptions too (spot.ts), as its analytic figure counts them
  const rel =
    d.kind === 'horizontal' ? fleetReliability(ctx, d.instance, d.regions).reliability : ctx.scenario.reliability;
  const lb = ctx.catalog.reliability.loadBalancer;
  const sim = ctx.scenario.simulation;
  const options: SimOptions = {};
  if (sim?.weibullShape != null) options.lifetime = { kind: 'weibull', shape: sim.weibullShape };
  if (sim?.repairCrews != null) options.crews = sim.repairCrews;
  if (d.kind === 'vertical') {
    const balancer = d.standby === 'hot' && d.standbyRegion === null ? lb.multiAz : null;
    const sw = globalSwitchFor(ctx, verticalRegions(d));
    const changes = simChanges(ctx, verticalChange(ctx, d, sw));
    return verticalSimConfig(
      rel,
      d.standby,
      d.standbyRegion !== null,
      balancer,
      ctx.scenario.workload.workingSetBytes,
      sw,
      changes === undefined ? options : { ...options, changes },
    );
  }
  const layout = horizontalLayout(ctx, d.regions, d.zones);
  const placement = placementOf(ctx, d);
  const { needed } = availabilityNeed(ctx, d, allUpUtilization(ctx, d, layout));
  const changes = simChanges(ctx, horizontalChange(ctx, d, layout, needed, placement.maxDownCopies));
  return fleetSimConfig(
    rel,
    d.regions.map((id, r) => ({ id, nodes: d.nodesByRegion[r] as number, zones: d.zones })),
    layout.users,
    needed,
    d.zones > 1 ? lb.multiAz : lb.singleAz,
    { replication: placement.replication, writeQuorum: placement.writeQuorum },
    globalSwitchFor(ctx, d.regions),
    changes === undefined ? options : { ...options, changes },
  );
}
