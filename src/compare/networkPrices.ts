/**
 * The provider a scenario's designs run on, and the network prices they pay (transfer, balancers, the global traffic
 * switch): its own, from the catalog (catalog.providers[].networkCosts), never another provider's and never invented.
 */

import type { Catalog, CatalogProvider } from '../catalog/index.js';
import { InputError } from '../errors.js';

/**
 * The provider of a scenario: the one it names (`provider`), or the catalog's default when it names none (the first
 * of catalog.providers: the provider of the catalog's regions, AWS). It must have regions and network prices in the
 * catalog: a provider without them is the user's to fix (exit 2), in one line naming the provider, what the catalog
 * lacks for it and the providers that have both. normalize.ts refuses such a provider first; this is the engine's own
 * guard (a catalog built in code, a scenario built without the parser).
 */
export function scenarioProvider(
  catalog: Catalog,
  provider: string | undefined,
): CatalogProvider & { networkCosts: NonNullable<CatalogProvider['networkCosts']> } {
  const p = provider === undefined ? catalog.providers[0] : catalog.provider(provider);
  const net = p?.networkCosts ?? null;
  if (p !== undefined && net !== null && p.regions.length > 0) return { ...p, networkCosts: net };
  const usable = catalog.providers.filter((x) => x.networkCosts !== null && x.regions.length > 0).map((x) => x.id);
  const lacks = p === undefined ? 'no such provider in the catalog' : `the catalog lacks ${p.missing.join('; ')}`;
  throw new InputError(
    'provider',
    provider ?? p?.id ?? null,
    `a provider with regions and transfer, balancer and global-switch prices in the catalog (${usable.map((id) => `"${id}"`).join(', ') || 'none'}): ${lacks}; no price is invented for it`,
  );
}
