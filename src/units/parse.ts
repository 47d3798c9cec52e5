/**
 * User quantities -> plain numbers in base units (per second, seconds, bytes, USD, USD per month, fractions).
 *
 * A value is either a JSON number, already in the base unit, or a string such as `"1200/s"`, `"5 ms"`, `"16 GiB"`,
 * `"99.95%"`, `"30000 USD/month"` or `"1000/s * 1.5^2"`. The plain forms (a number, a percentage, a number with one
 * unit or a unit per unit, from unitTable.ts) are read by fastQuantity.ts without loading mathjs, with the same result
 * bit for bit; every other string is parsed with mathjs (loaded on first use, mathEngine.ts) into a syntax tree, and
 * the tree is evaluated HERE, node by node, against an allowlist; mathjs's `evaluate`/`compile` never see user text.
 * Allowed:
 *
 * - ConstantNode holding a finite number (`12`, `0.5`, `1e3`, `0x10`),
 * - SymbolNode naming a unit of mathjs (`ms`, `h`, `day`, `GiB`, `TB`, `month`, ...) or one of ours: `USD`/`usd`,
 *   `d` (= day), the counting words `req`, `reqs`, `request`, `requests` (= 1), and `rps`, `qps` (= 1/s),
 * - OperatorNode `add`, `subtract`, `multiply` (explicit or implicit, as in `5 ms`), `divide`, `pow`, `unaryMinus`,
 *   `unaryPlus`,
 * - ParenthesisNode,
 * - `%` as percent (x% = x/100): rewritten before parsing (see `rewritePercent`), so mathjs's modulus never appears.
 *
 * Everything else is refused with an InputError: function calls (`sqrt(4)`, `import(...)`), assignments and function
 * definitions, matrices, objects, property access and indexing, ranges, conditionals, comparisons, strings, booleans,
 * several statements, unknown symbols, the operators `mod`, the conversions `to`/`in` (`in` alone is the inch), `!`,
 * `'`, bitwise and logical ones, values that are not finite (`10^1000/s`), and text longer than MAX_INPUT_LENGTH
 * characters.
 *
 * A dimensionless result is read in the kind's base unit (`"1200"` as a rate is 1200/s), exactly as a bare number is.
 */
import { InputError } from '../errors.js';
import { COUNT_WORDS, fastQuantity, fastUnitFactor, PER_SECOND_WORDS } from './fastQuantity.js';
import { mathEngine } from './mathEngine.js';
import type { MathNode, Unit } from './mathjs.js';

export type QuantityKind =
  | 'rate'
  | 'duration'
  | 'size'
  | 'byteRate'
  | 'fraction'
  | 'money'
  | 'moneyRate'
  | 'count'
  | 'number';

export interface ParseOptions {
  /** Smallest allowed value, in the base unit. */
  min?: number;
  /** Largest allowed value, in the base unit. */
  max?: number;
  /** `min` itself is not allowed. */
  minExclusive?: boolean;
  /** `max` itself is not allowed. */
  maxExclusive?: boolean;
  /** The value must be an integer (after unit conversion). */
  integer?: boolean;
  /**
   * The mathjs unit in which a value WITHOUT units (a JSON number, `"2000"`, `"2*1000"`) is read, for fields whose
   * contract says so (`--mtbf 2000` means hours: `{ bareUnit: 'h' }`). Default: the kind's base unit. Must have the
   * kind's dimension; ignored for dimensionless kinds.
   */
  bareUnit?: string;
}

/** Longer strings are refused before parsing. */
export const MAX_INPUT_LENGTH = 200;
/** Deeper syntax trees are refused; a guard for the recursion (200 characters cannot nest this deep anyway). */
const MAX_DEPTH = 256;

interface KindSpec {
  /** Phrase following "expected": "a duration". */
  readonly noun: string;
  /** Examples, appended as "such as ...". */
  readonly examples: string;
  /** mathjs unit the base unit is expressed in, or null for dimensionless kinds. */
  readonly baseUnit: string | null;
  /** Suffix that shows the base unit after a number in messages: " s", "/s". */
  readonly suffix: string;
}

const KINDS: Readonly<Record<QuantityKind, KindSpec>> = {
  rate: { noun: 'a rate', examples: '"1200/s" or "72000/min"', baseUnit: 'Hz', suffix: '/s' },
  duration: { noun: 'a duration', examples: '"5 ms" or "2000 h"', baseUnit: 's', suffix: ' s' },
  size: { noun: 'a size', examples: '"16 GiB" or "4 TB"', baseUnit: 'B', suffix: ' bytes' },
  byteRate: { noun: 'a data rate', examples: '"500 MiB/s" or "1 GB/s"', baseUnit: 'B/s', suffix: ' bytes/s' },
  fraction: { noun: 'a fraction', examples: '"99.95%" or 0.9995', baseUnit: null, suffix: '' },
  money: { noun: 'an amount of money', examples: '"1200 USD"', baseUnit: 'USD', suffix: ' USD' },
  moneyRate: {
    noun: 'a cost per month',
    examples: '"30000 USD/month" or "0.4032 USD/h"',
    baseUnit: 'USD/month',
    suffix: ' USD/month',
  },
  count: { noun: 'a count', examples: '3 or "2*4"', baseUnit: null, suffix: '' },
  number: { noun: 'a number', examples: '1.5 or "3/2"', baseUnit: null, suffix: '' },
};

/** Why a string was refused; turned into an InputError by parseQuantity. */
class Refusal {
  constructor(readonly reason: string) {}
}

type Value = number | Unit;
/** mathjs's Unit has `divideInto(n)` (n / unit), missing from its type declarations. */
type DividableUnit = Unit & { divideInto(numerator: number): Value };

/**
 * Parses a user value (a string with units or arithmetic, or a bare number in the base unit) into a plain number in
 * the base unit. Throws InputError(path, value, expected) naming the field and the expected dimension with an example.
 *
 * @param value what the user wrote: a JSON number (base unit) or a string
 * @param kind which dimension is expected, and so which base unit the result is in
 * @param path field path or flag for the error message (`workload.peakRate`, `--rate`)
 * @param opts range and integer checks, applied to the result in the base unit
 * @throws {InputError} the value is not a string or number, is refused by the allowlist, has the wrong dimension, is
 *   not finite, or is out of range
 * @example parseQuantity('72000/min', 'rate', '--rate') // 1200
 * @example parseQuantity('99.95%', 'fraction', 'targets.availability') // 0.9995
 * @example parseQuantity('16 GiB', 'size', 'workload.workingSet') // 17179869184
 * @example parseQuantity('500 MiB/s', 'byteRate', 'reliability.restoreRate') // 524288000
 * @example parseQuantity('30000 USD/month', 'moneyRate', 'targets.budget') // 30000
 */
export function parseQuantity(value: unknown, kind: QuantityKind, path: string, opts: ParseOptions = {}): number {
  const spec = KINDS[kind];
  const expected = (reason?: string): string =>
    `${spec.noun} such as ${spec.examples}${reason === undefined ? '' : ` (${reason})`}`;

  let result: number;
  let dimensionless: boolean;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InputError(path, value, expected('got a number that is not finite'));
    result = value;
    dimensionless = true;
  } else if (typeof value === 'string') {
    try {
      ({ value: result, dimensionless } = readString(value, kind));
    } catch (error) {
      if (error instanceof Refusal) throw new InputError(path, value, expected(error.reason));
      throw error;
    }
  } else {
    throw new InputError(path, value, expected(`a string or a number, got ${describeType(value)}`));
  }
  if (dimensionless && opts.bareUnit !== undefined && spec.baseUnit !== null) {
    result *= bareUnitFactor(opts.bareUnit, spec.baseUnit);
    if (!Number.isFinite(result)) throw new InputError(path, value, expected('not a finite number'));
  }
  checkRange(result, value, spec, path, opts);
  return result;
}

/**
 * Parses a fraction: `"99.95%"`, `"0.9995"` or 0.9995 -> 0.9995, checked to lie in [0, 1].
 * @throws {InputError} as parseQuantity, or when outside [0, 1]
 */
export function parseFraction(value: unknown, path: string, opts: ParseOptions = {}): number {
  return parseQuantity(value, 'fraction', path, { min: 0, max: 1, ...opts });
}

/**
 * A string's value in the kind's base unit: the plain forms without mathjs (fastQuantity.ts, the same result bit for
 * bit), everything else, and every refusal, through mathjs.
 */
function readString(text: string, kind: QuantityKind): { value: number; dimensionless: boolean } {
  // a batch (`run - --jsonl`) reads the same strings on every line: "8766 h / 0.56" through mathjs each time was a
  // tenth of a small scenario's time. The reading is a pure function of the text and the kind, so a remembered value
  // (or refusal) is what reading again gives. Longer texts (refused) are not kept.
  if (text.length > MAX_INPUT_LENGTH) return readStringUncached(text, kind);
  // by kind, then by the text itself (no key to build: a string from JSON.parse keeps its hash)
  let ofKind = readings.get(kind);
  if (ofKind === undefined) {
    ofKind = new Map();
    readings.set(kind, ofKind);
  }
  const known = ofKind.get(text);
  if (known !== undefined) {
    if ('refused' in known) throw new Refusal(known.refused);
    return known;
  }
  let reading: Reading;
  try {
    reading = readStringUncached(text, kind);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    reading = { refused: error.reason };
  }
  if (readingCount >= MAX_READINGS) {
    for (const m of readings.values()) m.clear();
    readingCount = 0;
  }
  ofKind.set(text, reading);
  readingCount += 1;
  if ('refused' in reading) throw new Refusal(reading.refused);
  return reading;
}

type Reading = Readonly<{ value: number; dimensionless: boolean }> | Readonly<{ refused: string }>;

/** Strings whose reading readString keeps, all kinds together (cleared when full; a text is at most MAX_INPUT_LENGTH
 * characters). */
const MAX_READINGS = 10_000;
const readings = new Map<QuantityKind, Map<string, Reading>>();
let readingCount = 0;

function readStringUncached(text: string, kind: QuantityKind): { value: number; dimensionless: boolean } {
  const fast = text.length <= MAX_INPUT_LENGTH ? fastQuantity(text, KINDS[kind].baseUnit) : undefined;
  if (fast !== undefined) return fast;
  return readWithMathjs(text, kind);
}

/**
 * The mathjs path: a dimensionless result is read in the kind's base unit, unless units were written and cancelled
 * (`"100 ms/s"` is not a duration of 0.1 h; issue 17): that is refused for every kind that has a dimension.
 */
function readWithMathjs(text: string, kind: QuantityKind): { value: number; dimensionless: boolean } {
  const { value: evaluated, hadUnits } = evaluateString(text);
  if (!isUnit(evaluated) && hadUnits && KINDS[kind].baseUnit !== null) {
    throw new Refusal('its units cancel to a plain number');
  }
  return { value: toBase(evaluated, kind), dimensionless: !isUnit(evaluated) };
}

/**
 * The mathjs path alone, without the fast path: what test/units/fastQuantity.test.ts compares the fast path with.
 * Returns the value in the base unit and whether the text had no units, or the refusal's reason.
 */
export function readStringWithMathjs(
  text: string,
  kind: QuantityKind,
): { value: number; dimensionless: boolean } | { refused: string } {
  try {
    return readWithMathjs(text, kind);
  } catch (error) {
    if (error instanceof Refusal) return { refused: error.reason };
    throw error;
  }
}

/** How many base units one `bareUnit` is; throws a plain Error (a programming mistake) on a wrong dimension. */
function bareUnitFactor(bareUnit: string, baseUnit: string): number {
  const fast = fastUnitFactor(bareUnit, baseUnit);
  if (fast !== undefined) return fast;
  const { isUnitName, unitOf } = mathEngine();
  const unit = isUnitName(bareUnit) ? unitOf(bareUnit) : null;
  if (unit === null || !unit.equalBase(unitOf(baseUnit))) {
    throw new Error(`parseQuantity: bareUnit "${bareUnit}" is not a unit of ${baseUnit}`);
  }
  return unit.toNumber(baseUnit);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

/**
 * Parses and evaluates a string; the result is a plain number or a Unit, not yet checked against a kind, and whether
 * a unit was written (a symbol other than the counting words).
 */
function evaluateString(raw: string): { value: Value; hadUnits: boolean } {
  if (raw.length > MAX_INPUT_LENGTH) throw new Refusal(`at most ${MAX_INPUT_LENGTH} characters, got ${raw.length}`);
  // µ (micro sign) and μ (Greek mu) as the micro prefix: mathjs spells it u ("5 µs" = "5 us").
  const text = raw.trim().replace(/[\u00b5\u03bc]/g, 'u');
  if (text === '') throw new Refusal('got an empty string');
  if (text.includes(';') || hasControlCharacter(text)) throw new Refusal('a single expression on one line');
  // mathjs reads the rest of the line after # as a comment: "1000/s # x" would silently drop " x"
  if (text.includes('#')) throw new Refusal('"#" is not allowed (no comments in a value)');

  let tree: MathNode;
  try {
    tree = mathEngine().parseExpression(rewritePercent(text));
  } catch (error) {
    if (error instanceof Refusal) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new Refusal(`not a valid expression: ${message.replace(/\s+/g, ' ')}`);
  }
  const hadUnits =
    tree.filter((n) => n.type === 'SymbolNode' && !COUNT_WORDS.has((n as MathNode & { name: string }).name)).length > 0;
  return { value: evaluate(tree, 0), hadUnits };
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * Rewrites every percent sign into a division by 100 of the operand before it: `99.95%` -> `(99.95/100)`,
 * `(1+2) %` -> `((1+2)/100)`. The operand must be a number literal or a parenthesised expression, and what follows the
 * `%` must end the operand (end of text, `)`, `+`, `-`, `*`, `/` or `^`); otherwise the `%` is refused, so that
 * `10 % 3` (mathjs's modulus) cannot be read as anything. This also keeps mathjs's own percent/modulus guessing, which
 * backtracks, out of the parse.
 */
function rewritePercent(text: string): string {
  let out = text;
  for (let at = out.indexOf('%'); at !== -1; at = out.indexOf('%')) {
    const after = out.slice(at + 1).trimStart();
    const next = after.charAt(0);
    if (next !== '' && !')+-*/^'.includes(next)) {
      throw new Refusal(
        next === '%'
          ? '"%%" is not allowed'
          : '% means percent and must end a number, as in "80%"; the modulus operator is not allowed',
      );
    }
    const before = out.slice(0, at).trimEnd();
    let start: number;
    if (before.endsWith(')')) {
      start = matchingOpenParenthesis(before);
    } else {
      const literal = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.exec(before);
      if (literal === null || /[\w$.]$/.test(before.slice(0, literal.index))) {
        throw new Refusal('% must follow a number or a parenthesised expression, as in "80%"');
      }
      start = literal.index;
    }
    out = `${out.slice(0, start)}(${before.slice(start)}/100)${out.slice(at + 1)}`;
  }
  return out;
}

function matchingOpenParenthesis(text: string): number {
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ')') depth++;
    else if (c === '(' && --depth === 0) return i;
  }
  throw new Refusal('unbalanced parentheses');
}

/** Walks the syntax tree and computes its value; refuses every node type and operator not on the allowlist. */
function evaluate(node: MathNode, depth: number): Value {
  if (depth > MAX_DEPTH) throw new Refusal('nested too deeply');
  switch (node.type) {
    case 'ConstantNode': {
      const { value } = node as MathNode & { value: unknown };
      if (typeof value !== 'number') throw new Refusal(`${constantKind(value)} are not allowed`);
      if (!Number.isFinite(value)) throw new Refusal('not a finite number');
      return value;
    }
    case 'SymbolNode':
      return symbolValue((node as MathNode & { name: string }).name);
    case 'ParenthesisNode':
      return evaluate((node as MathNode & { content: MathNode }).content, depth + 1);
    case 'OperatorNode': {
      const { fn, op, args } = node as MathNode & { fn: string; op: string; args: MathNode[] };
      const [first, second] = args;
      if (args.length === 1 && first !== undefined && (fn === 'unaryMinus' || fn === 'unaryPlus')) {
        const a = evaluate(first, depth + 1);
        return fn === 'unaryMinus' ? negate(a) : a;
      }
      if (args.length === 2 && first !== undefined && second !== undefined && isBinaryAllowed(fn)) {
        return binary(fn, evaluate(first, depth + 1), evaluate(second, depth + 1));
      }
      throw new Refusal(`the operator "${op}" is not allowed; use + - * / ^ and parentheses`);
    }
    case 'FunctionNode': {
      const fn = (node as MathNode & { fn: MathNode & { name?: string } }).fn;
      const name = typeof fn.name === 'string' ? fn.name : 'f';
      throw new Refusal(`function calls such as ${name}(...) are not allowed`);
    }
    case 'AssignmentNode':
      throw new Refusal('assignments are not allowed');
    case 'FunctionAssignmentNode':
      throw new Refusal('function definitions are not allowed');
    case 'ArrayNode':
      throw new Refusal('matrices and arrays are not allowed');
    case 'ObjectNode':
      throw new Refusal('objects are not allowed');
    case 'AccessorNode':
    case 'IndexNode':
      throw new Refusal('property access and indexing are not allowed');
    case 'RangeNode':
      throw new Refusal('ranges are not allowed');
    case 'ConditionalNode':
      throw new Refusal('conditionals are not allowed');
    case 'RelationalNode':
      throw new Refusal('comparisons are not allowed');
    case 'BlockNode':
      throw new Refusal('a single expression, not several');
    default:
      throw new Refusal(`${node.type} is not allowed`);
  }
}

function constantKind(value: unknown): string {
  if (typeof value === 'string') return 'strings';
  if (typeof value === 'boolean') return 'booleans';
  if (value === null || value === undefined) return `${String(value)} values`;
  return 'non-numeric constants';
}

type BinaryFn = 'add' | 'subtract' | 'multiply' | 'divide' | 'pow';

function isBinaryAllowed(fn: string): fn is BinaryFn {
  return fn === 'add' || fn === 'subtract' || fn === 'multiply' || fn === 'divide' || fn === 'pow';
}

function symbolValue(name: string): Value {
  if (COUNT_WORDS.has(name)) return 1;
  if (PER_SECOND_WORDS.has(name)) return (mathEngine().unitOf('s') as DividableUnit).divideInto(1);
  const { isUnitName, unitOf } = mathEngine();
  if (isUnitName(name)) return unitOf(name);
  if (name === 'KB') throw new Refusal('"KB" is ambiguous; write kB (1000 bytes) or KiB (1024 bytes)');
  throw new Refusal(`"${name}" is not a unit`);
}

function isUnit(v: Value): v is Unit {
  return typeof v !== 'number';
}

function negate(a: Value): Value {
  if (!isUnit(a)) return -a;
  const res = a.clone();
  res.value = -a.value;
  return res;
}

/** Unit methods return a plain number when the dimensions cancel (mathjs's config.predictable = false). */
function binary(fn: BinaryFn, a: Value, b: Value): Value {
  switch (fn) {
    case 'add':
    case 'subtract': {
      const sign = fn === 'add' ? 1 : -1;
      if (!isUnit(a) && !isUnit(b)) return a + sign * b;
      if (isUnit(a) && isUnit(b) && a.equalBase(b)) {
        const res = a.clone();
        res.value = a.value + sign * b.value; // both values are normalised to SI base units
        return res;
      }
      throw new Refusal(`cannot ${fn} ${dimensionOf(b)} ${fn === 'add' ? 'to' : 'from'} ${dimensionOf(a)}`);
    }
    case 'multiply':
      if (!isUnit(a) && !isUnit(b)) return a * b;
      return (isUnit(a) ? a.multiply(b as Unit) : (b as Unit).multiply(a as unknown as Unit)) as Value;
    case 'divide':
      if (!isUnit(a) && !isUnit(b)) return a / b;
      if (isUnit(a)) return a.divide(b as Unit) as Value;
      return (b as DividableUnit).divideInto(a);
    case 'pow':
      if (isUnit(b)) throw new Refusal(`an exponent must be a plain number, not ${dimensionOf(b)}`);
      if (!isUnit(a)) return a ** b;
      return a.pow(b as unknown as Unit) as Value;
  }
}

/** Human names of mathjs's base dimensions, for "got a mass". */
const DIMENSION_NAMES: Readonly<Record<string, string>> = {
  MASS: 'a mass',
  LENGTH: 'a length',
  TIME: 'a duration',
  CURRENT: 'an electric current',
  TEMPERATURE: 'a temperature',
  LUMINOUS_INTENSITY: 'a luminous intensity',
  AMOUNT_OF_SUBSTANCE: 'an amount of substance',
  FORCE: 'a force',
  SURFACE: 'an area',
  VOLUME: 'a volume',
  ENERGY: 'an energy',
  POWER: 'a power',
  PRESSURE: 'a pressure',
  ELECTRIC_CHARGE: 'an electric charge',
  ELECTRIC_CAPACITANCE: 'a capacitance',
  ELECTRIC_POTENTIAL: 'a voltage',
  ELECTRIC_RESISTANCE: 'a resistance',
  ELECTRIC_INDUCTANCE: 'an inductance',
  ELECTRIC_CONDUCTANCE: 'a conductance',
  MAGNETIC_FLUX: 'a magnetic flux',
  MAGNETIC_FLUX_DENSITY: 'a magnetic flux density',
  FREQUENCY: 'a rate',
  ANGLE: 'an angle',
  BIT: 'a size',
};

/** "a mass", "a rate", or "a quantity in kg m / s" for a dimension that has no name. */
function dimensionOf(v: Value): string {
  if (!isUnit(v)) return 'a plain number';
  const { UnitClass, unitOf } = mathEngine();
  if (v.equalBase(unitOf('USD'))) return 'an amount of money';
  if (v.equalBase(unitOf('USD/month'))) return 'a cost per time';
  if (v.equalBase(unitOf('B/s'))) return 'a data rate';
  for (const [key, base] of Object.entries(UnitClass.BASE_UNITS)) {
    const name = DIMENSION_NAMES[key];
    if (name !== undefined && sameDimensions(v.dimensions, base.dimensions)) return name;
  }
  return `a quantity in ${v.formatUnits()}`;
}

function sameDimensions(a: readonly number[], b: readonly number[]): boolean {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (Math.abs((a[i] ?? 0) - (b[i] ?? 0)) > 1e-12) return false;
  return true;
}

/** Converts the evaluated value to the kind's base unit; dimensionless values are taken as already in it. */
function toBase(v: Value, kind: QuantityKind): number {
  const spec = KINDS[kind];
  let n: number;
  if (!isUnit(v)) {
    n = v;
  } else {
    if (typeof v.value !== 'number' || !Number.isFinite(v.value)) throw new Refusal('not a finite number');
    if (spec.baseUnit === null || !v.equalBase(mathEngine().unitOf(spec.baseUnit))) {
      throw new Refusal(`got ${dimensionOf(v)}`);
    }
    n = v.toNumber(spec.baseUnit);
  }
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new Refusal('not a finite number');
  return n;
}

function checkRange(result: number, value: unknown, spec: KindSpec, path: string, opts: ParseOptions): void {
  const tooSmall =
    opts.min !== undefined && (opts.minExclusive === true ? !(result > opts.min) : !(result >= opts.min));
  const tooLarge =
    opts.max !== undefined && (opts.maxExclusive === true ? !(result < opts.max) : !(result <= opts.max));
  const notInteger = opts.integer === true && !Number.isInteger(result);
  if (!tooSmall && !tooLarge && !notInteger) return;

  const noun = opts.integer === true ? 'an integer' : spec.noun;
  const bounds = describeBounds(opts, spec.suffix);
  const shown = `${result}${spec.suffix}`;
  // show the converted value unless it only repeats what the user wrote ("0", "0 s" for 0)
  const literal = typeof value === 'string' ? value.trim() : String(value);
  const got = literal !== shown && `${literal}${spec.suffix}` !== shown ? ` (got ${shown})` : '';
  throw new InputError(path, value, `${noun}${bounds === '' ? '' : ` ${bounds}`}${got}`);
}

function describeBounds(opts: ParseOptions, suffix: string): string {
  const lo = opts.min === undefined ? '' : `${opts.minExclusive === true ? '>' : '>='} ${opts.min}${suffix}`;
  const hi = opts.max === undefined ? '' : `${opts.maxExclusive === true ? '<' : '<='} ${opts.max}${suffix}`;
  if (lo !== '' && hi !== '') {
    if (opts.minExclusive !== true && opts.maxExclusive !== true) {
      return `between ${opts.min}${suffix} and ${opts.max}${suffix}`;
    }
    return `${lo} and ${hi}`;
  }
  return lo || hi;
}
