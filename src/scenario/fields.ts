/**
 * The scenario's scalar fields, one row each, in the order of a scenario file: how a value is read (its unit kind and
 * valid values, integer or not, or the options of an enumeration), whether it is required, whether it may be a range
 * `{ p5, p95 }`, whether a sweep may vary it, its description (and documented default) for the JSON Schema, and how
 * the TUI and the sensitivity analysis show it. Derived from this table: the zod schema's fields (fieldSchema.ts;
 * schema.ts adds the objects and arrays around them, in the order of the rows), the bounds values are parsed and
 * sampled with (normalize.ts, uncertain.ts), the sweep's fields (compare/sweepFields.ts), the paths that may be ranges
 * (uncertain.ts), the TUI's inputs (tui/fields.ts) and the inputs the sensitivity analysis varies
 * (compare/sensitivity.ts). Where a value lands in the normalised scenario stays with its model (normalize.ts,
 * uncertain.ts, and sensitivity.ts for the targets); tests check the table against the schema and against the
 * models. Adding a field: one row here, plus its model.
 *
 * Paths: dotted keys, `[]` for any element of an array (`users[].share`, `tiers[].serviceTime`) and `{}` for any
 * value of a record keyed by the user (`architectures[].tiers{}.kind`: the design of any tier, keyed by the tier's
 * name). A concrete path gives the index (`tiers[2].serviceTime`) or the key (`architectures[0].tiers.db.kind`);
 * scenarioField accepts the index form (a record key cannot be told from a property name without the schema).
 */
import type { QuantityKind } from '../units/parse.js';
import { MAX_GROWTH_PER_YEAR, MAX_MESSAGE_BYTES, MAX_RATE_PER_S, MAX_SERVICE_TIME_S } from './limits.js';
import {
  ARCHITECTURE_KINDS,
  BALANCERS,
  CONSISTENCIES,
  DEPLOY_MODES,
  P99_SCOPES,
  PRICING_MODELS,
  PROVIDERS,
  STANDBYS,
  TIER_ROLES,
} from './options.js';

/** How the TUI shows a field: its label, group, an example value, and its place on the screen (ascending). */
export interface FieldView {
  readonly label: string;
  readonly group: 'Workload' | 'Targets' | 'Reliability' | 'Operations';
  readonly hint: string;
  readonly at: number;
}

/**
 * How the sensitivity analysis (compare/sensitivity.ts) varies a field: its label and the unit people read it in,
 * its place in the tornado's order (ascending, the tie-break of equal swings), whether it is varied by default or
 * only when the scenario gives it as a range, and whether a duration is shown in hours (MTBF, MTTR).
 */
export interface SensitivityView {
  readonly label: string;
  readonly unit: string;
  readonly at: number;
  readonly always: boolean;
  readonly hours: boolean;
}

/** The valid values of a number: [min, max], either end exclusive; max undefined: any finite value. */
export interface Bounds {
  readonly min: number;
  readonly minExclusive: boolean;
  readonly max: number | undefined;
  readonly maxExclusive?: boolean;
}

/**
 * How a value is written: a unit kind (parsed by units/parse.ts; `number` and `count` are plain JSON numbers), an
 * enumeration of `options`, free `text` (line breaks allowed), a `name` (one non-empty line) or an `identifier` (a
 * name that can stand in a field path: a letter or `_`, then letters, digits and `_`, at most 64 characters) or a
 * JSON `boolean`.
 */
export type FieldKind = QuantityKind | 'enum' | 'text' | 'name' | 'identifier' | 'boolean';

/** What an `identifier` field matches (tiers[].name: it stands in sweep paths such as `tiers.db.serviceTime`). */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export interface ScenarioField {
  /**
   * The raw path; `architectures[]` stands for any candidate, `regions[]` for any element, `tiers{}` (under
   * `architectures[]`) for the value at any key of that record.
   */
  readonly path: string;
  readonly kind: FieldKind;
  readonly options?: readonly string[];
  /** Valid values of a number or unit value (after parsing, in SI); absent for enumerations and text. */
  readonly bounds?: Bounds;
  readonly integer: boolean;
  /** Must be given (where its object is). */
  readonly required: boolean;
  /** May be given as a range `{ p5, p95, distribution? }` (an uncertain input). */
  readonly ranged: boolean;
  /** `capplan sweep --vary` may vary it. */
  readonly sweep: boolean;
  /** Unit, default and meaning, for the JSON Schema and the worksheet (a range's note is added to it). */
  readonly description: string;
  /** The default as documented in the JSON Schema (normalize.ts applies the defaults). */
  readonly default?: string | number | boolean;
  readonly tui?: FieldView;
  /** Varied one at a time by the sensitivity analysis. */
  readonly sensitivity?: SensitivityView;
  /** A tier's field that only tiers of these roles take (absent: every tier, or not a tier's field). */
  readonly roles?: readonly TierRole[];
}

type TierRole = (typeof TIER_ROLES)[number];

interface Options {
  bounds?: Bounds;
  integer?: boolean;
  required?: boolean;
  ranged?: boolean;
  sweep?: boolean;
  default?: string | number;
  tui?: FieldView;
  sensitivity?: SensitivityView;
  roles?: readonly TierRole[];
}

/** A number or unit value; a sweep may vary it unless `sweep: false`. */
const row = (path: string, kind: QuantityKind, description: string, o: Options = {}): ScenarioField => ({
  path,
  kind,
  ...(o.bounds ? { bounds: o.bounds } : {}),
  integer: o.integer ?? false,
  required: o.required ?? false,
  ranged: o.ranged ?? false,
  sweep: o.sweep ?? true,
  description,
  ...(o.default === undefined ? {} : { default: o.default }),
  ...(o.tui ? { tui: o.tui } : {}),
  ...(o.sensitivity ? { sensitivity: o.sensitivity } : {}),
  ...(o.roles ? { roles: o.roles } : {}),
});

/** An integer count in the bounds. */
const count = (path: string, bounds: Bounds, description: string, o: Options = {}): ScenarioField =>
  row(path, 'count', description, { ...o, bounds, integer: true });

/** An enumeration (never swept or ranged). */
const oneOf = (
  path: string,
  options: readonly string[],
  description: string,
  o: { required?: boolean; default?: string; tui?: FieldView; roles?: readonly TierRole[] } = {},
): ScenarioField => ({
  path,
  kind: 'enum',
  options,
  integer: false,
  required: o.required ?? false,
  ranged: false,
  sweep: false,
  description,
  ...(o.default === undefined ? {} : { default: o.default }),
  ...(o.tui ? { tui: o.tui } : {}),
  ...(o.roles ? { roles: o.roles } : {}),
});

/** Free text (`text`), a name or id (`name`), or an identifier. */
const words = (
  path: string,
  kind: 'text' | 'name' | 'identifier',
  description: string,
  required = false,
  defaultValue?: string,
): ScenarioField => ({
  path,
  kind,
  integer: false,
  required,
  ranged: false,
  sweep: false,
  description,
  ...(defaultValue === undefined ? {} : { default: defaultValue }),
});

/** A JSON true or false (never swept or ranged). */
const flag = (path: string, description: string, defaultValue: boolean): ScenarioField => ({
  path,
  kind: 'boolean',
  integer: false,
  required: false,
  ranged: false,
  sweep: false,
  description,
  default: defaultValue,
});

/** The rows of an `autoscaling` object (the scenario's, for every horizontal design, or a candidate's own). */
function autoscalingRows(prefix: string, whose: string): ScenarioField[] {
  return [
    count(
      `${prefix}.minNodes`,
      between(1, 100_000),
      `Fewest serving nodes per region ${whose} keeps at any hour, spares not included (they come on top), an integer >= 1. Default 1.`,
      { default: 1, sweep: false },
    ),
    row(
      `${prefix}.scaleOutTime`,
      'duration',
      `How long ${whose} takes to bring new nodes into service once the load rises (detection, start-up, warm-up): "3 min", or seconds; from 0 to 1 h. During it, the nodes of the hour before carry the new hour's load. Default 3 min.`,
      { bounds: between(0, 3600), default: '3 min', sweep: false },
    ),
  ];
}

const view = (at: number, group: FieldView['group'], label: string, hint: string): FieldView => ({
  label,
  group,
  hint,
  at,
});

/** Varied by default in the sensitivity analysis (`rangeOnly`: only when given as a range). */
const varied = (
  at: number,
  label: string,
  unit: string,
  o: { rangeOnly?: boolean; hours?: boolean } = {},
): SensitivityView => ({ label, unit, at, always: !(o.rangeOnly ?? false), hours: o.hours ?? false });

const between = (min: number, max: number): Bounds => ({ min, minExclusive: false, max });
/** > min and <= max (max undefined: any finite value). */
const above = (min: number, max?: number): Bounds => ({ min, minExclusive: true, max });
const POSITIVE = above(0);
const NON_NEGATIVE: Bounds = { min: 0, minExclusive: false, max: undefined };
/** Strictly between 0 and 1. */
const OPEN_UNIT: Bounds = { min: 0, minExclusive: true, max: 1, maxExclusive: true };

const W = 'Workload';
const T = 'Targets';
const R = 'Reliability';
const O = 'Operations';

/** The failure and repair rows of one failure domain. */
function failureRows(
  domain: 'node' | 'zone' | 'region',
  mtbfAt: number,
  mtbfHint: string,
  mttrHint: string,
  variedAt: number,
) {
  const path = `reliability.${domain}`;
  return [
    row(
      `${path}.mtbf`,
      'duration',
      `Mean time between failures of a ${domain}: "4380 h", "30 d", or a number of SECONDS; > 0. Default: the catalog preset.`,
      {
        bounds: POSITIVE,
        ranged: true,
        tui: view(mtbfAt, R, `${domain} MTBF`, mtbfHint),
        sensitivity: varied(variedAt, `${domain} MTBF`, 'h', { hours: true }),
      },
    ),
    row(
      `${path}.mttr`,
      'duration',
      `Mean time to repair a ${domain}: "2 h", or a number of SECONDS; > 0. Default: the catalog preset.`,
      {
        bounds: POSITIVE,
        ranged: true,
        tui: view(mtbfAt + 1, R, `${domain} MTTR`, mttrHint),
        sensitivity: varied(variedAt + 1, `${domain} MTTR`, 'h', { hours: true }),
      },
    ),
  ];
}

/** Every field, in the order of a scenario file (and of the sweep's list). */
export const SCENARIO_FIELDS: readonly ScenarioField[] = [
  words('$schema', 'text', 'URI of the JSON Schema this file follows (ignored).'),
  words('name', 'name', 'Name of the scenario (required).', true),
  words('description', 'text', 'Free text about the scenario.'),
  // workload
  row(
    'workload.peakRate',
    'rate',
    'Peak arrival rate today (required): "4000/s", "240000/min", or a number per second; > 0 and at most 1e12/s.',
    {
      bounds: above(0, MAX_RATE_PER_S),
      required: true,
      ranged: true,
      tui: view(0, W, 'peak rate', '3000/s'),
      sensitivity: varied(0, 'peak rate', '/s'),
    },
  ),
  row(
    'workload.averageRate',
    'rate',
    'Mean arrival rate today, used for transfer costs: a rate or a number per second, > 0, <= peakRate, and at least 1e-9/s grown over the horizon. Default: the peak rate (conservative).',
    {
      bounds: above(0, MAX_RATE_PER_S),
      ranged: true,
      sensitivity: varied(19, 'average rate', '/s', { rangeOnly: true }),
    },
  ),
  row(
    'workload.serviceTime',
    'duration',
    'CPU time of one request (one sub-request with fan-out) on one vCPU of the chosen family (required, unless the scenario gives `tiers` instead: the two are mutually exclusive): "12 ms", or a number of seconds; > 0 and at most 1e6 s.',
    {
      bounds: above(0, MAX_SERVICE_TIME_S),
      ranged: true,
      tui: view(3, W, 'CPU / request', '12 ms'),
      sensitivity: varied(1, 'CPU time per request', 'ms'),
    },
  ),
  row(
    'workload.serviceTimeCv',
    'number',
    'Coefficient of variation of the service time, a plain number in [0, 100] (0 deterministic, 1 exponential). Default 1.',
    {
      bounds: between(0, 100),
      ranged: true,
      default: 1,
      tui: view(4, W, 'service cv', '1.5'),
      sensitivity: varied(2, 'service-time variability (cv)', ''),
    },
  ),
  words(
    'workload.serviceTimeFamily',
    'name',
    'The catalog instance family whose vCPU workload.serviceTime (and every tier\'s serviceTime) was measured on ("m7i"). On a vCPU of another family a request takes serviceTime x perf(this family) / perf(that family), perf being the per-vCPU throughput relative to m7i (workload.perVcpuPerformance, else the catalog\'s CoreMark table: an estimate). Default "m7i".',
    false,
    'm7i',
  ),
  row(
    'workload.perVcpuPerformance{}',
    'number',
    "Per-vCPU throughput of the family named by the key, relative to one m7i vCPU (= 1; the catalog table's scale): a plain number in (0, 100], e.g. { \"m7g\": 0.9 } when your own benchmark finds a Graviton 3 vCPU does 0.9 of an m7i vCPU's work. Keys are catalog families. Default: the catalog's table (multi-threaded CoreMark per vCPU, median over sizes; an ESTIMATE for a real workload).",
    { bounds: above(0, 100), required: true, sweep: false },
  ),
  row(
    'workload.growth.perYear',
    'fraction',
    'Traffic growth per year as a fraction or percentage ("80%" = +80% a year, compounded), from -99% to +10000%. Default 0.',
    {
      bounds: between(-0.99, MAX_GROWTH_PER_YEAR),
      ranged: true,
      default: 0,
      tui: view(1, W, 'growth / year', '80%'),
      sensitivity: varied(3, 'growth per year', '%'),
    },
  ),
  row(
    'workload.growth.years',
    'number',
    'Planning horizon in years (a plain number, >= 0): the design rate is peakRate * (1 + perYear)^years. Default 0.',
    {
      bounds: between(0, 100),
      ranged: true,
      default: 0,
      tui: view(2, W, 'growth years', '2'),
      sensitivity: varied(20, 'growth years', 'years', { rangeOnly: true }),
    },
  ),
  row(
    'workload.workingSet',
    'size',
    'Bytes the service keeps in memory (the whole data set): "300 GiB", or a number of bytes; >= 0. Default 0.',
    {
      bounds: NON_NEGATIVE,
      ranged: true,
      default: 0,
      tui: view(5, W, 'working set', '300 GiB'),
      sensitivity: varied(4, 'working set', 'GiB'),
    },
  ),
  row(
    'workload.memoryHeadroom',
    'fraction',
    'Extra memory a node needs beyond its share of the working set (OS, runtime), as a fraction of that share: "10%" or 0.1, in [0, 10]. Default 10%.',
    {
      bounds: between(0, 10),
      ranged: true,
      default: '10%',
      sensitivity: varied(21, 'memory headroom', '%', { rangeOnly: true }),
    },
  ),
  count(
    'workload.replication',
    between(1, 100),
    'Copies of each partition of the working set in a horizontal design, an integer >= 1. Default 2.',
    { default: 2 },
  ),
  count(
    'workload.fanout',
    between(1, 10000),
    'A request waits for this many independent sub-requests (scatter-gather), an integer >= 1; p99 is that of the slowest. Default 1.',
    { default: 1, tui: view(7, W, 'fan-out', '1') },
  ),
  row('workload.writeFraction', 'fraction', 'Fraction of requests that write: "10%" or 0.1, in [0, 1]. Default 0.', {
    bounds: between(0, 1),
    ranged: true,
    default: 0,
    tui: view(6, W, 'writes', '10%'),
    sensitivity: varied(5, 'write fraction', '%'),
  }),
  oneOf(
    'workload.consistency',
    CONSISTENCIES,
    'Consistency of writes across replicas in other regions: "strong" makes a write wait for a cross-region round trip. Default "eventual".',
    { default: 'eventual', tui: view(8, W, 'consistency', 'eventual') },
  ),
  row(
    'workload.requestSize',
    'size',
    'Size of one request: "2 KiB", or a number of bytes; from 0 to 1 TiB. Default 1 KiB.',
    {
      bounds: between(0, MAX_MESSAGE_BYTES),
      ranged: true,
      default: '1 KiB',
      sensitivity: varied(6, 'request size', 'KiB'),
    },
  ),
  row(
    'workload.responseSize',
    'size',
    'Size of one response: "200 KiB", or a number of bytes; from 0 to 1 TiB. Default 10 KiB.',
    {
      bounds: between(0, MAX_MESSAGE_BYTES),
      ranged: true,
      default: '10 KiB',
      sensitivity: varied(7, 'response size', 'KiB'),
    },
  ),
  count(
    'workload.roundTrips',
    between(1, 100),
    'Network round trips per request between user and service, an integer >= 1. Default 1 (warm connection).',
    { default: 1 },
  ),
  row(
    'workload.dailyProfile[]',
    'fraction',
    'The load of one hour of the day as a multiplier of the peak: a fraction in [0, 1] ("50%" or 0.5), 24 of them, hour 0 first (the hours of the users\' day as the team reads its traffic; the multipliers apply to every user region alike).',
    { bounds: between(0, 1), required: true, sweep: false },
  ),
  row(
    'workload.usl.contention',
    'number',
    'Universal Scalability Law contention (sigma), a plain number in [0, 1]. Required in usl.',
    {
      bounds: between(0, 1),
      required: true,
      ranged: true,
      sensitivity: varied(22, 'USL contention (sigma)', '', { rangeOnly: true }),
    },
  ),
  row(
    'workload.usl.coherency',
    'number',
    'Universal Scalability Law coherency (kappa), a plain number in [0, 1]. Required in usl.',
    {
      bounds: between(0, 1),
      required: true,
      ranged: true,
      sensitivity: varied(23, 'USL coherency (kappa)', '', { rangeOnly: true }),
    },
  ),
  // tiers (issue 13: a system of tiers instead of workload.serviceTime)
  words(
    'tiers[].name',
    'identifier',
    "Name of the tier, unique in the scenario (required): an identifier (a letter or _, then letters, digits and _; at most 64 characters), as it is named in a candidate's `tiers` and in sweep paths such as tiers.db.serviceTime.",
    true,
  ),
  oneOf(
    'tiers[].role',
    TIER_ROLES,
    'What the tier does (required): "stateless" (an application tier), "cache" (answers hitRatio of its calls and passes the misses on to the next tier; never the last tier) or "database" (holds the data: workingSet, writeFraction, replication, consistency).',
    { required: true },
  ),
  row(
    'tiers[].serviceTime',
    'duration',
    'CPU time of one call to this tier on one vCPU of the chosen family (required): "2 ms", or a number of seconds; > 0 and at most 1e6 s.',
    { bounds: above(0, MAX_SERVICE_TIME_S), required: true, ranged: true },
  ),
  row(
    'tiers[].serviceTimeCv',
    'number',
    "Coefficient of variation of this tier's service time, a plain number in [0, 100] (0 deterministic, 1 exponential). Default 1.",
    { bounds: between(0, 100), ranged: true, default: 1 },
  ),
  count(
    'tiers[].callsPerRequest',
    between(0, 10000),
    'Sequential calls one user request makes to this tier, an integer from 0 to 10000 (each call pays the response time and the round trip between the tiers; behind a cache only the misses arrive: 4 calls behind a 90% hit ratio are 0.4 calls per request on average). Default 1.',
    { default: 1 },
  ),
  row(
    'tiers[].hitRatio',
    'fraction',
    'Cache only (required there): fraction of the calls the cache answers itself, "90%" or 0.9, in [0, 1]; the rest go on to the next tier.',
    { bounds: between(0, 1), ranged: true, roles: ['cache'] },
  ),
  row(
    'tiers[].workingSet',
    'size',
    'Cache and database only: bytes the tier keeps in memory (a cache: what it holds; a database: its data set), "40 GiB", or a number of bytes; >= 0. Default 0.',
    { bounds: NON_NEGATIVE, ranged: true, default: 0, roles: ['cache', 'database'] },
  ),
  row(
    'tiers[].writeFraction',
    'fraction',
    'Database only: fraction of its calls that write (reads may go to read replicas, writes go to the primary), "20%" or 0.2, in [0, 1]. Default 0.',
    { bounds: between(0, 1), ranged: true, default: 0, roles: ['database'] },
  ),
  count(
    'tiers[].replication',
    between(1, 100),
    'Database only: copies of each partition of its working set in a horizontal design, an integer >= 1. Default 2.',
    { default: 2, roles: ['database'] },
  ),
  oneOf(
    'tiers[].consistency',
    CONSISTENCIES,
    'Database only: consistency of writes across replicas; "strong" makes a write wait for its replicas (a quorum when partitioned). Default "eventual".',
    { default: 'eventual', roles: ['database'] },
  ),
  row(
    'tiers[].deploysPerWeek',
    'number',
    'How often this tier is deployed (a new version rolled out), a plain number per week >= 0, in place of operations.deploysPerWeek for this tier (a database deployed monthly beside an application deployed daily: 0.25). Default: operations.deploysPerWeek.',
    { bounds: between(0, 10000) },
  ),
  // targets
  row(
    'targets.p99',
    'duration',
    'End-to-end p99 latency target, network included (required): "250 ms", or seconds; > 0.',
    { bounds: POSITIVE, required: true, tui: view(9, T, 'p99', '250 ms'), sensitivity: varied(15, 'p99 target', 'ms') },
  ),
  row(
    'targets.availability',
    'fraction',
    'Availability target (required): "99.95%" or 0.9995, strictly between 0 and 1. A decimal string keeps the exact digits of 1 - availability.',
    {
      bounds: OPEN_UNIT,
      required: true,
      tui: view(10, T, 'availability', '99.95%'),
      sensitivity: varied(16, 'availability target', '%'),
    },
  ),
  row(
    'targets.budget',
    'moneyRate',
    'Monthly budget: "30000 USD/month", or a number of USD per month; > 0. Default: none.',
    { bounds: POSITIVE, tui: view(11, T, 'budget', '30000 USD/month'), sensitivity: varied(17, 'budget', 'USD/month') },
  ),
  oneOf(
    'targets.p99Scope',
    P99_SCOPES,
    'Which p99 must meet targets.p99: "all-users" (the p99 over all users\' requests, a mixture over user regions) or "every-region" (the p99 of every user region\'s requests, so that a small group of far users cannot hide in the mixture). Default "all-users".',
    { default: 'all-users', tui: view(14, T, 'p99 scope', 'every-region') },
  ),
  row(
    'targets.maxUtilization',
    'fraction',
    'Highest planned CPU utilisation at the design rate: "75%" or 0.75, strictly between 0 and 1. Default 75%.',
    {
      bounds: OPEN_UNIT,
      default: '75%',
      tui: view(12, T, 'max CPU', '75%'),
      sensitivity: varied(18, 'max CPU utilisation', '%'),
    },
  ),
  row(
    'targets.maxUtilizationDegraded',
    'fraction',
    'Highest CPU utilisation the survivors may run at while components are down, for the design to count as up (availability): "90%" or 0.9, strictly between 0 and 1. Default 90%, or the all-up utilisation when that is higher.',
    { bounds: OPEN_UNIT, default: '90%', tui: view(13, T, 'max CPU, degraded', '90%') },
  ),
  row(
    'targets.maxDataLoss',
    'duration',
    'Durability target: the most acknowledged writes, as time, that one failure may lose: "0 s" (no acknowledged write may be lost: synchronous replication to another failure domain), "5 s", or seconds; >= 0. Default: none.',
    { bounds: NON_NEGATIVE },
  ),
  // reliability
  ...failureRows('node', 15, '4380 h', '2 h', 8),
  ...failureRows('zone', 17, '8766 h', '4 h', 10),
  ...failureRows('region', 19, '26298 h', '8 h', 12),
  row(
    'reliability.failover',
    'duration',
    'Detection + switch time per failure of a serving component (hot standby, node behind a balancer, region): "60 s", or seconds; >= 0. Default: the catalog figure.',
    {
      bounds: NON_NEGATIVE,
      ranged: true,
      tui: view(21, R, 'failover', '60 s'),
      sensitivity: varied(14, 'failover time', 's'),
    },
  ),
  row(
    'reliability.coldRestore',
    'duration',
    'Fixed part of bringing a cold standby up (detection, start, attach), before its data is copied back: "30 min", or seconds; >= 0. The restore takes coldRestore + workload.workingSet / restoreRate. Default 30 min (an ESTIMATE).',
    {
      bounds: NON_NEGATIVE,
      ranged: true,
      default: '30 min',
      sensitivity: varied(24, 'cold-standby restore time', 'min', { rangeOnly: true }),
    },
  ),
  row(
    'reliability.restoreRate',
    'byteRate',
    'Rate at which a cold standby gets its data (the working set) back from backups or snapshots: "200 MiB/s", or bytes per second; > 0. Default: the catalog figure, 200 MiB/s (an ESTIMATE: EBS sells 100-300 MiB/s to initialise a volume from a snapshot).',
    {
      bounds: POSITIVE,
      ranged: true,
      sensitivity: varied(25, 'cold-standby restore rate', 'MiB/s', { rangeOnly: true }),
    },
  ),
  row(
    'reliability.replicationLag',
    'duration',
    'How far an asynchronous replica lags behind its primary (the writes a failover loses): "1 s", or seconds; >= 0. Default 1 s (an ESTIMATE).',
    {
      bounds: NON_NEGATIVE,
      ranged: true,
      default: '1 s',
      sensitivity: varied(26, 'replication lag', 's', { rangeOnly: true }),
    },
  ),
  row(
    'reliability.backupInterval',
    'duration',
    'Time between backups of data held in one copy only (the writes lost with that copy): "24 h", or seconds; > 0. Default 24 h (an ESTIMATE: daily snapshots).',
    {
      bounds: POSITIVE,
      ranged: true,
      default: '24 h',
      sensitivity: varied(27, 'backup interval', 'h', { rangeOnly: true, hours: true }),
    },
  ),
  // users
  words(
    'users[].region',
    'name',
    'Catalog region id where these users are ("us-east-1"), or, with lat and lon, the name of a place that is not a catalog region ("lagos") (required).',
    true,
  ),
  row('users[].share', 'fraction', 'Share of all requests from this region: "50%" or 0.5, in (0, 1] (required).', {
    bounds: above(0, 1),
    required: true,
    sweep: false,
  }),
  row(
    'users[].lat',
    'number',
    "Latitude of users who are not in a catalog region, decimal degrees (with lon; region then names the place). Their round trips are estimated from the great-circle distance with the catalog's fitted path-inflation line; they are served from catalog regions. Default: none (the users are at their catalog region).",
    { bounds: between(-90, 90), sweep: false },
  ),
  row(
    'users[].lon',
    'number',
    'Longitude of users who are not in a catalog region, decimal degrees (with lat). Default: none.',
    { bounds: between(-180, 180), sweep: false },
  ),
  // architectures
  words('architectures[].name', 'name', 'Name of the candidate, unique in the scenario (required).', true),
  oneOf(
    'architectures[].kind',
    ARCHITECTURE_KINDS,
    '"vertical": one box (optionally with a standby); "horizontal": N nodes plus spares over zones and regions (required, unless the candidate gives per-tier designs in `tiers`).',
  ),
  words(
    'architectures[].family',
    'name',
    'Catalog instance family ("m7i") (required, unless the candidate gives per-tier designs in `tiers`).',
  ),
  words(
    'architectures[].size',
    'name',
    'Catalog size of that family ("2xlarge"). Default: chosen (the smallest or cheapest that meets the targets).',
  ),
  words('architectures[].regions[]', 'name', 'A catalog region id ("us-east-1").', true),
  oneOf(
    'architectures[].standby',
    STANDBYS,
    'Vertical only: a standby box in another zone (or in regions[1]); "hot" takes over after the failover time, "cold" after coldRestore. Default "none".',
    { default: 'none' },
  ),
  count(
    'architectures[].nodes',
    between(1, 1_000_000),
    'Horizontal only: total nodes over all regions, an integer >= the number of regions. Default: the fewest that meet the targets with `spares` nodes down per region.',
  ),
  count(
    'architectures[].spares',
    between(0, 1000),
    'Horizontal only: nodes per region that may be down while the targets are still met (N+k), an integer >= 0. Default 1.',
    { default: 1 },
  ),
  count(
    'architectures[].zones',
    between(1, 6),
    'Horizontal only: availability zones per region, an integer from 1 to 6. Default 3.',
    { default: 3 },
  ),
  oneOf(
    'architectures[].balancer',
    BALANCERS,
    'Horizontal only: how the load balancer picks a node. Default "least-loaded".',
    { default: 'least-loaded' },
  ),
  oneOf(
    'architectures[].deploy',
    DEPLOY_MODES,
    'How a new version reaches this candidate: "restart" (the box or every node restarts in place: down for operations.restartTime per deploy, or for the failover to a hot standby when that is shorter), "blue-green" (a second copy is started beside the first and the users switched over with their connections drained: no downtime; the copy is priced for operations.blueGreenOverlap per deploy unless a hot standby serves as it) or "rolling" (horizontal only: one node out at a time; no downtime while the survivors of each region carry the load at or below targets.maxUtilizationDegraded and every partition keeps its reads and write quorum, else down while each such node restarts). Default: "restart" for a vertical design, "rolling" for a horizontal one.',
  ),
  oneOf(
    'architectures[].pricing.model',
    PRICING_MODELS,
    'How this candidate\'s nodes are bought, in place of the scenario\'s pricing.model: "on-demand", "reserved-1y", "reserved-3y" (standard Reserved Instances, all upfront), "savings-plan-1y", "savings-plan-3y" (an ASSUMPTION: priced as standard no-upfront Reserved Instances; no Savings Plans rate is stored) or "spot" (stateless horizontal candidates only: no working set, no writes; its interruptions count as node failures). Default: the scenario\'s.',
  ),
  ...autoscalingRows('architectures[].autoscaling', 'this horizontal candidate'),
  // architectures[].tiers: a design per tier of the scenario (keyed by the tier's name)
  oneOf(
    'architectures[].tiers{}.kind',
    ARCHITECTURE_KINDS,
    '"vertical": one box for this tier (a database: a primary, optionally a standby and read replicas); "horizontal": N nodes plus spares over zones and regions (a database: partitioned and replicated) (required).',
    { required: true },
  ),
  words('architectures[].tiers{}.family', 'name', 'Catalog instance family of this tier ("r7i") (required).', true),
  words(
    'architectures[].tiers{}.size',
    'name',
    'Catalog size of that family ("2xlarge"). Default: chosen (the smallest or cheapest that meets the targets).',
  ),
  words('architectures[].tiers{}.regions[]', 'name', 'A catalog region id ("us-east-1").', true),
  oneOf(
    'architectures[].tiers{}.standby',
    STANDBYS,
    'Vertical only: a standby box for this tier in another zone (or in regions[1]). Default "none".',
    { default: 'none' },
  ),
  count(
    'architectures[].tiers{}.readReplicas',
    between(0, 100),
    'Vertical database tier only: read replicas beside the primary (reads are spread over the primary and the replicas, writes go to the primary), an integer >= 0. Default 0.',
    { default: 0, sweep: false },
  ),
  count(
    'architectures[].tiers{}.nodes',
    between(1, 1_000_000),
    'Horizontal only: total nodes of this tier over all its regions, an integer >= the number of regions. Default: the fewest that meet the targets.',
    { sweep: false },
  ),
  count(
    'architectures[].tiers{}.spares',
    between(0, 1000),
    'Horizontal only: nodes of this tier per region that may be down while the targets are still met, an integer >= 0. Default 1.',
    { default: 1, sweep: false },
  ),
  count(
    'architectures[].tiers{}.zones',
    between(1, 6),
    'Horizontal only: availability zones per region of this tier, an integer from 1 to 6. Default 3.',
    { default: 3, sweep: false },
  ),
  oneOf(
    'architectures[].tiers{}.balancer',
    BALANCERS,
    'Horizontal only: how the load balancer of this tier picks a node. Default "least-loaded".',
    { default: 'least-loaded' },
  ),
  oneOf(
    'architectures[].tiers{}.pricing.model',
    PRICING_MODELS,
    "How this tier's nodes are bought, in place of the candidate's or the scenario's pricing.model (the same models). \"spot\" only on a horizontal tier of role \"stateless\" whose nodes keep no data (workload.workingSet 0, workload.writeFraction 0): its interruptions count as node failures of the tier, which its spares absorb. Default: the candidate's, else the scenario's.",
  ),
  ...autoscalingRows('architectures[].tiers{}.autoscaling', 'this horizontal tier (of role "stateless")'),
  oneOf(
    'architectures[].tiers{}.deploy',
    DEPLOY_MODES,
    'How a new version reaches this tier: "restart" (the box or every node restarts in place: down for operations.restartTime per deploy, or for the failover to a hot standby when that is shorter), "blue-green" (a second copy is started beside the first and the users switched over with their connections drained: no downtime; the copy is priced for operations.blueGreenOverlap per deploy unless a hot standby serves as it) or "rolling" (horizontal only: one node out at a time; no downtime while the survivors of each region carry the load at or below targets.maxUtilizationDegraded and every partition keeps its reads and write quorum, else down while each such node restarts). Default: "restart" for a vertical design, "rolling" for a horizontal one.',
  ),
  // provider
  oneOf(
    'provider',
    PROVIDERS,
    'The cloud the designs run on: its instance families, regions, round trips, balancer and network prices come from the catalog together. "aws" (the catalog\'s regions, round trips, transfer and balancer prices are AWS\'s); "gcp" is refused with what the catalog lacks for it (no GCP region, round trip, balancer or transfer price is stored; README, "Providers"). A named provider also limits the search and the candidates to its families. Default: the provider of the catalog\'s regions (AWS), every family of it searched.',
  ),
  // pricing
  oneOf(
    'pricing.model',
    PRICING_MODELS,
    'How the nodes are bought (each candidate may say otherwise): "on-demand" list prices; "reserved-1y" or "reserved-3y", standard Reserved Instances, all upfront, at their effective hourly rate (listed for every type in us-east-1 for 3 years, elsewhere derived from the type\'s discount, as cost.prices says); "savings-plan-1y" or "savings-plan-3y", EC2 Instance Savings Plans without upfront (an ASSUMPTION: priced as standard no-upfront Reserved Instances; no Savings Plans rate is stored); "spot" at Spot Advisor\'s 30-day saving, only for stateless horizontal designs and tiers, its interruptions counted as node failures (a search on spot buys spot where it applies, for the stateless horizontal designs or tiers it finds, with the spares to absorb the interruptions, and on-demand elsewhere: boxes and tiers that keep data; a search whose every design keeps data is refused). Balancers, switches and transfer stay at list prices. Default "on-demand".',
    { default: 'on-demand' },
  ),
  // autoscaling: the default of every horizontal design (searched, and candidates without their own)
  ...autoscalingRows('autoscaling', 'an autoscaled horizontal design'),
  // cost
  flag(
    'cost.includeEgress',
    'Whether internet egress of the responses to users is part of cost.usdPerMonth (and of the budget check, the search and the recommendation), so that designs compare on the bill they will actually pay; false reports it beside the total (cost.internetEgressUsdPerMonth), as about the same for every design. Default false.',
    false,
  ),
  // operations (issue 20): the price of complexity and of change
  row(
    'operations.usdPerNodeMonth',
    'moneyRate',
    'People and tooling per node and month (on-call, patching, monitoring, licences), every node of a design counted, a standby (hot or cold) included: "150 USD/month", or a number of USD per month; >= 0. Default 0 (not priced).',
    {
      bounds: NON_NEGATIVE,
      ranged: true,
      tui: view(22, O, 'cost / node', '150 USD/month'),
      sensitivity: varied(28, 'operations cost per node', 'USD/month'),
    },
  ),
  row(
    'operations.usdPerRegionMonth',
    'moneyRate',
    'People and tooling per region a design runs in, per month (a region\'s share of on-call, its network, its runbooks and game days): "2000 USD/month", or a number of USD per month; >= 0. Default 0 (not priced).',
    {
      bounds: NON_NEGATIVE,
      ranged: true,
      tui: view(23, O, 'cost / region', '2000 USD/month'),
      sensitivity: varied(29, 'operations cost per region', 'USD/month'),
    },
  ),
  row(
    'operations.deploysPerWeek',
    'number',
    "Deploys (new versions rolled out) per week, a plain number >= 0 (DORA's deployment frequency); a tier may say otherwise (tiers[].deploysPerWeek). Default 0 (deploys not modelled).",
    {
      bounds: between(0, 10000),
      ranged: true,
      tui: view(24, O, 'deploys / week', '20'),
      sensitivity: varied(30, 'deploys per week', '/week'),
    },
  ),
  row(
    'operations.restartTime',
    'duration',
    'How long a box or a node is out of service while it restarts into a new version (stop, start, warm up): "30 s", or seconds; >= 0. Default 0.',
    {
      bounds: between(0, 7 * 86400),
      ranged: true,
      tui: view(25, O, 'restart time', '30 s'),
      sensitivity: varied(31, 'restart time per deploy', 's'),
    },
  ),
  row(
    'operations.changeFailureRate',
    'fraction',
    'Share of deploys that cause a failure in production needing a rollback or a fix (DORA\'s change failure rate): "15%" or 0.15, in [0, 1]. Default 0.',
    {
      bounds: between(0, 1),
      ranged: true,
      tui: view(26, O, 'failed changes', '15%'),
      sensitivity: varied(32, 'change failure rate', '%'),
    },
  ),
  row(
    'operations.changeRecoveryTime',
    'duration',
    'Mean time from a failed change reaching users to the service restored (DORA\'s failed deployment recovery time): "1 h", or seconds; >= 0. Default 0.',
    {
      bounds: between(0, 365 * 86400),
      ranged: true,
      tui: view(27, O, 'recovery time', '1 h'),
      sensitivity: varied(33, 'change recovery time', 'min'),
    },
  ),
  row(
    'operations.blueGreenOverlap',
    'duration',
    'How long a blue-green deploy runs the second (green) copy beside the first, per deploy (start, checks, the switch and the time the old copy is kept for a rollback): "1 h", or seconds; >= 0. Priced for candidates with deploy "blue-green" that have no hot standby to use. Default 1 h (an ASSUMPTION).',
    { bounds: between(0, 7 * 86400), default: '1 h', sweep: true },
  ),
  // simulation
  count(
    'simulation.seed',
    between(0, Number.MAX_SAFE_INTEGER),
    'Seed of the random numbers, an integer >= 0; the same seed gives the same output. Default 1.',
    { default: 1, sweep: false },
  ),
  count(
    'simulation.requests',
    between(1, 1_000_000_000),
    'Requests to simulate per candidate (latency), an integer from 1 to 1e9. Default 1000000.',
    { default: 1_000_000, sweep: false },
  ),
  row(
    'simulation.years',
    'number',
    'Years of failures and repairs to simulate per candidate (availability), a number > 0. Default 1000.',
    { bounds: above(0, 1_000_000_000), default: 1000, sweep: false },
  ),
  row(
    'simulation.bursts.factor',
    'number',
    'Rate in a burst as a multiple of the rate between bursts, a number > 1 (required).',
    { bounds: above(1, 1000), required: true, sweep: false },
  ),
  row(
    'simulation.bursts.share',
    'fraction',
    'Long-run share of the time spent in bursts: "10%" or 0.1, in (0, 1) (required).',
    { bounds: OPEN_UNIT, required: true, sweep: false },
  ),
  row(
    'simulation.bursts.length',
    'duration',
    'Mean length of one burst (exponentially distributed): "30 s" (required).',
    { bounds: POSITIVE, required: true, sweep: false },
  ),
  row(
    'simulation.weibullShape',
    'number',
    'Up times of nodes, zones and regions Weibull with this shape and mean MTBF in the failure simulation (< 1: failures cluster early, > 1: wear-out), 0.1 to 20. Default: none (exponential, as the analytic model).',
    { bounds: between(0.1, 20), sweep: false },
  ),
  count(
    'simulation.repairCrews',
    between(1, 1_000_000),
    'At most this many node repairs in progress at once (shared repair crews; a failed node waits for a free crew) in the failure simulation, an integer >= 1. Default: none (unlimited, as the analytic model).',
    { sweep: false },
  ),
  // fitted (issue 16): where inputs fitted from measurements by `capplan fit --into` came from
  words(
    'fitted[].input',
    'name',
    'The input fitted from measurements, as a field path: "workload.usl", "workload.serviceTime", "workload.serviceTimeCv", "reliability.node.mtbf", "reliability.node.mttr", ... (required).',
    true,
  ),
  words('fitted[].file', 'name', 'The measurements file it was fitted from, as given to capplan fit (required).', true),
  words('fitted[].date', 'name', 'When it was fitted, YYYY-MM-DD. Default: none.'),
  words('fitted[].method', 'text', 'How it was fitted, in a few words: "USL, R^2 0.998" (required).', true),
  row('fitted[].points[].n', 'number', 'A measured concurrency or node count, > 0 (required in a point).', {
    bounds: POSITIVE,
    required: true,
    sweep: false,
  }),
  row('fitted[].points[].x', 'number', 'The throughput measured at n, per second, > 0 (required in a point).', {
    bounds: POSITIVE,
    required: true,
    sweep: false,
  }),
];

const BY_PATH: ReadonlyMap<string, ScenarioField> = new Map(SCENARIO_FIELDS.map((f) => [f.path, f]));

/**
 * The row of a path; array indices may be given (`architectures[2].nodes` is the row `architectures[].nodes`).
 * @throws {RangeError} no such row
 * @example scenarioField('architectures[2].zones').integer // true
 */
export function scenarioField(path: string): ScenarioField {
  let row = BY_PATH.get(path);
  if (row === undefined && path.includes('[')) {
    // an indexed path: its row remembered (a pure function of the path; every scenario read asks for the same few)
    row = BY_INDEXED_PATH.get(path);
    if (row === undefined) {
      row = BY_PATH.get(path.replace(/\[\d+\]/g, '[]'));
      if (row !== undefined) {
        if (BY_INDEXED_PATH.size >= MAX_INDEXED_PATHS) BY_INDEXED_PATH.clear();
        BY_INDEXED_PATH.set(path, row);
      }
    }
  }
  if (row === undefined) throw new RangeError(`no scenario field ${path}`);
  return row;
}

/** scenarioField's rows of indexed paths (`architectures[2].nodes`), bounded: cleared when it holds this many. */
const BY_INDEXED_PATH = new Map<string, ScenarioField>();
const MAX_INDEXED_PATHS = 1000;

/** The bounds of a number or unit field at a path (as scenarioField). @throws {RangeError} no row, or no bounds */
export function boundsOf(path: string): Bounds {
  const { bounds } = scenarioField(path);
  if (bounds === undefined) throw new RangeError(`scenario field ${path} has no bounds`);
  return bounds;
}
