/**
 * The latency of a system of tiers (tiers/systemLatency.ts) computes the figures no target or ranking reads (p50,
 * p99.9, the degraded p99, each user region's and each tier's p99, the method) on first read, from memoised sums
 * (tiers/sumMemo.ts): each is, bit for bit, what the sums computed afresh give, whatever order the figures are read in,
 * and the latency keeps the fields in the order of an eager result (the JSON is the same).
 */

import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { buildContext } from '../../src/compare/index.js';
import { tieredContext } from '../../src/compare/tiers/index.js';
import { routeTerms, systemLatency, systemRoutes } from '../../src/compare/tiers/systemLatency.js';
import type { TierOption } from '../../src/compare/tiers/tierOption.js';
import { designOptions } from '../../src/compare/tiers/tierOptions.js';
import { responseMixtureQuantile, responseSum } from '../../src/core/queueing/index.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import { threeTierSearch } from './threeTierSearch.js';

const catalog = loadCatalog();

/** The three tiers of tiers.test.ts's search, with users on two coasts (two network times on one route). */
function setup() {
  const raw = {
    ...threeTierSearch('6000 USD/month'),
    users: [
      { region: 'us-east-1', share: '70%' },
      { region: 'us-west-2', share: '30%' },
    ],
  };
  const s = parseScenario(raw);
  const ctx = buildContext(s, catalog);
  const t = tieredContext(ctx);
  const spec = s.architectures?.[0];
  if (spec?.kind !== 'tiered') throw new Error('a tiered candidate');
  // each tier's third-cheapest option: every queue stable, none idle
  const options = spec.tiers.map(
    (d, i) =>
      designOptions(t.tierCtx[i] ?? ctx, i, d, 'us-east-1').sort(
        (a, b) => a.usdPerMonth - b.usdPerMonth,
      )[2] as TierOption,
  );
  const routes = options.map((o) => ({ serving: o.serving }));
  return { ctx, t, routes };
}

/** The mixture quantile over users of route sums built afresh (no memo), in ms. */
function fresh(
  ctx: ReturnType<typeof setup>['ctx'],
  routes: ReturnType<typeof setup>['routes'],
  rtt: ReturnType<typeof setup>['t']['rtt'],
  p: number,
  opts: { degraded?: boolean; only?: number } = {},
): number {
  const tiers = ctx.scenario.tiers ?? [];
  const { users, routes: rs } = systemRoutes(ctx, routes, rtt);
  const sums = rs.map((r) => responseSum(routeTerms(tiers, r, opts.degraded ?? false, opts.only)));
  const parts: { weight: number; shiftS: number; sum: (typeof sums)[number] }[] = [];
  const byKey = new Map<string, (typeof parts)[number]>();
  for (const u of users) {
    const shiftS = opts.only === undefined ? u.networkS : 0;
    const key = `${u.route}|${shiftS}`;
    const part = byKey.get(key);
    if (part === undefined) {
      const x = { weight: u.share, shiftS, sum: sums[u.route] as (typeof sums)[number] };
      byKey.set(key, x);
      parts.push(x);
    } else part.weight += u.share;
  }
  return responseMixtureQuantile(parts, p) * 1000;
}

describe('systemLatency: the figures read on demand', () => {
  it('are, bit for bit, those of sums computed afresh, in any order of reading', () => {
    const { ctx, t, routes } = setup();
    const tiers = ctx.scenario.tiers ?? [];
    const a = systemLatency(ctx, tiers, routes, t.rtt);
    // read backwards first: the method, each tier, each user region, the degraded p99, p99.9, p50
    const first = {
      method: a.latency.method,
      byTier: a.byTier.map((x) => [x.shareOfMean, x.p99Ms, x.meanMs]).reverse(),
      byUserRegion: a.latency.byUserRegion,
      p99DegradedMs: a.latency.p99DegradedMs,
      p999Ms: a.latency.p999Ms,
      p50Ms: a.latency.p50Ms,
    };
    expect(first.p50Ms).toBe(fresh(ctx, routes, t.rtt, 0.5));
    expect(a.latency.p99Ms).toBe(fresh(ctx, routes, t.rtt, 0.99));
    expect(first.p999Ms).toBe(fresh(ctx, routes, t.rtt, 0.999));
    expect(first.p99DegradedMs).toBe(fresh(ctx, routes, t.rtt, 0.99, { degraded: true }));
    tiers.forEach((_, i) => {
      expect(a.byTier[i]?.p99Ms).toBe(fresh(ctx, routes, t.rtt, 0.99, { only: i }));
    });
    // two user regions on one route: each its network time plus the route's own p99
    const { users, routes: rs } = systemRoutes(ctx, routes, t.rtt);
    expect(new Set(users.map((u) => u.route)).size).toBe(1);
    const routeP99 = responseSum(routeTerms(tiers, rs[0] as (typeof rs)[number], false)).quantile(0.99);
    expect(first.byUserRegion.map((u) => u.p99Ms)).toEqual(users.map((u) => (u.networkS + routeP99) * 1000));
    // a second evaluation read in the usual order: the same figures and the same JSON, fields in the eager order
    const b = systemLatency(ctx, tiers, routes, t.rtt);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(Object.keys(b.latency)).toEqual([
      'p50Ms',
      'p99Ms',
      'p999Ms',
      'p99DegradedMs',
      'networkP99Ms',
      'meanQueueWaitMs',
      'interTierMs',
      'byUserRegion',
      'method',
    ]);
    expect(b.byTier.map((x) => Object.keys(x))).toEqual(tiers.map(() => ['meanMs', 'p99Ms', 'shareOfMean']));
    expect(b.latency.method).toBe(first.method);
    expect(b.latency.byUserRegion).toEqual(first.byUserRegion);
    expect(b.byTier.map((x) => [x.shareOfMean, x.p99Ms, x.meanMs]).reverse()).toEqual(first.byTier);
  });

  it("a search's screen gives the full evaluation's p99", () => {
    const { ctx, t, routes } = setup();
    const tiers = ctx.scenario.tiers ?? [];
    const screen = systemLatency(ctx, tiers, routes, t.rtt, true);
    expect(screen.latency.p99Ms).toBe(fresh(ctx, routes, t.rtt, 0.99));
    expect(screen.latency.p50Ms).toBeNull();
  });
});
