// The chart data shared by the worksheet's text charts, its SVG figures and the TUI (src/report/chartData.ts): a
// load the design cannot carry is a gap, runs break there, the crossover is the one mark, and the p99 bars add up to
// the end-to-end p99.
import { describe, expect, it } from 'vitest';
import type { CostCurve, CurvePoint } from '../../src/compare/costCurve.js';
import {
  costRuns,
  costVsLoad,
  costVsLoadSeries,
  crossoverSentence,
  p99StackedRows,
} from '../../src/report/chartData.js';

const point = (usdPerMonth: number, feasible: boolean, nodes = 1): CurvePoint => ({
  usdPerMonth,
  feasible,
  meetsAllTargets: feasible,
  instance: 'm6i.large',
  nodes,
});

const CURVE: CostCurve = {
  designs: 'frozen',
  points: [
    { multiplier: 1, designRatePerS: 100, vertical: point(50, true), horizontal: point(90, true, 3) },
    { multiplier: 2, designRatePerS: 200, vertical: point(70, false), horizontal: point(120, true, 4) },
    { multiplier: 3, designRatePerS: 300, vertical: point(80, true), horizontal: null },
    {
      multiplier: 4,
      designRatePerS: 400,
      vertical: point(Number.POSITIVE_INFINITY, true),
      horizontal: point(200, true, 6),
    },
  ],
  crossover: { ratePerS: 250, kind: 'vertical-runs-out' },
  crossings: [],
  verticalLimit: null,
};

describe('cost against load', () => {
  it('a load the design cannot carry (infeasible, missing, or an infinite cost) is a gap', () => {
    const d = costVsLoad(CURVE);
    expect(d.vertical.map((p) => p.usdPerMonth)).toEqual([50, null, 80, null]);
    expect(d.horizontal.map((p) => p.usdPerMonth)).toEqual([90, 120, null, 200]);
    expect(d.horizontal.map((p) => p.design)).toEqual(['3 x m6i.large', '4 x m6i.large', null, '6 x m6i.large']);
    expect(d.vertical[0]?.design).toBe('m6i.large');
  });

  it('runs break at the gaps and carry what a pointer shows', () => {
    const d = costVsLoad(CURVE);
    expect(costRuns(d.vertical, 'vertical').map((r) => r.map((p) => p.x))).toEqual([[100], [300]]);
    expect(costRuns(d.horizontal, 'horizontal').map((r) => r.length)).toEqual([2, 1]);
    expect(costRuns(d.horizontal, 'horizontal')[0]?.[1]?.tip).toBe('horizontal, 200/s: $120 a month (4 x m6i.large)');
  });

  it('the text series take the symbols asked for; the crossover is the one mark', () => {
    const { series, marks } = costVsLoadSeries(CURVE, { vertical: 'o', horizontal: 'h' });
    expect(series.map((s) => [s.label, s.symbol])).toEqual([
      ['best vertical', 'o'],
      ['best horizontal', 'h'],
    ]);
    expect(series[0]?.points.map((p) => p.y)).toEqual([50, null, 80, null]);
    expect(marks).toEqual([{ x: 250, label: 'crossover' }]);
    expect(costVsLoadSeries({ ...CURVE, crossover: null }, { vertical: 'v', horizontal: 'h' }).marks).toEqual([]);
  });
});

describe('p99 bars', () => {
  it('network and the rest, an unstable queue drawn as no rest', () => {
    const rows = p99StackedRows(
      [
        { region: 'a', share: 0.5, networkMs: 10, restMs: 30 },
        { region: 'b', share: 0.5, networkMs: 80, restMs: null },
      ],
      { network: '=', rest: '-' },
    );
    expect(rows.map((r) => [r.label, r.parts.map((p) => p.value)])).toEqual([
      ['a', [10, 30]],
      ['b', [80, 0]],
    ]);
    expect(rows[0]?.parts.map((p) => p.symbol)).toEqual(['=', '-']);
  });
});

describe('one crossover sentence for the TUI and the worksheet (issue 19)', () => {
  const at = (multiplier: number, v: number, h: number) => ({
    multiplier,
    designRatePerS: 1000 * multiplier,
    vertical: point(v, true),
    horizontal: point(h, true, 4),
  });
  it('names every crossing and the cheaper kind at the design rate', () => {
    // horizontal cheaper above ~1.4k/s, vertical again above ~2.8k/s: the design rate (1k/s) is vertical's
    const curve: CostCurve = {
      designs: 'frozen',
      points: [at(0.5, 100, 150), at(1, 120, 140), at(2, 200, 180), at(4, 300, 320)],
      crossover: null,
      crossings: [],
      verticalLimit: null,
    };
    const { crossings } = (() => {
      // the curve's own crossings, as costCurve computes them: the points' cost differences changing sign
      const out: CostCurve['crossings'] = [];
      const p = curve.points;
      for (let i = 0; i + 1 < p.length; i++) {
        const a = p[i] as (typeof p)[number];
        const b = p[i + 1] as (typeof p)[number];
        const da = (a.horizontal?.usdPerMonth ?? 0) - (a.vertical?.usdPerMonth ?? 0);
        const db = (b.horizontal?.usdPerMonth ?? 0) - (b.vertical?.usdPerMonth ?? 0);
        if (Math.sign(da) !== Math.sign(db)) {
          const t = da / (da - db);
          out.push({
            ratePerS: Math.exp(Math.log(a.designRatePerS) + t * Math.log(b.designRatePerS / a.designRatePerS)),
            cheaper: db < 0 ? 'horizontal' : 'vertical',
          });
        }
      }
      return { crossings: out };
    })();
    expect(crossings.map((c) => c.cheaper)).toEqual(['horizontal', 'vertical']);
    // 1k/s -> 2k/s: 20 -> -20, halfway in log load: sqrt(2) k/s; 2k/s -> 4k/s: -20 -> 20: 2 sqrt(2) k/s
    expect(crossoverSentence({ ...curve, crossings }, 1000)).toBe(
      'horizontal becomes cheaper at 1.41k/s, vertical becomes cheaper at 2.83k/s; at the design rate (1k/s) vertical is cheaper',
    );
  });
});
