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
import { perTier } from '../compare/recommend.js';
import type { ArchitectureResult, ComparisonResult } from '../compare/result.js';
import { lossShort, lossVerdict } from '../compare/survival.js';
import { costVsLoadSeries, crossoverSentence, p99Bars, p99StackedRows } from '../report/chartData.js';
import { mark, wrap } from '../report/table.js';
import { budgetBar, stackedBars } from '../report/textCharts/bars.js';
import { lineChart } from '../report/textCharts/lineChart.js';
import { formatDowntime, formatLatencyMs, formatRate, formatUsd } from '../units/format.js';
import { displayValue, fieldsOf } from './fields.js';
import { BINDINGS } from './keys.js';
import type { TuiState } from './state.js';

export type Style = 'plain' | 'title' | 'focus' | 'edit' | 'error' | 'dim' | 'ok' | 'bad' | 'group';
export interface Line {
  text: string;
  style: Style;
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

/** `s` padded to `w` columns, or cut to them with `~` as the last one. */
export const padTo = (s: string, w: number) => (s.length > w ? `${s.slice(0, Math.max(0, w - 1))}~` : s.padEnd(w));

/** Width of the input column. */
export function leftWidth(width: number): number {
  return Math.max(30, Math.min(40, Math.floor(width * 0.38)));
}

export function headerLine(state: TuiState, result: ComparisonResult, width: number): Line {
  const file = state.source ?? '(unsaved)';
  const text = `capplan  ${result.scenario}  [${file}${state.dirty ? ' *' : ''}]  design rate ${formatRate(result.designRatePerS)}`;
  return line(padTo(text, width), 'title');
}

export function inputLines(state: TuiState, width: number, height: number): Line[] {
  const fields = fieldsOf(state.raw);
  const rows: { line: Line; field: number | null }[] = [];
  let group = '';
  fields.forEach((f, i) => {
    if (f.group !== group) {
      group = f.group;
      rows.push({ line: line(padTo(f.group, width), 'group'), field: null });
    }
    const labelW = Math.min(18, Math.floor(width * 0.5));
    const focused = i === state.focus;
    if (focused && state.editing) {
      rows.push({ line: line(padTo(`${f.label.padEnd(labelW)} ${state.editing.buffer}_`, width), 'edit'), field: i });
      rows.push({ line: line(padTo(`  e.g. ${f.hint}; Enter accepts, Esc cancels`, width), 'dim'), field: i });
    } else {
      const v = displayValue(state.raw, f);
      rows.push({
        line: line(
          padTo(`${f.label.padEnd(labelW)} ${v === '' ? '(default)' : v}`, width),
          focused ? 'focus' : v === '' ? 'dim' : 'plain',
        ),
        field: i,
      });
    }
    if (focused && state.fieldError?.path === f.path) {
      rows.push({ line: line(padTo(`  ! ${state.fieldError.text}`, width), 'error'), field: i });
    }
  });
  // scroll so that the focused field's rows are visible
  const first = rows.findIndex((r) => r.field === state.focus);
  const lastIdx = rows.length - 1 - [...rows].reverse().findIndex((r) => r.field === state.focus);
  let top = Math.max(0, Math.min(first - 1, rows.length - height));
  if (lastIdx >= top + height) top = lastIdx - height + 1;
  top = Math.max(0, Math.min(top, Math.max(0, rows.length - height)));
  const visible = rows.slice(top, top + height).map((r) => r.line);
  if (top > 0) visible[0] = line(padTo(`  ^ ${top} more`, width), 'dim');
  if (top + height < rows.length)
    visible[visible.length - 1] = line(padTo(`  v ${rows.length - top - height} more`, width), 'dim');
  return visible;
}

function short(name: string, w: number): string {
  return name.length > w ? `${name.slice(0, w - 1)}~` : name;
}

const ms = formatLatencyMs;

/** The candidates side by side: one column each (as many as fit), one row per figure. */
export function comparisonLines(result: ComparisonResult, width: number, first = 0): Line[] {
  const labelW = 14;
  const archs = result.architectures;
  const colW = Math.max(9, Math.min(18, Math.floor((width - labelW) / Math.max(1, archs.length)) - 1));
  const fits = Math.max(1, Math.floor((width - labelW) / (colW + 1)));
  const start = Math.max(0, Math.min(first, archs.length - fits));
  const shown = archs.slice(start, start + fits);
  const rowOf = (label: string, f: (a: ArchitectureResult) => string, style: Style = 'plain'): Line =>
    line(padTo(`${label.padEnd(labelW)}${shown.map((a) => ` ${padTo(f(a), colW)}`).join('')}`, width), style);
  const lines: Line[] = [
    rowOf('', (a) => short(a.name, colW), 'title'),
    rowOf('', (a) => (a.kind === 'vertical' ? `1x ${a.instance.name}` : `${a.nodes}x ${a.instance.name}`), 'dim'),
    // a system of tiers: each tier's shape, then its share of the mean time, of the downtime alone, of the cost
    ...tierRows(shown, rowOf),
    rowOf('cost/month', (a) => formatUsd(a.cost.usdPerMonth)),
    // operations (issue 20): people and tooling inside the cost, deploys and failed changes inside the downtime
    ...(shown.some((a) => a.cost.breakdown.operationsUsdPerMonth !== undefined)
      ? [rowOf('  operations', (a) => formatUsd(a.cost.breakdown.operationsUsdPerMonth ?? 0))]
      : []),
    rowOf('nines', (a) => a.availability.nines.toFixed(2)),
    rowOf('down/year', (a) => formatDowntime(a.availability.downtimeMinutesPerYear * 60)),
    ...(shown.some((a) => changeDowntime(a) !== null)
      ? [
          rowOf('  of changes', (a) => {
            const c = changeDowntime(a);
            return c === null ? '-' : formatDowntime((c.deploys + c.failed) * 60);
          }),
        ]
      : []),
    rowOf('p99', (a) => ms(a.latency.p99Ms)),
  ];
  if (shown.some((a) => a.simulated)) {
    lines.push(
      rowOf('  sim p99', (a) => {
        const s = a.simulated?.latency;
        return s ? `${s.p99Ms.toFixed(0)} (${s.ci95.p99Ms[0].toFixed(0)}-${s.ci95.p99Ms[1].toFixed(0)})` : '-';
      }),
      rowOf('  sim nines', (a) => {
        const s = a.simulated?.availability;
        if (!s) return '-';
        if (s.tooRare) return 'too rare';
        const n = (x: number) => (-Math.log10(1 - x)).toFixed(2);
        return `${s.nines.toFixed(2)} (${n(s.ci95[0])}-${n(s.ci95[1])})`;
      }),
    );
  }
  lines.push(
    rowOf('utilisation', (a) => `${(a.utilization * 100).toFixed(0)}%`),
    rowOf('regions', (a) => `${a.regions.length} x ${a.zones} zones`),
  );
  if (shown.some((a) => a.placement !== null)) {
    lines.push(
      rowOf('copies, quorum', (a) =>
        a.placement === null ? '-' : `${a.placement.copies}, W ${a.placement.writeQuorum}`,
      ),
    );
  }
  lines.push(
    rowOf('zone loss', (a) => lossShort(lossVerdict(a, 'zone'))),
    rowOf('target p99', (a) => mark(a.meetsTargets.p99)),
    rowOf('target avail', (a) => mark(a.meetsTargets.availability)),
    rowOf('target budget', (a) => mark(a.meetsTargets.budget)),
    rowOf('target CPU', (a) => mark(a.meetsTargets.utilization)),
  );
  if (shown.some((a) => a.regions.length > 1)) {
    lines.splice(
      lines.findIndex((l) => l.text.startsWith('zone loss')) + 1,
      0,
      rowOf('region loss', (a) => lossShort(lossVerdict(a, 'region'))),
    );
  }
  if (shown.length < archs.length) {
    lines.push(
      line(padTo(`(${start + 1}-${start + shown.length} of ${archs.length}: left/right scroll)`, width), 'dim'),
    );
  }
  return lines;
}

/** `text` wrapped at `width` (report/table.ts's wrap), at most `max` lines, the last cut with "..." when more. */
export function wrapLines(text: string, width: number, max: number): string[] {
  const wrapped = wrap(text, width);
  const out = wrapped === '' ? [] : wrapped.split('\n');
  if (out.length > max) {
    const kept = out.slice(0, max);
    kept[max - 1] = `${(kept[max - 1] as string).slice(0, Math.max(0, width - 3))}...`;
    return kept;
  }
  return out;
}

export function recommendationLines(result: ComparisonResult, width: number, max: number): Line[] {
  const rec = result.recommendation;
  const head = rec.name === null ? 'No candidate meets every target.' : `Recommended: ${rec.name}`;
  const body = wrapLines(rec.why, width, Math.max(0, max - 1));
  return [line(padTo(head, width), rec.name === null ? 'bad' : 'ok'), ...body.map((t) => line(t))];
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
): Line[] {
  if (panel === 'cost') {
    if (!curve) return [line('cost vs load: computing...', 'dim')];
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
        yFormat: (y) => formatUsd(y),
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
        format: (m) => formatDowntime(m * 60),
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
  const keys = footerKeys(width);
  return [
    line(padTo(sim ?? msg?.text ?? '', width), msg?.kind === 'error' && !sim ? 'error' : 'plain'),
    line(padTo(keys, width), 'dim'),
  ];
}

/**
 * The key legend: every binding with a footer word, in table order; when that is wider than `width`, the ones marked
 * footerKeep (help and quit: help lists the rest) and as many of the others, from the first, as fit beside them.
 */
export function footerKeys(width: number): string {
  const items = BINDINGS.filter((b) => b.footer).map((b) => ({
    text: `${b.keys.split(',')[0]?.split(' ')[0]} ${b.footer}`,
    keep: b.footerKeep === true,
  }));
  const join = (xs: readonly { text: string }[]) => xs.map((x) => x.text).join('  ');
  if (join(items).length <= width) return join(items);
  let room = width - join(items.filter((x) => x.keep)).length;
  const shown = new Set(items.filter((x) => x.keep));
  for (const x of items) {
    if (x.keep) continue;
    if (x.text.length + 2 > room) break;
    shown.add(x);
    room -= x.text.length + 2;
  }
  return join(items.filter((x) => shown.has(x)));
}

export function helpLines(width: number): Line[] {
  const out: Line[] = [line('Keys (any key closes this help)', 'title'), line('')];
  for (const b of BINDINGS) if (b.keys) out.push(line(padTo(`  ${b.keys.padEnd(16)} ${b.help}`, width)));
  out.push(line(''));
  out.push(
    line(
      padTo(
        'Values take units: 3000/s, 250 ms, 99.95%, 300 GiB, 30000 USD/month. A bad value keeps the old one.',
        width,
      ),
      'dim',
    ),
  );
  return out;
}
