import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fallbackExpected } from '../../src/scenario/issues.js';
import { scenarioSchema } from '../../src/scenario/schema.js';
import { shapeIssues } from '../../src/scenario/shapeIssues.js';
import { runs } from '../helpers/arbitraries.js';
import { JUNK, mutate } from '../helpers/mutateScenario.js';

const DIR = new URL('../../models/scenarios/', import.meta.url);
const EXAMPLES: unknown[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, DIR), 'utf8')));

/** The schema's issues as parseScenario took them before shapeIssues: the reference. */
function reference(input: unknown) {
  const r = scenarioSchema().safeParse(input, { reportInput: true, jitless: true, error: fallbackExpected });
  return r.success ? [] : r.error.issues;
}

describe('shapeIssues (the table check, then zod for the issues)', () => {
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

  it('a good scenario has no issue; a bad value beside good ones is reported as zod reports it', () => {
    const good = EXAMPLES[0] as Record<string, unknown>;
    expect(shapeIssues(good)).toEqual([]);
    const bad = { ...good, targets: { ...(good.targets as object), p99: 5 }, extra: 1 };
    expect(shapeIssues(bad).map((i) => i.path.join('.'))).toEqual(reference(bad).map((i) => i.path.join('.')));
    expect(shapeIssues(bad).length).toBeGreaterThan(0);
  });
});
