// cost.includeEgress (issue 15): internet egress inside cost.usdPerMonth, its breakdown line, and the default (reported
// apart) unchanged. Reference values by hand from models/catalog/network-costs.json (Infracost's data-transfer fixture of
// 2024-09-25): us-east-1's first tier $0.09/GB up to 10 TB a month, after 100 GB free.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { compareScenario } from '../../src/compare/index.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import { expectClose } from '../helpers/expectClose.js';
import { inputError } from '../helpers/inputError.js';

const catalog = loadCatalog();

/** 100 requests/s of 10 KiB responses in us-east-1: a horizontal and a vertical candidate. */
function raw(cost?: unknown) {
  return {
    name: 'egress',
    workload: { peakRate: '100/s', serviceTime: '10 ms', responseSize: '10 KiB' },
    targets: { p99: '200 ms', availability: '99%', budget: '400 USD/month' },
    users: [{ region: 'us-east-1', share: 1 }],
    architectures: [
      { name: 'fleet', kind: 'horizontal', family: 'm7i', size: 'large', regions: ['us-east-1'], zones: 2 },
      { name: 'box', kind: 'vertical', family: 'm7i', size: 'xlarge', regions: ['us-east-1'] },
    ],
    ...(cost === undefined ? {} : { cost }),
  };
}

describe('cost.includeEgress', () => {
  // 100/s x 10,240 B x 2,628,000 s (730 h) = 2,691.072 GB; 100 GB free; 2,591.072 GB x $0.09 = $233.19648
  const EGRESS_USD = 233.19648;

  it('puts internet egress in the breakdown and the total, by hand from the catalog tiers', () => {
    const apart = compareScenario(parseScenario(raw()), catalog);
    const inside = compareScenario(parseScenario(raw({ includeEgress: true })), catalog);
    inside.architectures.forEach((a, i) => {
      const before = apart.architectures[i];
      if (before === undefined) throw new Error('missing candidate');
      expectClose(a.cost.internetEgressUsdPerMonth, EGRESS_USD, { rel: 1e-12 }, a.name);
      expectClose(a.cost.breakdown.internetEgressUsdPerMonth ?? Number.NaN, EGRESS_USD, { rel: 1e-12 }, a.name);
      expectClose(a.cost.usdPerMonth, before.cost.usdPerMonth + EGRESS_USD, { rel: 1e-12 }, a.name);
      expect(a.cost.method).toContain('internet egress included in the total (cost.includeEgress)');
      expect(before.cost.breakdown.internetEgressUsdPerMonth).toBeUndefined();
    });
  });

  it('judges the budget on the bill with egress: a design within it apart can miss it inside', () => {
    const apart = compareScenario(parseScenario(raw()), catalog);
    const inside = compareScenario(parseScenario(raw({ includeEgress: true })), catalog);
    const fleetApart = apart.architectures[0];
    const fleetInside = inside.architectures[0];
    // 3 x m7i.large ($0.1008/h) + one ALB: about $290 a month, under $400 apart and over it with $233 of egress
    expect(fleetApart?.meetsTargets.budget).toBe(true);
    expect(fleetInside?.meetsTargets.budget).toBe(false);
  });

  it('false is the default: the same result as without the field, byte for byte', () => {
    const without = JSON.stringify(compareScenario(parseScenario(raw()), catalog));
    const off = JSON.stringify(compareScenario(parseScenario(raw({ includeEgress: false })), catalog));
    expect(off).toBe(without);
  });

  it('refuses a value that is not a boolean, naming the field', () => {
    expect(inputError(() => parseScenario(raw({ includeEgress: 'yes' })))).toBe(
      'cost.includeEgress: "yes": expected true or false',
    );
    expect(inputError(() => parseScenario(raw({ includeEgres: true })))).toContain('cost.includeEgres: unknown key');
  });
});
