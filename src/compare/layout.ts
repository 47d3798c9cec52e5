/**
 * Where a horizontal design's users go: each user region served by its nearest region of the set, the order it fails
 * over in, the network paths per serving region (a strong write's quorum detour included), and the compact form the
 * searches screen many users on.
 */
import { majority } from '../core/reliability/placement.js';
import type { GroupPath } from './capacity.js';
import type { Context } from './context.js';

/**
 * Extra latency of a strongly consistent write: the round trip to the copies it must wait for, seconds. Each region
 * holds `replication` copies; a write needs a majority of all of them: the local copies (across zones: the catalog's
 * VM-to-VM cross-zone round trip, interTier.crossZoneRttS) and then whole regions, nearest first, until the majority
 * is reached.
 */
export function quorumRttS(ctx: Context, region: string, others: readonly string[], zones: number): number {
  const w = ctx.scenario.workload;
  if (w.consistency !== 'strong' || w.writeFraction === 0) return 0;
  const r = w.replication;
  const quorum = majority(r * (others.length + 1));
  // the copies in the region's other zones: a VM-to-VM round trip across zones (the catalog's interTier figure)
  const local = zones > 1 && r > 1 ? ctx.catalog.interTier.crossZoneRttS : 0;
  if (quorum <= r) return local;
  const regionsNeeded = Math.ceil((quorum - r) / r);
  const rtts = others.map((o) => ctx.rtt(region, o).rttS).sort((a, b) => a - b);
  return Math.max(local, rtts[regionsNeeded - 1] ?? 0);
}

/**
 * Whether horizontalLayout gives the same layout for both zone counts: the zones enter it only through a strong
 * write's local quorum round trip (quorumRttS), which depends only on whether there is more than one zone.
 */
export function sameLayoutForZones(ctx: Context, a: number, b: number): boolean {
  const w = ctx.scenario.workload;
  return a > 1 === b > 1 || w.consistency !== 'strong' || w.writeFraction === 0 || w.replication <= 1;
}

/** Per-region routing and network paths of a horizontal design (normal operation). */
export interface HorizontalLayout {
  /** Users of each region (own users: those whose nearest candidate region it is). */
  paths: (GroupPath & { region: string })[][];
  /** Share of the design rate each region serves normally. */
  share: number[];
  /** Each user region's candidate-region preference, as indices. */
  users: { share: number; order: number[] }[];
}

/**
 * The layout of a horizontal design: each user region served by its nearest region of the set (preferenceOrder's
 * order: nearest first, ties by position). With `resolutionS` > 0, the compact layout built directly (the same as
 * compactLayout of the exact one, without building the exact paths: the searches' screens of many users).
 */
export function horizontalLayout(
  ctx: Context,
  regions: readonly string[],
  zones: number,
  resolutionS = 0,
): HorizontalLayout {
  const w = ctx.scenario.workload;
  const n = regions.length;
  const paths: (GroupPath & { region: string })[][] = regions.map(() => []);
  const share = regions.map(() => 0);
  // a strong write's detour depends only on the serving region: once per region
  const writeExtra = regions.map((region) =>
    quorumRttS(
      ctx,
      region,
      regions.filter((x) => x !== region),
      zones,
    ),
  );
  const columns = regions.map((region) => ctx.userRttS(region));
  const compact = resolutionS > 0;
  const cells = regions.map(() => new Map<number, GroupPath & { region: string }>());
  const byOrder = new Map<number | string, { share: number; order: number[] }>();
  const users: { share: number; order: number[] }[] = [];
  const rtt = new Float64Array(n);
  const order = new Array<number>(n);
  for (const [k, u] of ctx.scenario.users.entries()) {
    // insertion sort of the region indices by round trip (stable: ties keep their positions)
    for (let i = 0; i < n; i++) {
      rtt[i] = (columns[i] as Float64Array)[k] as number;
      let j = i - 1;
      while (j >= 0 && (rtt[order[j] as number] as number) > (rtt[i] as number)) {
        order[j + 1] = order[j] as number;
        j--;
      }
      order[j + 1] = i;
    }
    const r = order[0] as number;
    const networkS = w.roundTrips * (rtt[r] as number);
    share[r] = (share[r] as number) + u.share;
    if (!compact) {
      (paths[r] as (GroupPath & { region: string })[]).push({
        region: u.region,
        share: u.share,
        networkS,
        writeExtraS: writeExtra[r] as number,
        writeFraction: w.writeFraction,
      });
      users.push({ share: u.share, order: [...order] });
      continue;
    }
    // compactPaths' cells (every path of a region has its detour and write fraction) and compactLayout's orders
    const cell = Math.ceil(networkS / resolutionS - 1e-9);
    const byCell = cells[r] as Map<number, GroupPath & { region: string }>;
    const path = byCell.get(cell);
    if (path === undefined) {
      const p = {
        share: u.share,
        networkS: cell * resolutionS,
        writeExtraS: writeExtra[r] as number,
        writeFraction: w.writeFraction,
        region: '',
      };
      byCell.set(cell, p);
      (paths[r] as (GroupPath & { region: string })[]).push(p);
    } else path.share += u.share;
    const key = orderKey(order);
    const entry = byOrder.get(key);
    if (entry === undefined) {
      const e = { share: u.share, order: [...order] };
      byOrder.set(key, e);
      users.push(e);
    } else entry.share += u.share;
  }
  return { paths, share, users };
}

/**
 * Each user region's serving region in a set, as an index of the set: horizontalLayout's routing without its paths
 * and orders (the nearest region of the set, the first of the set on a tie, as horizontalLayout's stable sort puts
 * first; round trips are numbers, never NaN). `columns`: each region's ctx.userRttS, in the set's order. A region's
 * share of the design rate (horizontalLayout's `share`, bit for bit) is its users' shares added in the users' order.
 * @example servingRegions(ctx, ['us-east-1', 'eu-west-2'].map((r) => ctx.userRttS(r))) // [0, 0, 1] for users in
 *   us-east-1, us-west-2 and eu-west-2
 */
export function servingRegions(ctx: Context, columns: readonly Float64Array[]): Int32Array {
  const n = ctx.scenario.users.length;
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    let r = 0;
    for (let i = 1; i < columns.length; i++) {
      if (((columns[i] as Float64Array)[k] as number) < ((columns[r] as Float64Array)[k] as number)) r = i;
    }
    out[k] = r;
  }
  return out;
}

/** With more user places than this the searches screen designs on compact paths (compactLayout, compactPaths): a
 * judgement, above the catalog's 15 regions and the examples' user lists (exact there), below the hundreds of places
 * where the exact paths dominate the search's time. */
export const COMPACT_ABOVE_USERS = 32;

/** Whether the searches screen on compact paths: many user places, and a p99 over all users (a screen under
 * "every-region" needs each user region's figure, so it keeps the exact paths). */
export function screensCompact(ctx: Context): boolean {
  return ctx.scenario.targets.p99Scope !== 'every-region' && ctx.scenario.users.length > COMPACT_ABOVE_USERS;
}

/** Resolution of the network times in a compact layout, as a fraction of the p99 target (compactLayout). */
export const COMPACT_NETWORK_RESOLUTION = 0.005;

/**
 * The search's layout of many users: a region's users whose network times round up to the same multiple of the
 * resolution (COMPACT_NETWORK_RESOLUTION of the p99 target, at least 0.1 ms) are one path (shares added), and users
 * with the same order of regions one entry of `users` (shares added). The order merge is exact for the availability
 * model (it reads only shares and orders); rounding the network times up raises each user's response time by less
 * than the resolution, so the p99 of the compact layout is at least the exact one and less than one resolution above
 * it: a design that meets the p99 target on it meets it exactly, and the search may pass over a design whose exact
 * p99 is within 0.5% under the target. The user-region names of the paths are dropped (a screen under "every-region"
 * keeps the exact layout). horizontalLayout with a resolution builds the same layout without the exact paths (the
 * search uses that; this is its reference, tested equal).
 */
export function compactLayout(layout: HorizontalLayout, p99TargetS: number): HorizontalLayout {
  const q = compactResolutionS(p99TargetS);
  const byOrder = new Map<number | string, { share: number; order: number[] }>();
  for (const u of layout.users) {
    const key = orderKey(u.order);
    const hit = byOrder.get(key);
    if (hit === undefined) byOrder.set(key, { share: u.share, order: u.order });
    else hit.share += u.share;
  }
  return {
    paths: layout.paths.map((list) => compactPaths(list, q)),
    share: layout.share,
    users: [...byOrder.values()],
  };
}

/** The network resolution of compactLayout and compactPaths: COMPACT_NETWORK_RESOLUTION of the p99 target, at least
 * 0.1 ms. A compact p99 is at least the exact one and less than this above it. */
export function compactResolutionS(p99TargetS: number): number {
  return Math.max(1e-4, COMPACT_NETWORK_RESOLUTION * p99TargetS);
}

/**
 * Paths whose network times round up to the same multiple of `q` (with the same write detour and write fraction) as
 * one path, shares added, region names dropped. Every user's response time rises by less than q, so any quantile of
 * the mixture rises by less than q and never falls.
 */
export function compactPaths<P extends GroupPath>(list: readonly P[], q: number): (GroupPath & { region: string })[] {
  const first = list[0];
  // horizontalLayout and verticalPaths give every path of a region the same detour and write fraction: a number key
  const uniform = list.every((p) => p.writeExtraS === first?.writeExtraS && p.writeFraction === first?.writeFraction);
  const byKey = new Map<number | string, GroupPath & { region: string }>();
  for (const p of list) {
    const cell = Math.ceil(p.networkS / q - 1e-9);
    const key = uniform ? cell : `${cell}|${p.writeExtraS}|${p.writeFraction}`;
    const hit = byKey.get(key);
    if (hit === undefined)
      byKey.set(key, {
        share: p.share,
        networkS: cell * q,
        writeExtraS: p.writeExtraS,
        writeFraction: p.writeFraction,
        region: '',
      });
    else hit.share += p.share;
  }
  return [...byKey.values()];
}

/** A number naming an order of region indices (the orders of one layout have one length), or a string when the
 * number could exceed 2^53. */
function orderKey(order: readonly number[]): number | string {
  const n = order.length;
  if (n > 13) return order.join(',');
  let key = 0;
  for (const i of order) key = key * n + i;
  return key;
}
