// Uncertain inputs propagated to the candidates (src/compare/uncertainty.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { compareScenario } from '../../src/compare/index.js';
import { latinHypercube } from '../../src/core/stats/latinHypercube.js';
import type { Scenario, UncertainInput } from '../../src/scenario/types.js';
import { exampleScenario } from './scenario.js';

const catalog = loadCatalog();

function ranged(inputs: UncertainInput[], over: Partial<Scenario> = {}): Scenario {
  const s = exampleScenario(over);
  const w = { ...s.workload };
  for (const i of inputs) {
    if (i.path === 'workload.peakRate') w.peakRatePerS = i.median;
    if (i.path === 'workload.serviceTime') w.serviceTimeS = i.median;
  }
  return { ...s, workload: w, uncertain: inputs };
}

const peak = (p5: number, p95: number): UncertainInput => ({
  path: 'workload.peakRate',
  p5,
  p95,
  distribution: 'lognormal',
  median: Math.sqrt(p5 * p95),
});

describe('propagated uncertainty', () => {
  it('no ranges, no uncertainty block', () => {
    expect(compareScenario(exampleScenario(), catalog).uncertainty).toBeUndefined();
  });

  it('a range of zero width gives the point figures in every sample', () => {
    const r = compareScenario(ranged([peak(4000, 4000)]), catalog);
    const u = r.uncertainty;
    expect(u?.samples).toBe(200);
    r.architectures.forEach((a, i) => {
      const x = u?.byArchitecture[i];
      expect(x?.name).toBe(a.name);
      expect(x?.costUsdPerMonth.p5).toBeCloseTo(a.cost.usdPerMonth, 6);
      expect(x?.costUsdPerMonth.p95).toBeCloseTo(a.cost.usdPerMonth, 6);
      expect(x?.nines.p50).toBeCloseTo(a.availability.nines, 9);
      expect(x?.probMeetsAll).toBe(a.feasible ? 1 : 0);
    });
  });

  it('more load makes every target less likely to be met (same designs, shifted range)', () => {
    const scenario = (lo: number, hi: number) => {
      const s = ranged([peak(lo, hi)]);
      // fix the designs so that only the load moves
      s.architectures = [
        {
          kind: 'horizontal',
          name: 'h',
          family: 'm7i',
          size: '2xlarge',
          nodes: 40,
          spares: 1,
          zones: 3,
          regions: ['us-east-1'],
          balancer: 'least-loaded',
        },
      ];
      return compareScenario(s, catalog).uncertainty?.byArchitecture[0];
    };
    const low = scenario(2000, 4000);
    const high = scenario(3000, 6000);
    expect(high?.probMeets.p99 as number).toBeLessThanOrEqual(low?.probMeets.p99 as number);
    expect(high?.probMeets.utilization as number).toBeLessThan(low?.probMeets.utilization as number);
    expect(high?.p99Ms?.p95 as number).toBeGreaterThanOrEqual(low?.p99Ms?.p95 as number);
  });

  it('common random numbers: two identical candidates get identical distributions', () => {
    const s = ranged([peak(3000, 6000)]);
    const h = {
      kind: 'horizontal' as const,
      family: 'm7i',
      size: '2xlarge',
      nodes: 40,
      spares: 1,
      zones: 3,
      regions: ['us-east-1'],
      balancer: 'random' as const,
    };
    s.architectures = [
      { ...h, name: 'a' },
      { ...h, name: 'b' },
    ];
    const u = compareScenario(s, catalog).uncertainty;
    expect({ ...u?.byArchitecture[0], name: 'x' }).toEqual({ ...u?.byArchitecture[1], name: 'x' });
  });

  it('is deterministic for a seed', () => {
    const s = ranged([peak(3000, 6000)]);
    expect(JSON.stringify(compareScenario(s, catalog))).toBe(JSON.stringify(compareScenario(s, catalog)));
  });
});

describe('Latin hypercube', () => {
  it('property: each input has exactly one draw in each of the n strata', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 4 }), fc.nat(1000), (n, k, seed) => {
        const u = latinHypercube(n, k, seed);
        for (let j = 0; j < k; j++) {
          const strata = u.map((row) => Math.floor((row[j] as number) * n)).sort((a, b) => a - b);
          if (!strata.every((s, i) => s === i)) return false;
        }
        return true;
      }),
      { seed: 3, numRuns: 100 },
    );
  });
});
