// The one binary min-heap of the simulators (src/core/sim/heap.ts): the key-only slices the request simulator keeps
// per node, and the (time, component id) EventHeap of the failure simulator, whose output depends on the order in
// which equal-time events come out (pinned here).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventHeap, pushValue, replaceRoot } from '../../../src/core/sim/heap.js';

describe('EventHeap', () => {
  it('pops events in time order, with replaceTop as pop + push (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { maxLength: 40 }),
        (initial, replacements) => {
          const heap = new EventHeap(initial.length);
          initial.forEach((t, i) => {
            heap.push(t, i);
          });
          const model = initial.map((t, i) => ({ t, id: i }));
          for (const r of replacements) {
            model.sort((a, b) => a.t - b.t);
            if (heap.topTime() !== model[0]?.t) return false;
            model[0] = { t: r, id: heap.topId() };
            heap.replaceTop(r, heap.topId());
          }
          model.sort((a, b) => a.t - b.t);
          for (const m of model) {
            if (heap.topTime() !== m.t) return false;
            heap.pop();
          }
          return heap.size === 0;
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });

  it('equal times come out in the order fixed by the sift rules (the failure simulator depends on it)', () => {
    const heap = new EventHeap(8);
    for (const [t, id] of [
      [5, 0],
      [5, 1],
      [5, 2],
      [1, 3],
      [5, 4],
      [3, 5],
      [3, 6],
    ] as const)
      heap.push(t, id);
    heap.replaceTop(5, 7);
    const order: number[] = [];
    while (heap.size > 0) {
      order.push(heap.topId());
      heap.pop();
    }
    expect(order).toEqual([5, 6, 2, 4, 1, 7, 0]);
  });
});

describe('replaceRoot and pushValue', () => {
  it('EventHeap orders its times exactly as the key-only heap, each id staying with its time (property, many ties)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 4 })), { maxLength: 60 }),
        (ops) => {
          // a key-only heap in a slice at base 3 of a larger array, and an EventHeap (id = index into `keyOf`)
          const base = 3;
          const plain = new Float64Array(base + 64);
          const events = new EventHeap(64);
          const keyOf: number[] = [];
          let size = 0;
          for (const [op, key] of ops) {
            keyOf.push(key);
            const id = keyOf.length - 1;
            if (op === 0 || size === 0) {
              pushValue(plain, base, size, key);
              events.push(key, id);
              size++;
            } else if (op === 1) {
              replaceRoot(plain, base, size, key);
              events.replaceTop(key, id);
            } else {
              size--;
              replaceRoot(plain, base, size, plain[base + size] as number);
              events.pop();
            }
            if (events.size !== size) return false;
            for (let k = 0; k < size; k++) {
              if (plain[base + k] !== events.times[k]) return false;
              if (keyOf[events.ids[k] as number] !== events.times[k]) return false;
            }
          }
          return true;
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });

  it('return the index where they stored the value', () => {
    const h = new Float64Array(8);
    expect(pushValue(h, 0, 0, 4)).toBe(0);
    expect(pushValue(h, 0, 1, 6)).toBe(1);
    expect(pushValue(h, 0, 2, 1)).toBe(0);
    expect(replaceRoot(h, 0, 3, 5)).toBe(2);
    expect([...h.subarray(0, 3)]).toEqual([4, 6, 5]);
  });
});
