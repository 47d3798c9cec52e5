/**
 * A fleet's availability figure kept across contexts (sharedFleetAvailability.ts): the same figure as
 * fleetAvailability, whatever was asked before. Each input is changed on its own (a neighbour of the base inputs);
 * every neighbour's figure differs from the base's (so that a key without that input would hand it the base's), and
 * asked in a fresh copy of the module after the base (and before it), the shared figure is fleetAvailability's.
 */

import { describe, expect, it, vi } from 'vitest';
import type { FleetPlacement, FleetRegion, FleetUsers } from '../../src/compare/availability.js';
import { fleetAvailability } from '../../src/compare/availability.js';
import type { Availability, TrafficSwitch } from '../../src/core/reliability/index.js';
import type { Reliability } from '../../src/scenario/types.js';
import { exampleReliability } from './scenario.js';

interface Inputs {
  rel: Reliability;
  regions: FleetRegion[];
  users: FleetUsers[];
  /** needed(r, share) = ceil(perShare[r] share): the fewest up nodes for a load share. */
  perShare: number[];
  balancer: Availability;
  placement: FleetPlacement;
  sw: TrafficSwitch | null;
}

const needed = (x: Inputs) => (r: number, share: number) => Math.ceil((x.perShare[r] as number) * share);

const BASE: Inputs = {
  rel: exampleReliability(),
  regions: [
    { id: 'us-east-1', nodes: 6, zones: 3 },
    { id: 'eu-west-1', nodes: 4, zones: 2 },
  ],
  users: [
    { share: 0.6, order: [0, 1] },
    { share: 0.4, order: [1, 0] },
  ],
  perShare: [5, 4],
  balancer: { availability: 1 - 1e-4, unavailability: 1e-4 },
  placement: { replication: 2, writeQuorum: 1 },
  sw: { availability: { availability: 1 - 1e-5, unavailability: 1e-5 }, failoverS: 120 },
};

const H = 3600;
/** The base and, after it, each input changed on its own. */
const NEIGHBOURS: [string, Inputs][] = [
  ['base', BASE],
  ['node mtbf', { ...BASE, rel: { ...BASE.rel, node: { ...BASE.rel.node, mtbfS: 1000 * H } } }],
  ['node mttr', { ...BASE, rel: { ...BASE.rel, node: { ...BASE.rel.node, mttrS: 12 * H } } }],
  ['zone mtbf', { ...BASE, rel: { ...BASE.rel, zone: { ...BASE.rel.zone, mtbfS: 1000 * H } } }],
  ['zone mttr', { ...BASE, rel: { ...BASE.rel, zone: { ...BASE.rel.zone, mttrS: 12 * H } } }],
  ['region mtbf', { ...BASE, rel: { ...BASE.rel, region: { ...BASE.rel.region, mtbfS: 2000 * H } } }],
  ['region mttr', { ...BASE, rel: { ...BASE.rel, region: { ...BASE.rel.region, mttrS: 24 * H } } }],
  ['failover', { ...BASE, rel: { ...BASE.rel, failoverS: 300 } }],
  ['nodes', { ...BASE, regions: [{ id: 'us-east-1', nodes: 7, zones: 3 }, BASE.regions[1] as FleetRegion] }],
  ['zones', { ...BASE, regions: [{ id: 'us-east-1', nodes: 6, zones: 2 }, BASE.regions[1] as FleetRegion] }],
  [
    'shares',
    {
      ...BASE,
      users: [
        { share: 0.3, order: [0, 1] },
        { share: 0.7, order: [1, 0] },
      ],
    },
  ],
  [
    'orders',
    {
      ...BASE,
      users: [
        { share: 0.6, order: [1, 0] },
        { share: 0.4, order: [1, 0] },
      ],
    },
  ],
  ['needed', { ...BASE, perShare: [6, 4] }],
  ['balancer', { ...BASE, balancer: { availability: 1 - 1e-3, unavailability: 1e-3 } }],
  ['replication', { ...BASE, placement: { replication: 1, writeQuorum: 1 } }],
  ['write quorum', { ...BASE, placement: { replication: 2, writeQuorum: 3 } }],
  [
    'switch',
    { ...BASE, sw: { ...(BASE.sw as TrafficSwitch), availability: { availability: 0.999, unavailability: 1e-3 } } },
  ],
  ['switch failover', { ...BASE, sw: { ...(BASE.sw as TrafficSwitch), failoverS: 900 } }],
  ['no switch', { ...BASE, sw: null }],
];

const direct = (x: Inputs) => fleetAvailability(x.rel, x.regions, x.users, needed(x), x.balancer, x.placement, x.sw);

type Module = typeof import('../../src/compare/sharedFleetAvailability.js');
async function fresh(): Promise<Module> {
  vi.resetModules();
  return await import('../../src/compare/sharedFleetAvailability.js');
}
const shared = (m: Module, x: Inputs) =>
  m.sharedFleetAvailability(x.rel, x.regions, x.users, needed(x), x.balancer, x.placement, x.sw);

describe('sharedFleetAvailability', () => {
  it('every neighbour has another figure than the base', () => {
    const base = direct(BASE);
    for (const [name, x] of NEIGHBOURS.slice(1)) expect(direct(x), name).not.toEqual(base);
  });

  it('after the base, and before it, each neighbour gets its own figure', async () => {
    for (const [name, x] of NEIGHBOURS.slice(1)) {
      const after = await fresh();
      shared(after, BASE);
      expect(shared(after, x), name).toEqual(direct(x));
      const before = await fresh();
      shared(before, x);
      expect(shared(before, BASE), name).toEqual(direct(BASE));
    }
  });

  it('all of them in one copy, twice over: each its own figure, the second time from the memo', async () => {
    const m = await fresh();
    const first = NEIGHBOURS.map(([, x]) => shared(m, x));
    const second = NEIGHBOURS.map(([, x]) => shared(m, x));
    NEIGHBOURS.forEach(([name, x], i) => {
      expect(first[i], name).toEqual(direct(x));
      expect(second[i], name).toBe(first[i]);
    });
  });

  it('a `needed` that answers one question otherwise gets its own figure', async () => {
    const m = await fresh();
    const base = shared(m, BASE);
    // the same answers but at the full load share of the first region
    const other = (r: number, share: number) => (r === 0 && share === 1 ? 6 : needed(BASE)(r, share));
    const figure = m.sharedFleetAvailability(
      BASE.rel,
      BASE.regions,
      BASE.users,
      other,
      BASE.balancer,
      BASE.placement,
      BASE.sw,
    );
    const expected = fleetAvailability(
      BASE.rel,
      BASE.regions,
      BASE.users,
      other,
      BASE.balancer,
      BASE.placement,
      BASE.sw,
    );
    expect(figure).toEqual(expected);
    expect(figure).not.toEqual(base);
  });
});
