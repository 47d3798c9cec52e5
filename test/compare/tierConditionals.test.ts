/**
 * A tier option keeps its conditionals over the shared domains across the systems a search evaluates with it
 * (tierOption.ts, Conditionals): a system's availability from options that other systems have used is, bit for bit,
 * the availability from options built afresh for it (each with empty memos), whatever order the systems come in:
 * boxes with and without a standby in another zone or region, fleets over one region or several (placed data,
 * quorums), and an autoscaled tier's hours.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Context, withPricing } from '../../src/compare/context.js';
import { buildContext } from '../../src/compare/index.js';
import { tieredContext } from '../../src/compare/tiers/index.js';
import { systemAvailability } from '../../src/compare/tiers/systemAvailability.js';
import {
  Conditionals,
  horizontalTierOption,
  stateKey,
  type TierOption,
  verticalTierOption,
} from '../../src/compare/tiers/tierOption.js';
import { designOptions } from '../../src/compare/tiers/tierOptions.js';
import { boxTier, type DomainStates, placedFleetTier } from '../../src/core/reliability/index.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import { socialLists } from '../helpers/tierLists.js';
import { catalog, HALF_DAY, HOT_STANDBY_DB, m7iXlargeApp } from './autoscaleFixtures.js';

/** The option built afresh from its choice, in `ctx` (its tier's context): a new id, empty memos. */
function fresh(ctx: Context, o: TierOption): TierOption {
  return o.choice.kind === 'vertical'
    ? verticalTierOption(ctx, o.tier, o.choice)
    : horizontalTierOption(ctx, o.tier, o.choice);
}

/** Shared domain states over up to four regions of up to six zones each (a region's zones: any length). */
const statesArb = fc
  .array(fc.record({ region: fc.boolean(), balancer: fc.boolean(), zones: fc.array(fc.boolean(), { maxLength: 6 }) }), {
    minLength: 1,
    maxLength: 4,
  })
  .map(
    (rs): DomainStates => ({
      region: rs.map((r) => r.region),
      balancer: rs.map((r) => r.balancer),
      zone: rs.map((r) => r.zones),
    }),
  );

/** What an upGiven may read of `regions`: each region's state, its balancer's, and its zones'. */
const readable = (s: DomainStates, regions: readonly number[]) =>
  JSON.stringify(regions.map((g) => [s.region[g], s.balancer[g], s.zone[g]]));

describe("the key of a tier's conditional", () => {
  it('tells apart every two states that differ in what an upGiven may read of its regions, and only those (fast-check)', () => {
    fc.assert(
      fc.property(statesArb, statesArb, fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 3 }), (x, y, rs) => {
        const regions = [...new Set(rs)].filter((g) => g < x.region.length && g < y.region.length);
        expect(stateKey(x, regions) === stateKey(y, regions)).toBe(readable(x, regions) === readable(y, regions));
      }),
      { numRuns: 3000, seed: 18 },
    );
  });

  it("an equal state keys equally, so a memo hit is the state's own value (same reads, fast-check)", () => {
    fc.assert(
      fc.property(statesArb, fc.nat({ max: 3 }), (x, g) => {
        const regions = [Math.min(g, x.region.length - 1)];
        const copy: DomainStates = {
          region: [...x.region],
          balancer: [...x.balancer],
          zone: x.zone.map((z) => [...z]),
        };
        expect(stateKey(copy, regions)).toBe(stateKey(x, regions));
      }),
      { numRuns: 500, seed: 19 },
    );
  });
});

describe("a tier's memoised conditionals against the tier's own", () => {
  const node = { availability: 0.999, unavailability: 0.001 };
  /** Every state of two regions of three zones with balancers (17 x 17 = 289 states; a region down takes its zones). */
  const everyState: DomainStates[] = [];
  const regionStates: { up: boolean; balancer: boolean; zones: boolean[] }[] = [
    { up: false, balancer: false, zones: [false, false, false] },
  ];
  for (let m = 0; m < 16; m++) {
    regionStates.push({ up: true, balancer: (m & 8) === 0, zones: [0, 1, 2].map((z) => ((m >> z) & 1) === 0) });
  }
  for (const a of regionStates) {
    for (const b of regionStates) {
      everyState.push({ region: [a.up, b.up], balancer: [a.balancer, b.balancer], zone: [a.zones, b.zones] });
    }
  }

  it('a box with a standby in the other region and a placed fleet over both: every state, each mapping of the regions, twice over', () => {
    const builders = [
      (at: readonly number[]) =>
        boxTier({
          name: 'db',
          node,
          at: { region: at[0] as number, zone: 0 },
          standby: { at: { region: at[1] as number, zone: 0 } },
          globalSwitch: true,
        }),
      (at: readonly number[]) =>
        placedFleetTier({
          name: 'fleet',
          fleet: {
            regions: [
              { nodes: 4, zones: 3 },
              { nodes: 2, zones: 3 },
            ],
            node,
            replication: 2,
            writeQuorum: 2,
            users: [
              { share: 0.7, order: [0, 1] },
              { share: 0.3, order: [1, 0] },
            ],
            need: () => 2,
          },
          inRegions: at,
          throughBalancer: true,
        }),
    ];
    for (const build of builders) {
      const memo = new Conditionals();
      let hits = 0;
      for (const round of [0, 1]) {
        for (const at of [
          [0, 1],
          [1, 0],
        ]) {
          const own = build(at);
          const kept = memo.tier(at, '', () => build(at));
          for (const s of everyState) {
            const k = kept.upGiven(s);
            expect(k, `round ${round}`).toEqual(own.upGiven(s));
            if (round === 1) hits++;
          }
        }
      }
      expect(hits).toBe(2 * everyState.length);
    }
  });
});

describe("a tier's conditionals kept across systems", () => {
  it('social-startup-changes (three user regions, fleets over one region or all three, boxes): the same availability as options built afresh (fast-check)', () => {
    const { ctx, t, lists } = socialLists('social-startup-changes', () => {}, 8, 10);
    const names = t.tiers.map((x) => x.name);
    const [a, b] = lists as [TierOption[], TierOption[]];
    // a multi-region fleet and a box with a standby in another region are among them
    expect(a.some((o) => o.choice.kind === 'horizontal' && o.choice.regions.length > 1)).toBe(true);
    expect(b.some((o) => o.choice.kind === 'vertical' && o.choice.standbyRegion !== null)).toBe(true);
    let compared = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: a.length - 1 }), fc.nat({ max: b.length - 1 })), {
          minLength: 1,
          maxLength: 12,
        }),
        (pairs) => {
          // the systems in this order share the options (and their memos); each is held to a fresh evaluation
          for (const [i, j] of pairs) {
            const kept = [a[i], b[j]] as TierOption[];
            const renewed = kept.map((o, k) => fresh(t.tierCtx[k] as Context, o));
            expect(systemAvailability(ctx, names, kept)).toEqual(systemAvailability(ctx, names, renewed));
            compared++;
          }
        },
      ),
      { numRuns: 40, seed: 18 },
    );
    expect(compared).toBeGreaterThan(100);
  });

  it('an autoscaled tier (its fleet hour by hour) beside databases of each standby: the same as options built afresh', () => {
    // the hot-standby database of autoscaleFixtures.ts with its size left open
    const { size: _size, ...dbOfEverySize } = HOT_STANDBY_DB;
    const raw = {
      name: 'autoscaled tier',
      workload: { peakRate: '1500/s', dailyProfile: HALF_DAY },
      tiers: [
        { name: 'app', role: 'stateless', serviceTime: '10 ms', callsPerRequest: 1 },
        {
          name: 'db',
          role: 'database',
          serviceTime: '0.5 ms',
          callsPerRequest: 1,
          workingSet: '10 GiB',
          writeFraction: '10%',
          replication: 2,
        },
      ],
      targets: { p99: '1 s', availability: '99%' },
      users: [{ region: 'us-east-1', share: 1 }],
      architectures: [
        {
          name: 'open',
          tiers: {
            app: m7iXlargeApp({ zones: 3, autoscaling: { minNodes: 1, scaleOutTime: '3 min' } }),
            db: dbOfEverySize,
          },
        },
      ],
    };
    const s = parseScenario(raw);
    const ctx = buildContext(s, catalog);
    const t = tieredContext(ctx);
    const spec = s.architectures?.[0];
    if (spec?.kind !== 'tiered') throw new Error('a tiered candidate');
    const lists = spec.tiers.map((d, i) =>
      designOptions(withPricing(t.tierCtx[i] as Context, ctx.pricing), i, d, 'us-east-1'),
    );
    const [apps, dbs] = lists as [TierOption[], TierOption[]];
    expect(apps.some((o) => o.day !== null)).toBe(true);
    const names = t.tiers.map((x) => x.name);
    // every system twice over: the second round meets every memo filled
    for (const round of [0, 1]) {
      for (const app of apps) {
        for (const db of dbs.slice(0, 4)) {
          const kept = [app, db];
          const renewed = kept.map((o, k) => fresh(t.tierCtx[k] as Context, o));
          expect(systemAvailability(ctx, names, kept), `round ${round}`).toEqual(
            systemAvailability(ctx, names, renewed),
          );
        }
      }
    }
  });
});
