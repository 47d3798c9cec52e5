/** What a node must hold of the working set, and the fewest nodes a region of a horizontal design holds its data on. */

import type { Instance } from '../catalog/index.js';
import type { Context } from './context.js';

const GIB = 2 ** 30;

/** Memory a node needs for `share` of the working set, plus the headroom, GiB. */
export function memoryNeededGiB(ctx: Context, share: number): number {
  const w = ctx.scenario.workload;
  return ((w.workingSetBytes * share) / GIB) * (1 + w.memoryHeadroom);
}

/**
 * The fewest nodes a region of a horizontal design of `instance` has whatever its load: the copies of a partition
 * (placement: distinct nodes), and the nodes that hold the working set (with its copies, when one node cannot).
 */
export function leastRegionNodes(ctx: Context, instance: Pick<Instance, 'memGiB'>): number {
  const w = ctx.scenario.workload;
  const wsGiB = memoryNeededGiB(ctx, 1);
  const memNodes = wsGiB <= instance.memGiB ? 1 : Math.ceil((wsGiB * w.replication) / instance.memGiB - 1e-9);
  return Math.max(memNodes, w.replication);
}
