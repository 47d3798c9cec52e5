// Availability of candidates (src/compare/availability.ts) against independent references:
// - closed forms computed here by hand from MTBF/MTTR (A = MTBF / (MTBF + MTTR); series = product; parallel: U = U1 U2);
// - a brute-force enumeration of every node, zone, region and balancer state of a small two-region fleet, applying the
//   routing rule (nearest up region; up while it has enough nodes for the load routed to it) state by state.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fleetAvailability, verticalAvailability } from '../../src/compare/availability.js';
import type { Reliability } from '../../src/scenario/types.js';
import { expectClose } from '../helpers/expectClose.js';
import { exampleReliability } from './scenario.js';

const H = 3600;
const rel: Reliability = exampleReliability();
const a = (mtbf: number, mttr: number) => mtbf / (mtbf + mttr);
const u = (mtbf: number, mttr: number) => mttr / (mtbf + mttr);

describe('vertical availability', () => {
  it('a single box is up while its node, zone and region are: A = A_node A_zone A_region', () => {
    const f = verticalAvailability(rel, 'none', false, null, 0, null);
    const expected = a(4380, 2) * a(8766, 4) * a(26298, 8);
    expectClose(f.availability.availability, expected, { rel: 1e-12 }, 'A');
    expectClose(f.availability.unavailability, 1 - expected, { rel: 1e-9 }, 'U');
    expect(f.singlePointsOfFailure).toContain('the box');
  });

  it('hot standby in another zone: parallel pair of (node, zone), in series with region and balancer, plus failover', () => {
    const lb = { availability: 0.9999, unavailability: 1e-4 };
    const f = verticalAvailability(rel, 'hot', false, lb, 0, null);
    const side = a(4380, 2) * a(8766, 4);
    const exact = (1 - (1 - side) ** 2) * a(26298, 8) * 0.9999;
    const failoverU = 60 * (1 / ((4380 + 2) * H) + 1 / ((8766 + 4) * H));
    expectClose(f.availability.availability, exact * (1 - failoverU), { rel: 1e-12 }, 'A');
    expect(f.availability.unavailability).toBeGreaterThan(1 - exact);
  });

  it('hot standby in another region: no region in series', () => {
    const f = verticalAvailability({ ...rel, failoverS: 0 }, 'hot', true, null, 0, null);
    const side = a(4380, 2) * a(8766, 4) * a(26298, 8);
    expectClose(f.availability.unavailability, (1 - side) ** 2, { rel: 1e-9 }, 'U = U_side^2');
  });

  it('cold standby: each node and zone outage lasts E[min(repair, restore)] = MTTR (1 - e^(-0.5 h/MTTR))', () => {
    const f = verticalAvailability(rel, 'cold', false, null, 0, null);
    const d = (mttr: number) => mttr * (1 - Math.exp(-0.5 / mttr));
    const expected = a(4380, d(2)) * a(8766, d(4)) * a(26298, 8);
    expectClose(f.availability.availability, expected, { rel: 1e-12 }, 'A');
  });

  it('cold standby: the restore grows with the working set (30 min + size / 200 MiB/s): 20 TiB much slower than 20 GiB', () => {
    const GiB = 2 ** 30;
    const small = verticalAvailability(rel, 'cold', false, null, 20 * GiB, null);
    const big = verticalAvailability(rel, 'cold', false, null, 20 * 1024 * GiB, null);
    // restore = 1800 s + bytes / (200 x 2^20 B/s): 20 GiB -> 1902.4 s (31.7 min); 20 TiB -> 106,657.6 s (29.6 h)
    const expected = (restoreS: number) => {
      const d = (mttr: number) => mttr * (1 - Math.exp(-restoreS / H / mttr));
      return a(4380, d(2)) * a(8766, d(4)) * a(26298, 8);
    };
    expectClose(small.availability.availability, expected(1902.4), { rel: 1e-12 }, 'A, 20 GiB');
    expectClose(big.availability.availability, expected(106_657.6), { rel: 1e-12 }, 'A, 20 TiB');
    // the big box's restore outlasts every repair, so the standby barely shortens an outage: it is down 2.6 times
    // as long a year as the small one (10.7 h instead of 4.1 h; Python, by hand)
    expect(big.availability.unavailability / small.availability.unavailability).toBeGreaterThan(2.5);
    const none = verticalAvailability(rel, 'none', false, null, 0, null).availability.unavailability;
    expectClose(big.availability.unavailability, none, { rel: 1e-3 }, 'a 29.6 h restore: as if no standby');
  });

  // the catalog's default switch, Route 53 DNS failover: 99.999% (an ESTIMATE), detection 90 s + TTL 60 s
  const sw = { availability: { availability: 0.99999, unavailability: 1e-5 }, failoverS: 150 };

  it('hot standby in another region behind the switch: series(parallel(side, side), switch), failovers of 150 s', () => {
    const f = verticalAvailability(rel, 'hot', true, null, 0, sw);
    const side = a(4380, 2) * a(8766, 4) * a(26298, 8);
    const exact = (1 - (1 - side) ** 2) * 0.99999;
    // every failure of the active moves the users through the switch: max(60 s failover, 150 s detection + TTL)
    const failoverU = 150 * (1 / ((4380 + 2) * H) + 1 / ((8766 + 4) * H) + 1 / ((26298 + 8) * H));
    expectClose(f.availability.availability, exact * (1 - failoverU), { rel: 1e-12 }, 'A');
    expect(f.byCause).toContainEqual({ cause: 'global traffic switch', unavailability: 1e-5 });
    expectClose(f.byCause.find((c) => c.cause === 'failover')?.unavailability as number, failoverU, { rel: 1e-12 });
    expect(f.singlePointsOfFailure).toEqual(['the global traffic switch']);
    expect(f.method).toMatch(/global traffic switch.*\(150 s\)/);
    // the same design without a switch, as before: more available than it can be
    const bare = verticalAvailability(rel, 'hot', true, null, 0, null);
    expect(bare.availability.unavailability).toBeLessThan(f.availability.unavailability);
  });

  it('cold standby in another region: the restore ends once the switch has moved the users; switch in series', () => {
    const GiB = 2 ** 30;
    const f = verticalAvailability(rel, 'cold', true, null, 20 * GiB, sw);
    const restoreH = (1800 + 102.4 + 150) / H;
    const d = (mttr: number) => mttr * (1 - Math.exp(-restoreH / mttr));
    const expected = a(4380, d(2)) * a(8766, d(4)) * a(26298, d(8)) * 0.99999;
    expectClose(f.availability.availability, expected, { rel: 1e-12 }, 'A');
    expect(f.singlePointsOfFailure).toContain('the global traffic switch');
  });

  it('a standby in the same region ignores a switch: none is in front of it', () => {
    for (const standby of ['hot', 'cold'] as const) {
      const lb = standby === 'hot' ? { availability: 0.9999, unavailability: 1e-4 } : null;
      expect(verticalAvailability(rel, standby, false, lb, 0, sw)).toEqual(
        verticalAvailability(rel, standby, false, lb, 0, null),
      );
    }
  });

  it('standby never lowers availability (failover time under the repair times)', () => {
    const none = verticalAvailability(rel, 'none', false, null, 0, null).availability.unavailability;
    expect(verticalAvailability(rel, 'cold', false, null, 0, null).availability.unavailability).toBeLessThan(none);
    expect(verticalAvailability(rel, 'hot', false, null, 0, null).availability.unavailability).toBeLessThan(none);
  });
});

/** Brute force over all 2^(nodes + zones + regions + balancers) states. */
function bruteForce(
  r: Reliability,
  lbU: number,
  regions: { nodes: number; zones: number }[],
  users: { share: number; order: number[] }[],
  needed: (r: number, share: number) => number,
): number {
  type Part = { u: number; kind: 'node' | 'zone' | 'region' | 'lb'; region: number; zone: number };
  const parts: Part[] = [];
  regions.forEach((reg, ri) => {
    parts.push({ u: u(r.region.mtbfS, r.region.mttrS), kind: 'region', region: ri, zone: -1 });
    parts.push({ u: lbU, kind: 'lb', region: ri, zone: -1 });
    for (let z = 0; z < reg.zones; z++)
      parts.push({ u: u(r.zone.mtbfS, r.zone.mttrS), kind: 'zone', region: ri, zone: z });
    for (let n = 0; n < reg.nodes; n++) {
      parts.push({ u: u(r.node.mtbfS, r.node.mttrS), kind: 'node', region: ri, zone: n % reg.zones });
    }
  });
  let down = 0;
  for (let mask = 0; mask < 2 ** parts.length; mask++) {
    let p = 1;
    const up = parts.map((part, i) => {
      const isUp = (mask & (1 << i)) === 0;
      p *= isUp ? 1 - part.u : part.u;
      return isUp;
    });
    // users reach a region while it, its balancer and one of its zones are up
    const regionUp = regions.map(
      (_, ri) =>
        parts.every((part, i) => part.region !== ri || (part.kind !== 'region' && part.kind !== 'lb') || up[i]) &&
        parts.some((part, i) => part.region === ri && part.kind === 'zone' && up[i]),
    );
    const nodesUp = regions.map(
      (_, ri) =>
        parts.filter(
          (part, i) =>
            part.kind === 'node' &&
            part.region === ri &&
            up[i] &&
            parts.some((z, j) => z.kind === 'zone' && z.region === ri && z.zone === part.zone && up[j]),
        ).length,
    );
    const load = regions.map(() => 0);
    const serving = users.map((usr) => usr.order.find((x) => regionUp[x]));
    users.forEach((usr, i) => {
      const s = serving[i];
      if (s !== undefined) load[s] = (load[s] as number) + usr.share;
    });
    // one copy of each partition per region (replication 1), reads only: a partition is lost when, in every region,
    // some node is not serving (partitions are spread over every node)
    const regionData = regions.map((reg, ri) => {
      const inRegion = parts.some((part, i) => part.region === ri && part.kind === 'region' && up[i]);
      return inRegion && (nodesUp[ri] as number) === reg.nodes;
    });
    const served = users.every((_, i) => {
      const s = serving[i];
      return s !== undefined && (nodesUp[s] as number) >= needed(s, load[s] as number);
    });
    if (!served || !regionData.some((x) => x)) down += p;
  }
  return down;
}

/** One copy of each partition in every region, no writes: the brute force below models exactly this placement. */
const ONE_COPY = { replication: 1, writeQuorum: 1 };

describe('horizontal availability: every user region served, data placed, capacity at the degraded cap', () => {
  // Pessimistic figures so every term matters at double precision.
  const harsh: Reliability = exampleReliability({
    node: { mtbfS: 100 * H, mttrS: 10 * H },
    zone: { mtbfS: 200 * H, mttrS: 10 * H },
    region: { mtbfS: 400 * H, mttrS: 20 * H },
    failoverS: 0,
  });
  const lbU = 0.01;
  const lb = { availability: 1 - lbU, unavailability: lbU };
  /** Two regions of two zones, 3 nodes each; users 60/40, each nearest its own region; 4 nodes carry everyone. */
  const twoRegions = {
    regions: [
      { id: 'a', nodes: 3, zones: 2 },
      { id: 'b', nodes: 3, zones: 2 },
    ],
    users: [
      { share: 0.6, order: [0, 1] },
      { share: 0.4, order: [1, 0] },
    ],
    needed: (_r: number, share: number) => Math.ceil(share * 4 - 1e-9),
  };

  it('two regions, two zones each, failover with capacity: matches brute-force enumeration to 1e-12', () => {
    const { regions, users, needed } = twoRegions;
    const f = fleetAvailability(harsh, regions, users, needed, lb, ONE_COPY);
    const ref = bruteForce(harsh, lbU, regions, users, needed);
    expectClose(f.availability.unavailability, ref, { rel: 1e-12 }, 'U');
  });

  it('two regions behind the switch: brute force in series with the switch, region failovers of 150 s', () => {
    const { regions, users, needed } = twoRegions;
    const sw = { availability: { availability: 0.99999, unavailability: 1e-5 }, failoverS: 150 };
    const r60 = { ...harsh, failoverS: 60 };
    const f = fleetAvailability(r60, regions, users, needed, lb, ONE_COPY, sw);
    const fleetU = bruteForce(harsh, lbU, regions, users, needed);
    // node and zone failovers stay behind each region's balancer (60 s); a region's users move through the switch
    const failoverU = 60 * (1 / (110 * H) + 1 / (210 * H)) + 150 / (420 * H);
    const expected = (1 - fleetU) * 0.99999 * (1 - failoverU);
    expectClose(f.availability.availability, expected, { rel: 1e-12 }, 'A');
    expect(f.byCause).toContainEqual({ cause: 'global traffic switch', unavailability: 1e-5 });
    expect(f.singlePointsOfFailure).toEqual(['the global traffic switch']);
    // without the switch (the parameter left out): the fleet alone, and region failovers of 60 s
    const bare = fleetAvailability(r60, regions, users, needed, lb, ONE_COPY);
    const bareFailoverU = 60 * (1 / (110 * H) + 1 / (210 * H) + 1 / (420 * H));
    expectClose(bare.availability.availability, (1 - fleetU) * (1 - bareFailoverU), { rel: 1e-12 }, 'A, no switch');
  });

  it('one region of three zones with 4 nodes needing 3: matches brute force', () => {
    const regions = [{ id: 'a', nodes: 4, zones: 3 }];
    const users = [{ share: 1, order: [0] }];
    const needed = () => 3;
    const f = fleetAvailability(harsh, regions, users, needed, lb, ONE_COPY);
    expectClose(f.availability.unavailability, bruteForce(harsh, lbU, regions, users, needed), { rel: 1e-12 }, 'U');
  });

  it('with zero spares a fleet is no more available than k-of-n of its nodes alone', () => {
    const regions = [{ id: 'a', nodes: 5, zones: 3 }];
    const f = fleetAvailability(harsh, regions, [{ share: 1, order: [0] }], () => 5, lb, ONE_COPY);
    const allUp = a(100, 10) ** 5;
    expect(f.availability.availability).toBeLessThanOrEqual(allUp);
  });

  it('with one copy spread over every node, a larger fleet loses a partition more often (spread placement)', () => {
    const users = [{ share: 1, order: [0] }];
    const f = (nodes: number) =>
      fleetAvailability(harsh, [{ id: 'a', nodes, zones: 3 }], users, () => 1, lb, ONE_COPY).availability
        .unavailability;
    expect(f(12)).toBeGreaterThan(f(6));
  });

  it('property: more nodes (spares) never lower availability when every node holds a full copy', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        (need, extra, zones) => {
          const users = [{ share: 1, order: [0] }];
          const f = (nodes: number) =>
            fleetAvailability(harsh, [{ id: 'a', nodes, zones }], users, () => need, lb, {
              replication: nodes,
              writeQuorum: 1,
            }).availability.unavailability;
          return f(need + extra) <= f(need + extra - 1) * (1 + 1e-12);
        },
      ),
      { seed: 7, numRuns: 60 },
    );
  });
});
