// The sizes the vertical search prices to bound a site's cost (size.ts leastPriced, issue 18): the least cost over
// them is the least over every size, bit for bit, for every family, region, standby kind and place, and deploy, on
// examples under three pricing models, with operations and blue-green deploys priced.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Instance, loadCatalog } from '../../src/catalog/index.js';
import { buildContext, type Context } from '../../src/compare/context.js';
import { verticalCost } from '../../src/compare/evaluateVertical.js';
import { pricedIn } from '../../src/compare/nodePrice.js';
import { leastPriced, searchableInstances, type VerticalSpec } from '../../src/compare/size.js';
import { parseScenario } from '../../src/scenario/normalize.js';

const catalog = loadCatalog();

/** The least cost of a spec over `sizes`, USD per month. */
function least(ctx: Context, sizes: readonly Instance[], spec: VerticalSpec): number {
  let usd = Number.POSITIVE_INFINITY;
  for (const instance of sizes)
    usd = Math.min(usd, verticalCost(ctx, { kind: 'vertical', instance, ...spec }).usdPerMonth);
  return usd;
}

/** An example with a pricing model and operations priced (blue-green deploys overlap 10 minutes, 20 a week). */
function example(name: string, model: string): Context {
  const raw = JSON.parse(readFileSync(`models/scenarios/${name}.json`, 'utf8'));
  delete raw.architectures;
  raw.pricing = { model };
  raw.operations = {
    usdPerNodeMonth: '100 USD/month',
    usdPerRegionMonth: '1000 USD/month',
    deploysPerWeek: 20,
    blueGreenOverlap: '10 min',
  };
  return buildContext(parseScenario(raw), catalog);
}

describe('leastPriced', () => {
  for (const [name, model] of [
    ['internal-tool', 'on-demand'],
    ['global-video', 'savings-plan-3y'],
    ['payment-processing', 'reserved-1y'],
  ] as const) {
    it(`${name} (${model}): the least cost over the sizes it keeps is the least over every size`, () => {
      const ctx = example(name, model);
      const regions = catalog.regions.map((r) => r.id);
      const families = new Map<string, Instance[]>();
      for (const i of searchableInstances(ctx)) families.set(i.family, [...(families.get(i.family) ?? []), i]);
      let kept = 0;
      let all = 0;
      for (const sizes of families.values()) {
        for (const region of regions) {
          const here = sizes.filter((i) => pricedIn(ctx, i, [region]));
          if (here.length === 0) continue;
          const other = regions.find((r) => r !== region) as string;
          const standbys: [VerticalSpec['standby'], string | null][] = [
            ['none', null],
            ['cold', other],
            ['hot', null],
            ['hot', other],
          ];
          for (const [standby, standbyRegion] of standbys) {
            const priced =
              standby === 'hot' && standbyRegion !== null
                ? here.filter((i) => pricedIn(ctx, i, [standbyRegion]))
                : here;
            if (priced.length === 0) continue;
            for (const deploy of [undefined, 'blue-green' as const]) {
              const spec: VerticalSpec = {
                name: 'v',
                origin: 'searched',
                region,
                standby,
                standbyRegion,
                ...(deploy === undefined ? {} : { deploy }),
              };
              const some = leastPriced(ctx, priced, spec);
              expect(some.length).toBeGreaterThan(0);
              expect(least(ctx, some, spec)).toBe(least(ctx, priced, spec));
              kept += some.length;
              all += priced.length;
            }
          }
        }
      }
      // it keeps fewer sizes than there are (else it saves nothing)
      expect(kept).toBeLessThan(all / 2);
    });
  }
});
