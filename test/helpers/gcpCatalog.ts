// A catalog with GCP regions, for tests of "provider as data" (issue 15): the real catalog has GCP machine types but no
// GCP region and no GCP network prices. Built in code here, one fixture for every test that needs one.
import type { Catalog, CatalogProvider, NetworkCosts, Region } from '../../src/catalog/index.js';

/** The GCP regions of the fixture: us-central1 (where the reference lists GCP's prices) and us-east4. */
export const GCP_REGIONS = ['us-central1', 'us-east4'] as const;

/**
 * The real catalog plus GCP_REGIONS, placed at us-east-2 (Columbus) and us-east-1 (Ashburn, where us-east4 is) with no
 * measured round trip (the distance model estimates them), and GCP as a provider with those regions and
 * `networkCosts` (null: none, as in the real catalog). Each GCP type's us-central1 list price stands for its price in
 * us-east4 too (test data, not a real price).
 */
export function withGcpRegions(catalog: Catalog, networkCosts: NetworkCosts | null): Catalog {
  const at = (id: string, like: string): Region => {
    const r = catalog.region(like);
    if (r === undefined) throw new Error(`no region ${like}`);
    return { ...r, id, provider: 'gcp' } as unknown as Region;
  };
  const added = [at('us-central1', 'us-east-2'), at('us-east4', 'us-east-1')];
  const providers = catalog.providers.map(
    (p): CatalogProvider =>
      p.id === 'gcp'
        ? {
            ...p,
            regions: [...GCP_REGIONS],
            networkCosts,
            // what the real catalog lacks for GCP, but its regions (and its network prices when given)
            missing: p.missing.filter((m) => networkCosts === null && m.startsWith('transfer')),
          }
        : p,
  );
  const gcpTypes = new Set(catalog.instances.filter((i) => i.provider === 'gcp').map((i) => i.name));
  return {
    ...catalog,
    regions: [...catalog.regions, ...added],
    region: (id) => added.find((r) => r.id === id) ?? catalog.region(id),
    providers,
    provider: (id) => providers.find((p) => p.id === id),
    onDemandPrice: (instance, region) =>
      catalog.onDemandPrice(instance, gcpTypes.has(instance.name) && region === 'us-east4' ? 'us-central1' : region),
  };
}

/**
 * Network prices for the fixture's GCP, flat and round so that costs can be checked by hand: `interRegionUsdPerGb`
 * between any two regions, internet egress at `egressUsdPerGb` in one tier with no free allowance, and AWS's other
 * figures (balancers, cross-zone, the global switch) from `like`.
 */
export function flatNetworkCosts(
  like: NetworkCosts,
  interRegionUsdPerGb: number,
  egressUsdPerGb: number,
): NetworkCosts {
  return {
    ...like,
    provider: 'gcp',
    interRegion: { pairs: [], bySourceRegion: new Map() },
    interRegionUsdPerGb: (from, to) => (from === to ? undefined : interRegionUsdPerGb),
    internetEgress: {
      ...like.internetEgress,
      tiers: [{ upToGbPerMonth: null, usdPerGb: egressUsdPerGb }],
      firstTierByRegion: new Map(),
      freeGbPerMonth: { value: 0, source: 'test' },
    },
  };
}
