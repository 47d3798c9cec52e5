// Fixtures shared by the autoscaling, hourly-availability, autoscaled-tier and spot-tier tests (issue 15): the daily
// profiles, the reference price they work by hand, the reliability figures that make node failures show, and the
// helpers that run a scenario. Prices from ../shared/reference/prices.json (models/catalog/instances.json):
// m7i.xlarge in us-east-1 $0.2016 an hour on demand (Karpenter's table of 2026-07-20).
import fc from 'fast-check';
import { loadCatalog } from '../../src/catalog/index.js';
import { compareScenario } from '../../src/compare/index.js';
import type { ArchitectureResult } from '../../src/compare/result.js';
import { parseScenario } from '../../src/scenario/normalize.js';

export const catalog = loadCatalog();

/** m7i.xlarge in us-east-1, on demand, USD per hour. */
export const M7I_XLARGE_USE1_USD_PER_HOUR = 0.2016;

/** Hours in a billing month (compare/context.ts BILLING_HOURS_PER_MONTH: AWS's and GCP's price pages). */
export const BILLING_HOURS = 730;

/** Twelve hours at the peak, then twelve at half of it (the peak hours carry 2/3 of the day's requests). */
export const HALF_DAY: readonly number[] = [...Array(12).fill(1), ...Array(12).fill(0.5)];

/** A flat day: every hour at the peak. */
export const FLAT_DAY: readonly number[] = Array(24).fill(1);

/**
 * Random daily profiles: 24 integers in [min, 20] scaled so that the busiest hour is the peak (an all-zero day, which
 * carries nothing and is refused, becomes a flat one).
 */
export function dailyProfileArb(min = 0): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min, max: 20 }), { minLength: 24, maxLength: 24 }).map((xs) => {
    const top = Math.max(...xs);
    return top === 0 ? xs.map(() => 1) : xs.map((x) => x / top);
  });
}

/**
 * Failure figures under which node failures show in a few nines (node 1000 h / 10 h) and no failover time hides
 * them; zone and region as the contract's example.
 */
export const FREQUENT_NODE_FAILURES = {
  node: { mtbf: '1000 h', mttr: '10 h' },
  zone: { mtbf: '8766 h', mttr: '4 h' },
  region: { mtbf: '26298 h', mttr: '8 h' },
  failover: '0 s',
};

/** Every candidate of a raw scenario, compared on the real catalog. */
export function resultsOf(raw: unknown): ArchitectureResult[] {
  return compareScenario(parseScenario(raw), catalog).architectures;
}

/** The first candidate of a raw scenario. */
export function firstOf(raw: unknown): ArchitectureResult {
  const r = resultsOf(raw)[0];
  if (r === undefined) throw new Error('no candidate');
  return r;
}

type Json = Record<string, unknown>;

/** A database tier's design: one r7i.2xlarge in us-east-1 with a hot standby. */
export const HOT_STANDBY_DB = {
  kind: 'vertical',
  family: 'r7i',
  size: '2xlarge',
  regions: ['us-east-1'],
  standby: 'hot',
} as const;

/** A stateless tier's design: m7i.xlarge nodes in us-east-1 with one spare, `over` on top (zones, nodes, pricing). */
export function m7iXlargeApp(over: Json = {}): Json {
  return { kind: 'horizontal', family: 'm7i', size: 'xlarge', spares: 1, regions: ['us-east-1'], ...over };
}
