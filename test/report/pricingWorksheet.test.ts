// The worksheet of a scenario whose nodes are not bought on demand: the cost section names each candidate's pricing
// model, the assumptions say how the rates were obtained, and the growth chart re-sizes each design at its own model.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { compareScenario } from '../../src/compare/index.js';
import { buildWorksheetInput } from '../../src/report/buildWorksheet.js';
import { worksheetMarkdown } from '../../src/report/worksheet.js';
import { parseScenario } from '../../src/scenario/normalize.js';

const catalog = loadCatalog();

describe('a worksheet under reserved-3y pricing (internal-tool, one candidate on demand)', () => {
  const raw = JSON.parse(readFileSync('models/scenarios/internal-tool.json', 'utf8'));
  raw.pricing = { model: 'reserved-3y' };
  raw.architectures[0].pricing = { model: 'on-demand' };
  const scenario = parseScenario(raw);
  const result = compareScenario(scenario, catalog);

  it('names the model of each candidate in the cost section and in the assumptions', () => {
    expect(result.architectures.map((a) => a.cost.pricingModel)).toEqual(['on-demand', 'reserved-3y', 'reserved-3y']);
    const md = worksheetMarkdown(buildWorksheetInput(scenario, result, catalog, 'internal-tool.json'));
    const cost = md.slice(md.indexOf('## 6. Cost'), md.indexOf('## 7.'));
    expect(cost).toContain('| pricing model | on-demand | reserved-3y | reserved-3y |');
    expect(cost).toContain('with its nodes at the pricing model in the row below');
    expect(md).toContain('nodes bought as on-demand, reserved-3y');
    expect(md).toMatch(/Savings Plans are an ASSUMPTION/);
  });

  it("the growth chart's designs at today's rate cost what the comparison says (their own model kept)", () => {
    const input = buildWorksheetInput(scenario, result, catalog, 'internal-tool.json', undefined, { freeze: true });
    const today = input.curve?.points.find((p) => p.multiplier === 1);
    const v = today?.vertical?.usdPerMonth as number;
    const h = today?.horizontal?.usdPerMonth as number;
    // at list prices the boxes would cost $88 and the fleet $203 a month; at the 3-year rate $35 and $96
    const named = (name: string) => result.architectures.find((a) => a.name === name)?.cost.usdPerMonth as number;
    expect(named('one small box + cold standby')).toBeLessThan(40);
    expect(Math.abs(v - named('one small box + cold standby'))).toBeLessThanOrEqual(1e-9 * v);
    expect(Math.abs(h - named('scale out over 3 zones'))).toBeLessThanOrEqual(1e-9 * h);
  });
});
