/** What a node must hold of the working set. */

import type { Context } from './context.js';

const GIB = 2 ** 30;

/** Memory a node needs for `share` of the working set, plus the headroom, GiB. */
export function memoryNeededGiB(ctx: Context, share: number): number {
  const w = ctx.scenario.workload;
  return ((w.workingSetBytes * share) / GIB) * (1 + w.memoryHeadroom);
}
