/**
 * Availability of a partitioned, replicated fleet over zones and regions: data placement, read and write quorums,
 * and the capacity of the survivors, in one exact model.
 *
 * Placement (stated in the README and in each result's `placement`):
 * - Every region holds the whole working set: each partition has `replication` copies on distinct nodes of the
 *   region (so a design over R regions holds T = R x replication copies of each partition).
 * - Nodes go round-robin over the region's zones (node i in zone i % Z). Within a region the copies of a partition
 *   are spread over the non-empty zones as evenly as they can be: each zone holds floor(replication / Z) copies, and
 *   replication mod Z zones one more (spreadOf; copiesPerZone is the larger count).
 * - Partitions are many and spread (as with virtual nodes or many ranges): every choice of nodes that the zone rule
 *   allows holds some partition, and, across regions, every combination of such choices. This is the placement of
 *   Dynamo-style stores with virtual nodes and of range-partitioned stores with many ranges; it is the worst case
 *   for availability among placements with the same zone rule (grouped "copyset" placement loses a partition less
 *   often: Cidon et al., "Copysets", USENIX ATC 2013).
 * - A partition serves reads while one copy is up (in any region) and writes while `writeQuorum` copies are up
 *   (a majority of the T copies for strong consistency, 1 otherwise). The design is up only while every partition
 *   is.
 *
 * Service: user region u is served by the first region of its `order` that is reachable (the region and its
 * balancer up); the design is up only while every user region is served, every partition serves reads and writes,
 * and every region that carries load has at least need(r, load) nodes up. A region whose balancer is down holds its
 * copies still (replication does not go through the users' balancer).
 *
 * Exact computation (all terms non-negative, nothing is 1 minus something):
 * - Worst partition. Given the down nodes d_z of each zone of a region (all of them when the zone is down), the most
 *   copies of one partition that can be down there is D = min(replication, sum_z min(lo, d_z) + min(extra,
 *   #{z: d_z >= hi})) (worstDownCopies). Across regions every combination exists, so the worst partition has
 *   sum_r D_r copies down: reads fail when the sum is T, writes when it exceeds T - writeQuorum.
 * - A region whose zones are all down serves nobody: its users move on as if the region were down (a health-checked
 *   switch sees no live endpoint there).
 * - Per region, conditioned on the region up and on the state of each zone, the nodes of the up zones are
 *   independent: the joint pmf of (t = copies down in up zones, truncated at replication; s = nodes down in up
 *   zones) is a convolution of per-zone binomials (windowed where a term exceeds 1e-62 of the largest; the mass left
 *   out is below 1e-55); zones whose binomial never falls below their copy cap enter as one summed binomial. From it: pi[D] = P(D_r = D), and b[D] = P(D_r = D and fewer than `need` nodes up).
 * - Over the 3^R states of the regions (down / up with its balancer down / reachable), the design is down with
 *   probability  conv(pi)[sum > T - q] + sum_i conv(a_1..a_(i-1), b_i, pi_(i+1)..)[sum <= T - q]  (the first term
 *   loses data; the second has the data but region i is short of nodes while those before it are not; a = pi - b,
 *   computed directly). States less likely than 1e-20 are counted as down (`prunedProbability`; at most 3^R x 1e-20).
 *   The states that differ only in the regions the users cannot reach (down, or behind a failed balancer) route the
 *   users alike, so they are summed as one product per set of reachable regions: 2^R products (overRegionStates).
 *
 * Sources: conditioning on shared failure domains (Trivedi 2002, total probability; Barlow & Proschan 1975,
 * k-out-of-n structures); quorum systems (Gifford 1979, "Weighted voting for replicated data"); placement and its
 * effect on loss (Cidon et al. 2013).
 *
 * Example (in words): 3 nodes, 3 zones, 1 region, 3 copies, strong writes (quorum 2), one node needed for the load:
 * placedFleetAvailability({ regions: [{ nodes: 3, zones: 3 }], replication: 3, writeQuorum: 2, ... })
 * // down when two nodes (or zones) are down: U ~ 3 u^2 for small unavailability u of a node-with-its-zone
 */
import { type Availability, binomialWindow, checkAvailability, checkCount } from './availability.js';

export interface PlacedRegion {
  nodes: number;
  zones: number;
}

export interface PlacedFleetInput {
  regions: readonly PlacedRegion[];
  node: Availability;
  zone: Availability;
  region: Availability;
  /** Each region's balancer (users reach a region only while it is up). */
  balancer: Availability;
  /** Copies of each partition in every region, integer >= 1. */
  replication: number;
  /** Live copies (of regions x replication) a write needs; 1 = any copy; reads always need 1. */
  writeQuorum: number;
  /** Each user region's regions, nearest first (indices), and its share of the load. */
  users: readonly { share: number; order: readonly number[] }[];
  /** Fewest up nodes region r needs to carry `loadShare` of the load; null: no count can. */
  need: (r: number, loadShare: number) => number | null;
  /**
   * Per region (in the order of `regions`), availabilities that replace `region`, `balancer` and `zone` there (zones
   * by their round-robin index): regions and zones that differ, or 0 and 1 to condition on a state of the shared
   * domains (seriesOverDomains.ts, placedFleetTier). Omitted: the uniform figures above everywhere.
   */
  byRegion?: readonly RegionOverride[];
}

/** Availabilities of one region, its balancer and its zones that replace the uniform ones. */
export interface RegionOverride {
  region?: Availability;
  balancer?: Availability;
  zones?: readonly Availability[];
}

export interface PlacedFleetAvailability extends Availability {
  /** Down because some user region could reach no region (every region it may use down or behind a failed balancer). */
  unreachable: number;
  /** Down because some partition had no live copy (reads and writes fail). */
  dataReads: number;
  /** Down because some partition had a live copy but not its write quorum (writes fail). */
  dataWrites: number;
  /** Down because a region carrying load had too few nodes up (data intact). */
  capacity: number;
  /** Probability of the states skipped as too unlikely (counted as down). */
  prunedProbability: number;
}

/** Zone sizes of a region of `nodes` nodes round-robin over `zones` zones (node i in zone i % zones).
 * @example zoneSizes(7, 3) // [3, 2, 2]
 */
export function zoneSizes(nodes: number, zones: number): number[] {
  const small = Math.floor(nodes / zones);
  const extra = nodes % zones;
  const sizes = new Array<number>(zones);
  for (let z = 0; z < zones; z++) sizes[z] = small + (z < extra ? 1 : 0);
  return sizes;
}

/**
 * How the copies of one partition spread over a region's non-empty zones, as evenly as they can (as rack-aware
 * stores place replicas): every zone holds `lo` = floor(copies / Z) copies and `extra` = copies mod Z of them hold
 * one more (`hi`). Round-robin zone sizes always allow it (a zone has at least floor(N / Z) >= lo nodes, and at least
 * `extra` zones have hi). Null when the region has fewer nodes than copies.
 * @example spreadOf([2, 2, 2], 3) // { zones: 3, lo: 1, hi: 1, extra: 0 }
 * @example spreadOf([2, 1, 1], 4) // { zones: 3, lo: 1, hi: 2, extra: 1 }
 */
export function spreadOf(
  sizes: readonly number[],
  copies: number,
): { zones: number; lo: number; hi: number; extra: number } | null {
  const used = sizes.filter((n) => n > 0);
  if (used.reduce((s, n) => s + n, 0) < copies) return null;
  const Z = used.length;
  const lo = Math.floor(copies / Z);
  const extra = copies % Z;
  return { zones: Z, lo, hi: extra > 0 ? lo + 1 : lo, extra };
}

/** The most copies of one partition in one zone (the spread's hi); null when the region has fewer nodes than copies. */
export function copiesPerZone(sizes: readonly number[], copies: number): number | null {
  return spreadOf(sizes, copies)?.hi ?? null;
}

/**
 * Copies of the worst partition that are down in a region, given the down nodes of each non-empty zone (all of them
 * for a zone that is down): put `lo` copies on down nodes in every zone, and the `extra` copies in the zones with at
 * least `hi` down nodes. worst = min(copies, sum_z min(lo, d_z) + min(extra, #{z: d_z >= hi})).
 * @example worstDownCopies({ zones: 3, lo: 1, hi: 2, extra: 1 }, 4, [5, 5, 0]) // 3: two zones down leave one copy
 */
export function worstDownCopies(
  spread: { lo: number; hi: number; extra: number },
  copies: number,
  down: readonly number[],
): number {
  let t = 0;
  let full = 0;
  for (const d of down) {
    t += Math.min(spread.lo, d);
    if (d >= spread.hi) full++;
  }
  return Math.min(copies, t + Math.min(spread.extra, full));
}

/**
 * Node sets the even spread allows for one partition's copies in a region: sum over the choices of the `extra`
 * zones of prod_z C(n_z, k_z) (k_z = lo or hi). A float (it can be very large).
 * @example copysetCount([2, 2, 2], 3) // 8: one node from each zone
 */
export function copysetCount(sizes: readonly number[], copies: number): number {
  const spread = spreadOf(sizes, copies);
  if (spread === null) return 0;
  const used = sizes.filter((n) => n > 0);
  const choose = (n: number, k: number) => {
    let x = 1;
    for (let i = 0; i < k; i++) x = (x * (n - i)) / (i + 1);
    return x;
  };
  // ways[e]: node sets over the zones so far with e of them holding hi copies
  let ways = [1];
  for (const n of used) {
    const next = new Array<number>(ways.length + 1).fill(0);
    ways.forEach((v, e) => {
      next[e] = (next[e] as number) + v * choose(n, spread.lo);
      if (spread.extra > 0) next[e + 1] = (next[e + 1] as number) + v * choose(n, spread.hi);
    });
    ways = next;
  }
  return ways[spread.extra] ?? 0;
}

/** A strong write's quorum: a majority of all copies, floor(T/2) + 1.
 * @example majority(5) // 3
 */
export function majority(copies: number): number {
  return Math.floor(copies / 2) + 1;
}

/** Binomial terms below this fraction of the largest are left out (their mass is below 1e-55). */
const WINDOW_FLOOR = 1e-62;
/** States less likely than this are not enumerated and count as down (prunedProbability). */
export const PRUNE_BELOW = 1e-20;

interface Window {
  lo: number;
  pmf: Float64Array;
}

/** Sums of a window from the bottom and from the top, each summed directly: below[i] = sum pmf[0..i-1]. */
interface Summed {
  lo: number;
  length: number;
  below: Float64Array;
  above: Float64Array;
}

function summed(w: Window): Summed {
  const n = w.pmf.length;
  const below = new Float64Array(n + 1);
  const above = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) below[i + 1] = (below[i] as number) + (w.pmf[i] as number);
  for (let i = n - 1; i >= 0; i--) above[i] = (above[i + 1] as number) + (w.pmf[i] as number);
  return { lo: w.lo, length: n, below, above };
}

interface ZoneConfig {
  /** P(this set of zones up, the rest down | region up); the configuration with every zone down is left out. */
  prob: number;
  /** Contributions of down zones and wide zones to the two counters below. */
  fixedLow: number;
  fixedFull: number;
  /** Nodes in up zones. */
  upNodes: number;
  /**
   * Narrow up zones: joint[t * (extra + 1) + f][s - offset] = P(t = sum min(lo, d_z) (truncated at replication),
   * f = zones with d_z >= hi (truncated at extra), s nodes down there).
   */
  joint: Float64Array[];
  offset: number;
  /** Wide up zones: the pmf of their down nodes (a binomial over all of them), with its sums; null: none. */
  wide: Summed | null;
}

interface RegionConfigs {
  configs: ZoneConfig[];
  /** P(every non-empty zone down | region up): the region then serves nobody and holds no live copy. */
  allZonesDown: number;
  extra: number;
  /** vectorsFor(these configs, their replication, need) by need, kept with the configs (it depends on nothing else). */
  vectors: Map<number | null, RegionVectors>;
  /** The sum of the configurations' probabilities (in their order): 1 - allZonesDown to rounding. */
  mass: number;
  /**
   * The region's two unreachable states as one (overRegionStates), by hidden and gone weights each 0 or 1 (index
   * 2 hidden + gone), as a fleet conditioned on the shared states has them: kept with the configs, which fix them.
   */
  unreachedBy: (Unreached | undefined)[];
}

/** An unreachable region's two states as one (overRegionStates). */
interface Unreached {
  v: Float64Array;
  lost: number;
  least: number;
  most: number;
}

/**
 * Per region: the zone configurations with their pmfs (independent of the load). An up zone is "wide" when its
 * binomial of down nodes starts at or above `hi` (no term below reaches 1e-62 of the largest): it then always covers
 * its copies, and only the sum of its down nodes matters, so the wide zones together are one binomial over their
 * nodes (same node availability). The narrow ones are convolved with their copy counters.
 */
function regionConfigs(
  nodes: number,
  zones: number,
  r: number,
  node: Availability,
  zoneAvailability: readonly Availability[],
): RegionConfigs {
  const sizes = zoneSizes(nodes, zones).filter((n) => n > 0);
  const { lo, hi, extra } = spreadOf(sizes, r) as NonNullable<ReturnType<typeof spreadOf>>;
  const E = extra + 1;
  const downs: Availability = { availability: node.unavailability, unavailability: node.availability };
  const windows = new Map<number, Window>();
  const windowOf = (n: number) => {
    let w = windows.get(n);
    if (w === undefined) {
      w = binomialWindow(n, downs, WINDOW_FLOOR);
      windows.set(n, w);
    }
    return w;
  };
  const configs: ZoneConfig[] = [];
  const Z = sizes.length;
  let allZonesDown = 0;
  for (let mask = 0; mask < 1 << Z; mask++) {
    // a configuration of probability 0 (a zone given as always up or always down: a fleet conditioned on the shared
    // states has one configuration of probability 1) is left out before its pmf is convolved: the same product, in
    // the same order, as below
    if (mask !== 0) {
      let p = 1;
      for (let z = 0; z < Z; z++) {
        const zone = zoneAvailability[z] as Availability;
        p *= (mask >> z) & 1 ? zone.availability : zone.unavailability;
      }
      if (!(p > 0)) continue;
    }
    let prob = 1;
    let fixedLow = 0;
    let fixedFull = 0;
    let upNodes = 0;
    let wideNodes = 0;
    let joint: Float64Array[] = Array.from({ length: (r + 1) * E }, (_, k) => Float64Array.of(k === 0 ? 1 : 0));
    let offset = 0;
    for (let z = 0; z < Z; z++) {
      const n = sizes[z] as number;
      const zone = zoneAvailability[z] as Availability;
      if (!((mask >> z) & 1)) {
        prob *= zone.unavailability;
        fixedLow += Math.min(lo, n);
        if (n >= hi) fixedFull++;
        continue;
      }
      prob *= zone.availability;
      upNodes += n;
      const w = windowOf(n);
      if (w.lo >= hi && w.pmf.length > 64) {
        fixedLow += lo;
        fixedFull++;
        wideNodes += n;
        continue;
      }
      const len = (joint[0] as Float64Array).length;
      const next: Float64Array[] = Array.from({ length: (r + 1) * E }, () => new Float64Array(len + w.pmf.length - 1));
      for (let t = 0; t <= r; t++) {
        for (let f = 0; f < E; f++) {
          const row = joint[t * E + f] as Float64Array;
          for (let s = 0; s < len; s++) {
            const p = row[s] as number;
            if (p === 0) continue;
            for (let k = 0; k < w.pmf.length; k++) {
              const d = w.lo + k;
              const nt = Math.min(r, t + Math.min(lo, d));
              const nf = Math.min(extra, f + (d >= hi ? 1 : 0));
              const dst = next[nt * E + nf] as Float64Array;
              dst[s + k] = (dst[s + k] as number) + p * (w.pmf[k] as number);
            }
          }
        }
      }
      joint = next;
      offset += w.lo;
    }
    if (mask === 0) {
      allZonesDown = prob;
      continue;
    }
    const wide = wideNodes > 0 ? summed(binomialWindow(wideNodes, downs, WINDOW_FLOOR)) : null;
    if (prob > 0) configs.push({ prob, fixedLow, fixedFull, upNodes, joint, offset, wide });
  }
  return {
    configs,
    allZonesDown,
    extra,
    vectors: new Map(),
    mass: configs.reduce((m, cfg) => m + cfg.prob, 0),
    unreachedBy: [],
  };
}

interface RegionVectors {
  /** P(D = d | region up), d = 0..replication. */
  pi: Float64Array;
  /** P(D = d and short of nodes | region up). */
  short: Float64Array;
  /** P(D = d and not short | region up). */
  ok: Float64Array;
}

/** P(wide down nodes <= x) and P(> x), each a direct sum. */
function wideSplit(w: Summed | null, x: number): [number, number] {
  if (w === null) return x >= 0 ? [1, 0] : [0, 1];
  const i = Math.max(0, Math.min(w.length, x - w.lo + 1)); // entries 0..i-1 are <= x
  return [w.below[i] as number, w.above[i] as number];
}

/** Per-region vectors over the worst partition's down copies D (unnormalised: they leave out every zone down). */
function vectorsFor(region: RegionConfigs, r: number, need: number | null): RegionVectors {
  const pi = new Float64Array(r + 1);
  const short = new Float64Array(r + 1);
  const ok = new Float64Array(r + 1);
  const E = region.extra + 1;
  for (const cfg of region.configs) {
    // short: fewer than `need` nodes up, i.e. more than upNodes - need down in up zones
    const maxDown = need === null ? -1 : cfg.upNodes - need;
    for (let t = 0; t <= r; t++) {
      for (let f = 0; f < E; f++) {
        const row = cfg.joint[t * E + f] as Float64Array;
        const d = Math.min(r, cfg.fixedLow + t + Math.min(region.extra, cfg.fixedFull + f));
        let sOk = 0;
        let sShort = 0;
        for (let i = 0; i < row.length; i++) {
          const p = row[i] as number;
          if (p === 0) continue;
          const [lo, hi] = wideSplit(cfg.wide, maxDown - (i + cfg.offset));
          sOk += p * lo;
          sShort += p * hi;
        }
        ok[d] = (ok[d] as number) + cfg.prob * sOk;
        short[d] = (short[d] as number) + cfg.prob * sShort;
        pi[d] = (pi[d] as number) + cfg.prob * (sOk + sShort);
      }
    }
  }
  return { pi, short, ok };
}

/**
 * out[0 .. a + b - 1) = the convolution of a[0 .. aLen) and b[0 .. bLen) (out distinct from both; the terms summed
 * in the order of i, then j). Returns its length, aLen + bLen - 1.
 */
function convolveInto(out: Float64Array, a: Float64Array, aLen: number, b: Float64Array, bLen: number): number {
  const n = aLen + bLen - 1;
  // zeroed by a loop: fill() on these short arrays cost more than the products (a third of a search's time)
  for (let k = 0; k < n; k++) out[k] = 0;
  for (let i = 0; i < aLen; i++) {
    const x = a[i] as number;
    if (x === 0) continue;
    for (let j = 0; j < bLen; j++) out[i + j] = (out[i + j] as number) + x * (b[j] as number);
  }
  return n;
}

/** v[from] + ... + v[to], within v[0 .. len). */
const sumRange = (v: Float64Array, len: number, from: number, to: number) => {
  let s = 0;
  for (let i = Math.max(0, from); i <= Math.min(len - 1, to); i++) s += v[i] as number;
  return s;
};

/**
 * Working arrays of the sum over region states, each of T + 1 entries (the longest product of the regions' vectors):
 * reused from state to state (and, through placedFleetGiven, from call to call) instead of allocated per product.
 */
interface Scratch {
  fixed: [Float64Array, Float64Array];
  prefix: [Float64Array, Float64Array];
  suffix: Float64Array[];
  suffixLen: Int32Array;
  /** Each suffix product's sums from the bottom. */
  below: Float64Array[];
  all: Float64Array;
  tmp: Float64Array;
  loaded: RegionVectors[];
}

function scratchFor(R: number, T: number): Scratch {
  const a = () => new Float64Array(T + 1);
  return {
    fixed: [a(), a()],
    prefix: [a(), a()],
    suffix: Array.from({ length: R + 1 }, a),
    suffixLen: new Int32Array(R + 1),
    below: Array.from({ length: R + 1 }, a),
    all: a(),
    tmp: a(),
    loaded: new Array<RegionVectors>(R),
  };
}

/** A region's state in a group of states of the regions (overRegionStates): down or behind a failed balancer. */
const EITHER = 3;

const CONFIG_CACHE = new Map<string, RegionConfigs>();
const CONFIG_CACHE_MAX = 256;

/** Exact availability of a placed fleet (see the top of this file). */
export function placedFleetAvailability(input: PlacedFleetInput): PlacedFleetAvailability {
  return placed(input, false);
}

/**
 * placedFleetAvailability summed state by state over the 3^R states of the regions, as it was before the states
 * that differ only in unreachable regions were summed as one: the reference the grouped sum is tested against (the
 * same figures in exact arithmetic, to rounding in floats).
 */
export function placedFleetAvailabilityByStates(input: PlacedFleetInput): PlacedFleetAvailability {
  return placed(input, true);
}

function placed(input: PlacedFleetInput, enumerate: boolean): PlacedFleetAvailability {
  const { regions, replication: r } = input;
  checkAvailability(input.node, 'node');
  checkAvailability(input.zone, 'zone');
  checkAvailability(input.region, 'region');
  checkAvailability(input.balancer, 'balancer');
  checkFleet(input);
  const R = regions.length;
  const over = input.byRegion;
  if (over !== undefined && over.length !== R) {
    throw new RangeError(`byRegion must have one entry per region (${R}), got ${over.length}`);
  }
  const regionA = regions.map((_, i) => over?.[i]?.region ?? input.region);
  const balancerA = regions.map((_, i) => over?.[i]?.balancer ?? input.balancer);
  const zoneA = regions.map((reg, i) =>
    Array.from({ length: reg.zones }, (_, z) => over?.[i]?.zones?.[z] ?? input.zone),
  );
  if (over !== undefined) {
    regions.forEach((_, i) => {
      checkAvailability(regionA[i] as Availability, `byRegion[${i}].region`);
      checkAvailability(balancerA[i] as Availability, `byRegion[${i}].balancer`);
      (zoneA[i] as Availability[]).forEach((z, j) => {
        checkAvailability(z, `byRegion[${i}].zones[${j}]`);
      });
    });
  }

  const configs = regions.map((reg, i) =>
    configsOf(reg, r, input.node, zoneA[i] as Availability[], over?.[i]?.zones !== undefined),
  );
  return overRegionStates(input, configs, regionA, balancerA, undefined, enumerate);
}

/**
 * A region's zone tables. They depend only on these figures: kept across calls (a search evaluates the same layouts
 * many times); a small cache, cleared when full. `byZone`: the zones' figures were given one by one (the key lists
 * them), else every zone has zones[0]'s.
 */
function configsOf(
  reg: PlacedRegion,
  r: number,
  node: Availability,
  zones: readonly Availability[],
  byZone: boolean,
): RegionConfigs {
  const zoneKey = byZone ? zones.map((z) => z.unavailability) : (zones[0] as Availability).unavailability;
  const key = `${reg.nodes}/${reg.zones}/${r}/${node.unavailability}/${zoneKey}`;
  let c = CONFIG_CACHE.get(key);
  if (c === undefined) {
    c = regionConfigs(reg.nodes, reg.zones, r, node, zones);
    if (CONFIG_CACHE.size >= CONFIG_CACHE_MAX) CONFIG_CACHE.clear();
    CONFIG_CACHE.set(key, c);
  }
  return c;
}

/** The checks of a fleet that do not depend on the figures of its regions, zones and balancers. */
function checkFleet(input: Omit<PlacedFleetInput, 'region' | 'zone' | 'balancer' | 'byRegion'>): void {
  const { regions, replication: r, writeQuorum } = input;
  checkCount(r, 'replication', 1);
  const R = regions.length;
  if (R < 1 || R > 16) throw new RangeError(`1 to 16 regions, got ${R}`);
  regions.forEach((reg, i) => {
    checkCount(reg.nodes, `regions[${i}].nodes`, r);
    checkCount(reg.zones, `regions[${i}].zones`, 1);
  });
  const T = R * r;
  checkCount(writeQuorum, 'writeQuorum', 1);
  if (writeQuorum > T) throw new RangeError(`writeQuorum must be <= ${T} copies, got ${writeQuorum}`);
}

/** The state of one region of a fleet as the shared domains fix it: up or down, its balancer, each zone. */
export interface RegionState {
  region: boolean;
  balancer: boolean;
  /** By the region's round-robin zone index. */
  zones: readonly boolean[];
}

const UP: Availability = { availability: 1, unavailability: 0 };
const DOWN: Availability = { availability: 0, unavailability: 1 };

/**
 * `placedFleetAvailability` of `fleet` conditioned on given states of its regions, balancers and zones (each up or
 * down): the same figures as passing them as availabilities 1 and 0 in `byRegion` (with `region`, `zone` and
 * `balancer` 1), computed by the same code and the same cache of zone tables, with the fleet checked once and each
 * region's tables also kept here by the pattern of its zones up (seriesOverDomains.ts calls it once per shared state, tens of thousands of times).
 * @example placedFleetGiven({ regions: [{ nodes: 3, zones: 3 }], node: { availability: 0.9, unavailability: 0.1 }, replication: 3, writeQuorum: 2, users: [{ share: 1, order: [0] }], need: () => 1 })([{ region: true, balancer: true, zones: [true, true, false] }]).unavailability // 0.19: zone c is down, writes need both other copies
 */
export function placedFleetGiven(
  fleet: Omit<PlacedFleetInput, 'region' | 'zone' | 'balancer' | 'byRegion'>,
): (states: readonly RegionState[]) => PlacedFleetAvailability {
  checkAvailability(fleet.node, 'node');
  checkFleet(fleet);
  const { regions, replication: r } = fleet;
  const R = regions.length;
  const tables = regions.map(() => new Map<number, RegionConfigs>());
  const scratch = scratchFor(R, R * r);
  const routes = routesFor(fleet.users, R);
  // the one term's inputs, refilled at each call (the sum is computed before the next call)
  const configs = new Array<RegionConfigs>(R);
  const unreached = new Array<Unreached>(R);
  const loaded = new Array<RegionVectors | null>(R);
  const term: TermInputs = {
    R,
    r,
    T: R * r,
    K: R * r - fleet.writeQuorum,
    users: fleet.users,
    routes,
    sc: scratch,
    state: new Int8Array(R),
    configs,
    unreached,
    allDown: allDownOf(r),
    loadedAt: (_reachable, loads) => loadedVectors(configs, r, fleet.need, loads, loaded),
  };
  return (states) => {
    if (states.length !== R) throw new RangeError(`one state per region (${R}), got ${states.length}`);
    for (let i = 0; i < R; i++) {
      const reg = regions[i] as PlacedRegion;
      const zones = (states[i] as RegionState).zones;
      let mask = 0;
      for (let z = 0; z < reg.zones; z++) if (zones[z] ?? true) mask |= 1 << z;
      const kept = tables[i] as Map<number, RegionConfigs>;
      let c = kept.get(mask);
      if (c === undefined) {
        c = configsOf(
          reg,
          r,
          fleet.node,
          Array.from({ length: reg.zones }, (_, z) => ((mask >> z) & 1 ? UP : DOWN)),
          true,
        );
        kept.set(mask, c);
      }
      configs[i] = c;
    }
    // Every region, balancer and zone is up or down, so overRegionStates's sum has one term of weight 1 (its
    // weights, products of 0 and 1, are 1 on one path): each region reachable (up, its balancer up, some zone up)
    // or unreachable, as one mixture of hidden (up behind its failed balancer) and gone (down, or every zone down)
    // weights each 0 or 1. A region up behind a working balancer with every zone down has both weights 1 there (its
    // reachable branch and its gone one); the reachable branch's terms are exact zeros (the region's configs are
    // empty: no mass, every vector 0), which leave every sum as it is, so the one term left is its gone branch's.
    // The same additions as overRegionStates, in its order: the same figures bit for bit (placement.test.ts).
    let reachable = 0;
    for (let i = 0; i < R; i++) {
      const x = states[i] as RegionState;
      const c = configs[i] as RegionConfigs;
      if (x.region && x.balancer && c.allZonesDown === 0) {
        term.state[i] = 2;
        reachable |= 1 << i;
      } else {
        term.state[i] = EITHER;
        unreached[i] = unreachedOf(c, r, x.region && !x.balancer ? 1 : 0, x.region ? c.allZonesDown : 1);
      }
    }
    const out = emptySums();
    addTerm(term, out, 1, reachable);
    return figuresOf(out);
  };
}

/**
 * Where the users go when the regions of a bit mask are reachable: each region's share of the load (users' shares
 * added in their order), or null when some user reaches none of them. A function of the users and the mask alone,
 * while the states of the regions are 3^R: kept per users (ROUTE_CACHE_MAX sets of users, cleared when full).
 */
type Routes = Map<number, Float64Array | null>;
const ROUTE_CACHE = new Map<string, Routes>();
const ROUTE_CACHE_MAX = 64;

function routesFor(users: PlacedFleetInput['users'], R: number): Routes {
  let key = `${R}`;
  for (const u of users) key += `;${u.share}:${u.order.join(',')}`;
  let routes = ROUTE_CACHE.get(key);
  if (routes === undefined) {
    if (ROUTE_CACHE.size >= ROUTE_CACHE_MAX) ROUTE_CACHE.clear();
    routes = new Map();
    ROUTE_CACHE.set(key, routes);
  }
  return routes;
}

function route(routes: Routes, users: PlacedFleetInput['users'], R: number, reachable: number): Float64Array | null {
  let loads: Float64Array | null = new Float64Array(R);
  for (const u of users) {
    const to = u.order.find((x) => (reachable >> x) & 1);
    if (to === undefined) {
      loads = null;
      break;
    }
    loads[to] = (loads[to] as number) + u.share;
  }
  routes.set(reachable, loads);
  return loads;
}

/**
 * The sum over the states of the regions (see the top of this file), each region's zone tables given.
 *
 * The users' routes, and so which regions carry load, depend only on the set of reachable regions (a bit mask): a
 * region outside it, whether up behind its failed balancer (its pi) or gone (all copies down), carries no load and
 * enters only through its vector of down copies. So, per mask, its two states enter as one vector, the mixture
 * hidden pi + gone delta_r, and 2^R products are summed instead of 3^R (the same sum in exact arithmetic: each term
 * is linear in that region's vector). The pruning of states less likely than 1e-20 is kept as it was, state by
 * state: a group of states (one mask so far, each unreachable region hidden or gone) is summed as one while its
 * least likely state is at least 1e-20 (a float product is monotone in each factor, so that state's product, taken
 * in region order as before, is the least of the group's), added to prunedProbability whole when its most likely
 * state is below, and otherwise split in two on one of its unreachable regions (down, or behind its failed
 * balancer), each half a group again. `enumerate` walks every state on its own (the 3^R sum, kept as the reference
 * the grouped sum is tested against: placedFleetAvailabilityByStates). `routesIn`: the users' routes (routesFor), when the
 * caller holds them (placedFleetGiven: the same users at every call).
 */
function overRegionStates(
  input: Pick<PlacedFleetInput, 'regions' | 'replication' | 'writeQuorum' | 'users' | 'need'>,
  configs: readonly RegionConfigs[],
  regionA: readonly Availability[],
  balancerA: readonly Availability[],
  scratch?: Scratch,
  enumerate = false,
  routesIn?: Routes,
): PlacedFleetAvailability {
  const { regions, replication: r, writeQuorum, users, need } = input;
  const R = regions.length;
  const T = R * r;
  const K = T - writeQuorum; // most copies of the worst partition that may be down
  const sc = scratch ?? scratchFor(R, T);

  const allDown = allDownOf(r);

  // per region: reachable, up behind a failed balancer, or gone (region down, or every zone of it down). The
  // reachable and hidden weights leave out the all-zones-down share, which the region's vectors leave out too.
  const reach = regions.map(
    (_, i) => (regionA[i] as Availability).availability * (balancerA[i] as Availability).availability,
  );
  const hidden = regions.map(
    (_, i) => (regionA[i] as Availability).availability * (balancerA[i] as Availability).unavailability,
  );
  const gone = configs.map(
    (c, i) => (regionA[i] as Availability).unavailability + (regionA[i] as Availability).availability * c.allZonesDown,
  );
  // an unreachable region's two states as one (unreachedOf)
  const unreached = regions.map((_, i) =>
    unreachedOf(configs[i] as RegionConfigs, r, hidden[i] as number, gone[i] as number),
  );
  const out = emptySums();
  // state[i]: 0 region down, 1 up but its balancer down, 2 reachable, EITHER one of 0 and 1 (a group)
  const state = new Int8Array(R);

  const routes = routesIn ?? routesFor(users, R);
  // the vectors of the loaded regions when the regions of a mask are reachable (by region, null when it carries no
  // load): a function of the mask alone in this sum (need is pure), so found once per mask rather than per state
  const loadedByMask = new Map<number, (RegionVectors | null)[]>();
  const loadedAt = (reachable: number, loads: Float64Array): (RegionVectors | null)[] => {
    let byRegion = loadedByMask.get(reachable);
    if (byRegion === undefined) {
      byRegion = loadedVectors(configs, r, need, loads, new Array<RegionVectors | null>(R));
      loadedByMask.set(reachable, byRegion);
    }
    return byRegion;
  };
  const term: TermInputs = { R, r, T, K, users, routes, sc, state, configs, unreached, allDown, loadedAt };
  // One term of the sum: the states in `state` (a region in state EITHER as its mixture), of weight p (the product
  // of the weights of the regions in states 0 to 2).
  const leaf = (p: number, reachable: number) => addTerm(term, out, p, reachable);

  // State by state. reachable: the bit mask of the regions in state 2 so far.
  const walk = (i: number, p: number, reachable: number) => {
    if (p < PRUNE_BELOW) {
      out.prunedProbability += p;
      return;
    }
    if (i === R) {
      leaf(p, reachable);
      return;
    }
    // reachable, then up behind its failed balancer, then gone
    for (let s = 2; s >= 0; s--) {
      const q = (s === 2 ? reach[i] : s === 1 ? hidden[i] : gone[i]) as number;
      if (q === 0) continue;
      state[i] = s;
      walk(i + 1, p * q, reachable | (s === 2 ? 1 << i : 0));
    }
  };
  // Grouped: the regions in state EITHER stand for both of their states. The group's weights, each a product over
  // regions 0 .. i-1 in region order (as walk multiplies them): p, of the regions in states 0 to 2 (the leaf's weight:
  // those in EITHER are inside their mixture); least and most, of its least and likeliest state; all, of every
  // state of it (their sum).
  const weights = (i: number) => {
    let p = 1;
    let least = 1;
    let most = 1;
    let all = 1;
    for (let j = 0; j < i; j++) {
      const s = state[j];
      if (s === EITHER) {
        const u = unreached[j] as { least: number; most: number };
        least *= u.least;
        most *= u.most;
        all *= (hidden[j] as number) + (gone[j] as number);
        continue;
      }
      const q = (s === 2 ? reach[j] : s === 1 ? hidden[j] : gone[j]) as number;
      p *= q;
      least *= q;
      most *= q;
      all *= q;
    }
    return { p, least, most, all };
  };
  const group = (i: number, p: number, least: number, most: number, all: number, reachable: number) => {
    if (most < PRUNE_BELOW) {
      out.prunedProbability += all;
      return;
    }
    if (least < PRUNE_BELOW) {
      // some states of the group are pruned here and some not: split it on the region whose two states differ most
      let j = -1;
      let spread = 0;
      for (let k = 0; k < i; k++) {
        if (state[k] !== EITHER) continue;
        const u = unreached[k] as { least: number; most: number };
        if (j < 0 || u.most / u.least > spread) {
          j = k;
          spread = u.most / u.least;
        }
      }
      for (let s = 1; s >= 0; s--) {
        if (((s === 1 ? hidden[j] : gone[j]) as number) === 0) continue;
        state[j] = s;
        const w = weights(i);
        group(i, w.p, w.least, w.most, w.all, reachable);
      }
      state[j] = EITHER;
      return;
    }
    if (i === R) {
      leaf(p, reachable);
      return;
    }
    const a = reach[i] as number;
    if (a !== 0) {
      state[i] = 2;
      group(i + 1, p * a, least * a, most * a, all * a, reachable | (1 << i));
    }
    const u = unreached[i] as { least: number; most: number };
    if (u.most !== 0) {
      state[i] = EITHER;
      group(i + 1, p, least * u.least, most * u.most, all * ((hidden[i] as number) + (gone[i] as number)), reachable);
    }
  };
  if (enumerate) walk(0, 1, 0);
  else group(0, 1, 1, 1, 1, 0);

  return figuresOf(out);
}

/** Sums of no terms yet. */
function emptySums(): Sums {
  return { unreachable: 0, dataReads: 0, dataWrites: 0, capacity: 0, prunedProbability: 0, up: 0 };
}

/** The figures of a fleet from the sums of its terms. */
function figuresOf(out: Sums): PlacedFleetAvailability {
  const unavailability = Math.min(
    1,
    out.unreachable + out.dataReads + out.dataWrites + out.capacity + out.prunedProbability,
  );
  return {
    availability: Math.min(1, out.up),
    unavailability,
    unreachable: out.unreachable,
    dataReads: out.dataReads,
    dataWrites: out.dataWrites,
    capacity: out.capacity,
    prunedProbability: out.prunedProbability,
  };
}

/** The vector of a region that is gone: every one of its r copies down. */
function allDownOf(r: number): Float64Array {
  const v = new Float64Array(r + 1);
  v[r] = 1;
  return v;
}

/**
 * Into `byRegion`: each region's vectors for the nodes its share of the load needs (`loads`), null where it carries
 * none (a region's vectors depend only on its configs, which fix the replication, and the nodes it needs).
 */
function loadedVectors(
  configs: readonly RegionConfigs[],
  r: number,
  need: PlacedFleetInput['need'],
  loads: Float64Array,
  byRegion: (RegionVectors | null)[],
): (RegionVectors | null)[] {
  for (let i = 0; i < byRegion.length; i++) {
    const load = loads[i] as number;
    byRegion[i] = load > 0 ? vectorsOf(configs[i] as RegionConfigs, r, need(i, load)) : null;
  }
  return byRegion;
}

/** What one term of the sum over the states of the regions reads (overRegionStates; placedFleetGiven's one state). */
interface TermInputs {
  R: number;
  r: number;
  /** Copies of a partition over every region, and the most of them that may be down for writes. */
  T: number;
  K: number;
  users: PlacedFleetInput['users'];
  routes: Routes;
  sc: Scratch;
  /** Each region's state: 0 gone, 1 up behind its failed balancer, 2 reachable, EITHER one of 0 and 1. */
  state: Int8Array;
  configs: readonly RegionConfigs[];
  /** Each region's two unreachable states as one (read for the regions in state EITHER). */
  unreached: readonly Unreached[];
  /** The vector of a gone region: every copy down. */
  allDown: Float64Array;
  /** The vectors of the loaded regions when the regions of `reachable` are (null: no load there). */
  loadedAt: (reachable: number, loads: Float64Array) => readonly (RegionVectors | null)[];
}

/** The sums of the terms (overRegionStates's figures before their total). */
interface Sums {
  unreachable: number;
  dataReads: number;
  dataWrites: number;
  capacity: number;
  prunedProbability: number;
  up: number;
}

/**
 * Adds to `out` one term of the sum over the states of the regions: the states in `x.state` (a region in state
 * EITHER as its mixture), of weight p (the product of the weights of the regions in states 0 to 2), the regions of
 * the bit mask `reachable` reachable.
 */
function addTerm(x: TermInputs, out: Sums, p: number, reachable: number): void {
  const { R, r, T, K, state, sc } = x;
  // a mask from which some users reach no region is cached as null: only a missing entry is routed
  let loads = x.routes.get(reachable);
  if (loads === undefined) loads = route(x.routes, x.users, R, reachable);
  if (loads === null) {
    // the weights of regions still up leave out their all-zones-down share: put it back (mass = 1 - that share)
    let q = p;
    for (let i = 0; i < R; i++) {
      if (state[i] === EITHER) q *= (x.unreached[i] as Unreached).lost;
      else if (state[i] !== 0) q *= (x.configs[i] as RegionConfigs).mass;
    }
    out.unreachable += q;
    return;
  }
  // Regions without load enter as their pi (or all copies down when gone); loaded regions as pi, ok or short.
  let fixed = sc.fixed[0];
  let spare = sc.fixed[1];
  fixed[0] = 1;
  let fixedLen = 1;
  const loaded = sc.loaded;
  const loadedHere = x.loadedAt(reachable, loads);
  let L = 0;
  for (let i = 0; i < R; i++) {
    let v: Float64Array | null = null;
    const vl = loadedHere[i] as RegionVectors | null;
    if (state[i] === EITHER) v = (x.unreached[i] as Unreached).v;
    else if (state[i] === 0) v = x.allDown;
    else if (vl !== null) loaded[L++] = vl;
    else v = vectorsOf(x.configs[i] as RegionConfigs, r, 0).pi;
    if (v !== null) {
      fixedLen = convolveInto(spare, fixed, fixedLen, v, r + 1);
      [fixed, spare] = [spare, fixed];
    }
  }
  // all = fixed * pi_1 * ... * pi_L; the capacity term telescopes over the loaded regions:
  // sum_k fixed * ok_1..ok_(k-1) * short_k * pi_(k+1)..pi_L, from suffix products of pi and a running prefix of ok
  const suffix = sc.suffix;
  const suffixLen = sc.suffixLen;
  (suffix[L] as Float64Array)[0] = 1;
  suffixLen[L] = 1;
  for (let k = L - 1; k >= 0; k--) {
    suffixLen[k] = convolveInto(
      suffix[k] as Float64Array,
      suffix[k + 1] as Float64Array,
      suffixLen[k + 1] as number,
      (loaded[k] as RegionVectors).pi,
      r + 1,
    );
  }
  // each suffix's sums from the bottom (below[k][m] = suffix_k[0] + ... + suffix_k[m]), for the capacity term
  for (let k = 1; k <= L; k++) {
    const s = suffix[k] as Float64Array;
    const b = sc.below[k] as Float64Array;
    let acc = 0;
    for (let m = 0; m < (suffixLen[k] as number); m++) {
      acc += s[m] as number;
      b[m] = acc;
    }
  }
  const all = sc.all;
  const allLen = convolveInto(all, fixed, fixedLen, suffix[0] as Float64Array, suffixLen[0] as number);
  const reads = sumRange(all, allLen, T, T);
  const writes = sumRange(all, allLen, K + 1, T - 1);
  let capacity = 0;
  let prefix = fixed;
  let prefixLen = fixedLen;
  const t1 = sc.tmp;
  for (let k = 0; k < L; k++) {
    const v = loaded[k] as RegionVectors;
    const n1 = convolveInto(t1, prefix, prefixLen, v.short, r + 1);
    // (t1 * suffix_(k+1))[0 .. K] summed = sum_i t1[i] (suffix_(k+1)[0] + ... + suffix_(k+1)[K - i])
    const below = sc.below[k + 1] as Float64Array;
    const last = (suffixLen[k + 1] as number) - 1;
    for (let i = 0; i < n1 && i <= K; i++) {
      const m = K - i;
      capacity += (t1[i] as number) * (below[Math.min(m, last)] as number);
    }
    const next = prefix === sc.prefix[0] ? sc.prefix[1] : sc.prefix[0];
    prefixLen = convolveInto(next, prefix, prefixLen, v.ok, r + 1);
    prefix = next;
  }
  out.dataReads += p * reads;
  out.dataWrites += p * writes;
  out.capacity += p * capacity;
  out.up += p * Math.max(0, sumRange(all, allLen, 0, K) - capacity);
}

/** A region's vectors for `need` nodes, kept with its configs (they depend on nothing else). */
function vectorsOf(c: RegionConfigs, r: number, need: number | null): RegionVectors {
  let v = c.vectors.get(need);
  if (v === undefined) {
    v = vectorsFor(c, r, need);
    c.vectors.set(need, v);
  }
  return v;
}

/**
 * An unreachable region's two states as one (overRegionStates), of hidden weight h (up behind its failed balancer)
 * and gone weight g: its vector of down copies (h pi + g delta_r), the weight it gives a state where some users reach
 * no region (h mass + g), and its likeliest and least likely state. A function of the region's configs and the two
 * weights: kept with the configs when the weights are 0 or 1 (a fleet conditioned on the shared states).
 */
function unreachedOf(c: RegionConfigs, r: number, h: number, g: number): Unreached {
  const slot = (h === 0 || h === 1) && (g === 0 || g === 1) ? 2 * h + g : -1;
  const kept = slot < 0 ? undefined : c.unreachedBy[slot];
  if (kept !== undefined) return kept;
  const pi = vectorsOf(c, r, 0).pi;
  const v = new Float64Array(r + 1);
  for (let d = 0; d <= r; d++) v[d] = h * (pi[d] as number) + (d === r ? g : 0);
  const u = {
    v,
    lost: h * c.mass + g,
    least: h === 0 ? g : g === 0 ? h : Math.min(h, g),
    most: Math.max(h, g),
  };
  if (slot >= 0) c.unreachedBy[slot] = u;
  return u;
}
