// The raw scenario the search property tests (test/compare/searchHorizontal.test.ts, searchVertical.test.ts) build
// from a generated case: the shares split in whole percents, the first user region taking the remainder.

import fc from 'fast-check';

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

/**
 * Generated cases over `users` (one or two of them), the figures in the given ranges, replication 1-2 when asked:
 * what the operations property tests (test/compare/operations.test.ts) search over.
 */
export function propertyCaseArb(
  users: readonly string[],
  o: { serviceMs: [number, number]; workingSetGiB: number; p99Ms: [number, number]; replication?: boolean },
): fc.Arbitrary<PropertyCase> {
  return fc.record({
    rate: fc.integer({ min: 50, max: 2000 }),
    serviceMs: fc.integer({ min: o.serviceMs[0], max: o.serviceMs[1] }),
    workingSetGiB: fc.integer({ min: 1, max: o.workingSetGiB }),
    availability: fc.constantFrom('99%', '99.5%', '99.9%'),
    p99Ms: fc.integer({ min: o.p99Ms[0], max: o.p99Ms[1] }),
    strong: fc.boolean(),
    ...(o.replication ? { replication: fc.integer({ min: 1, max: 2 }) } : {}),
    users: fc.shuffledSubarray([...users], { minLength: 1, maxLength: 2 }),
  });
}
