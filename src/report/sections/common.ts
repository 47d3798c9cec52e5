/** What the worksheet's sections share: the latency format, a target met or missed, the recommended design and its rival. */

import type { ArchitectureResult, ComparisonResult } from '../../compare/result.js';
import { better } from '../../compare/size.js';
import { formatLatencyMs } from '../../units/format.js';

export const ms = formatLatencyMs;

export const yesNo = (b: boolean | null) => (b === null ? 'n/a' : b ? 'met' : '**missed**');

export function recommended(result: ComparisonResult): ArchitectureResult | undefined {
  return result.architectures.find((a) => a.name === result.recommendation.name);
}

/** The best candidate of the other kind than `a`, ranked as the engine ranks (every target met, then fewer
 * missed, then cost). */
export function rival(result: ComparisonResult, a: ArchitectureResult | undefined): ArchitectureResult | undefined {
  let best: ArchitectureResult | null = null;
  for (const x of result.architectures) if ((!a || x.kind !== a.kind) && better(x, best)) best = x;
  return best ?? undefined;
}
