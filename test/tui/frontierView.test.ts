// The frontier view (src/tui/frontierView.ts): lines for given results, no rendering.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ComparisonResult, FrontierEntry } from '../../src/compare/result.js';
import { mark } from '../../src/report/table.js';
import {
  compactSummary,
  designCell,
  type FrontierViewOptions,
  frontierLines,
  recommendedEntry,
} from '../../src/tui/frontierView.js';
import type { RawObject } from '../../src/tui/rawPath.js';
import { analyze } from '../../src/tui/selectors.js';
import { formatLatencyMs, formatNines, formatUsd } from '../../src/units/format.js';

const internalTool = () => JSON.parse(readFileSync('models/scenarios/internal-tool.json', 'utf8')) as RawObject;
/** The internal tool with its candidates removed: capplan searches (in-process, well under a second). */
const searched = () => {
  const { architectures: _, ...rest } = internalTool();
  return analyze(rest as RawObject).result;
};
const options = (over: Partial<FrontierViewOptions> = {}): FrontierViewOptions => ({
  selected: 0,
  width: 80,
  height: 20,
  ascii: true,
  targetNines: 3,
  budgetUsdPerMonth: 500,
  ...over,
});
const texts = (result: ComparisonResult, over: Partial<FrontierViewOptions> = {}) =>
  frontierLines(result, options(over)).map((l) => l.text);
const rowsOf = (lines: string[]) => lines.filter((t) => /^[ >][ *] \S.* \$\d/.test(t));

describe('the frontier view', () => {
  it('lists every entry of a searched frontier in cost order with its figures, the recommended design marked', () => {
    const result = searched();
    expect(result.frontierOf).toBe('search');
    const f = result.frontier;
    expect(f.length).toBeGreaterThan(2);
    // wide enough for the longest names (a box and its standby's regions)
    const lines = texts(result, { height: 40, width: 120 });
    expect(lines[0]).toMatch(`Frontier of the search: ${result.frontierNonDominated} designs`);
    const rows = rowsOf(lines);
    expect(rows).toHaveLength(f.length);
    rows.forEach((row, i) => {
      const e = f[i] as FrontierEntry;
      const figures = [
        formatUsd(e.cost.usdPerMonth),
        formatNines(e.availability.nines),
        formatLatencyMs(e.latency.p99Ms),
        mark(e.meetsTargets),
      ];
      expect(row.trimEnd()).toMatch(new RegExp(`${figures.map((x) => x.replace(/[$.]/g, '\\$&')).join('\\s+')}$`));
      expect(row.slice(3)).toContain(designCell(result, e));
    });
    for (let i = 1; i < f.length; i++) {
      expect((f[i] as FrontierEntry).cost.usdPerMonth).toBeGreaterThanOrEqual(
        (f[i - 1] as FrontierEntry).cost.usdPerMonth,
      );
    }
    const rec = recommendedEntry(result);
    expect(result.recommendation.name).toBe('best vertical');
    expect(f[rec]?.name).toBe('best vertical');
    expect(rows.filter((r) => r[1] === '*')).toEqual([rows[rec]]);
    // room to spare: the chart of cost against nines, the target as a rule
    expect(lines).toContain('Monthly cost against nines'.padEnd(120));
    expect(lines.join('\n')).toMatch(/_ target 3\.00 nines/);
  });

  it('fits 80x24 (20 lines under the header and above the footer), names cut, never wrapped', () => {
    const result = searched();
    const lines = texts(result);
    expect(lines.length).toBeLessThanOrEqual(20);
    for (const t of lines) expect(t.length).toBeLessThanOrEqual(80);
    // 16 rows fit in 20 lines under the view's own header; a longer frontier (18 entries since regional prices put the
    // same box in several regions on it) scrolls
    expect(rowsOf(lines)).toHaveLength(Math.min(result.frontier.length, 16));
  });

  it('scrolls a frontier longer than the screen to keep the selected entry in view, and says which rows show', () => {
    const base = searched();
    const one = base.frontier[0] as FrontierEntry;
    const frontier = Array.from({ length: 40 }, (_, i) => ({
      ...one,
      name: `vertical: ${'one very long instance name with a hot standby and more words '.repeat(2)}#${i + 1}`,
      cost: { usdPerMonth: 100 + i },
    }));
    const result = { ...base, frontier, frontierNonDominated: 57 };
    const lines = texts(result, { selected: 30 });
    expect(lines.length).toBeLessThanOrEqual(20);
    for (const t of lines) expect(t.length).toBeLessThanOrEqual(80);
    expect(lines[0]).toMatch(/57 designs \(40 shown, spread by cost\)/);
    const head = lines.find((t) => t.includes('$/month')) as string;
    const [, from, to] = /design \((\d+)-(\d+) of 40\)/.exec(head) ?? [];
    expect(Number(from)).toBeLessThanOrEqual(31);
    expect(Number(to)).toBeGreaterThanOrEqual(31);
    const selected = rowsOf(lines).find((r) => r.startsWith('>'));
    expect(selected).toContain(formatUsd(130));
    // the selected entry in full below the table
    expect(lines.join(' ')).toMatch(/> vertical: one very long/);
  });

  it('over explicit candidates it says so', () => {
    const result = analyze(internalTool()).result;
    expect(result.frontierOf).toBe('candidates');
    const lines = texts(result);
    expect(lines[0]).toMatch(/^Frontier over the 3 given candidates \(not a search\): 2 of them/);
    const rows = rowsOf(lines);
    expect(rows, rows.join('\n')).toHaveLength(2);
  });

  it('with no frontier at all it says there is none, and why', () => {
    const result = { ...analyze(internalTool()).result, frontier: [], frontierNonDominated: 0 };
    const lines = texts(result);
    expect(lines[0]?.trim()).toBe('No frontier');
    expect(lines.join(' ')).toMatch(/taken over the given candidates/);
  });

  it('marks the recommended design when the search met it under its summary', () => {
    const base = searched();
    const rec = recommendedEntry(base);
    const frontier = base.frontier.map((e, i) => (i === rec ? { ...e, name: `${e.kind}: ${e.summary}` } : e));
    const result = { ...base, frontier };
    expect(recommendedEntry(result)).toBe(rec);
    expect(rowsOf(texts(result))[rec]?.[1]).toBe('*');
    // a recommendation that is not on the frontier is said to be off it
    const off = { ...base, frontier: base.frontier.filter((_, i) => i !== rec) };
    expect(recommendedEntry(off)).toBe(-1);
    expect(texts(off).join('\n')).toMatch(/recommended: best vertical, not on the frontier/);
  });

  it('shortens the summaries it knows, and leaves others as they are', () => {
    expect(compactSummary('one m6i.large with a cold standby (standby in eu-west-2)')).toBe(
      'one m6i.large + cold standby in eu-west-2',
    );
    expect(compactSummary('2 x m6i.large over 2 zones in eu-west-2')).toBe('2 x m6i.large, 2 zones in eu-west-2');
    expect(compactSummary('9 x m6i.large over 3 zones in each of 2 regions')).toBe(
      '9 x m6i.large, 3 zones x 2 regions',
    );
    expect(compactSummary('something else')).toBe('something else');
  });
});
