import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fallbackExpected } from '../../src/scenario/issues.js';
import { ScenarioSchema } from '../../src/scenario/schema.js';
import { shapeIssues } from '../../src/scenario/shapeIssues.js';
import { runs } from '../helpers/arbitraries.js';

const DIR = new URL('../../models/scenarios/', import.meta.url);
const EXAMPLES: unknown[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, DIR), 'utf8')));

/** The schema's issues as parseScenario took them before shapeIssues: the reference. */
function reference(input: unknown) {
  const r = ScenarioSchema.safeParse(input, { reportInput: true, jitless: true, error: fallbackExpected });
  return r.success ? [] : r.error.issues;
}

/** Values a mutation puts somewhere: wrong types, out of range, -0 and a non-finite number (JSON cannot say them). */
const JUNK = [null, -1, 0, -0, 1.5, Number.POSITIVE_INFINITY, Number.NaN, '', 'x', '5 ms', '-3/s', '150%', true, [], [1], {}, { p5: 1 }];

/** A copy of `value` with one place (a random path) changed: a value replaced, a key removed or a key added. */
function mutate(value: unknown, choices: number[], junk: unknown): unknown {
  if (value === null || typeof value !== 'object') return junk;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  const keys = Object.keys(copy);
  const pick = choices[0] ?? 0;
  const rest = choices.slice(1);
  if (keys.length === 0 || pick % 7 === 6) {
    (copy as Record<string, unknown>)[keys.length === 0 || pick % 2 === 0 ? 'unknownKey' : `${keys[0]}`] = junk;
    return copy;
  }
  const key = keys[pick % keys.length] as string;
  if (pick % 11 === 10 && !Array.isArray(copy)) delete copy[key];
  else
    (copy as Record<string, unknown>)[key] =
      rest.length === 0 ? junk : mutate((copy as Record<string, unknown>)[key], rest, junk);
  return copy;
}

describe('shapeIssues (the schema check with known-good values remembered)', () => {
  it('gives the issues of the full check, in order, for examples and their mutations met in any order', () => {
    const mutation = fc.tuple(fc.array(fc.nat(1000), { minLength: 1, maxLength: 5 }), fc.constantFrom(...JUNK));
    fc.assert(
      fc.property(fc.nat(EXAMPLES.length - 1), fc.array(mutation, { maxLength: 3 }), (i, mutations) => {
        let x = EXAMPLES[i];
        for (const [choices, junk] of mutations) x = mutate(x, choices, junk);
        expect(shapeIssues(x)).toEqual(reference(x));
        // and again, now that its good keys are remembered
        expect(shapeIssues(x)).toEqual(reference(x));
      }),
      { numRuns: runs(600) },
    );
  });

  it('remembers a good value and still reports a bad one beside it', () => {
    const good = EXAMPLES[0] as Record<string, unknown>;
    expect(shapeIssues(good)).toEqual([]);
    const bad = { ...good, targets: { ...(good.targets as object), p99: 5 }, extra: 1 };
    expect(shapeIssues(bad).map((i) => i.path.join('.'))).toEqual(reference(bad).map((i) => i.path.join('.')));
    expect(shapeIssues(bad).length).toBeGreaterThan(0);
  });
});
