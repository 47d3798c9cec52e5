// The failure/repair Monte Carlo (src/core/sim/failures/) against the exact availability figures it checks:
// - src/core/reliability fleetAvailability (k-of-n over zones and regions) on a grid of cases;
// - src/compare/availability.ts verticalAvailability and fleetAvailability (the comparison engine's candidates);
// - the machine-repairman birth-death chain (one repair crew), solved here in closed form;
// plus the t quantile against scipy.stats.t.ppf, determinism, chunking and the too-rare rule.
// Failure rates are deliberately high (node MTBF 100 h, MTTR 10 h) so a few hundred simulated years see thousands of
// outages and the 95% intervals are narrow.
import { describe, expect, it } from 'vitest';
import { fleetAvailability as compareFleet, verticalAvailability } from '../../../src/compare/availability.js';
import { fleetAvailability, fromMtbfMttr } from '../../../src/core/reliability/index.js';
import {
  type AvailabilityChunk,
  type AvailabilitySimConfig,
  checkSimConfig,
  combineAvailability,
  type FleetSimConfig,
  fleetSimConfig,
  type KOfNSimConfig,
  type SimulatedAvailability,
  simulateAvailability,
  simulateAvailabilityChunk,
  verticalSimConfig,
} from '../../../src/core/sim/failures/index.js';
import type { Reliability } from '../../../src/scenario/types.js';
import { expectClose } from '../../helpers/expectClose.js';

const H = 3600;
const NODE = { mtbfS: 100 * H, mttrS: 10 * H };
const ZONE = { mtbfS: 500 * H, mttrS: 20 * H };
const REGION = { mtbfS: 1000 * H, mttrS: 30 * H };
const rel: Reliability = {
  node: NODE,
  zone: ZONE,
  region: REGION,
  failoverS: 0,
  coldRestoreS: 5 * H,
  restoreRateBytesPerS: 200 * 2 ** 20,
  replicationLagS: 1,
  backupIntervalS: 86400,
};
/** Rarer failures, for the failover tests: second-order effects stay well under the statistical error. */
const mild: Reliability = {
  ...rel,
  node: { mtbfS: 1000 * H, mttrS: 2 * H },
  zone: { mtbfS: 5000 * H, mttrS: 4 * H },
  region: { mtbfS: 10000 * H, mttrS: 8 * H },
};
const av = (r: { mtbfS: number; mttrS: number }) => fromMtbfMttr(r.mtbfS, r.mttrS);

/** The exact unavailability lies in the simulated 95% interval. */
function covers(sim: SimulatedAvailability, exactU: number): boolean {
  const [lo, hi] = sim.ci95Unavailability;
  return lo <= exactU && exactU <= hi;
}

function expectCovers(sim: SimulatedAvailability, exactU: number, label: string): void {
  const [lo, hi] = sim.ci95Unavailability;
  expect(sim.tooRare, label).toBe(false);
  expect(covers(sim, exactU), `${label}: exact U ${exactU} outside the simulated interval [${lo}, ${hi}]`).toBe(true);
  // and the interval is informative: its half-width is under 10% of the figure
  expect((hi - lo) / 2, `${label}: interval too wide`).toBeLessThan(0.1 * exactU);
}

function exactKOfN(c: KOfNSimConfig): number {
  return fleetAvailability({
    nodes: c.nodes,
    need: c.need,
    node: av(c.node),
    ...(c.zones ? { zones: { count: c.zones.count, each: av(c.zones.each) } } : {}),
    ...(c.regions ? { regions: { count: c.regions.count, each: av(c.regions.each) } } : {}),
  }).unavailability;
}

/** P(X < k) for X ~ Binomial(n, p), summed directly. */
function binomialBelow(n: number, p: number, k: number): number {
  let sum = 0;
  let term = (1 - p) ** n; // P(X = 0)
  for (let x = 0; x < k; x++) {
    sum += term;
    term *= ((n - x) / (x + 1)) * (p / (1 - p));
  }
  return sum;
}

describe('k-of-n fleets against the exact figure (src/core/reliability)', () => {
  // 20 cases of nodes, need, zones and regions.
  const grid: KOfNSimConfig[] = [];
  const shapes: [number, number, number, number][] = [
    [1, 1, 0, 0],
    [2, 1, 0, 0],
    [3, 2, 0, 0],
    [5, 3, 0, 0],
    [8, 6, 0, 0],
    [1, 1, 1, 1],
    [2, 1, 2, 0],
    [3, 2, 3, 0],
    [4, 3, 2, 0],
    [5, 3, 3, 0],
    [6, 4, 3, 0],
    [7, 5, 3, 0],
    [9, 6, 3, 0],
    [4, 2, 2, 2],
    [6, 3, 3, 2],
    [6, 4, 3, 3],
    [8, 4, 4, 2],
    [3, 1, 3, 3],
    [10, 7, 5, 0],
    [5, 2, 5, 2],
  ];
  for (const [nodes, need, zones, regions] of shapes) {
    grid.push({
      kind: 'k-of-n',
      nodes,
      need,
      node: NODE,
      ...(zones > 0 ? { zones: { count: zones, each: ZONE } } : {}),
      ...(regions > 0 ? { regions: { count: regions, each: REGION } } : {}),
    });
  }

  it('the exact figure lies in the simulated 95% interval in at least 80% of 20 cases', () => {
    // Each case has its own seed, so the 20 intervals are independent; if each covers the exact figure with
    // probability 0.95, the number covering is Binomial(20, 0.95). The floor is the largest k with
    // P(X < k) <= 0.005: P(X < 16) = 0.0026 and P(X < 17) = 0.0159, so k = 16 (80%). A count below it would mean a
    // bias in the simulation (or intervals far too narrow), not bad luck at the 0.5% level.
    const n = grid.length;
    let floor = 0;
    while (binomialBelow(n, 0.95, floor + 1) <= 0.005) floor++;
    expect(floor).toBeGreaterThanOrEqual(0.8 * n);
    let covered = 0;
    const misses: string[] = [];
    grid.forEach((c, i) => {
      const sim = simulateAvailability(c, 150, 1000 + i);
      const exact = exactKOfN(c);
      expect(sim.tooRare).toBe(false);
      expect(sim.downEventCount).toBeGreaterThan(500);
      // informative: half-width under 15% of the unavailability
      expect((sim.ci95Unavailability[1] - sim.ci95Unavailability[0]) / 2).toBeLessThan(0.15 * exact);
      if (covers(sim, exact)) covered++;
      else misses.push(`${JSON.stringify(c)}: exact ${exact}, interval ${sim.ci95Unavailability}`);
    });
    expect(covered, misses.join('\n')).toBeGreaterThanOrEqual(floor);
  });
});

describe('the comparison engine candidates (src/compare/availability.ts)', () => {
  it('vertical, no standby: series of node, zone and region', () => {
    const sim = simulateAvailability(verticalSimConfig(rel, 'none', false, null, 0, null), 200, 21);
    expectCovers(sim, verticalAvailability(rel, 'none', false, null, 0, null).availability.unavailability, 'none');
  });

  it('vertical, hot standby in another zone, behind a balancer (failover 0: exact)', () => {
    const lb = { availability: 0.99, unavailability: 0.01 };
    const sim = simulateAvailability(verticalSimConfig(rel, 'hot', false, lb, 0, null), 200, 22);
    expectCovers(sim, verticalAvailability(rel, 'hot', false, lb, 0, null).availability.unavailability, 'hot');
  });

  it('vertical, hot standby in another region (failover 0: exact)', () => {
    const sim = simulateAvailability(verticalSimConfig(rel, 'hot', true, null, 0, null), 400, 23);
    expectCovers(
      sim,
      verticalAvailability(rel, 'hot', true, null, 0, null).availability.unavailability,
      'hot, 2 regions',
    );
  });

  it('vertical, hot standby with failover time: the first-order failover term is within the interval', () => {
    const r = { ...mild, failoverS: 1800 };
    const withFailover = simulateAvailability(verticalSimConfig(r, 'hot', false, null, 0, null), 600, 24);
    const without = simulateAvailability(verticalSimConfig(mild, 'hot', false, null, 0, null), 600, 24);
    const exact = verticalAvailability(r, 'hot', false, null, 0, null);
    expectCovers(withFailover, exact.availability.unavailability, 'hot + failover');
    // Same seed, same failures: the difference is exactly the failover time charged, per takeover. The analytic
    // first-order term (failure rate of the active x failover time) also counts failures of the active while the
    // standby is down (no takeover): a second-order difference, 0.3% of it here. The count of takeovers is Poisson
    // (about 5,200 here, a 1.4% standard deviation), so 10% is about 5 standard deviations.
    const failoverTerm = exact.byCause.find((c) => c.cause === 'failover')?.unavailability as number;
    expect(failoverTerm).toBeGreaterThan(0.3 * exact.availability.unavailability);
    expectClose(withFailover.unavailability - without.unavailability, failoverTerm, { rel: 0.1 }, 'failover part');
  });

  it('hot standby at high failure rates: takeovers happen only while the standby is up, below first order', () => {
    const r = { ...rel, failoverS: 1800 };
    const withFailover = simulateAvailability(verticalSimConfig(r, 'hot', false, null, 0, null), 200, 28);
    const without = simulateAvailability(verticalSimConfig(rel, 'hot', false, null, 0, null), 200, 28);
    const exact = verticalAvailability(r, 'hot', false, null, 0, null);
    const failoverTerm = exact.byCause.find((c) => c.cause === 'failover')?.unavailability as number;
    // the standby side is up 87% of the time and the region 97%: about 85% of the first-order term
    const standbyUp = av(NODE).availability * av(ZONE).availability * av(REGION).availability;
    expectClose(withFailover.unavailability - without.unavailability, failoverTerm * standbyUp, { rel: 0.1 }, 'part');
  });

  it('vertical, cold standby: restore much shorter or much longer than the repair', () => {
    // The simulation lasts min(sampled repair, restore) per outage, whose mean is MTTR (1 - exp(-restore / MTTR)),
    // as the comparison engine's model says.
    for (const [restoreS, seed] of [
      [0.1 * H, 25],
      [500 * H, 26],
    ] as const) {
      const r = { ...rel, coldRestoreS: restoreS };
      const sim = simulateAvailability(verticalSimConfig(r, 'cold', false, null, 0, null), 300, seed);
      expectCovers(
        sim,
        verticalAvailability(r, 'cold', false, null, 0, null).availability.unavailability,
        `cold ${restoreS}`,
      );
    }
  });

  it('vertical, cold standby: the simulated restore also copies the working set back (5 h + 3.5 TiB at 200 MiB/s)', () => {
    const ws = 5 * H * rel.restoreRateBytesPerS; // 5 h of copying: a 10 h restore, the node's MTTR
    const sim = simulateAvailability(verticalSimConfig(rel, 'cold', false, null, ws, null), 300, 29);
    const exact = verticalAvailability(rel, 'cold', false, null, ws, null).availability.unavailability;
    expectCovers(sim, exact, 'cold with a working set');
    // and it is not the figure without the data (5 h restore): that one is outside the interval
    const dataless = verticalAvailability(rel, 'cold', false, null, 0, null).availability.unavailability;
    expect(covers(sim, dataless)).toBe(false);
  });

  it('vertical, cold standby with restore = MTTR: the simulation and the engine give MTTR (1 - 1/e) per outage', () => {
    const r = { ...rel, node: { mtbfS: 100 * H, mttrS: 5 * H }, zone: { mtbfS: 500 * H, mttrS: 5 * H } };
    const sim = simulateAvailability(verticalSimConfig(r, 'cold', true, null, 0, null), 300, 27);
    const mean = (m: number, c: number) => -m * Math.expm1(-c / m);
    const u = (f: { mtbfS: number; mttrS: number }) => mean(f.mttrS, 5 * H) / (f.mtbfS + mean(f.mttrS, 5 * H));
    const exactMinOfSample = 1 - (1 - u(r.node)) * (1 - u(r.zone)) * (1 - u(r.region));
    expectCovers(sim, exactMinOfSample, 'cold, E[min(repair, restore)]');
    const model = verticalAvailability(r, 'cold', true, null, 0, null).availability.unavailability;
    expectClose(model, exactMinOfSample, { rel: 1e-12 }, 'engine model');
  });

  const regions = [
    { id: 'a', nodes: 4, zones: 2 },
    { id: 'b', nodes: 3, zones: 3 },
  ];
  const users = [
    { share: 0.6, order: [0, 1] },
    { share: 0.4, order: [1, 0] },
  ];
  // region a needs 3 nodes for its own 60% and 5 (more than it has) for everyone; region b 2 for 40%, null for all
  const needed = (r: number, load: number): number | null =>
    r === 0 ? Math.ceil(load * 5 - 1e-9) : load > 0.5 ? null : Math.ceil(load * 5 - 1e-9);
  const lb = { availability: 0.995, unavailability: 0.005 };
  // two copies per region, strong writes: a write needs 3 of the 4 copies
  const quorum = { replication: 2, writeQuorum: 3 };

  it('horizontal, two regions, partitions with a strong write quorum, capacity-aware (failover 0: exact)', () => {
    const config = fleetSimConfig(rel, regions, users, needed, lb, quorum, null);
    const sim = simulateAvailability(config, 200, 31);
    expectCovers(sim, compareFleet(rel, regions, users, needed, lb, quorum).availability.unavailability, 'fleet');
  });

  it('horizontal, two regions, reads only with one copy per region (failover 0: exact)', () => {
    const oneCopy = { replication: 1, writeQuorum: 1 };
    const config = fleetSimConfig(rel, regions, users, needed, lb, oneCopy, null);
    const sim = simulateAvailability(config, 200, 34);
    const exact = compareFleet(rel, regions, users, needed, lb, oneCopy).availability.unavailability;
    expectCovers(sim, exact, 'fleet, one copy');
  });

  it('horizontal, one region of three zones, 3 copies, quorum 2 (failover 0: exact)', () => {
    const one = [{ id: 'a', nodes: 5, zones: 3 }];
    const everyone = [{ share: 1, order: [0] }];
    const three = { replication: 3, writeQuorum: 2 };
    const config = fleetSimConfig(rel, one, everyone, () => 3, lb, three, null);
    const sim = simulateAvailability(config, 200, 32);
    expectCovers(
      sim,
      compareFleet(rel, one, everyone, () => 3, lb, three).availability.unavailability,
      'fleet, 1 region',
    );
  });

  it('two one-zone regions: a zone outage sends its users to the other region (failover 0: exact)', () => {
    const oneZone = [
      { id: 'a', nodes: 3, zones: 1 },
      { id: 'b', nodes: 3, zones: 1 },
    ];
    const need = (_r: number, load: number) => Math.ceil(load * 3 - 1e-9);
    const two = { replication: 2, writeQuorum: 1 };
    const sim = simulateAvailability(fleetSimConfig(rel, oneZone, users, need, lb, two, null), 200, 38);
    expectCovers(sim, compareFleet(rel, oneZone, users, need, lb, two).availability.unavailability, 'one-zone regions');
  });

  it('a larger fleet: 24 nodes over 3 zones in each of 2 regions, 3 copies, strong quorum 4 of 6 (failover 0: exact)', () => {
    const big = [
      { id: 'a', nodes: 24, zones: 3 },
      { id: 'b', nodes: 24, zones: 3 },
    ];
    const both = [
      { share: 0.5, order: [0, 1] },
      { share: 0.5, order: [1, 0] },
    ];
    const need = (_r: number, load: number) => Math.ceil(load * 30 - 1e-9);
    const strong = { replication: 3, writeQuorum: 4 };
    const sim = simulateAvailability(fleetSimConfig(mild, big, both, need, lb, strong, null), 200, 35);
    const exact = compareFleet(mild, big, both, need, lb, strong).availability.unavailability;
    expectCovers(sim, exact, 'fleet, 48 nodes, quorum');
  });

  it('horizontal with failover time: the first-order failover term is within the interval', () => {
    const r = { ...mild, failoverS: 1800 };
    const withFailover = simulateAvailability(fleetSimConfig(r, regions, users, needed, lb, quorum, null), 200, 33);
    const without = simulateAvailability(fleetSimConfig(mild, regions, users, needed, lb, quorum, null), 200, 33);
    const exact = compareFleet(r, regions, users, needed, lb, quorum);
    expectCovers(withFailover, exact.availability.unavailability, 'fleet + failover');
    // Same seed: the difference is the failover time charged per node, zone and region failure for the share of
    // requests going there. The first-order term also counts failures while those requests were already down or
    // elsewhere (second order, under 1% here); the count of failures is Poisson (thousands: a few % deviation).
    const failoverTerm = exact.byCause.find((c) => c.cause === 'failover')?.unavailability as number;
    expect(failoverTerm).toBeGreaterThan(0.03 * exact.availability.unavailability);
    expectClose(withFailover.unavailability - without.unavailability, failoverTerm, { rel: 0.1 }, 'failover part');
  });

  // A switch that fails visibly (99%) so that its share stands out of the interval; failover 0: exact.
  const sw = { availability: { availability: 0.99, unavailability: 0.01 }, failoverS: 0 };

  it('vertical, hot standby in another region behind the global traffic switch (in series; exact)', () => {
    const sim = simulateAvailability(verticalSimConfig(rel, 'hot', true, null, 0, sw), 400, 34);
    const exact = verticalAvailability(rel, 'hot', true, null, 0, sw).availability.unavailability;
    expectCovers(sim, exact, 'hot, 2 regions, switch');
    expect(covers(sim, verticalAvailability(rel, 'hot', true, null, 0, null).availability.unavailability)).toBe(false);
  });

  it('vertical, cold standby in another region: restore + the switch failover (2 h), switch in series', () => {
    const slow = { ...sw, failoverS: 2 * H };
    const sim = simulateAvailability(verticalSimConfig(rel, 'cold', true, null, 0, slow), 300, 35);
    expectCovers(sim, verticalAvailability(rel, 'cold', true, null, 0, slow).availability.unavailability, 'cold');
  });

  it('horizontal, two regions behind the global traffic switch (in series; exact)', () => {
    const sim = simulateAvailability(fleetSimConfig(rel, regions, users, needed, lb, quorum, sw), 200, 36);
    const exact = compareFleet(rel, regions, users, needed, lb, quorum, sw).availability.unavailability;
    expectCovers(sim, exact, 'fleet + switch');
    expect(covers(sim, compareFleet(rel, regions, users, needed, lb, quorum).availability.unavailability)).toBe(false);
  });

  it('horizontal: a region failure moves its users through the switch, at its failover time (first order)', () => {
    const slow = { availability: { availability: 1, unavailability: 0 }, failoverS: 1800 };
    const withSwitch = simulateAvailability(fleetSimConfig(mild, regions, users, needed, lb, quorum, slow), 200, 37);
    const without = simulateAvailability(fleetSimConfig(mild, regions, users, needed, lb, quorum, null), 200, 37);
    const exact = compareFleet(mild, regions, users, needed, lb, quorum, slow);
    expectCovers(withSwitch, exact.availability.unavailability, 'fleet + switch failover');
    // only region failures are charged (node and zone failovers stay at mild.failoverS = 0): fewer events, so 20%
    const failoverTerm = exact.byCause.find((c) => c.cause === 'failover')?.unavailability as number;
    expectClose(withSwitch.unavailability - without.unavailability, failoverTerm, { rel: 0.2 }, 'failover part');
  });
});

describe('lifetimes and repair crews', () => {
  const base: KOfNSimConfig = {
    kind: 'k-of-n',
    nodes: 5,
    need: 3,
    node: NODE,
    zones: { count: 3, each: ZONE },
  };

  it('Weibull up times with shape 1 are exponential: same availability within the intervals', () => {
    const exp = simulateAvailability(base, 200, 41);
    const weibull = simulateAvailability({ ...base, lifetime: { kind: 'weibull', shape: 1 } }, 200, 42);
    const exact = exactKOfN(base);
    expectCovers(weibull, exact, 'Weibull shape 1');
    const half = (s: SimulatedAvailability) => (s.ci95[1] - s.ci95[0]) / 2;
    expect(Math.abs(weibull.availability - exp.availability)).toBeLessThan(Math.hypot(half(weibull), half(exp)));
    expect(weibull.method).toMatch(/Weibull up times \(shape 1, mean = MTBF\).*warm-up/);
  });

  it('Weibull up times with shape 2 keep the steady-state availability (it depends only on the means)', () => {
    const sim = simulateAvailability({ ...base, lifetime: { kind: 'weibull', shape: 2 } }, 200, 43);
    expectCovers(sim, exactKOfN(base), 'Weibull shape 2');
  });

  it('one repair crew: lower availability than unlimited crews, and the machine-repairman chain exactly', () => {
    const config: KOfNSimConfig = { kind: 'k-of-n', nodes: 6, need: 4, node: NODE };
    const unlimited = simulateAvailability(config, 200, 44);
    const oneCrew = simulateAvailability({ ...config, crews: 1 }, 200, 45);
    expect(oneCrew.ci95[1]).toBeLessThan(unlimited.ci95[0]);
    // Birth-death chain on k nodes down: failure rate (6 - k) / MTBF, repair rate 1 / MTTR (one crew), so
    // pi_k is proportional to 6! / (6 - k)! (MTTR / MTBF)^k; down while k > 2.
    const rho = NODE.mttrS / NODE.mtbfS;
    const pi: number[] = [1];
    for (let k = 1; k <= 6; k++) pi.push((pi[k - 1] as number) * (6 - k + 1) * rho);
    const total = pi.reduce((s, x) => s + x, 0);
    const exactU = pi.slice(3).reduce((s, x) => s + x, 0) / total;
    expectCovers(oneCrew, exactU, 'one crew');
    expect(oneCrew.method).toMatch(/at most 1 node repair at once/);
  });

  it('as many crews as nodes is the same as unlimited crews', () => {
    const sim = simulateAvailability({ ...base, crews: 5 }, 200, 46);
    expectCovers(sim, exactKOfN(base), 'crews = nodes');
  });
});

describe('determinism, chunks and the too-rare rule', () => {
  const config: KOfNSimConfig = {
    kind: 'k-of-n',
    nodes: 4,
    need: 2,
    node: NODE,
    zones: { count: 2, each: ZONE },
    regions: { count: 2, each: REGION },
  };

  it('same seed: identical output; another seed: different', () => {
    const a = simulateAvailability(config, 20, 7, 8);
    expect(simulateAvailability(config, 20, 7, 8)).toEqual(a);
    expect(simulateAvailability(config, 20, 8, 8).unavailability).not.toBe(a.unavailability);
  });

  it('chunks computed in any order and combined give the same result as simulateAvailability', () => {
    const whole = simulateAvailability(config, 20, 9, 8);
    const order = [5, 2, 7, 0, 3, 6, 1, 4];
    const chunks: AvailabilityChunk[] = order.map((i) => simulateAvailabilityChunk(config, 20 / 8, 9, i));
    expect(combineAvailability(config, chunks)).toEqual(whole);
    expect(combineAvailability(config, [...chunks].reverse())).toEqual(whole);
    expect(() => combineAvailability(config, [chunks[0] as AvailabilityChunk, chunks[0] as AvailabilityChunk])).toThrow(
      /given twice/,
    );
  });

  it('configs are plain JSON: a config posted through JSON gives the same chunk', () => {
    const fleet: FleetSimConfig = fleetSimConfig(
      { ...rel, failoverS: 60 },
      [
        { id: 'a', nodes: 3, zones: 3 },
        { id: 'b', nodes: 2, zones: 2 },
      ],
      [
        { share: 0.7, order: [0, 1] },
        { share: 0.3, order: [1, 0] },
      ],
      (_r, load) => (load > 0.9 ? null : Math.ceil(load * 3)),
      { availability: 0.999, unavailability: 0.001 },
      { replication: 2, writeQuorum: 3 },
      { availability: { availability: 0.9999, unavailability: 1e-4 }, failoverS: 150 },
    );
    const configs: AvailabilitySimConfig[] = [
      config,
      fleet,
      verticalSimConfig(
        { ...rel, failoverS: 60 },
        'hot',
        true,
        { availability: 0.999, unavailability: 0.001 },
        0,
        null,
      ),
    ];
    for (const c of configs) {
      const copy = JSON.parse(JSON.stringify(c)) as AvailabilitySimConfig;
      expect(simulateAvailabilityChunk(copy, 2, 3, 4)).toEqual(simulateAvailabilityChunk(c, 2, 3, 4));
    }
    expect(fleet.needed).toHaveLength(4);
    expect(fleet.needed[3]).toEqual([3, 1]); // both up: a carries 0.7 -> 3 nodes, b 0.3 -> 1
    expect(fleet.needed[1]).toEqual([null, 0]); // only a up: it carries everyone
  });

  it('a highly available system is too rare to estimate: tooRare, and the method says to report the exact figure', () => {
    const rare: KOfNSimConfig = { kind: 'k-of-n', nodes: 1, need: 1, node: { mtbfS: 1e6 * H, mttrS: 1 * H } };
    const sim = simulateAvailability(rare, 1, 1);
    expect(sim.tooRare).toBe(true);
    expect(sim.downEventCount).toBeLessThan(10);
    expect(sim.method).toMatch(/too rare to estimate, report the exact figure instead/);
  });

  it('refuses malformed configs with a RangeError naming the field', () => {
    const bad: [unknown, RegExp][] = [
      [{ ...config, need: 5 }, /need/],
      [{ ...config, node: { mtbfS: 0, mttrS: 1 } }, /node\.mtbfS/],
      [{ ...config, regions: { count: 3, each: REGION } }, /regions\.count/],
      [{ ...config, lifetime: { kind: 'weibull', shape: 0 } }, /shape/],
      [{ ...config, crews: 0 }, /crews/],
      [{ kind: 'fleet', reliability: rel, regions: [], users: [], needed: [], balancer: null }, /regions/],
    ];
    for (const [c, message] of bad) expect(() => checkSimConfig(c as AvailabilitySimConfig)).toThrow(message);
    expect(() => simulateAvailability(config, 0, 1)).toThrow(RangeError);
  });
});
