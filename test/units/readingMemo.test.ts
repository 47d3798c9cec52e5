/**
 * parse.ts keeps each string's reading (issue 18: a JSONL batch reads "8766 h / 0.56" on every line): a remembered
 * value is the reading of the uncached path (the fast path or mathjs) bit for bit, a remembered refusal gives the same
 * error, and the kind is part of the key.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseQuantity, type QuantityKind, readStringWithMathjs } from '../../src/units/parse.js';

const cases: [string, QuantityKind][] = [
  ['8766 h / 0.56', 'duration'],
  ['2 h', 'duration'],
  ['1280/s', 'rate'],
  ['10000/s * 1.5', 'rate'],
  ['30 GiB', 'size'],
  ['99.95%', 'fraction'],
  ['1000000 USD/month', 'moneyRate'],
  ['(3 + 4) * 2', 'count'],
];

const errorOf = (f: () => unknown): string => {
  try {
    f();
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  return 'no error';
};

describe('the readings kept by the quantity parser', () => {
  it('a string read again gives the first reading, bit for bit', () => {
    for (const [text, kind] of cases) {
      const first = parseQuantity(text, kind, 'x');
      for (let i = 0; i < 3; i++) expect(Object.is(parseQuantity(text, kind, 'x'), first)).toBe(true);
      const slow = readStringWithMathjs(text, kind);
      if ('value' in slow) expect(Object.is(slow.value, first)).toBe(true);
    }
  });

  it('a refusal read again is the same refusal, with the path of the new read', () => {
    for (const [text, kind] of [
      ['sqrt(4) h', 'duration'],
      ['100 ms/s', 'duration'],
      ['5 ms', 'size'],
    ] as [string, QuantityKind][]) {
      const first = errorOf(() => parseQuantity(text, kind, 'a.b'));
      expect(first).not.toBe('no error');
      expect(errorOf(() => parseQuantity(text, kind, 'a.b'))).toBe(first);
      expect(errorOf(() => parseQuantity(text, kind, 'c.d'))).toBe(first.replace('a.b', 'c.d'));
    }
  });

  it('the same text is read per kind: "2" is 2 s as a duration and 2 as a count', () => {
    expect(parseQuantity('2 h', 'duration', 'x')).toBe(7200);
    expect(errorOf(() => parseQuantity('2 h', 'count', 'x'))).not.toBe('no error');
    expect(parseQuantity('2 h', 'duration', 'x')).toBe(7200);
  });
});
