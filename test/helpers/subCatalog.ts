// A catalog cut down to some regions and instance types: the searches' property tests run on one (searches of a few
// seconds at most).
import type { Catalog, Instance } from '../../src/catalog/index.js';

/** `catalog` with only the regions `regions` and the instance types named in `instances`. */
export function subCatalog(catalog: Catalog, regions: readonly string[], instances: readonly string[]): Catalog {
  const kept = catalog.instances.filter((i) => instances.includes(i.name));
  const families = new Map<string, Instance[]>();
  for (const i of kept) families.set(i.family, [...(families.get(i.family) ?? []), i]);
  return {
    ...catalog,
    instances: kept,
    families,
    instance: (name: string) => kept.find((i) => i.name === name),
    regions: catalog.regions.filter((r) => regions.includes(r.id)),
  };
}
