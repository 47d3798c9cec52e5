// Spot per tier and in a search (issue 15, "Commitments and spot": spot only for stateless horizontal tiers, its
// interruptions failures in the availability model, with the spares to absorb them). Costs recomputed by hand from
// the reference ../shared/reference/prices.json: instances[] m7i.xlarge us-east-1 usdPerHour 0.2016; spot[]
// m7i.xlarge us-east-1 typicalDiscount 0.53, interruptionBand "15-20%".
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../src/compare/context.js';
import { compareScenario } from '../../src/compare/index.js';
import { evaluateAgain } from '../../src/compare/tiers/evaluateAgain.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import { expectClose } from '../helpers/expectClose.js';
import { errorsOf } from '../scenario/example.js';
import {
  catalog,
  HOT_STANDBY_DB as db,
  BILLING_HOURS as HOURS,
  M7I_XLARGE_USE1_USD_PER_HOUR as M7I_XL_USE1,
  m7iXlargeApp,
} from './autoscaleFixtures.js';

const M7I_XL_USE1_SPOT_SAVING = 0.53;

type Json = Record<string, unknown>;

const app = (over: Json = {}) => m7iXlargeApp({ nodes: 6, zones: 3, ...over });

/** An app tier in front of a database; candidates as given. */
function tiered(architectures: unknown[] | undefined, over: Json = {}): Json {
  return {
    name: 'spot tiers',
    workload: { peakRate: '1500/s', responseSize: '10 KiB' },
    tiers: [
      { name: 'app', role: 'stateless', serviceTime: '4 ms', callsPerRequest: 1 },
      {
        name: 'db',
        role: 'database',
        serviceTime: '1 ms',
        callsPerRequest: 2,
        workingSet: '20 GiB',
        writeFraction: '10%',
        replication: 2,
      },
    ],
    targets: { p99: '200 ms', availability: '99.9%' },
    users: [{ region: 'us-east-1', share: 1 }],
    ...(architectures === undefined ? {} : { architectures }),
    ...over,
  };
}

describe('a stateless horizontal tier on spot (architectures[].tiers.NAME.pricing.model)', () => {
  const s = parseScenario(
    tiered([
      { name: 'on demand', tiers: { app: app(), db } },
      { name: 'app on spot', tiers: { app: app({ pricing: { model: 'spot' } }), db } },
    ]),
  );
  const r = compareScenario(s, catalog);
  const [od, spot] = r.architectures;
  if (od?.tiers === undefined || spot?.tiers === undefined) throw new Error('no tiers');
  const [odApp, odDb] = od.tiers;
  const [spotApp, spotDb] = spot.tiers;
  if (!odApp || !odDb || !spotApp || !spotDb) throw new Error('tiers missing');

  it('pays for the app nodes at on-demand x (1 - Spot Advisor saving), by hand; the database tier unchanged', () => {
    expect(spotApp.nodes).toBe(6);
    // 6 x 0.2016 USD/h x 0.53 x 730 h: the only difference between the two systems
    expectClose(odApp.cost.usdPerMonth - spotApp.cost.usdPerMonth, 6 * M7I_XL_USE1 * M7I_XL_USE1_SPOT_SAVING * HOURS, {
      rel: 1e-9,
    });
    expect(spotDb.cost.usdPerMonth).toBe(odDb.cost.usdPerMonth);
    expectClose(od.cost.usdPerMonth - spot.cost.usdPerMonth, 6 * M7I_XL_USE1 * M7I_XL_USE1_SPOT_SAVING * HOURS, {
      rel: 1e-9,
    });
  });

  it('says how each tier is bought when they differ, and nothing when they do not', () => {
    expect(spot.cost.pricingModel).toBe('spot + on-demand');
    expect(spotApp.cost.pricingModel).toBe('spot');
    expect(spotDb.cost.pricingModel).toBe('on-demand');
    expect(od.cost.pricingModel).toBe('on-demand');
    expect(odApp.cost.pricingModel).toBeUndefined();
    expect(spotApp.notes.some((n) => n.startsWith('spot: interruptions counted as node failures'))).toBe(true);
  });

  it("counts interruptions as failures of the tier: its own and the system's availability are lower", () => {
    expect(spotApp.availability.unavailability).toBeGreaterThan(odApp.availability.unavailability);
    expect(spot.availability.unavailability).toBeGreaterThan(od.availability.unavailability);
    expect(spotDb.availability.unavailability).toBe(odDb.availability.unavailability);
  });

  it("evaluated again from its result (sweeps, uncertainty), it keeps each tier's pricing", () => {
    const again = evaluateAgain(buildContext(s, catalog), catalog, spot);
    expect(again.cost.usdPerMonth).toBe(spot.cost.usdPerMonth);
    expect(again.availability.unavailability).toBe(spot.availability.unavailability);
    expect(again.cost.pricingModel).toBe('spot + on-demand');
  });

  it('more spares on spot never lower the availability (they absorb the interruptions)', () => {
    const more = compareScenario(
      parseScenario(tiered([{ name: 'n+2', tiers: { app: app({ spares: 2, pricing: { model: 'spot' } }), db } }])),
      catalog,
    ).architectures[0];
    expect(more?.tiers?.[0]?.nodes).toBe(6);
    expect(more?.availability.unavailability).toBeLessThanOrEqual(spot.availability.unavailability);
  });
});

describe('spot on a tier that keeps data, or a box, is refused (exit 2), one line each', () => {
  it('a database tier, a vertical design, a cache tier, a stateless tier of a workload that keeps data', () => {
    expect(errorsOf(tiered([{ name: 'x', tiers: { app: app(), db: { ...db, pricing: { model: 'spot' } } } }]))).toEqual(
      [
        'architectures[0].tiers.db.pricing.model: "spot": expected a pricing model other than "spot" for tier db: spot applies only to stateless horizontal tiers, and its design is vertical (one box: an interruption takes the tier down)',
      ],
    );
    const hdb = {
      kind: 'horizontal',
      family: 'r7i',
      size: 'xlarge',
      regions: ['us-east-1'],
      pricing: { model: 'spot' },
    };
    expect(errorsOf(tiered([{ name: 'x', tiers: { app: app(), db: hdb } }]))).toEqual([
      'architectures[0].tiers.db.pricing.model: "spot": expected a pricing model other than "spot" for tier db: spot applies only to stateless horizontal tiers, and it is a database tier (it keeps data an interruption would lose or have to rebuild)',
    ]);
    const vapp = { kind: 'vertical', family: 'm7i', regions: ['us-east-1'], pricing: { model: 'spot' } };
    expect(errorsOf(tiered([{ name: 'x', tiers: { app: vapp, db } }]))[0]).toMatch(
      /^architectures\[0\]\.tiers\.app\.pricing\.model: "spot": .*its design is vertical/,
    );
    const stateful = tiered([{ name: 'x', tiers: { app: app({ pricing: { model: 'spot' } }), db } }], {
      workload: { peakRate: '1500/s', workingSet: '1 GiB' },
    });
    expect(errorsOf(stateful)).toEqual([
      'architectures[0].tiers.app.pricing.model: "spot": expected a pricing model other than "spot" for tier app: spot applies only to stateless horizontal tiers, and its nodes keep the workload\'s state (workload.workingSet 1073741824 bytes, partitioned over them); a stateless tier has a working set of 0 and no writes',
    ]);
  });

  it('a tiered candidate on spot as a whole points at the per-tier field', () => {
    expect(errorsOf(tiered([{ name: 'x', pricing: { model: 'spot' }, tiers: { app: app(), db } }]))[0]).toMatch(
      /give the design of each stateless horizontal tier its own pricing\.model "spot"/,
    );
  });
});

describe('a search on spot buys spot where it applies and on-demand elsewhere', () => {
  const single = (over: Json = {}): Json => ({
    name: 'spot search',
    workload: { peakRate: '1500/s', serviceTime: '5 ms', responseSize: '10 KiB' },
    targets: { p99: '100 ms', availability: '99.9%' },
    users: [{ region: 'us-east-1', share: 1 }],
    pricing: { model: 'spot' },
    ...over,
  });

  it('single tier: the best horizontal design on spot with its interruptions counted, the best box on demand', () => {
    const r = compareScenario(parseScenario(single()), catalog);
    const [v, h] = r.architectures;
    expect(v?.cost.pricingModel).toBe('on-demand');
    expect(h?.cost.pricingModel).toBe('spot');
    expect(h?.meetsTargets.availability).toBe(true);
    expect(h?.notes.some((n) => n.startsWith('spot: interruptions counted as node failures'))).toBe(true);
    if (h === undefined) throw new Error('no horizontal design');
    // its nodes priced at spot: on-demand x (1 - the Spot Advisor saving) of its type and region
    const [price] = h.cost.prices;
    const region = h.regions[0] as string;
    const saving = catalog.spot({ name: h.instance.name }, region)?.typicalDiscount ?? Number.NaN;
    expect(price?.pricingModel).toBe('spot');
    expectClose(price?.usdPerHour ?? Number.NaN, (price?.onDemandUsdPerHour ?? Number.NaN) * (1 - saving), {
      rel: 1e-12,
    });
    // the same design on demand (as an explicit candidate): dearer by the saving, and more available, the
    // interruptions being what costs nines on spot
    const same = {
      name: 'the same on demand',
      kind: 'horizontal',
      family: h.instance.name.split('.')[0],
      size: h.instance.name.split('.')[1],
      nodes: h.nodes,
      spares: h.spares,
      zones: h.zones,
      regions: h.regions,
    };
    const od = compareScenario(
      parseScenario(single({ pricing: { model: 'on-demand' }, architectures: [same] })),
      catalog,
    ).architectures[0];
    expect(od?.cost.pricingModel).toBe('on-demand');
    expect(od?.nodes).toBe(h.nodes);
    expectClose(
      (od?.cost.breakdown.computeUsdPerMonth ?? Number.NaN) * (1 - saving),
      h.cost.breakdown.computeUsdPerMonth,
      { rel: 1e-9 },
    );
    expect(h.availability.unavailability).toBeGreaterThan(od?.availability.unavailability ?? Number.POSITIVE_INFINITY);
  });

  it('a search whose every design keeps data is refused (exit 2), naming why', () => {
    expect(errorsOf(single({ workload: { peakRate: '1500/s', serviceTime: '5 ms', writeFraction: '5%' } }))).toEqual([
      'pricing.model: "spot": expected a pricing model other than "spot" for this search: spot applies only to stateless horizontal designs or tiers, and the nodes keep data (workload.writeFraction 0.05); a stateless design has a working set of 0 and no writes',
    ]);
  });

  it('tiers: spot only on the horizontal designs of stateless tiers; boxes and the database on demand', () => {
    const r = compareScenario(parseScenario(tiered(undefined, { pricing: { model: 'spot' } })), catalog);
    expect(r.architectures.map((a) => a.name)).toEqual(['best vertical', 'best horizontal', 'best mixed']);
    for (const a of r.architectures) {
      for (const t of a.tiers ?? []) {
        const model = t.cost.pricingModel ?? a.cost.pricingModel;
        if (t.kind !== 'horizontal' || t.role !== 'stateless') expect(model).not.toBe('spot');
      }
    }
    expect(r.architectures[0]?.cost.pricingModel).toBe('on-demand');
    // and spot where it applies: the stateless app tier of a design that scales it out is bought on spot, its nodes
    // priced at on-demand x (1 - the saving)
    const withSpot = r.architectures.filter((a) =>
      (a.tiers ?? []).some((t) => t.kind === 'horizontal' && t.role === 'stateless'),
    );
    expect(withSpot.length).toBeGreaterThan(0);
    for (const a of withSpot) {
      const apps = (a.tiers ?? []).filter((t) => t.kind === 'horizontal' && t.role === 'stateless');
      for (const t of apps) expect(t.cost.pricingModel ?? a.cost.pricingModel).toBe('spot');
      const spot = a.cost.prices.filter((p) => p.pricingModel === 'spot');
      expect(spot.length).toBeGreaterThan(0);
      for (const p of spot) {
        const saving = catalog.spot({ name: p.instance }, p.region)?.typicalDiscount ?? Number.NaN;
        expectClose(p.usdPerHour, p.onDemandUsdPerHour * (1 - saving), { rel: 1e-12 });
      }
    }
  });
});
