/**
 * Systems of tiers, end to end (src/compare/tiers/): the p99 of the sum against an independent reference, the series
 * availability against closed forms with shared zones, one stateless tier against the single-tier engine, the search
 * against an enumeration of every combination, and monotonicity.
 */

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { buildContext, compareScenario } from '../../src/compare/index.js';
import type { ArchitectureResult } from '../../src/compare/result.js';
import { evaluateAgain } from '../../src/compare/tiers/evaluateAgain.js';
import { tieredContext } from '../../src/compare/tiers/index.js';
import { systemAvailability } from '../../src/compare/tiers/systemAvailability.js';
import { systemOf } from '../../src/compare/tiers/systemOf.js';
import { systemResult } from '../../src/compare/tiers/systemResult.js';
import type { TierOption } from '../../src/compare/tiers/tierOption.js';
import { designOptions } from '../../src/compare/tiers/tierOptions.js';
import { searchSystem } from '../../src/compare/tiers/tierSearch.js';
import { type ResponseSumTerm, responseSum } from '../../src/core/queueing/index.js';
import { fromMtbfMttr, parallel, series } from '../../src/core/reliability/index.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import type { Scenario } from '../../src/scenario/types.js';
import { simulateComparison } from '../../src/simWorkers/scenario.js';
import { expectClose } from '../helpers/expectClose.js';
import { threeTierSearch } from './threeTierSearch.js';

const catalog = loadCatalog();

/** The independent reference of the sum (test/fixtures/queueing/sum.json, mpmath; see sumOfResponses.test.ts). */
const fixture = JSON.parse(readFileSync('test/fixtures/queueing/sum.json', 'utf8')) as {
  cases: { label: string; meanS: number; quantilesS: Record<string, number> }[];
};
/** The reference is accurate to 30 digits and the inversion to about 2e-10: the system's figures to 1e-7. */
const REL = 1e-7;
/** Availabilities are sums of products of exact figures: closed forms to 1e-12. */
const REL_AVAILABILITY = 1e-12;

/** App M/M/4 (m7i.xlarge, 500/s, 6 ms) then four sequential calls to an M/M/8 database (m7i.2xlarge, 2 ms). */
function tandem(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'tandem',
    workload: { peakRate: '500/s' },
    tiers: [
      { name: 'app', role: 'stateless', serviceTime: '6 ms', callsPerRequest: 1 },
      { name: 'db', role: 'database', serviceTime: '2 ms', callsPerRequest: 4 },
    ],
    targets: { p99: '200 ms', availability: '99%' },
    users: [{ region: 'us-east-1', share: 1 }],
    architectures: [
      {
        name: 'two boxes',
        tiers: {
          app: { kind: 'vertical', family: 'm7i', size: 'xlarge', regions: ['us-east-1'] },
          db: { kind: 'vertical', family: 'm7i', size: '2xlarge', regions: ['us-east-1'] },
        },
      },
    ],
    ...extra,
  };
}

function only(s: Record<string, unknown>): ArchitectureResult {
  const r = compareScenario(parseScenario(s), catalog);
  return r.architectures[0] as ArchitectureResult;
}

describe('the p99 of the sum of the tiers', () => {
  const ref = fixture.cases.find((c) => c.label === 'app M/M/4 + four sequential M/M/8 database calls');
  const a = only(tandem());
  // the users' round trip to us-east-1 and four same-zone round trips (both boxes in the region's first zone)
  const networkS =
    (catalog.measuredRttMs('us-east-1', 'us-east-1') ?? Number.NaN) / 1000 + 4 * catalog.interTier.sameZoneRttS;

  // the model's terms: the app's one call and the database's four, a same-zone round trip before each
  const rtt = catalog.interTier.sameZoneRttS;
  const usersS = (catalog.measuredRttMs('us-east-1', 'us-east-1') ?? Number.NaN) / 1000;
  const terms = (sameStation: boolean): ResponseSumTerm[] =>
    [
      { queue: { servers: 4, arrivalRatePerS: 500, serviceTimeS: 0.006 }, calls: 1, perCallS: 0 },
      { queue: { servers: 8, arrivalRatePerS: 2000, serviceTimeS: 0.002 }, calls: 4, perCallS: rtt },
    ].map((t) => (sameStation ? { ...t, sameStation: { queues: 1 } } : t));

  it('with its calls taken as independent, is the reference sum of an M/M/4 and four M/M/8 sojourns, shifted by the network time (to 1e-7)', () => {
    expect(ref).toBeDefined();
    const q = ref?.quantilesS ?? {};
    const independent = responseSum(terms(false));
    expectClose(independent.quantile(0.5), 4 * rtt + (q['0.5'] ?? 0), { rel: REL }, 'p50');
    expectClose(independent.quantile(0.99), 4 * rtt + (q['0.99'] ?? 0), { rel: REL }, 'p99');
    expectClose(independent.quantile(0.999), 4 * rtt + (q['0.999'] ?? 0), { rel: REL }, 'p99.9');
    expectClose((a.latency.interTierMs ?? 0) / 1000, 4 * catalog.interTier.sameZoneRttS, { rel: 1e-12 }, 'interTier');
  });

  it("is that sum with the database's four calls to one station correlated (repeatedCalls.ts), above the independent sum", () => {
    const corrected = responseSum(terms(true));
    expect(corrected.method).toContain('repeated calls to one station');
    const q = ref?.quantilesS ?? {};
    for (const [p, got] of [
      [0.5, a.latency.p50Ms],
      [0.99, a.latency.p99Ms],
      [0.999, a.latency.p999Ms],
    ] as const) {
      expectClose((got ?? 0) / 1000, usersS + corrected.quantile(p), { rel: 1e-9 }, `p${p * 100}`);
    }
    // the database at 50% on 8 vCPUs: the correlation adds a little, never takes away
    expect((a.latency.p99Ms ?? 0) / 1000).toBeGreaterThan(networkS + (q['0.99'] ?? 0));
    expect((a.latency.p99Ms ?? 0) / 1000).toBeLessThan((networkS + (q['0.99'] ?? 0)) * 1.05);
  });

  it("lies within the simulated walk's 95% interval widened by 3%", async () => {
    const s = parseScenario(tandem({ simulation: { requests: 60_000, seed: 3 } }));
    const r = await simulateComparison(compareScenario(s, catalog), s, catalog, { threads: 1 });
    const sim = r.architectures[0]?.simulated?.latency;
    if (!sim) throw new Error('expected a simulated latency');
    const [lo, hi] = sim.ci95.p99Ms;
    expect(a.latency.p99Ms ?? 0).toBeGreaterThanOrEqual(lo * 0.97);
    expect(a.latency.p99Ms ?? 0).toBeLessThanOrEqual(hi * 1.03);
  });

  it("is far below the sum of the tiers' p99s, and the tiers report their own parts", () => {
    const [app, db] = a.tiers ?? [];
    expect(app?.utilization).toBeCloseTo(0.75, 12);
    expect(db?.utilization).toBeCloseTo(0.5, 12);
    expect((app?.latency.p99Ms ?? 0) + (db?.latency.p99Ms ?? 0)).toBeGreaterThan((a.latency.p99Ms ?? 0) * 1.05);
    // means add up: the tiers' means and the users' network are the end-to-end mean
    const shares = (a.tiers ?? []).reduce((s, t) => s + (t.latency.shareOfMean ?? 0), 0);
    expect(shares).toBeLessThan(1);
    expect(shares).toBeGreaterThan(0.5);
  });

  it('more load never lowers the p99 of fixed designs (property, fast-check)', () => {
    const base = parseScenario(tandem());
    const ctx = buildContext(base, catalog);
    fc.assert(
      fc.property(
        fc.double({ min: 50, max: 490, noNaN: true }),
        fc.double({ min: 1, max: 40, noNaN: true }),
        (rate, more) => {
          const at = (r: number): Scenario => ({ ...base, workload: { ...base.workload, peakRatePerS: r } });
          const lo = evaluateAgain(buildContext(at(rate), catalog), catalog, a);
          const hi = evaluateAgain(buildContext(at(Math.min(499, rate + more)), catalog), catalog, a);
          return (hi.latency.p99Ms ?? Number.POSITIVE_INFINITY) >= (lo.latency.p99Ms ?? 0) * (1 - 1e-9);
        },
      ),
      { seed: 20261206, numRuns: 25 },
    );
    expect(ctx.designRatePerS).toBe(500);
  });
});

describe('the availability of the series over shared domains', () => {
  const s = parseScenario(tandem());
  const rel = s.reliability;
  const node = fromMtbfMttr(rel.node.mtbfS, rel.node.mttrS);
  const zone = fromMtbfMttr(rel.zone.mtbfS, rel.zone.mttrS);
  const region = fromMtbfMttr(rel.region.mtbfS, rel.region.mttrS);

  it('two boxes in one zone: the zone and the region counted once (A_region A_zone A_node^2), above the plain product', () => {
    const a = only(tandem());
    const exact = series([region, zone, node, node]);
    expectClose(a.availability.unavailability, exact.unavailability, { rel: REL_AVAILABILITY }, 'unavailability');
    const plain = series([series([region, zone, node]), series([region, zone, node])]);
    expect(a.availability.unavailability).toBeLessThan(plain.unavailability * 0.7);
    // each box alone down: the other box, the zone and the region up
    const [app] = a.tiers ?? [];
    expectClose(
      app?.availability.downtimeShare ?? 0,
      node.unavailability * node.availability * zone.availability * region.availability,
      { rel: REL_AVAILABILITY },
      'app alone',
    );
  });

  it("a box and a database with a hot standby in the next zone behind the region's balancer (closed form)", () => {
    const raw = tandem();
    const arch = (raw.architectures as { tiers: Record<string, Record<string, unknown>> }[])[0];
    if (arch?.tiers.db) arch.tiers.db.standby = 'hot';
    const a = only(raw);
    expect(a.tiers?.[1]?.standby).toBe('hot');
    const lb = catalog.reliability.loadBalancer.multiAz;
    // the failover term of the hot pair (rate of failures of the active x failover time), in series (first order)
    const f = rel.failoverS * (1 / (rel.node.mtbfS + rel.node.mttrS) + 1 / (rel.zone.mtbfS + rel.zone.mttrS));
    // given zone a up: app box up, db pair = box a, or box b with zone b up; the balancer; the region
    const pair = parallel([node, series([zone, node])]);
    const exact = series([
      region,
      zone,
      node,
      pair,
      { availability: lb.availability, unavailability: lb.unavailability },
      { availability: 1 - f, unavailability: f },
    ]);
    expectClose(a.availability.unavailability, exact.unavailability, { rel: REL_AVAILABILITY }, 'unavailability');
  });
});

describe('more copies never lower the availability of a system', () => {
  it('a hot standby for the database, or one more node of a tier that keeps no state: never fewer nines (fast-check)', () => {
    const base = (nodes: number, zones: number, standby: string) =>
      only(
        tandem({
          architectures: [
            {
              name: 'system',
              tiers: {
                app: { kind: 'horizontal', family: 'm7i', size: 'xlarge', nodes, zones, regions: ['us-east-1'] },
                db: { kind: 'vertical', family: 'm7i', size: '2xlarge', regions: ['us-east-1'], standby },
              },
            },
          ],
        }),
      ).availability.unavailability;
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 1, max: 3 }), (nodes, zones) => {
        const none = base(nodes, zones, 'none');
        const hot = base(nodes, zones, 'hot');
        const more = base(nodes + 1, zones, 'hot');
        return hot <= none * (1 + 1e-12) && more <= hot * (1 + 1e-12);
      }),
      { seed: 20261206, numRuns: 12 },
    );
  });
});

describe('folding balancers into their regions (many shared states)', () => {
  it('the payment example over 3 regions: pessimistic, and within 1.5% of the exact enumeration of 4,913 states (0.92% measured)', () => {
    const payment = parseScenario(JSON.parse(readFileSync('models/scenarios/payment-processing.json', 'utf8')));
    const r = compareScenario(payment, catalog);
    const a = r.architectures[3] as ArchitectureResult;
    expect(a.availability.method).toContain('folded');
    const ctx = buildContext(payment, catalog);
    const options = systemOf(tieredContext(ctx), catalog, a) as TierOption[];
    const names = (payment.tiers ?? []).map((t) => t.name);
    const folded = systemAvailability(ctx, names, options);
    const exact = systemAvailability(ctx, names, options, Number.POSITIVE_INFINITY);
    expect(exact.figure.method).toContain('4913 states');
    expect(folded.figure.availability.unavailability).toBeGreaterThanOrEqual(exact.figure.availability.unavailability);
    expectClose(
      folded.figure.availability.unavailability,
      exact.figure.availability.unavailability,
      { rel: 0.015 },
      'U',
    );
    expectClose(folded.figure.availability.unavailability, a.availability.unavailability, { rel: 1e-12 }, 'the result');
  });
});

describe('one stateless tier is the single-tier scenario', () => {
  const photo = JSON.parse(readFileSync('models/scenarios/photo-sharing-viral.json', 'utf8')) as Record<
    string,
    unknown
  > & { workload: Record<string, unknown>; architectures: Record<string, unknown>[] };
  const single = compareScenario(parseScenario(photo), catalog);
  const w = { ...photo.workload };
  const tier = { name: 'app', role: 'stateless', serviceTime: w.serviceTime, serviceTimeCv: w.serviceTimeCv ?? 1 };
  delete w.serviceTime;
  delete w.serviceTimeCv;
  // the example's own candidates as designs of its one tier (open sizes and node counts stay open)
  const archs = (photo.architectures as Record<string, unknown>[]).map(({ name, ...design }) => ({
    name,
    tiers: { app: design },
  }));
  const tiered = compareScenario(
    parseScenario({ ...photo, workload: w, tiers: [tier], architectures: archs }),
    catalog,
  );

  it.each(single.architectures.map((r, i) => [r.name, i] as const))(
    '%s: same cost, nines and p99 (1e-9)',
    (_name, i) => {
      const a = single.architectures[i] as ArchitectureResult;
      const b = tiered.architectures[i] as ArchitectureResult;
      expectClose(b.cost.usdPerMonth, a.cost.usdPerMonth, { rel: 1e-9 }, 'cost');
      expectClose(b.availability.unavailability, a.availability.unavailability, { rel: 1e-9 }, 'unavailability');
      expectClose(b.latency.p99Ms ?? 0, a.latency.p99Ms ?? 0, { rel: 1e-9 }, 'p99');
      expect(b.feasible).toBe(a.feasible);
    },
  );
});

describe('the search of tier designs', () => {
  // three tiers, each with open sizes: every combination can be enumerated (a few thousand)
  const raw = threeTierSearch('6000 USD/month');
  const s = parseScenario(raw);
  const ctx = buildContext(s, catalog);
  const t = tieredContext(ctx);
  const spec = s.architectures?.[0];
  // every option of each tier, cut to the cheapest few (the search is over whatever lists it is given)
  const options: TierOption[][] =
    spec?.kind === 'tiered'
      ? spec.tiers.map((d, i) =>
          designOptions(t.tierCtx[i] ?? ctx, i, d, 'us-east-1')
            .sort((a, b) => a.result.cost.usdPerMonth - b.result.cost.usdPerMonth)
            .slice(0, 7),
        )
      : [];

  it('returns the cheapest combination that meets every target, as an enumeration of all of them finds', () => {
    let best: ArchitectureResult | null = null;
    let combos = 0;
    const [a0, a1, a2] = options;
    for (const x of a0 ?? [])
      for (const y of a1 ?? [])
        for (const z of a2 ?? []) {
          combos++;
          const r = systemResult(ctx, 'open sizes', 'explicit', [x, y, z], t.rtt);
          if (r.feasible && (best === null || r.cost.usdPerMonth < best.cost.usdPerMonth)) best = r;
        }
    expect(combos).toBeGreaterThan(200);
    // the cheapest combination misses a target: the search has to look past it
    const cheapest = systemResult(
      ctx,
      'open sizes',
      'explicit',
      options.map((l) => l[0] as TierOption),
      t.rtt,
    );
    expect(cheapest.feasible).toBe(false);
    const found = searchSystem(ctx, 'open sizes', 'explicit', options, t.rtt);
    expect(best).not.toBeNull();
    expect(found.feasible).toBe(true);
    expectClose(found.cost.usdPerMonth, best?.cost.usdPerMonth ?? 0, { rel: 1e-12 }, 'cost');
  });

  it('an explicit design is never cheaper than what the search returns while meeting every target', () => {
    const found = searchSystem(ctx, 'open sizes', 'explicit', options, t.rtt);
    const fixedSizes = compareScenario(
      parseScenario({
        ...raw,
        architectures: [
          {
            name: 'fixed',
            tiers: {
              app: { kind: 'horizontal', family: 'm7i', size: 'xlarge', zones: 3 },
              cache: { kind: 'vertical', family: 'r7i', size: '2xlarge', standby: 'hot' },
              db: { kind: 'vertical', family: 'r7i', size: '4xlarge', standby: 'hot' },
            },
          },
        ],
      }),
      catalog,
    ).architectures[0] as ArchitectureResult;
    expect(!fixedSizes.feasible || fixedSizes.cost.usdPerMonth >= found.cost.usdPerMonth - 1e-9).toBe(true);
  });
});

describe("the tiers' M/G/c approximation error in the latency method", () => {
  it('is stated for a tier whose service is not exponential (the band of its queue), and absent when every tier is M/M/c', () => {
    expect(only(tandem()).latency.method).not.toContain("each tier's queue, one call");
    const s = tandem();
    const tiers = (s.tiers as Record<string, unknown>[]).map((t) => (t.name === 'db' ? { ...t, serviceTimeCv: 2 } : t));
    const m = only({ ...s, tiers }).latency.method;
    // the database: M/G/8 at 50%, cv 2 (servers 8, utilisation 0.5, cv 2 are grid values)
    expect(m).toMatch(/each tier's queue, one call: error against simulation: mean response [-+]\d/);
    expect(m).toContain('servers 8, utilisation 0.5, cv 2');
  });
});
