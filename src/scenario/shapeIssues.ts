/**
 * The schema's issues of a raw scenario (schema.ts, scenarioSchema().safeParse), with the value of each top-level key
 * that passed before remembered (issue 18: in a batch, `run - --jsonl`, the lines of one service differ in a figure or
 * two, and checking their unchanged targets, reliability, users and candidates again was a tenth of a line's time).
 *
 * Why remembering is exact: the scenario's schema is a strict object with no check of its own across keys, so its
 * issues are those of each key's value (in the schema's key order, each path starting with the key) and the unknown
 * keys; a key's value that passed once passes again, with no issue. A scenario whose known-good keys are checked as
 * anything (z.unknown(), in a copy of the schema made with z.extend, which keeps the keys' order, the strictness and the
 * error map) has exactly the issues of the full check. A value is remembered by its JSON text, which tells JSON
 * values apart except a non-finite number (written null: a text holding `null` is never remembered) and -0 (written
 * 0, which every check treats as 0). Bounded: the
 * texts kept are cleared when their characters pass MAX_KEPT_CHARS; the schema copies (one per set of known-good
 * keys met) when they pass MAX_VARIANTS.
 */
import * as z from 'zod/mini';
import { fallbackExpected, record } from './issues.js';
import { scenarioSchema } from './schema.js';
import { shapePasses } from './shapePasses.js';

/** Characters of remembered values kept before they are all forgotten (a bound on memory: about 16 MB of text). */
const MAX_KEPT_CHARS = 8_000_000;
/** Schema copies kept before they are all forgotten (one per combination of known-good keys). */
const MAX_VARIANTS = 64;

/** Remembered values that passed, by key: their JSON texts. */
const passed = new Map<string, Set<string>>();
let keptChars = 0;
const variants = new Map<string, z.ZodMiniType>();

const OPTIONS = { reportInput: true, jitless: true, error: fallbackExpected } as const;

/** The key's value's JSON text when it can be remembered: an object or array whose text tells it apart. */
function textOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined; // a string or number is quick to check
  const text = JSON.stringify(value);
  return text.includes('null') ? undefined : text;
}

/**
 * scenarioSchema().safeParse(input, { reportInput, jitless, error: fallbackExpected })'s issues ([] when it passes:
 * shapePasses.ts says so without zod's schema).
 * @example shapeIssues(JSON.parse(exampleText)) // [] for a valid scenario
 */
export function shapeIssues(input: unknown): readonly z.core.$ZodIssue[] {
  if (shapePasses(input)) return [];
  const raw = record(input);
  const full = scenarioSchema();
  if (raw === undefined) return issuesOf(full, input);
  const shape = full.shape;
  const known: string[] = [];
  const fresh: [string, string][] = [];
  for (const key of Object.keys(shape)) {
    if (!Object.hasOwn(raw, key)) continue;
    const text = textOf(raw[key]);
    if (text === undefined) continue;
    if (passed.get(key)?.has(text) === true) known.push(key);
    else fresh.push([key, text]);
  }
  const issues = issuesOf(known.length === 0 ? full : variant(known), input);
  if (issues.length === 0) {
    for (const [key, text] of fresh) {
      if (keptChars + text.length > MAX_KEPT_CHARS) {
        passed.clear();
        keptChars = 0;
      }
      let texts = passed.get(key);
      if (texts === undefined) {
        texts = new Set();
        passed.set(key, texts);
      }
      texts.add(text);
      keptChars += text.length;
    }
  }
  return issues;
}

function issuesOf(schema: z.ZodMiniType, input: unknown): readonly z.core.$ZodIssue[] {
  const result = schema.safeParse(input, OPTIONS);
  return result.success ? [] : result.error.issues;
}

/** The scenario's schema with `keys` checked as anything (keys in the schema's order: one copy per set). */
function variant(keys: readonly string[]): z.ZodMiniType {
  const id = keys.join(',');
  let schema = variants.get(id);
  if (schema === undefined) {
    schema = z.extend(scenarioSchema(), Object.fromEntries(keys.map((k) => [k, z.unknown()])));
    if (variants.size >= MAX_VARIANTS) variants.clear();
    variants.set(id, schema);
  }
  return schema;
}
