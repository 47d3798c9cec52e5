/** The fields a sweep may vary: each one's unit kind, whether it is an integer, its base unit; and the swept path read. */

import { InputError } from '../errors.js';
import { SCENARIO_FIELDS } from '../scenario/fields.js';
import { keysAt } from '../scenario/schema.js';
import type { QuantityKind } from '../units/parse.js';
import { closest } from '../util/suggest.js';

/**
 * What a sweep's errors about its path name (an InputError's `path`). A caller that takes the path under another name
 * renames it (the CLI's --vary: cli/vary.ts).
 */
export const SWEEP_PATH = 'sweep path';

/** What a sweepable field holds: its quantity kind (which units FROM and TO take) and whether it is an integer. */
export interface SweepField {
  /** The path with array indices as `[]` (`architectures[].nodes`). */
  readonly pattern: string;
  readonly kind: QuantityKind;
  readonly integer: boolean;
  /** The base unit of a bare number, for people: "per second", "seconds". */
  readonly unit: string;
}

const UNIT_OF: Readonly<Record<QuantityKind, string>> = {
  rate: 'per second',
  duration: 'seconds',
  size: 'bytes',
  byteRate: 'bytes per second',
  fraction: 'fraction',
  money: 'USD',
  moneyRate: 'USD per month',
  count: 'count',
  number: 'number',
};

const field = (pattern: string, kind: QuantityKind, integer = false): [string, SweepField] => [
  pattern,
  { pattern, kind, integer, unit: UNIT_OF[kind] },
];

/**
 * Every numeric field a sweep may vary (scenario/fields.ts, `sweep`), with the unit kind normalize.ts parses it with.
 * A test checks the table against the schema both ways.
 */
const FIELDS: ReadonlyMap<string, SweepField> = new Map(
  SCENARIO_FIELDS.filter((f) => f.sweep && f.kind !== 'enum').map((f) =>
    field(f.path, f.kind as QuantityKind, f.integer),
  ),
);

/**
 * The patterns of every sweepable field (`architectures[].nodes` for any candidate index, `tiers[].serviceTime` for
 * any tier: a sweep names the tier, `tiers.db.serviceTime`, or gives its index, `tiers[2].serviceTime`).
 */
export const SWEEPABLE_PATHS: readonly string[] = [...FIELDS.keys()];

/** A key of a field path: a property name or an array index. */
export type Key = string | number;

/** "architectures[2].nodes" -> ["architectures", 2, "nodes"]; undefined when it is not a dotted path. */
export function splitPath(path: string): Key[] | undefined {
  const out: Key[] = [];
  for (const part of path.split('.')) {
    const m = /^([A-Za-z_$][\w$]*)((?:\[\d{1,6}\])*)$/.exec(part);
    if (m === null) return undefined;
    out.push(m[1] as string);
    for (const idx of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/**
 * The keys of a path with a tier named as in `tiers.db.serviceTime` given as an index instead (`tiers[0]`, any index:
 * the schema is the same for every tier), for looking up its row; other paths unchanged.
 */
function byIndex(keys: readonly Key[]): readonly Key[] {
  return keys[0] === 'tiers' && typeof keys[1] === 'string' ? ['tiers', 0, ...keys.slice(2)] : keys;
}

/** A sweepable pattern as a person writes it: `architectures[0].nodes`, `tiers.NAME.serviceTime`. */
function written(pattern: string): string {
  return pattern.startsWith('tiers[].') ? pattern.replace('tiers[]', 'tiers.NAME') : pattern.replace('[]', '[0]');
}

/**
 * The field at a swept path: its unit kind (from the scenario schema's field types), whether it is an integer, and
 * its base unit. A tier's field is named by the tier's name (`tiers.db.serviceTime`) or index (`tiers[2].serviceTime`);
 * whether the scenario has that tier, of a role that takes the field, is the sweep writer's to check.
 * @throws {InputError} naming SWEEP_PATH: not a path, a user share (shares must add up to 1, so one cannot
 *   vary alone), or not a numeric field of the scenario (with the nearest sweepable path)
 * @example sweepFieldAt('workload.peakRate').kind // 'rate'
 */
export function sweepFieldAt(path: string): SweepField {
  const keys = splitPath(path);
  if (keys === undefined) throw new InputError(SWEEP_PATH, path, 'a field path such as workload.peakRate');
  if (keys[0] === 'users') {
    throw new InputError(
      SWEEP_PATH,
      path,
      'a field other than a user share or region: the shares must add up to 100%, so one cannot vary alone (edit the shares in the scenario instead)',
    );
  }
  const lookup = byIndex(keys);
  const pattern = lookup
    .map((k) => (typeof k === 'number' ? '[]' : `.${k}`))
    .join('')
    .slice(1);
  const found = FIELDS.get(pattern);
  // the table must agree with the schema: the field exists where it says (a guard against drift)
  const leaf = lookup[lookup.length - 1];
  if (found !== undefined && typeof leaf === 'string' && keysAt(lookup.slice(0, -1)).includes(leaf)) return found;
  const suggestion = closest(pattern, SWEEPABLE_PATHS);
  const hint = suggestion === undefined ? '' : `did you mean ${written(suggestion)}? `;
  throw new InputError(
    SWEEP_PATH,
    path,
    `a numeric scenario field (${hint}any of workload.*, targets.*, reliability.*, tiers.NAME.* or architectures[i].nodes|spares|zones)`,
  );
}

/** Whether `path` is written as a field path (dotted names, array indices in brackets), whatever the field. */
export function isFieldPath(path: string): boolean {
  return splitPath(path) !== undefined;
}
