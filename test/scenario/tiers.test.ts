// Systems of tiers (issue 13), the input: `tiers` and a candidate's per-tier designs, read into SI units with their
// defaults, and every rule of the contract's "Systems of tiers" as one line naming the field.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { compareScenario } from '../../src/compare/index.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import { NO_OPERATIONS, type Scenario } from '../../src/scenario/types.js';
import { fieldValue, sampleUncertain, withValue } from '../../src/scenario/uncertain.js';
import { errorsOf, tieredScenario } from './example.js';

const GiB = 2 ** 30;

// biome-ignore lint/suspicious/noExplicitAny: the tests poke at arbitrary places of an untyped JSON copy
type Json = Record<string, any>;

function tiered(change: (s: Json) => void): Json {
  const s = tieredScenario();
  change(s);
  return s;
}

describe('tiers: a valid system of tiers', () => {
  it('parses to typed tiers in SI units, in call order, with the defaults taken listed', () => {
    const s = parseScenario(tieredScenario());
    expect(s.workload.serviceTimeS).toBeNull();
    expect(s.tiers).toStrictEqual([
      { name: 'app', role: 'stateless', serviceTimeS: 0.006, serviceTimeCv: 1.2, callsPerRequest: 1 },
      {
        name: 'cache',
        role: 'cache',
        serviceTimeS: 0.0003,
        serviceTimeCv: 1,
        callsPerRequest: 4,
        hitRatio: 0.9,
        workingSetBytes: 40 * GiB,
      },
      {
        name: 'db',
        role: 'database',
        serviceTimeS: 0.002,
        serviceTimeCv: 1,
        callsPerRequest: 4,
        workingSetBytes: 800 * GiB,
        writeFraction: 0.2,
        replication: 3,
        consistency: 'strong',
      },
    ]);
    const tierDefaults = s.defaulted.filter((p) => p.startsWith('tiers') || p.includes('.tiers.'));
    expect(tierDefaults).toStrictEqual([
      'tiers[1].serviceTimeCv',
      'tiers[2].serviceTimeCv',
      'architectures[1].tiers.app.spares',
      'architectures[1].tiers.app.balancer',
      'architectures[1].tiers.cache.spares',
      'architectures[1].tiers.cache.zones',
      'architectures[1].tiers.cache.balancer',
    ]);
    // workload.serviceTime and its cv belong to the single-tier form: neither is a default taken here
    expect(s.defaulted).not.toContain('workload.serviceTime');
    expect(s.defaulted).not.toContain('workload.serviceTimeCv');
  });

  it('reads a co-located candidate as today and a candidate with per-tier designs in tier order', () => {
    const s = parseScenario(tieredScenario());
    expect(s.architectures).toStrictEqual([
      {
        kind: 'vertical',
        name: 'one box',
        family: 'm7i',
        size: null,
        region: null,
        standby: 'none',
        standbyRegion: null,
      },
      {
        kind: 'tiered',
        name: 'app out, db up',
        tiers: [
          {
            tier: 'app',
            kind: 'horizontal',
            family: 'm7i',
            size: '2xlarge',
            nodes: null,
            spares: 1,
            zones: 3,
            regions: null,
            balancer: 'least-loaded',
          },
          {
            tier: 'cache',
            kind: 'horizontal',
            family: 'r7i',
            size: null,
            nodes: 3,
            spares: 1,
            zones: 3,
            regions: null,
            balancer: 'least-loaded',
          },
          {
            tier: 'db',
            kind: 'vertical',
            family: 'r7i',
            size: null,
            region: null,
            standby: 'hot',
            standbyRegion: null,
            readReplicas: 2,
          },
        ],
      },
    ]);
  });

  it('fills the defaults of each role: one call, cv 1, no working set, no writes, 2 copies, eventual', () => {
    const s = parseScenario(
      tiered((x) => {
        x.tiers = [
          { name: 'web', role: 'stateless', serviceTime: 0.004 },
          { name: 'c', role: 'cache', serviceTime: '1 ms', hitRatio: 0.5 },
          { name: 'd', role: 'database', serviceTime: '3 ms' },
        ];
        x.architectures = undefined;
      }),
    );
    expect(s.tiers).toStrictEqual([
      { name: 'web', role: 'stateless', serviceTimeS: 0.004, serviceTimeCv: 1, callsPerRequest: 1 },
      {
        name: 'c',
        role: 'cache',
        serviceTimeS: 0.001,
        serviceTimeCv: 1,
        callsPerRequest: 1,
        hitRatio: 0.5,
        workingSetBytes: 0,
      },
      {
        name: 'd',
        role: 'database',
        serviceTimeS: 0.003,
        serviceTimeCv: 1,
        callsPerRequest: 1,
        workingSetBytes: 0,
        writeFraction: 0,
        replication: 2,
        consistency: 'eventual',
      },
    ]);
    expect(s.architectures).toBeNull();
    expect(s.defaulted.filter((p) => p.startsWith('tiers'))).toStrictEqual([
      'tiers[0].serviceTimeCv',
      'tiers[0].callsPerRequest',
      'tiers[1].serviceTimeCv',
      'tiers[1].callsPerRequest',
      'tiers[1].workingSet',
      'tiers[2].serviceTimeCv',
      'tiers[2].callsPerRequest',
      'tiers[2].workingSet',
      'tiers[2].writeFraction',
      'tiers[2].replication',
      'tiers[2].consistency',
    ]);
    // a bare service time is in seconds, and listed like the workload's
    expect(s.bareNumbers).toStrictEqual(['tiers[0].serviceTime']);
  });

  it('takes the ends of callsPerRequest (0 and 10,000) and of hitRatio (0 and 100%)', () => {
    for (const [calls, hit] of [
      [0, 0],
      [10000, '100%'],
    ] as const) {
      const s = parseScenario(
        tiered((x) => {
          x.tiers[1].callsPerRequest = calls;
          x.tiers[1].hitRatio = hit;
        }),
      );
      const cache = s.tiers?.[1];
      expect(cache?.callsPerRequest).toBe(calls);
      expect(cache?.role === 'cache' && cache.hitRatio).toBe(hit === 0 ? 0 : 1);
    }
  });

  it("takes a range for a tier's figures, placed by index like the workload's", () => {
    const s = parseScenario(
      tiered((x) => {
        x.tiers[2].serviceTime = { p5: '1 ms', p95: '4 ms' };
        x.tiers[1].hitRatio = { p5: '80%', p95: '95%', distribution: 'uniform' };
      }),
    );
    expect(s.uncertain).toStrictEqual([
      { path: 'tiers[1].hitRatio', p5: 0.8, p95: 0.95, distribution: 'uniform', median: 0.875 },
      { path: 'tiers[2].serviceTime', p5: 0.001, p95: 0.004, distribution: 'lognormal', median: 0.002 },
    ]);
    expect(s.tiers?.[2]?.serviceTimeS).toBe(0.002);
    expect(fieldValue(s, 'tiers[1].hitRatio')).toBe(0.875);
    expect(fieldValue(s, 'tiers[0].hitRatio')).toBeNull(); // a stateless tier has none
    const u = s.uncertain[1];
    if (u === undefined) throw new Error('no range');
    const moved: Scenario = withValue(s, u.path, sampleUncertain(u, 0.95));
    expect(moved.tiers?.[2]?.serviceTimeS).toBeCloseTo(0.004, 15);
    expect(moved.tiers?.[0]).toBe(s.tiers?.[0]); // the other tiers are shared, not copied
    expect(s.tiers?.[2]?.serviceTimeS).toBe(0.002); // the original is unchanged
    expect(() => withValue(s, 'tiers[0].hitRatio', 0.5)).toThrow(RangeError);
  });
});

describe('tiers: one line per problem, naming the field (the Proof of issue 13)', () => {
  it('an unknown tier in a candidate (did you mean, or the list of tiers)', () => {
    expect(
      errorsOf(
        tiered((x) => {
          const t = x.architectures[1].tiers;
          t.dbb = t.db;
          delete t.db;
        }),
      ),
    ).toStrictEqual([
      'architectures[1].tiers.dbb: unknown tier (did you mean db?)',
      'architectures[1].tiers: {"app":{"kind":"horizontal","family":"m7i","size":"2xlarge","zones":3},"cache...: expected a design for every tier of the scenario (missing: db; a candidate without tiers runs every tier on the same nodes)',
    ]);
    expect(
      errorsOf(tiered((x) => (x.architectures[1].tiers.queue = { kind: 'vertical', family: 'm7i' }))),
    ).toStrictEqual(["architectures[1].tiers.queue: unknown tier (the scenario's tiers: app, cache, db)"]);
  });

  it('a cache with no tier after it', () => {
    expect(
      errorsOf(
        tiered((x) => {
          x.tiers.pop();
          x.architectures.pop();
        }),
      ),
    ).toStrictEqual([
      'tiers[1].role: "cache": expected a tier after a cache tier (a cache passes its misses on to the next tier, and tiers[1] is the last)',
    ]);
  });

  it('calls per request below 0, above 10,000, or not an integer', () => {
    for (const calls of [-1, 10001, 2.5, '4']) {
      expect(errorsOf(tiered((x) => (x.tiers[0].callsPerRequest = calls)))).toStrictEqual([
        `tiers[0].callsPerRequest: ${JSON.stringify(calls)}: expected an integer >= 0 and <= 10000`,
      ]);
    }
  });

  it('a hit ratio outside [0, 1], or missing on a cache', () => {
    expect(errorsOf(tiered((x) => (x.tiers[1].hitRatio = '120%')))).toStrictEqual([
      'tiers[1].hitRatio: "120%": expected a fraction between 0 and 1 (got 1.2)',
    ]);
    expect(errorsOf(tiered((x) => (x.tiers[1].hitRatio = -0.1)))).toStrictEqual([
      'tiers[1].hitRatio: -0.1: expected a fraction between 0 and 1',
    ]);
    expect(errorsOf(tiered((x) => delete x.tiers[1].hitRatio))).toStrictEqual([
      'tiers[1].hitRatio: missing: expected a fraction such as "90%" or 0.9 (a cache tier needs its hit ratio)',
    ]);
  });

  it('workload.serviceTime and tiers are mutually exclusive, and one of them is required', () => {
    expect(errorsOf(tiered((x) => (x.workload.serviceTime = '12 ms')))).toStrictEqual([
      'workload.serviceTime: "12 ms": expected no workload.serviceTime when the scenario gives tiers (workload.serviceTime and tiers are mutually exclusive: each tier has its own serviceTime)',
    ]);
    expect(errorsOf(tiered((x) => (x.workload.serviceTimeCv = 2)))).toStrictEqual([
      'workload.serviceTimeCv: 2: expected no workload.serviceTimeCv when the scenario gives tiers (workload.serviceTime and tiers are mutually exclusive: each tier has its own serviceTimeCv)',
    ]);
    expect(
      errorsOf(
        tiered((x) => {
          delete x.tiers;
          delete x.architectures;
        }),
      ),
    ).toStrictEqual([
      'workload.serviceTime: missing: expected a duration such as "12 ms" or "2 h", or a number of seconds (or, instead, tiers: the service as a system of tiers)',
    ]);
  });

  it('tier names: unique identifiers', () => {
    expect(errorsOf(tiered((x) => (x.tiers[2].name = 'cache')))).toStrictEqual([
      'tiers[2].name: "cache": expected a name no other tier has (tiers[1] has it)',
      "architectures[1].tiers.db: unknown tier (the scenario's tiers: app, cache)",
    ]);
    expect(errorsOf(tiered((x) => (x.tiers[0].name = 'my app')))).toContain(
      'tiers[0].name: "my app": expected an identifier: a letter or _, then letters, digits and _, at most 64 characters (it is used in field paths such as tiers.db.serviceTime)',
    );
  });

  it("a role's fields on another role, and unknown keys", () => {
    expect(errorsOf(tiered((x) => (x.tiers[0].hitRatio = 0.5)))).toStrictEqual([
      'tiers[0].hitRatio: 0.5: expected no "hitRatio" on a stateless tier (it is for role "cache")',
    ]);
    expect(errorsOf(tiered((x) => (x.tiers[0].workingSet = '1 GiB')))).toStrictEqual([
      'tiers[0].workingSet: "1 GiB": expected no "workingSet" on a stateless tier (it is for role "cache" or "database")',
    ]);
    expect(errorsOf(tiered((x) => (x.tiers[1].consistency = 'strong')))).toStrictEqual([
      'tiers[1].consistency: "strong": expected no "consistency" on a cache tier (it is for role "database")',
    ]);
    expect(errorsOf(tiered((x) => (x.tiers[0].hitratio = 1)))).toStrictEqual([
      'tiers[0].hitratio: unknown key (did you mean hitRatio?)',
    ]);
    expect(errorsOf(tiered((x) => (x.tiers[0].role = 'queue')))).toStrictEqual([
      'tiers[0].role: "queue": expected one of "stateless", "cache", "database"',
    ]);
    expect(errorsOf(tiered((x) => (x.tiers = [])))).toStrictEqual(['tiers: []: expected an array of 1 to 20 tiers']);
  });

  it("a tier's design: options of its kind, read replicas on a vertical database only, nothing beside the designs", () => {
    expect(errorsOf(tiered((x) => (x.architectures[1].tiers.db.nodes = 3)))).toStrictEqual([
      'architectures[1].tiers.db.nodes: 3: expected no "nodes" on a vertical tier design (it is for kind "horizontal")',
    ]);
    expect(errorsOf(tiered((x) => (x.architectures[1].tiers.app.standby = 'hot')))).toStrictEqual([
      'architectures[1].tiers.app.standby: "hot": expected no "standby" on a horizontal tier design (it is for kind "vertical"; a horizontal design uses spares)',
    ]);
    expect(
      errorsOf(tiered((x) => (x.architectures[1].tiers.app = { kind: 'vertical', family: 'm7i', readReplicas: 1 }))),
    ).toStrictEqual([
      'architectures[1].tiers.app.readReplicas: 1: expected no "readReplicas" on a stateless tier (read replicas are for a tier of role "database")',
    ]);
    expect(
      errorsOf(tiered((x) => (x.architectures[1].tiers.db = { kind: 'horizontal', family: 'r7i', readReplicas: 1 }))),
    ).toStrictEqual([
      'architectures[1].tiers.db.readReplicas: 1: expected no "readReplicas" on a horizontal tier design (it is for kind "vertical"; a horizontal database keeps tiers[].replication copies of each partition)',
    ]);
    expect(
      errorsOf(tiered((x) => (x.architectures[1].tiers.db = { kind: 'horizontal', family: 'r7i', nodes: 2 }))),
    ).toStrictEqual([
      'architectures[1].tiers.db.nodes: 2: expected at least tiers[2].replication (3) nodes in each region (>= 3): each partition keeps 3 copies on distinct nodes',
    ]);
    expect(errorsOf(tiered((x) => (x.architectures[1].tiers.db.standy = 'hot')))).toStrictEqual([
      'architectures[1].tiers.db.standy: unknown key (did you mean standby?)',
    ]);
    expect(errorsOf(tiered((x) => (x.architectures[1].tiers.db.family = 'r7')))[0]).toMatch(
      /^architectures\[1\]\.tiers\.db\.family: "r7": expected a catalog instance family \(did you mean r7i\?\)/,
    );
    expect(errorsOf(tiered((x) => Object.assign(x.architectures[1], { kind: 'vertical' })))).toStrictEqual([
      'architectures[1].kind: "vertical": expected no "kind" on a candidate with per-tier designs (each tier\'s design in architectures[1].tiers gives its own)',
    ]);
    expect(errorsOf(tiered((x) => delete x.architectures[1].tiers.cache))).toStrictEqual([
      'architectures[1].tiers: {"app":{"kind":"horizontal","family":"m7i","size":"2xlarge","zones":3},"db":{...: expected a design for every tier of the scenario (missing: cache; a candidate without tiers runs every tier on the same nodes)',
    ]);
  });

  it('per-tier designs need tiers, and a candidate without them needs its kind and family as before', () => {
    expect(
      errorsOf(
        tiered((x) => {
          delete x.tiers;
          x.workload.serviceTime = '5 ms';
        }),
      ),
    ).toStrictEqual([
      'architectures[1].tiers: {"app":{"kind":"horizontal","family":"m7i","size":"2xlarge","zones":3},"cache...: expected no per-tier designs: the scenario has no tiers (give tiers, or a design of its own for the candidate)',
    ]);
    expect(errorsOf(tiered((x) => delete x.architectures[0].kind))).toStrictEqual([
      'architectures[0].kind: missing: expected one of "vertical", "horizontal"',
    ]);
    expect(errorsOf(tiered((x) => delete x.architectures[0].family))).toStrictEqual([
      'architectures[0].family: missing: expected a non-empty string',
    ]);
  });
});

describe('tiers: compared', () => {
  it("compareScenario answers a tiered scenario's candidates, each with its tiers; without candidates the three searched systems", () => {
    const r = compareScenario(parseScenario(tieredScenario()), loadCatalog());
    expect(r.architectures.map((a) => a.name)).toEqual(['one box', 'app out, db up']);
    expect(r.architectures[0]?.tiers?.map((t) => t.kind)).toEqual(['co-located', 'co-located', 'co-located']);
    expect(r.architectures[1]?.tiers?.map((t) => t.kind)).toEqual(['horizontal', 'horizontal', 'vertical']);
    const { architectures: _, ...open } = tieredScenario();
    const searched = compareScenario(parseScenario(open), loadCatalog());
    expect(searched.architectures.map((a) => a.name)).toEqual(['best vertical', 'best horizontal', 'best mixed']);
    for (const a of searched.architectures) expect(a.tiers?.map((t) => t.name)).toEqual(['app', 'cache', 'db']);
  });
});

describe('a scenario without tiers parses exactly as before', () => {
  const reference = JSON.parse(readFileSync('test/fixtures/scenarios/parsed.json', 'utf8')) as {
    scenarios: Record<string, Json>;
  };
  const read = (file: string): Json => JSON.parse(readFileSync(`models/scenarios/${file}`, 'utf8'));
  // the examples written before tiers (a tiered example has no single-tier reading to compare with)
  // (not the examples written after it with fields it did not have: a daily profile with autoscaling, which a system
  // of tiers does not take yet)
  const AFTER_REFERENCE = new Set(['daily-traffic-autoscale.json']);
  const examples = readdirSync('models/scenarios').filter(
    (f) => f.endsWith('.json') && read(f).tiers === undefined && !AFTER_REFERENCE.has(f),
  );

  it('every single-tier example is in the reference (parseScenario of f3831d3, before tiers)', () => {
    // payment-processing and social-startup-growth were rewritten as systems of tiers since: still in the reference
    const keys = Object.keys(reference.scenarios);
    for (const file of examples) expect(keys).toContain(file);
    expect(examples.length).toBeGreaterThanOrEqual(6);
  });

  for (const file of examples) {
    it(`${file}: the same Scenario, key for key, with tiers null (and no fitted inputs)`, () => {
      const s = parseScenario(read(file));
      expect(s.tiers).toBeNull();
      expect(s.fitted).toEqual([]);
      const { tiers: _, fitted: __, pricing, operations, ...rest } = s;
      // since the reference (issue 15): the pricing model (default on-demand), and the family the service time was
      // measured on (default m7i, no per-vCPU overrides); issue 20: no operations priced or counted
      expect(pricing).toBe('on-demand');
      expect(operations).toStrictEqual(NO_OPERATIONS);
      const { serviceTimeFamily, perVcpuPerformance, ...workload } = rest.workload;
      expect({ serviceTimeFamily, perVcpuPerformance }).toStrictEqual({
        serviceTimeFamily: 'm7i',
        perVcpuPerformance: {},
      });
      const before = {
        ...rest,
        workload,
        defaulted: rest.defaulted.filter((p) => p !== 'workload.serviceTimeFamily' && p !== 'pricing.model'),
      };
      expect(JSON.stringify(before)).toBe(JSON.stringify(reference.scenarios[file]));
    });

    it(`${file}: as one stateless tier instead of workload.serviceTime, nothing else changes`, () => {
      const raw = read(file);
      const { serviceTime, serviceTimeCv, ...workload } = raw.workload;
      const tier = {
        name: 'app',
        role: 'stateless',
        serviceTime,
        ...(serviceTimeCv === undefined ? {} : { serviceTimeCv }),
      };
      const s = parseScenario({ ...raw, workload, tiers: [tier] });
      const before = parseScenario(raw);
      expect(s.tiers).toStrictEqual([
        {
          name: 'app',
          role: 'stateless',
          serviceTimeS: before.workload.serviceTimeS,
          serviceTimeCv: before.workload.serviceTimeCv,
          callsPerRequest: 1,
        },
      ]);
      expect(s.workload).toStrictEqual({ ...before.workload, serviceTimeS: null, serviceTimeCv: 1 });
      const strip = (x: Scenario) => {
        const { workload: _w, tiers: _t, defaulted: _d, uncertain: _u, bareNumbers: _b, ...others } = x;
        return others;
      };
      expect(strip(s)).toStrictEqual(strip(before));
      // the defaults and ranges of the service time move to the tier; every other one stays
      const moved = (p: string) => p.replace(/^workload\.serviceTime(Cv)?$/, 'tiers[0].serviceTime$1');
      expect(s.defaulted.filter((p) => p !== 'tiers[0].callsPerRequest')).toStrictEqual(before.defaulted.map(moved));
      expect(s.uncertain).toStrictEqual(before.uncertain.map((u) => ({ ...u, path: moved(u.path) })));
    });
  }
});
