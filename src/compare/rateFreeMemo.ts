/**
 * Memos shared by the contexts of scenarios that differ only in their peak rate (issue 18, "JSONL scenarios": a batch
 * of small scenarios usually varies workload.peakRate and repeats the rest). What a design's figures read of the
 * context besides the design rate (its cost: the prices, the traffic rate, the operations; the sources cited) is then
 * the same on every line, and is computed once for them all. A value kept here must be a pure function of the
 * context less its design rate (rateFreeKey: the scenario less workload.peakRatePerS, the catalog, the traffic rate,
 * the pricing model and the provider) and of the caller's key (every other input), and it is shared: callers read
 * it and never change it (kept values are frozen).
 *
 * Bounded, as a JSONL stream may be endless: at most MAX_FAMILIES scenarios less their rate, the least recently used
 * dropped first, and MAX_FAMILY_ENTRIES values in each (cleared when full).
 */

import type { Catalog } from '../catalog/index.js';
import type { Scenario } from '../scenario/types.js';
import { deepFreeze } from '../util/deepFreeze.js';
import type { Context } from './context.js';

/** Scenarios less their rate kept: a batch's one or few, and the last few of a batch that varies more. */
export const MAX_FAMILIES = 16;

/** Values kept for one scenario less its rate before they are cleared: many more than a scenario's designs. */
export const MAX_FAMILY_ENTRIES = 2_000;

/** The values kept for one scenario less its rate, by the callers' keys. */
type Family = Map<string, unknown>;

/** The families by rateFreeKey, per catalog; insertion order is recency order (a hit is moved to the end). */
const families = new WeakMap<Catalog, Map<string, Family>>();

/** Each context's family (found once per context). */
const familyOf = new WeakMap<Context, Family>();

/** A number for each frozen object met in a scenario (its content cannot change: the same object, the same text). */
const frozenIds = new WeakMap<object, number>();
let nextFrozenId = 0;

/**
 * JSON.stringify's replacer that tells apart the numbers JSON writes alike: NaN, the infinities (all "null") and -0
 * ("0"), written as "#NaN", "#Infinity", "#-Infinity" and "#-0", a string that starts with "#" with one more in front.
 */
function exactNumbers(_key: string, v: unknown): unknown {
  if (typeof v === 'string') return v.startsWith('#') ? `#${v}` : v;
  if (typeof v !== 'number' || (Number.isFinite(v) && !Object.is(v, -0))) return v;
  return Object.is(v, -0) ? '#-0' : `#${v}`;
}

/** Whether `value` holds a number JSON writes as another would be written: NaN, an infinity ("null") or -0 ("0"). */
function hasInexactNumber(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value) || Object.is(value, -0);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (hasInexactNumber(value[i])) return true;
    return false;
  }
  for (const key in value) if (hasInexactNumber((value as Record<string, unknown>)[key])) return true;
  return false;
}

/**
 * A number for a frozen object (a catalog's instance type, a scenario's member kept by a batch): the same object, the
 * same number; its content cannot change, so the number stands for it in a key.
 */
export function objectId(value: object): number {
  if (!Object.isFrozen(value)) throw new RangeError('objectId: only a frozen object stands for its content');
  let id = frozenIds.get(value);
  if (id === undefined) {
    id = nextFrozenId++;
    frozenIds.set(value, id);
  }
  return id;
}

/**
 * The text of one member of a scenario, each form with its own first character: "@" and a frozen object's number
 * (objectId), "=" and the JSON of a value whose numbers JSON tells apart, else "#" and its JSON through exactNumbers
 * (a few times slower).
 */
function memberText(value: unknown): string {
  if (typeof value === 'object' && value !== null && Object.isFrozen(value)) return `@${objectId(value)}`;
  return hasInexactNumber(value) ? `#${JSON.stringify(value, exactNumbers)}` : `=${JSON.stringify(value)}`;
}

/**
 * The context less its design rate, as text: every member of the scenario (memberText; the workload without
 * peakRatePerS), the traffic rate (the peak rate's when no average rate is given), the pricing model, the provider
 * and whether egress is priced. Two contexts of the same catalog with the same key differ at most in their design rate.
 * @example rateFreeKey(buildContext(s, catalog)) === rateFreeKey(buildContext({ ...s, workload: { ...s.workload, peakRatePerS: 80 } }, catalog)) // true when s gives workload.averageRate
 */
export function rateFreeKey(ctx: Context): string {
  const s: Scenario = ctx.scenario;
  let key = `${ctx.trafficRatePerS}|${ctx.pricing}|${ctx.provider}|${ctx.includeEgress}`;
  for (const member of Object.keys(s) as (keyof Scenario)[]) {
    const value: unknown = member === 'workload' ? { ...s.workload, peakRatePerS: undefined } : s[member];
    key += `|${member}${memberText(value)}`;
  }
  return key;
}

function family(ctx: Context): Family {
  let f = familyOf.get(ctx);
  if (f !== undefined) return f;
  let byKey = families.get(ctx.catalog);
  if (byKey === undefined) {
    byKey = new Map();
    families.set(ctx.catalog, byKey);
  }
  const key = rateFreeKey(ctx);
  f = byKey.get(key);
  if (f === undefined) {
    f = new Map();
    if (byKey.size >= MAX_FAMILIES) byKey.delete(byKey.keys().next().value as string);
  } else byKey.delete(key);
  byKey.set(key, f);
  familyOf.set(ctx, f);
  return f;
}

/**
 * The value kept for `key` among the contexts of ctx's scenario less its rate, or compute()'s, kept (frozen). `key`
 * names the memo and every input of compute() besides the context less its design rate; compute() must not read
 * ctx.designRatePerS (nor anything computed from it).
 */
export function rateFreeMemo<V>(ctx: Context, key: string, compute: () => V): V {
  const f = family(ctx);
  let value = f.get(key) as V | undefined;
  if (value === undefined) {
    value = deepFreeze(compute());
    if (f.size >= MAX_FAMILY_ENTRIES) f.clear();
    f.set(key, value);
  }
  return value;
}

/** Families kept for `catalog`, and their entries (for the tests of the bounds). */
export function rateFreeSize(catalog: Catalog): { families: number; entries: number } {
  const byKey = families.get(catalog);
  let entries = 0;
  for (const f of byKey?.values() ?? []) entries += f.size;
  return { families: byKey?.size ?? 0, entries };
}

/** Forgets every kept value (for the tests: a line answered alone). */
export function clearRateFreeMemos(catalog: Catalog): void {
  families.delete(catalog);
}
