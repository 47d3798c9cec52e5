/**
 * A report document as an HTML fragment: headings with ids, paragraphs, lists, tables (with alignment classes;
 * small ones kept on one printed page), preformatted text and the figures (SVG drawn by the caller). Text is
 * HTML-escaped; only the inline subset of `document.ts` becomes markup, so a name a user typed can never inject
 * HTML. Pure.
 */

import type { Block, Document, FigureId, ListItem } from '../document.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML (element content and quoted attribute values). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/**
 * Tables with at most this many body rows are kept on one printed page (break-inside: avoid); longer ones may break
 * across pages (page.ts: table.small). A layout choice, not a measured figure: a table kept whole leaves at most
 * about six rows' height of a page blank.
 */
const SMALL_TABLE_ROWS = 6;

const PH = '\u0000';
const ASCII_PUNCT = /\\([!-/:-@[-`{-~])/g;

/** Text as it enters the renderer: no NUL (the placeholder below), newlines only as \n, each line trimmed. */
function clean(s: string): string {
  return s
    .split(PH)
    .join('\uFFFD')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .join('\n');
}

/** How a target format writes the inline subset: a code span, an escaped character, plain text, the marks. */
export interface InlineMarks {
  code: (body: string) => string;
  text: (s: string) => string;
  strong: readonly [string, string];
  em: readonly [string, string];
}

/**
 * The inline subset of document.ts in one pass, for every format: code spans (verbatim) and backslash escapes
 * (`\*`, ...) are set aside first, so no mark applies inside them; then **bold**, __bold__, *italic* and _italic_
 * (not inside words or runs of underscores); everything else goes through `marks.text`.
 */
export function renderInline(src: string, marks: InlineMarks): string {
  const saved: string[] = [];
  const keep = (out: string) => `${PH}${saved.push(out) - 1}${PH}`;
  let s = clean(src).replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (_, _ticks: string, body: string) => {
    const inner =
      body.length > 2 && body.startsWith(' ') && body.endsWith(' ') && body.trim() ? body.slice(1, -1) : body;
    return keep(marks.code(inner));
  });
  s = s.replace(ASCII_PUNCT, (_, c: string) => keep(marks.text(c)));
  s = marks.text(s);
  const [b0, b1] = marks.strong;
  const [e0, e1] = marks.em;
  s = s.replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, `${b0}$1${b1}`);
  s = s.replace(/(^|[^\w])__(?=[^\s_])([\s\S]*?[^\s_])__(?!\w)/g, `$1${b0}$2${b1}`);
  s = s.replace(/(^|[^\w*])\*(?=[^\s*])([\s\S]*?[^\s*])\*(?![\w*])/g, `$1${e0}$2${e1}`);
  s = s.replace(/(^|[^\w])_(?=[^\s_])([\s\S]*?[^\s_])_(?!\w)/g, `$1${e0}$2${e1}`);
  return s.replace(new RegExp(`${PH}(\\d+)${PH}`, 'g'), (_, i: string) => saved[Number(i)] ?? '');
}

const HTML_MARKS: InlineMarks = {
  code: (body) => `<code>${escapeHtml(body)}</code>`,
  text: escapeHtml,
  strong: ['<strong>', '</strong>'],
  em: ['<em>', '</em>'],
};

/** Inline markup as HTML: everything that is not a mark is HTML-escaped. */
export function inline(src: string): string {
  return renderInline(src, HTML_MARKS);
}

/** A heading's id: lower case, runs of other characters as one '-'. */
function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[`*_\\]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'section';
}

function list(items: readonly ListItem[], ordered: boolean, fine = false): string {
  const tag = ordered ? 'ol' : 'ul';
  const lis = items.map((it) => {
    const nested = it.items && it.items.length > 0 ? `\n${list(it.items, false)}\n` : '';
    return `<li>${inline(it.text)}${nested}</li>`;
  });
  return `<${tag}${fine ? ' class="fine"' : ''}>\n${lis.join('\n')}\n</${tag}>`;
}

function table(b: Extract<Block, { kind: 'table' }>): string {
  const attr = (k: number) => (b.align?.[k] === 'r' ? ' class="align-right"' : '');
  const text = (s: string) => inline(s.replace(/\n/g, ' '));
  const cells = (row: readonly string[], tag: 'th' | 'td') =>
    b.head
      .map((_, k) => `<${tag}${tag === 'th' ? ' scope="col"' : ''}${attr(k)}>${text(row[k] ?? '')}</${tag}>`)
      .join('');
  const cls = b.rows.length <= SMALL_TABLE_ROWS ? 'small' : 'large';
  return [
    `<div class="table-wrap"><table class="${cls}">`,
    `<thead><tr>${cells(b.head, 'th')}</tr></thead>`,
    b.rows.length ? `<tbody>\n${b.rows.map((r) => `<tr>${cells(r, 'td')}</tr>`).join('\n')}\n</tbody>` : '',
    '</table></div>',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The document as HTML elements, one per line group. `figures` holds each figure's SVG (a figure without one, or
 * with an empty one, is left out).
 */
export function renderHtml(doc: Document, figures: Partial<Record<FigureId, string>> = {}): string {
  const ids = new Map<string, number>();
  const out: string[] = [];
  for (const b of doc) {
    switch (b.kind) {
      case 'heading': {
        const base = slug(b.text);
        const n = ids.get(base) ?? 0;
        ids.set(base, n + 1);
        const id = n === 0 ? base : `${base}-${n}`;
        out.push(`<h${b.level} id="${escapeHtml(id)}">${inline(b.text)}</h${b.level}>`);
        break;
      }
      case 'paragraph':
        // the caption of a text chart whose figure is drawn here goes with it
        if (b.chart !== undefined && figures[b.chart]) break;
        if (b.text.trim() !== '') out.push(`<p${b.fine === true ? ' class="fine"' : ''}>${inline(b.text)}</p>`);
        break;
      case 'list':
        if (b.items.length > 0) out.push(list(b.items, b.ordered, b.fine === true));
        break;
      case 'table':
        out.push(table(b));
        break;
      case 'preformatted':
        // a text chart whose figure is drawn here is not shown twice
        if (b.chart !== undefined && figures[b.chart]) break;
        out.push(`<pre><code class="language-text">${escapeHtml(b.lines.join('\n'))}</code></pre>`);
        break;
      case 'figure': {
        const svg = figures[b.figure];
        if (svg) out.push(svg);
        break;
      }
    }
  }
  return `${out.join('\n')}\n`;
}
