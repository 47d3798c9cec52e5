// Pricing models (pricing.model; src/compare/nodePrice.ts, spot.ts): costs recomputed by hand from the reference
// ../shared/reference/prices.json (instances[].usdPerHour, commitments[], commitmentDiscountRatios, spot[]; the figures
// are copied below with their place in the file), the derivations where the reference has no rate, the order of the
// models and of regions (fast-check), spot interruptions as node failures, and the input errors (exit 2).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { buildContext, withPricing } from '../../src/compare/context.js';
import { evaluateHorizontal } from '../../src/compare/evaluateHorizontal.js';
import { evaluateVertical } from '../../src/compare/evaluateVertical.js';
import { compareScenario } from '../../src/compare/index.js';
import { horizontalLayout } from '../../src/compare/layout.js';
import { unitPrice } from '../../src/compare/nodePrice.js';
import { BURSTABLE_FAMILIES } from '../../src/compare/size.js';
import { BAND_MONTHLY_SHARE, interruptionRatePerS } from '../../src/compare/spot.js';
import { PRICING_MODELS } from '../../src/scenario/options.js';
import type { PricingModel, Scenario } from '../../src/scenario/types.js';
import { expectClose } from '../helpers/expectClose.js';
import { errorsOf } from '../scenario/example.js';
import { smallScenario } from './scenario.js';

const catalog = loadCatalog();
const HOURS = 730;
/** Tolerance of a cost recomputed by hand: the same products in another order. */
const REL = 1e-12;
const inst = (name: string) => {
  const i = catalog.instance(name);
  if (!i) throw new Error(name);
  return i;
};

// prices.json: instances[] usdPerHour
const OD = {
  'm7i.xlarge': { 'us-east-1': 0.2016, 'eu-west-1': 0.2247, 'ap-northeast-1': 0.2604 },
  'm7g.xlarge': { 'us-east-1': 0.1632, 'eu-west-1': 0.1819 },
  'x2iedn.32xlarge': { 'ap-northeast-1': 38.682 },
};
// prices.json: commitments[] (netflix-3yr-ri: m7i.xlarge us-east-1 3y all-upfront standard; vantage-x2iedn-2026 grid)
const M7I_XL_3Y_USE1 = 0.079604;
const X2_AP_NE_1 = { '1y all-upfront': 22.214269, '1y no-upfront': 23.80103, '3y all-upfront': 10.799239 };
// prices.json: commitmentDiscountRatios.ratios (x2iedn.32xlarge grid, identical in all 15 regions)
const GRID = { '1y all-upfront': 0.4257, '1y no-upfront': 0.3847, '3y all-upfront': 0.7208, '3y no-upfront': 0.6792 };
// prices.json: spot[] m7g.xlarge eu-west-1: typicalDiscount 0.53, interruptionBand "5-10%"
const M7G_XL_EU_SPOT = 0.53;

/** One box of `name`, no standby, in `region`, priced under `model`: its cost is the box alone. */
function box(name: string, region: string, model: PricingModel, s: Scenario = smallScenario()) {
  const ctx = withPricing(buildContext(s, catalog), model);
  return evaluateVertical(ctx, {
    kind: 'vertical',
    name: 'box',
    origin: 'explicit',
    instance: inst(name),
    region,
    standby: 'none',
    standbyRegion: null,
  });
}

describe('a box priced under each model, by hand from the reference', () => {
  it('on-demand: the region list price x 730 h', () => {
    const r = box('m7i.xlarge', 'ap-northeast-1', 'on-demand');
    expectClose(r.cost.usdPerMonth, OD['m7i.xlarge']['ap-northeast-1'] * HOURS, { rel: REL });
    expect(r.cost.pricingModel).toBe('on-demand');
    expect(r.cost.prices[0]).toMatchObject({ pricingModel: 'on-demand', derived: null });
  });

  it('reserved-3y in us-east-1: the listed effective rate (netflix-3yr-ri), not derived', () => {
    const r = box('m7i.xlarge', 'us-east-1', 'reserved-3y');
    expectClose(r.cost.usdPerMonth, M7I_XL_3Y_USE1 * HOURS, { rel: REL }, '0.079604 x 730 = 58.11');
    expect(r.cost.prices[0]).toMatchObject({
      pricingModel: 'reserved-3y',
      onDemandUsdPerHour: 0.2016,
      derived: null,
      source: 'netflix-3yr-ri-c15e03e1',
    });
    expect(r.cost.pricingModel).toBe('reserved-3y');
  });

  it('reserved-3y in eu-west-1: derived, the us-east-1 ratio 0.079604 / 0.2016 applied to 0.2247', () => {
    const r = box('m7i.xlarge', 'eu-west-1', 'reserved-3y');
    const expected = OD['m7i.xlarge']['eu-west-1'] * (M7I_XL_3Y_USE1 / OD['m7i.xlarge']['us-east-1']) * HOURS;
    expectClose(r.cost.usdPerMonth, expected, { rel: REL }, 'about 64.77 USD a month');
    expectClose(expected, 64.77, { rel: 1e-3 });
    expect(r.cost.prices[0]?.derived).toMatch(/ASSUMPTION: the same discount in every region/);
  });

  it("reserved-1y in eu-west-1: derived, the 3-year discount x the grid's 0.4257 / 0.7208", () => {
    const d3 = 1 - M7I_XL_3Y_USE1 / OD['m7i.xlarge']['us-east-1'];
    const expected =
      OD['m7i.xlarge']['eu-west-1'] * (1 - d3 * (GRID['1y all-upfront'] / GRID['3y all-upfront'])) * HOURS;
    const r = box('m7i.xlarge', 'eu-west-1', 'reserved-1y');
    expectClose(r.cost.usdPerMonth, expected, { rel: REL });
    expectClose(d3 * (GRID['1y all-upfront'] / GRID['3y all-upfront']), 0.3574, { rel: 1e-3 }, 'a 35.7% discount');
    expect(r.cost.prices[0]?.derived).toMatch(/x2iedn\.32xlarge grid's 1-year all-upfront standard discount/);
  });

  it('savings-plan-3y in ap-northeast-1: an ASSUMPTION, the no-upfront 3-year grid fraction 0.6792 / 0.7208', () => {
    const d3 = 1 - M7I_XL_3Y_USE1 / OD['m7i.xlarge']['us-east-1'];
    const expected =
      OD['m7i.xlarge']['ap-northeast-1'] * (1 - d3 * (GRID['3y no-upfront'] / GRID['3y all-upfront'])) * HOURS;
    const r = box('m7i.xlarge', 'ap-northeast-1', 'savings-plan-3y');
    expectClose(r.cost.usdPerMonth, expected, { rel: REL });
    expect(r.cost.prices[0]?.derived).toMatch(/^ASSUMPTION: no Savings Plans rate is stored/);
    expect(r.cost.method).toMatch(/ASSUMPTION/);
  });

  it('x2iedn.32xlarge in ap-northeast-1: the grid lists 1-year rates there (reserved listed; savings plan from its row)', () => {
    expectClose(
      box('x2iedn.32xlarge', 'ap-northeast-1', 'reserved-1y', smallScenario()).cost.usdPerMonth,
      X2_AP_NE_1['1y all-upfront'] * HOURS,
      {
        rel: REL,
      },
    );
    expectClose(
      box('x2iedn.32xlarge', 'ap-northeast-1', 'reserved-3y').cost.usdPerMonth,
      X2_AP_NE_1['3y all-upfront'] * HOURS,
      {
        rel: REL,
      },
    );
    const sp = box('x2iedn.32xlarge', 'ap-northeast-1', 'savings-plan-1y');
    expectClose(sp.cost.usdPerMonth, X2_AP_NE_1['1y no-upfront'] * HOURS, { rel: REL });
    expect(sp.cost.prices[0]?.derived).toMatch(/ASSUMPTION.*listed here/);
    expect(OD['x2iedn.32xlarge']['ap-northeast-1']).toBe(
      unitPrice(catalog, inst('x2iedn.32xlarge'), 'ap-northeast-1', 'on-demand')?.usdPerHour,
    );
  });

  it('spot: a stateless fleet of m7g.xlarge in eu-west-1 at 0.1819 x (1 - 0.53) per node-hour', () => {
    const s = smallScenario({ peakRatePerS: 2000, workingSetBytes: 0, writeFraction: 0 }, [
      { region: 'eu-west-1', location: null, share: 1 },
    ]);
    const ctx = withPricing(buildContext(s, catalog), 'spot');
    const d = {
      kind: 'horizontal' as const,
      name: 'fleet',
      origin: 'explicit' as const,
      instance: inst('m7g.xlarge'),
      regions: ['eu-west-1'],
      nodesByRegion: [8],
      spares: 1,
      zones: 3,
      balancer: 'least-loaded' as const,
    };
    const r = evaluateHorizontal(ctx, d, horizontalLayout(ctx, d.regions, d.zones));
    expectClose(r.cost.breakdown.computeUsdPerMonth, 8 * OD['m7g.xlarge']['eu-west-1'] * (1 - M7G_XL_EU_SPOT) * HOURS, {
      rel: REL,
    });
    expect(r.cost.pricingModel).toBe('spot');
    expect(r.cost.prices[0]).toMatchObject({ source: 'spot-advisor-2025-06-28', pricingModel: 'spot' });
    // the balancer stays at list price: the same as on demand
    const od = evaluateHorizontal(withPricing(ctx, 'on-demand'), d, horizontalLayout(ctx, d.regions, d.zones));
    expect(r.cost.breakdown.loadBalancerUsdPerMonth).toBe(od.cost.breakdown.loadBalancerUsdPerMonth);
    // interruptions are node failures: band 5-10% taken as 7.5% a month, lambda = -ln(0.925) / 730 h
    const lambda = -Math.log(1 - 0.075) / (HOURS * 3600);
    expectClose(interruptionRatePerS(BAND_MONTHLY_SHARE['5-10%']), lambda, { rel: 1e-15 });
    const mtbf = s.reliability.node.mtbfS;
    const note = r.notes.find((n) => n.startsWith('spot:')) as string;
    expect(note).toContain(
      `node MTBF ${(mtbf / 3600).toPrecision(4)} h -> ${(1 / (1 / mtbf + lambda) / 3600).toPrecision(4)} h`,
    );
    expect(r.availability.unavailability).toBeGreaterThan(od.availability.unavailability);
  });
});

describe('properties of the models (fast-check)', () => {
  const types = catalog.instances.filter((i) => i.provider === 'aws' && !BURSTABLE_FAMILIES.has(i.family));
  const typeArb = fc.constantFrom(...types);
  const regionArb = fc.constantFrom(...catalog.regions.map((r) => r.id));

  it('per node-hour, 3y <= 1y <= on-demand, for reservations and for savings plans, in every region', () => {
    fc.assert(
      fc.property(typeArb, regionArb, (i, region) => {
        const p = (m: PricingModel) => unitPrice(catalog, i, region, m)?.usdPerHour;
        const od = p('on-demand');
        if (od === undefined) {
          for (const m of PRICING_MODELS) expect(p(m)).toBeUndefined();
          return;
        }
        for (const [three, one] of [
          ['reserved-3y', 'reserved-1y'],
          ['savings-plan-3y', 'savings-plan-1y'],
        ] as const) {
          // a type without a us-east-1 3-year rate (the older high-memory u-*, x1 types) has no rate to derive from
          if (p(three) === undefined) {
            expect(p(one)).toBeUndefined();
            continue;
          }
          expect(p(three) as number).toBeLessThanOrEqual(p(one) as number);
          expect(p(one) as number).toBeLessThanOrEqual(od);
        }
        const spot = p('spot');
        if (spot !== undefined) expect(spot).toBeLessThanOrEqual(od);
      }),
      { numRuns: 400, seed: 15 },
    );
  });

  it("a design's monthly cost: reserved-3y <= reserved-1y <= on-demand (a box with a hot standby, any type and region)", () => {
    fc.assert(
      fc.property(typeArb, regionArb, (i, region) => {
        if (unitPrice(catalog, i, region, 'reserved-3y') === undefined) return;
        const s = smallScenario({}, [{ region, location: null, share: 1 }]);
        const ctx = buildContext(s, catalog);
        const cost = (m: PricingModel) =>
          evaluateVertical(withPricing(ctx, m), {
            kind: 'vertical',
            name: 'b',
            origin: 'explicit',
            instance: i,
            region,
            standby: 'hot',
            standbyRegion: null,
          }).cost.usdPerMonth;
        expect(cost('reserved-3y')).toBeLessThanOrEqual(cost('reserved-1y'));
        expect(cost('reserved-1y')).toBeLessThanOrEqual(cost('on-demand'));
        expect(cost('savings-plan-3y')).toBeLessThanOrEqual(cost('savings-plan-1y'));
        expect(cost('savings-plan-1y')).toBeLessThanOrEqual(cost('on-demand'));
      }),
      { numRuns: 150, seed: 15 },
    );
  });

  it('moving a fleet to a region where its type is dearer under the model never lowers its cost (every model)', () => {
    fc.assert(
      fc.property(
        typeArb,
        regionArb,
        regionArb,
        fc.constantFrom(...PRICING_MODELS),
        fc.integer({ min: 1, max: 40 }),
        (i, a, b, model, nodes) => {
          const pa = unitPrice(catalog, i, a, model)?.usdPerHour;
          const pb = unitPrice(catalog, i, b, model)?.usdPerHour;
          if (pa === undefined || pb === undefined || a === b) return;
          const [cheap, dear] = pa <= pb ? [a, b] : [b, a];
          const s = smallScenario({ workingSetBytes: 0, writeFraction: 0 }, [
            { region: 'us-east-1', location: null, share: 1 },
          ]);
          const ctx = withPricing(buildContext(s, catalog), model);
          const cost = (region: string) => {
            const d = {
              kind: 'horizontal' as const,
              name: 'f',
              origin: 'explicit' as const,
              instance: i,
              regions: [region],
              nodesByRegion: [nodes],
              spares: 1,
              zones: 3,
              balancer: 'least-loaded' as const,
            };
            return evaluateHorizontal(ctx, d, horizontalLayout(ctx, d.regions, d.zones)).cost.usdPerMonth;
          };
          expect(cost(dear)).toBeGreaterThanOrEqual(cost(cheap));
        },
      ),
      { numRuns: 200, seed: 15 },
    );
  });
});

describe('pricing.model in a scenario: per scenario, per candidate, and what is refused (exit 2)', () => {
  const fleet = (extra: Record<string, unknown> = {}) => ({
    name: 'fleet',
    kind: 'horizontal',
    family: 'm7g',
    size: 'xlarge',
    regions: ['eu-west-1'],
    ...extra,
  });
  const scenario = (over: Record<string, unknown>) => ({
    name: 'pricing',
    workload: { peakRate: '2000/s', serviceTime: '10 ms' },
    targets: { p99: '200 ms', availability: '99.9%' },
    users: [{ region: 'eu-west-1', share: 1 }],
    ...over,
  });

  it('the scenario model applies to every candidate unless one names its own; cost.pricingModel says which', async () => {
    const { parseScenario } = await import('../../src/scenario/normalize.js');
    const s = parseScenario(
      scenario({
        pricing: { model: 'reserved-3y' },
        architectures: [
          { name: 'box', kind: 'vertical', family: 'm7i', size: 'xlarge', regions: ['eu-west-1'] },
          fleet({ pricing: { model: 'spot' } }),
        ],
      }),
    );
    expect(s.pricing).toBe('reserved-3y');
    const r = compareScenario(s, catalog);
    expect(r.architectures.map((a) => a.cost.pricingModel)).toEqual(['reserved-3y', 'spot']);
    expect(parseScenario(scenario({})).defaulted).toContain('pricing.model');
  });

  it('spot on a vertical, a stateful or a searched design, and a model without a rate in a region, are refused', () => {
    expect(
      errorsOf(
        scenario({
          architectures: [
            { name: 'box', kind: 'vertical', family: 'm7i', regions: ['eu-west-1'], pricing: { model: 'spot' } },
          ],
        }),
      ),
    ).toEqual([expect.stringMatching(/^architectures\[0\]\.pricing\.model: "spot": expected .*it is vertical/)]);
    expect(
      errorsOf(
        scenario({
          workload: { peakRate: '2000/s', serviceTime: '10 ms', writeFraction: '10%' },
          pricing: { model: 'spot' },
          architectures: [fleet()],
        }),
      ),
    ).toEqual([
      expect.stringMatching(/^pricing\.model: "spot": expected .*keep data \(workload\.writeFraction 0\.1\)/),
    ]);
    // a search on spot of a workload that keeps data (one of a stateless workload buys spot where it applies:
    // spotTiers.test.ts)
    expect(
      errorsOf(
        scenario({
          workload: { peakRate: '2000/s', serviceTime: '10 ms', writeFraction: '10%' },
          pricing: { model: 'spot' },
        }),
      ),
    ).toEqual([
      expect.stringMatching(/^pricing\.model: "spot": expected a pricing model other than "spot" for this search/),
    ]);
    expect(errorsOf(scenario({ architectures: [fleet({ family: 'x8i', pricing: { model: 'spot' } })] }))).toEqual([
      'architectures[0].regions[0]: "eu-west-1": expected a region where x8i.xlarge has a spot price (Spot Advisor lists no x8i.xlarge in eu-west-1); regions with one: none',
    ]);
    expect(
      errorsOf(
        scenario({
          architectures: [fleet({ family: 'm7i', regions: ['af-south-1'], pricing: { model: 'reserved-1y' } })],
        }),
      )[0],
    ).toMatch(
      /^architectures\[0\]\.regions\[0\]: "af-south-1": expected a region where m7i\.xlarge has a reserved-1y price .*regions with one: us-east-1, /,
    );
    expect(errorsOf(scenario({ pricing: { model: 'reserved-2y' } }))[0]).toMatch(
      /^pricing\.model: "reserved-2y": expected one of "on-demand", "reserved-1y", "reserved-3y", "savings-plan-1y", "savings-plan-3y", "spot"/,
    );
  });
});
