import {
  type Availability,
  CALENDAR_CONVENTION,
  downtime,
  fleetAvailability,
  fromAvailability,
  fromMtbfMttr,
} from '../../core/reliability/index.js';
import { InputError } from '../../errors.js';
import { formatDowntime, formatPercent } from '../../units/format.js';
import { type ParsedArgs, ProblemList } from '../args.js';
import { type CliIo, EXIT } from '../io.js';
import { keyValues, writeJson } from '../output.js';
import { flagHours, flagQuantity } from '../values.js';
import { reportedNines } from './ninesValue.js';

/** `capplan availability`: exact k-of-n over independent node, zone and region failures. */
export async function run(args: ParsedArgs, io: CliIo): Promise<number> {
  const problems = new ProblemList();
  const count = (name: string, fallback: number) =>
    problems.attempt(
      () => flagQuantity(args, name, 'count', { min: 1, max: 1_000_000, integer: true, example: '3', fallback }),
      fallback,
    );
  const nodes = count('nodes', 1);
  const need = count('need', 1);
  if (need > nodes) problems.add(new InputError('--need', need, `at most --nodes (${nodes})`));

  const node = problems.attempt(() => nodeAvailability(args), fromAvailability(0.99));
  const zones = args.flags.has('zones') ? count('zones', 1) : undefined;
  const zoneAvailability = problems.attempt(() => domainAvailability(args, 'zone', zones !== undefined), undefined);
  const regions = args.flags.has('regions') ? count('regions', 1) : undefined;
  const regionAvailability = problems.attempt(
    () => domainAvailability(args, 'region', regions !== undefined),
    undefined,
  );
  if (regions !== undefined && (zones ?? 1) < regions) {
    problems.add(new InputError('--regions', regions, `at most --zones (${zones ?? 1}): every region needs a zone`));
  }
  problems.throwIfAny();

  const result = fleetAvailability({
    nodes,
    need,
    node,
    ...(zones !== undefined && zoneAvailability ? { zones: { count: zones, each: zoneAvailability } } : {}),
    ...(regions !== undefined && regionAvailability ? { regions: { count: regions, each: regionAvailability } } : {}),
  });
  const nines = reportedNines(result.unavailability);
  const down = downtime(result.unavailability);
  const json = {
    nodes,
    need,
    zones: zones ?? 1,
    regions: regions ?? 1,
    nodeAvailability: node.availability,
    nodeUnavailability: node.unavailability,
    availability: result.availability,
    unavailability: result.unavailability,
    nines: nines.value,
    downtimeMinutesPerYear: down.perYearS / 60,
    downtimeSecondsPerMonth: down.perMonthS,
    method: nines.note ? `${result.method}; ${nines.note}` : result.method,
    calendar: CALENDAR_CONVENTION,
  };
  if (args.flags.has('json')) {
    writeJson(io, json);
    return EXIT.ok;
  }
  const layout = [
    `${nodes} node${nodes === 1 ? '' : 's'}, at least ${need} up`,
    zones !== undefined ? `over ${zones} zone${zones === 1 ? '' : 's'}` : '',
    regions !== undefined ? `in ${regions} region${regions === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  io.stdout.write(
    `${layout}: ${json.method}\n${keyValues([
      ['node availability', formatPercent(node.availability)],
      ['availability', formatPercent(result.availability)],
      ['unavailability', result.unavailability.toPrecision(4)],
      ['nines', nines.text],
      ['downtime', `${formatDowntime(down.perYearS)} per year, ${formatDowntime(down.perMonthS)} per month`],
    ])}\n  (${CALENDAR_CONVENTION})\n`,
  );
  return EXIT.ok;
}

function nodeAvailability(args: ParsedArgs): Availability {
  const hasA = args.flags.has('node-availability');
  const hasMtbf = args.flags.has('mtbf');
  const hasMttr = args.flags.has('mttr');
  if (hasA && (hasMtbf || hasMttr)) {
    throw new InputError(
      '--node-availability',
      args.flags.get('node-availability'),
      'either it or --mtbf/--mttr, not both',
    );
  }
  if (hasA) {
    const a = flagQuantity(args, 'node-availability', 'fraction', {
      min: 0,
      max: 1,
      minExclusive: true,
      maxExclusive: true,
      example: '99.5%',
    });
    return fromAvailability(a);
  }
  if (!hasMtbf && !hasMttr) {
    throw new InputError(
      '--mtbf',
      undefined,
      'the node failure rate: --mtbf T --mttr T (e.g. 4380h, 2h) or --node-availability A',
    );
  }
  const problems = new ProblemList();
  const mtbf = problems.attempt(() => flagHours(args, 'mtbf', { min: 0, minExclusive: true, example: '4380h' }), 1);
  const mttr = problems.attempt(() => flagHours(args, 'mttr', { min: 0, minExclusive: true, example: '2h' }), 1);
  problems.throwIfAny();
  return fromMtbfMttr(mtbf, mttr);
}

function domainAvailability(args: ParsedArgs, domain: 'zone' | 'region', present: boolean): Availability | undefined {
  const mtbfFlag = `${domain}-mtbf`;
  const mttrFlag = `${domain}-mttr`;
  const has = args.flags.has(mtbfFlag) || args.flags.has(mttrFlag);
  if (!present) {
    if (has)
      throw new InputError(
        `--${mtbfFlag}`,
        args.flags.get(mtbfFlag) ?? args.flags.get(mttrFlag),
        `--${domain}s N as well`,
      );
    return undefined;
  }
  const problems = new ProblemList();
  const mtbf = problems.attempt(
    () => flagHours(args, mtbfFlag, { min: 0, minExclusive: true, example: domain === 'zone' ? '8766h' : '26298h' }),
    1,
  );
  const mttr = problems.attempt(
    () => flagHours(args, mttrFlag, { min: 0, minExclusive: true, example: domain === 'zone' ? '4h' : '8h' }),
    1,
  );
  problems.throwIfAny();
  return fromMtbfMttr(mtbf, mttr);
}
