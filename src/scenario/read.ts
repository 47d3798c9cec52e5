/** Reading a scenario's text: the size limit, a byte-order mark, JSON syntax errors with their line and column. */
import { describePath, escapeControls, InputErrors } from '../errors.js';
import { ScenarioError } from './issues.js';
import { MAX_SCENARIO_BYTES, MAX_SCENARIO_DEPTH } from './limits.js';
import { parseScenario } from './normalize.js';
import type { Scenario } from './types.js';

/**
 * Reads a scenario from JSON text. `source` names it in errors (a file name, "stdin", "line 3").
 * @throws {InputErrors} over 1 MiB, not JSON (with line and column), a forbidden key, or any parseScenario problem
 */
export function readScenarioText(text: string, sourceIn: string): Scenario {
  return parseScenario(readScenarioJson(text, sourceIn));
}

/**
 * The JSON value of a scenario's text, not yet validated: the size limit, a byte-order mark skipped, and a syntax
 * error's line and column named (readScenarioText, and the sweep and TUI, which need the raw value).
 * @throws {InputErrors} the text is too large or not JSON
 */
export function readScenarioJson(text: string, sourceIn: string): unknown {
  const source = describePath(sourceIn); // a file name from argv: one line, no control characters
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_SCENARIO_BYTES) {
    const expected = `a scenario of at most ${MAX_SCENARIO_BYTES} bytes (1 MiB)`;
    throw new InputErrors([
      new ScenarioError(source, bytes, expected, `${source}: ${bytes} bytes: expected ${expected}`),
    ]);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a byte-order mark is not JSON
  const scan = scanJson(body, MAX_SCENARIO_DEPTH);
  const deep = scan.deepAt;
  if (deep !== null) {
    const { line, column } = lineColumn(body, deep);
    const expected = `objects and arrays nested at most ${MAX_SCENARIO_DEPTH} levels deep`;
    throw new InputErrors([
      new ScenarioError(source, text, expected, `${source}: line ${line}, column ${column}: expected ${expected}`),
    ]);
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    const where = jsonErrorPosition(body);
    const { line, column } = lineColumn(body, where.offset);
    const expected = `valid JSON (${where.reason})`;
    throw new InputErrors([
      new ScenarioError(source, text, expected, `${source}: line ${line}, column ${column}: expected ${expected}`),
    ]);
  }
  // JSON.parse keeps one copy of a repeated key: fewer keys in the value than in the text means a key appears twice
  // somewhere, and duplicateKey (a slower scan) says where
  const duplicate = ownKeyCount(data) === scan.keys ? null : duplicateKey(body);
  if (duplicate !== null) {
    const at = lineColumn(body, duplicate.offset);
    const first = lineColumn(body, duplicate.firstOffset);
    const expected = 'each key once in an object (JSON readers disagree on which copy wins)';
    throw new InputErrors([
      new ScenarioError(
        duplicate.path,
        text,
        expected,
        `${source}: line ${at.line}, column ${at.column}: ${duplicate.path} appears twice (first at line ${first.line}, column ${first.column}): expected ${expected}`,
      ),
    ]);
  }
  return data;
}

/**
 * The first key that appears twice in one object of valid JSON `text`, with its path (`workload.peakRate`,
 * `users[1].region`) and the offsets of both copies; null when every key is unique. One pass, no recursion.
 * @example duplicateKey('{"a": 1, "a": 2}') // { path: 'a', offset: 9, firstOffset: 1 }
 */
export function duplicateKey(text: string): { path: string; offset: number; firstOffset: number } | null {
  type Frame = { path: string; keys: Map<string, number> | null; key: string; index: number; expectKey: boolean };
  const stack: Frame[] = [];
  const childPath = (f: Frame | undefined): string => {
    if (f === undefined) return '';
    if (f.keys === null) return `${f.path}[${f.index}]`;
    return f.path === '' ? f.key : `${f.path}.${f.key}`;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) {
        if (text.charCodeAt(i) === 92) {
          escaped = true;
          i++;
        }
      }
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectKey) {
        // the text is valid JSON (parsed before): a key without escapes is its characters as they stand
        const key = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i);
        top.key = key;
        top.expectKey = false;
        const first = top.keys.get(key);
        if (first !== undefined) return { path: childPath(top), offset: start, firstOffset: first };
        top.keys.set(key, start);
      }
    } else if (c === 123 || c === 91) {
      const parent = stack[stack.length - 1];
      stack.push({
        path: childPath(parent),
        keys: c === 123 ? new Map() : null,
        key: '',
        index: 0,
        expectKey: c === 123,
      });
    } else if (c === 125 || c === 93) stack.pop();
    else if (c === 44) {
      const top = stack[stack.length - 1];
      if (top?.keys) top.expectKey = true;
      else if (top) top.index++;
    }
  }
  return null;
}

/**
 * The offset of the first `{` or `[` (outside strings) that opens level `max + 1`, or null: one pass, no recursion.
 * @example nestedBeyond('[[1]]', 1) // 1
 */
export function nestedBeyond(text: string, max: number): number | null {
  return scanJson(text, max).deepAt;
}

/**
 * One pass over JSON text: the offset of the first `{` or `[` (outside strings) that opens level `max + 1` (null:
 * none: nestedBeyond), and, when there is none, the number of keys (strings followed by `:`) in the
 * whole text: in valid JSON, what ownKeyCount of its value gives unless a key appears twice in one object. Strings are
 * skipped with indexOf (a long description costs little).
 * @example scanJson('{"a": [1, {"b": "x:"}]}', 10) // { deepAt: null, keys: 2 }
 */
export function scanJson(text: string, max: number): { deepAt: number | null; keys: number } {
  let depth = 0;
  let keys = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // the closing quote: the next one not escaped (preceded by an even number of backslashes)
      let end = text.indexOf('"', i + 1);
      for (;;) {
        if (end === -1) return { deepAt: null, keys }; // unterminated: JSON.parse reports it
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === 92) slashes++;
        if (slashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      i = end;
      let j = end + 1;
      while (j < n) {
        const w = text.charCodeAt(j);
        if (w !== 32 && w !== 10 && w !== 13 && w !== 9) break;
        j++;
      }
      if (text.charCodeAt(j) === 58) keys++;
    } else if (c === 123 || c === 91) {
      if (++depth > max) return { deepAt: i, keys };
    } else if (c === 125 || c === 93) depth--;
  }
  return { deepAt: null, keys };
}

/**
 * The number of own keys of every object in a JSON value, nested ones included (arrays are walked, not counted).
 * @example ownKeyCount({ a: [{ b: 1 }, 2], c: {} }) // 3
 */
export function ownKeyCount(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += ownKeyCount(item);
    return count;
  }
  for (const key of Object.keys(value)) count += 1 + ownKeyCount((value as Record<string, unknown>)[key]);
  return count;
}

/** 1-based line and column of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Where JSON.parse failed, and why: a small RFC 8259 scanner run only on text JSON.parse refused (Node 20's messages
 * do not always give a position). Iterative over nesting, so deep input cannot overflow the stack.
 */
export function jsonErrorPosition(text: string): { offset: number; reason: string } {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const fail = (reason: string) => ({ offset: i, reason });
  const describe = () =>
    i >= text.length ? 'unexpected end of input' : `unexpected ${escapeControls(JSON.stringify(text.charAt(i)))}`;
  /** Scans one scalar at i; returns a reason on failure. */
  const scalar = (): string | undefined => {
    const c = text.charAt(i);
    if (c === '"') {
      i++;
      while (i < text.length && text.charAt(i) !== '"') {
        const code = text.charCodeAt(i);
        if (code < 0x20) return 'control character in a string';
        if (text.charAt(i) === '\\') {
          i++;
          const e = text.charAt(i);
          if (e === 'u') {
            if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) return 'bad \\u escape';
            i += 4;
          } else if (!'"\\/bfnrt'.includes(e) || e === '') return 'bad escape in a string';
        }
        i++;
      }
      if (i >= text.length) return 'unterminated string';
      i++;
      return undefined;
    }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (m === null || m[0] === '') return describe();
    i += m[0].length;
    return undefined;
  };

  /** A property name and its colon, or what is wrong there. */
  const propertyName = (): string | undefined => {
    if (text.charAt(i) !== '"') return `expected a property name in double quotes, ${describe()}`;
    const r = scalar();
    if (r !== undefined) return r;
    ws();
    if (text.charAt(i) !== ':') return `expected ":", ${describe()}`;
    i++;
    return undefined;
  };

  const stack: ('{' | '[')[] = [];
  ws();
  // state: expecting a value
  for (;;) {
    ws();
    const c = text.charAt(i);
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      ws();
      const close = c === '{' ? '}' : ']';
      if (text.charAt(i) === close) {
        stack.pop();
        i++;
      } else {
        if (c === '{') {
          const r = propertyName();
          if (r !== undefined) return fail(r);
        }
        continue;
      }
    } else {
      const r = scalar();
      if (r !== undefined) return fail(i >= text.length ? 'unexpected end of input' : r);
    }
    // after a value: close containers or go on to the next element
    for (;;) {
      ws();
      const top = stack[stack.length - 1];
      if (top === undefined) {
        return i < text.length ? fail(`${describe()} after the end of the JSON value`) : fail('invalid JSON');
      }
      const close = top === '{' ? '}' : ']';
      const d = text.charAt(i);
      if (d === close) {
        stack.pop();
        i++;
        continue;
      }
      if (d !== ',') return fail(`expected "," or "${close}", ${describe()}`);
      i++;
      ws();
      if (top === '{') {
        const r = propertyName();
        if (r !== undefined) return fail(r);
      }
      break;
    }
  }
}
