/**
 * The frontier: of a list of designs, those that no other design beats on cost, nines and p99 together (the Pareto
 * set of three objectives: lower `cost.usdPerMonth`, more `availability.nines`, lower `latency.p99Ms`; a null p99, an
 * unstable queue, is worse than any number).
 *
 * A design q dominates p when q is no worse on all three and strictly better on at least one. Designs equal on all
 * three keep one, the first by rank (meets every target first, then the smaller shortfall, fewer nodes, fewer regions,
 * then the order given).
 *
 * The figures are compared at FRONTIER_RESOLUTION (the cent, 0.01 nines, 0.01 ms): closer than that they are equal.
 *
 * Method: sort by (cost ascending, nines descending, p99 ascending, rank). Every design that dominates p, or equals it
 * on all three and ranks before it, comes before p in that order, so one pass that tests each design against the
 * frontier kept so far is exact: if some earlier q dominates p, then q is on the frontier or is itself dominated by an
 * earlier frontier member, which then dominates p (domination is transitive). Cost: O(n log n + n * f) for n designs
 * and a frontier of f (Kung, Luccio and Preparata 1975 give O(n log n) for three objectives; f is small here).
 *
 * Pure: designs in, entries out.
 */

import { designSummary } from './recommend.js';
import type { ArchitectureResult, ComparisonResult, FrontierEntry } from './result.js';

/** At most this many entries are reported; the rest are spread evenly by cost (see capFrontier). */
export const FRONTIER_MAX_ENTRIES = 40;

/**
 * The resolution the figures are compared at: the cent, a hundredth of a nine and a hundredth of a millisecond (what
 * the reports show, or finer). Two designs whose p99 differ by 0.0003 ms, an artefact of the arithmetic, are equal on
 * p99 rather than each on the frontier for it.
 */
export const FRONTIER_RESOLUTION = { usdPerMonth: 0.01, nines: 0.01, p99Ms: 0.01 } as const;

/**
 * The three objectives as numbers to minimise, at FRONTIER_RESOLUTION: cost, minus the nines, and the p99 (a null
 * p99, an unstable queue, is +Infinity: worse than any number).
 */
export function objectives(a: {
  cost: Pick<ArchitectureResult['cost'], 'usdPerMonth'>;
  availability: Pick<ArchitectureResult['availability'], 'nines'>;
  latency: Pick<ArchitectureResult['latency'], 'p99Ms'>;
}): [number, number, number] {
  const r = FRONTIER_RESOLUTION;
  const p99 = a.latency.p99Ms;
  return [
    Math.round(a.cost.usdPerMonth / r.usdPerMonth),
    -Math.round(a.availability.nines / r.nines),
    p99 === null ? Number.POSITIVE_INFINITY : Math.round(p99 / r.p99Ms),
  ];
}

/** Rank among designs equal on cost, nines and p99: meets every target first, smaller shortfall, fewer nodes and
 * regions. */
function rankCompare(a: ArchitectureResult, b: ArchitectureResult): number {
  return (
    (a.feasible ? 0 : 1) - (b.feasible ? 0 : 1) ||
    a.shortfall - b.shortfall ||
    a.nodes - b.nodes ||
    a.regions.length - b.regions.length
  );
}

type Objectives = readonly [number, number, number];

const noWorseOn = (q: Objectives, p: Objectives): boolean => q[0] <= p[0] && q[1] <= p[1] && q[2] <= p[2];

/** Whether `q` dominates `p`: no worse on cost, nines and p99, strictly better on at least one. */
export function dominates(q: ArchitectureResult, p: ArchitectureResult): boolean {
  const x = objectives(q);
  const y = objectives(p);
  return noWorseOn(x, y) && (x[0] < y[0] || x[1] < y[1] || x[2] < y[2]);
}

/** a - b for objectives that may be +Infinity (both infinite: equal, where a - b would be NaN). */
const minus = (a: number, b: number): number => (a === b ? 0 : a - b);

/**
 * The non-dominated designs of `designs`, sorted by cost (then more nines, then lower p99). Designs equal on all
 * three objectives appear once, the first by rank. The designs themselves, not copies.
 */
export function nonDominated(designs: readonly ArchitectureResult[]): ArchitectureResult[] {
  const order = designs
    .map((a, i) => ({ a, i, o: objectives(a) }))
    .sort(
      (x, y) =>
        minus(x.o[0], y.o[0]) || minus(x.o[1], y.o[1]) || minus(x.o[2], y.o[2]) || rankCompare(x.a, y.a) || x.i - y.i,
    );
  const front: { a: ArchitectureResult; o: Objectives }[] = [];
  for (const x of order) {
    // an earlier design no worse on all three either dominates this one or equals it and ranks first
    if (!front.some((f) => noWorseOn(f.o, x.o))) front.push(x);
  }
  return front.map((f) => f.a);
}

/**
 * Add `r` to `front`, a list kept non-dominated (by objectives; on equal objectives the better rank, then `tie`'s
 * order, then the one already there), so that the search keeps only what the frontier can show: nonDominated over the
 * kept list equals nonDominated over every design offered (a design left out is dominated, or equalled and outranked,
 * by one kept or by one that a kept design in turn dominates: the relation is transitive). Memory stays the size of
 * the frontier. `tie` (negative: its first argument first; 0: no order): the horizontal search's places of its
 * designs, so that which of two equal designs is kept does not depend on the order they are met in.
 */
export function meet(
  front: ArchitectureResult[],
  r: ArchitectureResult,
  tie: (a: ArchitectureResult, b: ArchitectureResult) => number = () => 0,
): void {
  const o = objectives(r);
  for (const f of front) {
    const of = objectives(f);
    if (noWorseOn(of, o) && (of[0] < o[0] || of[1] < o[1] || of[2] < o[2] || (rankCompare(f, r) || tie(f, r)) <= 0))
      return;
  }
  let k = 0;
  for (const f of front) {
    const of = objectives(f);
    // r dominates f, or equals it and ranks before it
    const drop =
      noWorseOn(o, of) && (o[0] < of[0] || o[1] < of[1] || o[2] < of[2] || (rankCompare(r, f) || tie(r, f)) < 0);
    if (!drop) front[k++] = f;
  }
  front.length = k;
  front.push(r);
}

/**
 * At most `max` of `sorted` (ascending by cost): every `pinned` entry (the result's own designs: the recommendation
 * must be on the frontier it is shown on), the cheapest and the dearest, and between them the entry nearest to each of
 * the evenly spaced costs left (the next unused one when the nearest is taken), in cost order.
 */
export function capFrontier<T extends { cost: { usdPerMonth: number } }>(
  sorted: readonly T[],
  max = FRONTIER_MAX_ENTRIES,
  pinned: ReadonlySet<T> = new Set(),
): T[] {
  if (sorted.length <= max) return [...sorted];
  const pins = sorted.map((x, i) => (pinned.has(x) ? i : -1)).filter((i) => i >= 0);
  if (pins.length === 0) return spreadByCost(sorted, max);
  const spread = new Set(spreadByCost(sorted, Math.max(2, max - pins.length)));
  for (const i of pins) spread.add(sorted[i] as T);
  return sorted.filter((x) => spread.has(x));
}

/** `max` entries of `sorted` spread evenly by cost (see capFrontier), the cheapest and the dearest included. */
function spreadByCost<T extends { cost: { usdPerMonth: number } }>(sorted: readonly T[], max: number): T[] {
  if (sorted.length <= max) return [...sorted];
  if (max <= 0) return [];
  if (max === 1) return [sorted[0] as T];
  const last = sorted.length - 1;
  const lo = (sorted[0] as T).cost.usdPerMonth;
  const hi = (sorted[last] as T).cost.usdPerMonth;
  const used = new Set<number>([0, last]);
  for (let k = 1; k < max - 1; k++) {
    const target = lo + ((hi - lo) * k) / (max - 1);
    // the first index whose cost is >= target (binary search), then the nearer of it and the one before
    let a = 0;
    let b = last;
    while (a < b) {
      const m = (a + b) >> 1;
      if ((sorted[m] as T).cost.usdPerMonth < target) a = m + 1;
      else b = m;
    }
    let best = a;
    if (a > 0 && target - (sorted[a - 1] as T).cost.usdPerMonth < (sorted[a] as T).cost.usdPerMonth - target) {
      best = a - 1;
    }
    // taken: the nearest unused index on either side (there is one: fewer than max < length are used)
    for (let d = 0; used.has(best); d++) {
      if (best + d <= last && !used.has(best + d)) best += d;
      else if (best - d >= 0 && !used.has(best - d)) best -= d;
    }
    used.add(best);
  }
  return [...used].sort((x, y) => x - y).map((i) => sorted[i] as T);
}

/**
 * The frontier entries of `designs`: the non-dominated ones, at most `max`, sorted by cost. A design keeps its name
 * when it is one of `named` (the result's architectures) or was written in the scenario; a searched design that is
 * not one of them gets its kind and summary as its name ("horizontal: 42 x m7i.2xlarge over 3 zones in 2 regions"),
 * with its regions, then a number, added when names would repeat.
 */
export function frontierOf(
  designs: readonly ArchitectureResult[],
  named: readonly ArchitectureResult[] = [],
  max = FRONTIER_MAX_ENTRIES,
): { entries: FrontierEntry[]; nonDominated: number } {
  const front = nonDominated(designs);
  const keepName = new Set(named);
  const kept = capFrontier(front, max, keepName);
  const base = kept.map((a) =>
    a.origin === 'explicit' || keepName.has(a) ? a.name : `${a.kind}: ${designSummary(a)}`,
  );
  const counts = new Map<string, number>();
  for (const x of base) counts.set(x, (counts.get(x) ?? 0) + 1);
  const withRegions = kept.map((a, i) => {
    const x = base[i] as string;
    return (counts.get(x) ?? 0) > 1 ? `${x} (${a.regions.join(', ')})` : x;
  });
  const seen = new Map<string, number>();
  const names = withRegions.map((x) => {
    const k = (seen.get(x) ?? 0) + 1;
    seen.set(x, k);
    return k === 1 ? x : `${x} #${k}`;
  });
  const entries = kept.map((a, i) => ({
    name: names[i] as string,
    kind: a.kind,
    summary: designSummary(a),
    cost: { usdPerMonth: a.cost.usdPerMonth },
    availability: { nines: a.availability.nines },
    latency: { p99Ms: a.latency.p99Ms },
    meetsTargets: a.feasible,
  }));
  return { entries, nonDominated: front.length };
}

/**
 * The frontier fields of a result: over `seen` (every design the search evaluated, with the searched `architectures`
 * first so that they keep their names) when the scenario names no architectures, else over the candidates.
 */
export function resultFrontier(
  architectures: readonly ArchitectureResult[],
  seen: readonly ArchitectureResult[] | null,
): Pick<ComparisonResult, 'frontier' | 'frontierOf' | 'frontierNonDominated'> {
  const f = frontierOf(seen === null ? architectures : [...architectures, ...seen], architectures);
  return {
    frontier: f.entries,
    frontierOf: seen === null ? 'candidates' : 'search',
    frontierNonDominated: f.nonDominated,
  };
}
