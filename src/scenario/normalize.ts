/**
 * Raw scenario (schema.ts) -> Scenario (types.ts): plain SI numbers, catalog references checked, defaults filled.
 *
 * parseScenario validates the shape with the zod schema, then walks the raw input itself (so that a value error is
 * found even where the shape is wrong elsewhere): every unit string goes through parseQuantity with its field path,
 * catalog ids are looked up (an unknown one lists the valid ones and suggests the closest), cross-field rules are
 * checked (shares sum to 1, distinct regions, unique names, vertical-only and horizontal-only fields), and each
 * default taken is recorded in `defaulted`. ALL problems are thrown together as one InputErrors, one line each:
 * `path: "value": expected ...`. Nothing else is ever thrown for any input value.
 *
 * Uncertain inputs: a workload or reliability figure may be a range `{ p5, p95, distribution? }` (schema.ts). Its p5
 * and p95 are parsed exactly like the plain field (same unit, same bounds, each reported at `path.p5`/`path.p95`);
 * p5 <= p95, and p5 > 0 for the lognormal distribution (the default). The field holds the range's median, and the
 * range is listed in `Scenario.uncertain`. uncertain.ts lists the fields that may be ranges; its `sampleUncertain`
 * draws a value from such a range and `withValue` puts a value into a copy of a scenario (for Monte Carlo over the
 * inputs, and sweeps). read.ts reads a scenario's text; issues.ts turns the schema's issues into one-line errors.
 *
 * Systems of tiers (issue 13; contract, "Systems of tiers"): `tiers` replaces `workload.serviceTime` (the two are
 * mutually exclusive, and one is required). Tier names are unique identifiers; a role's fields (the table's `roles`)
 * are refused on another role; a cache needs a hitRatio and a tier after it. A candidate either runs every tier on
 * its own nodes (kind and family as before) or gives `tiers`, a design per tier keyed by tier name (nothing else
 * beside it): every tier of the scenario and no other, each design with the options of its kind, readReplicas only on
 * a vertical database tier. The result is Scenario.tiers and a TieredSpec.
 *
 * A field that is absent and takes a value the engine relies on is "defaulted" (`workload.serviceTimeCv`,
 * `workload.averageRate` = the peak, `workload.usl` = linear scaling, `reliability.node.mtbf`, ...). Absent fields
 * that mean "none" or "chosen by the engine" (`description`, `targets.budget`, `architectures`, `simulation`, a
 * candidate's `size`, `nodes`, `regions`) are not.
 */
import { type Catalog, type CatalogProvider, type Instance, loadCatalog, type Region } from '../catalog/index.js';
import { unitPrice } from '../compare/nodePrice.js';
import { NeumaierSum } from '../core/math/sum.js';
import { InputError, InputErrors } from '../errors.js';
import { type ParseOptions, parseQuantity, type QuantityKind } from '../units/parse.js';
import { decimalComplement } from '../util/decimalComplement.js';
import { deepFreeze } from '../util/deepFreeze.js';
import { keptIn } from '../util/keptIn.js';
import { closest } from '../util/suggest.js';
import { PROFILE_HOURS } from './containers.js';
import { boundsOf, IDENTIFIER, SCENARIO_FIELDS, scenarioField } from './fields.js';
import { forbiddenKeys, formatPath, issueErrors, preview, type Raw, record, ScenarioError } from './issues.js';
import { MIN_TRAFFIC_RATE_PER_S, SHARE_TOLERANCE } from './limits.js';
import { DEPLOY_MODES, P99_SCOPES, PRICING_MODELS, PROVIDERS, RANGE_DISTRIBUTIONS, TIER_ROLES } from './options.js';
import { profileMean } from './profile.js';
import { shapeIssues } from './shapeIssues.js';
import { autoscalingFitsTier, spotApplies } from './spotRule.js';
import type {
  ArchitectureSpec,
  AutoscalingSpec,
  BalancerPolicy,
  Consistency,
  FailureRates,
  FittedInput,
  HorizontalSpec,
  Operations,
  P99Scope,
  PricingModel,
  RangeDistribution,
  Reliability,
  Scenario,
  SimulationSpec,
  Standby,
  Targets,
  Tier,
  TierDesign,
  TieredSpec,
  TierRole,
  UncertainInput,
  UserRegion,
  VerticalSpec,
  Workload,
} from './types.js';
import { NO_OPERATIONS, SIMULATION_DEFAULTS } from './types.js';
import { inBounds, rangedField, rangeMedian } from './uncertain.js';

/** How a provider is named in messages. */
const PROVIDER_NAMES: Readonly<Record<Instance['provider'], string>> = { aws: 'AWS', gcp: 'GCP' };
/** Default time to bring up a cold standby with its data restored, s (an ESTIMATE: 30 min). */
const DEFAULT_COLD_RESTORE_S = 1800;
const DEFAULT_REPLICATION_LAG_S = 1;
const DEFAULT_BACKUP_INTERVAL_S = 24 * 3600;
const KiB = 1024;
/** autoscaling.scaleOutTime when not given: 3 minutes (the contract's example; instances start in 1-3 minutes). */
const DEFAULT_SCALE_OUT_S = 180;

/** The mean of a daily profile (1 when a value is missing or invalid: its problem is reported at the value). */
function profileMeanOf(profile: readonly number[]): number {
  return profile.every(Number.isFinite) ? profileMean(profile) : 1;
}

/** What makes a workload's nodes keep data, for spot's refusals. */
function statefulWhy(w: Workload): string {
  return [
    w.workingSetBytes > 0 ? `workload.workingSet ${w.workingSetBytes} bytes, partitioned over them` : '',
    w.writeFraction > 0 ? `workload.writeFraction ${w.writeFraction}` : '',
  ]
    .filter((x) => x !== '')
    .join(' and ');
}

/** A tier's role-specific fields (the table's `roles`): key -> the roles that take it (any other refuses it). */
const TIER_ROLE_FIELDS: ReadonlyArray<readonly [string, readonly TierRole[]]> = SCENARIO_FIELDS.flatMap((f) =>
  f.path.startsWith('tiers[].') && f.roles !== undefined ? [[f.path.slice('tiers[].'.length), f.roles] as const] : [],
);

/** The keys of a candidate other than its name and its per-tier designs (refused beside `tiers`). */
const CANDIDATE_OPTIONS = [
  'kind',
  'family',
  'size',
  'regions',
  'standby',
  'nodes',
  'spares',
  'zones',
  'balancer',
  'autoscaling',
];

/**
 * Whether `region` raises no price problem for a design of `family` (its `size`, or any size) bought as `model`: an
 * unknown region or another provider's (both reported elsewhere), or one where some such size has a price. A pure
 * function of the catalog and its arguments, remembered per catalog (bounded: cleared at MAX_PRICED_REGIONS).
 */
function pricedRegion(
  catalog: Catalog,
  family: string,
  size: string | null,
  region: string,
  model: PricingModel,
): boolean {
  let memo = PRICED_REGIONS.get(catalog);
  if (memo === undefined) {
    memo = new Map();
    PRICED_REGIONS.set(catalog, memo);
  }
  const key = `${model}\u0000${family}\u0000${size ?? ''}\u0000${region}`;
  let ok = memo.get(key);
  if (ok === undefined) {
    const sizes = (catalog.families.get(family) ?? []).filter((i) => size === null || i.size === size);
    ok =
      catalog.region(region)?.provider !== sizes[0]?.provider ||
      sizes.some((inst) => unitPrice(catalog, inst, region, model) !== undefined);
    if (memo.size >= MAX_PRICED_REGIONS) memo.clear();
    memo.set(key, ok);
  }
  return ok;
}

const PRICED_REGIONS = new WeakMap<Catalog, Map<string, boolean>>();
const MAX_PRICED_REGIONS = 10_000;

/** What a design's problems call it: a candidate of its own, or the design of one tier of a candidate. */
type DesignOf = 'candidate' | 'tier design';

/**
 * Validates and normalises a raw scenario (a parsed JSON value).
 * @throws {InputErrors} every problem found, one line each naming the field path, the value and what was expected
 */
export function parseScenario(input: unknown): Scenario {
  const forbidden = forbiddenKeys(input);
  if (forbidden.length > 0) throw new InputErrors(forbidden);

  const shapeErrors = shapeIssues(input).flatMap(issueErrors);
  const normalizer = new Normalizer(loadCatalog());
  const scenario = normalizer.scenario(record(input));
  const seen = new Set<string>();
  const all = [...shapeErrors, ...normalizer.problems].filter((e) => !seen.has(e.message) && seen.add(e.message));
  if (all.length > 0) throw new InputErrors(all);
  return scenario;
}

/**
 * What reading one top-level member gave, kept by its raw value: the result (frozen) and what the reading added to
 * `defaulted`, `uncertain` and `bareNumbers`, in order. Kept only for a reading that found no problem.
 */
interface Reading {
  value: unknown;
  defaulted: readonly string[];
  uncertain: readonly UncertainInput[];
  bareNumbers: readonly string[];
}

/**
 * The readings of the top-level members whose reading is a function of their raw value and the catalog alone
 * (workload with whether the scenario has tiers, tiers, targets, reliability, users: none reads another member or
 * the Normalizer's state), kept by the raw value's identity for the scenarios of a batch: cli/scenarioLines.ts gives
 * every line that writes a member with the same text the same frozen value, so a reading is made once for them all.
 * Weakly held: a reading goes with its raw value (the batch's member memo bounds those).
 */
export class MemberReadings {
  readonly byMember = new Map<string, WeakMap<object, Reading>>();
  constructor(readonly catalog: Catalog) {}
}

/**
 * parseScenario for a raw scenario known to have no forbidden key and to pass the schema (shapePasses), reading its
 * members through `readings`: the same Scenario, or the same InputErrors, as parseScenario gives it.
 * @throws {InputErrors} every problem the members' values have (parseScenario's, less the schema's: there are none)
 */
export function parseCheckedScenario(input: Raw, readings: MemberReadings): Scenario {
  const normalizer = new Normalizer(readings.catalog, readings);
  const scenario = normalizer.scenario(input);
  const seen = new Set<string>();
  const all = normalizer.problems.filter((e) => !seen.has(e.message) && seen.add(e.message));
  if (all.length > 0) throw new InputErrors(all);
  return scenario;
}

// ---------------------------------------------------------------------------------------------------------------
// The walk over the raw input
// ---------------------------------------------------------------------------------------------------------------

function own(o: Raw | undefined, key: string): unknown {
  return o !== undefined && Object.hasOwn(o, key) ? o[key] : undefined;
}

const isQuantity = (v: unknown): v is string | number => typeof v === 'string' || typeof v === 'number';

/** The `fitted` list as given (its shape is the schema's to check). */
function fittedInputs(raw: unknown): FittedInput[] {
  if (!Array.isArray(raw)) return [];
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return raw.map((item) => {
    const f = record(item);
    const points = own(f, 'points');
    return {
      input: text(own(f, 'input')),
      file: text(own(f, 'file')),
      date: typeof own(f, 'date') === 'string' ? (own(f, 'date') as string) : null,
      method: text(own(f, 'method')),
      points: Array.isArray(points)
        ? points.map((p) => ({ n: Number(own(record(p), 'n')), x: Number(own(record(p), 'x')) }))
        : null,
    };
  });
}

/**
 * Builds the Scenario while collecting problems. Where a value is missing or has the wrong JSON type, the zod issue
 * reports it and the walk puts a placeholder (NaN, '') in its place: the result is only returned when there are no
 * problems at all.
 */
class Normalizer {
  readonly problems: InputError[] = [];
  readonly defaulted: string[] = [];
  readonly uncertain: UncertainInput[] = [];
  readonly bareNumbers: string[] = [];

  /** The scenario's pricing model, and the one of the candidate being read (its regions must price its type). */
  private scenarioPricing: PricingModel = 'on-demand';
  private pricingNow: PricingModel = 'on-demand';
  /** The scenario's autoscaling (the default of its horizontal candidates), its workload and whether it has tiers. */
  private scenarioAutoscaling: AutoscalingSpec | undefined;
  private workloadNow: Workload | undefined;
  private tieredNow = false;
  /** The scenario's tiers (null: none), for the rules that depend on their roles. */
  private tiersNow: readonly Tier[] | null = null;
  /** The scenario's `provider` when it names one (its candidates' families must be that provider's). */
  private scenarioProvider: Instance['provider'] | undefined;

  constructor(
    private readonly catalog: Catalog,
    private readonly readings: MemberReadings | null = null,
  ) {}

  /**
   * `read()` of the top-level member `member` whose raw value is `raw`, or what it gave the last time for the same
   * raw value (MemberReadings): its result, and its entries of `defaulted`, `uncertain` and `bareNumbers` added again
   * in their order. For the readings that depend on nothing but `raw` and the catalog (MemberReadings lists them).
   */
  private remembered<T>(member: string, raw: unknown, read: () => T): T {
    const readings = this.readings;
    if (readings === null || readings.catalog !== this.catalog || typeof raw !== 'object' || raw === null)
      return read();
    const kept = keptIn(readings.byMember, member, () => new WeakMap<object, Reading>());
    const hit = kept.get(raw);
    if (hit !== undefined) {
      this.defaulted.push(...hit.defaulted);
      this.uncertain.push(...hit.uncertain);
      this.bareNumbers.push(...hit.bareNumbers);
      return hit.value as T;
    }
    const problems = this.problems.length;
    const defaulted = this.defaulted.length;
    const uncertain = this.uncertain.length;
    const bareNumbers = this.bareNumbers.length;
    const value = deepFreeze(read());
    if (this.problems.length === problems) {
      kept.set(raw, {
        value,
        defaulted: this.defaulted.slice(defaulted),
        uncertain: deepFreeze(this.uncertain.slice(uncertain)),
        bareNumbers: this.bareNumbers.slice(bareNumbers),
      });
    }
    return value;
  }

  private fail(path: string, value: unknown, expected: string): void {
    this.problems.push(new InputError(path, preview(value), expected));
  }

  /**
   * A unit value, parsed with the unit kind and bounds of its row in the table of fields; `fallback` is its default
   * (recorded when taken); without one the field is required.
   */
  private quantity(o: Raw | undefined, key: string, path: string, fallback?: number, rowPath = path): number {
    const value = own(o, key);
    if (value === undefined && fallback !== undefined) return this.takeDefault(path, fallback);
    // rowPath: the table's path where `path` holds a record key (a tier design's: architectures[].tiers{}.x)
    const row = scenarioField(rowPath);
    return this.parse(value, path, row.kind as QuantityKind, boundsOf(rowPath));
  }

  /** A unit value of `kind` in `bounds` (a placeholder NaN for a missing or mistyped one: the schema reports it). */
  private parse(value: unknown, path: string, kind: QuantityKind, bounds: ParseOptions): number {
    if (!isQuantity(value)) return Number.NaN; // missing or not a string/number: reported by the schema
    if (typeof value === 'number' && kind !== 'fraction') this.bareNumbers.push(path); // a bare 0.1 is the usual form
    try {
      return parseQuantity(value, kind, path, bounds);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.problems.push(error);
      return Number.NaN;
    }
  }

  /**
   * A field that may be a range (a workload or reliability figure: the table's `ranged` column, UNCERTAIN_PATHS): a plain JSON number (kind
   * `number`, checked by the schema), else a unit value parsed with the field's bounds. A range is recorded in
   * `uncertain` and its median returned; `fallback` as for `quantity`.
   */
  private ranged(o: Raw | undefined, key: string, path: string, fallback?: number): number {
    const value = own(o, key);
    const bounds = rangedField(path);
    const { kind } = scenarioField(path);
    if (value === undefined && fallback !== undefined) return this.takeDefault(path, fallback);
    const point = (v: unknown, at: string): number => {
      if (kind !== 'number') return this.parse(v, at, kind as QuantityKind, bounds);
      // a plain number: the schema reports a wrong type or a value out of bounds, so a placeholder here
      return typeof v === 'number' && inBounds(v, bounds) ? v : Number.NaN;
    };
    const r = record(value);
    if (r === undefined) return point(value, path);
    // a range: its keys and their JSON types are the schema's to check; the values and their order are ours
    const p5 = point(own(r, 'p5'), `${path}.p5`);
    const p95 = point(own(r, 'p95'), `${path}.p95`);
    const d = own(r, 'distribution') ?? RANGE_DISTRIBUTIONS[0];
    if (!(RANGE_DISTRIBUTIONS as readonly unknown[]).includes(d)) return Number.NaN;
    const distribution = d as RangeDistribution;
    if (!(Number.isFinite(p5) && Number.isFinite(p95))) return Number.NaN;
    if (p5 > p95) {
      this.fail(path, value, 'a range { p5, p95 } with p5 <= p95');
      return Number.NaN;
    }
    if (distribution === 'lognormal' && !(p5 > 0)) {
      this.fail(
        path,
        value,
        'a range with p5 > 0 for the lognormal distribution (the default; a range that reaches 0 or below needs "distribution": "normal" or "uniform")',
      );
      return Number.NaN;
    }
    const median = rangeMedian(p5, p95, distribution);
    this.uncertain.push({ path, p5, p95, distribution, median });
    return median;
  }

  /** A plain number or count: its type and range are the schema's to check. */
  private number(o: Raw | undefined, key: string, path: string, fallback: number): number {
    const value = own(o, key);
    if (value === undefined) return this.takeDefault(path, fallback);
    return typeof value === 'number' ? value : Number.NaN;
  }

  /** A string or enum value (checked by the schema). */
  private string<T extends string>(o: Raw | undefined, key: string, path: string, fallback: T): T {
    const value = own(o, key);
    if (value === undefined) return this.takeDefault(path, fallback);
    return (typeof value === 'string' ? value : '') as T;
  }

  private takeDefault<T>(path: string, value: T): T {
    this.defaulted.push(path);
    return value;
  }

  scenario(raw: Raw | undefined): Scenario {
    const name = own(raw, 'name');
    const description = own(raw, 'description');
    const tiersRaw = own(raw, 'tiers');
    const tiered = tiersRaw !== undefined;
    const workloadRaw = record(own(raw, 'workload'));
    const workload = this.remembered(tiered ? 'workload of tiers' : 'workload', workloadRaw, () =>
      this.workload(workloadRaw, tiered),
    );
    const tiers = this.remembered('tiers', tiersRaw, () => this.tiers(tiersRaw));
    const targetsRaw = record(own(raw, 'targets'));
    const targets = this.remembered('targets', targetsRaw, () => this.targets(targetsRaw));
    const reliabilityRaw = record(own(raw, 'reliability'));
    const reliability = this.remembered('reliability', reliabilityRaw, () => this.reliability(reliabilityRaw));
    const usersRaw = own(raw, 'users');
    const users = this.remembered('users', usersRaw, () => this.users(usersRaw));
    const provider = this.provider(own(raw, 'provider'));
    this.scenarioProvider = provider;
    const pricingRaw = own(record(own(raw, 'pricing')), 'model');
    const pricing = this.string<PricingModel>(record(own(raw, 'pricing')), 'model', 'pricing.model', 'on-demand');
    this.scenarioPricing = PRICING_MODELS.find((m) => m === pricingRaw) ?? 'on-demand';
    // with tiers, the scenario's autoscaling is the default of its stateless tiers' horizontal designs (searched, and
    // explicit without their own) and of the co-located fleet when every tier is stateless: one stateless tier needed
    const autoscaling = this.autoscaling(own(raw, 'autoscaling'), 'autoscaling', workload, false);
    if (autoscaling !== undefined && tiers !== null && !tiers.some(autoscalingFitsTier)) {
      this.fail(
        'autoscaling',
        own(raw, 'autoscaling'),
        `a stateless tier to follow the daily profile (the tiers are ${tiers.map((t) => `${t.name} (${t.role})`).join(', ')}: a tier that keeps data would move its partitions as it scales, which is not modelled)`,
      );
    }
    this.scenarioAutoscaling = autoscaling;
    this.tiersNow = tiers;
    this.workloadNow = workload;
    this.tieredNow = tiersRaw !== undefined;
    const architectures = this.architectures(own(raw, 'architectures'), workload.replication, tiers);
    this.spotRules(pricing, architectures, workload, tiers);
    this.deployRules(pricing, architectures);
    const operations = this.operations(own(raw, 'operations'));
    const simulation = this.simulation(record(own(raw, 'simulation')));
    return {
      name: typeof name === 'string' ? name : '',
      description: typeof description === 'string' ? description : null,
      workload,
      targets,
      reliability,
      users,
      tiers,
      architectures,
      pricing,
      operations,
      ...(provider === undefined ? {} : { provider }),
      ...(autoscaling === undefined ? {} : { autoscaling }),
      ...(own(record(own(raw, 'cost')), 'includeEgress') === true ? { includeEgress: true } : {}),
      simulation,
      defaulted: this.defaulted,
      uncertain: this.uncertain,
      bareNumbers: this.bareNumbers,
      fitted: fittedInputs(own(raw, 'fitted')),
    };
  }

  /** The workload; `tiered`: the scenario gives `tiers`, which take the place of serviceTime and serviceTimeCv. */
  private workload(w: Raw | undefined, tiered: boolean): Workload {
    const p = 'workload';
    const peakRatePerS = this.ranged(w, 'peakRate', `${p}.peakRate`);
    let averageRatePerS: number | null = null;
    if (own(w, 'averageRate') === undefined) this.defaulted.push(`${p}.averageRate`);
    else {
      averageRatePerS = this.ranged(w, 'averageRate', `${p}.averageRate`);
      // ranges are compared by their medians (the values the comparison uses)
      if (averageRatePerS > peakRatePerS) {
        this.fail(`${p}.averageRate`, own(w, 'averageRate'), `a rate <= peakRate (${peakRatePerS}/s)`);
      }
    }
    const { serviceTimeS, serviceTimeCv } = this.serviceTime(w, tiered);
    const serviceTimeFamily = this.string(w, 'serviceTimeFamily', `${p}.serviceTimeFamily`, 'm7i');
    if (own(w, 'serviceTimeFamily') !== undefined) this.family(serviceTimeFamily, `${p}.serviceTimeFamily`);
    const perVcpuPerformance = this.perVcpuPerformance(own(w, 'perVcpuPerformance'), `${p}.perVcpuPerformance`);
    const growth = record(own(w, 'growth'));
    const growthPerYear = this.ranged(growth, 'perYear', `${p}.growth.perYear`, 0);
    const growthYears = this.ranged(growth, 'years', `${p}.growth.years`, 0);
    const workingSetBytes = this.ranged(w, 'workingSet', `${p}.workingSet`, 0);
    const memoryHeadroom = this.ranged(w, 'memoryHeadroom', `${p}.memoryHeadroom`, 0.1);
    const replication = this.number(w, 'replication', `${p}.replication`, 2);
    const fanout = this.number(w, 'fanout', `${p}.fanout`, 1);
    const writeFraction = this.ranged(w, 'writeFraction', `${p}.writeFraction`, 0);
    const consistency = this.string<Consistency>(w, 'consistency', `${p}.consistency`, 'eventual');
    const requestSizeBytes = this.ranged(w, 'requestSize', `${p}.requestSize`, KiB);
    const responseSizeBytes = this.ranged(w, 'responseSize', `${p}.responseSize`, 10 * KiB);
    const roundTrips = this.number(w, 'roundTrips', `${p}.roundTrips`, 1);
    const uslRaw = own(w, 'usl');
    const usl = record(uslRaw);
    if (uslRaw === undefined) this.defaulted.push(`${p}.usl`);
    const uslValue =
      usl === undefined
        ? null
        : {
            sigma: this.ranged(usl, 'contention', `${p}.usl.contention`),
            kappa: this.ranged(usl, 'coherency', `${p}.usl.coherency`),
          };
    const dailyProfile = this.dailyProfile(own(w, 'dailyProfile'), `${p}.dailyProfile`);
    const grown = (1 + growthPerYear) ** growthYears;
    // transfer follows the profile's mean when no average rate is given (compare/context.ts, trafficRatePerS)
    const profileMean = averageRatePerS === null && dailyProfile !== undefined ? profileMeanOf(dailyProfile) : 1;
    const traffic = (averageRatePerS ?? peakRatePerS) * grown * profileMean;
    if (profileMean < 1 && traffic < MIN_TRAFFIC_RATE_PER_S) {
      this.fail(
        `${p}.dailyProfile`,
        own(w, 'dailyProfile'),
        `a profile whose mean, times peakRate grown over workload.growth, is at least ${MIN_TRAFFIC_RATE_PER_S}/s (got ${traffic}/s)`,
      );
    } else if (traffic < MIN_TRAFFIC_RATE_PER_S) {
      const key = averageRatePerS === null ? 'peakRate' : 'averageRate';
      this.fail(
        `${p}.${key}`,
        own(w, key),
        `a rate that, grown over workload.growth, is at least ${MIN_TRAFFIC_RATE_PER_S}/s (one request in 32 years; got ${traffic}/s)`,
      );
    }
    return {
      peakRatePerS,
      averageRatePerS,
      serviceTimeS,
      serviceTimeCv,
      serviceTimeFamily,
      perVcpuPerformance,
      growthPerYear,
      growthYears,
      workingSetBytes,
      memoryHeadroom,
      replication,
      fanout,
      writeFraction,
      consistency,
      requestSizeBytes,
      responseSizeBytes,
      roundTrips,
      usl: uslValue,
      ...(dailyProfile === undefined ? {} : { dailyProfile }),
    };
  }

  /**
   * workload.dailyProfile: 24 multipliers of the peak, each parsed as a fraction in [0, 1] and reported at its index
   * (the array's length and the JSON types are the schema's to check); undefined when absent or not 24 values.
   */
  private dailyProfile(raw: unknown, path: string): number[] | undefined {
    if (!Array.isArray(raw) || raw.length !== PROFILE_HOURS) return undefined;
    const bounds = boundsOf(`${path}[]`);
    return raw.map((v, i) => this.parse(v, `${path}[${i}]`, 'fraction', bounds));
  }

  /**
   * An `autoscaling` object (the scenario's or a candidate's) at `path`: minNodes and scaleOutTime with their defaults;
   * undefined when absent. It needs workload.dailyProfile to follow; `tiered` refuses it (a whole candidate of tiers).
   */
  private autoscaling(
    raw: unknown,
    path: string,
    w: Workload,
    tiered: boolean,
    rowPath = path,
  ): AutoscalingSpec | undefined {
    if (raw === undefined) return undefined;
    const o = record(raw);
    const spec = {
      minNodes: this.number(o, 'minNodes', `${path}.minNodes`, 1),
      scaleOutTimeS: this.quantity(
        o,
        'scaleOutTime',
        `${path}.scaleOutTime`,
        DEFAULT_SCALE_OUT_S,
        `${rowPath}.scaleOutTime`,
      ),
    };
    if (tiered) {
      this.fail(
        path,
        raw,
        'no autoscaling of a whole candidate with tiers (give the design of a stateless horizontal tier its own, in architectures[].tiers.NAME.autoscaling, or the scenario an autoscaling block: its stateless tiers follow it)',
      );
    } else if (w.dailyProfile === undefined) {
      this.fail(
        path,
        raw,
        'autoscaling only with workload.dailyProfile (24 hourly multipliers of the peak) to follow: without one the load is the peak all day',
      );
    }
    return spec;
  }

  /**
   * workload.perVcpuPerformance: catalog families, each with a plain number in the row's bounds (the schema checks the
   * numbers; an unknown family is reported here with the catalog's families).
   */
  private perVcpuPerformance(raw: unknown, path: string): Record<string, number> {
    const r = record(raw);
    const out: Record<string, number> = {};
    if (r === undefined) return out; // absent, or not an object (reported by the schema)
    const { min, max } = boundsOf(`${path}{}`);
    for (const [family, value] of Object.entries(r)) {
      if (!this.family(family, `${path}.${family}`)) continue;
      if (typeof value === 'number' && value > min && (max === undefined || value <= max)) out[family] = value;
    }
    return out;
  }

  /**
   * workload.serviceTime and its cv, or with tiers neither: `tiers` and `workload.serviceTime` are mutually exclusive,
   * and one of them is required.
   */
  private serviceTime(w: Raw | undefined, tiered: boolean): { serviceTimeS: number | null; serviceTimeCv: number } {
    const p = 'workload';
    if (!tiered) {
      if (w !== undefined && own(w, 'serviceTime') === undefined) {
        this.fail(
          `${p}.serviceTime`,
          undefined,
          'a duration such as "12 ms" or "2 h", or a number of seconds (or, instead, tiers: the service as a system of tiers)',
        );
      }
      return {
        serviceTimeS: this.ranged(w, 'serviceTime', `${p}.serviceTime`),
        serviceTimeCv: this.ranged(w, 'serviceTimeCv', `${p}.serviceTimeCv`, 1),
      };
    }
    for (const key of ['serviceTime', 'serviceTimeCv']) {
      const value = own(w, key);
      if (value !== undefined) {
        this.fail(
          `${p}.${key}`,
          value,
          `no workload.${key} when the scenario gives tiers (workload.serviceTime and tiers are mutually exclusive: each tier has its own ${key})`,
        );
      }
    }
    return { serviceTimeS: null, serviceTimeCv: 1 }; // the cv of no service time: unused, not a default taken
  }

  // --- tiers ----------------------------------------------------------------------------------------------------

  private tiers(raw: unknown): Tier[] | null {
    if (raw === undefined) return null;
    if (!Array.isArray(raw)) return []; // reported by the schema
    const firstIndex = new Map<string, number>();
    const tiers = raw.map((item, i) => {
      const t = record(item);
      const path = `tiers[${i}]`;
      const name = own(t, 'name');
      if (typeof name === 'string' && IDENTIFIER.test(name)) {
        const first = firstIndex.get(name);
        if (first !== undefined) this.fail(`${path}.name`, name, `a name no other tier has (tiers[${first}] has it)`);
        else firstIndex.set(name, i);
      }
      return this.tier(t, path);
    });
    const last = raw.length - 1;
    if (last >= 0 && own(record(raw[last]), 'role') === 'cache') {
      this.fail(
        `tiers[${last}].role`,
        'cache',
        `a tier after a cache tier (a cache passes its misses on to the next tier, and tiers[${last}] is the last)`,
      );
    }
    return tiers;
  }

  private tier(t: Raw | undefined, path: string): Tier {
    const nameRaw = own(t, 'name');
    const name = typeof nameRaw === 'string' ? nameRaw : '';
    const roleRaw = own(t, 'role');
    const role = TIER_ROLES.find((r) => r === roleRaw);
    const base = {
      serviceTimeS: this.ranged(t, 'serviceTime', `${path}.serviceTime`),
      serviceTimeCv: this.ranged(t, 'serviceTimeCv', `${path}.serviceTimeCv`, 1),
      callsPerRequest: this.number(t, 'callsPerRequest', `${path}.callsPerRequest`, 1),
      ...(own(t, 'deploysPerWeek') === undefined
        ? {}
        : { deploysPerWeek: this.number(t, 'deploysPerWeek', `${path}.deploysPerWeek`, 0) }),
    };
    // a field of another role is refused (an unknown role is the schema's to report)
    for (const [key, roles] of TIER_ROLE_FIELDS) {
      const value = own(t, key);
      if (value === undefined || role === undefined || roles.includes(role)) continue;
      const owners = roles.map((r) => `"${r}"`).join(' or ');
      this.fail(`${path}.${key}`, value, `no "${key}" on a ${role} tier (it is for role ${owners})`);
    }
    if (role === 'cache') {
      if (t !== undefined && own(t, 'hitRatio') === undefined) {
        this.fail(`${path}.hitRatio`, undefined, 'a fraction such as "90%" or 0.9 (a cache tier needs its hit ratio)');
      }
      return {
        name,
        role,
        ...base,
        hitRatio: this.ranged(t, 'hitRatio', `${path}.hitRatio`),
        workingSetBytes: this.ranged(t, 'workingSet', `${path}.workingSet`, 0),
      };
    }
    if (role === 'database') {
      return {
        name,
        role,
        ...base,
        workingSetBytes: this.ranged(t, 'workingSet', `${path}.workingSet`, 0),
        writeFraction: this.ranged(t, 'writeFraction', `${path}.writeFraction`, 0),
        replication: this.number(t, 'replication', `${path}.replication`, 2),
        consistency: this.string<Consistency>(t, 'consistency', `${path}.consistency`, 'eventual'),
      };
    }
    return { name, role: 'stateless', ...base }; // a stateless tier, or a placeholder for a missing or unknown role
  }

  private targets(t: Raw | undefined): Targets {
    const p = 'targets';
    const availability = this.quantity(t, 'availability', `${p}.availability`);
    const raw = own(t, 'availability');
    // 1 - x from the decimal digits when the user wrote a decimal ("99.95%"); for a JSON number the double is all
    // we have, and 1 - x is exact in binary for x >= 0.5 (Sterbenz), so it is the complement of that double.
    const exact = typeof raw === 'string' ? decimalComplement(raw) : undefined;
    const unavailability = exact !== undefined && exact > 0 && exact < 1 ? exact : 1 - availability;
    const budget = own(t, 'budget');
    const maxDataLoss = own(t, 'maxDataLoss');
    return {
      p99S: this.quantity(t, 'p99', `${p}.p99`),
      p99Scope: this.string<P99Scope>(t, 'p99Scope', `${p}.p99Scope`, P99_SCOPES[0]),
      availability,
      unavailability,
      budgetUsdPerMonth: budget === undefined ? null : this.quantity(t, 'budget', `${p}.budget`),
      maxUtilization: this.quantity(t, 'maxUtilization', `${p}.maxUtilization`, 0.75),
      maxUtilizationDegraded: this.quantity(t, 'maxUtilizationDegraded', `${p}.maxUtilizationDegraded`, 0.9),
      maxDataLossS: maxDataLoss === undefined ? null : this.quantity(t, 'maxDataLoss', `${p}.maxDataLoss`),
    };
  }

  private reliability(r: Raw | undefined): Reliability {
    const p = 'reliability';
    const presets = this.catalog.reliability;
    const rates = (domain: 'node' | 'zone' | 'region'): FailureRates => {
      const o = record(own(r, domain));
      const preset = presets.default[domain];
      return {
        mtbfS: this.ranged(o, 'mtbf', `${p}.${domain}.mtbf`, preset.mtbfS),
        mttrS: this.ranged(o, 'mttr', `${p}.${domain}.mttr`, preset.mttrS),
      };
    };
    return {
      node: rates('node'),
      zone: rates('zone'),
      region: rates('region'),
      failoverS: this.ranged(r, 'failover', `${p}.failover`, presets.failover.defaultS),
      coldRestoreS: this.ranged(r, 'coldRestore', `${p}.coldRestore`, DEFAULT_COLD_RESTORE_S),
      restoreRateBytesPerS: this.ranged(r, 'restoreRate', `${p}.restoreRate`, presets.restore.defaultBytesPerS),
      replicationLagS: this.ranged(r, 'replicationLag', `${p}.replicationLag`, DEFAULT_REPLICATION_LAG_S),
      backupIntervalS: this.ranged(r, 'backupInterval', `${p}.backupInterval`, DEFAULT_BACKUP_INTERVAL_S),
    };
  }

  private users(raw: unknown): UserRegion[] {
    if (!Array.isArray(raw)) return [];
    const users: UserRegion[] = [];
    const firstIndex = new Map<string, number>();
    raw.forEach((item, i) => {
      const u = record(item);
      const path = `users[${i}]`;
      const region = own(u, 'region');
      const location = this.location(u, path, region);
      if (typeof region === 'string' && (location !== null || this.region(region, `${path}.region`))) {
        const first = firstIndex.get(region);
        if (first !== undefined) {
          this.fail(`${path}.region`, region, `a region not already listed (users[${first}] has it)`);
        } else firstIndex.set(region, i);
      }
      const share = this.quantity(u, 'share', `${path}.share`);
      users.push({ region: typeof region === 'string' ? region : '', location, share });
    });
    const shares = users.map((u) => u.share);
    if (shares.length > 0 && shares.every(Number.isFinite)) {
      const total = new NeumaierSum();
      for (const s of shares) total.add(s);
      const sum = total.value;
      if (!(Math.abs(sum - 1) <= SHARE_TOLERANCE)) {
        const written = raw.map((item) => own(record(item), 'share'));
        this.fail('users', written, `shares that add up to 1 (100%), got ${Number(sum.toPrecision(12))}`);
      }
    }
    return users;
  }

  private architectures(raw: unknown, replication: number, tiers: readonly Tier[] | null): ArchitectureSpec[] | null {
    if (raw === undefined) return null;
    if (!Array.isArray(raw)) return [];
    const firstIndex = new Map<string, number>();
    return raw.map((item, i) => {
      const a = record(item);
      const path = `architectures[${i}]`;
      const name = this.string(a, 'name', `${path}.name`, '');
      if (name !== '') {
        const first = firstIndex.get(name);
        if (first !== undefined) {
          this.fail(`${path}.name`, name, `a name no other candidate has (architectures[${first}] has it)`);
        } else firstIndex.set(name, i);
      }
      return this.architecture(a, path, name, { copies: replication, path: 'workload.replication' }, tiers);
    });
  }

  private architecture(
    a: Raw | undefined,
    path: string,
    name: string,
    replication: { copies: number; path: string },
    tiers: readonly Tier[] | null,
  ): ArchitectureSpec {
    const pricingRaw = own(record(own(a, 'pricing')), 'model');
    const pricing = PRICING_MODELS.find((m) => m === pricingRaw); // another value is the schema's to report
    const own_ = pricing === undefined ? {} : { pricing };
    this.pricingNow = pricing ?? this.scenarioPricing;
    if (own(a, 'tiers') !== undefined) return { ...this.tieredCandidate(a, path, name, tiers), ...own_ };
    // kind and family are required unless the candidate gives per-tier designs (the schema cannot say so)
    if (a !== undefined && own(a, 'kind') === undefined) {
      this.fail(`${path}.kind`, undefined, 'one of "vertical", "horizontal"');
    }
    if (a !== undefined && own(a, 'family') === undefined) this.fail(`${path}.family`, undefined, 'a non-empty string');
    const d = this.design(a, path, 'candidate', replication);
    // the name second, as a candidate is written
    if (d.kind === 'vertical') {
      const { kind, ...rest } = d;
      return { kind, name, ...rest, ...own_ };
    }
    const { kind, ...rest } = d;
    const workload = this.workloadNow;
    const autoscaling =
      workload === undefined
        ? undefined
        : (this.autoscaling(own(a, 'autoscaling'), `${path}.autoscaling`, workload, this.tieredNow) ??
          // a co-located fleet of tiers follows the day only when no tier keeps data
          (this.tiersNow === null || this.tiersNow.every(autoscalingFitsTier) ? this.scenarioAutoscaling : undefined));
    return { kind, name, ...rest, ...own_, ...(autoscaling === undefined ? {} : { autoscaling }) };
  }

  /**
   * The `operations` block (contract, "Operations"): every figure 0 when the block is absent (and no default recorded,
   * so that a scenario without it reads as before); each figure may be a range.
   */
  private operations(raw: unknown): Operations {
    if (raw === undefined) return NO_OPERATIONS;
    const o = record(raw);
    const p = 'operations';
    const before = this.defaulted.length;
    const ops: Operations = {
      usdPerNodeMonth: this.ranged(o, 'usdPerNodeMonth', `${p}.usdPerNodeMonth`, 0),
      usdPerRegionMonth: this.ranged(o, 'usdPerRegionMonth', `${p}.usdPerRegionMonth`, 0),
      deploysPerWeek: this.ranged(o, 'deploysPerWeek', `${p}.deploysPerWeek`, 0),
      restartS: this.ranged(o, 'restartTime', `${p}.restartTime`, 0),
      changeFailureRate: this.ranged(o, 'changeFailureRate', `${p}.changeFailureRate`, 0),
      changeRecoveryS: this.ranged(o, 'changeRecoveryTime', `${p}.changeRecoveryTime`, 0),
      blueGreenOverlapS: this.quantity(o, 'blueGreenOverlap', `${p}.blueGreenOverlap`, NO_OPERATIONS.blueGreenOverlapS),
    };
    // a block whose figures are all 0 prices and counts nothing: its defaults are not worth naming (the results are
    // those of a scenario without it, byte for byte)
    const inert = ops.usdPerNodeMonth === 0 && ops.usdPerRegionMonth === 0 && ops.deploysPerWeek === 0;
    if (inert) this.defaulted.splice(before);
    return ops;
  }

  /**
   * A blue-green deploy needs a second copy started on demand beside the first: spot capacity is not promised (it is
   * the spare capacity AWS may reclaim at two minutes' notice), so a spot candidate cannot count on it.
   */
  private deployRules(pricing: PricingModel, architectures: readonly ArchitectureSpec[] | null): void {
    architectures?.forEach((a, i) => {
      if (a.kind === 'tiered' || a.deploy !== 'blue-green' || (a.pricing ?? pricing) !== 'spot') return;
      this.fail(
        `architectures[${i}].deploy`,
        a.deploy,
        `"rolling" or "restart" for architectures[${i}] ("${a.name}"): a blue-green deploy needs a second fleet started on demand, and spot capacity is not promised (its pricing model is "spot")`,
      );
    });
  }

  /**
   * Spot applies only to stateless horizontal designs (contract, "Pricing"): nodes that keep no data (no working set,
   * no writes, no cache or database tier on them), so that an interrupted node loses nothing and its load moves to the
   * others. A search also finds the best vertical design, which cannot run on spot.
   */
  private spotRules(
    pricing: PricingModel,
    architectures: readonly ArchitectureSpec[] | null,
    w: Workload,
    tiers: readonly Tier[] | null,
  ): void {
    if (architectures === null) {
      // a search on spot buys spot where it applies (stateless horizontal designs or tiers) and on-demand elsewhere
      // (compare/spot.ts spotApplies): it needs something spot can apply to
      if (pricing === 'spot' && !spotApplies(w, tiers)) {
        this.fail(
          'pricing.model',
          pricing,
          `a pricing model other than "spot" for this search: spot applies only to stateless horizontal designs or tiers, and ${
            tiers === null
              ? `the nodes keep data (${statefulWhy(w)}); a stateless design has a working set of 0 and no writes`
              : w.workingSetBytes > 0 || w.writeFraction > 0
                ? `the stateless tiers keep the workload's state (${statefulWhy(w)})`
                : 'no tier has role "stateless"'
          }`,
        );
      }
      return;
    }
    architectures.forEach((a, i) => {
      const model = a.pricing ?? pricing;
      if (model !== 'spot') return;
      const at = a.pricing === undefined ? 'pricing.model' : `architectures[${i}].pricing.model`;
      const who = `architectures[${i}] ("${a.name}")`;
      const refuse = (why: string) =>
        this.fail(
          at,
          model,
          `a pricing model other than "spot" for ${who}: spot applies only to stateless horizontal designs, and ${why}`,
        );
      if (a.kind === 'vertical') refuse('it is vertical (one box: an interruption takes the service down)');
      else if (a.kind === 'tiered')
        refuse(
          'it gives per-tier designs (give the design of each stateless horizontal tier its own pricing.model "spot", in architectures[].tiers.NAME.pricing)',
        );
      else if (tiers?.some((t) => t.role !== 'stateless'))
        refuse(
          `its nodes run every tier, also ${tiers
            .filter((t) => t.role !== 'stateless')
            .map((t) => `${t.name} (${t.role})`)
            .join(', ')}, which keep data`,
        );
      else if (w.workingSetBytes > 0 || w.writeFraction > 0)
        refuse(`its nodes keep data (${statefulWhy(w)}); a stateless design has a working set of 0 and no writes`);
    });
  }

  /**
   * Spot on one tier's design (contract, "Pricing": spot applies only to stateless horizontal tiers): a horizontal
   * design of a tier of role "stateless" whose nodes keep no data (a stateless tier keeps the workload's state:
   * workload.workingSet and workload.writeFraction must be 0).
   */
  private tierSpotRule(kind: string, tier: Tier, path: string): void {
    const w = this.workloadNow;
    const refuse = (why: string) =>
      this.fail(
        path,
        'spot',
        `a pricing model other than "spot" for tier ${tier.name}: spot applies only to stateless horizontal tiers, and ${why}`,
      );
    if (kind === 'vertical') refuse('its design is vertical (one box: an interruption takes the tier down)');
    else if (tier.role !== 'stateless')
      refuse(`it is a ${tier.role} tier (it keeps data an interruption would lose or have to rebuild)`);
    else if (w !== undefined && (w.workingSetBytes > 0 || w.writeFraction > 0))
      refuse(
        `its nodes keep the workload's state (${statefulWhy(w)}); a stateless tier has a working set of 0 and no writes`,
      );
  }

  /**
   * A candidate with a design per tier: only its name beside them, a tier of the scenario for every key (an unknown
   * one suggests the closest), and a design for every tier.
   */
  private tieredCandidate(a: Raw | undefined, path: string, name: string, tiers: readonly Tier[] | null): TieredSpec {
    const raw = own(a, 'tiers');
    const placeholder: TieredSpec = { kind: 'tiered', name, tiers: [] };
    if (tiers === null) {
      this.fail(
        `${path}.tiers`,
        raw,
        'no per-tier designs: the scenario has no tiers (give tiers, or a design of its own for the candidate)',
      );
      return placeholder;
    }
    for (const key of CANDIDATE_OPTIONS) {
      const value = own(a, key);
      if (value !== undefined) {
        this.fail(
          `${path}.${key}`,
          value,
          `no "${key}" on a candidate with per-tier designs (each tier's design in ${path}.tiers gives its own)`,
        );
      }
    }
    const designs = record(raw);
    if (designs === undefined) return placeholder; // reported by the schema
    // a tier whose name is invalid or repeated is reported at the tier: no candidate is held to it
    const written = tiers.map((t) => t.name);
    const names = [...new Set(written.filter((n) => IDENTIFIER.test(n)))];
    if (names.length === 0) return placeholder;
    for (const key of Object.keys(designs)) {
      if (written.includes(key)) continue;
      const keyPath = `${path}.${formatPath(['tiers', key])}`;
      const suggestion = closest(key, names);
      const hint =
        suggestion === undefined ? `the scenario's tiers: ${names.join(', ')}` : `did you mean ${suggestion}?`;
      const expected = `a tier of the scenario (${hint})`;
      this.problems.push(new ScenarioError(keyPath, key, expected, `${keyPath}: unknown tier (${hint})`));
    }
    const missing = names.filter((n) => !Object.hasOwn(designs, n));
    if (missing.length > 0) {
      this.fail(
        `${path}.tiers`,
        raw,
        `a design for every tier of the scenario (missing: ${missing.join(', ')}; a candidate without tiers runs every tier on the same nodes)`,
      );
    }
    const out: TierDesign[] = [];
    const seen = new Set<string>();
    tiers.forEach((tier, i) => {
      if (!Object.hasOwn(designs, tier.name) || seen.has(tier.name)) return;
      seen.add(tier.name);
      out.push(this.tierDesign(record(designs[tier.name]), `${path}.tiers.${tier.name}`, tier, `tiers[${i}]`));
    });
    return { kind: 'tiered', name, tiers: out };
  }

  /** The design of one tier: a candidate's options for its kind, and read replicas for a vertical database tier. */
  private tierDesign(d: Raw | undefined, path: string, tier: Tier, at: string): TierDesign {
    const replication = tier.role === 'database' ? { copies: tier.replication, path: `${at}.replication` } : null;
    // the tier's own pricing model: its regions must price its type under it (priced(), through pricingNow)
    const pricingRaw = own(record(own(d, 'pricing')), 'model');
    const pricing = PRICING_MODELS.find((m) => m === pricingRaw); // another value is the schema's to report
    const candidatePricing = this.pricingNow;
    if (pricing !== undefined) this.pricingNow = pricing;
    const design0 = this.design(d, path, 'tier design', replication);
    this.pricingNow = candidatePricing;
    const design = pricing === undefined ? design0 : { ...design0, pricing };
    if (pricing === 'spot') this.tierSpotRule(design0.kind, tier, `${path}.pricing.model`);
    const readReplicasRaw = own(d, 'readReplicas');
    if (design.kind === 'horizontal') {
      // a stateless tier may follow the daily profile (its calls follow the users' requests); a tier that keeps data
      // would move partitions as it scales, which is not modelled
      const autoRaw = own(d, 'autoscaling');
      const w = this.workloadNow;
      const autoscaling =
        autoRaw === undefined || w === undefined
          ? autoscalingFitsTier(tier)
            ? this.scenarioAutoscaling
            : undefined
          : this.autoscaling(autoRaw, `${path}.autoscaling`, w, false, 'architectures[].tiers{}.autoscaling');
      if (autoscaling !== undefined && !autoscalingFitsTier(tier)) {
        this.fail(
          `${path}.autoscaling`,
          autoRaw,
          `no autoscaling on a ${tier.role} tier (only a horizontal tier of role "stateless" follows the daily profile: a tier that keeps data would move its partitions as it scales, which is not modelled)`,
        );
      }
      if (readReplicasRaw !== undefined) {
        this.fail(
          `${path}.readReplicas`,
          readReplicasRaw,
          'no "readReplicas" on a horizontal tier design (it is for kind "vertical"; a horizontal database keeps tiers[].replication copies of each partition)',
        );
      }
      return { tier: tier.name, ...design, ...(autoscaling === undefined ? {} : { autoscaling }) };
    }
    if (tier.role !== 'database') {
      if (readReplicasRaw !== undefined) {
        this.fail(
          `${path}.readReplicas`,
          readReplicasRaw,
          `no "readReplicas" on a ${tier.role} tier (read replicas are for a tier of role "database")`,
        );
      }
      return { tier: tier.name, ...design, readReplicas: 0 };
    }
    return { tier: tier.name, ...design, readReplicas: this.number(d, 'readReplicas', `${path}.readReplicas`, 0) };
  }

  /**
   * The options of a vertical or horizontal design (a candidate's, or one tier's): catalog family and size, regions,
   * and the options of its kind (a problem names the options of the other kind). `replication`: copies of each
   * partition its horizontal nodes keep, and the field that gives them (null: the design holds no partitioned data).
   */
  private design(
    a: Raw | undefined,
    path: string,
    what: DesignOf,
    replication: { copies: number; path: string } | null,
  ): Omit<VerticalSpec, 'name'> | Omit<HorizontalSpec, 'name'> {
    const kind = own(a, 'kind');
    const family = own(a, 'family');
    const sizeRaw = own(a, 'size');
    let size: string | null = null;
    if (typeof family === 'string' && this.family(family, `${path}.family`) && typeof sizeRaw === 'string') {
      if (this.size(family, sizeRaw, `${path}.size`)) size = sizeRaw;
    } else if (typeof sizeRaw === 'string') size = sizeRaw;
    const regionsRaw = own(a, 'regions');
    const regions = Array.isArray(regionsRaw) ? this.regionList(regionsRaw, `${path}.regions`) : null;
    const familyName = typeof family === 'string' ? family : '';
    if (this.catalog.families.has(familyName)) {
      this.sameProvider(familyName, `${path}.family`, regions);
      if (regions !== null) this.priced(familyName, size, regions, `${path}.regions`);
    }

    const misplaced = (keys: readonly string[], other: string, use: string) => {
      for (const key of keys) {
        const value = own(a, key);
        if (value !== undefined) {
          this.fail(`${path}.${key}`, value, `no "${key}" on a ${kind} ${what} (it is for kind "${other}"${use})`);
        }
      }
    };
    const deployRaw = own(a, 'deploy');
    const deploy = DEPLOY_MODES.find((m) => m === deployRaw); // another value is the schema's to report
    const own_ = deploy === undefined ? {} : { deploy };
    if (kind === 'vertical') {
      misplaced(['nodes', 'spares', 'zones', 'balancer'], 'horizontal', '');
      if (deploy === 'rolling') {
        this.fail(
          `${path}.deploy`,
          deploy,
          `"restart" or "blue-green" for a vertical ${what} (a rolling deploy takes one node out at a time while the others serve: a horizontal design)`,
        );
      }
      misplaced(['autoscaling'], 'horizontal', ': a box pays for its peak all day');
      const standby = this.string<Standby>(a, 'standby', `${path}.standby`, 'none');
      if (regions !== null && regions.length > 2) {
        this.fail(`${path}.regions`, regionsRaw, `a vertical ${what}: 1 region, or 2 (the second for the standby)`);
      } else if (regions !== null && regions.length === 2 && standby === 'none') {
        this.fail(
          `${path}.regions[1]`,
          regions[1],
          'a second region only with standby "cold" or "hot" (the second region is where the standby runs)',
        );
      }
      return {
        kind,
        family: familyName,
        size,
        region: regions?.[0] ?? null,
        standby,
        standbyRegion: regions?.[1] ?? null,
        ...own_,
      };
    }
    if (kind === 'horizontal') {
      misplaced(['standby'], 'vertical', '; a horizontal design uses spares');
      const nodesRaw = own(a, 'nodes');
      const nodes = typeof nodesRaw === 'number' ? nodesRaw : null;
      if (nodes !== null && regions !== null && nodes < regions.length) {
        this.fail(`${path}.nodes`, nodesRaw, `at least one node per region (>= ${regions.length})`);
      } else if (
        nodes !== null &&
        replication !== null &&
        Number.isInteger(replication.copies) &&
        nodes < replication.copies * (regions?.length ?? 1)
      ) {
        // each region keeps `replication` copies of every partition on distinct nodes (README, placement)
        const R = regions?.length ?? 1;
        const copies = replication.copies;
        this.fail(
          `${path}.nodes`,
          nodesRaw,
          `at least ${replication.path} (${copies}) nodes in each region (>= ${copies * R}${R > 1 ? ` over ${R} regions` : ''}): each partition keeps ${copies} copies on distinct nodes`,
        );
      }
      return {
        kind,
        family: familyName,
        size,
        nodes,
        spares: this.number(a, 'spares', `${path}.spares`, 1),
        zones: this.number(a, 'zones', `${path}.zones`, 3),
        regions,
        balancer: this.string<BalancerPolicy>(a, 'balancer', `${path}.balancer`, 'least-loaded'),
        ...own_,
      };
    }
    // kind missing or invalid (reported by the schema): a placeholder
    return { kind: 'vertical', family: familyName, size, region: null, standby: 'none', standbyRegion: null };
  }

  private simulation(s: Raw | undefined): SimulationSpec | null {
    if (s === undefined) return null;
    const p = 'simulation';
    const b = record(own(s, 'bursts'));
    const shape = own(s, 'weibullShape');
    const crews = own(s, 'repairCrews');
    return {
      seed: this.number(s, 'seed', `${p}.seed`, SIMULATION_DEFAULTS.seed),
      requests: this.number(s, 'requests', `${p}.requests`, SIMULATION_DEFAULTS.requests),
      years: this.number(s, 'years', `${p}.years`, SIMULATION_DEFAULTS.years),
      bursts:
        b === undefined
          ? null
          : {
              factor: typeof b.factor === 'number' ? b.factor : Number.NaN,
              share: this.quantity(b, 'share', `${p}.bursts.share`),
              lengthS: this.quantity(b, 'length', `${p}.bursts.length`),
            },
      weibullShape: shape === undefined ? null : typeof shape === 'number' ? shape : Number.NaN,
      repairCrews: crews === undefined ? null : typeof crews === 'number' ? crews : Number.NaN,
    };
  }

  /**
   * Users at a place that is not a catalog region: lat and lon together (their ranges are the schema's to check),
   * and a name that is not a catalog region id (a catalog region has its own coordinates and measured round trips).
   */
  private location(u: Raw | undefined, path: string, region: unknown): UserRegion['location'] {
    const lat = own(u, 'lat');
    const lon = own(u, 'lon');
    if (lat === undefined && lon === undefined) return null;
    if (lat === undefined || lon === undefined) {
      const [missing, given] = lat === undefined ? ['lat', 'lon'] : ['lon', 'lat'];
      this.fail(
        `${path}.${missing}`,
        'missing',
        `a ${missing === 'lat' ? 'latitude' : 'longitude'} in degrees: ${given} is given`,
      );
      return { lat: Number.NaN, lon: Number.NaN }; // a place was meant: its name is not looked up in the catalog
    }
    if (typeof region === 'string' && this.catalog.region(region) !== undefined) {
      this.fail(
        `${path}.region`,
        region,
        'a name that is not a catalog region when lat and lon are given (a catalog region has its own coordinates)',
      );
    }
    return { lat: typeof lat === 'number' ? lat : Number.NaN, lon: typeof lon === 'number' ? lon : Number.NaN };
  }

  // --- catalog references -------------------------------------------------------------------------------------

  /** Distinct catalog regions; each problem is reported at its element. */
  private regionList(raw: readonly unknown[], path: string): string[] {
    const out: string[] = [];
    raw.forEach((item, i) => {
      if (typeof item !== 'string') return;
      const first = out.indexOf(item);
      if (first >= 0) this.fail(`${path}[${i}]`, item, `a region not already listed (${path}[${first}] has it)`);
      this.region(item, `${path}[${i}]`);
      out.push(item);
    });
    return out;
  }

  private region(id: string, path: string): boolean {
    if (this.catalog.region(id) !== undefined) return true;
    this.unknown(
      path,
      id,
      'region',
      'regions',
      this.catalog.regions.map((r) => r.id),
    );
    return false;
  }

  /**
   * `provider`: one of the catalog's providers (the schema checks the name) that the catalog has regions and network
   * prices (transfer, balancers, global switch) for. A provider without them (GCP) is refused in one line naming what
   * the catalog lacks for it, never filled in.
   */
  private provider(value: unknown): Instance['provider'] | undefined {
    if (value === undefined) return undefined;
    const id = PROVIDERS.find((p) => p === value);
    if (id === undefined) return undefined; // reported by the schema
    const hosts = (p: CatalogProvider) => p.regions.length > 0 && p.networkCosts !== null;
    const usable = this.catalog.providers.filter(hosts);
    const p = this.catalog.provider(id);
    if (p !== undefined && hosts(p)) return id;
    const lacks =
      p === undefined
        ? `the catalog has no ${PROVIDER_NAMES[id]} instance type`
        : `the catalog has ${p.instanceTypes} ${p.label} machine types (${p.families.join(', ')}) but no ${p.missing.join(', no ')}`;
    this.fail(
      'provider',
      value,
      `a provider the catalog has regions and network prices for (${usable.map((u) => `"${u.id}"`).join(', ')}): ${lacks}; nothing is invented for it (README, "Providers")`,
    );
    return undefined;
  }

  private family(family: string, path: string): boolean {
    if (this.catalog.families.has(family)) return true;
    this.unknown(path, family, 'instance family', 'families', [...this.catalog.families.keys()]);
    return false;
  }

  /**
   * A family runs only in its own provider's regions: a GCP machine in an AWS region (behind an AWS balancer, priced
   * at AWS transfer rates) is not a design anyone can build. Without `regions` the engine places the candidate in
   * the catalog's regions, so one of them must be of the family's provider.
   */
  private sameProvider(family: string, path: string, regions: readonly string[] | null): void {
    const provider = this.catalog.families.get(family)?.[0]?.provider;
    if (provider === undefined) return;
    const named = this.scenarioProvider;
    if (named !== undefined && provider !== named) {
      const families = this.catalog.provider(named)?.families ?? [];
      this.fail(
        path,
        family,
        `an instance family of the scenario's provider "${named}" (family ${family} is ${PROVIDER_NAMES[provider]}'s); ${PROVIDER_NAMES[named]}'s families: ${families.join(', ')}`,
      );
      return;
    }
    // the first listed region of another provider (an unknown region is reported elsewhere)
    let other: Region | undefined;
    for (const id of regions ?? []) {
      const r = this.catalog.region(id);
      if (r !== undefined && r.provider !== provider) {
        other = r;
        break;
      }
    }
    if (other === undefined && (regions !== null || this.catalog.regions.some((r) => r.provider === provider))) return;
    const regionProvider = other?.provider ?? this.catalog.regions[0]?.provider;
    if (regionProvider === undefined) return;
    const own = [...this.catalog.families]
      .filter(([, sizes]) => sizes[0]?.provider === regionProvider)
      .map(([name]) => name);
    const theirs = `${PROVIDER_NAMES[regionProvider]}'s`;
    const where =
      other === undefined
        ? `the candidate names no regions, and the catalog's regions, where the engine would place it, are all ${theirs}`
        : `region ${other.id} is ${theirs}`;
    this.fail(
      path,
      family,
      `an instance family of the region's provider (family ${family} is ${PROVIDER_NAMES[provider]}'s, ${where}); the catalog's ${PROVIDER_NAMES[regionProvider]} families: ${own.join(', ')}`,
    );
  }

  /**
   * Every region of a design prices its family (or its size): the catalog's per-region prices leave out a type the
   * price source does not list in a region (m7i in af-south-1), and a node there has no price to cost it at.
   */
  private priced(family: string, size: string | null, regions: readonly string[], path: string): void {
    const model = this.pricingNow;
    // each region's answer is the catalog's (pricedRegion): a batch asks the same few again on every line
    if (regions.every((region) => pricedRegion(this.catalog, family, size, region, model))) return;
    const sizes = (this.catalog.families.get(family) ?? []).filter((i) => size === null || i.size === size);
    const what = size === null ? `family ${family}` : `${family}.${size}`;
    const has = (inst: Instance, region: string) => unitPrice(this.catalog, inst, region, model) !== undefined;
    regions.forEach((region, i) => {
      if (pricedRegion(this.catalog, family, size, region, model)) return;
      const priced = [...new Set(sizes.flatMap((inst) => inst.onDemand.map((p) => p.region)))].filter(
        (r) => this.catalog.region(r) !== undefined && sizes.some((inst) => has(inst, r)),
      );
      const why =
        model === 'on-demand'
          ? `the catalog's price source lists no ${what} in ${region}: not offered there, as far as it knows`
          : model === 'spot'
            ? `Spot Advisor lists no ${what} in ${region}`
            : `no ${model} rate of ${what} is stored or can be derived in ${region}`;
      this.fail(
        `${path}[${i}]`,
        region,
        `a region where ${what} has ${model === 'on-demand' ? 'an on-demand' : `a ${model}`} price (${why}); regions with one: ${priced.length === 0 ? 'none' : priced.join(', ')}`,
      );
    });
  }

  private size(family: string, size: string, path: string): boolean {
    const sizes = (this.catalog.families.get(family) ?? []).map((i) => i.size);
    if (sizes.includes(size)) return true;
    this.unknown(path, size, `size of ${family}`, `sizes of ${family}`, sizes);
    return false;
  }

  /** `expected a catalog region (did you mean us-east-1?); the catalog's regions: ...` */
  private unknown(path: string, value: string, what: string, plural: string, valid: readonly string[]): void {
    if (value === '') return; // reported by the schema (a non-empty string)
    const suggestion = closest(value, valid);
    const hint = suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`;
    this.fail(path, value, `a catalog ${what}${hint}; the catalog's ${plural}: ${valid.join(', ')}`);
  }
}
