import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromAvailability, fromUnavailability } from '../../../src/core/reliability/availability.js';
import { fleetAvailability as kOfNOverZones } from '../../../src/core/reliability/domains.js';
import {
  copiesPerZone,
  majority,
  type PlacedFleetInput,
  placedFleetAvailability,
  placedFleetAvailabilityByStates,
  placedFleetGiven,
  type RegionState,
  spreadOf,
  worstDownCopies,
  zoneSizes,
} from '../../../src/core/reliability/placement.js';
import { expectClose } from '../../helpers/expectClose.js';

/** Given states of regions, balancers and zones as the availabilities 1 and 0 that condition a fleet on them (byRegion). */
function asFigures(states: readonly RegionState[]): PlacedFleetInput['byRegion'] {
  const UP = { availability: 1, unavailability: 0 };
  const DOWN = { availability: 0, unavailability: 1 };
  return states.map((x) => ({
    region: x.region ? UP : DOWN,
    balancer: x.balancer ? UP : DOWN,
    zones: x.zones.map((z) => (z ? UP : DOWN)),
  }));
}

/**
 * Independent reference, written from the placement's definition only (README "Availability"): enumerate every
 * up/down state of every node, zone, region and balancer; list every copyset the zone rule allows in each region
 * (every set of `replication` nodes whose per-zone counts over the non-empty zones are as even as can be: each zone
 * floor(r / Z) or one more) and every combination of them across regions (one partition each); a user region reaches
 * a region while it, its balancer and one of its zones are up; the design is up when every user region reaches a
 * region, every loaded region has need(r, load) nodes up, and every partition has a live copy and, with writes, its
 * quorum.
 */
function bruteForce(input: PlacedFleetInput): { up: number; down: number } {
  const R = input.regions.length;
  const r = input.replication;
  const nodeZone: { region: number; zone: number }[] = [];
  const zoneOf: { region: number }[] = [];
  const zoneBase: number[] = [];
  input.regions.forEach((reg, ri) => {
    zoneBase.push(zoneOf.length);
    for (let z = 0; z < reg.zones; z++) zoneOf.push({ region: ri });
    for (let i = 0; i < reg.nodes; i++) nodeZone.push({ region: ri, zone: (zoneBase[ri] as number) + (i % reg.zones) });
  });
  // copysets per region: node indices (global)
  const copysets: number[][][] = input.regions.map((_reg, ri) => {
    const nodes = nodeZone.map((n, i) => ({ ...n, i })).filter((n) => n.region === ri);
    const subsets: number[][] = [];
    const pick = (start: number, acc: number[]) => {
      if (acc.length === r) {
        subsets.push([...acc]);
        return;
      }
      for (let k = start; k < nodes.length; k++) pick(k + 1, [...acc, (nodes[k] as { i: number }).i]);
    };
    pick(0, []);
    const zonesUsed = [...new Set(nodes.map((n) => n.zone))];
    const even = (s: number[]) => {
      const counts = zonesUsed.map((z) => s.filter((i) => nodeZone[i]?.zone === z).length);
      return Math.max(...counts) - Math.min(...counts) <= 1;
    };
    return subsets.filter(even);
  });
  const N = nodeZone.length;
  const Zc = zoneOf.length;
  const bits = N + Zc + 2 * R;
  const parts = [
    ...nodeZone.map(() => input.node),
    ...zoneOf.map(() => input.zone),
    ...input.regions.map(() => input.region),
    ...input.regions.map(() => input.balancer),
  ];
  let up = 0;
  let down = 0;
  for (let m = 0; m < 1 << bits; m++) {
    let p = 1;
    for (let b = 0; b < bits; b++) {
      const part = parts[b] as { availability: number; unavailability: number };
      p *= (m >> b) & 1 ? part.availability : part.unavailability;
    }
    if (p === 0) continue;
    const bit = (b: number) => ((m >> b) & 1) === 1;
    const regionUp = (ri: number) => bit(N + Zc + ri);
    const someZoneUp = (ri: number) => nodeZone.some((n) => n.region === ri && bit(N + n.zone));
    const reachable = (ri: number) => regionUp(ri) && bit(N + Zc + R + ri) && someZoneUp(ri);
    const live = (i: number) => {
      const n = nodeZone[i] as { region: number; zone: number };
      return bit(i) && bit(N + n.zone) && regionUp(n.region);
    };
    let ok = true;
    const loads = new Array<number>(R).fill(0);
    for (const u of input.users) {
      const to = u.order.find(reachable);
      if (to === undefined) ok = false;
      else loads[to] = (loads[to] as number) + u.share;
    }
    if (ok) {
      for (let ri = 0; ri < R; ri++) {
        if ((loads[ri] as number) === 0) continue;
        const need = input.need(ri, loads[ri] as number);
        const liveNodes = nodeZone.filter((n, i) => n.region === ri && live(i)).length;
        if (need === null || liveNodes < need) ok = false;
      }
    }
    if (ok) {
      // every combination of one copyset per region is a partition
      const combos = (ri: number, liveSoFar: number): boolean => {
        if (ri === R) return liveSoFar >= 1 && liveSoFar >= input.writeQuorum;
        return (copysets[ri] as number[][]).every((s) => combos(ri + 1, liveSoFar + s.filter(live).length));
      };
      ok = combos(0, 0);
    }
    if (ok) up += p;
    else down += p;
  }
  return { up, down };
}

const A = (a: number) => fromAvailability(a);
const U = (u: number) => fromUnavailability(u);

describe('zone sizes and copies per zone', () => {
  it('round-robin sizes and the smallest per-zone cap', () => {
    expect(zoneSizes(7, 3)).toEqual([3, 2, 2]);
    expect(copiesPerZone([2, 2, 2], 3)).toBe(1);
    expect(copiesPerZone([3, 3], 3)).toBe(2);
    expect(copiesPerZone([3], 3)).toBe(3);
    expect(copiesPerZone([3, 1], 3)).toBe(2);
    expect(copiesPerZone([1, 1], 3)).toBeNull();
    expect(copiesPerZone([2, 2, 2], 4)).toBe(2);
    expect(spreadOf([2, 1, 1, 0], 4)).toEqual({ zones: 3, lo: 1, hi: 2, extra: 1 });
    // two of three zones down with 4 copies (2 + 1 + 1): the worst partition keeps one copy
    expect(worstDownCopies({ lo: 1, hi: 2, extra: 1 }, 4, [2, 2, 0])).toBe(3);
    expect(worstDownCopies({ lo: 0, hi: 1, extra: 3 }, 3, [1, 0, 4])).toBe(2);
    expect(majority(3)).toBe(2);
    expect(majority(6)).toBe(4);
    expect(majority(9)).toBe(5);
  });
});

describe('placed fleet availability: exact against brute-force enumeration of every node, zone, region and balancer state', () => {
  // Reference tolerance: both are sums of products of the same doubles, in different orders.
  const TOL = { rel: 1e-12 };
  const base = { node: A(0.9), zone: A(0.95), region: A(0.97), balancer: A(0.98) };
  const cases: { label: string; input: PlacedFleetInput }[] = [];
  for (const replication of [1, 2, 3]) {
    for (const writes of ['none', 'eventual', 'strong'] as const) {
      const T = 2 * replication;
      cases.push({
        label: `6 nodes, 3 zones in each of 2 regions (3 nodes each), replication ${replication}, writes ${writes}`,
        input: {
          ...base,
          regions: [
            { nodes: 3, zones: 3 },
            { nodes: 3, zones: 3 },
          ],
          replication,
          writeQuorum: writes === 'strong' ? majority(T) : 1,
          users: [
            { share: 0.6, order: [0, 1] },
            { share: 0.4, order: [1, 0] },
          ],
          need: (_r, load) => (load > 0.7 ? 3 : load > 0.3 ? 2 : 1),
        },
      });
    }
  }
  for (const replication of [1, 2, 3]) {
    for (const strong of [false, true]) {
      cases.push({
        label: `one region, 6 nodes over 3 zones, replication ${replication}, ${strong ? 'strong' : 'eventual'}`,
        input: {
          ...base,
          regions: [{ nodes: 6, zones: 3 }],
          replication,
          writeQuorum: strong ? majority(replication) : 1,
          users: [{ share: 1, order: [0] }],
          need: () => 4,
        },
      });
    }
  }
  cases.push({
    label:
      'uneven: 4 nodes over 3 zones and 3 nodes over 2 zones, replication 3 strong, a region that cannot carry all',
    input: {
      ...base,
      regions: [
        { nodes: 4, zones: 3 },
        { nodes: 3, zones: 2 },
      ],
      replication: 3,
      writeQuorum: majority(6),
      users: [
        { share: 0.5, order: [0, 1] },
        { share: 0.5, order: [1, 0] },
      ],
      need: (r, load) => (r === 1 && load > 0.6 ? null : load > 0.6 ? 3 : 2),
    },
  });
  cases.push({
    label: 'three regions of 2 nodes, 1 zone each, replication 2, strong (quorum 4 of 6)',
    input: {
      ...base,
      regions: [
        { nodes: 2, zones: 1 },
        { nodes: 2, zones: 1 },
        { nodes: 2, zones: 1 },
      ],
      replication: 2,
      writeQuorum: majority(6),
      users: [
        { share: 0.5, order: [0, 1, 2] },
        { share: 0.3, order: [1, 2, 0] },
        { share: 0.2, order: [2, 0, 1] },
      ],
      need: (_r, load) => (load > 0.5 ? 2 : 1),
    },
  });
  cases.push({
    label: 'replication 4 over 3 zones (2 + 1 + 1), 6 nodes, reads only: two zones down leave a copy',
    input: {
      ...base,
      regions: [{ nodes: 6, zones: 3 }],
      replication: 4,
      writeQuorum: 1,
      users: [{ share: 1, order: [0] }],
      need: () => 2,
    },
  });
  cases.push({
    label: 'more zones than nodes (3 nodes, 5 zones) and one-zone regions in a three-region design, strong',
    input: {
      ...base,
      regions: [
        { nodes: 3, zones: 5 },
        { nodes: 2, zones: 1 },
        { nodes: 2, zones: 1 },
      ],
      replication: 2,
      writeQuorum: majority(6),
      users: [
        { share: 0.5, order: [0, 1, 2] },
        { share: 0.5, order: [1, 2, 0] },
      ],
      need: (_r, load) => (load > 0.6 ? 2 : 1),
    },
  });
  cases.push({
    label: 'replication equal to the nodes (every node a full copy), 5 nodes over 2 zones, strong quorum 3 of 5',
    input: {
      ...base,
      regions: [{ nodes: 5, zones: 2 }],
      replication: 5,
      writeQuorum: 3,
      users: [{ share: 1, order: [0] }],
      need: () => 3,
    },
  });
  for (const { label, input } of cases) {
    it(label, () => {
      const ref = bruteForce(input);
      const got = placedFleetAvailability(input);
      expectClose(got.unavailability, ref.down, TOL, 'unavailability');
      expectClose(got.availability, ref.up, TOL, 'availability');
      expectClose(
        got.unreachable + got.dataReads + got.dataWrites + got.capacity + got.prunedProbability,
        got.unavailability,
        { rel: 1e-15 },
        'causes add up',
      );
      expect(got.prunedProbability).toBe(0);
    });
  }

  it('keeps its digits at high availability (tiny unavailabilities, brute force to 1e-12)', () => {
    const input: PlacedFleetInput = {
      node: U(4.6e-4),
      zone: U(4.6e-4),
      region: U(3e-4),
      balancer: U(1e-4),
      regions: [{ nodes: 6, zones: 3 }],
      replication: 3,
      writeQuorum: 2,
      users: [{ share: 1, order: [0] }],
      need: () => 3,
    };
    const ref = bruteForce(input);
    const got = placedFleetAvailability(input);
    expectClose(got.unavailability, ref.down, { rel: 1e-12 });
  });
});

describe('placed fleet availability: the cases a design review asks about', () => {
  const rel = { node: U(2 / 4382), zone: U(4 / 8770), region: U(8 / 26306), balancer: U(1e-4) };
  it('36 nodes holding the only copy of their partitions are down whenever any node or zone is (about 1.9 nines)', () => {
    const got = placedFleetAvailability({
      ...rel,
      regions: [{ nodes: 36, zones: 3 }],
      replication: 1,
      writeQuorum: 1,
      users: [{ share: 1, order: [0] }],
      need: () => 2,
    });
    const nines = -Math.log10(got.unavailability);
    expect(nines).toBeGreaterThan(1.7);
    expect(nines).toBeLessThan(2.1);
    expect(got.dataReads).toBeGreaterThan(0.9 * got.unavailability);
  });
  it('strong writes over two regions stop with either region; over three they survive one', () => {
    const two = placedFleetAvailability({
      ...rel,
      regions: [
        { nodes: 3, zones: 3 },
        { nodes: 3, zones: 3 },
      ],
      replication: 3,
      writeQuorum: majority(6),
      users: [{ share: 1, order: [0, 1] }],
      need: () => 1,
    });
    const three = placedFleetAvailability({
      ...rel,
      regions: [
        { nodes: 3, zones: 3 },
        { nodes: 3, zones: 3 },
        { nodes: 3, zones: 3 },
      ],
      replication: 3,
      writeQuorum: majority(9),
      users: [{ share: 1, order: [0, 1, 2] }],
      need: () => 1,
    });
    // two regions: losing the other region alone stops writes (~ its unavailability)
    expect(two.dataWrites).toBeGreaterThan(rel.region.unavailability);
    expect(three.unavailability).toBeLessThan(two.unavailability / 10);
  });
});

describe('placed fleet availability: properties', () => {
  type Arb = { nodeU: number; zoneU: number; regionU: number; nodes: number; zones: number; need: number };
  const arb = fc.record({
    nodeU: fc.double({ min: 1e-4, max: 0.3, noNaN: true }),
    zoneU: fc.double({ min: 1e-5, max: 0.1, noNaN: true }),
    regionU: fc.double({ min: 1e-5, max: 0.05, noNaN: true }),
    nodes: fc.integer({ min: 5, max: 40 }),
    zones: fc.integer({ min: 1, max: 4 }),
    replication: fc.integer({ min: 1, max: 4 }),
    strong: fc.boolean(),
    regions: fc.integer({ min: 1, max: 3 }),
    need: fc.integer({ min: 1, max: 3 }),
  });
  const build = (x: Arb, replication: number, regions: number) => ({
    node: U(x.nodeU),
    zone: U(x.zoneU),
    region: U(x.regionU),
    balancer: U(1e-4),
    regions: Array.from({ length: regions }, () => ({ nodes: x.nodes, zones: x.zones })),
    replication,
    writeQuorum: 1,
    users: [{ share: 1, order: Array.from({ length: regions }, (_, i) => i) }],
    need: () => x.need,
  });
  it('more copies never lower read availability (no writes)', () => {
    fc.assert(
      fc.property(arb, (x) => {
        const fewer = placedFleetAvailability(build(x, x.replication, x.regions));
        const more = placedFleetAvailability(build(x, x.replication + 1, x.regions));
        return more.unavailability <= fewer.unavailability * (1 + 1e-12);
      }),
      { numRuns: 60 },
    );
  });
  // Within node and zone availabilities of 98% and up. With far worse nodes (say 85%), every region almost always has
  // some partition with a copy down, and a third region's copies add more such partitions than its quorum can absorb:
  // spread placement then favours fewer regions (found by this property with node unavailability 0.14).
  const realistic = arb.filter((x) => x.nodeU <= 0.02 && x.zoneU <= 0.02);
  it('adding a third region to a strong two-region design never lowers its availability', () => {
    fc.assert(
      fc.property(realistic, (x) => {
        const two = { ...build(x, x.replication, 2), writeQuorum: majority(2 * x.replication) };
        const three = { ...build(x, x.replication, 3), writeQuorum: majority(3 * x.replication) };
        return (
          placedFleetAvailability(three).unavailability <= placedFleetAvailability(two).unavailability * (1 + 1e-12)
        );
      }),
      { numRuns: 150 },
    );
  });
});

describe('placed fleet availability: large flaky regions (zones summed as one binomial)', () => {
  it('a 3,000-node region always missing copies, behind a 3-node region: matches the k-of-n tail over zones (1e-9)', () => {
    // Region A: 3,000 nodes over 3 zones, node unavailability 0.2 (about 200 down per zone: every zone always covers
    // its copy, the summed path). Region B: 3 nodes, one per zone. 3 copies per region, reads only. Users go to B,
    // then A. Reads fail exactly when all of B's nodes are out (A always has a copy down); when B is unreachable,
    // A must have 2,500 nodes up.
    const node = U(0.2);
    const zone = U(0.01);
    const region = U(0.003);
    const balancer = U(0.002);
    const got = placedFleetAvailability({
      node,
      zone,
      region,
      balancer,
      regions: [
        { nodes: 3000, zones: 3 },
        { nodes: 3, zones: 3 },
      ],
      replication: 3,
      writeQuorum: 1,
      users: [{ share: 1, order: [1, 0] }],
      need: (r) => (r === 0 ? 2500 : 1),
    });
    // x = P(all three of B's nodes out | region B up): one node per zone
    const x = (zone.unavailability + zone.availability * node.unavailability) ** 3;
    const kA = kOfNOverZones({ nodes: 3000, need: 2500, node, zones: { count: 3, each: zone } }).availability;
    const expected =
      region.unavailability +
      region.availability * x +
      region.availability * balancer.unavailability * (1 - x) * (1 - region.availability * balancer.availability * kA);
    expectClose(got.unavailability, expected, { rel: 1e-9 });
  });
});

describe('placed fleet availability given the states of its regions, balancers and zones (placedFleetGiven)', () => {
  const UP = { availability: 1, unavailability: 0 };
  const fleet = {
    node: U(0.02),
    regions: [
      { nodes: 5, zones: 3 },
      { nodes: 3, zones: 3 },
      { nodes: 4, zones: 2 },
    ],
    replication: 2,
    writeQuorum: 4,
    users: [
      { share: 0.5, order: [0, 1, 2] },
      { share: 0.3, order: [1, 2] },
      { share: 0.2, order: [2, 0] },
    ],
    need: (r: number, share: number) => (share > 0.6 ? null : 1 + Math.ceil(r + share * 4)),
  };
  // every state of the three regions: down, or up with its balancer and each zone up or down
  const states: RegionState[][] = [[]];
  for (const reg of fleet.regions) {
    const mine: RegionState[] = [];
    for (let mask = 0; mask < 1 << (reg.zones + 1); mask++) {
      const zones = Array.from({ length: reg.zones }, (_, z) => ((mask >> z) & 1) === 0);
      mine.push({ region: true, balancer: ((mask >> reg.zones) & 1) === 0, zones });
    }
    mine.push({ region: false, balancer: false, zones: Array.from({ length: reg.zones }, () => false) });
    states.splice(0, states.length, ...states.flatMap((s) => mine.map((m) => [...s, m])));
  }

  it('is, bit for bit, placedFleetAvailability with those states as availabilities 1 and 0, in every state', () => {
    expect(states.length).toBe(17 * 17 * 9);
    const given = placedFleetGiven(fleet);
    for (const s of states) {
      const byRegion = asFigures(s);
      expect(given(s)).toEqual(placedFleetAvailability({ ...fleet, region: UP, zone: UP, balancer: UP, byRegion }));
    }
  });

  it('agrees with the sum state by state (which reads no unreachable region kept as one mixture), in every state', () => {
    const given = placedFleetGiven(fleet);
    for (const s of states) {
      const byRegion = asFigures(s);
      const got = given(s);
      const ref = placedFleetAvailabilityByStates({ ...fleet, region: UP, zone: UP, balancer: UP, byRegion });
      // each figure a sum of the same non-negative terms, grouped otherwise: to rounding
      for (const f of [
        'availability',
        'unavailability',
        'unreachable',
        'dataReads',
        'dataWrites',
        'capacity',
      ] as const) {
        expectClose(got[f], ref[f], { rel: 1e-12, abs: 1e-300 }, f);
      }
    }
  });

  it('keeps nothing between calls that changes a result: a state evaluated again, after all others, is the same', () => {
    const given = placedFleetGiven(fleet);
    const first = states.slice(0, 50).map((s) => given(s));
    for (const s of states.slice(50)) given(s);
    expect(states.slice(0, 50).map((s) => given(s))).toEqual(first);
    // and a fleet's figures with other needs computed in between (the regions' vectors are kept by need)
    const input = { ...fleet, region: U(1e-3), zone: U(1e-3), balancer: U(1e-4) };
    const before = placedFleetAvailability(input);
    placedFleetAvailability({ ...input, need: () => 2 });
    expect(placedFleetAvailability(input)).toEqual(before);
  });
});

describe('placed fleet availability: states that differ only in unreachable regions summed as one (against the sum state by state)', () => {
  type Fleet = PlacedFleetInput;
  const FIELDS = ['unavailability', 'unreachable', 'dataReads', 'dataWrites', 'capacity', 'prunedProbability'] as const;
  // every figure is a sum of non-negative terms in both: to rounding; the availability is a sum of differences
  const expectSame = (
    got: ReturnType<typeof placedFleetAvailability>,
    ref: ReturnType<typeof placedFleetAvailability>,
  ) => {
    for (const f of FIELDS) expectClose(got[f], ref[f], { rel: 1e-12 }, f);
    expectClose(got.availability, ref.availability, { rel: 1e-12, abs: 1e-15 }, 'availability');
  };
  // an unavailability from 0.3 down to 1e-7, now and then exactly 0 or 1
  const uArb = fc.oneof(
    { weight: 8, arbitrary: fc.double({ min: 0.5, max: 7, noNaN: true }).map((x) => U(10 ** -x)) },
    { weight: 1, arbitrary: fc.constantFrom(U(0), U(1)) },
  );
  const fleetArb = fc
    .record({
      R: fc.integer({ min: 1, max: 6 }),
      replication: fc.integer({ min: 1, max: 3 }),
      quorumPick: fc.double({ min: 0, max: 1, noNaN: true }),
      node: fc.double({ min: 0.3, max: 4, noNaN: true }).map((x) => U(10 ** -x)),
      zone: uArb,
      region: uArb,
      balancer: uArb,
      perRegion: fc.array(
        fc.record({
          extraNodes: fc.integer({ min: 0, max: 4 }),
          zones: fc.integer({ min: 1, max: 3 }),
          region: uArb,
          balancer: uArb,
        }),
        { minLength: 6, maxLength: 6 },
      ),
      users: fc.array(
        fc.record({
          weight: fc.integer({ min: 1, max: 9 }),
          order: fc.array(fc.nat(5), { minLength: 1, maxLength: 6 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      needs: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 24, maxLength: 24 }),
    })
    .map((x): Fleet => {
      const T = x.R * x.replication;
      const total = x.users.reduce((s, u) => s + u.weight, 0);
      return {
        node: x.node,
        zone: x.zone,
        region: x.region,
        balancer: x.balancer,
        regions: x.perRegion.slice(0, x.R).map((p) => ({ nodes: x.replication + p.extraNodes, zones: p.zones })),
        byRegion: x.perRegion.slice(0, x.R).map((p) => ({ region: p.region, balancer: p.balancer })),
        replication: x.replication,
        writeQuorum: 1 + Math.floor(x.quorumPick * (T - 1)),
        users: x.users.map((u) => ({
          share: u.weight / total,
          order: [...new Set(u.order.map((i) => i % x.R))],
        })),
        // a need that grows with the load; 0 in the table: no count can carry it
        need: (r, load) => {
          const n = x.needs[(r * 4 + Math.min(3, Math.floor(load * 4))) % 24] as number;
          return n === 0 ? null : n;
        },
      };
    });

  it('agrees with the 3^R sum to 1e-12 on random fleets of 1 to 6 regions (uneven regions, users, quorums)', () => {
    fc.assert(
      fc.property(fleetArb, (input) => {
        expectSame(placedFleetAvailability(input), placedFleetAvailabilityByStates(input));
      }),
      { numRuns: 300 },
    );
  });

  it('given the states of its regions, balancers and zones, a fleet has the figures of the grouped sum bit for bit (placedFleetGiven, random fleets and states)', () => {
    const UP = { availability: 1, unavailability: 0 };
    // each region up or down, its balancer up or down, each of its zones up or down (every zone down now and then)
    const statesArb = (fleet: Fleet) =>
      fc.array(
        fc.tuple(
          ...fleet.regions.map((reg) =>
            fc.record({
              region: fc.boolean(),
              balancer: fc.boolean(),
              zones: fc.oneof(
                fc.array(fc.boolean(), { minLength: reg.zones, maxLength: reg.zones }),
                fc.constant(Array.from({ length: reg.zones }, () => false)),
              ),
            }),
          ),
        ),
        { minLength: 1, maxLength: 12 },
      );
    fc.assert(
      fc.property(
        fleetArb.chain((fleet) => fc.tuple(fc.constant(fleet), statesArb(fleet))),
        ([fleet, states]) => {
          // one conditioned fleet for every state: what it keeps between calls changes no result
          const given = placedFleetGiven(fleet);
          for (const s of states) {
            const byRegion = asFigures(s);
            expect(given(s)).toEqual(
              placedFleetAvailability({ ...fleet, region: UP, zone: UP, balancer: UP, byRegion }),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('prunes the same states: groups partly below 1e-20 are split, wholly below are dropped whole', () => {
    // 6 regions; a region is gone with probability ~1e-5 and behind a failed balancer ~1e-3: with 4 or more regions
    // unreachable a group holds states on both sides of 1e-20
    const input: PlacedFleetInput = {
      node: U(1e-3),
      zone: U(1e-4),
      region: U(1e-5),
      balancer: U(1e-3),
      regions: Array.from({ length: 6 }, (_, i) => ({ nodes: 3 + (i % 2), zones: 1 + (i % 3) })),
      replication: 2,
      writeQuorum: 7,
      users: [
        { share: 0.5, order: [0, 1, 2, 3, 4, 5] },
        { share: 0.3, order: [5, 4, 3] },
        { share: 0.2, order: [2, 0] },
      ],
      need: (_r, load) => (load > 0.6 ? 3 : 1),
    };
    const ref = placedFleetAvailabilityByStates(input);
    expect(ref.prunedProbability).toBeGreaterThan(0);
    expectSame(placedFleetAvailability(input), ref);
  });

  it('matches the brute force of every node, zone, region and balancer state where some users reach few regions', () => {
    const input: PlacedFleetInput = {
      node: A(0.9),
      zone: A(0.95),
      region: A(0.97),
      balancer: A(0.9),
      regions: [
        { nodes: 2, zones: 2 },
        { nodes: 2, zones: 1 },
        { nodes: 2, zones: 1 },
      ],
      replication: 1,
      writeQuorum: 2,
      users: [
        { share: 0.7, order: [1, 0] },
        { share: 0.3, order: [2] },
      ],
      need: (r, load) => (r === 0 && load > 0.5 ? 2 : 1),
    };
    const ref = bruteForce(input);
    const got = placedFleetAvailability(input);
    expectClose(got.unavailability, ref.down, { rel: 1e-12 });
    expectClose(got.availability, ref.up, { rel: 1e-12 });
  });
});
