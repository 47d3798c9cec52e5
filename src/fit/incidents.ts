/**
 * `capplan fit failures FILE`: an incident log as CSV with a header `start,end[,component]`, ISO 8601 times
 * (`2025-03-01T14:05:00Z`, an offset `+01:00`, or no zone: UTC; a date alone is its midnight UTC), rows in time order
 * of their start. The observation window is --from/--to, else the file's span (the first start to the last end).
 */
import { type FailureFit, fitFailures, type Incident } from '../core/fit/failures.js';
import { InputError } from '../errors.js';
import { at, columnIndex, parseCsv, throwProblems } from './csv.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Milliseconds since 1970 (UTC) of an ISO 8601 time, or null when it is not one (or names a day or hour that does not
 * exist, such as 2025-02-30 or 24:30).
 * @example isoToMs('2025-01-01T01:00:00+01:00') // 1735689600000
 */
export function isoToMs(text: string): number | null {
  const m = ISO.exec(text.trim());
  if (m === null) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const frac = m[7] === undefined ? 0 : Number(m[7]) * 1000;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) + frac;
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null; // 2025-02-30
  const zone = m[8];
  let offsetMin = 0;
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone) as RegExpExecArray;
    offsetMin = (zm[1] === '-' ? -1 : 1) * (Number(zm[2]) * 60 + Number(zm[3] ?? 0));
  }
  return ms - offsetMin * 60_000;
}

export interface IncidentRow extends Incident {
  line: number;
  component: string | null;
}

export interface FailuresFitOutput {
  overall: FailureFit;
  fromMs: number;
  toMs: number;
  /** Per component, when the file has a component column (in order of first appearance). */
  byComponent: Map<string, FailureFit> | null;
}

const ISO_EXPECTED = 'an ISO 8601 time such as 2025-03-01T14:05:00Z';

/** A window flag's time in ms, or an input error naming it. */
export function windowFlag(flag: '--from' | '--to', text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = isoToMs(text);
  if (ms === null) throw new InputError(flag, text, ISO_EXPECTED);
  return ms;
}

/** The incidents of a CSV, checked: each time ISO 8601, end not before start, rows in order of their start. */
export function incidentsFromCsv(text: string, source: string): { rows: IncidentRow[]; hasComponent: boolean } {
  const csv = parseCsv(text, source, 'a CSV of incidents (start,end[,component])');
  const iStart = columnIndex(csv.header, ['start']);
  const iEnd = columnIndex(csv.header, ['end']);
  const iComp = columnIndex(csv.header, ['component']);
  if (iStart < 0 || iEnd < 0) {
    throw new InputError(
      at(source, csv.headerLine),
      csv.header.join(','),
      'the columns start,end and optionally component',
    );
  }
  const problems: InputError[] = [];
  const rows: IncidentRow[] = [];
  let previous: IncidentRow | null = null;
  for (const rec of csv.records) {
    const startText = rec.cells[iStart] as string;
    const endText = rec.cells[iEnd] as string;
    const start = isoToMs(startText);
    const end = isoToMs(endText);
    if (start === null) problems.push(new InputError(at(source, rec.line, 'start'), startText, ISO_EXPECTED));
    if (end === null) problems.push(new InputError(at(source, rec.line, 'end'), endText, ISO_EXPECTED));
    if (start === null || end === null) continue;
    if (end < start) {
      problems.push(new InputError(at(source, rec.line, 'end'), endText, `a time at or after the start ${startText}`));
      continue;
    }
    if (previous !== null && start < previous.startS * 1000) {
      problems.push(
        new InputError(
          at(source, rec.line, 'start'),
          startText,
          `a time at or after the previous row's start (line ${previous.line}): rows in time order`,
        ),
      );
      continue;
    }
    const component = iComp < 0 ? null : (rec.cells[iComp] as string);
    const row = { startS: start / 1000, endS: end / 1000, line: rec.line, component };
    rows.push(row);
    previous = row;
  }
  throwProblems(problems);
  return { rows, hasComponent: iComp >= 0 };
}

/**
 * MTBF, MTTR and the MTBF interval of the incidents (overall, and per component when the column is there) over the
 * window: --from/--to, or the file's span.
 * @throws {InputError} no incident and no window, a window that is empty, an incident outside it
 */
export function fitIncidents(
  text: string,
  source: string,
  window: { fromMs?: number; toMs?: number },
): FailuresFitOutput {
  const { rows, hasComponent } = incidentsFromCsv(text, source);
  if (rows.length === 0 && (window.fromMs === undefined || window.toMs === undefined)) {
    throw new InputError(
      source,
      '',
      'at least one incident row, or --from and --to for a window in which none happened',
    );
  }
  const fromMs = window.fromMs ?? Math.min(...rows.map((r) => r.startS * 1000));
  const toMs = window.toMs ?? Math.max(...rows.map((r) => r.endS * 1000));
  if (!(toMs > fromMs)) {
    const flag = window.toMs !== undefined ? '--to' : window.fromMs !== undefined ? '--from' : source;
    throw new InputError(
      flag,
      new Date(flag === '--from' ? fromMs : toMs).toISOString(),
      `a window that ends after it starts (${new Date(fromMs).toISOString()} to ${new Date(toMs).toISOString()})`,
    );
  }
  const outside = rows.filter((r) => r.startS * 1000 < fromMs || r.endS * 1000 > toMs);
  throwProblems(
    outside.map(
      (r) =>
        new InputError(
          at(source, r.line),
          `${new Date(r.startS * 1000).toISOString()} to ${new Date(r.endS * 1000).toISOString()}`,
          `an incident inside the window ${new Date(fromMs).toISOString()} to ${new Date(toMs).toISOString()} (--from/--to)`,
        ),
    ),
  );
  const overall = fitFailures(rows, fromMs / 1000, toMs / 1000);
  let byComponent: Map<string, FailureFit> | null = null;
  if (hasComponent) {
    byComponent = new Map();
    const names = [...new Set(rows.map((r) => r.component as string))];
    for (const name of names) {
      byComponent.set(
        name,
        fitFailures(
          rows.filter((r) => r.component === name),
          fromMs / 1000,
          toMs / 1000,
        ),
      );
    }
  }
  return { overall, fromMs, toMs, byComponent };
}
