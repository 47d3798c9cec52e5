/**
 * The schema's issues of a raw scenario (schema.ts, scenarioSchema().safeParse): none, without building zod's schema,
 * when the table's check passes it (shapePasses.ts, which agrees with zod's verdict both ways); else zod's own issues,
 * which word each problem. (Issue 18: before shapePasses, the top-level values that had passed were remembered
 * between JSONL lines to spare zod part of its work; a passing scenario now never reaches zod.)
 */
import type * as z from 'zod/mini';
import { fallbackExpected } from './issues.js';
import { scenarioSchema } from './schema.js';
import { shapePasses } from './shapePasses.js';

const OPTIONS = { reportInput: true, jitless: true, error: fallbackExpected } as const;

/**
 * scenarioSchema().safeParse(input, { reportInput, jitless, error: fallbackExpected })'s issues ([] when it passes).
 * @example shapeIssues(JSON.parse(exampleText)) // [] for a valid scenario
 */
export function shapeIssues(input: unknown): readonly z.core.$ZodIssue[] {
  if (shapePasses(input)) return [];
  const result = scenarioSchema().safeParse(input, OPTIONS);
  return result.success ? [] : result.error.issues;
}
