/**
 * The repeated-calls models of a sum's same-station terms are memoised across sums (sumOfResponses.ts
 * sharedRepeatedCalls, on every input repeatedCalls reads): a sum's figures do not depend on which sums were built
 * before it. Each ordering below runs in a fresh copy of the module (an empty memo), so a key that missed an input
 * (two stations, times away, call counts or probabilities taken for one) would give a sum another's model and its
 * figures would differ between the orders.
 */

import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { ResponseSumTerm } from '../../../src/core/queueing/index.js';

type Module = typeof import('../../../src/core/queueing/sumOfResponses.js');

async function fresh(): Promise<Module> {
  vi.resetModules();
  return await import('../../../src/core/queueing/sumOfResponses.js');
}

/** Figures of each sum, built in the given order in one copy of the module. */
function figures(m: Module, sums: readonly ResponseSumTerm[][], order: readonly number[]): number[][] {
  const out: number[][] = sums.map(() => []);
  for (const i of order) {
    const s = m.responseSum(sums[i] as ResponseSumTerm[]);
    out[i] = [s.meanS, s.sdS, s.quantile(0.5), s.quantile(0.99)];
  }
  return out;
}

/** A same-station term. */
const termArb: fc.Arbitrary<Station> = fc.record({
  servers: fc.integer({ min: 1, max: 4 }),
  utilisation: fc.constantFrom(0.3, 0.6, 0.85),
  serviceTimeS: fc.constantFrom(0.001, 0.004),
  serviceTimeCv: fc.constantFrom(0.5, 1, 1.5),
  arrivalCv: fc.constantFrom(0.5, 1),
  calls: fc.integer({ min: 2, max: 8 }),
  callProbability: fc.constantFrom(1, 0.5),
  perCallS: fc.constantFrom(0, 0.0005, 0.002),
  queues: fc.integer({ min: 1, max: 3 }),
});
interface Station {
  servers: number;
  utilisation: number;
  serviceTimeS: number;
  serviceTimeCv: number;
  arrivalCv: number;
  calls: number;
  callProbability: number;
  perCallS: number;
  queues: number;
}

const termOf = (x: Station): ResponseSumTerm => ({
  queue: {
    servers: x.servers,
    arrivalRatePerS: (x.utilisation * x.servers) / x.serviceTimeS,
    serviceTimeS: x.serviceTimeS,
    serviceTimeCv: x.serviceTimeCv,
    arrivalCv: x.arrivalCv,
  },
  calls: x.calls,
  callProbability: x.callProbability,
  perCallS: x.perCallS,
  sameStation: { queues: x.queues },
});

/** A station and its neighbours, each differing from it in one input repeatedCalls reads. */
const neighbours = (x: Station): Station[] => [
  x,
  { ...x, servers: x.servers + 1, utilisation: (x.utilisation * x.servers) / (x.servers + 1) },
  { ...x, utilisation: x.utilisation * 0.9 },
  { ...x, serviceTimeS: x.serviceTimeS * 2, utilisation: x.utilisation },
  { ...x, serviceTimeCv: x.serviceTimeCv === 1 ? 1.5 : 1 },
  { ...x, arrivalCv: x.arrivalCv === 1 ? 0.5 : 1 },
  { ...x, calls: x.calls + 1 },
  { ...x, callProbability: x.callProbability === 1 ? 0.5 : 1 },
  { ...x, perCallS: x.perCallS + 0.001 },
  { ...x, queues: x.queues + 1 },
];

describe('repeated-calls models shared across sums', () => {
  it('a sum has the same figures, bit for bit, whichever sums were built before it', async () => {
    const sums = fc
      .sample(termArb, { numRuns: 3, seed: 18 })
      .flatMap(neighbours)
      .map((x) => [termOf(x)]);
    const order = sums.map((_, i) => i);
    const forward = figures(await fresh(), sums, order);
    const backward = figures(await fresh(), sums, [...order].reverse());
    // each sum alone in an empty memo
    const alone: number[][] = [];
    for (const sum of sums) alone.push(figures(await fresh(), [sum], [0])[0] ?? []);
    expect(forward).toEqual(alone);
    expect(backward).toEqual(alone);
  });
});
