/**
 * The screen as lines of text with a style each, from the state and the terminal size: pure functions, tested
 * without rendering. The Ink components only lay these lines out and colour them.
 *
 * Layout: a header line; the inputs on the left (grouped, scrolled to keep the focused field visible); on the right
 * the comparison of the candidates and the recommendation, and, when the terminal is tall enough, a chart (`c`
 * cycles cost vs load, p99 per user region, downtime vs budget); a message line and the key legend at the bottom.
 * At 80x24 the chart takes the comparison's place when selected. `f` shows the frontier in place of both columns
 * (frontierView.ts).
 */
import type { CostCurve } from '../compare/costCurve.js';
import { changeDowntime } from '../compare/operations.js';
import { perTier, zonesSpanned } from '../compare/recommend.js';
import type { ArchitectureResult, ComparisonResult } from '../compare/result.js';
import { lossShort, lossVerdict } from '../compare/survival.js';
import { costVsLoadSeries, crossoverSentence, p99Bars, p99StackedRows } from '../report/chartData.js';
import { mark } from '../report/table.js';
import { budgetBar, stackedBars } from '../report/textCharts/bars.js';
import { lineChart } from '../report/textCharts/lineChart.js';
import {
  formatDowntimeRounded,
  formatDuration,
  formatInterval,
  formatLatencyMs,
  formatNines,
  formatPercent,
  formatRate,
  formatSig,
  formatUsd,
  formatUsdTick,
} from '../units/format.js';
import { displayValue, fieldsOf } from './fields.js';
import { BINDINGS } from './keys.js';
import type { TuiState } from './state.js';
import { displayWidth, fitTo, wrapTo } from './text.js';

export type Style = 'plain' | 'title' | 'focus' | 'edit' | 'error' | 'dim' | 'ok' | 'bad' | 'group';
export interface Line {
  text: string;
  style: Style;
  /** The part of `text` (string indices, from and to) shown with emphasis: the recommended design's column. */
  emph?: readonly [number, number];
}

export const line = (text: string, style: Style = 'plain'): Line => ({ text, style });
/**
 * The rows of a comparison that show each tier of the systems shown (none when no candidate has per-tier designs):
 * the tier's shape, then its share of the mean time, of the downtime (it alone down) and of the cost, in per cent.
 */
function tierRows(
  shown: readonly ArchitectureResult[],
  rowOf: (label: string, f: (a: ArchitectureResult) => string, style?: 'title' | 'dim') => Line,
): Line[] {
  const names = [...new Set(shown.flatMap((a) => (perTier(a) ? (a.tiers ?? []).map((t) => t.name) : [])))];
  const tierOf = (a: ArchitectureResult, name: string) =>
    a.tiers?.find((x) => x.name === name && x.kind !== 'co-located');
  return names.flatMap((name) => [
    rowOf(`tier ${name}`, (a) => {
      const t = tierOf(a, name);
      if (t === undefined) return a.tiers ? 'on the shared nodes' : '-';
      return t.kind === 'vertical'
        ? `1x ${t.instance.name}${t.readReplicas > 0 ? ` +${t.readReplicas} replicas` : ''}`
        : `${t.nodes}x ${t.instance.name}`;
    }),
    rowOf('  % time/down/$', (a) => {
      const t = tierOf(a, name);
      if (t === undefined) return '-';
      const u = a.availability.unavailability;
      const pct = (x: number) => (x * 100).toFixed(0);
      return `${pct(t.latency.shareOfMean ?? 0)} / ${pct(u > 0 ? t.availability.downtimeShare / u : 0)} / ${pct(t.cost.share)}`;
    }),
  ]);
}

/**
 * `s` made safe for the terminal (control characters escaped: text.ts) and padded to `w` columns, or cut to them with
 * `~` as the last one; columns by display width (a CJK character or an emoji takes two).
 */
export const padTo = (s: string, w: number) => fitTo(s, w);

/**
 * Dollars short enough for a narrow cell or a one-line summary: whole dollars below $10,000 ("$7,064"), then three
 * significant figures with k or M ("$14.6k", "$1.23M").
 */
export function compactUsd(usd: number): string {
  if (!Number.isFinite(usd) || Math.abs(usd) < 10_000) return formatUsd(usd);
  const abs = Math.abs(usd);
  const sign = usd < 0 ? '-' : '';
  if (Number(abs.toPrecision(3)) < 1e6) return `${sign}$${formatSig(abs / 1e3, 3)}k`;
  return `${sign}$${formatSig(abs / 1e6, 3)}M`;
}

/** Width of the input column. */
export function leftWidth(width: number): number {
  return Math.max(28, Math.min(40, Math.floor(width * 0.35)));
}

/**
 * The title: the scenario's name, its file (`[no file]` before it is saved anywhere; ` *` while it differs from the
 * file) and the design rate.
 */
export function headerLine(state: TuiState, result: ComparisonResult, width: number): Line {
  const file = state.source ?? 'no file';
  const text = `capplan  ${result.scenario}  [${file}${state.dirty ? ' *' : ''}]  design rate ${formatRate(result.designRatePerS)}`;
  return line(padTo(text, width), 'title');
}

/**
 * The inputs (grouped), `height` lines of them, and the first row shown. The list scrolls only when the focused field
 * would come within `margin` rows of an edge (2 on a list of 12 rows or more), by as little as keeps it there, so the
 * screen does not jump on every key; the first field of a group brings its heading with it. `prevTop`: the first row
 * shown before this key (the app keeps it). A hidden part is counted on the first or last line ("^ 3 more").
 */
export function inputView(
  state: TuiState,
  width: number,
  height: number,
  prevTop: number,
): { lines: Line[]; top: number } {
  const fields = fieldsOf(state.raw);
  const rows: { line: Line; field: number | null }[] = [];
  let group = '';
  let focusHeading = -1;
  fields.forEach((f, i) => {
    if (f.group !== group) {
      group = f.group;
      if (i === state.focus) focusHeading = rows.length;
      rows.push({ line: line(padTo(f.group, width), 'group'), field: null });
    }
    const labelW = Math.min(18, Math.floor(width * 0.5));
    const focused = i === state.focus;
    if (focused && state.editing) {
      rows.push({
        line: line(padTo(`${padTo(f.label, labelW)} ${state.editing.buffer}_`, width), 'edit'),
        field: i,
      });
      rows.push({ line: line(padTo(`  e.g. ${f.hint}; Enter accepts, Esc cancels`, width), 'dim'), field: i });
    } else {
      const v = displayValue(state.raw, f, true);
      rows.push({
        line: line(
          padTo(`${padTo(f.label, labelW)} ${v === '' ? '(default)' : v}`, width),
          focused ? 'focus' : v === '' ? 'dim' : 'plain',
        ),
        field: i,
      });
    }
    if (focused && state.fieldError?.path === f.path && !state.fieldError.hidden) {
      rows.push({ line: line(padTo(`  ! ${state.fieldError.text}`, width), 'error'), field: i });
    }
  });
  const firstRow = rows.findIndex((r) => r.field === state.focus);
  const first = focusHeading >= 0 ? focusHeading : Math.max(0, firstRow);
  const last = rows.length - 1 - [...rows].reverse().findIndex((r) => r.field === state.focus);
  const maxTop = Math.max(0, rows.length - height);
  const margin = height >= 12 ? 2 : height >= 6 ? 1 : 0;
  let top = Math.max(0, Math.min(prevTop, maxTop));
  // above: the "^ N more" line (when scrolled) and the margin; below: the margin and the "v N more" line
  if (first < top + (top > 0 ? 1 : 0) + margin) top = Math.max(0, first - margin - 1);
  if (last > top + height - 2 - margin) top = Math.min(maxTop, last - height + 2 + margin);
  top = Math.max(0, Math.min(top, maxTop));
  const visible = rows.slice(top, top + height).map((r) => r.line);
  if (top > 0) visible[0] = line(padTo(`  ^ ${top + 1} more`, width), 'dim');
  if (top + height < rows.length)
    visible[visible.length - 1] = line(padTo(`  v ${rows.length - top - height + 1} more`, width), 'dim');
  return { lines: visible, top };
}

/** A name in at most `w` columns (cut with `~`), made safe for the terminal. */
function short(name: string, w: number): string {
  return fitTo(name, w).trimEnd();
}

const ms = formatLatencyMs;

/** The candidates in the order the comparison shows them: the recommended one first, then the others as given. */
export function comparisonOrder(result: ComparisonResult): ArchitectureResult[] {
  const archs = result.architectures;
  const rec = archs.findIndex((a) => a.name === result.recommendation.name);
  return rec <= 0 ? [...archs] : [archs[rec] as ArchitectureResult, ...archs.filter((_, i) => i !== rec)];
}

/** Narrowest and widest candidate columns. */
const MIN_COL_W = 9;
const MAX_COL_W = 24;

/**
 * The candidates side by side: one column each (as many as fit; left/right scroll the rest), one row per figure. The
 * recommended design comes first, marked `*` and emphasised (with colour). Names are wrapped on two lines; a cell
 * too narrow for a figure shows it compactly (`10.7 h` for `10h 39m 38.3s`, `$14.6k`), never cut.
 */
export function comparisonLines(result: ComparisonResult, width: number, first = 0, maxRows = Infinity): Line[] {
  const labelW = 14;
  const archs = comparisonOrder(result);
  const recName = result.recommendation.name;
  const room = Math.max(MIN_COL_W + 1, width - labelW);
  const fits = Math.max(1, Math.min(archs.length, Math.floor(room / (MIN_COL_W + 1))));
  const colW = Math.max(MIN_COL_W, Math.min(MAX_COL_W, Math.floor(room / fits) - 1));
  const start = Math.max(0, Math.min(first, archs.length - fits));
  const shown = archs.slice(start, start + fits);
  const emphFirst = shown[0] !== undefined && shown[0].name === recName;
  /** A figure written in full, then shorter (the row uses the first form in which every cell fits). */
  const cell = (...texts: string[]): readonly string[] => texts;
  const rowOf = (
    label: string,
    f: (a: ArchitectureResult) => string | readonly string[],
    style: Style = 'plain',
    marked = false,
  ): Line => {
    const head = padTo(label, labelW);
    const forms = shown.map((a) => {
      const v = f(a);
      return typeof v === 'string' ? [v] : v;
    });
    const levels = Math.max(1, ...forms.map((x) => x.length));
    const at = (x: readonly string[], k: number) => x[Math.min(k, x.length - 1)] ?? '';
    let k = 0;
    while (k < levels - 1 && forms.some((x) => displayWidth(at(x, k)) > colW)) k++;
    // the recommended design's name is marked `*` in the column between the cells
    const cells = shown.map(
      (a, i) => `${marked && a.name === recName ? '*' : ' '}${padTo(at(forms[i] ?? [], k), colW)}`,
    );
    const l = line(padTo(`${head}${cells.join('')}`, width), style);
    return emphFirst ? { ...l, emph: [head.length, head.length + (cells[0]?.length ?? 0)] } : l;
  };
  // each name in full on up to three lines (the last cut with ~ when it needs more)
  const names = shown.map((a) => {
    const wrapped = wrapTo(a.name, colW);
    return wrapped.length > 3 ? [...wrapped.slice(0, 2), wrapped.slice(2).join(' ')] : wrapped;
  });
  const nameLines = Math.max(1, ...names.map((n) => n.length));
  const nameRow = (k: number) => rowOf('', (a) => names[shown.indexOf(a)]?.[k] ?? '', 'title', k === 0);
  const uncertain = result.uncertainty;
  const lines: Line[] = [
    ...Array.from({ length: nameLines }, (_, k) => nameRow(k)),
    rowOf(
      '',
      (a) => {
        // a system of per-tier designs has no one shape (its instance is its first tier's): the tier rows below show each
        if (perTier(a)) return `${a.tiers?.length} tiers`;
        const n = a.kind === 'vertical' ? 1 : a.nodes;
        const size = a.instance.name.split('.').pop();
        return cell(`${n}x ${a.instance.name}`, `${n}x ${size}`, `${n}x${size}`);
      },
      'dim',
    ),
    // a system of tiers: each tier's shape, then its share of the mean time, of the downtime alone, of the cost
    ...tierRows(shown, rowOf),
    rowOf('cost/month', (a) => cell(formatUsd(a.cost.usdPerMonth), compactUsd(a.cost.usdPerMonth))),
    // operations (issue 20): people and tooling inside the cost, deploys and failed changes inside the downtime
    ...(shown.some((a) => a.cost.breakdown.operationsUsdPerMonth !== undefined)
      ? [
          rowOf('  operations', (a) => {
            const usd = a.cost.breakdown.operationsUsdPerMonth ?? 0;
            return cell(formatUsd(usd), compactUsd(usd));
          }),
        ]
      : []),
    rowOf('nines', (a) => formatNines(a.availability.nines)),
    rowOf('down/year', (a) => downtimeCell(a.availability.downtimeMinutesPerYear * 60, cell)),
    ...(shown.some((a) => changeDowntime(a) !== null)
      ? [
          rowOf('  of changes', (a) => {
            const c = changeDowntime(a);
            return c === null ? '-' : downtimeCell((c.deploys + c.failed) * 60, cell);
          }),
        ]
      : []),
    rowOf('p99', (a) => ms(a.latency.p99Ms)),
  ];
  if (uncertain) {
    // the share of the sampled scenarios (the inputs' ranges) in which each candidate meets every target
    lines.push(
      rowOf('meets targets', (a) => {
        const u = uncertain.byArchitecture[result.architectures.indexOf(a)];
        if (!u) return '-';
        const pct = formatPercent(u.probMeetsAll, 0);
        return cell(`in ${pct} of samples`, `in ${pct}`);
      }),
    );
  }
  if (shown.some((a) => a.simulated)) {
    lines.push(
      rowOf('  sim p99', (a) => {
        const s = a.simulated?.latency;
        if (!s) return '-';
        const range = formatInterval(s.ci95.p99Ms[0], s.ci95.p99Ms[1], (x, e) => x.toFixed(e), '-');
        return cell(`${s.p99Ms.toFixed(0)} (${range})`, `${range} ms`);
      }),
      rowOf('  sim nines', (a) => {
        const s = a.simulated?.availability;
        if (!s) return '-';
        if (s.tooRare) return 'too rare';
        const n = (x: number) => -Math.log10(1 - x);
        const range = formatInterval(n(s.ci95[0]), n(s.ci95[1]), formatNines, '-');
        return cell(`${formatNines(s.nines)} (${range})`, range);
      }),
    );
  }
  lines.push(
    rowOf('utilisation', (a) => `${(a.utilization * 100).toFixed(0)}%`),
    rowOf('regions', (a) => {
      const z = zonesShown(a);
      return cell(`${a.regions.length} x ${z} zones`, `${a.regions.length}r x ${z}z`);
    }),
  );
  if (shown.some((a) => a.placement !== null)) {
    lines.push(
      rowOf('copies, quorum', (a) =>
        a.placement === null ? '-' : `${a.placement.copies}, W ${a.placement.writeQuorum}`,
      ),
    );
  }
  const loss = (a: ArchitectureResult, what: 'zone' | 'region') => {
    const text = lossShort(lossVerdict(a, what));
    return cell(text, text.split(' ')[0] ?? text);
  };
  lines.push(
    rowOf('zone loss', (a) => loss(a, 'zone')),
    rowOf('target p99', (a) => mark(a.meetsTargets.p99)),
    rowOf('target avail', (a) => mark(a.meetsTargets.availability)),
    rowOf('target budget', (a) => mark(a.meetsTargets.budget)),
    rowOf('target CPU', (a) => mark(a.meetsTargets.utilization)),
  );
  if (shown.some((a) => a.regions.length > 1)) {
    lines.splice(
      lines.findIndex((l) => l.text.startsWith('zone loss')) + 1,
      0,
      rowOf('region loss', (a) => loss(a, 'region')),
    );
  }
  if (shown.length < archs.length) {
    lines.push(
      line(padTo(`(${start + 1}-${start + shown.length} of ${archs.length}: left/right scroll)`, width), 'dim'),
    );
  }
  // too many rows for the screen: the least needed go first (the targets, cost, nines and p99 stay)
  for (const label of DROPPABLE) {
    if (lines.length <= maxRows) break;
    const at = lines.findIndex((l) => l.text.startsWith(label));
    if (at >= 0) lines.splice(at, 1);
  }
  return lines;
}

/** Rows of the comparison left out, in this order, when the screen is too short for all of them. */
const DROPPABLE = ['copies, quorum', 'region loss', 'zone loss', 'regions', 'utilisation', '  operations'];

/** Downtime as uptime calculators write it when it fits ("10h 39m 38.3s"), else to three figures ("10.7 h"). */
function downtimeCell(seconds: number, cell: (...texts: string[]) => readonly string[]): readonly string[] {
  return cell(formatDowntimeRounded(seconds), seconds === 0 ? '0s' : formatDuration(seconds, 3));
}

/** `text` wrapped at `width` columns (by display width), at most `max` lines, the last cut with "..." when more. */
export function wrapLines(text: string, width: number, max: number): string[] {
  const out = wrapTo(text, width);
  if (out.length > max) {
    const kept = out.slice(0, max);
    if (max > 0) kept[max - 1] = `${fitTo(kept[max - 1] as string, Math.max(0, width - 3)).trimEnd()}...`;
    return kept;
  }
  return out;
}

/**
 * The verdict: the recommended design named in full with its monthly cost, nines and p99 (compact: `$14.6k`), on at
 * most two lines; none: "No candidate meets every target."
 */
export function recommendationHead(result: ComparisonResult, width: number): Line[] {
  const rec = result.recommendation;
  const a = result.architectures.find((x) => x.name === rec.name);
  if (rec.name === null || a === undefined) return [line(padTo('No candidate meets every target.', width), 'bad')];
  const text = `Recommended: ${rec.name}: ${compactUsd(a.cost.usdPerMonth)}/month, ${formatNines(a.availability.nines)} nines, p99 ${ms(a.latency.p99Ms)}`;
  return wrapLines(text, width, 2).map((t) => line(padTo(t, width), 'ok'));
}

/** Why the recommendation: the engine's text, wrapped, at most `max` lines. */
export function recommendationWhy(result: ComparisonResult, width: number, max: number): Line[] {
  return wrapLines(result.recommendation.why, width, Math.max(0, max)).map((t) => line(padTo(t, width)));
}

export function chartLines(
  panel: 'cost' | 'latency' | 'downtime',
  result: ComparisonResult,
  curve: CostCurve | undefined,
  width: number,
  height: number,
  ascii: boolean,
  /** Downtime the availability target allows per year, minutes. */
  allowedDowntimeMinutes: number,
  /** The curve is the previous scenario's, kept (dimmed) while the new one is computed. */
  stale = false,
): Line[] {
  if (panel === 'cost') {
    if (!curve) return [line('cost vs load: computing...', 'dim')];
    if (stale) {
      const lines = chartLines(panel, result, curve, width, height, ascii, allowedDowntimeMinutes);
      const [title, ...rest] = lines;
      return [
        line(padTo(`${(title?.text ?? '').trimEnd()} (updating)`, width), 'dim'),
        ...rest.map((l) => ({ ...l, style: 'dim' as Style })),
      ];
    }
    const { series, marks } = costVsLoadSeries(curve, { vertical: 'v', horizontal: 'h' });
    // which designs: searched again at each load, or today's frozen (a scenario's own candidates go without saying)
    const designs =
      curve.designs === 'searched at every point'
        ? ', searched at each load'
        : curve.designs === 'frozen'
          ? ', designs frozen'
          : '';
    const title = `Monthly cost vs load${designs === '' ? '' : ` (${designs.slice(2)})`}: ${crossoverSentence(curve, result.designRatePerS)}`;
    return [
      line(padTo(title, width), 'title'),
      ...lineChart({
        series,
        width,
        height: Math.max(6, height - 1),
        logX: true,
        xFormat: (x) => formatRate(x, 2),
        yFormat: (y) => formatUsdTick(y),
        marks,
        ascii,
      }).map((t) => line(t)),
    ];
  }
  const best = result.architectures.find((a) => a.name === result.recommendation.name) ?? result.architectures[0];
  if (!best) return [];
  if (panel === 'latency') {
    const simUsers = best.simulated?.latency?.byUserRegion ?? [];
    // one line per user region, plus the title, the legend and the simulated line: the largest shares when the
    // panel is too short for all of them
    const room = Math.max(1, height - 2 - (simUsers.length > 0 ? 1 : 0));
    const all = p99Bars(best);
    const kept = all.length <= room ? all : [...all].sort((x, y) => y.share - x.share).slice(0, Math.max(1, room - 1));
    const rows = p99StackedRows(kept, ascii ? { network: '=', rest: '-' } : { network: '█', rest: '░' });
    const more = all.length - kept.length;
    return [
      line(padTo(`p99 per user region, ${best.name}`, width), 'title'),
      ...stackedBars({ rows, width, format: (v) => `${v.toFixed(0)} ms`, ascii }).map((t) => line(t)),
      ...(more > 0
        ? [line(padTo(`(${more} smaller user regions not shown: capplan run --format table lists all)`, width), 'dim')]
        : []),
      ...(simUsers.length > 0
        ? [
            line(
              padTo(`simulated: ${simUsers.map((u) => `${u.region} ${u.p99Ms.toFixed(0)} ms`).join(', ')}`, width),
              'dim',
            ),
          ]
        : []),
    ];
  }
  const out: Line[] = [line(padTo('Downtime per year against the availability target', width), 'title')];
  for (const a of result.architectures.slice(0, Math.max(1, Math.floor((height - 1) / 2)))) {
    out.push(
      ...budgetBar({
        value: a.availability.downtimeMinutesPerYear,
        budget: allowedDowntimeMinutes,
        width,
        label: short(a.name, 18),
        format: (m) => formatDowntimeRounded(m * 60),
        ascii,
      }).map((t) => line(t)),
    );
  }
  return out;
}

export function footerLines(state: TuiState, width: number): Line[] {
  const msg = state.message;
  const sim =
    state.sim.status === 'running'
      ? `simulating ${state.sim.total ? `[${'#'.repeat(Math.round((state.sim.done / state.sim.total) * 20)).padEnd(20, '.')}] ${state.sim.done}/${state.sim.total}` : '...'} (Esc cancels)`
      : null;
  const job = state.worksheet
    ? `writing the worksheet to ${state.worksheet.path} (${state.worksheet.format}): ${state.worksheet.percent === null ? `${state.worksheet.seconds} s` : `${state.worksheet.percent}% (${state.worksheet.seconds} s)`} (Esc cancels)`
    : null;
  const keys = footerKeys(width);
  const status = job ?? sim;
  return [
    line(padTo(status ?? msg?.text ?? '', width), msg?.kind === 'error' && !status ? 'error' : 'plain'),
    line(padTo(keys, width), 'dim'),
  ];
}

/**
 * The key legend: the bindings marked footerKeep first (help and quit: help lists the rest), then every other
 * binding with a footer word, in table order, as many as fit.
 */
export function footerKeys(width: number): string {
  const items = BINDINGS.filter((b) => b.footer).map((b) => ({
    text: `${b.keys.split(',')[0]?.split(' ')[0]} ${b.footer}`,
    keep: b.footerKeep === true,
  }));
  const kept = items.filter((x) => x.keep);
  const shown = [...kept];
  let used = kept.map((x) => x.text).join('  ').length;
  for (const x of items) {
    if (x.keep) continue;
    if (used + 2 + x.text.length > width) break;
    shown.push(x);
    used += 2 + x.text.length;
  }
  return shown.map((x) => x.text).join('  ');
}

/** Column of the help's descriptions. */
const HELP_KEYS_W = 16;

/** Every key with what it does, wrapped at `width` under its description (hanging indent). */
export function helpLines(width: number): Line[] {
  const out: Line[] = [line(padTo('Keys (any key closes this help)', width), 'title')];
  const indent = 2 + HELP_KEYS_W + 1;
  const textW = Math.max(20, width - indent);
  for (const b of BINDINGS) {
    if (!b.keys) continue;
    wrapTo(b.help, textW).forEach((t, i) => {
      out.push(line(padTo(`${i === 0 ? `  ${b.keys.padEnd(HELP_KEYS_W)} ` : ' '.repeat(indent)}${t}`, width)));
    });
  }
  const units = 'Values take units: 3000/s, 250 ms, 99.95%, 300 GiB, 30000 USD/month. A bad value keeps the old one.';
  for (const t of wrapTo(units, width)) out.push(line(padTo(t, width), 'dim'));
  return out;
}

/**
 * The zones per region the regions row shows, as the worksheet's words say them: a horizontal design's zones its
 * nodes occupy (zonesSpanned), a box's with its standby as built; a system of per-tier designs the most any tier
 * spans (its JSON zones are its first tier's as asked: "app over 3 zones" with 2 app nodes sits in 2).
 */
function zonesShown(a: ArchitectureResult): number {
  const spanned = (t: { kind: string; zones: number; nodes: number; regions: readonly string[] }) =>
    t.kind === 'horizontal' ? zonesSpanned(t) : t.zones;
  if (perTier(a)) return Math.max(...(a.tiers ?? []).filter((t) => t.kind !== 'co-located').map(spanned));
  return spanned(a);
}
