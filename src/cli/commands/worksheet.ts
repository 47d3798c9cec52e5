import { availableParallelism } from 'node:os';
import { FREEZE_NOTE } from '../../compare/designs.js';
import { InputError } from '../../errors.js';
import { type CliIo, EXIT } from '../../io/io.js';
import { PROGRESS_ENV, progressLines } from '../../io/progressLines.js';
import { buildWorksheetInput } from '../../report/buildWorksheet.js';
import { renderTerminal } from '../../report/render/terminal.js';
import { worksheetDocument, worksheetMarkdown } from '../../report/worksheet.js';
import type { ParsedArgs } from '../args.js';
import { readAndCompare } from '../compareInput.js';
import { emit } from '../output.js';
import { flagChoice, flagText } from '../values.js';

/** Columns of the plain-text worksheet (its text charts are 78 wide). */
const WORKSHEET_TEXT_WIDTH = 100;

const FORMATS = ['md', 'html', 'text'] as const;

/**
 * `capplan worksheet FILE|- [--format md|html|text] [--out FILE] [--date YYYY-MM-DD] [--analytic] [--freeze]`. Without
 * architectures the growth chart and the sensitivity analysis search again at every point, unless --freeze keeps
 * today's designs (the worksheet says which).
 */
export async function run(args: ParsedArgs, io: CliIo): Promise<number> {
  const usage =
    'capplan worksheet FILE|- [--format md|html|text] [--out FILE] [--date YYYY-MM-DD] [--analytic] [--freeze]';
  const format = flagChoice(args, 'format', FORMATS, 'md');
  const date = flagText(args, 'date');
  if (date !== undefined && !isCalendarDate(date)) {
    throw new InputError('--date', date, 'a calendar date as YYYY-MM-DD (month 01-12, a day the month has)');
  }
  const out = flagText(args, 'out');
  const { scenario, result, catalog, source } = await readAndCompare(args.positionals[0], io, usage, {
    analytic: args.flags.has('analytic'),
    threads: availableParallelism(),
  });
  const freeze = args.flags.has('freeze');
  // --freeze on a scenario that names its architectures is not an error: a note (the worksheet says it too)
  if (freeze && scenario.architectures !== null) io.stderr.write(`note: ${FREEZE_NOTE}\n`);
  const input = buildWorksheetInput(scenario, result, catalog, source, date, {
    freeze,
    ...(io.env?.[PROGRESS_ENV] === '1' ? { onProgress: progressLines(io.stderr) } : {}),
  });
  let body: string;
  if (format === 'html') {
    const { worksheetHtml } = await import('../../report/html/page.js');
    body = worksheetHtml(input);
  } else if (format === 'text') body = renderTerminal(worksheetDocument(input), WORKSHEET_TEXT_WIDTH);
  else body = worksheetMarkdown(input);
  await emit(io, out, body, [args.positionals[0]]);
  return EXIT.ok;
}

/**
 * A real day of the (proleptic Gregorian) calendar written YYYY-MM-DD: `2026-02-31` and `2026-13-45` are not.
 * @example isCalendarDate('2024-02-29') // true (a leap year)
 */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
  return day <= days;
}
