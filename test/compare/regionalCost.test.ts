// Costs priced at the region where each node runs (src/compare/nodePrice.ts, cost.ts), recomputed by hand from the
// reference ../shared/reference/prices.json (usdPerHour of each type and region) x 730 h a month.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { buildContext } from '../../src/compare/context.js';
import { evaluateHorizontal } from '../../src/compare/evaluateHorizontal.js';
import { evaluateVertical } from '../../src/compare/evaluateVertical.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import type { Scenario, Standby } from '../../src/scenario/types.js';
import { expectClose } from '../helpers/expectClose.js';
import { inputError } from '../helpers/inputError.js';
import { smallScenario } from './scenario.js';

const catalog = loadCatalog();
const inst = (name: string) => {
  const i = catalog.instance(name);
  if (!i) throw new Error(name);
  return i;
};
const HOURS = 730;

/** A small scenario: one user region, light load, some writes (smallScenario with a tenth of requests writing). */
const small = (users?: Scenario['users']): Scenario => smallScenario({ writeFraction: 0.1 }, users);

const ctx = buildContext(small(), catalog);

const box = (instance: string, region: string, standby: Standby = 'none', standbyRegion: string | null = null) =>
  evaluateVertical(ctx, {
    kind: 'vertical',
    name: 'box',
    origin: 'explicit',
    instance: inst(instance),
    region,
    standby,
    standbyRegion,
  });

const fleet = (instance: string, regions: string[], nodesByRegion: number[], zones = 3) =>
  evaluateHorizontal(ctx, {
    kind: 'horizontal',
    name: 'fleet',
    origin: 'explicit',
    instance: inst(instance),
    regions,
    nodesByRegion,
    spares: 1,
    zones,
    balancer: 'least-loaded',
  });

describe('regional prices in costs (hand-computed from prices.json)', () => {
  it('m7i.4xlarge: $588.67/month in us-east-1, $760.37 in ap-northeast-1 (29.2% dearer)', () => {
    const east = box('m7i.4xlarge', 'us-east-1');
    const tokyo = box('m7i.4xlarge', 'ap-northeast-1');
    expectClose(east.cost.breakdown.computeUsdPerMonth, 0.8064 * HOURS, { rel: 1e-12 }); // 588.672
    expectClose(tokyo.cost.breakdown.computeUsdPerMonth, 1.0416 * HOURS, { rel: 1e-12 }); // 760.368
    expectClose(tokyo.cost.breakdown.computeUsdPerMonth / east.cost.breakdown.computeUsdPerMonth, 1.2917, {
      rel: 1e-4,
    });
    expect(tokyo.instance.usdPerHour).toBe(1.0416);
    expect(tokyo.cost.prices).toEqual([
      {
        instance: 'm7i.4xlarge',
        region: 'ap-northeast-1',
        usdPerHour: 1.0416,
        pricingModel: 'on-demand',
        onDemandUsdPerHour: 1.0416,
        source: 'vantage-regional-2024-04-04',
        derived: null,
      },
    ]);
  });

  it('a hot standby in another region runs at that region’s price (m7i.2xlarge: us-east-1 0.4032, eu-west-1 0.4494)', () => {
    const r = box('m7i.2xlarge', 'us-east-1', 'hot', 'eu-west-1');
    expectClose(r.cost.breakdown.computeUsdPerMonth, 0.4032 * HOURS, { rel: 1e-12 });
    expectClose(r.cost.breakdown.standbyUsdPerMonth, 0.4494 * HOURS, { rel: 1e-12 });
    expect(r.cost.prices.map((p) => p.region)).toEqual(['us-east-1', 'eu-west-1']);
  });

  it('a fleet over two regions pays each region’s price (m7g.large: us-east-1 0.0816, ap-south-1 0.0583)', () => {
    const r = fleet('m7g.large', ['us-east-1', 'ap-south-1'], [3, 2]);
    expectClose(r.cost.breakdown.computeUsdPerMonth, (3 * 0.0816 + 2 * 0.0583) * HOURS, { rel: 1e-12 });
  });

  it('lists a derived price with its derivation (x8i.large in eu-west-1: 0.21883 x x2iedn 1.2)', () => {
    const r = box('x8i.large', 'eu-west-1');
    expectClose(r.cost.breakdown.computeUsdPerMonth, 0.21883 * 1.2 * HOURS, { rel: 1e-6 });
    expect(r.cost.prices[0]?.derived).toMatch(/x2iedn/);
  });

  it('property: moving a design to a region where its type is dearer never lowers its cost', () => {
    const aws = catalog.instances.filter((i) => i.provider === 'aws' && i.vcpu <= 16);
    const regions = catalog.regions.map((r) => r.id);
    fc.assert(
      fc.property(
        fc.constantFrom(...aws),
        fc.constantFrom(...regions),
        fc.constantFrom(...regions),
        fc.constantFrom<Standby>('none', 'cold', 'hot'),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 3 }),
        (i, a, b, standby, nodes, zones) => {
          const pa = catalog.onDemandPrice(i, a)?.usdPerHour;
          const pb = catalog.onDemandPrice(i, b)?.usdPerHour;
          fc.pre(pa !== undefined && pb !== undefined && pb >= pa);
          const va = box(i.name, a, standby).cost.usdPerMonth;
          const vb = box(i.name, b, standby).cost.usdPerMonth;
          expect(vb).toBeGreaterThanOrEqual(va);
          const ha = fleet(i.name, [a], [nodes], zones).cost.usdPerMonth;
          const hb = fleet(i.name, [b], [nodes], zones).cost.usdPerMonth;
          expect(hb).toBeGreaterThanOrEqual(ha);
        },
      ),
      { seed: 15, numRuns: 150 },
    );
  });
});

describe('a region with no price for a type', () => {
  const raw = (architecture: Record<string, unknown>) => ({
    name: 'x',
    workload: { peakRate: '50/s', serviceTime: '20 ms', workingSet: '1 GiB' },
    targets: { p99: '500 ms', availability: '99.9%' },
    users: [{ region: 'af-south-1', share: 1 }],
    architectures: [{ name: 'box', kind: 'vertical', ...architecture }],
  });

  it('is an input error naming the field, the region and where the type has a price', () => {
    const message = inputError(() => parseScenario(raw({ family: 'm7i', size: 'large', regions: ['af-south-1'] })));
    expect(message).toMatch(/architectures\[0\]\.regions\[0\]/);
    expect(message).toMatch(/af-south-1/);
    expect(message).toMatch(/m7i\.large/);
    expect(message).toMatch(/us-east-1/);
  });

  it('accepts a family that is priced there (m6i in af-south-1)', () => {
    expect(() => parseScenario(raw({ family: 'm6i', regions: ['af-south-1'] }))).not.toThrow();
  });
});
