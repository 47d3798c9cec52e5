/**
 * shapePasses (the schema's verdict from the table, without zod) against zod's own verdict: on the examples, on a
 * scenario holding every row and container of the table, on every row's boundary values there, on each key removed,
 * on arrays at and past their lengths, and on random mutations of the examples. Exact agreement both ways: a
 * scenario it passes has no issue, and one it refuses has at least one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTAINERS, containerAt } from '../../src/scenario/containers.js';
import { SCENARIO_FIELDS, type ScenarioField } from '../../src/scenario/fields.js';
import { fallbackExpected } from '../../src/scenario/issues.js';
import { scenarioSchema } from '../../src/scenario/schema.js';
import { shapePasses } from '../../src/scenario/shapePasses.js';
import { runs } from '../helpers/arbitraries.js';
import { JUNK, mutate } from '../helpers/mutateScenario.js';

const DIR = new URL('../../models/scenarios/', import.meta.url);
const EXAMPLES: unknown[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, DIR), 'utf8')));

/** zod's verdict: no issue. */
function zodPasses(input: unknown): boolean {
  return scenarioSchema().safeParse(input, { reportInput: true, jitless: true, error: fallbackExpected }).success;
}

const STEP = /[^.[{]+|\[\]|\{\}/g;

/** A value the schema takes for the row (any string is a unit value to the schema; normalize.ts parses it). */
function sample(f: ScenarioField): unknown {
  switch (f.kind) {
    case 'enum':
      return f.options?.[0];
    case 'text':
    case 'name':
    case 'identifier':
      return 'a';
    case 'boolean':
      return true;
    case 'number':
    case 'count': {
      const b = f.bounds as NonNullable<ScenarioField['bounds']>;
      if (!b.minExclusive) return b.min;
      return f.integer ? b.min + 1 : b.max === undefined ? b.min + 1 : (b.min + b.max) / 2;
    }
    default:
      return '1';
  }
}

/**
 * A scenario with every row of the table given (each array with one element, or as many as its least length; each
 * record with the key `k`), built from the paths alone.
 */
function everything(): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const f of SCENARIO_FIELDS) {
    const steps = f.path.match(STEP) ?? [];
    let at: unknown = root;
    let path = '';
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i] as string;
      const next = steps[i + 1];
      path += step === '[]' || step === '{}' || path === '' ? step : `.${step}`;
      const make = () => {
        if (next === undefined) return sample(f);
        if (next === '[]') return [];
        return {};
      };
      if (Array.isArray(at)) {
        const n = Math.max(1, containerAt(path.slice(0, -2)).minItems);
        while (at.length < n) at.push(make());
        at = at[0];
      } else {
        const o = at as Record<string, unknown>;
        const key = step === '{}' ? 'k' : step;
        if (!Object.hasOwn(o, key)) o[key] = make();
        at = o[key];
      }
    }
  }
  return root;
}

/** Every place in `value` that is not an object or array (a row's value), as a list of keys and indices. */
function leaves(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...at, i]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...at, k]));
  return [at];
}

/** Every object and array in `value`, as above. */
function containers(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const below = Array.isArray(value)
    ? value.flatMap((v, i) => containers(v, [...at, i]))
    : Object.entries(value).flatMap(([k, v]) => containers(v, [...at, k]));
  return [at, ...below];
}

/** A deep copy of `root` with the value at `place` replaced by `fn` of it. */
function change(root: unknown, place: readonly (string | number)[], fn: (v: unknown) => unknown): unknown {
  if (place.length === 0) return fn(root);
  const [head, ...rest] = place as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string | number, unknown>;
  copy[head] = change(copy[head], rest, fn);
  return copy;
}

const at = (root: unknown, place: readonly (string | number)[]): unknown =>
  place.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], root);

/** The row at a place of everything(): indices as `[]`, the record key `k` as `{}`. */
function rowAt(place: readonly (string | number)[]): ScenarioField {
  let path = '';
  for (const step of place) {
    if (typeof step === 'number') path += '[]';
    else if (step === 'k') path += '{}';
    else path += path === '' ? step : `.${step}`;
  }
  const row = SCENARIO_FIELDS.find((f) => f.path === path);
  if (row === undefined) throw new Error(`no row at ${path}`);
  return row;
}

/** Values around a row's rules: its bounds, integers, control characters, identifiers, ranges, wrong types. */
function boundaryValues(f: ScenarioField, original: unknown): unknown[] {
  const values: unknown[] = [...JUNK, 2 ** 53, 2 ** 53 - 1, -(2 ** 53), 1e308, 0.5, 1e-9, -1e-9, original];
  if (f.bounds !== undefined) {
    const { min, max } = f.bounds;
    values.push(min, min + 1e-9, min - 1e-9, min + 1, { p5: min, p95: min + 1 }, { p5: min - 1, p95: min + 1 });
    if (max !== undefined)
      values.push(max, max + 1e-9, max - 1e-9, max + 1, { p5: min, p95: max }, { p5: min, p95: max + 1 });
  }
  for (const o of f.options ?? []) values.push(o, `${o} `);
  values.push(
    'a\nb',
    'a\tb',
    'a\rb',
    '\u0007',
    '\u007f',
    '\u009f',
    '\u00a0',
    '_a1',
    '1a',
    'a-b',
    'x'.repeat(64),
    'x'.repeat(65),
    { p5: '1 ms', p95: '2 ms' },
    { p5: 1, p95: 2, distribution: 'normal' },
    { p5: 1, p95: 2, distribution: 'gamma' },
    { p5: 1 },
    { p5: 1, p95: 2, extra: 1 },
    { p5: 0.2, p95: 0.1 },
    { p5: null, p95: 1 },
    { p5: true, p95: 1 },
  );
  return values;
}

describe('shapePasses (the schema check without zod)', () => {
  it('passes every example, as zod does', () => {
    for (const x of EXAMPLES) {
      expect(zodPasses(x)).toBe(true);
      expect(shapePasses(x)).toBe(true);
    }
  });

  it('passes a scenario holding every row and container of the table, as zod does', () => {
    const all = everything();
    expect(zodPasses(all)).toBe(true);
    expect(shapePasses(all)).toBe(true);
    for (const path of Object.keys(CONTAINERS)) {
      // every container of the table is in it
      const first = path.match(STEP)?.[0] as string;
      expect(Object.hasOwn(all, first)).toBe(true);
    }
  });

  it("agrees with zod on each row's boundary values", () => {
    const all = everything();
    let refused = 0;
    let passed = 0;
    for (const place of leaves(all)) {
      for (const value of boundaryValues(rowAt(place), at(all, place))) {
        const x = change(all, place, () => value);
        const z = zodPasses(x);
        expect({ place, value, passes: shapePasses(x) }).toEqual({ place, value, passes: z });
        if (z) passed++;
        else refused++;
      }
    }
    // both verdicts are met many times (a check that cannot fail would not be)
    expect(passed).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(1000);
  });

  it('agrees with zod on each key removed, each array emptied, cut to one and grown past its length', () => {
    for (const root of [everything(), ...EXAMPLES]) {
      for (const place of containers(root)) {
        const value = at(root, place);
        const variants: unknown[] = Array.isArray(value)
          ? [[], value.slice(0, 1), [...value, ...value], Array.from({ length: 101 }, () => value[0])]
          : Object.keys(value as object).map((k) => {
              const { [k]: _, ...rest } = value as Record<string, unknown>;
              return rest;
            });
        for (const v of variants) {
          const x = change(root, place, () => v);
          expect({ place, passes: shapePasses(x) }).toEqual({ place, passes: zodPasses(x) });
        }
      }
    }
  });

  it('agrees with zod on random mutations of the examples', () => {
    const mutation = fc.tuple(fc.array(fc.nat(1000), { minLength: 1, maxLength: 5 }), fc.constantFrom(...JUNK));
    fc.assert(
      fc.property(fc.nat(EXAMPLES.length - 1), fc.array(mutation, { maxLength: 3 }), (i, mutations) => {
        let x = EXAMPLES[i];
        for (const [choices, junk] of mutations) x = mutate(x, choices, junk);
        expect(shapePasses(x)).toBe(zodPasses(x));
      }),
      { numRuns: runs(600) },
    );
  });
});
