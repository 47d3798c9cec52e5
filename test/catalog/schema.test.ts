/**
 * A corrupted catalog must be rejected with a message that names the file and the field path. Each case mutates a
 * deep copy of the embedded files and runs the real loader (buildCatalog) or a file schema on it.
 */
import { describe, expect, it } from 'vitest';
import { CatalogError, type RawCatalog, rawCatalog } from '../../src/catalog/index.js';
import { InstancesFileSchema, RegionsFileSchema } from '../../src/catalog/schema.js';
import { buildCatalog } from '../../src/catalog/validate.js';

// biome-ignore lint/suspicious/noExplicitAny: the tests poke at arbitrary places of untyped JSON copies
type Json = any;

function corrupt(mutate: (files: Json) => void): RawCatalog {
  const copy = structuredClone(rawCatalog) as Json;
  mutate(copy);
  return copy;
}

function rejection(raw: RawCatalog): string {
  try {
    buildCatalog(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return (error as Error).message;
  }
  throw new Error('the corrupted catalog was accepted');
}

describe('catalog validation', () => {
  it('accepts an unmodified copy (control)', () => {
    const catalog = buildCatalog(corrupt(() => {}));
    expect(catalog.instances).toHaveLength(158);
  });

  it('rejects a non-positive vCPU count, naming file and path', () => {
    const message = rejection(
      corrupt((f) => {
        f.instances.instances[3].vcpu = 0;
      }),
    );
    expect(message).toContain('models/catalog/instances.json: instances[3].vcpu:');
  });

  it('rejects a price given as a string', () => {
    const message = rejection(
      corrupt((f) => {
        f.instances.instances[14].onDemand[2].usdPerHour = '0.4032';
      }),
    );
    expect(message).toMatch(/instances\.json: instances\[14\]\.onDemand\[2\]\.usdPerHour: .*expected number/i);
  });

  it('rejects an unknown key (a typo) in an instance', () => {
    const message = rejection(
      corrupt((f) => {
        f.instances.instances[0].vpcu = 8;
      }),
    );
    expect(message).toContain('instances.json: instances[0]:');
    expect(message).toContain('vpcu');
  });

  it('rejects a source id that the file does not list', () => {
    const message = rejection(
      corrupt((f) => {
        f.instances.instances[5].source = 'made-up';
      }),
    );
    expect(message).toContain('instances.json: instances[5].source: source "made-up" is not listed in "sources"');
  });

  it('rejects a name that does not match family and size', () => {
    const message = rejection(
      corrupt((f) => {
        f.instances.instances[0].size = 'xlarge';
      }),
    );
    expect(message).toContain('instances.json: instances[0].name:');
  });

  it('rejects a duplicate instance name', () => {
    const message = rejection(corrupt((f) => f.instances.instances.push({ ...f.instances.instances[0] })));
    expect(message).toContain('instances.json: instances[158].name: duplicate "t3.large"');
  });

  it('rejects a latitude out of range', () => {
    const message = rejection(
      corrupt((f) => {
        f.regions.regions[2].lat = 95;
      }),
    );
    expect(message).toContain('models/catalog/regions.json: regions[2].lat:');
  });

  it('rejects a measured pair that names an unknown region', () => {
    const message = rejection(
      corrupt((f) => {
        f.regions.rtt.pairs[10].a = 'us-east-9';
      }),
    );
    expect(message).toContain('regions.json: rtt.pairs[10].a: unknown region "us-east-9"');
  });

  it('rejects a model that no longer matches its pairs in number', () => {
    const message = rejection(corrupt((f) => f.regions.rtt.pairs.pop()));
    expect(message).toContain('regions.json: rttModel.n:');
  });

  it('rejects a slope below the fibre floor', () => {
    const message = rejection(
      corrupt((f) => {
        f.regions.rttModel.msPerKm = 0.005;
      }),
    );
    expect(message).toContain('regions.json: rttModel.msPerKm:');
  });

  it('rejects a same-zone round trip that is not shorter than the cross-zone one (swapped figures)', () => {
    const message = rejection(
      corrupt((f) => {
        f.regions.interTier.sameZoneRttMs = 1.031;
        f.regions.interTier.crossZoneRttMs = 0.263;
      }),
    );
    expect(message).toContain(
      'regions.json: interTier.crossZoneRttMs: the cross-zone round trip (0.263 ms) must be longer',
    );
  });

  it('rejects a non-positive inter-tier figure, an unknown key and an unlisted evidence source', () => {
    expect(rejection(corrupt((f) => (f.regions.interTier.sameZoneRttMs = 0)))).toContain(
      'regions.json: interTier.sameZoneRttMs:',
    );
    expect(rejection(corrupt((f) => (f.regions.interTier.sameZoneRttS = 0.000263)))).toContain(
      'regions.json: interTier:',
    );
    expect(rejection(corrupt((f) => (f.regions.interTier.evidence[1].source = 'nobody-2030')))).toContain(
      'regions.json: interTier.evidence[1].source: source "nobody-2030" is not listed in "sources"',
    );
    expect(rejection(corrupt((f) => delete f.regions.interTier))).toContain('regions.json: interTier:');
  });

  it('rejects an inter-tier ESTIMATE whose note does not say so', () => {
    const message = rejection(corrupt((f) => (f.regions.interTier.confidence = 'ESTIMATE')));
    expect(message).toContain('regions.json: interTier.note: an ESTIMATE must say "ESTIMATE" in its note');
  });

  it('rejects a missing field in network costs', () => {
    const message = rejection(corrupt((f) => delete f.networkCosts.dataTransfer.crossAz));
    expect(message).toContain('models/catalog/network-costs.json: dataTransfer.crossAz:');
  });

  it('rejects a default preset that does not exist', () => {
    const message = rejection(
      corrupt((f) => {
        f.reliability.defaults.node = 'nonexistent';
      }),
    );
    expect(message).toContain('models/catalog/reliability.json: defaults.node: no node preset named "nonexistent"');
  });

  it('rejects an ESTIMATE whose note does not say so', () => {
    const message = rejection(
      corrupt((f) => {
        f.reliability.presets.zone[0].note = 'trust me';
      }),
    );
    expect(message).toContain('reliability.json: presets.zone[0].note:');
  });

  it('rejects a load balancer availability whose unavailability does not add up', () => {
    const message = rejection(
      corrupt((f) => {
        f.reliability.loadBalancer.multiAz.unavailability = 0.001;
      }),
    );
    expect(message).toContain('reliability.json: loadBalancer.multiAz.unavailability:');
  });

  it('rejects a default switch that does not exist, and a switch ESTIMATE whose note does not say so', () => {
    const message = rejection(
      corrupt((f) => {
        f.networkCosts.globalTrafficSwitches.default = 'carrier-pigeon';
        f.networkCosts.globalTrafficSwitches.kinds[0].availability.note = 'trust me';
      }),
    );
    expect(message).toContain(
      'network-costs.json: globalTrafficSwitches.default: no switch "carrier-pigeon" (have route53-dns-failover, global-accelerator)',
    );
    expect(message).toContain('network-costs.json: globalTrafficSwitches.kinds[0].availability.note:');
  });

  it('rejects a DNS switch without its queries per request', () => {
    const message = rejection(
      corrupt((f) => {
        f.networkCosts.globalTrafficSwitches.kinds[0].queries = null;
      }),
    );
    expect(message).toContain('network-costs.json: globalTrafficSwitches.kinds[0].queries: a DNS switch');
  });

  it('rejects a badly formed source date', () => {
    const message = rejection(
      corrupt((f) => {
        f.reliability.sources[0].date = 'May 2022';
      }),
    );
    expect(message).toContain('reliability.json: sources[0].date: expected YYYY, YYYY-MM, YYYY-MM-DD or "undated"');
  });

  it('rejects one source id with two different texts in two files', () => {
    const message = rejection(
      corrupt((f) =>
        f.instances.sources.push({ id: 'cloudping-p50-1y-2025-05-29', text: 'something else', date: '2025' }),
      ),
    );
    expect(message).toMatch(/regions\.json: sources\[\d+\]: source "cloudping-p50-1y-2025-05-29" differs/);
  });

  it('reports every problem, one line each, across files', () => {
    const message = rejection(
      corrupt((f) => {
        f.instances.instances[1].memGiB = -8;
        f.regions.regions[0].lon = 200;
      }),
    );
    expect(message.split('\n').slice(1)).toEqual([
      expect.stringContaining('instances.json: instances[1].memGiB:'),
      expect.stringContaining('regions.json: regions[0].lon:'),
    ]);
  });

  it('exposes the file schemas for direct use', () => {
    const ok = InstancesFileSchema.safeParse(structuredClone(rawCatalog.instances));
    expect(ok.success).toBe(true);
    const bad = structuredClone(rawCatalog.regions) as Json;
    bad.rtt.intraRegion[0].rttMs = -1;
    const result = RegionsFileSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['rtt', 'intraRegion', 0, 'rttMs']);
  });
});
