/**
 * Evaluation of one fully specified design (instance, node counts, regions) at the design rate: latency per user
 * region and overall, availability (data placement, quorums, degraded capacity), cost, and the targets met. Sizing
 * (choosing the instance size and node counts) is in size.ts; evaluation only measures. The kinds are evaluated in
 * evaluateVertical.ts and evaluateHorizontal.ts, from their parts: designLatency.ts, availability.ts, degraded.ts,
 * dataPlacement.ts, horizontalCost.ts and cost.ts, dataLoss.ts and targets.ts.
 */

import type { Context } from './context.js';
import type { Design } from './designKinds.js';
import { evaluateHorizontal } from './evaluateHorizontal.js';
import { evaluateVertical } from './evaluateVertical.js';
import type { ArchitectureResult } from './result.js';

/** A design's result, every figure, whichever its kind. */
export function evaluate(ctx: Context, d: Design): ArchitectureResult {
  return d.kind === 'vertical' ? evaluateVertical(ctx, d) : evaluateHorizontal(ctx, d);
}
