// Shared by the failure/repair Monte Carlo tests (src/core/sim/failures/): the component rates, the reliability
// fixtures and the checks against exact figures. Failure rates are deliberately high (node MTBF 100 h, MTTR 10 h) so a
// few hundred simulated years see thousands of outages and the 95% intervals are narrow.
import { expect } from 'vitest';
import { fleetAvailability, fromMtbfMttr } from '../../../../src/core/reliability/index.js';
import type { KOfNSimConfig, SimulatedAvailability } from '../../../../src/core/sim/failures/index.js';
import type { Reliability } from '../../../../src/scenario/types.js';

export const H = 3600;
export const NODE = { mtbfS: 100 * H, mttrS: 10 * H };
export const ZONE = { mtbfS: 500 * H, mttrS: 20 * H };
export const REGION = { mtbfS: 1000 * H, mttrS: 30 * H };
export const rel: Reliability = {
  node: NODE,
  zone: ZONE,
  region: REGION,
  failoverS: 0,
  coldRestoreS: 5 * H,
  restoreRateBytesPerS: 200 * 2 ** 20,
  replicationLagS: 1,
  backupIntervalS: 86400,
};
/** Rarer failures, for the failover tests: second-order effects stay well under the statistical error. */
export const mild: Reliability = {
  ...rel,
  node: { mtbfS: 1000 * H, mttrS: 2 * H },
  zone: { mtbfS: 5000 * H, mttrS: 4 * H },
  region: { mtbfS: 10000 * H, mttrS: 8 * H },
};
export const av = (r: { mtbfS: number; mttrS: number }) => fromMtbfMttr(r.mtbfS, r.mttrS);

/** The exact unavailability lies in the simulated 95% interval. */
export function covers(sim: SimulatedAvailability, exactU: number): boolean {
  const [lo, hi] = sim.ci95Unavailability;
  return lo <= exactU && exactU <= hi;
}

/** Asserts that the simulated interval covers the exact unavailability and is informative. */
export function expectCovers(sim: SimulatedAvailability, exactU: number, label: string): void {
  const [lo, hi] = sim.ci95Unavailability;
  expect(sim.tooRare, label).toBe(false);
  expect(covers(sim, exactU), `${label}: exact U ${exactU} outside the simulated interval [${lo}, ${hi}]`).toBe(true);
  // and the interval is informative: its half-width is under 10% of the figure
  expect((hi - lo) / 2, `${label}: interval too wide`).toBeLessThan(0.1 * exactU);
}

/** The exact unavailability of a k-of-n config (src/core/reliability fleetAvailability). */
export function exactKOfN(c: KOfNSimConfig): number {
  return fleetAvailability({
    nodes: c.nodes,
    need: c.need,
    node: av(c.node),
    ...(c.zones ? { zones: { count: c.zones.count, each: av(c.zones.each) } } : {}),
    ...(c.regions ? { regions: { count: c.regions.count, each: av(c.regions.each) } } : {}),
  }).unavailability;
}

/** P(X < k) for X ~ Binomial(n, p), summed directly. */
export function binomialBelow(n: number, p: number, k: number): number {
  let sum = 0;
  let term = (1 - p) ** n; // P(X = 0)
  for (let x = 0; x < k; x++) {
    sum += term;
    term *= ((n - x) / (x + 1)) * (p / (1 - p));
  }
  return sum;
}

/** A small k-of-n config over zones and regions (determinism, chunks, checks). */
export const smallKOfN: KOfNSimConfig = {
  kind: 'k-of-n',
  nodes: 4,
  need: 2,
  node: NODE,
  zones: { count: 2, each: ZONE },
  regions: { count: 2, each: REGION },
};

// A switch that fails visibly (99%) so that its share stands out of the interval; failover 0: exact.
export const sw = { availability: { availability: 0.99, unavailability: 0.01 }, failoverS: 0 };
