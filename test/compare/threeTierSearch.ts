// The three-tier scenario the tier search is tested on (tiers.test.ts: against an enumeration of every combination;
// tierSearchBound.test.ts: the budget bound): an app fleet, a cache and a database, each with open sizes, in us-east-1.

/** The scenario (raw, as a user writes it) with the given monthly budget. */
export function threeTierSearch(budget: string): Record<string, unknown> {
  return {
    name: 'search',
    workload: { peakRate: '3000/s' },
    tiers: [
      { name: 'app', role: 'stateless', serviceTime: '4 ms', callsPerRequest: 1 },
      {
        name: 'cache',
        role: 'cache',
        serviceTime: '0.3 ms',
        callsPerRequest: 3,
        hitRatio: '80%',
        workingSet: '20 GiB',
      },
      {
        name: 'db',
        role: 'database',
        serviceTime: '3 ms',
        callsPerRequest: 3,
        workingSet: '100 GiB',
        writeFraction: '10%',
      },
    ],
    targets: { p99: '60 ms', availability: '99.9%', budget },
    users: [{ region: 'us-east-1', share: 1 }],
    architectures: [
      {
        name: 'open sizes',
        tiers: {
          app: { kind: 'horizontal', family: 'm7i', size: 'xlarge', zones: 3 },
          cache: { kind: 'vertical', family: 'r7i', standby: 'hot' },
          db: { kind: 'vertical', family: 'r7i', standby: 'hot' },
        },
      },
    ],
  };
}
