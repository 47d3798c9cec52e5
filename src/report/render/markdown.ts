/**
 * A report document as Markdown (GitHub-flavoured: ATX headings, pipe tables with alignment, fenced text blocks).
 * Figures are left out: the text charts beside them carry their data. Pure.
 */

import type { Block, Document, ListItem } from '../document.js';

/** Escapes a table cell for Markdown (pipes not already escaped, and newlines). */
export function cell(s: string): string {
  return s.replace(/(?<!\\)\|/g, '\\|').replace(/\n/g, ' ');
}

function listLines(items: readonly ListItem[], ordered: boolean, indent: string): string[] {
  return items.flatMap((it, i) => [
    `${indent}${ordered ? `${i + 1}.` : '-'} ${it.text}`,
    ...listLines(it.items ?? [], false, `${indent}  `),
  ]);
}

function block(b: Block): string | null {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${b.text}`;
    case 'paragraph':
      return b.text;
    case 'list':
      return listLines(b.items, b.ordered, '').join('\n');
    case 'table': {
      const sep = b.head.map((_, i) => ((b.align?.[i] ?? 'l') === 'r' ? '---:' : '---'));
      return [b.head, sep, ...b.rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n');
    }
    case 'preformatted':
      return ['```text', ...b.lines, '```'].join('\n');
    case 'figure':
      return null;
  }
}

/** The document as Markdown: blocks apart by one blank line, no run of blank lines, one final newline. */
export function renderMarkdown(doc: Document): string {
  const parts = doc.map(block).filter((x): x is string => x !== null && x !== '');
  return `${parts
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
