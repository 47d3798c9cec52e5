// The HTML worksheet (src/report/html/page.ts): escaping of everything that comes from the scenario, and the page built from a real worksheet: self-contained (no scripts, no
// external resources), three data-driven SVG charts in the right sections, and the same bytes on every run.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { compareScenario } from '../../src/compare/index.js';
import { buildWorksheetInput } from '../../src/report/buildWorksheet.js';
import { figure, preformatted } from '../../src/report/document.js';
import { worksheetHtml } from '../../src/report/html/page.js';
import { escapeHtml, renderHtml } from '../../src/report/render/html.js';
import type { WorksheetInput } from '../../src/report/worksheet.js';
import { readScenarioText } from '../../src/scenario/read.js';

const EXAMPLE = 'models/scenarios/photo-sharing-viral.json';

/** The worksheet input as `capplan worksheet --analytic` builds it (buildWorksheetInput). */
function worksheetInput(date?: string): WorksheetInput {
  const scenario = readScenarioText(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
  const catalog = loadCatalog();
  return buildWorksheetInput(scenario, compareScenario(scenario, catalog), catalog, EXAMPLE, date);
}

const build = (input: WorksheetInput) => worksheetHtml(input);

/** The markup of the chart `name` (its <svg> element). */
function chart(html: string, name: string): string {
  const m = new RegExp(`<svg data-chart="${name}"[\\s\\S]*?</svg>`).exec(html);
  if (!m) throw new Error(`no ${name} chart`);
  return m[0];
}

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

describe('worksheetHtml on the example worksheet', () => {
  const input = worksheetInput();
  const html = build(input);
  const { result, curve } = input;
  if (!curve) throw new Error('the example has a cost curve');

  it('is a complete HTML document with charset, the scenario name as title, and inline CSS only', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
    expect(html).toContain(`<title>Design review: ${escapeHtml(result.scenario)}</title>`);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(count(html, /<style>/g)).toBe(1);
    expect(html).toContain('@media print');
  });

  it('is self-contained: no script, no external resource, URLs only inside text', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed|image|use|foreignObject)\b/i);
    expect(html).not.toMatch(/\bon[a-z]+\s*=/i);
    const tags = html.match(/<[^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(500);
    for (const t of tags) expect(t).not.toMatch(/https?:|\/\/|xlink:href/i);
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(css).not.toMatch(/url\(|@import|https?:/i);
    // the catalog's source URLs are still there, as text
    expect(html).toContain('https://aws.amazon.com/elasticloadbalancing/sla/');
    // every url(#...) reference in the SVGs points into the same document
    for (const [, id] of html.matchAll(/url\(#([\w-]+)\)/g)) expect(html).toContain(`id="${id}"`);
  });

  it('contains the three charts, each an SVG with a data-chart name, viewBox, 100% width, a title and a legend', () => {
    for (const name of ['cost-vs-load', 'downtime-vs-budget', 'latency-breakdown']) {
      const svg = chart(html, name);
      expect(count(html, new RegExp(`data-chart="${name}"`, 'g'))).toBe(1);
      expect(svg).toMatch(/^<svg data-chart="[a-z-]+" viewBox="0 0 720 \d+(\.\d)?" width="100%" role="img"/);
      expect(svg).toMatch(/^<svg[^>]*>\n<title>[^<]+<\/title>\n<desc>/);
      expect(svg).toContain('<g class="legend">');
      expect(svg).not.toMatch(/foreignObject|NaN|Infinity|undefined/);
    }
  });

  it('places each chart right after its section heading', () => {
    const chartFollows = (heading: string, name: string) => {
      const h = html.indexOf(`>${heading}</h2>`);
      expect(h).toBeGreaterThan(0);
      const between = html.slice(h, html.indexOf(`data-chart="${name}"`));
      expect(between).toMatch(/^>[^<]+<\/h2>\n<figure class="chart">\n<svg $/);
    };
    chartFollows('4. Availability', 'downtime-vs-budget');
    chartFollows('5. Latency', 'latency-breakdown');
    chartFollows('7. Growth and crossover', 'cost-vs-load');
  });

  it('cost against load: one marker per point where a design carries the load, gaps elsewhere, crossover and today marked', () => {
    const svg = chart(html, 'cost-vs-load');
    const feasible = (k: 'vertical' | 'horizontal') => curve.points.filter((p) => p[k]?.feasible).length;
    expect(count(svg, /class="point vertical"/g)).toBe(feasible('vertical'));
    expect(count(svg, /class="point horizontal"/g)).toBe(feasible('horizontal'));
    // a run of feasible points is one path: the vertical design stops carrying the load inside the range
    const runs = (k: 'vertical' | 'horizontal') =>
      curve.points.filter((p, i) => p[k]?.feasible && !curve.points[i - 1]?.[k]?.feasible).length;
    expect(count(svg, /<path class="series vertical"/g)).toBe(runs('vertical'));
    expect(count(svg, /<path class="series horizontal"/g)).toBe(runs('horizontal'));
    expect(curve.points.some((p) => p.vertical && !p.vertical.feasible)).toBe(true);
    expect(curve.crossover).not.toBeNull();
    expect(count(svg, /<line [^>]*class="crossover"[^>]*stroke-dasharray/g)).toBe(1);
    // 5.74k/s before the multi-region designs paid for their switch, 5.75k/s before regional prices
    expect(svg).toContain('crossover 5.86k/s');
    expect(svg).toContain('today 13k/s');
    expect(svg).toContain('class="today"');
    expect(svg).toContain('design rate (requests per second, log scale)');
    expect(svg).toContain('cost (USD per month)');
    // markers lie left to right in the order of the rates (log x axis)
    const xs = [...svg.matchAll(/<circle class="point vertical" cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    // the crossover line lies between the two points that bracket its rate
    const xLine = Number(/<line x1="([\d.]+)"[^>]*class="crossover"/.exec(svg)?.[1]);
    const rates = curve.points.map((p) => p.designRatePerS);
    const i = rates.findIndex((r) => r > (curve.crossover?.ratePerS ?? 0));
    const hx = [...svg.matchAll(/<rect x="([\d.]+)"[^>]*class="point horizontal"/g)].map((m) => Number(m[1]) + 3.5);
    expect(xLine).toBeGreaterThan(hx[i - 1] as number);
    expect(xLine).toBeLessThan(hx[i] as number);
  });

  it('downtime against the budget: one bar per candidate, over-budget parts hatched, a budget line', () => {
    const svg = chart(html, 'downtime-vs-budget');
    const budgetMin = (input.scenario.targets.unavailability * 365.25 * 86400) / 60;
    const over = result.architectures.filter((a) => a.availability.downtimeMinutesPerYear > budgetMin);
    expect(over.length).toBeGreaterThan(0);
    expect(count(svg, /<rect [^>]*class="bar within"/g)).toBe(result.architectures.length);
    expect(count(svg, /<rect [^>]*class="bar over" fill="url\(#dt-over\)"/g)).toBe(over.length);
    expect(svg).toContain('<pattern id="dt-over"');
    expect(count(svg, /<line [^>]*class="budget"/g)).toBe(1);
    expect(svg).toContain('budget 4h 23m a year (99.95%)');
    expect(svg).toContain('downtime per year (log scale)');
    // on a log axis a design within the budget is a visible bar, at least a fifth of the way to the budget line
    // (issue 19: on a linear axis they were slivers)
    const budgetX = Number(/<line x1="([\d.]+)"[^>]*class="budget"/.exec(svg)?.[1]);
    const widths = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"[^>]*class="bar within"/g)].map(
      (m) => ({
        x: Number(m[1]),
        w: Number(m[2]),
      }),
    );
    expect(widths.length).toBe(result.architectures.length);
    for (const b of widths) expect(b.w).toBeGreaterThan((budgetX - b.x) / 5);
    for (const a of result.architectures) expect(svg).toContain(`>${escapeHtml(a.name)}</text>`);
  });

  it('latency: network and queueing parts for every user region of every candidate, and the p99 target', () => {
    const svg = chart(html, 'latency-breakdown');
    const bars = result.architectures.reduce((n, a) => n + a.latency.byUserRegion.length, 0);
    expect(count(svg, /<rect [^>]*class="network"/g)).toBe(bars);
    expect(count(svg, /<rect [^>]*class="queue"/g)).toBe(bars);
    // the target line in pieces: above the bars, then over each candidate's bars (clear of its name), at one x
    const targets = [...svg.matchAll(/<line x1="([\d.]+)" y1="[\d.]+" x2="([\d.]+)"[^>]*class="target"/g)];
    expect(targets.length).toBe(1 + result.architectures.length);
    expect(new Set(targets.flatMap((m) => [m[1], m[2]])).size).toBe(1);
    expect(svg).toContain('p99 target 250 ms');
    expect(svg).toContain('p99 latency (ms)');
    // the recommended candidate's bars: network + queueing end at its p99
    const rec = result.architectures.find((a) => a.name === result.recommendation.name);
    expect(rec).toBeDefined();
    for (const u of rec?.latency.byUserRegion ?? []) {
      const label = `${(u.p99Ms ?? 0) >= 100 ? (u.p99Ms ?? 0).toFixed(0) : (u.p99Ms ?? 0).toFixed(1)} ms`;
      expect(svg).toContain(`>${label}</text>`);
    }
  });

  it('frontier: one mark per entry (filled when it meets every target), p99 labels where they fit, after its heading', () => {
    const svg = chart(html, 'frontier');
    const f = result.frontier;
    expect(f.length).toBeGreaterThan(0);
    expect(count(svg, /class="point (vertical|horizontal)[^"]*"/g)).toBe(f.length);
    expect(count(svg, /class="point (vertical|horizontal) meets"/g)).toBe(f.filter((e) => e.meetsTargets).length);
    const labels = count(svg, /class="p99"/g);
    expect(labels).toBeGreaterThan(0);
    expect(labels).toBeLessThanOrEqual(f.length);
    expect(count(svg, /<line [^>]*class="target"/g)).toBe(1);
    expect(svg).toContain('availability (nines)');
    expect(svg).toMatch(/^<svg[^>]*>\n<title>[^<]+<\/title>\n<desc>/);
    expect(svg).toContain('<g class="legend">');
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    const h = html.indexOf('>The frontier: cost, nines and p99</h3>');
    expect(h).toBeGreaterThan(0);
    expect(html.slice(h, html.indexOf('data-chart="frontier"'))).toMatch(
      /^>[^<]+<\/h3>\n<figure class="chart">\n<svg $/,
    );
  });

  it('frontier: an unstable design, zero nines, a single entry and one cost draw without broken numbers', () => {
    const e = { ...(result.frontier[0] as (typeof result.frontier)[number]) };
    for (const frontier of [
      [{ ...e, availability: { nines: 0 }, latency: { p99Ms: null }, meetsTargets: false }],
      [e, { ...e, name: 'same cost', availability: { nines: e.availability.nines + 1 } }],
    ]) {
      const svg = chart(build({ ...input, result: { ...result, frontier } }), 'frontier');
      expect(count(svg, /class="point /g)).toBe(frontier.length);
      expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    }
    expect(
      chart(build({ ...input, result: { ...result, frontier: [{ ...e, latency: { p99Ms: null } }] } }), 'frontier'),
    ).toContain('>unstable</text>');
    expect(build({ ...input, result: { ...result, frontier: [] } })).not.toContain('data-chart="frontier"');
  });

  it('is byte-identical across two runs and has no timestamp unless a date is given', () => {
    expect(build(worksheetInput())).toBe(html);
    expect(html).not.toMatch(/<meta name="date"/);
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?!Z for)/);
    const dated = build({ ...input, date: '2026-03-01' });
    expect(dated).toContain('<meta name="date" content="2026-03-01">');
    expect(dated).toContain('<strong>Date:</strong> 2026-03-01');
  });

  it('escapes an injected <script> in the scenario and candidate names (title, text, charts)', () => {
    const evil = '<script>alert("x")</script>';
    const archs = result.architectures.map((a, i) =>
      i === 0 ? { ...a, name: `<img src=x onerror=alert(1)> & ${a.name}` } : a,
    );
    const bad: WorksheetInput = {
      ...input,
      scenario: { ...input.scenario, name: evil },
      result: { ...result, scenario: evil, architectures: archs },
    };
    const out = build(bad);
    expect(out).not.toMatch(/<script|<img/i);
    expect(out).toContain('<title>Design review: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</title>');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; ');
    expect(chart(out, 'downtime-vs-budget')).toContain('&lt;img src=x onerror=alert(1)&gt; &amp;');
    expect(chart(out, 'latency-breakdown')).toContain('&lt;img src=x onerror=alert(1)&gt; &amp;');
  });

  it('without a cost curve there is no cost chart, and the other charts stay in their sections', () => {
    const noCurve = build({ ...input, curve: null });
    expect(noCurve).not.toContain('data-chart="cost-vs-load"');
    const at = (s: string) => noCurve.indexOf(s);
    expect(at('data-chart="downtime-vs-budget"')).toBeGreaterThan(at('id="4-availability"'));
    expect(at('data-chart="downtime-vs-budget"')).toBeLessThan(at('id="5-latency"'));
    expect(at('data-chart="latency-breakdown"')).toBeGreaterThan(at('id="5-latency"'));
  });

  it('handles an unstable queue (p99 unbounded) and no downtime at all without broken numbers', () => {
    const a0 = result.architectures[0];
    if (!a0) throw new Error('no candidate');
    const broken = {
      ...a0,
      availability: { ...a0.availability, downtimeMinutesPerYear: 0 },
      latency: {
        ...a0.latency,
        p99Ms: null,
        byUserRegion: a0.latency.byUserRegion.map((u) => ({ ...u, p99Ms: null, queueP99Ms: null })),
      },
    };
    const out = build({ ...input, result: { ...result, architectures: [broken, ...result.architectures.slice(1)] } });
    const lat = chart(out, 'latency-breakdown');
    expect(lat).toContain('unbounded (unstable queue)');
    expect(lat).not.toMatch(/NaN|Infinity/);
    expect(chart(out, 'downtime-vs-budget')).toContain('>0s</text>');
  });
});

describe('a text chart is not shown twice (issue 19, item 12)', () => {
  it('the HTML leaves out the text form of a figure it draws, and keeps it where it draws none', () => {
    const doc = [figure('cost'), preformatted(['o--h'], 'cost'), preformatted(['a table in text'])];
    const drawn = renderHtml(doc, { cost: '<svg data-chart="cost-vs-load"></svg>' });
    expect(drawn).not.toContain('o--h');
    expect(drawn).toContain('a table in text');
    expect(renderHtml(doc)).toContain('o--h');
  });
});

describe('the sensitivity tornado as SVG (issue 19, item 12)', () => {
  it('one bar per input shown, largest swing first, as long as its swing; no text copy beside it', () => {
    const catalog = loadCatalog();
    const file = 'models/scenarios/internal-tool.json';
    const scenario = readScenarioText(readFileSync(file, 'utf8'), file);
    const w = buildWorksheetInput(scenario, compareScenario(scenario, catalog), catalog, file);
    const page = worksheetHtml(w);
    const svg = /<svg data-chart="sensitivity-tornado"[\s\S]*?<\/svg>/.exec(page)?.[0] ?? '';
    const shown = (w.sensitivity?.inputs ?? []).slice(0, 12);
    expect(shown.length).toBeGreaterThan(3);
    const widths = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"[^>]*class="bar swing"/g)].map((m) =>
      Number(m[1]),
    );
    expect(widths.length).toBe(shown.length);
    // widths in the order of the swings, each proportional to its swing (to the tenth of a pixel they are drawn at)
    const k = (widths[0] as number) / (shown[0]?.swingUsdPerMonth ?? 1);
    shown.forEach((i, j) => {
      expect(Math.abs((widths[j] as number) - i.swingUsdPerMonth * k)).toBeLessThan(0.2);
    });
    expect(page).not.toContain('#####');
  });
});
