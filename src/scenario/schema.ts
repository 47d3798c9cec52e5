/**
 * The RAW scenario: the JSON a user writes (see ../shared/design/contract.md), as a zod 4 schema. It checks the
 * SHAPE only: strict objects (an unknown key is an issue), JSON types, enums, and the ranges of plain numbers and
 * counts. Values with units stay strings here ("4000/s", "12 ms", "99.95%"); normalize.ts parses them with
 * parseQuantity, checks catalog references and cross-field rules, fills defaults and builds the Scenario of
 * types.ts. This module does not load mathjs or the catalog, so `capplan schema` stays light.
 *
 * The scalar fields come from the table of fields (fields.ts), each built by fieldSchema.ts (its kind, bounds, range
 * form, description and documented default); this module adds the structure around them: the objects (their keys in
 * the order of the table's rows), their descriptions and whether they are required, and the arrays. An object's
 * member that holds further fields (`workload.growth`, `users`) is given here by its key; a test checks that every
 * row lands in the schema.
 *
 * Uncertain inputs: every numeric figure of `workload`, `reliability` and a tier (not the counts `replication`,
 * `fanout`, `roundTrips`, `callsPerRequest`) may instead be a range `{ "p5": ..., "p95": ..., "distribution"?: "lognormal" | "normal" |
 * "uniform" }` (the table's `ranged` column). Every other field takes one value only, and its error text says so
 * when it is given a range.
 *
 * Built with zod/mini, as the fields are (fieldSchema.ts): the same core schemas, the same JSON Schema (`capplan
 * schema` byte-identical) and the same issues as zod's classic API, without its methods bound to every instance; the
 * run bundle keeps 27 kB of zod instead of 93 (issue 18: about 10 ms of every start-up that reads a scenario).
 */
import * as z from 'zod/mini';
// the core classes keysAt tests against, by name: a value read through `z.core.X` keeps zod's whole core namespace in
// the bundle (its forty locales with it, 300 kB of every command that reads a scenario; issue 18)
import { $ZodArray, $ZodObject, $ZodOptional, $ZodRecord, $ZodUnion } from 'zod/v4/core';
import { type Container, containerAt, PROFILE_HOURS } from './containers.js';
import { describe, fieldSchema } from './fieldSchema.js';
import { SCENARIO_FIELDS, type ScenarioField, scenarioField } from './fields.js';

/**
 * A row's key in its object and the rest of its path below it: `workload.growth.perYear` under `workload`,
 * `architectures[].tiers{}.kind` under `architectures[]` (key `tiers`, rest `{}.kind`: an array `[]` or a record `{}`
 * ends the key).
 */
function keyBelow(prefix: string, f: ScenarioField): { key: string; rest: string } | undefined {
  const start = prefix === '' ? '' : `${prefix}.`;
  if (!f.path.startsWith(start)) return undefined;
  const below = f.path.slice(start.length);
  const m = /^([^.[{]+)(.*)$/.exec(below);
  return m === null ? undefined : { key: m[1] as string, rest: m[2] as string };
}

/**
 * The strict object at `prefix` (a table path such as `workload`, `architectures[]` or `architectures[].tiers{}`; ''
 * for the scenario): its keys in the order of the table's rows, a field of its own built from its row, and a key
 * under which further rows lie (an object, an array `[]` or a record `{}`) taken from `members` (built by the caller).
 * @throws {Error} a key with further rows but no member, or a member with no rows (a drift between this module and
 *   the table)
 */
function objectAt(prefix: string, description: string, members: Record<string, z.core.$ZodType> = {}) {
  const shape: Record<string, z.core.$ZodType> = {};
  for (const f of SCENARIO_FIELDS) {
    const at = keyBelow(prefix, f);
    if (at === undefined || Object.hasOwn(shape, at.key)) continue;
    if (at.rest === '') shape[at.key] = fieldSchema(f);
    else {
      const member = members[at.key];
      if (member === undefined) throw new Error(`schema: no member ${at.key} for the rows under ${prefix}`);
      shape[at.key] = member;
    }
  }
  for (const key of Object.keys(members)) {
    if (!Object.hasOwn(shape, key)) throw new Error(`schema: member ${prefix}.${key} holds no row of the table`);
  }
  return describe(z.strictObject(shape, { error: 'an object' }), description);
}

/** "an array of 1 to 10 region ids": an array's lengths in its error text. */
const lengths = (c: Container, what: string) => `an array of ${c.minItems} to ${c.maxItems} ${what}`;

/**
 * The scenario's schema, built from the table (each object's keys in the order of its rows) and CONTAINERS (which
 * containers are required, an array's lengths).
 */
function buildScenarioSchema() {
  /** A container's schema as its key's member: optional unless CONTAINERS requires it. */
  const member = <T extends z.core.$ZodType>(path: string, schema: T) =>
    containerAt(path).required ? schema : z.optional(schema);
  const TIERS = containerAt('tiers');
  const USERS = containerAt('users');
  const CANDIDATES = containerAt('architectures');
  const FITTED = containerAt('fitted');
  const POINTS = containerAt('fitted[].points');
  // ---------------------------------------------------------------------------------------------------------------
  // workload, targets, reliability
  // ---------------------------------------------------------------------------------------------------------------
  const GrowthSchema = objectAt('workload.growth', 'Traffic growth to plan for. Default: no growth.');

  const UslSchema = objectAt(
    'workload.usl',
    "Universal Scalability Law coefficients of the software on one node's vCPUs, C(N) = N / (1 + sigma (N-1) + kappa N (N-1)). Default: none (linear scaling).",
  );

  const PERFORMANCE_ITEM = scenarioField('workload.perVcpuPerformance{}');
  const PROFILE_ITEM = scenarioField('workload.dailyProfile[]');

  const PROFILE_EXPECTED = `an array of ${PROFILE_HOURS} hourly multipliers of the peak, each in [0, 1] (hour 0 first)`;

  const WorkloadSchema = objectAt('workload', 'What the service must carry (required).', {
    perVcpuPerformance: member(
      'workload.perVcpuPerformance',
      describe(
        z.record(z.string(), fieldSchema(PERFORMANCE_ITEM), {
          error: 'an object { FAMILY: factor } keyed by instance family',
        }),
        'Per-vCPU throughput by instance family relative to m7i (= 1), in place of the catalog\'s CoreMark estimate for the families named: { "m7g": 0.9, "c7i": 1.05 }. Default: the catalog\'s table for every family.',
      ),
    ),
    growth: member('workload.growth', GrowthSchema),
    dailyProfile: member(
      'workload.dailyProfile',
      describe(
        z
          .array(fieldSchema(PROFILE_ITEM), { error: PROFILE_EXPECTED })
          .check(z.length(PROFILE_HOURS, { error: PROFILE_EXPECTED })),
        'The load over a day, 24 hourly multipliers of the peak rate (max 1), hour 0 first: an autoscaled horizontal design (autoscaling) pays for the nodes each hour needs, and transfer is priced at the mean of the profile when workload.averageRate is not given. Default: none (the peak all day).',
      ),
    ),
    usl: member('workload.usl', UslSchema),
  });

  const TargetsSchema = objectAt('targets', 'What a design must meet (required).');

  const failureRates = (domain: 'node' | 'zone' | 'region', defaults: string) =>
    objectAt(`reliability.${domain}`, `Failure and repair of one ${domain}. Default: ${defaults}.`);

  const ReliabilitySchema = objectAt(
    'reliability',
    'Failure rates of nodes, zones and regions, and recovery times. Default: the catalog presets.',
    {
      node: member(
        'reliability.node',
        failureRates('node', "the catalog's default node preset (Dean 2008 Google cluster figures)"),
      ),
      zone: member('reliability.zone', failureRates('zone', "the catalog's default zone preset (an ESTIMATE)")),
      region: member('reliability.region', failureRates('region', "the catalog's default region preset (an ESTIMATE)")),
    },
  );

  // ---------------------------------------------------------------------------------------------------------------
  // users, architectures, simulation
  // ---------------------------------------------------------------------------------------------------------------
  const UserRegionSchema = objectAt('users[]', 'Users in one region.');

  /** A candidate's or a tier's array of region ids: its items' row ("[]" after its path) and its lengths. */
  const regionIds = (path: string, description: string) => {
    const c = containerAt(path);
    return member(
      path,
      describe(
        z
          .array(fieldSchema(scenarioField(`${path}[]`)), { error: 'an array of region ids' })
          .check(
            z.minLength(c.minItems, { error: lengths(c, 'region ids') }),
            z.maxLength(c.maxItems, { error: lengths(c, 'region ids') }),
          ),
        description,
      ),
    );
  };

  const TierSchema = objectAt(
    'tiers[]',
    'One tier of the service, in call order: its name, role, service time and calls per request, and the fields of its role.',
  );

  const TierDesignSchema = objectAt(
    'architectures[].tiers{}',
    "The design of one tier: vertical or horizontal with that kind's options (as a candidate's), and for a vertical database tier its read replicas.",
    {
      autoscaling: member(
        'architectures[].tiers{}.autoscaling',
        objectAt(
          'architectures[].tiers{}.autoscaling',
          "A horizontal tier of role \"stateless\" only: its nodes follow workload.dailyProfile (which it needs) hour by hour, as an autoscaled candidate's do (the tier's calls follow the users' requests). Default: the scenario's autoscaling, else none (the tier's peak fleet all day).",
        ),
      ),
      pricing: member(
        'architectures[].tiers{}.pricing',
        objectAt(
          'architectures[].tiers{}.pricing',
          "How this tier's nodes are bought. Default: the candidate's pricing, else the scenario's.",
        ),
      ),
      regions: regionIds(
        'architectures[].tiers{}.regions',
        "Catalog region ids of this tier, as a candidate's regions: vertical 1 or 2 (the second for the standby), horizontal 1 to 10. Default: chosen.",
      ),
    },
  );

  const ArchitectureSchema = objectAt('architectures[]', 'One candidate design.', {
    pricing: member(
      'architectures[].pricing',
      objectAt('architectures[].pricing', "How this candidate's nodes are bought. Default: the scenario's pricing."),
    ),
    autoscaling: member(
      'architectures[].autoscaling',
      objectAt(
        'architectures[].autoscaling',
        "Horizontal only: the candidate's nodes follow workload.dailyProfile hour by hour (which it needs). Default: the scenario's autoscaling, else none (the peak fleet all day).",
      ),
    ),
    regions: regionIds(
      'architectures[].regions',
      'Catalog region ids. Vertical: 1 or 2 (the second is where the standby runs; needs standby "cold" or "hot"). Horizontal: 1 to 10 distinct serving regions. Default: chosen (the best p99 for the users).',
    ),
    tiers: member(
      'architectures[].tiers',
      describe(
        z.record(z.string(), TierDesignSchema, { error: 'an object { TIER: design } keyed by tier name' }),
        "A design per tier of the scenario, keyed by the tier's name (every tier needs one); the candidate then has only a name and these designs (no kind, family or other option of its own). Default: none (every tier runs on the same nodes, their service times adding up on the same CPUs).",
      ),
    ),
  });

  const SimulationSchema = objectAt(
    'simulation',
    'Also check the analytic figures by Monte Carlo simulation. Default: no simulation.',
    {
      bursts: member(
        'simulation.bursts',
        objectAt(
          'simulation.bursts',
          'Bursty arrivals for the request simulation: a two-state Markov-modulated Poisson process whose long-run mean rate is the design rate, so the simulated p99 shows what the analytic (Poisson) figure misses. Default: none (Poisson arrivals).',
        ),
      ),
    },
  );

  const FittedSchema = objectAt(
    'fitted[]',
    'Where one input came from when `capplan fit --into` fitted it from measurements: the input, the file, the date and the method.',
    {
      points: member(
        'fitted[].points',
        describe(
          z
            .array(objectAt('fitted[].points[]', 'One measurement of a load test: throughput x at concurrency n.'), {
              error: 'an array of { n, x }',
            })
            .check(z.maxLength(POINTS.maxItems, { error: `an array of at most ${POINTS.maxItems} points` })),
          "The measurements a USL was fitted to, for the worksheet's plot. Default: none.",
        ),
      ),
    },
  );

  const ScenarioSchema = objectAt(
    '',
    'A capplan scenario: a workload, targets, failure rates, users and optional candidate designs. Bare numbers are in base units: per second, seconds, bytes, fractions, USD per month.',
    {
      workload: member('workload', WorkloadSchema),
      tiers: member(
        'tiers',
        describe(
          z
            .array(TierSchema, { error: 'an array of tiers { name, role, serviceTime, ... }' })
            .check(
              z.minLength(TIERS.minItems, { error: lengths(TIERS, 'tiers') }),
              z.maxLength(TIERS.maxItems, { error: lengths(TIERS, 'tiers') }),
            ),
          'The service as a system of tiers, in call order (an app, a cache, a database), instead of workload.serviceTime (the two are mutually exclusive; one of them is required). Each user request makes callsPerRequest sequential calls to each tier; a cache passes its misses on to the next tier. Default: none (one tier: workload.serviceTime).',
        ),
      ),
      targets: member('targets', TargetsSchema),
      reliability: member('reliability', ReliabilitySchema),
      users: member(
        'users',
        describe(
          z
            .array(UserRegionSchema, { error: 'an array of { region, share }' })
            .check(z.minLength(USERS.minItems, { error: 'an array of at least one { region, share }' })),
          'Where the users are (required, at least one): distinct catalog regions whose shares add up to 1 (100%).',
        ),
      ),
      architectures: member(
        'architectures',
        describe(
          z
            .array(ArchitectureSchema, { error: 'an array of candidates' })
            .check(
              z.minLength(CANDIDATES.minItems, { error: 'an array of at least one candidate' }),
              z.maxLength(CANDIDATES.maxItems, { error: `an array of at most ${CANDIDATES.maxItems} candidates` }),
            ),
          'Candidate designs to compare. Default: capplan finds the best vertical and the best horizontal design.',
        ),
      ),
      pricing: member(
        'pricing',
        objectAt(
          'pricing',
          'How the nodes are bought: list prices, commitments or spot (contract, "Pricing"). Default: on-demand.',
        ),
      ),
      operations: member(
        'operations',
        objectAt(
          'operations',
          'The price of complexity and of change (contract, "Operations"): people and tooling per node and per region, inside the monthly cost, and deploys and failed changes, in the availability. Default: none of it priced or counted.',
        ),
      ),
      autoscaling: member(
        'autoscaling',
        objectAt(
          'autoscaling',
          'Every horizontal design (searched, or a candidate without autoscaling of its own) follows workload.dailyProfile (which it needs) hour by hour: it pays for the nodes each hour needs, and its scale-out windows are checked. Vertical designs pay for the peak all day. With tiers: the horizontal designs of the stateless tiers (searched, or without their own) and the co-located fleet when every tier is stateless; a scenario with no stateless tier is an error. Default: none.',
        ),
      ),
      cost: member('cost', objectAt('cost', 'What the monthly cost counts. Default: as described by each field.')),
      simulation: member('simulation', SimulationSchema),
      fitted: member(
        'fitted',
        describe(
          z
            .array(FittedSchema, { error: 'an array of { input, file, date, method }' })
            .check(z.maxLength(FITTED.maxItems, { error: `an array of at most ${FITTED.maxItems} fitted inputs` })),
          'Inputs fitted from measurements (written by capplan fit --into): the worksheet says "fitted from FILE (METHOD)" beside them and lists them among its sources. Default: none.',
        ),
      ),
    },
  );

  return ScenarioSchema;
}

type ScenarioSchemaType = ReturnType<typeof buildScenarioSchema>;
let built: ScenarioSchemaType | undefined;

/**
 * The scenario's zod schema (`capplan schema`, and the issues of a scenario that shapePasses.ts does not pass), built
 * when first asked for: its few hundred zod schemas were about 10% of a trivial `run` (issue 18), and a scenario
 * that passes needs none of them.
 */
export function scenarioSchema(): ScenarioSchemaType {
  built ??= buildScenarioSchema();
  return built;
}

export type RawScenario = z.input<ScenarioSchemaType>;

/**
 * Valid keys of the object at a path of the raw scenario (array indices step into elements, a key of a record such
 * as a candidate's `tiers` into its value, and a field that may be a range steps into the range object), for
 * did-you-mean.
 */
export function keysAt(path: readonly PropertyKey[]): string[] {
  // zod's core classes: the table's fields are zod/mini schemas (fieldSchema.ts), the objects around them classic
  let schema: z.core.$ZodType = scenarioSchema();
  for (const part of path) {
    schema = objectOrSelf(schema);
    if (typeof part === 'number' && schema instanceof $ZodArray) schema = schema._zod.def.element;
    else if (typeof part === 'string' && schema instanceof $ZodRecord) schema = schema._zod.def.valueType;
    else if (typeof part === 'string' && schema instanceof $ZodObject) {
      const next = schema._zod.def.shape[part];
      if (next === undefined) return [];
      schema = next;
    } else return [];
  }
  schema = objectOrSelf(schema);
  return schema instanceof $ZodObject ? Object.keys(schema._zod.def.shape) : [];
}

/** The schema without `.optional()`, and for a union (a field that may be a range) its object option. */
function objectOrSelf(schema: z.core.$ZodType): z.core.$ZodType {
  let s = schema;
  for (;;) {
    if (s instanceof $ZodOptional) s = s._zod.def.innerType;
    else if (s instanceof $ZodUnion) {
      const object = s._zod.def.options.find((o) => o instanceof $ZodObject);
      if (object === undefined) return s;
      s = object;
    } else return s;
  }
}
