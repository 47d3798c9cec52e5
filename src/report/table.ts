/**
 * The comparison as a terminal table (`capplan run --format table`, and `capplan` without a TTY): one column per
 * candidate, one row per figure, the targets marked met (`ok`) or missed (`MISS`), a user region's p99 over the
 * target marked `> target`, then the reasons, the recommendation and its why. Plain ASCII, no colour; pure (a
 * result in, a string out).
 */

import { designKind, designSummary, perTier, tierSummary, zonesAndRegions } from '../compare/recommend.js';
import type { ArchitectureResult, ComparisonResult, UserRegionLatency } from '../compare/result.js';
import { lossShort, lossVerdict } from '../compare/survival.js';
import { nines } from '../core/reliability/index.js';
import {
  formatDowntimeRounded,
  formatDuration,
  formatInterval,
  formatLatencyMs,
  formatNines,
  formatPercent,
  formatRate,
  formatUsd,
} from '../units/format.js';

/** A target met, missed, or not set, in a comparison cell. */
export const mark = (ok: boolean | null): string => (ok === null ? '-' : ok ? 'ok' : 'MISS');

const ms = formatLatencyMs;

function shape(a: ArchitectureResult): string {
  if (perTier(a)) return designSummary(a);
  if (a.kind === 'vertical') return `1 x ${a.instance.name}`;
  return `${a.nodes} x ${a.instance.name}`;
}

function layout(a: ArchitectureResult): string {
  if (perTier(a)) return `tiers in ${a.regions.join('+')}`;
  if (a.kind === 'vertical') {
    const s = a.standby === 'none' ? 'no standby' : `${a.standby} standby`;
    return `${s}, ${a.regions.join('+')}`;
  }
  return `${zonesAndRegions(a)}, ${a.spares === 0 ? 'no spare' : `+${a.spares} spare${a.spares === 1 ? '' : 's'}`}`;
}

/** What the latency charts draw after the network: the p99's remainder, which includes a strong write's wait. */
export const P99_REST = 'queue, service and write waits';

/**
 * The two parts of a user region's end-to-end p99 that the latency charts draw: the network time of a request (every
 * round trip) and the rest of the p99 (null: unstable queue). The rest is not the queue's own p99 (queueP99Ms): the
 * end-to-end p99 is a quantile of the whole time, write waits included.
 */
export function p99Split(u: UserRegionLatency): { networkMs: number; restMs: number | null } {
  const networkMs = Number.isFinite(u.networkMs) ? Math.max(0, u.networkMs) : 0;
  const restMs = u.p99Ms === null || !Number.isFinite(u.p99Ms) ? null : Math.max(0, u.p99Ms - networkMs);
  return { networkMs, restMs };
}

/** Wraps text to `width` columns at spaces. */
export function wrap(text: string, width: number, indent = ''): string {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line.length > 0 && line.length + 1 + w.length > width - indent.length) {
      lines.push(indent + line);
      line = w;
    } else line = line.length > 0 ? `${line} ${w}` : w;
  }
  if (line.length > 0) lines.push(indent + line);
  return lines.join('\n');
}

/**
 * Each system of per-tier designs, tier by tier: what it is, its CPU, its time (mean and p99 of the time a request
 * spends in it), its share of the mean, its own nines with its share of the downtime alone, its cost and share.
 */
function tierLines(archs: readonly ArchitectureResult[], width: number): string[] {
  const out: string[] = [];
  for (const a of archs) {
    if (!perTier(a)) continue;
    const u = a.availability.unavailability;
    out.push(`${a.name}, tier by tier (network between the tiers: ${ms(a.latency.interTierMs ?? 0)} on average):`);
    for (const t of a.tiers ?? []) {
      const time =
        t.latency.meanMs === null ? 'unstable' : `${ms(t.latency.meanMs)} mean, ${ms(t.latency.p99Ms)} p99 in it`;
      out.push(
        wrap(
          `${t.name} (${t.role}): ${tierSummary(t)}; CPU ${formatPercent(t.utilization, 0)}; ${time} (${formatPercent(t.latency.shareOfMean ?? 0, 0)} of the mean); ${formatNines(nines(t.availability.unavailability))} nines, ${formatPercent(u > 0 ? t.availability.downtimeShare / u : 0, 1)} of the downtime alone; ${formatUsd(t.cost.usdPerMonth)} (${formatPercent(t.cost.share, 0)})`,
          width,
          '  ',
        ),
      );
    }
    out.push('');
  }
  return out;
}

/**
 * @param width terminal width the table should fit (columns are narrowed, names cut with "~", to fit when possible)
 */
export function comparisonTable(r: ComparisonResult, width = 100): string {
  const archs = r.architectures;
  const users = archs[0]?.latency.byUserRegion.map((u) => u.region) ?? [];
  const rows: [string, ...string[]][] = [];
  const row = (label: string, f: (a: ArchitectureResult) => string) => rows.push([label, ...archs.map(f)]);
  row('', (a) => a.name);
  row(
    'kind',
    (a) =>
      `${designKind(a)}${a.tiers !== undefined && !perTier(a) ? ', co-located tiers' : ''}${a.origin === 'searched' ? ' (searched)' : ''}`,
  );
  row('instances', shape);
  row('layout', layout);
  row('cost / month', (a) => formatUsd(a.cost.usdPerMonth));
  row('  per 1M requests', (a) => formatUsd(a.cost.usdPerMillionRequests));
  row('availability', (a) => `${formatNines(a.availability.nines)} nines`);
  row('  downtime / year', (a) => formatDowntimeRounded(a.availability.downtimeMinutesPerYear * 60));
  if (archs.some((a) => a.simulated?.availability)) {
    row('  simulated', (a) => {
      const s = a.simulated?.availability;
      if (!s) return '-';
      if (s.tooRare) return `too rare (${s.downEvents} outages)`;
      const n = (x: number) => -Math.log10(1 - x);
      return `${formatNines(s.nines)} (${formatInterval(n(s.ci95[0]), n(s.ci95[1]), formatNines, '-')})`;
    });
  }
  row('p99 (all users)', (a) => ms(a.latency.p99Ms));
  if (archs.some((a) => a.simulated?.latency)) {
    row('  simulated', (a) => {
      const s = a.simulated?.latency;
      if (!s) return '-';
      return `${ms(s.p99Ms)} (${formatInterval(s.ci95.p99Ms[0], s.ci95.p99Ms[1], ms, '-')})`;
    });
  }
  if (archs.some((a) => a.kind === 'horizontal')) {
    row('  p99, spares down', (a) => {
      if (a.kind !== 'horizontal') return '-';
      const sim = a.simulated?.latency?.sparesDown;
      return `${ms(a.latency.p99DegradedMs)}${sim ? ` (sim ${ms(sim.p99Ms)})` : ''}`;
    });
  }
  for (const region of users) {
    row(`  p99 ${region}`, (a) => {
      const u = a.latency.byUserRegion.find((x) => x.region === region);
      // a user region over the p99 target is marked whatever the target's scope (with "every-region" it is a miss)
      const analytic = `${ms(u?.p99Ms ?? null)}${u !== undefined && !u.meetsP99 ? ' > target' : ''}`;
      const sim = a.simulated?.latency?.byUserRegion.find((x) => x.region === region);
      return sim ? `${analytic} (sim ${ms(sim.p99Ms)})` : analytic;
    });
  }
  row('data loss window', (a) => (a.dataLoss.windowS === 0 ? 'none' : formatDuration(a.dataLoss.windowS)));
  row('utilisation', (a) => formatPercent(a.utilization, 1));
  if (archs.some((a) => a.kind === 'horizontal')) {
    row('nodes needed up', (a) => {
      if (a.kind !== 'horizontal') return '-';
      const need = a.nodesNeededByRegion.reduce((s, x) => s + (x.needed ?? Number.NaN), 0);
      return Number.isNaN(need) ? `? of ${a.nodes}` : `${need} of ${a.nodes}`;
    });
  }
  if (archs.some((a) => a.placement !== null)) {
    row('copies (per region / zone)', (a) =>
      a.placement === null ? '-' : `${a.placement.replication} / at most ${a.placement.copiesPerZone}`,
    );
    row('write quorum', (a) => (a.placement === null ? '-' : `${a.placement.writeQuorum} of ${a.placement.copies}`));
  }
  row('survives zone loss', (a) => lossShort(lossVerdict(a, 'zone')));
  if (archs.some((a) => a.regions.length > 1)) {
    row('survives region loss', (a) => lossShort(lossVerdict(a, 'region')));
  }
  row('target p99', (a) => mark(a.meetsTargets.p99));
  row('target availability', (a) => mark(a.meetsTargets.availability));
  row('target durability', (a) => mark(a.meetsTargets.durability));
  row('target budget', (a) => mark(a.meetsTargets.budget));
  row('target utilisation', (a) => mark(a.meetsTargets.utilization));
  row('memory fits', (a) => mark(a.meetsTargets.memory));

  const labelWidth = Math.max(...rows.map((x) => x[0].length));
  const natural = archs.map((_, i) => Math.max(...rows.map((x) => (x[i + 1] ?? '').length)));
  const avail = Math.max(10, Math.floor((width - labelWidth) / Math.max(1, archs.length)) - 2);
  const colWidth = natural.map((n) => Math.min(n, avail));
  // A cell too wide for its column wraps at spaces (a word longer than the column is cut with "~").
  const cellLines = (s: string, w: number): string[] =>
    wrap(s, w)
      .split('\n')
      .map((l) => (l.length > w ? `${l.slice(0, w - 1)}~` : l));
  const lines: string[] = [];
  for (const [label, ...cells] of rows) {
    const wrapped = cells.map((c, i) => cellLines(c, colWidth[i] as number));
    const height = Math.max(1, ...wrapped.map((x) => x.length));
    for (let k = 0; k < height; k++) {
      const text = wrapped.map((x, i) => (x[k] ?? '').padEnd(colWidth[i] as number)).join('  ');
      lines.push(`${(k === 0 ? label : '').padEnd(labelWidth)}  ${text}`.trimEnd());
    }
    if (label === '')
      lines.push('-'.repeat(Math.min(width, labelWidth + 2 + colWidth.reduce((a, b) => a + b + 2, -2))));
  }

  const out = [
    `${r.scenario}: at the design rate ${formatRate(r.designRatePerS)} (${r.designRateNote})`,
    '',
    ...lines,
    '',
  ];
  out.push(...tierLines(archs, width));
  const u = r.uncertainty;
  if (u) {
    const name = (i: number) => archs[i]?.name ?? '';
    out.push(`With the uncertain inputs (${u.inputs.map((x) => x.path).join(', ')}; ${u.samples} samples):`);
    u.byArchitecture.forEach((a, i) => {
      const p99 = a.p99Ms === null ? 'unstable' : `p99 ${formatInterval(a.p99Ms.p5, a.p99Ms.p95, ms)}`;
      out.push(
        wrap(
          `${name(i)}: meets every target in ${formatPercent(a.probMeetsAll, 0)} of samples; cost ${formatInterval(a.costUsdPerMonth.p5, a.costUsdPerMonth.p95, formatUsd)}; ${p99}; ${formatInterval(a.nines.p5, a.nines.p95, formatNines)} nines (5th to 95th percentiles)${a.probUnstable > 0 ? `; unstable in ${formatPercent(a.probUnstable, 0)}` : ''}`,
          width,
          '  ',
        ),
      );
    });
    out.push('');
  }
  const warned = archs.flatMap((a) =>
    [...(a.simulated?.latency?.warnings ?? []), ...(a.simulated?.availability?.warnings ?? [])].map(
      (w) => `${a.name}: ${w}`,
    ),
  );
  if (warned.length > 0) {
    out.push('Simulation warnings:');
    for (const w of warned) out.push(wrap(w, width, '  '));
    out.push('');
  }
  const missed = archs.filter((a) => !a.feasible);
  if (missed.length > 0) {
    out.push('Targets missed:');
    for (const a of missed) out.push(wrap(`${a.name}: ${a.infeasibleReason ?? ''}`, width, '  '));
    out.push('');
  }
  const rec = r.recommendation;
  out.push(rec.name === null ? 'Recommendation: none meets every target.' : `Recommendation: ${rec.name}`);
  out.push(wrap(rec.why, width, '  '));
  out.push('');
  out.push(
    wrap(
      archs.some((a) => a.cost.breakdown.internetEgressUsdPerMonth !== undefined)
        ? 'Internet egress of the responses is in the monthly cost (cost.includeEgress). Assumptions: capplan run --format json (assumptions, sources).'
        : 'Internet egress of the responses is reported apart (cost.internetEgressUsdPerMonth), not in the monthly cost. Assumptions: capplan run --format json (assumptions, sources).',
      width,
    ),
  );
  return `${out.join('\n')}\n`;
}
