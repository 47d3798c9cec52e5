// Small lists of tier designs of the social examples (boxes and fleets of each tier), for the tier search's tests.
import { readFileSync } from 'node:fs';
import { loadCatalog } from '../../src/catalog/index.js';
import { type Context, withPricing } from '../../src/compare/context.js';
import { buildContext } from '../../src/compare/index.js';
import { tieredContext } from '../../src/compare/tiers/index.js';
import type { TierOption } from '../../src/compare/tiers/tierOption.js';
import {
  designOptions,
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

/**
 * The example `file` (models/scenarios, without its simulation) after `adjust` edits its raw form, and, for each of its
 * per-tier architectures, each tier's options as the run builds them (tiers/index.ts resolveTiered: the architecture's
 * designs in the tier's context, the default region us-east-1).
 */
export function architectureLists(
  file: string,
  adjust: (raw: { targets: Record<string, unknown> }) => void = () => {},
) {
  const raw = JSON.parse(readFileSync(`models/scenarios/${file}.json`, 'utf8'));
  delete raw.simulation;
  adjust(raw);
  const ctx = buildContext(parseScenario(raw), catalog);
  const t = tieredContext(ctx);
  const lists = (ctx.scenario.architectures ?? []).flatMap((a) =>
    a.kind === 'tiered'
      ? [
          {
            name: a.name,
            lists: a.tiers.map((d, i) =>
              designOptions(withPricing(t.tierCtx[i] as Context, d.pricing ?? ctx.pricing), i, d, 'us-east-1'),
            ),
          },
        ]
      : [],
  );
  return { ctx, t, lists };
}
