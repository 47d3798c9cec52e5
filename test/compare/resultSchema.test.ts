import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { type ArchitectureResult, type ComparisonResult, compareScenario } from '../../src/compare/index.js';
import { ComparisonResultSchema, resultJsonSchema, validateResult } from '../../src/compare/resultSchema.js';
import { exampleScenario } from './scenario.js';

const explicit = compareScenario(exampleScenario(), loadCatalog());
const searched = compareScenario(exampleScenario({ architectures: null }), loadCatalog());

/** A deep copy of the explicit result, changed by `f`. */
function mutated(f: (r: ComparisonResult) => void): unknown {
  const copy = structuredClone(explicit);
  f(copy);
  return copy;
}

/** Candidate `i` of a result (throws when there is none). */
function arch(r: ComparisonResult, i: number): ArchitectureResult {
  const a = r.architectures[i];
  if (!a) throw new Error(`no candidate ${i}`);
  return a;
}

/** `obj` seen as a bag of loose fields, to write values of the wrong type or delete required fields. */
const loose = (obj: object) => obj as Record<string, unknown>;

/** A node of the generated JSON Schema, as far as these tests look into it. */
interface JsonNode {
  type?: string;
  description?: string;
  required?: string[];
  properties?: Record<string, JsonNode>;
  items?: JsonNode;
  anyOf?: JsonNode[];
  [key: string]: unknown;
}

describe('validateResult on real results', () => {
  it('accepts the example scenario result (explicit candidates)', () => {
    expect(explicit.architectures.length).toBe(4);
    expect(validateResult(explicit)).toEqual([]);
  });

  it('accepts the search variant (no architectures)', () => {
    expect(searched.architectures.map((a) => a.origin)).toEqual(['searched', 'searched']);
    expect(validateResult(searched)).toEqual([]);
  });

  it('accepts both after a JSON round trip (no NaN/Infinity turned into null)', () => {
    for (const r of [explicit, searched]) {
      const back: unknown = JSON.parse(JSON.stringify(r));
      expect(validateResult(back)).toEqual([]);
      expect(back).toEqual(r);
    }
  });

  it('accepts an overloaded scenario (utilisation >= 1, null latencies)', () => {
    const base = exampleScenario();
    const r = compareScenario(
      exampleScenario({ workload: { ...base.workload, peakRatePerS: 400_000 } }),
      loadCatalog(),
    );
    expect(r.architectures.some((a) => a.utilization >= 1)).toBe(true);
    expect(validateResult(r)).toEqual([]);
    expect(validateResult(JSON.parse(JSON.stringify(r)))).toEqual([]);
  });

  it('parses to the same value (the schema neither drops nor adds fields)', () => {
    const parsed: ComparisonResult = ComparisonResultSchema.parse(explicit);
    expect(parsed).toEqual(explicit);
  });
});

describe('validateResult on broken results', () => {
  it('names a missing field', () => {
    const problems = validateResult(mutated((r) => delete loose(arch(r, 1).cost).usdPerMonth));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^architectures\[1\]\.cost\.usdPerMonth: /);
  });

  it('names a field of the wrong type', () => {
    const problems = validateResult(
      mutated((r) => {
        loose(r).designRatePerS = '12960/s';
      }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^designRatePerS: .*number/);
  });

  it('names an extra key', () => {
    const problems = validateResult(
      mutated((r) => {
        loose(arch(r, 0).latency).p95Ms = 12;
      }),
    );
    expect(problems).toEqual(['architectures[0].latency.p95Ms: unknown key']);
  });

  it('names a fraction above 1', () => {
    const problems = validateResult(
      mutated((r) => {
        arch(r, 2).availability.value = 1.5;
        loose(arch(r, 0).latency.byUserRegion[1] ?? {}).share = -0.1;
      }),
    );
    expect(problems).toHaveLength(2);
    expect(problems).toContainEqual(expect.stringMatching(/^architectures\[2\]\.availability\.value: .*<=1/));
    expect(problems).toContainEqual(
      expect.stringMatching(/^architectures\[0\]\.latency\.byUserRegion\[1\]\.share: .*>=0/),
    );
  });

  it('rejects NaN and Infinity where a number is promised, and null where null is not allowed', () => {
    const problems = validateResult(
      mutated((r) => {
        arch(r, 0).cost.usdPerMonth = Number.NaN;
        arch(r, 0).availability.nines = Number.POSITIVE_INFINITY;
        loose(arch(r, 0)).utilization = null;
      }),
    );
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'architectures[0].utilization',
      'architectures[0].cost.usdPerMonth',
      'architectures[0].availability.nines',
    ]);
  });

  it('accepts null where result.ts allows it and a missing optional field', () => {
    const ok = mutated((r) => {
      arch(r, 0).latency.p99Ms = null;
      r.recommendation.name = null;
      arch(r, 0).infeasibleReason = undefined;
      delete arch(r, 1).infeasibleReason;
    });
    expect(validateResult(ok)).toEqual([]);
  });

  it('reports a non-object at the root', () => {
    expect(validateResult(null)).toEqual([expect.stringMatching(/^\(root\): /)]);
  });
});

describe('resultJsonSchema', () => {
  const schema = resultJsonSchema() as JsonNode;
  /** `schema.properties.k1.properties.k2...`, failing the test when a step is missing. */
  const prop = (node: JsonNode | undefined, ...keys: string[]): JsonNode => {
    let at = node;
    for (const k of keys) at = at?.properties?.[k];
    if (!at) throw new Error(`no property ${keys.join('.')}`);
    return at;
  };

  it('is a draft 2020-12 schema with an id and a title', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe('https://capplan.dev/schema/result.json');
    expect(schema.title).toMatch(/result/);
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
  });

  it('requires the contract top-level properties', () => {
    expect(schema.required).toEqual(
      expect.arrayContaining(['scenario', 'designRatePerS', 'architectures', 'recommendation']),
    );
  });

  it('carries descriptions with units and fraction bounds', () => {
    expect(prop(schema, 'designRatePerS').description).toMatch(/per second/);
    const item = prop(schema, 'architectures').items;
    expect(item?.required).not.toContain('infeasibleReason');
    expect(prop(item, 'cost', 'usdPerMonth').description).toMatch(/USD per month/);
    expect(prop(item, 'latency', 'p99Ms').description).toMatch(/ms/);
    const value = prop(item, 'availability', 'value');
    expect(value).toMatchObject({ type: 'number', minimum: 0, maximum: 1 });
    expect(value.description).toMatch(/\[0, 1\]/);
  });

  it('has a description on every property, at every depth', () => {
    const missing: string[] = [];
    const walk = (node: JsonNode, path: string): void => {
      if (node.properties) {
        for (const [k, v] of Object.entries(node.properties)) {
          if (typeof v.description !== 'string' || v.description === '') missing.push(`${path}.${k}`);
          walk(v, `${path}.${k}`);
        }
      }
      if (node.items) walk(node.items, `${path}[]`);
      for (const alt of node.anyOf ?? []) walk(alt, path);
    };
    walk(schema, '');
    expect(missing).toEqual([]);
  });

  it('is plain JSON (survives a round trip unchanged)', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
