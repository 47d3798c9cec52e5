// Cost against load (src/compare/costCurve.ts) on the contract's example scenario: the multiplier-1 point is the
// comparison's own best designs, re-sizing never makes a design cheaper at a higher load, the vertical runs out of
// CPU, and the crossover lies between the points that bracket it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import {
  type CostCurve,
  type CostCurveOptions,
  carriesLoad,
  costCurve,
  defaultMultipliers,
} from '../../src/compare/costCurve.js';
import { buildContext, compareScenario } from '../../src/compare/index.js';
import type { ArchitectureResult, ComparisonResult } from '../../src/compare/result.js';
import { better, searchVertical } from '../../src/compare/size.js';
import { readScenarioText } from '../../src/scenario/read.js';
import type { Scenario } from '../../src/scenario/types.js';
import { exampleScenario } from './scenario.js';

const catalog = loadCatalog();
const multipliers = defaultMultipliers();

function run(s: Scenario, opts: CostCurveOptions = {}): { s: Scenario; r: ComparisonResult; c: CostCurve } {
  const r = compareScenario(s, catalog);
  return { s, r, c: costCurve(s, catalog, r, multipliers, opts) };
}

function best(r: ComparisonResult, kind: ArchitectureResult['kind']): ArchitectureResult {
  let b: ArchitectureResult | null = null;
  for (const a of r.architectures) if (a.kind === kind && better(a, b)) b = a;
  if (b === null) throw new Error(`no ${kind} candidate`);
  return b;
}

/** The example with 16 KiB responses and a 1,600/s mean rate (models/scenarios/photo-sharing-viral.json): the
 * balancer's per-byte charge no longer dominates, so scaling out becomes cheaper before the box runs out. */
function smallResponses(): Scenario {
  const s = exampleScenario();
  return {
    ...s,
    workload: { ...s.workload, responseSizeBytes: 16 * 1024, averageRatePerS: 1600 },
    // as in the model file: 8 spares, so that a zone loss leaves the survivors under the 90% degraded cap
    architectures: (s.architectures ?? []).map((a) => (a.kind === 'horizontal' ? { ...a, spares: 8 } : a)),
  };
}

const example = run(exampleScenario());
// the searched designs frozen (re-sized at each load); searching again at every load is tested below. No budget: the
// example's 200 KiB responses put every horizontal design's balancer above its 30,000 USD, and the closest miss may
// then trade a p99 miss for a cheaper region (regional prices)
const unbudgeted = exampleScenario({ architectures: null });
const searched = run({ ...unbudgeted, targets: { ...unbudgeted.targets, budgetUsdPerMonth: null } }, { freeze: true });
const cheaper = run(smallResponses());

describe('defaultMultipliers', () => {
  it('25 points log-spaced from 0.1 to 10 with 1 exactly in the middle', () => {
    const m = defaultMultipliers();
    expect(m).toHaveLength(25);
    expect(m[0]).toBeCloseTo(0.1, 15);
    expect(m[12]).toBe(1);
    expect(m[24]).toBeCloseTo(10, 13);
    for (let i = 1; i < m.length; i++) {
      expect(Math.log10(m[i] as number) - Math.log10(m[i - 1] as number)).toBeCloseTo(1 / 12, 12);
    }
  });

  it('an even count still includes 1, increasing; fewer than 3 points is refused', () => {
    for (const n of [3, 4, 10, 24, 51]) {
      const m = defaultMultipliers(n);
      expect(m).toHaveLength(n);
      expect(m).toContain(1);
      expect(m[0]).toBeCloseTo(0.1, 15);
      expect(m[n - 1]).toBeCloseTo(10, 13);
      for (let i = 1; i < n; i++) expect(m[i] as number).toBeGreaterThan(m[i - 1] as number);
    }
    expect(() => defaultMultipliers(2)).toThrow(RangeError);
    expect(() => defaultMultipliers(7.5)).toThrow(RangeError);
  });
});

describe('costCurve on the example scenario', () => {
  it('has one row per multiplier, at the multiplied design rate', () => {
    const { r, c } = example;
    expect(c.points).toHaveLength(multipliers.length);
    c.points.forEach((p, i) => {
      expect(p.multiplier).toBe(multipliers[i]);
      expect(p.designRatePerS).toBeCloseTo(r.designRatePerS * (multipliers[i] as number), 6);
    });
  });

  for (const [name, t] of [
    ['explicit candidates', example],
    ['searched designs, frozen', searched],
    ['16 KiB responses', cheaper],
  ] as const) {
    it(`the multiplier-1 point is the result's own best designs (${name})`, () => {
      const one = t.c.points.find((p) => p.multiplier === 1);
      if (!one?.vertical || !one.horizontal) throw new Error('no multiplier-1 point');
      const v = best(t.r, 'vertical');
      const h = best(t.r, 'horizontal');
      expect(one.designRatePerS).toBe(t.r.designRatePerS);
      expect(one.vertical.usdPerMonth).toBeCloseTo(v.cost.usdPerMonth, 6);
      expect(one.vertical.instance).toBe(v.instance.name);
      expect(one.vertical.nodes).toBe(1);
      expect(one.vertical.meetsAllTargets).toBe(v.feasible);
      expect(one.horizontal.usdPerMonth).toBeCloseTo(h.cost.usdPerMonth, 6);
      expect(one.horizontal.instance).toBe(h.instance.name);
      expect(one.horizontal.nodes).toBe(h.nodes);
      expect(one.horizontal.meetsAllTargets).toBe(h.feasible);
    });

    it(`costs never fall as the load grows, where the design carries the load (${name})`, () => {
      for (const kind of ['vertical', 'horizontal'] as const) {
        const feasible = t.c.points.filter((p) => p[kind]?.feasible);
        expect(feasible.length).toBeGreaterThan(0);
        for (let i = 1; i < feasible.length; i++) {
          const a = feasible[i - 1]?.[kind]?.usdPerMonth as number;
          const b = feasible[i]?.[kind]?.usdPerMonth as number;
          expect(b, `${kind} at x${feasible[i]?.multiplier}`).toBeGreaterThanOrEqual(a);
        }
      }
    });

    it(`the vertical design runs out of CPU or memory at a high enough load (${name})`, () => {
      const last = t.c.points[t.c.points.length - 1];
      expect(last?.vertical?.feasible).toBe(false);
      expect(last?.vertical?.reason).toMatch(/CPU|memory/);
      const firstOut = t.c.points.findIndex((p) => p.vertical?.feasible === false);
      expect(firstOut).toBeGreaterThan(0);
      // once out, it stays out (capacity limits only tighten with load)
      for (const p of t.c.points.slice(firstOut)) expect(p.vertical?.feasible).toBe(false);
      const limit = t.c.verticalLimit;
      if (limit === null) throw new Error('no vertical limit');
      expect(limit.reason).toMatch(/^no \S+ size meets the (CPU|memory) limit; the closest, \S+: (CPU|memory):/);
      expect(limit.reason).toBe(t.c.points[firstOut]?.vertical?.reason);
      expect(limit.ratePerS).toBeGreaterThan(t.c.points[firstOut - 1]?.designRatePerS as number);
      expect(limit.ratePerS).toBeLessThanOrEqual(t.c.points[firstOut]?.designRatePerS as number);
    });

    it(`the horizontal design carries every load (${name})`, () => {
      for (const p of t.c.points) {
        expect(p.horizontal?.feasible).toBe(true);
        expect(p.horizontal?.reason).toBeUndefined();
      }
    });
  }

  it('the vertical limit is where a box just stops carrying the load (bisection to 0.05%)', () => {
    const limit = example.c.verticalLimit;
    if (limit === null) throw new Error('no vertical limit');
    const s = exampleScenario();
    const at = (rate: number) => {
      const m = rate / example.r.designRatePerS;
      const c = costCurve(s, catalog, example.r, [m]);
      return c.points[0]?.vertical?.feasible;
    };
    expect(at(limit.ratePerS)).toBe(false);
    expect(at(limit.ratePerS * (1 - 1e-3))).toBe(true);
  });

  it('when the box runs out first, the crossover is where it runs out (between the bracketing points)', () => {
    const { c } = example;
    expect(c.crossover?.kind).toBe('vertical-runs-out');
    expect(c.crossover?.ratePerS).toBe(c.verticalLimit?.ratePerS);
    // scaling out never became cheaper while both carried the load
    for (const p of c.points) {
      if (p.vertical?.feasible && p.horizontal?.feasible) {
        expect(p.horizontal.usdPerMonth).toBeGreaterThanOrEqual(p.vertical.usdPerMonth);
      }
    }
  });

  it('when scaling out gets cheaper first, the crossover lies between the points that bracket the sign change', () => {
    const { c } = cheaper;
    if (c.crossover === null) throw new Error('no crossover');
    expect(c.crossover.kind).toBe('cheaper');
    const i = c.points.findIndex((p, k) => {
      const q = c.points[k + 1];
      return (
        p.vertical?.feasible &&
        p.horizontal?.feasible &&
        q?.vertical?.feasible &&
        q.horizontal?.feasible &&
        p.horizontal.usdPerMonth >= p.vertical.usdPerMonth &&
        q.horizontal.usdPerMonth < q.vertical.usdPerMonth
      );
    });
    expect(i).toBeGreaterThanOrEqual(0);
    const a = c.points[i] as CostCurve['points'][number];
    const b = c.points[i + 1] as CostCurve['points'][number];
    expect(c.crossover.ratePerS).toBeGreaterThanOrEqual(a.designRatePerS);
    expect(c.crossover.ratePerS).toBeLessThan(b.designRatePerS);
    // linear in log rate: where the interpolated cost difference is zero
    const d = (p: typeof a) => (p.horizontal?.usdPerMonth as number) - (p.vertical?.usdPerMonth as number);
    const f = Math.log(c.crossover.ratePerS / a.designRatePerS) / Math.log(b.designRatePerS / a.designRatePerS);
    expect(d(a) + f * (d(b) - d(a))).toBeCloseTo(0, 6);
    // and it is the lowest such load: below it the box is never dearer while both carry the load
    for (const p of c.points.slice(0, i + 1)) {
      if (p.vertical?.feasible && p.horizontal?.feasible) {
        expect(p.horizontal.usdPerMonth).toBeGreaterThanOrEqual(p.vertical.usdPerMonth);
      }
    }
    // the box still runs out later, and says so
    expect(c.verticalLimit?.ratePerS).toBeGreaterThan(c.crossover.ratePerS);
  });

  it('multiplies the average rate too: transfer costs follow the load', () => {
    const { c } = cheaper;
    const lo = c.points[0]?.horizontal;
    const hi = c.points[c.points.length - 1]?.horizontal;
    expect(hi?.usdPerMonth as number).toBeGreaterThan(lo?.usdPerMonth as number);
    // a vertical box of one size costs more at a higher load only through traffic (transfer, balancer)
    const sameSize = c.points.filter((p) => p.vertical?.instance === c.points[0]?.vertical?.instance);
    const first = sameSize[0]?.vertical?.usdPerMonth as number;
    const last = sameSize[sameSize.length - 1]?.vertical?.usdPerMonth as number;
    expect(last).toBeGreaterThan(first);
  });

  it('only vertical candidates: no horizontal series and no crossover', () => {
    const s = exampleScenario();
    const only = { ...s, architectures: (s.architectures ?? []).filter((a) => a.kind === 'vertical') };
    const { c } = run(only);
    expect(c.points).toHaveLength(multipliers.length);
    for (const p of c.points) {
      expect(p.horizontal).toBeNull();
      expect(p.vertical).not.toBeNull();
    }
    expect(c.crossover).toBeNull();
    expect(c.verticalLimit).toEqual(example.c.verticalLimit);
  });

  it('only horizontal candidates: no vertical series, no limit, no crossover', () => {
    const s = exampleScenario();
    const only = { ...s, architectures: (s.architectures ?? []).filter((a) => a.kind === 'horizontal') };
    const { c } = run(only);
    for (const p of c.points) {
      expect(p.vertical).toBeNull();
      expect(p.horizontal?.feasible).toBe(true);
    }
    expect(c.crossover).toBeNull();
    expect(c.verticalLimit).toBeNull();
  });

  it('sorts and de-duplicates the multipliers and refuses non-positive ones', () => {
    const c = costCurve(example.s, catalog, example.r, [2, 0.5, 1, 2]);
    expect(c.points.map((p) => p.multiplier)).toEqual([0.5, 1, 2]);
    expect(() => costCurve(example.s, catalog, example.r, [0])).toThrow(RangeError);
    expect(() => costCurve(example.s, catalog, example.r, [Number.NaN])).toThrow(RangeError);
  });
});

describe('costCurve of a scenario without architectures: the search runs again at every load', () => {
  // the small internal tool without its candidates (a search takes a fraction of a second)
  const raw = JSON.parse(readFileSync(new URL('../../models/scenarios/internal-tool.json', import.meta.url), 'utf8'));
  delete raw.architectures;
  const s = readScenarioText(JSON.stringify(raw), 'internal-tool.json');
  const r = compareScenario(s, catalog);
  const ms = [0.25, 1, 4];
  const c = costCurve(s, catalog, r, ms);
  /** The scenario at a multiple of its load as the curve searches it: analytic, without its budget. */
  const at = (m: number): Scenario => ({
    ...s,
    workload: {
      ...s.workload,
      peakRatePerS: s.workload.peakRatePerS * m,
      averageRatePerS: s.workload.averageRatePerS === null ? null : s.workload.averageRatePerS * m,
    },
    targets: { ...s.targets, budgetUsdPerMonth: null },
    simulation: null,
    uncertain: [],
  });

  it('says so', () => {
    expect(c.designs).toBe('searched at every point');
    expect(costCurve(s, catalog, r, [1], { freeze: true }).designs).toBe('frozen');
  });

  it('every point is what a fresh compareScenario finds at that load (without the budget)', () => {
    const budget = s.targets.budgetUsdPerMonth as number;
    expect(budget).toBeGreaterThan(0);
    c.points.forEach((p, k) => {
      const fresh = compareScenario(at(ms[k] as number), catalog);
      expect(p.designRatePerS).toBeCloseTo(fresh.designRatePerS, 9);
      for (const kind of ['vertical', 'horizontal'] as const) {
        const b = best(fresh, kind);
        const q = p[kind];
        expect(q?.instance, `${kind} x${ms[k]}`).toBe(b.instance.name);
        expect(q?.nodes).toBe(b.nodes);
        expect(q?.usdPerMonth).toBeCloseTo(b.cost.usdPerMonth, 6);
        // every target of the scenario, its budget included
        expect(q?.meetsAllTargets).toBe(b.feasible && b.cost.usdPerMonth <= budget);
      }
    });
    // at today's load the result's own designs (they meet the budget)
    const one = c.points[1];
    expect(one?.vertical?.instance).toBe(best(r, 'vertical').instance.name);
    expect(one?.horizontal?.usdPerMonth).toBeCloseTo(best(r, 'horizontal').cost.usdPerMonth, 6);
    // four times the load: a bigger box than today's, found by the search (a frozen family re-sized would agree
    // here; the instance type is the search's, not a copy of today's)
    const v4 = c.points[2]?.vertical;
    expect(v4?.feasible).toBe(true);
    expect(v4?.instance).not.toBe(best(r, 'vertical').instance.name);
  });

  it("with freeze, every point keeps the instance type of today's designs (re-sized)", () => {
    const f = costCurve(s, catalog, r, ms, { freeze: true });
    const h = best(r, 'horizontal');
    const family = best(r, 'vertical').instance.name.split('.')[0];
    for (const p of f.points) {
      expect(p.horizontal?.instance).toBe(h.instance.name);
      expect(p.vertical?.instance.split('.')[0]).toBe(family);
    }
  });

  it('a scenario that names its architectures re-sizes them, freeze or not', () => {
    expect(example.c.designs).toBe('candidates');
    const f = costCurve(example.s, catalog, example.r, [1, 2], { freeze: true });
    expect(f.designs).toBe('candidates');
    expect(f.points).toEqual(costCurve(example.s, catalog, example.r, [1, 2]).points);
  });

  it('the searched vertical limit: where the best vertical design the search finds stops carrying the load', () => {
    // the example without candidates between 3x and 4.5x its load, where the biggest box runs out of CPU
    const e = exampleScenario({ architectures: null });
    const er = compareScenario(e, catalog);
    const ec = costCurve(e, catalog, er, [3, 4.5]);
    expect(ec.points[0]?.vertical?.feasible).toBe(true);
    expect(ec.points[1]?.vertical?.feasible).toBe(false);
    expect(ec.points[1]?.vertical?.reason).toMatch(/^the best the search finds there, \S+: CPU:/);
    const limit = ec.verticalLimit;
    if (limit === null) throw new Error('no vertical limit');
    expect(limit.reason).toBe(ec.points[1]?.vertical?.reason);
    expect(limit.ratePerS).toBeGreaterThan(ec.points[0]?.designRatePerS as number);
    expect(limit.ratePerS).toBeLessThanOrEqual(ec.points[1]?.designRatePerS as number);
    expect(ec.crossover).toEqual({ ratePerS: limit.ratePerS, kind: 'vertical-runs-out' });
    // bisection to 0.05%: the search's best box carries the load just below the limit and not at it
    const carries = (rate: number) => {
      const ctx = buildContext(
        { ...e, targets: { ...e.targets, budgetUsdPerMonth: null }, simulation: null, uncertain: [] },
        catalog,
      );
      const m = rate / ctx.designRatePerS;
      const sm = {
        ...ctx.scenario,
        workload: { ...ctx.scenario.workload, peakRatePerS: ctx.scenario.workload.peakRatePerS * m },
      };
      return carriesLoad(searchVertical(buildContext(sm, catalog)), e.targets.p99S);
    };
    expect(carries(limit.ratePerS)).toBe(false);
    expect(carries(limit.ratePerS * (1 - 1e-3))).toBe(true);
  }, 120_000);
});
