// The HTML worksheet in a real browser (headless Debian Chromium through playwright-core): it loads without console
// or page errors, the four SVG charts render at a useful size with the shapes their data calls for and every label
// inside the chart, nothing is wider than the page, and it prints (PDF, A4 and Letter). CI installs chromium
// (.ci/run); without it the suite is skipped.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { compareScenario } from '../../src/compare/index.js';
import { buildWorksheetInput } from '../../src/report/buildWorksheet.js';
import { worksheetHtml } from '../../src/report/html/page.js';
import type { WorksheetInput } from '../../src/report/worksheet.js';
import { readScenarioText } from '../../src/scenario/read.js';

const CHROMIUM = '/usr/bin/chromium';
const EXAMPLE = 'models/scenarios/photo-sharing-viral.json';
/**
 * Pages every example's worksheet may print on (issue 19: the payment example on at most 8): photo-sharing printed on
 * 17-19 with a forced break per section, 15 on A4 without; with the print style (9 pt text, 7 pt tables, charts at
 * most 50 mm tall, methods and sources in small type, sources in three columns, tables of more than 6 rows allowed to
 * break) and one table per comparison, payment and photo-sharing print on 8 A4 and 8 Letter pages.
 */
const PRINTED_PAGES_AT_MOST: Record<string, number> = { A4: 8, Letter: 8 };
/** Every example's worksheet as HTML: the golden files test/report/worksheet.test.ts keeps equal to the command's. */
const GOLDEN = 'test/fixtures/worksheets';
const GOLDEN_HTML = readdirSync(GOLDEN).filter((f) => f.endsWith('.html'));
/** The tallest a chart prints (the print style's max-height, 50 mm at 96 px per inch), px. */
const CHART_PRINT_HEIGHT_PX = (50 / 25.4) * 96;
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The worksheet input as `capplan worksheet --analytic` builds it (buildWorksheetInput). */
function worksheetInput(file = EXAMPLE): WorksheetInput {
  const scenario = readScenarioText(readFileSync(file, 'utf8'), file);
  const catalog = loadCatalog();
  return buildWorksheetInput(scenario, compareScenario(scenario, catalog), catalog, file);
}

/** The pages of a PDF that page.pdf() wrote. */
const pdfPages = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;

/** Labels (SVG <text>) of each chart that stick out of it, overlap another label or lie under a marker line. */
const LABEL_PROBLEMS = `(() => {
  const out = [];
  for (const svg of document.querySelectorAll('svg[data-chart]')) {
    const b = svg.getBoundingClientRect();
    const boxes = [];
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      const label = svg.dataset.chart + ': ' + t.textContent;
      if (r.left < b.left - 0.5 || r.right > b.right + 0.5 || r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5) {
        out.push('outside ' + label);
      }
      for (const [o, other] of boxes) {
        const dx = Math.min(r.right, o.right) - Math.max(r.left, o.left);
        const dy = Math.min(r.bottom, o.bottom) - Math.max(r.top, o.top);
        if (dx > 1 && dy > 2) out.push('overlap ' + label + ' / ' + other);
      }
      boxes.push([r, t.textContent]);
    }
    // the marker lines (budget, target, crossover, today) run clear of every label
    for (const l of svg.querySelectorAll('line.budget, line.target, line.crossover, line.today')) {
      const m = l.getBoundingClientRect();
      for (const [r, text] of boxes) {
        const dx = Math.min(r.right, m.right + 0.5) - Math.max(r.left, m.left - 0.5);
        const dy = Math.min(r.bottom, m.bottom) - Math.max(r.top, m.top);
        if (dx > 0.5 && dy > 2) out.push('line ' + svg.dataset.chart + ' ' + l.getAttribute('class') + ' through: ' + text);
      }
    }
  }
  return out;
})()`;

describe.skipIf(!existsSync(CHROMIUM))('the HTML worksheet in headless Chromium', () => {
  const input = worksheetInput();
  const html = worksheetHtml(input);
  const { result, curve } = input;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('about:') && !r.url().startsWith('data:')) requests.push(r.url());
    });
    await page.setContent(html, { waitUntil: 'load' });
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('loads without console errors, page errors or any request', () => {
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('has the scenario name as its title', async () => {
    expect(await page.title()).toBe(`Design review: ${result.scenario}`);
  });

  it('renders the four charts wider than 300 px and taller than 100 px, with the shapes their data calls for', async () => {
    if (!curve) throw new Error('the example has a cost curve');
    const points =
      curve.points.filter((p) => p.vertical?.feasible).length +
      curve.points.filter((p) => p.horizontal?.feasible).length;
    const regions = result.architectures.reduce((n, a) => n + a.latency.byUserRegion.length, 0);
    const expected: Record<string, { selector: string; min: number }[]> = {
      'cost-vs-load': [
        { selector: 'path.series', min: 2 },
        { selector: '.point', min: points },
        { selector: 'line', min: 8 },
        { selector: 'line.crossover', min: 1 },
      ],
      'downtime-vs-budget': [
        { selector: 'rect.bar', min: result.architectures.length },
        { selector: 'rect.over', min: 1 },
        { selector: 'line.budget', min: 1 },
      ],
      frontier: [
        { selector: '.point', min: result.frontier.length },
        { selector: 'line.target', min: 1 },
      ],
      'latency-breakdown': [
        { selector: 'rect.network', min: regions },
        { selector: 'rect.queue', min: regions },
        { selector: 'line.target', min: 1 },
      ],
    };
    for (const [name, checks] of Object.entries(expected)) {
      const svg = page.locator(`svg[data-chart="${name}"]`);
      expect(await svg.count()).toBe(1);
      const box = await svg.boundingBox();
      expect(box, name).not.toBeNull();
      expect(box?.width ?? 0, name).toBeGreaterThan(300);
      expect(box?.height ?? 0, name).toBeGreaterThan(100);
      expect(await svg.locator('rect, path, line, circle').count(), name).toBeGreaterThanOrEqual(
        checks.reduce((s, c) => s + c.min, 0),
      );
      for (const c of checks)
        expect(await svg.locator(c.selector).count(), `${name} ${c.selector}`).toBeGreaterThanOrEqual(c.min);
      // a drawn bar is really there: non-zero rendered size
      const first = svg.locator(checks[0]?.selector ?? 'rect').first();
      const fb = await first.boundingBox();
      expect((fb?.width ?? 0) + (fb?.height ?? 0), name).toBeGreaterThan(2);
    }
  });

  it('keeps every chart label inside its chart and apart from the others', async () => {
    expect(await page.evaluate(LABEL_PROBLEMS)).toEqual([]);
  });

  it('takes a full-page screenshot that is not blank', async () => {
    const png = await page.screenshot({ fullPage: true, type: 'png' });
    expect(png.length).toBeGreaterThan(10_000);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('prints: nothing wider than a printed page, and page.pdf() gives A4 and Letter documents', async () => {
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 680, height: 1000 });
    const scrollWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    expect(scrollWidth).toBeLessThanOrEqual(680);
    // a printed chart keeps its proportions at most 58 mm tall
    const cost = await page.locator('svg[data-chart="cost-vs-load"]').boundingBox();
    expect(cost?.width ?? 0).toBeLessThanOrEqual(680);
    expect(cost?.width ?? 0).toBeGreaterThan(300);
    expect(cost?.height ?? 0).toBeLessThanOrEqual(CHART_PRINT_HEIGHT_PX + 1);
    expect(await page.evaluate(LABEL_PROBLEMS)).toEqual([]);
    for (const format of ['A4', 'Letter']) {
      const pdf = await page.pdf({ format });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.length, format).toBeGreaterThan(10_000);
      // no forced break per section (issue 19): the pages are filled, a heading kept with what follows it
      const pages = pdfPages(pdf);
      expect(pages, format).toBeGreaterThanOrEqual(3);
      expect(pages, format).toBeLessThanOrEqual(PRINTED_PAGES_AT_MOST[format] as number);
    }
    expect(problems).toEqual([]);
  });

  it('has a golden HTML worksheet for every example', () => {
    const examples = readdirSync('models/scenarios').filter((f) => f.endsWith('.json'));
    expect(GOLDEN_HTML.sort()).toEqual(examples.map((f) => f.replace(/\.json$/, '.html')).sort());
  });

  // every example's charts (cost, downtime, latency, frontier, tornado, USL where fitted), on screen at 1280 px and
  // printed: labels inside their chart, apart from each other and clear of the marker lines; and the pages it prints
  for (const file of GOLDEN_HTML) {
    it(`${file}: chart labels clear on screen and in print, at most ${PRINTED_PAGES_AT_MOST.A4} pages`, async () => {
      const other = await context.newPage();
      const seen: string[] = [];
      other.on('pageerror', (e) => seen.push(`page error: ${e.message}`));
      await other.setContent(readFileSync(join(GOLDEN, file), 'utf8'), { waitUntil: 'load' });
      expect(await other.locator('svg[data-chart]').count()).toBeGreaterThanOrEqual(1);
      expect(await other.evaluate(LABEL_PROBLEMS), 'screen').toEqual([]);
      await other.emulateMedia({ media: 'print' });
      await other.setViewportSize({ width: 680, height: 1000 });
      expect(await other.evaluate(LABEL_PROBLEMS), 'print').toEqual([]);
      for (const format of ['A4', 'Letter']) {
        expect(pdfPages(await other.pdf({ format })), format).toBeLessThanOrEqual(
          PRINTED_PAGES_AT_MOST[format] as number,
        );
      }
      expect(seen).toEqual([]);
      await other.close();
    }, 120_000);
  }
});
