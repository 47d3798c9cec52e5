/**
 * The two kinds of design the engine evaluates, fully specified (instance type, node counts, regions): a vertical
 * design (one box, perhaps with a standby) and a horizontal one (nodes in one or more regions behind balancers).
 * Which designs a comparison or a sweep holds (searched, frozen, the scenario's candidates) is designs.ts.
 */

import type { Instance } from '../catalog/index.js';
import type { AutoscalingSpec, BalancerPolicy, DeployMode, Standby } from '../scenario/types.js';
import type { NodePrice } from './nodePrice.js';
import type { NodeCapacity } from './perVcpu.js';
import type { ArchitectureResult } from './result.js';

export interface VerticalDesign {
  kind: 'vertical';
  name: string;
  origin: 'explicit' | 'searched';
  instance: Instance;
  region: string;
  standby: Standby;
  standbyRegion: string | null;
  /** How a new version reaches it (`deploy`); absent: restart. */
  deploy?: DeployMode;
}

export interface HorizontalDesign {
  kind: 'horizontal';
  name: string;
  origin: 'explicit' | 'searched';
  instance: Instance;
  regions: string[];
  /** Nodes in each region, same order as regions. */
  nodesByRegion: number[];
  spares: number;
  zones: number;
  balancer: BalancerPolicy;
  /** How a new version reaches it (`deploy`); absent: rolling. */
  deploy?: DeployMode;
  /** The nodes follow workload.dailyProfile hour by hour (autoscale.ts); absent: the peak fleet all day. */
  autoscaling?: AutoscalingSpec;
}

export type Design = VerticalDesign | HorizontalDesign;

/** The regions a vertical design serves from: its own, and its standby's when that is in another region. */
export function verticalRegions(d: Pick<VerticalDesign, 'region' | 'standby' | 'standbyRegion'>): string[] {
  return d.standby !== 'none' && d.standbyRegion !== null ? [d.region, d.standbyRegion] : [d.region];
}

/**
 * A design's instance type as its result names it, with its price in the design's first region and its vCPUs' speed
 * against the family the service time was measured on (perVcpu.ts).
 */
export function instanceSummary(price: NodePrice, inst: Instance, node: NodeCapacity): ArchitectureResult['instance'] {
  return {
    name: inst.name,
    vcpu: inst.vcpu,
    memGiB: inst.memGiB,
    usdPerHour: price.usdPerHour,
    source: price.source,
    perVcpuSpeedup: node.speedup,
  };
}
