/**
 * The p99 target and its scope (`targets.p99Scope`): with "all-users" a design meets `targets.p99` when the p99 over
 * all users' requests (the mixture over user regions, latency.p99Ms) does; with "every-region" when the p99 of every
 * user region's own requests (latency.byUserRegion[].p99Ms) does, so that a small group of far users cannot hide in
 * the mixture (0.9% of users at 209 ms leave the overall p99 of the other 99.1% untouched).
 */

import type { Targets } from '../scenario/types.js';
import { formatLatencyMs } from '../units/format.js';
import type { LatencyResult, UserRegionLatency } from './result.js';

/** Whether one user region's end-to-end p99 (seconds; null: unstable queue, unbounded) is within the target. */
export function regionMeetsP99(p99S: number | null, targets: Pick<Targets, 'p99S'>): boolean {
  return p99S !== null && p99S <= targets.p99S;
}

/** Whether a design's latency meets `targets.p99` under `targets.p99Scope`. */
export function meetsP99(
  targets: Pick<Targets, 'p99S' | 'p99Scope'>,
  latency: Pick<LatencyResult, 'p99Ms' | 'byUserRegion'>,
): boolean {
  if (targets.p99Scope === 'every-region') {
    return latency.byUserRegion.length > 0 && latency.byUserRegion.every((u) => u.meetsP99);
  }
  return regionMeetsP99(latency.p99Ms === null ? null : latency.p99Ms / 1000, targets);
}

/** The user region with the highest p99 (null, an unstable queue, counts as the highest; the first on ties). */
export function worstUserRegion<U extends Pick<UserRegionLatency, 'p99Ms'>>(byUserRegion: readonly U[]): U | undefined {
  const p99 = (u: U) => u.p99Ms ?? Number.POSITIVE_INFINITY;
  let worst: U | undefined;
  for (const u of byUserRegion) if (worst === undefined || p99(u) > p99(worst)) worst = u;
  return worst;
}

const msText = formatLatencyMs;

/**
 * Why a design misses `targets.p99`, after "p99: ": the overall p99 ("209.3 ms above the 50.00 ms target"), or with
 * scope "every-region" the worst user region and its p99 ("ap-southeast-2 at 209.3 ms above the 50.00 ms target
 * (every-region)"), with how many user regions miss it when more than one does.
 */
export function p99MissText(
  targets: Pick<Targets, 'p99S' | 'p99Scope'>,
  latency: Pick<LatencyResult, 'p99Ms' | 'byUserRegion'>,
): string {
  const target = `the ${msText(targets.p99S * 1000)} target`;
  if (targets.p99Scope !== 'every-region') return `${msText(latency.p99Ms)} above ${target}`;
  const missing = latency.byUserRegion.filter((u) => !u.meetsP99);
  const worst = worstUserRegion(missing);
  if (worst === undefined) return `${msText(latency.p99Ms)} above ${target} (every-region)`;
  const more = missing.length > 1 ? `; ${missing.length} user regions miss it` : '';
  return `${worst.region} at ${msText(worst.p99Ms)} above ${target} (every-region${more})`;
}
