// A service time measured on one family (workload.serviceTimeFamily), carried to the others by their per-vCPU
// performance (src/compare/perVcpu.ts): the scaling by hand, its plumbing into every queue a design meets, the
// scenario's overrides, and properties of the search (a faster vCPU at the same price never loses).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { effectiveServiceTimeS } from '../../src/compare/capacity.js';
import { buildContext } from '../../src/compare/context.js';
import { evaluateHorizontal } from '../../src/compare/evaluateHorizontal.js';
import { evaluateVertical } from '../../src/compare/evaluateVertical.js';
import { compareScenario } from '../../src/compare/index.js';
import { horizontalLayout } from '../../src/compare/layout.js';
import { perVcpuNote, speedup } from '../../src/compare/perVcpu.js';
import { requestSims } from '../../src/compare/simulationPlan.js';
import { nodesPerRegion } from '../../src/compare/size.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import type { Scenario } from '../../src/scenario/types.js';
import { expectClose } from '../helpers/expectClose.js';
import { errorsOf, minimalScenario } from '../scenario/example.js';
import { smallScenario } from './scenario.js';

const catalog = loadCatalog();
const inst = (name: string) => {
  const i = catalog.instance(name);
  if (!i) throw new Error(name);
  return i;
};

/** Erlang C by the Erlang B recursion (Gross et al. 2008, section 2.3), written out here independently of src/core. */
function erlangC(servers: number, offered: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offered * b) / (k + offered * b);
  const rho = offered / servers;
  return b / (1 - rho * (1 - b));
}

/** One m7g.xlarge (4 vCPU, 16 GiB) box in us-east-1 serving `s`. */
function box(s: Scenario, name = 'm7g.xlarge') {
  const ctx = buildContext(s, catalog);
  const r = evaluateVertical(ctx, {
    kind: 'vertical',
    name: 'box',
    origin: 'explicit',
    instance: inst(name),
    region: 'us-east-1',
    standby: 'none',
    standbyRegion: null,
  });
  return { ctx, r };
}

describe('the service time on another family: S_f = S x perf(measured) / perf(f)', () => {
  it('10 ms on m7i is 10 / 1.25 = 8 ms on an m7g vCPU rated 1.25: the M/M/4 of one m7g.xlarge at 200/s, by hand', () => {
    // 200/s x 8 ms = 1.6 Erlangs on 4 servers: utilisation 0.4, mean wait C(4, 1.6) / (4 / 8 ms - 200/s)
    const s = smallScenario({ peakRatePerS: 200, serviceTimeS: 0.01, perVcpuPerformance: { m7g: 1.25 } });
    const { ctx, r } = box(s);
    expect(ctx.node(inst('m7g.xlarge'))).toEqual({ vcpu: 4, speedup: 1.25 });
    expectClose(effectiveServiceTimeS(s.workload, ctx.node(inst('m7g.xlarge'))), 0.008, { rel: 1e-15 });
    expectClose(r.utilization, 0.4, { rel: 1e-12 }, 'utilisation = 200/s x 8 ms / 4');
    const waitS = erlangC(4, 1.6) / (4 / 0.008 - 200);
    expectClose(waitS, 0.0003023, { rel: 1e-3 }, 'the hand figure: C(4, 1.6) = 0.0907, / 300/s');
    expectClose(r.latency.meanQueueWaitMs as number, waitS * 1000, { rel: 1e-12 }, 'mean wait, ms');
    expect(r.instance.perVcpuSpeedup).toBe(1.25);
    expect(r.notes.some((n) => n.includes('10 ms measured on m7i x 1 / 1.25 = 8 ms'))).toBe(true);
    expect(r.notes.some((n) => n.includes('m7g 1.25 (workload.perVcpuPerformance)'))).toBe(true);
  });

  it("without an override the catalog's CoreMark figure: 10 ms / 1.177 on m7g; m7i itself unscaled and without a note", () => {
    const s = smallScenario({ peakRatePerS: 200, serviceTimeS: 0.01 });
    const perf = catalog.perVcpuPerformance.get('m7g')?.relativeToM7i as number;
    expect(perf).toBe(1.177); // reference prices.json perVcpuPerformance: m7g 1.18 (CoreMark per vCPU / m7i's)
    const { r } = box(s);
    expectClose(r.utilization, (200 * (0.01 / perf)) / 4, { rel: 1e-12 });
    expect(r.notes.some((n) => n.includes('an estimate'))).toBe(true);
    const own = box(s, 'm7i.xlarge').r;
    expect(own.utilization).toBe((200 * 0.01) / 4);
    expect(own.instance.perVcpuSpeedup).toBe(1);
    expect(own.notes.some((n) => n.startsWith('service time scaled'))).toBe(false);
  });

  it('a service time measured on m7g is slower on m7i: 10 ms x 1.177 / 1 on an m7i vCPU; m6i 10 x 1.177 / 0.77 = 15.3 ms', () => {
    const s = smallScenario({ peakRatePerS: 200, serviceTimeS: 0.01, serviceTimeFamily: 'm7g' });
    expect(box(s, 'm7g.xlarge').r.utilization).toBe((200 * 0.01) / 4);
    expectClose(box(s, 'm7i.xlarge').r.utilization, (200 * 0.01 * 1.177) / 4, { rel: 1e-12 });
    expectClose(speedup(catalog, s.workload, 'm6i'), 0.77 / 1.177, { rel: 1e-15 });
    expect(perVcpuNote(catalog, s.workload, 'm6i')).toContain('10 ms measured on m7g x 1.177 / 0.77 = 15.3 ms');
  });

  it('a horizontal design sizes, and its every region and degraded queue serves, at the scaled time', () => {
    const s = smallScenario({ peakRatePerS: 4000, serviceTimeS: 0.01, perVcpuPerformance: { c7g: 0.5 } });
    const ctx = buildContext(s, catalog);
    const spec = {
      name: 'h',
      origin: 'explicit' as const,
      regions: ['us-east-1'],
      spares: 1,
      zones: 3,
      balancer: 'least-loaded' as const,
    };
    const layout = horizontalLayout(ctx, spec.regions, spec.zones);
    const nodes = (name: string) => nodesPerRegion(ctx, inst(name), spec, layout)[0] as number;
    // half as fast per vCPU: 4000/s x 20 ms = 80 vCPUs busy against 40 on m7i; at most 75% per node of 4 vCPUs
    expect(nodes('c7g.xlarge')).toBeGreaterThanOrEqual(Math.ceil(80 / (4 * 0.75)) + 1);
    expect(nodes('m7i.xlarge')).toBeLessThan(Math.ceil(80 / (4 * 0.75)));
    const n = nodes('c7g.xlarge');
    const r = evaluateHorizontal(
      ctx,
      { kind: 'horizontal', instance: inst('c7g.xlarge'), nodesByRegion: [n], ...spec },
      layout,
    );
    expectClose(r.utilization, (4000 * 0.02) / (4 * n), { rel: 1e-12 });
  });

  it('the simulation serves each request at the scaled time (simulation inputs)', () => {
    const s: Scenario = {
      ...smallScenario({ peakRatePerS: 200, serviceTimeS: 0.01, perVcpuPerformance: { m7g: 1.25 } }),
      simulation: { seed: 1, requests: 1000, years: 10, bursts: null, weibullShape: null, repairCrews: null },
    };
    const { ctx } = box(s);
    const plan = requestSims(ctx, {
      kind: 'vertical',
      name: 'box',
      origin: 'explicit',
      instance: inst('m7g.xlarge'),
      region: 'us-east-1',
      standby: 'none',
      standbyRegion: null,
    });
    const service = plan[0]?.config.service;
    expectClose(service?.meanS as number, 0.008, { rel: 1e-15 });
  });
});

describe('workload.serviceTimeFamily and workload.perVcpuPerformance in a scenario file', () => {
  const withWorkload = (extra: Record<string, unknown>) => {
    const s = minimalScenario() as { workload: Record<string, unknown> };
    s.workload = { ...s.workload, ...extra };
    return s;
  };

  it('default m7i and no overrides (a default taken); given ones are kept', () => {
    const d = parseScenario(minimalScenario());
    expect(d.workload.serviceTimeFamily).toBe('m7i');
    expect(d.workload.perVcpuPerformance).toEqual({});
    expect(d.defaulted).toContain('workload.serviceTimeFamily');
    const g = parseScenario(withWorkload({ serviceTimeFamily: 'c7g', perVcpuPerformance: { m7g: 0.9, c7i: 1.05 } }));
    expect(g.workload.serviceTimeFamily).toBe('c7g');
    expect(g.workload.perVcpuPerformance).toEqual({ m7g: 0.9, c7i: 1.05 });
  });

  it('bad values: one line each naming the field, the value and what was expected', () => {
    expect(errorsOf(withWorkload({ serviceTimeFamily: 'm7x' }))).toEqual([
      expect.stringMatching(
        /^workload\.serviceTimeFamily: "m7x": expected a catalog instance family \(did you mean m7i\?\)/,
      ),
    ]);
    expect(errorsOf(withWorkload({ perVcpuPerformance: { graviton: 0.9 } }))).toEqual([
      expect.stringMatching(/^workload\.perVcpuPerformance\.graviton: "graviton": expected a catalog instance family/),
    ]);
    const [zero] = errorsOf(withWorkload({ perVcpuPerformance: { m7g: 0 } }));
    expect(zero).toMatch(/^workload\.perVcpuPerformance\.m7g: 0: expected .*> 0/);
    const [text] = errorsOf(withWorkload({ perVcpuPerformance: { m7g: 'fast' } }));
    expect(text).toMatch(/^workload\.perVcpuPerformance\.m7g: "fast": expected a number/);
    const [list] = errorsOf(withWorkload({ perVcpuPerformance: [0.9] }));
    expect(list).toMatch(/^workload\.perVcpuPerformance: .*expected an object \{ FAMILY: factor \}/);
  });
});

describe('properties: a faster vCPU at the same price never loses', () => {
  // every family but the one the service time is measured on (m7i: its own figure scales nothing, the ratio is 1)
  const families = ['c7i', 'm7g', 'c7g', 'r7g', 'm6i'];
  const sizes = ['large', 'xlarge', '2xlarge', '4xlarge'];

  it('the same type, faster: no more nodes, no dearer; at as many nodes no slower, no less available (horizontal sizing, fast-check)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...families),
        fc.constantFrom(...sizes),
        fc.double({ min: 50, max: 20000, noNaN: true }),
        fc.double({ min: 0.001, max: 0.05, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 0.3, max: 2, noNaN: true }),
        fc.double({ min: 1.01, max: 3, noNaN: true }),
        (family, size, rate, serviceS, cv, perf, faster) => {
          const instance = catalog.instance(`${family}.${size}`);
          if (instance === undefined) return;
          const at = (p: number) => {
            const s = smallScenario({
              peakRatePerS: rate,
              serviceTimeS: serviceS,
              serviceTimeCv: cv,
              perVcpuPerformance: { [family]: p },
            });
            const ctx = buildContext(s, catalog);
            const spec = {
              name: 'h',
              origin: 'searched' as const,
              regions: ['us-east-1'],
              spares: 1,
              zones: 3,
              balancer: 'least-loaded' as const,
            };
            const layout = horizontalLayout(ctx, spec.regions, spec.zones);
            const nodesByRegion = nodesPerRegion(ctx, instance, spec, layout);
            return evaluateHorizontal(ctx, { kind: 'horizontal', instance, nodesByRegion, ...spec }, layout);
          };
          const slow = at(perf);
          const fast = at(perf * faster);
          expect(fast.nodes).toBeLessThanOrEqual(slow.nodes);
          expect(fast.cost.usdPerMonth).toBeLessThanOrEqual(slow.cost.usdPerMonth);
          // with fewer nodes at the same spares the design may survive less (4 nodes over 3 zones ride out a zone
          // loss worse than 5): the search, which tries other spares and zones, is the next property
          if (fast.nodes === slow.nodes) {
            if (slow.feasible) expect(fast.feasible).toBe(true);
            expect(fast.utilization).toBeLessThan(slow.utilization);
            expect(fast.latency.p99Ms as number).toBeLessThanOrEqual((slow.latency.p99Ms as number) * (1 + 1e-12));
            expect(fast.availability.unavailability).toBeLessThanOrEqual(slow.availability.unavailability);
          }
        },
      ),
      { numRuns: 60, seed: 15 },
    );
  });

  it('the search: a family made faster at its own price never makes the best vertical or horizontal dearer (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('m7g', 'c7i', 'm6i', 'r7g'),
        fc.double({ min: 200, max: 6000, noNaN: true }),
        fc.double({ min: 0.002, max: 0.03, noNaN: true }),
        fc.double({ min: 1.1, max: 2.5, noNaN: true }),
        (family, rate, serviceS, faster) => {
          const perf = catalog.perVcpuPerformance.get(family)?.relativeToM7i as number;
          const best = (p: number) => {
            const s = smallScenario({
              peakRatePerS: rate,
              serviceTimeS: serviceS,
              perVcpuPerformance: { [family]: p },
            });
            return compareScenario(s, catalog).architectures;
          };
          const before = best(perf);
          const after = best(perf * faster);
          for (const kind of ['vertical', 'horizontal'] as const) {
            const b = before.find((a) => a.kind === kind);
            const a = after.find((x) => x.kind === kind);
            if (b === undefined || a === undefined) throw new Error(`no best ${kind}`);
            if (b.feasible) {
              expect(a.feasible).toBe(true);
              expect(a.cost.usdPerMonth).toBeLessThanOrEqual(b.cost.usdPerMonth * (1 + 1e-12));
            }
          }
        },
      ),
      { numRuns: 5, seed: 15 },
    );
    // each run is two full searches: seconds each on a loaded 2-core machine
  }, 180_000);
});
