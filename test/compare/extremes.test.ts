/**
 * Hardening: the comparison engine at numerical extremes (property tests, fast-check; the global seed is set in
 * test/setup.ts). Scenarios start from the contract's example (test/compare/scenario.ts) and vary: peak rate
 * 1e-3/s .. 1e7/s, service time 1 us .. 10 s, working set 0 .. 100 TiB, users over every catalog region and 15 more places with random
 * shares (30 user regions), horizontal candidates over 1 .. 10 regions and 1 .. 6 zones, and node, zone and region MTBF 1 min .. 1e9 h,
 * MTTR 1 s .. 1e4 h.
 *
 * Users in 30 regions: the catalog's 15 plus 15 places at arbitrary coordinates (users[i].lat/lon), whose round trips
 * are estimated from distance.
 *
 * Properties: the result validates against the result schema (so no NaN, Infinity or null where a number is
 * promised), every candidate is feasible or says why not, latency is null exactly when a queue is unstable; for a fixed
 * explicit design more peak load never lowers p99 nor cost; adding a spare never lowers availability.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { fleetAvailability } from '../../src/compare/availability.js';
import { type ComparisonResult, compareScenario } from '../../src/compare/index.js';
import { validateResult } from '../../src/compare/resultSchema.js';
import type {
  ArchitectureSpec,
  BalancerPolicy,
  FailureRates,
  HorizontalSpec,
  Scenario,
  VerticalSpec,
} from '../../src/scenario/types.js';
import { logInt, logUniform, runs } from '../helpers/arbitraries.js';
import { exampleScenario } from './scenario.js';

const catalog = loadCatalog();
/** Every region of the catalog (15). */
const REGIONS = catalog.regions.map((r) => r.id);
const H = 3600;
const TIB = 2 ** 40;

// ------------------------------------------------------------------------------------------------------------
// arbitraries

const ratesArb: fc.Arbitrary<FailureRates> = fc.record({
  mtbfS: fc.oneof(fc.constantFrom(60, 1e9 * H), logUniform(60, 1e9 * H)),
  mttrS: fc.oneof(fc.constantFrom(1, 1e4 * H), logUniform(1, 1e4 * H)),
});

const reliabilityArb: fc.Arbitrary<Scenario['reliability']> = fc.record({
  node: ratesArb,
  zone: ratesArb,
  region: ratesArb,
  failoverS: fc.oneof(fc.constant(0), logUniform(1, 3600)),
  coldRestoreS: logUniform(1, 1e5),
  restoreRateBytesPerS: logUniform(1e6, 1e10),
  replicationLagS: fc.constant(1),
  backupIntervalS: fc.constant(86400),
});

/** Users in 30 regions: every catalog region plus 15 places anywhere on Earth; random shares (each > 0) summing to 1. */
const PLACES = 30 - REGIONS.length;
const usersArb: fc.Arbitrary<Scenario['users']> = fc
  .record({
    weights: fc.array(fc.oneof(fc.double({ min: 1e-6, max: 1, noNaN: true }), logUniform(1e-9, 1)), {
      minLength: 30,
      maxLength: 30,
    }),
    places: fc.array(
      fc.record({
        lat: fc.double({ min: -90, max: 90, noNaN: true }),
        lon: fc.double({ min: -180, max: 180, noNaN: true }),
      }),
      { minLength: PLACES, maxLength: PLACES },
    ),
  })
  .map(({ weights, places }) => {
    const total = weights.reduce((s, w) => s + w, 0);
    const share = (i: number) => (weights[i] as number) / total;
    return [
      ...REGIONS.map((region, i) => ({ region, location: null, share: share(i) })),
      ...places.map((location, k) => ({ region: `place-${k}`, location, share: share(REGIONS.length + k) })),
    ];
  });

const workloadArb = fc.record({
  peakRatePerS: fc.oneof(fc.constantFrom(1e-3, 1e7), logUniform(1e-3, 1e7)),
  serviceTimeS: fc.oneof(fc.constantFrom(1e-6, 10), logUniform(1e-6, 10)),
  serviceTimeCv: fc.oneof(fc.constantFrom(0, 1, 1.5, 10), fc.double({ min: 0, max: 10, noNaN: true })),
  workingSetBytes: fc.oneof(fc.constantFrom(0, 100 * TIB), logUniform(1, 100 * TIB)),
  growth: fc.constantFrom({ growthPerYear: 0, growthYears: 0 }, { growthPerYear: 0.8, growthYears: 2 }),
  fanout: fc.constantFrom(1, 1, 4, 100),
  writes: fc.constantFrom(
    { writeFraction: 0, consistency: 'eventual' as const },
    { writeFraction: 0.1, consistency: 'eventual' as const },
    { writeFraction: 0.5, consistency: 'strong' as const },
  ),
});

const BALANCERS: BalancerPolicy[] = ['random', 'round-robin', 'least-loaded', 'power-of-two'];
const SIZES = ['large', '2xlarge', '8xlarge', '48xlarge'];

/** A horizontal candidate over 1..10 regions and 1..6 zones; `fixed` gives it an explicit size and node count. */
const horizontalArb = (fixed: boolean): fc.Arbitrary<HorizontalSpec> =>
  fc
    .record({
      regions: fc.shuffledSubarray(REGIONS, { minLength: 1, maxLength: 10 }),
      zones: fc.integer({ min: 1, max: 6 }),
      spares: fc.integer({ min: 0, max: 3 }),
      size: fixed ? fc.constantFrom(...SIZES) : fc.oneof(fc.constantFrom(...SIZES), fc.constant(null)),
      nodes: fixed ? logInt(1, 2000) : fc.option(logInt(1, 2000), { nil: null, freq: 2 }),
      balancer: fc.constantFrom(...BALANCERS),
    })
    // scenario validation asks for at least one node per region, and regions where the family has a price
    // (normalize.ts): m7i has none in af-south-1
    .map(({ nodes, regions, ...h }) => {
      const priced = regions.filter((r) => hasPrice('m7i', r));
      const set = priced.length > 0 ? priced : ['us-east-1'];
      return {
        kind: 'horizontal' as const,
        name: 'h',
        family: 'm7i',
        nodes: nodes === null ? null : Math.max(nodes, set.length),
        regions: set,
        ...h,
      };
    });

/** Whether every size of `family` has a price in `region` (the catalog's per-region prices). */
function hasPrice(family: string, region: string): boolean {
  return (catalog.families.get(family) ?? []).every((i) => catalog.onDemandPrice(i, region) !== undefined);
}

const verticalArb = (fixed: boolean): fc.Arbitrary<VerticalSpec> =>
  fc
    .record({
      family: fc.constantFrom('m7i', 'r7i', 'x2iedn'),
      sized: fixed ? fc.constant(true) : fc.boolean(),
      region: fc.constantFrom(...REGIONS),
      standby: fc.constantFrom('none' as const, 'cold' as const, 'hot' as const),
      standbyRegion: fc.option(fc.constantFrom(...REGIONS), { nil: null }),
    })
    .map((v) => {
      const sizes = catalog.families.get(v.family) ?? [];
      return {
        kind: 'vertical' as const,
        name: 'v',
        family: v.family,
        // an explicit size: the family's largest (m7i and r7i 48xlarge, x2iedn 32xlarge)
        size: v.sized ? ([...sizes].sort((a, b) => b.vcpu - a.vcpu)[0]?.size ?? null) : null,
        // a region where the family has a price (m7i and r7i have none in af-south-1)
        region: hasPrice(v.family, v.region) ? v.region : 'us-east-1',
        standby: v.standby,
        // a second region only for a standby (scenario validation, normalize.ts), where the family has a price
        standbyRegion:
          v.standby === 'none' ||
          v.standbyRegion === null ||
          v.standbyRegion === v.region ||
          !hasPrice(v.family, v.standbyRegion)
            ? null
            : v.standbyRegion,
      };
    });

type WorkloadCase = typeof workloadArb extends fc.Arbitrary<infer T> ? T : never;

function scenarioOf(
  w: WorkloadCase,
  rel: Scenario['reliability'],
  users: Scenario['users'],
  architectures: ArchitectureSpec[],
): Scenario {
  const base = exampleScenario();
  return exampleScenario({
    workload: {
      ...base.workload,
      peakRatePerS: w.peakRatePerS,
      serviceTimeS: w.serviceTimeS,
      serviceTimeCv: w.serviceTimeCv,
      workingSetBytes: w.workingSetBytes,
      ...w.growth,
      fanout: w.fanout,
      ...w.writes,
    },
    reliability: rel,
    users,
    architectures: architectures.map((a, i) => ({ ...a, name: `${a.kind} ${i}` })),
  });
}

/** The candidate named `name` (throws when missing). */
function byName(r: ComparisonResult, name: string) {
  const a = r.architectures.find((x) => x.name === name);
  if (!a) throw new Error(`no candidate ${name}`);
  return a;
}

const orInfinity = (x: number | null) => (x === null ? Number.POSITIVE_INFINITY : x);

// ------------------------------------------------------------------------------------------------------------

describe('comparison engine at the extremes', () => {
  it('users are in 30 distinct regions: every catalog region (15) and 15 places given by coordinates', () => {
    expect(REGIONS.length).toBe(15);
    fc.assert(
      fc.property(usersArb, (users) => {
        expect(new Set(users.map((u) => u.region)).size).toBe(30);
        expect(users.filter((u) => u.location !== null)).toHaveLength(15);
        expect(Math.abs(users.reduce((s, u) => s + u.share, 0) - 1)).toBeLessThan(1e-12);
        for (const u of users) expect(u.share > 0 && u.share <= 1).toBe(true);
      }),
      { numRuns: runs(20) },
    );
  });

  it('the result validates, every candidate is feasible or says why not, latency is null only when unstable', () => {
    fc.assert(
      fc.property(
        workloadArb,
        reliabilityArb,
        usersArb,
        verticalArb(false),
        fc.array(horizontalArb(false), { minLength: 1, maxLength: 2 }),
        (w, rel, users, v, hs) => {
          const r = compareScenario(scenarioOf(w, rel, users, [v, ...hs]), catalog);
          expect(validateResult(r)).toEqual([]);
          expect(r.architectures.length).toBe(1 + hs.length);
          for (const a of r.architectures) {
            if (a.feasible) expect(a.infeasibleReason, a.name).toBeUndefined();
            else expect(a.infeasibleReason?.length ?? 0, `${a.name} says why it is infeasible`).toBeGreaterThan(0);
            expect(a.latency.p99Ms === null, `${a.name}: p99 null <=> utilisation ${a.utilization} >= 1`).toBe(
              !(a.utilization < 1),
            );
            expect(Number.isFinite(a.availability.nines) && a.availability.nines >= 0).toBe(true);
          }
        },
      ),
      { numRuns: runs(30) },
    );
    // 30 extreme scenarios (up to 10^7/s over 30 regions): seconds, more on a busy machine
  }, 120_000);

  it('a fixed explicit design: more peak load never lowers p99 nor cost', () => {
    fc.assert(
      fc.property(
        workloadArb,
        logUniform(1, 1e3),
        reliabilityArb,
        usersArb,
        verticalArb(true),
        horizontalArb(true),
        (w, factor, rel, users, v, h) => {
          const more = { ...w, peakRatePerS: Math.min(1e7, w.peakRatePerS * factor) };
          const lo = compareScenario(scenarioOf(w, rel, users, [v, h]), catalog);
          const hi = compareScenario(scenarioOf(more, rel, users, [v, h]), catalog);
          expect(validateResult(hi)).toEqual([]);
          for (const a of lo.architectures) {
            const b = byName(hi, a.name);
            expect(b.nodes, `${a.name}: the design is fixed`).toBe(a.nodes);
            expect(orInfinity(b.latency.p99Ms), `${a.name} p99`).toBeGreaterThanOrEqual(
              orInfinity(a.latency.p99Ms) * (1 - 1e-9),
            );
            expect(b.cost.usdPerMonth, `${a.name} cost`).toBeGreaterThanOrEqual(a.cost.usdPerMonth * (1 - 1e-12));
          }
        },
      ),
      { numRuns: runs(20) },
    );
  });

  // Adding a spare is not monotone under spread placement (more nodes, more partitions with a copy on a failed
  // node: test/compare/availability.test.ts shows it); adding a copy is, for reads.
  it('one more copy of each partition never lowers availability without writes (explicit fleet, enough nodes)', () => {
    fc.assert(
      fc.property(
        workloadArb,
        reliabilityArb,
        usersArb,
        horizontalArb(true),
        fc.integer({ min: 1, max: 3 }),
        (w, rel, users, h, copies) => {
          const R = h.regions?.length ?? 1;
          const fleet: HorizontalSpec = { ...h, nodes: Math.max(h.nodes ?? 0, (copies + 1) * R) };
          const reads = { ...w, writes: { writeFraction: 0, consistency: 'eventual' } as const };
          const at = (replication: number) => {
            const s = scenarioOf(reads, rel, users, [fleet]);
            return byName(compareScenario({ ...s, workload: { ...s.workload, replication } }, catalog), 'horizontal 0');
          };
          const a = at(copies);
          const b = at(copies + 1);
          expect(b.availability.unavailability).toBeLessThanOrEqual(
            a.availability.unavailability * (1 + 1e-9) + 1e-300,
          );
        },
      ),
      { numRuns: runs(20) },
    );
  });
});

describe('regressions found by the properties above', () => {
  const rel = exampleScenario().reliability;
  const lb = catalog.reliability.loadBalancer.multiAz;

  it('an explicit fleet of 1,000,000 nodes (the schema maximum) is evaluated at once (the per-region pmf took 26 s)', () => {
    // Before: the capacity-aware availability built each region's full pmf of nodes up, O(N * width), for every
    // region, needed or not: 1,000,000 nodes over 3 zones with node MTBF = MTTR = 1 min took 26 s in that step alone
    // (22 s for the 5.4 million nodes that 1e7 requests/s at 1 s of CPU sized before sizing was capped), and tens of
    // millions of nodes ran for minutes.
    const w = exampleScenario().workload;
    const s = exampleScenario({
      workload: { ...w, peakRatePerS: 1e6, serviceTimeS: 0.1, growthPerYear: 0 },
      reliability: { ...rel, node: { mtbfS: 60, mttrS: 60 } },
      architectures: [
        {
          kind: 'horizontal',
          name: 'h',
          family: 'm7i',
          size: 'large',
          nodes: 1_000_000,
          spares: 1,
          zones: 3,
          regions: ['us-east-1'],
          balancer: 'least-loaded',
        },
      ],
    });
    const r = compareScenario(s, catalog);
    expect(validateResult(r)).toEqual([]);
    const a = r.architectures[0];
    expect(a?.nodes).toBe(1_000_000);
    // Half the nodes are down at any time: every zone always has more nodes down than copies of a partition, so some
    // partition always has every copy down (spread placement): the design is down, and says why.
    expect(a?.nodesNeededByRegion[0]?.needed).toBeLessThan(100_000);
    const data = a?.availability.byCause.find((c) => c.cause.startsWith('data: a partition with no live copy'));
    expect(data?.unavailability).toBeGreaterThan(0.99);
    // 20 million nodes in one region: the up zones enter as one summed binomial (a window of a few thousand terms)
    const f = fleetAvailability(
      rel,
      [{ id: 'a', nodes: 20_000_000, zones: 3 }],
      [{ share: 1, order: [0] }],
      () => 19_990_000,
      lb,
      { replication: 3, writeQuorum: 2 },
    );
    expect(f.availability.unavailability).toBeGreaterThan(0);
    expect(f.availability.availability + f.availability.unavailability).toBeCloseTo(1, 12);
  });

  it('failovers longer than the time between failures: every byCause term stays a fraction <= 1', () => {
    // Before: the first-order failover term (failover time x failure rates) was reported as is, e.g. 20 s x 3/61 s
    // = 1.0000000000000002, and the result failed its own schema.
    const bad = { ...rel, node: { mtbfS: 60, mttrS: 1 }, zone: { mtbfS: 60, mttrS: 1 }, failoverS: 600 };
    const r = compareScenario(exampleScenario({ reliability: bad }), catalog);
    expect(validateResult(r)).toEqual([]);
    for (const a of r.architectures)
      for (const c of a.availability.byCause) expect(c.unavailability).toBeLessThanOrEqual(1);
  });
});
