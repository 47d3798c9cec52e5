/**
 * The CSV files `capplan fit` reads: a header row, then one record per line (RFC 4180 double quotes for a cell with a
 * comma; no line breaks inside a cell). Blank lines and lines starting with `#` (a file's source, say) are skipped.
 * Every record keeps its 1-based line number, so that errors can name it.
 */
import { InputError, InputErrors } from '../errors.js';

export interface CsvRecord {
  /** 1-based line number in the file. */
  line: number;
  cells: string[];
}

export interface Csv {
  /** Header cells, trimmed. */
  header: string[];
  /** The header's line number. */
  headerLine: number;
  records: CsvRecord[];
}

/** Most problems listed before the rest are summed up in one line. */
export const MAX_LISTED_PROBLEMS = 10;

/** `FILE line N` (or `FILE line N, COLUMN`): the path of an error in a measurements file. */
export function at(source: string, line: number, column?: string): string {
  return column === undefined ? `${source} line ${line}` : `${source} line ${line}, ${column}`;
}

/** Splits one line into cells: commas separate, double quotes protect commas, "" is a quote inside quotes. */
function splitLine(text: string): string[] | null {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  if (quoted) return null;
  cells.push(cell.trim());
  return cells;
}

/**
 * Parses CSV text with a header row.
 * @throws {InputErrors} an empty file (no header), an unterminated quote, or a record with a different number of
 *   cells than the header, each naming its line
 */
export function parseCsv(textIn: string, source: string, what: string): Csv {
  const text = textIn.charCodeAt(0) === 0xfeff ? textIn.slice(1) : textIn;
  const lines = text.split('\n');
  let header: string[] | null = null;
  let headerLine = 0;
  const records: CsvRecord[] = [];
  const problems: InputError[] = [];
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const cells = splitLine(line);
    if (cells === null) {
      problems.push(new InputError(at(source, i + 1), line, 'a closing double quote'));
      return;
    }
    if (header === null) {
      header = cells;
      headerLine = i + 1;
      return;
    }
    if (cells.length !== header.length) {
      problems.push(
        new InputError(at(source, i + 1), line, `${header.length} cells as in the header (${header.join(',')})`),
      );
      return;
    }
    records.push({ line: i + 1, cells });
  });
  if (header === null) throw new InputErrors([new InputError(source, '', `${what} with a header row`)]);
  throwProblems(problems);
  return { header, headerLine, records };
}

/** Throws the problems (the first MAX_LISTED_PROBLEMS, then one line for the rest), if any. */
export function throwProblems(problems: readonly InputError[]): void {
  if (problems.length === 0) return;
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  if (problems.length > listed.length) {
    const more = problems.length - listed.length;
    const last = problems[problems.length - 1] as InputError;
    listed.push(new InputError(last.path, `${more} more`, 'the same fixes further down (the last is shown)'));
  }
  throw new InputErrors(listed);
}

/** The index of the first header cell (case-insensitive) among `names`, or -1. */
export function columnIndex(header: readonly string[], names: readonly string[]): number {
  return header.findIndex((h) => names.includes(h.toLowerCase()));
}

/**
 * A cell as a number that passes `ok`, or NaN with the problem (naming the line and column) added to `problems`.
 */
export function checkedCell(
  problems: InputError[],
  source: string,
  rec: CsvRecord,
  index: number,
  column: string,
  expected: string,
  ok: (v: number) => boolean,
): number {
  const raw = rec.cells[index] as string;
  const v = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isFinite(v) && ok(v)) return v;
  problems.push(new InputError(at(source, rec.line, column), raw, expected));
  return Number.NaN;
}
