// The comparison engine on hand-checkable cases (src/compare). Reference values:
// - design rate 4000/s x 1.8^2 = 12960/s (the contract's example);
// - measured RTT ap-northeast-1 <-> us-east-1 = 149.3 ms (cloudping.co one-year median, models/catalog/regions.json);
// - M/M/1 p99 = ln(100) / (mu - lambda) (Kleinrock 1975; exponential response time of M/M/1 FCFS);
// - availability closed forms computed in the test from MTBF/MTTR.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { buildContext } from '../../src/compare/context.js';
import { evaluateHorizontal } from '../../src/compare/evaluateHorizontal.js';
import { evaluateVertical } from '../../src/compare/evaluateVertical.js';
import { compareScenario } from '../../src/compare/index.js';
import { BURSTABLE_FAMILIES } from '../../src/compare/size.js';
import { copysetCount } from '../../src/core/reliability/placement.js';
import { readScenarioText } from '../../src/scenario/read.js';
import type { Scenario } from '../../src/scenario/types.js';
import { expectClose } from '../helpers/expectClose.js';
import { exampleScenario, smallScenario } from './scenario.js';

const catalog = loadCatalog();
const inst = (name: string) => {
  const i = catalog.instance(name);
  if (!i) throw new Error(name);
  return i;
};

/** One explicit box of the given instance in us-east-1, no standby. */
const oneBox = (ctx: ReturnType<typeof buildContext>, instance: string) =>
  evaluateVertical(ctx, {
    kind: 'vertical',
    name: 'x',
    origin: 'explicit',
    instance: inst(instance),
    region: 'us-east-1',
    standby: 'none',
    standbyRegion: null,
  });

describe('design rate and latency', () => {
  it('every figure is at the design rate: 4000/s x (1 + 80%)^2 = 12960/s', () => {
    const r = compareScenario(exampleScenario(), catalog);
    expectClose(r.designRatePerS, 12960, { rel: 1e-12 }, 'design rate');
  });

  it('a one-vCPU box at 100/s with 5 ms exponential service: p99 = ln(100)/(mu - lambda) + the intra-region RTT', () => {
    const ctx = buildContext(smallScenario({ serviceTimeS: 0.005 }), catalog);
    // t3 micro-like shapes are excluded from searches, not from explicit designs; m7i.large has 2 vCPUs, so build a
    // one-server queue by doubling the service time on the 2-vCPU box would not be M/M/1: use the formula per vCPU.
    const r = oneBox(ctx, 'm7i.large');
    // M/M/2 at lambda 100, mu 200: C = 2 rho^2 / (1 + rho) with rho = 0.25 -> 0.1; wait rate c mu - lambda = 300.
    // Survival of the response: P(T > t) = e^{-mu t} + C mu / (c mu - lambda - mu) (e^{-mu t} - e^{-(c mu - lambda) t}).
    const mu = 200;
    const C = 0.1;
    const surv = (t: number) => Math.exp(-mu * t) + ((C * mu) / (300 - mu)) * (Math.exp(-mu * t) - Math.exp(-300 * t));
    let lo = 0;
    let hi = 1;
    for (let k = 0; k < 200; k++) {
      const mid = (lo + hi) / 2;
      if (surv(mid) > 0.01) lo = mid;
      else hi = mid;
    }
    const rtt = catalog.measuredRttMs('us-east-1', 'us-east-1') as number;
    expectClose(r.latency.p99Ms as number, lo * 1000 + rtt, { rel: 1e-9 }, 'p99');
    expectClose(r.utilization, 0.25, { rel: 1e-12 }, 'utilisation');
  });

  it('users far from the serving region pay the measured RTT: Tokyo to us-east-1 adds 149.3 ms', () => {
    const s = smallScenario({}, [
      { region: 'us-east-1', location: null, share: 0.5 },
      { region: 'ap-northeast-1', location: null, share: 0.5 },
    ]);
    const ctx = buildContext(s, catalog);
    const r = oneBox(ctx, 'm7i.xlarge');
    const tokyo = r.latency.byUserRegion.find((x) => x.region === 'ap-northeast-1');
    expect(tokyo?.networkRttMs).toBe(149.3);
    expect(tokyo?.networkMethod).toBe('measured');
    expectClose((tokyo?.p99Ms as number) - (tokyo?.queueP99Ms as number), 149.3, { rel: 1e-9 }, 'network part');
    // the overall p99 is a quantile of the mixture: between the two groups' p99s, not their sum or mean
    const local = r.latency.byUserRegion.find((x) => x.region === 'us-east-1');
    expect(r.latency.p99Ms as number).toBeGreaterThan(local?.p99Ms as number);
    expect(r.latency.p99Ms as number).toBeLessThan(tokyo?.p99Ms as number);
  });

  it('networkMs is every round trip of a request: 3 round trips from Tokyo to us-east-1 = 3 x 149.3 ms', () => {
    const base = smallScenario({}, [
      { region: 'us-east-1', location: null, share: 0.5 },
      { region: 'ap-northeast-1', location: null, share: 0.5 },
    ]);
    const s = { ...base, workload: { ...base.workload, roundTrips: 3 } };
    const r = oneBox(buildContext(s, catalog), 'm7i.xlarge');
    const tokyo = r.latency.byUserRegion.find((x) => x.region === 'ap-northeast-1');
    expect(tokyo?.networkRttMs).toBe(149.3);
    expectClose(tokyo?.networkMs as number, 3 * 149.3, { rel: 1e-12 }, 'network time');
    // no writes: the end-to-end p99 is the queue's p99 shifted by the network time
    expectClose(tokyo?.p99Ms as number, (tokyo?.queueP99Ms as number) + 3 * 149.3, { rel: 1e-9 }, 'p99');
  });

  it('users given by coordinates pay the distance estimate: intercept + slope x haversine distance', () => {
    const tokyo = catalog.region('ap-northeast-1');
    if (!tokyo) throw new Error('ap-northeast-1');
    const s = smallScenario({}, [
      { region: 'us-east-1', location: null, share: 0.5 },
      { region: 'tokyo-office', location: { lat: tokyo.lat, lon: tokyo.lon }, share: 0.5 },
    ]);
    const ctx = buildContext(s, catalog);
    expect(ctx.homeRegion('tokyo-office')).toBe('ap-northeast-1');
    expect(ctx.homeRegion('us-east-1')).toBe('us-east-1');
    const virginia = catalog.region('us-east-1');
    if (!virginia) throw new Error('us-east-1');
    // Haversine written out here (R = 6371.0088 km, the IUGG mean radius), independent of src/core/geo.
    const rad = Math.PI / 180;
    const h =
      Math.sin(((virginia.lat - tokyo.lat) * rad) / 2) ** 2 +
      Math.cos(tokyo.lat * rad) * Math.cos(virginia.lat * rad) * Math.sin(((virginia.lon - tokyo.lon) * rad) / 2) ** 2;
    const km = 2 * 6371.0088 * Math.asin(Math.sqrt(h));
    const m = catalog.rttModel;
    const r = oneBox(ctx, 'm7i.xlarge');
    const office = r.latency.byUserRegion.find((x) => x.region === 'tokyo-office');
    expect(office?.networkMethod).toBe('estimated');
    expectClose(office?.networkRttMs as number, m.interceptMs + m.msPerKm * km, { rel: 1e-9 }, 'estimated RTT');
    // the estimate for the same coordinates is within the model's stated 90th-percentile error of the measured 149.3
    expect(Math.abs((office?.networkRttMs as number) - 149.3)).toBeLessThan(m.p90AbsErrorMs);
  });

  it('a search puts a single site at the catalog region nearest to users given only by coordinates when only it is near enough', () => {
    // Paris (48.8566 N, 2.3522 E): London (eu-west-2) is 344 km away, Frankfurt 479 km, Dublin 780 km. With regional
    // prices a cheaper, farther region wins when the p99 target allows it (the cheapest box, a c7g.large with its
    // service time scaled by CoreMark, has a p99 of 66 ms in Dublin and 61 ms in Frankfurt here): a 60 ms target leaves
    // London alone.
    const base = smallScenario({}, [{ region: 'paris', location: { lat: 48.8566, lon: 2.3522 }, share: 1 }]);
    const s = { ...base, targets: { ...base.targets, p99S: 0.06 } };
    const r = compareScenario(s, catalog);
    const vertical = r.architectures.find((a) => a.kind === 'vertical');
    expect(vertical?.regions).toEqual(['eu-west-2']);
    expect(vertical?.latency.byUserRegion.map((u) => [u.region, u.networkMethod])).toEqual([['paris', 'estimated']]);
    expect(r.assumptions.some((a) => a.startsWith('Users given by coordinates (paris)'))).toBe(true);
  });

  it('an unstable queue is a result: infeasible, latency null, the reason names the CPU', () => {
    const ctx = buildContext(smallScenario({ peakRatePerS: 1000, serviceTimeS: 0.01 }), catalog);
    const r = oneBox(ctx, 'm7i.large');
    expect(r.feasible).toBe(false);
    expect(r.latency.p99Ms).toBeNull();
    expect(r.infeasibleReason).toMatch(/CPU: utilisation 500% >= 100%/);
    expect(JSON.parse(JSON.stringify(r)).latency.byUserRegion[0].p99Ms).toBeNull();
  });
});

describe('explicit candidates', () => {
  it('a vertical without a size gets the smallest that fits; with a working set larger than any box it is infeasible on memory', () => {
    const s = smallScenario({ workingSetBytes: 100 * 2 ** 40 });
    s.architectures = [
      {
        kind: 'vertical',
        name: 'v',
        family: 'm7i',
        size: null,
        region: 'us-east-1',
        standby: 'none',
        standbyRegion: null,
      },
    ];
    const r = compareScenario(s, catalog);
    const v = r.architectures[0];
    expect(v?.feasible).toBe(false);
    expect(v?.infeasibleReason).toMatch(/^no m7i size meets the memory limit/);
    expect(r.recommendation.name).toBeNull();
    expect(r.recommendation.unmetByAll).toContain('memory');
  });

  it('cost of N nodes is N times one node plus the fixed parts', () => {
    const ctx = buildContext(smallScenario(), catalog);
    const d = (n: number) =>
      evaluateHorizontal(ctx, {
        kind: 'horizontal',
        name: 'h',
        origin: 'explicit',
        instance: inst('m7i.2xlarge'),
        regions: ['us-east-1'],
        nodesByRegion: [n],
        spares: 1,
        zones: 3,
        balancer: 'least-loaded',
      });
    const c4 = d(4).cost;
    const c9 = d(9).cost;
    expectClose(
      c9.breakdown.computeUsdPerMonth - c4.breakdown.computeUsdPerMonth,
      5 * 0.4032 * 730,
      { rel: 1e-12 },
      'compute',
    );
    expectClose(c9.usdPerMonth - c4.usdPerMonth, 5 * 0.4032 * 730, { rel: 1e-12 }, 'total');
    expect(c4.breakdown.loadBalancerUsdPerMonth).toBeGreaterThan(0.0225 * 730 - 1e-9);
  });

  it('a horizontal fleet sized with one spare still meets p99 with one node down', () => {
    const r = compareScenario(exampleScenario(), catalog);
    const h = r.architectures.find((a) => a.name === 'scale out, 3 zones');
    expect(h?.latency.p99DegradedMs as number).toBeLessThanOrEqual(250);
    expect(h?.utilization as number).toBeLessThanOrEqual(0.75);
    const need = h?.nodesNeededByRegion[0];
    expect((need?.nodes as number) - (need?.needed as number)).toBeGreaterThanOrEqual(1);
  });

  it('two regions: each user region is served by its nearest region and fails over to the other', () => {
    const r = compareScenario(exampleScenario(), catalog);
    const h = r.architectures.find((a) => a.name === 'scale out, 2 regions');
    const eu = h?.latency.byUserRegion.find((x) => x.region === 'eu-west-1');
    const tokyo = h?.latency.byUserRegion.find((x) => x.region === 'ap-northeast-1');
    expect(eu?.servedFrom).toBe('eu-west-1');
    expect(eu?.failoverTo).toBe('us-east-1');
    expect(tokyo?.servedFrom).toBe('us-east-1');
    expect(h?.survivesRegionLoss).not.toBeNull();
  });

  it('is deterministic: the same scenario gives byte-identical JSON', () => {
    const a = JSON.stringify(compareScenario(exampleScenario(), catalog));
    const b = JSON.stringify(compareScenario(exampleScenario(), catalog));
    expect(a).toBe(b);
  });
});

describe('properties of a fixed design', () => {
  const base = smallScenario({ serviceTimeCv: 1.3 });
  const fixed = (rate: number, n = 3, spares = 1, replication = base.workload.replication) => {
    const ctx = buildContext({ ...base, workload: { ...base.workload, peakRatePerS: rate, replication } }, catalog);
    return evaluateHorizontal(ctx, {
      kind: 'horizontal',
      name: 'h',
      origin: 'explicit',
      instance: inst('m7i.xlarge'),
      regions: ['us-east-1'],
      nodesByRegion: [n],
      spares,
      zones: 3,
      balancer: 'random',
    });
  };

  it('raising the load never lowers p99 or cost', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 10, max: 800, noNaN: true }),
        fc.double({ min: 1, max: 200, noNaN: true }),
        (rate, more) => {
          const lo = fixed(rate);
          const hi = fixed(rate + more);
          const p = (x: number | null) => (x === null ? Number.POSITIVE_INFINITY : x);
          return p(hi.latency.p99Ms) >= p(lo.latency.p99Ms) * (1 - 1e-9) && hi.cost.usdPerMonth >= lo.cost.usdPerMonth;
        },
      ),
      { seed: 11, numRuns: 40 },
    );
  });

  // With a fixed replication, more nodes also spread the partitions wider (more of them have a copy on some failed
  // node: spread placement), so only a node that holds a full copy is sure to help.
  it('adding a node that holds a full copy of the data never lowers availability', () => {
    fc.assert(
      fc.property(fc.double({ min: 10, max: 600, noNaN: true }), fc.integer({ min: 1, max: 8 }), (rate, n) => {
        const a = fixed(rate, n, 1, n).availability.unavailability;
        const b = fixed(rate, n + 1, 1, n + 1).availability.unavailability;
        return b <= a * (1 + 1e-9);
      }),
      { seed: 12, numRuns: 40 },
    );
  });

  it('a bigger box never has a higher p99 at the same load', () => {
    const sizes = catalog.families.get('m7i') ?? [];
    fc.assert(
      fc.property(
        fc.double({ min: 10, max: 3000, noNaN: true }),
        fc.integer({ min: 0, max: sizes.length - 2 }),
        (rate, i) => {
          const ctx = buildContext({ ...base, workload: { ...base.workload, peakRatePerS: rate } }, catalog);
          const at = (k: number) =>
            evaluateVertical(ctx, {
              kind: 'vertical',
              name: 'v',
              origin: 'explicit',
              instance: sizes[k] as never,
              region: 'us-east-1',
              standby: 'none',
              standbyRegion: null,
            }).latency.p99Ms ?? Number.POSITIVE_INFINITY;
          const small = sizes[i];
          const big = sizes[i + 1];
          if (!small || !big || big.vcpu < small.vcpu) return true;
          return at(i + 1) <= at(i) * (1 + 1e-9);
        },
      ),
      { seed: 13, numRuns: 40 },
    );
  });
});

describe('search without explicit architectures', () => {
  it('finds one vertical and one horizontal; recommends a feasible one that is the cheapest feasible', () => {
    const r = compareScenario(smallScenario({ peakRatePerS: 300 }), catalog);
    expect(r.architectures.map((a) => a.kind)).toEqual(['vertical', 'horizontal']);
    const feasible = r.architectures.filter((a) => a.feasible);
    expect(feasible.length).toBeGreaterThan(0);
    const cheapest = feasible.reduce((b, a) => (a.cost.usdPerMonth < b.cost.usdPerMonth ? a : b));
    expect(r.recommendation.name).toBe(cheapest.name);
    expect(r.recommendation.why).toContain(cheapest.name);
  });

  it('the searched vertical is the cheapest feasible single box over every family, region and standby (brute force)', () => {
    const s = smallScenario({ peakRatePerS: 300 });
    const r = compareScenario(s, catalog);
    const v = r.architectures[0];
    const ctx = buildContext(s, catalog);
    let best = Number.POSITIVE_INFINITY;
    // every searchable type in every region where it has a price (a farther, cheaper region may meet the targets)
    for (const i of catalog.instances.filter((x) => x.provider === 'aws' && !BURSTABLE_FAMILIES.has(x.family))) {
      for (const region of catalog.regions.map((r) => r.id)) {
        if (catalog.onDemandPrice(i, region) === undefined) continue;
        for (const standby of ['none', 'cold', 'hot'] as const) {
          const e = evaluateVertical(ctx, {
            kind: 'vertical',
            name: 'b',
            origin: 'explicit',
            instance: i,
            region,
            standby,
            standbyRegion: null,
          });
          if (e.feasible) best = Math.min(best, e.cost.usdPerMonth);
        }
      }
    }
    expect(v?.feasible).toBe(true);
    expectClose(v?.cost.usdPerMonth as number, best, { rel: 1e-12 }, 'cheapest feasible box');
  });
});

describe('durability (targets.maxDataLoss)', () => {
  const withWrites = (consistency: 'eventual' | 'strong', maxDataLossS: number | null) => {
    const s = smallScenario({ writeFraction: 0.5, consistency });
    return { ...s, targets: { ...s.targets, maxDataLossS } };
  };
  const vertical = (s: Scenario, standby: 'none' | 'hot') =>
    evaluateVertical(buildContext(s, catalog), {
      kind: 'vertical',
      name: 'v',
      origin: 'explicit',
      instance: inst('m7i.xlarge'),
      region: 'us-east-1',
      standby,
      standbyRegion: null,
    });

  it('one copy loses the writes since the last backup; async replication the lag; sync replication nothing', () => {
    const eventual = withWrites('eventual', 0);
    expect(vertical(eventual, 'none').dataLoss.windowS).toBe(86400);
    expect(vertical(eventual, 'hot').dataLoss.windowS).toBe(1);
    expect(vertical(eventual, 'hot').meetsTargets.durability).toBe(false);
    expect(vertical(eventual, 'hot').infeasibleReason).toMatch(/^durability: up to 1 s of acknowledged writes/);
    const strong = withWrites('strong', 0);
    expect(vertical(strong, 'hot').dataLoss.windowS).toBe(0);
    expect(vertical(strong, 'hot').meetsTargets.durability).toBe(true);
  });

  it('no durability target: meetsTargets.durability is null and does not decide feasibility', () => {
    const r = vertical(withWrites('eventual', null), 'hot');
    expect(r.meetsTargets.durability).toBeNull();
  });

  it('the payment example (strong consistency, "0 s"): the hot standbys and the replicated clusters lose nothing', () => {
    const text = readFileSync('models/scenarios/payment-processing.json', 'utf8');
    const r = compareScenario(readScenarioText(text, 'payment'), catalog);
    for (const a of r.architectures) {
      expect(a.dataLoss.windowS).toBe(0);
      expect(a.meetsTargets.durability).toBe(true);
    }
    const eventual = JSON.parse(text);
    eventual.tiers[1].consistency = 'eventual';
    const e = compareScenario(readScenarioText(JSON.stringify(eventual), 'payment'), catalog);
    expect(e.architectures.every((a) => a.meetsTargets.durability === false)).toBe(true);
    expect(e.recommendation.name).toBeNull();
    expect(e.recommendation.unmetByAll).toEqual(['durability']);
  });
});

describe('availability means one thing (contract, second wave)', () => {
  // A 4-vCPU box at 95% CPU (400/s x 9.5 ms, cv 1.5: p99 about 360 ms) showed 0.00 nines with a 300 ms target and
  // 2.94 with 3 s, and a 3-node fleet moved from 2.95 to 3.36 nines: nines must not depend on the p99 target.
  const s0 = exampleScenario();
  const scenarioAt = (p99S: number, strong: boolean): Scenario => ({
    ...s0,
    workload: {
      ...s0.workload,
      peakRatePerS: 400,
      serviceTimeS: 0.0095,
      serviceTimeCv: 1.5,
      growthPerYear: 0,
      growthYears: 0,
      writeFraction: strong ? 0.2 : 0,
      consistency: strong ? 'strong' : 'eventual',
      replication: 3,
    },
    targets: { ...s0.targets, p99S },
  });
  const box = (s: Scenario) =>
    evaluateVertical(buildContext(s, catalog), {
      kind: 'vertical',
      name: 'box',
      origin: 'explicit',
      instance: inst('m7i.xlarge'),
      region: 'us-east-1',
      standby: 'hot',
      standbyRegion: null,
    });
  const fleet = (s: Scenario, regions: string[], nodesPerRegion = 3, zones = 3) =>
    evaluateHorizontal(buildContext(s, catalog), {
      kind: 'horizontal',
      name: 'fleet',
      origin: 'explicit',
      instance: inst('m7i.xlarge'),
      regions,
      nodesByRegion: regions.map(() => nodesPerRegion),
      spares: 1,
      zones,
      balancer: 'least-loaded',
    });
  it('availability does not change when only targets.p99 changes (box, one-region and two-region fleets)', () => {
    fc.assert(
      fc.property(logP99(), logP99(), fc.boolean(), (a, b, strong) => {
        const x = scenarioAt(a, strong);
        const y = scenarioAt(b, strong);
        expect(box(x).availability).toStrictEqual(box(y).availability);
        expect(fleet(x, ['us-east-1']).availability).toStrictEqual(fleet(y, ['us-east-1']).availability);
        const two = ['us-east-1', 'eu-west-1'];
        expect(fleet(x, two).availability).toStrictEqual(fleet(y, two).availability);
      }),
      { seed: 5, numRuns: 30 },
    );
    // the box at 95% CPU is up (stable), with the nines of a hot pair, whatever the p99 target
    const hot = box(scenarioAt(0.3, false));
    expect(hot.utilization).toBeGreaterThan(0.9);
    expect(hot.availability.nines).toBeGreaterThan(3);
    expect(hot.meetsTargets.p99).toBe(false);
  });

  it('strong writes over two regions do not survive a region loss; over three they do', () => {
    const s = scenarioAt(1, true);
    const two = fleet(s, ['us-east-1', 'us-east-2']);
    const three = fleet(s, ['us-east-1', 'us-east-2', 'us-west-2']);
    expect(two.placement).toMatchObject({ replication: 3, copies: 6, writeQuorum: 4 });
    expect(two.survivesRegionLoss).toBe(false);
    expect(three.placement).toMatchObject({ copies: 9, writeQuorum: 5 });
    expect(three.survivesRegionLoss).toBe(true);
    expect(three.availability.unavailability).toBeLessThan(two.availability.unavailability);
  });

  it('a fleet of one-zone regions: a zone loss is a region loss, and the verdict agrees with the nines', () => {
    const s = scenarioAt(1, false);
    const oneZone = (n: number) => fleet(s, ['us-east-1', 'us-east-2'], n, 1);
    for (const n of [3, 9]) {
      const f = oneZone(n);
      expect(f.survivesZoneLoss).toBe(f.survivesRegionLoss);
      const capacity = f.availability.byCause.find((c) => c.cause.startsWith('too few'))?.unavailability as number;
      const zoneU = s.reliability.zone.mttrS / (s.reliability.zone.mtbfS + s.reliability.zone.mttrS);
      // surviving a zone loss means zone outages are not downtime: the capacity term is far below a zone's downtime
      if (f.survivesZoneLoss) expect(capacity).toBeLessThan(0.01 * zoneU);
      else expect(capacity).toBeGreaterThan(0.5 * zoneU);
    }
  });

  it('names what a region loss does to a strong two-region fleet among its single points of failure', () => {
    const two = fleet(scenarioAt(1, true), ['us-east-1', 'us-east-2']);
    expect(two.availability.singlePointsOfFailure).toContain(
      'any one region (writes stop: the copies left are fewer than the write quorum)',
    );
  });

  it('one copy per region over two regions is two copies: data loss is the replication lag, or none when strong', () => {
    const at = (strong: boolean) => {
      const base = scenarioAt(1, strong);
      const s: Scenario = { ...base, workload: { ...base.workload, replication: 1, writeFraction: 0.2 } };
      return fleet(s, ['us-east-1', 'us-east-2']).dataLoss.windowS;
    };
    expect(at(false)).toBe(exampleScenario().reliability.replicationLagS);
    expect(at(true)).toBe(0);
  });

  it('counts the node sets an even spread allows (the placement note says when they outnumber the partitions)', () => {
    expect(copysetCount([2, 2, 2], 3)).toBe(8);
    // 4 copies over 3 zones of 2 nodes: one zone holds 2 (1 way), the others 1 each (2 x 2), times 3 zone choices
    expect(copysetCount([2, 2, 2], 4)).toBe(12);
    expect(copysetCount([1, 1], 3)).toBe(0);
  });
});

function logP99(): fc.Arbitrary<number> {
  return fc.double({ min: -3, max: 1, noNaN: true }).map((e) => 10 ** e);
}

describe('the global traffic switch (catalog default: Route 53 DNS failover) in cost and availability', () => {
  const ctx = buildContext(smallScenario(), catalog); // 100/s, no growth: 262.8 million requests in a 730 h month
  // $0.50 hosted zone + $0.50 per health check (one per serving endpoint) + $0.40 per million queries, one query per
  // 100 requests (ESTIMATE): 2.628 million queries = $1.0512 (aws.amazon.com/route53/pricing, 2026-09-20)
  const route53 = (endpoints: number) => 0.5 + 0.5 * endpoints + (0.4 * 0.01 * 100 * 730 * 3600) / 1e6;
  const box = (standby: 'none' | 'cold' | 'hot', standbyRegion: string | null) =>
    evaluateVertical(ctx, {
      kind: 'vertical',
      name: 'v',
      origin: 'explicit',
      instance: inst('m7i.2xlarge'),
      region: 'us-east-1',
      standby,
      standbyRegion,
    });
  const fleet = (regions: string[]) =>
    evaluateHorizontal(ctx, {
      kind: 'horizontal',
      name: 'h',
      origin: 'explicit',
      instance: inst('m7i.2xlarge'),
      regions,
      nodesByRegion: regions.map(() => 3),
      spares: 1,
      zones: 3,
      balancer: 'least-loaded',
    });
  const sum = (b: Record<string, number>) => Object.values(b).reduce((s, x) => s + x, 0);

  it('a standby in another region pays for the switch (health checks on both boxes), inside usdPerMonth', () => {
    for (const standby of ['hot', 'cold'] as const) {
      const c = box(standby, 'us-east-2').cost;
      expectClose(c.breakdown.globalSwitchUsdPerMonth, route53(2), { rel: 1e-12 }, `${standby}: switch`);
      expectClose(c.usdPerMonth, sum({ ...c.breakdown }), { rel: 1e-15 }, `${standby}: total`);
    }
    expectClose(route53(2), 2.5512, { rel: 1e-12 }, 'by hand');
  });

  it('a horizontal design over several regions pays for one switch with a health check per region', () => {
    expectClose(fleet(['us-east-1', 'us-east-2']).cost.breakdown.globalSwitchUsdPerMonth, route53(2), { rel: 1e-12 });
    const three = fleet(['us-east-1', 'us-east-2', 'us-west-2']).cost;
    expectClose(three.breakdown.globalSwitchUsdPerMonth, route53(3), { rel: 1e-12 }, '3 regions');
    expectClose(three.usdPerMonth, sum({ ...three.breakdown }), { rel: 1e-15 }, 'total');
  });

  it('designs in one region pay nothing for it and have no switch in their availability', () => {
    for (const r of [box('none', null), box('hot', null), box('cold', null), fleet(['us-east-1'])]) {
      expect(r.cost.breakdown.globalSwitchUsdPerMonth, r.standby ?? 'fleet').toBe(0);
      expect(r.availability.byCause.map((c) => c.cause)).not.toContain('global traffic switch');
      expect(r.notes.join(' ')).not.toMatch(/global traffic switch/);
    }
  });

  it('across regions the switch is a cause of downtime, a single point of failure and a note', () => {
    for (const r of [box('hot', 'us-east-2'), box('cold', 'us-east-2'), fleet(['us-east-1', 'us-east-2'])]) {
      const cause = r.availability.byCause.find((c) => c.cause === 'global traffic switch');
      expectClose(cause?.unavailability as number, 1e-5, { rel: 1e-12 }, 'switch');
      expect(r.availability.singlePointsOfFailure).toContain('the global traffic switch');
      expect(r.notes.join(' ')).toMatch(/Amazon Route 53 failover records with health checks .* \$2\.55 a month/);
    }
  });
});
