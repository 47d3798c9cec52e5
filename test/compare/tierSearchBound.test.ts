/**
 * The search of tier designs past a missed budget (tiers/shortfallBound.ts): a combination's price bounds its
 * shortfall from below (never above the evaluated shortfall, over every combination of a small catalog), and the
 * search that skips the combinations the bound rules out returns what visiting all of them finds.
 */

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import type { Context } from '../../src/compare/context.js';
import { buildContext } from '../../src/compare/index.js';
import type { ArchitectureResult } from '../../src/compare/result.js';
import { rankKey } from '../../src/compare/size.js';
import { tieredContext } from '../../src/compare/tiers/index.js';
import { budgetShortfallBound, cannotBeat } from '../../src/compare/tiers/shortfallBound.js';
import { systemResult } from '../../src/compare/tiers/systemResult.js';
import type { TierOption } from '../../src/compare/tiers/tierOption.js';
import { designOptions, searchVerticalOptions } from '../../src/compare/tiers/tierOptions.js';
import { searchSystem } from '../../src/compare/tiers/tierSearch.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import { threeTierSearch } from './threeTierSearch.js';

const catalog = loadCatalog();

/** Three tiers with open sizes (as tiers.test.ts's search), the budget `budget`; each tier's cheapest `per` options. */
function setup(budget: string, per: number) {
  const raw = threeTierSearch(budget);
  const s = parseScenario(raw);
  const ctx = buildContext(s, catalog);
  const t = tieredContext(ctx);
  const spec = s.architectures?.[0];
  const options: TierOption[][] =
    spec?.kind === 'tiered'
      ? spec.tiers.map((d, i) =>
          designOptions(t.tierCtx[i] ?? ctx, i, d, 'us-east-1')
            .sort((a, b) => a.usdPerMonth - b.usdPerMonth)
            .slice(0, per),
        )
      : [];
  return { ctx, t, options };
}

const price = (combo: readonly TierOption[]) => combo.reduce((s, o) => s + o.usdPerMonth, 0);

describe("a combination's price bounds its shortfall", () => {
  // budgets below, inside and above the combinations' prices (about 1,000 to 20,000 USD/month)
  for (const budget of ['700 USD/month', '3000 USD/month', '6000 USD/month']) {
    it(`never above the evaluated shortfall, and above 0 only when the budget is missed (budget ${budget}, fast-check)`, () => {
      const { ctx, t, options } = setup(budget, 9);
      const [a, b, c] = options as [TierOption[], TierOption[], TierOption[]];
      let positive = 0;
      fc.assert(
        fc.property(
          fc.nat({ max: a.length - 1 }),
          fc.nat({ max: b.length - 1 }),
          fc.nat({ max: c.length - 1 }),
          fc.boolean(),
          (i, j, k, screen) => {
            const combo = [a[i], b[j], c[k]] as TierOption[];
            const r = systemResult(ctx, 'open sizes', 'explicit', combo, t.rtt, screen);
            const bound = budgetShortfallBound(ctx, price(combo));
            if (bound > 0) {
              positive++;
              expect(r.feasible).toBe(false);
              expect(r.meetsTargets.budget).toBe(false);
            }
            expect(bound).toBeLessThanOrEqual(r.shortfall);
          },
        ),
        { numRuns: 150, seed: 13 },
      );
      if (budget !== '6000 USD/month') expect(positive).toBeGreaterThan(0);
    });
  }

  it('rules out nothing against a design that meets every target, or without a bound', () => {
    const { ctx, t, options } = setup('6000 USD/month', 7);
    const feasible = { ...systemResult(ctx, 'x', 'explicit', options.map((l) => l[0]) as TierOption[], t.rtt) };
    expect(cannotBeat(10, { ...feasible, feasible: true, shortfall: 0 } as ArchitectureResult)).toBe(false);
    expect(cannotBeat(0, { ...feasible, feasible: false, shortfall: 0.1 } as ArchitectureResult)).toBe(false);
    // to the ranking's resolution: 0.10004 rounds as 0.1
    expect(cannotBeat(0.10004, { ...feasible, feasible: false, shortfall: 0.1 } as ArchitectureResult)).toBe(false);
    expect(cannotBeat(0.1001, { ...feasible, feasible: false, shortfall: 0.1 } as ArchitectureResult)).toBe(true);
  });
});

describe('the search of tier designs past a missed budget', () => {
  // budgets that every combination misses, that a few meet, and one that only the dearest combinations miss
  for (const [budget, per] of [
    ['700 USD/month', 7],
    ['2500 USD/month', 7],
    ['4000 USD/month', 9],
  ] as const) {
    it(`returns what evaluating every combination it visits returns (budget ${budget}, ${per} options a tier)`, () => {
      const { ctx, t, options } = setup(budget, per);
      const pruned = searchSystem(ctx, 'open sizes', 'explicit', options, t.rtt);
      const reference = searchSystem(ctx, 'open sizes', 'explicit', options, t.rtt, false);
      expect(pruned).toEqual(reference);
      expect(rankKey(pruned)).toEqual(rankKey(reference));
    });
  }

  it('and when it stops at MAX_SYSTEM_EVALUATIONS: the social example, every tier vertical (each misses the budget)', () => {
    const raw = JSON.parse(readFileSync('models/scenarios/social-startup-growth.json', 'utf8'));
    delete raw.simulation;
    const ctx = buildContext(parseScenario(raw), catalog);
    const t = tieredContext(ctx);
    const vertical = t.tiers.map((tier, i) =>
      searchVerticalOptions(t.tierCtx[i] as Context, i, 'us-east-1', tier.role === 'database'),
    );
    const pruned = searchSystem(ctx, 'best vertical', 'searched', vertical, t.rtt);
    const reference = searchSystem(ctx, 'best vertical', 'searched', vertical, t.rtt, false);
    expect(reference.notes.some((n) => n.includes('stopped after 1500 combinations'))).toBe(true);
    expect(pruned).toEqual(reference);
  });
});
