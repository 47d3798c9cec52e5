/**
 * The tier search's screen of the p99 by ONE survival at the target (tiers/systemLatency.ts, p99WithinBySurvival) and
 * its ranking of a missed p99 on the shortfall without it (tiers/systemResult.ts, shortfallBesideP99): the survival
 * at a system's p99 is 1 - 0.99 within the inversion's error; the decision, wherever the screen makes one, is the
 * quantile's; the screened search returns what the search that computes every p99 (its reference, prune = false)
 * returns, on small lists of tier designs of the social examples (three user regions, the regions' operations cost,
 * availability and p99 missed) at several p99 targets; and better() is rankKey's order.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/compare/context.js';
import type { ArchitectureResult } from '../../src/compare/result.js';
import { better, rankKey } from '../../src/compare/size.js';
import { keyedSum, mixtureQuantileOf, mixtureTailOf } from '../../src/compare/tiers/sumMemo.js';
import {
  computeNetworkP99S,
  mixtureParts,
  networkP99S,
  P99_SURVIVAL_MARGIN,
  p99WithinBySurvival,
  routeTerms,
  systemRoutes,
} from '../../src/compare/tiers/systemLatency.js';
import { shortfallBesideP99, systemResult } from '../../src/compare/tiers/systemResult.js';
import type { TierOption } from '../../src/compare/tiers/tierOption.js';
import { searchSystem } from '../../src/compare/tiers/tierSearch.js';
import { socialLists } from '../helpers/tierLists.js';

/**
 * The absolute error allowed in the survival at a p99 found by the quantile: the margin the screen leaves to the
 * quantile (1e-6 of 1 - 0.99), which is 50 times the inversion's error in the survival (about 2e-10).
 */
const SURVIVAL_AT_P99 = P99_SURVIVAL_MARGIN.level * 0.01;

/** A social example with the p99 target `p99` (null: its own), and each tier's options: boxes and fleets. */
function social(file: string, p99: string | null, most: number) {
  return socialLists(
    file,
    (raw) => {
      if (p99 !== null) raw.targets.p99 = p99;
    },
    most,
  );
}

/** The users, the route sums and the mixture's parts of the system of `options`, as systemLatency builds them. */
function mixtureOf(ctx: Context, t: ReturnType<typeof social>['t'], options: readonly TierOption[]) {
  const tiers = ctx.scenario.tiers ?? [];
  const { users, routes } = systemRoutes(
    ctx,
    options.map((o) => ({ serving: o.serving })),
    t.rtt,
  );
  const stable = routes.every((r) =>
    r.stops.every((s) => (s.queue.arrivalRatePerS * s.queue.serviceTimeS) / s.queue.servers < 1),
  );
  const sums = routes.map((r) => keyedSum(routeTerms(tiers, r, false)));
  return { users, sums, parts: mixtureParts(users, sums), stable };
}

describe('the survival at a p99 target', () => {
  const { ctx, t, lists } = social('social-startup-changes', null, 10);
  const [a, b] = lists as [TierOption[], TierOption[]];

  it(`is 1 - 0.99 at the p99 the quantile finds, within ${SURVIVAL_AT_P99} (fast-check over systems)`, () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.nat({ max: a.length - 1 }), fc.nat({ max: b.length - 1 }), (i, j) => {
        const m = mixtureOf(ctx, t, [a[i], b[j]] as TierOption[]);
        if (!m.stable) return;
        const q = mixtureQuantileOf(m.parts, 0.99);
        const s = mixtureTailOf(m.parts, q).survival;
        expect(Math.abs(s - (1 - 0.99))).toBeLessThanOrEqual(SURVIVAL_AT_P99);
        checked++;
      }),
      { numRuns: 120, seed: 18 },
    );
    expect(checked).toBeGreaterThan(60);
  });

  it('decides as the quantile does wherever it decides, and decides once the target is 0.1% or more from the p99 (fast-check)', () => {
    let decided = 0;
    let undecided = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: a.length - 1 }),
        fc.nat({ max: b.length - 1 }),
        fc.constantFrom(-0.3, -0.01, -1e-3, -1e-5, -1e-7, -1e-9, -1e-12, 0, 1e-12, 1e-9, 1e-7, 1e-5, 1e-3, 0.01, 0.3),
        (i, j, rel) => {
          const m = mixtureOf(ctx, t, [a[i], b[j]] as TierOption[]);
          if (!m.stable) return;
          const q = mixtureQuantileOf(m.parts, 0.99);
          const targetS = q * (1 + rel);
          // the full evaluation's decision: the p99 in ms against the target (p99Scope.ts, regionMeetsP99)
          const quantile = (q * 1000) / 1000 <= targetS;
          const screen = p99WithinBySurvival(m.users, m.sums, targetS);
          if (screen === null) undecided++;
          else {
            decided++;
            expect(screen).toBe(quantile);
          }
          if (Math.abs(rel) >= 1e-3) expect(screen).not.toBeNull();
        },
      ),
      { numRuns: 400, seed: 19 },
    );
    expect(decided).toBeGreaterThan(150);
    expect(undecided).toBeGreaterThan(0);
  });
});

describe('a screened system', () => {
  it("ranks as the system evaluated in full: the same targets met, shortfall, reasons and rank, with the p99 target at, or a hair's breadth (1e-7, 1e-4) either side of, each system's own p99", () => {
    const { ctx, t, lists } = social('social-startup-changes', null, 8);
    const [a, b] = lists as [TierOption[], TierOption[]];
    const at = (p99S: number): Context => ({
      ...ctx,
      scenario: { ...ctx.scenario, targets: { ...ctx.scenario.targets, p99S } },
    });
    let compared = 0;
    for (const [i, x] of a.entries()) {
      for (const y of [b[i % b.length], b[(3 * i + 1) % b.length]] as TierOption[]) {
        const own = systemResult(ctx, 's', 'searched', [x, y], t.rtt).latency.p99Ms;
        if (own === null) continue;
        for (const rel of [-1e-4, -1e-7, 0, 1e-7, 1e-4]) {
          const c = at((own / 1000) * (1 + rel));
          const screened = systemResult(c, 's', 'searched', [x, y], t.rtt, true, true);
          const full = systemResult(c, 's', 'searched', [x, y], t.rtt);
          expect(screened.meetsTargets).toEqual(full.meetsTargets);
          expect(screened.feasible).toBe(full.feasible);
          expect(screened.shortfall).toBe(full.shortfall);
          expect(screened.infeasibleReason).toBe(full.infeasibleReason);
          expect(rankKey(screened)).toEqual(rankKey(full));
          // the shortfall without the p99: a lower bound, the shortfall itself when the p99 is met
          const floor = shortfallBesideP99(c, screened, [x, y]);
          if (full.meetsTargets.p99) expect(floor).toBe(full.shortfall);
          else expect(floor).toBeLessThanOrEqual(full.shortfall);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(50);
  });
});

describe('the screened search of tier designs', () => {
  // the example's own target (400 ms: most systems meet it), and tighter ones that most systems miss
  for (const p99 of [null, '120 ms', '60 ms']) {
    it(`returns what the search computing every p99 returns (social-startup-changes, p99 ${p99 ?? 'its own'}; random lists of boxes and fleets, fast-check)`, () => {
      const { ctx, t, lists } = social('social-startup-changes', p99, 8);
      const [a, b] = lists as [TierOption[], TierOption[]];
      fc.assert(
        fc.property(
          fc.subarray(a, { minLength: 1 }),
          fc.subarray(b, { minLength: 1 }),
          fc.constantFrom('best vertical', 'best mixed'),
          (x, y, name) => {
            const screened = searchSystem(ctx, name, 'searched', [x, y], t.rtt);
            const reference = searchSystem(ctx, name, 'searched', [x, y], t.rtt, false);
            expect(screened).toEqual(reference);
            expect(rankKey(screened)).toEqual(rankKey(reference));
          },
        ),
        { numRuns: 12, seed: 20 },
      );
    });
  }

  it('returns what the search computing every p99 returns: social-startup-growth, every list whole (its boxes miss the budget)', () => {
    const { ctx, t, lists } = social('social-startup-growth', '150 ms', 12);
    const screened = searchSystem(ctx, 'best mixed', 'searched', lists, t.rtt);
    const reference = searchSystem(ctx, 'best mixed', 'searched', lists, t.rtt, false);
    expect(screened).toEqual(reference);
  });
});

describe('better()', () => {
  it("is rankKey's order, element by element (screened and full results of systems, fast-check)", () => {
    const { ctx, t, lists } = social('social-startup-changes', '120 ms', 8);
    const [a, b] = lists as [TierOption[], TierOption[]];
    const results: ArchitectureResult[] = [];
    for (const x of a) {
      for (const y of b.slice(0, 6)) {
        results.push(systemResult(ctx, 's', 'searched', [x, y], t.rtt, true, true));
        results.push(systemResult(ctx, 's', 'searched', [x, y], t.rtt));
      }
    }
    const lexLess = (p: readonly number[], q: readonly number[]) => {
      for (let k = 0; k < p.length; k++) if (p[k] !== q[k]) return (p[k] as number) < (q[k] as number);
      return false;
    };
    fc.assert(
      fc.property(fc.nat({ max: results.length - 1 }), fc.nat({ max: results.length - 1 }), (i, j) => {
        const x = results[i] as ArchitectureResult;
        const y = results[j] as ArchitectureResult;
        expect(better(x, y)).toBe(lexLess(rankKey(x), rankKey(y)));
      }),
      { numRuns: 2000, seed: 21 },
    );
  });
});

describe("the network's p99, memoised", () => {
  it('is, bit for bit, the p99 computed afresh, over systems met in any order (social-startup-changes, fast-check)', () => {
    const { ctx, t, lists } = social('social-startup-changes', null, 10);
    const [a, b] = lists as [TierOption[], TierOption[]];
    const tiers = ctx.scenario.tiers ?? [];
    fc.assert(
      fc.property(fc.nat({ max: a.length - 1 }), fc.nat({ max: b.length - 1 }), (i, j) => {
        const { users, routes } = systemRoutes(
          ctx,
          [a[i], b[j]].map((o) => ({ serving: (o as TierOption).serving })),
          t.rtt,
        );
        expect(networkP99S(ctx, tiers, users, routes)).toBe(computeNetworkP99S(ctx, tiers, users, routes));
      }),
      { numRuns: 300, seed: 22 },
    );
  });
});
