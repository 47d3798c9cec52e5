import { describe, expect, it } from 'vitest';
import { keptIn } from '../../src/util/keptIn.js';

describe('keptIn', () => {
  it('makes a missing value once and then returns the one kept (Map and WeakMap)', () => {
    let made = 0;
    const make = () => {
      made++;
      return new Map<string, number>();
    };
    const byName = new Map<string, Map<string, number>>();
    const first = keptIn(byName, 'a', make);
    first.set('x', 1);
    expect(keptIn(byName, 'a', make)).toBe(first);
    expect(keptIn(byName, 'b', make)).not.toBe(first);
    expect(made).toBe(2);
    const key = {};
    const byObject = new WeakMap<object, number[]>();
    keptIn(byObject, key, () => []).push(3);
    expect(keptIn(byObject, key, () => [])).toEqual([3]);
  });
});
