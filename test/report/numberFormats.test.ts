// One number formatter for every report (issue 19, item 14): the golden worksheets of every example (test/fixtures/
// worksheets, equal to what `capplan worksheet` prints: worksheet.test.ts) write money, latencies, downtimes,
// intervals and layouts one way. Each rule names the form the issue found and the one that replaced it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatUsd } from '../../src/units/format.js';

const GOLDEN = 'test/fixtures/worksheets';
const worksheets = readdirSync(GOLDEN)
  .filter((f) => f.endsWith('.md'))
  .map((f) => ({ file: f, text: readFileSync(join(GOLDEN, f), 'utf8') }));

/** Each rule: what must not appear, and why. */
const RULES: readonly { what: string; pattern: RegExp }[] = [
  {
    what: 'exponent notation on a figure with a unit ("1.575e+4 ms", "4.506e+4 GiB")',
    pattern: /\d(\.\d+)?e[+-]?\d+ ?(ms|s|GiB|TiB|USD|%|\/s)/,
  },
  // a scenario's own description may say "20,000 USD/month": only the engine's ungrouped figure is a defect
  { what: 'an ungrouped amount in USD ("42976 USD/month")', pattern: /(?<![\d,.])\d{4,}(\.\d+)? USD\b/ },
  { what: 'an amount above $1,000 without separators ("$42976")', pattern: /\$\d{4,}/ },
  { what: 'cents on $100 or more ("$862.53" beside "$1,872")', pattern: /\$(\d{3}|\d{1,3}(,\d{3})+)\.\d/ },
  { what: '"region(s)"', pattern: /region\(s\)/ },
  { what: '"N+0" (a design without spares says "no spare")', pattern: /N\+0\b/ },
  {
    what: 'an interval whose ends read the same ("99.88% to 99.88%")',
    pattern: /(?<![\d.])(\d[\d.,]*(%| ms| nines|)) to \1(?![\d.,])/,
  },
  {
    what: 'a downtime estimate to the second past an hour, or to a fraction of a second past a minute',
    pattern: /\d+[dh] \d+m \d+(\.\d+)?s|\d+m \d+\.\d+s/,
  },
];

describe('the worksheets write numbers one way', () => {
  for (const { what, pattern } of RULES) {
    it(`no ${what}`, () => {
      const found = worksheets.flatMap(({ file, text }) => {
        const m = text.match(new RegExp(pattern.source, 'g'));
        return m === null ? [] : [`${file}: ${m.slice(0, 3).join(' | ')}`];
      });
      expect(found).toEqual([]);
    });
  }

  it('the rules would catch the forms the issue found (each pattern matches its bad example)', () => {
    const bad = [
      'distance: 1.575e+4 ms above',
      'budget: 42976 USD/month above',
      'costs $42976',
      'db $862.53 (31.5%)',
      '3 zones x 1 region(s)',
      'N+0; least-loaded',
      '(95% interval 99.88% to 99.88%)',
      'downtime 8h 45m 57.6s a year',
    ];
    RULES.forEach(({ pattern }, i) => {
      expect(pattern.test(bad[i] as string), RULES[i]?.what).toBe(true);
    });
  });

  it("the deciding trade-off's difference in cost is the difference of the summary table's costs", () => {
    // the amounts as a reader reads them off the table, their difference written as the reports write money
    const usd = (text: string) => Number(text.replace(/[$,]/g, ''));
    let stated = 0;
    for (const { file, text } of worksheets) {
      const m = text.match(/alternative, (.+?), also meets every target but costs (\$[\d,.]+) a month (more|less)/);
      if (m === null) continue;
      const [, name, diff, way] = m as unknown as [string, string, string, string];
      const star = text.match(/^\| ★ [^|]+\| (\$[\d,.]+) \|/m);
      const row = text.match(
        new RegExp(`^\\| ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\| (\\$[\\d,.]+) \\|`, 'm'),
      );
      expect(star, `${file}: the recommended row`).not.toBeNull();
      expect(row, `${file}: the row of ${name}`).not.toBeNull();
      const d = usd(row?.[1] ?? '') - usd(star?.[1] ?? '');
      expect(`${file}: ${formatUsd(Math.abs(d))} ${d >= 0 ? 'more' : 'less'}`).toBe(`${file}: ${diff} ${way}`);
      stated++;
    }
    // the examples where both kinds meet every target (sequential-queries' $2,288 - $1,433 = $855 among them)
    expect(stated).toBeGreaterThanOrEqual(3);
  });

  it('"No candidate meets every target." is said at most once', () => {
    for (const { text } of worksheets)
      expect(text.split('No candidate meets every target.').length).toBeLessThanOrEqual(2);
  });
});
