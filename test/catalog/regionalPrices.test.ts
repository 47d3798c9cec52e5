/**
 * Per-region on-demand prices and per-vCPU performance in the catalog, against figures read by hand from the
 * reference (../shared/reference/prices.json, SOURCES-prices.md).
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { expectClose } from '../helpers/expectClose.js';

const catalog = loadCatalog();
const inst = (name: string) => {
  const i = catalog.instance(name);
  if (!i) throw new Error(`no ${name}`);
  return i;
};
const price = (name: string, region: string) => catalog.onDemandPrice(inst(name), region);

describe('regional on-demand prices', () => {
  it('prices m7i.4xlarge at $0.8064/h in us-east-1 and $1.0416/h in ap-northeast-1, about 29% dearer (listed)', () => {
    // prices.json: m7i.4xlarge usdPerHour us-east-1 0.8064 (karpenter 2026-07), ap-northeast-1 1.0416 (vantage 2024-04)
    expect(price('m7i.4xlarge', 'us-east-1')).toMatchObject({ usdPerHour: 0.8064, derived: null });
    expect(price('m7i.4xlarge', 'ap-northeast-1')).toMatchObject({
      usdPerHour: 1.0416,
      source: 'vantage-regional-2024-04-04',
      derived: null,
    });
    expectClose(1.0416 / 0.8064, 1.2917, { rel: 1e-4 }); // the reference's m7i multiplier 1.292
  });

  it('keeps the list-region price as the instance price (us-east-1; GCP us-central1)', () => {
    expect(inst('m7i.2xlarge')).toMatchObject({ region: 'us-east-1', usdPerHour: 0.4032 });
    expect(inst('n2-standard-8')).toMatchObject({ region: 'us-central1', usdPerHour: 0.3885 });
  });

  it('has no price where the source lists none: m7i, m7g in af-south-1; c7g, r7g in sa-east-1', () => {
    for (const [name, region] of [
      ['m7i.large', 'af-south-1'],
      ['m7g.xlarge', 'af-south-1'],
      ['c7g.large', 'sa-east-1'],
      ['r7g.2xlarge', 'sa-east-1'],
    ] as const) {
      expect(price(name, region), `${name} ${region}`).toBeUndefined();
      expect(inst(name).notListed).toContain(region);
    }
    // m6i is listed there: 0.127 (prices.json)
    expect(price('m6i.large', 'af-south-1')?.usdPerHour).toBe(0.127);
  });

  it('prices Graviton below us-east-1 in ap-south-1, as listed (m7g.large 0.0816 -> 0.0583)', () => {
    expect(price('m7g.large', 'us-east-1')?.usdPerHour).toBe(0.0816);
    expect(price('m7g.large', 'ap-south-1')?.usdPerHour).toBe(0.0583);
  });

  it('derives x8i outside us-east-1 from the x2iedn multiplier, and says so', () => {
    // x8i.large us-east-1 0.21883; x2iedn eu-west-1 multiplier 1.2 (SOURCES-prices.md section 2)
    const p = price('x8i.large', 'eu-west-1');
    expectClose(p?.usdPerHour ?? 0, 0.21883 * 1.2, { rel: 1e-6 });
    expect(p?.source).toBe('capplan-regional-multiplier');
    expect(p?.derived).toMatch(/x2iedn.*ASSUMPTION/);
  });

  it('corrects the flagged .metal-24xl prices by their 10% us-east-1 rise, and says so', () => {
    // m7i.metal-24xl: 2024 eu-west-1 5.3928; us-east-1 4.8384 (2024) -> 5.32224 (2026)
    const p = price('m7i.metal-24xl', 'eu-west-1');
    expectClose(p?.usdPerHour ?? 0, (5.3928 * 5.32224) / 4.8384, { rel: 1e-6 });
    expect(p?.derived).toMatch(/rise/);
  });

  it('prices or lists as absent every AWS type in every catalog region, and every source resolves', () => {
    for (const i of catalog.instances.filter((x) => x.provider === 'aws')) {
      for (const r of catalog.regions) {
        const has = catalog.onDemandPrice(i, r.id) !== undefined;
        expect(has !== i.notListed.includes(r.id), `${i.name} ${r.id}`).toBe(true);
      }
      for (const p of i.onDemand) expect(catalog.sources.get(p.source), `${i.name} ${p.region}`).toBeDefined();
    }
  });
});

describe('per-vCPU performance', () => {
  it('gives every family a figure relative to m7i, CoreMark where measured (m7g 1.177, m6i 0.77)', () => {
    for (const family of catalog.families.keys()) expect(catalog.perVcpuPerformance.get(family), family).toBeDefined();
    expect(catalog.perVcpuPerformance.get('m7i')?.relativeToM7i).toBe(1);
    expect(catalog.perVcpuPerformance.get('m7g')).toMatchObject({ relativeToM7i: 1.177, confidence: 'derived' });
    expect(catalog.perVcpuPerformance.get('m6i')?.relativeToM7i).toBe(0.77);
    // a family without a CoreMark figure: an ESTIMATE from a family of the same CPU generation
    expect(catalog.perVcpuPerformance.get('x2idn')).toMatchObject({ relativeToM7i: 0.774, confidence: 'ESTIMATE' });
  });
});
