import { describe, expect, it } from 'vitest';
import { closest, editDistance, listOr } from '../../src/util/suggest.js';

describe('editDistance (optimal string alignment)', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3], // the classic Levenshtein example
    ['peakRate', 'peakrate', 1],
    ['ab', 'ba', 1], // adjacent transposition counts once
    ['servers', 'severs', 1],
  ])('%s -> %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe('closest', () => {
  const keys = ['peakRate', 'serviceTime', 'serviceTimeCv', 'growth', 'workingSet'];
  it('suggests the nearest key for a typo', () => {
    expect(closest('peakRat', keys)).toBe('peakRate');
    expect(closest('servicetime', keys)).toBe('serviceTime');
    expect(closest('workinSet', keys)).toBe('workingSet');
  });
  it('suggests nothing for an unrelated word', () => {
    expect(closest('banana', keys)).toBeUndefined();
  });
});

describe('listOr', () => {
  it('joins with commas and "or"', () => {
    expect(listOr(['a'])).toBe('a');
    expect(listOr(['a', 'b', 'c'])).toBe('a, b or c');
  });
});
