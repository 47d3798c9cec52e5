import {
  type Availability,
  CALENDAR_CONVENTION,
  downtime,
  fromNines,
  fromUnavailability,
} from '../../core/reliability/index.js';
import { InputError } from '../../errors.js';
import { type CliIo, EXIT } from '../../io/io.js';
import { formatDowntime, formatPercent } from '../../units/format.js';
import { parseQuantity } from '../../units/parse.js';
import { decimalComplement } from '../../util/decimalComplement.js';
import type { ParsedArgs } from '../args.js';
import { keyValues, writeJson } from '../output.js';
import { flagQuantity } from '../values.js';
import { reportedNines } from './ninesValue.js';

/** `capplan nines X` or `--nines N`: availability, nines and the downtime they allow. */
export async function run(args: ParsedArgs, io: CliIo): Promise<number> {
  const x = args.positionals[0];
  const hasNines = args.flags.has('nines');
  if (x !== undefined && hasNines)
    throw new InputError('--nines', args.flags.get('nines'), 'either X or --nines, not both');
  if (x === undefined && !hasNines)
    throw new InputError('X', undefined, 'an availability such as 99.95% or 0.9995, or --nines 3.3');

  let a: Availability;
  if (hasNines) {
    const n = flagQuantity(args, 'nines', 'number', { min: 0, minExclusive: true, max: 300, example: '3.3' });
    a = fromNines(n);
  } else {
    a = availabilityFromText(x as string);
  }
  const nines = reportedNines(a.unavailability);
  const down = downtime(a.unavailability);
  if (args.flags.has('json')) {
    writeJson(io, {
      availability: a.availability,
      unavailability: a.unavailability,
      nines: nines.value,
      downtimePerYear: down.perYearS,
      downtimePerMonth: down.perMonthS,
      downtimePerWeek: down.perWeekS,
      downtimePerDay: down.perDayS,
      calendar: CALENDAR_CONVENTION,
    });
    return EXIT.ok;
  }
  io.stdout.write(
    `${formatPercent(a.availability)} available is ${nines.text} nines; it allows this much downtime:\n${keyValues([
      ['per year', formatDowntime(down.perYearS)],
      ['per month', formatDowntime(down.perMonthS)],
      ['per week', formatDowntime(down.perWeekS)],
      ['per day', formatDowntime(down.perDayS)],
    ])}\n  (${CALENDAR_CONVENTION})\n`,
  );
  return EXIT.ok;
}

/** An availability typed by the user; its unavailability is computed from the decimal digits when it can be. */
function availabilityFromText(text: string): Availability {
  const availability = parseQuantity(text, 'fraction', 'X', {
    min: 0,
    max: 1,
    minExclusive: true,
    maxExclusive: true,
  });
  const exact = decimalComplement(text);
  if (exact !== undefined && exact > 0 && exact < 1) return fromUnavailability(exact);
  return fromUnavailability(1 - availability);
}
