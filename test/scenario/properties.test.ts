import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, InputErrors } from '../../src/errors.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import { readScenarioText } from '../../src/scenario/read.js';
import { contractExample } from './example.js';

/** Every number in a value. */
function numbers(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(numbers);
}

/**
 * Runs f; anything thrown must be an InputErrors (or InputError) whose lines are single lines naming a path. A
 * scenario that is returned holds only finite numbers (no placeholder of a rejected value leaks out).
 */
function onlyInputErrors(f: () => unknown): void {
  try {
    const result = f();
    for (const n of numbers(result)) expect(Number.isFinite(n)).toBe(true);
  } catch (error) {
    if (!(error instanceof InputErrors || error instanceof InputError)) throw error;
    for (const line of error.message.split('\n')) expect(line).toMatch(/^\S.*: /);
  }
}

/** Every path (object keys and array indices) to a value inside the example. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [at];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [at, ...entries.flatMap(([k, v]) => paths(v, [...at, k]))];
}

const EXAMPLE_PATHS = paths(contractExample()).filter((p) => p.length > 0);

describe('parseScenario never throws anything but input errors', () => {
  it('for arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => onlyInputErrors(() => parseScenario(v))),
      { numRuns: 500 },
    );
  });

  it('for the contract example with one value replaced by an arbitrary JSON value (or removed)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EXAMPLE_PATHS),
        fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
        (path, replacement) => {
          const s = contractExample() as Record<string | number, unknown>;
          let parent: Record<string | number, unknown> = s;
          for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
          const last = path[path.length - 1] as string | number;
          if (replacement === undefined) delete parent[last];
          else parent[last] = replacement;
          onlyInputErrors(() => parseScenario(s));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('for arbitrary strings and unit-like values in every quantity field', () => {
    const unitish = fc.oneof(
      fc.string(),
      fc.double(),
      fc.constantFrom('1e400/s', '-5 ms', '0%', '100%', '5 kg', 'sqrt(4)', '10 % 3', '1/0', 'NaN', '""', '4000/s'),
    );
    fc.assert(
      fc.property(fc.constantFrom(...EXAMPLE_PATHS), unitish, (path, replacement) => {
        const s = contractExample() as Record<string | number, unknown>;
        let parent: Record<string | number, unknown> = s;
        for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
        parent[path[path.length - 1] as string | number] = replacement;
        onlyInputErrors(() => parseScenario(s));
      }),
      { numRuns: 1000 },
    );
  });

  it('for arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (t) => onlyInputErrors(() => readScenarioText(t, 'x.json'))),
      { numRuns: 500 },
    );
  });
});
