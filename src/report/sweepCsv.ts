/** A sweep's rows and crossovers as CSV (`capplan sweep --format csv`): RFC 4180 quoting, LF line ends. */

import type { SweepResult } from '../compare/sweep.js';

/** The CSV columns of the rows, in order (`error` is empty except on an invalid step's row). */
export const ROW_COLUMNS = [
  'value',
  'candidate',
  'kind',
  'instance',
  'nodes',
  'regions',
  'usdPerMonth',
  'usdPerMillionRequests',
  'nines',
  'downtimeMinutesPerYear',
  'p99Ms',
  'utilization',
  'feasible',
  'meetsAll',
  'recommended',
  'error',
  'designs',
] as const;

export const CROSSOVER_COLUMNS = ['kind', 'from', 'to', 'at', 'before', 'after', 'method', 'note', 'designs'] as const;

/**
 * One CSV field (RFC 4180): numbers at full precision (shortest round-trip form), null as empty, quoted as needed.
 * Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return: a
 * design named `=HYPERLINK(...)`) gets a leading `'`, as OWASP's CSV-injection guidance advises; numbers never do.
 * @example csvField('=1+1') // "'=1+1"
 */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  let text = Array.isArray(v) ? v.join(' ') : String(v);
  if (typeof v !== 'number' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(columns: readonly string[], records: readonly Record<string, unknown>[]): string {
  const lines = [columns.join(',')];
  for (const r of records) lines.push(columns.map((c) => csvField(r[c])).join(','));
  return `${lines.join('\n')}\n`;
}

/**
 * The rows as CSV: a header line, then one line per row (regions space-separated); RFC 4180 quoting, LF line ends.
 * The last column, `designs`, is the sweep's (the same on every line, error rows included).
 */
export function rowsCsv(result: SweepResult): string {
  return csv(
    ROW_COLUMNS,
    result.rows.map((r) => ({ ...r, designs: result.designs })),
  );
}

/** The crossovers as CSV, header first (the last column, `designs`, is the sweep's). */
export function crossoversCsv(result: SweepResult): string {
  return csv(
    CROSSOVER_COLUMNS,
    result.crossovers.map((c) => ({ ...c, designs: result.designs })),
  );
}
