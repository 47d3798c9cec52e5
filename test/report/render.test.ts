// The report model's three renderers (src/report/render/): one document, every construct the worksheet uses, drawn as
// Markdown, HTML and terminal text; escaping of text that comes from the scenario; and the whole worksheet drawn from
// one document (the same sections, tables and text charts in each format).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { compareScenario } from '../../src/compare/index.js';
import { buildWorksheetInput } from '../../src/report/buildWorksheet.js';
import {
  bullets,
  type Document,
  figure,
  heading,
  numbered,
  paragraph,
  preformatted,
  table,
} from '../../src/report/document.js';
import { renderHtml } from '../../src/report/render/html.js';
import { renderMarkdown } from '../../src/report/render/markdown.js';
import { plainText, renderTerminal } from '../../src/report/render/terminal.js';
import { worksheetDocument } from '../../src/report/worksheet.js';
import { readScenarioText } from '../../src/scenario/read.js';

const DOC: Document = [
  heading(1, 'Title'),
  paragraph('_capplan worksheet for `a_b.json`. Every figure._'),
  heading(2, '2. Inputs and assumptions'),
  figure('cost'),
  heading(3, 'one big box'),
  heading(3, 'one big box'),
  paragraph('**Q.** a _b c_ `x_y*z*` snake_case_name and ______ here'),
  bullets([
    '**Chosen option:** x',
    { text: '**Alternatives rejected:**', items: [{ text: 'a: no' }, { text: 'b: _too dear_' }] },
  ]),
  numbered(['first', 'second']),
  table(
    ['', 'x'],
    [
      ['cost', '$1 | 2'],
      ['p99', '**missed**'],
    ],
    ['l', 'r'],
  ),
  preformatted(['**not bold** _not em_ `x`', '  <b>&</b> |  |']),
];

describe('renderMarkdown', () => {
  it('draws every block; figures are left out (their text charts stand in)', () => {
    expect(renderMarkdown(DOC)).toBe(
      [
        '# Title',
        '',
        '_capplan worksheet for `a_b.json`. Every figure._',
        '',
        '## 2. Inputs and assumptions',
        '',
        '### one big box',
        '',
        '### one big box',
        '',
        '**Q.** a _b c_ `x_y*z*` snake_case_name and ______ here',
        '',
        '- **Chosen option:** x',
        '- **Alternatives rejected:**',
        '  - a: no',
        '  - b: _too dear_',
        '',
        '1. first',
        '2. second',
        '',
        '|  | x |',
        '| --- | ---: |',
        '| cost | $1 \\| 2 |',
        '| p99 | **missed** |',
        '',
        '```text',
        '**not bold** _not em_ `x`',
        '  <b>&</b> |  |',
        '```',
        '',
      ].join('\n'),
    );
  });

  it('empty lists and paragraphs leave no blank runs', () => {
    expect(renderMarkdown([heading(2, 'A'), bullets([]), paragraph(''), paragraph('b')])).toBe('## A\n\nb\n');
  });
});

describe('renderHtml', () => {
  const html = renderHtml(DOC, { cost: '<svg data-chart="x"></svg>' });

  it('headings with ids, unique when repeated; the figure where the document puts it', () => {
    expect(html).toContain(
      [
        '<h1 id="title">Title</h1>',
        '<p><em>capplan worksheet for <code>a_b.json</code>. Every figure.</em></p>',
        '<h2 id="2-inputs-and-assumptions">2. Inputs and assumptions</h2>',
        '<svg data-chart="x"></svg>',
        '<h3 id="one-big-box">one big box</h3>',
        '<h3 id="one-big-box-1">one big box</h3>',
      ].join('\n'),
    );
    expect(renderHtml([figure('latency')], { latency: '' })).toBe('\n');
  });

  it('inline: bold, italic, code (content verbatim), no italic inside words or in runs of underscores', () => {
    expect(html).toContain(
      '<p><strong>Q.</strong> a <em>b c</em> <code>x_y*z*</code> snake_case_name and ______ here</p>',
    );
  });

  it('nested bullet lists and numbered lists', () => {
    expect(html).toContain(
      [
        '<ul>',
        '<li><strong>Chosen option:</strong> x</li>',
        '<li><strong>Alternatives rejected:</strong>',
        '<ul>',
        '<li>a: no</li>',
        '<li>b: <em>too dear</em></li>',
        '</ul>',
        '</li>',
        '</ul>',
        '<ol>',
        '<li>first</li>',
        '<li>second</li>',
        '</ol>',
      ].join('\n'),
    );
  });

  it('tables: header, right-aligned columns, pipes in cells as text, inline marks in cells', () => {
    expect(html).toContain(
      [
        '<div class="table-wrap"><table class="small">',
        '<thead><tr><th scope="col"></th><th scope="col" class="align-right">x</th></tr></thead>',
        '<tbody>',
        '<tr><td>cost</td><td class="align-right">$1 | 2</td></tr>',
        '<tr><td>p99</td><td class="align-right"><strong>missed</strong></td></tr>',
        '</tbody>',
        '</table></div>',
      ].join('\n'),
    );
    const rows = Array.from({ length: 26 }, (_, i) => [String(i)]);
    expect(renderHtml([table(['n'], rows)])).toContain('<table class="large">');
  });

  it('preformatted text is kept verbatim, escaped, with no inline formatting', () => {
    expect(html).toContain(
      '<pre><code class="language-text">**not bold** _not em_ `x`\n  &lt;b&gt;&amp;&lt;/b&gt; |  |</code></pre>',
    );
  });

  it('escapes <, >, & and quotes everywhere; an injected <script> is text, not markup', () => {
    const out = renderHtml([
      heading(1, 'Design review: <script>alert("x")</script>'),
      paragraph('x < y && "q" \'s\' **<script>** `</script>`'),
      bullets(['<i>']),
      table(['<th>'], [['<td> &']]),
    ]);
    expect(out).not.toContain('<script');
    expect(out).toContain(
      '<h1 id="design-review-script-alert-x-script">Design review: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</h1>',
    );
    expect(out).toContain(
      '<p>x &lt; y &amp;&amp; &quot;q&quot; &#39;s&#39; <strong>&lt;script&gt;</strong> <code>&lt;/script&gt;</code></p>',
    );
    expect(out).toContain('<li>&lt;i&gt;</li>');
    expect(out).toContain('<th scope="col">&lt;th&gt;</th>');
    expect(out).toContain('<td>&lt;td&gt; &amp;</td>');
  });

  it('backslash escapes give the literal character; NUL characters cannot smuggle placeholders', () => {
    expect(renderHtml([paragraph('\\*not em\\* a \\| b \\<')])).toBe('<p>*not em* a | b &lt;</p>\n');
    expect(renderHtml([paragraph('a \u00000\u0000 `c`')])).toBe('<p>a \uFFFD0\uFFFD <code>c</code></p>\n');
  });
});

describe('renderTerminal', () => {
  it('underlines headings, drops inline marks, indents nested items, aligns table columns', () => {
    const out = renderTerminal(DOC, 60);
    expect(out).toContain('Title\n=====');
    expect(out).toContain('2. Inputs and assumptions\n-------------------------');
    expect(out).toContain('capplan worksheet for a_b.json. Every figure.');
    expect(out).toContain('- Alternatives rejected:\n  - a: no\n  - b: too dear');
    expect(out).toContain('1. first\n2. second');
    expect(out).toContain('      x\n----  ------\ncost  $1 | 2\np99   missed');
    // the text chart is kept as it is, marks and all
    expect(out).toContain('**not bold** _not em_ `x`');
    expect(out).not.toContain('<svg');
  });

  it('wraps paragraphs to the width with a hanging indent for list items', () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    const out = renderTerminal([bullets([words])], 30);
    const lines = out.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(30);
    expect(lines.slice(1).every((l) => l.startsWith('  w'))).toBe(true);
  });

  it('a table too wide for the width becomes one record per row', () => {
    const out = renderTerminal([table(['', 'a', 'b'], [['cost', 'x'.repeat(40), 'y'.repeat(40)]])], 50);
    expect(out).toBe(`cost\n  a: ${'x'.repeat(40)}\n  b: ${'y'.repeat(40)}\n`);
  });

  it('plainText drops the inline marks only', () => {
    expect(plainText('**Q.** a _b c_ `x_y*z*` snake_case_name \\*')).toBe('Q. a b c x_y*z* snake_case_name *');
  });
});

describe('the worksheet as one document', () => {
  const file = 'models/scenarios/photo-sharing-viral.json';
  const scenario = readScenarioText(readFileSync(file, 'utf8'), file);
  const catalog = loadCatalog();
  const doc = worksheetDocument(buildWorksheetInput(scenario, compareScenario(scenario, catalog), catalog, file));
  const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
  const blocks = (kind: string, level?: number) =>
    doc.filter((b) => b.kind === kind && (level === undefined || (b.kind === 'heading' && b.level === level))).length;

  it('every heading, table and text chart appears in each format', () => {
    const md = renderMarkdown(doc);
    const html = renderHtml(doc);
    const text = renderTerminal(doc);
    expect(count(md, /^## /gm)).toBe(blocks('heading', 2));
    expect(count(html, /<h2 /g)).toBe(blocks('heading', 2));
    expect(count(md, /^### /gm)).toBe(blocks('heading', 3));
    expect(count(html, /<h3 /g)).toBe(blocks('heading', 3));
    expect(count(md, /^\| ?:?---/gm)).toBe(blocks('table'));
    expect(count(html, /<table /g)).toBe(blocks('table'));
    expect(count(md, /^```text$/gm)).toBe(blocks('preformatted'));
    expect(count(html, /<pre>/g)).toBe(blocks('preformatted'));
    // five figures: cost, availability, latency, the frontier and the sensitivity tornado (the HTML page draws them)
    expect(blocks('figure')).toBe(5);
    for (const h of doc.filter((b) => b.kind === 'heading')) expect(text).toContain(plainText(h.text));
    // no Markdown syntax is left outside code in the HTML
    const outsideCode = html.replace(/<pre>[\s\S]*?<\/pre>/g, '').replace(/<code>[\s\S]*?<\/code>/g, '');
    expect(outsideCode).not.toMatch(/\*\*|^#|^\|/m);
  });
});

describe('renderTerminal and plainText: review mends', () => {
  it('a code span or an escaped character keeps its marks as text (file names like __draft__.json)', () => {
    expect(plainText('for `__draft__.json` and `*star*.json`')).toBe('for __draft__.json and *star*.json');
    expect(plainText('\\*x\\* and __b__')).toBe('*x* and b');
  });

  it('a table that fits the width stays a table, even when its widest column is narrow', () => {
    // three columns of 10 (34 wide with the gaps) at width 40: what is left for the widest is 16, under the
    // narrowest a wrapped column may get (20), yet nothing needs wrapping
    const out = renderTerminal([table(['a', 'b', 'c'], [['aaaaaaaaaa', 'bbbbbbbbbb', 'cccccccccc']])], 40);
    expect(out).toBe(
      [
        'a           b           c',
        '----------  ----------  ----------',
        'aaaaaaaaaa  bbbbbbbbbb  cccccccccc',
        '',
      ].join('\n'),
    );
  });
});
