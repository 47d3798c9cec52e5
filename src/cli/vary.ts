/**
 * `--vary PATH=FROM..TO` and `--steps N` of `capplan sweep`: the flag's parts, its path checked against the sweepable
 * fields, FROM and TO in the base unit of the field, and the values swept; the sweep engine's path errors named as
 * the flag.
 */

import { isFieldPath, SWEEP_PATH, type SweepField, sweepFieldAt } from '../compare/sweepFields.js';
import { spacedValues } from '../compare/sweepSpacing.js';
import { InputError } from '../errors.js';
import { parseQuantity } from '../units/parse.js';

/** The flag a sweep's path and range errors name, and the form it expects. */
const FLAG = '--vary';
const FORM = 'PATH=FROM..TO, such as workload.peakRate=100/s..100000/s';

/** Most steps a sweep takes (each one is a full comparison). */
export const MAX_STEPS = 1000;

/**
 * Runs `run`, naming the sweep engine's path errors (compare/sweepFields.ts, SWEEP_PATH) as the flag that gives the
 * path: `--vary`.
 */
export function asVaryFlag<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof InputError && error.path === SWEEP_PATH)
      throw new InputError(FLAG, error.value, error.expected);
    throw error;
  }
}

/**
 * The field at --vary's PATH: its unit kind, whether it is an integer, and its base unit.
 * @throws {InputError} naming --vary: not a path, a user share (shares must add up to 1, so one cannot vary alone),
 *   or not a numeric field of the scenario (with the nearest sweepable path)
 * @example varyPath('workload.peakRate').kind // 'rate'
 */
export function varyPath(path: string): SweepField {
  if (!isFieldPath(path)) throw new InputError(FLAG, path, `a field path such as workload.peakRate (${FORM})`);
  return asVaryFlag(() => sweepFieldAt(path));
}

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
  const f = varyPath(path);
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

/**
 * The values of a sweep: `steps` values from `from` to `to`, both included, evenly spaced (geometrically with `log`;
 * spacedValues). The ends are exactly `from` and `to`; `from` > `to` sweeps downwards.
 * @throws {InputError} naming --steps (not an integer from 2 to MAX_STEPS) or --vary (equal or non-finite ends; with
 *   --log, an end <= 0)
 * @example varyValues(1, 100, 3, true) // [1, 10, 100]
 */
export function varyValues(from: number, to: number, steps: number, log: boolean): number[] {
  if (!Number.isInteger(steps) || steps < 2 || steps > MAX_STEPS) {
    throw new InputError('--steps', steps, `an integer from 2 to ${MAX_STEPS}`);
  }
  if (!(Number.isFinite(from) && Number.isFinite(to))) {
    throw new InputError(FLAG, `${from}..${to}`, 'finite FROM and TO');
  }
  if (from === to) throw new InputError(FLAG, `${from}..${to}`, 'FROM and TO that differ');
  if (log && !(from > 0 && to > 0)) {
    throw new InputError(FLAG, `${from}..${to}`, 'FROM and TO > 0 with --log (a geometric sweep)');
  }
  return spacedValues(from, to, steps, log);
}
