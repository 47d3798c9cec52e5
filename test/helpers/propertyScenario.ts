// The raw scenario the search property tests (test/compare/searchHorizontal.test.ts, searchVertical.test.ts) build
// from a generated case: the shares split in whole percents, the first user region taking the remainder.

/** A generated case: the workload, the targets and the user regions (replication and budget when the test varies them). */
export interface PropertyCase {
  rate: number;
  serviceMs: number;
  workingSetGiB: number;
  availability: string;
  p99Ms: number;
  strong: boolean;
  users: string[];
  /** Copies of each partition; absent: the scenario's default. */
  replication?: number;
  /** USD a month; absent or null: no budget. */
  budget?: number | null;
}

/** The raw scenario (as a scenario file gives it) of a generated case. */
export function propertyScenario(sc: PropertyCase) {
  const n = sc.users.length;
  const each = Math.floor(100 / n);
  return {
    name: 'property',
    workload: {
      peakRate: `${sc.rate}/s`,
      serviceTime: `${sc.serviceMs} ms`,
      workingSet: `${sc.workingSetGiB} GiB`,
      writeFraction: 0.2,
      ...(sc.replication === undefined ? {} : { replication: sc.replication }),
      consistency: sc.strong ? 'strong' : 'eventual',
    },
    targets: {
      p99: `${sc.p99Ms} ms`,
      availability: sc.availability,
      ...(sc.budget === undefined || sc.budget === null ? {} : { budget: `${sc.budget} USD/month` }),
    },
    users: sc.users.map((region, i) => ({ region, share: `${i === 0 ? 100 - each * (n - 1) : each}%` })),
  };
}
