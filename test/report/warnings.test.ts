// The input warnings in the worksheet: a short list before the summary when there are any, nothing when there are
// none (the golden worksheets of the examples have none). In-process, without the cost curve and sensitivity.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { compareScenario } from '../../src/compare/index.js';
import { worksheetMarkdown } from '../../src/report/worksheet.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import { minimalScenario } from '../scenario/example.js';

const catalog = loadCatalog();

function worksheet(reliability?: unknown): string {
  const scenario = parseScenario({ ...minimalScenario(), ...(reliability ? { reliability } : {}) });
  const result = compareScenario(scenario, catalog);
  return worksheetMarkdown({ scenario, result, catalog, curve: null, sensitivity: null, source: 's.json' });
}

describe('warnings in the worksheet', () => {
  it('listed before the summary, one item each', () => {
    const md = worksheet({ node: { mtbf: 4380, mttr: '10 min' } });
    const warnings = md.indexOf('**Warnings.** This input looks implausible; check it before reading on:');
    expect(warnings).toBeGreaterThan(0);
    expect(warnings).toBeLessThan(md.indexOf('## 1. Summary and recommendation'));
    expect(md).toContain(
      '\n- reliability.node.mtbf: 4380 = 1.22 h: under a day between failures of a node is implausible; a bare number is seconds; did you mean "4380 h"?\n',
    );
    expect(worksheet({ node: { mtbf: 4380, mttr: 2 } })).toContain('**Warnings.** These inputs look implausible;');
  });

  it('absent when there are none', () => {
    expect(worksheet()).not.toContain('Warnings');
  });
});
