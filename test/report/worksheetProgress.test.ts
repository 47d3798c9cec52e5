// Progress of the worksheet's long parts (buildWorksheetInput's onProgress, sensitivity's onProgress) and its
// protocol with the TUI (`capplan worksheet` writes `progress N` lines to stderr only with CAPPLAN_PROGRESS=1).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { main } from '../../src/cli/main.js';
import { CURVE_POINTS, costCurveStepsEstimate, defaultMultipliers } from '../../src/compare/costCurve.js';
import { compareScenario } from '../../src/compare/index.js';
import { plannedEvaluations, sensitivity } from '../../src/compare/sensitivity.js';
import { progressOf } from '../../src/io/progressLines.js';
import { buildWorksheetInput } from '../../src/report/buildWorksheet.js';
import { readScenarioText } from '../../src/scenario/read.js';
import { runMain } from '../cli/sourceMain.js';

const FILE = join('models/scenarios', 'internal-tool.json');
const TIMEOUT_MS = 120_000;

/** Every value at least the one before, all within [0, 1]. */
function expectMonotone(values: readonly number[]): void {
  for (const [i, v] of values.entries()) {
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(1);
    if (i > 0) expect(v).toBeGreaterThanOrEqual(values[i - 1] as number);
  }
}

describe('buildWorksheetInput reports its progress', () => {
  // the small internal tool without its candidates, frozen (today's designs re-sized: fast, but a real curve)
  const raw = JSON.parse(readFileSync(FILE, 'utf8'));
  delete raw.architectures;
  const scenario = readScenarioText(JSON.stringify(raw), 'internal-tool.json');
  const catalog = loadCatalog();
  const result = compareScenario(scenario, catalog);

  it(
    'from 0, never down, within [0, 1], 1 at the end; the worksheet is the same with or without it',
    () => {
      const seen: number[] = [];
      const input = buildWorksheetInput(scenario, result, catalog, 'internal-tool.json', undefined, {
        freeze: true,
        onProgress: (f) => seen.push(f),
      });
      expect(seen[0]).toBe(0);
      expect(seen.at(-1)).toBe(1);
      expectMonotone(seen);
      // one call per curve step and per sensitivity evaluation at most, and more than a handful
      expect(seen.length).toBeGreaterThan(10);
      const plain = buildWorksheetInput(scenario, result, catalog, 'internal-tool.json', undefined, { freeze: true });
      expect(input).toEqual(plain);
    },
    TIMEOUT_MS,
  );

  it('with the curve given, the sensitivity alone goes from 0 to 1', () => {
    const curve = buildWorksheetInput(scenario, result, catalog, 'x', undefined, { freeze: true }).curve ?? undefined;
    expect(curve).toBeDefined();
    const seen: number[] = [];
    buildWorksheetInput(scenario, result, catalog, 'x', undefined, {
      freeze: true,
      ...(curve ? { curve } : {}),
      onProgress: (f) => seen.push(f),
    });
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(1);
    expectMonotone(seen);
  });

  it("sensitivity's done counts up, its total is never below it, and the last call has done === total", () => {
    const calls: [number, number][] = [];
    sensitivity(scenario, catalog, result, { freeze: true, onProgress: (d, t) => calls.push([d, t]) });
    expect(calls.length).toBeGreaterThanOrEqual(plannedEvaluations(scenario) - 1);
    for (const [i, [d, t]] of calls.entries()) {
      expect(t).toBeGreaterThanOrEqual(d);
      if (i > 0) expect(d).toBeGreaterThanOrEqual((calls[i - 1] as [number, number])[0]);
    }
    const [d, t] = calls.at(-1) as [number, number];
    expect(d).toBe(t);
  });

  it('the curve estimate: one step per point and the vertical limit bisection between the farthest points', () => {
    // 25 points from 0.1 to 10: consecutive points ln(10)/12 apart, bisected to 5e-4: 9 steps
    expect(costCurveStepsEstimate(defaultMultipliers(CURVE_POINTS))).toBe(25 + 9);
    expect(costCurveStepsEstimate([1, 1, 1])).toBe(1);
  });
});

describe('capplan worksheet and CAPPLAN_PROGRESS (the TUI reads its progress)', () => {
  const args = ['worksheet', FILE, '--analytic'];

  it(
    'with CAPPLAN_PROGRESS=1: progress N lines, increasing, ending with progress 100; stdout unchanged',
    async () => {
      const plain = await runMain(main, args, '', {});
      expect(plain.code).toBe(0);
      // without the variable (or with another value) stderr stays empty
      expect(plain.stderr).toBe('');
      expect((await runMain(main, args, '', { CAPPLAN_PROGRESS: '0' })).stderr).toBe('');
      const r = await runMain(main, args, '', { CAPPLAN_PROGRESS: '1' });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(plain.stdout);
      const lines = r.stderr.split('\n').filter((l) => l !== '');
      expect(lines.every((l) => /^progress \d+$/.test(l))).toBe(true);
      const percents = lines.map((l) => progressOf(l) as number);
      expect(percents[0]).toBe(0);
      expect(percents.at(-1)).toBe(100);
      for (let i = 1; i < percents.length; i++) expect(percents[i]).toBeGreaterThan(percents[i - 1] as number);
    },
    TIMEOUT_MS,
  );

  it('progressOf reads only progress lines', () => {
    expect(progressOf('progress 42')).toBe(42);
    expect(progressOf('progress 100\r')).toBe(100);
    expect(progressOf('note: progress 42')).toBeNull();
    expect(progressOf('error: cannot read x')).toBeNull();
  });
});
