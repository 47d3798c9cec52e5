/**
 * Uncertain inputs: the fields that may be ranges, their medians, sampling, and substitution into a scenario. A tier's
 * figures are addressed by index, as the scenario writes them (`tiers[2].serviceTime`).
 */
import { normalQuantile, Z95 } from '../core/stats/normalQuantile.js';
import { type Bounds, boundsOf, SCENARIO_FIELDS } from './fields.js';
import type { FailureRates, RangeDistribution, Scenario, UncertainInput } from './types.js';

/** A field that may be a range: its valid values (the table's bounds) and where its value lands (its model). */
interface RangedField extends Bounds, Model {}

/**
 * Where a field's value lies in the normalised scenario; `i` is the array index in the path (`tiers[2].serviceTime`:
 * 2; 0 where the path has none).
 */
interface Model {
  /** The value in the scenario, SI (null: the field is unset and means "none", as an absent averageRate). */
  readonly get: (s: Scenario, i: number) => number | null;
  /** A copy of the scenario with the field set to `v` (sharing what it does not change). */
  readonly set: (s: Scenario, v: number, i: number) => Scenario;
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
type TierFigure = 'serviceTimeS' | 'serviceTimeCv' | 'hitRatio' | 'workingSetBytes' | 'writeFraction';

const inWorkload = (key: WorkloadFigure): Model => ({
  get: (s) => s.workload[key],
  set: (s, v) => ({ ...s, workload: { ...s.workload, [key]: v } }),
});
/** A USL coefficient; setting one where the scenario had no `usl` (linear scaling) makes the other 0. */
const inUsl = (key: 'sigma' | 'kappa'): Model => ({
  get: (s) => s.workload.usl?.[key] ?? 0,
  set: (s, v) => ({
    ...s,
    workload: { ...s.workload, usl: { ...(s.workload.usl ?? { sigma: 0, kappa: 0 }), [key]: v } },
  }),
});
const inDomain = (domain: 'node' | 'zone' | 'region', key: keyof FailureRates): Model => ({
  get: (s) => s.reliability[domain][key],
  set: (s, v) => ({ ...s, reliability: { ...s.reliability, [domain]: { ...s.reliability[domain], [key]: v } } }),
});
const inReliability = (key: ReliabilityFigure): Model => ({
  get: (s) => s.reliability[key],
  set: (s, v) => ({ ...s, reliability: { ...s.reliability, [key]: v } }),
});

type OperationsFigure =
  | 'usdPerNodeMonth'
  | 'usdPerRegionMonth'
  | 'deploysPerWeek'
  | 'restartS'
  | 'changeFailureRate'
  | 'changeRecoveryS';
/** An operations figure; 0 (the default: not priced or counted) reads as unset, so that a variation leaves it out. */
const inOperations = (key: OperationsFigure): Model => ({
  get: (s) => (s.operations[key] === 0 ? null : s.operations[key]),
  set: (s, v) => ({ ...s, operations: { ...s.operations, [key]: v } }),
});

/** The tier at index i that has the figure (a role-specific figure: only a tier of that role has it). */
function tierWith(s: Scenario, i: number, key: TierFigure): Readonly<Record<TierFigure, number>> | undefined {
  const tier = s.tiers?.[i];
  return tier !== undefined && key in tier ? (tier as unknown as Record<TierFigure, number>) : undefined;
}
/** A figure of the tier at index i of `tiers`. */
const inTier = (key: TierFigure): Model => ({
  get: (s, i) => tierWith(s, i, key)?.[key] ?? null,
  set: (s, v, i) => {
    if (tierWith(s, i, key) === undefined)
      throw new RangeError(`withValue: the scenario has no tiers[${i}] with ${key}`);
    return { ...s, tiers: (s.tiers ?? []).map((t, j) => (j === i ? { ...t, [key]: v } : t)) };
  },
});

/** Where the value of every field that may be a range lies, by raw path, in the order of the scenario. */
const MODELS: ReadonlyArray<readonly [string, Model]> = [
  ['workload.peakRate', inWorkload('peakRatePerS')],
  ['workload.averageRate', inWorkload('averageRatePerS')],
  ['workload.serviceTime', inWorkload('serviceTimeS')],
  ['workload.serviceTimeCv', inWorkload('serviceTimeCv')],
  ['workload.growth.perYear', inWorkload('growthPerYear')],
  ['workload.growth.years', inWorkload('growthYears')],
  ['workload.workingSet', inWorkload('workingSetBytes')],
  ['workload.memoryHeadroom', inWorkload('memoryHeadroom')],
  ['workload.writeFraction', inWorkload('writeFraction')],
  ['workload.requestSize', inWorkload('requestSizeBytes')],
  ['workload.responseSize', inWorkload('responseSizeBytes')],
  ['workload.usl.contention', inUsl('sigma')],
  ['workload.usl.coherency', inUsl('kappa')],
  ['tiers[].serviceTime', inTier('serviceTimeS')],
  ['tiers[].serviceTimeCv', inTier('serviceTimeCv')],
  ['tiers[].hitRatio', inTier('hitRatio')],
  ['tiers[].workingSet', inTier('workingSetBytes')],
  ['tiers[].writeFraction', inTier('writeFraction')],
  ['reliability.node.mtbf', inDomain('node', 'mtbfS')],
  ['reliability.node.mttr', inDomain('node', 'mttrS')],
  ['reliability.zone.mtbf', inDomain('zone', 'mtbfS')],
  ['reliability.zone.mttr', inDomain('zone', 'mttrS')],
  ['reliability.region.mtbf', inDomain('region', 'mtbfS')],
  ['reliability.region.mttr', inDomain('region', 'mttrS')],
  ['reliability.failover', inReliability('failoverS')],
  ['reliability.coldRestore', inReliability('coldRestoreS')],
  ['reliability.restoreRate', inReliability('restoreRateBytesPerS')],
  ['reliability.replicationLag', inReliability('replicationLagS')],
  ['reliability.backupInterval', inReliability('backupIntervalS')],
  ['operations.usdPerNodeMonth', inOperations('usdPerNodeMonth')],
  ['operations.usdPerRegionMonth', inOperations('usdPerRegionMonth')],
  ['operations.deploysPerWeek', inOperations('deploysPerWeek')],
  ['operations.restartTime', inOperations('restartS')],
  ['operations.changeFailureRate', inOperations('changeFailureRate')],
  ['operations.changeRecoveryTime', inOperations('changeRecoveryS')],
];

/** Every field that may be a range: its model with the bounds of its row in the table of fields. */
const RANGED: ReadonlyMap<string, RangedField> = new Map(
  MODELS.map(([path, model]) => [path, { ...boundsOf(path), ...model }]),
);

/** The raw paths of every field that may be given as a range `{ p5, p95, distribution? }`. */
export const UNCERTAIN_PATHS: readonly string[] = SCENARIO_FIELDS.filter((f) => f.ranged).map((f) => f.path);

/** The paths the model above places (RANGED): a test checks they are exactly the table's ranged fields. */
export const RANGED_MODEL_PATHS: readonly string[] = [...RANGED.keys()];

/**
 * What a draw below a field's exclusive lower bound of 0 (rates, service time, MTBF, MTTR, backup interval) is
 * clamped to: the smallest positive normal double, the smallest value such a field allows whose reciprocal is finite.
 */
const MIN_NORMAL = 2.2250738585072014e-308;

/** A finite value within the bounds. */
export function inBounds(value: number, bounds: Bounds): boolean {
  const above = bounds.minExclusive ? value > bounds.min : value >= bounds.min;
  return Number.isFinite(value) && above && (bounds.max === undefined || value <= bounds.max);
}

/**
 * The field that may be a range at a path, which may give an array index (`tiers[2].serviceTime` is the row
 * `tiers[].serviceTime`, at index 2).
 * @throws {RangeError} the path cannot be a range
 */
function locate(path: string): { field: RangedField; index: number } {
  let found = LOCATED.get(path);
  if (found === undefined) {
    const field = RANGED.get(path.replace(/\[\d+\]/g, '[]'));
    if (field === undefined) {
      throw new RangeError(`${path} cannot be a range; the fields that can: ${UNCERTAIN_PATHS.join(', ')}`);
    }
    const index = /\[(\d+)\]/.exec(path)?.[1];
    found = { field, index: index === undefined ? 0 : Number(index) };
    if (LOCATED.size >= MAX_LOCATED) LOCATED.clear();
    LOCATED.set(path, found);
  }
  return found;
}

/** locate's answers by path (a pure function of it: every scenario read asks for the same few paths again). */
const LOCATED = new Map<string, { field: RangedField; index: number }>();
/**
 * A bound on LOCATED over an endless stream (`run - --jsonl`): above the most paths a valid scenario can range (each
 * ranged row, a tier's row at each of at most MAX_TIERS indices; uncertain.test counts them against it), so the memo
 * clears only on paths no valid scenario has.
 */
export const MAX_LOCATED = 1000;

/** The bounds and model of the field at a path that may be a range (an array index allowed, as locate). */
export function rangedField(path: string): RangedField {
  return locate(path).field;
}

/** The point value of a range: sqrt(p5 p95) for lognormal, (p5 + p95) / 2 otherwise; always in [p5, p95]. */
export function rangeMedian(p5: number, p95: number, distribution: RangeDistribution): number {
  if (p5 === p95) return p5;
  let m: number;
  if (distribution === 'lognormal') {
    const product = p5 * p95; // sqrt of the product where it neither overflows nor underflows
    m = Number.isFinite(product) && product >= MIN_NORMAL ? Math.sqrt(product) : Math.sqrt(p5) * Math.sqrt(p95);
  } else m = p5 / 2 + p95 / 2; // = (p5 + p95) / 2 without overflow
  return Math.min(p95, Math.max(p5, m));
}

/**
 * The value of the field at `path` (a raw path that may be a range, see UNCERTAIN_PATHS) in a scenario, SI; null
 * where the field is unset and means "none" (averageRate: the peak rate is used).
 * @throws {RangeError} the path cannot be a range
 * @example fieldValue(s, 'workload.peakRate') // s.workload.peakRatePerS
 */
export function fieldValue(scenario: Scenario, path: string): number | null {
  const { field, index } = locate(path);
  return field.get(scenario, index);
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
  const { field, index } = locate(path);
  if (!inBounds(value, field)) {
    const lo = `${field.minExclusive ? '>' : '>='} ${field.min}`;
    throw new RangeError(
      `withValue: ${path} = ${value} is not valid (expected a finite number ${lo}${field.max === undefined ? '' : ` and <= ${field.max}`})`,
    );
  }
  const freed = path.startsWith('workload.usl.') ? [path, 'workload.usl'] : [path];
  return {
    ...field.set(scenario, value, index),
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
