// Autoscaling of tiers (issue 15): a stateless horizontal tier with `autoscaling` pays hour by hour on the daily
// profile as an autoscaled candidate does; the system sums its tiers' hours. Reference price from
// models/catalog/instances.json: m7i.xlarge in us-east-1 $0.2016 an hour; a billing month of 730 hours.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { buildContext } from '../../src/compare/context.js';
import { compareScenario } from '../../src/compare/index.js';
import type { ArchitectureResult } from '../../src/compare/result.js';
import { evaluateAgain } from '../../src/compare/tiers/evaluateAgain.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import { expectClose } from '../helpers/expectClose.js';
import { errorsOf } from '../scenario/example.js';

const catalog = loadCatalog();
const M7I_XL_USE1 = 0.2016;
const HOURS = 730;
const HALF_DAY = [...Array(12).fill(1), ...Array(12).fill(0.5)];

type Json = Record<string, unknown>;

const db = { kind: 'vertical', family: 'r7i', size: '2xlarge', regions: ['us-east-1'], standby: 'hot' };
const app = (over: Json = {}) => ({
  kind: 'horizontal',
  family: 'm7i',
  size: 'xlarge',
  spares: 1,
  zones: 2,
  regions: ['us-east-1'],
  ...over,
});

/**
 * 1500/s, each request 10 ms of app CPU (exponential) on m7i.xlarge: as autoscale.test.ts's single fleet, 5 nodes at
 * the 75% target at the peak, 3 at half load, one spare on top; a small database behind it.
 */
function tiered(profile: readonly number[], apps: Json[], extra: Json = {}): Json {
  return {
    name: 'autoscaled tier',
    workload: { peakRate: '1500/s', dailyProfile: profile },
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
    architectures: apps.map((a, i) => ({ name: `c${i}`, tiers: { app: a, db } })),
    ...extra,
  };
}

function systems(raw: Json): ArchitectureResult[] {
  return compareScenario(parseScenario(raw), catalog).architectures;
}

describe('a stateless horizontal tier with autoscaling', () => {
  const [fixed, auto] = systems(
    tiered(HALF_DAY, [app({ nodes: 6 }), app({ nodes: 6, autoscaling: { minNodes: 1, scaleOutTime: '3 min' } })]),
  );
  if (!fixed?.tiers || !auto?.tiers) throw new Error('no tiers');
  const [fixedApp, fixedDb] = fixed.tiers;
  const [autoApp, autoDb] = auto.tiers;
  if (!fixedApp || !fixedDb || !autoApp || !autoDb) throw new Error('tiers missing');

  it('pays for its mean fleet: 12 h of 6 nodes and 12 h of 4 is 5 nodes all month, by hand', () => {
    expect(autoApp.autoscaling?.nodesByHour).toEqual([...Array(12).fill(6), ...Array(12).fill(4)]);
    expect(autoApp.autoscaling?.meanNodes).toBe(5);
    // one node fewer on average: 1 x 0.2016 x 730 less, the database unchanged
    expectClose(fixedApp.cost.usdPerMonth - autoApp.cost.usdPerMonth, 1 * M7I_XL_USE1 * HOURS, { rel: 1e-9 });
    expect(autoDb.cost.usdPerMonth).toBe(fixedDb.cost.usdPerMonth);
    expectClose(fixed.cost.usdPerMonth - auto.cost.usdPerMonth, M7I_XL_USE1 * HOURS, { rel: 1e-9 });
    expect(fixedApp.autoscaling).toBeUndefined();
    expect(fixed.autoscaling).toBeUndefined();
  });

  it("the system's hours: its tiers' nodes and cost rates summed, whose mean is the monthly cost", () => {
    const a = auto.autoscaling;
    if (a === undefined) throw new Error('no system autoscaling');
    // the database's 1 box (its standby is not a serving node) all day beside the app's 6 or 4
    expect(a.nodesByHour).toEqual([...Array(12).fill(7), ...Array(12).fill(5)]);
    expect(a.peakNodes).toBe(auto.nodes);
    const mean = a.usdPerHourByHour.reduce((s, x) => s + x, 0) / 24;
    expectClose(mean * HOURS, auto.cost.usdPerMonth, { rel: 1e-9 });
    expect(auto.cost.breakdown.computeUsdPerMonth).toBeLessThanOrEqual(a.computeUsdPerMonthAtPeak);
  });

  it("the rise from hour 23 to hour 0 leaves 4 nodes carrying 15 busy vCPUs of 16: scale-out downtime in the system's series", () => {
    expect(autoApp.autoscaling?.scaleOut.stepsOverCap).toBe(1);
    expectClose(autoApp.autoscaling?.scaleOut.downtimeFraction ?? 0, 180 / 86400, { rel: 1e-12 });
    expect(auto.availability.unavailability).toBeGreaterThan(fixed.availability.unavailability + 0.9 * (180 / 86400));
  });

  it('evaluated again from its result, it keeps the tier autoscaled', () => {
    const again = evaluateAgain(buildContext(parseScenario(tiered(HALF_DAY, [app()])), catalog), catalog, auto);
    expect(again.cost.usdPerMonth).toBe(auto.cost.usdPerMonth);
    expect(again.tiers?.[0]?.autoscaling?.nodesByHour).toEqual(autoApp.autoscaling?.nodesByHour);
  });

  it('never costs more than the same system with the tier at its peak fleet all day (fast-check)', () => {
    const profileArb = fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 24, maxLength: 24 }).map((xs) => {
      const top = Math.max(...xs);
      return top === 0 ? xs.map(() => 1) : xs.map((x) => x / top);
    });
    fc.assert(
      fc.property(profileArb, fc.integer({ min: 1, max: 5 }), (profile, minNodes) => {
        const [a] = systems(tiered(profile, [app({ autoscaling: { minNodes } })]));
        const peak = a?.tiers?.[0]?.nodes ?? 0;
        const [f] = systems(tiered(profile, [app({ nodes: peak })]));
        expect(f?.tiers?.[0]?.nodes).toBe(peak);
        expect(a?.cost.usdPerMonth ?? Number.NaN).toBeLessThanOrEqual((f?.cost.usdPerMonth ?? 0) * (1 + 1e-12));
      }),
      { seed: 15, numRuns: 12 },
    );
  });
});

describe("the scenario's autoscaling with tiers: the default of its stateless tiers' horizontal designs", () => {
  const AUTO = { minNodes: 1, scaleOutTime: '3 min' };

  it('an explicit stateless tier without its own follows it, as with its own; the database does not', () => {
    const [own] = systems(tiered(HALF_DAY, [app({ nodes: 6, autoscaling: AUTO })]));
    const [inherited] = systems(tiered(HALF_DAY, [app({ nodes: 6 })], { autoscaling: AUTO }));
    expect(inherited?.tiers?.[0]?.autoscaling?.nodesByHour).toEqual([...Array(12).fill(6), ...Array(12).fill(4)]);
    expect(inherited?.cost.usdPerMonth).toBe(own?.cost.usdPerMonth);
    expect(inherited?.tiers?.[1]?.autoscaling).toBeUndefined();
  });

  it("the search autoscales a stateless tier's horizontal designs, and never pays more than without", () => {
    const search = (extra: Json) => {
      const raw = tiered(HALF_DAY, [], extra);
      delete raw.architectures;
      return systems(raw);
    };
    const fixed = search({});
    const auto = search({ autoscaling: AUTO });
    expect(auto.map((a) => a.name)).toEqual(fixed.map((a) => a.name));
    // some system's app tier is a horizontal design that follows the day; no database tier does
    const autoscaledApps = auto.filter((a) => a.tiers?.[0]?.kind === 'horizontal' && a.tiers[0].autoscaling);
    expect(autoscaledApps.length).toBeGreaterThan(0);
    for (const a of auto) expect(a.tiers?.[1]?.autoscaling).toBeUndefined();
    auto.forEach((a, k) => {
      expect(a.cost.usdPerMonth, a.name).toBeLessThanOrEqual((fixed[k]?.cost.usdPerMonth ?? 0) * (1 + 1e-12));
    });
    const mixed = (xs: ArchitectureResult[]) => xs.find((a) => a.name === 'best mixed')?.cost.usdPerMonth ?? 0;
    expect(mixed(auto)).toBeLessThan(mixed(fixed));
  });
});

describe('autoscaling of tiers: bad input (exit 2, one line each)', () => {
  it('on a tier that keeps data, on a vertical tier design, without a profile, on a whole tiered candidate, on a scenario without a stateless tier', () => {
    const hdb = {
      kind: 'horizontal',
      family: 'r7i',
      size: 'xlarge',
      regions: ['us-east-1'],
      autoscaling: { minNodes: 2 },
    };
    const raw = tiered(HALF_DAY, [app()]);
    expect(errorsOf({ ...raw, architectures: [{ name: 'x', tiers: { app: app(), db: hdb } }] })).toEqual([
      'architectures[0].tiers.db.autoscaling: {"minNodes":2}: expected no autoscaling on a database tier (only a horizontal tier of role "stateless" follows the daily profile: a tier that keeps data would move its partitions as it scales, which is not modelled)',
    ]);
    expect(
      errorsOf({
        ...raw,
        architectures: [{ name: 'x', tiers: { app: app(), db: { ...db, autoscaling: { minNodes: 2 } } } }],
      }),
    ).toEqual([
      'architectures[0].tiers.db.autoscaling: {"minNodes":2}: expected no "autoscaling" on a vertical tier design (it is for kind "horizontal": a box pays for its peak all day)',
    ]);
    const noProfile = tiered(HALF_DAY, [app({ autoscaling: { minNodes: 2 } })]);
    noProfile.workload = { peakRate: '1500/s' };
    expect(errorsOf(noProfile)).toEqual([
      'architectures[0].tiers.app.autoscaling: {"minNodes":2}: expected autoscaling only with workload.dailyProfile (24 hourly multipliers of the peak) to follow: without one the load is the peak all day',
    ]);
    // on a whole tiered candidate (its tiers' designs, or the tiers co-located on one fleet); on a scenario none of
    // whose tiers is stateless
    const perTier = { ...raw, architectures: [{ name: 'x', autoscaling: { minNodes: 2 }, tiers: { app: app(), db } }] };
    expect(errorsOf(perTier)).toEqual([
      'architectures[0].autoscaling: {"minNodes":2}: expected no "autoscaling" on a candidate with per-tier designs (each tier\'s design in architectures[0].tiers gives its own)',
    ]);
    const coLocated = { ...raw, architectures: [{ name: 'x', ...app({ autoscaling: { minNodes: 2 } }) }] };
    expect(errorsOf(coLocated)[0]).toMatch(
      /^architectures\[0\]\.autoscaling: .*give the design of a stateless horizontal tier its own, in architectures\[\]\.tiers\.NAME\.autoscaling, or the scenario an autoscaling block/,
    );
    const tiers = (raw.tiers as Json[]).map((t) =>
      t.name === 'app' ? { ...t, role: 'cache', workingSet: '1 GiB', hitRatio: '90%' } : t,
    );
    expect(errorsOf({ ...raw, tiers, autoscaling: { minNodes: 2 } })).toEqual([
      'autoscaling: {"minNodes":2}: expected a stateless tier to follow the daily profile (the tiers are app (cache), db (database): a tier that keeps data would move its partitions as it scales, which is not modelled)',
    ]);
    expect(errorsOf(tiered(HALF_DAY, [app({ autoscaling: { scaleOutTime: '2 h' } })]))[0]).toMatch(
      /^architectures\[0\]\.tiers\.app\.autoscaling\.scaleOutTime: "2 h"/,
    );
  });
});
