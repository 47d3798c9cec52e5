/**
 * The distance bound of the horizontal search: a user's response time is at least the network time to the region
 * that serves it, so when more than 1% of the users (or, with p99Scope "every-region", any user region) have a network
 * time above the p99 target, no capacity in that region set meets it.
 */

import type { Context } from './context.js';
import type { HorizontalLayout } from './layout.js';

/**
 * True when no design on this layout can meet the p99 target: a user's response time is at least its network time,
 * so when users with more than 1% of the requests (any user region, with p99Scope "every-region") have a network time
 * above the target, the p99 is above it whatever the capacity.
 */
export function distanceRulesOut(ctx: Context, layout: HorizontalLayout): boolean {
  const paths = layout.paths.flat();
  return farRulesOut(
    ctx,
    paths,
    paths.map((p) => p.networkS),
  );
}

/** Share of the requests above which users farther than the p99 target rule a set out (p99Scope "all-users"). */
const FAR_SHARE_LIMIT = 0.01;

/** The distance rule on each user's network time to the region that serves it (`networkS[k]` for `served[k]`). */
function farRulesOut(ctx: Context, served: readonly { share: number }[], networkS: ArrayLike<number>): boolean {
  const t = ctx.scenario.targets;
  let far = 0;
  for (let k = 0; k < served.length; k++) {
    if ((networkS[k] as number) > t.p99S) {
      if (t.p99Scope === 'every-region') return true;
      far += (served[k] as { share: number }).share;
    }
  }
  return far > FAR_SHARE_LIMIT * (1 + 1e-9);
}

/**
 * distanceRulesOut for any set of `ids`, without building its layout: each user's network time to every region once,
 * then per set the nearest (a user is served by its nearest region of the set, as horizontalLayout routes it).
 */
export function distanceTable(
  ctx: Context,
  ids: readonly string[],
): { rulesOut: (regions: readonly string[]) => boolean } {
  const w = ctx.scenario.workload;
  const columns = new Map(ids.map((id) => [id, ctx.userRttS(id)]));
  const users = ctx.scenario.users;
  return {
    rulesOut(regions) {
      const at = regions.map((r) => columns.get(r) as Float64Array);
      const nearest = new Float64Array(users.length);
      for (let k = 0; k < users.length; k++) {
        let best = Number.POSITIVE_INFINITY;
        for (const column of at) best = Math.min(best, column[k] as number);
        nearest[k] = w.roundTrips * best;
      }
      return farRulesOut(ctx, users, nearest);
    },
  };
}
