// The simulated horizontal candidates (fleet.ts, fleetRouting.ts, partitions.ts) against src/compare/availability.ts
// fleetAvailability: capacity per region, partitions with write quorums, zone and region outages moving users, the
// failover term and the global traffic switch.
import { describe, expect, it } from 'vitest';
import { fleetAvailability as compareFleet } from '../../../../src/compare/availability.js';
import { fleetSimConfig, simulateAvailability } from '../../../../src/core/sim/failures/index.js';
import { expectClose } from '../../../helpers/expectClose.js';
import { covers, expectCovers, mild, rel, sw } from './fixtures.js';

describe('the comparison engine candidates, horizontal (src/compare/availability.ts)', () => {
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
