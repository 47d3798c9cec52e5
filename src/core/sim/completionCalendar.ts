/**
 * The completion times of the jobs in system, for a caller that only asks "which jobs are done by t?" with t never
 * decreasing: a calendar queue (Brown 1988, "Calendar queues: a fast O(1) priority queue implementation for the
 * simulation event set problem", CACM 31(10)). Time is cut into buckets of a fixed width w; bucket a holds the jobs
 * done in [a w, (a + 1) w) (a = floor(done / w), computed as floor(done x (1 / w)) everywhere), B buckets (a power
 * of two) in a ring, slot a mod B. A job done beyond the ring's horizon (a >= the current bucket + B) waits in an
 * overflow heap (heap.ts) and enters the ring when the ring reaches it.
 *
 * drainDue(t) hands back every job done by t, each once: the whole buckets before t's (all done by t: a < floor(t/w)
 * gives done < t, the product rounding monotonically), then those of t's own bucket with done <= t. With w about
 * the mean gap between arrivals, a drain visits about one bucket and one job: O(1) per job, where a binary heap over
 * the hundred-odd jobs in system of 100 nodes sifted through seven levels at every push and pop (issue 18). The
 * jobs come out in no particular order among those due: the caller's state after a drain (counts per node) must not
 * depend on it. No allocation except when the job pool or the overflow heap grows (doubling).
 */

import { EventHeap, grownHeap } from './heap.js';

export class CompletionCalendar {
  private readonly invWidth: number;
  private readonly mask: number;
  /** First job of each bucket's list (-1: none). */
  private readonly head: Int32Array;
  /** Job pool: done time, caller's id and the next job in its bucket's list (or in the free list). */
  private times: Float64Array;
  private ids: Int32Array;
  private next: Int32Array;
  private freeJob = -1;
  private used = 0;
  /** Jobs in the ring (not in the overflow heap). */
  private inRing = 0;
  /** The bucket number of the last drain's t (the ring's first bucket). */
  private current = 0;
  private overflow = new EventHeap(16);
  /** push and drainDue's time, for pushAt and drainDueAt. */
  private readonly scratch = new Float64Array(1);

  /** `width`: seconds per bucket (> 0); `buckets`: the ring's size, rounded up to a power of two (at least 2). */
  constructor(width: number, buckets: number) {
    if (!(width > 0 && Number.isFinite(width))) throw new RangeError(`bucket width must be > 0, got ${width}`);
    this.invWidth = 1 / width;
    let b = 2;
    while (b < buckets) b *= 2;
    this.mask = b - 1;
    this.head = new Int32Array(b).fill(-1);
    this.times = new Float64Array(64);
    this.ids = new Int32Array(64);
    this.next = new Int32Array(64);
  }

  /** Jobs held (ring and overflow). */
  get size(): number {
    return this.inRing + this.overflow.size;
  }

  /** A job with id `id` done at `done` (not before the last drain's t). */
  push(done: number, id: number): void {
    this.scratch[0] = done;
    this.pushAt(this.scratch, 0, id);
  }

  /**
   * push(times[i], id): the time read from a typed array, so that no double crosses the call (a call the compiler
   * does not inline boxes its double arguments: issue 18).
   */
  pushAt(times: Float64Array, i: number, id: number): void {
    const done = times[i] as number;
    const a = Math.floor(done * this.invWidth);
    if (a - this.current >= this.mask + 1) {
      if (this.overflow.size === this.overflow.times.length)
        this.overflow = grownHeap(this.overflow, 2 * this.overflow.size);
      this.overflow.push(done, id);
      return;
    }
    this.link(a, done, id);
  }

  /**
   * Writes the ids of every job done by t into out (room for `size` ids) and removes them; returns how many. t must
   * not decrease from one call to the next.
   */
  drainDue(t: number, out: Int32Array): number {
    this.scratch[0] = t;
    return this.drainDueAt(this.scratch, 0, out);
  }

  /** drainDue(times[i], out), the time read from a typed array (as pushAt). */
  drainDueAt(times: Float64Array, i: number, out: Int32Array): number {
    const t = times[i] as number;
    const target = Math.floor(t * this.invWidth);
    let n = 0;
    const head = this.head;
    const mask = this.mask;
    while (this.current < target) {
      if (this.inRing === 0) {
        // nothing in the ring: jump to t's bucket, or to the first overflow job's if that comes first
        const o = this.overflow;
        const first = o.size > 0 ? Math.floor(o.topTime() * this.invWidth) : target;
        this.current = Math.max(this.current + 1, Math.min(target, first));
      } else {
        // the whole bucket is due
        const slot = this.current & mask;
        let j = head[slot] as number;
        head[slot] = -1;
        while (j >= 0) {
          out[n++] = this.ids[j] as number;
          const after = this.next[j] as number;
          this.release(j);
          j = after;
        }
        this.current += 1;
      }
      this.refill();
    }
    // t's own bucket: the jobs done by t
    const slot = target & mask;
    let prev = -1;
    let j = head[slot] as number;
    while (j >= 0) {
      const after = this.next[j] as number;
      if ((this.times[j] as number) <= t) {
        out[n++] = this.ids[j] as number;
        if (prev < 0) head[slot] = after;
        else this.next[prev] = after;
        this.release(j);
      } else prev = j;
      j = after;
    }
    return n;
  }

  /** Overflow jobs now inside the ring's horizon move into it. */
  private refill(): void {
    const o = this.overflow;
    while (o.size > 0) {
      const done = o.topTime();
      const a = Math.floor(done * this.invWidth);
      if (a - this.current >= this.mask + 1) return;
      const id = o.topId();
      o.pop();
      this.link(a, done, id);
    }
  }

  private link(a: number, done: number, id: number): void {
    let j = this.freeJob;
    if (j >= 0) this.freeJob = this.next[j] as number;
    else {
      if (this.used === this.times.length) this.grow();
      j = this.used++;
    }
    this.times[j] = done;
    this.ids[j] = id;
    const slot = a & this.mask;
    this.next[j] = this.head[slot] as number;
    this.head[slot] = j;
    this.inRing += 1;
  }

  private release(j: number): void {
    this.next[j] = this.freeJob;
    this.freeJob = j;
    this.inRing -= 1;
  }

  /** Doubles the job pool (rare: amortised O(1) per job). */
  private grow(): void {
    const cap = this.times.length * 2;
    const times = new Float64Array(cap);
    times.set(this.times);
    const ids = new Int32Array(cap);
    ids.set(this.ids);
    const next = new Int32Array(cap);
    next.set(this.next);
    this.times = times;
    this.ids = ids;
    this.next = next;
  }
}
