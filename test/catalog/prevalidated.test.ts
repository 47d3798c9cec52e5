/**
 * loadCatalog builds from the committed files without running their zod schemas (issue 18: ~33 ms of every
 * start-up). That is sound only while the committed files pass the schemas unchanged; this test is that check, at
 * test time, as the build's "validate once" step.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog, rawCatalog } from '../../src/catalog/index.js';
import { priceCoverageProblems } from '../../src/catalog/load.js';
import { loadRegionTable } from '../../src/catalog/regionTable.js';
import { buildCatalog, parseCatalogFiles } from '../../src/catalog/validate.js';

describe('the committed catalog', () => {
  it('passes its schemas, and the schemas change nothing in it (no defaults, no transforms)', () => {
    const parsed = parseCatalogFiles(rawCatalog);
    expect(JSON.parse(JSON.stringify(parsed))).toEqual(JSON.parse(JSON.stringify(rawCatalog)));
  });

  it('prices every AWS type in every catalog region or lists it as absent, naming no other region', () => {
    expect(priceCoverageProblems(parseCatalogFiles(rawCatalog))).toEqual([]);
  });

  it('a file breaking the price coverage rule is refused, each problem named', () => {
    const instances = structuredClone(rawCatalog.instances) as { instances: { onDemand: { region: string }[] }[] };
    const first = instances.instances[0] as { name?: string; onDemand: { region: string }[]; notListed: string[] };
    const dropped = first.onDemand.pop()?.region as string; // neither priced nor listed as absent now
    first.notListed.push('mars-north-1');
    expect(() => buildCatalog({ ...rawCatalog, instances })).toThrow(
      new RegExp(`has no price and no notListed entry for ${dropped}[\\s\\S]*unknown region "mars-north-1"`),
    );
  });

  it('built without the schemas is the catalog built with them', () => {
    const checked = buildCatalog(rawCatalog);
    const loaded = loadCatalog();
    for (const key of ['instances', 'regions', 'sources'] as const) {
      expect(JSON.stringify([...(loaded[key] as Iterable<unknown>)])).toBe(
        JSON.stringify([...(checked[key] as Iterable<unknown>)]),
      );
    }
    expect(JSON.stringify(loaded.rttModel)).toBe(JSON.stringify(checked.rttModel));
    expect(loaded.measuredRttMs('us-east-1', 'eu-west-1')).toBe(checked.measuredRttMs('us-east-1', 'eu-west-1'));
  });
});

describe('the region table alone (capplan rtt)', () => {
  it("is the catalog's regions, round trips and distance model", () => {
    const table = loadRegionTable();
    const catalog = loadCatalog();
    expect(JSON.stringify(table.regions)).toBe(JSON.stringify(catalog.regions));
    expect(JSON.stringify(table.rttModel)).toBe(JSON.stringify(catalog.rttModel));
    for (const a of catalog.regions) {
      expect(table.region(a.id)).toEqual(catalog.region(a.id));
      for (const b of catalog.regions) expect(table.measuredRttMs(a.id, b.id)).toBe(catalog.measuredRttMs(a.id, b.id));
    }
  });
});
