/**
 * A memo kept per context (issue 18: the searches meet the same figures on many designs): values by key, each context
 * with its own map (a WeakMap: gone with the context), cleared when it reaches `max` entries (a bound on memory). For
 * pure computations only, keyed by every input that can differ within one context, so that a hit is what computing
 * again would give; callers read a kept value and never change it.
 */

import { keptIn } from '../util/keptIn.js';
import type { Context } from './context.js';

export function contextMemo<V>(max: number): (ctx: Context, key: string, compute: () => V) => V {
  const memos = new WeakMap<Context, Map<string, V>>();
  return (ctx, key, compute) => {
    const memo = keptIn(memos, ctx, () => new Map());
    let value = memo.get(key);
    if (value === undefined) {
      value = compute();
      if (memo.size >= max) memo.clear();
      memo.set(key, value);
    }
    return value;
  };
}
