// The calendar queue of completions (src/core/sim/completionCalendar.ts) against the plain definition: after each
// drain at t, the jobs handed back are exactly those pushed, done by t and not handed back before, whatever the
// bucket width and ring size (tiny rings send most jobs through the overflow heap; wide buckets hold many jobs;
// narrow ones leave most buckets empty, with idle stretches the drain jumps over).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompletionCalendar } from '../../../src/core/sim/completionCalendar.js';

/** Pushes and drains from generated steps; returns the first mismatch, or null. */
function check(width: number, buckets: number, steps: readonly [number, number, number][]): string | null {
  const cal = new CompletionCalendar(width, buckets);
  const pending = new Map<number, number>();
  let t = 0;
  let id = 0;
  let out = new Int32Array(16);
  for (const [gap, sojourn, pushes] of steps) {
    t += gap;
    if (out.length < cal.size) out = new Int32Array(2 * cal.size);
    const n = cal.drainDue(t, out);
    const got = Array.from(out.subarray(0, n)).sort((a, b) => a - b);
    const want = [...pending].filter(([, done]) => done <= t).map(([j]) => j);
    want.sort((a, b) => a - b);
    if (got.join() !== want.join()) return `at t=${t}: got ${got} want ${want}`;
    for (const j of got) pending.delete(j);
    for (let k = 0; k < pushes; k++) {
      const done = t + sojourn * (k + 1);
      cal.push(done, id);
      pending.set(id, done);
      id++;
    }
    if (cal.size !== pending.size) return `size ${cal.size}, want ${pending.size}`;
  }
  return null;
}

/** A step: the gap to the next drain (sometimes a long idle stretch), the jobs' spacing, and 0 to 3 jobs pushed. */
const step = fc.tuple(
  fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 100_000 })).map((k) => k / 100),
  fc.integer({ min: 0, max: 5000 }).map((k) => k / 100),
  fc.integer({ min: 0, max: 3 }),
);

describe('CompletionCalendar', () => {
  it('property: each drain hands back exactly the jobs done by t, once, for any width and ring', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0.01, 0.1, 1, 7.5, 1000),
        fc.constantFrom(2, 4, 64, 4096),
        fc.array(step, { maxLength: 300 }),
        (width, buckets, steps) => check(width, buckets, steps) === null,
      ),
      { seed: 18, numRuns: 400 },
    );
  });

  it('jobs done exactly at t are due; those an ulp later are not', () => {
    const cal = new CompletionCalendar(0.25, 8);
    const out = new Int32Array(4);
    cal.push(1, 7);
    cal.push(1 + Number.EPSILON, 8);
    expect(cal.drainDue(1, out)).toBe(1);
    expect(out[0]).toBe(7);
    expect(cal.drainDue(2, out)).toBe(1);
    expect(out[0]).toBe(8);
    expect(cal.size).toBe(0);
  });

  it('refuses a bucket width that is not a positive finite number', () => {
    for (const w of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new CompletionCalendar(w, 16)).toThrow(RangeError);
    }
  });
});
