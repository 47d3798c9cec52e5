// Which instance types a search considers (issue 15, "provider as data"): those of a provider the catalog has
// regions for, not a hard-coded one; burstable families never.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { buildContext } from '../../src/compare/context.js';
import { BURSTABLE_FAMILIES, searchableInstances } from '../../src/compare/size.js';
import { flatNetworkCosts, withGcpRegions } from '../helpers/gcpCatalog.js';
import { smallScenario } from './scenario.js';

describe("searchable instance types follow the scenario's provider, one the catalog has regions and prices for", () => {
  const catalog = loadCatalog();
  it('today: AWS types only (the catalog has no GCP region), no burstable family', () => {
    expect(catalog.instances.some((i) => i.provider === 'gcp')).toBe(true);
    expect(catalog.regions.every((r) => r.provider === 'aws')).toBe(true);
    const list = searchableInstances(buildContext(smallScenario(), catalog));
    expect(list.length).toBeGreaterThan(50);
    expect(list.every((i) => i.provider === 'aws' && !BURSTABLE_FAMILIES.has(i.family))).toBe(true);
  });

  it("a catalog with GCP regions and network prices: the default provider's (AWS) types unless the scenario names GCP", () => {
    const withGcp = withGcpRegions(catalog, flatNetworkCosts(catalog.networkCosts, 0.05, 0.12));
    const list = searchableInstances(buildContext(smallScenario(), withGcp));
    expect(list).toStrictEqual(searchableInstances(buildContext(smallScenario(), catalog)));
    const named = searchableInstances(buildContext({ ...smallScenario(), provider: 'gcp' }, withGcp));
    const gcp = catalog.instances.filter((i) => i.provider === 'gcp' && !BURSTABLE_FAMILIES.has(i.family));
    expect(gcp.length).toBeGreaterThan(0);
    expect(named).toStrictEqual(gcp);
  });
});

describe('a scenario that names its provider (issue 15, "a scenario may name its provider")', () => {
  const catalog = loadCatalog();
  it('searches only the named provider\'s types, the same as the default for "aws"', () => {
    const named = searchableInstances(buildContext({ ...smallScenario(), provider: 'aws' }, catalog));
    expect(named).toStrictEqual(searchableInstances(buildContext(smallScenario(), catalog)));
  });

  it('with GCP regions in the catalog, "gcp" searches the GCP types only and "aws" the AWS types only', () => {
    const withGcp = withGcpRegions(catalog, flatNetworkCosts(catalog.networkCosts, 0.05, 0.12));
    const gcp = searchableInstances(buildContext({ ...smallScenario(), provider: 'gcp' }, withGcp));
    expect(gcp.length).toBeGreaterThan(0);
    expect(gcp.every((i) => i.provider === 'gcp')).toBe(true);
    const aws = searchableInstances(buildContext({ ...smallScenario(), provider: 'aws' }, withGcp));
    expect(aws.every((i) => i.provider === 'aws')).toBe(true);
  });

  it("the catalog's providers: AWS with its regions and network prices; GCP with what is missing, nothing invented", () => {
    const aws = catalog.provider('aws');
    const gcp = catalog.provider('gcp');
    expect(catalog.providers.map((p) => p.id)).toStrictEqual(['aws', 'gcp']);
    expect(aws?.regions).toStrictEqual(catalog.regions.map((r) => r.id));
    expect(aws?.networkCosts).toBe(catalog.networkCosts);
    expect(aws?.missing).toStrictEqual([]);
    expect(gcp?.regions).toStrictEqual([]);
    expect(gcp?.networkCosts).toBeNull();
    expect(gcp?.instanceTypes).toBe(catalog.instances.filter((i) => i.provider === 'gcp').length);
    expect(gcp?.missing.join('; ')).toMatch(/regions and their round trips.*transfer, balancer/);
  });
});
