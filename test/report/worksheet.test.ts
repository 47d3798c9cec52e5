// The design-review worksheet (capplan worksheet) as a user runs it: golden Markdown and HTML for every example
// scenario (reviewed by reading them; regenerate with UPDATE_GOLDEN=1 after a deliberate change, and read the diff;
// the HTML is laid out in Chromium by htmlBrowser.test.ts), the comparison table's numbers equal the run result's, and
// the command's options and errors. The command runs in-process (test/cli/run.ts `cli`: the built main with captured
// output), and a worksheet that several tests read is rendered once.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import type { CostCurve } from '../../src/compare/costCurve.js';
import { DESIGNS, type Designs, FREEZE_NOTE } from '../../src/compare/designs.js';
import { compareScenario } from '../../src/compare/index.js';
import type { ComparisonResult } from '../../src/compare/result.js';
import type { SensitivityResult } from '../../src/compare/sensitivity.js';
import { buildWorksheetInput } from '../../src/report/buildWorksheet.js';
import { worksheetHtml } from '../../src/report/html/page.js';
import { cell, comparisonCells, type WorksheetInput, worksheetMarkdown } from '../../src/report/worksheet.js';
import { readScenarioText } from '../../src/scenario/read.js';
import { cli, type RunResult } from '../cli/run.js';
import { scratchDir } from '../helpers/scratchDir.js';

const SCENARIOS = 'models/scenarios';
const GOLDEN = 'test/fixtures/worksheets';
const examples = readdirSync(SCENARIOS).filter((f) => f.endsWith('.json'));
/**
 * A worksheet runs the engine many times (growth chart, sensitivity; systems of tiers take seconds): a busy machine
 * may need several times the usual 30 s. These tests check results, not time.
 */
const WORKSHEET_TIMEOUT_MS = 300_000;

/** Runs of the command that several tests read, each computed once per file. */
const runs = new Map<string, Promise<RunResult>>();
const cliOnce = (args: string[]): Promise<RunResult> => {
  const key = JSON.stringify(args);
  let r = runs.get(key);
  if (r === undefined) {
    r = cli(args);
    runs.set(key, r);
  }
  return r;
};

/**
 * An example's worksheet input as `capplan worksheet FILE --analytic [--freeze]` builds it (readAndCompare, then
 * buildWorksheetInput): built once in-process and rendered as Markdown and as HTML (the command's own output is
 * compared with the Markdown golden below, for internal-tool).
 */
function exampleInput(file: string, freeze: boolean): WorksheetInput {
  const source = join(SCENARIOS, file);
  const scenario = readScenarioText(readFileSync(source, 'utf8'), source);
  const catalog = loadCatalog();
  return buildWorksheetInput(scenario, compareScenario(scenario, catalog), catalog, source, undefined, { freeze });
}

/** Compares text with a golden file (UPDATE_GOLDEN=1 writes it first); a missing golden file is a failure. */
function expectGolden(text: string, golden: string): void {
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, text);
  expect(existsSync(golden), `${golden} (UPDATE_GOLDEN=1 npx vitest run test/report writes it)`).toBe(true);
  expect(text).toBe(readFileSync(golden, 'utf8'));
}

describe('worksheet golden files (analytic), Markdown and HTML', () => {
  for (const file of examples) {
    // a scenario without architectures runs with --freeze: searching again at every point of the growth chart and
    // the sensitivity analysis takes minutes for social-startup-growth (tested in-process on a small scenario below)
    const searched = JSON.parse(readFileSync(join(SCENARIOS, file), 'utf8')).architectures === undefined;
    it(
      `${file}${searched ? ' --freeze' : ''}`,
      () => {
        const input = exampleInput(file, searched);
        const md = worksheetMarkdown(input);
        expectGolden(md, join(GOLDEN, file.replace(/\.json$/, '.md')));
        // the HTML golden is what test/report/htmlBrowser.test.ts lays out in Chromium (labels of every chart)
        expectGolden(worksheetHtml(input), join(GOLDEN, file.replace(/\.json$/, '.html')));
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
          expect(md).toContain(`\n${h}\n`);
        }
      },
      WORKSHEET_TIMEOUT_MS,
    );
  }

  it('the command prints the Markdown golden (internal-tool, as a user runs it)', async () => {
    const r = await cliOnce(['worksheet', join(SCENARIOS, 'internal-tool.json'), '--analytic']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(GOLDEN, 'internal-tool.md'), 'utf8'));
  });
});

describe('the worksheet says what run says', () => {
  it(
    'every cell of the comparison table is the run result formatted (payment example, with a smaller simulation)',
    async () => {
      // the example's simulation block at a tenth of its size: the cells are formatted the same, in a fraction of the
      // time (the example's own simulation is run in test/cli/run.test.ts)
      const s = JSON.parse(readFileSync(join(SCENARIOS, 'payment-processing.json'), 'utf8'));
      expect(s.simulation).toEqual({ seed: 7, requests: 200_000, years: 20_000 });
      s.simulation = { seed: 7, requests: 20_000, years: 2_000 };
      const text = JSON.stringify(s);
      const run = JSON.parse((await cli(['run', '-'], text)).stdout) as ComparisonResult;
      expect(run.architectures.some((a) => a.simulated?.latency)).toBe(true);
      const md = (await cli(['worksheet', '-'], text)).stdout;
      const { head, rows } = comparisonCells(run);
      expect(md).toContain(`| ${head.map(cell).join(' | ')} |`);
      for (const row of rows) expect(md).toContain(`| ${row.map(cell).join(' | ')} |`);
      // and the formatted numbers are the result's: cost to the dollar, nines to 0.01, p99 to the millisecond
      for (const a of run.architectures) {
        expect(md).toContain(`$${Math.round(a.cost.usdPerMonth).toLocaleString('en-US')}`);
        expect(md).toContain(`${a.availability.nines.toFixed(2)} nines`);
        expect(md).toContain(`${(a.latency.p99Ms as number).toFixed(0)} ms`);
        if (a.simulated?.latency) expect(md).toContain(`**${a.name}**, simulated (`);
      }
      expect(md).toContain(`**Chosen option:** ${run.recommendation.name}`);
    },
    WORKSHEET_TIMEOUT_MS,
  );
});

describe('the worksheet names the assumptions a simulation drops', () => {
  it('bursty arrivals in the latency section; Weibull up times and repair crews in the availability section', async () => {
    const s = JSON.parse(readFileSync(join(SCENARIOS, 'internal-tool.json'), 'utf8'));
    s.simulation = {
      requests: 20000,
      years: 200,
      bursts: { factor: 3, share: '10%', length: '2 s' },
      weibullShape: 0.7,
      repairCrews: 1,
    };
    const md = (await cli(['worksheet', '-'], JSON.stringify(s))).stdout;
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
    const plain = (await cli(['worksheet', '-'], JSON.stringify(s))).stdout;
    expect(plain).not.toMatch(/bursty arrivals|failure simulation uses|\| simulation/);
  });
});

describe('capplan worksheet options', () => {
  const file = join(SCENARIOS, 'internal-tool.json');

  it('--date prints the date; without it there is none (reproducible)', async () => {
    const dated = (await cliOnce(['worksheet', file, '--analytic', '--date', '2026-12-01'])).stdout;
    expect(dated).toContain('- **Date:** 2026-12-01');
    expect((await cliOnce(['worksheet', file, '--analytic'])).stdout).toContain('- **Date:** ______');
  });

  it('--format html --out writes one self-contained HTML file', async () => {
    const dir = scratchDir('capplan-ws-');
    const out = join(dir, 'review.html');
    const r = await cli(['worksheet', file, '--analytic', '--format', 'html', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain('data-chart="cost-vs-load"');
    expect(readdirSync(dir)).toEqual(['review.html']);
  });

  it('--format text: the same worksheet as plain text within 100 columns (headings underlined, no Markdown marks)', async () => {
    const r = await cli(['worksheet', file, '--analytic', '--format', 'text', '--date', '2026-12-01']);
    expect(r.code, r.stderr).toBe(0);
    const md = (await cliOnce(['worksheet', file, '--analytic', '--date', '2026-12-01'])).stdout;
    expect(r.stdout).toContain('1. Summary and recommendation\n-----------------------------');
    expect(r.stdout).toContain('- Date: 2026-12-01');
    expect(r.stdout).not.toMatch(/\*\*|^#|^\|/m);
    // every section of the Markdown worksheet is there
    for (const h of md.match(/^## .*$/gm) ?? []) expect(r.stdout).toContain(h.slice(3));
    // the text charts may be as wide as in Markdown (78); prose and tables wrap at 100
    for (const l of r.stdout.split('\n')) expect(l.length).toBeLessThanOrEqual(100);
  });

  it('--freeze with a scenario that names its architectures: a note, and the worksheet says the designs are its own', async () => {
    const r = await cli(['worksheet', file, '--analytic', '--freeze']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`note: ${FREEZE_NOTE}\n`);
    expect(r.stdout).toBe((await cliOnce(['worksheet', file, '--analytic'])).stdout);
    expect(r.stdout).toContain("Designs: the scenario's own candidates at every point");
    expect(r.stdout).toContain("Designs: the scenario's own candidates at every load");
    // one flag, in the help of every command that re-runs the engine at many points
    for (const command of ['worksheet', 'sweep', 'tui']) {
      expect((await cli([command, '--help'])).stdout, command).toMatch(
        /--freeze +without architectures in the scenario/,
      );
    }
  });

  it('bad options are one-line errors, exit 2', async () => {
    const r = await cli(['worksheet', file, '--format', 'pdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --format: "pdf": expected one of md, html, text\n');
    const d = await cli(['worksheet', file, '--date', 'yesterday']);
    expect(d.code).toBe(2);
    expect(d.stderr).toBe(
      'error: --date: "yesterday": expected a calendar date as YYYY-MM-DD (month 01-12, a day the month has)\n',
    );
  });
});

describe('the worksheet says which designs the growth chart and the sensitivity analysis compared', () => {
  // the small internal tool without its candidates, in-process (a search takes a fraction of a second)
  const raw = JSON.parse(readFileSync(join(SCENARIOS, 'internal-tool.json'), 'utf8'));
  delete raw.architectures;
  const scenario = readScenarioText(JSON.stringify(raw), 'internal-tool.json');
  const catalog = loadCatalog();
  const result = compareScenario(scenario, catalog);
  const section = (md: string, n: number) => md.slice(md.indexOf(`\n## ${n}. `), md.indexOf(`\n## ${n + 1}. `));
  const designsLines = (md: string, n: number) =>
    section(md, n)
      .split('\n')
      .filter((l) => l.startsWith('Designs: '));

  it('by default, searched again at every point (one sentence in each section)', () => {
    const input = buildWorksheetInput(scenario, result, catalog, 'internal-tool.json');
    expect(input.curve?.designs).toBe('searched at every point');
    expect(input.sensitivity?.designs).toBe('searched at every point');
    const md = worksheetMarkdown(input);
    expect(designsLines(md, 7)).toEqual([
      expect.stringMatching(/the search runs again at every load without the budget/),
    ]);
    expect(designsLines(md, 8)).toEqual([expect.stringMatching(/the search runs again at every point and/)]);
    expect(section(md, 7)).toContain('searched at each load');
  });

  it('each value of the designs field gives its own sentence', () => {
    const input = buildWorksheetInput(scenario, result, catalog, 'internal-tool.json', undefined, { freeze: true });
    expect(input.curve?.designs).toBe('frozen');
    expect(input.sensitivity?.designs).toBe('frozen');
    const want: Record<Designs, RegExp> = {
      'searched at every point': /^Designs: the scenario names no architectures, so the search runs again/,
      frozen: /^Designs: frozen \(`--freeze`\): today's best vertical and best horizontal design are kept/,
      candidates: /^Designs: the scenario's own candidates/,
    };
    for (const designs of DESIGNS) {
      const sensitivity = { ...(input.sensitivity as SensitivityResult), designs };
      const curve = { ...(input.curve as CostCurve), designs };
      const md = worksheetMarkdown({ ...input, sensitivity, curve });
      for (const n of [7, 8]) {
        const lines = designsLines(md, n);
        expect(lines, `${designs}, section ${n}`).toHaveLength(1);
        expect(lines[0]).toMatch(want[designs]);
      }
    }
  });
});
