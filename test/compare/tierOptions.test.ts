/**
 * A tier option's figures known before it is evaluated (cost, utilisation, memory) are its evaluation's, its result is
 * evaluated once on first read, and the lazily screened list of a search is the eagerly screened and sorted one.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import type { Context } from '../../src/compare/context.js';
import { buildContext } from '../../src/compare/index.js';
import { tieredContext } from '../../src/compare/tiers/index.js';
import type { TierOption } from '../../src/compare/tiers/tierOption.js';
import {
  searchHorizontalOptions,
  searchRegionSets,
  searchVerticalOptions,
} from '../../src/compare/tiers/tierOptions.js';
import { ScreenedOptions } from '../../src/compare/tiers/tierSearch.js';
import { parseScenario } from '../../src/scenario/normalize.js';

const catalog = loadCatalog();

/** The e-commerce example (three tiers, users in two regions), its candidates removed: the search's options. */
function exampleOptions(): TierOption[] {
  const raw = JSON.parse(readFileSync('models/scenarios/ecommerce-cache.json', 'utf8'));
  delete raw.architectures;
  delete raw.simulation;
  const ctx = buildContext(parseScenario(raw), catalog);
  const t = tieredContext(ctx);
  const sets = searchRegionSets(ctx);
  return t.tiers.flatMap((tier, i) => [
    ...searchVerticalOptions(t.tierCtx[i] as Context, i, 'us-east-1', tier.role === 'database'),
    ...searchHorizontalOptions(t.tierCtx[i] as Context, i, sets),
  ]);
}

describe('a tier option before and after its evaluation', () => {
  const all = exampleOptions();
  // every 17th option: vertical and horizontal, every tier, one and two regions, read replicas (a few hundred)
  const sample = all.filter((_, k) => k % 17 === 0);

  it('prices the design, and knows its utilisation and memory, exactly as its evaluation does', () => {
    expect(sample.length).toBeGreaterThan(100);
    expect(new Set(sample.map((o) => o.choice.kind))).toEqual(new Set(['vertical', 'horizontal']));
    expect(sample.some((o) => o.choice.kind === 'vertical' && o.choice.readReplicas > 0)).toBe(true);
    expect(sample.some((o) => !o.memoryFits)).toBe(true);
    for (const o of sample) {
      expect(o.usdPerMonth).toBe(o.result.cost.usdPerMonth);
      expect(o.utilization).toBe(o.result.utilization);
      expect(o.memoryFits).toBe(o.result.meetsTargets.memory);
    }
  });

  it('evaluates its result once, on first read, and it is the result of the same option built again', () => {
    const again = exampleOptions().filter((_, k) => k % 17 === 0);
    for (const [k, o] of sample.slice(0, 40).entries()) {
      const first = o.result;
      expect(o.result).toBe(first);
      expect(first).toEqual((again[k] as TierOption).result);
    }
  });
});

describe('the lazily screened options of a search', () => {
  /** Options with only what the list reads (their cost), in an order unrelated to it, some costs equal. */
  const fake = (costs: number[]): TierOption[] => costs.map((c, id) => ({ id, usdPerMonth: c }) as TierOption);
  const costs = [5, 3, 9, 3, 1, 7, 3, 8, 2, 5];
  const eager = (options: TierOption[], screen: (o: TierOption) => boolean) => {
    const pass = options.filter(screen);
    return (pass.length > 0 ? pass : [...options]).sort((a, b) => a.usdPerMonth - b.usdPerMonth);
  };
  const lazy = (list: ScreenedOptions) => {
    const out: TierOption[] = [];
    for (let k = 0; list.at(k) !== undefined; k++) out.push(list.at(k) as TierOption);
    return out;
  };

  it('is the passing options sorted by cost (ties in their order), or every option when none passes', () => {
    const options = fake(costs);
    for (const screen of [(o: TierOption) => o.id % 3 !== 0, (o: TierOption) => o.usdPerMonth === 3, () => false]) {
      expect(lazy(new ScreenedOptions(options, screen)).map((o) => o.id)).toEqual(
        eager(options, screen).map((o) => o.id),
      );
    }
  });

  it('screens only as far as the option asked for, cheapest first', () => {
    const screened: number[] = [];
    const list = new ScreenedOptions(fake(costs), (o) => {
      screened.push(o.usdPerMonth);
      return o.usdPerMonth >= 3;
    });
    expect(list.at(1)?.usdPerMonth).toBe(3);
    expect(screened).toEqual([1, 2, 3, 3]);
  });
});
