// The queue-length balancers' bookkeeping (issue 18): LoadCounts (one completion heap, integer counts per node, bit
// sets per count) against the per-node heaps it replaced (InSystem, kept as the reference): the same counts at every
// arrival, and the least-loaded and power-of-two picks of the scan they replaced, on generated job streams.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InSystem, LoadCounts, NodePicker } from '../../../src/core/sim/requests.js';
import { streamFor } from '../../../src/core/sim/rng.js';

/** The picks as they were made before LoadCounts: a scan from a random start over InSystem's lazy counts. */
class ReferencePicker {
  private readonly inSystem: InSystem;
  constructor(
    private readonly nodes: number,
    private readonly policy: 'least-loaded' | 'power-of-two',
  ) {
    this.inSystem = new InSystem(nodes);
  }
  pick(rng: ReturnType<typeof streamFor>, t: number): number {
    const N = this.nodes;
    const inSystem = this.inSystem;
    if (this.policy === 'power-of-two') {
      const a = rng.below(N);
      let b = rng.below(N - 1);
      if (b >= a) b += 1;
      return inSystem.count(b, t) < inSystem.count(a, t) ? b : a;
    }
    const start = rng.below(N);
    let best = Number.POSITIVE_INFINITY;
    let node = 0;
    for (let j = 0; j < N; j++) {
      const n = start + j < N ? start + j : start + j - N;
      const c = inSystem.count(n, t);
      if (c < best) {
        best = c;
        node = n;
        if (c === 0) break;
      }
    }
    return node;
  }
  placed(node: number, done: number): void {
    this.inSystem.push(node, done);
  }
}

describe('LoadCounts', () => {
  it('picks the node the scan over per-node heaps picks, job by job (least-loaded and power-of-two)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 140 }),
        fc.constantFrom('least-loaded' as const, 'power-of-two' as const),
        fc.double({ min: 0.2, max: 1.3, noNaN: true }),
        fc.integer({ min: 1, max: 3 }),
        fc.nat(1000),
        (nodes, policy, load, fanout, seed) => {
          const a = new NodePicker(nodes, policy);
          const b = new ReferencePicker(nodes, policy);
          const ra = streamFor(seed, 0);
          const rb = streamFor(seed, 0);
          const work = streamFor(seed, 1);
          let t = 0;
          for (let i = 0; i < 3000; i++) {
            // arrivals at `load` jobs per node per unit of service, some at the same instant
            if (i % 7 !== 0) t += work.exponential(1 / (nodes * load));
            for (let k = 0; k < fanout; k++) {
              const x = a.pick(ra, t);
              const y = b.pick(rb, t);
              expect(x).toBe(y);
              // a service time of 1 on average, now and then exactly 0 (done at t)
              const done = t + (i % 11 === 0 ? 0 : work.exponential(1));
              a.placed(x, done);
              b.placed(y, done);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("keeps every node's count equal to the lazy per-node count after each advance", () => {
    const nodes = 70;
    const counts = new LoadCounts(nodes);
    const ref = new InSystem(nodes);
    const rng = streamFor(7, 0);
    let t = 0;
    let mismatches = 0;
    for (let i = 0; i < 20000; i++) {
      t += rng.exponential(1 / 50);
      counts.advance(t);
      for (let n = 0; n < nodes; n++) if (counts.counts[n] !== ref.count(n, t)) mismatches++;
      const n = rng.below(nodes);
      const done = t + rng.exponential(1);
      counts.push(n, done);
      ref.push(n, done);
    }
    expect(mismatches).toBe(0);
  });

  it('refuses a time that goes back', () => {
    const counts = new LoadCounts(3);
    counts.advance(2);
    expect(() => counts.advance(1)).toThrow(RangeError);
  });
});
