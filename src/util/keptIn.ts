/**
 * One level of a nested memo: the value kept in `map` at `key`, made by `make` and kept there when there is none.
 * The memos of the searches are maps of maps (by context, then layout, instance or region); each level was the same
 * five lines written by hand.
 *
 * @example
 * const byRegion = new Map<string, Map<string, number>>();
 * keptIn(byRegion, 'eu-west-1', () => new Map()).set('m7i.large', 0.1); // byRegion.get('eu-west-1')?.get('m7i.large') is 0.1
 */
export function keptIn<K, V>(
  map: { get(key: K): V | undefined; set(key: K, value: V): unknown },
  key: K,
  make: () => V,
): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
