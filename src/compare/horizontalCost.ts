/** The monthly cost of a horizontal design, priced before it is evaluated (no queue analysis). */

import type { Instance } from '../catalog/index.js';
import type { Context } from './context.js';
import { type CostInput, monthlyCost } from './cost.js';
import type { HorizontalDesign } from './designKinds.js';
import { globalSwitchFor } from './globalSwitch.js';
import type { HorizontalLayout } from './layout.js';
import { nodePrice } from './nodePrice.js';
import { blueGreenUsdPerMonth, deployOf, operationsUsdPerMonth } from './operations.js';
import type { CostResult } from './result.js';

/** Whether horizontalCost is the same for both zone counts (the zones enter it only through the copies of writes
 * across zones, min(replication, zones) - 1). */
export function sameCostForZones(ctx: Context, a: number, b: number): boolean {
  const r = ctx.scenario.workload.replication;
  return Math.min(r, a) === Math.min(r, b);
}

/**
 * Monthly cost of a horizontal design: its nodes (`paidNodes` per region, default the fleet; an autoscaled design's
 * mean over the day, autoscale.ts; each at its region's price; `instance` null for the part that does not depend on
 * the nodes, the search's fixed part), each region's balancer, the global switch, and the traffic (egress, copies
 * across zones and regions). Cheap (no queue analysis): the search prices a design before it evaluates it.
 */
export function horizontalCost(
  ctx: Context,
  d: Pick<HorizontalDesign, 'regions' | 'nodesByRegion' | 'zones' | 'deploy'> & { instance: Instance | null },
  layout: HorizontalLayout,
  paidNodes: readonly number[] = d.nodesByRegion,
): CostResult {
  const w = ctx.scenario.workload;
  const inst = d.instance;
  const R = d.regions.length;
  const sw = globalSwitchFor(ctx, d.regions);
  const trafficWrites = ctx.trafficRatePerS * w.writeFraction * w.requestSizeBytes;
  const crossZoneCopies = Math.max(0, Math.min(w.replication, d.zones) - 1);
  const interRegion: CostInput['interRegion'] = [];
  d.regions.forEach((from, r) => {
    for (const to of d.regions) {
      if (to !== from) interRegion.push({ from, to, bytesPerS: trafficWrites * (layout.share[r] as number) });
    }
  });
  const compute =
    inst === null
      ? []
      : d.regions.map((region, r) => ({
          count: paidNodes[r] as number,
          price: nodePrice(ctx, inst, region),
        }));
  const ops = ctx.scenario.operations;
  return monthlyCost(ctx, {
    compute,
    standby: [],
    balancerRegions: [...d.regions],
    // a health check on each region's balancer
    globalSwitch: sw ? { sw, endpoints: R } : null,
    servedShare: d.regions.map((region, r) => ({ region, share: layout.share[r] as number })),
    crossZoneBytesPerS: trafficWrites * crossZoneCopies * R,
    interRegion,
    trafficRatePerS: ctx.trafficRatePerS,
    requestSizeBytes: w.requestSizeBytes,
    responseSizeBytes: w.responseSizeBytes,
    operations: {
      // the nodes paid for (an autoscaled fleet's mean over the day: node-months of people and tooling)
      usdPerMonth: operationsUsdPerMonth(
        ops,
        paidNodes.reduce((s, n) => s + n, 0),
        R,
      ),
      // a blue-green deploy runs a second fleet beside the first
      blueGreenUsdPerMonth: deployOf('horizontal', d.deploy) === 'blue-green' ? blueGreenUsdPerMonth(ops, compute) : 0,
    },
  });
}
