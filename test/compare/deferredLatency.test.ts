/**
 * A result whose latency is computed on first read (deferredLatency.ts): its figures are the eager result's, and the
 * figures that do not depend on the latency are read without computing it (a system of tiers reads only those of its
 * tiers' results).
 */

import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { type DeferredResult, settle, settleLazily } from '../../src/compare/deferredLatency.js';
import type { HorizontalDesign, VerticalDesign } from '../../src/compare/designKinds.js';
import { evaluateHorizontal, evaluateHorizontalDeferred } from '../../src/compare/evaluateHorizontal.js';
import { evaluateVertical, evaluateVerticalDeferred } from '../../src/compare/evaluateVertical.js';
import { buildContext } from '../../src/compare/index.js';
import { parseScenario } from '../../src/scenario/normalize.js';

const catalog = loadCatalog();
const instance = (name: string) => {
  const i = catalog.instances.find((x) => x.name === name);
  if (i === undefined) throw new Error(name);
  return i;
};

/** A scenario whose targets some designs below meet and others miss (p99, availability, budget, memory). */
const ctx = buildContext(
  parseScenario({
    name: 'deferred',
    workload: { peakRate: '2000/s', serviceTime: '5 ms', workingSet: '40 GiB', writeFraction: '10%' },
    targets: { p99: '40 ms', availability: '99.95%', budget: '3000 USD/month' },
    users: [
      { region: 'us-east-1', share: '70%' },
      { region: 'eu-west-1', share: '30%' },
    ],
  }),
  catalog,
);

const vertical = (name: string, standby: 'none' | 'cold' | 'hot'): VerticalDesign => ({
  kind: 'vertical',
  name: 'v',
  origin: 'explicit',
  instance: instance(name),
  region: 'us-east-1',
  standby,
  standbyRegion: null,
});
const horizontal = (name: string, nodesByRegion: number[], regions: string[]): HorizontalDesign => ({
  kind: 'horizontal',
  name: 'h',
  origin: 'explicit',
  instance: instance(name),
  regions,
  nodesByRegion,
  spares: 1,
  zones: 3,
  balancer: 'least-loaded',
});

const cases: { label: string; deferred: () => DeferredResult; eager: () => unknown }[] = [
  ...(['m7i.4xlarge', 'm7i.8xlarge', 'r7i.2xlarge'] as const).flatMap((n) =>
    (['none', 'hot'] as const).map((s) => ({
      label: `${n}, ${s} standby`,
      deferred: () => evaluateVerticalDeferred(ctx, vertical(n, s)),
      eager: () => evaluateVertical(ctx, vertical(n, s)),
    })),
  ),
  ...[
    horizontal('m7i.xlarge', [4], ['us-east-1']),
    horizontal('m7i.xlarge', [8], ['us-east-1']),
    horizontal('r7i.xlarge', [6, 4], ['us-east-1', 'eu-west-1']),
  ].map((d) => ({
    label: `${d.nodesByRegion.join('+')} x ${d.instance.name}`,
    deferred: () => evaluateHorizontalDeferred(ctx, d),
    eager: () => evaluateHorizontal(ctx, d),
  })),
];

describe('a result with its latency deferred', () => {
  it('settled, is the eager evaluation (every field, in its order)', () => {
    const feasible = new Set<boolean>();
    for (const c of cases) {
      const eager = c.eager();
      const settled = settle(ctx, c.deferred());
      expect(JSON.stringify(settled), c.label).toBe(JSON.stringify(eager));
      feasible.add(settled.feasible);
    }
    // the cases meet every target and miss some
    expect(feasible).toEqual(new Set([true, false]));
  });

  it('settled lazily, has the same figures, and computes the latency once, only when it or a verdict is read', () => {
    for (const c of cases) {
      const d = c.deferred();
      let computed = 0;
      const lazy = settleLazily(ctx, {
        ...d,
        latency: () => {
          computed++;
          return d.latency();
        },
      });
      // what a system of tiers reads of a tier's result
      void [lazy.cost.usdPerMonth, lazy.availability.unavailability, lazy.utilization, lazy.notes, lazy.dataLoss];
      const m = lazy.meetsTargets;
      void [m.utilization, m.memory, m.availability, m.durability, m.budget];
      expect(computed, c.label).toBe(0);
      void lazy.feasible;
      expect(computed).toBe(1);
      expect({ ...lazy }).toEqual(c.eager());
      expect(computed).toBe(1);
    }
  });
});
