// Network prices per provider (issue 15, "provider as data"): a design pays its provider's transfer prices, not the
// catalog's AWS file's, and a provider without network prices is refused (exit 2), nothing invented. The GCP prices
// here are test data (flatNetworkCosts), round so that the costs can be checked by hand.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { buildContext } from '../../src/compare/context.js';
import { compareScenario } from '../../src/compare/index.js';
import type { ArchitectureResult } from '../../src/compare/result.js';
import { searchableInstances } from '../../src/compare/size.js';
import type { Scenario } from '../../src/scenario/types.js';
import { expectClose } from '../helpers/expectClose.js';
import { flatNetworkCosts, GCP_REGIONS, withGcpRegions } from '../helpers/gcpCatalog.js';
import { inputError } from '../helpers/inputError.js';
import { smallScenario } from './scenario.js';

const catalog = loadCatalog();

/** 100/s, a tenth of them writes, users half in each GCP region; n2-standard-8 nodes in both, egress in the total. */
function gcpScenario(): Scenario {
  return {
    ...smallScenario({ writeFraction: 0.1 }, [
      { region: 'us-central1', location: null, share: 0.5 },
      { region: 'us-east4', location: null, share: 0.5 },
    ]),
    provider: 'gcp',
    includeEgress: true,
    architectures: [
      {
        kind: 'horizontal',
        name: 'two GCP regions',
        family: 'n2-standard',
        size: '8',
        nodes: null,
        spares: 1,
        zones: 2,
        regions: [...GCP_REGIONS],
        balancer: 'least-loaded',
      },
    ],
  };
}

function designWith(interRegionUsdPerGb: number, egressUsdPerGb: number): ArchitectureResult {
  const net = flatNetworkCosts(catalog.networkCosts, interRegionUsdPerGb, egressUsdPerGb);
  const r = compareScenario(gcpScenario(), withGcpRegions(catalog, net)).architectures[0];
  if (r === undefined) throw new Error('no design');
  return r;
}

describe("a design pays its provider's network prices", () => {
  const a = designWith(0.05, 0.12);
  const b = designWith(0.1, 0.36);

  it('inter-region copies and internet egress at the GCP prices, by hand', () => {
    const c = a.cost;
    expect(c.transferGbPerMonth.interRegion).toBeGreaterThan(0);
    expect(c.transferGbPerMonth.internetEgress).toBeGreaterThan(0);
    // every GB between the two regions at $0.05, every GB out at $0.12 (one tier, no free allowance)
    expectClose(c.breakdown.interRegionTransferUsdPerMonth, c.transferGbPerMonth.interRegion * 0.05, { rel: 1e-12 });
    expectClose(c.breakdown.internetEgressUsdPerMonth ?? Number.NaN, c.transferGbPerMonth.internetEgress * 0.12, {
      rel: 1e-12,
    });
  });

  it('dearer GCP transfer moves those figures and the total accordingly, nothing else', () => {
    expect(b.cost.transferGbPerMonth).toEqual(a.cost.transferGbPerMonth);
    expectClose(b.cost.breakdown.interRegionTransferUsdPerMonth, 2 * a.cost.breakdown.interRegionTransferUsdPerMonth, {
      rel: 1e-12,
    });
    expectClose(b.cost.internetEgressUsdPerMonth, 3 * a.cost.internetEgressUsdPerMonth, { rel: 1e-12 });
    expect(b.cost.breakdown.computeUsdPerMonth).toBe(a.cost.breakdown.computeUsdPerMonth);
    expect(b.cost.breakdown.loadBalancerUsdPerMonth).toBe(a.cost.breakdown.loadBalancerUsdPerMonth);
    expectClose(
      b.cost.usdPerMonth - a.cost.usdPerMonth,
      a.cost.breakdown.interRegionTransferUsdPerMonth + 2 * a.cost.internetEgressUsdPerMonth,
      { rel: 1e-9 },
    );
  });

  it("a scenario that names no provider takes the catalog's default (AWS): its families only", () => {
    const net = flatNetworkCosts(catalog.networkCosts, 0.05, 0.12);
    const both = withGcpRegions(catalog, net);
    const ctx = buildContext(smallScenario(), both);
    expect(ctx.provider).toBe('aws');
    expect(ctx.networkCosts).toBe(catalog.networkCosts);
    expect(searchableInstances(ctx).every((i) => i.provider === 'aws')).toBe(true);
    const gcp = buildContext({ ...smallScenario(), provider: 'gcp' }, both);
    expect(gcp.networkCosts).toBe(net);
    expect(searchableInstances(gcp).length).toBeGreaterThan(0);
    expect(searchableInstances(gcp).every((i) => i.provider === 'gcp')).toBe(true);
  });
});

describe('a provider with regions but no network prices (exit 2, nothing invented)', () => {
  it('names the provider, what the catalog lacks and the providers that have prices', () => {
    const unpriced = withGcpRegions(catalog, null);
    expect(inputError(() => compareScenario(gcpScenario(), unpriced))).toMatch(
      /^provider: "gcp": expected a provider with regions and transfer, balancer and global-switch prices in the catalog \("aws"\): the catalog lacks .*transfer, balancer and global-switch prices .*; no price is invented for it$/,
    );
  });
});
