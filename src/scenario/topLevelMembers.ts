/**
 * The top-level members of a JSON object's text, each as its key and the text of its value, without parsing the
 * values: a batch of scenarios (run --jsonl) parses and checks a member's value once for all the lines that give it
 * the same text (cli/scenarioLines.ts). JSON is context-free, so a value's text parsed alone is the value it has in
 * the whole object.
 */

/** One member: its key's text as written (quotes and escapes included) and its value's text (no outer whitespace). */
export interface MemberText {
  keyText: string;
  valueText: string;
}

/** JSON's insignificant whitespace: space, tab, line feed, carriage return (RFC 8259, section 2). */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * The offset just past the string that opens at `at` (a `"`), or -1 when it is not closed: the next `"` not escaped
 * (preceded by an even number of backslashes), found with indexOf (a long description costs little).
 */
function stringEnd(text: string, at: number): number {
  let end = text.indexOf('"', at + 1);
  while (end !== -1) {
    let slashes = 0;
    while (text.charCodeAt(end - 1 - slashes) === 92) slashes++;
    if (slashes % 2 === 0) return end + 1;
    end = text.indexOf('"', end + 1);
  }
  return -1;
}

/** The offset just past the value that starts at `at`: a string, or anything up to its depth's next `,` `}` `]`. */
function valueEnd(text: string, at: number): number {
  let depth = 0;
  let i = at;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      i = stringEnd(text, i);
      if (i < 0) return -1;
      if (depth === 0) return i;
      continue;
    }
    if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      if (depth === 0) return i;
      depth--;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && c === 44) return i;
    i++;
  }
  return depth === 0 ? i : -1;
}

/**
 * The members of the object that `text` holds, in order, or null when `text` is not laid out as one object of
 * members (`{` key `:` value, ... `}` with only whitespace around): nothing is checked inside a value, which the
 * caller parses (a malformed value fails there). A value's text ends before the whitespace that follows it.
 * @example topLevelMembers('{"a": [1, 2], "b":"x"}') // [{ keyText: '"a"', valueText: '[1, 2]' }, { keyText: '"b"', valueText: '"x"' }]
 * @example topLevelMembers('[1]') // null
 */
export function topLevelMembers(text: string): MemberText[] | null {
  const n = text.length;
  let i = 0;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 123) return null;
  i++;
  const members: MemberText[] = [];
  for (;;) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (members.length === 0 && text.charCodeAt(i) === 125) break;
    if (text.charCodeAt(i) !== 34) return null;
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return null;
    const keyText = text.slice(i, keyEnd);
    i = keyEnd;
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 58) return null;
    i++;
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    const end = valueEnd(text, i);
    if (end <= i) return null;
    let last = end;
    while (last > i && isSpace(text.charCodeAt(last - 1))) last--;
    members.push({ keyText, valueText: text.slice(i, last) });
    i = end;
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    const c = text.charCodeAt(i);
    if (c === 125) break;
    if (c !== 44) return null;
    i++;
  }
  i++;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  return i === n ? members : null;
}
