// The configs (configs.ts) are plain data: through JSON they give the same chunk; the fleet's needed table per set of
// up regions.
import { describe, expect, it } from 'vitest';
import {
  type AvailabilitySimConfig,
  type FleetSimConfig,
  fleetSimConfig,
  simulateAvailabilityChunk,
  verticalSimConfig,
} from '../../../../src/core/sim/failures/index.js';
import { rel, smallKOfN } from './fixtures.js';

describe('configs', () => {
  const config = smallKOfN;

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
});
