/**
 * JSON.stringify of a comparison result, the same text, with the JSON of the values it shares with the results of
 * other lines (compare/rateFreeMemo.ts: a design's cost, availability, durability and instance summary, the sources;
 * deeply frozen, so their text cannot change) written once and kept by their identity: a batch that varies only the
 * rate writes each of them once (issue 18: serialising was about a tenth of a JSONL line's time, most of it numbers
 * written as text).
 */

import { isRateFreeValue } from '../compare/rateFreeMemo.js';

/** The JSON texts of shared values, by identity (weakly held: a text goes with its value). */
const texts = new WeakMap<object, string>();

/** How many levels below the result are walked (the result, its architectures, each architecture's fields). */
const WALKED_LEVELS = 3;

/**
 * JSON.stringify(value) for a result made of plain objects, arrays and JSON values: the same text (keys in
 * Object.keys order, undefined, functions and symbols left out of objects and null in arrays, toJSON honoured by
 * handing such a value to JSON.stringify whole).
 * @example sharedJson({ a: [1, undefined], b: undefined }) // '{"a":[1,null]}'
 */
export function sharedJson(value: unknown): string {
  return (walk(value, WALKED_LEVELS) ?? undefined) as string;
}

/** The JSON of `value` (undefined where JSON.stringify gives undefined: a function, a symbol, undefined). */
function walk(value: unknown, levels: number): string | undefined {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (isRateFreeValue(value)) {
    let text = texts.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      texts.set(value, text);
    }
    return text;
  }
  if (levels === 0 || typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += walk(value[i], levels - 1) ?? 'null';
    }
    return `${out}]`;
  }
  let out = '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const text = walk((value as Record<string, unknown>)[key], levels - 1);
    if (text === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${text}`;
    first = false;
  }
  return `${out}}`;
}
