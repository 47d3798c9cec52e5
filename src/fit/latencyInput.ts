/**
 * `capplan fit latency FILE`: a Prometheus histogram, a CSV of samples or a k6 --summary-export JSON, told apart by
 * their content (a JSON object; `_bucket` lines; otherwise CSV), summarised by core/fit/latency.ts.
 */
import {
  type LatencySummary,
  lognormalCv,
  lognormalP99,
  summarizeHistogram,
  summarizeSamples,
} from '../core/fit/latency.js';
import { InputError } from '../errors.js';
import { at, checkedCell, parseCsv, throwProblems } from './csv.js';
import { checkedBuckets, looksLikePrometheus, parsePrometheus, selectSeries, unitFromName } from './prometheus.js';

/** Units --unit accepts, in seconds. */
export const LATENCY_UNITS: Readonly<Record<string, number>> = { s: 1, ms: 1e-3, us: 1e-6 };

export interface LatencyFit {
  summary: LatencySummary;
  format: 'prometheus' | 'csv' | 'k6';
  /** The histogram series or k6 metric used; the CSV column. */
  series: string;
}

/**
 * Columns a CSV of samples may use for the latency, in order of preference (JMeter's `elapsed` is in ms; its
 * `timeStamp` is not a latency).
 */
const SAMPLE_COLUMNS = [/latency|duration|elapsed|response/i, /^(time|value|ms|s|seconds)([_ (]|$)/i];

/** Seconds per unit from a column header ("latency_ms", "duration (s)", JMeter's "elapsed"), or null. */
function unitFromHeader(h: string): number | null {
  const t = h.toLowerCase();
  if (t === 'elapsed') return 1e-3;
  if (/(^|[_ (])ms\)?$|millis/.test(t)) return 1e-3;
  if (/(^|[_ (])(us|\u00b5s)\)?$|micros/.test(t)) return 1e-6;
  if (/(^|[_ (])(s|sec|secs|seconds)\)?$/.test(t)) return 1;
  return null;
}

function samplesCsv(text: string, source: string, unitFlag: number | null): LatencyFit {
  const csv = parseCsv(text, source, 'a CSV of latency samples');
  let i = -1;
  for (const pattern of SAMPLE_COLUMNS) if (i < 0) i = csv.header.findIndex((h) => pattern.test(h));
  if (i < 0 && csv.header.length === 1) i = 0;
  if (i < 0) {
    throw new InputError(
      at(source, csv.headerLine),
      csv.header.join(','),
      'a latency column (latency_ms, duration_s, elapsed, ...) or a single column',
    );
  }
  const name = csv.header[i] as string;
  const unit = unitFlag ?? unitFromHeader(name);
  if (unit === null) {
    throw new InputError(
      at(source, csv.headerLine, name),
      name,
      'a unit in the header (latency_ms, latency_s, latency_us) or --unit ms|s|us',
    );
  }
  const problems: InputError[] = [];
  const samples: number[] = [];
  for (const rec of csv.records) {
    const v = checkedCell(problems, source, rec, i, name, 'a latency >= 0', (x) => x >= 0);
    if (!Number.isNaN(v)) samples.push(v * unit);
  }
  throwProblems(problems);
  if (samples.length === 0)
    throw new InputError(source, '', `at least one sample under the header ${csv.header.join(',')}`);
  return { summary: summarizeSamples(samples), format: 'csv', series: name };
}

function histogram(text: string, source: string, selector: string | undefined, unitFlag: number | null): LatencyFit {
  const s = selectSeries(parsePrometheus(text, source), selector, source);
  const { buckets, sum } = checkedBuckets(s, source);
  const fromName = unitFromName(s.name);
  const unit = unitFlag ?? fromName ?? 1;
  const scaled = buckets.map((b) => ({ le: b.le * unit, cumulative: b.cumulative }));
  const summary = summarizeHistogram(scaled, sum * unit);
  if (unitFlag === null && fromName === null) {
    summary.method += `; unit taken as seconds (the Prometheus convention; ${s.name} does not say: --unit to set it)`;
  }
  return { summary, format: 'prometheus', series: s.key };
}

/** A k6 trend's statistic in ms, or null when absent. */
function stat(values: Record<string, unknown>, key: string): number | null {
  const v = values[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function k6(text: string, source: string, selector: string | undefined): LatencyFit {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(source, text.slice(0, 40), `JSON (a k6 --summary-export file): ${(error as Error).message}`);
  }
  const metrics = (data as { metrics?: unknown })?.metrics;
  if (metrics === null || typeof metrics !== 'object')
    throw new InputError(`${source} metrics`, undefined, 'an object of k6 metrics (k6 run --summary-export FILE)');
  const m = metrics as Record<string, unknown>;
  const name = selector ?? 'http_req_duration';
  const raw = m[name];
  if (raw === null || typeof raw !== 'object') {
    const trends = Object.entries(m)
      .filter(([, v]) => v !== null && typeof v === 'object' && 'med' in v)
      .map(([k]) => k);
    throw new InputError(
      selector === undefined ? `${source} metrics` : '--series',
      name,
      `a k6 trend metric of ${source}: ${trends.join(', ') || 'none'}`,
    );
  }
  // k6 --summary-export writes the statistics directly (v0.x), or under "values" (the handleSummary data)
  const values = ('values' in raw ? (raw as { values: unknown }).values : raw) as Record<string, unknown>;
  const avg = stat(values, 'avg');
  const med = stat(values, 'med');
  if (avg === null || med === null || !(avg >= 0 && med >= 0)) {
    throw new InputError(
      `${source} metrics.${name}`,
      JSON.stringify(values).slice(0, 60),
      'a trend with avg and med in ms (>= 0)',
    );
  }
  const percentiles = Object.keys(values)
    .map((k) => /^p\((\d+(?:\.\d+)?)\)$/.exec(k))
    .filter((x): x is RegExpExecArray => x !== null)
    .map((x) => ({ p: Number(x[1]) / 100, valueMs: stat(values, x[0]) as number }))
    .filter((x) => x.p > 0.5 && x.p < 1 && Number.isFinite(x.valueMs))
    .sort((a, b) => b.p - a.p);
  const top = percentiles[0];
  const cv =
    top !== undefined
      ? lognormalCv(med / 1000, { p: top.p, valueS: top.valueMs / 1000 })
      : lognormalCv(med / 1000, { meanS: avg / 1000 });
  const p99Given = stat(values, 'p(99)');
  const p99S = p99Given !== null ? p99Given / 1000 : cv === null ? null : lognormalP99(med / 1000, cv);
  const count =
    stat(values, 'count') ??
    (name === 'http_req_duration' ? stat((m.http_reqs ?? {}) as Record<string, unknown>, 'count') : null);
  const through = top !== undefined ? `the median and p(${top.p * 100})` : 'the median and the mean';
  return {
    summary: {
      meanS: avg / 1000,
      cv,
      p50S: med / 1000,
      p99S,
      samples: count,
      p50ErrorS: 0,
      p99ErrorS: p99Given !== null ? 0 : null,
      fitted: null,
      method:
        `k6 summary of ${name}: mean, median${p99Given !== null ? ' and p(99)' : ''} as k6 computed them; ` +
        `cv ${cv === null ? 'unknown (no lognormal passes through the median and a higher point)' : `of the lognormal through ${through}`}` +
        (p99Given === null
          ? `; p99 ${p99S === null ? 'unknown' : 'from that lognormal'} (add p(99) to --summary-trend-stats to measure it)`
          : ''),
    },
    format: 'k6',
    series: name,
  };
}

/** Latency figures of a measurements file, whichever of the three formats it is. */
export function latencyFromText(text: string, source: string, opts: { series?: string; unit?: string }): LatencyFit {
  let unit: number | null = null;
  if (opts.unit !== undefined) {
    const u = LATENCY_UNITS[opts.unit];
    if (u === undefined) throw new InputError('--unit', opts.unit, `one of ${Object.keys(LATENCY_UNITS).join(', ')}`);
    unit = u;
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trimStart().startsWith('{')) {
    if (opts.unit !== undefined)
      throw new InputError('--unit', opts.unit, 'no --unit with a k6 summary (k6 reports ms)');
    return k6(body, source, opts.series);
  }
  if (looksLikePrometheus(body)) return histogram(body, source, opts.series, unit);
  if (opts.series !== undefined)
    throw new InputError(
      '--series',
      opts.series,
      'no --series with a CSV of samples (it chooses a histogram series or a k6 metric)',
    );
  return samplesCsv(body, source, unit);
}
