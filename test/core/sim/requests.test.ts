// The request-level simulator (src/core/sim/requests.ts) against exact results:
// - M/M/c mean response and p99 (src/core/queueing, itself checked against mpmath to 1e-12);
// - M/G/1 mean wait by Pollaczek-Khinchine (Kleinrock 1975, eq. 5.76), exact for any service distribution;
// - an M/M/v queue per node under random balancing (random splitting of a Poisson stream is Poisson).
import { describe, expect, it } from 'vitest';
import { analyzeQueue } from '../../../src/core/queueing/index.js';
import { LogHistogram } from '../../../src/core/sim/histogram.js';
import {
  combineP99,
  combineRequests,
  planChunks,
  type RequestSimConfig,
  simulateRequests,
  simulateRequestsChunk,
} from '../../../src/core/sim/requests.js';
import { runChunks, SimulationAborted } from '../../../src/simWorkers/pool.js';

const mmc = (c: number, lambda: number, meanS: number): RequestSimConfig => ({
  nodes: 1,
  serversPerNode: c,
  service: { distribution: 'exponential', meanS, cv: 1 },
  arrivals: { kind: 'poisson', ratePerS: lambda },
  balancer: 'random',
  fanout: 1,
  groups: [],
});

/** P(X <= k) for X ~ Binomial(n, p). */
function binomialCdf(k: number, n: number, p: number): number {
  let term = (1 - p) ** n;
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term *= ((n - i + 1) / i) * (p / (1 - p));
    sum += term;
  }
  return sum;
}

/** The smallest count of hits that a 95%-coverage interval reaches with probability >= 0.999 over n cases. */
function coverageFloor(n: number): number {
  let k = 0;
  while (binomialCdf(k, n, 0.95) < 0.001) k++;
  return k;
}

describe('M/M/c: exact figures inside the simulated 95% intervals', () => {
  const servers = [1, 2, 4, 8, 16, 32, 64];
  const loads = [0.3, 0.5, 0.7, 0.8, 0.9, 0.95];
  const cases = servers.flatMap((c) => loads.map((rho) => ({ c, rho })));
  const results = cases.map(({ c, rho }, i) => {
    const meanS = 0.005;
    const lambda = (rho * c) / meanS;
    const exact = analyzeQueue({ servers: c, arrivalRatePerS: lambda, serviceTimeS: meanS });
    const sim = simulateRequests(mmc(c, lambda, meanS), 100_000, 1000 + i, rho);
    return { c, rho, exact, sim };
  });
  // With true 95% coverage, fewer hits than this floor happen with probability < 0.001 (binomial bound, not tuned).
  const floor = coverageFloor(cases.length);

  it(`the mean lies inside its interval in at least ${floor} of ${cases.length} cases`, () => {
    const hits = results.filter(
      (r) =>
        (r.exact.meanResponseS as number) >= r.sim.ci95.meanResponseS[0] &&
        (r.exact.meanResponseS as number) <= r.sim.ci95.meanResponseS[1],
    ).length;
    expect(hits).toBeGreaterThanOrEqual(floor);
  });

  it(`p99 lies inside its interval in at least ${floor} of ${cases.length} cases`, () => {
    const misses = results.filter(
      (r) =>
        !(
          (r.exact.percentiles?.p99S as number) >= r.sim.ci95.p99S[0] &&
          (r.exact.percentiles?.p99S as number) <= r.sim.ci95.p99S[1]
        ),
    );
    expect(
      cases.length - misses.length,
      JSON.stringify(misses.map((m) => [m.c, m.rho, m.exact.percentiles?.p99S, m.sim.ci95.p99S])),
    ).toBeGreaterThanOrEqual(floor);
  });

  it('the intervals shrink like 1/sqrt(customers): 16 times the customers, about a quarter of the width', () => {
    const c = mmc(8, 1280, 0.005);
    const width = (n: number) => {
      const [lo, hi] = simulateRequests(c, n, 3, 0.8).ci95.meanResponseS;
      return hi - lo;
    };
    const ratio = width(640_000) / width(40_000);
    expect(ratio).toBeGreaterThan(0.25 / 2);
    expect(ratio).toBeLessThan(0.25 * 2);
  });
});

describe('M/G/1: Pollaczek-Khinchine mean wait inside the simulated interval', () => {
  for (const [distribution, cv] of [
    ['deterministic', 0],
    ['exponential', 1],
    ['lognormal', 1.5],
    ['gamma', 0.5],
  ] as const) {
    it(`${distribution} service (cv ${cv})`, () => {
      const meanS = 0.01;
      const rho = 0.7;
      const lambda = rho / meanS;
      const pk = ((rho * (1 + cv * cv)) / 2) * (meanS / (1 - rho));
      const sim = simulateRequests({ ...mmc(1, lambda, meanS), service: { distribution, meanS, cv } }, 200_000, 77);
      const [lo, hi] = sim.ci95.meanResponseS;
      expect(pk + meanS).toBeGreaterThanOrEqual(lo);
      expect(pk + meanS).toBeLessThanOrEqual(hi);
    });
  }
});

describe('balancers over 10 nodes of 2 servers at 80% load', () => {
  const base = { ...mmc(2, 3200, 0.005), nodes: 10 };
  const run = (balancer: RequestSimConfig['balancer']) => simulateRequests({ ...base, balancer }, 200_000, 5);

  it('random balancing is 10 independent M/M/2 queues (exact mean inside the interval)', () => {
    const exact = analyzeQueue({ servers: 2, arrivalRatePerS: 320, serviceTimeS: 0.005 }).meanResponseS as number;
    const [lo, hi] = run('random').ci95.meanResponseS;
    expect(exact).toBeGreaterThanOrEqual(lo);
    expect(exact).toBeLessThanOrEqual(hi);
  });

  it('least-loaded < power-of-two < round-robin < random in mean response; the pooled M/M/20 is a lower bound', () => {
    const means = (['least-loaded', 'power-of-two', 'round-robin', 'random'] as const).map((b) => run(b).meanResponseS);
    for (let i = 1; i < means.length; i++) expect(means[i] as number).toBeGreaterThan(means[i - 1] as number);
    const pooled = analyzeQueue({ servers: 20, arrivalRatePerS: 3200, serviceTimeS: 0.005 }).meanResponseS as number;
    expect(means[0] as number).toBeGreaterThan(pooled * 0.99);
  });
});

describe('arrivals, fan-out and network paths', () => {
  it('a Markov-modulated process with equal rates is Poisson: same mean within the interval', () => {
    const c = mmc(4, 640, 0.005);
    const exact = analyzeQueue({ servers: 4, arrivalRatePerS: 640, serviceTimeS: 0.005 }).meanResponseS as number;
    const sim = simulateRequests(
      { ...c, arrivals: { kind: 'mmpp', ratesPerS: [640, 640], meanDwellS: [1, 3] } },
      200_000,
      9,
    );
    expect(exact).toBeGreaterThanOrEqual(sim.ci95.meanResponseS[0]);
    expect(exact).toBeLessThanOrEqual(sim.ci95.meanResponseS[1]);
  });

  it('bursty arrivals (same mean rate) wait longer than Poisson', () => {
    const c = mmc(4, 640, 0.005);
    const poisson = simulateRequests(c, 100_000, 9).meanResponseS;
    const bursty = simulateRequests(
      { ...c, arrivals: { kind: 'mmpp', ratesPerS: [1040, 240], meanDwellS: [1, 1] } },
      100_000,
      9,
    );
    expect(bursty.meanResponseS).toBeGreaterThan(poisson * 1.2);
  });

  it('a diurnal rate with amplitude 0 is Poisson', () => {
    const c = mmc(2, 200, 0.005);
    const exact = analyzeQueue({ servers: 2, arrivalRatePerS: 200, serviceTimeS: 0.005 }).meanResponseS as number;
    const sim = simulateRequests(
      { ...c, arrivals: { kind: 'diurnal', meanRatePerS: 200, amplitude: 0, periodS: 60 } },
      100_000,
      4,
    );
    expect(exact).toBeGreaterThanOrEqual(sim.ci95.meanResponseS[0]);
    expect(exact).toBeLessThanOrEqual(sim.ci95.meanResponseS[1]);
  });

  it('with light load, fan-out K of deterministic service is the service time, and network paths add their RTT', () => {
    const c: RequestSimConfig = {
      ...mmc(64, 1, 0.01),
      service: { distribution: 'deterministic', meanS: 0.01, cv: 0 },
      fanout: 4,
      groups: [
        { share: 0.5, networkS: 0.1, writeExtraS: 0, writeFraction: 0 },
        { share: 0.5, networkS: 0.2, writeExtraS: 0, writeFraction: 0 },
      ],
    };
    const sim = simulateRequests(c, 10_000, 1);
    expect(sim.p50S).toBeGreaterThan(0.11 * 0.999);
    expect(sim.p99S).toBeCloseTo(0.21, 3);
    expect(sim.meanResponseS).toBeCloseTo(0.16, 2);
  });
});

describe('reproducibility', () => {
  const c = mmc(8, 1280, 0.005);
  it('same seed, same result; another seed, other samples', () => {
    expect(simulateRequests(c, 20_000, 3)).toEqual(simulateRequests(c, 20_000, 3));
    expect(simulateRequests(c, 20_000, 4).meanResponseS).not.toBe(simulateRequests(c, 20_000, 3).meanResponseS);
  });

  it("the M/M/c loop (mmc.ts) gives the general loop's chunk, count for count: one network path of 0 s takes the general one", () => {
    const c = mmc(8, 1280, 0.005);
    const general: RequestSimConfig = {
      ...c,
      groups: [{ share: 1, networkS: 0, writeExtraS: 0, writeFraction: 0 }],
    };
    for (const index of [0, 7]) {
      const a = simulateRequestsChunk(c, 30_000, 1000, 3, index);
      const b = simulateRequestsChunk(general, 30_000, 1000, 3, index);
      expect(a.sum).toBe(b.sum);
      expect(a.counts).toEqual(b.counts);
      expect(a.p99).toBe(b.p99);
    }
  });

  it('chunks run in any order and combined give the same result', () => {
    const plan = planChunks(20_000);
    const chunks = Array.from({ length: plan.chunks }, (_, i) => i)
      .reverse()
      .map((i) => simulateRequestsChunk(c, plan.perChunk, plan.warmup, 3, i));
    expect(combineRequests(chunks, plan)).toEqual(simulateRequests(c, 20_000, 3));
  });

  it('the pool in this thread gives the same chunks, reports progress and stops on abort', async () => {
    const plan = planChunks(20_000);
    const task = { kind: 'requests' as const, config: c, perChunk: plan.perChunk, warmup: plan.warmup, seed: 3 };
    const seen: number[] = [];
    const chunks = await runChunks(task, plan.chunks, { threads: 1, onProgress: (d) => seen.push(d) });
    expect(combineRequests(chunks, plan)).toEqual(simulateRequests(c, 20_000, 3));
    expect(seen).toEqual(Array.from({ length: plan.chunks }, (_, i) => i + 1));
    const controller = new AbortController();
    const aborted = runChunks(task, plan.chunks, {
      threads: 1,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(aborted).rejects.toBeInstanceOf(SimulationAborted);
  });
});

describe('combineP99 (one population over the chunks)', () => {
  it('the point estimate is the p99 of all chunks together; empty chunks are left out of the interval', () => {
    const chunk = (values: number[]) => {
      const h = new LogHistogram();
      for (const v of values) h.add(v);
      return h.counts;
    };
    // chunk k holds 1..100 ms shifted by k ms: all together, 1000 values with rank ceil(0.99 * 1000) = 990
    const parts = Array.from({ length: 10 }, (_, k) =>
      chunk(Array.from({ length: 100 }, (_, i) => (i + 1 + k) / 1000)),
    );
    const all = new LogHistogram();
    for (let k = 0; k < 10; k++) for (let i = 1; i <= 100; i++) all.add((i + k) / 1000);
    const c = combineP99([...parts, chunk([])]);
    expect(c.customers).toBe(1000);
    expect(c.chunks).toBe(10);
    expect(c.p99S).toBe(all.quantile(0.99));
    expect(c.ci95[0]).toBeLessThan(c.p99S);
    expect(c.ci95[1]).toBeGreaterThan(c.p99S);
  });
});

describe("a 'sum' service (co-located tiers: a request's calls on the same CPUs)", () => {
  // Pollaczek-Khinchine holds for any service distribution, so the M/G/1 mean wait checks the sum's first two
  // moments: E[D] = sum c p s, Var[D] = sum c p (v s)^2 + c p (1 - p) s^2 (a random sum, tierDemand.ts).
  it('M/G/1 mean response by Pollaczek-Khinchine with the moments of the random sum', () => {
    const parts = [
      { meanS: 0.002, cv: 1, calls: 1, reachProbability: 1 },
      { meanS: 0.0003, cv: 0.5, calls: 4, reachProbability: 1 },
      { meanS: 0.001, cv: 2, calls: 4, reachProbability: 0.1 },
    ];
    let mean = 0;
    let variance = 0;
    for (const p of parts) {
      mean += p.calls * p.reachProbability * p.meanS;
      variance +=
        p.calls * p.reachProbability * (p.cv * p.meanS) ** 2 +
        p.calls * p.reachProbability * (1 - p.reachProbability) * p.meanS ** 2;
    }
    const cv2 = variance / (mean * mean);
    const rho = 0.6;
    const lambda = rho / mean;
    const exact = mean + ((rho * (1 + cv2)) / 2) * (mean / (1 - rho));
    const sim = simulateRequests(
      { ...mmc(1, lambda, mean), service: { distribution: 'sum', meanS: mean, cv: Math.sqrt(cv2), parts } },
      200_000,
      31,
      rho,
    );
    const [lo, hi] = sim.ci95.meanResponseS;
    expect(exact).toBeGreaterThanOrEqual(lo);
    expect(exact).toBeLessThanOrEqual(hi);
  });
});
