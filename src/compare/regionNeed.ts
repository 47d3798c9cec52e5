/** Sizing a region of a horizontal design for its users' p99: the fewest up nodes that carry its load (memoised). */

import type { Instance } from '../catalog/index.js';
import type { BalancerPolicy } from '../scenario/types.js';
import {
  balancerModel,
  type GroupPath,
  networkAloneMissesJudged,
  nodesForUtilization,
  nodesNeeded,
} from './capacity.js';
import type { Context } from './context.js';
import type { HorizontalLayout } from './layout.js';

const needCache = new WeakMap<Context, Map<string, Map<string, ReturnType<typeof nodesNeeded>>>>();
/** The key of a region's paths, built once per paths array (a layout's region: many instance types ask for it). */
const pathsKeys = new WeakMap<readonly GroupPath[], string>();

function pathsKeyOf(paths: readonly GroupPath[]): string {
  let key = pathsKeys.get(paths);
  if (key === undefined) {
    key = paths.map((p) => `${p.share},${p.networkS},${p.writeExtraS}`).join(';');
    pathsKeys.set(paths, key);
  }
  return key;
}

/** The memo's key for every paths on which the network alone misses the p99 target (networkAloneMisses). */
const QUEUE_ONLY = '#queue-only';

/** Fewest up nodes region r needs to carry loadShare of the design rate within the p99 target: sizing only (memoised). */
export function regionNeed(
  ctx: Context,
  d: { instance: Instance; balancer: BalancerPolicy },
  layout: HorizontalLayout,
  r: number,
  loadShare: number,
) {
  let cache = needCache.get(ctx);
  if (cache === undefined) {
    cache = new Map();
    needCache.set(ctx, cache);
  }
  const paths = layout.paths[r] ?? [];
  // where the network alone misses the p99 target, nodesNeeded sizes on the queue alone: the same for every paths
  const t = ctx.scenario.targets;
  const queueOnly = networkAloneMissesJudged(paths, t.p99Scope, t.p99S);
  const outer = queueOnly ? QUEUE_ONLY : pathsKeyOf(paths);
  let byPaths = cache.get(outer);
  if (byPaths === undefined) {
    byPaths = new Map();
    cache.set(outer, byPaths);
  }
  // nodesNeeded reads the instance only through its vCPUs and their speed (ctx.node): types alike share an answer
  const node = ctx.node(d.instance);
  const key = `${node.vcpu},${node.speedup}|${balancerModel(d.balancer)}|${loadShare.toPrecision(12)}`;
  const hit = byPaths.get(key);
  if (hit !== undefined) return hit;
  const result = computeRegionNeed(ctx, d, layout, r, loadShare);
  byPaths.set(key, result);
  return result;
}

function computeRegionNeed(
  ctx: Context,
  d: { instance: Instance; balancer: BalancerPolicy },
  layout: HorizontalLayout,
  r: number,
  loadShare: number,
) {
  const w = ctx.scenario.workload;
  return nodesNeeded(
    w,
    ctx.node(d.instance),
    ctx.designRatePerS * loadShare,
    balancerModel(d.balancer),
    layout.paths[r] ?? [],
    ctx.scenario.targets.p99S,
    ctx.scenario.targets.p99Scope,
  );
}

/**
 * Nodes a region of a horizontal design needs up for `loadShare` of the design rate, before spares: the fewest that
 * meet the p99 target (regionNeed; when the network alone misses it, its fallback criterion) and the utilisation
 * target, 1 for a region without load (its users went elsewhere, or the hour has none). The peak sizing (size.ts,
 * regionNodeBase) and an autoscaled design's hours (autoscale.ts) both size with it.
 */
export function regionLoadBase(
  ctx: Context,
  d: { instance: Instance; balancer: BalancerPolicy },
  layout: HorizontalLayout,
  r: number,
  loadShare: number,
): number {
  if (loadShare === 0) return 1;
  const w = ctx.scenario.workload;
  const util = nodesForUtilization(
    w,
    ctx.node(d.instance),
    ctx.designRatePerS * loadShare,
    ctx.scenario.targets.maxUtilization,
  );
  const need = regionNeed(ctx, d, layout, r, loadShare).nodes ?? util;
  return Math.max(need, util);
}
