import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeValue, InputError } from '../../src/errors.js';
import {
  MAX_INPUT_LENGTH,
  type ParseOptions,
  parseFraction,
  parseQuantity,
  type QuantityKind,
} from '../../src/units/parse.js';
import { cpuTimeMs } from '../helpers/cpuTime.js';
import { expectClose } from '../helpers/expectClose.js';

/** Runs parseQuantity and returns the InputError it throws; fails the test if it returns or throws anything else. */
function refusal(value: unknown, kind: QuantityKind, path = 'workload.x', opts?: ParseOptions): InputError {
  let result: number | undefined;
  try {
    result = parseQuantity(value, kind, path, opts);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw new Error(`expected an InputError for ${describeValue(value)}, got ${String(error)}`);
  }
  throw new Error(`expected ${describeValue(value)} to be refused as ${kind}, got ${result}`);
}

describe('parseQuantity: accepted forms, exact base values', () => {
  // [input, kind, expected base value, relative tolerance (0 = exact)]
  const cases: Array<[string | number, QuantityKind, number, number]> = [
    ['1200/s', 'rate', 1200, 0],
    ['72000/min', 'rate', 1200, 1e-12],
    ['1200 req/s', 'rate', 1200, 0],
    ['1200 reqs/s', 'rate', 1200, 0],
    ['1200 request/s', 'rate', 1200, 0],
    ['1200 requests / s', 'rate', 1200, 0],
    ['1200 rps', 'rate', 1200, 0],
    ['500 qps', 'rate', 500, 0],
    ['3600/h', 'rate', 1, 1e-15],
    ['2 kHz', 'rate', 2000, 0],
    ['1e3/s', 'rate', 1000, 0],
    ['1000/s * 1.5^2', 'rate', 2250, 0],
    ['(4000/s)*1.8^2', 'rate', 4000 * 1.8 ** 2, 1e-15],
    ['1200', 'rate', 1200, 0], // dimensionless string: base unit (per second)
    [1200, 'rate', 1200, 0],
    ['5 ms', 'duration', 0.005, 1e-15],
    ['5ms', 'duration', 0.005, 1e-15],
    ['2000 h', 'duration', 7_200_000, 0],
    ['30 d', 'duration', 2_592_000, 0],
    ['2 days', 'duration', 172_800, 0],
    ['1 day', 'duration', 86_400, 0],
    ['1 week', 'duration', 604_800, 0],
    ['60 s', 'duration', 60, 0],
    ['1.5 min', 'duration', 90, 0],
    ['250 us', 'duration', 250e-6, 1e-15],
    ['250 µs', 'duration', 250e-6, 1e-15], // micro sign, as formatDuration prints it
    ['250 μs', 'duration', 250e-6, 1e-15], // Greek mu
    ['1 h + 30 min', 'duration', 5400, 0],
    ['1 h - 30 min', 'duration', 1800, 0],
    ['-(5 ms)', 'duration', -0.005, 1e-15],
    ['+5 ms', 'duration', 0.005, 1e-15],
    ['0.25', 'duration', 0.25, 0],
    [60, 'duration', 60, 0],
    ['500 MiB/s', 'byteRate', 500 * 2 ** 20, 0],
    ['1 GB/s', 'byteRate', 1e9, 0],
    ['8 Gb/s', 'byteRate', 1e9, 1e-15], // b: bit
    ['36 TB/h', 'byteRate', 1e10, 1e-15],
    [209715200, 'byteRate', 209715200, 0],
    ['16 GiB', 'size', 17_179_869_184, 0],
    ['4 TB', 'size', 4e12, 0],
    ['2 KiB', 'size', 2048, 0],
    ['300 GiB', 'size', 300 * 2 ** 30, 0],
    ['200 KiB', 'size', 204_800, 0],
    ['10 kB', 'size', 10_000, 0],
    ['8 bit', 'size', 1, 0],
    ['99.95%', 'fraction', 0.9995, 1e-15],
    ['80%', 'fraction', 0.8, 1e-15],
    ['80 %', 'fraction', 0.8, 1e-15],
    ['0.9995', 'fraction', 0.9995, 0],
    [0.9995, 'fraction', 0.9995, 0],
    ['100%', 'fraction', 1, 0],
    ['50% + 10%', 'fraction', 0.6, 1e-15],
    ['100% - 0.05%', 'fraction', 0.9995, 1e-15],
    ['(1+2)%', 'number', 0.03, 1e-15],
    ['1/50%', 'number', 2, 1e-15], // percent binds to its number, as in mathjs: 1/(50%)
    ['-5%', 'number', -0.05, 1e-15],
    ['1e2%', 'number', 1, 0],
    ['30000 USD/month', 'moneyRate', 30000, 1e-12],
    ['30000 usd / month', 'moneyRate', 30000, 1e-12],
    ['0.4032 USD/h', 'moneyRate', 0.4032 * 730.5, 1e-12], // mathjs: month = year/12 = 730.5 h
    ['1000 USD/day', 'moneyRate', 30437.5, 1e-12],
    ['12000 USD/year', 'moneyRate', 1000, 1e-12],
    [30000, 'moneyRate', 30000, 0],
    ['1200 USD', 'money', 1200, 0],
    ['3', 'count', 3, 0],
    [3, 'count', 3, 0],
    ['2*4', 'count', 8, 0],
    ['  12  ', 'count', 12, 0],
    ['3/2', 'number', 1.5, 0],
    ['2^10', 'number', 1024, 0],
    ['0x10', 'number', 16, 0],
    ['1 h / 1 s', 'number', 3600, 0], // dimensions cancel
    ['\t5 ms\n', 'duration', 0.005, 1e-15], // surrounding whitespace, including a trailing newline
  ];
  for (const [input, kind, expected, rel] of cases) {
    it(`${JSON.stringify(input)} as ${kind} = ${expected}`, () => {
      const actual = parseQuantity(input, kind, 'workload.x');
      if (rel === 0) expect(actual).toBe(expected);
      else expectClose(actual, expected, { rel }, JSON.stringify(input));
    });
  }

  it('"30000 USD/month" round-trips to exactly 30000', () => {
    expect(parseQuantity('30000 USD/month', 'moneyRate', 'targets.budget')).toBe(30000);
  });

  it('"72000/min" is exactly 1200', () => {
    expect(parseQuantity('72000/min', 'rate', '--rate')).toBe(1200);
  });

  it('parseFraction accepts percent and plain fractions and refuses more than 100%', () => {
    expectClose(parseFraction('99.95%', 'targets.availability'), 0.9995, { rel: 1e-15 });
    expect(parseFraction(0.5, 'users[0].share')).toBe(0.5);
    expect(refusalOf(() => parseFraction('120%', 'users[0].share')).message).toBe(
      'users[0].share: "120%": expected a fraction between 0 and 1 (got 1.2)',
    );
  });
});

function refusalOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('parseQuantity: refused forms', () => {
  // [input, the reason the message must contain]
  const refused: Array<[string, string]> = [
    ['a = 1', 'assignments are not allowed'],
    ['f(x) = x', 'function definitions are not allowed'],
    ['sqrt(4)', 'function calls such as sqrt(...) are not allowed'],
    ['import("fs")', 'function calls such as import(...) are not allowed'],
    ['import({}, {override: true})', 'function calls such as import(...) are not allowed'],
    ['createUnit("foo")', 'function calls such as createUnit(...) are not allowed'],
    ['evaluate("1")', 'function calls such as evaluate(...) are not allowed'],
    ['parse("1")', 'function calls such as parse(...) are not allowed'],
    ['simplify("x+x")', 'function calls such as simplify(...) are not allowed'],
    ['5 ms * sqrt(4)', 'function calls such as sqrt(...) are not allowed'],
    ['[1, 2]', 'matrices and arrays are not allowed'],
    ['{a: 1}', 'objects are not allowed'],
    ['a.b', 'property access and indexing are not allowed'],
    ['a[1]', 'property access and indexing are not allowed'],
    ['1:3', 'ranges are not allowed'],
    ['a ? b : c', 'conditionals are not allowed'],
    ['1 ? 2 : 3', 'conditionals are not allowed'],
    ['1 < 2', 'the operator "<" is not allowed'],
    ['1 == 1', 'the operator "==" is not allowed'],
    ['1 < 2 < 3', 'comparisons are not allowed'],
    ['"5 ms"', 'strings are not allowed'],
    ['true', 'booleans are not allowed'],
    ['1; 2', 'a single expression'],
    ['1\n2', 'a single expression'],
    ['foo', '"foo" is not a unit'],
    ['5 foo', '"foo" is not a unit'],
    ['pi', '"pi" is not a unit'],
    ['constructor', '"constructor" is not a unit'],
    ['__proto__', '"__proto__" is not a unit'],
    ['10 % 3', 'the modulus operator is not allowed'],
    ['80% 3', 'the modulus operator is not allowed'],
    ['10 mod 3', 'the operator "mod" is not allowed'],
    ['50%%', '"%%" is not allowed'],
    ['%', '% must follow a number'],
    ['5 ms%', '% must follow a number'],
    ['5 ms to s', 'the operator "to" is not allowed'],
    ['5!', 'the operator "!" is not allowed'],
    ['5 & 3', 'the operator "&" is not allowed'],
    ['not 1', 'the operator "not" is not allowed'],
    ['10^1000/s', 'not a finite number'],
    ['1e400', 'not a finite number'],
    ['Infinity', 'not a finite number'],
    ['NaN', 'not a finite number'],
    ['1/0', 'not a finite number'],
    ['0/0', 'not a finite number'],
    ['', 'got an empty string'],
    ['   ', 'got an empty string'],
    ['(1 + 2', 'not a valid expression'],
    ['1 +', 'not a valid expression'],
    ['1,5', 'not a valid expression'],
    ['10 KB', '"KB" is ambiguous'],
    [`${'1+'.repeat(100)}1`, `at most ${MAX_INPUT_LENGTH} characters`],
  ];
  for (const [input, reason] of refused) {
    it(`refuses ${JSON.stringify(input)}`, () => {
      const error = refusal(input, 'number', 'workload.peakRate');
      expect(error.path).toBe('workload.peakRate');
      expect(error.value).toBe(input);
      expect(error.message.startsWith(`workload.peakRate: ${describeValue(input)}: expected a number such as `)).toBe(
        true,
      );
      expect(error.message).toContain(reason);
      expect(error.message).not.toContain('\n');
    });
  }

  it('refuses values that are neither strings nor numbers, naming the field', () => {
    const values: Array<[unknown, string]> = [
      [{ a: 1 }, 'got an object'],
      [[1, 2], 'got an array'],
      [true, 'got a boolean'],
      [null, 'got null'],
      [undefined, 'got nothing'],
      [10n, 'got a bigint'],
    ];
    for (const [value, got] of values) {
      const error = refusal(value, 'rate', 'workload.peakRate');
      expect(error.message).toBe(
        `workload.peakRate: ${describeValue(value)}: expected a rate such as "1200/s" or "72000/min" ` +
          `(a string or a number, ${got})`,
      );
    }
  });

  it('refuses non-finite JSON numbers', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(refusal(value, 'duration').message).toContain('not finite');
    }
  });

  it('refuses a string over the length limit even if it would parse', () => {
    const long = `${' '.repeat(MAX_INPUT_LENGTH)}5 ms`;
    expect(refusal(long, 'duration').message).toContain(`at most ${MAX_INPUT_LENGTH} characters`);
  });

  it('refuses mathjs percent/modulus backtracking input quickly (mathjs alone takes seconds on it)', () => {
    const nasty = `${'(1%'.repeat(20)}1${')'.repeat(20)}`;
    const { result, ms } = cpuTimeMs(() => refusal(nasty, 'number'));
    expect(result.message).toContain('the modulus operator is not allowed');
    expect(ms, 'CPU time').toBeLessThan(1000);
  });

  it('does not let createUnit in user text define anything', () => {
    refusal('createUnit("foo", "1 s")', 'duration');
    expect(refusal('1 foo', 'duration').message).toContain('"foo" is not a unit');
  });
});

describe('parseQuantity: wrong dimension', () => {
  it('names the field, the value, the expected dimension with examples, and the dimension it got', () => {
    expect(refusal('5 kg', 'duration', 'workload.serviceTime').message).toBe(
      'workload.serviceTime: "5 kg": expected a duration such as "5 ms" or "2000 h" (got a mass)',
    );
  });

  const cases: Array<[string, QuantityKind, string]> = [
    ['5 ms', 'rate', '(got a duration)'],
    ['1200/s', 'duration', '(got a rate)'],
    ['16 GiB', 'duration', '(got a size)'],
    ['5 m', 'size', '(got a length)'],
    ['5 m/s', 'duration', '(got a quantity in m / s)'],
    ['30000 USD/month', 'money', '(got a cost per time)'],
    ['30000 USD', 'moneyRate', '(got an amount of money)'],
    ['1 USD', 'duration', '(got an amount of money)'],
    ['5 ms', 'fraction', '(got a duration)'],
    ['3 s', 'count', '(got a duration)'],
    ['5 in', 'duration', '(got a length)'],
    ['500 MiB', 'byteRate', '(got a size)'],
    ['500 MiB/s', 'size', '(got a data rate)'],
    ['500/s', 'byteRate', '(got a rate)'],
  ];
  for (const [input, kind, got] of cases) {
    it(`${JSON.stringify(input)} as ${kind}`, () => {
      expect(refusal(input, kind).message).toContain(got);
    });
  }

  it('refuses sums of different dimensions and dimensional exponents', () => {
    expect(refusal('1 h + 5 kg', 'duration').message).toContain('cannot add a mass to a duration');
    expect(refusal('2 + 3 s', 'duration').message).toContain('cannot add a duration to a plain number');
    expect(refusal('5 s - 1 m', 'duration').message).toContain('cannot subtract a length from a duration');
    expect(refusal('2^(3 s)', 'number').message).toContain('an exponent must be a plain number, not a duration');
  });
});

describe('parseQuantity: range and integer options', () => {
  it('--servers 0 with {min: 1, integer: true}', () => {
    expect(refusal(0, 'count', '--servers', { min: 1, integer: true }).message).toBe(
      '--servers: 0: expected an integer >= 1',
    );
  });

  it('states the bound in the base unit and what the string converted to', () => {
    expect(refusal('5 ms', 'duration', '--mttr', { min: 1 }).message).toBe(
      '--mttr: "5 ms": expected a duration >= 1 s (got 0.005 s)',
    );
    expect(refusal('0/s', 'rate', '--rate', { min: 0, minExclusive: true }).message).toBe(
      '--rate: "0/s": expected a rate > 0/s', // "(got 0/s)" would repeat the value
    );
    expect(refusal(1, 'fraction', 'x', { min: 0, max: 1, maxExclusive: true }).message).toBe(
      'x: 1: expected a fraction >= 0 and < 1',
    );
    expect(refusal('2.5', 'count', '--fanout', { integer: true }).message).toBe('--fanout: "2.5": expected an integer');
  });

  it('accepts values on inclusive bounds and integers written as expressions', () => {
    expect(parseQuantity('1', 'count', '--servers', { min: 1, integer: true })).toBe(1);
    expect(parseQuantity('2*4', 'count', '--servers', { min: 1, integer: true })).toBe(8);
    expect(parseQuantity('100%', 'fraction', 'x', { min: 0, max: 1 })).toBe(1);
  });

  it('NaN can never pass a range check', () => {
    expect(refusal(Number.NaN, 'number', 'x', { min: 0 })).toBeInstanceOf(InputError);
  });
});

describe('parseQuantity: bareUnit (fields whose bare numbers are not in the base unit)', () => {
  it('reads values without units in bareUnit, and values with units as written', () => {
    const opts = { bareUnit: 'h' };
    expect(parseQuantity(2000, 'duration', '--mtbf', opts)).toBe(7_200_000);
    expect(parseQuantity('2000', 'duration', '--mtbf', opts)).toBe(7_200_000);
    expect(parseQuantity('2*1000', 'duration', '--mtbf', opts)).toBe(7_200_000);
    expect(parseQuantity('2000 h', 'duration', '--mtbf', opts)).toBe(7_200_000);
    expect(parseQuantity('30 d', 'duration', '--mtbf', opts)).toBe(2_592_000);
    expect(parseQuantity('60 s', 'duration', '--mtbf', opts)).toBe(60);
  });

  it('applies range checks after the conversion', () => {
    expect(refusal(0.5, 'duration', '--mttr', { bareUnit: 'h', max: 60 }).message).toBe(
      '--mttr: 0.5: expected a duration <= 60 s (got 1800 s)',
    );
  });

  it('is ignored for dimensionless kinds and is a programming error when of the wrong dimension', () => {
    expect(parseQuantity(3, 'count', '--nodes', { bareUnit: 'h' })).toBe(3);
    expect(() => parseQuantity(3, 'duration', '--mtbf', { bareUnit: 'kg' })).toThrow(/bareUnit "kg"/);
    expect(() => parseQuantity(3, 'duration', '--mtbf', { bareUnit: 'kg' })).not.toThrow(InputError);
  });
});

describe('parseQuantity: units that cancel, and comments (issue 17, rows 14-15)', () => {
  it('refuses units that cancel to a plain number where a dimension is expected; keeps them for plain numbers', () => {
    expect(refusal('100 ms/s', 'duration', '--mtbf', { bareUnit: 'h' }).message).toBe(
      '--mtbf: "100 ms/s": expected a duration such as "5 ms" or "2000 h" (its units cancel to a plain number)',
    );
    expect(refusal('3 GiB/MiB', 'size', 'x').message).toMatch(/its units cancel to a plain number/);
    expect(refusal('60 min/h', 'rate', 'x').message).toMatch(/its units cancel to a plain number/);
    expect(parseQuantity('5 ms/s', 'number', 'x')).toBeCloseTo(0.005, 15);
    expect(parseQuantity('30 min/h', 'fraction', 'x')).toBe(0.5);
    // the counting words are not units: "1200 req" is still 1200/s
    expect(parseQuantity('1200 req', 'rate', 'x')).toBe(1200);
  });

  it('refuses "#" instead of dropping what follows it as a comment', () => {
    for (const text of ['1000/s # x', '# 1000/s', '1000#']) {
      expect(refusal(text, 'rate', '--rate').message).toMatch(/"#" is not allowed \(no comments in a value\)/);
    }
  });
});

describe('parseQuantity: properties', () => {
  const kinds: QuantityKind[] = ['rate', 'duration', 'size', 'fraction', 'money', 'moneyRate', 'count', 'number'];

  /** Either a finite number or an InputError; anything else (TypeError, NaN, Infinity) fails the property. */
  function onlyFiniteOrInputError(input: string, kind: QuantityKind): void {
    let result: number;
    try {
      result = parseQuantity(input, kind, 'fuzz');
    } catch (error) {
      if (error instanceof InputError) {
        expect(error.message.startsWith('fuzz: ')).toBe(true);
        return;
      }
      throw error;
    }
    expect(Number.isFinite(result)).toBe(true);
  }

  it('arbitrary strings give a finite number or an InputError, never another error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: 'binary' }), fc.constantFrom(...kinds), onlyFiniteOrInputError),
      { numRuns: 2000 },
    );
  });

  it('token soup (numbers, units, operators, brackets, keywords) gives a finite number or an InputError', () => {
    const token = fc.oneof(
      fc.constantFrom(
        '1',
        '0',
        '2.5',
        '1e3',
        '1e308',
        '1e-320',
        '0x1F',
        '99.95',
        '-',
        '+',
        '*',
        '/',
        '^',
        '%',
        '(',
        ')',
      ),
      fc.constantFrom(' ', 's', 'ms', 'h', 'd', 'day', 'GiB', 'TB', 'USD', 'month', 'req', 'rps', 'kg', 'm', 'in'),
      fc.constantFrom('to', 'mod', '!', "'", '[', ']', '{', '}', ',', ';', ':', '?', '=', '.', '"', 'sqrt', 'e', 'pi'),
      fc.constantFrom('degC', 'rad', 'deg', 'K', 'Hz', '__proto__', 'constructor', 'end', 'true', 'null', 'i'),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 25 }), fc.constantFrom(...kinds), (tokens, kind) =>
        onlyFiniteOrInputError(tokens.join(''), kind),
      ),
      { numRuns: 3000 },
    );
  });

  it('"<n> ms" is n/1000 seconds (within 2 ulp: mathjs multiplies by its prefix value 0.001)', () => {
    const n = fc.double({ min: -1e300, max: 1e300, noNaN: true }).filter((x) => x === 0 || Math.abs(x) >= 1e-290);
    fc.assert(
      fc.property(n, (x) => {
        expectClose(parseQuantity(`${x} ms`, 'duration', 'p'), x / 1000, { rel: 4.5e-16, abs: 0 }, `${x} ms`);
      }),
      { numRuns: 1000 },
    );
  });

  it('percent of n is n/100, and a bare number is returned unchanged', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        expectClose(parseQuantity(`${x}%`, 'fraction', 'p'), x / 100, { rel: 1e-15, abs: 1e-300 });
        expect(parseQuantity(x, 'fraction', 'p')).toBe(x);
      }),
      { numRuns: 500 },
    );
  });
});
