// The design-review worksheet (capplan worksheet) as a user runs it: golden Markdown for every example scenario
// (reviewed by reading them; regenerate with UPDATE_GOLDEN=1 after a deliberate change, and read the diff), the
// comparison table's numbers equal the run result's, and the command's options and errors.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ComparisonResult } from '../../src/compare/result.js';
import { cell, comparisonCells } from '../../src/report/worksheet.js';
import { capplan } from '../cli/run.js';

const SCENARIOS = 'models/scenarios';
const GOLDEN = 'test/fixtures/worksheets';
const examples = readdirSync(SCENARIOS).filter((f) => f.endsWith('.json'));

describe('worksheet golden files (analytic)', () => {
  for (const file of examples) {
    it(`${file}`, () => {
      const r = capplan(['worksheet', join(SCENARIOS, file), '--analytic']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const golden = join(GOLDEN, file.replace(/\.json$/, '.md'));
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, r.stdout);
      // a missing golden file is a failure, not a fresh one written and passed (UPDATE_GOLDEN=1 writes them)
      expect(existsSync(golden), `${golden} (UPDATE_GOLDEN=1 npx vitest run test/report writes it)`).toBe(true);
      expect(r.stdout).toBe(readFileSync(golden, 'utf8'));
      for (const h of [
        '## 1. Summary and recommendation',
        '## 2. Inputs and assumptions',
        '## 3. Candidates compared',
        '## 4. Availability',
        '## 5. Latency',
        '## 6. Cost',
        '## 7. Growth and crossover',
        '## 8. Sensitivity',
        '## 9. Risks and questions for reviewers',
        '## 10. Decision record',
      ]) {
        expect(r.stdout).toContain(`\n${h}\n`);
      }
    });
  }
});

describe('the worksheet says what run says', () => {
  it('every cell of the comparison table is the run result formatted (payment example, with simulation)', () => {
    const file = join(SCENARIOS, 'payment-processing.json');
    const run = JSON.parse(capplan(['run', file]).stdout) as ComparisonResult;
    const md = capplan(['worksheet', file]).stdout;
    const { head, rows } = comparisonCells(run);
    expect(md).toContain(`| ${head.map(cell).join(' | ')} |`);
    for (const row of rows) expect(md).toContain(`| ${row.map(cell).join(' | ')} |`);
    // and the formatted numbers are the result's: cost to the dollar, nines to 0.01, p99 to the millisecond
    for (const a of run.architectures) {
      expect(md).toContain(`$${Math.round(a.cost.usdPerMonth).toLocaleString('en-US')}`);
      expect(md).toContain(`${a.availability.nines.toFixed(2)} nines`);
      expect(md).toContain(`${(a.latency.p99Ms as number).toFixed(0)} ms`);
      if (a.simulated?.latency) expect(md).toContain('Simulated (');
    }
    expect(md).toContain(`**Chosen option:** ${run.recommendation.name}`);
  });
});

describe('the worksheet names the assumptions a simulation drops', () => {
  it('bursty arrivals in the latency section; Weibull up times and repair crews in the availability section', () => {
    const s = JSON.parse(readFileSync(join(SCENARIOS, 'internal-tool.json'), 'utf8'));
    s.simulation = {
      requests: 20000,
      years: 200,
      bursts: { factor: 3, share: '10%', length: '2 s' },
      weibullShape: 0.7,
      repairCrews: 1,
    };
    const md = capplan(['worksheet', '-'], JSON.stringify(s)).stdout;
    expect(md).toMatch(/^The request simulation uses bursty arrivals: 3 times the calm rate for 10% of the time/m);
    expect(md).toMatch(
      /^The failure simulation uses Weibull up times of shape 0\.7 .* and at most 1 node repair at once/m,
    );
    // and the inputs table lists the simulation's own inputs
    expect(md).toContain('| simulation arrivals | bursty: 3x for 10% of the time, bursts of 2 s | scenario |');
    expect(md).toContain(
      '| simulation failures | Weibull up times, shape 0.7; at most 1 node repair at once | scenario |',
    );
    // without them, neither sentence (the golden files hold the plain worksheets)
    delete s.simulation;
    const plain = capplan(['worksheet', '-'], JSON.stringify(s)).stdout;
    expect(plain).not.toMatch(/bursty arrivals|failure simulation uses|\| simulation/);
  });
});

describe('capplan worksheet options', () => {
  const file = join(SCENARIOS, 'internal-tool.json');

  it('--date prints the date; without it there is none (reproducible)', () => {
    const dated = capplan(['worksheet', file, '--analytic', '--date', '2026-12-01']).stdout;
    expect(dated).toContain('- **Date:** 2026-12-01');
    expect(capplan(['worksheet', file, '--analytic']).stdout).toContain('- **Date:** ______');
  });

  it('--format html --out writes one self-contained HTML file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'capplan-ws-'));
    const out = join(dir, 'review.html');
    const r = capplan(['worksheet', file, '--analytic', '--format', 'html', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain('data-chart="cost-vs-load"');
    expect(readdirSync(dir)).toEqual(['review.html']);
  });

  it('bad options are one-line errors, exit 2', () => {
    const r = capplan(['worksheet', file, '--format', 'pdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --format: "pdf": expected one of md, html\n');
    const d = capplan(['worksheet', file, '--date', 'yesterday']);
    expect(d.code).toBe(2);
    expect(d.stderr).toBe('error: --date: "yesterday": expected a date as YYYY-MM-DD\n');
  });
});
