/**
 * The catalog files, imported statically so that the esbuild bundle embeds them (no file access at run time).
 * They are untrusted until load.ts has validated them: export them as unknown.
 */
import commitmentsSpot from '../../models/catalog/commitments-spot.json' with { type: 'json' };
import instances from '../../models/catalog/instances.json' with { type: 'json' };
import networkCosts from '../../models/catalog/network-costs.json' with { type: 'json' };
import regions from '../../models/catalog/regions.json' with { type: 'json' };
import reliability from '../../models/catalog/reliability.json' with { type: 'json' };

/** The five files of models/catalog/, not yet validated. */
export interface RawCatalog {
  instances: unknown;
  regions: unknown;
  networkCosts: unknown;
  reliability: unknown;
  commitmentsSpot: unknown;
}

export const rawCatalog: RawCatalog = { instances, regions, networkCosts, reliability, commitmentsSpot };

/** File names, for error messages. */
export const CATALOG_FILES: Readonly<Record<keyof RawCatalog, string>> = {
  instances: 'models/catalog/instances.json',
  regions: 'models/catalog/regions.json',
  networkCosts: 'models/catalog/network-costs.json',
  reliability: 'models/catalog/reliability.json',
  commitmentsSpot: 'models/catalog/commitments-spot.json',
};
