// The k-of-n simulation (capplan availability; kOfN.ts) against src/core/reliability fleetAvailability (k-of-n over
// zones and regions) on a grid of cases.
import { describe, expect, it } from 'vitest';
import { type KOfNSimConfig, simulateAvailability } from '../../../../src/core/sim/failures/index.js';
import { binomialBelow, covers, exactKOfN, NODE, REGION, ZONE } from './fixtures.js';

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
