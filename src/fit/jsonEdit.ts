/**
 * Editing a JSON text in place: a value at a key path is replaced, or a missing key added at the end of its object,
 * and every other character of the file stays as it was (key order, spacing, compact arrays, the final newline), so
 * that `capplan fit --into` changes only the lines it fits. The text must be valid JSON (the caller parsed it first).
 */

type Node =
  | { kind: 'object'; start: number; end: number; members: { key: string; keyStart: number; value: Node }[] }
  | { kind: 'array'; start: number; end: number; elements: Node[] }
  | { kind: 'scalar'; start: number; end: number };

/** The spans of a JSON text's values (objects with their members; arrays and scalars as whole spans). */
function scan(text: string): Node {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i] as string)) i++;
  };
  const string = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): Node => {
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const members: { key: string; keyStart: number; value: Node }[] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', start, end: i, members };
      }
      for (;;) {
        ws();
        const keyStart = i;
        const key = string();
        ws();
        i++; // ':'
        const v = value();
        members.push({ key, keyStart, value: v });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        i++; // '}'
        return { kind: 'object', start, end: i, members };
      }
    }
    if (c === '[') {
      i++;
      ws();
      const elements: Node[] = [];
      if (text[i] === ']') {
        i++;
        return { kind: 'array', start, end: i, elements };
      }
      for (;;) {
        elements.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        i++; // ']'
        return { kind: 'array', start, end: i, elements };
      }
    }
    if (c === '"') {
      string();
      return { kind: 'scalar', start, end: i };
    }
    while (i < text.length && !',}] \t\r\n'.includes(text[i] as string)) i++;
    return { kind: 'scalar', start, end: i };
  };
  const root = value();
  return root;
}

/** The whitespace at the start of the line holding position `at`. */
function lineIndent(text: string, at: number): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** The file's indentation step (the first indented line's), default two spaces. */
function indentUnit(text: string): string {
  const m = /\n([ \t]+)\S/.exec(text);
  return m ? (m[1] as string) : '  ';
}

const isFlatObject = (v: unknown): boolean =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  Object.values(v).every((x) => x === null || typeof x !== 'object');

/** A flat object on one line with spaces: { "n": 1, "x": 955.16 }. */
function compactObject(o: Record<string, unknown>): string {
  const entries = Object.entries(o).filter(([, v]) => v !== undefined);
  return entries.length === 0
    ? '{}'
    : `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')} }`;
}

/**
 * `value` as JSON laid out like the file: multi-line with its indentation below `indent` (an array of small flat
 * objects, such as measurements { n, x }, one element per line), or compact.
 */
export function render(value: unknown, indent: string, unit: string, multiline: boolean): string {
  if (!multiline || value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = indent + unit;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const flat = value.every((v) => isFlatObject(v) && compactObject(v as Record<string, unknown>).length <= 60);
    const items = value.map((v) => (flat ? compactObject(v as Record<string, unknown>) : render(v, inner, unit, true)));
    return `[\n${items.map((x) => inner + x).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${render(v, inner, unit, true)}`).join(',\n')}\n${indent}}`;
}

/**
 * The text with `value` at `path` (keys of nested objects, or indices of existing array elements): the value's span
 * replaced when the key exists, else a member added at the end of the deepest existing object (objects created for
 * the rest of the path).
 * @throws RangeError when the path runs into a value that is not an object, or past the end of an array
 */
export function setJsonValue(text: string, path: readonly (string | number)[], value: unknown): string {
  const unit = indentUnit(text);
  const multiline = text.trim().includes('\n');
  let node = scan(text);
  let depth = 0;
  for (;;) {
    const step = path[depth];
    if (typeof step === 'number') {
      const element = node.kind === 'array' ? node.elements[step] : undefined;
      if (element === undefined) {
        throw new RangeError(`setJsonValue: no element ${step} at ${path.slice(0, depth).join('.')}`);
      }
      if (depth === path.length - 1) {
        const indent = lineIndent(text, element.start);
        return text.slice(0, element.start) + render(value, indent, unit, multiline) + text.slice(element.end);
      }
      node = element;
      depth++;
      continue;
    }
    if (node.kind !== 'object') {
      throw new RangeError(`setJsonValue: ${path.slice(0, depth).join('.')} is not an object`);
    }
    const key = path[depth] as string;
    const member = node.members.find((m) => m.key === key);
    if (member !== undefined && depth === path.length - 1) {
      const indent = lineIndent(text, member.keyStart);
      return text.slice(0, member.value.start) + render(value, indent, unit, multiline) + text.slice(member.value.end);
    }
    if (member !== undefined) {
      node = member.value;
      depth++;
      continue;
    }
    // add the rest of the path as a new member at the end of this object
    let inserted: unknown = value;
    for (let k = path.length - 1; k > depth; k--) {
      const key = path[k];
      if (typeof key === 'number') throw new RangeError('setJsonValue: no array to add an element to');
      inserted = { [key as string]: inserted };
    }
    const last = node.members[node.members.length - 1];
    const closeAt = node.end - 1; // the '}'
    const objIndent = lineIndent(text, node.start === 0 ? 0 : node.start);
    const indent = last !== undefined ? lineIndent(text, last.keyStart) : `${lineIndent(text, closeAt)}${unit}`;
    const body = `${JSON.stringify(key)}:${multiline ? ' ' : ''}${render(inserted, indent, unit, multiline)}`;
    if (last === undefined) {
      const inner = multiline ? `\n${indent}${body}\n${lineIndent(text, closeAt) || objIndent}` : body;
      return text.slice(0, node.start + 1) + inner + text.slice(closeAt);
    }
    const sep = multiline ? `,\n${indent}` : ',';
    return text.slice(0, last.value.end) + sep + body + text.slice(last.value.end);
  }
}
