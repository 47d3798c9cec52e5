/**
 * A binary min-heap of objects under a strict order `less`. Ties come out in the order these rules give: a push stops
 * below a parent that the new item is not less than; a sift down takes the left child when it is less than the item,
 * then the right child when it is less than that. Callers that need a total order put their tie-break in `less`. Pure
 * (no I/O); not for the simulators' inner loops (core/sim/heap.ts is allocation-free).
 * @example ((h) => (h.push(3), h.push(1), h.push(2), h.pop()))(new MinHeap((a, b) => a < b)) // 1
 */
export class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  /** The least item, left in place (undefined when empty). */
  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(item, a[p] as T)) break;
      a[i] = a[p] as T;
      i = p;
    }
    a[i] = item;
  }

  /** Removes and returns the least item (undefined when empty). */
  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        // the least of last, a[l] and a[r], in the order of the rules above
        let m: T = last;
        let at = -1;
        if (l < a.length && this.less(a[l] as T, m)) {
          m = a[l] as T;
          at = l;
        }
        if (r < a.length && this.less(a[r] as T, m)) {
          m = a[r] as T;
          at = r;
        }
        if (at < 0) break;
        a[i] = m;
        i = at;
      }
      a[i] = last;
    }
    return top;
  }
}
