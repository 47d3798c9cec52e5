// cost.usdPerMonth is the sum of cost.breakdown's parts in its key order, from 0, bit for bit (monthlyCost adds them
// one by one: issue 18 dropped the Object.values(...).reduce it had), with internet egress inside (includeEgress),
// operations and blue-green deploys present or not, over every candidate of several examples at random peak rates.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { compareScenario } from '../../src/compare/index.js';
import { parseScenario } from '../../src/scenario/normalize.js';

const catalog = loadCatalog();
const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../models/scenarios/${name}.json`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
const EXAMPLES = ['internal-tool', 'online-game-3-continents', 'in-memory-cache-heavy'].map(example);

describe('the monthly total', () => {
  it("is the breakdown's parts added in its key order", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: EXAMPLES.length - 1 }),
        fc.double({ min: 0.5, max: 1.5, noNaN: true }),
        fc.boolean(),
        fc.constantFrom(undefined, { usdPerNodeMonth: '37.5 USD/month', usdPerRegionMonth: '410 USD/month' }),
        (which, scale, includeEgress, operations) => {
          const raw = structuredClone(EXAMPLES[which]) as Record<string, Record<string, unknown>>;
          const rate = Number.parseFloat(String(raw.workload?.peakRate));
          (raw.workload as Record<string, unknown>).peakRate = `${rate * scale}/s`;
          delete (raw.workload as Record<string, unknown>).averageRate;
          if (includeEgress) raw.cost = { includeEgress: true };
          if (operations !== undefined) raw.operations = operations;
          const result = compareScenario(parseScenario(raw), catalog);
          for (const a of result.architectures) {
            const sum = Object.values(a.cost.breakdown).reduce((s, x) => s + x, 0);
            expect(Object.is(a.cost.usdPerMonth, sum), a.name).toBe(true);
            expect('internetEgressUsdPerMonth' in a.cost.breakdown).toBe(includeEgress);
            expect('operationsUsdPerMonth' in a.cost.breakdown).toBe(operations !== undefined);
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});
