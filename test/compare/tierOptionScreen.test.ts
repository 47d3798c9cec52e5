/**
 * The tier search's screen of one tier's option (tiers/tierSearch.ts screenOption): deciding whether a serving
 * region's lower bound on the p99 (the users' least network plus the p99 of the tier's own part) is within the target
 * by one survival where that is sure (systemLatency.ts p99WithinByTail) answers as the p99 itself does, over every
 * option of the payment example's architectures and of the social example's lists, at targets a hair's breadth either
 * side of each option's bound and far from it, with and without the users' network.
 */

import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/compare/context.js';
import { tierCalls } from '../../src/compare/tierDemand.js';
import type { TierOption } from '../../src/compare/tiers/tierOption.js';
import { screenOption } from '../../src/compare/tiers/tierSearch.js';
import { responseSum } from '../../src/core/queueing/index.js';
import type { Tier } from '../../src/scenario/types.js';
import { architectureLists, socialLists } from '../helpers/tierLists.js';

/** The least of an option's serving regions' bounds on the p99 (screenOption's reference figure); null if unstable. */
function bound(ctx: Context, o: TierOption, minNetworkS: number): number | null {
  const tiers = ctx.scenario.tiers as Tier[];
  const tier = tiers[o.tier] as Tier;
  let lowest = Number.POSITIVE_INFINITY;
  for (const s of o.serving) {
    const sum = responseSum([
      {
        queue: s.queue,
        calls: tier.callsPerRequest,
        callProbability: tierCalls(tiers)[o.tier]?.reachProbability ?? 1,
        sameStation: { queues: s.queues, independentWaits: true },
      },
    ]);
    if (!sum.stable) return null;
    lowest = Math.min(lowest, minNetworkS + sum.quantile(0.99));
  }
  return lowest;
}

/** `ctx` with the p99 target `p99S` (screenOption reads the scenario's targets). */
const atTarget = (ctx: Context, p99S: number): Context => ({
  ...ctx,
  scenario: { ...ctx.scenario, targets: { ...ctx.scenario.targets, p99S } },
});

/** Relative offsets of the target from an option's bound: far, near, a hair's breadth, on it. */
const OFFSETS = [-0.5, -1e-3, -1e-6, -1e-9, -2e-10, 0, 2e-10, 1e-9, 1e-6, 1e-3, 0.5];

/** Checks both screens alike; returns how many options the p99 part decided (they pass far above, fail far below). */
function expectSameAnswers(ctx: Context, options: readonly TierOption[]): { decided: number } {
  const tiers = ctx.scenario.tiers as Tier[];
  let decided = 0;
  for (const minNetworkS of [0, 0.012, 0.071]) {
    for (const o of options) {
      const b = bound(ctx, o, minNetworkS);
      if (b === null || !Number.isFinite(b)) continue;
      const answers = OFFSETS.map((d) => {
        // screenOption compares against p99S (1 + 1e-9): the target that puts that limit at b (1 + d)
        const c = atTarget(ctx, (b * (1 + d)) / (1 + 1e-9));
        const reference = screenOption(c, tiers, o, minNetworkS, false);
        expect(screenOption(c, tiers, o, minNetworkS, true)).toBe(reference);
        return reference;
      });
      if (answers[0] === false && answers[answers.length - 1] === true) decided++;
    }
  }
  return { decided };
}

describe("a tier option's screen by one survival", () => {
  it("answers as the screen by the p99 (the payment example's architectures, every option)", () => {
    const { ctx, lists } = architectureLists('payment-processing');
    const { decided } = expectSameAnswers(
      ctx,
      lists.flatMap((a) => a.lists.flat()),
    );
    expect(decided).toBeGreaterThan(20);
  }, 240_000);

  it("answers as the screen by the p99 (social-startup-changes's boxes and fleets)", () => {
    const { ctx, lists } = socialLists('social-startup-changes', () => {}, 6);
    const { decided } = expectSameAnswers(ctx, lists.flat());
    expect(decided).toBeGreaterThan(20);
  }, 240_000);
});
