/**
 * A memo keyed by a sequence of numbers, read one number at a time down a tree of Maps (issue 18: a JSONL stream
 * spends microseconds a lookup writing a key's doubles as text, `${a}|${b}|...`, before a string map hashes it; one
 * Map step per number costs a fraction of that and makes no string). Keys compare as Map keys do (SameValueZero):
 * 0 and -0 are one key and NaN is one key, as they are in a key written with template literals (`${-0}` is "0"), so
 * a memo moved from such a string key to this one keeps the same hits. Keys may differ in length (a key's value is
 * at its own node: a shorter key that starts a longer one is another node). Bounded by its nodes, not its values (a
 * key's numbers past where it parts from the others are a chain of one node and one Map each, about 200 bytes per
 * number, an ESTIMATE from V8's smallest Map, not measured: ten times its text): cleared when a value is set with
 * `maxNodes` nodes made, at most one key's length over.
 *
 * @example
 * const memo = new NumberKeyMemo<string>(1000); // at most about 1000 nodes
 * const at = memo.step(memo.step(memo.root(), 3), 0.5);
 * memo.get(at); // undefined
 * memo.set(at, 'three and a half');
 * memo.get(memo.step(memo.step(memo.root(), 3), 0.5)); // 'three and a half'
 */
export class NumberKeyMemo<V> {
  private top: KeyNode<V> = new KeyNode();
  private made = 0;

  constructor(private readonly maxNodes: number) {}

  /** The node of the empty key: where every lookup starts. */
  root(): KeyNode<V> {
    return this.top;
  }

  /** The node of the key so far followed by `x` (made when new). */
  step(node: KeyNode<V>, x: number): KeyNode<V> {
    let children = node.next;
    if (children === null) {
      children = new Map();
      node.next = children;
    } else {
      const next = children.get(x);
      if (next !== undefined) return next;
    }
    const made = new KeyNode<V>();
    children.set(x, made);
    this.made += 1;
    return made;
  }

  /** The value kept at a key's node, or undefined. */
  get(node: KeyNode<V>): V | undefined {
    return node.value;
  }

  /** Keeps `value` at a key's node (from this memo's root, since it was last cleared); clears the memo when full. */
  set(node: KeyNode<V>, value: V): void {
    if (this.made >= this.maxNodes) {
      // a fresh tree: `node` belongs to the old one and goes with it (its value is computed again when next asked)
      this.top = new KeyNode();
      this.made = 0;
      return;
    }
    node.value = value;
  }

  /** The nodes made since the memo was last cleared (the root not counted). */
  get nodes(): number {
    return this.made;
  }
}

/** One node of a NumberKeyMemo: the value of the key that ends here, and the keys that go on (a Map once one does). */
export class KeyNode<V> {
  value: V | undefined = undefined;
  next: Map<number, KeyNode<V>> | null = null;
}
