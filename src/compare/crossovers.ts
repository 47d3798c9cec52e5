/**
 * Crossovers of a sweep, read between consecutive steps that both evaluated: a `recommendation` crossover where the
 * recommended candidate changes, a `cheapest-kind` crossover where the cheapest design that carries the load (meets
 * the CPU, memory and p99 targets) switches between vertical and horizontal. Its `at` is where the cost difference of
 * the two designs changes sign, interpolated linearly in the value (geometrically for log sweeps), when both carry the
 * load (for a recommendation: meet every target) on both sides; otherwise the midpoint (the switch is then a target
 * starting or ceasing to be met, not a cost crossing), as `method` states.
 */

import { carriesLoad } from './costCurve.js';
import type { ArchitectureResult, ComparisonResult } from './result.js';
import { between } from './sweepSpacing.js';

export interface Crossover {
  kind: 'recommendation' | 'cheapest-kind';
  /** The values of the two consecutive steps it lies between. */
  from: number;
  to: number;
  /** Where it is: interpolated where the cost difference changes sign, or the midpoint (see `method`). */
  at: number;
  /** recommendation: the recommended candidate on each side (null: none meets every target); cheapest-kind: the kind. */
  before: string | null;
  after: string | null;
  /** cheapest-kind: the cheapest candidate that carries the load on each side. */
  beforeCandidate?: string;
  afterCandidate?: string;
  method: 'cost-difference' | 'midpoint';
  /** How `at` was found, in words. */
  note: string;
}

/** A value for a sentence: 6 significant digits. */
const num = (x: number): string => String(Number(x.toPrecision(6)));

/** Where d0 + (d1 - d0) t = 0, for a sign change of d (0.5 when d does not change). */
function zeroOf(d0: number, d1: number): number {
  return d0 === d1 ? 0.5 : d0 / (d0 - d1);
}

function byName(r: ComparisonResult, name: string): ArchitectureResult | undefined {
  return r.architectures.find((a) => a.name === name);
}

/** The cheapest candidate of a kind (or of any kind) that carries the load. */
function cheapest(r: ComparisonResult, kind?: 'vertical' | 'horizontal'): ArchitectureResult | undefined {
  let best: ArchitectureResult | undefined;
  for (const a of r.architectures) {
    if (
      (kind === undefined || a.kind === kind) &&
      carriesLoad(a, Number.POSITIVE_INFINITY) &&
      (!best || a.cost.usdPerMonth < best.cost.usdPerMonth)
    )
      best = a;
  }
  return best;
}

/**
 * The crossovers between consecutive steps that both evaluated (see sweep.ts): where the recommendation changes and
 * where the cheapest design that carries the load switches kind; `log`: the values are spaced geometrically.
 */
export function crossovers(
  values: readonly number[],
  results: readonly (ComparisonResult | null)[],
  log: boolean,
): Crossover[] {
  const out: Crossover[] = [];
  const spacing = log ? 'geometric in the value' : 'linear in the value';
  for (let i = 0; i + 1 < results.length; i++) {
    const r0 = results[i];
    const r1 = results[i + 1];
    if (!r0 || !r1) continue;
    const x0 = values[i] as number;
    const x1 = values[i + 1] as number;
    const mid = between(x0, x1, 0.5, log);

    const before = r0.recommendation.name;
    const after = r1.recommendation.name;
    if (before !== after) {
      const a0 = before === null ? undefined : byName(r0, before);
      const a1 = before === null ? undefined : byName(r1, before);
      const b0 = after === null ? undefined : byName(r0, after);
      const b1 = after === null ? undefined : byName(r1, after);
      if (a0?.feasible && a1?.feasible && b0?.feasible && b1?.feasible) {
        const t = zeroOf(a0.cost.usdPerMonth - b0.cost.usdPerMonth, a1.cost.usdPerMonth - b1.cost.usdPerMonth);
        out.push({
          kind: 'recommendation',
          from: x0,
          to: x1,
          at: between(x0, x1, t, log),
          before,
          after,
          method: 'cost-difference',
          note: `${before} and ${after} meet every target on both sides; ${after} becomes the cheaper where their cost difference changes sign (${spacing})`,
        });
      } else {
        let why: string;
        if (before === null) why = `no candidate meets every target at ${num(x0)}`;
        else if (after === null) why = `no candidate meets every target at ${num(x1)}`;
        else if (!a1?.feasible) why = `${before} meets every target at ${num(x0)} but not at ${num(x1)}`;
        else why = `${after} meets every target at ${num(x1)} but not at ${num(x0)}`;
        out.push({
          kind: 'recommendation',
          from: x0,
          to: x1,
          at: mid,
          before,
          after,
          method: 'midpoint',
          note: `midpoint of the two steps (${spacing}): ${why}, so the switch is a target met or missed, not a cost crossing`,
        });
      }
    }

    const c0 = cheapest(r0);
    const c1 = cheapest(r1);
    if (c0 && c1 && c0.kind !== c1.kind) {
      const v0 = cheapest(r0, 'vertical');
      const v1 = cheapest(r1, 'vertical');
      const h0 = cheapest(r0, 'horizontal');
      const h1 = cheapest(r1, 'horizontal');
      const common = { kind: 'cheapest-kind' as const, from: x0, to: x1, before: c0.kind, after: c1.kind };
      const names = { beforeCandidate: c0.name, afterCandidate: c1.name };
      if (v0 && v1 && h0 && h1) {
        const t = zeroOf(v0.cost.usdPerMonth - h0.cost.usdPerMonth, v1.cost.usdPerMonth - h1.cost.usdPerMonth);
        out.push({
          ...common,
          at: between(x0, x1, t, log),
          ...names,
          method: 'cost-difference',
          note: `the cheapest vertical and horizontal designs that carry the load (CPU, memory, p99) do so on both sides; ${c1.kind} becomes the cheaper where their cost difference changes sign (${spacing})`,
        });
      } else {
        const gone = !(v0 && v1) ? 'vertical' : 'horizontal';
        out.push({
          ...common,
          at: mid,
          ...names,
          method: 'midpoint',
          note: `midpoint of the two steps (${spacing}): no ${gone} design carries the load (CPU, memory, p99) on one side`,
        });
      }
    }
  }
  return out;
}
