// The memos of issue 18's search speed-up return what the computation returns, bit for bit: the mixture quantile
// (latency.ts), a horizontal design's availability figure (evaluateHorizontal.ts, per context) and the users' routes of
// the availability's sum over region states (placement.ts). Each is compared with a fresh computation, and results are
// checked independent of the order in which the memos were filled.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { buildContext } from '../../src/compare/context.js';
import type { HorizontalDesign } from '../../src/compare/designKinds.js';
import { evaluateHorizontal, screenHorizontal } from '../../src/compare/evaluateHorizontal.js';
import { screenVertical, verticalPaths } from '../../src/compare/evaluateVertical.js';
import { compareScenario } from '../../src/compare/index.js';
import {
  computeMixtureQuantile,
  type LatencyGroup,
  mixtureQuantile,
  mixtureQuantileAtMost,
  mixtureQuantileVersus,
} from '../../src/compare/latency.js';
import { horizontalLayout } from '../../src/compare/layout.js';
import { queueFigures, queueP99S, queueSurvival } from '../../src/compare/queueMemo.js';
import { bestHorizontalSize, better, sizeHorizontal } from '../../src/compare/size.js';
import { analyzeQueue } from '../../src/core/queueing/index.js';
import { type PlacedFleetInput, placedFleetAvailability } from '../../src/core/reliability/placement.js';
import { parseScenario } from '../../src/scenario/normalize.js';

const catalog = loadCatalog();

describe('the queue memo', () => {
  it("gives analyzeQueue's figures without the percentiles, and its p99 when asked, bit for bit", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0.01, max: 1.2, noNaN: true }),
        fc.constantFrom(0, 0.3, 0.5, 1, 1.5, 4),
        fc.constantFrom(1, 1, 3),
        fc.boolean(),
        (servers, rho, cv, fanout, p99First) => {
          const serviceTimeS = 0.003;
          const q = {
            servers,
            arrivalRatePerS: (rho * servers) / serviceTimeS,
            serviceTimeS,
            serviceTimeCv: cv,
            fanout,
          };
          const { percentiles, ...rest } = analyzeQueue(q);
          // either order of asking (the p99 before the figures, or after)
          const p99 = p99First ? queueP99S(q) : null;
          expect(queueFigures({ ...q }).analysis).toEqual(rest);
          expect(queueP99S({ ...q })).toBe(percentiles === null ? null : percentiles.p99S);
          if (p99First) expect(p99).toBe(queueP99S(q));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the queue memo, one field changed at a time', () => {
  it('tells queues apart by each field its figures read (a key leaving one out would hand back another queue)', () => {
    const base = { servers: 3, arrivalRatePerS: 400, serviceTimeS: 0.005, serviceTimeCv: 1.5, fanout: 2, arrivalCv: 1 };
    const variants = [
      { servers: 4 },
      { arrivalRatePerS: 401 },
      { serviceTimeS: 0.0051 },
      { serviceTimeCv: 0.5 },
      { fanout: 3 },
      { arrivalCv: 1.4 },
    ];
    const p99Of = (q: typeof base) => analyzeQueue(q).percentiles?.p99S ?? null;
    expect(queueP99S(base)).toBe(p99Of(base));
    for (const change of variants) {
      const q = { ...base, ...change };
      expect(p99Of(q), JSON.stringify(change)).not.toBe(p99Of(base));
      expect(queueP99S(q), JSON.stringify(change)).toBe(p99Of(q));
      expect(queueFigures(q).analysis.meanResponseS, JSON.stringify(change)).toBe(analyzeQueue(q).meanResponseS);
    }
  });
});

describe('the mixture quantile memo', () => {
  const group = fc.record({
    share: fc.double({ min: 0.01, max: 1, noNaN: true }),
    networkS: fc.double({ min: 0, max: 0.3, noNaN: true }),
    writeExtraS: fc.constantFrom(0, 0.015, 0.07),
    writeFraction: fc.constantFrom(0, 0.1, 0.6),
    servers: fc.integer({ min: 1, max: 64 }),
    rho: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    cv: fc.constantFrom(0, 0.5, 1, 1.5),
  });
  const toGroup = (g: {
    share: number;
    networkS: number;
    writeExtraS: number;
    writeFraction: number;
    servers: number;
    rho: number;
    cv: number;
  }): LatencyGroup => {
    const serviceTimeS = 0.004;
    const survival = queueSurvival({
      servers: g.servers,
      arrivalRatePerS: (g.rho * g.servers) / serviceTimeS,
      serviceTimeS,
      serviceTimeCv: g.cv,
    });
    return { ...g, queueSurvival: survival, queueScaleS: serviceTimeS / (1 - g.rho) };
  };

  it('decides quantile <= x from the survival function as the computed quantile does (issue 18: sizing tests P(T > target) <= 1%)', () => {
    fc.assert(
      fc.property(
        fc.array(group, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(0.5, 0.99, 0.999),
        // thresholds around the quantile, within the margin (left to the quantile) and far from it
        fc.constantFrom(-1, 0, 0.5, 1 - 1e-6, 1 - 1e-10, 1, 1 + 1e-10, 1 + 1e-6, 2),
        (g, p, factor) => {
          const groups = g.map(toGroup);
          const q = computeMixtureQuantile(groups, p);
          const x = q * factor;
          const side = mixtureQuantileVersus(groups, p, x);
          if (side < 0) expect(q).toBeLessThanOrEqual(x);
          if (side > 0) expect(q).toBeGreaterThan(x);
          expect(mixtureQuantileAtMost(groups, p, x)).toBe(q <= x);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('returns the computed quantile, bit for bit, however often and in whatever order it is asked', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(group, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(0.5, 0.99, 0.999),
        (mixtures, p) => {
          const all = mixtures.map((m) => m.map(toGroup));
          const fresh = all.map((groups) => computeMixtureQuantile(groups, p));
          // twice forwards, once backwards: the second and third passes read the memo
          for (const order of [all, all, [...all].reverse()]) {
            for (const groups of order) {
              expect(Object.is(mixtureQuantile(groups, p), fresh[all.indexOf(groups)])).toBe(true);
            }
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('tells mixtures apart by each number of each group (a key leaving one out would hand back another quantile)', () => {
    const survival = queueSurvival({ servers: 2, arrivalRatePerS: 300, serviceTimeS: 0.004 });
    const g = {
      share: 1,
      networkS: 0.01,
      writeExtraS: 0.02,
      writeFraction: 0.3,
      queueSurvival: survival,
      queueScaleS: 0.005,
    };
    const h = { ...g, share: 2, networkS: 0.05 };
    const base = [g, h];
    const variants: LatencyGroup[][] = [
      [{ ...g, share: 3 }, h],
      [{ ...g, networkS: 0.011 }, h],
      [{ ...g, writeExtraS: 0.03 }, h],
      [{ ...g, writeFraction: 0.6 }, h],
      [g, { ...h, networkS: 0.051 }],
      [g, { ...h, queueSurvival: queueSurvival({ servers: 2, arrivalRatePerS: 310, serviceTimeS: 0.004 }) }],
      [g],
    ];
    // one group (its own memo): each number changed in turn (but its share: a lone group's weight is share / share,
    // 1 whatever the share), at the p99, which every one of them moves
    const one = [
      [{ ...g, networkS: 0.012 }],
      [{ ...g, writeExtraS: 0.04 }],
      [{ ...g, writeFraction: 0.5 }],
      [{ ...g, queueSurvival: queueSurvival({ servers: 2, arrivalRatePerS: 320, serviceTimeS: 0.004 }) }],
    ];
    for (const p of [0.99, 0.999]) {
      for (const groups of one) {
        const fresh = computeMixtureQuantile(groups, p);
        expect(fresh).not.toBe(computeMixtureQuantile([g], p));
        expect(mixtureQuantile(groups, p)).toBe(fresh);
      }
    }
    for (const p of [0.5, 0.99]) {
      expect(mixtureQuantile(base, p)).toBe(computeMixtureQuantile(base, p));
      for (const groups of variants) {
        const fresh = computeMixtureQuantile(groups, p);
        expect(fresh).not.toBe(computeMixtureQuantile(base, p));
        expect(mixtureQuantile(groups, p)).toBe(fresh);
      }
    }
  });

  it("tells mixtures apart by each group's survival function, not only by its numbers", () => {
    const a = queueSurvival({ servers: 2, arrivalRatePerS: 300, serviceTimeS: 0.004 });
    const b = queueSurvival({ servers: 2, arrivalRatePerS: 450, serviceTimeS: 0.004 });
    const g = { share: 1, networkS: 0.01, writeExtraS: 0, writeFraction: 0, queueScaleS: 0.005 };
    const qa = mixtureQuantile([{ ...g, queueSurvival: a }], 0.99);
    const qb = mixtureQuantile([{ ...g, queueSurvival: b }], 0.99);
    expect(qa).toBe(computeMixtureQuantile([{ ...g, queueSurvival: a }], 0.99));
    expect(qb).toBe(computeMixtureQuantile([{ ...g, queueSurvival: b }], 0.99));
    expect(qb).toBeGreaterThan(qa);
  });
});

describe('the routes of the sum over region states', () => {
  const fleet = fc.record({
    R: fc.integer({ min: 1, max: 4 }),
    nodes: fc.integer({ min: 3, max: 9 }),
    zones: fc.integer({ min: 1, max: 3 }),
    users: fc.array(fc.record({ share: fc.integer({ min: 1, max: 9 }), seed: fc.nat() }), {
      minLength: 1,
      maxLength: 5,
    }),
    needPerShare: fc.integer({ min: 1, max: 6 }),
  });
  const inputOf = (f: {
    R: number;
    nodes: number;
    zones: number;
    users: { share: number; seed: number }[];
    needPerShare: number;
  }): PlacedFleetInput => {
    const total = f.users.reduce((s, u) => s + u.share, 0);
    const regions = Array.from({ length: f.R }, () => ({ nodes: f.nodes, zones: f.zones }));
    return {
      regions,
      node: { availability: 0.999, unavailability: 0.001 },
      zone: { availability: 0.9995, unavailability: 0.0005 },
      region: { availability: 0.9997, unavailability: 0.0003 },
      balancer: { availability: 0.9999, unavailability: 0.0001 },
      replication: 2,
      writeQuorum: 1,
      users: f.users.map((u) => {
        // a preference order: the regions rotated by the seed, some left out
        const order = Array.from({ length: f.R }, (_, i) => (i + u.seed) % f.R).slice(0, 1 + (u.seed % f.R));
        return { share: u.share / total, order };
      }),
      need: (_r, share) => Math.min(f.nodes, Math.ceil(share * f.needPerShare)),
    };
  };

  it('give every fleet the figures of a first computation, whatever was computed before', () => {
    fc.assert(
      fc.property(fc.array(fleet, { minLength: 2, maxLength: 6 }), (fleets) => {
        const inputs = fleets.map(inputOf);
        const first = inputs.map((x) => JSON.stringify(placedFleetAvailability(x)));
        const again = [...inputs].reverse().map((x) => JSON.stringify(placedFleetAvailability(x)));
        expect(again.reverse()).toEqual(first);
      }),
      { numRuns: 40 },
    );
  });

  it('follow a users array changed in place (the cache is keyed by its content, not its identity)', () => {
    const input = inputOf({ R: 3, nodes: 4, zones: 2, users: [{ share: 1, seed: 2 }], needPerShare: 3 });
    const before = placedFleetAvailability(input);
    const users = input.users as { share: number; order: number[] }[];
    (users[0] as { order: number[] }).order = [2];
    const after = placedFleetAvailability(input);
    expect(after.unreachable).not.toBe(before.unreachable);
    expect(JSON.stringify(after)).toBe(
      JSON.stringify(placedFleetAvailability({ ...input, users: [{ share: 1, order: [2] }] })),
    );
  });
});

describe('the availability memo of horizontal designs', () => {
  const scenario = parseScenario({
    name: 'memo',
    workload: { peakRate: '3000/s', serviceTime: '6 ms', workingSet: '20 GiB', writeFraction: 0.2 },
    targets: { p99: '200 ms', availability: '99.95%' },
    users: [
      { region: 'us-east-1', share: '50%' },
      { region: 'eu-west-1', share: '30%' },
      { region: 'ap-southeast-1', share: '20%' },
    ],
  });

  it('gives each design the figure of a fresh context, also where instance types of the same vCPUs share it', () => {
    const shared = buildContext(scenario, catalog);
    // m7i, c7i and r7i of one size: the same vCPUs and speed, so the same availability key for the same nodes
    const instances = ['m7i.xlarge', 'c7i.xlarge', 'r7i.xlarge', 'm7i.2xlarge'].map((n) => {
      const i = catalog.instance(n);
      if (i === undefined) throw new Error(n);
      return i;
    });
    for (const regions of [['us-east-1'], ['us-east-1', 'eu-west-1'], ['us-east-1', 'eu-west-1', 'ap-southeast-1']]) {
      for (const zones of [1, 2, 3]) {
        const layout = horizontalLayout(shared, regions, zones);
        for (const instance of instances) {
          for (const n of [3, 4, 7]) {
            const d: HorizontalDesign = {
              kind: 'horizontal',
              name: 'd',
              origin: 'searched',
              instance,
              nodesByRegion: regions.map(() => n),
              spares: 1,
              zones,
              regions,
              balancer: 'least-loaded',
            };
            const fresh = buildContext(scenario, catalog);
            expect(JSON.stringify(screenHorizontal(shared, d, layout))).toBe(
              JSON.stringify(screenHorizontal(fresh, d, horizontalLayout(fresh, regions, zones))),
            );
            expect(JSON.stringify(evaluateHorizontal(shared, d))).toBe(JSON.stringify(evaluateHorizontal(fresh, d)));
          }
        }
      }
    }
  });

  it('vertical screens (the screened latency kept per context) equal those of a fresh context, size by size', () => {
    const shared = buildContext(scenario, catalog);
    for (const region of ['us-east-1', 'eu-west-1']) {
      for (const standby of ['none', 'cold', 'hot'] as const) {
        for (const name of ['m7i.xlarge', 'c7i.xlarge', 'r7i.2xlarge', 'm7g.4xlarge']) {
          const instance = catalog.instance(name);
          if (instance === undefined) throw new Error(name);
          const d = {
            kind: 'vertical' as const,
            name: 'v',
            origin: 'searched' as const,
            instance,
            region,
            standby,
            standbyRegion: null,
          };
          const paths = verticalPaths(shared, d);
          const fresh = buildContext(scenario, catalog);
          expect(JSON.stringify(screenVertical(shared, d, paths))).toBe(
            JSON.stringify(screenVertical(fresh, d, verticalPaths(fresh, d))),
          );
          // the same paths array again: read from the memo
          expect(JSON.stringify(screenVertical(shared, d, paths))).toBe(
            JSON.stringify(screenVertical(fresh, d, verticalPaths(fresh, d))),
          );
        }
      }
    }
  });

  it('a search run twice in one process (memos filled by the first) gives the same result', () => {
    const first = JSON.stringify(compareScenario(scenario, catalog));
    expect(JSON.stringify(compareScenario(scenario, catalog))).toBe(first);
  });
});

describe('bestHorizontalSize: sizes screened, and bounded by cost once one meets every target', () => {
  it('chooses what evaluating every size in full chooses, with the same figures', () => {
    fc.assert(
      fc.property(
        fc.record({
          rate: fc.integer({ min: 100, max: 20000 }),
          serviceMs: fc.integer({ min: 1, max: 20 }),
          p99Ms: fc.integer({ min: 40, max: 800 }),
          availability: fc.constantFrom('99%', '99.9%', '99.95%', '99.99%'),
          family: fc.constantFrom('r7i', 'm7i', 'c7g'),
          regions: fc.constantFrom(
            ['us-east-1'],
            ['us-east-1', 'eu-west-1'],
            ['us-west-2', 'eu-central-1', 'ap-south-1'],
          ),
          zones: fc.integer({ min: 1, max: 3 }),
          spares: fc.integer({ min: 0, max: 2 }),
          scope: fc.constantFrom('all-users', 'every-region'),
        }),
        (c) => {
          const s = parseScenario({
            name: 'sizes',
            workload: {
              peakRate: `${c.rate}/s`,
              serviceTime: `${c.serviceMs} ms`,
              workingSet: '40 GiB',
              writeFraction: 0.1,
            },
            targets: { p99: `${c.p99Ms} ms`, availability: c.availability, p99Scope: c.scope },
            users: [
              { region: 'us-east-1', share: '40%' },
              { region: 'eu-west-1', share: '35%' },
              { region: 'ap-south-1', share: '25%' },
            ],
          });
          const ctx = buildContext(s, catalog);
          const sizes = catalog.families.get(c.family) ?? [];
          const spec = {
            name: 'x',
            origin: 'explicit' as const,
            regions: [...c.regions],
            spares: c.spares,
            zones: c.zones,
            balancer: 'least-loaded' as const,
          };
          let reference: ReturnType<typeof sizeHorizontal> | null = null;
          for (const i of sizes) {
            const r = sizeHorizontal(buildContext(s, catalog), i, spec, null);
            if (better(r, reference)) reference = r;
          }
          expect(JSON.stringify(bestHorizontalSize(ctx, sizes, spec, null))).toBe(JSON.stringify(reference));
        },
      ),
      { numRuns: 25 },
    );
  });
});
