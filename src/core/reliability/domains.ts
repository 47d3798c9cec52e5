/**
 * Failure domains: nodes placed in zones, zones placed in regions.
 *
 * Model (steady state, all states independent): each node, each zone and each region is up or down with its own
 * availability; a node serves only while it, its zone and its region are all up. The service is up while at least
 * `need` nodes serve. This is a k-out-of-n system whose components share common-cause failure domains; conditioning
 * on the domain states makes the nodes independent again (Trivedi, *Probability and Statistics with Reliability,
 * Queuing and Computer Science Applications*, 2nd ed., conditioning / total probability for systems with shared
 * components; Barlow & Proschan, *Statistical Theory of Reliability and Life Testing*, 1975, k-out-of-n structures).
 *
 * Given its zone and region are up, the number of serving nodes in a zone of s nodes is Binomial(s, p); otherwise 0.
 * So, as probability mass functions over the number of nodes serving:
 *
 *   zone   = A_zone * Binomial(s, p) + U_zone * delta_0
 *   region = A_region * (zone_1 * zone_2 * ... )  + U_region * delta_0      (* is convolution)
 *   fleet  = region_1 * region_2 * ...
 *
 * Every entry is a sum of products of non-negative numbers: nothing is subtracted, so a tail of 1e-15 keeps its
 * digits; availability and unavailability are both summed directly from the pmf.
 */
import type { Availability } from './availability.js';
import {
  binomialPmf,
  binomialTails,
  binomialTailsMany,
  checkAvailability,
  checkCount,
  series,
} from './availability.js';

export interface ZoneLayout {
  availability: Availability;
  nodes: number;
}

export interface RegionLayout {
  availability: Availability;
  zones: readonly ZoneLayout[];
}

function checkPmf(pmf: Float64Array, name: string): void {
  if (!(pmf instanceof Float64Array) || pmf.length === 0) {
    throw new RangeError(`${name} must be a non-empty Float64Array`);
  }
  for (let i = 0; i < pmf.length; i++) {
    const x = pmf[i] as number;
    if (!(x >= 0 && x <= 1 + 1e-9)) throw new RangeError(`${name}[${i}] must be a probability in [0, 1], got ${x}`);
  }
}

/**
 * Convolution of two pmfs of independent counts: c[i] = sum_{j} a[j] b[i - j], length a.length + b.length - 1
 * (the pmf of the sum). Every entry is a sum of non-negative products. Zero entries of `a` are skipped and `b` is
 * scanned only between its first and last non-zero entries, so pmfs with long zero stretches convolve quickly;
 * worst case O(a.length * b.length).
 */
export function convolvePmf(a: Float64Array, b: Float64Array): Float64Array {
  checkPmf(a, 'a');
  checkPmf(b, 'b');
  return convolveUnchecked(a, b);
}

function convolveUnchecked(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length - 1);
  let lo = 0;
  while (lo < b.length && b[lo] === 0) lo++;
  let hi = b.length - 1;
  while (hi >= lo && b[hi] === 0) hi--;
  for (let i = 0; i < a.length; i++) {
    const ai = a[i] as number;
    if (ai === 0) continue;
    for (let j = lo; j <= hi; j++) out[i + j] = (out[i + j] as number) + ai * (b[j] as number);
  }
  return out;
}

/**
 * P(X >= k) = sum of pmf[j] for j >= k, summed directly (k <= 0 gives the total mass, k >= length gives 0); capped
 * at 1 against rounding.
 */
export function probAtLeast(pmf: Float64Array, k: number): number {
  checkPmf(pmf, 'pmf');
  if (typeof k !== 'number' || !Number.isSafeInteger(k)) throw new RangeError(`k must be an integer, got ${k}`);
  let sum = 0;
  for (let j = pmf.length - 1; j >= Math.max(k, 0); j--) sum += pmf[j] as number;
  return Math.min(sum, 1);
}

/**
 * P(X < k) = sum of pmf[j] for j < k, summed directly (k <= 0 gives 0, k >= length gives the total mass); capped at 1
 * against rounding.
 */
export function probBelow(pmf: Float64Array, k: number): number {
  checkPmf(pmf, 'pmf');
  if (typeof k !== 'number' || !Number.isSafeInteger(k)) throw new RangeError(`k must be an integer, got ${k}`);
  let sum = 0;
  for (let j = Math.min(k, pmf.length) - 1; j >= 0; j--) sum += pmf[j] as number;
  return Math.min(sum, 1);
}

/**
 * The pmf of the number of nodes serving in one region (length = nodes in the region + 1), with node availability
 * `node`: condition on the region and on each zone being up, convolve the per-zone binomials (see the model at the
 * top of this file). O(N^2) in the region's node count N; meant for layouts up to a few thousand nodes (the fleet
 * calculator below uses a cheaper decomposition). A region with no zones, or zones with no nodes, has the pmf [1].
 */
export function regionUpNodesPmf(region: RegionLayout, node: Availability): Float64Array {
  checkAvailability(node, 'node');
  if (region === null || typeof region !== 'object') throw new RangeError('region must be a RegionLayout');
  checkAvailability(region.availability, 'region.availability');
  if (!Array.isArray(region.zones)) throw new RangeError('region.zones must be an array of ZoneLayout');
  region.zones.forEach((zone, i) => {
    if (zone === null || typeof zone !== 'object') throw new RangeError(`region.zones[${i}] must be a ZoneLayout`);
    checkAvailability(zone.availability, `region.zones[${i}].availability`);
    checkCount(zone.nodes, `region.zones[${i}].nodes`, 0);
  });
  let pmf: Float64Array = Float64Array.of(1);
  for (const zone of region.zones) {
    const zonePmf = binomialPmf(zone.nodes, node);
    mixWithAllDown(zonePmf, zone.availability);
    pmf = convolveUnchecked(pmf, zonePmf);
  }
  mixWithAllDown(pmf, region.availability);
  normalize(pmf);
  return pmf;
}

/** In place: divide by the total so rounding never lets the entries sum past 1 (a relative change of a few ulps). */
function normalize(pmf: Float64Array): void {
  let total = 0;
  for (let j = 0; j < pmf.length; j++) total += pmf[j] as number;
  for (let j = 0; j < pmf.length; j++) pmf[j] = (pmf[j] as number) / total;
}

/** In place: pmf := A * pmf + U * delta_0 (the domain is up with probability A, else nothing below it serves). */
function mixWithAllDown(pmf: Float64Array, domain: Availability): void {
  for (let j = 0; j < pmf.length; j++) pmf[j] = (pmf[j] as number) * domain.availability;
  pmf[0] = (pmf[0] as number) + domain.unavailability;
}

const NEVER_FAILS: Availability = { availability: 1, unavailability: 0 };

export const METHOD_K_OF_N = 'exact (k-of-n binomial tail over independent identical nodes)';
export const METHOD_DOMAINS = 'exact (k-of-n over independent node, zone and region states)';

/**
 * Availability of a fleet of `nodes` identical independent nodes of which at least `need` must be up, optionally
 * spread over failure domains:
 * - node i goes to zone i % zones.count, so zones hold floor(nodes / zones) or one more node;
 * - zone z goes to region z % regions.count;
 * - `zones` omitted: one zone that never fails; `regions` omitted: one region that never fails.
 * regions.count may not exceed the number of zones (a region without zones would be a misconfiguration; with zones
 * omitted, regions.count must be 1). zones.count may exceed nodes: the empty zones then change nothing.
 *
 * Without domains this is kOfN(need, nodes, node): O(width of the binomial) <= O(nodes).
 *
 * With domains, the model of this file is evaluated exactly through a cheaper decomposition than full
 * convolution: given which zones and regions are up, the serving count is Binomial(M, p) where M is the number of
 * nodes in up zones of up regions. So
 *
 *   A = sum_M P(M) P(Binomial(M, p) >= need),   U = sum_M P(M) P(Binomial(M, p) < need)
 *
 * where P(M) is the pmf of M, built per region as A_region * (binomials of the number of up zones of each size,
 * with zone availability) + U_region * delta_0 and convolved over regions on its (sparse) support, and the tails
 * come from `binomialTailsMany` (one binomial tail per M, or one negative-binomial sweep over the range of M).
 * All sums are of non-negative terms; neither result is 1 minus the other. When there are at least as many zones
 * as nodes, each node and its zone form one series component (`series`) and the regions play the zones' part.
 *
 * Cost: the support of M has at most (small zones + 1) * (large zones + 1) points (zones hold one of two sizes);
 * convolving the regions costs at most (support of the fleet) * (support of one region) per region, and the
 * tails O(range of M + width of the binomial). 100,000 to 1,000,000 nodes over up to a few hundred zones take
 * milliseconds to ~0.2 s; about a thousand zones of low availability (U ~ 0.1) over ten regions take ~0.7 s, and
 * hundreds of thousands of multi-node zones over several regions about a second.
 */
export function fleetAvailability(opts: {
  nodes: number;
  need: number;
  node: Availability;
  zones?: { count: number; each: Availability };
  regions?: { count: number; each: Availability };
}): Availability & { method: string } {
  if (opts === null || typeof opts !== 'object') throw new RangeError('opts must be an object');
  const { nodes, need, node, zones, regions } = opts;
  checkCount(nodes, 'nodes', 1);
  checkCount(need, 'need', 1);
  if (need > nodes) throw new RangeError(`need must be <= nodes (${nodes}), got ${need}`);
  checkAvailability(node, 'node');
  if (zones !== undefined) {
    checkCount(zones.count, 'zones.count', 1);
    checkAvailability(zones.each, 'zones.each');
  }
  const zoneCount = zones?.count ?? 1;
  if (regions !== undefined) {
    checkCount(regions.count, 'regions.count', 1);
    if (regions.count > zoneCount) {
      throw new RangeError(`regions.count must be <= the number of zones (${zoneCount}), got ${regions.count}`);
    }
    checkAvailability(regions.each, 'regions.each');
  }

  if (zones === undefined && regions === undefined) {
    const { below, atLeast } = binomialTails(nodes, need, node);
    return { availability: atLeast, unavailability: below, method: METHOD_K_OF_N };
  }

  if (zones !== undefined && zones.count >= nodes) {
    // Every zone holds at most one node (node i in zone i): a node and its zone are one series component, and the
    // regions become the zones of those merged nodes (node i in region i % regions.count).
    const merged = fleetAvailability({
      nodes,
      need,
      node: series([node, zones.each]),
      ...(regions !== undefined ? { zones: regions } : {}),
    });
    return { availability: merged.availability, unavailability: merged.unavailability, method: METHOD_DOMAINS };
  }

  const zoneA = zones?.each ?? NEVER_FAILS;
  const regionCount = regions?.count ?? 1;
  const regionA = regions?.each ?? NEVER_FAILS;

  // Zone z holds `small` nodes, plus one if z < extra. Count each region's zones of each size.
  const small = Math.floor(nodes / zoneCount);
  const extra = nodes % zoneCount;
  const smallZonesIn = new Array<number>(regionCount).fill(0);
  const largeZonesIn = new Array<number>(regionCount).fill(0);
  for (let z = 0; z < zoneCount; z++) {
    const r = z % regionCount;
    if (z < extra) largeZonesIn[r] = (largeZonesIn[r] as number) + 1;
    else smallZonesIn[r] = (smallZonesIn[r] as number) + 1;
  }

  // P(M), M = nodes in up zones of up regions, as a dense array over 0..nodes with its support listed.
  let fleet: SparsePmf = { prob: Float64Array.of(1), support: [0] };
  const cache = new Map<string, SparsePmf>();
  for (let r = 0; r < regionCount; r++) {
    const zs = smallZonesIn[r] as number;
    const zl = largeZonesIn[r] as number;
    const key = `${zs},${zl}`;
    let regionPmf = cache.get(key);
    if (regionPmf === undefined) {
      regionPmf = regionSlotsPmf(zs, small, zl, small + 1, zoneA, regionA);
      cache.set(key, regionPmf);
    }
    fleet = convolveSparse(fleet, regionPmf);
  }

  let availability = 0;
  let unavailability = 0;
  const enough: number[] = [];
  for (const m of fleet.support) {
    if (m < need) unavailability += fleet.prob[m] as number;
    else enough.push(m);
  }
  const tails = binomialTailsMany(enough, need, node);
  enough.forEach((m, i) => {
    const pm = fleet.prob[m] as number;
    availability += pm * (tails.atLeast[i] as number);
    unavailability += pm * (tails.below[i] as number);
  });
  // P(M) sums to 1 only within rounding: divide by the total so the results are in [0, 1] and sum to 1.
  const total = availability + unavailability;
  return { availability: availability / total, unavailability: unavailability / total, method: METHOD_DOMAINS };
}

/** A pmf over 0..prob.length-1 whose non-zero entries are all at the (ascending) indices in `support`. */
interface SparsePmf {
  prob: Float64Array;
  support: number[];
}

/**
 * pmf of the number of node slots in up zones of one region with `zs` zones of `s` nodes and `zl` zones of `l`
 * nodes: A_region * sum_{a,b} Bin(zs, A_zone)(a) Bin(zl, A_zone)(b) delta_{a s + b l} + U_region * delta_0.
 */
function regionSlotsPmf(
  zs: number,
  s: number,
  zl: number,
  l: number,
  zoneA: Availability,
  regionA: Availability,
): SparsePmf {
  const prob = new Float64Array(zs * s + zl * l + 1);
  const upSmall = binomialPmf(zs, zoneA);
  const upLarge = binomialPmf(zl, zoneA);
  for (let a = 0; a <= zs; a++) {
    const pa = upSmall[a] as number;
    if (pa === 0) continue;
    for (let b = 0; b <= zl; b++) {
      const pb = upLarge[b] as number;
      if (pb === 0) continue;
      const m = a * s + b * l;
      prob[m] = (prob[m] as number) + regionA.availability * (pa * pb);
    }
  }
  prob[0] = (prob[0] as number) + regionA.unavailability;
  return { prob, support: supportOf(prob) };
}

function supportOf(prob: Float64Array): number[] {
  const support: number[] = [];
  for (let i = 0; i < prob.length; i++) if (prob[i] !== 0) support.push(i);
  return support;
}

/** Convolution over the supports only: O(|support a| * |support b| + length). */
function convolveSparse(a: SparsePmf, b: SparsePmf): SparsePmf {
  const prob = new Float64Array(a.prob.length + b.prob.length - 1);
  for (const i of a.support) {
    const ai = a.prob[i] as number;
    for (const j of b.support) prob[i + j] = (prob[i + j] as number) + ai * (b.prob[j] as number);
  }
  return { prob, support: supportOf(prob) };
}
