// The simulated vertical candidates (series.ts, hotStandby.ts; cold-standby caps in plan.ts) against
// src/compare/availability.ts verticalAvailability: no standby, hot standby (with failover time, at high failure
// rates), cold standby (restore caps) and the global traffic switch.
import { describe, expect, it } from 'vitest';
import { verticalAvailability } from '../../../../src/compare/availability.js';
import { simulateAvailability, verticalSimConfig } from '../../../../src/core/sim/failures/index.js';
import { expectClose } from '../../../helpers/expectClose.js';
import { av, covers, expectCovers, H, mild, NODE, REGION, rel, sw, ZONE } from './fixtures.js';

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
});
