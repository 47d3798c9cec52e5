// Autoscaling of tiers (issue 15): a stateless horizontal tier with `autoscaling` pays hour by hour on the daily
// profile as an autoscaled candidate does; the system sums its tiers' hours. Reference price (autoscaleFixtures.ts):
// m7i.xlarge in us-east-1 $0.2016 an hour; a billing month of 730 hours.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unitedScaleOut } from '../../src/compare/autoscale.js';
import { buildContext } from '../../src/compare/context.js';
import type { ArchitectureResult } from '../../src/compare/result.js';
import { evaluateAgain } from '../../src/compare/tiers/evaluateAgain.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import { expectClose } from '../helpers/expectClose.js';
import { errorsOf } from '../scenario/example.js';
import {
  catalog,
  dailyProfileArb,
  HOT_STANDBY_DB as db,
  FLAT_DAY,
  FREQUENT_NODE_FAILURES,
  HALF_DAY,
  BILLING_HOURS as HOURS,
  M7I_XLARGE_USE1_USD_PER_HOUR as M7I_XL_USE1,
  m7iXlargeApp,
  resultsOf as systems,
} from './autoscaleFixtures.js';

type Json = Record<string, unknown>;

const app = (over: Json = {}) => m7iXlargeApp({ zones: 2, ...over });

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
    const profileArb = dailyProfileArb();
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

describe("an autoscaled tier's hours in the system's availability", () => {
  // node failures frequent enough to show (1000 h / 10 h), no failover time and no scale-out window: the system's
  // unavailability is its failures'. Twelve hours at the peak with the app's 6 nodes, twelve at half load with its 4:
  // the same as the system with the app's 6 nodes all day at the peak rate, and with its 4 nodes at 750/s (the
  // database box's availability does not depend on its load; the cap is 90% in both), weighted by the hours'
  // requests: 12 x 1 / 18 = 2/3 and 12 x 0.5 / 18 = 1/3
  const reliability = FREQUENT_NODE_FAILURES;
  const flat = FLAT_DAY;
  const [auto] = systems(
    tiered(HALF_DAY, [app({ nodes: 6, autoscaling: { minNodes: 1, scaleOutTime: '0 s' } })], { reliability }),
  );
  const [peak] = systems(tiered(flat, [app({ nodes: 6 })], { reliability }));
  const half = tiered(flat, [app({ nodes: 4 })], { reliability });
  const [night] = systems({ ...half, workload: { peakRate: '750/s', dailyProfile: flat } });

  it("is each hour's fleet at its load, request-weighted, by hand from two fixed systems", () => {
    expect(auto?.tiers?.[0]?.autoscaling?.nodesByHour).toEqual([...Array(12).fill(6), ...Array(12).fill(4)]);
    const uPeak = peak?.availability.unavailability ?? Number.NaN;
    const uNight = night?.availability.unavailability ?? Number.NaN;
    // the two differ: the check below tells the hours from the peak fleet all day
    expect(Math.abs(uNight - uPeak)).toBeGreaterThan(0.05 * uPeak);
    expectClose(auto?.availability.unavailability ?? Number.NaN, (2 / 3) * uPeak + (1 / 3) * uNight, { rel: 1e-9 });
    expect(auto?.availability.method).toContain('hour by hour');
  });
});

describe('two autoscaled tiers that rise at the same hour', () => {
  // a web tier in front of the app, each 10 ms of CPU on m7i.xlarge as the app alone: both run 4 nodes at half load
  // and both are over their caps for their window after the rise from hour 23 to hour 0 (3 and 5 min). A request
  // needs both, and both windows start at the rise: the system is down for the longer, 5 min a day, once (the union
  // of [0, 180 s) and [0, 300 s)), not for 3 + 5 min, and the day has one rise, whatever the number of tiers
  const raw = tiered(HALF_DAY, []);
  const withWeb = (webScaleOut: string) => ({
    name: `web ${webScaleOut}`,
    tiers: {
      web: app({ nodes: 6, autoscaling: { minNodes: 1, scaleOutTime: webScaleOut } }),
      app: app({ nodes: 6, autoscaling: { minNodes: 1, scaleOutTime: '5 min' } }),
      db,
    },
  });
  const [system, quickWeb] = systems({
    ...raw,
    tiers: [{ name: 'web', role: 'stateless', serviceTime: '10 ms', callsPerRequest: 1 }, ...(raw.tiers as Json[])],
    architectures: [withWeb('3 min'), withWeb('1 s')],
  });
  if (system?.tiers === undefined || quickWeb === undefined) throw new Error('no tiers');

  it("each tier's own windows: one rise over its cap, 180 s and 300 s a day", () => {
    const [web, appTier] = system.tiers ?? [];
    expect(web?.autoscaling?.scaleOut.stepsOverCap).toBe(1);
    expect(appTier?.autoscaling?.scaleOut.stepsOverCap).toBe(1);
    expectClose(web?.autoscaling?.scaleOut.downtimeFraction ?? 0, 180 / 86400, { rel: 1e-12 });
    expectClose(appTier?.autoscaling?.scaleOut.downtimeFraction ?? 0, 300 / 86400, { rel: 1e-12 });
  });

  it("the system's: one rise, over the cap once, down for the longer window; its availability takes the same", () => {
    const s = system.autoscaling?.scaleOut;
    expect(s?.risingSteps).toBe(1);
    expect(s?.stepsOverCap).toBe(1);
    expectClose(s?.downtimeFraction ?? 0, 300 / 86400, { rel: 1e-12 });
    const cause = system.availability.byCause.find((c) => c.cause === 'scale-out');
    expectClose(cause?.unavailability ?? 0, 300 / 86400, { rel: 1e-12 });
    // the web tier's window inside the app's changes nothing: with a 1 s window (the same fleets and failures) the
    // system is as available (a sum of the windows would differ by 179 s a day)
    expect(quickWeb.tiers?.[0]?.autoscaling?.scaleOut.stepsOverCap).toBe(1);
    expect(quickWeb.autoscaling?.scaleOut.downtimeFraction).toBe(s?.downtimeFraction);
    expect(system.availability.unavailability).toBe(quickWeb.availability.unavailability);
  });
});

describe('unitedScaleOut: the windows of designs in series on one profile', () => {
  const check = (overCapFromHours: number[], windowS: number) => ({
    risingSteps: 3,
    stepsOverCap: overCapFromHours.length,
    worst: null,
    downtimeFraction: (overCapFromHours.length * windowS) / 86400,
    overCapFromHours,
    windowS,
  });
  it('adds windows at different rises and takes the longer at the same rise, by hand', () => {
    // hour 5: 120 s and 300 s from the same step, 300 s; hour 9: 120 s; hour 17: 60 s: 480 s over 3 rises
    expect(unitedScaleOut([check([5, 9], 120), check([5], 300), check([17], 60)])).toEqual({
      risingSteps: 3,
      stepsOverCap: 3,
      downtimeFraction: 480 / 86400,
    });
    expect(unitedScaleOut([check([], 120), check([], 300)])).toEqual({
      risingSteps: 3,
      stepsOverCap: 0,
      downtimeFraction: 0,
    });
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
