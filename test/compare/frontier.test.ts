// The frontier (src/compare/frontier.ts) against a brute-force O(n^2) domination check on random designs, its order,
// ties and null p99s, the cap, and the frontier of an example scenario without architectures.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import {
  capFrontier,
  dominates,
  FRONTIER_MAX_ENTRIES,
  frontierOf,
  nonDominated,
  objectives,
} from '../../src/compare/frontier.js';
import { type ArchitectureResult, compareScenario } from '../../src/compare/index.js';
import { validateResult } from '../../src/compare/resultSchema.js';
import { readScenarioText } from '../../src/scenario/read.js';
import { exampleScenario } from './scenario.js';

const catalog = loadCatalog();
const explicit = compareScenario(exampleScenario(), catalog);
const template = explicit.architectures[0] as ArchitectureResult;

interface Point {
  cost: number;
  nines: number;
  p99: number | null;
  feasible: boolean;
  shortfall: number;
  nodes: number;
}

/** A design with these figures (the rest from a real result; only the figures the frontier reads change). */
function design(p: Point, name = 'd'): ArchitectureResult {
  return {
    ...template,
    name,
    origin: 'searched',
    nodes: p.nodes,
    feasible: p.feasible,
    shortfall: p.feasible ? 0 : p.shortfall,
    cost: { ...template.cost, usdPerMonth: p.cost },
    availability: { ...template.availability, nines: p.nines },
    latency: { ...template.latency, p99Ms: p.p99 },
  };
}

/** The figures compared (at the frontier's resolution). */
const key = (a: ArchitectureResult) => objectives(a);

/** Brute force: a design is on the frontier when no other dominates it; of designs equal on all three, one is. */
function bruteForce(designs: readonly ArchitectureResult[]): ArchitectureResult[] {
  const undominated = designs.filter((p) => !designs.some((q) => q !== p && dominates(q, p)));
  const out: ArchitectureResult[] = [];
  for (const p of undominated) if (!out.some((q) => key(q).every((x, i) => x === key(p)[i]))) out.push(p);
  return out;
}

// small value sets so that ties on one, two or all three objectives are common
const point = fc.record({
  cost: fc.integer({ min: 0, max: 12 }).map((x) => x * 100),
  nines: fc.integer({ min: 0, max: 8 }).map((x) => x / 2),
  p99: fc.option(
    fc.integer({ min: 1, max: 10 }).map((x) => x * 10),
    { freq: 5 },
  ),
  feasible: fc.boolean(),
  shortfall: fc.integer({ min: 0, max: 3 }).map((x) => x / 4),
  nodes: fc.integer({ min: 1, max: 5 }),
});

describe('nonDominated', () => {
  it('is the brute-force frontier (same figures), sorted by cost, with no design beaten by another', () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 60 }), (points) => {
        const designs = points.map((p, i) => design(p, `d${i}`));
        const front = nonDominated(designs);
        const brute = bruteForce(designs);
        const figures = (xs: ArchitectureResult[]) => xs.map((a) => key(a).join(' ')).sort();
        expect(figures(front)).toEqual(figures(brute));
        for (let i = 1; i < front.length; i++) {
          expect(front[i]?.cost.usdPerMonth).toBeGreaterThanOrEqual(front[i - 1]?.cost.usdPerMonth ?? 0);
        }
        for (const p of front) for (const q of designs) expect(dominates(q, p)).toBe(false);
        // every design left out is dominated by, or equal to, one on the frontier
        for (const p of designs) {
          expect(front.some((f) => f === p || dominates(f, p) || key(f).every((x, i) => x === key(p)[i]))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('of designs equal on all three keeps the first by rank: feasible, then smaller shortfall, then fewer nodes', () => {
    const same = { cost: 100, nines: 3, p99: 50 };
    const a = design({ ...same, feasible: false, shortfall: 0.1, nodes: 1 }, 'infeasible');
    const b = design({ ...same, feasible: true, shortfall: 0, nodes: 4 }, 'feasible, 4 nodes');
    const c = design({ ...same, feasible: true, shortfall: 0, nodes: 2 }, 'feasible, 2 nodes');
    expect(nonDominated([a, b, c]).map((x) => x.name)).toEqual(['feasible, 2 nodes']);
    const d = design({ ...same, feasible: false, shortfall: 0.05, nodes: 9 }, 'closer miss');
    expect(nonDominated([a, d]).map((x) => x.name)).toEqual(['closer miss']);
  });

  it('counts a null p99 (unstable) worse than any number, and keeps it only when it wins on cost or nines', () => {
    const base = { feasible: false, shortfall: 1, nodes: 1 };
    const unstableCheap = design({ ...base, cost: 10, nines: 2, p99: null }, 'unstable, cheap');
    const stable = design({ ...base, cost: 20, nines: 2, p99: 900 }, 'stable');
    const unstableDear = design({ ...base, cost: 30, nines: 2, p99: null }, 'unstable, dear');
    const unstableSame = design({ ...base, cost: 20, nines: 2, p99: null }, 'unstable, same cost');
    expect(nonDominated([unstableDear, stable, unstableSame, unstableCheap]).map((x) => x.name)).toEqual([
      'unstable, cheap',
      'stable',
    ]);
    expect(dominates(stable, unstableSame)).toBe(true);
    expect(dominates(unstableSame, unstableSame)).toBe(false);
  });

  it('compares at the resolution the reports show: a p99 0.0003 ms lower does not put a dearer design on it', () => {
    const base = { feasible: true, shortfall: 0, nodes: 1, nines: 3 };
    const front = nonDominated([
      design({ ...base, cost: 100, p99: 266.2539 }, 'cheap'),
      design({ ...base, cost: 300, p99: 266.2536 }, 'dear, 0.0003 ms faster'),
      design({ ...base, cost: 400, p99: 266.2 }, 'dear, 0.05 ms faster'),
    ]);
    expect(front.map((x) => x.name)).toEqual(['cheap', 'dear, 0.05 ms faster']);
  });

  it('sorts equal costs by more nines, then lower p99', () => {
    const base = { feasible: true, shortfall: 0, nodes: 1, cost: 100 };
    const front = nonDominated([
      design({ ...base, nines: 3, p99: 10 }, 'fast'),
      design({ ...base, nines: 4, p99: 20 }, 'available'),
      design({ ...base, cost: 50, nines: 1, p99: 30 }, 'cheap'),
    ]);
    expect(front.map((x) => x.name)).toEqual(['cheap', 'available', 'fast']);
  });
});

describe('capFrontier', () => {
  const costs = (xs: { cost: { usdPerMonth: number } }[]) => xs.map((x) => x.cost.usdPerMonth);
  const items = (cs: number[]) => cs.map((usdPerMonth) => ({ cost: { usdPerMonth } }));

  it('keeps everything up to the cap, the extremes and `max` distinct entries in cost order beyond it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 2, max: 50 }),
        (cs, max) => {
          const sorted = items([...cs].sort((a, b) => a - b));
          const kept = capFrontier(sorted, max);
          if (sorted.length <= max) {
            expect(kept).toEqual(sorted);
            return;
          }
          expect(kept.length).toBe(max);
          expect(new Set(kept).size).toBe(max);
          expect(kept[0]).toBe(sorted[0]);
          expect(kept[max - 1]).toBe(sorted[sorted.length - 1]);
          expect(costs(kept)).toEqual([...costs(kept)].sort((a, b) => a - b));
        },
      ),
    );
  });

  it('always keeps the pinned entries (the designs of the result), within the cap when few are pinned', () => {
    const sorted = items(Array.from({ length: 300 }, (_, i) => i));
    const pinned = new Set([sorted[7], sorted[151], sorted[152]] as { cost: { usdPerMonth: number } }[]);
    const kept = capFrontier(sorted, 40, pinned);
    expect(kept.length).toBe(40);
    for (const p of pinned) expect(kept).toContain(p);
    expect(kept[0]).toBe(sorted[0]);
    expect(kept[kept.length - 1]).toBe(sorted[299]);
    expect(costs(kept)).toEqual([...costs(kept)].sort((a, b) => a - b));
  });

  it('spreads the entries it keeps evenly by cost', () => {
    // 1000 entries crowded at the cheap end and 10 spread over the dear end: the dear ones are all kept
    const cheap = Array.from({ length: 1000 }, (_, i) => i / 1000);
    const dear = Array.from({ length: 10 }, (_, i) => 100 + i * 100);
    const kept = costs(capFrontier(items([...cheap, ...dear]), 40));
    for (const x of dear) expect(kept).toContain(x);
  });
});

describe('frontierOf', () => {
  it('names searched designs by kind and summary, keeps the names of the given architectures, and caps at 40', () => {
    const many = Array.from({ length: 100 }, (_, i) =>
      design({ cost: 100 + i, nines: i / 10, p99: 50, feasible: true, shortfall: 0, nodes: 1 }, 'best vertical'),
    );
    const chosen = many[7] as ArchitectureResult;
    const f = frontierOf(many, [chosen]);
    expect(f.nonDominated).toBe(100);
    expect(f.entries.length).toBe(FRONTIER_MAX_ENTRIES);
    expect(f.entries.filter((e) => e.name === 'best vertical').length).toBeLessThanOrEqual(1);
    expect(new Set(f.entries.map((e) => e.name)).size).toBe(f.entries.length);
    const e = f.entries[0];
    expect(e).toEqual({
      name: expect.stringMatching(/^vertical: /),
      kind: template.kind,
      summary: expect.any(String),
      cost: { usdPerMonth: 100 },
      availability: { nines: 0 },
      latency: { p99Ms: 50 },
      meetsTargets: true,
    });
    expect(frontierOf([chosen], [chosen]).entries[0]?.name).toBe('best vertical');
  });
});

describe('the frontier of a result', () => {
  it('with explicit architectures is over the candidates, and the result validates', () => {
    expect(explicit.frontierOf).toBe('candidates');
    const names = new Set(explicit.architectures.map((a) => a.name));
    expect(explicit.frontier.length).toBeGreaterThan(0);
    for (const e of explicit.frontier) expect(names.has(e.name)).toBe(true);
    expect(explicit.frontierNonDominated).toBe(explicit.frontier.length);
    expect(validateResult(explicit)).toEqual([]);
  });

  it('without architectures (social-startup-growth) is over the search, non-empty, and reaches the recommended design', () => {
    const file = 'models/scenarios/social-startup-growth.json';
    const r = compareScenario(readScenarioText(readFileSync(file, 'utf8'), file), catalog);
    expect(r.frontierOf).toBe('search');
    expect(r.frontier.length).toBeGreaterThan(0);
    expect(r.frontier.length).toBeLessThanOrEqual(FRONTIER_MAX_ENTRIES);
    expect(r.frontierNonDominated).toBeGreaterThanOrEqual(r.frontier.length);
    expect(validateResult(r)).toEqual([]);
    const rec = r.architectures.find((a) => a.name === r.recommendation.name);
    expect(rec).toBeDefined();
    if (!rec) return;
    const p99 = (x: number | null) => x ?? Infinity;
    // the recommended design's point, or one no worse on all three (the cap may leave the point itself out)
    expect(
      r.frontier.some(
        (e) =>
          e.cost.usdPerMonth <= rec.cost.usdPerMonth &&
          e.availability.nines >= rec.availability.nines &&
          p99(e.latency.p99Ms) <= p99(rec.latency.p99Ms),
      ),
    ).toBe(true);
    const entries = r.frontier.map((e) => e.cost.usdPerMonth);
    expect(entries).toEqual([...entries].sort((a, b) => a - b));
    expect(new Set(r.frontier.map((e) => e.name)).size).toBe(r.frontier.length);
  });
});
