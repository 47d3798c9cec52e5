import {
  type Availability,
  CALENDAR_CONVENTION,
  downtime,
  fleetAvailability,
  fromAvailability,
  fromMtbfMttr,
} from '../../core/reliability/index.js';
import {
  expectedEvents,
  type KOfNSimConfig,
  MIN_DOWN_EVENTS,
  ratesFromAvailability,
  type SimRates,
  type SimulatedAvailability,
  SYNTHETIC_MTTR_S,
  simulateAvailability,
} from '../../core/sim/failures/index.js';
import { InputError } from '../../errors.js';
import { type CliIo, EXIT } from '../../io/io.js';
import { floorSignificant, formatDowntime, formatPercent } from '../../units/format.js';
import { type ParsedArgs, ProblemList } from '../args.js';
import { runCalculatorJsonl } from '../calculatorJsonl.js';
import { keyValues, writeJson } from '../output.js';
import { flagHours, flagQuantity, seedFlag } from '../values.js';
import { reportedNines } from './ninesValue.js';

/** `capplan availability`: exact k-of-n over independent node, zone and region failures. */
export async function run(args: ParsedArgs, io: CliIo): Promise<number> {
  if (args.flags.has('jsonl')) {
    const { availabilitySpec } = await import('../specs.js');
    return runCalculatorJsonl(args, io, availabilitySpec, async (a) => evaluate(a).json);
  }
  const { json, text } = evaluate(args);
  if (args.flags.has('json')) writeJson(io, json);
  else io.stdout.write(text());
  return EXIT.ok;
}

/** The fleet of the flags: its JSON (with the simulation when --simulate-years asks for one) and its text. */
function evaluate(args: ParsedArgs): { json: object; text: () => string } {
  const problems = new ProblemList();
  const count = (name: string, fallback: number) =>
    problems.attempt(
      () => flagQuantity(args, name, 'count', { min: 1, max: 1_000_000, integer: true, example: '3', fallback }),
      fallback,
    );
  const nodes = count('nodes', 1);
  const need = count('need', 1);
  if (need > nodes) problems.add(new InputError('--need', need, `at most --nodes (${nodes})`));

  const nodeInput = problems.attempt(() => nodeAvailability(args), {
    availability: fromAvailability(0.99),
    rates: null,
  });
  const node = nodeInput.availability;
  const zones = args.flags.has('zones') ? count('zones', 1) : undefined;
  const zoneInput = problems.attempt(() => domainAvailability(args, 'zone', zones !== undefined), undefined);
  const zoneAvailability = zoneInput?.availability;
  const regions = args.flags.has('regions') ? count('regions', 1) : undefined;
  const regionInput = problems.attempt(() => domainAvailability(args, 'region', regions !== undefined), undefined);
  const regionAvailability = regionInput?.availability;
  if (regions !== undefined && (zones ?? 1) < regions) {
    problems.add(new InputError('--regions', regions, `at most --zones (${zones ?? 1}): every region needs a zone`));
  }
  const simulate = problems.attempt(() => simulationFlags(args), null);
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
  let simulated: SimulatedJson | undefined;
  if (simulate) {
    const config: KOfNSimConfig = {
      kind: 'k-of-n',
      nodes,
      need,
      node: nodeInput.rates ?? ratesFromAvailability(node),
      ...(zones !== undefined && zoneInput ? { zones: { count: zones, each: zoneInput.rates } } : {}),
      ...(regions !== undefined && regionInput ? { regions: { count: regions, each: regionInput.rates } } : {}),
      ...(simulate.weibullShape !== null ? { lifetime: { kind: 'weibull', shape: simulate.weibullShape } } : {}),
      ...(simulate.crews !== null ? { crews: simulate.crews } : {}),
    };
    const events = expectedEvents(config, simulate.years);
    if (events > MAX_SIMULATED_EVENTS) {
      // rounded down, so that the figure suggested is itself accepted
      const most = floorSignificant((simulate.years * MAX_SIMULATED_EVENTS) / events, 2);
      throw new InputError(
        '--simulate-years',
        args.flags.get('simulate-years'),
        `at most ${most} years for this fleet (about ${MAX_SIMULATED_EVENTS.toExponential(0).replace('+', '')} failures and repairs)`,
      );
    }
    simulated = simulatedJson(
      simulate,
      simulateAvailability(config, simulate.years, simulate.seed),
      result,
      nodeInput.rates === null,
    );
  }
  const out = simulated ? { ...json, simulated } : json;
  const text = () => {
    const layout = [
      `${nodes} node${nodes === 1 ? '' : 's'}, at least ${need} up`,
      zones !== undefined ? `over ${zones} zone${zones === 1 ? '' : 's'}` : '',
      regions !== undefined ? `in ${regions} region${regions === 1 ? '' : 's'}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return `${layout}: ${json.method}\n${keyValues([
      ['node availability', formatPercent(node.availability)],
      ['availability', formatPercent(result.availability)],
      ['unavailability', result.unavailability.toPrecision(4)],
      ['nines', nines.text],
      ['downtime', `${formatDowntime(down.perYearS)} per year, ${formatDowntime(down.perMonthS)} per month`],
      ...(simulated ? [['simulated', simulatedText(simulated)] as const] : []),
      ...(simulated?.warnings ?? []).map((w) => ['warning', w] as const),
    ])}\n  (${CALENDAR_CONVENTION})\n`;
  };
  return { json: out, text };
}

/** A node's availability, and its MTBF/MTTR when given as such (null: given as --node-availability). */
function nodeAvailability(args: ParsedArgs): { availability: Availability; rates: SimRates | null } {
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
    return { availability: fromAvailability(a), rates: null };
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
  return { availability: fromMtbfMttr(mtbf, mttr), rates: { mtbfS: mtbf, mttrS: mttr } };
}

function domainAvailability(
  args: ParsedArgs,
  domain: 'zone' | 'region',
  present: boolean,
): { availability: Availability; rates: SimRates } | undefined {
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
  return { availability: fromMtbfMttr(mtbf, mttr), rates: { mtbfS: mtbf, mttrS: mttr } };
}

/** Simulations expected to take more failures and repairs than this (about 10 s) are refused. */
const MAX_SIMULATED_EVENTS = 2e8;

interface SimulationRequest {
  years: number;
  seed: number;
  /** --weibull-shape K: Weibull up times with mean MTBF; null: exponential. */
  weibullShape: number | null;
  /** --repair-crews N: at most N node repairs at once; null: unlimited. */
  crews: number | null;
}

/** Flags that only mean something with --simulate-years. */
const SIMULATION_ONLY = [
  ['seed', 'the seed of the simulation'],
  ['weibull-shape', 'the simulation draws the up times'],
  ['repair-crews', 'the simulation queues the repairs'],
] as const;

/** --simulate-years Y (> 0) and --seed S (an integer >= 0, default 1; only with --simulate-years). */
function simulationFlags(args: ParsedArgs): SimulationRequest | null {
  const problems = new ProblemList();
  const hasYears = args.flags.has('simulate-years');
  const years = problems.attempt(
    () =>
      hasYears
        ? flagQuantity(args, 'simulate-years', 'number', { min: 0, minExclusive: true, max: 1e9, example: '10000' })
        : 0,
    0,
  );
  const seed = problems.attempt(() => seedFlag(args), 1);
  const weibullShape = problems.attempt(
    () =>
      args.flags.has('weibull-shape')
        ? flagQuantity(args, 'weibull-shape', 'number', { min: 0.1, max: 20, example: '0.7' })
        : null,
    null,
  );
  const crews = problems.attempt(
    () =>
      args.flags.has('repair-crews')
        ? flagQuantity(args, 'repair-crews', 'number', { min: 1, max: 1_000_000, integer: true, example: '2' })
        : null,
    null,
  );
  if (!hasYears) {
    for (const [flag, why] of SIMULATION_ONLY) {
      if (args.flags.has(flag))
        problems.add(new InputError(`--${flag}`, args.flags.get(flag), `--simulate-years Y as well (${why})`));
    }
  }
  problems.throwIfAny();
  return hasYears ? { years, seed, weibullShape, crews } : null;
}

interface SimulatedJson {
  years: number;
  seed: number;
  availability: number;
  unavailability: number;
  ci95: [number, number];
  ci95Unavailability: [number, number];
  downEvents: number;
  tooRare: boolean;
  /** What keeps the interval from being honest, with the years that would do (availabilityWarnings). */
  warnings: string[];
  /** The simulated unavailability itself when it is too rare to report (tooRare). */
  observedUnavailability?: number;
  /** --weibull-shape, when given. */
  weibullShape?: number;
  /** --repair-crews, when given. */
  repairCrews?: number;
  method: string;
}

function simulatedJson(
  request: SimulationRequest,
  sim: SimulatedAvailability,
  exact: Availability,
  nodeFromAvailability: boolean,
): SimulatedJson {
  const notes: string[] = [sim.method];
  if (nodeFromAvailability) {
    notes.push(
      `a node given as an availability is simulated with MTTR ${SYNTHETIC_MTTR_S / 3600} h and MTBF = MTTR A / (1 - A) (the availability depends only on A; the MTTR sets how often outages happen)`,
    );
  }
  if (sim.tooRare) {
    notes.push(
      'availability and unavailability here are the EXACT figures (observedUnavailability: what the simulation saw)',
    );
  }
  return {
    years: request.years,
    seed: request.seed,
    availability: sim.tooRare ? exact.availability : sim.availability,
    unavailability: sim.tooRare ? exact.unavailability : sim.unavailability,
    ci95: sim.ci95,
    ci95Unavailability: sim.ci95Unavailability,
    downEvents: sim.downEventCount,
    tooRare: sim.tooRare,
    warnings: sim.warnings,
    ...(sim.tooRare ? { observedUnavailability: sim.unavailability } : {}),
    ...(request.weibullShape !== null ? { weibullShape: request.weibullShape } : {}),
    ...(request.crews !== null ? { repairCrews: request.crews } : {}),
    method: notes.join('; '),
  };
}

function simulatedText(s: SimulatedJson): string {
  const drops = [
    ...(s.weibullShape !== undefined ? [`Weibull up times, shape ${s.weibullShape}`] : []),
    ...(s.repairCrews !== undefined ? [`${s.repairCrews} repair crew${s.repairCrews === 1 ? '' : 's'}`] : []),
  ];
  const over = `${s.years} year${s.years === 1 ? '' : 's'}, seed ${s.seed}${drops.length > 0 ? `, ${drops.join(', ')}` : ''}`;
  if (s.tooRare) {
    return `too rare to estimate: ${s.downEvents} down event${s.downEvents === 1 ? '' : 's'} in ${over} (fewer than ${MIN_DOWN_EVENTS}); the exact figure ${formatPercent(s.availability)} stands`;
  }
  return `${formatPercent(s.availability)} (95% interval ${formatPercent(s.ci95[0])} to ${formatPercent(s.ci95[1])}) over ${over}, ${s.downEvents} down events`;
}
