// Where the network alone puts a region's p99 over the target (capacity.ts networkAloneMisses, issue 18): no node
// count meets it, so the sizing skips that test and sizes on the queue alone, and regionNeed keeps one answer for
// every such region. Checked against the p99 itself on random paths and queues, and the memoised sizing against
// nodesNeeded computed afresh for every instance type (types of the same vCPUs and speed share an answer).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import {
  type GroupPath,
  networkAloneMisses,
  nodesNeeded,
  queueAtLoad,
  scopedP99AtMost,
  scopedP99S,
} from '../../src/compare/capacity.js';
import { buildContext } from '../../src/compare/context.js';
import type { HorizontalLayout } from '../../src/compare/layout.js';
import { regionNeed } from '../../src/compare/regionNeed.js';
import { searchableInstances } from '../../src/compare/size.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import { propertyScenario } from '../helpers/propertyScenario.js';

const catalog = loadCatalog();

const path = (share: number, networkS: number, writeFraction = 0, writeExtraS = 0): GroupPath & { region: string } => ({
  region: 'x',
  share,
  networkS,
  writeFraction,
  writeExtraS,
});

const pathsArb = fc.array(
  fc.record({
    share: fc.integer({ min: 1, max: 100 }),
    networkMs: fc.double({ min: 0, max: 300, noNaN: true }),
    writeFraction: fc.constantFrom(0, 0.2, 0.5),
    writeExtraMs: fc.constantFrom(0, 5, 40),
  }),
  { minLength: 1, maxLength: 6 },
);

describe('networkAloneMisses', () => {
  it('by hand: 10% of the requests at 80 ms miss a 50 ms p99; 1% of them, or all under it, do not decide', () => {
    expect(networkAloneMisses([path(0.9, 0.01), path(0.1, 0.08)], 0.05)).toBe(true);
    // exactly 1% beyond: the queue decides
    expect(networkAloneMisses([path(0.99, 0.01), path(0.01, 0.08)], 0.05)).toBe(false);
    expect(networkAloneMisses([path(1, 0.049)], 0.05)).toBe(false);
    // writes beyond through their quorum detour: half of a 4% group's requests
    expect(networkAloneMisses([path(0.96, 0.01), path(0.04, 0.04, 0.5, 0.02)], 0.05)).toBe(true);
  });

  it('when it says so, the p99 of the paths exceeds the target at every node count', () => {
    const ctx = buildContext(
      parseScenario(
        propertyScenario({
          rate: 2000,
          serviceMs: 4,
          workingSetGiB: 8,
          availability: '99.9%',
          p99Ms: 50,
          strong: false,
          users: ['us-east-1'],
        }),
      ),
      catalog,
    );
    const w = ctx.scenario.workload;
    let decided = 0;
    fc.assert(
      fc.property(
        pathsArb,
        fc.double({ min: 5, max: 300, noNaN: true }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 40 }),
        (raw, targetMs, vcpu, nodes) => {
          const paths = raw.map((p) => path(p.share / 100, p.networkMs / 1000, p.writeFraction, p.writeExtraMs / 1000));
          const targetS = targetMs / 1000;
          if (!networkAloneMisses(paths, targetS)) return;
          decided++;
          const q = queueAtLoad(w, { vcpu, speedup: 1 }, 2000, nodes, 'pooled');
          expect(scopedP99AtMost(paths, q, 'all-users', targetS)).toBe(false);
          if (q.stable) expect(scopedP99S(paths, q, 'all-users')).toBeGreaterThan(targetS);
        },
      ),
      { seed: 18, numRuns: 300 },
    );
    expect(decided).toBeGreaterThan(50);
  });

  it("regionNeed's memo answers what nodesNeeded computes, for every type, on regions near and far", () => {
    const ctx = buildContext(
      parseScenario(
        propertyScenario({
          rate: 15000,
          serviceMs: 2,
          workingSetGiB: 8,
          availability: '99.9%',
          p99Ms: 50,
          strong: false,
          users: ['us-east-1'],
        }),
      ),
      catalog,
    );
    const t = ctx.scenario.targets;
    // two regions whose users the network alone keeps over 50 ms (differently), and one near its users
    const far1 = [path(0.2, 0.01), path(0.1, 0.09)];
    const far2 = [path(0.25, 0.12)];
    const near = [path(0.3, 0.02)];
    const layout: HorizontalLayout = { paths: [far1, far2, near], share: [0.3, 0.25, 0.3], users: [] };
    expect(layout.paths.map((p) => networkAloneMisses(p, t.p99S))).toEqual([true, true, false]);
    for (const instance of searchableInstances(ctx).slice(0, 60)) {
      for (const r of [0, 1, 2]) {
        for (const share of [0.3, 0.25]) {
          const memo = regionNeed(ctx, { instance, balancer: 'least-loaded' }, layout, r, share);
          const fresh = nodesNeeded(
            ctx.scenario.workload,
            ctx.node(instance),
            ctx.designRatePerS * share,
            'pooled',
            layout.paths[r] ?? [],
            t.p99S,
            t.p99Scope,
          );
          expect(memo).toEqual(fresh);
        }
      }
    }
  });
});
