/**
 * Whether a raw scenario passes the schema (schema.ts), decided from the table of fields (fields.ts) and CONTAINERS
 * (containers.ts) without building zod's schema: the few hundred zod schemas of the table were about 10% of a trivial
 * `run` (issue 18), and a scenario that passes, which is most of them, needs none. A scenario that does not pass
 * is checked by zod (shapeIssues.ts), which words its issues.
 *
 * The same rules as the schema, rule by rule: every object strict (no key but its rows' and members'), a required
 * row or container present, an array's length within CONTAINERS, a record any object (not an array) of values, and
 * each value as fieldSchema.ts reads its row: a unit value a string or a finite number; a plain number finite, in its
 * bounds (a ranged one's minimum inclusive, as rangedNumber has it) and a safe integer when a count; an enumeration
 * one of its options; text without control characters but line breaks and tabs; a name non-empty, on one line; an
 * identifier matching IDENTIFIER; a boolean; and a ranged row also a strict `{ p5, p95, distribution? }` of such
 * values. test/scenario/shapePasses.test.ts checks that it agrees with zod's verdict on the examples, their
 * mutations and every row's boundary values.
 */
import { hasControl } from '../errors.js';
import { containerAt } from './containers.js';
import { IDENTIFIER, SCENARIO_FIELDS, type ScenarioField } from './fields.js';
import { RANGE_DISTRIBUTIONS } from './options.js';

/** A place in the scenario's shape: an object of members, an array, a record or a row's value. */
type Shape =
  | { readonly kind: 'object'; readonly members: Map<string, Member> }
  | { readonly kind: 'array'; readonly minItems: number; readonly maxItems: number; element: Shape | undefined }
  | { readonly kind: 'record'; value: Shape | undefined }
  | { readonly kind: 'row'; readonly field: ScenarioField };

interface Member {
  readonly required: boolean;
  shape: Shape | undefined;
}

/** `fitted[].points[].n` as `fitted`, `[]`, `points`, `[]`, `n`. */
const STEP = /[^.[{]+|\[\]|\{\}/g;

/** The shape that follows `step` (the next step of a row's path, or undefined at its end), at `path`. */
function shapeFor(step: string | undefined, path: string, field: ScenarioField): Shape {
  if (step === undefined) return { kind: 'row', field };
  if (step === '[]') {
    const c = containerAt(path);
    return { kind: 'array', minItems: c.minItems, maxItems: c.maxItems, element: undefined };
  }
  if (step === '{}') return { kind: 'record', value: undefined };
  return { kind: 'object', members: new Map() };
}

/** The shape of the whole scenario, from every row of the table. */
function buildShape(): Shape {
  const root: Shape = { kind: 'object', members: new Map() };
  for (const field of SCENARIO_FIELDS) {
    const steps = field.path.match(STEP) ?? [];
    let at: Shape = root;
    let path = '';
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i] as string;
      const next = steps[i + 1];
      path += step === '[]' || step === '{}' || path === '' ? step : `.${step}`;
      if (at.kind === 'object') {
        let member = at.members.get(step);
        if (member === undefined) {
          const required = next === undefined ? field.required : containerAt(path).required;
          member = { required, shape: undefined };
          at.members.set(step, member);
        }
        member.shape ??= shapeFor(next, path, field);
        at = member.shape;
      } else if (at.kind === 'array') {
        at.element ??= shapeFor(next, path, field);
        at = at.element;
      } else if (at.kind === 'record') {
        at.value ??= shapeFor(next, path, field);
        at = at.value;
      } else throw new Error(`shapePasses: ${field.path} lies below the row ${at.field.path}`);
    }
  }
  return root;
}

let scenarioShape: Shape | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A JSON number zod's z.number() takes: finite. */
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A number in a row's bounds (boundedNumber of fieldSchema.ts). */
function numberPasses(v: unknown, min: number, minExclusive: boolean, max: number | undefined, int: boolean): boolean {
  if (!isFiniteNumber(v) || (int && !Number.isSafeInteger(v))) return false;
  if (minExclusive ? !(v > min) : !(v >= min)) return false;
  return max === undefined || v <= max;
}

/** A strict range object `{ p5, p95, distribution? }` whose p5 and p95 pass `value`. */
function rangePasses(v: unknown, value: (x: unknown) => boolean): boolean {
  if (!isObject(v)) return false;
  for (const key of Object.keys(v)) if (key !== 'p5' && key !== 'p95' && key !== 'distribution') return false;
  if (!value(v.p5) || !value(v.p95)) return false;
  return !Object.hasOwn(v, 'distribution') || (RANGE_DISTRIBUTIONS as readonly unknown[]).includes(v.distribution);
}

const quantityPasses = (v: unknown) => typeof v === 'string' || isFiniteNumber(v);

/** A row's value (given: a missing one is its member's to judge). */
function rowPasses(f: ScenarioField, v: unknown): boolean {
  switch (f.kind) {
    case 'enum':
      return typeof v === 'string' && (f.options ?? []).includes(v);
    case 'text':
      return typeof v === 'string' && !hasControl(v, '\t\n\r');
    case 'name':
      return typeof v === 'string' && v.length >= 1 && !hasControl(v);
    case 'identifier':
      return typeof v === 'string' && IDENTIFIER.test(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'number':
    case 'count': {
      const b = f.bounds;
      if (b === undefined) return false;
      if (!f.ranged) return numberPasses(v, b.min, b.minExclusive, b.max, f.integer);
      const plain = (x: unknown) => numberPasses(x, b.min, false, b.max, false);
      return plain(v) || rangePasses(v, plain);
    }
    case 'money':
      return false;
    default:
      return quantityPasses(v) || (f.ranged && rangePasses(v, quantityPasses));
  }
}

function passes(shape: Shape | undefined, v: unknown): boolean {
  if (shape === undefined) return false;
  switch (shape.kind) {
    case 'row':
      return rowPasses(shape.field, v);
    case 'array': {
      if (!Array.isArray(v) || v.length < shape.minItems || v.length > shape.maxItems) return false;
      for (const element of v) if (!passes(shape.element, element)) return false;
      return true;
    }
    case 'record': {
      if (!isObject(v)) return false;
      for (const key of Object.keys(v)) if (!passes(shape.value, v[key])) return false;
      return true;
    }
    case 'object': {
      if (!isObject(v)) return false;
      const { members } = shape;
      let given = 0;
      for (const key of Object.keys(v)) {
        const member = members.get(key);
        if (member === undefined || !passes(member.shape, v[key])) return false;
        given++;
      }
      if (given < members.size) {
        for (const [key, member] of members) if (member.required && !Object.hasOwn(v, key)) return false;
      }
      return true;
    }
  }
}

/**
 * Whether `input` (a parsed JSON value) passes the scenario's schema: exactly when zod finds no issue in it.
 * @example shapePasses(JSON.parse(readFileSync('models/scenarios/internal-tool.json', 'utf8'))) // true
 * @example shapePasses({ workload: {} }) // false (no targets, no users)
 */
export function shapePasses(input: unknown): boolean {
  scenarioShape ??= buildShape();
  return passes(scenarioShape, input);
}

/** The members of the scenario's top-level object (buildShape makes the root an object). */
function topMembers(): Map<string, Member> {
  scenarioShape ??= buildShape();
  return (scenarioShape as Extract<Shape, { kind: 'object' }>).members;
}

/**
 * Whether the top-level member `key` with `value` passes the schema (an unknown key does not). A scenario passes
 * (shapePasses) exactly when it is an object whose every member passes and that has every required member
 * (requiredMembers): passes() checks the root object so.
 * @example memberPasses('users', [{ region: 'us-east-1', share: '100%' }]) // true
 */
export function memberPasses(key: string, value: unknown): boolean {
  const member = topMembers().get(key);
  return member !== undefined && passes(member.shape, value);
}

/**
 * The top-level members a scenario must have.
 * @example requiredMembers() // ['name', 'workload', 'targets', 'users']
 */
export function requiredMembers(): string[] {
  return [...topMembers()].filter(([, m]) => m.required).map(([key]) => key);
}
