// What a user typed reaches the worksheet as inert text (issue 19, item 15): Markdown escaping of names,
// descriptions and places (src/report/userText.ts), code spans for file names, and the whole worksheet of a scenario
// whose strings carry HTML, images, links and markup, in Markdown, HTML and terminal text.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { compareScenario } from '../../src/compare/index.js';
import { buildWorksheetInput } from '../../src/report/buildWorksheet.js';
import { renderHtml, renderInline } from '../../src/report/render/html.js';
import { codeSpan, mdText } from '../../src/report/userText.js';
import { worksheetDocument, worksheetMarkdown } from '../../src/report/worksheet.js';
import { parseScenario } from '../../src/scenario/normalize.js';

const PLAIN = { code: (s: string) => s, text: (s: string) => s, strong: ['', ''], em: ['', ''] } as const;

describe('mdText', () => {
  it('escapes every character that could start markup or HTML', () => {
    expect(mdText('<img src=x onerror=alert(1)> **x** [a](b) ![i](u) a|b ~~s~~ &amp; `c` _e_ \\')).toBe(
      '\\<img src=x onerror=alert(1)\\> \\*\\*x\\*\\* \\[a\\](b) \\!\\[i\\](u) a\\|b \\~\\~s\\~\\~ \\&amp; \\`c\\` \\_e\\_ \\\\',
    );
    expect(mdText('a\tb\nc\u001b[31md\u009b')).toBe('a b c\\[31md');
  });

  it('reads back as the same text through the renderers (fast-check over printable strings)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii' }), (s) => {
        const shown = s.replace(/[\t\r\n]+/g, ' ');
        // the inline renderer trims each line: compare trimmed
        expect(renderInline(mdText(s), PLAIN)).toBe(shown.trim());
      }),
      { seed: 19, numRuns: 500 },
    );
  });

  it('code spans fence a file name with more backticks than it holds', () => {
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x')).toBe('`` `x ``');
    expect(renderInline(codeSpan('we`ird ``name'), PLAIN)).toBe('we`ird ``name');
  });
});

describe('a scenario whose strings carry HTML, images, links and markup', () => {
  const catalog = loadCatalog();
  const raw = JSON.parse(readFileSync('models/scenarios/internal-tool.json', 'utf8'));
  raw.name = 'Evil <script>alert(1)</script> **bold**';
  raw.description = '<img src=x onerror=alert(2)> ![remote](http://evil.example/x.png) [link](http://evil) a|b';
  raw.architectures[0].name = 'box <b>&amp;</b> _x_ | y';
  const s = parseScenario(raw);
  const r = compareScenario(s, catalog);
  const w = buildWorksheetInput(s, r, catalog, 'we`ird <file>.json');

  it('Markdown: no raw tag, image, link or markup of theirs', () => {
    const md = worksheetMarkdown(w);
    // every tag, image and link of theirs is escaped (a backslash before its first character)
    expect(md).not.toMatch(/(?<!\\)<(script|img|b>)|(?<!\\)!\\?\[remote|(?<!\\)\]\(http/);
    expect(md).toContain('Evil \\<script\\>alert(1)\\</script\\> \\*\\*bold\\*\\*');
    // a pipe in a name does not split a table cell
    expect(md).toContain('| box \\<b\\>\\&amp;\\</b\\> \\_x\\_ \\| y |');
    expect(md).toContain('``we`ird <file>.json``');
  });

  it('HTML: their text, HTML-escaped, never markup', () => {
    const html = renderHtml(worksheetDocument(w));
    expect(html).not.toMatch(/<script|<img|<b>|href="http/);
    expect(html).toContain('Evil &lt;script&gt;alert(1)&lt;/script&gt; **bold**');
    expect(html).toContain('box &lt;b&gt;&amp;amp;&lt;/b&gt; _x_ | y');
  });
});
