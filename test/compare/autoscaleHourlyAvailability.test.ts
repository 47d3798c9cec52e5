// Availability hour by hour of an autoscaled design (issue 15): each hour's fleet at that hour's load, weighted by
// the hour's requests (src/compare/autoscale.ts requestWeighted). Checked against a brute force that enumerates every
// up/down state of each hour's nodes, and by properties (more spares never lower the availability; a flat day is the
// peak's figure).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../helpers/expectClose.js';
import {
  catalog,
  dailyProfileArb,
  FLAT_DAY,
  FREQUENT_NODE_FAILURES,
  firstOf as fleetOf,
  HALF_DAY,
} from './autoscaleFixtures.js';

/**
 * 1500/s of 10 ms on m7i.xlarge (4 vCPUs) in one zone of us-east-1, one spare, `replication` copies of each partition
 * (default 3). At the peak 15 busy vCPUs: 6 nodes, 5 needed up at the 90% degraded cap (ceil(15 / 3.6)); at half
 * load 7.5 busy vCPUs: `minNodes` 4 + 1 spare = 5 nodes, 3 needed up (ceil(7.5 / 3.6)).
 */
function scenario(profile: readonly number[], spares = 1, minNodes = 4, zones = 1, replication = 3) {
  return {
    name: 'hourly availability',
    workload: { peakRate: '1500/s', serviceTime: '10 ms', dailyProfile: profile, workingSet: 0, replication },
    targets: { p99: '1 s', availability: '99%' },
    reliability: FREQUENT_NODE_FAILURES,
    users: [{ region: 'us-east-1', share: 1 }],
    architectures: [
      {
        name: 'fleet',
        kind: 'horizontal',
        family: 'm7i',
        size: 'xlarge',
        regions: ['us-east-1'],
        zones,
        spares,
        autoscaling: { minNodes, scaleOutTime: '0 s' },
      },
    ],
  };
}

/**
 * P(at least k of n independent nodes up and fewer than r down), each up with probability a: every one of the 2^n
 * states enumerated. Fewer than r down: the placement model spreads the partitions' r copies so that any r nodes down
 * together may hold every copy of one (README, data placement), so r down is a lost partition.
 */
function atLeastUp(n: number, k: number, a: number, r = 3): number {
  let p = 0;
  for (let state = 0; state < 2 ** n; state++) {
    let up = 0;
    let prob = 1;
    for (let i = 0; i < n; i++) {
      if ((state >> i) & 1) {
        up++;
        prob *= a;
      } else prob *= 1 - a;
    }
    if (up >= k && n - up < r) p += prob;
  }
  return p;
}

describe('an autoscaled fleet, hour by hour', () => {
  const r = fleetOf(scenario(HALF_DAY));
  const hourly = r.autoscaling?.availabilityByHour;
  if (hourly === undefined) throw new Error('no hourly availability');

  it('matches a brute force over every node state of each hour, weighted by requests', () => {
    expect(r.autoscaling?.nodesByHour).toEqual([...Array(12).fill(6), ...Array(12).fill(5)]);
    const node = 1000 / (1000 + 10);
    const zone = 8766 / (8766 + 4);
    const region = 26298 / (26298 + 8);
    const lb = catalog.reliability.loadBalancer.singleAz.availability;
    const up = (n: number, k: number) => region * zone * lb * atLeastUp(n, k, node);
    const peakU = 1 - up(6, 5);
    const nightU = 1 - up(5, 3);
    expectClose(hourly.unavailabilityByHour[0] as number, peakU, { rel: 1e-9 });
    expectClose(hourly.unavailabilityByHour[23] as number, nightU, { rel: 1e-9 });
    // weights: 12 hours of 1 and 12 of 0.5, so the peak hours carry 2/3 of the requests
    const weighted = (2 / 3) * peakU + (1 / 3) * nightU;
    expectClose(hourly.requestWeightedUnavailability, weighted, { rel: 1e-9 });
    expectClose(hourly.timeWeightedUnavailability, (peakU + nightU) / 2, { rel: 1e-9 });
    expectClose(r.availability.unavailability, weighted, { rel: 1e-9 });
    expect(hourly.weighting).toBe('requests');
    // the night's 5 nodes need only 3 up: more available than the peak's 6 needing 5 (the same one spare, but two
    // more nodes the load can spare at half load)
    expect(hourly.worstHour).toEqual({ hour: 0, unavailability: hourly.unavailabilityByHour[0] });
    expect(hourly.unavailabilityByHour[23] as number).toBeLessThan(hourly.unavailabilityByHour[0] as number);
  });

  it('a lean night (minNodes 1: 4 nodes, 3 needed up) is checked the same way', () => {
    // minNodes 1: base at half load ceil(7.5 / 3) = 3 at the 75% target, + 1 spare = 4 nodes, 3 needed up at 90%
    const lean = fleetOf(scenario(HALF_DAY, 1, 1));
    const h = lean.autoscaling?.availabilityByHour;
    expect(lean.autoscaling?.nodesByHour.slice(12)).toEqual(Array(12).fill(4));
    const node = 1000 / (1000 + 10);
    const rest = (26298 / (26298 + 8)) * (8766 / (8766 + 4)) * catalog.reliability.loadBalancer.singleAz.availability;
    expectClose(h?.unavailabilityByHour[12] ?? 0, 1 - rest * atLeastUp(4, 3, node), { rel: 1e-9 });
  });

  it('a flat day is the peak fleet all day: the figure of the same fleet without autoscaling, to the digit', () => {
    const flat = FLAT_DAY;
    const auto = fleetOf(scenario(flat));
    const { autoscaling: _, ...fixedRaw } = scenario(flat).architectures[0] as Record<string, unknown>;
    const fixed = fleetOf({ ...scenario(flat), architectures: [fixedRaw] });
    expect(auto.availability.unavailability).toBe(fixed.availability.unavailability);
  });

  it('more copies never lower the availability, hour by hour or over the day (fast-check)', () => {
    // no hour without load
    const profileArb = dailyProfileArb(1);
    fc.assert(
      fc.property(
        profileArb,
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 4, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 2 }),
        (profile, spares, minNodes, zones, copies) => {
          // minNodes above the copies: the same nodes every hour, one copy more of each partition
          const a = fleetOf(scenario(profile, spares, minNodes, zones, copies));
          const b = fleetOf(scenario(profile, spares, minNodes, zones, copies + 1));
          expect(b.autoscaling?.nodesByHour).toEqual(a.autoscaling?.nodesByHour);
          const ha = a.autoscaling?.availabilityByHour;
          const hb = b.autoscaling?.availabilityByHour;
          if (ha === undefined || hb === undefined) throw new Error('no hourly availability');
          ha.unavailabilityByHour.forEach((u, h) => {
            expect(hb.unavailabilityByHour[h] as number).toBeLessThanOrEqual(u * (1 + 1e-9) + 1e-15);
          });
          expect(b.availability.unavailability).toBeLessThanOrEqual(a.availability.unavailability * (1 + 1e-9) + 1e-15);
        },
      ),
      { seed: 15, numRuns: 25 },
    );
  });
});
