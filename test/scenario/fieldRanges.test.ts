/**
 * Issue 17, row 9 and "numerical edges that pass validation never reach an internal error": every numeric field of
 * the scenario table (SCENARIO_FIELDS) scanned across its whole allowed range, decade by decade plus its ends and the
 * values that once broke the engine (service times near 1e-151 s gave NaN). Each value, set alone on the sanity
 * scenario (and on a scenario with architectures: its candidates), either is refused as input (InputErrors: exit 2)
 * or gives a result; nothing else (RangeError, NaN) may escape: that would be exit 3 for input that passed validation.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { compareScenario } from '../../src/compare/index.js';
import { InputError, InputErrors } from '../../src/errors.js';
import { SCENARIO_FIELDS } from '../../src/scenario/fields.js';
import { readScenarioText } from '../../src/scenario/read.js';

const base = JSON.parse(readFileSync('models/scenarios/internal-tool.json', 'utf8')) as Record<string, unknown>;
/** A system of three tiers (app, cache, database) with its first candidate only, for the tiers' fields. */
const tiered = JSON.parse(readFileSync('models/scenarios/ecommerce-cache.json', 'utf8')) as Record<string, unknown>;
tiered.architectures = (tiered.architectures as unknown[]).slice(0, 1);
const catalog = loadCatalog();
const NUMERIC = new Set(['rate', 'duration', 'size', 'byteRate', 'fraction', 'money', 'moneyRate', 'count', 'number']);

/** Sets `path` (dotted; `[]` = element 0) in a copy of `scenario`; null when the scenario has no such place. */
function withValue(scenario: Record<string, unknown>, path: string, value: number): Record<string, unknown> | null {
  const copy = structuredClone(scenario);
  const keys = path.split('.').flatMap((k) => (k.endsWith('[]') ? [k.slice(0, -2), '0'] : [k]));
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    const next = at[key];
    if (next === undefined) at[key] = {};
    else if (typeof next !== 'object' || next === null) return null;
    at = at[key] as Record<string, unknown>;
  }
  at[keys[keys.length - 1] as string] = value;
  return copy;
}

/** The values to try in [min, max]: the ends, each decade, and the once-breaking ones inside the range. */
function valuesIn(min: number, max: number | undefined, integer: boolean): number[] {
  const hi = max ?? 1e300;
  const out = new Set<number>([min, hi, 1e-300, 1e-151, 1e-130, 1e-104, 1e-12, 0.5, 1, 2, 1e12, 1e300]);
  for (let e = -300; e <= 300; e += 25) out.add(10 ** e);
  return [...out].map((v) => (integer ? Math.round(v) : v)).filter((v) => Number.isFinite(v) && v >= min && v <= hi);
}

/** Input error or a result; anything else is returned as a failure description. */
function outcome(raw: Record<string, unknown>): string | null {
  try {
    compareScenario(readScenarioText(JSON.stringify(raw), 'scan.json'), catalog);
    return null;
  } catch (error) {
    if (error instanceof InputErrors || error instanceof InputError) return null;
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

describe('every numeric field across its allowed range: a result or an input error, never an internal error', () => {
  const fields = SCENARIO_FIELDS.filter((f) => NUMERIC.has(f.kind) && f.bounds !== undefined && !f.path.includes('{}'));

  it('covers the workload, targets, reliability, users and architectures fields', () => {
    const paths = fields.map((f) => f.path);
    for (const p of [
      'workload.serviceTime',
      'workload.peakRate',
      'targets.p99',
      'reliability.node.mtbf',
      'users[].share',
    ]) {
      expect(paths).toContain(p);
    }
  });

  for (const field of fields) {
    it(field.path, () => {
      const bounds = field.bounds as NonNullable<typeof field.bounds>;
      const failures: string[] = [];
      // a tier's field on the tiered system (its tier 0 is the stateless app; role-specific fields go to the tier
      // that takes them)
      const tierIndex = field.roles === undefined ? 0 : field.roles.includes('cache') ? 1 : 2;
      const scenario = field.path.startsWith('tiers[]') ? tiered : base;
      const path = field.path.startsWith('tiers[]') ? field.path.replace('tiers[]', `tiers.${tierIndex}`) : field.path;
      for (const value of valuesIn(bounds.min, bounds.max, field.integer)) {
        const raw = withValue(scenario, path, value);
        if (raw === null) continue;
        const failure = outcome(raw);
        if (failure !== null) failures.push(`${field.path} = ${value}: ${failure}`);
      }
      expect(failures).toEqual([]);
    });
  }
});
