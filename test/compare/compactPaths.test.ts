// The searches' compact paths (src/compare/layout.ts: compactPaths, compactLayout, horizontalLayout with a
// resolution; src/compare/size.ts: sizeVertical's screen): what makes the search linear in the users. Checked: the
// direct compact build equals compacting the exact layout; a compact p99 lies in [exact, exact + resolution); and a
// screened vertical sizing picks the same box as the exact one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { queueAtLoad, scopedP99S } from '../../src/compare/capacity.js';
import { buildContext } from '../../src/compare/context.js';
import { verticalPaths } from '../../src/compare/evaluateVertical.js';
import {
  COMPACT_ABOVE_USERS,
  compactLayout,
  compactPaths,
  compactResolutionS,
  horizontalLayout,
  screensCompact,
} from '../../src/compare/layout.js';
import { searchHorizontal } from '../../src/compare/searchHorizontal.js';
import { sizeVertical } from '../../src/compare/size.js';
import { parseScenario } from '../../src/scenario/normalize.js';

const catalog = loadCatalog();
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-northeast-1', 'sa-east-1'];

/** Relative slack for sums of the same shares added in another order. */
const SHARE_TOLERANCE = 1e-12;

const caseArb = fc.record({
  users: fc.array(
    fc.record({
      lat: fc.double({ min: -60, max: 70, noNaN: true }),
      lon: fc.double({ min: -180, max: 180, noNaN: true }),
      w: fc.integer({ min: 1, max: 50 }),
    }),
    { minLength: COMPACT_ABOVE_USERS + 1, maxLength: 80 },
  ),
  p99Ms: fc.integer({ min: 20, max: 400 }),
  strong: fc.boolean(),
  rate: fc.integer({ min: 100, max: 4000 }),
  regions: fc.shuffledSubarray(REGIONS, { minLength: 1, maxLength: 4 }),
  zones: fc.constantFrom(1, 2, 3),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function contextOf(c: Case) {
  const total = c.users.reduce((s, u) => s + u.w, 0);
  const raw = {
    name: 'compact',
    workload: {
      peakRate: `${c.rate}/s`,
      serviceTime: '5 ms',
      workingSet: '8 GiB',
      writeFraction: 0.2,
      consistency: c.strong ? 'strong' : 'eventual',
    },
    targets: { p99: `${c.p99Ms} ms`, availability: '99.9%' },
    users: c.users.map((u, i) => ({ region: `place${i}`, lat: u.lat, lon: u.lon, share: `${(u.w / total) * 100}%` })),
  };
  return buildContext(parseScenario(raw), catalog);
}

describe('compact paths', () => {
  it('the direct compact layout equals the exact layout compacted', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const ctx = contextOf(c);
        expect(screensCompact(ctx)).toBe(true);
        const t = ctx.scenario.targets.p99S;
        const direct = horizontalLayout(ctx, c.regions, c.zones, compactResolutionS(t));
        const viaExact = compactLayout(horizontalLayout(ctx, c.regions, c.zones), t);
        expect(direct.share).toEqual(viaExact.share);
        expect(direct.users.map((u) => u.order)).toEqual(viaExact.users.map((u) => u.order));
        for (const [i, u] of direct.users.entries()) {
          expect(Math.abs(u.share - (viaExact.users[i]?.share as number))).toBeLessThanOrEqual(SHARE_TOLERANCE);
        }
        expect(direct.paths.map((l) => l.map((p) => [p.networkS, p.writeExtraS, p.writeFraction]))).toEqual(
          viaExact.paths.map((l) => l.map((p) => [p.networkS, p.writeExtraS, p.writeFraction])),
        );
        for (const [r, list] of direct.paths.entries()) {
          for (const [i, p] of list.entries()) {
            expect(Math.abs(p.share - (viaExact.paths[r]?.[i]?.share as number))).toBeLessThanOrEqual(SHARE_TOLERANCE);
          }
        }
      }),
      { numRuns: 25, seed: 11 },
    );
  });

  it('a compact p99 is at least the exact one and less than one resolution above it', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 64 }), (c, vcpu) => {
        const ctx = contextOf(c);
        const t = ctx.scenario.targets.p99S;
        const q = compactResolutionS(t);
        const layout = horizontalLayout(ctx, c.regions, c.zones);
        const paths = layout.paths.flat();
        const queue = queueAtLoad(ctx.scenario.workload, { vcpu, speedup: 1 }, ctx.designRatePerS, 1, 'pooled');
        if (!queue.stable) return;
        const exact = scopedP99S(paths, queue, 'all-users');
        const compact = scopedP99S(compactPaths(paths, q), queue, 'all-users');
        expect(compact).toBeGreaterThanOrEqual(exact - 1e-9 * q);
        expect(compact).toBeLessThan(exact + q);
      }),
      { numRuns: 25, seed: 12 },
    );
  });

  it('a screened vertical sizing picks the box the exact sizing picks', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const ctx = contextOf(c);
        const sizes = catalog.families.get('m6i') ?? [];
        for (const region of c.regions) {
          for (const standby of ['none', 'hot'] as const) {
            const spec = { name: 'v', origin: 'searched' as const, region, standby, standbyRegion: null };
            const screened = sizeVertical(ctx, sizes, spec, true);
            const exact = sizeVertical(ctx, sizes, spec);
            expect(screened.feasible).toBe(exact.feasible);
            // when none meets, the closest box may differ where two sizes' p99s are within a resolution
            if (exact.feasible) expect(screened.instance.name).toBe(exact.instance.name);
            expect(screened.latency.p99Ms as number).toBeGreaterThanOrEqual((exact.latency.p99Ms as number) - 1e-6);
            expect(screened.latency.p99Ms as number).toBeLessThan((exact.latency.p99Ms as number) + q(ctx) * 1000);
          }
        }
      }),
      { numRuns: 15, seed: 13 },
    );
  });

  it('near the target the exact paths decide: a target just above the exact p99 of a box picks that box or a smaller one', () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.integer({ min: 0, max: 6 }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        (c, k, f) => {
          const base = contextOf(c);
          const sizes = catalog.families.get('m6i') ?? [];
          const box = sizes[k] as (typeof sizes)[number];
          const region = c.regions[0] as string;
          const spec = {
            name: 'v',
            origin: 'searched' as const,
            region,
            standby: 'none' as const,
            standbyRegion: null,
          };
          const queue = queueAtLoad(base.scenario.workload, base.node(box), base.designRatePerS, 1, 'pooled');
          if (!queue.stable) return;
          const exactP99 = scopedP99S(verticalPaths(base, spec), queue, 'all-users');
          // a target a fraction f of a resolution above the box's exact p99: its compact p99 may lie above the target
          const p99S = exactP99 + f * compactResolutionS(exactP99);
          const ctx = buildContext({ ...base.scenario, targets: { ...base.scenario.targets, p99S } }, catalog);
          const screened = sizeVertical(ctx, sizes, spec, true);
          const exact = sizeVertical(ctx, sizes, spec);
          expect(screened.instance.name).toBe(exact.instance.name);
          expect(screened.meetsTargets.p99).toBe(exact.meetsTargets.p99);
        },
      ),
      { numRuns: 30, seed: 14 },
    );
  });
});

function q(ctx: ReturnType<typeof buildContext>) {
  return compactResolutionS(ctx.scenario.targets.p99S);
}

describe('the searched horizontal design says when it was screened on compact paths', () => {
  const at = (n: number): Case => ({
    users: Array.from({ length: n }, (_, i) => ({ lat: -50 + i * 3, lon: -170 + i * 10, w: 1 })),
    p99Ms: 300,
    strong: false,
    rate: 500,
    regions: ['us-east-1'],
    zones: 3,
  });
  const note = /screened designs on network times rounded up to 0\.5% of the p99 target \(more than 32 user places\)/;
  it(`with ${COMPACT_ABOVE_USERS + 1} user places a note, with ${COMPACT_ABOVE_USERS} none`, () => {
    for (const [n, compact] of [
      [COMPACT_ABOVE_USERS + 1, true],
      [COMPACT_ABOVE_USERS, false],
    ] as const) {
      const ctx = contextOf(at(n));
      expect(screensCompact(ctx)).toBe(compact);
      const r = searchHorizontal(ctx);
      expect(r.notes.some((x) => note.test(x))).toBe(compact);
    }
  });
});
