/**
 * What the text charts draw with: the Unicode and ASCII glyph sets, transliteration to ASCII, and text that fits a
 * width (clipped, padded, wrapped). Every character used is one column wide. Pure.
 */

import { cutTo, displayWidth } from '../../util/displayWidth.js';

export type Glyphs = {
  axisV: string;
  axisH: string;
  corner: string;
  yTick: string;
  xTick: string;
  mark: string;
  pointer: string;
  connector: string;
  overlap: string;
  ellipsis: string;
  rule: string;
  fill: string;
  over: string;
  empty: string;
  budget: string;
};

export const UNICODE: Glyphs = {
  axisV: '│',
  axisH: '─',
  corner: '└',
  yTick: '┤',
  xTick: '┬',
  mark: '┆',
  pointer: '▼',
  connector: '·',
  overlap: '◆',
  ellipsis: '…',
  rule: '╌',
  fill: '█',
  over: '▓',
  empty: '░',
  budget: '│',
};

export const ASCII: Glyphs = {
  axisV: '|',
  axisH: '-',
  corner: '+',
  yTick: '+',
  xTick: '+',
  mark: '|',
  pointer: 'v',
  connector: '.',
  overlap: '#',
  ellipsis: '~',
  rule: '_',
  fill: '#',
  over: '!',
  empty: '.',
  budget: '|',
};

/** Replacement symbols for series or bar parts whose own symbol cannot be used (not ASCII in ascii mode). */
export const FALLBACK_SYMBOLS = ['o', 'x', '+', '*', '=', '%', '@', '&', '$', '~', '^'];
export const FALLBACK_FILLS = ['#', '=', '+', ':', '%', '@', '*', 'o', '~', '^'];

export const TRANSLIT: Record<string, string> = {
  µ: 'u',
  μ: 'u',
  '∞': 'inf',
  '…': '...',
  '–': '-',
  '—': '-',
  '−': '-',
  '×': 'x',
  '·': '.',
  '≤': '<=',
  '≥': '>=',
  '≈': '~',
  '°': 'deg',
  '€': 'EUR',
  '£': 'GBP',
  '\u00a0': ' ',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
};

export function chars(s: string): string[] {
  return Array.from(s);
}

/** Columns `s` takes in a monospaced chart: a wide character (CJK, emoji) two, a combining mark none (issue 19). */
export function len(s: string): number {
  return displayWidth(s);
}

/** Printable ASCII only: known symbols transliterated, anything else "?", control characters dropped. */
export function toAscii(s: string): string {
  let out = '';
  for (const c of chars(s)) {
    const code = c.codePointAt(0) as number;
    if (code >= 0x20 && code < 0x7f) out += c;
    else if (c === '\t') out += ' ';
    else if (code < 0x20 || code === 0x7f) continue;
    else out += TRANSLIT[c] ?? '?';
  }
  return out;
}

/** Control characters removed (a label must not move the cursor). */
export function printable(s: string): string {
  return chars(s)
    .filter((c) => {
      const code = c.codePointAt(0) as number;
      return code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0);
    })
    .join('');
}

export function textFor(ascii: boolean): (s: string) => string {
  return ascii ? toAscii : printable;
}

/** s cut to at most n columns, the cut marked with the ellipsis (a wide character is never split). */
export function clip(s: string, n: number, ellipsis: string): string {
  if (len(s) <= n) return s;
  if (n <= 0) return '';
  const e = len(ellipsis);
  if (n <= e) return cutTo(s, n);
  return cutTo(s, n - e) + ellipsis;
}

export function padEnd(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - len(s)));
}

export function padStart(s: string, n: number): string {
  return ' '.repeat(Math.max(0, n - len(s))) + s;
}

/** Words wrapped to `width`; a word longer than the width is split. */
export function wrapWords(words: readonly string[], width: number, sep = ' '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w0 of words) {
    let w = w0;
    while (len(w) > width) {
      if (line.length > 0) {
        lines.push(line);
        line = '';
      }
      const head = cutTo(w, Math.max(1, width));
      const cut = head === '' ? (chars(w)[0] ?? '') : head;
      lines.push(cut);
      w = w.slice(cut.length);
    }
    if (w.length === 0) continue;
    if (line.length === 0) line = w;
    else if (len(line) + len(sep) + len(w) <= width) line = `${line}${sep}${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

export function checkWidth(width: number, min: number): void {
  if (!Number.isInteger(width) || width < min) throw new RangeError(`width must be an integer >= ${min}, got ${width}`);
}

/** Symbols one column wide, distinct, and ASCII in ascii mode (replaced from `fallbacks` where not). */
export function symbolsFor(
  wanted: readonly string[],
  ascii: boolean,
  fallbacks: readonly string[],
  reserved: string[],
) {
  const used = new Set<string>(reserved);
  const ok = (s: string) =>
    chars(s).length === 1 && s !== ' ' && !used.has(s) && (!ascii || /^[\x21-\x7e]$/.test(s)) && printable(s) === s;
  return wanted.map((s) => {
    let pick = ok(s) ? s : fallbacks.find((f) => ok(f));
    if (pick === undefined) pick = '?';
    used.add(pick);
    return pick;
  });
}
