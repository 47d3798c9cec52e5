/**
 * The RAW scenario: the JSON a user writes (see ../shared/design/contract.md), as a zod 4 schema. It checks the
 * SHAPE only: strict objects (an unknown key is an issue), JSON types, enums, and the ranges of plain numbers and
 * counts. Values with units stay strings here ("4000/s", "12 ms", "99.95%"); normalize.ts parses them with
 * parseQuantity, checks catalog references and cross-field rules, fills defaults and builds the Scenario of
 * types.ts. This module does not load mathjs or the catalog, so `capplan schema` stays light.
 *
 * Every schema carries its own error text (`error: ...`): the phrase that follows "expected" in an InputError, so
 * that normalize.ts never shows zod's default messages. Every field has a `.describe()` text stating its unit, its
 * default and its meaning; the JSON Schema (jsonSchema.ts) and the worksheet show them. `default` in the metadata is
 * documentation for the JSON Schema; the defaults themselves are applied (and recorded) by normalize.ts.
 *
 * Uncertain inputs: every numeric figure of `workload` and `reliability` (not the counts `replication`, `fanout`,
 * `roundTrips`) may instead be a range `{ "p5": ..., "p95": ..., "distribution"?: "lognormal" | "normal" |
 * "uniform" }` whose p5 and p95 are written exactly like the plain field (`rangedQuantity`, `rangedNumber`). Every
 * other field takes one value only, and its error text says so when it is given a range (`pointOnly`).
 */
import { z } from 'zod';
import { isControlCode } from '../errors.js';

/** The phrase that follows "expected" when a unit-carrying value has the wrong JSON type. */
export const QUANTITY_EXPECTED = {
  rate: 'a rate such as "4000/s", or a number per second',
  duration: 'a duration such as "12 ms" or "2 h", or a number of seconds',
  size: 'a size such as "300 GiB", or a number of bytes',
  byteRate: 'a data rate such as "500 MiB/s", or a number of bytes per second',
  fraction: 'a fraction such as "80%" or 0.8',
  moneyRate: 'a cost such as "30000 USD/month", or a number of USD per month',
} as const;

type QuantityName = keyof typeof QUANTITY_EXPECTED;

/** The values of workload.consistency; the first is the default. */
export const CONSISTENCIES = ['eventual', 'strong'] as const;

/** The values of targets.p99Scope; the first is the default. */
export const P99_SCOPES = ['all-users', 'every-region'] as const;

/** The distributions of a range; the first is the default. */
export const RANGE_DISTRIBUTIONS = ['lognormal', 'normal', 'uniform'] as const;

/** The keys of a range object. */
const RANGE_KEYS: readonly string[] = ['p5', 'p95', 'distribution'];

/** Appended to the "expected" phrase of a single-value field given something that looks like a range. */
const RANGE_NOT_ALLOWED = 'a single value: ranges { p5, p95 } are allowed only for workload and reliability figures';

/** An object with a range's key: what a user who wrote a range where none is allowed gave. */
function looksLikeRange(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    RANGE_KEYS.some((key) => Object.hasOwn(value, key))
  );
}

/** The error text of a single-value field: `expected`, plus why a range is refused when one was given. */
function pointOnly(expected: string) {
  return (issue: { input?: unknown }): string =>
    looksLikeRange(issue.input) ? `${expected} (${RANGE_NOT_ALLOWED})` : expected;
}

/** A value with units: a string such as "4000/s", or a bare number in the base unit. */
function quantity(kind: QuantityName, description: string, defaultValue?: string | number) {
  const schema = z.union([z.string(), z.number()], { error: pointOnly(QUANTITY_EXPECTED[kind]) }).describe(description);
  return defaultValue === undefined ? schema : schema.meta({ default: defaultValue });
}

/** Appended to the description of every field that may be a range. */
const RANGE_NOTE =
  ' Or, when uncertain, a range { "p5": ..., "p95": ..., "distribution"?: "lognormal" | "normal" | "uniform" } of such values: the comparison uses its median.';

/**
 * The range form `{ p5, p95, distribution? }` of a field; `value(which)` is the schema of p5 or p95 (the plain
 * field's own schema, so they are read and checked exactly like it). p5 <= p95, and p5 > 0 for the lognormal
 * distribution, are checked by normalize.ts, which sees both values.
 */
function range(value: (which: 'p5' | 'p95') => z.ZodType, units: string) {
  return z
    .strictObject(
      {
        p5: value('p5').describe(`5th percentile of the uncertain value, ${units}.`),
        p95: value('p95').describe(`95th percentile of the uncertain value, ${units}; >= p5.`),
        distribution: z
          .enum(RANGE_DISTRIBUTIONS, { error: `one of ${RANGE_DISTRIBUTIONS.map((v) => `"${v}"`).join(', ')}` })
          .describe(
            'How the value is spread: "lognormal" (median sqrt(p5 p95); needs p5 > 0), "normal" (mean (p5 + p95) / 2) or "uniform" (p5 and p95 are its 5th and 95th percentiles, so it runs from p5 - (p95 - p5) / 18 to p95 + (p95 - p5) / 18). Default "lognormal".',
          )
          .meta({ default: 'lognormal' })
          .optional(),
      },
      { error: 'an object { p5, p95, distribution? }' },
    )
    .describe('An uncertain value, as its 5th and 95th percentiles and their distribution.');
}

/**
 * The error text of a field that may be a range. A range object's own problems are reported at its keys (normalize.ts
 * unpacks the union's issue), so this only speaks of the field missing or of the wrong JSON type.
 */
function rangedError(expected: string) {
  return (issue: { input?: unknown }): string =>
    issue.input === undefined ? expected : `${expected}, or a range { "p5": ..., "p95": ... } of such values`;
}

/** A value with units (as `quantity`), or a range of such values. */
function rangedQuantity(kind: QuantityName, description: string, defaultValue?: string | number) {
  const expected = QUANTITY_EXPECTED[kind];
  const value = () => z.union([z.string(), z.number()], { error: expected });
  const schema = z
    .union([value(), range(value, `written like the field (${expected})`)], { error: rangedError(expected) })
    .describe(description + RANGE_NOTE);
  return defaultValue === undefined ? schema : schema.meta({ default: defaultValue });
}

/** A plain JSON number (no units) in [min, max]; `int` for counts. One phrase for every way it can be wrong. */
function plainNumber(opts: {
  min: number;
  max?: number;
  minExclusive?: boolean;
  int?: boolean;
  description: string;
  default?: number;
}) {
  const described = boundedNumber(opts, pointOnly(numberExpected(opts))).describe(opts.description);
  return opts.default === undefined ? described : described.meta({ default: opts.default });
}

interface NumberBounds {
  min: number;
  max?: number;
  minExclusive?: boolean;
  int?: boolean;
}

/** "a number >= 0 and <= 100", "an integer >= 1". */
function numberExpected(opts: NumberBounds): string {
  const lo = `${opts.minExclusive === true ? '>' : '>='} ${opts.min}`;
  const bounds = opts.max === undefined ? lo : `${lo} and <= ${opts.max}`;
  return `${opts.int === true ? 'an integer' : 'a number'} ${bounds}`;
}

/** A JSON number (or integer) in the bounds, with one error text for every way it can be wrong. */
function boundedNumber(opts: NumberBounds, error: string | ((issue: { input?: unknown }) => string)) {
  let schema = opts.int === true ? z.int({ error }) : z.number({ error });
  schema = opts.minExclusive === true ? schema.gt(opts.min, { error }) : schema.gte(opts.min, { error });
  if (opts.max !== undefined) schema = schema.lte(opts.max, { error });
  return schema;
}

/** A plain number (as `plainNumber`, never a count), or a range of such numbers. */
function rangedNumber(opts: { min: number; max: number; description: string; default?: number }) {
  const expected = numberExpected(opts);
  const value = () => boundedNumber(opts, expected);
  const schema = z
    .union([value(), range(value, `a plain number (${expected})`)], { error: rangedError(expected) })
    .describe(opts.description + RANGE_NOTE);
  return opts.default === undefined ? schema : schema.meta({ default: opts.default });
}

function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
  description: string,
  defaultValue?: T[number],
) {
  const schema = z
    .enum(values, { error: pointOnly(`one of ${values.map((v) => `"${v}"`).join(', ')}`) })
    .describe(description);
  return defaultValue === undefined ? schema : schema.meta({ default: defaultValue });
}

/**
 * Whether a string has a control character (C0, DEL or C1) other than those `allowed`. Names and descriptions are
 * printed in tables, worksheets and the TUI, where an escape sequence would recolour, move the cursor or clear the
 * terminal, and a line break would break a table row.
 */
function hasControl(s: string, allowed = ''): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isControlCode(c) && !allowed.includes(s.charAt(i))) return true;
  }
  return false;
}

/** Free text: line breaks and tabs allowed, other control characters not. */
const text = (description: string) =>
  z
    .string({ error: pointOnly('a string') })
    .refine((s) => !hasControl(s, '\t\n\r'), {
      error: 'a string without control characters (other than line breaks and tabs)',
    })
    .describe(description);
/** A name or an id: one line of printable text. */
const nonEmptyText = (description: string) =>
  z
    .string({ error: pointOnly('a non-empty string') })
    .min(1, { error: 'a non-empty string' })
    .refine((s) => !hasControl(s), { error: 'a string without control characters (one line of text)' })
    .describe(description);

function object<T extends z.core.$ZodLooseShape>(shape: T, description: string) {
  return z.strictObject(shape, { error: 'an object' }).describe(description);
}

// ---------------------------------------------------------------------------------------------------------------
// workload
// ---------------------------------------------------------------------------------------------------------------
export const GrowthSchema = object(
  {
    perYear: rangedQuantity(
      'fraction',
      'Traffic growth per year as a fraction or percentage ("80%" = +80% a year, compounded), from -99% to +10000%. Default 0.',
      0,
    ).optional(),
    years: rangedNumber({
      min: 0,
      max: 100,
      description:
        'Planning horizon in years (a plain number, >= 0): the design rate is peakRate * (1 + perYear)^years. Default 0.',
      default: 0,
    }).optional(),
  },
  'Traffic growth to plan for. Default: no growth.',
);

export const UslSchema = object(
  {
    contention: rangedNumber({
      min: 0,
      max: 1,
      description: 'Universal Scalability Law contention (sigma), a plain number in [0, 1]. Required in usl.',
    }),
    coherency: rangedNumber({
      min: 0,
      max: 1,
      description: 'Universal Scalability Law coherency (kappa), a plain number in [0, 1]. Required in usl.',
    }),
  },
  "Universal Scalability Law coefficients of the software on one node's vCPUs, C(N) = N / (1 + sigma (N-1) + kappa N (N-1)). Default: none (linear scaling).",
);

export const WorkloadSchema = object(
  {
    peakRate: rangedQuantity(
      'rate',
      'Peak arrival rate today (required): "4000/s", "240000/min", or a number per second; > 0 and at most 1e12/s.',
    ),
    averageRate: rangedQuantity(
      'rate',
      'Mean arrival rate today, used for transfer costs: a rate or a number per second, > 0, <= peakRate, and at least 1e-9/s grown over the horizon. Default: the peak rate (conservative).',
    ).optional(),
    serviceTime: rangedQuantity(
      'duration',
      'CPU time of one request (one sub-request with fan-out) on one vCPU of the chosen family (required): "12 ms", or a number of seconds; > 0 and at most 1e6 s.',
    ),
    serviceTimeCv: rangedNumber({
      min: 0,
      max: 100,
      description:
        'Coefficient of variation of the service time, a plain number in [0, 100] (0 deterministic, 1 exponential). Default 1.',
      default: 1,
    }).optional(),
    growth: GrowthSchema.optional(),
    workingSet: rangedQuantity(
      'size',
      'Bytes the service keeps in memory (the whole data set): "300 GiB", or a number of bytes; >= 0. Default 0.',
      0,
    ).optional(),
    memoryHeadroom: rangedQuantity(
      'fraction',
      'Extra memory a node needs beyond its share of the working set (OS, runtime), as a fraction of that share: "10%" or 0.1, in [0, 10]. Default 10%.',
      '10%',
    ).optional(),
    replication: plainNumber({
      min: 1,
      max: 100,
      int: true,
      description: 'Copies of each partition of the working set in a horizontal design, an integer >= 1. Default 2.',
      default: 2,
    }).optional(),
    fanout: plainNumber({
      min: 1,
      max: 10000,
      int: true,
      description:
        'A request waits for this many independent sub-requests (scatter-gather), an integer >= 1; p99 is that of the slowest. Default 1.',
      default: 1,
    }).optional(),
    writeFraction: rangedQuantity(
      'fraction',
      'Fraction of requests that write: "10%" or 0.1, in [0, 1]. Default 0.',
      0,
    ).optional(),
    consistency: oneOf(
      CONSISTENCIES,
      'Consistency of writes across replicas in other regions: "strong" makes a write wait for a cross-region round trip. Default "eventual".',
      'eventual',
    ).optional(),
    requestSize: rangedQuantity(
      'size',
      'Size of one request: "2 KiB", or a number of bytes; from 0 to 1 TiB. Default 1 KiB.',
      '1 KiB',
    ).optional(),
    responseSize: rangedQuantity(
      'size',
      'Size of one response: "200 KiB", or a number of bytes; from 0 to 1 TiB. Default 10 KiB.',
      '10 KiB',
    ).optional(),
    roundTrips: plainNumber({
      min: 1,
      max: 100,
      int: true,
      description:
        'Network round trips per request between user and service, an integer >= 1. Default 1 (warm connection).',
      default: 1,
    }).optional(),
    usl: UslSchema.optional(),
  },
  'What the service must carry (required).',
);

// ---------------------------------------------------------------------------------------------------------------
// targets
// ---------------------------------------------------------------------------------------------------------------
export const TargetsSchema = object(
  {
    p99: quantity('duration', 'End-to-end p99 latency target, network included (required): "250 ms", or seconds; > 0.'),
    availability: quantity(
      'fraction',
      'Availability target (required): "99.95%" or 0.9995, strictly between 0 and 1. A decimal string keeps the exact digits of 1 - availability.',
    ),
    budget: quantity(
      'moneyRate',
      'Monthly budget: "30000 USD/month", or a number of USD per month; > 0. Default: none.',
    ).optional(),
    p99Scope: oneOf(
      P99_SCOPES,
      'Which p99 must meet targets.p99: "all-users" (the p99 over all users\' requests, a mixture over user regions) or "every-region" (the p99 of every user region\'s requests, so that a small group of far users cannot hide in the mixture). Default "all-users".',
      'all-users',
    ).optional(),
    maxUtilization: quantity(
      'fraction',
      'Highest planned CPU utilisation at the design rate: "75%" or 0.75, strictly between 0 and 1. Default 75%.',
      '75%',
    ).optional(),
    maxUtilizationDegraded: quantity(
      'fraction',
      'Highest CPU utilisation the survivors may run at while components are down, for the design to count as up (availability): "90%" or 0.9, strictly between 0 and 1. Default 90%, or the all-up utilisation when that is higher.',
      '90%',
    ).optional(),
    maxDataLoss: quantity(
      'duration',
      'Durability target: the most acknowledged writes, as time, that one failure may lose: "0 s" (no acknowledged write may be lost: synchronous replication to another failure domain), "5 s", or seconds; >= 0. Default: none.',
    ).optional(),
  },
  'What a design must meet (required).',
);

// ---------------------------------------------------------------------------------------------------------------
// reliability
// ---------------------------------------------------------------------------------------------------------------
function failureRates(domain: string, defaults: string) {
  return object(
    {
      mtbf: rangedQuantity(
        'duration',
        `Mean time between failures of a ${domain}: "4380 h", "30 d", or a number of SECONDS; > 0. Default: the catalog preset.`,
      ).optional(),
      mttr: rangedQuantity(
        'duration',
        `Mean time to repair a ${domain}: "2 h", or a number of SECONDS; > 0. Default: the catalog preset.`,
      ).optional(),
    },
    `Failure and repair of one ${domain}. Default: ${defaults}.`,
  );
}

export const ReliabilitySchema = object(
  {
    node: failureRates('node', "the catalog's default node preset (Dean 2008 Google cluster figures)").optional(),
    zone: failureRates('zone', "the catalog's default zone preset (an ESTIMATE)").optional(),
    region: failureRates('region', "the catalog's default region preset (an ESTIMATE)").optional(),
    failover: rangedQuantity(
      'duration',
      'Detection + switch time per failure of a serving component (hot standby, node behind a balancer, region): "60 s", or seconds; >= 0. Default: the catalog figure.',
    ).optional(),
    coldRestore: rangedQuantity(
      'duration',
      'Fixed part of bringing a cold standby up (detection, start, attach), before its data is copied back: "30 min", or seconds; >= 0. The restore takes coldRestore + workload.workingSet / restoreRate. Default 30 min (an ESTIMATE).',
      '30 min',
    ).optional(),
    restoreRate: rangedQuantity(
      'byteRate',
      'Rate at which a cold standby gets its data (the working set) back from backups or snapshots: "200 MiB/s", or bytes per second; > 0. Default: the catalog figure, 200 MiB/s (an ESTIMATE: EBS sells 100-300 MiB/s to initialise a volume from a snapshot).',
    ).optional(),
    replicationLag: rangedQuantity(
      'duration',
      'How far an asynchronous replica lags behind its primary (the writes a failover loses): "1 s", or seconds; >= 0. Default 1 s (an ESTIMATE).',
      '1 s',
    ).optional(),
    backupInterval: rangedQuantity(
      'duration',
      'Time between backups of data held in one copy only (the writes lost with that copy): "24 h", or seconds; > 0. Default 24 h (an ESTIMATE: daily snapshots).',
      '24 h',
    ).optional(),
  },
  'Failure rates of nodes, zones and regions, and recovery times. Default: the catalog presets.',
);

// ---------------------------------------------------------------------------------------------------------------
// users, architectures, simulation
// ---------------------------------------------------------------------------------------------------------------
export const UserRegionSchema = object(
  {
    region: nonEmptyText(
      'Catalog region id where these users are ("us-east-1"), or, with lat and lon, the name of a place that is not a catalog region ("lagos") (required).',
    ),
    share: quantity('fraction', 'Share of all requests from this region: "50%" or 0.5, in (0, 1] (required).'),
    lat: plainNumber({
      min: -90,
      max: 90,
      description:
        "Latitude of users who are not in a catalog region, decimal degrees (with lon; region then names the place). Their round trips are estimated from the great-circle distance with the catalog's fitted path-inflation line; they are served from catalog regions. Default: none (the users are at their catalog region).",
    }).optional(),
    lon: plainNumber({
      min: -180,
      max: 180,
      description: 'Longitude of users who are not in a catalog region, decimal degrees (with lat). Default: none.',
    }).optional(),
  },
  'Users in one region.',
);

export const ArchitectureSchema = object(
  {
    name: nonEmptyText('Name of the candidate, unique in the scenario (required).'),
    kind: oneOf(
      ['vertical', 'horizontal'],
      '"vertical": one box (optionally with a standby); "horizontal": N nodes plus spares over zones and regions (required).',
    ),
    family: nonEmptyText('Catalog instance family ("m7i") (required).'),
    size: nonEmptyText(
      'Catalog size of that family ("2xlarge"). Default: chosen (the smallest or cheapest that meets the targets).',
    ).optional(),
    regions: z
      .array(nonEmptyText('A catalog region id ("us-east-1").'), { error: 'an array of region ids' })
      .min(1, { error: 'an array of 1 to 10 region ids' })
      .max(10, { error: 'an array of 1 to 10 region ids' })
      .describe(
        'Catalog region ids. Vertical: 1 or 2 (the second is where the standby runs; needs standby "cold" or "hot"). Horizontal: 1 to 10 distinct serving regions. Default: chosen (the best p99 for the users).',
      )
      .optional(),
    standby: oneOf(
      ['none', 'cold', 'hot'],
      'Vertical only: a standby box in another zone (or in regions[1]); "hot" takes over after the failover time, "cold" after coldRestore. Default "none".',
      'none',
    ).optional(),
    nodes: plainNumber({
      min: 1,
      max: 1_000_000,
      int: true,
      description:
        'Horizontal only: total nodes over all regions, an integer >= the number of regions. Default: the fewest that meet the targets with `spares` nodes down per region.',
    }).optional(),
    spares: plainNumber({
      min: 0,
      max: 1000,
      int: true,
      description:
        'Horizontal only: nodes per region that may be down while the targets are still met (N+k), an integer >= 0. Default 1.',
      default: 1,
    }).optional(),
    zones: plainNumber({
      min: 1,
      max: 6,
      int: true,
      description: 'Horizontal only: availability zones per region, an integer from 1 to 6. Default 3.',
      default: 3,
    }).optional(),
    balancer: oneOf(
      ['random', 'round-robin', 'least-loaded', 'power-of-two'],
      'Horizontal only: how the load balancer picks a node. Default "least-loaded".',
      'least-loaded',
    ).optional(),
  },
  'One candidate design.',
);

export const SimulationSchema = object(
  {
    seed: plainNumber({
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      int: true,
      description: 'Seed of the random numbers, an integer >= 0; the same seed gives the same output. Default 1.',
      default: 1,
    }).optional(),
    requests: plainNumber({
      min: 1,
      max: 1_000_000_000,
      int: true,
      description: 'Requests to simulate per candidate (latency), an integer from 1 to 1e9. Default 1000000.',
      default: 1_000_000,
    }).optional(),
    years: plainNumber({
      min: 0,
      max: 1_000_000_000,
      minExclusive: true,
      description:
        'Years of failures and repairs to simulate per candidate (availability), a number > 0. Default 1000.',
      default: 1000,
    }).optional(),
    bursts: object(
      {
        factor: plainNumber({
          min: 1,
          max: 1000,
          minExclusive: true,
          description: 'Rate in a burst as a multiple of the rate between bursts, a number > 1 (required).',
        }),
        share: quantity('fraction', 'Long-run share of the time spent in bursts: "10%" or 0.1, in (0, 1) (required).'),
        length: quantity('duration', 'Mean length of one burst (exponentially distributed): "30 s" (required).'),
      },
      'Bursty arrivals for the request simulation: a two-state Markov-modulated Poisson process whose long-run mean rate is the design rate, so the simulated p99 shows what the analytic (Poisson) figure misses. Default: none (Poisson arrivals).',
    ).optional(),
    weibullShape: plainNumber({
      min: 0.1,
      max: 20,
      description:
        'Up times of nodes, zones and regions Weibull with this shape and mean MTBF in the failure simulation (< 1: failures cluster early, > 1: wear-out), 0.1 to 20. Default: none (exponential, as the analytic model).',
    }).optional(),
    repairCrews: plainNumber({
      min: 1,
      max: 1_000_000,
      int: true,
      description:
        'At most this many node repairs in progress at once (shared repair crews; a failed node waits for a free crew) in the failure simulation, an integer >= 1. Default: none (unlimited, as the analytic model).',
    }).optional(),
  },
  'Also check the analytic figures by Monte Carlo simulation. Default: no simulation.',
);

export const ScenarioSchema = object(
  {
    $schema: text('URI of the JSON Schema this file follows (ignored).').optional(),
    name: nonEmptyText('Name of the scenario (required).'),
    description: text('Free text about the scenario.').optional(),
    workload: WorkloadSchema,
    targets: TargetsSchema,
    reliability: ReliabilitySchema.optional(),
    users: z
      .array(UserRegionSchema, { error: 'an array of { region, share }' })
      .min(1, { error: 'an array of at least one { region, share }' })
      .describe(
        'Where the users are (required, at least one): distinct catalog regions whose shares add up to 1 (100%).',
      ),
    architectures: z
      .array(ArchitectureSchema, { error: 'an array of candidates' })
      .min(1, { error: 'an array of at least one candidate' })
      .max(100, { error: 'an array of at most 100 candidates' })
      .describe(
        'Candidate designs to compare. Default: capplan finds the best vertical and the best horizontal design.',
      )
      .optional(),
    simulation: SimulationSchema.optional(),
  },
  'A capplan scenario: a workload, targets, failure rates, users and optional candidate designs. Bare numbers are in base units: per second, seconds, bytes, fractions, USD per month.',
);

export type RawScenario = z.input<typeof ScenarioSchema>;

/**
 * Valid keys of the object at a path of the raw scenario (array indices step into elements, and a field that may be
 * a range steps into the range object), for did-you-mean.
 */
export function keysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = ScenarioSchema;
  for (const part of path) {
    schema = objectOrSelf(schema);
    if (typeof part === 'number' && schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else if (typeof part === 'string' && schema instanceof z.ZodObject) {
      const next = (schema.shape as Record<string, z.ZodType>)[part];
      if (next === undefined) return [];
      schema = next;
    } else return [];
  }
  schema = objectOrSelf(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** The schema without `.optional()`, and for a union (a field that may be a range) its object option. */
function objectOrSelf(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodUnion) {
      const object = (s.options as readonly z.ZodType[]).find((o) => o instanceof z.ZodObject);
      if (object === undefined) return s;
      s = object;
    } else return s;
  }
}
