import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Availability,
  fleetAvailability,
  fromMtbfMttr,
  fromUnavailability,
  series,
} from '../../../src/core/reliability/index.js';
import { placedFleetAvailability } from '../../../src/core/reliability/placement.js';
import {
  boxTier,
  fleetTier,
  MAX_DOMAIN_STATES,
  placedFleetTier,
  type SharedDomains,
  seriesOverDomains,
  type TierOverDomains,
} from '../../../src/core/reliability/seriesOverDomains.js';
import { expectClose } from '../../helpers/expectClose.js';

// ---------------------------------------------------------------------------------------------------------------
// Independent reference. A world is written down as plain unavailabilities; the brute force lists EVERY component
// (each region, zone, balancer, the switch, each node and each own part of each tier) as one binary variable,
// enumerates all 2^n up/down combinations, and decides "tier up" and "system up" with the boolean predicates below,
// written from the model's words only (it shares no code with the conditioning, the grouping or the builders).
// ---------------------------------------------------------------------------------------------------------------

interface WSite {
  region: number;
  zone: number;
}
interface WBox {
  kind: 'box';
  name: string;
  nodeU: number;
  at: WSite;
  standby?: { at: WSite; nodeU: number };
  ownU?: number[];
  lb?: boolean;
  sw?: boolean;
}
interface WFleet {
  kind: 'fleet';
  name: string;
  nodeU: number;
  sites: (WSite & { nodes: number })[];
  need: number;
  ownU?: number[];
  lb?: boolean;
  sw?: boolean;
}
/** A placed fleet (placement.ts): fleet region k runs in shared region inRegions[k], node i in its zone i % zones. */
interface WPlaced {
  kind: 'placed';
  name: string;
  nodeU: number;
  inRegions: number[];
  regions: { nodes: number; zones: number }[];
  replication: number;
  writeQuorum: number;
  users: { share: number; order: number[] }[];
  need: number;
  lb?: boolean;
  sw?: boolean;
}
type WTier = WBox | WFleet | WPlaced;
interface World {
  regions: { u: number; zones: number[]; lbU?: number }[];
  switchU?: number;
  tiers: WTier[];
}

interface Brute {
  up: number;
  down: number;
  tierUp: number[];
  onlyDown: number[];
  common: number;
}

function bruteForce(w: World): Brute {
  const probs: number[] = []; // unavailability of component i
  const add = (u: number) => probs.push(u) - 1;
  const regionIx = w.regions.map((r) => add(r.u));
  const zoneIx = w.regions.map((r) => r.zones.map((u) => add(u)));
  const lbIx = w.regions.map((r) => (r.lbU === undefined ? -1 : add(r.lbU)));
  const swIx = w.switchU === undefined ? -1 : add(w.switchU);
  const tierIx = w.tiers.map((t) => {
    if (t.kind === 'box') {
      return {
        nodes: [add(t.nodeU), ...(t.standby ? [add(t.standby.nodeU)] : [])],
        own: (t.ownU ?? []).map(add),
      };
    }
    const nodes: number[] = [];
    if (t.kind === 'placed') {
      for (const reg of t.regions) for (let k = 0; k < reg.nodes; k++) nodes.push(add(t.nodeU));
      return { nodes, own: [] };
    }
    for (const s of t.sites) for (let k = 0; k < s.nodes; k++) nodes.push(add(t.nodeU));
    return { nodes, own: (t.ownU ?? []).map(add) };
  });
  const n = probs.length;
  if (n > 22) throw new Error(`brute force over ${n} components is too slow`);
  const out: Brute = {
    up: 0,
    down: 0,
    tierUp: w.tiers.map(() => 0),
    onlyDown: w.tiers.map(() => 0),
    common: 0,
  };
  const upOf = new Array<boolean>(n);
  for (let mask = 0; mask < 2 ** n; mask++) {
    let p = 1;
    for (let i = 0; i < n; i++) {
      const down = Math.floor(mask / 2 ** i) % 2 === 1;
      upOf[i] = !down;
      p *= down ? (probs[i] as number) : 1 - (probs[i] as number);
    }
    if (p === 0) continue;
    const serves = (s: WSite, lb: boolean) =>
      upOf[regionIx[s.region] as number] &&
      upOf[(zoneIx[s.region] as number[])[s.zone] as number] &&
      (!lb || upOf[lbIx[s.region] as number]);
    const switchUp = swIx < 0 || upOf[swIx];
    const tierUp = w.tiers.map((t, i) => {
      const ix = tierIx[i] as { nodes: number[]; own: number[] };
      const ownUp = ix.own.every((c) => upOf[c]);
      if (t.kind === 'box') {
        const active = upOf[ix.nodes[0] as number] && serves(t.at, t.lb === true);
        const standby = t.standby !== undefined && upOf[ix.nodes[1] as number] && serves(t.standby.at, t.lb === true);
        return ownUp && (active || standby);
      }
      if (t.kind === 'placed') return ownUp && placedUp(t, ix.nodes, upOf, regionIx, zoneIx, lbIx);
      let serving = 0;
      let k = 0;
      for (const s of t.sites) {
        for (let j = 0; j < s.nodes; j++, k++) if (upOf[ix.nodes[k] as number] && serves(s, t.lb === true)) serving++;
      }
      return ownUp && serving >= t.need;
    });
    const needsSwitch = w.tiers.some((t) => t.sw === true);
    const systemUp = tierUp.every((x) => x) && (!needsSwitch || switchUp);
    if (systemUp) out.up += p;
    else out.down += p;
    w.tiers.forEach((t, i) => {
      if (tierUp[i] && (t.sw !== true || switchUp)) out.tierUp[i] = (out.tierUp[i] as number) + p;
    });
    const downCount = tierUp.filter((x) => !x).length;
    const effectiveSwitchUp = !needsSwitch || switchUp;
    if (effectiveSwitchUp && downCount === 1) {
      const i = tierUp.indexOf(false);
      out.onlyDown[i] = (out.onlyDown[i] as number) + p;
    }
    if (!effectiveSwitchUp || downCount >= 2) out.common += p;
  }
  return out;
}

/**
 * The placed fleet's predicate, from placement.ts's definition (as its own test's reference): every set of
 * `replication` nodes of a region whose per-zone counts over the non-empty zones differ by at most one holds a
 * partition, and every combination of one such set per region; a user region reaches the first region of its order
 * that is up with its balancer (when the tier goes through it) and one of its zones; every loaded region needs `need`
 * live nodes; every partition needs a live copy and `writeQuorum` of them.
 */
function placedUp(
  t: WPlaced,
  nodeIx: number[],
  upOf: boolean[],
  regionIx: number[],
  zoneIx: number[][],
  lbIx: number[],
): boolean {
  const nodes: { k: number; region: number; zone: number; ix: number }[] = [];
  let n = 0;
  t.regions.forEach((reg, k) => {
    for (let i = 0; i < reg.nodes; i++) {
      nodes.push({ k, region: t.inRegions[k] as number, zone: i % reg.zones, ix: nodeIx[n++] as number });
    }
  });
  const regionUp = (k: number) => upOf[regionIx[t.inRegions[k] as number] as number] as boolean;
  const zoneUp = (k: number, z: number) => upOf[(zoneIx[t.inRegions[k] as number] as number[])[z] as number];
  const live = (x: (typeof nodes)[number]) => upOf[x.ix] && regionUp(x.k) && zoneUp(x.k, x.zone);
  const reachable = (k: number) =>
    regionUp(k) &&
    (t.lb !== true || upOf[lbIx[t.inRegions[k] as number] as number]) &&
    nodes.some((x) => x.k === k && zoneUp(k, x.zone));
  const loads = t.regions.map(() => 0);
  for (const u of t.users) {
    const to = u.order.find(reachable);
    if (to === undefined) return false;
    loads[to] = (loads[to] as number) + u.share;
  }
  for (let k = 0; k < t.regions.length; k++) {
    if ((loads[k] as number) > 0 && nodes.filter((x) => x.k === k && live(x)).length < t.need) return false;
  }
  const sets = t.regions.map((_, k) => {
    const mine = nodes.filter((x) => x.k === k);
    const zones = [...new Set(mine.map((x) => x.zone))];
    const out: (typeof nodes)[] = [];
    const pick = (start: number, acc: typeof nodes) => {
      if (acc.length === t.replication) {
        const counts = zones.map((z) => acc.filter((x) => x.zone === z).length);
        if (Math.max(...counts) - Math.min(...counts) <= 1) out.push(acc);
        return;
      }
      for (let i = start; i < mine.length; i++) pick(i + 1, [...acc, mine[i] as (typeof nodes)[number]]);
    };
    pick(0, []);
    return out;
  });
  const every = (k: number, liveSoFar: number): boolean =>
    k === t.regions.length
      ? liveSoFar >= 1 && liveSoFar >= t.writeQuorum
      : (sets[k] as (typeof nodes)[]).every((set) => every(k + 1, liveSoFar + set.filter(live).length));
  return every(0, 0);
}

// The world as the function under test takes it.
const av = (u: number): Availability => fromUnavailability(u);

function domainsOf(w: World): SharedDomains {
  return {
    regions: w.regions.map((r) => ({
      availability: av(r.u),
      zones: r.zones.map(av),
      ...(r.lbU === undefined ? {} : { balancer: av(r.lbU) }),
    })),
    ...(w.switchU === undefined ? {} : { globalSwitch: av(w.switchU) }),
  };
}

function tierOf(t: WTier): TierOverDomains {
  if (t.kind === 'placed') {
    return placedFleetTier({
      name: t.name,
      fleet: {
        regions: t.regions,
        node: av(t.nodeU),
        replication: t.replication,
        writeQuorum: t.writeQuorum,
        users: t.users,
        need: () => t.need,
      },
      inRegions: t.inRegions,
      ...(t.lb ? { throughBalancer: true } : {}),
      ...(t.sw ? { globalSwitch: true } : {}),
    });
  }
  const common = {
    name: t.name,
    node: av(t.nodeU),
    ...(t.ownU ? { own: t.ownU.map(av) } : {}),
    ...(t.lb ? { throughBalancer: true } : {}),
    ...(t.sw ? { globalSwitch: true } : {}),
  };
  if (t.kind === 'box') {
    return boxTier({
      ...common,
      at: t.at,
      ...(t.standby ? { standby: { at: t.standby.at, node: av(t.standby.nodeU) } } : {}),
    });
  }
  return fleetTier({ ...common, sites: t.sites, need: t.need });
}

const exact = (w: World) => seriesOverDomains(domainsOf(w), w.tiers.map(tierOf));

function expectMatchesBruteForce(w: World): void {
  const got = exact(w);
  const ref = bruteForce(w);
  const tol = { abs: 1e-12 };
  expectClose(got.availability, ref.up, tol, 'availability');
  expectClose(got.unavailability, ref.down, tol, 'unavailability');
  got.tiers.forEach((t, i) => {
    expectClose(t.availability.availability, ref.tierUp[i] as number, tol, `${t.name} availability`);
    expectClose(t.availability.unavailability, 1 - (ref.tierUp[i] as number), tol, `${t.name} unavailability`);
    expectClose(t.downtimeShare, ref.onlyDown[i] as number, tol, `${t.name} downtime share`);
  });
  expectClose(got.common, ref.common, tol, 'common');
  // the shares and the common part make up the whole downtime
  expectClose(
    got.tiers.reduce((s, t) => s + t.downtimeShare, got.common),
    got.unavailability,
    tol,
    'sum of parts',
  );
}

const plainProduct = (r: ReturnType<typeof seriesOverDomains>) =>
  r.tiers.reduce((a, t) => a * t.availability.availability, 1);

// app: 3 nodes over zones a, b, c (needs 2); db: a box in zone a with a hot standby in zone b, same region.
const SHARED_ZONES: World = {
  regions: [{ u: 0.002, zones: [0.01, 0.02, 0.03] }],
  tiers: [
    {
      kind: 'fleet',
      name: 'app',
      nodeU: 0.05,
      sites: [
        { region: 0, zone: 0, nodes: 1 },
        { region: 0, zone: 1, nodes: 1 },
        { region: 0, zone: 2, nodes: 1 },
      ],
      need: 2,
    },
    {
      kind: 'box',
      name: 'db',
      nodeU: 0.04,
      at: { region: 0, zone: 0 },
      standby: { at: { region: 0, zone: 1 }, nodeU: 0.04 },
    },
  ],
};

describe('seriesOverDomains: against a brute-force enumeration of every component (1e-12)', () => {
  it('app 3 nodes over 3 zones (needs 2) + db box with a hot standby in zones a/b of the same region', () => {
    expectMatchesBruteForce(SHARED_ZONES);
  });

  it('several nodes per zone, a tier with its own balancer part', () => {
    expectMatchesBruteForce({
      regions: [{ u: 0.01, zones: [0.05, 0.1, 0.02] }],
      tiers: [
        {
          kind: 'fleet',
          name: 'app',
          nodeU: 0.1,
          sites: [
            { region: 0, zone: 0, nodes: 2 },
            { region: 0, zone: 1, nodes: 2 },
            { region: 0, zone: 2, nodes: 1 },
          ],
          need: 3,
          ownU: [0.003],
        },
        { kind: 'box', name: 'cache', nodeU: 0.02, at: { region: 0, zone: 2 } },
        {
          kind: 'box',
          name: 'db',
          nodeU: 0.05,
          at: { region: 0, zone: 0 },
          standby: { at: { region: 0, zone: 1 }, nodeU: 0.07 },
        },
      ],
    });
  });

  it('two tiers over two regions, with region balancers and the global switch', () => {
    expectMatchesBruteForce({
      regions: [
        { u: 0.01, zones: [0.02, 0.03], lbU: 0.004 },
        { u: 0.02, zones: [0.01, 0.05], lbU: 0.006 },
      ],
      switchU: 0.001,
      tiers: [
        {
          kind: 'fleet',
          name: 'app',
          nodeU: 0.08,
          sites: [
            { region: 0, zone: 0, nodes: 1 },
            { region: 0, zone: 1, nodes: 1 },
            { region: 1, zone: 0, nodes: 1 },
            { region: 1, zone: 1, nodes: 1 },
          ],
          need: 2,
          lb: true,
          sw: true,
        },
        {
          kind: 'box',
          name: 'db',
          nodeU: 0.03,
          at: { region: 0, zone: 0 },
          standby: { at: { region: 1, zone: 1 }, nodeU: 0.03 },
          ownU: [0.002],
          sw: true,
        },
      ],
    });
  });

  it('a tier in one region + a tier in two regions + an independent tier in a third region', () => {
    const w: World = {
      regions: [
        { u: 0.03, zones: [0.05, 0.04] },
        { u: 0.02, zones: [0.06] },
        { u: 0.01, zones: [0.02] },
      ],
      tiers: [
        {
          kind: 'fleet',
          name: 'cache',
          nodeU: 0.1,
          sites: [
            { region: 0, zone: 0, nodes: 1 },
            { region: 0, zone: 1, nodes: 1 },
          ],
          need: 1,
        },
        {
          kind: 'fleet',
          name: 'db',
          nodeU: 0.05,
          sites: [
            { region: 0, zone: 0, nodes: 1 },
            { region: 0, zone: 1, nodes: 1 },
            { region: 1, zone: 0, nodes: 1 },
          ],
          need: 2,
        },
        { kind: 'box', name: 'app', nodeU: 0.02, at: { region: 2, zone: 0 } },
      ],
    };
    expectMatchesBruteForce(w);
    // regions 0 and 1 form one group (db spans them), region 2 another: 1 + 2^2 states, times 1 + 2, plus 1 + 2
    const r = exact(w);
    expect(r.states).toBe(5 * 3 + 3);
    expect(r.method).toContain('2 independent groups');
  });

  it('a placed database (3 copies over 3 zones, writes need 2) + an app box and a cache box in the same zones', () => {
    expectMatchesBruteForce({
      regions: [{ u: 0.02, zones: [0.05, 0.08, 0.03], lbU: 0.01 }],
      tiers: [
        { kind: 'box', name: 'app', nodeU: 0.03, at: { region: 0, zone: 0 }, lb: true },
        { kind: 'box', name: 'cache', nodeU: 0.06, at: { region: 0, zone: 1 } },
        {
          kind: 'placed',
          name: 'db',
          nodeU: 0.07,
          inRegions: [0],
          regions: [{ nodes: 4, zones: 3 }],
          replication: 3,
          writeQuorum: 2,
          users: [{ share: 1, order: [0] }],
          need: 2,
          lb: true,
        },
      ],
    });
  });

  it('a placed fleet over two regions (strong writes: 3 of 4 copies) + an app fleet over both and a box in one', () => {
    expectMatchesBruteForce({
      regions: [
        { u: 0.03, zones: [0.05, 0.04], lbU: 0.02 },
        { u: 0.02, zones: [0.06, 0.03], lbU: 0.01 },
      ],
      switchU: 0.005,
      tiers: [
        {
          kind: 'fleet',
          name: 'app',
          nodeU: 0.1,
          sites: [
            { region: 0, zone: 0, nodes: 1 },
            { region: 1, zone: 1, nodes: 1 },
          ],
          need: 1,
          lb: true,
          sw: true,
        },
        {
          kind: 'placed',
          name: 'db',
          nodeU: 0.08,
          inRegions: [1, 0],
          regions: [
            { nodes: 2, zones: 2 },
            { nodes: 2, zones: 2 },
          ],
          replication: 2,
          writeQuorum: 3,
          users: [
            { share: 0.6, order: [0, 1] },
            { share: 0.4, order: [1, 0] },
          ],
          need: 1,
          lb: true,
          sw: true,
        },
        { kind: 'box', name: 'search', nodeU: 0.05, at: { region: 0, zone: 1 } },
      ],
    });
  });

  it('the switch alone, once, when two tiers are reached through it; a region that never fails', () => {
    expectMatchesBruteForce({
      regions: [
        { u: 0, zones: [0.1, 0.2] },
        { u: 0.05, zones: [0.1] },
      ],
      switchU: 0.01,
      tiers: [
        { kind: 'box', name: 'a', nodeU: 0.1, at: { region: 0, zone: 0 }, sw: true },
        { kind: 'box', name: 'b', nodeU: 0.1, at: { region: 1, zone: 0 }, sw: true },
        { kind: 'box', name: 'c', nodeU: 0, at: { region: 0, zone: 1 } },
      ],
    });
  });
});

describe('seriesOverDomains: the plain product of tier availabilities', () => {
  it('double-counts a shared zone: the exact series is higher than the product', () => {
    const r = exact(SHARED_ZONES);
    const product = plainProduct(r);
    // measured: exact U 1.8089e-2 against 2.0375e-2 for the product (the product's downtime is 12.6% too high: it
    // counts the region and zones a and b once per tier)
    expect(r.availability).toBeGreaterThan(product);
    expectClose(1 - product, 0.020375011569, { rel: 1e-9 }, 'product unavailability');
    expectClose(r.unavailability, 0.018089309369, { rel: 1e-9 }, 'exact unavailability');
  });

  it('two single boxes in one zone: U = 1 - a_z a_n^2 exactly, the product counts the zone twice', () => {
    const w: World = {
      regions: [{ u: 0, zones: [0.01] }],
      tiers: [
        { kind: 'box', name: 'app', nodeU: 0.01, at: { region: 0, zone: 0 } },
        { kind: 'box', name: 'db', nodeU: 0.01, at: { region: 0, zone: 0 } },
      ],
    };
    const r = exact(w);
    expectClose(r.unavailability, 1 - 0.99 ** 3, { rel: 1e-12 }, 'exact');
    expectClose(1 - plainProduct(r), 1 - 0.99 ** 4, { rel: 1e-12 }, 'product');
  });

  it('with realistic failure rates (payment-processing reliability block), the product is off by the zone and region terms', () => {
    const h = 3600;
    const node = fromMtbfMttr((8766 * h) / 0.56, 2 * h);
    const zone = fromMtbfMttr(8766 * h, 6 * h);
    const region = fromMtbfMttr(17532 * h, 24 * h);
    const domains: SharedDomains = { regions: [{ availability: region, zones: [zone, zone, zone] }] };
    const app = fleetTier({
      name: 'app',
      node,
      sites: [0, 1, 2].map((z) => ({ region: 0, zone: z, nodes: 2 })),
      need: 4,
    });
    const db = boxTier({ name: 'db', node, at: { region: 0, zone: 0 }, standby: { at: { region: 0, zone: 1 } } });
    const r = seriesOverDomains(domains, [app, db]);
    const productU = -Math.expm1(Math.log(plainProduct(r)));
    // the product counts the region outage twice: about U_region more downtime (1.37e-3 vs 2.74e-3)
    expect(productU / r.unavailability).toBeGreaterThan(1.9);
    expectClose(productU - r.unavailability, region.unavailability, { rel: 0.01 }, 'extra downtime of the product');
    // a region outage takes both tiers: it is in `common`, in neither tier's share
    expect(r.common).toBeGreaterThan(region.unavailability);
  });

  it('equals the product (1e-12) when the tiers share no domain', () => {
    const w: World = {
      regions: [
        { u: 0.02, zones: [0.05, 0.03] },
        { u: 0.01, zones: [0.04] },
        { u: 0.03, zones: [0.01, 0.02, 0.06] },
      ],
      tiers: [
        {
          kind: 'fleet',
          name: 'app',
          nodeU: 0.1,
          sites: [
            { region: 0, zone: 0, nodes: 2 },
            { region: 0, zone: 1, nodes: 2 },
          ],
          need: 2,
        },
        { kind: 'box', name: 'cache', nodeU: 0.05, at: { region: 1, zone: 0 } },
        {
          kind: 'box',
          name: 'db',
          nodeU: 0.04,
          at: { region: 2, zone: 0 },
          standby: { at: { region: 2, zone: 2 }, nodeU: 0.04 },
        },
      ],
    };
    const r = exact(w);
    const parts = r.tiers.map((t) => t.availability);
    const s = series(parts);
    expectClose(r.availability, s.availability, { abs: 1e-12 }, 'availability');
    expectClose(r.unavailability, s.unavailability, { abs: 1e-12 }, 'unavailability');
    expectClose(r.availability, plainProduct(r), { abs: 1e-12 }, 'plain product');
  });
});

describe('seriesOverDomains: one tier is the existing single-design model', () => {
  it('a fleet over zones and regions equals domains.ts fleetAvailability (round-robin placement)', () => {
    const node = av(0.07);
    const zone = av(0.03);
    const region = av(0.02);
    // 7 nodes, 4 zones, 2 regions: node i in zone i % 4, zone z in region z % 2
    const zonesPerRegion = [
      [0, 2],
      [1, 3],
    ] as const;
    const domains: SharedDomains = {
      regions: zonesPerRegion.map((zs) => ({ availability: region, zones: zs.map(() => zone) })),
    };
    const sites = [0, 1, 2, 3].map((z) => ({
      region: z % 2,
      zone: Math.floor(z / 2),
      nodes: [0, 1, 2, 3, 4, 5, 6].filter((i) => i % 4 === z).length,
    }));
    for (const need of [1, 3, 5, 7]) {
      const r = seriesOverDomains(domains, [fleetTier({ name: 'f', node, sites, need })]);
      const ref = fleetAvailability({
        nodes: 7,
        need,
        node,
        zones: { count: 4, each: zone },
        regions: { count: 2, each: region },
      });
      expectClose(r.unavailability, ref.unavailability, { rel: 1e-12 }, `need ${need}`);
      expectClose(r.availability, ref.availability, { rel: 1e-12 }, `need ${need}`);
    }
  });

  it('a placed fleet alone equals placement.ts placedFleetAvailability (unconditioned)', () => {
    const node = av(0.04);
    const zone = av(0.02);
    const region = av(0.01);
    const balancer = av(0.003);
    const fleet = {
      regions: [
        { nodes: 5, zones: 3 },
        { nodes: 4, zones: 2 },
      ],
      node,
      replication: 3,
      writeQuorum: 4,
      users: [
        { share: 0.7, order: [0, 1] },
        { share: 0.3, order: [1, 0] },
      ],
      need: (r: number, load: number) => (r === 0 ? 2 : 1) + (load > 0.5 ? 1 : 0),
    };
    const ref = placedFleetAvailability({ ...fleet, zone, region, balancer });
    const domains: SharedDomains = {
      regions: [
        { availability: region, zones: [zone, zone, zone], balancer },
        { availability: region, zones: [zone, zone], balancer },
      ],
    };
    const r = seriesOverDomains(domains, [
      placedFleetTier({ name: 'db', fleet, inRegions: [0, 1], throughBalancer: true }),
    ]);
    expectClose(r.unavailability, ref.unavailability, { rel: 1e-12 }, 'unavailability');
    expectClose(r.availability, ref.availability, { rel: 1e-12 }, 'availability');
  });

  it('keeps the digits of a tiny unavailability (nine nines and beyond)', () => {
    const domains: SharedDomains = {
      regions: [{ availability: av(1e-9), zones: [av(1e-7), av(1e-7)] }],
    };
    const db = boxTier({
      name: 'db',
      node: av(1e-5),
      at: { region: 0, zone: 0 },
      standby: { at: { region: 0, zone: 1 } },
    });
    const r = seriesOverDomains(domains, [db]);
    // region + (node or zone down on both sides): 1e-9 + (1e-5 + 1e-7)^2 to first order
    const side = 1e-5 + 1e-7 - 1e-12; // 1 - (1 - 1e-5)(1 - 1e-7), without the cancellation
    const expected = 1e-9 + (1 - 1e-9) * side * side;
    expectClose(r.unavailability, expected, { rel: 1e-12 }, 'unavailability');
  });
});

describe('seriesOverDomains: invalid input and the enumeration limit', () => {
  const d: SharedDomains = { regions: [{ availability: av(0.01), zones: [av(0.01)] }] };
  it('throws on a site outside the domains, an empty series, a balancer or switch that is not there', () => {
    expect(() => seriesOverDomains(d, [])).toThrow(/non-empty/);
    expect(() => seriesOverDomains(d, [boxTier({ name: 'x', node: av(0.1), at: { region: 1, zone: 0 } })])).toThrow(
      /no region 1/,
    );
    expect(() => seriesOverDomains(d, [boxTier({ name: 'x', node: av(0.1), at: { region: 0, zone: 3 } })])).toThrow(
      /has 1 zones/,
    );
    expect(() =>
      seriesOverDomains(d, [boxTier({ name: 'x', node: av(0.1), at: { region: 0, zone: 0 }, throughBalancer: true })]),
    ).toThrow(/no balancer/);
    expect(() =>
      seriesOverDomains(d, [boxTier({ name: 'x', node: av(0.1), at: { region: 0, zone: 0 }, globalSwitch: true })]),
    ).toThrow(/no global switch/);
    expect(() => fleetTier({ name: 'x', node: av(0.1), sites: [{ region: 0, zone: 0, nodes: 2 }], need: 3 })).toThrow(
      /need must be <= the 2 nodes/,
    );
  });

  it(`refuses a group of more than ${MAX_DOMAIN_STATES} states, names the tiers; 3 regions x 3 zones is fine`, () => {
    const region = (zones: number) => ({
      availability: av(0.01),
      zones: Array.from({ length: zones }, () => av(0.01)),
    });
    const spanning = (R: number, Z: number) =>
      fleetTier({
        name: 'wide',
        node: av(0.01),
        sites: Array.from({ length: R * Z }, (_, i) => ({ region: Math.floor(i / Z), zone: i % Z, nodes: 1 })),
        need: 1,
      });
    const ok = seriesOverDomains({ regions: [region(3), region(3), region(3)] }, [spanning(3, 3)]);
    expect(ok.states).toBe(9 ** 3);
    // 4 regions of 4 zones: 17^4 = 83,521 states
    expect(() =>
      seriesOverDomains({ regions: [region(4), region(4), region(4), region(4)] }, [spanning(4, 4)]),
    ).toThrow(/wide.*65536 states/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties over random worlds (1-2 regions of 1-3 zones, optional balancers and switch, 1-3 tiers).
// ---------------------------------------------------------------------------------------------------------------

const uArb = fc.double({ min: 0, max: 0.3, noNaN: true });

const worldArb: fc.Arbitrary<World> = fc
  .record({
    regions: fc.array(fc.record({ u: uArb, zones: fc.array(uArb, { minLength: 1, maxLength: 3 }) }), {
      minLength: 1,
      maxLength: 2,
    }),
    lbU: fc.option(uArb, { nil: undefined }),
    switchU: fc.option(uArb, { nil: undefined }),
    seeds: fc.array(
      fc.record({
        box: fc.boolean(),
        nodeU: uArb,
        standbyU: fc.option(uArb, { nil: undefined }),
        picks: fc.array(fc.nat(100), { minLength: 1, maxLength: 4 }),
        nodes: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
        needFrac: fc.double({ min: 0, max: 1, noNaN: true }),
        lb: fc.boolean(),
        sw: fc.boolean(),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map(({ regions, lbU, switchU, seeds }) => {
    const allSites: WSite[] = regions.flatMap((r, ri) => r.zones.map((_, z) => ({ region: ri, zone: z })));
    const pick = (k: number) => allSites[k % allSites.length] as WSite;
    const tiers: WTier[] = seeds.map((s, i) => {
      const lb = lbU !== undefined && s.lb;
      const sw = switchU !== undefined && s.sw;
      if (s.box) {
        return {
          kind: 'box',
          name: `t${i}`,
          nodeU: s.nodeU,
          at: pick(s.picks[0] as number),
          ...(s.standbyU !== undefined ? { standby: { at: pick(s.picks.at(-1) as number), nodeU: s.standbyU } } : {}),
          lb,
          sw,
        };
      }
      const seen = new Set<string>();
      const sites: (WSite & { nodes: number })[] = [];
      s.picks.forEach((k, j) => {
        const site = pick(k);
        const key = `${site.region}/${site.zone}`;
        if (seen.has(key)) return;
        seen.add(key);
        sites.push({ ...site, nodes: s.nodes[j] as number });
      });
      if (sites.every((x) => x.nodes === 0)) (sites[0] as { nodes: number }).nodes = 1;
      const total = sites.reduce((a, x) => a + x.nodes, 0);
      const need = Math.max(1, Math.ceil(s.needFrac * total));
      return { kind: 'fleet', name: `t${i}`, nodeU: s.nodeU, sites, need, lb, sw };
    });
    return {
      regions: regions.map((r) => ({ ...r, ...(lbU !== undefined ? { lbU } : {}) })),
      ...(switchU !== undefined ? { switchU } : {}),
      tiers,
    };
  });

/** The world with one more copy in tier i: a node at a site of a fleet, or a standby for a box without one. */
function withCopy(w: World, i: number, at: number): World | null {
  const t = w.tiers[i] as WTier;
  const allSites: WSite[] = w.regions.flatMap((r, ri) => r.zones.map((_, z) => ({ region: ri, zone: z })));
  let more: WTier;
  if (t.kind === 'placed') return null;
  if (t.kind === 'fleet') {
    const sites = t.sites.map((s) => ({ ...s }));
    (sites[at % sites.length] as { nodes: number }).nodes++;
    more = { ...t, sites };
  } else {
    if (t.standby !== undefined) return null;
    more = { ...t, standby: { at: allSites[at % allSites.length] as WSite, nodeU: t.nodeU } };
  }
  return { ...w, tiers: w.tiers.map((x, k) => (k === i ? more : x)) };
}

describe('seriesOverDomains: properties', () => {
  it('matches the brute force on random small worlds', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const comps =
          w.regions.reduce((s, r) => s + 1 + r.zones.length + (r.lbU === undefined ? 0 : 1), 0) +
          (w.switchU === undefined ? 0 : 1) +
          w.tiers.reduce(
            (s, t) =>
              s +
              (t.kind === 'box'
                ? t.standby
                  ? 2
                  : 1
                : t.kind === 'fleet'
                  ? t.sites.reduce((a, x) => a + x.nodes, 0)
                  : 0),
            0,
          );
        fc.pre(comps <= 16);
        expectMatchesBruteForce(w);
      }),
      { numRuns: 60, seed: 13 },
    );
  });

  it('adding a copy (a node, a standby) to any tier never lowers the series availability', () => {
    fc.assert(
      fc.property(worldArb, fc.nat(10), fc.nat(100), (w, i, at) => {
        const k = i % w.tiers.length;
        const more = withCopy(w, k, at);
        fc.pre(more !== null);
        const before = exact(w);
        const after = exact(more as World);
        expect(after.availability).toBeGreaterThanOrEqual(before.availability - 1e-15);
        expect(after.unavailability).toBeLessThanOrEqual(before.unavailability + 1e-15);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('the series availability is at most the smallest tier availability, and at least the product', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const r = exact(w);
        const smallest = Math.min(...r.tiers.map((t) => t.availability.availability));
        expect(r.availability).toBeLessThanOrEqual(smallest + 1e-15);
        // tiers are positively associated through the shared domains (Esary-Proschan-Walkup): P(all up) >= product.
        // With the switch counted once, the product counts it once per tier that uses it: still below.
        expect(r.availability).toBeGreaterThanOrEqual(plainProduct(r) - 1e-15);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe('seriesOverDomains: the conditionals asked of each tier', () => {
  it('once per state of the domains it declares: every state when it declares them all (no memo), its own otherwise', () => {
    const u = fromUnavailability(1e-3);
    const domains: SharedDomains = { regions: [{ availability: u, zones: [u, u, u], balancer: u }] };
    const counted = (t: TierOverDomains, calls: string[]): TierOverDomains => ({
      ...t,
      upGiven: (s) => {
        calls.push(`${s.region[0]}${s.zone[0]?.join('')}${s.balancer[0]}`);
        return t.upGiven(s);
      },
    });
    const node = fromUnavailability(0.01);
    const everywhere = fleetTier({
      name: 'app',
      node,
      sites: [0, 1, 2].map((zone) => ({ region: 0, zone, nodes: 2 })),
      need: 3,
      throughBalancer: true,
    });
    const one = boxTier({ name: 'db', node, at: { region: 0, zone: 1 } });
    const a: string[] = [];
    const b: string[] = [];
    const got = seriesOverDomains(domains, [counted(everywhere, a), counted(one, b)]);
    // 1 + 2^(3 zones + the balancer) states, each a different one for the tier in every zone
    expect(got.states).toBe(17);
    expect(a.length).toBe(17);
    expect(new Set(a).size).toBe(17);
    // the box sees its zone and its region only: down, its zone down, both up
    expect(b.length).toBe(3);
    // and the figures are those of the same tiers asked without counting
    expect(got).toEqual(seriesOverDomains(domains, [everywhere, one]));
  });
});
