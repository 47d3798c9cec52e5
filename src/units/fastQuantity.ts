/**
 * The fast path of `parseQuantity`: the plain forms almost every input takes (`"1200"`, `"99.95%"`, `"5 ms"`, `"5ms"`,
 * `"1280/s"`, `"16 GiB"`, `"500 MiB/s"`, `"30000 USD/month"`, `"1200 req/s"`, `"800 rps"`), each optionally followed by
 * a chain of `* n` and `/ n` with plain numbers (`"8766 h / 0.56"`, `"1000/s * 1.5"`), read without loading mathjs,
 * which costs about 35-50 ms of start-up (issue 18). Everything else (`"1000/s * 1.5^2"`, `"2 * 8766 h"`, a unit
 * outside unitTable.ts, a wrong dimension, a value that is not finite) returns `undefined` and goes to mathjs, which
 * also words the errors.
 *
 * The result is bit for bit what the mathjs path gives: the value is carried as mathjs's Unit carries it (normalised to
 * SI base units, `value * (unitValue * prefixValue) ** power` per unit, in mathjs's order of operations:
 * mathjs 15, Unit.prototype._normalize / _denormalize / multiply / divide / divideInto / toNumeric), and the syntax
 * tree mathjs builds for these forms is `(((n * u1) / u2) op1 n1) op2 n2 ...`: the implicit product binds first, then the
 * explicit operators from the left (checked by the tests). test/units/fastQuantity.test.ts
 * compares the two paths on every unit of the table in every form with generated numbers (fast-check).
 */
import { FAST_UNITS, type FastDimension } from './unitTable.js';

/** Words that count things and mean 1: "1200 req/s" is 1200/s. */
export const COUNT_WORDS: ReadonlySet<string> = new Set(['req', 'reqs', 'request', 'requests']);
/** Words that mean "per second". */
export const PER_SECOND_WORDS: ReadonlySet<string> = new Set(['rps', 'qps']);

/** One unit of a product, as mathjs's Unit lists it. */
interface Factor {
  readonly unitValue: number;
  readonly prefixValue: number;
  readonly power: number;
}

/** A quantity with units: its normalised value, its factors and its dimension. */
interface FastUnit extends FastDimension {
  readonly value: number;
  readonly factors: readonly Factor[];
}

type FastValue = number | FastUnit;

export interface FastQuantity {
  /** In the base unit of the kind (its `baseUnit`), or as written when dimensionless. */
  readonly value: number;
  /** True when the text had no units (a plain number or a percentage). */
  readonly dimensionless: boolean;
}

const NUMBER = String.raw`(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?`;
/** `n`, `n%`, `n u`, `nu`, `n/u`, `n u/u2`, each but `n%` followed by any number of `* n` or `/ n` (spaces allowed
 * around the operators). */
const PLAIN = new RegExp(`^(${NUMBER}) *(?:(%)|([A-Za-z]+)? *(?:/ *([A-Za-z]+))?((?: *[*/] *${NUMBER})*))$`);
/** One `* n` or `/ n` of the chain. */
const STEP = new RegExp(` *([*/]) *(${NUMBER})`, 'g');

/** mathjs's `new Unit(1, name)`: value = 1 * (unitValue * prefixValue) ** 1. */
function namedUnit(name: string): FastValue | undefined {
  if (COUNT_WORDS.has(name)) return 1;
  if (PER_SECOND_WORDS.has(name)) {
    // parse.ts reads these as unitOf('s').divideInto(1)
    const second = namedUnit('s') as FastUnit;
    return divide(1, second);
  }
  const entry = FAST_UNITS.get(name);
  if (entry === undefined) return undefined;
  const factor: Factor = { unitValue: entry.unitValue, prefixValue: entry.prefixValue, power: 1 };
  return {
    value: 1 * (factor.unitValue * factor.prefixValue) ** factor.power,
    factors: [factor],
    time: entry.time,
    bit: entry.bit,
    usd: entry.usd,
  };
}

function isUnit(v: FastValue): v is FastUnit {
  return typeof v !== 'number';
}

/** Unit.multiply with a number (the only product these forms make): valThis * valOther. */
function multiply(a: FastValue, b: FastValue): FastValue | undefined {
  if (!isUnit(a) && !isUnit(b)) return a * b;
  if (isUnit(a) && !isUnit(b)) return { ...a, value: a.value * b };
  if (!isUnit(a) && isUnit(b)) return { ...b, value: b.value * a };
  return undefined;
}

/** Unit.divide / Unit.divideInto: valThis / valOther, the divisor's factors appended with negated powers. */
function divide(a: FastValue, b: FastValue): FastValue | undefined {
  if (!isUnit(a) && !isUnit(b)) return a / b;
  const top: FastUnit = isUnit(a) ? a : { value: a, factors: [], time: 0, bit: 0, usd: 0 };
  if (!isUnit(b)) return { ...top, value: top.value / b };
  const result: FastUnit = {
    value: top.value / b.value,
    factors: [...top.factors, ...b.factors.map((f) => ({ ...f, power: -f.power }))],
    time: top.time - b.time,
    bit: top.bit - b.bit,
    usd: top.usd - b.usd,
  };
  // mathjs returns a plain number when the dimensions cancel; leave those to it
  return result.time === 0 && result.bit === 0 && result.usd === 0 ? undefined : result;
}

/** The factors of a base unit such as `B/s` or `USD/month`, as mathjs's Unit.parse lists them. */
function baseUnit(name: string): FastUnit | undefined {
  const [top, bottom, ...rest] = name.split('/');
  if (top === undefined || rest.length > 0) return undefined;
  const numerator = namedUnit(top);
  if (numerator === undefined || !isUnit(numerator)) return undefined;
  if (bottom === undefined) return numerator;
  const denominator = namedUnit(bottom);
  if (denominator === undefined) return undefined;
  return divide(numerator, denominator) as FastUnit | undefined;
}

/** Unit.toNumber(base): the normalised value divided by each of the base's factors in turn (Unit._denormalize). */
function toNumber(value: number, base: FastUnit): number {
  let res = value;
  for (const f of base.factors) res = res / (f.unitValue * f.prefixValue) ** f.power;
  return res;
}

function sameDimension(a: FastDimension, b: FastDimension): boolean {
  return a.time === b.time && a.bit === b.bit && a.usd === b.usd;
}

/**
 * Reads `raw` when it is one of the plain forms and its unit (if any) has the dimension of `baseUnitName`; otherwise
 * `undefined` (the caller then asks mathjs). `baseUnitName` null: only dimensionless text is read.
 * @example fastQuantity('5 ms', 's') // { value: 0.005, dimensionless: false }
 * @example fastQuantity('99.95%', null) // { value: 0.9995, dimensionless: true }
 * @example fastQuantity('8766 h / 0.56', 's') // { value: 56352857.142857134, dimensionless: false }
 * @example fastQuantity('1000/s * 1.5^2', 'Hz') // undefined
 */
export function fastQuantity(raw: string, baseUnitName: string | null): FastQuantity | undefined {
  const text = raw.trim().replace(/[\u00b5\u03bc]/g, 'u');
  const match = PLAIN.exec(text);
  if (match === null) return undefined;
  const [, literal, percent, unitName, perName, chain] = match;
  const n = Number(literal);
  if (!Number.isFinite(n)) return undefined;
  if (percent !== undefined) return { value: n / 100, dimensionless: true };

  let value: FastValue | undefined = n;
  if (unitName !== undefined) {
    const unit = namedUnit(unitName);
    value = unit === undefined ? undefined : multiply(n, unit);
  }
  if (value !== undefined && perName !== undefined) {
    const per = namedUnit(perName);
    value = per === undefined ? undefined : divide(value, per);
  }
  for (const [, op, operand] of chain === undefined || chain === '' ? [] : chain.matchAll(STEP)) {
    const m = Number(operand);
    // mathjs refuses a constant that is not finite ("1e400"), whatever the rest gives
    if (value === undefined || !Number.isFinite(m)) return undefined;
    value = op === '*' ? multiply(value, m) : divide(value, m);
  }
  if (value === undefined) return undefined;
  // a plain number (`1200 req` is 1200), dimensionless as on the mathjs path
  if (!isUnit(value)) return Number.isFinite(value) ? { value, dimensionless: true } : undefined;
  if (baseUnitName === null || !Number.isFinite(value.value)) return undefined;
  const base = baseUnit(baseUnitName);
  if (base === undefined || !sameDimension(value, base)) return undefined;
  const result = toNumber(value.value, base);
  return Number.isFinite(result) ? { value: result, dimensionless: false } : undefined;
}

/**
 * How many base units one `bareUnit` is (`h` in `s`: 3600), as mathjs's `unitOf(bare).toNumber(base)` gives it; or
 * `undefined` when either is not in the table or their dimensions differ.
 * @example fastUnitFactor('h', 's') // 3600
 */
export function fastUnitFactor(bareUnit: string, baseUnitName: string): number | undefined {
  const unit = namedUnit(bareUnit);
  const base = baseUnit(baseUnitName);
  if (unit === undefined || !isUnit(unit) || base === undefined || !sameDimension(unit, base)) return undefined;
  return toNumber(unit.value, base);
}
