/**
 * Binary min-heaps of doubles laid out in a slice of a Float64Array (`h[base] .. h[base + size - 1]`), so that many
 * small heaps (one per node) share one allocation. Allocation-free; the simulators' inner loops call these.
 *
 * One set of sift rules orders every heap here: a push stops below a parent <= the value; a sift down takes the
 * right child only when it is strictly smaller than the left, and stops at a child >= the value. Equal keys come out
 * in the order these rules give. EventHeap (below) orders (time, component id) events by time with the same
 * functions: the ids sit in an Int32Array beside the times and follow the path each sift took, so they never take part
 * in the order.
 */

/**
 * Puts `value` in place of the root of the heap h[base .. base + size) and restores the heap order (a pop and a
 * push in one pass). With size 0 nothing is stored. Returns the index (from base) where `value` was stored.
 */
export function replaceRoot(h: Float64Array, base: number, size: number, value: number): number {
  let k = 0;
  for (;;) {
    const l = 2 * k + 1;
    if (l >= size) break;
    const r = l + 1;
    const m = r < size && (h[base + r] as number) < (h[base + l] as number) ? r : l;
    if ((h[base + m] as number) >= value) break;
    h[base + k] = h[base + m] as number;
    k = m;
  }
  if (size > 0) h[base + k] = value;
  return k;
}

/**
 * Adds `value` to the heap h[base .. base + size) (the slice must have room for size + 1 values). Returns the index
 * (from base) where `value` was stored.
 */
export function pushValue(h: Float64Array, base: number, size: number, value: number): number {
  let k = size;
  while (k > 0) {
    const parent = (k - 1) >> 1;
    if ((h[base + parent] as number) <= value) break;
    h[base + k] = h[base + parent] as number;
    k = parent;
  }
  h[base + k] = value;
  return k;
}

/**
 * Binary min-heap of (time, component id) events over typed arrays: replaceRoot and pushValue order the times, and
 * each id moves along the same path as its time (the path of a sift is the chain of ancestors of the index it
 * returns). No allocation after construction. Times in whatever unit the caller uses (the failure simulator: seconds).
 */
export class EventHeap {
  readonly times: Float64Array;
  readonly ids: Int32Array;
  size = 0;

  /** Room for `capacity` events (at least 1). */
  constructor(capacity: number) {
    this.times = new Float64Array(Math.max(1, capacity));
    this.ids = new Int32Array(Math.max(1, capacity));
  }

  /** Adds the event (time, id); the heap must have room for it. */
  push(time: number, id: number): void {
    const ids = this.ids;
    const end = this.size++;
    const k = pushValue(this.times, 0, end, time);
    // the times on the path from k down to `end` each moved one level down: so do their ids
    let i = end;
    while (i > k) {
      const parent = (i - 1) >> 1;
      ids[i] = ids[parent] as number;
      i = parent;
    }
    ids[k] = id;
  }

  /** Time of the earliest event (the heap must not be empty). */
  topTime(): number {
    return this.times[0] as number;
  }

  /** Component id of the earliest event (the heap must not be empty). */
  topId(): number {
    return this.ids[0] as number;
  }

  /** Removes the earliest event. */
  pop(): void {
    const last = --this.size;
    if (last > 0) this.siftIds(replaceRoot(this.times, 0, last, this.times[last] as number), this.ids[last] as number);
  }

  /** Replaces the earliest event by (time, id): a pop and a push in one sift. */
  replaceTop(time: number, id: number): void {
    if (this.size > 0) this.siftIds(replaceRoot(this.times, 0, this.size, time), id);
  }

  /**
   * After replaceRoot stored its value at index k: the times on the path from the root to k each moved one level
   * up, so do their ids (top down, each read before it is overwritten), and `id` goes to k.
   */
  private siftIds(k: number, id: number): void {
    const ids = this.ids;
    // 1-based index j = k + 1 has depth d = floor(log2 j); its ancestor at depth e is (j >> (d - e)) - 1
    const j = k + 1;
    const d = 31 - Math.clz32(j);
    let at = 0;
    for (let e = 1; e <= d; e++) {
      const next = (j >> (d - e)) - 1;
      ids[at] = ids[next] as number;
      at = next;
    }
    ids[k] = id;
  }
}

/** A copy of `heap` with room for `capacity` events (at least its size): the same events, in the same layout. */
export function grownHeap(heap: EventHeap, capacity: number): EventHeap {
  const h = new EventHeap(capacity);
  h.times.set(heap.times.subarray(0, heap.size));
  h.ids.set(heap.ids.subarray(0, heap.size));
  h.size = heap.size;
  return h;
}
