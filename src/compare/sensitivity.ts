/**
 * Sensitivity of the decision to the inputs (the design-review worksheet's "Sensitivity" section): a tornado of the
 * inputs that move the monthly cost of the recommended design most, each varied one at a time over its range (an
 * input the scenario gives as a range: its p5 and p95) or base x (1 - r) and base x (1 + r), with the input values
 * at which the recommendation changes. Pure: the catalog comes in as an argument, nothing is read or written.
 *
 * The designs compared at each point (`designs`, see designs.ts): when the scenario names no architectures, every
 * point runs the search again (compareScenario of the scenario with that input value), so the best vertical and best
 * horizontal design of a point are those of its inputs. With `freeze`, the searched designs of `base` are kept as
 * explicit candidates instead (instance type, regions, standby, spares, zones, balancer; horizontal node counts are
 * re-sized at every point, as the engine sizes explicit candidates). A scenario that names its architectures is
 * compared on them as it gives them (those without a size or node count are re-sized by compareScenario). Every
 * point is one analytic compareScenario (no simulation, no propagation of ranges: the other inputs stay at their
 * base values), memoised: equal points are compared once.
 */

import type { Catalog } from '../catalog/index.js';
import { SCENARIO_FIELDS, type ScenarioField, type SensitivityView } from '../scenario/fields.js';
import type { Scenario } from '../scenario/types.js';
import { clampToField, fieldValue, withValue } from '../scenario/uncertain.js';
import {
  formatByteRate,
  formatBytes,
  formatDuration,
  formatPercent,
  formatRate,
  formatSig,
  formatUsd,
} from '../units/format.js';
import { type Compare, type Designs, designsOf, frozenArchitectures, memoCompare } from './designs.js';
import type { ArchitectureResult, ComparisonResult } from './result.js';

export interface SensitivityFlip {
  /** Input value (SI, like `base`) at which the recommendation changes, to 1% relative. */
  value: number;
  /** `value` formatted for people (see `display`). */
  display: string;
  /** Recommendation on the side of the base value (null: none meets every target). */
  from: string | null;
  /** Recommendation beyond it, further from the base value. */
  to: string | null;
}

export interface SensitivityInput {
  /** Field path, as written in the scenario file: "workload.peakRate", "targets.availability". */
  path: string;
  /** Plain words: "peak rate", "node MTBF". */
  label: string;
  /** The unit people read it in ("/s", "h", "%"); the numbers below stay SI (seconds, bytes, fractions, per second). */
  unit: string;
  base: number;
  low: number;
  high: number;
  /** base, low and high formatted for people (see `display`): "4k/s", "4380 h", "99.95%". */
  displayBase: string;
  displayLow: string;
  displayHigh: string;
  /** 'range': the scenario's p5 and p95; 'relative': base x (1 -/+ relative), clamped to valid values. */
  source: 'range' | 'relative';
  /** Monthly cost of the base recommended candidate (or, when none, the base's cheapest candidate) at low and high. */
  costLow: number;
  costHigh: number;
  /** |costHigh - costLow|, USD/month. */
  swingUsdPerMonth: number;
  recommendationLow: string | null;
  recommendationHigh: string | null;
  /** Where the recommendation changes, found by bisection in [low, base] and [base, high]; ascending by value. */
  flips: SensitivityFlip[];
}

export interface SensitivityResult {
  relative: number;
  baseRecommendation: string | null;
  /** Sorted by swing, largest first (ties: more flips first, then the order of the scenario's fields). */
  inputs: SensitivityInput[];
  /** Which designs every point compares: searched afresh, frozen at the base's, or the scenario's candidates. */
  designs: Designs;
  method: string;
}

export interface SensitivityOptions {
  /** Relative variation of the inputs not given as ranges, in (0, 1); default 0.5 (+/-50%). */
  relative?: number;
  /**
   * Keep the searched designs of `base` at every point instead of searching again (only when the scenario names no
   * architectures; otherwise its candidates are compared either way). Default false.
   */
  freeze?: boolean;
  /** The comparison of a point (default: a memo of compareScenario for this call); share one to share points. */
  compare?: Compare;
  /**
   * Called after each evaluation (a comparison of a point) with the evaluations done and an estimate of the total:
   * those done plus those expected (the inputs' ends not yet compared, and each flip's bisection steps, estimated
   * from its bracket when it starts and corrected when it ends). The total is never below `done` but may grow;
   * the last call has done === total.
   */
  onProgress?: (done: number, total: number) => void;
}

/** Default relative variation: +/-50%. */
export const DEFAULT_RELATIVE = 0.5;
/** Bisection stops when the bracket is within this fraction of the value. */
const FLIP_TOLERANCE = 0.01;
/** Highest maximum utilisation a variation sets (the field must stay below 1). */
const MAX_UTILIZATION_CAP = 0.99;
/** Highest unavailability target a variation sets (the availability target must stay above 0). */
const MAX_UNAVAILABILITY_CAP = 0.99;
/** Most bisection steps per flip (a bracket around 0 never gets within 1% of its value). */
const MAX_STEPS = 60;

type Kind = 'rate' | 'duration' | 'hours' | 'bytes' | 'byteRate' | 'fraction' | 'money' | 'number';

/**
 * One input. Values are handled in a coordinate: the SI value itself, except for the availability target, whose
 * coordinate is the unavailability (varied multiplicatively and bisected to 1% of it, so that the nines move
 * meaningfully); `value` turns a coordinate into the reported SI value.
 */
interface InputDef {
  path: string;
  label: string;
  unit: string;
  kind: Kind;
  /** The coordinate in the scenario; null: the input does not apply (no budget, no average rate). */
  get(s: Scenario): number | null;
  /** A copy of the scenario with the coordinate set (valid coordinates only: see `clamp`). */
  set(s: Scenario, c: number): Scenario;
  /** Moves a coordinate into the field's valid values, given the base coordinate. */
  clamp(c: number, base: number): number;
  /** Reported value of a coordinate (identity, or 1 - unavailability). */
  value(c: number): number;
  /** The coordinate of a reported value (inverse of `value`). */
  coord(v: number): number;
  /** Coordinates of the two ends for a relative variation r, in any order. */
  vary(c: number, r: number): [number, number];
}

const identity = (x: number): number => x;
const linear = (c: number, r: number): [number, number] => [c * (1 - r), c * (1 + r)];

/** A workload or reliability figure (withValue sets it; see UNCERTAIN_PATHS), within the field's own bounds. */
function rangedInput(path: string, label: string, unit: string, kind: Kind): InputDef {
  return {
    path,
    label,
    unit,
    kind,
    get: (s) => fieldValue(s, path),
    set: (s, c) => withValue(s, path, c),
    // a variation stays within the field's bounds (a peak rate at its maximum cannot go 50% higher)
    clamp: (c) => clampToField(path, c),
    value: identity,
    coord: identity,
    vary: linear,
  };
}

/** Where a target's value lies (withValue does not set the targets): written on a copy of `scenario.targets`. */
interface TargetModel {
  get(s: Scenario): number | null;
  put(t: Scenario['targets'], c: number): Scenario['targets'];
  clamp?(c: number, base: number): number;
}

/** The models of the targets the table marks for variation, by path (the availability target apart: AVAILABILITY). */
const TARGETS: Readonly<Record<string, TargetModel>> = {
  'targets.p99': { get: (s) => s.targets.p99S, put: (t, c) => ({ ...t, p99S: c }) },
  'targets.budget': { get: (s) => s.targets.budgetUsdPerMonth, put: (t, c) => ({ ...t, budgetUsdPerMonth: c }) },
  'targets.maxUtilization': {
    get: (s) => s.targets.maxUtilization,
    put: (t, c) => ({ ...t, maxUtilization: c }),
    clamp: (c, base) => Math.min(c, Math.max(base, MAX_UTILIZATION_CAP)),
  },
};

function targetInput(path: string, label: string, unit: string, kind: Kind): InputDef {
  const model = TARGETS[path];
  if (model === undefined) throw new RangeError(`sensitivity: no model for ${path}`);
  return {
    path,
    label,
    unit,
    kind,
    get: model.get,
    set: (s, c) => ({ ...s, targets: model.put({ ...s.targets }, c) }),
    clamp: model.clamp ?? identity,
    value: identity,
    coord: identity,
    vary: linear,
  };
}

/** The availability target, varied through its unavailability. */
function availabilityInput(path: string, label: string, unit: string): InputDef {
  return {
    path,
    label,
    unit,
    kind: 'fraction',
    get: (s) => s.targets.unavailability,
    // availability = 1 - unavailability, both written so that they stay complements
    set: (s, u) => ({ ...s, targets: { ...s.targets, unavailability: u, availability: 1 - u } }),
    clamp: (u, base) => Math.min(u, Math.max(base, MAX_UNAVAILABILITY_CAP)),
    value: (u) => 1 - u,
    coord: (v) => 1 - v,
    // the unavailability x (1 - r) and / (1 - r): x0.5 and x2 at r = 0.5
    vary: (u, r) => [u * (1 - r), u / (1 - r)],
  };
}

/** How a value of each unit kind is shown (a duration in hours where the table says so). */
const SHOWN_AS: Readonly<Partial<Record<ScenarioField['kind'], Kind>>> = {
  rate: 'rate',
  duration: 'duration',
  size: 'bytes',
  byteRate: 'byteRate',
  fraction: 'fraction',
  moneyRate: 'money',
  number: 'number',
};

/** The input of a row of the table of fields that has a sensitivity view. */
function inputOf(f: ScenarioField, view: SensitivityView): InputDef {
  const kind = view.hours ? 'hours' : SHOWN_AS[f.kind];
  if (kind === undefined) throw new RangeError(`sensitivity: ${f.path} is not a figure`);
  if (f.path === 'targets.availability') return availabilityInput(f.path, view.label, view.unit);
  if (f.ranged) return rangedInput(f.path, view.label, view.unit, kind);
  return targetInput(f.path, view.label, view.unit, kind);
}

/**
 * The inputs (scenario/fields.ts: the rows with a sensitivity view), in the tornado's order; those not marked
 * `always` are varied only when the scenario gives them as a range.
 */
const DEFS: readonly { def: InputDef; always: boolean }[] = SCENARIO_FIELDS.flatMap((f) =>
  f.sensitivity ? [{ f, view: f.sensitivity }] : [],
)
  .sort((a, b) => a.view.at - b.view.at)
  .map(({ f, view }) => ({ def: inputOf(f, view), always: view.always }));

/** The paths varied by default, then those varied only when given as ranges, in the tornado's order. */
export const SENSITIVITY_PATHS: { readonly always: readonly string[]; readonly rangeOnly: readonly string[] } = {
  always: DEFS.filter((d) => d.always).map((d) => d.def.path),
  rangeOnly: DEFS.filter((d) => !d.always).map((d) => d.def.path),
};

const BY_PATH: ReadonlyMap<string, InputDef> = new Map(DEFS.map(({ def }) => [def.path, def]));

/**
 * A system of tiers' own inputs, after the scenario's: each tier's CPU time per call, a cache's hit ratio and a
 * database's write fraction (addressed by index, `tiers[2].serviceTime`, as withValue and the ranges take them).
 */
function tierInputs(scenario: Scenario): InputDef[] {
  return (scenario.tiers ?? []).flatMap((t, i) => {
    const out = [rangedInput(`tiers[${i}].serviceTime`, `${t.name}: CPU time per call`, 'ms', 'duration')];
    if (t.role === 'cache') out.push(rangedInput(`tiers[${i}].hitRatio`, `${t.name}: hit ratio`, '%', 'fraction'));
    if (t.role === 'database' && t.writeFraction > 0) {
      out.push(rangedInput(`tiers[${i}].writeFraction`, `${t.name}: write fraction`, '%', 'fraction'));
    }
    return out;
  });
}

/** The kinds of a tier's inputs (tierInputs), by key. */
const TIER_INPUT_KINDS: Readonly<Record<string, [string, Kind]>> = {
  serviceTime: ['ms', 'duration'],
  hitRatio: ['%', 'fraction'],
  writeFraction: ['%', 'fraction'],
};

function inputDef(path: string): InputDef {
  const tier = /^tiers\[(\d+)\]\.(\w+)$/.exec(path);
  const tierKind = tier === null ? undefined : TIER_INPUT_KINDS[tier[2] as string];
  const def = BY_PATH.get(path) ?? (tierKind ? rangedInput(path, path, tierKind[0], tierKind[1]) : undefined);
  if (def === undefined) throw new RangeError(`sensitivity: no input ${path}`);
  return def;
}

/**
 * A copy of the scenario with one input set to `value` (SI, as in SensitivityInput: the availability target as a
 * fraction, its unavailability written as 1 - value). For checking a flip, or for a what-if at one value.
 * @throws {RangeError} an unknown path, or a value outside the field's valid values
 */
export function withInput(scenario: Scenario, path: string, value: number): Scenario {
  const def = inputDef(path);
  return def.set(scenario, def.coord(value));
}

/**
 * A value of an input formatted for people: rates with formatRate ("4k/s"), durations with formatDuration ("12 ms"),
 * MTBF, MTTR and backup intervals in hours ("4380 h", as the scenario files write them), sizes with formatBytes (data rates per second),
 * fractions as percentages, money with formatUsd per month, other numbers with 3 significant figures.
 * @param input the input (or its path)
 * @param value SI value, as in SensitivityInput
 */
export function display(input: string | { path: string }, value: number): string {
  const def = inputDef(typeof input === 'string' ? input : input.path);
  switch (def.kind) {
    case 'rate':
      return formatRate(value);
    case 'duration':
      return formatDuration(value);
    case 'hours':
      return `${formatSig(value / 3600, 3)} h`;
    case 'bytes':
      return formatBytes(value);
    case 'byteRate':
      return formatByteRate(value);
    case 'fraction':
      return formatPercent(value);
    case 'money':
      return `${formatUsd(value)}/month`;
    default:
      return formatSig(value, 3);
  }
}

interface Point {
  recommendation: string | null;
  cost: number;
}

/** An input to vary: its base coordinate and the coordinates of its two ends. */
interface Plan {
  def: InputDef;
  /** Its place in the tornado's order (ties of the sort). */
  order: number;
  c0: number;
  source: 'range' | 'relative';
  ends: [number, number];
}

/** The inputs of the scenario that apply (a value to vary), with their ends. */
function plan(scenario: Scenario, relative: number): Plan[] {
  const ranges = new Map(scenario.uncertain.map((u) => [u.path, u]));
  const defs = [...DEFS.filter((d) => d.always || ranges.has(d.def.path)).map((d) => d.def), ...tierInputs(scenario)];
  return defs.flatMap((def, order): Plan[] => {
    const c0 = def.get(scenario);
    if (c0 === null) return [];
    const range = ranges.get(def.path);
    if (range !== undefined)
      return [{ def, order, c0, source: 'range', ends: [def.coord(range.p5), def.coord(range.p95)] }];
    const [a, b] = def.vary(c0, relative);
    return [{ def, order, c0, source: 'relative', ends: [def.clamp(a, c0), def.clamp(b, c0)] }];
  });
}

/**
 * The evaluations `sensitivity` makes at least (flips aside): the base, and every input's ends that differ from
 * its base value. For weighting its progress against other work before it starts.
 */
export function plannedEvaluations(scenario: Scenario, opts: Pick<SensitivityOptions, 'relative'> = {}): number {
  return evaluationsOf(plan(scenario, opts.relative ?? DEFAULT_RELATIVE));
}

/** The base and the distinct ends of every input that differ from its base value. */
function evaluationsOf(plans: readonly Plan[]): number {
  return plans.reduce((n, p) => n + new Set(p.ends.filter((e) => e !== p.c0)).size, 1);
}

/**
 * Sensitivity of the recommendation to each input, one at a time.
 * @param base the comparison of `scenario` (its recommendation and, for a searched scenario, its designs)
 * @throws {RangeError} `relative` not in (0, 1)
 */
export function sensitivity(
  scenario: Scenario,
  catalog: Catalog,
  base: ComparisonResult,
  opts: SensitivityOptions = {},
): SensitivityResult {
  const relative = opts.relative ?? DEFAULT_RELATIVE;
  if (!(relative > 0 && relative < 1)) {
    throw new RangeError(`sensitivity: relative must be in (0, 1), got ${relative}`);
  }
  // a system of tiers: the base's designs frozen, also when the scenario names its candidates (a search of the tiers'
  // sizes at every probe takes up to seconds; a frozen system is a handful of node counts)
  const designs: Designs = scenario.tiers !== null ? 'frozen' : designsOf(scenario, opts.freeze ?? false);
  const compare = opts.compare ?? memoCompare(catalog);
  const fixed: Scenario = {
    ...scenario,
    architectures: designs === 'frozen' ? frozenArchitectures(catalog, base) : scenario.architectures,
    simulation: null,
    uncertain: [],
  };
  const subject =
    base.recommendation.name ??
    base.architectures.reduce<ArchitectureResult | null>(
      (best, a) => (best === null || a.cost.usdPerMonth < best.cost.usdPerMonth ? a : best),
      null,
    )?.name ??
    null;
  // progress: evaluations done, and those expected (the base, every input's ends, the flips' steps as they start)
  const plans = plan(scenario, relative);
  let done = 0;
  let expected = evaluationsOf(plans);
  const onProgress = opts.onProgress;
  const evaluate = (s: Scenario): Point => {
    const r = compare(s);
    const a = r.architectures.find((x) => x.name === subject);
    if (onProgress) {
      done++;
      onProgress(done, Math.max(done, expected));
    }
    return { recommendation: r.recommendation.name, cost: a?.cost.usdPerMonth ?? Number.NaN };
  };
  const expect = (n: number): void => {
    expected += n;
  };
  const basePoint = evaluate(fixed);

  const rows: { input: SensitivityInput; order: number }[] = [];
  for (const { def, order, c0, source, ends } of plans) {
    const cache = new Map<number, Point>([[c0, basePoint]]);
    const at = (c: number): Point => {
      let p = cache.get(c);
      if (p === undefined) {
        p = evaluate(def.set(fixed, c));
        cache.set(c, p);
      }
      return p;
    };
    const flips: SensitivityFlip[] = [];
    for (const end of ends) if (end !== c0) bisect(at, def, c0, end, flips, expect);
    flips.sort((x, y) => x.value - y.value);
    // low and high as reported values (for the availability target, the larger unavailability is the lower value)
    const [lowC, highC] = def.value(ends[0]) <= def.value(ends[1]) ? ends : [ends[1], ends[0]];
    const pl = at(lowC);
    const ph = at(highC);
    rows.push({
      order,
      input: {
        path: def.path,
        label: def.label,
        unit: def.unit,
        base: def.value(c0),
        low: def.value(lowC),
        high: def.value(highC),
        displayBase: display(def.path, def.value(c0)),
        displayLow: display(def.path, def.value(lowC)),
        displayHigh: display(def.path, def.value(highC)),
        source,
        costLow: pl.cost,
        costHigh: ph.cost,
        swingUsdPerMonth: Math.abs(ph.cost - pl.cost),
        recommendationLow: pl.recommendation,
        recommendationHigh: ph.recommendation,
        flips,
      },
    });
  }
  onProgress?.(done, done);
  rows.sort(
    (x, y) =>
      y.input.swingUsdPerMonth - x.input.swingUsdPerMonth ||
      y.input.flips.length - x.input.flips.length ||
      x.order - y.order,
  );

  const pct = `${formatSig(relative * 100, 3)}%`;
  const ranged = scenario.uncertain.length > 0 ? '; inputs given as ranges over their p5 to p95' : '';
  const compared = {
    'searched at every point':
      'the scenario at that value, searched again (its best vertical and best horizontal design found at every point)',
    frozen:
      'the searched designs frozen as explicit candidates (instance type, regions, standby, spares, zones and balancer fixed; horizontal node counts re-sized at each point)',
    candidates: "the scenario's candidates as given (those without a size or node count re-sized at each point)",
  }[designs];
  const swing =
    subject === null
      ? 'no candidate'
      : `${subject}${designs === 'searched at every point' ? ' as found at each point' : ''}${base.recommendation.name === null ? ' (no candidate is recommended: the cheapest)' : ''}`;
  const method =
    `Inputs varied one at a time, the others at their base values: each to base x (1 - ${pct}) and base x (1 + ${pct}), ` +
    `clamped to valid values (maximum utilisation at most ${MAX_UTILIZATION_CAP}; the availability target through its unavailability, ` +
    `x ${formatSig(1 - relative, 3)} and x ${formatSig(1 / (1 - relative), 3)})${ranged}. ` +
    `Every point is the analytic comparison (no simulation) of ${compared}. ` +
    `Swing: the change in monthly cost of ${swing} between the two ends. ` +
    `Flips: where the recommendation changes, by bisection between the base value and each end to ${FLIP_TOLERANCE * 100}% relative ` +
    '(a change and back within one side is not seen).';
  return { relative, baseRecommendation: base.recommendation.name, inputs: rows.map((r) => r.input), designs, method };
}

/**
 * The values in [base, end] (coordinates) where the recommendation changes, appended to `out`; `from` is the side
 * of the base. Recurses where the midpoint differs from both ends (a change through a third candidate).
 */
function bisect(
  at: (c: number) => Point,
  def: InputDef,
  c0: number,
  end: number,
  out: SensitivityFlip[],
  expect: (n: number) => void = () => {},
): void {
  // a bracket around 0 never gets within 1% of its value: it stops at a millionth of the side's width instead
  const floor = Math.abs(end - c0) * 1e-6;
  const search = (a: number, ra: string | null, b: number, rb: string | null): void => {
    // the steps expected (the bracket halves at each until it is within the tolerance), corrected at the end
    const threshold = Math.max(FLIP_TOLERANCE * Math.min(Math.abs(a), Math.abs(b)), floor);
    const estimate = Math.min(MAX_STEPS, Math.max(0, Math.ceil(Math.log2(Math.abs(b - a) / threshold))));
    expect(estimate);
    for (let step = 0; ; step++) {
      const width = Math.abs(b - a);
      if (width <= FLIP_TOLERANCE * Math.min(Math.abs(a), Math.abs(b)) || width <= floor || step >= MAX_STEPS) {
        const value = def.value(a / 2 + b / 2);
        out.push({ value, display: display(def.path, value), from: ra, to: rb });
        expect(step - estimate);
        return;
      }
      const m = a / 2 + b / 2;
      const rm = at(m).recommendation;
      if (rm !== ra && rm !== rb) {
        expect(step + 1 - estimate);
        search(a, ra, m, rm);
        search(m, rm, b, rb);
        return;
      }
      if (rm === ra) a = m;
      else b = m;
    }
  };
  const r0 = at(c0).recommendation;
  const re = at(end).recommendation;
  if (r0 !== re) search(c0, r0, end, re);
}
