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
 * range is listed in `Scenario.uncertain`. `sampleUncertain` draws a value from such a range and `withValue` puts a
 * value into a copy of a scenario (for Monte Carlo over the inputs, and sweeps).
 *
 * A field that is absent and takes a value the engine relies on is "defaulted" (`workload.serviceTimeCv`,
 * `workload.averageRate` = the peak, `workload.usl` = linear scaling, `reliability.node.mtbf`, ...). Absent fields
 * that mean "none" or "chosen by the engine" (`description`, `targets.budget`, `architectures`, `simulation`, a
 * candidate's `size`, `nodes`, `regions`) are not.
 */
import { type Catalog, type Instance, loadCatalog } from '../catalog/index.js';
import { NeumaierSum } from '../core/math/sum.js';
import { normalQuantile, Z95 } from '../core/stats/normalQuantile.js';
import { describePath, escapeControls, InputError, InputErrors } from '../errors.js';
import { type ParseOptions, parseQuantity, type QuantityKind } from '../units/parse.js';
import { decimalComplement } from '../util/decimalComplement.js';
import { closest } from '../util/suggest.js';
import { keysAt, P99_SCOPES, RANGE_DISTRIBUTIONS, ScenarioSchema } from './schema.js';
import type {
  ArchitectureSpec,
  BalancerPolicy,
  Consistency,
  FailureRates,
  P99Scope,
  RangeDistribution,
  Reliability,
  Scenario,
  SimulationSpec,
  Standby,
  Targets,
  UncertainInput,
  UserRegion,
  Workload,
} from './types.js';
import { SIMULATION_DEFAULTS } from './types.js';

/** Largest scenario text readScenarioText accepts, bytes (UTF-8). */
export const MAX_SCENARIO_BYTES = 1024 * 1024;
/**
 * Magnitude limits of the workload (far beyond any real service), so that every product the engine forms of a rate,
 * a time and a size, grown over 100 years, stays a finite double: the largest design rate is 1e12 x 101^100, about
 * 2.7e212/s, and the largest monthly transfer about 1.6e231 bytes. Without them, finite inputs such as "1e300/s" or a
 * growth of "1e300%" gave Infinity (null in JSON) where a result promises a number. Ranges are clamped to them when
 * sampled, like every other bound.
 */
export const MAX_RATE_PER_S = 1e12;
/** Largest CPU time of one request, s (11.6 days). */
export const MAX_SERVICE_TIME_S = 1e6;
/** Largest growth per year, as a fraction (+10000% a year). */
export const MAX_GROWTH_PER_YEAR = 100;
/** Largest request or response, bytes (1 TiB). */
export const MAX_MESSAGE_BYTES = 2 ** 40;
/**
 * Smallest traffic (the average rate, or the peak, grown over the horizon), per second: below it there is less than
 * one request in 32 years, and far below it (5e-324/s) the cost per million requests overflows a double.
 */
export const MIN_TRAFFIC_RATE_PER_S = 1e-9;
/** Keys refused anywhere in a scenario: they could reach an object's prototype in careless code. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** How a provider is named in messages. */
const PROVIDER_NAMES: Readonly<Record<Instance['provider'], string>> = { aws: 'AWS', gcp: 'GCP' };
/** Shares must add up to 1 within this. */
const SHARE_TOLERANCE = 1e-6;
/** Default time to bring up a cold standby with its data restored, s (an ESTIMATE: 30 min). */
const DEFAULT_COLD_RESTORE_S = 1800;
const DEFAULT_REPLICATION_LAG_S = 1;
const DEFAULT_BACKUP_INTERVAL_S = 24 * 3600;
const KiB = 1024;

/** An InputError whose one-line message is not of the `path: value: expected ...` form. */
class ScenarioError extends InputError {
  constructor(path: string, value: unknown, expected: string, message: string) {
    super(path, value, expected);
    this.message = message;
  }
}

/**
 * Reads a scenario from JSON text. `source` names it in errors (a file name, "stdin", "line 3").
 * @throws {InputErrors} over 1 MiB, not JSON (with line and column), a forbidden key, or any parseScenario problem
 */
export function readScenarioText(text: string, sourceIn: string): Scenario {
  return parseScenario(readScenarioJson(text, sourceIn));
}

/**
 * The JSON value of a scenario's text, not yet validated: the size limit, a byte-order mark skipped, and a syntax
 * error's line and column named (readScenarioText, and the sweep and TUI, which need the raw value).
 * @throws {InputErrors} the text is too large or not JSON
 */
export function readScenarioJson(text: string, sourceIn: string): unknown {
  const source = describePath(sourceIn); // a file name from argv: one line, no control characters
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_SCENARIO_BYTES) {
    const expected = `a scenario of at most ${MAX_SCENARIO_BYTES} bytes (1 MiB)`;
    throw new InputErrors([
      new ScenarioError(source, bytes, expected, `${source}: ${bytes} bytes: expected ${expected}`),
    ]);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a byte-order mark is not JSON
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    const where = jsonErrorPosition(body);
    const { line, column } = lineColumn(body, where.offset);
    const expected = `valid JSON (${where.reason})`;
    throw new InputErrors([
      new ScenarioError(source, text, expected, `${source}: line ${line}, column ${column}: expected ${expected}`),
    ]);
  }
  return data;
}

/**
 * Validates and normalises a raw scenario (a parsed JSON value).
 * @throws {InputErrors} every problem found, one line each naming the field path, the value and what was expected
 */
export function parseScenario(input: unknown): Scenario {
  const forbidden = forbiddenKeys(input);
  if (forbidden.length > 0) throw new InputErrors(forbidden);

  const shape = ScenarioSchema.safeParse(input, { reportInput: true, jitless: true, error: fallbackExpected });
  const shapeErrors = shape.success ? [] : shape.error.issues.flatMap(issueErrors);
  const normalizer = new Normalizer(loadCatalog());
  const scenario = normalizer.scenario(record(input));
  const seen = new Set<string>();
  const all = [...shapeErrors, ...normalizer.problems].filter((e) => !seen.has(e.message) && seen.add(e.message));
  if (all.length > 0) throw new InputErrors(all);
  return scenario;
}

// ---------------------------------------------------------------------------------------------------------------
// zod issues -> one-line InputErrors
// ---------------------------------------------------------------------------------------------------------------
type Issue = {
  code: string;
  path: PropertyKey[];
  message: string;
  input?: unknown;
  keys?: string[];
  errors?: Issue[][];
};

/** "users[1].share" from a path; "scenario" for the root; an odd key is quoted (`workload["a b"]`) and shortened. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    const key = String(part);
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]{0,59}$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${escapeControls(JSON.stringify(key.length > 60 ? `${key.slice(0, 57)}...` : key))}]`;
  }
  return out === '' ? 'scenario' : out;
}

function issueErrors(issue: Issue): InputError[] {
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const valid = keysAt(issue.path);
    return (issue.keys ?? []).map((key) => {
      const keyPath = formatPath([...issue.path, key]);
      const suggestion = closest(key, valid);
      const hint = suggestion !== undefined ? `did you mean ${suggestion}?` : `valid keys: ${valid.join(', ')}`;
      const expected = `no such key (${hint})`;
      return new ScenarioError(keyPath, key, expected, `${keyPath}: unknown key (${hint})`);
    });
  }
  const inRange = rangeIssues(issue);
  if (inRange !== undefined) return inRange.flatMap(issueErrors);
  return [new InputError(path, preview(issue.input), issue.message)];
}

/**
 * A field that may be a range is a union of the plain value and the range object. Given an object, the plain
 * option fails at the field itself and the range option at its keys (`p5`, `p95`, `distribution`): its issues, at
 * their full paths, are the ones worth reporting. Undefined for any other issue.
 */
function rangeIssues(issue: Issue): Issue[] | undefined {
  if (issue.code !== 'invalid_union' || record(issue.input) === undefined || issue.errors === undefined) return;
  const atKeys = issue.errors.filter((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
  if (atKeys.length !== 1) return;
  return (atKeys[0] as Issue[]).map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
}

/**
 * A copy of a user value that is safe to show in a message: at most 4 levels deep and 20 entries wide (deeper or
 * further content becomes "..."). Messages show only its first 80 characters anyway, and rendering a deeply nested
 * array in full would overflow the stack.
 */
function preview(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 4) return '...';
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => preview(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).slice(0, 20)) {
    Object.defineProperty(out, key, { value: preview((value as Raw)[key], depth + 1), enumerable: true });
  }
  return out;
}

/** The "expected" phrase for an issue of a schema without its own error text (schema.ts gives nearly all one). */
function fallbackExpected(issue: { code: string; expected?: unknown }): string {
  if (issue.code === 'invalid_type' && typeof issue.expected === 'string') {
    return /^[aeiou]/.test(issue.expected) ? `an ${issue.expected}` : `a ${issue.expected}`;
  }
  return 'a valid value';
}

// ---------------------------------------------------------------------------------------------------------------
// The walk over the raw input
// ---------------------------------------------------------------------------------------------------------------
type Raw = Readonly<Record<string, unknown>>;

function record(v: unknown): Raw | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : undefined;
}

function own(o: Raw | undefined, key: string): unknown {
  return o !== undefined && Object.hasOwn(o, key) ? o[key] : undefined;
}

const isQuantity = (v: unknown): v is string | number => typeof v === 'string' || typeof v === 'number';

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

  constructor(private readonly catalog: Catalog) {}

  private fail(path: string, value: unknown, expected: string): void {
    this.problems.push(new InputError(path, preview(value), expected));
  }

  /** A unit value; `fallback` is its default (recorded when taken); without one the field is required. */
  private quantity(
    o: Raw | undefined,
    key: string,
    path: string,
    kind: QuantityKind,
    opts: ParseOptions,
    fallback?: number,
  ): number {
    const value = own(o, key);
    if (value === undefined && fallback !== undefined) return this.takeDefault(path, fallback);
    if (!isQuantity(value)) return Number.NaN; // missing or not a string/number: reported by the schema
    if (typeof value === 'number' && kind !== 'fraction') this.bareNumbers.push(path); // a bare 0.1 is the usual form
    try {
      return parseQuantity(value, kind, path, opts);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.problems.push(error);
      return Number.NaN;
    }
  }

  private fraction(o: Raw | undefined, key: string, path: string, opts: ParseOptions, fallback?: number): number {
    return this.quantity(o, key, path, 'fraction', { min: 0, max: 1, ...opts }, fallback);
  }

  /**
   * A field that may be a range (a workload or reliability figure, listed in RANGED): `kind` null for a plain JSON
   * number (checked by the schema), else a unit value parsed with the field's bounds. A range is recorded in
   * `uncertain` and its median returned; `fallback` as for `quantity`.
   */
  private ranged(o: Raw | undefined, key: string, path: string, kind: QuantityKind | null, fallback?: number): number {
    const value = own(o, key);
    const bounds = rangedField(path);
    const opts: ParseOptions = { min: bounds.min, minExclusive: bounds.minExclusive, max: bounds.max };
    if (value === undefined && fallback !== undefined) return this.takeDefault(path, fallback);
    const point = (v: unknown, at: string): number => {
      if (kind !== null) return this.quantity({ v }, 'v', at, kind, opts);
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
    const workload = this.workload(record(own(raw, 'workload')));
    const targets = this.targets(record(own(raw, 'targets')));
    const reliability = this.reliability(record(own(raw, 'reliability')));
    const users = this.users(own(raw, 'users'));
    const architectures = this.architectures(own(raw, 'architectures'), workload.replication);
    const simulation = this.simulation(record(own(raw, 'simulation')));
    return {
      name: typeof name === 'string' ? name : '',
      description: typeof description === 'string' ? description : null,
      workload,
      targets,
      reliability,
      users,
      architectures,
      simulation,
      defaulted: this.defaulted,
      uncertain: this.uncertain,
      bareNumbers: this.bareNumbers,
    };
  }

  private workload(w: Raw | undefined): Workload {
    const p = 'workload';
    const peakRatePerS = this.ranged(w, 'peakRate', `${p}.peakRate`, 'rate');
    let averageRatePerS: number | null = null;
    if (own(w, 'averageRate') === undefined) this.defaulted.push(`${p}.averageRate`);
    else {
      averageRatePerS = this.ranged(w, 'averageRate', `${p}.averageRate`, 'rate');
      // ranges are compared by their medians (the values the comparison uses)
      if (averageRatePerS > peakRatePerS) {
        this.fail(`${p}.averageRate`, own(w, 'averageRate'), `a rate <= peakRate (${peakRatePerS}/s)`);
      }
    }
    const serviceTimeS = this.ranged(w, 'serviceTime', `${p}.serviceTime`, 'duration');
    const serviceTimeCv = this.ranged(w, 'serviceTimeCv', `${p}.serviceTimeCv`, null, 1);
    const growth = record(own(w, 'growth'));
    const growthPerYear = this.ranged(growth, 'perYear', `${p}.growth.perYear`, 'fraction', 0);
    const growthYears = this.ranged(growth, 'years', `${p}.growth.years`, null, 0);
    const workingSetBytes = this.ranged(w, 'workingSet', `${p}.workingSet`, 'size', 0);
    const memoryHeadroom = this.ranged(w, 'memoryHeadroom', `${p}.memoryHeadroom`, 'fraction', 0.1);
    const replication = this.number(w, 'replication', `${p}.replication`, 2);
    const fanout = this.number(w, 'fanout', `${p}.fanout`, 1);
    const writeFraction = this.ranged(w, 'writeFraction', `${p}.writeFraction`, 'fraction', 0);
    const consistency = this.string<Consistency>(w, 'consistency', `${p}.consistency`, 'eventual');
    const requestSizeBytes = this.ranged(w, 'requestSize', `${p}.requestSize`, 'size', KiB);
    const responseSizeBytes = this.ranged(w, 'responseSize', `${p}.responseSize`, 'size', 10 * KiB);
    const roundTrips = this.number(w, 'roundTrips', `${p}.roundTrips`, 1);
    const uslRaw = own(w, 'usl');
    const usl = record(uslRaw);
    if (uslRaw === undefined) this.defaulted.push(`${p}.usl`);
    const uslValue =
      usl === undefined
        ? null
        : {
            sigma: this.ranged(usl, 'contention', `${p}.usl.contention`, null),
            kappa: this.ranged(usl, 'coherency', `${p}.usl.coherency`, null),
          };
    const grown = (1 + growthPerYear) ** growthYears;
    const traffic = (averageRatePerS ?? peakRatePerS) * grown;
    if (traffic < MIN_TRAFFIC_RATE_PER_S) {
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
    };
  }

  private targets(t: Raw | undefined): Targets {
    const p = 'targets';
    const open = { min: 0, max: 1, minExclusive: true, maxExclusive: true };
    const availability = this.fraction(t, 'availability', `${p}.availability`, open);
    const raw = own(t, 'availability');
    // 1 - x from the decimal digits when the user wrote a decimal ("99.95%"); for a JSON number the double is all
    // we have, and 1 - x is exact in binary for x >= 0.5 (Sterbenz), so it is the complement of that double.
    const exact = typeof raw === 'string' ? decimalComplement(raw) : undefined;
    const unavailability = exact !== undefined && exact > 0 && exact < 1 ? exact : 1 - availability;
    const budget = own(t, 'budget');
    const maxDataLoss = own(t, 'maxDataLoss');
    return {
      p99S: this.quantity(t, 'p99', `${p}.p99`, 'duration', { min: 0, minExclusive: true }),
      p99Scope: this.string<P99Scope>(t, 'p99Scope', `${p}.p99Scope`, P99_SCOPES[0]),
      availability,
      unavailability,
      budgetUsdPerMonth:
        budget === undefined
          ? null
          : this.quantity(t, 'budget', `${p}.budget`, 'moneyRate', { min: 0, minExclusive: true }),
      maxUtilization: this.fraction(t, 'maxUtilization', `${p}.maxUtilization`, open, 0.75),
      maxUtilizationDegraded: this.fraction(t, 'maxUtilizationDegraded', `${p}.maxUtilizationDegraded`, open, 0.9),
      maxDataLossS:
        maxDataLoss === undefined ? null : this.quantity(t, 'maxDataLoss', `${p}.maxDataLoss`, 'duration', { min: 0 }),
    };
  }

  private reliability(r: Raw | undefined): Reliability {
    const p = 'reliability';
    const presets = this.catalog.reliability;
    const rates = (domain: 'node' | 'zone' | 'region'): FailureRates => {
      const o = record(own(r, domain));
      const preset = presets.default[domain];
      return {
        mtbfS: this.ranged(o, 'mtbf', `${p}.${domain}.mtbf`, 'duration', preset.mtbfS),
        mttrS: this.ranged(o, 'mttr', `${p}.${domain}.mttr`, 'duration', preset.mttrS),
      };
    };
    return {
      node: rates('node'),
      zone: rates('zone'),
      region: rates('region'),
      failoverS: this.ranged(r, 'failover', `${p}.failover`, 'duration', presets.failover.defaultS),
      coldRestoreS: this.ranged(r, 'coldRestore', `${p}.coldRestore`, 'duration', DEFAULT_COLD_RESTORE_S),
      restoreRateBytesPerS: this.ranged(
        r,
        'restoreRate',
        `${p}.restoreRate`,
        'byteRate',
        presets.restore.defaultBytesPerS,
      ),
      replicationLagS: this.ranged(r, 'replicationLag', `${p}.replicationLag`, 'duration', DEFAULT_REPLICATION_LAG_S),
      backupIntervalS: this.ranged(r, 'backupInterval', `${p}.backupInterval`, 'duration', DEFAULT_BACKUP_INTERVAL_S),
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
      const share = this.fraction(u, 'share', `${path}.share`, { min: 0, minExclusive: true });
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

  private architectures(raw: unknown, replication: number): ArchitectureSpec[] | null {
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
      return this.architecture(a, path, name, replication);
    });
  }

  private architecture(a: Raw | undefined, path: string, name: string, replication: number): ArchitectureSpec {
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
    if (this.catalog.families.has(familyName)) this.sameProvider(familyName, `${path}.family`, regions);

    const misplaced = (keys: readonly string[], other: string, use: string) => {
      for (const key of keys) {
        const value = own(a, key);
        if (value !== undefined) {
          this.fail(`${path}.${key}`, value, `no "${key}" on a ${kind} candidate (it is for kind "${other}"${use})`);
        }
      }
    };
    if (kind === 'vertical') {
      misplaced(['nodes', 'spares', 'zones', 'balancer'], 'horizontal', '');
      const standby = this.string<Standby>(a, 'standby', `${path}.standby`, 'none');
      if (regions !== null && regions.length > 2) {
        this.fail(`${path}.regions`, regionsRaw, 'a vertical candidate: 1 region, or 2 (the second for the standby)');
      } else if (regions !== null && regions.length === 2 && standby === 'none') {
        this.fail(
          `${path}.regions[1]`,
          regions[1],
          'a second region only with standby "cold" or "hot" (the second region is where the standby runs)',
        );
      }
      return {
        kind,
        name,
        family: familyName,
        size,
        region: regions?.[0] ?? null,
        standby,
        standbyRegion: regions?.[1] ?? null,
      };
    }
    if (kind === 'horizontal') {
      misplaced(['standby'], 'vertical', '; a horizontal design uses spares');
      const nodesRaw = own(a, 'nodes');
      const nodes = typeof nodesRaw === 'number' ? nodesRaw : null;
      if (nodes !== null && regions !== null && nodes < regions.length) {
        this.fail(`${path}.nodes`, nodesRaw, `at least one node per region (>= ${regions.length})`);
      } else if (nodes !== null && Number.isInteger(replication) && nodes < replication * (regions?.length ?? 1)) {
        // each region keeps `replication` copies of every partition on distinct nodes (README, placement)
        const R = regions?.length ?? 1;
        this.fail(
          `${path}.nodes`,
          nodesRaw,
          `at least workload.replication (${replication}) nodes in each region (>= ${replication * R}${R > 1 ? ` over ${R} regions` : ''}): each partition keeps ${replication} copies on distinct nodes`,
        );
      }
      return {
        kind,
        name,
        family: familyName,
        size,
        nodes,
        spares: this.number(a, 'spares', `${path}.spares`, 1),
        zones: this.number(a, 'zones', `${path}.zones`, 3),
        regions,
        balancer: this.string<BalancerPolicy>(a, 'balancer', `${path}.balancer`, 'least-loaded'),
      };
    }
    // kind missing or invalid (reported by the schema): a placeholder
    return { kind: 'vertical', name, family: familyName, size, region: null, standby: 'none', standbyRegion: null };
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
              share: this.fraction(b, 'share', `${p}.bursts.share`, {
                min: 0,
                minExclusive: true,
                max: 1,
                maxExclusive: true,
              }),
              lengthS: this.quantity(b, 'length', `${p}.bursts.length`, 'duration', { min: 0, minExclusive: true }),
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
    const listed = (regions ?? []).flatMap((id) => this.catalog.region(id) ?? []);
    const other = regions === null ? undefined : listed.find((r) => r.provider !== provider);
    const anyOwn = this.catalog.regions.some((r) => r.provider === provider);
    if (other === undefined && (regions !== null || anyOwn)) return;
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

// ---------------------------------------------------------------------------------------------------------------
// Uncertain inputs: the fields that may be ranges, sampling, and substitution
// ---------------------------------------------------------------------------------------------------------------

/** The valid values of a field that may be a range (the same bounds the plain field is parsed with). */
interface Bounds {
  /** Smallest valid value; with `minExclusive` the value must be above it (exclusive lower bounds are all 0 here). */
  readonly min: number;
  readonly minExclusive: boolean;
  /** Largest valid value; undefined: any finite value. */
  readonly max: number | undefined;
}

interface RangedField extends Bounds {
  /** A copy of the scenario with the field set to `v` (sharing what it does not change). */
  readonly set: (s: Scenario, v: number) => Scenario;
}

type WorkloadFigure =
  | 'peakRatePerS'
  | 'averageRatePerS'
  | 'serviceTimeS'
  | 'serviceTimeCv'
  | 'growthPerYear'
  | 'growthYears'
  | 'workingSetBytes'
  | 'memoryHeadroom'
  | 'writeFraction'
  | 'requestSizeBytes'
  | 'responseSizeBytes';
type ReliabilityFigure = 'failoverS' | 'coldRestoreS' | 'restoreRateBytesPerS' | 'replicationLagS' | 'backupIntervalS';

const POSITIVE: Bounds = { min: 0, minExclusive: true, max: undefined };
const positiveAtMost = (max: number): Bounds => ({ min: 0, minExclusive: true, max });
const NON_NEGATIVE: Bounds = { min: 0, minExclusive: false, max: undefined };
const between = (min: number, max: number): Bounds => ({ min, minExclusive: false, max });

const inWorkload = (key: WorkloadFigure, bounds: Bounds): RangedField => ({
  ...bounds,
  set: (s, v) => ({ ...s, workload: { ...s.workload, [key]: v } }),
});
/** A USL coefficient; setting one where the scenario had no `usl` (linear scaling) makes the other 0. */
const inUsl = (key: 'sigma' | 'kappa'): RangedField => ({
  ...between(0, 1),
  set: (s, v) => ({
    ...s,
    workload: { ...s.workload, usl: { ...(s.workload.usl ?? { sigma: 0, kappa: 0 }), [key]: v } },
  }),
});
const inDomain = (domain: 'node' | 'zone' | 'region', key: keyof FailureRates): RangedField => ({
  ...POSITIVE,
  set: (s, v) => ({ ...s, reliability: { ...s.reliability, [domain]: { ...s.reliability[domain], [key]: v } } }),
});
const inReliability = (key: ReliabilityFigure, bounds: Bounds): RangedField => ({
  ...bounds,
  set: (s, v) => ({ ...s, reliability: { ...s.reliability, [key]: v } }),
});

/** Every field that may be a range, by raw path, in the order of the scenario (and of `Scenario.uncertain`). */
const RANGED: ReadonlyMap<string, RangedField> = new Map([
  ['workload.peakRate', inWorkload('peakRatePerS', positiveAtMost(MAX_RATE_PER_S))],
  ['workload.averageRate', inWorkload('averageRatePerS', positiveAtMost(MAX_RATE_PER_S))],
  ['workload.serviceTime', inWorkload('serviceTimeS', positiveAtMost(MAX_SERVICE_TIME_S))],
  ['workload.serviceTimeCv', inWorkload('serviceTimeCv', between(0, 100))],
  ['workload.growth.perYear', inWorkload('growthPerYear', between(-0.99, MAX_GROWTH_PER_YEAR))],
  ['workload.growth.years', inWorkload('growthYears', between(0, 100))],
  ['workload.workingSet', inWorkload('workingSetBytes', NON_NEGATIVE)],
  ['workload.memoryHeadroom', inWorkload('memoryHeadroom', between(0, 10))],
  ['workload.writeFraction', inWorkload('writeFraction', between(0, 1))],
  ['workload.requestSize', inWorkload('requestSizeBytes', between(0, MAX_MESSAGE_BYTES))],
  ['workload.responseSize', inWorkload('responseSizeBytes', between(0, MAX_MESSAGE_BYTES))],
  ['workload.usl.contention', inUsl('sigma')],
  ['workload.usl.coherency', inUsl('kappa')],
  ['reliability.node.mtbf', inDomain('node', 'mtbfS')],
  ['reliability.node.mttr', inDomain('node', 'mttrS')],
  ['reliability.zone.mtbf', inDomain('zone', 'mtbfS')],
  ['reliability.zone.mttr', inDomain('zone', 'mttrS')],
  ['reliability.region.mtbf', inDomain('region', 'mtbfS')],
  ['reliability.region.mttr', inDomain('region', 'mttrS')],
  ['reliability.failover', inReliability('failoverS', NON_NEGATIVE)],
  ['reliability.coldRestore', inReliability('coldRestoreS', NON_NEGATIVE)],
  ['reliability.restoreRate', inReliability('restoreRateBytesPerS', POSITIVE)],
  ['reliability.replicationLag', inReliability('replicationLagS', NON_NEGATIVE)],
  ['reliability.backupInterval', inReliability('backupIntervalS', POSITIVE)],
]);

/** The raw paths of every field that may be given as a range `{ p5, p95, distribution? }`. */
export const UNCERTAIN_PATHS: readonly string[] = [...RANGED.keys()];

/**
 * What a draw below a field's exclusive lower bound of 0 (rates, service time, MTBF, MTTR, backup interval) is
 * clamped to: the smallest positive normal double, the smallest value such a field allows whose reciprocal is finite.
 */
const MIN_NORMAL = 2.2250738585072014e-308;

/** A finite value within the bounds. */
function inBounds(value: number, bounds: Bounds): boolean {
  const above = bounds.minExclusive ? value > bounds.min : value >= bounds.min;
  return Number.isFinite(value) && above && (bounds.max === undefined || value <= bounds.max);
}

function rangedField(path: string): RangedField {
  const field = RANGED.get(path);
  if (field === undefined) {
    throw new RangeError(`${path} cannot be a range; the fields that can: ${UNCERTAIN_PATHS.join(', ')}`);
  }
  return field;
}

/** The point value of a range: sqrt(p5 p95) for lognormal, (p5 + p95) / 2 otherwise; always in [p5, p95]. */
function rangeMedian(p5: number, p95: number, distribution: RangeDistribution): number {
  if (p5 === p95) return p5;
  let m: number;
  if (distribution === 'lognormal') {
    const product = p5 * p95; // sqrt of the product where it neither overflows nor underflows
    m = Number.isFinite(product) && product >= MIN_NORMAL ? Math.sqrt(product) : Math.sqrt(p5) * Math.sqrt(p95);
  } else m = p5 / 2 + p95 / 2; // = (p5 + p95) / 2 without overflow
  return Math.min(p95, Math.max(p5, m));
}

/**
 * `value` moved into the valid values of the field at `path` (a raw path that may be a range, see UNCERTAIN_PATHS):
 * what withValue accepts. An exclusive lower bound of 0 clamps to the smallest positive normal double.
 * @throws {RangeError} the path cannot be a range
 */
export function clampToField(path: string, value: number): number {
  const field = rangedField(path);
  const lowest = field.minExclusive ? MIN_NORMAL : field.min;
  if (!(field.minExclusive ? value > field.min : value >= field.min)) return lowest;
  return Math.min(value, field.max ?? Number.MAX_VALUE);
}

/**
 * A copy of `scenario` with the figure at `path` (a raw path that may be a range, see UNCERTAIN_PATHS) set to
 * `value`, in SI units like the normalised field. The copy shares the parts it does not change. The path leaves
 * `defaulted` (with `workload.usl` for a USL coefficient: setting one where the scenario had no `usl` makes the other
 * 0). `uncertain` and `bareNumbers` are kept: they describe the inputs as written, not the values in this copy.
 * Cross-field rules are not checked again (an averageRate above a lowered peakRate is kept as given).
 * @param value SI, within the field's valid values (as sampleUncertain returns)
 * @throws {RangeError} the path cannot be a range, or the value is not finite or outside the field's valid values
 * @example withValue(s, 'workload.peakRate', 5200).workload.peakRatePerS // 5200
 */
export function withValue(scenario: Scenario, path: string, value: number): Scenario {
  const field = rangedField(path);
  if (!inBounds(value, field)) {
    const lo = `${field.minExclusive ? '>' : '>='} ${field.min}`;
    throw new RangeError(
      `withValue: ${path} = ${value} is not valid (expected a finite number ${lo}${field.max === undefined ? '' : ` and <= ${field.max}`})`,
    );
  }
  const freed = path.startsWith('workload.usl.') ? [path, 'workload.usl'] : [path];
  return {
    ...field.set(scenario, value),
    defaulted: scenario.defaulted.filter((p) => !freed.includes(p)),
    uncertain: [...scenario.uncertain],
    bareNumbers: [...scenario.bareNumbers],
  };
}

/**
 * The value of an uncertain input at probability u: its inverse CDF, in SI units like the normalised field.
 *
 * - lognormal: exp(mu + sigma z) with mu = ln(median), sigma = (ln p95 - ln p5) / (2 z95), z = Phi^-1(u)
 * - normal: mean + sd z with mean = (p5 + p95) / 2, sd = (p95 - p5) / (2 z95)
 * - uniform: p5 and p95 are the 5th and 95th percentiles, so the support [a, b] has a + 0.05 (b - a) = p5 and
 *   a + 0.95 (b - a) = p95: b - a = (p95 - p5) / 0.9, a = p5 - (p95 - p5) / 18, b = p95 + (p95 - p5) / 18, and the
 *   value is a + u (b - a), computed as p5 + (p95 - p5) (u - 0.05) / 0.9 below the median and
 *   p95 - (p95 - p5) (0.95 - u) / 0.9 above it (so that 0.05 and 0.95 give p5 and p95 exactly)
 *
 * with z95 = Phi^-1(0.95) = 1.6448536269514722, so that u = 0.05 and 0.95 give p5 and p95, and u = 0.5 gives the
 * median. The value is non-decreasing in u (up to the last bit of the normal quantile between neighbouring doubles).
 *
 * Clamping: a draw outside the field's valid values is moved to the nearest valid one: fractions into [0, 1]
 * (memoryHeadroom [0, 10], serviceTimeCv [0, 100], growth.years [0, 100], growth.perYear >= -0.99), sizes and the
 * failover, restore and lag times to >= 0; the fields that must be > 0 (rates, service time, MTBF, MTTR, backup
 * interval), which a normal or uniform draw can take to 0 or below, to the smallest positive normal double
 * (2.2250738585072014e-308); a lognormal draw that overflows, to the largest finite double. A distribution that puts
 * much weight there is a poor fit for the field: prefer the lognormal.
 * @param u probability in (0, 1); 0 and 1 give the clamped ends
 * @throws {RangeError} u is not in [0, 1], the path cannot be a range, or the range is not valid
 */
export function sampleUncertain(input: UncertainInput, u: number): number {
  if (!(u >= 0 && u <= 1)) throw new RangeError(`sampleUncertain: u must be in [0, 1], got ${u}`);
  rangedField(input.path); // throws for a path that cannot be a range, before the range itself is checked
  const { p5, p95, median, distribution } = input;
  if (!(Number.isFinite(p5) && Number.isFinite(p95) && p5 <= p95 && (distribution !== 'lognormal' || p5 > 0))) {
    throw new RangeError(`sampleUncertain: ${input.path}: not a valid ${distribution} range [${p5}, ${p95}]`);
  }
  let x: number;
  if (p5 === p95 || u === 0.5) x = median;
  else {
    if (distribution === 'lognormal') {
      const sigma = (Math.log(p95) - Math.log(p5)) / (2 * Z95);
      x = Math.exp(Math.log(median) + sigma * normalQuantile(u));
    } else if (distribution === 'normal') {
      x = median + ((p95 - p5) / (2 * Z95)) * normalQuantile(u);
    } else {
      x = u < 0.5 ? p5 + (p95 - p5) * ((u - 0.05) / 0.9) : p95 - (p95 - p5) * ((0.95 - u) / 0.9);
    }
    // the two sides of the median meet there whatever the rounding, so the value stays non-decreasing through it
    x = u < 0.5 ? Math.min(x, median) : Math.max(x, median);
  }
  return clampToField(input.path, x);
}

// ---------------------------------------------------------------------------------------------------------------
// Forbidden keys and JSON syntax errors
// ---------------------------------------------------------------------------------------------------------------

/** A path as a linked list (cheap to extend while walking deep input); `at` undefined for the root. */
interface PathLink {
  readonly parent: PathLink | undefined;
  readonly at: PropertyKey;
}

function linkToPath(link: PathLink | undefined): PropertyKey[] {
  const out: PropertyKey[] = [];
  for (let l = link; l !== undefined; l = l.parent) out.push(l.at);
  return out.reverse();
}

/** Paths of `__proto__`, `constructor` and `prototype` keys anywhere in a value (iterative: deep input is fine). */
function forbiddenKeys(input: unknown): InputError[] {
  const errors: InputError[] = [];
  const stack: [unknown, PathLink | undefined][] = [[input, undefined]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [value, link] = item;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], { parent: link, at: i }]);
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      const child: PathLink = { parent: link, at: key };
      if (FORBIDDEN_KEYS.has(key)) {
        const keyPath = formatPath(linkToPath(child));
        const expected = 'no key named __proto__, constructor or prototype';
        errors.push(new ScenarioError(keyPath, key, expected, `${keyPath}: forbidden key (${expected} is allowed)`));
      } else stack.push([(value as Raw)[key], child]);
    }
  }
  return errors;
}

/** 1-based line and column of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Where JSON.parse failed, and why: a small RFC 8259 scanner run only on text JSON.parse refused (Node 20's messages
 * do not always give a position). Iterative over nesting, so deep input cannot overflow the stack.
 */
export function jsonErrorPosition(text: string): { offset: number; reason: string } {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const fail = (reason: string) => ({ offset: i, reason });
  const describe = () =>
    i >= text.length ? 'unexpected end of input' : `unexpected ${escapeControls(JSON.stringify(text.charAt(i)))}`;
  /** Scans one scalar at i; returns a reason on failure. */
  const scalar = (): string | undefined => {
    const c = text.charAt(i);
    if (c === '"') {
      i++;
      while (i < text.length && text.charAt(i) !== '"') {
        const code = text.charCodeAt(i);
        if (code < 0x20) return 'control character in a string';
        if (text.charAt(i) === '\\') {
          i++;
          const e = text.charAt(i);
          if (e === 'u') {
            if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) return 'bad \\u escape';
            i += 4;
          } else if (!'"\\/bfnrt'.includes(e) || e === '') return 'bad escape in a string';
        }
        i++;
      }
      if (i >= text.length) return 'unterminated string';
      i++;
      return undefined;
    }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (m === null || m[0] === '') return describe();
    i += m[0].length;
    return undefined;
  };

  /** A property name and its colon, or what is wrong there. */
  const propertyName = (): string | undefined => {
    if (text.charAt(i) !== '"') return `expected a property name in double quotes, ${describe()}`;
    const r = scalar();
    if (r !== undefined) return r;
    ws();
    if (text.charAt(i) !== ':') return `expected ":", ${describe()}`;
    i++;
    return undefined;
  };

  const stack: ('{' | '[')[] = [];
  ws();
  // state: expecting a value
  for (;;) {
    ws();
    const c = text.charAt(i);
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      ws();
      const close = c === '{' ? '}' : ']';
      if (text.charAt(i) === close) {
        stack.pop();
        i++;
      } else {
        if (c === '{') {
          const r = propertyName();
          if (r !== undefined) return fail(r);
        }
        continue;
      }
    } else {
      const r = scalar();
      if (r !== undefined) return fail(i >= text.length ? 'unexpected end of input' : r);
    }
    // after a value: close containers or go on to the next element
    for (;;) {
      ws();
      const top = stack[stack.length - 1];
      if (top === undefined) {
        return i < text.length ? fail(`${describe()} after the end of the JSON value`) : fail('invalid JSON');
      }
      const close = top === '{' ? '}' : ']';
      const d = text.charAt(i);
      if (d === close) {
        stack.pop();
        i++;
        continue;
      }
      if (d !== ',') return fail(`expected "," or "${close}", ${describe()}`);
      i++;
      ws();
      if (top === '{') {
        const r = propertyName();
        if (r !== undefined) return fail(r);
      }
      break;
    }
  }
}
