// The scenario's simulation options reach the simulators (src/compare/simulationPlan.ts, src/sim/scenario.ts):
// bursty arrivals (an MMPP whose mean rate is the design rate), Weibull up times and shared repair crews.
// Reference values: the MMPP's long-run rate sum(rate_i dwell_i) / sum(dwell_i) and its time share in bursts
// dwell_1 / (dwell_0 + dwell_1) (two-state Markov chain, stationary distribution), computed here from the definition.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { buildContext } from '../../src/compare/context.js';
import { compareScenario } from '../../src/compare/index.js';
import { arrivalsAt, availabilitySim, designOf, requestSims } from '../../src/compare/simulationPlan.js';
import { SIMULATION_DEFAULTS } from '../../src/scenario/normalize.js';
import type { Scenario, SimulationSpec } from '../../src/scenario/types.js';
import { simulateComparison } from '../../src/sim/scenario.js';
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

/** One explicit box at about 70% CPU (M/M/8), users in us-east-1 only, with the given simulation block. */
function boxScenario(sim: Partial<SimulationSpec>): Scenario {
  const s = exampleScenario({
    users: [{ region: 'us-east-1', location: null, share: 1 }],
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
  }, 60_000);
});
