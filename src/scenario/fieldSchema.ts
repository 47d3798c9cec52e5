/**
 * The zod schema of one scalar field of the raw scenario, built from its row in the table of fields (fields.ts): a
 * value with units (a string such as "4000/s", or a bare number in the base unit), a plain JSON number or integer in
 * the row's bounds, an enumeration, or text; a field marked `ranged` may instead be a range `{ p5, p95,
 * distribution? }` whose p5 and p95 are written exactly like the plain field. schema.ts puts these into the objects
 * and arrays of a scenario.
 *
 * Every schema carries its own error text (`error: ...`): the phrase that follows "expected" in an InputError, so
 * that normalize.ts never shows zod's default messages; a single-value field given a range says why it is refused
 * (`pointOnly`). Every field has a `.describe()` text (the row's description) stating its unit, its default and its
 * meaning; `default` in the metadata is documentation for the JSON Schema (normalize.ts applies the defaults). Values
 * with units stay strings here: normalize.ts parses them with the row's bounds.
 *
 * Built with zod/mini (the same schemas of zod's core as the classic API builds, and the same JSON Schema): the classic
 * API binds every method to every instance, and the few hundred schemas of this table cost most of the start-up's
 * schema time that way (issue 18). `describe` and `meta` below do what the classic methods of those names do, but
 * on the schema itself rather than a clone (see `meta`).
 */
import * as z from 'zod/mini';
import { hasControl } from '../errors.js';
import { IDENTIFIER, type ScenarioField } from './fields.js';
import { RANGE_DISTRIBUTIONS } from './options.js';

/** A schema of this table (zod/mini's type; schema.ts puts them into classic objects and arrays). */
type FieldSchema = z.ZodMiniType;

/** The classic `schema.describe(text)`, on the schema itself (see `meta`). */
export function describe<T extends FieldSchema>(schema: T, description: string): T {
  return meta(schema, { description });
}

/**
 * The classic `schema.meta(data)` without its clone: `data` registered on the schema itself, added to what it has.
 * Every schema described here or in schema.ts was built for that one place and is described there (a range's own
 * schema once, when `range` builds it), so nothing else holds it; a clone per description and per default was about a third of
 * the table's build time (issue 18: 9 ms of every start-up that reads a scenario). The JSON Schema is byte-identical
 * (test/scenario/jsonSchema.test.ts checks each row's text and default at its path).
 */
function meta<T extends FieldSchema>(schema: T, data: z.core.GlobalMeta): T {
  z.globalRegistry.add(schema, { ...z.globalRegistry.get(schema), ...data });
  return schema;
}

/** The phrase that follows "expected" when a unit-carrying value has the wrong JSON type. */
export const QUANTITY_EXPECTED = {
  rate: 'a rate such as "4000/s", or a number per second',
  duration: 'a duration such as "12 ms" or "2 h", or a number of seconds',
  size: 'a size such as "300 GiB", or a number of bytes',
  byteRate: 'a data rate such as "500 MiB/s", or a number of bytes per second',
  fraction: 'a fraction such as "80%" or 0.8',
  moneyRate: 'a cost such as "30000 USD/month", or a number of USD per month',
} as const;

type QuantityName = keyof typeof QUANTITY_EXPECTED;

/** The keys of a range object. */
const RANGE_KEYS: readonly string[] = ['p5', 'p95', 'distribution'];

/** Appended to the "expected" phrase of a single-value field given something that looks like a range. */
const RANGE_NOT_ALLOWED =
  'a single value: ranges { p5, p95 } are allowed only for workload, reliability and tier figures';

/** An object with a range's key: what a user who wrote a range where none is allowed gave. */
function looksLikeRange(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    RANGE_KEYS.some((key) => Object.hasOwn(value, key))
  );
}

/** The error text of a single-value field: `expected`, plus why a range is refused when one was given. */
function pointOnly(expected: string) {
  return (issue: { input?: unknown }): string =>
    looksLikeRange(issue.input) ? `${expected} (${RANGE_NOT_ALLOWED})` : expected;
}

/** A value with units: a string such as "4000/s", or a bare number in the base unit. */
function quantity(kind: QuantityName, description: string, defaultValue?: string | number) {
  const schema = describe(
    z.union([z.string(), z.number()], { error: pointOnly(QUANTITY_EXPECTED[kind]) }),
    description,
  );
  return defaultValue === undefined ? schema : meta(schema, { default: defaultValue });
}

/** Appended to the description of every field that may be a range. */
const RANGE_NOTE =
  ' Or, when uncertain, a range { "p5": ..., "p95": ..., "distribution"?: "lognormal" | "normal" | "uniform" } of such values: the comparison uses its median.';

/**
 * The range form `{ p5, p95, distribution? }` of a field; `value(which)` is the schema of p5 or p95 (the plain
 * field's own schema, so they are read and checked exactly like it). p5 <= p95, and p5 > 0 for the lognormal
 * distribution, are checked by normalize.ts, which sees both values. One schema per `key` (what `value` checks: the
 * kind of a unit value, or a plain number's bounds) and `units` text (its descriptions), shared by every field with
 * both: a zod schema is immutable, and building one per field was most of the start-up's schema time (issue 18).
 */
const ranges = new Map<string, FieldSchema>();

function range(value: (which: 'p5' | 'p95') => FieldSchema, key: string, units: string): FieldSchema {
  const id = `${key}\u0000${units}`;
  const known = ranges.get(id);
  if (known !== undefined) return known;
  const distribution = describe(
    z.enum(RANGE_DISTRIBUTIONS, { error: `one of ${RANGE_DISTRIBUTIONS.map((v) => `"${v}"`).join(', ')}` }),
    'How the value is spread: "lognormal" (median sqrt(p5 p95); needs p5 > 0), "normal" (mean (p5 + p95) / 2) or "uniform" (p5 and p95 are its 5th and 95th percentiles, so it runs from p5 - (p95 - p5) / 18 to p95 + (p95 - p5) / 18). Default "lognormal".',
  );
  const schema = describe(
    z.strictObject(
      {
        p5: describe(value('p5'), `5th percentile of the uncertain value, ${units}.`),
        p95: describe(value('p95'), `95th percentile of the uncertain value, ${units}; >= p5.`),
        distribution: z.optional(meta(distribution, { default: 'lognormal' })),
      },
      { error: 'an object { p5, p95, distribution? }' },
    ),
    'An uncertain value, as its 5th and 95th percentiles and their distribution.',
  );
  ranges.set(id, schema);
  return schema;
}

/**
 * The error text of a field that may be a range. A range object's own problems are reported at its keys (normalize.ts
 * unpacks the union's issue), so this only speaks of the field missing or of the wrong JSON type.
 */
function rangedError(expected: string) {
  return (issue: { input?: unknown }): string =>
    issue.input === undefined ? expected : `${expected}, or a range { "p5": ..., "p95": ... } of such values`;
}

/** A value with units (as `quantity`), or a range of such values. */
function rangedQuantity(kind: QuantityName, description: string, defaultValue?: string | number) {
  const expected = QUANTITY_EXPECTED[kind];
  const value = () => z.union([z.string(), z.number()], { error: expected });
  const schema = describe(
    z.union([value(), range(value, kind, `written like the field (${expected})`)], { error: rangedError(expected) }),
    description + RANGE_NOTE,
  );
  return defaultValue === undefined ? schema : meta(schema, { default: defaultValue });
}

/** A plain JSON number (no units) in [min, max]; `int` for counts. One phrase for every way it can be wrong. */
function plainNumber(opts: {
  min: number;
  max?: number;
  minExclusive?: boolean;
  int?: boolean;
  description: string;
  default?: number;
}) {
  const described = describe(boundedNumber(opts, pointOnly(numberExpected(opts))), opts.description);
  return opts.default === undefined ? described : meta(described, { default: opts.default });
}

interface NumberBounds {
  min: number;
  max?: number;
  minExclusive?: boolean;
  int?: boolean;
}

/** "a number >= 0 and <= 100", "an integer >= 1". */
function numberExpected(opts: NumberBounds): string {
  const lo = `${opts.minExclusive === true ? '>' : '>='} ${opts.min}`;
  const bounds = opts.max === undefined ? lo : `${lo} and <= ${opts.max}`;
  return `${opts.int === true ? 'an integer' : 'a number'} ${bounds}`;
}

/** A JSON number (or integer) in the bounds, with one error text for every way it can be wrong. */
function boundedNumber(opts: NumberBounds, error: string | ((issue: { input?: unknown }) => string)) {
  const schema: FieldSchema = opts.int === true ? z.int({ error }) : z.number({ error });
  const low = schema.check(opts.minExclusive === true ? z.gt(opts.min, { error }) : z.gte(opts.min, { error }));
  return opts.max === undefined ? low : low.check(z.lte(opts.max, { error }));
}

/** A plain number (as `plainNumber`, never a count), or a range of such numbers. */
function rangedNumber(opts: { min: number; max: number; description: string; default?: number }) {
  const expected = numberExpected(opts);
  const value = () => boundedNumber(opts, expected);
  const schema = describe(
    z.union([value(), range(value, `number ${opts.min} ${opts.max}`, `a plain number (${expected})`)], {
      error: rangedError(expected),
    }),
    opts.description + RANGE_NOTE,
  );
  return opts.default === undefined ? schema : meta(schema, { default: opts.default });
}

function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
  description: string,
  defaultValue?: T[number],
) {
  const schema = describe(
    z.enum(values, { error: pointOnly(`one of ${values.map((v) => `"${v}"`).join(', ')}`) }),
    description,
  );
  return defaultValue === undefined ? schema : meta(schema, { default: defaultValue });
}

/** Free text: line breaks and tabs allowed, other control characters not. */
const text = (description: string) =>
  describe(
    z.string({ error: pointOnly('a string') }).check(
      z.refine((s: string) => !hasControl(s, '\t\n\r'), {
        error: 'a string without control characters (other than line breaks and tabs)',
      }),
    ),
    description,
  );
/** A name or an id: one line of printable text. */
const nonEmptyText = (description: string) =>
  describe(
    z
      .string({ error: pointOnly('a non-empty string') })
      .check(z.minLength(1, { error: 'a non-empty string' }))
      .check(
        z.refine((s: string) => !hasControl(s), { error: 'a string without control characters (one line of text)' }),
      ),
    description,
  );

/** An identifier (fields.ts IDENTIFIER): a name that can stand in a field path. */
const identifier = (description: string) =>
  describe(
    z.string({ error: pointOnly('an identifier (a letter or _, then letters, digits and _)') }).check(
      z.regex(IDENTIFIER, {
        error:
          'an identifier: a letter or _, then letters, digits and _, at most 64 characters (it is used in field paths such as tiers.db.serviceTime)',
      }),
    ),
    description,
  );

/**
 * The zod schema of a row: its kind, bounds, range form, description and documented default; optional unless the row
 * is required.
 * @throws {RangeError} a row that cannot be built (a number without bounds, an enumeration without options)
 */
export function fieldSchema(f: ScenarioField): FieldSchema {
  const schema = requiredSchema(f);
  return f.required ? schema : z.optional(schema);
}

function requiredSchema(f: ScenarioField): FieldSchema {
  const d = f.default;
  switch (f.kind) {
    case 'enum': {
      const options = f.options as readonly [string, ...string[]] | undefined;
      if (options === undefined || options.length === 0)
        throw new RangeError(`${f.path}: an enumeration needs options`);
      return oneOf(options, f.description, d as string | undefined);
    }
    case 'text':
      return text(f.description);
    case 'name':
      return nonEmptyText(f.description);
    case 'identifier':
      return identifier(f.description);
    case 'boolean': {
      const schema = describe(z.boolean({ error: pointOnly('true or false') }), f.description);
      return d === undefined ? schema : meta(schema, { default: d });
    }
    case 'number':
    case 'count': {
      if (f.bounds === undefined) throw new RangeError(`${f.path}: a number needs bounds`);
      const { min, max, minExclusive } = f.bounds;
      const n = d as number | undefined;
      if (f.ranged) {
        if (max === undefined) throw new RangeError(`${f.path}: a ranged number needs a maximum`);
        return rangedNumber({ min, max, description: f.description, default: n });
      }
      return plainNumber({ min, max, minExclusive, int: f.integer, description: f.description, default: n });
    }
    case 'money':
      throw new RangeError(`${f.path}: a scenario field has no plain money kind (moneyRate is USD per month)`);
    default: {
      const q = typeof d === 'boolean' ? undefined : d;
      return f.ranged ? rangedQuantity(f.kind, f.description, q) : quantity(f.kind, f.description, q);
    }
  }
}
