// The vertical search against explicit designs (issue 11's property, for the vertical kind, whose search is exact:
// every family's smallest size that carries the load, every user region, every standby kind, the standby in another
// zone or in the nearest other region; README "Search and recommendation"): no explicitly written vertical design
// that meets every target is cheaper than the searched best vertical.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { buildContext, compareScenario } from '../../src/compare/index.js';
import { searchVertical } from '../../src/compare/size.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import { propertyScenario } from '../helpers/propertyScenario.js';

const catalog = loadCatalog();
const REGIONS = catalog.regions.map((r) => r.id);
const FAMILIES = ['m6i', 'm7i', 'r7i'];

const scenarioArb = fc.record({
  rate: fc.integer({ min: 50, max: 4000 }),
  serviceMs: fc.integer({ min: 1, max: 30 }),
  workingSetGiB: fc.integer({ min: 1, max: 400 }),
  availability: fc.constantFrom('99.5%', '99.9%', '99.95%', '99.99%'),
  p99Ms: fc.integer({ min: 40, max: 500 }),
  strong: fc.boolean(),
  users: fc.shuffledSubarray(['us-east-1', 'eu-west-1', 'ap-northeast-1'], { minLength: 1, maxLength: 2 }),
});

const designArb = fc.record({
  family: fc.constantFrom(...FAMILIES),
  sizeIndex: fc.nat(),
  region: fc.nat(),
  standby: fc.constantFrom('none', 'cold', 'hot'),
  standbyRegion: fc.option(fc.constantFrom(...REGIONS), { nil: null, freq: 2 }),
});

describe('the vertical search is never beaten by an explicit vertical design', () => {
  it('no explicit vertical design meeting every target is cheaper than the best vertical', () => {
    let compared = 0;
    fc.assert(
      fc.property(scenarioArb, fc.array(designArb, { minLength: 3, maxLength: 6 }), (sc, designs) => {
        // at most two user regions: the whole-percent shares are the even split
        const base = propertyScenario(sc);
        // the vertical search alone (compareScenario would run the horizontal search too)
        const best = searchVertical(buildContext(parseScenario(base), catalog));
        const architectures = designs.map((d, i) => {
          const sizes = catalog.families.get(d.family) ?? [];
          const size = sizes[d.sizeIndex % sizes.length]?.size;
          const region = sc.users[d.region % sc.users.length] as string;
          // a standby region where the family has a price (m7i and r7i have none in af-south-1)
          const priced = sizes.every((i) => d.standbyRegion === null || catalog.onDemandPrice(i, d.standbyRegion));
          const standbyRegion = d.standby !== 'none' && d.standbyRegion !== region && priced ? d.standbyRegion : null;
          return {
            name: `explicit ${i}`,
            kind: 'vertical',
            family: d.family,
            size,
            regions: standbyRegion === null ? [region] : [region, standbyRegion],
            standby: d.standby,
          };
        });
        const explicit = compareScenario(parseScenario({ ...base, architectures }), catalog);
        for (const a of explicit.architectures) {
          if (!a.feasible) continue;
          compared++;
          expect(best.feasible, `${a.name} (${a.instance.name}) meets every target, so the search must too`).toBe(true);
          expect(best.cost.usdPerMonth).toBeLessThanOrEqual(a.cost.usdPerMonth * (1 + 1e-12));
        }
      }),
      { seed: 11, numRuns: 25 },
    );
    // the property compared real contenders, not only designs that miss a target
    expect(compared).toBeGreaterThan(10);
  });
});
