/**
 * The floor under the joint unavailability of a system of tiers over their shared domains (tiers/systemAvailability.ts
 * jointUnavailabilityFloor: the most unavailable conditioned tier alone over the same domains), as the tier search's
 * shortfall floor takes it (systemUnavailabilityFloor, systemResult.ts shortfallFloor): on every pair of the social
 * examples' boxes and fleets it is at most the system's unavailability, and equal to it (to TIGHT) on many pairs (one
 * conditioned tier beside a cold standby: the joint is that tier's figure), so a floor 1% higher fails here; it is 0
 * for an autoscaled tier's day (the joint is weighed hour by hour there). That the searches passing combinations over
 * on it return what the searches evaluating every combination return: tierShortfallFloor.test.ts (fast-check; a
 * floor 1% higher fails there too).
 */

import { describe, expect, it } from 'vitest';
import {
  jointUnavailabilityFloor,
  systemAvailability,
  systemUnavailabilityFloor,
} from '../../src/compare/tiers/systemAvailability.js';
import type { TierOption } from '../../src/compare/tiers/tierOption.js';
import { socialLists } from '../helpers/tierLists.js';

/** Relative difference within which the floor counts as equal to the system's unavailability (rounding only). */
const TIGHT = 1e-9;
/** Relative slack of the floor's check: the two figures are summed in different orders. */
const ROUNDING = 1e-12;

const CASES = [
  { file: 'social-startup-changes', availability: '99.9%', budget: '30000 USD/month' },
  { file: 'social-startup-changes', availability: '99.5%', budget: '2500 USD/month' },
  { file: 'social-startup-growth', availability: '99.9%', budget: '12000 USD/month' },
] as const;

function social(c: (typeof CASES)[number], most: number) {
  return socialLists(
    c.file,
    (raw) => {
      raw.targets.availability = c.availability;
      raw.targets.budget = c.budget;
    },
    most,
  );
}

describe('the floor under the joint unavailability of tiers over shared domains', () => {
  it("is at most the system's unavailability on every pair, and equal to it on many", () => {
    let compared = 0;
    let equal = 0;
    let raised = 0;
    for (const c of CASES) {
      const { ctx, lists } = social(c, 8);
      const [a, b] = lists as [TierOption[], TierOption[]];
      const names = (ctx.scenario.tiers ?? []).map((x) => x.name);
      for (const x of a) {
        for (const y of b) {
          const u = systemAvailability(ctx, names, [x, y]).figure.availability.unavailability;
          const joint = jointUnavailabilityFloor(ctx, [x, y]);
          const floor = systemUnavailabilityFloor(ctx, [x, y]);
          expect(joint).toBeLessThanOrEqual(u * (1 + ROUNDING));
          expect(floor).toBeLessThanOrEqual(u * (1 + ROUNDING));
          if (floor >= u * (1 - TIGHT)) equal++;
          if (joint > 0) raised++;
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
    expect(equal).toBeGreaterThan(50);
    expect(raised).toBeGreaterThan(compared / 2);
  }, 240_000);

  it('is 0 where the joint is weighed hour by hour (an autoscaled tier)', () => {
    const { ctx, lists } = socialLists(
      'social-startup-growth',
      (raw) => {
        const r = raw as Record<string, Record<string, unknown>>;
        (r.workload as Record<string, unknown>).dailyProfile = [...Array(12).fill(1), ...Array(12).fill(0.5)];
        r.autoscaling = { minNodes: 1, scaleOutTime: '3 min' };
      },
      4,
    );
    const [a, b] = lists as [TierOption[], TierOption[]];
    const days = a.filter((o) => o.day !== null);
    expect(days.length).toBeGreaterThan(0);
    for (const x of days) for (const y of b) expect(jointUnavailabilityFloor(ctx, [x, y])).toBe(0);
  }, 240_000);
});
