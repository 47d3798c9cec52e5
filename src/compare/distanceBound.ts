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

/** Whether the far users' share (summed in the users' order) rules a set out under "all-users". */
function farShareRulesOut(far: number): boolean {
  return far > FAR_SHARE_LIMIT * (1 + 1e-9);
}

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
  return farShareRulesOut(far);
}

/**
 * distanceRulesOut for any set of `ids`, without building its layout: a user is served by its nearest region of the
 * set (as horizontalLayout routes it), so it is far (network time above the target) exactly when it is far from every
 * region of the set: roundTrips x the least round trip is the least of roundTrips x each (a float product is monotone).
 * Each region's near users are kept as bits, once; per set the bits are joined and the far users' shares summed in
 * the users' order, as farRulesOut sums them (the search asks it of tens of thousands of sets).
 */
export function distanceTable(
  ctx: Context,
  ids: readonly string[],
): { rulesOut: (regions: readonly string[]) => boolean } {
  const t = ctx.scenario.targets;
  const roundTrips = ctx.scenario.workload.roundTrips;
  const users = ctx.scenario.users;
  const words = Math.ceil(users.length / 32);
  const nearBits = new Map(
    ids.map((id) => {
      const column = ctx.userRttS(id);
      const bits = new Uint32Array(words);
      for (let k = 0; k < users.length; k++) {
        if (!(roundTrips * (column[k] as number) > t.p99S)) bits[k >>> 5] = (bits[k >>> 5] as number) | (1 << (k & 31));
      }
      return [id, bits];
    }),
  );
  const near = new Uint32Array(words);
  return {
    rulesOut(regions) {
      near.fill(0);
      for (const r of regions) {
        const bits = nearBits.get(r) as Uint32Array;
        for (let i = 0; i < words; i++) near[i] = (near[i] as number) | (bits[i] as number);
      }
      let far = 0;
      for (let k = 0; k < users.length; k++) {
        if (((near[k >>> 5] as number) >>> (k & 31)) & 1) continue;
        if (t.p99Scope === 'every-region') return true;
        far += (users[k] as { share: number }).share;
      }
      return farShareRulesOut(far);
    },
  };
}
