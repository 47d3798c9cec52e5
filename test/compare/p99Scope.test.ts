// targets.p99Scope: "all-users" judges the p99 of the mixture over user regions, "every-region" each user region's
// own p99. The case of the issue: 0.9% of the users in Sydney (ap-southeast-2) and 99.1% in us-east-1, a 50 ms
// target. The measured round trip us-east-1 <-> ap-southeast-2 is about 200 ms (models/catalog/regions.json), so the
// Sydney users of a design in us-east-1 alone are far over the target, while the overall p99 is set by the other
// 99.1% (0.9% < 1% of the requests are slower than it).
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { compareScenario } from '../../src/compare/index.js';
import { parseScenario } from '../../src/scenario/normalize.js';

const catalog = loadCatalog();

function scenario(scope: 'all-users' | 'every-region' | undefined, architectures?: unknown[]) {
  return parseScenario({
    name: 'far small user group',
    workload: { peakRate: '2000/s', serviceTime: '5 ms', workingSet: '8 GiB' },
    targets: { p99: '50 ms', availability: '99.9%', ...(scope === undefined ? {} : { p99Scope: scope }) },
    users: [
      { region: 'us-east-1', share: '99.1%' },
      { region: 'ap-southeast-2', share: '0.9%' },
    ],
    ...(architectures === undefined ? {} : { architectures: architectures as Record<string, unknown>[] }),
  });
}

const usEast = [
  { name: 'box', kind: 'vertical', family: 'm7i', size: '4xlarge', regions: ['us-east-1'], standby: 'hot' },
  { name: 'fleet', kind: 'horizontal', family: 'm7i', size: 'xlarge', regions: ['us-east-1'] },
];

describe('targets.p99Scope', () => {
  it('defaults to all-users, and is recorded as a default taken', () => {
    const s = scenario(undefined, usEast);
    expect(s.targets.p99Scope).toBe('all-users');
    expect(s.defaulted).toContain('targets.p99Scope');
    expect(scenario('every-region', usEast).defaulted).not.toContain('targets.p99Scope');
  });

  it('all-users: a design in us-east-1 alone meets the 50 ms p99 although its Sydney users wait over 200 ms', () => {
    const r = compareScenario(scenario('all-users', usEast), catalog);
    for (const a of r.architectures) {
      expect(a.latency.p99Ms as number).toBeLessThanOrEqual(50);
      expect(a.meetsTargets.p99, a.name).toBe(true);
      const [east, sydney] = a.latency.byUserRegion;
      expect(east).toMatchObject({ region: 'us-east-1', meetsP99: true });
      expect(sydney).toMatchObject({ region: 'ap-southeast-2', meetsP99: false });
      expect(sydney?.p99Ms as number).toBeGreaterThan(200);
    }
  });

  it('every-region: the same designs miss the p99, and the reason names the worst region and its p99', () => {
    const r = compareScenario(scenario('every-region', usEast), catalog);
    for (const a of r.architectures) {
      expect(a.meetsTargets.p99, a.name).toBe(false);
      expect(a.feasible).toBe(false);
      const sydney = a.latency.byUserRegion[1];
      expect(sydney?.meetsP99).toBe(false);
      // the reports' latency form (src/units/format.ts): whole ms from 100 ms, one decimal below
      const p99 = Number(sydney?.p99Ms).toFixed(0);
      expect(a.infeasibleReason).toContain(
        `distance: ap-southeast-2 at ${p99} ms above the 50.0 ms target (every-region)`,
      );
    }
    expect(r.recommendation.name).toBeNull();
    expect(r.recommendation.unmetByAll).toContain('p99');
  });

  it('meetsP99 of each user region is its p99 against the target, whatever the scope', () => {
    for (const scope of ['all-users', 'every-region'] as const) {
      const r = compareScenario(scenario(scope, usEast), catalog);
      for (const a of r.architectures) {
        for (const u of a.latency.byUserRegion) {
          expect(u.meetsP99, `${scope} ${a.name} ${u.region}`).toBe(u.p99Ms !== null && u.p99Ms <= 50);
        }
      }
    }
  });

  it('every-region: a design with a region near each user group meets it, and the search finds one', () => {
    const both = [
      {
        name: 'two regions',
        kind: 'horizontal',
        family: 'm7i',
        size: 'xlarge',
        regions: ['us-east-1', 'ap-southeast-2'],
      },
    ];
    const explicit = compareScenario(scenario('every-region', both), catalog).architectures[0];
    expect(explicit?.meetsTargets.p99).toBe(true);
    expect(explicit?.latency.byUserRegion.every((u) => u.meetsP99)).toBe(true);

    const searched = compareScenario(scenario('every-region'), catalog);
    const h = searched.architectures.find((a) => a.name === 'best horizontal');
    expect(h?.meetsTargets.p99).toBe(true);
    expect(h?.regions).toContain('ap-southeast-2');
    expect(h?.latency.byUserRegion.every((u) => u.meetsP99)).toBe(true);
    // one box serves everyone from one place: it cannot meet the target in both regions
    const v = searched.architectures.find((a) => a.name === 'best vertical');
    expect(v?.meetsTargets.p99).toBe(false);
    expect(searched.recommendation.name).toBe('best horizontal');
  });

  it('every-region sizes a region for the farthest of its user groups, all-users for their mixture', () => {
    // one fleet in us-east-1 for users there (round trip 5.35 ms) and in us-east-2 (15.4 ms); 2 ms of CPU a request
    // (service p99 9.2 ms): a 24.8 ms target leaves the us-east-2 users under 9.4 ms for queue and service
    const nodes = (scope: 'all-users' | 'every-region') => {
      const s = parseScenario({
        name: 'two user groups, one serving region',
        workload: { peakRate: '2000/s', serviceTime: '2 ms' },
        targets: { p99: '24.8 ms', availability: '99%', p99Scope: scope },
        users: [
          { region: 'us-east-1', share: '90%' },
          { region: 'us-east-2', share: '10%' },
        ],
        architectures: [
          { name: 'fleet', kind: 'horizontal', family: 'm7i', size: 'large', regions: ['us-east-1'], spares: 0 },
        ],
      });
      return compareScenario(s, catalog).architectures[0];
    };
    const all = nodes('all-users');
    const every = nodes('every-region');
    expect(all?.meetsTargets.p99).toBe(true);
    expect(all?.latency.byUserRegion.map((u) => u.meetsP99)).toEqual([true, false]);
    expect(every?.meetsTargets.p99).toBe(true);
    expect(every?.latency.byUserRegion.map((u) => u.meetsP99)).toEqual([true, true]);
    expect(every?.nodes as number).toBeGreaterThan(all?.nodes as number);
  });
});
