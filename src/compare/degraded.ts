/**
 * A horizontal design in degraded mode: what counts as up (the survivors carry their load at or below the degraded
 * utilisation cap), and whether it survives the loss of any one region or any one zone.
 */

import { copiesPerZone, zoneSizes } from '../core/reliability/placement.js';
import { balancerModel, nodesForUtilization, queueAtLoad } from './capacity.js';
import type { Context } from './context.js';
import { maxDownCopies } from './dataPlacement.js';
import type { HorizontalDesign } from './designKinds.js';
import type { HorizontalLayout } from './layout.js';

/**
 * What availability asks of a horizontal design's regions: a state counts as up when the survivors carry their load
 * at or below the degraded utilisation cap (targets.maxUtilizationDegraded, or the design's all-up utilisation when
 * higher); the p99 target plays no part. needed(r, loadShare): fewest up nodes for that load (null: the design is
 * unstable even with every node up).
 */
export function availabilityNeed(
  ctx: Context,
  d: Pick<HorizontalDesign, 'instance'>,
  allUpUtilization: number,
): { cap: number; needed: (r: number, loadShare: number) => number | null } {
  const w = ctx.scenario.workload;
  const cap = Math.max(ctx.scenario.targets.maxUtilizationDegraded, allUpUtilization);
  const memo = new Map<number, number>();
  const needed = (_r: number, loadShare: number): number | null => {
    if (!(allUpUtilization < 1)) return null;
    let n = memo.get(loadShare);
    if (n === undefined) {
      n = nodesForUtilization(w, ctx.node(d.instance), ctx.designRatePerS * loadShare, cap);
      memo.set(loadShare, n);
    }
    return n;
  };
  return { cap, needed };
}

/** The all-up utilisation of a horizontal design: its busiest region's. */
export function allUpUtilization(ctx: Context, d: HorizontalDesign, layout: HorizontalLayout): number {
  let u = 0;
  d.regions.forEach((_, r) => {
    const share = layout.share[r] as number;
    if (share === 0) return;
    const q = queueAtLoad(
      ctx.scenario.workload,
      ctx.node(d.instance),
      ctx.designRatePerS * share,
      d.nodesByRegion[r] as number,
      balancerModel(d.balancer),
    );
    u = Math.max(u, q.utilization);
  });
  return u;
}

/**
 * Whether a horizontal design survives the loss of any one region / any one zone (contract: every partition still
 * serves reads and writes, the survivors at or below the degraded cap). Cheap (no queue analysis): the search uses it
 * to find the fewest spares that survive a zone loss.
 * @param needed availabilityNeed(...).needed for the design
 * @param K copies of the worst partition that may be down (regions x replication - writeQuorum)
 */
export function lossSurvival(
  ctx: Context,
  d: HorizontalDesign,
  layout: HorizontalLayout,
  needed: (r: number, loadShare: number) => number | null,
  K: number,
): { survivesRegionLoss: boolean | null; survivesZoneLoss: boolean } {
  const w = ctx.scenario.workload;
  const R = d.regions.length;
  const placeable = d.nodesByRegion.every((n) => n >= w.replication);
  // A region lost: its copies are gone (replication of them, all of the worst partition's), its users go to their
  // next region; the survivors must keep every partition's write quorum and carry the load at or below the cap.
  let survivesRegionLoss: boolean | null = null;
  if (R > 1) {
    survivesRegionLoss = placeable && w.replication <= K;
    for (let down = 0; down < R && survivesRegionLoss; down++) {
      const loads = new Array<number>(R).fill(0);
      for (const u of layout.users) {
        const r = u.order.find((x) => x !== down) as number;
        loads[r] = (loads[r] as number) + u.share;
      }
      for (let r = 0; r < R; r++) {
        if (r === down || (loads[r] as number) === 0) continue;
        const need = needed(r, loads[r] as number);
        if (need === null || need > (d.nodesByRegion[r] as number)) survivesRegionLoss = false;
      }
    }
  }

  // A zone lost in any region: the worst partition loses the copies that zone may hold (copiesPerZone), the region
  // keeps its users with that zone's nodes gone. A region of one zone loses everything: that is a region loss.
  let survivesZoneLoss = placeable;
  d.regions.forEach((_, r) => {
    const n = d.nodesByRegion[r] as number;
    const share = layout.share[r] as number;
    const sizes = zoneSizes(n, d.zones).filter((x) => x > 0);
    if (sizes.length <= 1) {
      if (survivesRegionLoss !== true) survivesZoneLoss = false;
      return;
    }
    const c = copiesPerZone(sizes, w.replication) ?? w.replication;
    const largest = Math.max(...sizes);
    if (Math.min(c, largest) > K) survivesZoneLoss = false;
    if (share === 0) return;
    const need = needed(r, share);
    if (need === null || n - largest < need) survivesZoneLoss = false;
  });

  return { survivesRegionLoss, survivesZoneLoss };
}

/** Zone-loss survival of a design before it is evaluated in full (the search's bisection over spares). */
export function survivesZoneLossQuick(ctx: Context, d: HorizontalDesign, layout: HorizontalLayout): boolean {
  const K = maxDownCopies(ctx, d.regions.length);
  const { needed } = availabilityNeed(ctx, d, allUpUtilization(ctx, d, layout));
  return lossSurvival(ctx, d, layout, needed, K).survivesZoneLoss;
}
