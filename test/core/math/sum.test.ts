import { describe, expect, it } from 'vitest';
import { compensatedSum, diffOfProduct, NeumaierSum, twoProduct } from '../../../src/core/math/sum.js';

describe('error-free transformations', () => {
  it('twoProduct returns the exact rounding error (checked with BigInt arithmetic on scaled integers)', () => {
    // 0.1 = 3602879701896397 / 2^55 and 3.0 exactly: the product is 10808639105689191 / 2^55.
    const { hi, lo } = twoProduct(0.1, 3);
    const scale = 2 ** 55;
    const exact = 10808639105689191n;
    expect(BigInt(hi * scale) + BigInt(lo * scale)).toBe(exact);
  });

  it('diffOfProduct: 1 - 0.1 * 10 is -2^-54 exactly (the naive expression gives 0)', () => {
    expect(1 - 0.1 * 10).toBe(0);
    expect(diffOfProduct(1, 0.1, 10)).toBe(-(2 ** -54));
  });

  it('compensated sums recover what naive summation loses', () => {
    expect(compensatedSum([1e16, 1, -1e16])).toBe(1);
    expect(compensatedSum([1, 1e100, 1, -1e100])).toBe(2);
    const acc = new NeumaierSum();
    for (let i = 0; i < 10; i++) acc.add(0.1);
    expect(acc.value).toBe(1);
  });
});
