// The p99 target's scope and each user region's meetsP99 in the text table and the worksheet (in-process: the
// worksheet without its cost curve and sensitivity, which re-run the engine and say nothing of the scope).
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { compareScenario } from '../../src/compare/index.js';
import { comparisonTable } from '../../src/report/table.js';
import { worksheetMarkdown } from '../../src/report/worksheet.js';
import { parseScenario } from '../../src/scenario/normalize.js';

const catalog = loadCatalog();

function compared(scope?: 'all-users' | 'every-region') {
  const scenario = parseScenario({
    name: 'far small user group',
    workload: { peakRate: '2000/s', serviceTime: '5 ms' },
    targets: { p99: '50 ms', availability: '99.9%', ...(scope === undefined ? {} : { p99Scope: scope }) },
    users: [
      { region: 'us-east-1', share: '99.1%' },
      { region: 'ap-southeast-2', share: '0.9%' },
    ],
    architectures: [{ name: 'fleet', kind: 'horizontal', family: 'm7i', size: 'xlarge', regions: ['us-east-1'] }],
  });
  const result = compareScenario(scenario, catalog);
  const md = worksheetMarkdown({ scenario, result, catalog, curve: null, sensitivity: null, source: 'test.json' });
  return { result, md, table: comparisonTable(result, 120) };
}

describe('the p99 scope in the reports', () => {
  it('the table marks a user region over the target, and the target row follows the scope', () => {
    const all = compared().table;
    expect(all).toMatch(/^ {2}p99 us-east-1\s+\d+(\.\d+)? ms$/m);
    expect(all).toMatch(/^ {2}p99 ap-southeast-2\s+\d+ ms > target$/m);
    expect(all).toMatch(/^target p99\s+ok$/m);
    const every = compared('every-region').table;
    expect(every).toMatch(/^ {2}p99 ap-southeast-2\s+\d+ ms > target$/m);
    expect(every).toMatch(/^target p99\s+MISS$/m);
    expect(every).toMatch(
      /fleet: distance: ap-southeast-2 at \d+(\.\d)? ms above the 50\.0 ms target \(every-region\)/,
    );
  });

  it('the worksheet states the scope with the target and marks each user region', () => {
    const all = compared().md;
    expect(all).toContain(
      "| targets.p99Scope | all-users: the p99 over all users' requests (a mixture over user regions) | default |",
    );
    expect(all).toContain('with a p99 of at most 50 ms, 99.9% availability');
    expect(all).toContain('The p99 target, 50 ms, applies to the p99 over all users (targets.p99Scope "all-users")');
    // one table for every candidate: a user region over the target on its own has its p99 marked "over"
    expect(all).toMatch(
      /^\| [^|]* \| us-east-1 \| 99\.1% \| us-east-1 \| .* \| \d+(\.\d)? ms \| nowhere \(one region\) \|$/m,
    );
    expect(all).toMatch(
      /^\| [^|]* \| ap-southeast-2 \| 0\.9% \| us-east-1 \| .* \| \d+(\.\d)? ms \*\*over\*\* \| nowhere \(one region\) \|$/m,
    );

    const every = compared('every-region').md;
    expect(every).toContain("| targets.p99Scope | every-region: each user region's p99 on its own | scenario |");
    expect(every).toContain('with a p99 of at most 50 ms in every user region, 99.9% availability');
    expect(every).toContain('The p99 target, 50 ms, applies to every user region (targets.p99Scope "every-region")');
    expect(every).toMatch(/- \*\*fleet\*\*: distance: ap-southeast-2 at \d+(\.\d)? ms above the 50\.0 ms target/);
  });
});
