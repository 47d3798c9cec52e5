/**
 * Histograms in the Prometheus text exposition format (prometheus.io/docs/instrumenting/exposition_formats):
 * `NAME_bucket{LABELS,le="0.25"} 1234`, `NAME_sum{LABELS} 56.7`, `NAME_count{LABELS} 1300`, an optional timestamp
 * after the value, `#` lines (HELP, TYPE) and other metrics ignored. A series is NAME with its labels other than `le`.
 * Every problem names its line.
 */
import type { CumulativeBucket } from '../core/fit/latency.js';
import { InputError } from '../errors.js';
import { at, throwProblems } from './csv.js';

export interface HistogramSeries {
  /** The metric name without _bucket / _sum / _count. */
  name: string;
  /** Labels other than le, in the order first seen. */
  labels: [string, string][];
  /** `name{a="b",...}`. */
  key: string;
  buckets: (CumulativeBucket & { line: number })[];
  sum: { value: number; line: number } | null;
  count: { value: number; line: number } | null;
}

/** Whether a text looks like Prometheus exposition of a histogram. */
export function looksLikePrometheus(text: string): boolean {
  return /^[ \t]*[a-zA-Z_:][a-zA-Z0-9_:]*_bucket(\{|\s)/m.test(text) || /^#\s*TYPE\s+\S+\s+histogram/m.test(text);
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{.*\})?\s+(\S+)(\s+-?\d+)?\s*$/;

/** Label pairs of `{a="b",c="d"}`, with \\, \" and \n escapes; null when malformed. */
export function parseLabels(text: string): [string, string][] | null {
  const inner = text.trim().replace(/^\{/, '').replace(/\}$/, '');
  const out: [string, string][] = [];
  let i = 0;
  const skip = () => {
    while (i < inner.length && /\s/.test(inner[i] as string)) i++;
  };
  skip();
  while (i < inner.length) {
    const m = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(inner.slice(i));
    if (m === null) return null;
    const name = m[0];
    i += name.length;
    skip();
    if (inner[i] !== '=') return null;
    i++;
    skip();
    if (inner[i] !== '"') return null;
    i++;
    let value = '';
    for (;;) {
      if (i >= inner.length) return null;
      const c = inner[i] as string;
      if (c === '\\') {
        const e = inner[i + 1];
        value += e === 'n' ? '\n' : (e ?? '');
        i += 2;
      } else if (c === '"') {
        i++;
        break;
      } else {
        value += c;
        i++;
      }
    }
    out.push([name, value]);
    skip();
    if (inner[i] === ',') {
      i++;
      skip();
    } else if (i < inner.length) return null;
  }
  return out;
}

/** A Prometheus float: a decimal, +Inf, -Inf or NaN. */
function promFloat(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

export function seriesKey(name: string, labels: readonly [string, string][]): string {
  return labels.length === 0 ? name : `${name}{${labels.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
}

/**
 * The histogram series of an exposition text, in the order first seen.
 * @throws {InputErrors} a malformed sample line, a value that is not a number, a bucket without le
 */
export function parsePrometheus(text: string, source: string): HistogramSeries[] {
  const series = new Map<string, HistogramSeries>();
  const problems: InputError[] = [];
  text.split('\n').forEach((raw, idx) => {
    const lineNo = idx + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = SAMPLE.exec(line);
    if (m === null) {
      problems.push(new InputError(at(source, lineNo), line, 'a sample line: NAME{LABELS} VALUE [TIMESTAMP]'));
      return;
    }
    const full = m[1] as string;
    const kind = /_bucket$/.test(full) ? 'bucket' : /_sum$/.test(full) ? 'sum' : /_count$/.test(full) ? 'count' : null;
    if (kind === null) return; // another metric
    const labels = m[2] === undefined ? [] : parseLabels(m[2]);
    if (labels === null) {
      problems.push(new InputError(at(source, lineNo), m[2], 'labels as {name="value",...}'));
      return;
    }
    const value = promFloat(m[3] as string);
    if (Number.isNaN(value)) {
      problems.push(new InputError(at(source, lineNo), m[3], 'a number (a decimal, +Inf or -Inf)'));
      return;
    }
    const name = full.slice(0, full.lastIndexOf('_'));
    const own = labels.filter(([k]) => k !== 'le');
    const key = seriesKey(name, own);
    let s = series.get(key);
    if (kind === 'bucket') {
      const le = labels.find(([k]) => k === 'le');
      if (le === undefined) {
        problems.push(
          new InputError(at(source, lineNo), line, 'a bucket with an le label: NAME_bucket{le="0.25"} COUNT'),
        );
        return;
      }
      const bound = promFloat(le[1]);
      if (Number.isNaN(bound)) {
        problems.push(new InputError(at(source, lineNo, 'le'), le[1], 'a bucket bound: a number or +Inf'));
        return;
      }
      if (s === undefined) {
        s = { name, labels: own, key, buckets: [], sum: null, count: null };
        series.set(key, s);
      }
      s.buckets.push({ le: bound, cumulative: value, line: lineNo });
    } else {
      // _sum and _count of a summary or of a histogram: kept when the series has (or gets) buckets
      if (s === undefined) {
        s = { name, labels: own, key, buckets: [], sum: null, count: null };
        series.set(key, s);
      }
      s[kind] = { value, line: lineNo };
    }
  });
  throwProblems(problems);
  return [...series.values()].filter((s) => s.buckets.length > 0);
}

/**
 * The series a --series text selects: an optional metric name, then label matchers `a="b",c="d"` (braces optional).
 * Without a text, the only series there is.
 * @throws {InputError} no histogram in the file, no series matches, or several do (they are listed)
 */
export function selectSeries(
  all: readonly HistogramSeries[],
  selector: string | undefined,
  source: string,
): HistogramSeries {
  const list = (ss: readonly HistogramSeries[]) =>
    ss
      .slice(0, 5)
      .map((s) => s.key)
      .join('; ') + (ss.length > 5 ? `; and ${ss.length - 5} more` : '');
  if (all.length === 0) throw new InputError(source, '', 'a histogram: NAME_bucket{le="..."} lines (none found)');
  if (selector === undefined) {
    if (all.length === 1) return all[0] as HistogramSeries;
    throw new InputError(
      '--series',
      undefined,
      `one of the ${all.length} histogram series in ${source}, e.g. --series 'handler="/api"': ${list(all)}`,
    );
  }
  const m = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)?\s*(.*)$/s.exec(selector) as RegExpExecArray;
  let name = m[1];
  let rest = (m[2] as string).trim();
  // a bare label matcher such as handler="/api" starts with a name followed by =
  if (name !== undefined && rest.startsWith('=')) {
    rest = `${name}${rest}`;
    name = undefined;
  }
  const matchers = rest === '' ? [] : parseLabels(rest);
  if (matchers === null) {
    throw new InputError(
      '--series',
      selector,
      'a metric name and/or label matchers: http_request_duration_seconds{handler="/api"} or handler="/api"',
    );
  }
  const found = all.filter(
    (s) =>
      (name === undefined || s.name === name || `${s.name}_bucket` === name) &&
      matchers.every(([k, v]) => s.labels.some(([a, b]) => a === k && b === v)),
  );
  if (found.length === 0) throw new InputError('--series', selector, `a series of ${source}: ${list(all)}`);
  if (found.length > 1)
    throw new InputError(
      '--series',
      selector,
      `one series, not ${found.length}: add labels to choose among ${list(found)}`,
    );
  return found[0] as HistogramSeries;
}

/**
 * The series' buckets checked and sorted: ascending bounds, no repeated bound, counts that never fall, a +Inf bucket,
 * and _sum and _count (the count equal to the +Inf bucket's).
 * @throws {InputErrors} each problem naming its line
 */
export function checkedBuckets(
  s: HistogramSeries,
  source: string,
): { buckets: CumulativeBucket[]; sum: number; count: number } {
  const problems: InputError[] = [];
  const sorted = [...s.buckets].sort((a, b) => a.le - b.le);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as (typeof sorted)[number];
    const b = sorted[i] as (typeof sorted)[number];
    if (a.le === b.le) {
      problems.push(
        new InputError(
          at(source, b.line, 'le'),
          String(b.le),
          `one bucket per bound in ${s.key} (line ${a.line} has le="${a.le}" too)`,
        ),
      );
    } else if (b.cumulative < a.cumulative) {
      problems.push(
        new InputError(
          at(source, b.line),
          b.cumulative,
          `a count >= ${a.cumulative} (the bucket le="${a.le}" on line ${a.line}): bucket counts are cumulative and never fall`,
        ),
      );
    }
  }
  const last = sorted[sorted.length - 1];
  if (last === undefined || last.le !== Number.POSITIVE_INFINITY) {
    problems.push(
      new InputError(
        at(source, last?.line ?? 1),
        s.key,
        `a bucket le="+Inf" for ${s.key} (the total count): the histogram is incomplete`,
      ),
    );
  }
  if (s.sum === null)
    problems.push(
      new InputError(source, s.key, `a line ${seriesKey(`${s.name}_sum`, s.labels)} (the exact sum gives the mean)`),
    );
  if (
    s.count !== null &&
    last !== undefined &&
    last.le === Number.POSITIVE_INFINITY &&
    s.count.value !== last.cumulative
  ) {
    problems.push(
      new InputError(
        at(source, s.count.line),
        s.count.value,
        `the +Inf bucket's count ${last.cumulative} (line ${last.line}): _count and le="+Inf" count the same observations`,
      ),
    );
  }
  for (const b of sorted) {
    if (!(b.cumulative >= 0 && Number.isFinite(b.cumulative)))
      problems.push(new InputError(at(source, b.line), b.cumulative, 'a count >= 0'));
  }
  if (last !== undefined && last.le === Number.POSITIVE_INFINITY && last.cumulative === 0) {
    problems.push(
      new InputError(at(source, last.line), 0, `observations in ${s.key}: a histogram with none has no latency`),
    );
  }
  if (s.sum !== null && !(s.sum.value >= 0 && Number.isFinite(s.sum.value)))
    problems.push(new InputError(at(source, s.sum.line), s.sum.value, 'a sum >= 0'));
  throwProblems(problems);
  return {
    buckets: sorted.map((b) => ({ le: b.le, cumulative: b.cumulative })),
    sum: (s.sum as { value: number }).value,
    count: (last as { cumulative: number }).cumulative,
  };
}

/** Seconds per unit of a metric, from its name's suffix (Prometheus names carry their base unit); null when unknown. */
export function unitFromName(name: string): number | null {
  if (/_seconds$/.test(name)) return 1;
  if (/_(milliseconds|ms)$/.test(name)) return 1e-3;
  if (/_(microseconds|us)$/.test(name)) return 1e-6;
  return null;
}
