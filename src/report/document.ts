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
  /**
   * `fine`: the method behind figures, which print may set small; `chart`: the caption of that figure's text form,
   * left out with it where the figure is drawn (HTML).
   */
  | { kind: 'paragraph'; text: string; fine?: true; chart?: FigureId }
  /** `fine`: reference matter (sources) that print may set small, in two columns. */
  | { kind: 'list'; ordered: boolean; items: readonly ListItem[]; fine?: true }
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
/** The caption of a text chart (`preformatted(lines, chart)`): shown and left out with it. */
export const chartCaption = (text: string, chart: FigureId): Block => ({ kind: 'paragraph', text, chart });
/** A paragraph of method (how a figure was computed): HTML prints it small; the text formats as any paragraph. */
export const methodParagraph = (text: string): Block => ({ kind: 'paragraph', text, fine: true });
export const bullets = (items: readonly (string | ListItem)[]): Block => ({
  kind: 'list',
  ordered: false,
  items: items.map((i) => (typeof i === 'string' ? { text: i } : i)),
});
/** A list of reference matter (the sources): HTML prints it small, in two columns; the text formats as bullets. */
export const finePrint = (items: readonly string[]): Block => ({
  kind: 'list',
  ordered: false,
  items: items.map((text) => ({ text })),
  fine: true,
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
