/**
 * The frontier view (`f`): the result's `frontier` (the designs none beats on cost, nines and p99 together, sorted by
 * cost; from the search, or from the scenario's candidates when it names them), one row each with its monthly cost,
 * nines, p99 and whether it meets every target, the recommended design marked `*` and the selected one `>` (its full
 * name on the line below the table), and, when the terminal has room for it, cost against nines as points on the
 * TUI's line chart (report/textCharts/lineChart.ts). Pure: a result in, lines of at most `width` characters out, at most `height`.
 */
import { designSummary } from '../compare/recommend.js';
import type { ComparisonResult, FrontierEntry } from '../compare/result.js';
import { mark } from '../report/table.js';
import { type LineSeries, lineChart } from '../report/textCharts/lineChart.js';
import { formatLatencyMs, formatNines, formatUsd, formatUsdTick } from '../units/format.js';
import { type Line, line, padTo, wrapLines } from './view.js';

export interface FrontierViewOptions {
  /** The selected entry (clamped to the frontier). */
  selected: number;
  width: number;
  height: number;
  /** Only ASCII in the chart (no colour, as elsewhere in the TUI). */
  ascii: boolean;
  /** The availability target in nines, and the budget (USD per month; null: none), for the chart. */
  targetNines: number;
  budgetUsdPerMonth: number | null;
}

/** Columns of a row beside the design: cost, nines, p99, meets every target. */
const COST_W = 8;
const NINES_W = 5;
const P99_W = 9;
const MEETS_W = 4;
/** The selected and recommended marks, the spaces between the columns. */
const FIXED_W = 2 + 1 + 1 + COST_W + 1 + NINES_W + 1 + P99_W + 1 + MEETS_W;
/** A chart below the table only with at least this many lines for it (its title, the plot, axes and legend). */
const CHART_MIN_LINES = 9;
const CHART_MAX_LINES = 15;

/** Whether the entry carries a name of its own (a compared design or a written candidate), not "kind: summary". */
function isNamed(result: ComparisonResult, e: FrontierEntry): boolean {
  return result.architectures.some((a) => a.name === e.name) || !e.name.startsWith(`${e.kind}: `);
}

/**
 * The index of the recommended design on the frontier: the entry of its name, else the entry of its kind and
 * summary (the same design met by the search under its summary); -1 when no design is recommended or it is not on
 * the frontier.
 */
export function recommendedEntry(result: ComparisonResult): number {
  const name = result.recommendation.name;
  if (name === null) return -1;
  const byName = result.frontier.findIndex((e) => e.name === name);
  if (byName >= 0) return byName;
  const rec = result.architectures.find((a) => a.name === name);
  if (!rec) return -1;
  const summary = designSummary(rec);
  // the summary of a single box does not name its region: with regional prices the same box in another region is
  // another design, at another price (to the cent)
  const cents = Math.round(rec.cost.usdPerMonth * 100);
  return result.frontier.findIndex(
    (e) => e.kind === rec.kind && e.summary === summary && Math.round(e.cost.usdPerMonth * 100) === cents,
  );
}

/**
 * A summary in fewer columns: "one m6i.large with a cold standby (standby in eu-west-2)" -> "one m6i.large + cold
 * standby in eu-west-2", "2 x m6i.large over 3 zones in 1 region" -> "2 x m6i.large, 3 zones" (in 2 regions stays).
 * Wording it does not know is left as it is (and cut to the column like any other).
 */
export function compactSummary(s: string): string {
  return s
    .replace(/ with a (cold|hot) standby \(standby in ([^)]+)\)/g, ' + $1 standby in $2')
    .replace(/ with a (cold|hot) standby/g, ' + $1 standby')
    .replace(/ over (\d+ zones?) in each of (\d+ regions)\b/g, ', $1 x $2')
    .replace(/ over (\d+ zones?) in ([a-z]+-[a-z]+-\d+)\b/g, ', $1 in $2');
}

/** The design cell: a named design's name and compact summary, a searched one's compact summary (and regions). */
export function designCell(result: ComparisonResult, e: FrontierEntry): string {
  if (isNamed(result, e)) return `${e.name} (${compactSummary(e.summary)})`;
  return compactSummary(e.name.slice(`${e.kind}: `.length));
}

/** The selected entry in full, as the worksheet names it. */
function designInFull(result: ComparisonResult, e: FrontierEntry): string {
  return isNamed(result, e) ? `${e.name} (${e.kind}: ${e.summary})` : e.name;
}

function title(result: ComparisonResult): string {
  const f = result.frontier;
  const n = result.frontierNonDominated;
  const count = result.architectures.length;
  const plural = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
  if (result.frontierOf === 'candidates')
    return `Frontier over the ${plural(count, 'given candidate')} (not a search): ${f.length} of them`;
  return `Frontier of the search: ${plural(n, 'design')}${n > f.length ? ` (${f.length} shown, spread by cost)` : ''}`;
}

/**
 * Cost against nines: one point per entry (meets every target, misses one, the recommended design), the target's
 * nines as a horizontal rule (inside the nines axis, as on the worksheet's chart) and the budget as a vertical mark
 * when it is within the costs shown.
 */
function chart(result: ComparisonResult, rec: number, o: FrontierViewOptions, height: number): Line[] {
  const f = result.frontier;
  const point = (e: FrontierEntry) => ({ x: e.cost.usdPerMonth, y: e.availability.nines });
  const others = f.filter((_, i) => i !== rec);
  const series: LineSeries[] = [
    { label: 'meets every target', symbol: 'o', points: others.filter((e) => e.meetsTargets).map(point) },
    { label: 'misses a target', symbol: 'x', points: others.filter((e) => !e.meetsTargets).map(point) },
    { label: 'recommended', symbol: '*', points: rec >= 0 ? [point(f[rec] as FrontierEntry)] : [] },
  ].filter((s) => s.points.length > 0);
  const costs = f.map((e) => e.cost.usdPerMonth);
  const lo = Math.min(...costs);
  const hi = Math.max(...costs);
  const budget = o.budgetUsdPerMonth;
  const marks = budget !== null && budget >= lo && budget <= hi ? [{ x: budget, label: 'budget' }] : [];
  return [
    line(padTo('Monthly cost against nines', o.width), 'title'),
    ...lineChart({
      series,
      width: o.width,
      height: height - 1,
      logX: lo > 0 && hi / lo > 10,
      xFormat: (x) => formatUsdTick(x),
      yFormat: (y) => formatNines(y),
      marks,
      rules: [{ y: o.targetNines, label: `target ${formatNines(o.targetNines)} nines` }],
      connect: false,
      ascii: o.ascii,
    }).map((t) => line(padTo(t, o.width))),
  ];
}

/** The frontier view: at most `height` lines of `width` characters. */
export function frontierLines(result: ComparisonResult, o: FrontierViewOptions): Line[] {
  const { width, height } = o;
  const f = result.frontier;
  if (f.length === 0) {
    const why =
      result.frontierOf === 'candidates'
        ? 'The frontier is taken over the given candidates (the scenario names them: no search), and none were compared.'
        : 'The search met no design.';
    return [
      line(padTo('No frontier', width), 'title'),
      ...wrapLines(why, width, Math.max(1, height - 1)).map((t) => line(padTo(t, width))),
    ].slice(0, height);
  }
  const rec = recommendedEntry(result);
  const selected = Math.max(0, Math.min(f.length - 1, o.selected));
  const legend =
    result.recommendation.name === null
      ? 'none beats these on cost, nines and p99 together; no design meets every target; > selected'
      : 'none beats these on cost, nines and p99 together; * recommended, > selected';
  const top: Line[] = [line(padTo(title(result), width), 'title'), line(padTo(legend, width), 'dim')];

  const entry = f[selected] as FrontierEntry;
  const bottom: Line[] = wrapLines(
    `> ${designInFull(result, entry)}${selected !== rec ? '' : entry.name === result.recommendation.name ? ', recommended' : `, recommended (${result.recommendation.name}, the same design as the search met it)`}`,
    width,
    2,
  ).map((t) => line(padTo(t, width), 'dim'));
  if (result.recommendation.name !== null && rec < 0) {
    bottom.push(
      line(
        padTo(`recommended: ${result.recommendation.name}, not on the frontier (another design beats it)`, width),
        'dim',
      ),
    );
  }

  // the rows that fit, scrolled to keep the selected one in the middle
  const room = Math.max(1, height - top.length - 1 - bottom.length);
  const rows = Math.min(f.length, room);
  const first = Math.max(0, Math.min(selected - Math.floor(rows / 2), f.length - rows));
  const designW = Math.max(10, Math.min(width - FIXED_W, Math.max(...f.map((e) => designCell(result, e).length), 12)));
  const range = rows < f.length ? ` (${first + 1}-${first + rows} of ${f.length})` : '';
  const head = `   ${`design${range}`.padEnd(designW)} ${'$/month'.padStart(COST_W)} ${'nines'.padStart(NINES_W)} ${'p99'.padStart(P99_W)} ${'met?'.padEnd(MEETS_W)}`;
  const table: Line[] = [line(padTo(head, width), 'dim')];
  for (let i = first; i < first + rows; i++) {
    const e = f[i] as FrontierEntry;
    const marks = `${i === selected ? '>' : ' '}${i === rec ? '*' : ' '}`;
    const text = `${marks} ${padTo(designCell(result, e), designW)} ${formatUsd(e.cost.usdPerMonth).padStart(COST_W)} ${formatNines(e.availability.nines).padStart(NINES_W)} ${formatLatencyMs(e.latency.p99Ms).padStart(P99_W)} ${mark(e.meetsTargets).padEnd(MEETS_W)}`;
    table.push(line(padTo(text, width), i === selected ? 'focus' : i === rec ? 'ok' : 'plain'));
  }

  const out = [...top, ...table, ...bottom];
  const left = height - out.length - 1;
  if (left >= CHART_MIN_LINES && width >= 40) {
    out.push(line(''), ...chart(result, rec, o, Math.min(CHART_MAX_LINES, left)));
  }
  return out.slice(0, height);
}
