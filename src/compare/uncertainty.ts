/**
 * Uncertain inputs (ranges such as `"peakRate": { "p5": "3000/s", "p95": "6000/s" }`), propagated by sampling: each
 * sample draws every uncertain input from its distribution (independently), and every candidate design is evaluated
 * on that same sampled scenario (common random numbers: the candidates are compared on the same draws, so their
 * differences are not blurred by sampling noise). The designs are those chosen at the median inputs (a design does
 * not change under the sampled load); what varies is their cost, p99 and availability, and whether they meet the
 * targets. Latin hypercube sampling (McKay, Beckman & Conover 1979) spreads the draws of each input evenly over its
 * range. Pure: the catalog comes in as an argument.
 */

import type { Catalog } from '../catalog/index.js';
import { latinHypercube } from '../core/stats/latinHypercube.js';
import { nearestRankSorted } from '../core/stats/quantiles.js';
import type { Scenario } from '../scenario/types.js';
import { sampleUncertain, withValue } from '../scenario/uncertain.js';
import { buildContext } from './context.js';
import type { ArchitectureResult, ArchitectureUncertainty, MeetsTargets, Spread, UncertaintyResult } from './result.js';
import { evaluateAgain } from './tiers/evaluateAgain.js';
import { tieredContext } from './tiers/index.js';

/** Sampled scenarios (fixed: a few hundred give the 5th/95th percentiles to a few percent). */
export const UNCERTAINTY_SAMPLES = 200;

/** p5, p50, p95 as nearest-rank sample percentiles (the value of rank ceil(p n)), and the mean. */
function spread(values: number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => nearestRankSorted(s, p);
  return { p5: at(0.05), p50: at(0.5), p95: at(0.95), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

/** Propagates the scenario's uncertain inputs to every candidate of `architectures`; null when there are none. */
export function propagateUncertainty(
  scenario: Scenario,
  catalog: Catalog,
  architectures: readonly ArchitectureResult[],
  seed: number,
  samples = UNCERTAINTY_SAMPLES,
): UncertaintyResult | null {
  const inputs = scenario.uncertain;
  if (inputs.length === 0) return null;
  const draws = latinHypercube(samples, inputs.length, seed);
  const per = architectures.map(() => ({
    cost: [] as number[],
    p99: [] as number[],
    nines: [] as number[],
    unstable: 0,
    all: 0,
    meets: {} as Record<keyof MeetsTargets, number>,
    counted: {} as Record<keyof MeetsTargets, number>,
  }));
  for (const u of draws) {
    let s = scenario;
    inputs.forEach((input, j) => {
      s = withValue(s, input.path, sampleUncertain(input, u[j] as number));
    });
    const ctx = buildContext(s, catalog);
    const tiered = s.tiers === null ? undefined : tieredContext(ctx);
    architectures.forEach((a, i) => {
      // the sample reads the cost, the nines, the p99 and the targets met: a system of tiers is screened for them
      const r = evaluateAgain(ctx, catalog, a, tiered, true);
      const acc = per[i] as (typeof per)[number];
      acc.cost.push(r.cost.usdPerMonth);
      acc.nines.push(r.availability.nines);
      if (r.latency.p99Ms === null) acc.unstable += 1;
      else acc.p99.push(r.latency.p99Ms);
      if (r.feasible) acc.all += 1;
      for (const [k, v] of Object.entries(r.meetsTargets) as [keyof MeetsTargets, boolean | null][]) {
        if (v === null) continue;
        acc.counted[k] = (acc.counted[k] ?? 0) + 1;
        if (v) acc.meets[k] = (acc.meets[k] ?? 0) + 1;
      }
    });
  }
  const keys: (keyof MeetsTargets)[] = ['p99', 'availability', 'budget', 'utilization', 'memory', 'durability'];
  return {
    samples,
    seed,
    inputs: inputs.map((x) => ({ path: x.path, p5: x.p5, p95: x.p95, distribution: x.distribution })),
    byArchitecture: architectures.map((a, i) => {
      const acc = per[i] as (typeof per)[number];
      const probMeets = Object.fromEntries(
        keys.map((k) => [k, acc.counted[k] ? (acc.meets[k] ?? 0) / (acc.counted[k] as number) : null]),
      ) as ArchitectureUncertainty['probMeets'];
      return {
        name: a.name,
        costUsdPerMonth: spread(acc.cost),
        p99Ms: acc.p99.length > 0 ? spread(acc.p99) : null,
        nines: spread(acc.nines),
        probUnstable: acc.unstable / samples,
        probMeetsAll: acc.all / samples,
        probMeets,
      };
    }),
    method: `${samples} Latin-hypercube samples of the uncertain inputs (independent; lognormal unless stated), every candidate evaluated on the same samples (common random numbers), designs fixed at the median inputs; analytic figures per sample; percentiles by nearest rank`,
  };
}
