// Sensitivity of the recommendation to the inputs (src/compare/sensitivity.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { frozenArchitectures, memoCompare } from '../../src/compare/designs.js';
import { compareScenario } from '../../src/compare/index.js';
import type { ComparisonResult } from '../../src/compare/result.js';
import {
  display,
  type SensitivityInput,
  type SensitivityResult,
  sensitivity,
  withInput,
} from '../../src/compare/sensitivity.js';
import { readScenarioText } from '../../src/scenario/read.js';
import type { Scenario } from '../../src/scenario/types.js';

const catalog = loadCatalog();
const FILE = new URL('../../models/scenarios/photo-sharing-viral.json', import.meta.url);
const RAW = readFileSync(FILE, 'utf8');

/** The example with changes to its raw JSON. */
function example(edit: (raw: Record<string, unknown>) => void = () => {}): Scenario {
  const raw = JSON.parse(RAW) as Record<string, unknown>;
  edit(raw);
  return readScenarioText(JSON.stringify(raw), 'photo-sharing-viral.json');
}

function analyse(s: Scenario, relative?: number): SensitivityResult {
  return sensitivity(s, catalog, compareScenario(s, catalog), relative === undefined ? {} : { relative });
}

const scenario = example();
const result = analyse(scenario);
const byPath = (r: SensitivityResult, path: string): SensitivityInput => {
  const i = r.inputs.find((x) => x.path === path);
  if (i === undefined) throw new Error(`no input ${path}`);
  return i;
};

/** The recommendation of the scenario (analytic, explicit candidates as given) with one input at `value`. */
const recommendationAt = (s: Scenario, path: string, value: number): string | null =>
  compareScenario({ ...withInput(s, path, value), simulation: null, uncertain: [] }, catalog).recommendation.name;

describe('sensitivity of the photo-sharing example', () => {
  it('varies every workload, reliability and target input, sorted by swing', () => {
    expect(result.relative).toBe(0.5);
    // the example's recommendation (capplan run models/scenarios/photo-sharing-viral.json)
    expect(result.baseRecommendation).toBe('scale out, 2 regions');
    const paths = result.inputs.map((i) => i.path);
    for (const p of [
      'workload.peakRate',
      'workload.serviceTime',
      'workload.serviceTimeCv',
      'workload.growth.perYear',
      'workload.workingSet',
      'workload.writeFraction',
      'workload.requestSize',
      'workload.responseSize',
      'reliability.node.mtbf',
      'reliability.region.mttr',
      'reliability.failover',
      'targets.p99',
      'targets.availability',
      'targets.budget',
      'targets.maxUtilization',
    ]) {
      expect(paths).toContain(p);
    }
    for (let k = 1; k < result.inputs.length; k++) {
      const prev = result.inputs[k - 1] as SensitivityInput;
      const cur = result.inputs[k] as SensitivityInput;
      expect(prev.swingUsdPerMonth).toBeGreaterThanOrEqual(cur.swingUsdPerMonth);
    }
    for (const i of result.inputs) {
      expect(i.low).toBeLessThanOrEqual(i.base);
      expect(i.high).toBeGreaterThanOrEqual(i.base);
      expect(i.swingUsdPerMonth).toBeCloseTo(Math.abs(i.costHigh - i.costLow), 6);
      expect(i.source).toBe('relative');
    }
  });

  it('peak rate moves the cost as much as CPU time per request and ranks near the top', () => {
    // The load is rate x CPU time, so the two move the design identically. In this example peak rate ranks 4th,
    // not in the top three: the recommended 2-region design is memory-bound at base (21 nodes per region for the
    // 300 GiB working set), so a lower rate saves nothing, while the working set, the utilisation target and the
    // growth (which also scales the transfer volumes through averageRate) move its cost more.
    const rank = result.inputs.findIndex((i) => i.path === 'workload.peakRate');
    expect(rank).toBeGreaterThanOrEqual(0);
    expect(rank).toBeLessThan(4);
    const peak = byPath(result, 'workload.peakRate');
    expect(peak.swingUsdPerMonth).toBeGreaterThan(0);
    expect(peak.swingUsdPerMonth).toBeCloseTo(byPath(result, 'workload.serviceTime').swingUsdPerMonth, 6);
    expect(peak).toMatchObject({ base: 4000, low: 2000, high: 6000 });
    // the decision is on a knife edge: a few percent less traffic and the one-region fleet (3.30 nines against a
    // 3.30 target) keeps its survivors under the degraded cap through a zone loss, and wins on cost
    expect(peak.flips.some((f) => f.value > 3700 && f.value < 4000 && f.to === 'scale out, 3 zones')).toBe(true);
  });

  it('every flip lies in its range, and the recommendation differs just either side of it', () => {
    const flips = result.inputs.flatMap((i) => i.flips.map((f) => ({ i, f })));
    expect(flips.length).toBeGreaterThan(0);
    for (const { i, f } of flips) {
      expect(f.value).toBeGreaterThanOrEqual(i.low);
      expect(f.value).toBeLessThanOrEqual(i.high);
      expect(f.from).not.toBe(f.to);
      // 1% either side, in the unavailability for the availability target
      const step = (k: number) =>
        i.path === 'targets.availability' ? 1 - (1 - f.value) * (1 - k * 0.01) : f.value * (1 + k * 0.01);
      const below = recommendationAt(scenario, i.path, step(-1));
      const above = recommendationAt(scenario, i.path, step(+1));
      expect(below).not.toBe(above);
      // `from` is on the side of the base value
      const [near, far] = f.value > i.base ? [below, above] : [above, below];
      expect({ path: i.path, value: f.value, near, far }).toEqual({
        path: i.path,
        value: f.value,
        near: f.from,
        far: f.to,
      });
    }
  });

  it('an input whose ends keep the base recommendation has no flips', () => {
    const steady = result.inputs.filter(
      (i) => i.recommendationLow === result.baseRecommendation && i.recommendationHigh === result.baseRecommendation,
    );
    expect(steady.length).toBeGreaterThan(0);
    for (const i of steady) expect(i.flips).toEqual([]);
    // and the ends' recommendations are those of a direct comparison there
    for (const i of result.inputs.slice(0, 4)) {
      expect(recommendationAt(scenario, i.path, i.low)).toBe(i.recommendationLow);
      expect(recommendationAt(scenario, i.path, i.high)).toBe(i.recommendationHigh);
    }
  });

  it('varies the availability target through its unavailability, x0.5 and x2', () => {
    const a = byPath(result, 'targets.availability');
    expect(a.base).toBe(0.9995);
    expect(1 - a.low).toBeCloseTo(0.001, 12);
    expect(1 - a.high).toBeCloseTo(0.00025, 12);
    const s = withInput(scenario, 'targets.availability', a.low);
    expect(s.targets.availability).toBe(a.low);
    expect(s.targets.unavailability).toBe(1 - a.low);
    expect(s.targets.availability + s.targets.unavailability).toBe(1);
  });

  it('clamps to valid values and honours the relative option', () => {
    expect(byPath(result, 'targets.maxUtilization')).toMatchObject({ base: 0.75, low: 0.375, high: 0.99 });
    const r = analyse(scenario, 0.2);
    expect(r.relative).toBe(0.2);
    expect(byPath(r, 'workload.peakRate')).toMatchObject({ low: 3200, high: 4800 });
    expect(byPath(r, 'targets.maxUtilization').high).toBeCloseTo(0.9, 12);
    expect(r.method).toContain('20%');
    expect(() => sensitivity(scenario, catalog, compareScenario(scenario, catalog), { relative: 1 })).toThrow(
      RangeError,
    );
    expect(() => sensitivity(scenario, catalog, compareScenario(scenario, catalog), { relative: 0 })).toThrow(
      RangeError,
    );
  });

  it('leaves out a budget the scenario does not set', () => {
    const s = example((raw) => {
      delete (raw.targets as Record<string, unknown>).budget;
    });
    expect(analyse(s).inputs.map((i) => i.path)).not.toContain('targets.budget');
  });

  it("says how it varied the inputs, and that the designs are the scenario's own candidates (freeze or not)", () => {
    expect(result.method).toContain('one at a time');
    expect(result.method).toContain('50%');
    expect(result.method).not.toContain('frozen');
    expect(result.designs).toBe('candidates');
    const frozen = sensitivity(scenario, catalog, compareScenario(scenario, catalog), { freeze: true });
    expect(frozen.designs).toBe('candidates');
    expect(frozen).toEqual(result);
  });
});

describe('ranges and searched designs', () => {
  it('uses the p5 and p95 of inputs given as ranges', () => {
    const s = example((raw) => {
      const w = raw.workload as Record<string, unknown>;
      w.peakRate = { p5: '3000/s', p95: '5000/s' };
      w.averageRate = { p5: '1000/s', p95: '2000/s' };
    });
    const r = analyse(s);
    const peak = byPath(r, 'workload.peakRate');
    expect(peak.source).toBe('range');
    expect(peak.low).toBeCloseTo(3000, 9);
    expect(peak.high).toBeCloseTo(5000, 9);
    expect(peak.base).toBeCloseTo(Math.sqrt(3000 * 5000), 9);
    // a field varied only when it is a range
    expect(byPath(r, 'workload.averageRate')).toMatchObject({ source: 'range', low: 1000, high: 2000 });
    expect(byPath(r, 'workload.serviceTime').source).toBe('relative');
    expect(r.inputs.filter((i) => i.source === 'range')).toHaveLength(2);
    expect(r.method).toContain('p5 to p95');
  });

  it('with freeze, keeps the designs of a searched scenario at every point', () => {
    const s = example((raw) => {
      delete raw.architectures;
    });
    expect(s.architectures).toBeNull();
    const base = compareScenario(s, catalog);
    const frozen = frozenArchitectures(catalog, base);
    expect(frozen.map((a) => a.name)).toEqual(base.architectures.map((a) => a.name));
    // the frozen designs reproduce the searched ones
    const again = compareScenario({ ...s, architectures: frozen }, catalog);
    again.architectures.forEach((a, k) => {
      const b = base.architectures[k];
      expect(a.instance.name).toBe(b?.instance.name);
      expect(a.nodes).toBe(b?.nodes);
      expect(a.cost.usdPerMonth).toBeCloseTo(b?.cost.usdPerMonth ?? Number.NaN, 6);
    });
    expect(again.recommendation.name).toBe(base.recommendation.name);

    const seen: { s: Scenario; r: ComparisonResult }[] = [];
    const r = sensitivity(s, catalog, base, {
      freeze: true,
      compare: (x) => {
        const out = compareScenario(x, catalog);
        seen.push({ s: x, r: out });
        return out;
      },
    });
    expect(r.designs).toBe('frozen');
    expect(r.method).toContain('frozen');
    // every point compares the base's designs: same instance types and regions (horizontal node counts re-sized)
    expect(seen.length).toBeGreaterThan(30);
    for (const { s: at, r: point } of seen) {
      expect(at.architectures).toEqual(frozen);
      expect(point.architectures.map((a) => [a.name, a.instance.name, a.regions])).toEqual(
        base.architectures.map((a) => [a.name, a.instance.name, a.regions]),
      );
    }
    // the searched designs are named 'best vertical' and 'best horizontal'; the fleet wins here
    expect(r.baseRecommendation).toBe('best horizontal');
    expect(r.inputs.length).toBeGreaterThan(15);
    for (let k = 1; k < r.inputs.length; k++) {
      expect(r.inputs[k - 1]?.swingUsdPerMonth).toBeGreaterThanOrEqual(r.inputs[k]?.swingUsdPerMonth ?? 0);
    }
    const names = new Set([null, ...base.architectures.map((a) => a.name)]);
    for (const i of r.inputs) {
      expect(names.has(i.recommendationLow)).toBe(true);
      expect(names.has(i.recommendationHigh)).toBe(true);
      for (const f of i.flips) {
        expect(f.value).toBeGreaterThanOrEqual(i.low);
        expect(f.value).toBeLessThanOrEqual(i.high);
      }
    }
  });
});

describe('a scenario without architectures: the search runs again at every point', () => {
  // the small internal tool without its candidates (a search takes a fraction of a second)
  const raw = JSON.parse(readFileSync(new URL('../../models/scenarios/internal-tool.json', import.meta.url), 'utf8'));
  delete raw.architectures;
  const s = readScenarioText(JSON.stringify(raw), 'internal-tool.json');
  const base = compareScenario(s, catalog);
  const seen: { s: Scenario; r: ComparisonResult }[] = [];
  const r = sensitivity(s, catalog, base, {
    compare: (x) => {
      const out = compareScenario(x, catalog);
      seen.push({ s: x, r: out });
      return out;
    },
  });
  const fresh = (path: string, value: number): ComparisonResult =>
    compareScenario({ ...withInput(s, path, value), simulation: null, uncertain: [] }, catalog);
  const designs = (x: ComparisonResult) =>
    x.architectures.map((a) => ({
      name: a.name,
      instance: a.instance.name,
      nodes: a.nodes,
      regions: a.regions,
      usd: Math.round(a.cost.usdPerMonth * 100),
    }));

  it('says so, in the result and in its method', () => {
    expect(r.designs).toBe('searched at every point');
    expect(r.method).toContain('searched again');
    expect(r.method).not.toContain('frozen');
  });

  it('every point is a search: the same best designs and costs as a fresh compareScenario there', () => {
    expect(seen.length).toBeGreaterThan(30);
    for (const { s: at, r: point } of seen) {
      expect(at.architectures).toBeNull();
      const again = compareScenario(at, catalog);
      expect(designs(point)).toEqual(designs(again));
      expect(point.recommendation.name).toBe(again.recommendation.name);
    }
  });

  it('the ends of each input are what a fresh comparison at that value recommends and costs', () => {
    const subject = r.baseRecommendation as string;
    expect(subject).toBe(base.recommendation.name);
    for (const i of r.inputs.slice(0, 6)) {
      for (const [value, rec, cost] of [
        [i.low, i.recommendationLow, i.costLow],
        [i.high, i.recommendationHigh, i.costHigh],
      ] as const) {
        const f = fresh(i.path, value);
        expect(rec, `${i.path} = ${value}`).toBe(f.recommendation.name);
        const a = f.architectures.find((x) => x.name === subject);
        expect(cost).toBeCloseTo(a?.cost.usdPerMonth ?? Number.NaN, 6);
      }
    }
    // a higher peak rate needs a bigger box: the search finds it (a frozen box would keep its size)
    const peak = byPath(r, 'workload.peakRate');
    const high = fresh('workload.peakRate', peak.high).architectures.find((a) => a.kind === 'vertical');
    const now = base.architectures.find((a) => a.kind === 'vertical');
    expect(high?.feasible).toBe(true);
    expect(high?.instance.vcpu).toBeGreaterThan(now?.instance.vcpu ?? Number.POSITIVE_INFINITY);
  });

  it('memoises identical points: an equal scenario is compared once', () => {
    const memo = memoCompare(catalog);
    const one = memo({ ...s, simulation: null, uncertain: [] });
    expect(memo({ ...s, simulation: null, uncertain: [] })).toBe(one);
    expect(designs(one)).toEqual(designs(compareScenario({ ...s, simulation: null, uncertain: [] }, catalog)));
    const other = memo(withInput({ ...s, simulation: null, uncertain: [] }, 'workload.peakRate', 100));
    expect(other).not.toBe(one);
    expect(other.designRatePerS).toBeGreaterThan(one.designRatePerS);
    // the sensitivity analysis asks for no point twice (the bisection and the ends share them)
    const keys = seen.map(({ s: at }) => JSON.stringify(at));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('display', () => {
  it('formats each kind of input for people', () => {
    expect(display('workload.peakRate', 4000)).toBe('4k/s');
    expect(display('workload.serviceTime', 0.012)).toBe('12 ms');
    expect(display('workload.workingSet', 300 * 2 ** 30)).toBe('300 GiB');
    expect(display('workload.writeFraction', 0.1)).toBe('10%');
    expect(display('workload.serviceTimeCv', 1.5)).toBe('1.5');
    expect(display('reliability.node.mtbf', 4380 * 3600)).toBe('4380 h');
    expect(display('reliability.failover', 60)).toBe('1 min');
    expect(display('targets.availability', 0.9995)).toBe('99.95%');
    expect(display('targets.budget', 30000)).toBe('$30,000/month');
    expect(display(byPath(result, 'targets.p99'), 0.25)).toBe('250 ms');
    expect(() => display('workload.nope', 1)).toThrow(RangeError);
    const peak = byPath(result, 'workload.peakRate');
    expect([peak.displayLow, peak.displayBase, peak.displayHigh]).toEqual(['2k/s', '4k/s', '6k/s']);
    for (const i of result.inputs) for (const f of i.flips) expect(f.display).toBe(display(i, f.value));
  });
});
