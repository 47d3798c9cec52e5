// Small lists of tier designs of the social examples (boxes and fleets of each tier), for the tier search's tests.
import { readFileSync } from 'node:fs';
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
import { parseScenario } from '../../src/scenario/normalize.js';

const catalog = loadCatalog();

/** Every `step`-th option of a list sorted by cost, at most `most`. */
export function spread(options: readonly TierOption[], most: number): TierOption[] {
  const sorted = [...options].sort((a, b) => a.usdPerMonth - b.usdPerMonth);
  const step = Math.max(1, Math.floor(sorted.length / most));
  return sorted.filter((_, i) => i % step === 0).slice(0, most);
}

/**
 * The example `file` (models/scenarios, without its simulation) after `adjust` edits its raw form, and each tier's
 * options: `most` boxes (in us-east-1) and `mostFleets` fleets (`most` unless given), spread over their costs.
 */
export function socialLists(
  file: string,
  adjust: (raw: { targets: Record<string, unknown> }) => void,
  most: number,
  mostFleets = most,
) {
  const raw = JSON.parse(readFileSync(`models/scenarios/${file}.json`, 'utf8'));
  delete raw.simulation;
  adjust(raw);
  const ctx = buildContext(parseScenario(raw), catalog);
  const t = tieredContext(ctx);
  const sets = searchRegionSets(ctx);
  const lists = t.tiers.map((tier, i) => {
    const c = t.tierCtx[i] as Context;
    return [
      ...spread(searchVerticalOptions(c, i, 'us-east-1', tier.role === 'database'), most),
      ...spread(searchHorizontalOptions(c, i, sets), mostFleets),
    ];
  });
  return { ctx, t, lists };
}
