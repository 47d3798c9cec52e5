/**
 * The JSON Schema (draft 2020-12) of a scenario file, generated from the zod schema of schema.ts (the input side:
 * optional fields are not required, unit values are "string or number"), with the field descriptions, and the
 * catalog's region ids and instance families as enums. Editors use it for completion and checking; capplan itself
 * validates with the zod schema and normalize.ts, which also check what a JSON Schema cannot (units, shares that add
 * up to 1, sizes of a family, ...).
 */
import * as z from 'zod';
import { loadCatalog } from '../catalog/index.js';
import { scenarioSchema } from './schema.js';

/** Same form as the result schema's id (src/compare/resultSchema.ts). */
export const SCENARIO_SCHEMA_ID = 'https://capplan.dev/schema/scenario.json';

type JsonObject = Record<string, unknown>;

/** `node.properties[key]` when every step is an object (the generated schema's shape). */
function property(node: unknown, ...keys: string[]): JsonObject | undefined {
  let at: unknown = node;
  for (const key of keys) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as JsonObject)[key];
  }
  return at !== null && typeof at === 'object' ? (at as JsonObject) : undefined;
}

/** The scenario JSON Schema as a plain JSON object. */
export function scenarioJsonSchema(): JsonObject {
  const generated = z.toJSONSchema(scenarioSchema(), { io: 'input', target: 'draft-2020-12' }) as JsonObject;
  const catalog = loadCatalog();
  const regionIds = catalog.regions.map((r) => r.id);
  const families = [...catalog.families.keys()];
  const arch = property(generated, 'properties', 'architectures', 'items', 'properties');
  // a candidate's design per tier: the values of its `tiers` record
  const tierDesign = property(arch, 'tiers', 'additionalProperties', 'properties');
  for (const target of [
    property(generated, 'properties', 'users', 'items', 'properties', 'region'),
    property(arch, 'regions', 'items'),
    property(tierDesign, 'regions', 'items'),
  ]) {
    if (target !== undefined) target.enum = regionIds;
  }
  for (const family of [property(arch, 'family'), property(tierDesign, 'family')]) {
    if (family !== undefined) family.enum = families;
  }
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: SCENARIO_SCHEMA_ID,
    title: 'capplan scenario',
    ...rest,
  };
}
