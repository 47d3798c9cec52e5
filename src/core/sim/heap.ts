/**
 * Binary min-heaps of doubles laid out in a slice of a Float64Array (`h[base] .. h[base + size - 1]`), so that many
 * small heaps (one per node) share one allocation. Allocation-free; the simulators' inner loops call these.
 *
 * A heap may carry a payload: an Int32Array `ids` laid out like `h` (ids[base + k] belongs to h[base + k]), moved
 * with its key, so that a heap of (time, component id) events needs no objects (EventHeap below). The payload never
 * takes part in the order: equal keys are ordered by the sift rules alone (a push stops below a parent <= it; a
 * sift down takes the right child only when it is strictly smaller than the left, and stops at a child >= the
 * value), so a heap with ids pops its keys in exactly the order the same pushes and replacements give without them.
 */

/**
 * Puts `value` in place of the root of the heap h[base .. base + size) and restores the heap order (a pop and a
 * push in one pass). With size 0 nothing is stored. With `ids`, `id` goes with `value` and each id moves with its key.
 */
export function replaceRoot(
  h: Float64Array,
  base: number,
  size: number,
  value: number,
  ids: Int32Array | null = null,
  id = 0,
): void {
  let k = 0;
  for (;;) {
    const l = 2 * k + 1;
    if (l >= size) break;
    const r = l + 1;
    const m = r < size && (h[base + r] as number) < (h[base + l] as number) ? r : l;
    if ((h[base + m] as number) >= value) break;
    h[base + k] = h[base + m] as number;
    if (ids !== null) ids[base + k] = ids[base + m] as number;
    k = m;
  }
  if (size > 0) {
    h[base + k] = value;
    if (ids !== null) ids[base + k] = id;
  }
}

/**
 * Adds `value` to the heap h[base .. base + size) (the slice must have room for size + 1 values). With `ids`, `id`
 * goes with `value` and each id moves with its key.
 */
export function pushValue(
  h: Float64Array,
  base: number,
  size: number,
  value: number,
  ids: Int32Array | null = null,
  id = 0,
): void {
  let k = size;
  while (k > 0) {
    const parent = (k - 1) >> 1;
    if ((h[base + parent] as number) <= value) break;
    h[base + k] = h[base + parent] as number;
    if (ids !== null) ids[base + k] = ids[base + parent] as number;
    k = parent;
  }
  h[base + k] = value;
  if (ids !== null) ids[base + k] = id;
}

/**
 * Binary min-heap of (time, component id) events over typed arrays (replaceRoot and pushValue with an id payload);
 * no allocation after construction. Times in whatever unit the caller uses (the failure simulator: seconds).
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
    pushValue(this.times, 0, this.size++, time, this.ids, id);
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
    replaceRoot(this.times, 0, last, this.times[last] as number, this.ids, this.ids[last] as number);
  }

  /** Replaces the earliest event by (time, id): a pop and a push in one sift. */
  replaceTop(time: number, id: number): void {
    replaceRoot(this.times, 0, this.size, time, this.ids, id);
  }
}
