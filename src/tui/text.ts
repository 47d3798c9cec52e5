/**
 * Text as a terminal shows it: what is safe to print of a user-supplied string, and how many columns it takes.
 *
 * - `safeText` escapes every control character (C0, DEL, C1) in caret notation as `cat -v` does (ESC is `^[`, BEL
 *   `^G`, a carriage return `^M`, C1 `M-^[`) and the bidirectional overrides as `<U+202E>`, so that a file or
 *   scenario name cannot move the cursor, retitle the window, set the clipboard (OSC 52) or reorder the line.
 * - `displayWidth` counts terminal columns as wcwidth(3) does (Markus Kuhn's reference, after Unicode's East Asian
 *   Width property, UAX #11): wide and fullwidth characters (CJK, Hangul, fullwidth forms) and emoji take two columns,
 *   combining marks, variation selectors and zero-width joiners none, everything else one. An approximation by code
 *   point ranges (no grapheme clustering: an emoji ZWJ sequence counts each emoji), which is what terminals do too.
 */

import { cutTo, displayWidth } from '../util/displayWidth.js';

export { cutTo, displayWidth };

/** Control characters and bidi controls: C0, DEL, C1, LRM/RLM, the embeddings/overrides and the isolates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with its control characters made visible and harmless.
 * @example safeText('a\x1b]52;c;aGk=\x07b') // "a^[]52;c;aGk=^Gb"
 */
export function safeText(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const c = ch.charCodeAt(0);
    if (c < 0x20) return `^${String.fromCharCode(c + 64)}`;
    if (c === 0x7f) return '^?';
    if (c <= 0x9f) return `M-^${String.fromCharCode(c - 0x80 + 64)}`;
    return `<U+${c.toString(16).toUpperCase()}>`;
  });
}

/**
 * `text` made safe and fitted to exactly `width` columns: padded with spaces, or cut with `~` as its last column.
 * @example fitTo('東京タワー', 6) // "東京~ " (a wide character is not split)
 */
export function fitTo(text: string, width: number): string {
  const s = safeText(text);
  const w = displayWidth(s);
  if (w <= width) return s + ' '.repeat(width - w);
  if (width <= 0) return '';
  const cut = cutTo(s, width - 1);
  return `${cut}~${' '.repeat(Math.max(0, width - 1 - displayWidth(cut)))}`;
}

/**
 * `text` word-wrapped at `width` columns (a word longer than a line is cut across lines), by display width.
 * @example wrapTo('scale out, 2 regions', 10) // ["scale out,", "2 regions"]
 */
export function wrapTo(text: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const word of safeText(text).split(/ +/)) {
    if (word === '') continue;
    const candidate = cur === '' ? word : `${cur} ${word}`;
    if (displayWidth(candidate) <= width) {
      cur = candidate;
      continue;
    }
    if (cur !== '') out.push(cur);
    let rest = word;
    while (displayWidth(rest) > width) {
      const head = cutTo(rest, width);
      if (head === '') break;
      out.push(head);
      rest = rest.slice(head.length);
    }
    cur = rest;
  }
  if (cur !== '') out.push(cur);
  return out;
}
