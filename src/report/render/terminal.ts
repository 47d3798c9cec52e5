/**
 * A report document as plain text for a terminal or an e-mail (`capplan worksheet --format text`): headings
 * underlined, paragraphs and list items wrapped to the width, tables as aligned columns (or, when too wide, one
 * record per row), the text charts as they are. The inline marks are dropped (`code` and **bold** read as plain
 * text). Pure.
 */

import type { Block, Document, ListItem } from '../document.js';
import { wrap } from '../table.js';
import { type InlineMarks, renderInline } from './html.js';

const PLAIN_MARKS: InlineMarks = { code: (body) => body, text: (s) => s, strong: ['', ''], em: ['', ''] };

/**
 * The inline subset of `document.ts` without its marks (`x`, **x**, __x__, _x_ and *x* read as x), by the same rules
 * as the HTML (renderInline): a code span or an escaped character is kept as it is.
 */
export function plainText(s: string): string {
  return renderInline(s, PLAIN_MARKS);
}

const chars = (s: string): number => Array.from(s).length;

/** A paragraph or item wrapped to `width`, the first line after `first`, the others after as many spaces. */
function hanging(text: string, width: number, first = ''): string[] {
  const pad = ' '.repeat(chars(first));
  const lines = wrap(plainText(text), Math.max(20, width - chars(first))).split('\n');
  return lines.map((l, i) => (i === 0 ? first : pad) + l);
}

function listLines(items: readonly ListItem[], ordered: boolean, width: number, indent: string): string[] {
  return items.flatMap((it, i) => [
    ...hanging(it.text, width, `${indent}${ordered ? `${i + 1}.` : '-'} `),
    ...listLines(it.items ?? [], false, width, `${indent}  `),
  ]);
}

/** Narrowest a wrapped column may get before a table turns into records. */
const MIN_WRAPPED_COLUMN = 20;

function tableLines(b: Extract<Block, { kind: 'table' }>, width: number): string[] {
  const head = b.head.map(plainText);
  const rows = b.rows.map((r) => head.map((_, k) => plainText((r[k] ?? '').replace(/\n/g, ' '))));
  const widths = head.map((h, k) => Math.max(chars(h), ...rows.map((r) => chars(r[k] ?? ''))));
  const gaps = 2 * (widths.length - 1);
  // too wide: the widest column is wrapped, when what is left for it is wide enough
  const widest = widths.indexOf(Math.max(...widths));
  const room = width - gaps - widths.reduce((a, x, k) => (k === widest ? a : a + x), 0);
  if (room < (widths[widest] ?? 0)) {
    if (room < MIN_WRAPPED_COLUMN) {
      // still too wide: one record per row, "column: value", the first column as its title
      return rows.flatMap((r, i) => [
        ...(i > 0 ? [''] : []),
        ...hanging(r[0] || head[0] || '', width),
        ...head.slice(1).flatMap((h, k) => hanging(r[k + 1] ?? '', width, `  ${h}: `)),
      ]);
    }
    widths[widest] = room;
  }
  const line = (r: readonly string[]): string[] => {
    const cells = r.map((c, k) =>
      k === widest && chars(c) > (widths[k] ?? 0) ? wrap(c, widths[k] ?? 0).split('\n') : [c],
    );
    const height = Math.max(...cells.map((c) => c.length));
    return Array.from({ length: height }, (_, j) =>
      cells
        .map((c, k) => {
          const t = c[j] ?? '';
          const pad = ' '.repeat(Math.max(0, (widths[k] ?? 0) - chars(t)));
          return b.align?.[k] === 'r' ? pad + t : t + pad;
        })
        .join('  ')
        .trimEnd(),
    );
  };
  return [...line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.flatMap(line)];
}

function block(b: Block, width: number): string[] {
  switch (b.kind) {
    case 'heading': {
      const text = plainText(b.text);
      return b.level === 3 ? [text] : [text, (b.level === 1 ? '=' : '-').repeat(Math.min(width, chars(text)))];
    }
    case 'paragraph':
      return b.text.trim() === '' ? [] : hanging(b.text, width);
    case 'list':
      return listLines(b.items, b.ordered, width, '');
    case 'table':
      return tableLines(b, width);
    case 'preformatted':
      return [...b.lines];
    case 'figure':
      return [];
  }
}

/** The document as terminal text, `width` columns wide (wrapped text; tables and text charts may need their own). */
export function renderTerminal(doc: Document, width = 100): string {
  const parts = doc.map((b) => block(b, width)).filter((l) => l.length > 0);
  return `${parts.map((l) => l.join('\n')).join('\n\n')}\n`;
}
