/**
 * Cost against load (the growth chart): the monthly cost of the best vertical and best horizontal design at multiples
 * of the scenario's design rate, and the load at which scaling out becomes the cheaper (or the only) way. Pure: the
 * catalog comes in as an argument, nothing is read or written.
 *
 * Which designs (`designs`, see designs.ts):
 * - the scenario names no architectures: at every load the search runs again (`searchVertical`, `searchHorizontal`,
 *   as compareScenario runs them) on the scenario at that load without its budget, so a point's designs are what
 *   `capplan run` finds at that load with `targets.budget` removed: the cheapest designs that meet every other
 *   target. The budget is left out because the chart asks what carrying each load costs (it is drawn against the
 *   budget, and `meetsAllTargets` still checks it): with it, beyond the budget the search ranks designs by their
 *   shortfall and may return one that does not carry the load at all, leaving a gap where the cost should be. The
 *   re-sized designs below ignore the budget in the same way;
 * - with `freeze`, or when the scenario names its architectures: the result's best vertical and best horizontal
 *   design keep their shape (vertical: family, region, standby; horizontal: instance type, regions, spares, zones,
 *   balancer) and are re-sized at the new load exactly as the engine sizes them (vertical: the smallest size of the
 *   family that meets the targets, `sizeVertical`; horizontal: the fewest nodes per region, `nodesPerRegion`). A
 *   candidate whose size or node count the scenario fixed is re-sized too, so its multiplier-1 point can differ from
 *   the result.
 * - a system of tiers: always the result's designs re-sized (a search of the tiers at every load would take tens of
 *   seconds): co-located candidates as above on the co-located scenario, per-tier candidates with every vertical tier
 *   re-sized within its family and every horizontal tier's node counts re-sized (tiers/index.ts, resolveTiered).
 */

import type { Catalog } from '../catalog/index.js';
import type { Scenario } from '../scenario/types.js';
import { buildContext, type Context, withPricing } from './context.js';
import { type Designs, designsOf } from './designs.js';
import { evaluateHorizontal } from './evaluateHorizontal.js';
import { horizontalLayout } from './layout.js';
import { pricingOf } from './nodePrice.js';
import type { ArchitectureResult, ComparisonResult } from './result.js';
import { searchHorizontal } from './searchHorizontal.js';
import { designOf } from './simulationPlan.js';
import { better, type HorizontalSpec, nodesPerRegion, searchVertical, sizeVertical } from './size.js';
import { type MissedTarget, missedTargets } from './targets.js';
import { withCoLocatedTiers } from './tiers/coLocated.js';
import { resolveTiered, tieredContext } from './tiers/index.js';
import { resizedSystem } from './tiers/systemOf.js';

export interface CurvePoint {
  /** Monthly cost of the design re-sized for this load, USD (internet egress excluded, as in the result). */
  usdPerMonth: number;
  /**
   * Whether the design carries the load: it meets the utilisation, memory and p99 targets (what re-sizing aims at).
   * Availability and budget do not depend on re-sizing in the same way; see `meetsAllTargets`.
   */
  feasible: boolean;
  /** Why it cannot carry the load (the limits missed, most binding first); absent when feasible. */
  reason?: string;
  /** Meets every target of the scenario, availability and budget included (the result's `feasible`). */
  meetsAllTargets: boolean;
  /** Instance type (for an infeasible vertical: the closest size, as the engine reports it). */
  instance: string;
  /** Nodes in total (1 for a vertical design). */
  nodes: number;
}

export interface CurveRow {
  /** Multiple of the scenario's design rate. */
  multiplier: number;
  /** The design rate at this multiplier, requests per second. */
  designRatePerS: number;
  vertical: CurvePoint | null;
  horizontal: CurvePoint | null;
}

export interface CostCurve {
  /** Which designs every load compares: searched afresh, frozen at the result's, or the scenario's candidates. */
  designs: Designs;
  points: CurveRow[];
  /**
   * `cheaper`: the lowest load at which the horizontal design becomes cheaper than the vertical one with both
   * feasible (linear in log rate between the bracketing points); `vertical-runs-out`: when that never happens, the
   * load at which the vertical design stops carrying the load while the horizontal one still does. null: neither.
   */
  crossover: { ratePerS: number; kind: 'cheaper' | 'vertical-runs-out' } | null;
  /**
   * Every load where the cheaper of the two designs changes while both carry the load (linear in log rate between the
   * bracketing points), in increasing load, with the kind cheaper above it: the curves may cross more than once.
   */
  crossings: { ratePerS: number; cheaper: 'vertical' | 'horizontal' }[];
  /**
   * The lowest load at which the vertical design can no longer carry the load, found by bisection (to 0.05% in rate)
   * between the last point where it can and the first where it cannot; when it cannot at any point, the first
   * point's rate. `reason` is the first infeasible point's (the binding limit first). null: it carries the load at
   * every point, or there is no vertical design. With designs searched at every point, "the vertical design" is the
   * best vertical design the search finds at each load (the bisection searches too).
   */
  verticalLimit: { ratePerS: number; reason: string } | null;
}

/** The points of the cost-vs-load curve the TUI and the worksheet both draw (one curve, one set of crossings). */
export const CURVE_POINTS = 25;

/** The targets that say whether a design carries the load (carriesLoad). */
const CAPACITY: ReadonlySet<MissedTarget['limit']> = new Set(['memory', 'CPU', 'p99']);

/**
 * `points` multipliers log-spaced from 0.1 to 10 that always include exactly 1 (for an even count the steps below
 * and above 1 differ slightly).
 */
export function defaultMultipliers(points = CURVE_POINTS): number[] {
  if (!Number.isInteger(points) || points < 3) throw new RangeError(`points must be an integer >= 3, got ${points}`);
  const below = Math.floor((points - 1) / 2);
  const above = points - 1 - below;
  const out: number[] = [];
  for (let j = 0; j < below; j++) out.push(10 ** (-1 + j / below));
  out.push(1);
  for (let j = 1; j <= above; j++) out.push(10 ** (j / above));
  return out;
}

/** The vertical limit's bisection stops when its bracket is this narrow (in log multiplier). */
const LIMIT_TOLERANCE = 5e-4;

/**
 * The steps costCurveSteps yields at most for these multipliers: one per distinct point, and the vertical limit's
 * bisection between the two farthest consecutive points (it runs at most once, and only when the vertical runs out
 * within the range). For weighting its progress against other work.
 */
export function costCurveStepsEstimate(multipliers: readonly number[]): number {
  const ms = [...new Set(multipliers)].sort((a, b) => a - b);
  let gap = 0;
  for (let i = 1; i < ms.length; i++) gap = Math.max(gap, Math.log((ms[i] as number) / (ms[i - 1] as number)));
  return ms.length + (gap > LIMIT_TOLERANCE ? Math.ceil(Math.log2(gap / LIMIT_TOLERANCE)) : 0);
}

/** The scenario without its budget (what the searched curve's points are searched on; see the file comment). */
function withoutBudget(scenario: Scenario): Scenario {
  return { ...scenario, targets: { ...scenario.targets, budgetUsdPerMonth: null } };
}

/** The scenario with its peak (and average) rate multiplied by m (analytic: no simulation, no ranges sampled). */
function scaled(scenario: Scenario, m: number): Scenario {
  const w = scenario.workload;
  return {
    ...scenario,
    simulation: null,
    uncertain: [],
    workload: {
      ...w,
      peakRatePerS: w.peakRatePerS * m,
      averageRatePerS: w.averageRatePerS === null ? null : w.averageRatePerS * m,
    },
  };
}

function bestOf(result: ComparisonResult, kind: ArchitectureResult['kind']): ArchitectureResult | null {
  let best: ArchitectureResult | null = null;
  for (const a of result.architectures) if (a.kind === kind && better(a, best)) best = a;
  return best;
}

/**
 * A design carries the load: its CPU, memory and p99 targets are met (cost, availability and the rest aside). A p99
 * missed because the network time alone exceeds the target (latency.networkP99Ms) is distance, not load: it does not
 * count against carrying the load.
 */
export function carriesLoad(r: ArchitectureResult, p99TargetS: number): boolean {
  const m = r.meetsTargets;
  return m.utilization && m.memory && (m.p99 || r.latency.networkP99Ms > p99TargetS * 1000);
}

/**
 * `family`: the vertical family re-sized (its reason says that no size of it carries the load); 'searched': the best
 * vertical design of the search at this load (its reason names it); null: a horizontal design.
 */
function point(
  ctx: Context,
  r: ArchitectureResult,
  family: string | 'searched' | null,
  budgetUsdPerMonth: number | null,
): CurvePoint {
  const feasible = carriesLoad(r, ctx.scenario.targets.p99S);
  const p: CurvePoint = {
    usdPerMonth: r.cost.usdPerMonth,
    feasible,
    // the scenario's budget too (a searched point is searched without it)
    meetsAllTargets: r.feasible && (budgetUsdPerMonth === null || r.cost.usdPerMonth <= budgetUsdPerMonth),
    instance: r.instance.name,
    nodes: r.nodes,
  };
  if (!feasible) {
    const limits = missedTargets(ctx, r).filter((x) => CAPACITY.has(x.limit));
    const text =
      limits.length > 0 ? limits.map((x) => x.text).join('; ') : (r.infeasibleReason ?? 'does not carry the load');
    const binding = limits[0]?.limit ?? 'capacity';
    if (family === null) p.reason = text;
    else if (family === 'searched') p.reason = `the best the search finds there, ${r.instance.name}: ${text}`;
    else p.reason = `no ${family} size meets the ${binding} limit; the closest, ${r.instance.name}: ${text}`;
  }
  return p;
}

type Sizer = (ctx: Context) => ArchitectureResult;

function verticalSizer(catalog: Catalog, r: ArchitectureResult): { family: string; size: Sizer } {
  const d = designOf(catalog, r);
  if (d.kind !== 'vertical') throw new RangeError(`${r.name} is not vertical`);
  const family = d.instance.family;
  const sizes = catalog.families.get(family);
  if (!sizes || sizes.length === 0) throw new RangeError(`unknown family ${family}`);
  const spec = {
    name: d.name,
    origin: d.origin,
    region: d.region,
    standby: d.standby,
    standbyRegion: d.standbyRegion,
  };
  const model = pricingOf(r);
  return { family, size: (ctx) => sizeVertical(withPricing(ctx, model ?? ctx.pricing), sizes, spec) };
}

function horizontalSizer(catalog: Catalog, r: ArchitectureResult): Sizer {
  const d = designOf(catalog, r);
  if (d.kind !== 'horizontal') throw new RangeError(`${r.name} is not horizontal`);
  const spec: HorizontalSpec = {
    name: d.name,
    origin: d.origin,
    regions: d.regions,
    spares: d.spares,
    zones: d.zones,
    balancer: d.balancer,
  };
  const model = pricingOf(r);
  return (at) => {
    const ctx = withPricing(at, model ?? at.pricing);
    const layout = horizontalLayout(ctx, spec.regions, spec.zones);
    const nodesByRegion = nodesPerRegion(ctx, d.instance, spec, layout);
    return evaluateHorizontal(ctx, { kind: 'horizontal', instance: d.instance, nodesByRegion, ...spec }, layout);
  };
}

/**
 * A tiered result re-sized at another load: a co-located system by the single-tier sizer on the co-located scenario,
 * per-tier designs by resolveTiered with every vertical tier's size and every horizontal tier's node counts left open.
 */
function systemSizer(
  catalog: Catalog,
  r: ArchitectureResult,
  single: (catalog: Catalog, r: ArchitectureResult) => { family: string; size: Sizer } | Sizer,
): { family: string; size: Sizer } {
  const tiers = r.tiers ?? [];
  if (tiers.some((t) => t.kind === 'co-located')) {
    const inner = single(catalog, r);
    const sizer = typeof inner === 'function' ? inner : inner.size;
    const family = typeof inner === 'function' ? (catalog.instance(r.instance.name)?.family ?? '') : inner.family;
    return {
      family,
      size: (ctx) => withCoLocatedTiers(ctx.scenario.tiers ?? [], sizer(tieredContext(ctx).coLocated)),
    };
  }
  const spec = resizedSystem(catalog, r);
  return {
    family: r.instance.name.split('.')[0] ?? '',
    size: (ctx) => resolveTiered(tieredContext(ctx), spec, () => r, r.regions[0] as string),
  };
}

export interface CostCurveOptions {
  /**
   * Keep the result's designs (re-sized at each load) instead of searching again at every load; only when the
   * scenario names no architectures (its candidates are re-sized either way). Default false.
   */
  freeze?: boolean;
}

/**
 * The cost of the best vertical and best horizontal design at each multiple of the scenario's design rate (searched
 * again at each load, or the result's re-sized: see the file comment; either may be absent), the crossover load and
 * the vertical limit.
 *
 * @param result the comparison of `scenario` (whose designs are re-sized unless they are searched at every load)
 * @param multipliers multiples of the design rate (> 0), e.g. `defaultMultipliers()`; points are sorted by them
 */
export function costCurve(
  scenario: Scenario,
  catalog: Catalog,
  result: ComparisonResult,
  multipliers: readonly number[],
  opts: CostCurveOptions = {},
): CostCurve {
  const steps = costCurveSteps(scenario, catalog, result, multipliers, opts);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * costCurve one evaluation at a time: the generator yields after every point and every bisection step (each a search
 * when the designs are searched at every load) and returns the curve, so that an interactive caller can handle
 * input between steps.
 */
export function* costCurveSteps(
  scenario: Scenario,
  catalog: Catalog,
  result: ComparisonResult,
  multipliers: readonly number[],
  opts: CostCurveOptions = {},
): Generator<undefined, CostCurve, undefined> {
  for (const m of multipliers) {
    if (!(m > 0 && Number.isFinite(m))) throw new RangeError(`multipliers must be finite and > 0, got ${m}`);
  }
  const ms = [...new Set(multipliers)].sort((a, b) => a - b);
  const designs = designsOf(scenario, (opts.freeze ?? false) || scenario.tiers !== null);
  let vs: { family: string | 'searched'; size: Sizer } | null;
  let hs: Sizer | null;
  if (scenario.tiers !== null) {
    const v = bestOf(result, 'vertical');
    const h = bestOf(result, 'horizontal');
    vs = v === null ? null : systemSizer(catalog, v, verticalSizer);
    hs = h === null ? null : systemSizer(catalog, h, horizontalSizer).size;
  } else if (designs === 'searched at every point') {
    // what compareScenario finds at that load: its architectures are [searchVertical(ctx), searchHorizontal(ctx)]
    vs = { family: 'searched', size: searchVertical };
    hs = searchHorizontal;
  } else {
    const v = bestOf(result, 'vertical');
    const h = bestOf(result, 'horizontal');
    vs = v === null ? null : verticalSizer(catalog, v);
    hs = h === null ? null : horizontalSizer(catalog, h);
  }

  const at = (m: number): Context => {
    const s = scaled(scenario, m);
    return buildContext(designs === 'searched at every point' ? withoutBudget(s) : s, catalog);
  };
  const budget = scenario.targets.budgetUsdPerMonth;
  const points: CurveRow[] = [];
  for (const m of ms) {
    const ctx = at(m);
    points.push({
      multiplier: m,
      designRatePerS: ctx.designRatePerS,
      vertical: vs === null ? null : point(ctx, vs.size(ctx), vs.family, budget),
      horizontal: hs === null ? null : point(ctx, hs(ctx), null, budget),
    });
    yield;
  }

  // the vertical limit: first infeasible point, refined by bisection in log multiplier from the last feasible one
  let verticalLimit: CostCurve['verticalLimit'] = null;
  let firstOut = -1;
  if (vs !== null) {
    firstOut = points.findIndex((p) => p.vertical?.feasible === false);
    const out = points[firstOut];
    if (out?.vertical) {
      const prev = firstOut > 0 ? points[firstOut - 1] : undefined;
      const reason = out.vertical.reason ?? '';
      let rate = out.designRatePerS;
      if (prev?.vertical?.feasible) {
        let lo = Math.log(prev.multiplier);
        let hi = Math.log(out.multiplier);
        while (hi - lo > LIMIT_TOLERANCE) {
          const mid = (lo + hi) / 2;
          const ctx = at(Math.exp(mid));
          if (carriesLoad(vs.size(ctx), ctx.scenario.targets.p99S)) lo = mid;
          else {
            hi = mid;
            rate = ctx.designRatePerS;
          }
          yield;
        }
      }
      verticalLimit = { ratePerS: rate, reason };
    }
  }

  // the first point where horizontal becomes the cheaper (crossingsOf lists every change of the cheaper kind)
  const crossings = crossingsOf(points);
  const cheaper = crossings.find((c) => c.cheaper === 'horizontal');
  let crossover: CostCurve['crossover'] = cheaper ? { ratePerS: cheaper.ratePerS, kind: 'cheaper' } : null;
  if (crossover === null && verticalLimit !== null && firstOut > 0) {
    // only a real transition counts: the vertical carried the load at the point before
    const out = points[firstOut] as CurveRow;
    const prev = points[firstOut - 1] as CurveRow;
    if (prev.vertical?.feasible && out.horizontal?.feasible) {
      crossover = { ratePerS: verticalLimit.ratePerS, kind: 'vertical-runs-out' };
    }
  }
  return { designs, points, crossover, crossings, verticalLimit };
}

/** Where the cheaper kind changes between consecutive points that both carry the load (CostCurve.crossings). */
function crossingsOf(points: readonly CurveRow[]): CostCurve['crossings'] {
  const out: CostCurve['crossings'] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as CurveRow;
    const b = points[i + 1] as CurveRow;
    if (!(a.vertical?.feasible && a.horizontal?.feasible && b.vertical?.feasible && b.horizontal?.feasible)) continue;
    const da = a.horizontal.usdPerMonth - a.vertical.usdPerMonth;
    const db = b.horizontal.usdPerMonth - b.vertical.usdPerMonth;
    if ((da >= 0 && db < 0) || (da < 0 && db >= 0)) {
      const la = Math.log(a.designRatePerS);
      const lb = Math.log(b.designRatePerS);
      out.push({
        ratePerS: Math.exp(la + ((lb - la) * da) / (da - db)),
        cheaper: db < 0 ? 'horizontal' : 'vertical',
      });
    }
  }
  return out;
}
