/**
 * The data of the charts, computed once for every place that draws them: the worksheet's text charts, its SVG
 * figures and the TUI's panels. Each function turns a result into points or bars; the drawing (characters or SVG,
 * symbols, sizes) stays with the renderer. Pure.
 */

import type { CostCurve } from '../compare/costCurve.js';
import type { ArchitectureResult } from '../compare/result.js';
import { formatRate, formatUsd } from '../units/format.js';
import { P99_REST, p99Split } from './table.js';
import type { LineSeries } from './textCharts/lineChart.js';

export type DesignKind = 'vertical' | 'horizontal';

/** A point of the cost-vs-load chart: the load, the best design's monthly cost there (null: it cannot carry it). */
export interface CostPoint {
  ratePerS: number;
  usdPerMonth: number | null;
  /** The design in words ("4 x m6i.large"), or null where there is none. */
  design: string | null;
}

/** The best vertical and best horizontal design's monthly cost at each load of a cost curve. */
export function costVsLoad(curve: CostCurve): Record<DesignKind, CostPoint[]> {
  const of = (kind: DesignKind): CostPoint[] =>
    curve.points.map((p) => {
      const c = p[kind];
      const ok = c?.feasible === true && Number.isFinite(c.usdPerMonth);
      return {
        ratePerS: p.designRatePerS,
        usdPerMonth: ok ? (c?.usdPerMonth ?? null) : null,
        design: ok && c ? (c.nodes === 1 ? c.instance : `${c.nodes} x ${c.instance}`) : null,
      };
    });
  return { vertical: of('vertical'), horizontal: of('horizontal') };
}

/** A point of a drawn series, with the words a pointer shows. */
export interface CostRunPoint {
  x: number;
  y: number;
  tip: string;
}

/** Runs of consecutive loads the design carries (a load it cannot carry leaves a gap in the line). */
export function costRuns(points: readonly CostPoint[], kind: DesignKind): CostRunPoint[][] {
  const runs: CostRunPoint[][] = [];
  let cur: CostRunPoint[] = [];
  for (const p of points) {
    if (p.usdPerMonth !== null) {
      cur.push({
        x: p.ratePerS,
        y: p.usdPerMonth,
        tip: `${kind}, ${formatRate(p.ratePerS)}: ${formatUsd(p.usdPerMonth)} a month (${p.design})`,
      });
    } else if (cur.length > 0) {
      runs.push(cur);
      cur = [];
    }
  }
  if (cur.length > 0) runs.push(cur);
  return runs;
}

/** The cost-vs-load curve as the text line chart's series and marks (the crossover), with the given symbols. */
export function costVsLoadSeries(
  curve: CostCurve,
  symbols: Record<DesignKind, string>,
): { series: LineSeries[]; marks: { x: number; label: string }[] } {
  const data = costVsLoad(curve);
  const series = (kind: DesignKind): LineSeries => ({
    label: `best ${kind}`,
    symbol: symbols[kind],
    points: data[kind].map((p) => ({ x: p.ratePerS, y: p.usdPerMonth })),
  });
  return {
    series: [series('vertical'), series('horizontal')],
    marks: curve.crossover ? [{ x: curve.crossover.ratePerS, label: 'crossover' }] : [],
  };
}

/** A bar of the p99 chart: a user region's network time and the rest of its p99 (null: unstable). */
export interface P99Bar {
  region: string;
  share: number;
  networkMs: number;
  restMs: number | null;
}

/** The p99 of each user region of a design, split into network and the rest (every latency chart draws these). */
export function p99Bars(a: ArchitectureResult): P99Bar[] {
  return a.latency.byUserRegion.map((u) => ({ region: u.region, share: u.share, ...p99Split(u) }));
}

/** The p99 bars as the text chart's stacked rows, network and the rest drawn with the given symbols. */
export function p99StackedRows(bars: readonly P99Bar[], symbols: { network: string; rest: string }) {
  return bars.map((b) => ({
    label: b.region,
    parts: [
      { value: b.networkMs, symbol: symbols.network, name: 'network' },
      { value: b.restMs ?? 0, symbol: symbols.rest, name: P99_REST },
    ],
  }));
}

/**
 * What the cost-vs-load curve says about the two kinds, in one sentence shared by the TUI and the worksheet (issue
 * 19: one crossover computation): every load where the cheaper kind changes (the curves may cross several times), or
 * where the vertical design stops carrying the load, and which kind is cheaper at today's design rate.
 * @example crossoverSentence(curve, 1580) // 'horizontal becomes cheaper at 869/s, vertical again at 1.2k/s; at the design rate (1.58k/s) vertical is cheaper'
 */
export function crossoverSentence(curve: CostCurve, designRatePerS: number): string {
  const parts = curve.crossings.map(
    (c, i) =>
      `${c.cheaper} becomes cheaper${i > 0 && curve.crossings.slice(0, i).some((x) => x.cheaper === c.cheaper) ? ' again' : ''} at ${formatRate(c.ratePerS)}`,
  );
  if (parts.length === 0) {
    parts.push(
      curve.crossover?.kind === 'vertical-runs-out'
        ? `vertical stops carrying the load at ${formatRate(curve.crossover.ratePerS)}; from there only horizontal does`
        : 'no crossover in the range',
    );
  }
  const today = curve.points.find((p) => p.multiplier === 1);
  const v = today?.vertical;
  const h = today?.horizontal;
  let now = '';
  if (v?.feasible && h?.feasible) {
    now = `; at the design rate (${formatRate(designRatePerS)}) ${v.usdPerMonth <= h.usdPerMonth ? 'vertical' : 'horizontal'} is cheaper`;
  } else if (v?.feasible || h?.feasible) {
    now = `; at the design rate (${formatRate(designRatePerS)}) only ${v?.feasible ? 'vertical' : 'horizontal'} carries the load`;
  }
  return `${parts.join(', ')}${now}`;
}
