/**
 * The tier search's tie rule (tiers/shortfallBound.ts cannotBeat and rankedAfter given a price) and its floor from the
 * system's exact availability (tiers/systemResult.ts shortfallFloorAt, computed before the latency): a combination
 * whose shortfall is at least a floor that ties with the best's (to 1e-4) ranks after the best when its price is a
 * cent dearer (size.ts rankKey: shortfall, then cost to the cent). On the payment example's architectures (every
 * combination of each architecture's tier designs): no floor with its price passes over a combination that does not
 * rank after the result it is held to; a system costs at least the sum of its tiers' prices (less the margin); and the
 * search returns what the search evaluating every combination returns (prune = false), with the tie rule passing
 * combinations over.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArchitectureResult } from '../../src/compare/result.js';
import { compareRank, rankKey } from '../../src/compare/size.js';
import { cannotBeat, rankedAfter } from '../../src/compare/tiers/shortfallBound.js';
import { systemAvailability } from '../../src/compare/tiers/systemAvailability.js';
import { shortfallFloor, shortfallFloorAt, systemResult } from '../../src/compare/tiers/systemResult.js';
import type { TierOption } from '../../src/compare/tiers/tierOption.js';
import { searchSystem } from '../../src/compare/tiers/tierSearch.js';
import { architectureLists } from '../helpers/tierLists.js';

/** A result with only what the tie rule reads. */
const best = (feasible: boolean, shortfall: number, usdPerMonth: number) =>
  ({ feasible, shortfall, cost: { usdPerMonth } }) as ArchitectureResult;

describe('a shortfall tied with the best one, to 1e-4', () => {
  it('ranks after the best at a price a cent dearer, not at the same cent, nor without a price', () => {
    const b = best(false, 0.2919, 6113.33);
    // 0.29192 rounds to 2919, as the best's 0.2919
    expect(cannotBeat(0.29192, b)).toBe(false);
    expect(cannotBeat(0.29192, b, 6113.33)).toBe(false);
    expect(cannotBeat(0.29192, b, 6113.334)).toBe(false);
    expect(cannotBeat(0.29192, b, 6113.34)).toBe(true);
    expect(cannotBeat(0.29192, b, 6113.32)).toBe(false);
    // a larger shortfall ranks after at any price; a smaller one never
    expect(cannotBeat(0.2921, b, 1)).toBe(true);
    expect(cannotBeat(0.2917, b, 1e9)).toBe(false);
    // a best that meets every target: never (the search stops there); a floor of 0 proves nothing
    expect(cannotBeat(0.29192, best(true, 0, 6113.33), 7000)).toBe(false);
    expect(rankedAfter(0, b, 1e9)).toBe(false);
    // rankedAfter takes the price a part in 1e9 lower: a price on the best's cent plus a hair is not dearer
    expect(rankedAfter(0.29192, b, 6113.335)).toBe(false);
    expect(rankedAfter(0.29192, b, 6113.34)).toBe(true);
    expect(rankedAfter(0.29192, best(true, 0, 9e9), 1)).toBe(true);
  });
});

/** Each combination of an architecture's tier designs (two tiers), with its price, floors and evaluated result. */
function combinations(
  lists: readonly (readonly TierOption[])[],
  ctx: Parameters<typeof systemResult>[0],
  t: ReturnType<typeof architectureLists>['t'],
) {
  const [a, b] = lists as [TierOption[], TierOption[]];
  return a.flatMap((x) =>
    b.map((y) => {
      const options = [x, y];
      const price = x.usdPerMonth + y.usdPerMonth;
      const names = (ctx.scenario.tiers ?? []).map((tier) => tier.name);
      const u = systemAvailability(ctx, names, options).figure.availability.unavailability;
      return {
        options,
        price,
        floors: [
          shortfallFloor(ctx, options, price, false),
          shortfallFloor(ctx, options, price),
          shortfallFloorAt(ctx, options, price, u),
        ],
        result: systemResult(ctx, 'combination', 'explicit', options, t.rtt),
      };
    }),
  );
}

describe("the payment example's combinations", () => {
  it('are passed over on a floor with their price only when they rank after the result held to, and cost at least their price', () => {
    const { ctx, t, lists } = architectureLists('payment-processing');
    expect(lists.length).toBe(4);
    let compared = 0;
    let byTie = 0;
    for (const arch of lists) {
      const all = combinations(arch.lists, ctx, t);
      for (const c of all) expect(c.result.cost.usdPerMonth).toBeGreaterThanOrEqual(c.price * (1 - 1e-9));
      for (const c of all) {
        for (const held of all) {
          for (const floor of c.floors) {
            compared++;
            if (!rankedAfter(floor, held.result, c.price)) continue;
            expect(compareRank(c.result, held.result)).toBeGreaterThan(0);
            if (!rankedAfter(floor, held.result)) byTie++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    // the tie rule decides on its own many times (the exact availability's floor ties with the best's shortfall)
    expect(byTie).toBeGreaterThan(100);
  }, 240_000);
});

describe('the search of tier designs with the tie rule', () => {
  it('returns what the search evaluating every combination returns (payment-processing, each architecture whole), passing combinations over', () => {
    const { ctx, t, lists } = architectureLists('payment-processing');
    const stats = { skipped: 0 };
    for (const arch of lists) {
      const pruned = searchSystem(ctx, arch.name, 'explicit', arch.lists, t.rtt, true, stats);
      const reference = searchSystem(ctx, arch.name, 'explicit', arch.lists, t.rtt, false);
      expect(pruned).toEqual(reference);
      expect(rankKey(pruned)).toEqual(rankKey(reference));
    }
    expect(stats.skipped).toBeGreaterThan(40);
  }, 240_000);

  it('returns what the search evaluating every combination returns (payment-processing at 99.9%, 99.99% and 99.999%, random lists, fast-check)', () => {
    for (const availability of ['99.9%', '99.99%', '99.999%']) {
      const { ctx, t, lists } = architectureLists('payment-processing', (raw) => {
        raw.targets.availability = availability;
      });
      // the architectures of one region (a box with its standby in another zone; a cluster over 3 zones): their
      // combinations are cheap to evaluate and many tie on the availability's shortfall
      const small = lists.filter((a) => a.name.endsWith('another zone') || a.name.endsWith('over 3 zones'));
      fc.assert(
        fc.property(
          fc.constantFrom(...small),
          fc.infiniteStream(fc.boolean()),
          fc.infiniteStream(fc.boolean()),
          (arch, keepA, keepB) => {
            const [a, b] = arch.lists as [TierOption[], TierOption[]];
            const x = a.filter(() => keepA.next().value || a.length === 1);
            const y = b.filter(() => keepB.next().value || b.length === 1);
            if (x.length === 0 || y.length === 0) return;
            const pruned = searchSystem(ctx, arch.name, 'explicit', [x, y], t.rtt, true);
            const reference = searchSystem(ctx, arch.name, 'explicit', [x, y], t.rtt, false);
            expect(pruned).toEqual(reference);
            expect(rankKey(pruned)).toEqual(rankKey(reference));
          },
        ),
        { numRuns: 12, seed: 18 },
      );
    }
  }, 240_000);
});
