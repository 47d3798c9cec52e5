import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Availability,
  convolvePmf,
  fleetAvailability,
  fromAvailability,
  fromUnavailability,
  kOfN,
  probAtLeast,
  probBelow,
  type RegionLayout,
  regionUpNodesPmf,
} from '../../../src/core/reliability/index.js';
import { cpuTimeMs } from '../../helpers/cpuTime.js';
import { expectClose } from '../../helpers/expectClose.js';

/**
 * Independent reference: enumerate all 2^(nodes + zones + regions) up/down states of every node, zone and region,
 * multiply the state probabilities and count the nodes that are up with their zone and region up. Written from the
 * model's definition only; it shares no code with the convolution or the fleet decomposition.
 */
interface Component {
  a: number;
  u: number;
}
interface FlatLayout {
  nodes: { zone: number; part: Component }[];
  zones: { region: number; part: Component }[];
  regions: Component[];
}

function bruteForceCountPmf(layout: FlatLayout): number[] {
  const parts: Component[] = [
    ...layout.nodes.map((n) => n.part),
    ...layout.zones.map((z) => z.part),
    ...layout.regions,
  ];
  const nNodes = layout.nodes.length;
  const nZones = layout.zones.length;
  const pmf = new Array<number>(nNodes + 1).fill(0);
  const states = 2 ** parts.length;
  for (let mask = 0; mask < states; mask++) {
    let prob = 1;
    for (let c = 0; c < parts.length; c++) {
      const part = parts[c] as Component;
      prob *= mask & (1 << c) ? part.a : part.u;
    }
    let up = 0;
    for (let i = 0; i < nNodes; i++) {
      const node = layout.nodes[i] as FlatLayout['nodes'][number];
      const zone = layout.zones[node.zone] as FlatLayout['zones'][number];
      const nodeUp = (mask & (1 << i)) !== 0;
      const zoneUp = (mask & (1 << (nNodes + node.zone))) !== 0;
      const regionUp = (mask & (1 << (nNodes + nZones + zone.region))) !== 0;
      if (nodeUp && zoneUp && regionUp) up++;
    }
    pmf[up] = (pmf[up] as number) + prob;
  }
  return pmf;
}

function bruteTails(pmf: number[], need: number): { availability: number; unavailability: number } {
  let availability = 0;
  let unavailability = 0;
  pmf.forEach((p, count) => {
    if (count >= need) availability += p;
    else unavailability += p;
  });
  return { availability, unavailability };
}

const comp = (x: Availability): Component => ({ a: x.availability, u: x.unavailability });
const NEVER: Component = { a: 1, u: 0 };

/** Tolerance for exact-versus-enumeration: 1e-12 relative; exact zeros (unreachable counts) need an absolute floor. */
const TOL = { rel: 1e-12, abs: 1e-300 };

const unavailabilityArb = fc.constantFrom(0.5, 0.3, 0.1, 0.02, 1e-3, 1e-4, 1e-6, 1e-9, 1e-12, 1e-15);

describe('regionUpNodesPmf + convolvePmf against brute-force enumeration', () => {
  /** Random layouts: 1-2 regions, 1-3 zones in total, 0-6 nodes in total, each domain its own availability. */
  const layoutArb = fc
    .record({
      node: unavailabilityArb,
      regions: fc.array(
        fc.record({
          u: unavailabilityArb,
          zones: fc.array(fc.record({ u: unavailabilityArb, nodes: fc.integer({ min: 0, max: 3 }) }), {
            minLength: 0,
            maxLength: 2,
          }),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    })
    .filter((l) => {
      const zones = l.regions.reduce((s, r) => s + r.zones.length, 0);
      const nodes = l.regions.reduce((s, r) => s + r.zones.reduce((t, z) => t + z.nodes, 0), 0);
      return zones <= 3 && nodes <= 6;
    });

  it('matches every tail P(X >= k), P(X < k) at 1e-12 relative', () => {
    fc.assert(
      fc.property(layoutArb, (l) => {
        const node = fromUnavailability(l.node);
        const regions: RegionLayout[] = l.regions.map((r) => ({
          availability: fromUnavailability(r.u),
          zones: r.zones.map((z) => ({ availability: fromUnavailability(z.u), nodes: z.nodes })),
        }));
        const flat: FlatLayout = { nodes: [], zones: [], regions: [] };
        for (const r of regions) {
          const regionIndex = flat.regions.push(comp(r.availability)) - 1;
          for (const z of r.zones) {
            const zoneIndex = flat.zones.push({ region: regionIndex, part: comp(z.availability) }) - 1;
            for (let i = 0; i < z.nodes; i++) flat.nodes.push({ zone: zoneIndex, part: comp(node) });
          }
        }
        const brute = bruteForceCountPmf(flat);
        let pmf: Float64Array = Float64Array.of(1);
        for (const r of regions) pmf = convolvePmf(pmf, regionUpNodesPmf(r, node));
        expect(pmf.length).toBe(brute.length);
        for (let j = 0; j < brute.length; j++) expectClose(pmf[j] as number, brute[j] as number, TOL, `pmf[${j}]`);
        for (let k = 0; k <= brute.length; k++) {
          const b = bruteTails(brute, k);
          expectClose(probAtLeast(pmf, k), b.availability, TOL, `P(X >= ${k})`);
          expectClose(probBelow(pmf, k), b.unavailability, TOL, `P(X < ${k})`);
        }
      }),
      { numRuns: 150, seed: 20240611 },
    );
  });

  it('a hand-checkable region: one zone of two nodes', () => {
    // Hand-checkable: P(2 up) = Ar Az p^2, P(1 up) = Ar Az 2 p q, P(0 up) = Ur + Ar (Uz + Az q^2).
    const [ar, az, p] = [0.9, 0.8, 0.7];
    const pmf = regionUpNodesPmf(
      { availability: fromAvailability(ar), zones: [{ availability: fromAvailability(az), nodes: 2 }] },
      fromAvailability(p),
    );
    expectClose(pmf[2] as number, ar * az * p * p, { rel: 1e-15 }, 'P(2)');
    expectClose(pmf[1] as number, ar * az * 2 * p * (1 - p), { rel: 1e-14 }, 'P(1)');
    expectClose(pmf[0] as number, 1 - ar + ar * (1 - az + az * (1 - p) ** 2), { rel: 1e-14 }, 'P(0)');
  });

  it('a region with no zones, or empty zones, has the pmf [1]', () => {
    const none = regionUpNodesPmf({ availability: fromAvailability(0.9), zones: [] }, fromAvailability(0.5));
    expect(Array.from(none)).toEqual([1]);
    const empty = regionUpNodesPmf(
      { availability: fromAvailability(0.9), zones: [{ availability: fromAvailability(0.5), nodes: 0 }] },
      fromAvailability(0.5),
    );
    expect(empty.length).toBe(1);
    expectClose(empty[0] as number, 1, { rel: 1e-15 }, 'P(0)');
  });

  it('rejects invalid layouts, naming the field', () => {
    const ok = fromAvailability(0.9);
    expect(() => regionUpNodesPmf({ availability: ok, zones: [{ availability: ok, nodes: -1 }] }, ok)).toThrow(
      /region\.zones\[0\]\.nodes/,
    );
    expect(() => regionUpNodesPmf({ availability: ok, zones: [{ availability: ok, nodes: 1.5 }] }, ok)).toThrow(
      /nodes/,
    );
    expect(() =>
      regionUpNodesPmf(
        { availability: ok, zones: [{ availability: { availability: 2, unavailability: -1 }, nodes: 1 }] },
        ok,
      ),
    ).toThrow(/region\.zones\[0\]\.availability/);
    expect(() => regionUpNodesPmf({ availability: ok, zones: [] }, { availability: 0.5, unavailability: 0.1 })).toThrow(
      /node/,
    );
  });
});

describe('convolvePmf, probAtLeast, probBelow', () => {
  it('two fair coins: [0.5, 0.5] * [0.5, 0.5] = [0.25, 0.5, 0.25]', () => {
    const c = convolvePmf(Float64Array.of(0.5, 0.5), Float64Array.of(0.5, 0.5));
    expect(Array.from(c)).toEqual([0.25, 0.5, 0.25]);
    expect(probAtLeast(c, 1)).toBe(0.75);
    expect(probBelow(c, 1)).toBe(0.25);
    expect(probAtLeast(c, 0)).toBe(1);
    expect(probBelow(c, 0)).toBe(0);
    expect(probAtLeast(c, 3)).toBe(0);
    expect(probBelow(c, 3)).toBe(1);
    expect(probAtLeast(c, -2)).toBe(1);
  });

  it('skips zero stretches without changing results: [0.5, 0, 0, 0.5] * [0, 0.25, 0.75, 0]', () => {
    // Hand-checkable: entries 1: 0.125, 2: 0.375, 4: 0.125, 5: 0.375; length 4 + 4 - 1 = 7.
    const c = convolvePmf(Float64Array.of(0.5, 0, 0, 0.5), Float64Array.of(0, 0.25, 0.75, 0));
    expect(Array.from(c)).toEqual([0, 0.125, 0.375, 0, 0.125, 0.375, 0]);
  });

  it('n Bernoulli pmfs convolved give the k-of-n tails', () => {
    const part = fromUnavailability(1e-3);
    const bern = Float64Array.of(part.unavailability, part.availability);
    let pmf: Float64Array = Float64Array.of(1);
    for (let i = 0; i < 20; i++) pmf = convolvePmf(pmf, bern);
    for (const k of [1, 10, 18, 19, 20]) {
      const r = kOfN(k, 20, part);
      expectClose(probAtLeast(pmf, k), r.availability, { rel: 1e-13 }, `A, k = ${k}`);
      expectClose(probBelow(pmf, k), r.unavailability, { rel: 1e-13 }, `U, k = ${k}`);
    }
  });

  it('rejects bad pmfs and k', () => {
    expect(() => convolvePmf(new Float64Array(0), Float64Array.of(1))).toThrow(/a must/);
    expect(() => convolvePmf(Float64Array.of(1), Float64Array.of(-0.5, 1.5))).toThrow(/b\[0\]/);
    expect(() => probAtLeast(Float64Array.of(Number.NaN), 0)).toThrow(/pmf\[0\]/);
    expect(() => probBelow(Float64Array.of(1), 0.5)).toThrow(/k must/);
  });
});

/** The round-robin layout of fleetAvailability, built from its description (node i -> zone i % Z -> region z % R). */
function roundRobin(
  nodes: number,
  node: Availability,
  zones: { count: number; each: Availability } | undefined,
  regions: { count: number; each: Availability } | undefined,
): FlatLayout {
  const zoneCount = zones?.count ?? 1;
  const regionCount = regions?.count ?? 1;
  return {
    nodes: Array.from({ length: nodes }, (_, i) => ({ zone: i % zoneCount, part: comp(node) })),
    zones: Array.from({ length: zoneCount }, (_, z) => ({
      region: z % regionCount,
      part: zones ? comp(zones.each) : NEVER,
    })),
    regions: Array.from({ length: regionCount }, () => (regions ? comp(regions.each) : NEVER)),
  };
}

describe('fleetAvailability against brute-force enumeration', () => {
  const fleetArb = fc
    .record({
      nodes: fc.integer({ min: 1, max: 6 }),
      needFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      uNode: unavailabilityArb,
      zones: fc.option(fc.record({ count: fc.integer({ min: 1, max: 3 }), u: unavailabilityArb }), { nil: undefined }),
      regions: fc.option(fc.record({ count: fc.integer({ min: 1, max: 2 }), u: unavailabilityArb }), {
        nil: undefined,
      }),
    })
    .filter((f) => (f.regions?.count ?? 1) <= (f.zones?.count ?? 1));

  it('matches enumeration of all 2^(nodes + zones + regions) states at 1e-12 relative (incl. zones > nodes)', () => {
    fc.assert(
      fc.property(fleetArb, (f) => {
        const need = Math.min(f.nodes, 1 + Math.floor(f.needFraction * f.nodes));
        const node = fromUnavailability(f.uNode);
        const zones = f.zones && { count: f.zones.count, each: fromUnavailability(f.zones.u) };
        const regions = f.regions && { count: f.regions.count, each: fromUnavailability(f.regions.u) };
        const r = fleetAvailability({
          nodes: f.nodes,
          need,
          node,
          ...(zones ? { zones } : {}),
          ...(regions ? { regions } : {}),
        });
        const b = bruteTails(bruteForceCountPmf(roundRobin(f.nodes, node, zones, regions)), need);
        expectClose(r.availability, b.availability, TOL, 'A');
        expectClose(r.unavailability, b.unavailability, TOL, 'U');
        expect(r.method).toMatch(/^exact/);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('every need for 6 nodes over 3 zones over 2 regions (12 cases, also cross-checked against the pmf path)', () => {
    const node = fromUnavailability(2e-3);
    const zones = { count: 3, each: fromUnavailability(3e-4) };
    const regions = { count: 2, each: fromUnavailability(5e-5) };
    const brute = bruteForceCountPmf(roundRobin(6, node, zones, regions));
    // Zones 0 and 2 in region 0, zone 1 in region 1; two nodes per zone.
    const r0: RegionLayout = {
      availability: regions.each,
      zones: [
        { availability: zones.each, nodes: 2 },
        { availability: zones.each, nodes: 2 },
      ],
    };
    const r1: RegionLayout = { availability: regions.each, zones: [{ availability: zones.each, nodes: 2 }] };
    const pmf = convolvePmf(regionUpNodesPmf(r0, node), regionUpNodesPmf(r1, node));
    for (let need = 1; need <= 6; need++) {
      const r = fleetAvailability({ nodes: 6, need, node, zones, regions });
      const b = bruteTails(brute, need);
      expectClose(r.availability, b.availability, TOL, `A need ${need}`);
      expectClose(r.unavailability, b.unavailability, TOL, `U need ${need}`);
      expectClose(probBelow(pmf, need), b.unavailability, TOL, `pmf U need ${need}`);
      expect(r.method).toBe('exact (k-of-n over independent node, zone and region states)');
    }
  });
});

describe('fleetAvailability', () => {
  it('without domains is k-of-n and says so', () => {
    const node = fromUnavailability(1e-3);
    const r = fleetAvailability({ nodes: 5, need: 3, node });
    const k = kOfN(3, 5, node);
    expect(r.availability).toBe(k.availability);
    expect(r.unavailability).toBe(k.unavailability);
    expect(r.method).toBe('exact (k-of-n binomial tail over independent identical nodes)');
  });

  it('domains that never fail reduce to k-of-n', () => {
    const node = fromUnavailability(0.01);
    const never = fromUnavailability(0);
    for (const [nodes, need] of [
      [10, 7],
      [1000, 980],
      [777, 1],
    ] as const) {
      const r = fleetAvailability({
        nodes,
        need,
        node,
        zones: { count: 7, each: never },
        regions: { count: 3, each: never },
      });
      const k = kOfN(need, nodes, node);
      expectClose(r.availability, k.availability, { rel: 1e-12 }, `A ${need}/${nodes}`);
      expectClose(r.unavailability, k.unavailability, { rel: 1e-12 }, `U ${need}/${nodes}`);
    }
  });

  it('agrees with the full convolution on medium layouts (1e-12 relative)', () => {
    const cases = [
      { nodes: 200, need: 150, uNode: 1e-2, zones: 7, uZone: 1e-3, regions: 3, uRegion: 1e-4 },
      { nodes: 1000, need: 700, uNode: 1e-3, zones: 10, uZone: 1e-4, regions: 4, uRegion: 1e-5 },
      { nodes: 301, need: 200, uNode: 0.3, zones: 5, uZone: 0.2, regions: 2, uRegion: 0.1 },
      { nodes: 40, need: 12, uNode: 1e-6, zones: 40, uZone: 1e-5, regions: 4, uRegion: 1e-9 },
      // Many zones: wide support of M, so the tails come from the negative-binomial sweep.
      { nodes: 1000, need: 500, uNode: 0.3, zones: 300, uZone: 0.3, regions: 3, uRegion: 0.05 },
      { nodes: 2000, need: 1900, uNode: 1e-3, zones: 150, uZone: 0.1, regions: 5, uRegion: 0.01 },
      { nodes: 3000, need: 2000, uNode: 0.2, zones: 97, uZone: 0.05, regions: 1, uRegion: 1e-3 },
    ];
    for (const c of cases) {
      const node = fromUnavailability(c.uNode);
      const zones = { count: c.zones, each: fromUnavailability(c.uZone) };
      const regions = { count: c.regions, each: fromUnavailability(c.uRegion) };
      const r = fleetAvailability({ nodes: c.nodes, need: c.need, node, zones, regions });
      let pmf: Float64Array = Float64Array.of(1);
      for (let reg = 0; reg < c.regions; reg++) {
        // Region reg holds zones reg, reg + R, ...; zone z holds nodes z, z + Z, ... (< nodes).
        const layout: RegionLayout = { availability: regions.each, zones: [] };
        for (let z = reg; z < c.zones; z += c.regions) {
          let zoneNodes = 0;
          for (let i = z; i < c.nodes; i += c.zones) zoneNodes++;
          layout.zones = [...layout.zones, { availability: zones.each, nodes: zoneNodes }];
        }
        pmf = convolvePmf(pmf, regionUpNodesPmf(layout, node));
      }
      const label = `${c.nodes} nodes, ${c.zones} zones, ${c.regions} regions`;
      expectClose(r.availability, probAtLeast(pmf, c.need), { rel: 1e-12 }, `${label} A`);
      expectClose(r.unavailability, probBelow(pmf, c.need), { rel: 1e-12 }, `${label} U`);
    }
  });

  it('answers for 100,000 and 1,000,000 nodes well under a second', () => {
    const node = fromUnavailability(1e-3);
    const cases = [
      { nodes: 100_000, need: 99_800 },
      { nodes: 100_000, need: 66_000, zones: { count: 3, each: fromUnavailability(1e-3) } },
      {
        nodes: 100_000,
        need: 60_000,
        zones: { count: 99, each: fromUnavailability(1e-3) },
        regions: { count: 33, each: fromUnavailability(1e-4) },
      },
      { nodes: 100_000, need: 50_000, zones: { count: 100_000, each: fromUnavailability(0.3) } },
      { nodes: 1_000_000, need: 999_000 },
      {
        nodes: 999_999,
        need: 600_000,
        zones: { count: 1000, each: fromUnavailability(1e-3) },
        regions: { count: 10, each: fromUnavailability(1e-3) },
      },
    ];
    for (const c of cases) {
      const { result: r, ms } = cpuTimeMs(() => fleetAvailability({ node, ...c }));
      expect(ms, `${c.nodes} nodes, ${c.zones?.count ?? 1} zones: ${ms.toFixed(0)} ms of CPU time`).toBeLessThan(1000);
      expect(Number.isFinite(r.availability) && Number.isFinite(r.unavailability)).toBe(true);
      expectClose(r.availability + r.unavailability, 1, { abs: 1e-14 }, 'A + U');
    }
  });

  it('rejects invalid arguments, naming them', () => {
    const p = fromAvailability(0.99);
    expect(() => fleetAvailability({ nodes: 0, need: 1, node: p })).toThrow(/nodes/);
    expect(() => fleetAvailability({ nodes: 3, need: 4, node: p })).toThrow(/need must be <= nodes/);
    expect(() => fleetAvailability({ nodes: 3, need: 0, node: p })).toThrow(/need/);
    expect(() => fleetAvailability({ nodes: 3, need: 2, node: { availability: 0.99, unavailability: 0.5 } })).toThrow(
      /node/,
    );
    expect(() => fleetAvailability({ nodes: 3, need: 2, node: p, zones: { count: 0, each: p } })).toThrow(
      /zones\.count/,
    );
    expect(() =>
      fleetAvailability({ nodes: 3, need: 2, node: p, zones: { count: 2, each: p }, regions: { count: 3, each: p } }),
    ).toThrow(/regions\.count/);
    expect(() => fleetAvailability({ nodes: 3, need: 2, node: p, regions: { count: 2, each: p } })).toThrow(
      /regions\.count/,
    );
  });
});
