/**
 * Reading and writing a value at a field path ("workload.peakRate", "users[1].share") of the raw scenario (the JSON
 * the user edits and saves). Writes are immutable: they copy the objects along the path and share the rest.
 */

export type RawValue = string | number | boolean | null | RawValue[] | { [key: string]: RawValue };
export type RawObject = { [key: string]: RawValue };

/** "users[1].share" -> ["users", 1, "share"]. */
function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) throw new RangeError(`bad field path ${path}`);
    out.push(m[1] as string);
    for (const idx of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

export function getAt(root: RawValue, path: string): RawValue | undefined {
  let cur: RawValue | undefined = root;
  for (const key of parsePath(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, RawValue>)[key];
  }
  return cur;
}

/** A copy of `root` with `value` at `path` (undefined removes the key), creating objects on the way. */
export function setAt(root: RawObject, path: string, value: RawValue | undefined): RawObject {
  const keys = parsePath(path);
  const write = (node: RawValue | undefined, i: number): RawValue | undefined => {
    const key = keys[i] as string | number;
    const last = i === keys.length - 1;
    if (typeof key === 'number') {
      const arr = Array.isArray(node) ? [...node] : [];
      const next = last ? value : write(arr[key], i + 1);
      if (next !== undefined) arr[key] = next;
      return arr;
    }
    const obj: Record<string, RawValue> =
      node !== null && typeof node === 'object' && !Array.isArray(node) ? { ...node } : {};
    const next = last ? value : write(obj[key], i + 1);
    if (next === undefined) delete obj[key];
    else obj[key] = next;
    return obj;
  };
  return write(root, 0) as RawObject;
}
