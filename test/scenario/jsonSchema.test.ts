import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { SCENARIO_FIELDS } from '../../src/scenario/fields.js';
import { scenarioJsonSchema } from '../../src/scenario/jsonSchema.js';

// biome-ignore lint/suspicious/noExplicitAny: the tests walk an untyped JSON Schema
type Node = Record<string, any>;

/** Every object schema (type "object" with properties) in the JSON Schema, with its path. */
function objectSchemas(node: unknown, path = '#', out: [string, Node][] = []): [string, Node][] {
  if (node === null || typeof node !== 'object') return out;
  const n = node as Node;
  if (n.type === 'object' && n.properties) out.push([path, n]);
  for (const [k, v] of Object.entries(n)) objectSchemas(v, `${path}/${k}`, out);
  return out;
}

describe('scenarioJsonSchema', () => {
  const schema = scenarioJsonSchema();

  it('is a draft 2020-12 schema with an id and a title', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe('https://capplan.dev/schema/scenario.json');
    expect(schema.title).toBe('capplan scenario');
    expect(schema.type).toBe('object');
    expect(JSON.parse(JSON.stringify(schema))).toStrictEqual(schema);
  });

  it('has the contract fields, requires the required ones, and forbids unknown keys everywhere', () => {
    const props = schema.properties as Node;
    for (const key of ['name', 'workload', 'targets', 'reliability', 'users', 'architectures', 'simulation']) {
      expect(props, key).toHaveProperty(key);
    }
    expect(schema.required).toStrictEqual(['name', 'workload', 'targets', 'users']);
    // serviceTime is required unless the scenario gives tiers instead (normalize.ts checks that rule)
    expect(props.workload.required).toStrictEqual(['peakRate']);
    expect(props.targets.required).toStrictEqual(['p99', 'availability']);
    const objects = objectSchemas(schema);
    expect(objects.length).toBeGreaterThanOrEqual(10);
    for (const [path, o] of objects) expect(o.additionalProperties, path).toBe(false);
  });

  it('describes every field', () => {
    for (const [path, o] of objectSchemas(schema)) {
      expect(typeof o.description, path).toBe('string');
      for (const [key, p] of Object.entries(o.properties as Node)) {
        expect(typeof p.description, `${path}/${key}`).toBe('string');
        expect((p.description as string).length, `${path}/${key}`).toBeGreaterThan(10);
      }
    }
  });

  // Each row's own text and default where its path leads (fieldSchema.ts registers them on the schema it built for
  // that row: a schema shared by two rows would carry the text of the last)
  it('gives every row of the table its own description and documented default', () => {
    const at = (path: string): Node => {
      let node: Node = schema;
      for (const [, key, step] of path.matchAll(/([^.[{]+)|(\[\]|\{\})/g)) {
        if (step === '[]') node = node.items;
        else if (step === '{}') node = node.additionalProperties;
        else {
          const object = node.properties ? node : (node.anyOf as Node[]).find((o) => o.properties);
          node = (object as Node).properties[key as string];
        }
        expect(node, path).toBeDefined();
      }
      return node;
    };
    expect(SCENARIO_FIELDS.length).toBeGreaterThan(100);
    for (const row of SCENARIO_FIELDS) {
      const node = at(row.path);
      expect((node.description as string).startsWith(row.description), row.path).toBe(true);
      // text and identifiers document their default in their description only (fieldSchema.ts)
      const documented = row.kind !== 'text' && row.kind !== 'name' && row.kind !== 'identifier';
      if (documented) expect(node.default, row.path).toStrictEqual(row.default);
    }
  });

  it('takes unit strings or numbers, and gives the defaults and the catalog ids', () => {
    const workload = (schema.properties as Node).workload.properties as Node;
    // a workload or reliability figure is a unit value or a range object (test/scenario/uncertain.test.ts)
    expect(workload.peakRate.anyOf[0].type).toStrictEqual(['string', 'number']);
    expect((schema.properties as Node).targets.properties.p99.type).toStrictEqual(['string', 'number']);
    expect(workload.memoryHeadroom.default).toBe('10%');
    expect(workload.fanout).toMatchObject({ type: 'integer', minimum: 1, default: 1 });
    const catalog = loadCatalog();
    const users = (schema.properties as Node).users;
    expect(users.minItems).toBe(1);
    expect(users.items.properties.region.enum).toStrictEqual(catalog.regions.map((r) => r.id));
    const arch = (schema.properties as Node).architectures.items.properties;
    expect(arch.regions.items.enum).toStrictEqual(catalog.regions.map((r) => r.id));
    expect(arch.family.enum).toContain('m7i');
    expect(arch.kind.enum).toStrictEqual(['vertical', 'horizontal']);
    expect(arch.standby.default).toBe('none');
  });
});
