/**
 * `capplan fit usl FILE`: the measurements of a load test as CSV, one row per concurrency level: a column `n` (or
 * concurrency, nodes, threads, users, vus) and a column `x` (or throughput, tps, rps). Each problem names its line.
 */
import type { UslPoint } from '../core/fit/usl.js';
import { InputError } from '../errors.js';
import { at, checkedCell, columnIndex, parseCsv, throwProblems } from './csv.js';

export const USL_N_COLUMNS = ['n', 'concurrency', 'nodes', 'threads', 'users', 'vus'] as const;
export const USL_X_COLUMNS = ['x', 'throughput', 'tps', 'rps'] as const;

/** The points of a USL measurements file (in file order, each with its line). */
export function uslPointsFromCsv(text: string, source: string): (UslPoint & { line: number })[] {
  const csv = parseCsv(text, source, 'a CSV of measurements (columns n,x)');
  const iN = columnIndex(csv.header, USL_N_COLUMNS);
  const iX = columnIndex(csv.header, USL_X_COLUMNS);
  const columns = [
    [iN, `a column n (concurrency or nodes; also accepted: ${USL_N_COLUMNS.slice(1).join(', ')})`],
    [iX, `a column x (throughput per second; also accepted: ${USL_X_COLUMNS.slice(1).join(', ')})`],
  ] as const;
  throwProblems(
    columns
      .filter(([index]) => index < 0)
      .map(([, expected]) => new InputError(at(source, csv.headerLine), csv.header.join(','), expected)),
  );
  const nName = csv.header[iN] as string;
  const xName = csv.header[iX] as string;
  const problems: InputError[] = [];
  const points: (UslPoint & { line: number })[] = [];
  const firstLineOf = new Map<number, number>();
  for (const rec of csv.records) {
    const n = checkedCell(
      problems,
      source,
      rec,
      iN,
      nName,
      'a number >= 1 (the concurrency or node count)',
      (v) => v >= 1,
    );
    const x = checkedCell(
      problems,
      source,
      rec,
      iX,
      xName,
      'a throughput > 0 (per second): a level that carried nothing cannot be fitted; leave it out',
      (v) => v > 0,
    );
    if (Number.isFinite(n) && n >= 1) {
      const first = firstLineOf.get(n);
      if (first !== undefined) {
        problems.push(
          new InputError(
            at(source, rec.line, nName),
            rec.cells[iN],
            `a value of n not measured before (line ${first} has it too): one throughput per N; average repeated runs first`,
          ),
        );
      } else firstLineOf.set(n, rec.line);
    }
    points.push({ n, x, line: rec.line });
  }
  throwProblems(problems);
  if (points.length === 0) throw new InputError(source, '', 'at least 4 rows of measurements under the header n,x');
  return points;
}
