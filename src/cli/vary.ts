/** `--vary PATH=FROM..TO` of `capplan sweep`: its parts, and FROM and TO in the base unit of the field. */

import { VARY_FLAG as FLAG, VARY_FORM as FORM, kindOfPath } from '../compare/sweep.js';
import { InputError } from '../errors.js';
import { parseQuantity } from '../units/parse.js';

/**
 * Splits `--vary PATH=FROM..TO` into its parts (the values are parsed later, with the field's unit kind).
 * @throws {InputError} naming --vary when the text is not of that form
 * @example parseVary('workload.peakRate=100/s..100000/s') // { path: 'workload.peakRate', fromText: '100/s', toText: '100000/s' }
 */
export function parseVary(text: string): { path: string; fromText: string; toText: string } {
  const eq = text.indexOf('=');
  const bad = (why: string) => new InputError(FLAG, text, `${FORM} (${why})`);
  if (eq < 0) throw bad('no "="');
  const path = text.slice(0, eq).trim();
  const range = text.slice(eq + 1);
  if (path === '') throw bad('no PATH before "="');
  const parts = range.split('..');
  if (parts.length !== 2 || range.includes('...')) throw bad('the range needs exactly one ".." between FROM and TO');
  const fromText = (parts[0] as string).trim();
  const toText = (parts[1] as string).trim();
  if (fromText === '' || toText === '') throw bad(fromText === '' ? 'no FROM' : 'no TO');
  return { path, fromText, toText };
}

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * FROM or TO of `--vary`, in the base unit of the field at `path` (a bare number is in that unit, as in a scenario
 * file: seconds for an MTBF). A value with units or arithmetic is rounded to 15 significant digits.
 * @throws {InputError} naming --vary and the expected dimension (with the field) when it does not parse as one
 * @example parseVaryValue('50ms', 'targets.p99') // 0.05
 */
export function parseVaryValue(text: string, path: string): number {
  const f = kindOfPath(path);
  try {
    const value = parseQuantity(text, f.kind, FLAG);
    // a unit conversion leaves noise in the last bits ("99.99%" is 0.9998999999999999): drop it, but keep a plain
    // number exactly as written
    return PLAIN_NUMBER.test(text) ? value : Number(value.toPrecision(15));
  } catch (error) {
    if (error instanceof InputError) throw new InputError(FLAG, text, `${error.expected} for ${path}`);
    throw error;
  }
}
