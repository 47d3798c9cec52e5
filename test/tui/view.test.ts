// The TUI's pure view functions (src/tui/view.ts): lines of text for given results, no rendering.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { type CostCurve, CURVE_POINTS, costCurve, defaultMultipliers } from '../../src/compare/costCurve.js';
import { designSummary } from '../../src/compare/recommend.js';
import type { ArchitectureResult, ComparisonResult, SimulatedLatency } from '../../src/compare/result.js';
import { DEFAULT_SCENARIO_TEXT } from '../../src/scenario/defaultScenario.js';
import type { RawObject } from '../../src/tui/rawPath.js';
import { analyze, curveOf, stepCurve } from '../../src/tui/selectors.js';
import { chartLines, comparisonLines } from '../../src/tui/view.js';

const base = analyze(JSON.parse(DEFAULT_SCENARIO_TEXT) as RawObject).result;

/** The result with a simulated latency (only the fields the view reads matter here) on every candidate. */
function withSimulatedUsers(result: ComparisonResult): ComparisonResult {
  return {
    ...result,
    architectures: result.architectures.map((a) => ({
      ...a,
      simulated: {
        seed: 1,
        latency: {
          byUserRegion: a.latency.byUserRegion.map((u, i) => ({
            region: u.region,
            customers: 1000,
            p99Ms: 100 + i,
            ci95: [99 + i, 101 + i] as [number, number],
            analyticP99Inside: true,
          })),
        } as unknown as SimulatedLatency,
        availability: null,
        skipped: [],
      },
    })),
  };
}

describe('the latency chart', () => {
  it('shows the simulated p99 of each user region under the bars once simulated, and nothing before', () => {
    const plain = chartLines('latency', base, undefined, 100, 20, true, 263).map((l) => l.text);
    expect(plain.join('\n')).not.toMatch(/simulated:/);
    const sim = chartLines('latency', withSimulatedUsers(base), undefined, 100, 20, true, 263).map((l) => l.text);
    const users = base.architectures[0]?.latency.byUserRegion.map((u) => u.region) ?? [];
    expect(users.length).toBeGreaterThan(1);
    const caption = sim.find((t) => t.startsWith('simulated: '));
    expect(caption).toBe(`simulated: ${users.map((u, i) => `${u} ${100 + i} ms`).join(', ')}`.padEnd(100));
    for (const t of sim) expect(t.length).toBeLessThanOrEqual(100);
  });
});

describe('the latency chart with more user regions than lines', () => {
  it('keeps the largest shares, says how many are left out, and never exceeds its height', () => {
    const raw = JSON.parse(DEFAULT_SCENARIO_TEXT) as RawObject;
    const regions = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-south-1'];
    const places = Array.from({ length: 13 }, (_, k) => ({
      region: `place-${k}`,
      lat: -40 + 6 * k,
      lon: -170 + 25 * k,
    }));
    // 2% each, us-east-1 the remaining 62%: 20 user regions in all
    const users = [
      ...regions.map((region, i) => ({ region, share: i === 0 ? 0.62 : 0.02 })),
      ...places.map((p) => ({ ...p, share: 0.02 })),
    ];
    const result = analyze({ ...raw, users } as RawObject).result;
    const lines = chartLines('latency', result, undefined, 90, 12, true, 263).map((l) => l.text);
    expect(lines.length).toBeLessThanOrEqual(12);
    expect(lines.some((t) => t.startsWith('us-east-1'))).toBe(true); // the largest share is kept
    expect(lines.join('\n')).toMatch(/\((\d+) smaller user regions not shown/);
    const shownRows = lines.filter((t) => / ms\s*$/.test(t)).length;
    const hidden = Number(/\((\d+) smaller/.exec(lines.join('\n'))?.[1]);
    expect(shownRows + hidden).toBe(20);
  });
});

describe('the cost-vs-load chart', () => {
  it('is computed a step at a time (keys are handled in between), equal to costCurve, and its title says which designs', () => {
    // the default scenario names its candidates: re-sized, nothing to say in the title
    const raw = JSON.parse(DEFAULT_SCENARIO_TEXT) as RawObject;
    expect(curveOf(raw)).toBeUndefined();
    let steps = 1;
    let curve = stepCurve(raw);
    while (curve === undefined) {
      steps++;
      curve = stepCurve(raw);
    }
    expect(steps).toBeGreaterThan(CURVE_POINTS); // one step per point, and the bisection's
    expect(curveOf(raw)).toBe(curve);
    expect(curveOf(raw, true)).toBeUndefined(); // frozen curves are kept apart
    const a = analyze(raw);
    expect(curve).toEqual(costCurve(a.scenario, loadCatalog(), a.result, defaultMultipliers(CURVE_POINTS)));
    expect(curve.designs).toBe('candidates');
    const title = (c: CostCurve) => chartLines('cost', a.result, c, 100, 20, true, 263)[0]?.text ?? '';
    expect(title(curve)).not.toMatch(/searched|frozen/);
    expect(title({ ...curve, designs: 'searched at every point' })).toMatch(/searched at each load\)/);
    expect(title({ ...curve, designs: 'frozen' })).toMatch(/designs frozen\)/);
  });
});

describe('the comparison of a system of tiers', () => {
  it("heads a per-tier design's column with its count of tiers, not its first tier's instance (the tier rows show each)", () => {
    const text = readFileSync('models/scenarios/sequential-queries.json', 'utf8');
    const { result } = analyze(JSON.parse(text) as RawObject);
    const lines = comparisonLines(result, 120).map((l) => l.text);
    const shapes = lines[lines.findIndex((l) => l.startsWith('tier app')) - 1] ?? '';
    // the box every tier shares keeps its shape; "database in the same zone" runs an m7i.xlarge app and an
    // r7i.4xlarge database (it read "1x m7i.xlarge"); the app fleet's systems read "3x m7i.large" for 2 of them + 1 box
    expect(shapes.trim().split(/\s{2,}/)).toEqual(['1x m7i.4xlarge', '2 tiers', '2 tiers', '2 tiers']);
    expect(lines.find((l) => l.startsWith('tier db'))).toContain('1x r7i.4xlarge');
  });

  it('counts the zones a design occupies, as the worksheet says them (2 app nodes asked over 3 zones sit in 2)', () => {
    const text = readFileSync('models/scenarios/sequential-queries.json', 'utf8');
    const { result } = analyze(JSON.parse(text) as RawObject);
    const row = comparisonLines(result, 120).find((l) => l.text.startsWith('regions'))?.text ?? '';
    // "app over 3 zones, database in one": the JSON's zones are the app tier's as asked (3), its words "over 2 zones";
    // "app in London, database in us-east-1": 2 app nodes in eu-west-2, a box and its standby in us-east-1
    expect(result.architectures.map((a) => a.zones)).toEqual([2, 2, 3, 3]);
    expect(
      row
        .replace(/^regions\s+/, '')
        .trim()
        .split(/\s{2,}/),
    ).toEqual(['1 x 2 zones', '1 x 2 zones', '1 x 2 zones', '2 x 2 zones']);
    expect(designSummary(result.architectures[2] as ArchitectureResult)).toContain('app: 2 x m7i.large over 2 zones');
  });
});
