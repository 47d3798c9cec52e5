import { readFileSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { costCurve, defaultMultipliers } from '../../src/compare/costCurve.js';
import { compareScenario } from '../../src/compare/index.js';
import { sensitivity } from '../../src/compare/sensitivity.js';
import { worksheetMarkdown } from '../../src/report/worksheet.js';
import { readScenarioText } from '../../src/scenario/normalize.js';

it('ws', () => {
  for (const f of ['payment-processing', 'photo-sharing-viral']) {
    const src = `models/scenarios/${f}.json`;
    const scenario = readScenarioText(readFileSync(src, 'utf8'), src);
    const catalog = loadCatalog();
    const result = compareScenario(scenario, catalog);
    const md = worksheetMarkdown({
      scenario,
      result,
      catalog,
      curve: costCurve(scenario, catalog, result, defaultMultipliers(25)),
      sensitivity: sensitivity(scenario, catalog, result),
      source: src,
    });
    writeFileSync(`/tmp/${f}.md`, md);
  }
});
