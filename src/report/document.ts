/**
 * The report model: a document is a list of blocks (headings, paragraphs, lists, tables, preformatted text and
 * figures). The worksheet is built once as a document; `render/markdown.ts`, `render/html.ts` and
 * `render/terminal.ts` turn it into Markdown, an HTML body and plain terminal text. Text in blocks may carry the
 * small inline subset every renderer understands: `code`, **bold** and _italic_ (nothing else is markup). Pure data.
 */

/** The charts a figure block can hold; the HTML renderer draws each as SVG, the others leave it out. */
export type FigureId = 'latency' | 'availability' | 'cost' | 'frontier' | 'usl' | 'tornado';

/** An item of a list; `items` nest a list inside it. */
export interface ListItem {
  text: string;
  items?: readonly ListItem[];
}

/** Column alignment: left or right (numbers). */
export type Align = 'l' | 'r';

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: readonly ListItem[] }
  | { kind: 'table'; head: readonly string[]; rows: readonly (readonly string[])[]; align?: readonly Align[] }
  /**
   * Preformatted lines (the text charts), shown as they are in every format; `chart`: the text form of that figure,
   * left out where the figure is drawn (HTML), so a chart is never shown twice.
   */
  | { kind: 'preformatted'; lines: readonly string[]; chart?: FigureId }
  /** A chart drawn only where graphics can be (HTML); the text formats show its data in the blocks around it. */
  | { kind: 'figure'; figure: FigureId };

export type Document = readonly Block[];

/** Builders, so that a section reads as what it says. */
export const heading = (level: 1 | 2 | 3, text: string): Block => ({ kind: 'heading', level, text });
export const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
export const bullets = (items: readonly (string | ListItem)[]): Block => ({
  kind: 'list',
  ordered: false,
  items: items.map((i) => (typeof i === 'string' ? { text: i } : i)),
});
export const numbered = (items: readonly string[]): Block => ({
  kind: 'list',
  ordered: true,
  items: items.map((text) => ({ text })),
});
export const table = (
  head: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly Align[],
): Block => (align ? { kind: 'table', head, rows, align } : { kind: 'table', head, rows });
export const preformatted = (lines: readonly string[], chart?: FigureId): Block =>
  chart === undefined ? { kind: 'preformatted', lines } : { kind: 'preformatted', lines, chart };
export const figure = (id: FigureId): Block => ({ kind: 'figure', figure: id });
