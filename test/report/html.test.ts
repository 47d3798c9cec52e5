// The HTML worksheet (src/report/html.ts): the Markdown converter on each construct the worksheet uses, escaping of
// everything that comes from the scenario, and the page built from a real worksheet: self-contained (no scripts, no
// external resources), three data-driven SVG charts in the right sections, and the same bytes on every run.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { compareScenario } from '../../src/compare/index.js';
import { buildWorksheetInput } from '../../src/report/buildWorksheet.js';
import { escapeHtml, markdownToHtml, worksheetHtml } from '../../src/report/html.js';
import { type WorksheetInput, worksheetMarkdown } from '../../src/report/worksheet.js';
import { readScenarioText } from '../../src/scenario/read.js';

const EXAMPLE = 'models/scenarios/photo-sharing-viral.json';

/** The worksheet input as `capplan worksheet --analytic` builds it (buildWorksheetInput). */
function worksheetInput(date?: string): WorksheetInput {
  const scenario = readScenarioText(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
  const catalog = loadCatalog();
  return buildWorksheetInput(scenario, compareScenario(scenario, catalog), catalog, EXAMPLE, date);
}

const build = (input: WorksheetInput) => worksheetHtml(input, worksheetMarkdown(input));

/** The markup of the chart `name` (its <svg> element). */
function chart(html: string, name: string): string {
  const m = new RegExp(`<svg data-chart="${name}"[\\s\\S]*?</svg>`).exec(html);
  if (!m) throw new Error(`no ${name} chart`);
  return m[0];
}

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

describe('markdownToHtml', () => {
  it('headings #..### with ids, unique when repeated', () => {
    expect(markdownToHtml('# Title\n\n## 2. Inputs and assumptions\n\n### one big box\n\n### one big box\n')).toBe(
      [
        '<h1 id="title">Title</h1>',
        '<h2 id="2-inputs-and-assumptions">2. Inputs and assumptions</h2>',
        '<h3 id="one-big-box">one big box</h3>',
        '<h3 id="one-big-box-1">one big box</h3>',
        '',
      ].join('\n'),
    );
  });

  it('paragraphs: consecutive lines form one, a blank line separates them', () => {
    expect(markdownToHtml('one\ntwo\n\nthree\n')).toBe('<p>one\ntwo</p>\n<p>three</p>\n');
  });

  it('bullet and numbered lists, with items nested by two spaces', () => {
    const md = [
      '- **Chosen option:** x',
      '- **Alternatives rejected:**',
      '  - a: no',
      '  - b: _too dear_',
      '- last',
      '',
      '1. first',
      '2. second',
    ].join('\n');
    expect(markdownToHtml(md)).toBe(
      [
        '<ul>',
        '<li><strong>Chosen option:</strong> x</li>',
        '<li><strong>Alternatives rejected:</strong>',
        '<ul>',
        '<li>a: no</li>',
        '<li>b: <em>too dear</em></li>',
        '</ul>',
        '</li>',
        '<li>last</li>',
        '</ul>',
        '<ol>',
        '<li>first</li>',
        '<li>second</li>',
        '</ol>',
        '',
      ].join('\n'),
    );
  });

  it('a numbered list that does not start at 1 keeps its start; nesting goes more than one level deep', () => {
    expect(markdownToHtml('3. c\n4. d')).toBe('<ol start="3">\n<li>c</li>\n<li>d</li>\n</ol>\n');
    const deep = markdownToHtml('- a\n  - b\n    - c\n- d');
    expect(deep).toBe('<ul>\n<li>a\n<ul>\n<li>b\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n</li>\n<li>d</li>\n</ul>\n');
  });

  it('GitHub tables: header, alignment (left, right, center, none), escaped pipes, inline formatting in cells', () => {
    const md = [
      '|  | x | y | z |',
      '| --- | ---: | :---: | :--- |',
      '| cost | $1 | **missed** | a \\| b |',
      '| p99 | 2 ms | `c|d` |',
    ].join('\n');
    const html = markdownToHtml(md);
    expect(html).toContain('<thead><tr><th scope="col"></th><th scope="col" class="align-right">x</th>');
    expect(html).toContain('<th scope="col" class="align-center">y</th><th scope="col" class="align-left">z</th>');
    expect(html).toContain(
      '<tr><td>cost</td><td class="align-right">$1</td><td class="align-center"><strong>missed</strong></td><td class="align-left">a | b</td></tr>',
    );
    // a short row is padded; a pipe inside a code span still splits unless escaped (GitHub's rule)
    expect(html).toContain(
      '<tr><td>p99</td><td class="align-right">2 ms</td><td class="align-center">`c</td><td class="align-left">d`</td></tr>',
    );
    expect(html).toMatch(/^<div class="table-wrap"><table class="small">/);
    expect(markdownToHtml('| a |\n| --- |\n| `x \\| y` |')).toContain('<td><code>x | y</code></td>');
  });

  it('a table row with more cells than the header is cut to the header; a line with a pipe but no delimiter row is text', () => {
    expect(markdownToHtml('| a | b |\n| --- | --- |\n| 1 | 2 | 3 |')).toContain('<tr><td>1</td><td>2</td></tr>');
    expect(markdownToHtml('x | y\nz')).toBe('<p>x | y\nz</p>\n');
  });

  it('fenced code blocks are kept verbatim as <pre>, escaped, with no inline formatting', () => {
    const md = ['```text', '**not bold** _not em_ `x`', '  <b>&</b> |  |', '```', 'after'].join('\n');
    expect(markdownToHtml(md)).toBe(
      [
        '<pre><code class="language-text">**not bold** _not em_ `x`',
        '  &lt;b&gt;&amp;&lt;/b&gt; |  |</code></pre>',
        '<p>after</p>',
        '',
      ].join('\n'),
    );
  });

  it('inline: bold, italic, code (content verbatim), no italic inside words or in runs of underscores', () => {
    expect(markdownToHtml('**Q.** a _b c_ `x_y*z*` snake_case_name and ______ here')).toBe(
      '<p><strong>Q.</strong> a <em>b c</em> <code>x_y*z*</code> snake_case_name and ______ here</p>\n',
    );
    // the worksheet's subtitle: italic around a code span
    expect(markdownToHtml('_capplan worksheet for `a_b.json`. Every figure._')).toBe(
      '<p><em>capplan worksheet for <code>a_b.json</code>. Every figure.</em></p>\n',
    );
    expect(markdownToHtml('- **Date:** ______________________')).toBe(
      '<ul>\n<li><strong>Date:</strong> ______________________</li>\n</ul>\n',
    );
  });

  it('escapes <, >, & and quotes everywhere: text, headings, lists, cells, code', () => {
    const md = [
      '# a < b & c > d',
      '',
      'x < y && "q" \'s\'',
      '',
      '- <i>',
      '',
      '| <th> |',
      '| --- |',
      '| <td> & |',
      '',
      '`<code>`',
    ].join('\n');
    const html = markdownToHtml(md);
    expect(html).toContain('<h1 id="a-b-c-d">a &lt; b &amp; c &gt; d</h1>');
    expect(html).toContain('<p>x &lt; y &amp;&amp; &quot;q&quot; &#39;s&#39;</p>');
    expect(html).toContain('<li>&lt;i&gt;</li>');
    expect(html).toContain('<th scope="col">&lt;th&gt;</th>');
    expect(html).toContain('<td>&lt;td&gt; &amp;</td>');
    expect(html).toContain('<code>&lt;code&gt;</code>');
    expect(html).not.toMatch(/<(i|td>\s*<td|code>\s*<code)>/);
  });

  it('an injected <script> is text, not markup', () => {
    const html = markdownToHtml('# Design review: <script>alert("x")</script>\n\n**<script>** `</script>`');
    expect(html).not.toContain('<script');
    expect(html).toContain('Design review: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('<strong>&lt;script&gt;</strong> <code>&lt;/script&gt;</code>');
  });

  it('backslash escapes give the literal character; NUL characters cannot smuggle placeholders', () => {
    expect(markdownToHtml('\\*not em\\* a \\| b \\<')).toBe('<p>*not em* a | b &lt;</p>\n');
    expect(markdownToHtml('a \u00000\u0000 `c`')).toBe('<p>a \uFFFD0\uFFFD <code>c</code></p>\n');
  });

  it('afterHeading inserts HTML after the heading it chooses', () => {
    const html = markdownToHtml('## 1. A\n\ntext\n\n## 2. B\n', {
      afterHeading: (level, text) => (level === 2 && text === '2. B' ? '<hr>' : undefined),
    });
    expect(html).toBe('<h2 id="1-a">1. A</h2>\n<p>text</p>\n<h2 id="2-b">2. B</h2>\n<hr>\n');
  });

  it('converts the whole worksheet: every heading, table and code block of the Markdown is there', () => {
    const md = worksheetMarkdown(worksheetInput());
    const html = markdownToHtml(md);
    expect(count(html, /<h2 /g)).toBe(count(md, /^## /gm));
    expect(count(html, /<h3 /g)).toBe(count(md, /^### /gm));
    expect(count(html, /<table /g)).toBe(count(md, /^\| ?:?---/gm));
    expect(count(html, /<pre>/g)).toBe(count(md, /^```text$/gm));
    // no Markdown syntax is left outside code blocks
    const outsideCode = html.replace(/<pre>[\s\S]*?<\/pre>/g, '').replace(/<code>[\s\S]*?<\/code>/g, '');
    expect(outsideCode).not.toMatch(/\*\*|^#|^\|/m);
  });
});

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
    expect(svg).toContain('crossover 5.75k/s'); // 5.74k/s before the multi-region designs paid for their switch
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
    expect(svg).toContain('budget 4h 22m 58.8s a year (99.95%)');
    expect(svg).toContain('downtime per year (hours)');
    for (const a of result.architectures) expect(svg).toContain(`>${escapeHtml(a.name)}</text>`);
  });

  it('latency: network and queueing parts for every user region of every candidate, and the p99 target', () => {
    const svg = chart(html, 'latency-breakdown');
    const bars = result.architectures.reduce((n, a) => n + a.latency.byUserRegion.length, 0);
    expect(count(svg, /<rect [^>]*class="network"/g)).toBe(bars);
    expect(count(svg, /<rect [^>]*class="queue"/g)).toBe(bars);
    expect(count(svg, /<line [^>]*class="target"/g)).toBe(1);
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

  it('without a cost curve there is no cost chart; charts whose heading is missing go to a Charts section at the end', () => {
    const noCurve = build({ ...input, curve: null });
    expect(noCurve).not.toContain('data-chart="cost-vs-load"');
    expect(noCurve).toContain('data-chart="downtime-vs-budget"');
    expect(noCurve).not.toContain('id="charts"');
    const bare = worksheetHtml(input, '# Just a title\n');
    expect(bare).toContain('<h2 id="charts">Charts</h2>');
    expect(bare.indexOf('id="charts"')).toBeLessThan(bare.indexOf('data-chart="latency-breakdown"'));
    for (const name of ['cost-vs-load', 'downtime-vs-budget', 'latency-breakdown'])
      expect(bare).toContain(`data-chart="${name}"`);
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
