/**
 * The tier search against a design found elsewhere (tiers/tierSearch.ts searchSystemAgainst; tiers/index.ts
 * searchTiered holds the systems' search to the co-located design): on random lists of the social examples' boxes and
 * fleets, the better of its answer and the bar (the answer on a tie) is the better of the bar and the answer of the
 * search that evaluates every combination (prune = false), for bars of every rank (other combinations of the same
 * lists, met or missed; the reference itself, a tie, which must be kept), and the bar passes combinations over that
 * the search alone evaluates.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArchitectureResult } from '../../src/compare/result.js';
import { better } from '../../src/compare/size.js';
import { systemResult } from '../../src/compare/tiers/systemResult.js';
import type { TierOption } from '../../src/compare/tiers/tierOption.js';
import { searchSystem, searchSystemAgainst } from '../../src/compare/tiers/tierSearch.js';
import { socialLists } from '../helpers/tierLists.js';

// `prunes`: the bar passes combinations over that the search alone evaluates (the 99.5% case at a 2,500 USD budget
// passes none over on its shortfall floor, with a bar or without: it holds the equality only)
const CASES = [
  { file: 'social-startup-changes', availability: '99.9%', budget: '30000 USD/month', prunes: true },
  { file: 'social-startup-changes', availability: '99.5%', budget: '2500 USD/month', prunes: false },
  { file: 'social-startup-growth', availability: '99.9%', budget: '12000 USD/month', prunes: true },
] as const;

/** The caller's choice (searchTiered): the bar when it ranks before the answer (or there is none), else the answer. */
const kept = (bar: ArchitectureResult, answer: ArchitectureResult | null) =>
  answer === null || better(bar, answer) ? bar : answer;

describe('the search of tier designs against a bar', () => {
  for (const c of CASES) {
    it(`keeps what the search evaluating every combination and the bar keep (${c.file}, ${c.availability}, ${c.budget}; fast-check)`, () => {
      const { ctx, t, lists } = socialLists(
        c.file,
        (raw) => {
          raw.targets.availability = c.availability;
          raw.targets.budget = c.budget;
        },
        8,
      );
      const [a, b] = lists as [TierOption[], TierOption[]];
      let barred = 0;
      let ties = 0;
      fc.assert(
        fc.property(
          fc.subarray(a, { minLength: 1 }),
          fc.subarray(b, { minLength: 1 }),
          fc.constantFrom('best vertical', 'best mixed'),
          fc.option(fc.tuple(fc.constantFrom(...a), fc.constantFrom(...b)), { nil: undefined }),
          (x, y, name, pair) => {
            const reference = searchSystem(ctx, name, 'searched', [x, y], t.rtt, false);
            // a bar of another combination, or the reference itself (a tie: the answer must be kept)
            const bar = pair === undefined ? reference : systemResult(ctx, 'bar', 'searched', pair, t.rtt);
            if (pair === undefined) ties++;
            const alone = { skipped: 0 };
            const against = { skipped: 0 };
            searchSystem(ctx, name, 'searched', [x, y], t.rtt, true, alone);
            const answer = searchSystemAgainst(ctx, name, 'searched', [x, y], t.rtt, bar, true, against);
            expect(kept(bar, answer)).toEqual(kept(bar, reference));
            // the answer, when it is kept, is the search's own
            if (!better(bar, reference)) expect(answer).toEqual(reference);
            if (against.skipped > alone.skipped) barred++;
          },
        ),
        { numRuns: 25, seed: 37 },
      );
      expect(ties).toBeGreaterThan(0);
      if (c.prunes) expect(barred).toBeGreaterThan(0);
    }, 240_000);
  }
});
