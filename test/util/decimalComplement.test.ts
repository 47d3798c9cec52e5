import { describe, expect, it } from 'vitest';
import { decimalComplement } from '../../src/util/decimalComplement.js';
import { expectClose } from '../helpers/expectClose.js';

describe('decimalComplement: 1 - x computed in decimal', () => {
  it.each([
    ['0.9995', 5e-4],
    ['99.95%', 5e-4],
    ['99.99 %', 1e-4],
    ['0.999999999999', 1e-12],
    ['99.9999999999999%', 1e-15],
    ['0.5', 0.5],
    ['1', 0],
    ['.9', 0.1],
  ])('%s -> %d', (text, expected) => {
    expectClose(decimalComplement(text) as number, expected, { rel: 1e-15, abs: 0 }, text);
  });

  it('keeps digits that 1 - Number(x) loses', () => {
    // 1 - 0.999999999999 in doubles is 1.000088900582341e-12: off by 9e-5 relative.
    expect(Math.abs(1 - 0.999999999999 - 1e-12) / 1e-12).toBeGreaterThan(1e-5);
    expect(decimalComplement('0.999999999999')).toBe(1e-12);
  });

  it('handles inputs longer than a double holds', () => {
    const text = `0.${'9'.repeat(40)}`;
    expectClose(decimalComplement(text) as number, 1e-40, { rel: 1e-14 });
  });

  it('returns undefined for anything that is not a plain decimal', () => {
    for (const text of ['', '.', 'abc', '1e-3', '-0.5', '0.9/s', '99.9%%'])
      expect(decimalComplement(text)).toBeUndefined();
  });

  it('is negative above 1', () => {
    expect(decimalComplement('1.5')).toBe(-0.5);
  });
});
