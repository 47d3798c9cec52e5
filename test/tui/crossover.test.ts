// The TUI's cost chart and the worksheet's growth section draw one curve and say one crossover sentence (issue 19,
// item 9): the same points (CURVE_POINTS), the same crossings, for the examples whose curves cross once and several
// times.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { buildWorksheetInput } from '../../src/report/buildWorksheet.js';
import { crossoverSentence } from '../../src/report/chartData.js';
import { worksheetMarkdown } from '../../src/report/worksheet.js';
import type { RawObject } from '../../src/tui/rawPath.js';
import { analyze, stepCurve } from '../../src/tui/selectors.js';

describe('the same crossover in the TUI and the worksheet', () => {
  for (const file of ['uncertain-launch.json', 'photo-sharing-viral.json', 'internal-tool.json']) {
    it(file, () => {
      const raw = JSON.parse(readFileSync(`models/scenarios/${file}`, 'utf8')) as RawObject;
      let tui = stepCurve(raw);
      while (tui === undefined) tui = stepCurve(raw);
      const a = analyze(raw);
      const w = buildWorksheetInput(a.scenario, a.result, loadCatalog(), file);
      if (w.curve === null) throw new Error('no curve');
      expect(tui.points.map((p) => p.designRatePerS)).toEqual(w.curve.points.map((p) => p.designRatePerS));
      const sentence = crossoverSentence(tui, a.result.designRatePerS);
      expect(crossoverSentence(w.curve, a.result.designRatePerS)).toBe(sentence);
      expect(worksheetMarkdown(w)).toContain(`Crossover: ${sentence} (`);
      if (file === 'uncertain-launch.json') {
        // the curves cross several times, and vertical is the cheaper at the design rate (the case)
        expect(tui.crossings.length).toBeGreaterThanOrEqual(2);
        expect(sentence).toMatch(/at the design rate \(1\.58k\/s\) vertical is cheaper$/);
      }
    }, 120_000);
  }
});
