// The memos shared by scenarios that differ only in their peak rate (src/compare/rateFreeMemo.ts): a stream of
// scenarios answered with the memos live gives each line the bytes of that line answered alone (every memo of this
// kind forgotten first), and the memos stay within their bounds on an endless stream.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { ScenarioLines } from '../../src/cli/scenarioLines.js';
import { buildContext, compareScenario } from '../../src/compare/index.js';
import {
  clearRateFreeMemos,
  MAX_FAMILIES,
  MAX_FAMILY_ENTRIES,
  rateFreeKey,
  rateFreeMemo,
  rateFreeSize,
} from '../../src/compare/rateFreeMemo.js';
import { InputErrors } from '../../src/errors.js';
import { readScenarioText } from '../../src/scenario/read.js';
import type { Scenario } from '../../src/scenario/types.js';

const DIR = 'models/scenarios/';
type Raw = Record<string, unknown> & { workload: Record<string, unknown> };
const example = (name: string) => JSON.parse(readFileSync(`${DIR}${name}.json`, 'utf8')) as Raw;
// explicit designs of both kinds, cold and hot standbys, an autoscaled fleet, spot and reserved pricing, a tiered system
const BASES = ['internal-tool', 'daily-traffic-autoscale', 'photo-sharing-viral', 'sequential-queries'].map(example);

/** The changes a line of a batch makes to its base: the peak rate, and now and then another field. */
type Change = { base: number; rate: number; other: number };

/** Other fields a line may change (each a function of the base's copy): none, or one that a kept value reads. */
const OTHER: ((s: Raw) => void)[] = [
  () => {},
  // no average rate: the transfer (cost) follows the peak rate
  (s) => {
    delete s.workload.averageRate;
  },
  (s) => {
    s.workload.requestSize = '9 KiB';
  },
  (s) => {
    s.pricing = { model: 'reserved-1y' };
  },
  (s) => {
    s.workload.writeFraction = 0.5;
  },
  (s) => {
    s.reliability = { ...(s.reliability as object), coldRestore: '3 h' };
  },
  (s) => {
    s.operations = { usdPerNodeMonth: '40 USD/month', usdPerRegionMonth: '300 USD/month', deploysPerWeek: 2 };
  },
];

/** A line: the base with its peak rate scaled by `rate` and the other change made. */
function line(c: Change): string {
  const s = structuredClone(BASES[c.base] as Raw);
  const peak = Number.parseFloat(String(s.workload.peakRate));
  // the average rate, when given, must stay at or below the peak
  const scale = 0.6 + c.rate / 50;
  s.workload.peakRate = `${Number((peak * scale).toPrecision(4))}/s`;
  if (s.workload.averageRate !== undefined) {
    const avg = Number.parseFloat(String(s.workload.averageRate));
    s.workload.averageRate = `${Math.min(avg, Number((peak * 0.6).toPrecision(4)))}/s`;
  }
  (OTHER[c.other] as (s: Raw) => void)(s);
  return JSON.stringify(s);
}

const change = fc.record({
  base: fc.nat(BASES.length - 1),
  rate: fc.nat(40),
  other: fc.oneof(fc.constant(0), fc.nat(OTHER.length - 1)),
});

describe('rateFreeMemo', () => {
  const catalog = loadCatalog();

  /** Each line's answer alone: every rate-free memo forgotten first, written by JSON.stringify (or its errors). */
  function alone(text: string): string {
    clearRateFreeMemos(catalog);
    return answer(() => readScenarioText(text, 'line'));
  }

  /** The answer to the scenario `read` gives, as JSON, or the messages of its input errors. */
  function answer(read: () => Scenario): string {
    let scenario: Scenario;
    try {
      scenario = read();
    } catch (error) {
      if (!(error instanceof InputErrors)) throw error;
      return error.errors.map((e) => e.message).join('\n');
    }
    return JSON.stringify(compareScenario(scenario, catalog));
  }

  it('answers a stream of scenarios varying the rate and other fields as it answers each line alone', () => {
    fc.assert(
      fc.property(fc.array(change, { minLength: 2, maxLength: 10 }), (changes) => {
        const texts = changes.map(line);
        const expected = texts.map(alone);
        clearRateFreeMemos(catalog);
        const reader = new ScenarioLines(catalog);
        texts.forEach((t, i) => {
          // read as a batch reads (the members it repeats are the same frozen objects) and as a file is read
          const read = () => (i % 3 === 2 ? readScenarioText(t, 'line') : reader.read(t, 'line'));
          expect(answer(read)).toBe(expected[i]);
        });
      }),
      { numRuns: 25 },
    );
  });

  it('answers the same rates again, in another order, with the bytes of each alone', () => {
    const texts = [3, 17, 3, 40, 0, 17, 29, 0].map((rate) => line({ base: 0, rate, other: 0 }));
    const withoutAverage = [5, 31, 5, 12].map((rate) => line({ base: 0, rate, other: 1 }));
    const all = [...texts, ...withoutAverage, ...texts.slice(0, 3)];
    const expected = all.map(alone);
    clearRateFreeMemos(catalog);
    const reader = new ScenarioLines(catalog);
    all.forEach((t, i) => {
      expect(answer(() => reader.read(t, 'line'))).toBe(expected[i]);
    });
  });

  it('keys a context by everything but its design rate', () => {
    const s = readScenarioText(line({ base: 0, rate: 10, other: 0 }), 'line');
    const key = rateFreeKey(buildContext(s, catalog));
    const faster = { ...s, workload: { ...s.workload, peakRatePerS: s.workload.peakRatePerS * 2 } };
    expect(rateFreeKey(buildContext(faster, catalog))).toBe(key);
    // any other workload figure, a target, the name, the pricing: another key
    for (const other of [
      { ...s, workload: { ...s.workload, averageRatePerS: 11 } },
      { ...s, workload: { ...s.workload, serviceTimeS: 0.021 } },
      { ...s, targets: { ...s.targets, p99S: 0.4 } },
      { ...s, name: 'another' },
      { ...s, pricing: 'reserved-1y' as const },
      // JSON writes -0 as 0 and NaN as null: the key does not
      { ...s, workload: { ...s.workload, writeFraction: -0 } },
      { ...s, workload: { ...s.workload, averageRatePerS: Number.NaN } },
      { ...s, workload: { ...s.workload, averageRatePerS: null } },
      // a string that looks like the key's text of such a number
      { ...s, workload: { ...s.workload, writeFraction: -0 }, name: '#-0' },
    ]) {
      expect(rateFreeKey(buildContext(other, catalog))).not.toBe(key);
    }
    const minusZero = { ...s, workload: { ...s.workload, writeFraction: -0 }, name: '#-0' };
    expect(rateFreeKey(buildContext({ ...minusZero, name: '##-0' }, catalog))).not.toBe(
      rateFreeKey(buildContext({ ...minusZero, name: '#-0' }, catalog)),
    );
    expect(rateFreeKey(buildContext({ ...s, fitted: [-0 as never] }, catalog))).not.toBe(
      rateFreeKey(buildContext({ ...s, fitted: ['#-0' as never] }, catalog)),
    );
    const noAverage = { ...s, workload: { ...s.workload, averageRatePerS: null } };
    const noAverageFaster = { ...noAverage, workload: { ...noAverage.workload, peakRatePerS: 77 } };
    // without an average rate, the traffic (and so the cost) follows the peak rate: another key
    expect(rateFreeKey(buildContext(noAverageFaster, catalog))).not.toBe(rateFreeKey(buildContext(noAverage, catalog)));
  });

  it('keeps at most its bounds of scenarios and values on an endless stream', () => {
    clearRateFreeMemos(catalog);
    const base = readScenarioText(line({ base: 0, rate: 10, other: 0 }), 'line');
    for (let i = 0; i < 3 * MAX_FAMILIES; i++) {
      const s = { ...base, name: `scenario ${i}` };
      const ctx = buildContext(s, catalog);
      for (let k = 0; k < 50; k++) rateFreeMemo(ctx, `value ${k}`, () => ({ k }));
      const size = rateFreeSize(catalog);
      expect(size.families).toBeLessThanOrEqual(MAX_FAMILIES);
    }
    expect(rateFreeSize(catalog)).toStrictEqual({ families: MAX_FAMILIES, entries: MAX_FAMILIES * 50 });
    const ctx = buildContext(base, catalog);
    for (let k = 0; k < MAX_FAMILY_ENTRIES + 10; k++) rateFreeMemo(ctx, `many ${k}`, () => k);
    expect(rateFreeSize(catalog).entries).toBeLessThanOrEqual(MAX_FAMILIES * MAX_FAMILY_ENTRIES);
  });

  it('freezes what it keeps and gives it again for the same key', () => {
    clearRateFreeMemos(catalog);
    const ctx = buildContext(readScenarioText(line({ base: 0, rate: 10, other: 0 }), 'line'), catalog);
    const kept = rateFreeMemo(ctx, 'x', () => ({ a: [1] }));
    expect(Object.isFrozen(kept.a)).toBe(true);
    expect(rateFreeMemo(ctx, 'x', () => ({ a: [2] }))).toBe(kept);
  });
});
