import { expect } from 'vitest';
import { InputError, InputErrors } from '../../src/errors.js';
import { parseScenario } from '../../src/scenario/normalize.js';

/** The contract's example scenario (../shared/design/contract.md), as a fresh object each time. */
export function contractExample(): Record<string, unknown> {
  return {
    name: 'Photo-sharing app goes viral',
    workload: {
      peakRate: '4000/s',
      serviceTime: '12 ms',
      serviceTimeCv: 1.5,
      growth: { perYear: '80%', years: 2 },
      workingSet: '300 GiB',
      writeFraction: 0.1,
      fanout: 1,
      requestSize: '2 KiB',
      responseSize: '200 KiB',
    },
    targets: { p99: '250 ms', availability: '99.95%', maxUtilization: '75%', budget: '30000 USD/month' },
    reliability: {
      node: { mtbf: '4380 h', mttr: '2 h' },
      zone: { mtbf: '8766 h', mttr: '4 h' },
      region: { mtbf: '26298 h', mttr: '8 h' },
      failover: '60 s',
    },
    users: [
      { region: 'us-east-1', share: '50%' },
      { region: 'eu-west-1', share: '30%' },
      { region: 'ap-northeast-1', share: '20%' },
    ],
    architectures: [
      { name: 'one big box', kind: 'vertical', family: 'm7i', regions: ['us-east-1'], standby: 'none' },
      { name: 'big box + hot standby', kind: 'vertical', family: 'm7i', regions: ['us-east-1'], standby: 'hot' },
      {
        name: 'scale out, 3 zones',
        kind: 'horizontal',
        family: 'm7i',
        size: '2xlarge',
        spares: 1,
        zones: 3,
        regions: ['us-east-1'],
        balancer: 'least-loaded',
      },
      {
        name: 'scale out, 2 regions',
        kind: 'horizontal',
        family: 'm7i',
        size: '2xlarge',
        spares: 1,
        zones: 3,
        regions: ['us-east-1', 'eu-west-1'],
        balancer: 'least-loaded',
      },
    ],
    simulation: { seed: 42, requests: 1000000, years: 10000 },
  };
}

/** The smallest valid scenario: only the required fields. */
export function minimalScenario(): Record<string, unknown> {
  return {
    name: 'minimal',
    workload: { peakRate: 100, serviceTime: 0.01 },
    targets: { p99: 0.2, availability: 0.999 },
    users: [{ region: 'us-east-1', share: 1 }],
  };
}

/** The one-line messages parseScenario throws for `input` (it must throw InputErrors of one line each). */
export function errorsOf(input: unknown): string[] {
  try {
    parseScenario(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InputErrors);
    const errors = (error as InputErrors).errors;
    for (const e of errors) {
      expect(e).toBeInstanceOf(InputError);
      expect(e.message).not.toContain('\n');
    }
    return errors.map((e) => e.message);
  }
  throw new Error('expected parseScenario to throw');
}

/** The contract's tiers (app, cache, db) with one candidate co-located and one designed per tier. */
// biome-ignore lint/suspicious/noExplicitAny: tests poke at arbitrary places of the untyped JSON
export function tieredScenario(): Record<string, any> {
  return {
    name: 'Shop with a cache',
    workload: { peakRate: '2000/s' },
    tiers: [
      { name: 'app', role: 'stateless', serviceTime: '6 ms', serviceTimeCv: 1.2, callsPerRequest: 1 },
      {
        name: 'cache',
        role: 'cache',
        serviceTime: '0.3 ms',
        callsPerRequest: 4,
        hitRatio: '90%',
        workingSet: '40 GiB',
      },
      {
        name: 'db',
        role: 'database',
        serviceTime: '2 ms',
        callsPerRequest: 4,
        workingSet: '800 GiB',
        writeFraction: '20%',
        replication: 3,
        consistency: 'strong',
      },
    ],
    targets: { p99: '250 ms', availability: '99.95%' },
    users: [{ region: 'us-east-1', share: 1 }],
    architectures: [
      { name: 'one box', kind: 'vertical', family: 'm7i' },
      {
        name: 'app out, db up',
        tiers: {
          app: { kind: 'horizontal', family: 'm7i', size: '2xlarge', zones: 3 },
          cache: { kind: 'horizontal', family: 'r7i', nodes: 3 },
          db: { kind: 'vertical', family: 'r7i', standby: 'hot', readReplicas: 2 },
        },
      },
    ],
  };
}
