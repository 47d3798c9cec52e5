import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import type { Scenario } from '../../src/scenario/types.js';
import { exampleScenario } from '../compare/scenario.js';
import { contractExample, errorsOf, minimalScenario } from './example.js';

const GiB = 2 ** 30;
const catalog = loadCatalog();
const REGIONS = catalog.regions.map((r) => r.id).join(', ');
const FAMILIES = [...catalog.families.keys()].join(', ');

// biome-ignore lint/suspicious/noExplicitAny: the tests poke at arbitrary places of an untyped JSON copy
type Json = Record<string, any>;

/** The contract example with one change applied. */
function example(change: (s: Json) => void): Record<string, unknown> {
  const s = contractExample();
  change(s);
  return s;
}

describe('parseScenario: the contract example', () => {
  it('gives the exact SI numbers', () => {
    const s = parseScenario(contractExample());
    // the same hand-computed SI figures the engine tests use (test/compare/scenario.ts), plus what the parser adds
    const expected: Scenario = {
      ...exampleScenario(),
      simulation: { seed: 42, requests: 1000000, years: 10000, bursts: null, weibullShape: null, repairCrews: null },
      defaulted: [
        'workload.averageRate',
        'workload.serviceTimeFamily',
        'workload.memoryHeadroom',
        'workload.replication',
        'workload.consistency',
        'workload.roundTrips',
        'workload.usl',
        'targets.p99Scope',
        'targets.maxUtilizationDegraded',
        'reliability.coldRestore',
        'reliability.restoreRate',
        'reliability.replicationLag',
        'reliability.backupInterval',
        'pricing.model',
      ],
    };
    expect(s).toStrictEqual(expected);
    // the hand-computed figures of the brief, spelled out
    expect(s.reliability.node.mtbfS).toBe(15768000);
    expect(s.workload.workingSetBytes).toBe(322122547200);
  });

  it('accepts bare numbers in base units, $schema and a description', () => {
    const s = parseScenario(
      example((x) => {
        x.$schema = 'https://capplan.dev/schema/scenario.json';
        x.description = 'bare numbers';
        x.workload.peakRate = 4000;
        x.workload.serviceTime = 0.012;
        x.workload.workingSet = 300 * GiB;
        x.targets.budget = 30000;
        x.reliability.node = { mtbf: 15768000, mttr: 7200 };
      }),
    );
    expect(s.description).toBe('bare numbers');
    expect(s.workload.peakRatePerS).toBe(4000);
    expect(s.workload.serviceTimeS).toBe(0.012);
    expect(s.workload.workingSetBytes).toBe(300 * GiB);
    expect(s.targets.budgetUsdPerMonth).toBe(30000);
    expect(s.reliability.node).toStrictEqual({ mtbfS: 15768000, mttrS: 7200 });
    // the values with units given as bare numbers are listed (for the warnings); fractions are not (0.1 is usual)
    expect(s.bareNumbers).toStrictEqual([
      'workload.peakRate',
      'workload.serviceTime',
      'workload.workingSet',
      'targets.budget',
      'reliability.node.mtbf',
      'reliability.node.mttr',
    ]);
    expect(parseScenario(contractExample()).bareNumbers).toStrictEqual([]);
  });

  it('keeps the digits of the unavailability of a decimal availability; a number gives 1 - x', () => {
    const a = parseScenario(example((x) => (x.targets.availability = '99.9999999999%'))).targets;
    expect(a.unavailability).toBe(1e-12);
    const b = parseScenario(example((x) => (x.targets.availability = '0.99999'))).targets;
    expect(b.unavailability).toBe(1e-5);
    const c = parseScenario(example((x) => (x.targets.availability = 0.999))).targets;
    expect(c.availability).toBe(0.999);
    expect(c.unavailability).toBe(1 - 0.999);
  });

  it('maps vertical regions to region and standbyRegion, and keeps explicit horizontal nodes', () => {
    const s = parseScenario(
      example((x) => {
        x.architectures[1].regions = ['us-east-1', 'us-west-2'];
        x.architectures[1].size = '4xlarge';
        x.architectures[3].nodes = 12;
        x.workload.usl = { contention: 0.02, coherency: 0.0001 };
        x.workload.averageRate = '1000/s';
      }),
    );
    expect(s.architectures?.[1]).toMatchObject({ region: 'us-east-1', standbyRegion: 'us-west-2', size: '4xlarge' });
    expect(s.architectures?.[3]).toMatchObject({ nodes: 12 });
    expect(s.workload.usl).toStrictEqual({ sigma: 0.02, kappa: 0.0001 });
    expect(s.workload.averageRatePerS).toBe(1000);
    expect(s.defaulted).not.toContain('workload.usl');
    expect(s.defaulted).not.toContain('workload.averageRate');
  });
});

describe('parseScenario: defaults', () => {
  it('fills every default of a minimal scenario and records each defaulted path', () => {
    const s = parseScenario(minimalScenario());
    const d = catalog.reliability.default;
    expect(s.workload).toStrictEqual({
      peakRatePerS: 100,
      averageRatePerS: null,
      serviceTimeS: 0.01,
      serviceTimeCv: 1,
      serviceTimeFamily: 'm7i',
      perVcpuPerformance: {},
      growthPerYear: 0,
      growthYears: 0,
      workingSetBytes: 0,
      memoryHeadroom: 0.1,
      replication: 2,
      fanout: 1,
      writeFraction: 0,
      consistency: 'eventual',
      requestSizeBytes: 1024,
      responseSizeBytes: 10240,
      roundTrips: 1,
      usl: null,
    });
    expect(s.targets).toStrictEqual({
      p99S: 0.2,
      p99Scope: 'all-users',
      availability: 0.999,
      unavailability: 1 - 0.999,
      budgetUsdPerMonth: null,
      maxUtilization: 0.75,
      maxUtilizationDegraded: 0.9,
      maxDataLossS: null,
    });
    expect(s.reliability).toStrictEqual({
      node: { mtbfS: d.node.mtbfS, mttrS: d.node.mttrS },
      zone: { mtbfS: d.zone.mtbfS, mttrS: d.zone.mttrS },
      region: { mtbfS: d.region.mtbfS, mttrS: d.region.mttrS },
      failoverS: catalog.reliability.failover.defaultS,
      coldRestoreS: 1800,
      restoreRateBytesPerS: catalog.reliability.restore.defaultBytesPerS,
      replicationLagS: 1,
      backupIntervalS: 86400,
    });
    expect(s.description).toBeNull();
    expect(s.architectures).toBeNull();
    expect(s.simulation).toBeNull();
    expect(s.defaulted).toStrictEqual([
      'workload.averageRate',
      'workload.serviceTimeCv',
      'workload.serviceTimeFamily',
      'workload.growth.perYear',
      'workload.growth.years',
      'workload.workingSet',
      'workload.memoryHeadroom',
      'workload.replication',
      'workload.fanout',
      'workload.writeFraction',
      'workload.consistency',
      'workload.requestSize',
      'workload.responseSize',
      'workload.roundTrips',
      'workload.usl',
      'targets.p99Scope',
      'targets.maxUtilization',
      'targets.maxUtilizationDegraded',
      'reliability.node.mtbf',
      'reliability.node.mttr',
      'reliability.zone.mtbf',
      'reliability.zone.mttr',
      'reliability.region.mtbf',
      'reliability.region.mttr',
      'reliability.failover',
      'reliability.coldRestore',
      'reliability.restoreRate',
      'reliability.replicationLag',
      'reliability.backupInterval',
      'pricing.model',
    ]);
  });

  it('defaults the fields of candidates and of an empty simulation', () => {
    const s = parseScenario({
      ...minimalScenario(),
      architectures: [
        { name: 'v', kind: 'vertical', family: 'm7i' },
        { name: 'h', kind: 'horizontal', family: 'm7i' },
      ],
      simulation: {},
    });
    expect(s.architectures).toStrictEqual([
      { kind: 'vertical', name: 'v', family: 'm7i', size: null, region: null, standby: 'none', standbyRegion: null },
      {
        kind: 'horizontal',
        name: 'h',
        family: 'm7i',
        size: null,
        nodes: null,
        spares: 1,
        zones: 3,
        regions: null,
        balancer: 'least-loaded',
      },
    ]);
    expect(s.simulation).toStrictEqual({
      seed: 1,
      requests: 1_000_000,
      years: 1000,
      bursts: null,
      weibullShape: null,
      repairCrews: null,
    });
    expect(s.defaulted).toEqual(
      expect.arrayContaining([
        'architectures[0].standby',
        'architectures[1].spares',
        'architectures[1].zones',
        'architectures[1].balancer',
        'simulation.seed',
        'simulation.requests',
        'simulation.years',
      ]),
    );
  });
});

describe('parseScenario: one clear line per problem', () => {
  it('names an unknown key and suggests the nearest valid one', () => {
    expect(errorsOf(example((x) => (x.workload.peekRate = '4000/s')))).toStrictEqual([
      'workload.peekRate: unknown key (did you mean peakRate?)',
    ]);
    expect(errorsOf(example((x) => (x.architectures[2].balancr = 'random')))).toStrictEqual([
      'architectures[2].balancr: unknown key (did you mean balancer?)',
    ]);
    expect(errorsOf(example((x) => (x.colour = 'blue')))).toStrictEqual([
      'colour: unknown key (valid keys: $schema, name, description, workload, tiers, targets, reliability, users, architectures, provider, pricing, autoscaling, cost, operations, simulation, fitted)',
    ]);
  });

  it('refuses a value of the wrong dimension', () => {
    expect(errorsOf(example((x) => (x.workload.serviceTime = '5 kg')))).toStrictEqual([
      'workload.serviceTime: "5 kg": expected a duration such as "5 ms" or "2000 h" (got a mass)',
    ]);
  });

  it('refuses a value of the wrong JSON type, and a missing required field', () => {
    expect(errorsOf(example((x) => (x.targets.p99 = [250])))).toStrictEqual([
      'targets.p99: [250]: expected a duration such as "12 ms" or "2 h", or a number of seconds',
    ]);
    expect(errorsOf(example((x) => delete x.workload.peakRate))).toStrictEqual([
      'workload.peakRate: missing: expected a rate such as "4000/s", or a number per second',
    ]);
    expect(errorsOf(example((x) => (x.architectures[2].zones = 7)))).toStrictEqual([
      'architectures[2].zones: 7: expected an integer >= 1 and <= 6',
    ]);
    expect(errorsOf(example((x) => (x.architectures[0].kind = 'diagonal')))).toStrictEqual([
      'architectures[0].kind: "diagonal": expected one of "vertical", "horizontal"',
    ]);
    expect(errorsOf(example((x) => (x.targets.p99Scope = 'every-regions')))).toStrictEqual([
      'targets.p99Scope: "every-regions": expected one of "all-users", "every-region"',
    ]);
  });

  it('reads reliability.restoreRate as a data rate, and refuses a size, a plain rate or 0', () => {
    const s = parseScenario(example((x) => (x.reliability.restoreRate = '500 MiB/s')));
    expect(s.reliability.restoreRateBytesPerS).toBe(500 * 2 ** 20);
    expect(s.defaulted).not.toContain('reliability.restoreRate');
    expect(errorsOf(example((x) => (x.reliability.restoreRate = '500 MiB')))).toStrictEqual([
      'reliability.restoreRate: "500 MiB": expected a data rate such as "500 MiB/s" or "1 GB/s" (got a size)',
    ]);
    expect(errorsOf(example((x) => (x.reliability.restoreRate = '500/s')))).toStrictEqual([
      'reliability.restoreRate: "500/s": expected a data rate such as "500 MiB/s" or "1 GB/s" (got a rate)',
    ]);
    expect(errorsOf(example((x) => (x.reliability.restoreRate = 0)))).toStrictEqual([
      'reliability.restoreRate: 0: expected a data rate > 0 bytes/s',
    ]);
  });

  it('refuses values out of range', () => {
    expect(errorsOf(example((x) => (x.targets.availability = '100%')))).toStrictEqual([
      'targets.availability: "100%": expected a fraction > 0 and < 1 (got 1)',
    ]);
    expect(errorsOf(example((x) => (x.workload.averageRate = '5000/s')))).toStrictEqual([
      'workload.averageRate: "5000/s": expected a rate <= peakRate (4000/s)',
    ]);
  });

  it('requires the shares to add up to 1', () => {
    expect(errorsOf(example((x) => (x.users[2].share = '10%')))).toStrictEqual([
      'users: ["50%","30%","10%"]: expected shares that add up to 1 (100%), got 0.9',
    ]);
  });

  it('lists the catalog regions for an unknown region, and suggests the closest', () => {
    expect(errorsOf(example((x) => (x.users[0].region = 'us-east-9')))).toStrictEqual([
      `users[0].region: "us-east-9": expected a catalog region (did you mean us-east-1?); the catalog's regions: ${REGIONS}`,
    ]);
    expect(errorsOf(example((x) => (x.architectures[3].regions[1] = 'mars-1')))).toStrictEqual([
      `architectures[3].regions[1]: "mars-1": expected a catalog region; the catalog's regions: ${REGIONS}`,
    ]);
  });

  it('refuses a region listed twice', () => {
    expect(errorsOf(example((x) => (x.users[1].region = 'us-east-1')))).toStrictEqual([
      'users[1].region: "us-east-1": expected a region not already listed (users[0] has it)',
    ]);
    expect(errorsOf(example((x) => (x.architectures[3].regions = ['eu-west-1', 'eu-west-1'])))).toStrictEqual([
      'architectures[3].regions[1]: "eu-west-1": expected a region not already listed (architectures[3].regions[0] has it)',
    ]);
  });

  it('takes users at a place given by coordinates, under a name of their own', () => {
    const s = parseScenario(
      example((x) => {
        x.users[2] = { region: 'lagos', lat: 6.5244, lon: 3.3792, share: '20%' };
      }),
    );
    expect(s.users[2]).toStrictEqual({ region: 'lagos', location: { lat: 6.5244, lon: 3.3792 }, share: 0.2 });
    expect(s.users[0]).toStrictEqual({ region: 'us-east-1', location: null, share: 0.5 });
  });

  it('refuses half a location, a location under a catalog region id, and coordinates out of range', () => {
    expect(errorsOf(example((x) => (x.users[2] = { region: 'lagos', lat: 6.5, share: '20%' })))).toStrictEqual([
      'users[2].lon: "missing": expected a longitude in degrees: lat is given',
    ]);
    expect(errorsOf(example((x) => (x.users[2] = { region: 'lagos', lon: 3.4, share: '20%' })))).toStrictEqual([
      'users[2].lat: "missing": expected a latitude in degrees: lon is given',
    ]);
    expect(
      errorsOf(example((x) => (x.users[2] = { region: 'ap-northeast-1', lat: 35.7, lon: 139.7, share: '20%' }))),
    ).toStrictEqual([
      'users[2].region: "ap-northeast-1": expected a name that is not a catalog region when lat and lon are given (a catalog region has its own coordinates)',
    ]);
    const far = errorsOf(example((x) => (x.users[2] = { region: 'pole', lat: 91, lon: -181, share: '20%' })));
    expect(far).toHaveLength(2);
    expect(far[0]).toMatch(/^users\[2\]\.lat: 91: expected a number >= -90 and <= 90/);
    expect(far[1]).toMatch(/^users\[2\]\.lon: -181: expected a number >= -180 and <= 180/);
    expect(errorsOf(example((x) => (x.users[2].region = 'lagos')))[0]).toMatch(
      /^users\[2\]\.region: "lagos": expected a catalog region/,
    );
  });

  it('lists the families for an unknown family, and the sizes of the family for an unknown size', () => {
    expect(errorsOf(example((x) => (x.architectures[0].family = 'm7')))).toStrictEqual([
      `architectures[0].family: "m7": expected a catalog instance family (did you mean m7i?); the catalog's families: ${FAMILIES}`,
    ]);
    const sizes = (catalog.families.get('m7i') ?? []).map((i) => i.size).join(', ');
    expect(errorsOf(example((x) => (x.architectures[2].size = '3xlarge')))).toStrictEqual([
      `architectures[2].size: "3xlarge": expected a catalog size of m7i (did you mean xlarge?); the catalog's sizes of m7i: ${sizes}`,
    ]);
  });

  it("refuses a family of one provider in another provider's region, naming both", () => {
    // the catalog's regions are all AWS's (regions.json); its GCP rows (n2-standard, m1/m2 megamem and ultramem)
    // have no region to run in
    expect(catalog.regions.every((r) => r.provider === 'aws')).toBe(true);
    expect(catalog.families.get('n2-standard')?.[0]?.provider).toBe('gcp');
    const aws = [...catalog.families].filter(([, sizes]) => sizes[0]?.provider === 'aws').map(([f]) => f);
    expect(aws).toContain('m7i');
    expect(aws).not.toContain('n2-standard');
    const list = `the catalog's AWS families: ${aws.join(', ')}`;
    expect(
      errorsOf(
        example((x) => {
          x.architectures[1].family = 'n2-standard';
          x.architectures[3].family = 'm2-ultramem';
          delete x.architectures[3].size;
        }),
      ),
    ).toStrictEqual([
      `architectures[1].family: "n2-standard": expected an instance family of the region's provider (family n2-standard is GCP's, region us-east-1 is AWS's); ${list}`,
      `architectures[3].family: "m2-ultramem": expected an instance family of the region's provider (family m2-ultramem is GCP's, region us-east-1 is AWS's); ${list}`,
    ]);
    // without regions, the engine would place it in a catalog region: all AWS's
    expect(
      errorsOf(
        example((x) => {
          x.architectures[0].family = 'n2-standard';
          delete x.architectures[0].regions;
        }),
      ),
    ).toStrictEqual([
      `architectures[0].family: "n2-standard": expected an instance family of the region's provider (family n2-standard is GCP's, the candidate names no regions, and the catalog's regions, where the engine would place it, are all AWS's); ${list}`,
    ]);
  });

  it('provider: "aws" is kept, "gcp" is refused in one line naming what the catalog lacks, an unknown one lists both', () => {
    expect(parseScenario(example((x) => (x.provider = 'aws'))).provider).toBe('aws');
    expect(parseScenario(example(() => {})).provider).toBeUndefined();
    const gcp = errorsOf(example((x) => (x.provider = 'gcp')));
    expect(gcp).toHaveLength(1);
    expect(gcp[0]).toMatch(
      /^provider: "gcp": expected a provider the catalog has regions and network prices for \("aws"\): the catalog has 17 GCP machine types \(n2-standard, .*\) but no regions and their round trips .*, no transfer, balancer and global-switch prices .*; nothing is invented for it/,
    );
    expect(errorsOf(example((x) => (x.provider = 'azure')))).toStrictEqual([
      'provider: "azure": expected one of "aws", "gcp"',
    ]);
  });

  it("a named provider's candidates use its families only", () => {
    const aws = [...catalog.families].filter(([, sizes]) => sizes[0]?.provider === 'aws').map(([f]) => f);
    expect(
      errorsOf(
        example((x) => {
          x.provider = 'aws';
          x.architectures[1].family = 'n2-standard';
        }),
      ),
    ).toStrictEqual([
      `architectures[1].family: "n2-standard": expected an instance family of the scenario's provider "aws" (family n2-standard is GCP's); AWS's families: ${aws.join(', ')}`,
    ]);
  });

  it('refuses a vertical-only field on a horizontal candidate, and vice versa', () => {
    expect(errorsOf(example((x) => (x.architectures[2].standby = 'hot')))).toStrictEqual([
      'architectures[2].standby: "hot": expected no "standby" on a horizontal candidate (it is for kind "vertical"; a horizontal design uses spares)',
    ]);
    expect(
      errorsOf(
        example((x) => {
          x.architectures[0].nodes = 3;
          x.architectures[0].balancer = 'random';
        }),
      ),
    ).toStrictEqual([
      'architectures[0].nodes: 3: expected no "nodes" on a vertical candidate (it is for kind "horizontal")',
      'architectures[0].balancer: "random": expected no "balancer" on a vertical candidate (it is for kind "horizontal")',
    ]);
  });

  it('checks the regions of a vertical candidate and the nodes of a horizontal one', () => {
    expect(errorsOf(example((x) => (x.architectures[0].regions = ['us-east-1', 'us-west-2'])))).toStrictEqual([
      'architectures[0].regions[1]: "us-west-2": expected a second region only with standby "cold" or "hot" (the second region is where the standby runs)',
    ]);
    expect(
      errorsOf(example((x) => (x.architectures[1].regions = ['us-east-1', 'us-west-2', 'eu-west-1']))),
    ).toStrictEqual([
      'architectures[1].regions: ["us-east-1","us-west-2","eu-west-1"]: expected a vertical candidate: 1 region, or 2 (the second for the standby)',
    ]);
    expect(errorsOf(example((x) => (x.architectures[3].nodes = 1)))).toStrictEqual([
      'architectures[3].nodes: 1: expected at least one node per region (>= 2)',
    ]);
  });

  it('refuses an explicit fleet with fewer nodes per region than copies of each partition (placement)', () => {
    // the contract example's architectures[3] spans 2 regions; 3 copies per region need 6 nodes
    expect(
      errorsOf(
        example((x) => {
          x.workload.replication = 3;
          x.architectures[3].nodes = 5;
        }),
      ),
    ).toStrictEqual([
      'architectures[3].nodes: 5: expected at least workload.replication (3) nodes in each region (>= 6 over 2 regions): each partition keeps 3 copies on distinct nodes',
    ]);
    expect(
      errorsOf(
        example((x) => {
          x.workload.replication = 3;
          x.architectures[2].nodes = 2;
        }),
      ),
    ).toStrictEqual([
      'architectures[2].nodes: 2: expected at least workload.replication (3) nodes in each region (>= 3): each partition keeps 3 copies on distinct nodes',
    ]);
    expect(errorsOf(example((x) => (x.targets.maxUtilizationDegraded = '190%')))).toHaveLength(1);
  });

  it('refuses duplicate candidate names', () => {
    expect(errorsOf(example((x) => (x.architectures[3].name = 'one big box')))).toStrictEqual([
      'architectures[3].name: "one big box": expected a name no other candidate has (architectures[0] has it)',
    ]);
  });

  it('refuses an input that is not an object', () => {
    expect(errorsOf(42)).toStrictEqual(['scenario: 42: expected an object']);
    expect(errorsOf(null)).toStrictEqual(['scenario: null: expected an object']);
  });

  it('reads the simulation options: bursts, Weibull up times and repair crews', () => {
    const s = parseScenario(
      example((x) => {
        x.simulation = { bursts: { factor: 3, share: '10%', length: '500 ms' }, weibullShape: 0.7, repairCrews: 2 };
      }),
    );
    expect(s.simulation).toStrictEqual({
      seed: 1,
      requests: 1_000_000,
      years: 1000,
      bursts: { factor: 3, share: 0.1, lengthS: 0.5 },
      weibullShape: 0.7,
      repairCrews: 2,
    });
  });

  it('refuses simulation options out of range, each at its path', () => {
    const errors = errorsOf(
      example((x) => {
        x.simulation = { bursts: { factor: 1, share: '100%', lenght: '2 s' }, weibullShape: 0, repairCrews: 1.5 };
      }),
    );
    expect(errors.map((e) => e.slice(0, e.indexOf(':')))).toEqual(
      expect.arrayContaining([
        'simulation.bursts.factor',
        'simulation.bursts.share',
        'simulation.bursts.lenght',
        'simulation.weibullShape',
        'simulation.repairCrews',
      ]),
    );
    expect(errors.find((e) => e.startsWith('simulation.bursts.factor'))).toMatch(/expected a number > 1 and <= 1000/);
    expect(errors.find((e) => e.startsWith('simulation.bursts.share'))).toMatch(/"100%": expected .*< 1/);
    expect(errors.find((e) => e.startsWith('simulation.bursts.lenght'))).toMatch(/did you mean length/);
    expect(errors.find((e) => e.startsWith('simulation.repairCrews'))).toMatch(/expected an integer >= 1/);
  });

  it('reports several problems at once, each on its own line', () => {
    const errors = errorsOf(
      example((x) => {
        x.workload.peekRate = 1;
        x.workload.serviceTime = '5 kg';
        x.targets.availability = 1.5;
        x.users[0].region = 'us-east-9';
        x.users[1].share = '40%';
        x.architectures[3].name = 'one big box';
        x.architectures[2].standby = 'cold';
        x.simulation.seed = -1;
      }),
    );
    expect(errors).toHaveLength(8);
    expect(errors.map((e) => e.slice(0, e.indexOf(':')))).toStrictEqual([
      'workload.peekRate',
      'simulation.seed',
      'workload.serviceTime',
      'targets.availability',
      'users[0].region',
      'users',
      'architectures[2].standby',
      'architectures[3].name',
    ]);
  });
});
