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
import { instanceLowerNodes, sizeLowerBound } from '../../src/compare/horizontalBounds.js';
import { horizontalCost } from '../../src/compare/horizontalCost.js';
import { compactResolutionS, horizontalLayout, screensCompact, servingRegions } from '../../src/compare/layout.js';
import { cheapestUsdPerHour } from '../../src/compare/nodePrice.js';
import { BOUND_SLACK, type BoundStats } from '../../src/compare/screenBound.js';
import { regionSubsets, searchHorizontal, setNodesFloor } from '../../src/compare/searchHorizontal.js';
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
