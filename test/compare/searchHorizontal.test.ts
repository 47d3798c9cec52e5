// The horizontal search (src/compare/searchHorizontal.ts) against a brute-force enumeration of a small catalog, its
// bounds against the designs they bound, and against explicitly written designs on the full catalog (issue 11's
// proof). The bounds are what make the branch and bound exact: each is checked on random designs to be a true bound.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Catalog, type Instance, loadCatalog } from '../../src/catalog/index.js';
import { hourlyBase } from '../../src/compare/autoscale.js';
import { structuralUnavailability } from '../../src/compare/availability.js';
import { MAX_NODES_PER_REGION } from '../../src/compare/capacity.js';
import { buildContext, type Context } from '../../src/compare/context.js';
import { allUpUtilization, availabilityNeed, survivesZoneLossQuick } from '../../src/compare/degraded.js';
import type { HorizontalDesign } from '../../src/compare/designKinds.js';
import { distanceRulesOut, distanceTable } from '../../src/compare/distanceBound.js';
import { screenHorizontal } from '../../src/compare/evaluateHorizontal.js';
import {
  autoscaledLeastNodes,
  availabilityUpperBound,
  availableNodesLowerBound,
  instanceLowerBound,
  sizeLowerBound,
} from '../../src/compare/horizontalBounds.js';
import { horizontalCost, sameCostForZones } from '../../src/compare/horizontalCost.js';
import { compareScenario } from '../../src/compare/index.js';
import { horizontalLayout, sameLayoutForZones } from '../../src/compare/layout.js';
import { outageFloor } from '../../src/compare/outageFloor.js';
import {
  firstTrue,
  regionSubsets,
  SEARCH_ZONES,
  scaleOutClearingSpares,
  searchHorizontal,
} from '../../src/compare/searchHorizontal.js';
import { nodesPerRegion, regionNodeBase, SMALL_SPARES, searchableInstances } from '../../src/compare/size.js';
import { zoneSizes } from '../../src/core/reliability/placement.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import { propertyScenario } from '../helpers/propertyScenario.js';

const catalog = loadCatalog();

/** Relative slack for comparing a bound with the figure it bounds (floating-point sums in different orders). */
const BOUND_TOLERANCE = 1e-9;

/** A small catalog for the brute force: four regions on three continents and five instance types. */
const SMALL_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1'];
const SMALL_INSTANCES = ['m6i.large', 'm6i.xlarge', 'm6i.4xlarge', 'r7i.xlarge', 'r7i.2xlarge'];
const small: Catalog = (() => {
  const instances = catalog.instances.filter((i) => SMALL_INSTANCES.includes(i.name));
  const families = new Map<string, Instance[]>();
  for (const i of instances) families.set(i.family, [...(families.get(i.family) ?? []), i]);
  return {
    ...catalog,
    instances,
    families,
    instance: (name: string) => instances.find((i) => i.name === name),
    regions: catalog.regions.filter((r) => SMALL_REGIONS.includes(r.id)),
  };
})();

const scenarioArb = (
  regions: readonly string[],
  availabilities = ['99%', '99.5%', '99.9%', '99.95%', '99.99%', '99.999%'],
) =>
  fc.record({
    rate: fc.integer({ min: 50, max: 3000 }),
    serviceMs: fc.integer({ min: 2, max: 25 }),
    workingSetGiB: fc.integer({ min: 1, max: 120 }),
    availability: fc.constantFrom(...availabilities),
    p99Ms: fc.integer({ min: 30, max: 600 }),
    strong: fc.boolean(),
    replication: fc.integer({ min: 1, max: 3 }),
    budget: fc.option(fc.integer({ min: 500, max: 20000 }), { nil: null, freq: 5 }),
    users: fc.shuffledSubarray([...regions], { minLength: 1, maxLength: 3 }),
  });

function designWith(ctx: Context, instance: Instance, regions: string[], zones: number, spares: number) {
  const layout = horizontalLayout(ctx, regions, zones);
  const auto = ctx.scenario.autoscaling;
  const spec = {
    name: 'd',
    origin: 'searched' as const,
    regions,
    spares,
    zones,
    balancer: 'least-loaded' as const,
    ...(auto === undefined ? {} : { autoscaling: auto }),
  };
  const d: HorizontalDesign = {
    kind: 'horizontal',
    instance,
    nodesByRegion: nodesPerRegion(ctx, instance, spec, layout),
    ...spec,
  };
  return { d, layout };
}

const designArb = fc.record({
  instance: fc.constantFrom(...SMALL_INSTANCES),
  regions: fc.shuffledSubarray(SMALL_REGIONS, { minLength: 1, maxLength: 4 }),
  zones: fc.constantFrom(1, 2, 3),
  spares: fc.integer({ min: 0, max: 12 }),
});

/**
 * The per-instance and per-size cost lower bounds never exceed the cost of the design `x` of the raw scenario (as
 * screened: an autoscaled design at its mean fleet).
 */
function expectCostBounds(raw: unknown, x: { instance: string; regions: string[]; zones: number; spares: number }) {
  const ctx = buildContext(parseScenario(raw), small);
  const instance = small.instance(x.instance) as Instance;
  const { d, layout } = designWith(ctx, instance, x.regions, x.zones, x.spares);
  const cost = screenHorizontal(ctx, d, layout).cost.usdPerMonth;
  const fixed = horizontalCost(ctx, { ...d, nodesByRegion: d.nodesByRegion.map(() => 0) }, layout).usdPerMonth;
  expect(instanceLowerBound(ctx, instance, layout, fixed)).toBeLessThanOrEqual(cost * (1 + BOUND_TOLERANCE));
  const bySize = sizeLowerBound(ctx, searchableInstances(ctx), x.regions.length, x.zones).total;
  expect(bySize).toBeLessThanOrEqual(cost * (1 + BOUND_TOLERANCE));
}

/**
 * outageFloor's union by enumeration of every state of each region (region, balancer, each zone up or down), with the
 * events as its note defines them: Z_r (r carrying load, nodes in two zones or more, r and its balancer up, some zone
 * whose loss leaves fewer nodes than r needs down, some non-empty zone up) and E_i (i carrying load and gone: it,
 * its balancer or every non-empty zone down; every
 * other region with its balancer and every zone up, and the next region of some of its users unable to carry the
 * extra load with all its nodes up, or no next region).
 */
function enumeratedOutageFloor(ctx: Context, d: HorizontalDesign, layout: ReturnType<typeof horizontalLayout>): number {
  const rel = ctx.scenario.reliability;
  const u = (f: { mtbfS: number; mttrS: number }) => f.mttrS / (f.mtbfS + f.mttrS);
  const regionU = u(rel.region);
  const zoneU = u(rel.zone);
  const lbU = (d.zones > 1 ? small.reliability.loadBalancer.multiAz : small.reliability.loadBalancer.singleAz)
    .unavailability;
  const { needed } = availabilityNeed(ctx, d, allUpUtilization(ctx, d, layout));
  const R = d.regions.length;
  const sizes = d.nodesByRegion.map((n) => zoneSizes(n, d.zones));
  const fatalMove = d.regions.map((_, gone) => {
    if ((layout.share[gone] as number) === 0) return false;
    const moved = new Map<number, number>();
    for (const user of layout.users) {
      if (user.order[0] !== gone) continue;
      const next = user.order[1];
      if (next === undefined) return true;
      moved.set(next, (moved.get(next) ?? 0) + user.share);
    }
    for (const [next, extra] of moved) {
      const need = needed(next, (layout.share[next] as number) + extra);
      if (need === null || need > (d.nodesByRegion[next] as number)) return true;
    }
    return false;
  });
  const bitsPerRegion = 2 + d.zones;
  let total = 0;
  for (let state = 0; state < 2 ** (bitsPerRegion * R); state++) {
    let p = 1;
    const regions = d.regions.map((_, r) => {
      const bits = (state >> (r * bitsPerRegion)) & ((1 << bitsPerRegion) - 1);
      const up = (bits & 1) === 1;
      const lbUp = (bits & 2) === 2;
      const zonesUp = Array.from({ length: d.zones }, (_, z) => ((bits >> (2 + z)) & 1) === 1);
      p *= (up ? 1 - regionU : regionU) * (lbUp ? 1 - lbU : lbU);
      for (const zu of zonesUp) p *= zu ? 1 - zoneU : zoneU;
      return { up, lbUp, zonesUp };
    });
    const inUnion = regions.some((s, r) => {
      const size = sizes[r] as number[];
      const nonEmpty = size.map((n, z) => (n > 0 ? z : -1)).filter((z) => z >= 0);
      const someNonEmptyUp = nonEmpty.some((z) => s.zonesUp[z]);
      const share = layout.share[r] as number;
      if (share === 0) return false;
      const need = needed(r, share);
      const n = d.nodesByRegion[r] as number;
      const z =
        nonEmpty.length >= 2 &&
        need !== null &&
        s.up &&
        s.lbUp &&
        someNonEmptyUp &&
        nonEmpty.some((zi) => !s.zonesUp[zi] && n - (size[zi] as number) < need);
      const gone = !(s.up && s.lbUp && someNonEmptyUp);
      const othersUp = regions.every((o, j) => j === r || (o.up && o.lbUp && o.zonesUp.every(Boolean)));
      return z || (gone && othersUp && (fatalMove[r] as boolean));
    });
    if (inUnion) total += p;
  }
  return total;
}

/**
 * The brute force: every set of the small catalog's regions, every zone count, instance type and spare count in the
 * search's range (spares up to the first count that survives a zone loss, at most nodes / (zones - 1) + 3; with one
 * zone max(SMALL_SPARES, nodes / 2)), each evaluated: the cheapest design that meets every target, or null.
 */
function bruteForce(ctx: Context): { usd: number; name: string } | null {
  let best: { usd: number; name: string } | null = null;
  for (const regions of regionSubsets(SMALL_REGIONS, SMALL_REGIONS.length)) {
    for (const zones of SEARCH_ZONES) {
      for (const instance of searchableInstances(ctx)) {
        const n0 = Math.max(...designWith(ctx, instance, regions, zones, 0).d.nodesByRegion);
        const last = zones === 1 ? Math.max(SMALL_SPARES, Math.ceil(n0 / 2)) : Math.ceil(n0 / (zones - 1)) + 3;
        for (let spares = 0; spares <= last; spares++) {
          const { d, layout } = designWith(ctx, instance, regions, zones, spares);
          const r = screenHorizontal(ctx, d, layout);
          if (r.feasible && (best === null || r.cost.usdPerMonth < best.usd)) {
            best = { usd: r.cost.usdPerMonth, name: `${instance.name} x${r.nodes} ${regions.join(',')} z${zones}` };
          }
          if (zones > 1 && spares >= 2 && survivesZoneLossQuick(ctx, d, layout)) break;
        }
      }
    }
  }
  return best;
}

/**
 * The search on the small catalog costs no more than the brute force's cheapest design that meets every target, and
 * meets every target when the brute force finds one; true when it does (a case that compares), false when none does.
 */
function searchMatchesBruteForce(raw: unknown): boolean {
  const oracle = bruteForce(buildContext(parseScenario(raw), small));
  const searched = searchHorizontal(buildContext(parseScenario(raw), small));
  if (oracle === null) return false;
  expect(searched.feasible, `brute force found ${oracle.name}`).toBe(true);
  expect(searched.cost.usdPerMonth, `brute force found ${oracle.name}`).toBeLessThanOrEqual(oracle.usd + 0.005);
  return true;
}

describe('the horizontal search against a brute force over a small catalog', () => {
  it('costs no more than the cheapest design the brute force finds, and meets every target whenever one does', () => {
    let feasibleCases = 0;
    fc.assert(
      fc.property(scenarioArb(SMALL_REGIONS), (sc) => {
        if (searchMatchesBruteForce(propertyScenario(sc))) feasibleCases++;
      }),
      { seed: 7, numRuns: 30 },
    );
    // the comparison met designs that meet every target, not only misses
    expect(feasibleCases).toBeGreaterThan(8);
  }, 240_000);
});

describe('the bounds of the branch and bound are true bounds', () => {
  it('cost: the per-instance and per-size lower bounds never exceed a design cost', () => {
    fc.assert(
      fc.property(scenarioArb(SMALL_REGIONS), designArb, (sc, x) => expectCostBounds(propertyScenario(sc), x)),
      { seed: 3, numRuns: 60 },
    );
  });

  it('availability: the perfect-node bound is at least the availability of every design of that size', () => {
    fc.assert(
      fc.property(scenarioArb(SMALL_REGIONS), designArb, (sc, x) => {
        const ctx = buildContext(parseScenario(propertyScenario(sc)), small);
        const { d, layout } = designWith(ctx, small.instance(x.instance) as Instance, x.regions, x.zones, x.spares);
        const r = screenHorizontal(ctx, d, layout);
        const bound = availabilityUpperBound(ctx, x.regions.length, x.zones);
        expect(r.availability.value).toBeLessThanOrEqual(bound * (1 + BOUND_TOLERANCE));
      }),
      { seed: 4, numRuns: 60 },
    );
  });

  it('zone counts the search treats alike give the same layout and the same cost', () => {
    let alike = 0;
    fc.assert(
      fc.property(scenarioArb(SMALL_REGIONS), designArb, fc.constantFrom(1, 2, 3), (sc, x, other) => {
        const ctx = buildContext(parseScenario(propertyScenario(sc)), small);
        const a = horizontalLayout(ctx, x.regions, x.zones);
        const b = horizontalLayout(ctx, x.regions, other);
        if (sameLayoutForZones(ctx, x.zones, other)) {
          alike++;
          expect(b).toEqual(a);
          if (sameCostForZones(ctx, x.zones, other)) {
            const nodesByRegion = x.regions.map(() => 3);
            const instance = ctx.catalog.instance('m6i.large') ?? null;
            expect(horizontalCost(ctx, { instance, regions: x.regions, zones: other, nodesByRegion }, b)).toEqual(
              horizontalCost(ctx, { instance, regions: x.regions, zones: x.zones, nodesByRegion }, a),
            );
          }
        }
      }),
      { seed: 13, numRuns: 100 },
    );
    expect(alike).toBeGreaterThan(30);
  });

  it('firstTrue: the least point of a monotone predicate, by bisection', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 50 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: -10, max: 120 }),
        (lo, width, t) => {
          const hi = lo + width;
          const calls: number[] = [];
          const got = firstTrue(lo, hi, (x) => {
            calls.push(x);
            return x >= t;
          });
          expect(got).toBe(Math.min(hi + 1, Math.max(lo, t)));
          expect(calls.every((x) => x >= lo && x <= hi)).toBe(true);
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });

  it('availability: from two regions up the perfect-node bound never falls as regions are added', () => {
    fc.assert(
      fc.property(scenarioArb(SMALL_REGIONS), fc.constantFrom(1, 2, 3), (sc, zones) => {
        const ctx = buildContext(parseScenario(propertyScenario(sc)), small);
        for (let k = 2; k < 6; k++) {
          expect(availabilityUpperBound(ctx, k + 1, zones)).toBeGreaterThanOrEqual(
            availabilityUpperBound(ctx, k, zones) * (1 - BOUND_TOLERANCE),
          );
        }
      }),
      { seed: 10, numRuns: 15 },
    );
  });

  it('outage floor and structural downtime: below the unavailability; the structural part never falls with spares', () => {
    let tight = 0;
    fc.assert(
      fc.property(scenarioArb(SMALL_REGIONS), designArb, (sc, x) => {
        const ctx = buildContext(parseScenario(propertyScenario(sc)), small);
        const instance = small.instance(x.instance) as Instance;
        const a = designWith(ctx, instance, x.regions, x.zones, x.spares);
        const b = designWith(ctx, instance, x.regions, x.zones, x.spares + 1 + (x.spares % 5));
        const ra = screenHorizontal(ctx, a.d, a.layout);
        const rb = screenHorizontal(ctx, b.d, b.layout);
        const ua = ra.availability.unavailability;
        const floor = outageFloor(ctx, a.d, a.layout);
        expect(floor).toBeLessThanOrEqual(ua * (1 + BOUND_TOLERANCE) + 1e-15);
        // a floor that is most of the downtime: the case that shows a floor too high
        if (floor > 0.5 * ua) tight++;
        expect(outageFloor(ctx, b.d, b.layout)).toBeLessThanOrEqual(
          rb.availability.unavailability * (1 + BOUND_TOLERANCE) + 1e-15,
        );
        const sa = structuralUnavailability(ra.availability.byCause);
        const sb = structuralUnavailability(rb.availability.byCause);
        expect(sa).toBeLessThanOrEqual(ua * (1 + BOUND_TOLERANCE) + 1e-15);
        if (a.d.nodesByRegion.every((n) => n >= x.zones)) {
          expect(sb).toBeGreaterThanOrEqual(sa * (1 - 1e-6) - 1e-15);
        }
      }),
      { seed: 5, numRuns: 200 },
    );
    expect(tight).toBeGreaterThan(10);
  });

  it('available nodes: a design with fewer nodes in some region than the bound misses the availability target', () => {
    let below = 0;
    fc.assert(
      fc.property(scenarioArb(SMALL_REGIONS), designArb, (sc, x) => {
        const ctx = buildContext(parseScenario(propertyScenario(sc)), small);
        const instance = small.instance(x.instance) as Instance;
        const { d, layout } = designWith(ctx, instance, x.regions, x.zones, x.spares);
        const least = availableNodesLowerBound(ctx, instance, layout, x.zones);
        if (d.nodesByRegion.every((n, r) => n >= (least[r] as number))) return;
        below++;
        expect(screenHorizontal(ctx, d, layout).meetsTargets.availability).toBe(false);
      }),
      { seed: 8, numRuns: 200 },
    );
    expect(below).toBeGreaterThan(20);
  });

  it('outage floor at a fixed utilisation: below the floor at every larger count, never rising once every loaded region fills its zones', () => {
    let compared = 0;
    fc.assert(
      fc.property(scenarioArb(SMALL_REGIONS), designArb, fc.integer({ min: 1, max: 8 }), (sc, x, more) => {
        const ctx = buildContext(parseScenario(propertyScenario(sc)), small);
        const instance = small.instance(x.instance) as Instance;
        const a = designWith(ctx, instance, x.regions, x.zones, x.spares);
        const b = designWith(ctx, instance, x.regions, x.zones, x.spares + more);
        const u = allUpUtilization(ctx, a.d, a.layout);
        if (!(u < 1)) return;
        const filled = a.layout.share.every((share, r) => share === 0 || (a.d.nodesByRegion[r] as number) >= x.zones);
        const fixedB = outageFloor(ctx, b.d, b.layout, u);
        expect(fixedB).toBeLessThanOrEqual(outageFloor(ctx, b.d, b.layout) * (1 + BOUND_TOLERANCE) + 1e-15);
        if (!filled) return;
        compared++;
        expect(fixedB).toBeLessThanOrEqual(outageFloor(ctx, a.d, a.layout, u) * (1 + BOUND_TOLERANCE) + 1e-15);
      }),
      { seed: 9, numRuns: 200 },
    );
    expect(compared).toBeGreaterThan(50);
  });

  it('outage floor: equals the probability of its union of outage states, enumerated state by state', () => {
    let positive = 0;
    fc.assert(
      fc.property(scenarioArb(SMALL_REGIONS), designArb, (sc, x) => {
        const ctx = buildContext(parseScenario(propertyScenario(sc)), small);
        const instance = small.instance(x.instance) as Instance;
        const { d, layout } = designWith(ctx, instance, x.regions.slice(0, 3), x.zones, x.spares % 4);
        const floor = outageFloor(ctx, d, layout);
        const enumerated = enumeratedOutageFloor(ctx, d, layout);
        expect(Math.abs(floor - enumerated)).toBeLessThanOrEqual(1e-12 + 1e-9 * enumerated);
        if (enumerated > 0) positive++;
      }),
      { seed: 7, numRuns: 80 },
    );
    expect(positive).toBeGreaterThan(20);
  });

  it('distance: a set it rules out has no design that meets the p99', () => {
    let ruledOut = 0;
    fc.assert(
      fc.property(scenarioArb(SMALL_REGIONS), designArb, (sc, x) => {
        const ctx = buildContext(parseScenario(propertyScenario(sc)), small);
        const { d, layout } = designWith(ctx, small.instance(x.instance) as Instance, x.regions, x.zones, x.spares);
        // the table the search uses over every set agrees with the rule on the set's layout
        expect(distanceTable(ctx, SMALL_REGIONS).rulesOut(x.regions)).toBe(distanceRulesOut(ctx, layout));
        if (!distanceRulesOut(ctx, layout)) return;
        ruledOut++;
        expect(screenHorizontal(ctx, d, layout).meetsTargets.p99).toBe(false);
      }),
      { seed: 6, numRuns: 120 },
    );
    expect(ruledOut).toBeGreaterThan(5);
  });
});

describe('the horizontal search when outages rule out every design', () => {
  it('returns the closest of a sample (no internal error): one catalog region and six nines', () => {
    const one: Catalog = { ...catalog, regions: catalog.regions.filter((r) => r.id === 'us-east-1') };
    const scenario = parseScenario({
      name: 'one region',
      workload: { peakRate: '100/s', serviceTime: '5 ms' },
      targets: { p99: '200 ms', availability: '99.9999%' },
      users: [{ region: 'us-east-1', share: '100%' }],
    });
    const r = searchHorizontal(buildContext(scenario, one));
    expect(r.feasible).toBe(false);
    expect(r.meetsTargets.availability).toBe(false);
    expect(r.regions).toEqual(['us-east-1']);
    expect(r.shortfall).toBeGreaterThan(0);
  });
});

describe('the horizontal search is never beaten by an explicit horizontal design', () => {
  const REGIONS = catalog.regions.map((r) => r.id);
  const priced = (family: string, region: string) =>
    (catalog.families.get(family) ?? []).every((i) => catalog.onDemandPrice(i, region) !== undefined);
  const explicitArb = fc.record({
    family: fc.constantFrom('m6i', 'm7i', 'r7i'),
    sizeIndex: fc.nat(),
    regions: fc.shuffledSubarray(REGIONS, { minLength: 1, maxLength: 4 }),
    zones: fc.constantFrom(1, 2, 3),
    spares: fc.integer({ min: 0, max: 8 }),
  });

  it('no explicit horizontal design that meets every target is cheaper than the best horizontal', () => {
    expect(explicitNeverCheaper({}, 12, 10)).toBeGreaterThan(10);
  }, 240_000);

  it('nor with autoscaling on a daily profile (the scenario-level autoscaling applies to both) and egress in the total', () => {
    const day = [
      0.15, 0.15, 0.15, 0.2, 0.2, 0.3, 0.5, 0.8, 1, 1, 0.95, 0.9, 0.9, 0.9, 0.85, 0.8, 0.8, 0.75, 0.7, 0.6, 0.5, 0.4,
      0.3, 0.2,
    ];
    const extra = { autoscaling: { minNodes: 1 }, cost: { includeEgress: true }, dailyProfile: day };
    expect(explicitNeverCheaper(extra, 13, 4)).toBeGreaterThan(3);
  }, 240_000);

  /** The property on `numRuns` cases with `extra` scenario fields; the number of feasible explicit designs compared. */
  function explicitNeverCheaper(
    extra: { autoscaling?: unknown; cost?: unknown; dailyProfile?: number[] },
    seed: number,
    numRuns: number,
  ): number {
    let compared = 0;
    fc.assert(
      fc.property(
        // targets an explicit design often meets: the property needs real contenders
        scenarioArb(['us-east-1', 'eu-west-1', 'ap-northeast-1'], ['99%', '99.5%', '99.9%', '99.95%']),
        fc.array(explicitArb, { minLength: 10, maxLength: 16 }),
        (sc, designs) => {
          const { dailyProfile, ...top } = extra;
          const plain = propertyScenario(sc);
          const base = {
            ...plain,
            ...top,
            workload: { ...plain.workload, ...(dailyProfile === undefined ? {} : { dailyProfile }) },
          };
          const searched = compareScenario(parseScenario(base), catalog);
          const best = searched.architectures.find((a) => a.name === 'best horizontal');
          if (best === undefined) throw new Error('no best horizontal');
          const architectures = designs.map((d, i) => {
            const sizes = catalog.families.get(d.family) ?? [];
            return {
              name: `explicit ${i}`,
              kind: 'horizontal',
              family: d.family,
              size: sizes[d.sizeIndex % sizes.length]?.size,
              // the users' regions first (every user group needs a region), then the others; only regions where the
              // family has a price (m7i and r7i have none in af-south-1)
              regions: [...new Set([...sc.users, ...d.regions.filter((r) => priced(d.family, r))])].slice(
                0,
                Math.max(sc.users.length, d.regions.length),
              ),
              zones: d.zones,
              spares: d.spares,
            };
          });
          const explicit = compareScenario(parseScenario({ ...base, architectures }), catalog);
          for (const a of explicit.architectures) {
            if (!a.feasible) continue;
            compared++;
            expect(best.feasible, `${a.name} (${a.instance.name} x${a.nodes}) meets every target`).toBe(true);
            expect(best.cost.usdPerMonth).toBeLessThanOrEqual(a.cost.usdPerMonth + 0.005);
          }
        },
      ),
      { seed, numRuns },
    );
    return compared;
  }
});

describe('the search and its bounds with autoscaling on a daily profile and egress in the total (issue 15)', () => {
  /** A working day: a night at a fifth of the peak, a morning rise, the peak at noon, an evening fall. */
  const DAY = [
    0.2, 0.2, 0.2, 0.2, 0.2, 0.25, 0.35, 0.5, 0.7, 0.85, 0.95, 1, 1, 0.95, 0.9, 0.9, 0.85, 0.8, 0.8, 0.75, 0.7, 0.6,
    0.45, 0.3,
  ];
  const variantArb = fc.record({
    minNodes: fc.integer({ min: 1, max: 4 }),
    egress: fc.boolean(),
    autoscaled: fc.boolean(),
  });
  type Variant = { minNodes: number; egress: boolean; autoscaled: boolean };
  const withVariant = (raw: ReturnType<typeof propertyScenario>, v: Variant) => ({
    ...raw,
    workload: { ...raw.workload, dailyProfile: DAY },
    ...(v.autoscaled ? { autoscaling: { minNodes: v.minNodes, scaleOutTime: '3 min' } } : {}),
    ...(v.egress ? { cost: { includeEgress: true } } : {}),
  });

  it('cost: the per-instance and per-size lower bounds never exceed an autoscaled design cost', () => {
    fc.assert(
      fc.property(scenarioArb(SMALL_REGIONS), variantArb, designArb, (sc, v, x) =>
        expectCostBounds(withVariant(propertyScenario(sc), v), x),
      ),
      { seed: 31, numRuns: 60 },
    );
  });

  it('the floor of the mean fleet: every autoscaled design that meets the availability target pays for at least it', () => {
    let compared = 0;
    fc.assert(
      fc.property(scenarioArb(SMALL_REGIONS), designArb, fc.integer({ min: 1, max: 4 }), (sc, x, minNodes) => {
        const v = { minNodes, egress: false, autoscaled: true };
        const ctx = buildContext(parseScenario(withVariant(propertyScenario(sc), v)), small);
        const instance = small.instance(x.instance) as Instance;
        const { d, layout } = designWith(ctx, instance, x.regions, x.zones, x.spares);
        const r = screenHorizontal(ctx, d, layout);
        if (!r.meetsTargets.availability) return;
        compared++;
        const least = availableNodesLowerBound(ctx, instance, layout, x.zones);
        const floor = autoscaledLeastNodes(ctx, instance, layout, least);
        const paid = (r.autoscaling?.meanNodes ?? Number.NaN) * (1 + BOUND_TOLERANCE);
        expect(floor.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(paid);
      }),
      { seed: 33, numRuns: 120 },
    );
    expect(compared).toBeGreaterThan(10);
  });

  /** scaleOutClearingSpares of design `x` of the scenario (its instance, regions and zones; the spares do not enter). */
  const clearing = (ctx: Context, x: { instance: string; regions: string[]; zones: number }) => {
    const instance = small.instance(x.instance) as Instance;
    const { d, layout } = designWith(ctx, instance, x.regions, x.zones, 0);
    const auto = ctx.scenario.autoscaling;
    if (auto === undefined) throw new Error('not autoscaled');
    const base = regionNodeBase(ctx, instance, d, layout);
    return { instance, s: scaleOutClearingSpares(ctx, instance, layout, base, hourlyBase(ctx, d, layout, auto)) };
  };

  it('the spares an autoscaled scan may reach: from scaleOutClearingSpares on, no scale-out window is over the cap', () => {
    let cleared = 0;
    fc.assert(
      fc.property(scenarioArb(SMALL_REGIONS), designArb, fc.integer({ min: 1, max: 4 }), (sc, x, minNodes) => {
        const v = { minNodes, egress: false, autoscaled: true };
        const ctx = buildContext(parseScenario(withVariant(propertyScenario(sc), v)), small);
        const { instance, s } = clearing(ctx, x);
        for (const spares of [s, s + 1, s + 7]) {
          const { d, layout } = designWith(ctx, instance, x.regions, x.zones, spares);
          if (d.nodesByRegion.some((n) => n >= MAX_NODES_PER_REGION)) return;
          expect(screenHorizontal(ctx, d, layout).autoscaling?.scaleOut.stepsOverCap).toBe(0);
        }
        // one fewer usually leaves a window over the cap (the count is tight when the data does not set the nodes)
        if (s === 0) return;
        const { d, layout } = designWith(ctx, instance, x.regions, x.zones, s - 1);
        if ((screenHorizontal(ctx, d, layout).autoscaling?.scaleOut.stepsOverCap ?? 0) > 0) cleared++;
      }),
      { seed: 34, numRuns: 80 },
    );
    expect(cleared).toBeGreaterThan(10);
  });

  it('the spares that clear the windows, by hand: a night at 2% of the peak needs far more than 32 past the rest', () => {
    // 20,000/s of 10 ms measured on m6i, on m6i.large (2 vCPUs), one region: 200 busy vCPUs at the peak, 112 nodes carry them at the
    // 90% degraded cap (200 / 1.8 = 111.1); the night (2%, 4 busy vCPUs) runs ceil(4 / 1.5) = 3 nodes before spares at
    // the 75% target: the rise to the peak is within the cap only with 112 - 3 = 109 spares. (The scan once stopped
    // 32 spares past the zone-survival count, which here is far fewer.)
    const night = [...Array(12).fill(0.02), ...Array(12).fill(1)];
    const raw = {
      name: 'deep night',
      workload: {
        peakRate: '20000/s',
        serviceTime: '10 ms',
        serviceTimeFamily: 'm6i',
        dailyProfile: night,
        workingSet: '1 GiB',
      },
      targets: { p99: '1 s', availability: '99%' },
      users: [{ region: 'us-east-1', share: 1 }],
      autoscaling: { minNodes: 1, scaleOutTime: '3 min' },
    };
    const ctx = buildContext(parseScenario(raw), small);
    expect(clearing(ctx, { instance: 'm6i.large', regions: ['us-east-1'], zones: 2 }).s).toBe(109);
  });

  it('costs no more than the cheapest design the brute force finds, and meets every target whenever one does', () => {
    let feasibleCases = 0;
    fc.assert(
      fc.property(scenarioArb(SMALL_REGIONS), variantArb, (sc, v) => {
        if (searchMatchesBruteForce(withVariant(propertyScenario(sc), v))) feasibleCases++;
      }),
      { seed: 32, numRuns: 30 },
    );
    expect(feasibleCases).toBeGreaterThan(4);
  }, 240_000);
});
