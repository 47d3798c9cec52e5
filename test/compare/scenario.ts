import { type ArchitectureSpec, NO_OPERATIONS, type Reliability, type Scenario } from '../../src/scenario/types.js';

const H = 3600;

/**
 * The contract example's failure figures in SI units (node 4380 h / 2 h, zone 8766 h / 4 h, region 26298 h / 8 h,
 * failover 60 s), with the parser's defaults for the rest (cold restore 30 min + the working set at 200 MiB/s);
 * `over` replaces any of them.
 */
export function exampleReliability(over: Partial<Reliability> = {}): Reliability {
  return {
    node: { mtbfS: 4380 * H, mttrS: 2 * H },
    zone: { mtbfS: 8766 * H, mttrS: 4 * H },
    region: { mtbfS: 26298 * H, mttrS: 8 * H },
    failoverS: 60,
    coldRestoreS: 1800,
    restoreRateBytesPerS: 200 * 2 ** 20,
    replicationLagS: 1,
    backupIntervalS: 86400,
    ...over,
  };
}

/** The contract's example scenario in normalised (SI) form, built by hand so engine tests do not depend on the parser. */
export function exampleScenario(over: Partial<Scenario> = {}): Scenario {
  return {
    name: 'Photo-sharing app goes viral',
    description: null,
    workload: {
      peakRatePerS: 4000,
      averageRatePerS: null,
      serviceTimeS: 0.012,
      serviceTimeCv: 1.5,
      serviceTimeFamily: 'm7i',
      perVcpuPerformance: {},
      growthPerYear: 0.8,
      growthYears: 2,
      workingSetBytes: 300 * 2 ** 30,
      memoryHeadroom: 0.1,
      replication: 2,
      fanout: 1,
      writeFraction: 0.1,
      consistency: 'eventual',
      requestSizeBytes: 2 * 1024,
      responseSizeBytes: 200 * 1024,
      roundTrips: 1,
      usl: null,
    },
    targets: {
      p99S: 0.25,
      p99Scope: 'all-users',
      availability: 0.9995,
      unavailability: 0.0005,
      budgetUsdPerMonth: 30000,
      maxUtilization: 0.75,
      maxUtilizationDegraded: 0.9,
      maxDataLossS: null,
    },
    reliability: exampleReliability(),
    users: [
      { region: 'us-east-1', location: null, share: 0.5 },
      { region: 'eu-west-1', location: null, share: 0.3 },
      { region: 'ap-northeast-1', location: null, share: 0.2 },
    ],
    tiers: null,
    architectures: [
      {
        kind: 'vertical',
        name: 'one big box',
        family: 'm7i',
        size: null,
        region: 'us-east-1',
        standby: 'none',
        standbyRegion: null,
      },
      {
        kind: 'vertical',
        name: 'big box + hot standby',
        family: 'm7i',
        size: null,
        region: 'us-east-1',
        standby: 'hot',
        standbyRegion: null,
      },
      {
        kind: 'horizontal',
        name: 'scale out, 3 zones',
        family: 'm7i',
        size: '2xlarge',
        nodes: null,
        spares: 1,
        zones: 3,
        regions: ['us-east-1'],
        balancer: 'least-loaded',
      },
      {
        kind: 'horizontal',
        name: 'scale out, 2 regions',
        family: 'm7i',
        size: '2xlarge',
        nodes: null,
        spares: 1,
        zones: 3,
        regions: ['us-east-1', 'eu-west-1'],
        balancer: 'least-loaded',
      },
    ] satisfies ArchitectureSpec[],
    simulation: null,
    pricing: 'on-demand',
    operations: NO_OPERATIONS,
    defaulted: [],
    uncertain: [],
    bareNumbers: [],
    fitted: [],
    ...over,
  };
}

/** A small scenario: exponential service (exact M/M/c), one user region, no growth, nothing written. */
export function smallScenario(
  over: Partial<Scenario['workload']> = {},
  users: Scenario['users'] = [{ region: 'us-east-1', location: null, share: 1 }],
): Scenario {
  const s = exampleScenario({ users, architectures: null });
  return {
    ...s,
    workload: {
      ...s.workload,
      peakRatePerS: 100,
      serviceTimeS: 0.01,
      serviceTimeCv: 1,
      growthPerYear: 0,
      growthYears: 0,
      workingSetBytes: 2 ** 30,
      writeFraction: 0,
      ...over,
    },
    targets: { ...s.targets, budgetUsdPerMonth: null },
  };
}
