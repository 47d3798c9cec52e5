/**
 * What a deploy does to a design of either kind (operations.ts's model applied to its figures), shared by the
 * evaluation (evaluateVertical.ts, evaluateHorizontal.ts) and the failure simulation (simulationPlan.ts), and the
 * simulation's form of it.
 */

import { crossRegionFailoverS, SECONDS_PER_WEEK, type TrafficSwitch } from '../core/reliability/index.js';
import type { SimChanges } from '../core/sim/failures/types.js';
import type { Context } from './context.js';
import type { HorizontalDesign, VerticalDesign } from './designKinds.js';
import type { HorizontalLayout } from './layout.js';
import { type DeployEffect, deployOf, horizontalDeploy, verticalDeploy } from './operations.js';

/** A vertical design's deploy: a restart, or the move to a hot standby (through the switch across regions) when shorter. */
export function verticalChange(ctx: Context, d: VerticalDesign, sw: TrafficSwitch | null): DeployEffect {
  const rel = ctx.scenario.reliability;
  const hotFailoverS =
    d.standby !== 'hot' ? null : d.standbyRegion !== null ? crossRegionFailoverS(rel.failoverS, sw) : rel.failoverS;
  return verticalDeploy(ctx.scenario.operations, deployOf('vertical', d.deploy), hotFailoverS);
}

/**
 * A horizontal design's deploy. A rolling deploy spares a node of a region while the others carry its load at the
 * degraded cap (`needed`) and every partition keeps a copy that may be down (`downCopies`, reads and the write
 * quorum); the change reaches first the node with the largest share of the traffic.
 */
export function horizontalChange(
  ctx: Context,
  d: HorizontalDesign,
  layout: HorizontalLayout,
  needed: (r: number, loadShare: number) => number | null,
  downCopies: number,
): DeployEffect {
  const placeable = d.nodesByRegion.every((n) => n >= ctx.scenario.workload.replication);
  const spare = d.regions.map((_, r) => {
    const share = layout.share[r] as number;
    if (!placeable || downCopies < 1) return false;
    if (share === 0) return true;
    const need = needed(r, share);
    return need !== null && (d.nodesByRegion[r] as number) - 1 >= need;
  });
  const nodeShare = d.regions.reduce(
    (m, _, r) => Math.max(m, (layout.share[r] as number) / (d.nodesByRegion[r] as number)),
    0,
  );
  return horizontalDeploy(ctx.scenario.operations, deployOf('horizontal', d.deploy), d.nodesByRegion, spare, nodeShare);
}

/** The failure simulation's deploys and failed changes for a design's deploy; undefined when it is never deployed. */
export function simChanges(ctx: Context, effect: DeployEffect): SimChanges | undefined {
  const ops = ctx.scenario.operations;
  if (!(ops.deploysPerWeek > 0)) return undefined;
  const perS = ops.deploysPerWeek / SECONDS_PER_WEEK;
  return {
    deployRatePerS: perS,
    deployDownS: effect.downS,
    failureRatePerS: perS * ops.changeFailureRate,
    recoveryS: ops.changeRecoveryS,
    share: effect.changeShare,
  };
}
