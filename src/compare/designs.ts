/**
 * Which designs the analyses that re-run the engine at many points compare (sweeps, sensitivity, the growth chart),
 * and a memo of the comparisons they repeat. Pure: the catalog comes in as an argument, nothing is read or written.
 *
 * The contract ("The search"): when the scenario names no architectures, every point runs the search again (its best
 * vertical and best horizontal design are those of the point's own inputs), unless the designs are frozen
 * (`--freeze`): then today's searched designs are kept; and every analysis says which it did (`Designs`). A scenario
 * that names its architectures is compared on its own candidates at every point, frozen or not.
 */

import type { Catalog } from '../catalog/index.js';
import type { ArchitectureSpec, Scenario } from '../scenario/types.js';
import { compareScenario } from './index.js';
import { pricingOf } from './nodePrice.js';
import type { ComparisonResult } from './result.js';
import { designOf } from './simulationPlan.js';
import { resizedSystem } from './tiers/systemOf.js';

/**
 * How the designs at each point were chosen:
 * - `searched at every point`: the scenario names no architectures; each point is searched afresh;
 * - `frozen`: the scenario names no architectures, but the designs found at its own values are kept (`--freeze`);
 * - `candidates`: the scenario names its architectures; they are compared at every point (nothing to search).
 */
export type Designs = 'searched at every point' | 'frozen' | 'candidates';

export const DESIGNS: readonly Designs[] = ['searched at every point', 'frozen', 'candidates'];

/**
 * The designs an analysis of `scenario` compares, given whether freezing was asked for (freezing a scenario that names
 * its architectures changes nothing: they are its own).
 */
export function designsOf(scenario: Scenario, freeze: boolean): Designs {
  if (scenario.architectures !== null) return 'candidates';
  return freeze ? 'frozen' : 'searched at every point';
}

/** What to say when freezing is asked for a scenario that names its architectures (not an error). */
export const FREEZE_NOTE =
  "--freeze: the scenario names its architectures, so the designs are the scenario's own at every point (there is no search to freeze)";

/**
 * The searched designs of a result as explicit candidates with the same names: instance type, region(s), standby,
 * spares, zones and balancer kept; horizontal node counts left to be re-sized (as the engine sizes an explicit
 * candidate without `nodes`), vertical sizes kept.
 */
export function frozenArchitectures(catalog: Catalog, base: ComparisonResult): ArchitectureSpec[] {
  return base.architectures.map((r): ArchitectureSpec => {
    if (r.tiers?.every((t) => t.kind !== 'co-located')) return resizedSystem(catalog, r, true);
    const d = designOf(catalog, r);
    const { family, size } = d.instance;
    const model = pricingOf(r);
    const pricing = model === undefined ? {} : { pricing: model };
    if (d.kind === 'vertical') {
      const { name, region, standby, standbyRegion } = d;
      const deploy = d.deploy === undefined ? {} : { deploy: d.deploy };
      return { kind: 'vertical', name, family, size, region, standby, standbyRegion, ...pricing, ...deploy };
    }
    const { name, spares, zones, regions, balancer } = d;
    const a = r.autoscaling;
    return {
      kind: 'horizontal',
      name,
      family,
      size,
      nodes: null,
      spares,
      zones,
      regions: [...regions],
      balancer,
      ...pricing,
      ...(d.deploy === undefined ? {} : { deploy: d.deploy }),
      ...(a === undefined ? {} : { autoscaling: { minNodes: a.minNodes, scaleOutTimeS: a.scaleOutTimeS } }),
    };
  });
}

/** A comparison of one scenario (compareScenario, or a memo of it). */
export type Compare = (scenario: Scenario) => ComparisonResult;

/** JSON with the non-finite numbers kept apart (JSON.stringify writes Infinity and NaN as null). */
function keyOf(scenario: Scenario): string {
  return JSON.stringify(scenario, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? `__${String(v)}` : v,
  );
}

/**
 * compareScenario memoised on the whole scenario: a point that two analyses (or two inputs of one) reach with equal
 * inputs is compared once. compareScenario is a pure function of the scenario and the catalog, so a hit returns what
 * a fresh comparison would. The memo keeps at most `limit` results (the oldest dropped first).
 */
export function memoCompare(catalog: Catalog, limit = 2048): Compare {
  const memo = new Map<string, ComparisonResult>();
  return (scenario) => {
    const key = keyOf(scenario);
    let r = memo.get(key);
    if (r === undefined) {
      r = compareScenario(scenario, catalog);
      if (memo.size >= limit) memo.delete(memo.keys().next().value as string);
      memo.set(key, r);
    }
    return r;
  };
}
