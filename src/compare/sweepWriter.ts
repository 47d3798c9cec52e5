/** A sweep's step written into the scenario: the value at the swept path of a copy of the raw scenario, and what it drags along. */

import { InputError } from '../errors.js';
import { scenarioField } from '../scenario/fields.js';
import type { Scenario } from '../scenario/types.js';
import { type Key, SWEEP_PATH } from './sweepFields.js';

type Json = unknown;
export type JsonObject = Record<string, Json>;

function isObject(v: Json): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Sets `value` at `keys` in `root` (mutating; `root` is a private deep copy), creating objects on the way. */
function setIn(root: JsonObject, keys: readonly Key[], value: Json): void {
  let node: Json = root;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i] as Key;
    const container = node as Record<Key, Json>;
    if (!isObject(container[key]) && !Array.isArray(container[key])) container[key] = {};
    node = container[key];
  }
  (node as Record<Key, Json>)[keys[keys.length - 1] as Key] = value;
}

/**
 * The keys of a tier's field with the tier as its index in the scenario (`tiers.db.serviceTime` ->
 * ["tiers", 2, "serviceTime"]), after checking that the scenario has the tier and that its role takes the field.
 * @throws {InputError} naming SWEEP_PATH
 */
function tierKeys(raw: JsonObject, path: string, keys: readonly Key[]): Key[] {
  const list = Array.isArray(raw.tiers) ? raw.tiers : [];
  const names = list.map((t) => (isObject(t) ? t.name : undefined));
  const index = typeof keys[1] === 'number' ? keys[1] : names.indexOf(keys[1]);
  const tier = list[index];
  if (!isObject(tier)) {
    const have = list.length === 0 ? 'it has none' : `its tiers: ${names.map(String).join(', ')}`;
    throw new InputError(SWEEP_PATH, path, `a tier of the scenario (${have})`);
  }
  const field = String(keys[2]);
  const { roles } = scenarioField(`tiers[].${field}`);
  if (roles !== undefined && !roles.includes(tier.role as never)) {
    throw new InputError(
      SWEEP_PATH,
      path,
      `a field of a tier that has it (tiers.${String(tier.name)} is ${String(tier.role)}; ${field} is for role ${roles.map((r) => `"${r}"`).join(' or ')})`,
    );
  }
  return ['tiers', index, ...keys.slice(2)];
}

/**
 * Checks that the path can be written in this scenario (a candidate index exists and is horizontal; a tier exists
 * and takes the field) and returns a function that writes a step's value (and what it drags along) into a deep copy
 * of the raw scenario.
 */
export function writer(
  raw: JsonObject,
  base: Scenario,
  path: string,
  keys: readonly Key[],
  notes: string[],
): (value: number) => JsonObject {
  if (keys[0] === 'architectures') {
    const list = raw.architectures;
    const index = keys[1] as number;
    const candidate = Array.isArray(list) ? list[index] : undefined;
    if (!isObject(candidate)) {
      const have = Array.isArray(list) ? `it has ${list.length} candidate${list.length === 1 ? '' : 's'}` : 'none';
      throw new InputError(SWEEP_PATH, path, `a candidate of the scenario's architectures (${have})`);
    }
    if (candidate.kind !== 'horizontal') {
      throw new InputError(
        SWEEP_PATH,
        path,
        `a horizontal candidate (architectures[${index}] is ${String(candidate.kind)})`,
      );
    }
  }
  const at = keys[0] === 'tiers' ? tierKeys(raw, path, keys) : keys;
  let scaleAverage: ((copy: JsonObject, value: number) => void) | undefined;
  const workload = raw.workload;
  if (path === 'workload.peakRate' && isObject(workload) && workload.averageRate !== undefined) {
    const peak = base.workload.peakRatePerS;
    // the base scenario holds the average rate parsed (SI): as a range in `uncertain`, else in the workload
    const range = base.uncertain.find((u) => u.path === 'workload.averageRate');
    const average = base.workload.averageRatePerS ?? 0;
    const scale = (v: Json, factor: number): Json =>
      isObject(v) && range ? { ...v, p5: range.p5 * factor, p95: range.p95 * factor } : average * factor;
    scaleAverage = (copy, value) => {
      const w = copy.workload as JsonObject;
      w.averageRate = scale(w.averageRate, value / peak);
    };
    notes.push(
      `workload.averageRate (${base.workload.averageRatePerS}/s in the scenario) is scaled by the same factor as the peak rate (${peak}/s in the scenario), so that it stays below the peak and transfer costs follow the load.`,
    );
  }
  // a USL coefficient where the scenario has no usl (linear scaling): the other coefficient is 0
  const newUsl = keys[1] === 'usl' && isObject(workload) && workload.usl === undefined;
  if (newUsl) notes.push('The scenario has no workload.usl: the other USL coefficient is 0 (linear scaling).');
  return (value) => {
    const copy = structuredClone(raw);
    if (newUsl) setIn(copy, ['workload', 'usl'], { contention: 0, coherency: 0 });
    setIn(copy, at, value);
    scaleAverage?.(copy, value);
    return copy;
  };
}
