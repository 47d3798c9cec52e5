/**
 * A design evaluated for its targets only (evaluate.ts evaluateTargets, what an uncertain input's samples read): the
 * cost, availability, utilisation, memory, p99, network p99, targets met, feasibility, shortfall and reasons are
 * evaluate()'s, bit for bit, under either p99 scope; the report-only latency figures and the notes are not computed.
 */

import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import type { Design } from '../../src/compare/designKinds.js';
import { evaluate, evaluateTargets } from '../../src/compare/evaluate.js';
import { buildContext } from '../../src/compare/index.js';
import type { ArchitectureResult } from '../../src/compare/result.js';
import { parseScenario } from '../../src/scenario/normalize.js';

const catalog = loadCatalog();
const instance = (name: string) => {
  const i = catalog.instances.find((x) => x.name === name);
  if (i === undefined) throw new Error(name);
  return i;
};

/** A scenario whose targets some designs below meet and others miss (p99, availability, budget, memory). */
const contextOf = (p99Scope: 'all-users' | 'every-region', consistency: 'eventual' | 'strong') =>
  buildContext(
    parseScenario({
      name: 'targets only',
      workload: {
        peakRate: '2000/s',
        serviceTime: '5 ms',
        serviceTimeCv: 1.5,
        workingSet: '40 GiB',
        writeFraction: '10%',
        consistency,
      },
      targets: { p99: '100 ms', p99Scope, availability: '99.95%', budget: '6000 USD/month' },
      users: [
        { region: 'us-east-1', share: '70%' },
        { region: 'eu-west-1', share: '29.5%' },
        { region: 'ap-southeast-2', share: '0.5%' },
      ],
    }),
    catalog,
  );

const designs: Design[] = [
  ...(['m7i.4xlarge', 'm7i.8xlarge', 'r7i.2xlarge'] as const).flatMap((n) =>
    (['none', 'cold', 'hot'] as const).map(
      (standby): Design => ({
        kind: 'vertical',
        name: 'v',
        origin: 'explicit',
        instance: instance(n),
        region: 'us-east-1',
        standby,
        standbyRegion: standby === 'hot' && n === 'm7i.8xlarge' ? 'eu-west-1' : null,
      }),
    ),
  ),
  ...(
    [
      ['m7i.xlarge', [4], ['us-east-1']],
      ['m7i.xlarge', [8], ['us-east-1']],
      ['r7i.xlarge', [6, 4], ['us-east-1', 'eu-west-1']],
      ['c7i.large', [9, 6, 3], ['us-east-1', 'eu-west-1', 'ap-southeast-2']],
    ] as const
  ).map(
    ([n, nodesByRegion, regions]): Design => ({
      kind: 'horizontal',
      name: 'h',
      origin: 'explicit',
      instance: instance(n),
      regions: [...regions],
      nodesByRegion: [...nodesByRegion],
      spares: 1,
      zones: 3,
      balancer: 'least-loaded',
    }),
  ),
];

/** The figures evaluateTargets promises (see its comment). */
const decided = (r: ArchitectureResult) => ({
  cost: r.cost,
  availability: r.availability,
  utilization: r.utilization,
  memoryNeededGiB: r.memoryNeededGiB,
  p99Ms: r.latency.p99Ms,
  networkP99Ms: r.latency.networkP99Ms,
  meetsTargets: r.meetsTargets,
  feasible: r.feasible,
  shortfall: r.shortfall,
  infeasibleReason: r.infeasibleReason,
});

describe('a design evaluated for its targets only', () => {
  for (const scope of ['all-users', 'every-region'] as const) {
    it(`has evaluate()'s cost, nines, p99 and verdicts, bit for bit (${scope}; eventual and strong writes)`, () => {
      const p99Met = new Set<boolean>();
      const stable = new Set<boolean>();
      let noted = 0;
      for (const consistency of ['eventual', 'strong'] as const) {
        const ctx = contextOf(scope, consistency);
        for (const d of designs) {
          const full = evaluate(ctx, d);
          const targets = evaluateTargets(ctx, d);
          const label = `${consistency} ${d.kind} ${d.instance.name}`;
          expect(JSON.stringify(decided(targets)), label).toBe(JSON.stringify(decided(full)));
          // every user region's figures where the scope judges them (or where a queue is unstable: no p99 anywhere)
          if (scope === 'every-region' || full.latency.p99Ms === null) {
            expect(JSON.stringify(targets.latency.byUserRegion), label).toBe(JSON.stringify(full.latency.byUserRegion));
          } else expect(targets.latency.byUserRegion, label).toEqual([]);
          // the report-only figures are not computed
          expect(targets.latency.p50Ms, label).toBeNull();
          expect(targets.latency.p999Ms, label).toBeNull();
          expect(full.latency.p50Ms === null, label).toBe(full.latency.p99Ms === null);
          // nor the notes (a report's)
          expect(targets.notes, label).toEqual([]);
          noted += full.notes.length;
          p99Met.add(full.meetsTargets.p99);
          stable.add(full.latency.p99Ms !== null);
        }
      }
      // the cases meet the p99 and miss it, and some queues are unstable
      expect(p99Met).toEqual(new Set([true, false]));
      expect(stable).toEqual(new Set([true, false]));
      expect(noted).toBeGreaterThan(0);
    });
  }

  it('the cases include designs that meet every target and designs that miss some', () => {
    const feasible = new Set(designs.map((d) => evaluate(contextOf('all-users', 'eventual'), d).feasible));
    expect(feasible).toEqual(new Set([true, false]));
  });
});
