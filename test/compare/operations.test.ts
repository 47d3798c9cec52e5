// Operations (issue 20; contract "Operations"; src/compare/operations.ts): people and tooling in the monthly cost,
// deploys and failed changes in the availability. First-order figures recomputed by hand, the simulator drawing them
// as events (its 95% interval covers the analytic figure over seeds), the monotonicity properties, the searches with
// operations, the byte-identical results without them, and the input errors (exit 2).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { buildContext } from '../../src/compare/context.js';
import { compareScenario } from '../../src/compare/index.js';
import { CAUSE_DEPLOYS, CAUSE_FAILED_CHANGES } from '../../src/compare/operations.js';
import type { ArchitectureResult } from '../../src/compare/result.js';
import { sensitivity } from '../../src/compare/sensitivity.js';
import { availabilitySim, designOf } from '../../src/compare/simulationPlan.js';
import { searchVertical } from '../../src/compare/size.js';
import { isErrorRow, type SweepRow, sweepScenario } from '../../src/compare/sweep.js';
import { simulateAvailability } from '../../src/core/sim/failures/index.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import { type ArchitectureSpec, NO_OPERATIONS, type Operations, type Scenario } from '../../src/scenario/types.js';
import { expectClose } from '../helpers/expectClose.js';
import { propertyCaseArb, propertyScenario } from '../helpers/propertyScenario.js';
import { contractExample, errorsOf } from '../scenario/example.js';
import { smallScenario } from './scenario.js';

// biome-ignore lint/suspicious/noExplicitAny: raw scenario JSON edited in place
type Json = Record<string, any>;

const catalog = loadCatalog();
const WEEK_S = 7 * 86400;
/** 365.25 days / 7: the weeks of the year the downtimes are per. */
const WEEKS_PER_YEAR = 365.25 / 7;
/** Hand figures: the same products in another order. */
const REL = 1e-12;

const V: ArchitectureSpec = {
  kind: 'vertical',
  name: 'box',
  family: 'm7i',
  size: 'xlarge',
  region: 'us-east-1',
  standby: 'none',
  standbyRegion: null,
};
const VH: ArchitectureSpec = { ...V, name: 'box + hot standby', standby: 'hot' };
const H: ArchitectureSpec = {
  kind: 'horizontal',
  name: 'fleet',
  family: 'm7i',
  size: 'xlarge',
  nodes: 4,
  spares: 1,
  zones: 2,
  regions: ['us-east-1'],
  balancer: 'least-loaded',
};

/** The small scenario (100/s x 10 ms, 1 GiB, users in us-east-1) with these candidates and operations. */
function scenarioWith(
  ops: Partial<Operations>,
  architectures: ArchitectureSpec[],
  over: Partial<Scenario['workload']> = {},
) {
  return { ...smallScenario(over), architectures, operations: { ...NO_OPERATIONS, ...ops } };
}

const run = (s: Scenario) => compareScenario(s, catalog).architectures;
const cause = (a: ArchitectureResult, name: string) => {
  const c = a.availability.byCause.find((x) => x.cause === name);
  if (c === undefined) throw new Error(`${a.name}: no cause ${name}`);
  return c;
};
const at = (list: ArchitectureResult[], name: string) => {
  const a = list.find((x) => x.name === name);
  if (a === undefined) throw new Error(`no ${name}`);
  return a;
};

describe('deploys and failed changes, first order, by hand', () => {
  it('10 deploys a week at 60 s on one box add 10 x 52.18 x 60 s of downtime a year, in series with the hardware', () => {
    const [before] = run(scenarioWith({}, [V]));
    const [after] = run(scenarioWith({ deploysPerWeek: 10, restartS: 60 }, [V]));
    if (before === undefined || after === undefined) throw new Error('no result');
    expectClose(cause(after, CAUSE_DEPLOYS).downtimeMinutesPerYear, (10 * WEEKS_PER_YEAR * 60) / 60, { rel: REL });
    expectClose(cause(after, CAUSE_DEPLOYS).unavailability, (10 * 60) / WEEK_S, { rel: REL });
    expect(cause(after, CAUSE_FAILED_CHANGES).unavailability).toBe(0);
    // independent of the hardware: the availabilities multiply
    expectClose(after.availability.value, before.availability.value * (1 - (10 * 60) / WEEK_S), { rel: REL });
    expect(after.deploy).toBe('restart');
    expect(before.deploy).toBeUndefined();
  });

  it('a hot standby takes the users for the failover time when that is shorter than the restart', () => {
    const s = scenarioWith({ deploysPerWeek: 10, restartS: 300 }, [VH]);
    const failover = s.reliability.failoverS; // 60 s, shorter than the 300 s restart
    const [a] = run(s);
    if (a === undefined) throw new Error('no result');
    expectClose(cause(a, CAUSE_DEPLOYS).unavailability, (10 * Math.min(300, failover)) / WEEK_S, { rel: REL });
  });

  it('a rolling deploy on a fleet whose survivors stay under the cap adds no downtime; with one copy it is down per node', () => {
    const ops = { deploysPerWeek: 10, restartS: 60 };
    const [kept] = run(scenarioWith(ops, [H]));
    if (kept === undefined) throw new Error('no result');
    expect(kept.deploy).toBe('rolling');
    expect(kept.utilization).toBeLessThan(0.5); // 3 of 4 nodes carry it far below the 90% cap
    expect(cause(kept, CAUSE_DEPLOYS).unavailability).toBe(0);
    // one copy of each partition: a node out takes its partitions' only copy, so each of the 4 restarts is downtime
    const [single] = run(scenarioWith(ops, [H], { replication: 1 }));
    if (single === undefined) throw new Error('no result');
    expectClose(cause(single, CAUSE_DEPLOYS).unavailability, (10 * 4 * 60) / WEEK_S, { rel: REL });
    // every node restarting at once: the restart time per deploy
    const [restart] = run(scenarioWith(ops, [{ ...H, deploy: 'restart' }]));
    if (restart === undefined) throw new Error('no result');
    expectClose(cause(restart, CAUSE_DEPLOYS).unavailability, (10 * 60) / WEEK_S, { rel: REL });
  });

  it('failed changes add deploys x rate x recovery time x the share reached to every design', () => {
    const ops = { deploysPerWeek: 10, changeFailureRate: 0.1, changeRecoveryS: 3600 };
    const list = run(scenarioWith(ops, [V, H, { ...H, name: 'fleet, blue-green', deploy: 'blue-green' }]));
    const all = (10 * 0.1 * 3600) / WEEK_S;
    expectClose(cause(at(list, 'box'), CAUSE_FAILED_CHANGES).unavailability, all, { rel: REL });
    // a rolling deploy's bad change reaches one of the 4 nodes (one region: a quarter of the traffic)
    expectClose(cause(at(list, 'fleet'), CAUSE_FAILED_CHANGES).unavailability, all / 4, { rel: REL });
    // a blue-green switch moves every user at once
    expectClose(cause(at(list, 'fleet, blue-green'), CAUSE_FAILED_CHANGES).unavailability, all, { rel: REL });
  });
});

describe('operations cost, by hand', () => {
  const ops = { usdPerNodeMonth: 150, usdPerRegionMonth: 2000 };
  const base = run(scenarioWith({}, [V, VH, H]));
  const priced = run(scenarioWith(ops, [V, VH, H]));
  const cases: [string, number][] = [
    ['box', 150 + 2000],
    ['box + hot standby', 2 * 150 + 2000],
    ['fleet', 4 * 150 + 2000],
  ];
  for (const [name, usd] of cases) {
    it(`${name}: ${usd} USD a month of people and tooling, inside the total`, () => {
      const a = at(priced, name);
      const b = at(base, name);
      expectClose(a.cost.breakdown.operationsUsdPerMonth ?? Number.NaN, usd, { rel: REL });
      expectClose(a.cost.usdPerMonth, b.cost.usdPerMonth + usd, { rel: REL });
      expect(b.cost.breakdown.operationsUsdPerMonth).toBeUndefined();
      // the operations cost changes no other figure
      expect(a.availability).toStrictEqual(b.availability);
      expect(a.latency).toStrictEqual(b.latency);
    });
  }

  it('a blue-green box pays for its second box for the overlap of every deploy, and takes no deploy downtime', () => {
    const bg = { ...V, name: 'blue-green box', deploy: 'blue-green' as const };
    const list = run(
      scenarioWith({ deploysPerWeek: 10, restartS: 60, blueGreenOverlapS: 3600 }, [
        bg,
        { ...VH, deploy: 'blue-green' },
      ]),
    );
    const a = at(list, 'blue-green box');
    const m7iXlarge = 0.2016; // us-east-1 on-demand, USD/h (../shared/reference/prices.json)
    expectClose(a.cost.breakdown.blueGreenUsdPerMonth ?? Number.NaN, m7iXlarge * 1 * 10 * (730 / 168), { rel: REL });
    expect(cause(a, CAUSE_DEPLOYS).unavailability).toBe(0);
    // a hot standby serves as the second box: nothing extra to pay
    expect(at(list, 'box + hot standby').cost.breakdown.blueGreenUsdPerMonth).toBeUndefined();
  });
});

describe('without operations, every result is as before', () => {
  it('an all-zero block gives byte-identical results to no block (explicit candidates, and a search)', () => {
    const zeros = {
      usdPerNodeMonth: 0,
      usdPerRegionMonth: '0 USD/month',
      deploysPerWeek: 0,
      restartTime: '30 s',
      changeFailureRate: '10%',
      changeRecoveryTime: '1 h',
    };
    const explicit: Json = contractExample();
    const search: Json = propertyScenario({
      rate: 800,
      serviceMs: 10,
      workingSetGiB: 60,
      availability: '99.95%',
      p99Ms: 150,
      strong: true,
      users: ['us-east-1', 'eu-west-1'],
    });
    for (const raw of [explicit, search]) {
      expect(JSON.stringify(compareScenario(parseScenario({ ...raw, operations: zeros }), catalog))).toBe(
        JSON.stringify(compareScenario(parseScenario(raw), catalog)),
      );
    }
  }, 120_000);
});

describe('monotone in the operations figures (fast-check)', () => {
  const designs = [V, VH, H, { ...H, name: 'fleet, one copy' }];
  it('more deploys never raise availability; a higher cost per node never lowers a cost', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 3600 }),
        fc.double({ min: 0, max: 5000, noNaN: true }),
        fc.double({ min: 0, max: 5000, noNaN: true }),
        (d1, d2, cfr, restartS, c1, c2) => {
          const [lo, hi] = d1 <= d2 ? [d1, d2] : [d2, d1];
          const [cLo, cHi] = c1 <= c2 ? [c1, c2] : [c2, c1];
          const common = { restartS, changeFailureRate: cfr, changeRecoveryS: 1800 };
          const few = run(scenarioWith({ ...common, deploysPerWeek: lo, usdPerNodeMonth: cLo }, designs));
          const many = run(scenarioWith({ ...common, deploysPerWeek: hi, usdPerNodeMonth: cHi }, designs));
          few.forEach((a, i) => {
            const b = many[i] as ArchitectureResult;
            expect(b.availability.value).toBeLessThanOrEqual(a.availability.value);
            expect(b.cost.usdPerMonth).toBeGreaterThanOrEqual(a.cost.usdPerMonth);
          });
        },
      ),
      { seed: 20, numRuns: 25 },
    );
  }, 120_000);
});

describe('the vertical search with operations is never beaten by an explicit vertical design', () => {
  it('explicit designs with their own deploy mode, restart or blue-green', () => {
    let compared = 0;
    const REGIONS = ['us-east-1', 'eu-west-1', 'ap-northeast-1'];
    fc.assert(
      fc.property(
        propertyCaseArb(REGIONS, { serviceMs: [1, 20], workingSetGiB: 200, p99Ms: [80, 500] }),
        fc.record({ deploys: fc.integer({ min: 1, max: 40 }), restart: fc.integer({ min: 10, max: 900 }) }),
        fc.array(
          fc.record({
            family: fc.constantFrom('m6i', 'm7i', 'r7i'),
            sizeIndex: fc.nat(),
            standby: fc.constantFrom('none', 'cold', 'hot'),
            deploy: fc.constantFrom('restart', 'blue-green'),
          }),
          { minLength: 3, maxLength: 6 },
        ),
        (sc, o, list) => {
          const base = {
            ...propertyScenario(sc),
            operations: {
              usdPerNodeMonth: 80,
              usdPerRegionMonth: 500,
              deploysPerWeek: o.deploys,
              restartTime: `${o.restart} s`,
              changeFailureRate: '5%',
              changeRecoveryTime: '10 min',
            },
          };
          const best = searchVertical(buildContext(parseScenario(base), catalog));
          const architectures = list.map((d, i) => {
            const sizes = catalog.families.get(d.family) ?? [];
            return {
              name: `explicit ${i}`,
              kind: 'vertical',
              family: d.family,
              size: sizes[d.sizeIndex % sizes.length]?.size,
              regions: [sc.users[0]],
              standby: d.standby,
              deploy: d.deploy,
            };
          });
          for (const a of compareScenario(parseScenario({ ...base, architectures }), catalog).architectures) {
            if (!a.feasible) continue;
            compared++;
            expect(best.feasible, `${a.name} meets every target`).toBe(true);
            expect(best.cost.usdPerMonth).toBeLessThanOrEqual(a.cost.usdPerMonth + 0.005);
          }
        },
      ),
      { seed: 7, numRuns: 15 },
    );
    expect(compared).toBeGreaterThan(5);
  }, 240_000);
});

describe('the failure simulation draws deploys and failed changes as events', () => {
  /** Share of seeds whose 95% interval covers the analytic unavailability. */
  function coverage(s: Scenario, name: string, years: number, seeds: number): { covered: number; mean: number } {
    const ctx = buildContext(s, catalog);
    const r = at(compareScenario(s, catalog).architectures, name);
    const config = availabilitySim(ctx, designOf(catalog, r));
    let covered = 0;
    let sum = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const sim = simulateAvailability(config, years, seed, 10);
      const [lo, hi] = sim.ci95Unavailability;
      if (r.availability.unavailability >= lo && r.availability.unavailability <= hi) covered++;
      sum += sim.unavailability / r.availability.unavailability;
    }
    return { covered: covered / seeds, mean: sum / seeds };
  }

  it('one box restarting for its deploys, every failed change reaching all of it', () => {
    const s = scenarioWith({ deploysPerWeek: 50, restartS: 600, changeFailureRate: 0.2, changeRecoveryS: 1800 }, [V]);
    const { covered, mean } = coverage(s, 'box', 4, 60);
    // about 95% of intervals cover; the mean of the estimates is within 2% of the analytic figure
    expect(covered).toBeGreaterThanOrEqual(0.85);
    expectClose(mean, 1, { rel: 0.02 });
  }, 60_000);

  it('a fleet that cannot spare a node (one copy), failed changes reaching a quarter of it', () => {
    const s = scenarioWith({ deploysPerWeek: 30, restartS: 120, changeFailureRate: 0.3, changeRecoveryS: 3600 }, [H], {
      replication: 1,
    });
    const { covered, mean } = coverage(s, 'fleet', 4, 60);
    expect(covered).toBeGreaterThanOrEqual(0.85);
    expectClose(mean, 1, { rel: 0.02 });
  }, 60_000);
});

describe('bad operations input: one line naming the field', () => {
  const withOps = (operations: unknown, change?: (x: Json) => void) => {
    const x: Json = contractExample();
    x.operations = operations;
    change?.(x);
    return x;
  };
  it('a change failure rate outside [0, 1], a negative cost', () => {
    expect(errorsOf(withOps({ changeFailureRate: '150%' }))).toStrictEqual([
      expect.stringMatching(/^operations\.changeFailureRate: "150%": expected .*/),
    ]);
    expect(errorsOf(withOps({ usdPerNodeMonth: '-5 USD/month' }))).toStrictEqual([
      expect.stringMatching(/^operations\.usdPerNodeMonth: "-5 USD\/month": expected .*/),
    ]);
    expect(errorsOf(withOps({ deploysPerWeek: -1 }))).toStrictEqual([
      expect.stringMatching(/^operations\.deploysPerWeek: -1: expected .*/),
    ]);
  });

  it('"rolling" on a vertical design, "blue-green" on spot', () => {
    expect(errorsOf(withOps({}, (x) => (x.architectures[0].deploy = 'rolling')))).toStrictEqual([
      'architectures[0].deploy: "rolling": expected "restart" or "blue-green" for a vertical candidate (a rolling deploy takes one node out at a time while the others serve: a horizontal design)',
    ]);
    const spot = withOps({}, (x) => {
      x.workload.workingSet = 0;
      x.workload.writeFraction = 0;
      x.architectures = [{ ...x.architectures[2], pricing: { model: 'spot' }, deploy: 'blue-green' }];
    });
    expect(errorsOf(spot)).toStrictEqual([
      expect.stringMatching(
        /^architectures\[0\]\.deploy: "blue-green": expected "rolling" or "restart" .*spot capacity is not promised/,
      ),
    ]);
  });
});

describe('a system of tiers: each tier deploys at its own rate, each region is priced once', () => {
  const raw: Json = JSON.parse(readFileSync('models/scenarios/social-startup-changes.json', 'utf8'));
  const { simulation: _, ...analytic } = raw;
  const scenario = {
    ...analytic,
    architectures: [
      {
        name: 'app out, db up',
        tiers: {
          app: { kind: 'horizontal', family: 'c7g', size: 'large', nodes: 6, regions: ['us-east-1'] },
          db: { kind: 'vertical', family: 'r7g', size: '2xlarge', regions: ['us-east-1'], standby: 'hot' },
        },
      },
      { name: 'one box', kind: 'vertical', family: 'r7g', size: '2xlarge', regions: ['us-east-1'] },
    ],
  };
  const list = compareScenario(parseScenario(scenario), catalog).architectures;
  const ops = raw.operations;
  const restartS = 120;
  const recoveryS = 900;
  const cfr = 0.15;

  it('the database deploys 0.25 times a week, the application 20; the system adds them up', () => {
    const a = at(list, 'app out, db up');
    const [app, db] = a.tiers ?? [];
    if (app === undefined || db === undefined) throw new Error('no tiers');
    expect(ops.deploysPerWeek).toBe(20);
    expect(app.deploy).toBe('rolling');
    expect(db.deploy).toBe('restart');
    // the database's restart moves the users to its hot standby: the failover time, shorter than the restart
    const failoverS = parseScenario(scenario).reliability.failoverS;
    expect(failoverS).toBeLessThan(restartS);
    const dbDeploys = (0.25 * failoverS) / WEEK_S;
    const dbFailed = (0.25 * cfr * recoveryS) / WEEK_S;
    // the application's bad change reaches one of its 6 nodes (one region)
    const appFailed = (20 * cfr * recoveryS) / 6 / WEEK_S;
    expectClose(cause(a, CAUSE_DEPLOYS).unavailability, dbDeploys, { rel: REL });
    expectClose(cause(a, CAUSE_FAILED_CHANGES).unavailability, appFailed + dbFailed, { rel: REL });
  });

  it('nodes running every tier restart as often as the most often deployed tier', () => {
    const box = at(list, 'one box');
    expectClose(cause(box, CAUSE_DEPLOYS).unavailability, (20 * restartS) / WEEK_S, { rel: REL });
  });

  it('people and tooling: every node of every tier (the standby included), each region once', () => {
    const a = at(list, 'app out, db up');
    // 6 application nodes, the database box and its standby; one region for both tiers
    expectClose(a.cost.breakdown.operationsUsdPerMonth ?? Number.NaN, (6 + 2) * 100 + 1 * 1000, { rel: REL });
    const box = at(list, 'one box');
    expectClose(box.cost.breakdown.operationsUsdPerMonth ?? Number.NaN, 100 + 1000, { rel: REL });
  });
});

describe('the horizontal search with operations is never beaten by an explicit horizontal design', () => {
  // a small catalog (four regions, five types) keeps the search quick; operations per node make fewer, larger nodes
  // worth more, and deploys make a fleet that cannot spare a node pay in nines
  const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1'];
  const TYPES = ['m6i.large', 'm6i.xlarge', 'm6i.4xlarge', 'r7i.xlarge', 'r7i.2xlarge'];
  const instances = catalog.instances.filter((i) => TYPES.includes(i.name));
  const families = new Map<string, typeof instances>();
  for (const i of instances) families.set(i.family, [...(families.get(i.family) ?? []), i]);
  const small = {
    ...catalog,
    instances,
    families,
    instance: (name: string) => instances.find((i) => i.name === name),
    regions: catalog.regions.filter((r) => REGIONS.includes(r.id)),
  };

  it('explicit fleets, rolling, of every type, zones and spares', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        propertyCaseArb(REGIONS, { serviceMs: [2, 20], workingSetGiB: 60, p99Ms: [100, 600], replication: true }),
        fc.record({ perNode: fc.integer({ min: 0, max: 400 }), deploys: fc.integer({ min: 0, max: 40 }) }),
        fc.array(
          fc.record({
            type: fc.constantFrom(...TYPES),
            zones: fc.constantFrom(1, 2, 3),
            spares: fc.integer({ min: 0, max: 4 }),
          }),
          { minLength: 4, maxLength: 8 },
        ),
        (sc, o, list) => {
          const base = {
            ...propertyScenario(sc),
            operations: {
              usdPerNodeMonth: o.perNode,
              usdPerRegionMonth: 700,
              deploysPerWeek: o.deploys,
              restartTime: '90 s',
              changeFailureRate: '10%',
              changeRecoveryTime: '20 min',
            },
          };
          const parsed = parseScenario(base);
          const best = compareScenario({ ...parsed }, small as never).architectures.find(
            (a) => a.name === 'best horizontal',
          );
          if (best === undefined) throw new Error('no best horizontal');
          const architectures = list.map((d, i) => {
            const inst = instances.find((x) => x.name === d.type);
            return {
              name: `explicit ${i}`,
              kind: 'horizontal',
              family: inst?.family,
              size: inst?.size,
              regions: [...sc.users],
              zones: d.zones,
              spares: d.spares,
            };
          });
          const explicit = compareScenario(parseScenario({ ...base, architectures }), small as never);
          for (const a of explicit.architectures) {
            if (!a.feasible) continue;
            compared++;
            expect(best.feasible, `${a.name} (${a.instance.name} x${a.nodes}) meets every target`).toBe(true);
            expect(best.cost.usdPerMonth).toBeLessThanOrEqual(a.cost.usdPerMonth + 0.005);
          }
        },
      ),
      { seed: 5, numRuns: 8 },
    );
    expect(compared).toBeGreaterThan(5);
  }, 240_000);
});

describe('sweep and sensitivity take the operations figures', () => {
  const raw = (): Json => ({
    ...contractExample(),
    operations: { deploysPerWeek: 10, restartTime: '60 s', changeFailureRate: '10%', changeRecoveryTime: '30 min' },
  });

  it('a sweep of operations.deploysPerWeek: each row as compareScenario at that value, downtime rising with it', () => {
    const swept = sweepScenario(raw(), 'operations.deploysPerWeek', [0, 10, 40], catalog);
    expect(swept.rows.every((r) => !isErrorRow(r))).toBe(true);
    for (const v of [0, 10, 40]) {
      const x = raw();
      x.operations.deploysPerWeek = v;
      const direct = compareScenario(parseScenario(x), catalog).architectures;
      const rows = swept.rows.filter((r) => !isErrorRow(r) && r.value === v) as SweepRow[];
      expect(rows.map((r) => r.nines)).toStrictEqual(direct.map((a) => a.availability.nines));
    }
    const box = (v: number) =>
      (swept.rows.find((r) => !isErrorRow(r) && r.value === v && r.candidate === 'one big box') as SweepRow)
        .downtimeMinutesPerYear;
    expect(box(0)).toBeLessThan(box(10));
    expect(box(10)).toBeLessThan(box(40));
  }, 120_000);

  it('the sensitivity analysis varies the figures the scenario gives (not the ones it leaves at 0)', () => {
    const s = parseScenario(raw());
    const r = compareScenario(s, catalog);
    const paths = sensitivity(s, catalog, r, { freeze: true }).inputs.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'operations.deploysPerWeek',
        'operations.restartTime',
        'operations.changeFailureRate',
        'operations.changeRecoveryTime',
      ]),
    );
    expect(paths).not.toContain('operations.usdPerNodeMonth');
  }, 120_000);
});
