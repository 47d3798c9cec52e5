// The simulation of a tiered scenario (src/simWorkers/scenario.ts, src/compare/tiers/simulationPlan.ts): per-tier
// designs are walked through the tiers (core/sim/tiers.ts), co-located ones simulated as one queue of the request's
// whole demand; neither crashes. A system of one stateless tier is the single-tier scenario it replaces
// (tierScenario.ts), and its walk makes the single-tier simulator's draws in the same order: the simulated figures
// are identical. Every simulation here runs in this thread except where the thread count is the point.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { compareScenario } from '../../src/compare/index.js';
import type { ArchitectureResult } from '../../src/compare/result.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import { simulateComparison } from '../../src/simWorkers/scenario.js';
import { expectClose } from '../helpers/expectClose.js';
import { tieredScenario } from '../scenario/example.js';

const catalog = loadCatalog();
const workerUrl = new URL('../../dist/simWorker.js', import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: scenarios are written as the JSON a user gives
type Json = Record<string, any>;

async function simulate(raw: Json, threads = 1): Promise<ArchitectureResult[]> {
  const s = parseScenario(raw);
  const r = await simulateComparison(
    compareScenario(s, catalog),
    s,
    catalog,
    threads > 1 ? { threads, workerUrl } : { threads: 1 },
  );
  return r.architectures;
}

const fleet = { family: 'm7i', size: 'xlarge', nodes: 3, spares: 1, zones: 2, balancer: 'least-loaded' };
const common = {
  targets: { p99: '200 ms', availability: '99.9%' },
  users: [{ region: 'us-east-1', share: 1 }],
  simulation: { requests: 20_000, years: 10, seed: 5 },
};

describe('a system of one stateless tier', () => {
  it('is simulated exactly as the single-tier scenario it replaces, and its analytic p99 lies in the interval', async () => {
    const [tiered] = await simulate({
      ...common,
      name: 'one tier',
      workload: { peakRate: '1500/s' },
      tiers: [{ name: 'app', role: 'stateless', serviceTime: '5 ms', serviceTimeCv: 1, callsPerRequest: 1 }],
      architectures: [{ name: 'fleet', tiers: { app: { kind: 'horizontal', ...fleet } } }],
    });
    const [single] = await simulate({
      ...common,
      name: 'one tier',
      workload: { peakRate: '1500/s', serviceTime: '5 ms', serviceTimeCv: 1 },
      architectures: [{ name: 'fleet', kind: 'horizontal', ...fleet }],
    });
    const t = tiered?.simulated?.latency;
    const s = single?.simulated?.latency;
    if (!tiered || !single || !t || !s) throw new Error('expected simulated latency');
    expect(tiered.tiers?.[0]?.kind).toBe('horizontal');
    expectClose(tiered.latency.p99Ms as number, single.latency.p99Ms as number, { rel: 1e-6 }, 'analytic p99');
    expect(t.customers).toBe(s.customers);
    expect(t.p99Ms).toBe(s.p99Ms);
    expect(t.meanResponseMs).toBe(s.meanResponseMs);
    expect(t.ci95).toEqual(s.ci95);
    expect(t.byUserRegion).toEqual(s.byUserRegion);
    expect(t.analyticP99Inside, `${tiered.latency.p99Ms} in ${t.ci95.p99Ms}`).toBe(true);
    // the spares-down check too (its own streams, the same for both)
    expect(t.sparesDown?.p99Ms).toBe(s.sparesDown?.p99Ms);
    // the one tier's time is the request's time less the users' network
    const networkMs = tiered.latency.byUserRegion[0]?.networkMs as number;
    expectClose(t.byTier?.[0]?.meanMs as number, t.meanResponseMs - networkMs, { rel: 1e-9 }, 'tier mean');
  }, 300_000);
});

describe('the shop of the contract (app, cache, database)', () => {
  const shop = (): Json => ({ ...tieredScenario(), simulation: { requests: 20_000, years: 20, seed: 3 } });

  it('per-tier designs: walked through the tiers, each tier figured, availability skipped with the reason', async () => {
    const list = await simulate(shop());
    const perTier = list.find((a) => a.tiers?.[0]?.kind !== 'co-located');
    const sim = perTier?.simulated;
    if (!perTier || !sim?.latency) throw new Error('expected a simulated system of tiers');
    expect(sim.latency.byTier?.map((t) => t.name)).toEqual(['app', 'cache', 'db']);
    expect(sim.latency.method).toMatch(/a request walks through the 3 tiers in call order/);
    expect(sim.latency.method).toMatch(/measured for exponential tiers/);
    expect(sim.latency.byUserRegion.map((u) => u.region)).toEqual(['us-east-1']);
    expect(sim.availability).toBeNull();
    expect(sim.skipped.join(' ')).toMatch(
      /systems of tiers with per-tier designs are not simulated for availability yet/,
    );
    // the mean time in the tiers adds up to the mean end to end less the users' network
    const sumOfTiers = (sim.latency.byTier ?? []).reduce((a, t) => a + t.meanMs, 0);
    const networkMs = perTier.latency.byUserRegion[0]?.networkMs as number;
    expectClose(sumOfTiers, sim.latency.meanResponseMs - networkMs, { rel: 1e-9 }, 'tiers add up');
    // the analytic p99 is near the simulated one here (the app tier dominates; see tierSystems.ts MEASURED)
    expect(Math.abs(sim.latency.analyticP99RelativeError)).toBeLessThan(0.1);
  }, 300_000);

  it('co-located: one queue whose service is the random sum of the calls, and its availability simulated', async () => {
    const list = await simulate(shop());
    const box = list.find((a) => a.tiers?.[0]?.kind === 'co-located');
    const sim = box?.simulated;
    if (!box || !sim?.latency) throw new Error('expected a simulated co-located candidate');
    expect(sim.latency.method).toMatch(
      /co-located tiers: each request is one job whose service time is the random sum/,
    );
    expect(sim.latency.byTier).toBeUndefined();
    expect(sim.availability).not.toBeNull();
    expect(sim.skipped).toEqual([]);
  }, 300_000);

  it('the same seed gives the same figures on 1 or 2 threads', async () => {
    const one = await simulate(shop(), 1);
    const two = await simulate(shop(), 2);
    expect(two.map((a) => a.simulated)).toEqual(one.map((a) => a.simulated));
  }, 300_000);

  it('a tier that cannot carry its calls is skipped, never fatal', async () => {
    const s = shop();
    s.workload.peakRate = '3000/s';
    s.architectures = [
      {
        name: 'small db',
        tiers: {
          app: { kind: 'horizontal', family: 'm7i', size: '2xlarge', zones: 3, nodes: 6 },
          cache: { kind: 'horizontal', family: 'r7i', nodes: 3 },
          db: { kind: 'vertical', family: 'r7i', size: 'large' },
        },
      },
    ];
    const [a] = await simulate(s);
    expect(a?.simulated?.latency).toBeNull();
    expect(a?.simulated?.skipped.join(' ')).toMatch(/unstable/);
  }, 300_000);
});
