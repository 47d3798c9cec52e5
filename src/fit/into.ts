/**
 * `capplan fit ... --into SCENARIO --at PATH`: the fitted values written into a scenario's text, every other character
 * kept (jsonEdit.ts), and where they came from recorded in the scenario's `fitted` list (one entry per input; a new
 * fit of the same input replaces its entry). The result is read back as a scenario before it is returned, so a file
 * is never written that `capplan run` would refuse.
 */
import { InputError } from '../errors.js';
import { readScenarioJson, readScenarioText } from '../scenario/read.js';
import { setJsonValue } from './jsonEdit.js';

/** One value to write: the key path and the JSON value. */
export interface FittedValue {
  path: readonly (string | number)[];
  value: unknown;
}

/** One entry of the scenario's `fitted` list. */
export interface Provenance {
  input: string;
  file: string;
  date: string;
  method: string;
  points?: { n: number; x: number }[];
}

/**
 * The scenario text with the values set and the provenance recorded.
 * @throws {InputErrors} the scenario is too large, not JSON, or invalid before or after the change (naming the field)
 */
export function applyFit(
  text: string,
  source: string,
  values: readonly FittedValue[],
  provenance: readonly Provenance[],
): string {
  const raw = readScenarioJson(text, source);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError('--into', source, 'a scenario file: a JSON object');
  }
  readScenarioText(text, source); // the scenario must be valid before: its own errors, not ours
  let out = text;
  for (const v of values) out = setJsonValue(out, v.path, v.value);
  const existing = (raw as { fitted?: unknown }).fitted;
  const replaced = new Set(provenance.map((p) => p.input));
  const kept = Array.isArray(existing)
    ? existing.filter(
        (e) => !(e !== null && typeof e === 'object' && replaced.has((e as { input?: unknown }).input as string)),
      )
    : [];
  out = setJsonValue(out, ['fitted'], [...kept, ...provenance]);
  readScenarioText(out, source);
  return out;
}
