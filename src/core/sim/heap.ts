/**
 * Binary min-heaps of doubles laid out in a slice of a Float64Array (`h[base] .. h[base + size - 1]`), so that many
 * small heaps (one per node) share one allocation. Allocation-free; the simulators' inner loops call these.
 */

/**
 * Puts `value` in place of the root of the heap h[base .. base + size) and restores the heap order (a pop and a
 * push in one pass). With size 0 nothing is stored.
 */
export function replaceRoot(h: Float64Array, base: number, size: number, value: number): void {
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
}

/** Adds `value` to the heap h[base .. base + size) (the slice must have room for size + 1 values). */
export function pushValue(h: Float64Array, base: number, size: number, value: number): void {
  let k = size;
  while (k > 0) {
    const parent = (k - 1) >> 1;
    if ((h[base + parent] as number) <= value) break;
    h[base + k] = h[base + parent] as number;
    k = parent;
  }
  h[base + k] = value;
}
