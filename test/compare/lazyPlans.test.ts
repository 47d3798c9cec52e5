// The horizontal search's second phase built lazily (src/compare/searchHorizontal.ts lazyPlans, setNodesFloor): the
// routing without the layout is the layout's, bit for bit; the floor is under the first bound searchPlan tests on
// every plan of a set, and as close to it as the arithmetic allows on one-region sets (so a floor any higher would
// pass over plans that the first bound does not end); and the lazy search returns what the search that builds and
// sorts every plan (its reference, lazyPlans: false) returns, on large fleets across many region sets, where plans
// are dropped unbuilt.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { BILLING_HOURS_PER_MONTH, buildContext, type Context } from '../../src/compare/context.js';
import { availableNodesLowerBound, instanceLowerNodes, sizeLowerBound } from '../../src/compare/horizontalBounds.js';
import { horizontalCost } from '../../src/compare/horizontalCost.js';
import { compactResolutionS, horizontalLayout, screensCompact, servingRegions } from '../../src/compare/layout.js';
import { cheapestUsdPerHour, usdPerHourIn } from '../../src/compare/nodePrice.js';
import { BOUND_SLACK, type BoundStats } from '../../src/compare/screenBound.js';
import {
  pricedSetFloor,
  regionSubsets,
  searchHorizontal,
  setNodesFloor,
  sizeNodesFloor,
  userSplits,
} from '../../src/compare/searchHorizontal.js';
import { searchableInstances } from '../../src/compare/size.js';
import { SHARE_TOLERANCE } from '../../src/scenario/limits.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import { subCatalog } from '../helpers/subCatalog.js';

const catalog = loadCatalog();

/** Eight regions on three continents and six instance types, small ones among them (fleets of tens to hundreds). */
const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'ap-northeast-1',
];
const INSTANCES = ['c7g.medium', 'c7g.large', 'm7g.large', 'r7g.large', 'r7g.2xlarge', 'm6i.xlarge'];
const mid = subCatalog(catalog, REGIONS, INSTANCES);

interface Case {
  rate: number;
  serviceMs: number;
  workingSetGiB: number;
  p99Ms: number;
  availability: string;
  users: string[];
  usdPerRegion: number;
  usdPerNode: number;
  /** Taken off the first user's share: the shares add up to 1 less this (within SHARE_TOLERANCE of 1). */
  deficit: number;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  rate: fc.integer({ min: 500, max: 12000 }),
  serviceMs: fc.integer({ min: 5, max: 40 }),
  workingSetGiB: fc.integer({ min: 2, max: 64 }),
  p99Ms: fc.integer({ min: 150, max: 800 }),
  availability: fc.constantFrom('99%', '99.9%', '99.95%'),
  users: fc.shuffledSubarray(REGIONS, { minLength: 1, maxLength: 3 }),
  usdPerRegion: fc.constantFrom(0, 0, 200, 1000),
  usdPerNode: fc.constantFrom(0, 0, 30),
  // a share total short of 1 by 0.9 x SHARE_TOLERANCE (1e-6): accepted, and the layouts must still agree
  deficit: fc.constantFrom(0, 0, 9e-7),
});

function contextOf(c: Case): Context {
  const n = c.users.length;
  const each = Math.floor(100 / n);
  return buildContext(
    parseScenario({
      name: 'lazy plans',
      workload: {
        peakRate: `${c.rate}/s`,
        serviceTime: `${c.serviceMs} ms`,
        serviceTimeCv: 1.5,
        workingSet: `${c.workingSetGiB} GiB`,
        writeFraction: 0.1,
      },
      targets: { p99: `${c.p99Ms} ms`, availability: c.availability, maxUtilization: '75%' },
      users: c.users.map((region, i) => ({
        region,
        share: `${i === 0 ? 100 - each * (n - 1) - c.deficit * 100 : each}%`,
      })),
      operations: { usdPerNodeMonth: `${c.usdPerNode} USD/month`, usdPerRegionMonth: `${c.usdPerRegion} USD/month` },
    }),
    mid,
  );
}

/** searchPlan's first bound on the plan of `regions` and `zones`, computed as the search computes it. */
function firstBound(ctx: Context, regions: string[], zones: number): number {
  const layout = horizontalLayout(
    ctx,
    regions,
    zones,
    screensCompact(ctx) ? compactResolutionS(ctx.scenario.targets.p99S) : 0,
  );
  const fixed = horizontalCost(
    ctx,
    { instance: null, regions, zones, nodesByRegion: regions.map(() => 0) },
    layout,
  ).usdPerMonth;
  let nodesUsd = Number.POSITIVE_INFINITY;
  for (const i of searchableInstances(ctx)) {
    const perNode = cheapestUsdPerHour(ctx, i) * BILLING_HOURS_PER_MONTH + ctx.scenario.operations.usdPerNodeMonth;
    nodesUsd = Math.min(nodesUsd, instanceLowerNodes(ctx, i, layout) * perNode);
  }
  return fixed + nodesUsd;
}

describe('the routing without the layout', () => {
  it("gives every user the layout's serving region, and the layout's shares bit for bit", () => {
    fc.assert(
      fc.property(caseArb, fc.shuffledSubarray(REGIONS, { minLength: 1, maxLength: 8 }), (c, regions) => {
        const ctx = contextOf(c);
        const serving = servingRegions(
          ctx,
          regions.map((r) => ctx.userRttS(r)),
        );
        const layout = horizontalLayout(ctx, regions, 3);
        const share = regions.map(() => 0);
        ctx.scenario.users.forEach((u, k) => {
          share[serving[k] as number] = (share[serving[k] as number] as number) + u.share;
          expect(layout.users[k]?.order[0]).toBe(serving[k]);
        });
        expect(share).toEqual(layout.share);
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});

describe("setNodesFloor is under searchPlan's first bound", () => {
  it('on every set and zone count, and within the slack of it on one-region sets', () => {
    let tight = 0;
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 8 }), fc.constantFrom(1, 2, 3), (c, k, zones) => {
        const ctx = contextOf(c);
        const instances = searchableInstances(ctx);
        const floorOf = setNodesFloor(ctx, instances);
        const fixed = sizeLowerBound(ctx, instances, k, zones).fixedUsdPerMonth;
        for (const regions of regionSubsets(REGIONS, k, k).slice(0, 12)) {
          const floor = floorOf(regions, fixed);
          const bound = firstBound(ctx, regions, zones);
          expect(floor).toBeLessThanOrEqual(bound);
          // a one-region set's floor is its bound but for the margin: a floor any tighter would be above it
          if (k === 1) {
            expect(floor).toBeGreaterThan(bound * (1 - 2 * (SHARE_TOLERANCE + BOUND_SLACK)));
            tight++;
          }
        }
      }),
      { seed: 5, numRuns: 120 },
    );
    expect(tight).toBeGreaterThan(50);
  });
});

/**
 * searchPlan's cost floor of each instance type on the plan of `regions` and `zones` that it tests before passing the
 * type over (plan.fixed plus the nodes availableNodesLowerBound asks, at the type's prices in the set's regions, summed
 * as fleetUsd sums), for the types priced in every region of the set (searchPlan passes the others over). Without
 * autoscaling (the cases here).
 */
function typeFloors(ctx: Context, regions: string[], zones: number): number[] {
  const layout = horizontalLayout(ctx, regions, zones, 0);
  const fixed = horizontalCost(
    ctx,
    { instance: null, regions, zones, nodesByRegion: regions.map(() => 0) },
    layout,
  ).usdPerMonth;
  const out: number[] = [];
  for (const i of searchableInstances(ctx)) {
    const perNode = regions.map((r) => usdPerHourIn(ctx, i, r));
    if (perNode.some((p) => p === undefined)) continue;
    const least = availableNodesLowerBound(ctx, i, layout, zones);
    let usd = 0;
    least.forEach((n, r) => {
      usd += n * ((perNode[r] as number) * BILLING_HOURS_PER_MONTH + ctx.scenario.operations.usdPerNodeMonth);
    });
    out.push(fixed + usd);
  }
  return out;
}

describe('the floors of a whole size and of a set at its prices', () => {
  it('splits n users every way into at most `most` groups, each way once', () => {
    const ways = (n: number, most: number) => [...userSplits(n, most)].map((g) => g.join(','));
    expect(ways(3, 2)).toEqual(['0,0,0', '0,0,1', '0,1,0', '0,1,1']);
    // Stirling numbers of the second kind added: S(4,1) + S(4,2) = 1 + 7; Bell(5) = 52
    expect(new Set(ways(4, 2)).size).toBe(8);
    expect(new Set(ways(5, 5)).size).toBe(52);
    expect(ways(1, 3)).toEqual(['0']);
  });

  it("sizeNodesFloor is under every set's setNodesFloor, and equal to the least of them on some sizes", () => {
    let equal = 0;
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 5 }), (c, k) => {
        const ctx = contextOf(c);
        const instances = searchableInstances(ctx);
        const fixed = sizeLowerBound(ctx, instances, k, 3).fixedUsdPerMonth;
        const size = sizeNodesFloor(ctx, instances)(k, fixed);
        const setFloor = setNodesFloor(ctx, instances);
        let least = Number.POSITIVE_INFINITY;
        for (const regions of regionSubsets(REGIONS, k, k)) {
          const f = setFloor(regions, fixed);
          expect(size).toBeLessThanOrEqual(f);
          least = Math.min(least, f);
        }
        // every split of at most 3 users into k groups is some set's here (8 regions: each user's home alone)
        if (size > least * (1 - 1e-9)) equal++;
      }),
      { seed: 23, numRuns: 60 },
    );
    expect(equal).toBeGreaterThan(20);
  });

  it("pricedSetFloor is under searchPlan's floor of every type priced in the set, and above setNodesFloor often", () => {
    let above = 0;
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 4 }), fc.constantFrom(1, 2, 3), (c, k, zones) => {
        const ctx = contextOf(c);
        const instances = searchableInstances(ctx);
        const fixed = sizeLowerBound(ctx, instances, k, zones).fixedUsdPerMonth;
        const priced = pricedSetFloor(ctx, instances);
        const split = setNodesFloor(ctx, instances);
        for (const regions of regionSubsets(REGIONS, k, k).slice(0, 10)) {
          const floor = priced(regions, fixed);
          for (const bound of typeFloors(ctx, regions, zones)) expect(floor).toBeLessThanOrEqual(bound);
          expect(floor).toBeGreaterThanOrEqual(split(regions, fixed));
          if (floor > split(regions, fixed) * (1 + 1e-6)) above++;
        }
      }),
      { seed: 29, numRuns: 80 },
    );
    expect(above).toBeGreaterThan(100);
  });

  it('give no floor where they cannot: more users than SIZE_FLOOR_MAX_USERS, an autoscaled search', () => {
    const many = contextOf({
      rate: 2000,
      serviceMs: 10,
      workingSetGiB: 8,
      p99Ms: 300,
      availability: '99.9%',
      users: REGIONS.slice(0, 6),
      usdPerRegion: 0,
      usdPerNode: 0,
      deficit: 0,
    });
    expect(sizeNodesFloor(many, searchableInstances(many))(3, 1000)).toBe(0);
    const auto = buildContext(
      parseScenario({
        name: 'autoscaled',
        workload: {
          peakRate: '2000/s',
          serviceTime: '10 ms',
          dailyProfile: [...Array(12).fill(1), ...Array(12).fill(0.5)],
        },
        targets: { p99: '300 ms', availability: '99.9%' },
        users: [{ region: 'us-east-1', share: '100%' }],
        autoscaling: { minNodes: 1 },
      }),
      mid,
    );
    expect(pricedSetFloor(auto, searchableInstances(auto))(['us-east-1', 'eu-west-1'], 1000)).toBe(0);
  });
});

describe('the lazy second phase', () => {
  it('returns what building and sorting every plan returns, dropping plans unbuilt', () => {
    const stats: BoundStats = { passedOver: 0, plansDropped: 0 };
    fc.assert(
      fc.property(caseArb, (c) => {
        const ctx = contextOf(c);
        const lazy = searchHorizontal(ctx, { stats });
        const reference = searchHorizontal(contextOf(c), { lazyPlans: false });
        expect(lazy).toEqual(reference);
      }),
      { seed: 19, numRuns: 25 },
    );
    // the property met plans the floor dropped
    expect(stats.plansDropped).toBeGreaterThan(100);
  }, 240_000);
});
