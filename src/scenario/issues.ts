/**
 * Problems of a raw scenario as one-line InputErrors: the zod schema's issues (path, value, what was expected) and the
 * keys refused anywhere in the input.
 */
import { escapeControls, InputError } from '../errors.js';
import { closest } from '../util/suggest.js';
import { keysAt } from './schema.js';

/** A raw scenario object. */
export type Raw = Readonly<Record<string, unknown>>;

/** The value as an object, or undefined when it is not one (an array is not). */
export function record(v: unknown): Raw | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : undefined;
}

/** Keys refused anywhere in a scenario: they could reach an object's prototype in careless code. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** An InputError whose one-line message is not of the `path: value: expected ...` form. */
export class ScenarioError extends InputError {
  constructor(path: string, value: unknown, expected: string, message: string) {
    super(path, value, expected);
    this.message = message;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// zod issues -> one-line InputErrors
// ---------------------------------------------------------------------------------------------------------------
type Issue = {
  code: string;
  path: PropertyKey[];
  message: string;
  input?: unknown;
  keys?: string[];
  errors?: Issue[][];
};

/** "users[1].share" from a path; "scenario" for the root; an odd key is quoted (`workload["a b"]`) and shortened. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    const key = String(part);
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]{0,59}$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${escapeControls(JSON.stringify(key.length > 60 ? `${key.slice(0, 57)}...` : key))}]`;
  }
  return out === '' ? 'scenario' : out;
}

export function issueErrors(issue: Issue): InputError[] {
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const valid = keysAt(issue.path);
    return (issue.keys ?? []).map((key) => {
      const keyPath = formatPath([...issue.path, key]);
      const suggestion = closest(key, valid);
      const hint = suggestion !== undefined ? `did you mean ${suggestion}?` : `valid keys: ${valid.join(', ')}`;
      const expected = `no such key (${hint})`;
      return new ScenarioError(keyPath, key, expected, `${keyPath}: unknown key (${hint})`);
    });
  }
  const inRange = rangeIssues(issue);
  if (inRange !== undefined) return inRange.flatMap(issueErrors);
  return [new InputError(path, preview(issue.input), issue.message)];
}

/**
 * A field that may be a range is a union of the plain value and the range object. Given an object, the plain
 * option fails at the field itself and the range option at its keys (`p5`, `p95`, `distribution`): its issues, at
 * their full paths, are the ones worth reporting. Undefined for any other issue.
 */
function rangeIssues(issue: Issue): Issue[] | undefined {
  if (issue.code !== 'invalid_union' || record(issue.input) === undefined || issue.errors === undefined) return;
  const atKeys = issue.errors.filter((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
  if (atKeys.length !== 1) return;
  return (atKeys[0] as Issue[]).map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
}

/**
 * A copy of a user value that is safe to show in a message: at most 4 levels deep and 20 entries wide (deeper or
 * further content becomes "..."). Messages show only its first 80 characters anyway, and rendering a deeply nested
 * array in full would overflow the stack.
 */
export function preview(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 4) return '...';
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => preview(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).slice(0, 20)) {
    Object.defineProperty(out, key, { value: preview((value as Raw)[key], depth + 1), enumerable: true });
  }
  return out;
}

/** The "expected" phrase for an issue of a schema without its own error text (schema.ts gives nearly all one). */
export function fallbackExpected(issue: { code: string; expected?: unknown }): string {
  if (issue.code === 'invalid_type' && typeof issue.expected === 'string') {
    return /^[aeiou]/.test(issue.expected) ? `an ${issue.expected}` : `a ${issue.expected}`;
  }
  return 'a valid value';
}

// ---------------------------------------------------------------------------------------------------------------
// Forbidden keys and JSON syntax errors
// ---------------------------------------------------------------------------------------------------------------

/** A path as a linked list (cheap to extend while walking deep input); `at` undefined for the root. */
interface PathLink {
  readonly parent: PathLink | undefined;
  readonly at: PropertyKey;
}

function linkToPath(link: PathLink | undefined): PropertyKey[] {
  const out: PropertyKey[] = [];
  for (let l = link; l !== undefined; l = l.parent) out.push(l.at);
  return out.reverse();
}

/** Paths of `__proto__`, `constructor` and `prototype` keys anywhere in a value (iterative: deep input is fine). */
export function forbiddenKeys(input: unknown): InputError[] {
  const errors: InputError[] = [];
  const stack: [unknown, PathLink | undefined][] = [[input, undefined]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [value, link] = item;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], { parent: link, at: i }]);
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      const child: PathLink = { parent: link, at: key };
      if (FORBIDDEN_KEYS.has(key)) {
        const keyPath = formatPath(linkToPath(child));
        const expected = 'no key named __proto__, constructor or prototype';
        errors.push(new ScenarioError(keyPath, key, expected, `${keyPath}: forbidden key (${expected} is allowed)`));
      } else stack.push([(value as Raw)[key], child]);
    }
  }
  return errors;
}
