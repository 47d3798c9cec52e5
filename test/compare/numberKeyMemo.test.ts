// NumberKeyMemo (src/compare/numberKeyMemo.ts) finds what a Map keyed by the numbers written as text finds (the keys
// the queue and mixture-quantile memos had: `${a}|${b}|...`), over random keys with repeats, 0 and -0, NaN and the
// infinities; and it stays bounded.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type KeyNode, NumberKeyMemo } from '../../src/compare/numberKeyMemo.js';

function nodeOf<V>(memo: NumberKeyMemo<V>, key: readonly number[]): KeyNode<V> {
  let at = memo.root();
  for (const x of key) at = memo.step(at, x);
  return at;
}

const number = fc.oneof(
  fc.constantFrom(0, -0, 1, 2, 0.1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.integer({ min: -3, max: 3 }),
  fc.double(),
);
// keys from a small pool so that keys repeat, of different lengths (a key and its own start among them)
const keys = fc
  .array(fc.array(number, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 })
  .map((pool) => [...pool, ...pool.map((key) => key.slice(0, -1)).filter((key) => key.length > 0)])
  .chain((pool) =>
    fc.array(
      fc.nat({ max: pool.length - 1 }).map((i) => pool[i] as number[]),
      { minLength: 1, maxLength: 60 },
    ),
  );

describe('NumberKeyMemo', () => {
  it('finds a value where a Map keyed by the numbers as text finds one, and the same value', () => {
    fc.assert(
      fc.property(keys, (sequence) => {
        const memo = new NumberKeyMemo<number>(1000);
        const reference = new Map<string, number>();
        sequence.forEach((key, i) => {
          const text = key.map((x) => `${x}`).join('|');
          const at = nodeOf(memo, key);
          expect(memo.get(at)).toBe(reference.get(text));
          if (!reference.has(text)) {
            reference.set(text, i);
            memo.set(at, i);
          }
        });
        // one node per number of a key at most, past the numbers it shares with a key before it
        expect(memo.nodes).toBeLessThanOrEqual(sequence.reduce((n, key) => n + key.length, 0));
      }),
      { numRuns: 500 },
    );
  });

  it('tells apart keys that differ in any one place, and keeps 0 and -0 as one key', () => {
    const memo = new NumberKeyMemo<string>(100);
    memo.set(nodeOf(memo, [1, 2, 3]), 'a');
    expect(memo.get(nodeOf(memo, [1, 2, 4]))).toBeUndefined();
    expect(memo.get(nodeOf(memo, [0, 2, 3]))).toBeUndefined();
    expect(memo.get(nodeOf(memo, [1, 2.0000000000000004, 3]))).toBeUndefined();
    expect(memo.get(nodeOf(memo, [1, 2, 3]))).toBe('a');
    memo.set(nodeOf(memo, [0, -0]), 'zero');
    expect(memo.get(nodeOf(memo, [-0, 0]))).toBe('zero');
  });

  it('keeps at most maxNodes nodes (and one key past), starting afresh when full', () => {
    const memo = new NumberKeyMemo<number>(10);
    for (let i = 0; i < 24; i++) {
      memo.set(nodeOf(memo, [i, i / 3]), i);
      expect(memo.nodes).toBeLessThanOrEqual(10 + 2);
    }
    // two nodes a key: full after 5 keys, so the 5th one's set clears it (and is not kept), and so on every 5th
    // (i = 4, 9, 14, 19); 20 to 23 are kept
    expect(memo.get(nodeOf(memo, [23, 23 / 3]))).toBe(23);
    expect(memo.get(nodeOf(memo, [20, 20 / 3]))).toBe(20);
    expect(memo.get(nodeOf(memo, [18, 6]))).toBeUndefined();
  });
});
