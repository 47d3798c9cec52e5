/**
 * Evaluation of one fully specified design (instance, node counts, regions) at the design rate: latency per user
 * region and overall, availability (data placement, quorums, degraded capacity), cost, and the targets met. Sizing
 * (choosing the instance size and node counts) is in size.ts; evaluation only measures. The kinds are evaluated in
 * evaluateVertical.ts and evaluateHorizontal.ts, from their parts: designLatency.ts, availability.ts, degraded.ts,
 * dataPlacement.ts, horizontalCost.ts and cost.ts, dataLoss.ts and targets.ts.
 */

import type { Context } from './context.js';
import type { Design } from './designKinds.js';
import { evaluateHorizontal, horizontalTargets } from './evaluateHorizontal.js';
import { evaluateVertical, verticalTargets } from './evaluateVertical.js';
import type { ArchitectureResult } from './result.js';

/** A design's result, every figure, whichever its kind. */
export function evaluate(ctx: Context, d: Design): ArchitectureResult {
  return d.kind === 'vertical' ? evaluateVertical(ctx, d) : evaluateHorizontal(ctx, d);
}

/**
 * A design's result with the figures the targets decide and nothing a report alone reads: the search's screen
 * (SCREEN_METHOD) on the design's exact paths and layout, so cost, availability, utilisation, memory, the p99, the
 * network p99, the targets met, feasible, shortfall and the reasons are evaluate()'s, bit for bit (the same
 * computations); the p50, p99.9, degraded and scale-out p99s and the mean wait are null, and each user region's figures
 * are left out unless the p99 scope is "every-region", and so are the notes. For callers that read only those figures
 * (an uncertain input's samples).
 */
export function evaluateTargets(ctx: Context, d: Design): ArchitectureResult {
  return d.kind === 'vertical' ? verticalTargets(ctx, d) : horizontalTargets(ctx, d);
}
