// The horizontal search's set-aside plans (src/compare/searchHorizontal.ts searchSetAside: the region sets that
// distance or the availability bound rule out, searched for the closest miss when no design meets every target) are
// searched best first; the designs are ranked in a total order (rankKey, then each design's place in the listed order:
// ranksBefore), so the answer and the frontier do not depend on the order the plans are searched in: the same in the
// listed order, best first, reversed and shuffled, and the same as the search that settles every design (no screen
// bounds, listed order). A search that reaches the screen budget in its own order is searched again in the listed
// order from the same start: its answer and note are the listed order's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { buildContext } from '../../src/compare/context.js';
import { nonDominated } from '../../src/compare/frontier.js';
import { searchHorizontal } from '../../src/compare/searchHorizontal.js';
import { searchVertical } from '../../src/compare/size.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import { propertyScenario } from '../helpers/propertyScenario.js';
import { subCatalog } from '../helpers/subCatalog.js';

/** Five regions on four continents and five instance types (searches of a second or so). */
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1', 'sa-east-1'];
const small = subCatalog(loadCatalog(), REGIONS, [
  'm6i.large',
  'm6i.xlarge',
  'm6i.2xlarge',
  'r7i.xlarge',
  'r7i.2xlarge',
]);

/** Cases whose users span oceans under tight p99 targets (mostly no design meets them), some with a budget. */
const caseFields = {
  rate: fc.integer({ min: 200, max: 20000 }),
  serviceMs: fc.integer({ min: 1, max: 12 }),
  workingSetGiB: fc.integer({ min: 1, max: 120 }),
  availability: fc.constantFrom('99%', '99.9%', '99.95%', '99.99%'),
  p99Ms: fc.constantFrom(20, 35, 50, 80),
  strong: fc.boolean(),
  replication: fc.integer({ min: 1, max: 3 }),
  budget: fc.option(fc.integer({ min: 1000, max: 30000 }), { nil: null, freq: 3 }),
  users: fc.shuffledSubarray(REGIONS, { minLength: 2, maxLength: 5 }),
};
const caseArb = fc.record(caseFields);

type Order = (count: number) => readonly number[];

const listed: Order = (n) => [...Array(n).keys()];
const reversed: Order = (n) => [...listed(n)].reverse();

/** The places 0..n-1 shuffled by a seeded generator (a linear congruential one: the test needs no quality). */
function shuffled(seed: number): Order {
  return (n) => {
    const out = [...listed(n)];
    let x = seed >>> 0;
    for (let i = n - 1; i > 0; i--) {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      const j = x % (i + 1);
      [out[i], out[j]] = [out[j] as number, out[i] as number];
    }
    return out;
  };
}

/** A whole search as compareScenario runs it (the vertical search first: it starts the frontier), as JSON. */
function searched(raw: unknown, options: Parameters<typeof searchHorizontal>[1] & { order?: Order }) {
  const ctx = buildContext(parseScenario(raw), small);
  searchVertical(ctx);
  let setAside = 0;
  const order = options.order;
  const answer = searchHorizontal(ctx, {
    ...options,
    setAsideOrder: (n) => {
      setAside = n;
      return order === undefined ? listed(n) : order(n);
    },
  });
  return { answer: JSON.stringify(answer), frontier: JSON.stringify(nonDominated(ctx.seen ?? [])), setAside };
}

/** The search in its own order (best first): setAsideOrder not given. */
function searchedBestFirst(raw: unknown, screenBudget?: number) {
  const ctx = buildContext(parseScenario(raw), small);
  searchVertical(ctx);
  const answer = searchHorizontal(ctx, screenBudget === undefined ? {} : { screenBudget });
  return { answer: JSON.stringify(answer), frontier: JSON.stringify(nonDominated(ctx.seen ?? [])) };
}

/**
 * Holds the search's answer and frontier equal in its own order (best first), reversed and shuffled to those of the
 * search that settles every design in the listed order; returns that reference.
 */
function expectOrderIndependent(raw: unknown, seed: number) {
  const reference = searched(raw, { screenBounds: false });
  const expected = { answer: reference.answer, frontier: reference.frontier };
  expect(searchedBestFirst(raw)).toEqual(expected);
  for (const order of [reversed, shuffled(seed)]) {
    const r = searched(raw, { order });
    expect({ answer: r.answer, frontier: r.frontier }).toEqual(expected);
  }
  return reference;
}

describe('the set-aside plans searched in any order', () => {
  it('give the same answer and frontier, as the search that settles every design in the listed order', () => {
    let searchedAside = 0;
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 2 ** 31 }), (sc, seed) => {
        const raw = propertyScenario(sc);
        const reference = expectOrderIndependent(raw, seed);
        expect(searched(raw, {}).answer).toBe(reference.answer);
        if (reference.setAside > 1) searchedAside++;
      }),
      { seed: 23, numRuns: 20 },
    );
    // most cases searched several set-aside plans (the comparison is not vacuous)
    expect(searchedAside).toBeGreaterThan(10);
  }, 600_000);
});

describe('a search that reaches the screen budget', () => {
  it('answers as the listed order does (searched again in it), note included', () => {
    let stopped = 0;
    fc.assert(
      fc.property(caseArb, (sc) => {
        const raw = propertyScenario(sc);
        // budgets from a few screens (stopped before the set-aside plans) to more than the search needs
        for (const screenBudget of [5, 20, 80, 320]) {
          const inListed = searched(raw, { screenBudget });
          const own = searchedBestFirst(raw, screenBudget);
          const note = 'the search stopped after';
          if (inListed.answer.includes(note) && !own.answer.includes(note)) {
            // the listed order stopped and the own order finished: the closest of all, ranked no later
            expect(JSON.parse(own.answer).shortfall).toBeLessThanOrEqual(JSON.parse(inListed.answer).shortfall + 1e-4);
            continue;
          }
          if (own.answer.includes(note)) stopped++;
          expect(own).toEqual({ answer: inListed.answer, frontier: inListed.frontier });
        }
      }),
      { seed: 29, numRuns: 12 },
    );
    // searches stopped in the own order (and were searched again in the listed one)
    expect(stopped).toBeGreaterThan(5);
  }, 600_000);
});

describe('a search whose best misses the budget alone', () => {
  // cannotBeat then passes over every design dearer than the budget whatever the frontier, so searchSetAside keeps
  // the listed order there (the order asked for is not consulted); these cases (a budget no design meets, p99 targets
  // the users' own regions can meet) give such answers: the answer and frontier must not depend on the order asked
  // for. Searching them in the order asked for instead (the guard dropped) fails this case.
  const budgetArb = fc.record({
    ...caseFields,
    rate: fc.integer({ min: 2000, max: 20000 }),
    availability: fc.constantFrom('99%', '99.9%'),
    p99Ms: fc.constantFrom(80, 150),
    budget: fc.integer({ min: 200, max: 900 }),
    users: fc.shuffledSubarray(REGIONS, { minLength: 2, maxLength: 3 }),
  });

  it('gives the same answer and frontier in every order, as the search that settles every design', () => {
    let budgetAlone = 0;
    fc.assert(
      fc.property(budgetArb, fc.integer({ min: 0, max: 2 ** 31 }), (sc, seed) => {
        const raw = propertyScenario(sc);
        const reference = expectOrderIndependent(raw, seed);
        const m = JSON.parse(reference.answer).meetsTargets;
        if (m.budget === false && m.p99 && m.availability) budgetAlone++;
      }),
      { seed: 31, numRuns: 16 },
    );
    // answers that miss the budget alone (not vacuous)
    expect(budgetAlone).toBeGreaterThan(3);
  }, 600_000);
});
