// The search's screen bounds (src/compare/screenBound.ts, issue 18): the p99 floor of a layout is under every p99 a
// screen gives on it, p99Above says whether the screened p99 is above a point as the p99 itself would (memoised: in
// any order of the points asked), and the
// horizontal search that passes over designs that cannot matter returns what the search that settles every design
// returns: the same answer, figure for figure, and the same frontier (brute force over a small catalog, with cases
// where a design meets every target and cases where none does and the closest miss is ranked; the frontier's dearer
// sample leaves out unsettled what the frontier beats: searchHorizontal.ts sampleDearer); so does the vertical
// search that passes over sites and sizes that cannot matter (size.ts cannotEnter, choiceCannotMatter; with a best
// that meets every target, a dearer size that meets the p99 and that the frontier beats: dearerAndBeaten; a site
// whose choice cannot matter, proven before any size's p99 is computed: choiceSurelyCannotMatter).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Catalog, type Instance, loadCatalog } from '../../src/catalog/index.js';
import { buildContext, type Context } from '../../src/compare/context.js';
import type { HorizontalDesign } from '../../src/compare/designKinds.js';
import { screenHorizontal, screenP99Above } from '../../src/compare/evaluateHorizontal.js';
import { nonDominated } from '../../src/compare/frontier.js';
import { horizontalLayout, screensCompact } from '../../src/compare/layout.js';
import { BOUND_SLACK, floorStanding, p99FloorS, pathsP99FloorS, siteP99FloorS } from '../../src/compare/screenBound.js';
import { searchHorizontal } from '../../src/compare/searchHorizontal.js';
import { nodesPerRegion, searchVertical } from '../../src/compare/size.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import { propertyScenario } from '../helpers/propertyScenario.js';

const catalog = loadCatalog();

/** A small catalog: five regions on four continents and five instance types (searches of a few seconds at most). */
const SMALL_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1', 'sa-east-1'];
const SMALL_INSTANCES = ['m6i.large', 'm6i.xlarge', 'm6i.2xlarge', 'r7i.xlarge', 'r7i.2xlarge'];
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

/** Cases: p99 targets from tight (no design meets them across oceans: the closest miss is ranked) to loose. */
const caseArb = fc.record({
  rate: fc.integer({ min: 200, max: 20000 }),
  serviceMs: fc.integer({ min: 1, max: 12 }),
  workingSetGiB: fc.integer({ min: 1, max: 120 }),
  availability: fc.constantFrom('99%', '99.9%', '99.95%', '99.99%'),
  p99Ms: fc.constantFrom(20, 35, 50, 80, 150, 400),
  strong: fc.boolean(),
  replication: fc.integer({ min: 1, max: 3 }),
  budget: fc.option(fc.integer({ min: 1000, max: 30000 }), { nil: null, freq: 3 }),
  users: fc.shuffledSubarray([...SMALL_REGIONS], { minLength: 1, maxLength: 5 }),
});

function designOn(ctx: Context, instance: Instance, regions: string[], zones: number, spares: number) {
  const layout = horizontalLayout(ctx, regions, zones);
  const spec = { name: 'd', origin: 'searched' as const, regions, spares, zones, balancer: 'least-loaded' as const };
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
  spares: fc.integer({ min: 0, max: 6 }),
});

describe('the p99 floor and the p99 side test', () => {
  it('the floor is under the p99 of every design screened on the layout; p99Above agrees with that p99', () => {
    fc.assert(
      fc.property(
        caseArb,
        designArb,
        fc.array(fc.double({ min: 0.2, max: 3, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (sc, x, scales) => {
          const ctx = buildContext(parseScenario(propertyScenario(sc)), small);
          const { d, layout } = designOn(ctx, small.instance(x.instance) as Instance, x.regions, x.zones, x.spares);
          const p99Ms = screenHorizontal(ctx, d, layout).latency.p99Ms;
          if (p99Ms === null) return;
          const p99S = p99Ms / 1000;
          expect(p99FloorS(layout)).toBeLessThanOrEqual(p99S);
          // points around the p99 (and the p99 itself), in any order: the memo of what earlier points found answers
          // later ones, never against the p99 (at most it means within the decision margin, 1e-9)
          for (const xS of [...scales.map((k) => p99S * k), p99S, p99S * (1 + 1e-6), p99S * (1 - 1e-6)]) {
            if (screenP99Above(ctx, d, layout, xS)) expect(p99S).toBeGreaterThan(xS);
            else expect(p99S).toBeLessThanOrEqual(xS * (1 + 1e-8));
          }
        },
      ),
      { seed: 11, numRuns: 120 },
    );
  });

  it('by hand: 95% of the requests at 10 ms and 5% at 80 ms (no writes) floor the p99 at 80 ms', () => {
    const path = (share: number, networkS: number) => ({
      region: 'x',
      share,
      networkS,
      writeExtraS: 0,
      writeFraction: 0,
    });
    const layout = { paths: [[path(0.95, 0.01)], [path(0.05, 0.08)]], share: [0.95, 0.05], users: [] };
    expect(p99FloorS(layout)).toBeCloseTo(0.08 * (1 - BOUND_SLACK), 15);
    // exactly 1% beyond a network time is not enough to floor the p99 there (its survival may round to 1%)
    const edge = { paths: [[path(0.99, 0.01)], [path(0.01, 0.08)]], share: [0.99, 0.01], users: [] };
    expect(p99FloorS(edge)).toBeCloseTo(0.01 * (1 - BOUND_SLACK), 15);
  });

  it("a site's floor is kept per paths array: pathsP99FloorS of that site, on every call", () => {
    const path = (share: number, networkS: number, writeFraction: number) => ({
      region: 'x',
      share,
      networkS,
      writeExtraS: 0.03,
      writeFraction,
    });
    const a = [path(0.95, 0.01, 0.2), path(0.05, 0.08, 0)];
    const b = [path(0.5, 0.02, 0), path(0.5, 0.04, 0.5)];
    for (const paths of [a, b, a, b]) expect(siteP99FloorS(paths)).toBe(pathsP99FloorS([paths]));
    // each array its own (the second's figure is not the first's)
    expect(siteP99FloorS(a)).not.toBe(siteP99FloorS(b));
  });

  it('figures at floors: the shortfall grows with the p99 and counts only the targets surely missed', () => {
    const ctx = buildContext(
      parseScenario(
        propertyScenario({
          rate: 1000,
          serviceMs: 4,
          workingSetGiB: 8,
          availability: '99.9%',
          p99Ms: 50,
          strong: false,
          users: ['us-east-1'],
          budget: 1000,
        }),
      ),
      small,
    );
    const at = (p99S: number) => floorStanding(ctx, { usdPerMonth: 1500, unavailability: 1e-4, p99S });
    // within the availability target; 50% over the budget; the p99 over its target by 0, then 10%
    expect(at(0.04).misses).toBe(true);
    expect(at(0.04).shortfall).toBeCloseTo(0.5, 12);
    expect(at(0.055).shortfall).toBeCloseTo(0.6, 12);
    expect(at(0.055).objectives[2]).toBe(5500);
  });
});

/** The answer and the frontier of a search of the small catalog, with or without the screen bounds. */
function searched(raw: unknown, screenBounds: boolean) {
  const ctx = buildContext(parseScenario(raw), small);
  const stats = { passedOver: 0 };
  const answer = searchHorizontal(ctx, { screenBounds, stats });
  return { answer, frontier: nonDominated(ctx.seen ?? []), compact: screensCompact(ctx), passedOver: stats.passedOver };
}

describe('the search with the screen bounds returns what it returns without them', () => {
  it('the same answer and the same frontier, whether a design meets every target or none does', () => {
    let misses = 0;
    let meets = 0;
    // designs the bounds passed over: in searches where none meets every target (the closest miss) and in the others
    const passedOver = { misses: 0, meets: 0 };
    fc.assert(
      fc.property(caseArb, (sc) => {
        const raw = propertyScenario(sc);
        const bounded = searched(raw, true);
        const every = searched(raw, false);
        expect(JSON.stringify(bounded.answer)).toBe(JSON.stringify(every.answer));
        expect(JSON.stringify(bounded.frontier)).toBe(JSON.stringify(every.frontier));
        // the reference passes nothing over: every design it screens is settled
        expect(every.passedOver).toBe(0);
        if (every.answer.feasible) meets++;
        else misses++;
        passedOver[every.answer.feasible ? 'meets' : 'misses'] += bounded.passedOver;
      }),
      { seed: 5, numRuns: 40 },
    );
    // both kinds of search were compared, and the bounds passed designs over in both (the comparison is not vacuous)
    expect(misses).toBeGreaterThan(5);
    expect(meets).toBeGreaterThan(5);
    expect(passedOver.misses).toBeGreaterThan(0);
    expect(passedOver.meets).toBeGreaterThan(0);
  }, 240_000);
});

/** The answer and the frontier of a vertical search of the small catalog, with or without its bounds. */
function searchedVertical(raw: unknown, screenBounds: boolean) {
  const ctx = buildContext(parseScenario(raw), small);
  const stats = { passedOver: 0 };
  const answer = searchVertical(ctx, { screenBounds, stats });
  return { answer, frontier: nonDominated(ctx.seen ?? []), passedOver: stats.passedOver };
}

describe('the vertical search with its bounds returns what it returns without them', () => {
  it('the same answer and the same frontier, whether a site meets every target or none does', () => {
    let misses = 0;
    let meets = 0;
    const passedOver = { misses: 0, meets: 0 };
    fc.assert(
      fc.property(caseArb, (sc) => {
        const raw = propertyScenario(sc);
        const bounded = searchedVertical(raw, true);
        const every = searchedVertical(raw, false);
        expect(JSON.stringify(bounded.answer)).toBe(JSON.stringify(every.answer));
        expect(JSON.stringify(bounded.frontier)).toBe(JSON.stringify(every.frontier));
        expect(every.passedOver).toBe(0);
        if (every.answer.feasible) meets++;
        else misses++;
        passedOver[every.answer.feasible ? 'meets' : 'misses'] += bounded.passedOver;
      }),
      { seed: 9, numRuns: 150 },
    );
    expect(misses).toBeGreaterThan(5);
    expect(meets).toBeGreaterThan(5);
    expect(passedOver.misses).toBeGreaterThan(0);
    expect(passedOver.meets).toBeGreaterThan(0);
  }, 240_000);
});
