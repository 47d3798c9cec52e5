// The scenario's simulation options reach the simulators (src/compare/simulationPlan.ts, src/simWorkers/scenario.ts):
// bursty arrivals (an MMPP whose mean rate is the design rate), Weibull up times and shared repair crews.
// Reference values: the MMPP's long-run rate sum(rate_i dwell_i) / sum(dwell_i) and its time share in bursts
// dwell_1 / (dwell_0 + dwell_1) (two-state Markov chain, stationary distribution), computed here from the definition.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { buildContext } from '../../src/compare/context.js';
import { compareScenario } from '../../src/compare/index.js';
import { arrivalsAt, availabilitySim, designOf, requestSims } from '../../src/compare/simulationPlan.js';
import { burstsAverageOut } from '../../src/core/sim/requests.js';
import type { Scenario, SimulationSpec } from '../../src/scenario/types.js';
import { SIMULATION_DEFAULTS } from '../../src/scenario/types.js';
import { simulateComparison } from '../../src/simWorkers/scenario.js';
import { exampleScenario } from '../compare/scenario.js';
import { expectClose } from '../helpers/expectClose.js';

const catalog = loadCatalog();
const workerUrl = new URL('../../dist/simWorker.js', import.meta.url);

describe('arrivalsAt', () => {
  it('is Poisson at the rate without bursts', () => {
    expect(arrivalsAt(null, 1234)).toEqual({ kind: 'poisson', ratePerS: 1234 });
  });

  it('keeps the long-run mean rate at the given rate and the time in bursts at the share', () => {
    for (const b of [
      { factor: 3, share: 0.1, lengthS: 2 },
      { factor: 1.0001, share: 0.5, lengthS: 0.01 },
      { factor: 1000, share: 0.001, lengthS: 600 },
    ]) {
      const a = arrivalsAt(b, 5000);
      if (a.kind !== 'mmpp') throw new Error('expected an MMPP');
      const [d0, d1] = a.meanDwellS;
      const [r0, r1] = a.ratesPerS;
      expectClose((r0 * d0 + r1 * d1) / (d0 + d1), 5000, { rel: 1e-12 }, `mean rate, factor ${b.factor}`);
      expectClose(d1 / (d0 + d1), b.share, { rel: 1e-12 }, 'share of the time in bursts');
      expectClose(r1 / r0, b.factor, { rel: 1e-12 }, 'burst factor');
      expect(d1).toBe(b.lengthS);
    }
  });
});

/** One explicit box at about 70% CPU (M/M/8) in us-east-1, with the given simulation block (and users). */
function boxScenario(
  sim: Partial<SimulationSpec>,
  users: Scenario['users'] = [{ region: 'us-east-1', location: null, share: 1 }],
): Scenario {
  const s = exampleScenario({
    users,
    architectures: [
      {
        kind: 'vertical',
        name: 'box',
        family: 'm7i',
        size: '2xlarge',
        region: 'us-east-1',
        standby: 'none',
        standbyRegion: null,
      },
    ],
  });
  return {
    ...s,
    workload: {
      ...s.workload,
      peakRatePerS: 1120,
      growthPerYear: 0,
      growthYears: 0,
      averageRatePerS: null,
      serviceTimeS: 0.005,
      serviceTimeCv: 1,
      writeFraction: 0,
      usl: null,
    },
    simulation: { ...SIMULATION_DEFAULTS, requests: 400_000, years: 200, ...sim },
  };
}

describe('bursts far shorter than the gaps between requests', () => {
  it('are simulated as Poisson at the mean rate (a 1 ns burst at 15,000/s would cost ~10^5 draws per request)', () => {
    expect(arrivalsAt({ factor: 1000, share: 0.99999999, lengthS: 1e-9 }, 15000)).toEqual({
      kind: 'poisson',
      ratePerS: 15000,
    });
    // the threshold: 2 switches per cycle (length / share = 2 s here), so 1 / rate switches per arrival; more than
    // MAX_SWITCHES_PER_ARRIVAL (100) average out, i.e. below 0.01 requests per second
    const b = { factor: 3, share: 0.5, lengthS: 1 };
    expect(burstsAverageOut(0.0099, b)).toBe(true);
    expect(burstsAverageOut(0.0101, b)).toBe(false);
    expect(arrivalsAt(b, 0.0101).kind).toBe('mmpp');
  });
});

describe('the simulation block reaches the simulators', () => {
  it('bursts make the request arrivals an MMPP; Weibull shape and crews go to the failure simulation', () => {
    const s = boxScenario({ bursts: { factor: 3, share: 0.1, lengthS: 2 }, weibullShape: 0.7, repairCrews: 1 });
    const ctx = buildContext(s, catalog);
    const result = compareScenario(s, catalog);
    const design = designOf(catalog, result.architectures[0] as (typeof result.architectures)[number]);
    const [sim] = requestSims(ctx, design);
    expect(sim?.config.arrivals.kind).toBe('mmpp');
    const av = availabilitySim(ctx, design);
    expect(av.lifetime).toEqual({ kind: 'weibull', shape: 0.7 });
    expect(av.crews).toBe(1);
    const plain = buildContext(boxScenario({}), catalog);
    expect(requestSims(plain, design)[0]?.config.arrivals).toEqual({ kind: 'poisson', ratePerS: 1120 });
    expect(availabilitySim(plain, design).lifetime).toBeUndefined();
  });

  it('Poisson: the analytic p99 lies in the simulated interval; bursts: the simulated p99 is well above it', async () => {
    const run = async (sim: Partial<SimulationSpec>) => {
      const s = boxScenario(sim);
      const r = await simulateComparison(compareScenario(s, catalog), s, catalog, { threads: 2, workerUrl });
      const a = r.architectures[0];
      if (!a?.simulated?.latency || a.latency.p99Ms === null) throw new Error('expected simulated latency');
      return { analytic: a.latency.p99Ms, sim: a.simulated.latency };
    };
    const poisson = await run({});
    expect(poisson.sim.analyticP99Inside, JSON.stringify(poisson.sim.ci95)).toBe(true);
    const bursty = await run({ bursts: { factor: 3, share: 0.1, lengthS: 0.5 } });
    // in a burst the box gets 3 x 1120 / 1.2 = 2800/s against a capacity of 1600/s: a backlog builds every burst
    expect(bursty.sim.ci95.p99Ms[0]).toBeGreaterThan(2 * bursty.analytic);
    expect(bursty.sim.analyticP99Inside).toBe(false);
    expect(bursty.sim.method).toMatch(/bursty arrivals \(MMPP: 3x the base rate for 10\.0% of the time/);
  }, 300_000);
});

describe('simulated p99 per user region', () => {
  it('each user region gets its own p99 with an interval that holds its analytic p99 (M/M/8: exact)', async () => {
    const s = boxScenario({ requests: 400_000 }, [
      { region: 'us-east-1', location: null, share: 0.7 },
      { region: 'ap-northeast-1', location: null, share: 0.3 },
    ]);
    const r = await simulateComparison(compareScenario(s, catalog), s, catalog, { threads: 2, workerUrl });
    const a = r.architectures[0];
    const sim = a?.simulated?.latency;
    if (!a || !sim) throw new Error('expected simulated latency');
    expect(sim.byUserRegion.map((u) => u.region)).toEqual(['us-east-1', 'ap-northeast-1']);
    const total = sim.byUserRegion.reduce((n, u) => n + u.customers, 0);
    expect(total).toBe(sim.customers);
    // the users' shares of the simulated requests: binomial, within 5 standard deviations of 0.3
    const tokyo = sim.byUserRegion[1] as (typeof sim.byUserRegion)[number];
    expect(Math.abs(tokyo.customers / total - 0.3)).toBeLessThan(5 * Math.sqrt((0.3 * 0.7) / total));
    for (const u of sim.byUserRegion) {
      const analytic = a.latency.byUserRegion.find((x) => x.region === u.region)?.p99Ms as number;
      expect(u.analyticP99Inside, `${u.region}: ${analytic} in ${u.ci95}`).toBe(true);
      expect(u.ci95[0]).toBeLessThanOrEqual(u.p99Ms);
      expect(u.p99Ms).toBeLessThanOrEqual(u.ci95[1]);
    }
    // Tokyo's requests pay the measured 149.3 ms round trip to us-east-1 on top of the same queue, where the local
    // users pay us-east-1's measured intra-region round trip (5.35 ms)
    const local = catalog.measuredRttMs('us-east-1', 'us-east-1') as number;
    expect(local).toBe(5.35);
    expectClose(tokyo.p99Ms - (sim.byUserRegion[0]?.p99Ms as number), 149.3 - local, { rel: 0.02 }, 'RTT difference');
    expect(sim.method).toMatch(/a p99 for every user region/);
  }, 300_000);

  it('a user region with too few simulated requests is left out, and the method says so', async () => {
    const s = boxScenario({ requests: 20_000 }, [
      { region: 'us-east-1', location: null, share: 0.999 },
      { region: 'eu-west-1', location: null, share: 0.001 },
    ]);
    const r = await simulateComparison(compareScenario(s, catalog), s, catalog, { threads: 1, workerUrl });
    const sim = r.architectures[0]?.simulated?.latency;
    expect(sim?.byUserRegion.map((u) => u.region)).toEqual(['us-east-1']);
    expect(sim?.method).toMatch(/a p99 for 1 of 2 user regions \(the others had fewer than 1000 simulated requests/);
  }, 300_000);
});

describe('simulated p99 with the spares down', () => {
  it('a horizontal design with spares gets it, and the analytic figure lies inside (random balancing: exact)', async () => {
    const base = boxScenario({ requests: 400_000 });
    const s: Scenario = {
      ...base,
      architectures: [
        {
          kind: 'horizontal',
          name: 'fleet',
          family: 'm7i',
          size: 'xlarge',
          nodes: 4,
          spares: 1,
          zones: 2,
          regions: ['us-east-1'],
          balancer: 'random',
        },
      ],
    };
    const result = compareScenario(s, catalog);
    const r = await simulateComparison(result, s, catalog, { threads: 2, workerUrl });
    const a = r.architectures[0];
    const down = a?.simulated?.latency?.sparesDown;
    if (!a || !down) throw new Error('expected a spares-down simulation');
    expect(down.spares).toBe(1);
    // 4 nodes of 4 vCPUs at 1120/s x 5 ms = 5.6 Erlangs (35%); with one down, 3 nodes at 47%: a longer tail
    expect(down.p99Ms).toBeGreaterThan(a.simulated?.latency?.p99Ms as number);
    expect(down.analyticP99Inside, `${a.latency.p99DegradedMs} in ${down.ci95}`).toBe(true);
  }, 300_000);

  it('a vertical design has none', async () => {
    const s = boxScenario({ requests: 20_000 });
    const r = await simulateComparison(compareScenario(s, catalog), s, catalog, { threads: 1, workerUrl });
    expect(r.architectures[0]?.simulated?.latency?.sparesDown).toBeNull();
  }, 300_000);
});
