/**
 * The cheapest combination of tier designs that meets every target: each tier's options (tierOptions.ts) are
 * screened on what the tier alone decides (its utilisation, memory and durability, its own availability, which bounds
 * the series', and the p99 of its own part of the sum, which bounds the p99 of the sum), sorted by cost, and the
 * combinations are visited in order of total cost (best-first over the sum: a heap of index tuples, each popped
 * tuple's successors raise one tier's index). The first combination that meets every end-to-end target is the
 * cheapest that does (the cost is the sum of the tiers' costs); when none does within MAX_SYSTEM_EVALUATIONS, the
 * closest found (size.ts's ranking) is returned with a note. A combination whose shortfall floor (systemResult.ts
 * shortfallFloor: its tiers' capacity excess, its price's budget excess, the availability its changes and independent
 * tiers leave) proves it ranks after the best found is passed over unevaluated (counted as visited: the search stops
 * where it would have); last, the same floor with the system's exact availability (shortfallFloorAt: computed before
 * the latency, the evaluation then reads it from systemAvailability's memo). A floor proves it when it is larger than
 * the best's shortfall to 1e-4, or equal to it at a price a cent dearer (rankKey's next element: issue 18, the
 * payment example's searches evaluated 47 combinations, most tied with the best on the availability they all miss,
 * now 10). Combinations are screened on the p99 alone
 * (systemResult's screen: every figure the targets and the ranking read is exact) and the choice is evaluated in full.
 * The screen decides whether the p99 meets the target by ONE survival at the target, P(T > target) <= 1 - 0.99, where
 * that decision is sure (systemLatency.ts, p99WithinBySurvival; else by the quantile, as the full evaluation), and
 * computes the p99 itself only when the ranking reads it: a combination that misses the p99 is first ranked on its
 * shortfall without the p99 term (shortfallBesideP99, a lower bound), and when that alone ranks it after the best
 * found (cannotBeat), its p99 is not computed (issue 18: social-startup-changes's searches computed 2,742 p99s, now
 * 172).
 * Once a combination's price alone proves that it misses the budget by more than the closest found misses its targets
 * (shortfallBound.ts), so does every later one (they cost no less): none of them is evaluated, and the search ends as
 * it would have after visiting them (stopped, with the note, exactly when more than MAX_SYSTEM_EVALUATIONS
 * combinations exist). Pure.
 */

import { MinHeap } from '../../core/math/minHeap.js';
import { responseSum } from '../../core/queueing/index.js';
import type { Tier } from '../../scenario/types.js';
import type { Context } from '../context.js';
import type { ArchitectureResult } from '../result.js';
import { better } from '../size.js';
import { tierCalls } from '../tierDemand.js';
import { budgetShortfallBound, cannotBeat, rankedAfter } from './shortfallBound.js';
import { systemAvailability } from './systemAvailability.js';
import { type InRegionRtt, p99WithinByTail } from './systemLatency.js';
import { shortfallBesideP99, shortfallFloor, shortfallFloorAt, systemResult } from './systemResult.js';
import type { TierOption } from './tierOption.js';

/** The most combinations of tier designs evaluated end to end by one search. */
export const MAX_SYSTEM_EVALUATIONS = 1500;

/** The exact unavailability of the system of `options` (systemAvailability, memoised: its evaluation reads the same). */
function unavailabilityOf(ctx: Context, options: readonly TierOption[]): number {
  const names = (ctx.scenario.tiers as Tier[]).map((t) => t.name);
  return systemAvailability(ctx, names, options).figure.availability.unavailability;
}

/**
 * Whether a tier's option passes what the tier alone decides (see the module comment). `bySurvival` (false: the
 * reference the tests hold it to): whether a serving region's bound is within the target decided by one survival,
 * P(part > target - network) against 1 - 0.99, where that is sure (systemLatency.ts p99WithinByTail, its margin in
 * time taken relative to the target: the quantile's tolerance and the rounding of network + p99 are far inside it), by
 * the part's p99 where it is not; every serving region's part is still built and must be stable, as before.
 */
export function screenOption(
  ctx: Context,
  tiers: readonly Tier[],
  o: TierOption,
  minNetworkS: number,
  bySurvival = true,
): boolean {
  // utilisation and memory first: known without evaluating the option (the same figures as its result's)
  if (!(o.utilization <= ctx.scenario.targets.maxUtilization) || !o.memoryFits) return false;
  const m = o.result.meetsTargets;
  if (!m.utilization || !m.memory || m.durability === false || !m.availability) return false;
  const t = ctx.scenario.targets;
  const tier = tiers[o.tier] as Tier;
  const q = tierCalls(tiers)[o.tier]?.reachProbability ?? 1;
  // the sum is at least the users' network plus this tier's part (every term is non-negative), on every route; a
  // tier at a region serves some users, so its least loaded serving queue bounds the p99 from below. The part's own
  // lower bound: its calls' waits independent, no network between them (sameStation.independentWaits)
  // every user's p99 is at least the lowest of the regions' bounds: the target fails for all users together and for
  // each user region alone unless some region's bound is within it
  const limitS = t.p99S * (1 + 1e-9);
  let within = false;
  for (const s of o.serving) {
    const sum = responseSum([
      {
        queue: s.queue,
        calls: tier.callsPerRequest,
        callProbability: q,
        sameStation: { queues: s.queues, independentWaits: true },
      },
    ]);
    if (!sum.stable) return false;
    if (within) continue;
    const sure = bySurvival ? p99WithinByTail(sum.tail(limitS - minNetworkS), limitS) : null;
    within = sure ?? minNetworkS + sum.quantile(0.99) <= limitS;
  }
  return within;
}

/**
 * A tier's options sorted by cost, those passing the screen only; when none passes, all (the closest miss is wanted).
 * Screened lazily, in order of cost: `at(k)` screens only as far as the k-th passing option, so a search evaluates
 * (TierOption.result) only the options it reaches. The list is the same as screening every option and then sorting
 * the passes by cost (the sort is stable: options of one cost keep their order), and so is the fallback to all.
 */
export class ScreenedOptions {
  private readonly sorted: TierOption[];
  private readonly pass: TierOption[] = [];
  /** Options of `sorted` screened so far. */
  private screenedUpTo = 0;
  /** No option passes: the list is every option. */
  private all = false;

  constructor(
    options: readonly TierOption[],
    private readonly screen: (o: TierOption) => boolean,
  ) {
    this.sorted = [...options].sort((a, b) => a.usdPerMonth - b.usdPerMonth);
  }

  /** The k-th option of the list, or undefined past its end. */
  at(k: number): TierOption | undefined {
    if (this.all) return this.sorted[k];
    while (this.pass.length <= k && this.screenedUpTo < this.sorted.length) {
      const o = this.sorted[this.screenedUpTo] as TierOption;
      this.screenedUpTo += 1;
      if (this.screen(o)) this.pass.push(o);
    }
    if (k < this.pass.length) return this.pass[k];
    if (this.pass.length === 0) {
      this.all = true;
      return this.sorted[k];
    }
    return undefined;
  }

  /** How many options the list is known to hold so far (at least; all of them once every option is screened). */
  get known(): number {
    return this.all ? this.sorted.length : this.pass.length;
  }
}

/**
 * The cheapest combination of `optionsByTier` (one list per tier, in tier order) that meets every target, or the
 * closest (see the module comment). `prune`: false evaluates every combination the search visits (the reference the
 * tests hold the pruned search to); `stats`: the combinations passed over on their shortfall floor.
 */
export function searchSystem(
  ctx: Context,
  name: string,
  origin: 'explicit' | 'searched',
  optionsByTier: readonly (readonly TierOption[])[],
  rtt: InRegionRtt,
  prune = true,
  stats?: { skipped: number },
): ArchitectureResult {
  const r = searchSystemAgainst(ctx, name, origin, optionsByTier, rtt, null, prune, stats);
  if (r === null) throw new RangeError('no combination of tier designs to evaluate');
  return r;
}

/**
 * searchSystem's answer when it ranks before `bar` or equal to it (size.ts rankKey), else null or a combination that
 * ranks after `bar`: the search of a caller that keeps the better of the answer and `bar`, the answer on a tie
 * (tiers/index.ts searchTiered: against the co-located design). The search prunes against the better of the best found
 * and `bar`, as if `bar` had been found first (never returned): its prunes pass over only combinations that rank
 * strictly after what they are held to (cannotBeat, rankedAfter: a shortfall larger to SHORTFALL_RESOLUTION, or a
 * target missed against one that meets every target), so a combination that ranks before `bar` or equals it is never
 * passed over on `bar`'s account. The search visits the same combinations in the same order and stops where
 * searchSystem stops: a combination passed over counts as visited; a combination that meets every target is never
 * passed over (a floor above 0 proves a target missed; the p99 test reads a missed p99), so the first that does ends
 * both searches alike, and the best found that meets every target, which the regions' operations stop reads, is the
 * same in both (every such combination is kept when better; one that misses a target ranks after it); `decided` holds
 * only against a best that misses a target, when no combination left can meet every target, in both. So the answer,
 * when it ranks before `bar` or equals it, is searchSystem's (the first best of the same combinations, none of which
 * it passes over), and otherwise every combination visited ranks after `bar`. Null `bar`: searchSystem's search (null
 * only when no combination is evaluated).
 */
export function searchSystemAgainst(
  ctx: Context,
  name: string,
  origin: 'explicit' | 'searched',
  optionsByTier: readonly (readonly TierOption[])[],
  rtt: InRegionRtt,
  bar: ArchitectureResult | null,
  prune = true,
  stats?: { skipped: number },
): ArchitectureResult | null {
  const tiers = ctx.scenario.tiers as Tier[];
  const w = ctx.scenario.workload;
  const minNetworkS = Math.min(
    ...ctx.scenario.users.map((u) =>
      Math.min(
        ...(optionsByTier[0] ?? []).flatMap((o) =>
          o.serving.map((s) => w.roundTrips * ctx.rtt(u.region, s.region).rttS),
        ),
      ),
    ),
  );
  const lists = optionsByTier.map(
    (list) =>
      new ScreenedOptions(list, (o) => screenOption(ctx, tiers, o, Number.isFinite(minNetworkS) ? minNetworkS : 0)),
  );
  if (lists.some((l) => l.at(0) === undefined)) throw new RangeError('a tier has no design to evaluate');
  const option = (i: number, k: number) => (lists[i] as ScreenedOptions).at(k) as TierOption;
  const costOf = (idx: readonly number[]) => idx.reduce((s, k, i) => s + option(i, k).usdPerMonth, 0);
  // index tuples by total cost
  const heap = new MinHeap<{ cost: number; idx: number[] }>((a, b) => a.cost < b.cost);
  const seen = new Set<string>();
  const start = lists.map(() => 0);
  heap.push({ cost: costOf(start), idx: start });
  seen.add(start.join(','));
  let best: ArchitectureResult | null = null;
  let bestOptions: TierOption[] | null = null;
  // what the prunes hold a combination to: the better of `bar` and the best found (the best on a tie)
  let lead: ArchitectureResult | null = prune ? bar : null;
  let evaluations = 0;
  let stopped = false;
  // combinations passed over on their shortfall floor
  let skipped = 0;
  // every combination left misses the budget and ranks after `best` (see the module comment): they are counted, not
  // evaluated, and as soon as more than MAX_SYSTEM_EVALUATIONS are known to exist, the search would have stopped
  let decided = false;
  // the regions' operations cost is the system's (each region once: systemResult.ts), not in the tiers' prices: the
  // first combination that meets every target is then the cheapest only up to it, so the search goes on while a
  // combination could still be cheaper (its tiers' prices plus one region's)
  const regionUsd = ctx.scenario.operations.usdPerRegionMonth;
  for (;;) {
    if (decided && lists.reduce((n, l) => n * l.known, 1) > MAX_SYSTEM_EVALUATIONS) {
      evaluations = MAX_SYSTEM_EVALUATIONS;
      stopped = true;
      break;
    }
    const top = heap.pop();
    if (top === undefined) break;
    if (regionUsd > 0 && best?.feasible === true && top.cost + regionUsd >= best.cost.usdPerMonth) break;
    if (evaluations >= MAX_SYSTEM_EVALUATIONS) {
      stopped = true;
      break;
    }
    evaluations++;
    if (prune && !decided && lead !== null) decided = cannotBeat(budgetShortfallBound(ctx, top.cost), lead);
    if (!decided) {
      const options = top.idx.map((k, i) => option(i, k));
      // a combination whose shortfall floor proves it ranks after the best is not evaluated (shortfallFloor; first
      // the floor without the joint over the shared domains, under the full one, which is computed only when that
      // does not decide; then, its exact availability, which its evaluation computes first (systemAvailability's
      // memo: the same figure systemResult reads), before the latency; each to the cent of its price on a tie)
      if (
        prune &&
        lead !== null &&
        (rankedAfter(shortfallFloor(ctx, options, top.cost, false), lead, top.cost) ||
          rankedAfter(shortfallFloor(ctx, options, top.cost), lead, top.cost) ||
          rankedAfter(shortfallFloorAt(ctx, options, top.cost, unavailabilityOf(ctx, options)), lead, top.cost))
      )
        skipped++;
      else {
        const r = systemResult(ctx, name, origin, options, rtt, true, prune);
        // a missed p99 not yet computed: when the shortfall without it already ranks after the best (or ties with it
        // at a dearer cost), so does the combination (shortfallBesideP99), and its p99 is not computed
        const after =
          prune &&
          lead !== null &&
          !r.meetsTargets.p99 &&
          cannotBeat(shortfallBesideP99(ctx, r, options), lead, r.cost.usdPerMonth);
        if (!after && better(r, best)) {
          best = r;
          bestOptions = options;
          if (lead === null || !better(lead, r)) lead = r;
        }
        if (r.feasible && regionUsd === 0) break;
      }
    }
    top.idx.forEach((_, i) => {
      const next = [...top.idx];
      next[i] = (next[i] as number) + 1;
      if ((lists[i] as ScreenedOptions).at(next[i] as number) === undefined) return;
      const key = next.join(',');
      if (seen.has(key)) return;
      seen.add(key);
      heap.push({ cost: costOf(next), idx: next });
    });
  }
  if (stats !== undefined) stats.skipped += skipped;
  if (best === null || bestOptions === null) return null;
  // the screens chose; the choice with every figure
  const full = systemResult(ctx, name, origin, bestOptions, rtt);
  if (!stopped) return full;
  return {
    ...full,
    notes: [
      ...full.notes,
      full.feasible
        ? `the search of tier designs stopped after ${evaluations} combinations while the regions' operations cost left cheaper ones possible: this meets every target, but is not proven the cheapest`
        : `the search of tier designs stopped after ${evaluations} combinations without one that meets every target: this is the closest of those, not proven the closest of all`,
    ],
  };
}
