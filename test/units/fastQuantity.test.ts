/**
 * The parser's fast path (src/units/fastQuantity.ts) against the mathjs path (readStringWithMathjs): the same result
 * bit for bit (Object.is) on every unit of its table, in every form it reads, with generated numbers; and its table
 * against mathjs's own unit data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastQuantity, fastUnitFactor } from '../../src/units/fastQuantity.js';
import { mathEngine } from '../../src/units/mathEngine.js';
import { parseQuantity, type QuantityKind, readStringWithMathjs } from '../../src/units/parse.js';
import { FAST_UNITS } from '../../src/units/unitTable.js';

/** The base unit of each kind, as parse.ts's KINDS names it (null: dimensionless). */
const BASE: Readonly<Record<QuantityKind, string | null>> = {
  rate: 'Hz',
  duration: 's',
  size: 'B',
  byteRate: 'B/s',
  fraction: null,
  money: 'USD',
  moneyRate: 'USD/month',
  count: null,
  number: null,
};
const KINDS = Object.keys(BASE) as QuantityKind[];

/** What the whole parser returns for a string, as the fast path's result shape (or the refusal). */
function viaMathjs(text: string, kind: QuantityKind) {
  return readStringWithMathjs(text, kind);
}

/** The fast path agrees with mathjs: same value (Object.is) and dimensionless flag, or declines. */
function agrees(text: string, kind: QuantityKind): void {
  const fast = fastQuantity(text, BASE[kind]);
  if (fast === undefined) return;
  const slow = viaMathjs(text, kind);
  expect({ text, kind, slow }).toEqual({ text, kind, slow: fast });
  if ('value' in slow) expect(Object.is(slow.value, fast.value)).toBe(true);
}

const names = [...FAST_UNITS.keys()];
const words = ['req', 'reqs', 'request', 'requests', 'rps', 'qps'];
const anyUnit = fc.constantFrom(...names, ...words);

/** Number literals as people and programs write them: integers, decimals, exponents, leading dot. */
const literal = fc.oneof(
  fc.nat({ max: 1_000_000_000 }).map(String),
  fc.double({ min: 1e-12, max: 1e15, noNaN: true }).map((x) => String(x)),
  fc.double({ min: 1e-300, max: 1e300, noNaN: true }).map((x) => x.toExponential()),
  fc.double({ min: 0, max: 1e6, noNaN: true }).map((x) => x.toFixed(4)),
  fc.nat({ max: 99_999 }).map((n) => `.${n}`),
  fc.constantFrom('0', '1', '2.5', '1e400', '1e-400', '5E3', '0.000001'),
);
const space = fc.constantFrom('', ' ', '  ');

describe('fastQuantity: bit for bit what mathjs gives', () => {
  it('n u, nu, n/u, n u/u2 and n% on every table unit and counting word, in every kind', () => {
    fc.assert(
      fc.property(literal, anyUnit, anyUnit, space, space, fc.constantFrom(...KINDS), (n, u, per, s1, s2, kind) => {
        for (const text of [
          n,
          `${n}%`,
          `${n}${s1}%`,
          `${n}${s1}${u}`,
          `${n}${s1}/${s2}${per}`,
          `${n}${s1}${u}${s2}/${s2}${per}`,
        ]) {
          agrees(text, kind);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('the same forms followed by a chain of * n and / n (left to right, after the implicit product)', () => {
    const step = fc.tuple(fc.constantFrom('*', '/'), space, literal).map(([op, s, n]) => `${s}${op}${s}${n}`);
    fc.assert(
      fc.property(
        literal,
        anyUnit,
        anyUnit,
        space,
        fc.array(step, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...KINDS),
        (n, u, per, s1, steps, kind) => {
          const chain = steps.join('');
          for (const head of [n, `${n}${s1}${u}`, `${n}${s1}/${s1}${per}`, `${n}${s1}${u}${s1}/${per}`]) {
            const text = `${head}${chain}`;
            agrees(text, kind);
            // the chain never makes the fast path decline what it reads without it (but a value that is not finite)
            const slow = viaMathjs(text, kind);
            const read = fastQuantity(text, BASE[kind]) !== undefined;
            if (
              !read &&
              fastQuantity(head, BASE[kind]) !== undefined &&
              'value' in slow &&
              Number.isFinite(slow.value)
            ) {
              expect(`${text} (${kind}) declined`).toBe('read by the fast path');
            }
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('every unit name of the table with the values people write, in the kind of its dimension', () => {
    for (const name of [...names, ...words]) {
      for (const n of ['1', '5', '0.5', '1200', '72000', '99.95', '1e-3', '3.3e9']) {
        for (const kind of KINDS)
          for (const text of [`${n} ${name}`, `${n}${name}`, `${n}/${name}`]) agrees(text, kind);
      }
    }
  });

  it('reads the forms the README and the examples use without mathjs', () => {
    const cases: [string, QuantityKind, number][] = [
      ['1280/s', 'rate', 1280],
      ['72000/min', 'rate', 1200],
      ['1200 req/s', 'rate', 1200],
      ['800 rps', 'rate', 800],
      ['5 ms', 'duration', 0.005],
      ['5ms', 'duration', 0.005],
      ['2000 h', 'duration', 7_200_000],
      ['16 GiB', 'size', 17_179_869_184],
      ['500 MiB/s', 'byteRate', 524_288_000],
      ['30000 USD/month', 'moneyRate', 30000],
      ['99.95%', 'fraction', 0.9995],
      ['1.5', 'number', 1.5],
      [' 5 µs ', 'duration', 0.000005],
      ['8766 h / 0.56', 'duration', 56_352_857.142857134],
      ['1000/s * 1.5', 'rate', 1500],
      ['5 ms / 2 / 5', 'duration', 0.0005],
    ];
    for (const [text, kind, value] of cases) {
      const fast = fastQuantity(text, BASE[kind]);
      expect(fast?.value, text).toBeCloseTo(value, 12);
      expect(fast?.value).toBe(parseQuantity(text, kind, 'x'));
    }
  });

  it('declines what it does not read (mathjs reads it or words the refusal)', () => {
    for (const [text, kind] of [
      ['1000/s * 1.5^2', 'rate'],
      ['5 kg', 'rate'],
      ['5 ms', 'rate'],
      ['5 m', 'duration'],
      ['-5 ms', 'duration'],
      ['1e400 ms', 'duration'],
      ['5 ms/s', 'number'],
      ['0x10', 'count'],
      ['5.ms', 'duration'],
      ['5\tms', 'duration'],
      ['5 ms', 'fraction'],
      ['10 % 3', 'number'],
      ['2 * 8766 h', 'duration'],
      ['1 / 2 h', 'duration'],
      ['8766 h / 0.56 h', 'number'],
      ['5 ms / 0', 'duration'],
      ['50% * 2', 'fraction'],
    ] as [string, QuantityKind][]) {
      expect(fastQuantity(text, BASE[kind]), text).toBeUndefined();
    }
  });

  it('bare-unit factors equal mathjs unitOf(bare).toNumber(base)', () => {
    const { unitOf } = mathEngine();
    for (const [bare, base] of [
      ['h', 's'],
      ['ms', 's'],
      ['month', 's'],
      ['GiB', 'B'],
      ['kHz', 'Hz'],
      ['USD', 'USD'],
    ] as const) {
      expect(Object.is(fastUnitFactor(bare, base), unitOf(bare).toNumber(base))).toBe(true);
    }
    expect(fastUnitFactor('h', 'B')).toBeUndefined();
    expect(fastUnitFactor('furlong', 's')).toBeUndefined();
  });
});

describe('unitTable: mathjs 15 figures', () => {
  it('every entry has mathjs unit value, prefix value, power 1, offset 0 and dimension', () => {
    const { UnitClass } = mathEngine();
    const dimensionIndex = (key: string) => Object.keys(UnitClass.BASE_UNITS).indexOf(key) - 1; // 'NONE' first
    const baseDims = UnitClass.BASE_UNITS as unknown as Record<string, { dimensions: number[] }>;
    const at = (key: string) => baseDims[key]?.dimensions.findIndex((d) => d !== 0) ?? -1;
    expect(dimensionIndex('MASS')).toBe(0);
    for (const [name, entry] of FAST_UNITS) {
      const parsed = UnitClass.parse(name) as unknown as {
        units: { unit: { value: number; offset: number }; prefix: { value: number }; power: number }[];
        dimensions: number[];
      };
      expect(parsed.units.length, name).toBe(1);
      const [u] = parsed.units;
      expect({ name, unit: u?.unit.value, prefix: u?.prefix.value, power: u?.power, offset: u?.unit.offset }).toEqual({
        name,
        unit: entry.unitValue,
        prefix: entry.prefixValue,
        power: 1,
        offset: 0,
      });
      const dims = parsed.dimensions;
      const expected = dims.map(() => 0);
      expected[at('TIME')] = entry.time;
      expected[at('BIT')] = entry.bit;
      expected[dims.length - 1] = entry.usd; // USD is the last base dimension (created in src/units/mathjs.ts)
      expect({ name, dims }).toEqual({ name, dims: expected });
    }
  });
});
