// The note of a design whose serving queues lie outside the range where the M/G/c approximation's error was measured
// (designLatency.ts approximationNote, issue 18): the warning of the first queue outside it, which is what the
// warning of the queues' envelope says (envelopeOfErrors returns the first error outside the range; inside, the
// envelope has no warning), without building the envelope. Random queues, inside and outside the measured range
// (more than 256 servers, a cv beyond the table), against that reference.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { queueAtLoad } from '../../src/compare/capacity.js';
import { approximationNote } from '../../src/compare/designLatency.js';
import { queueFigures } from '../../src/compare/queueMemo.js';
import {
  type ApproximationError,
  approximationWarning,
  envelopeOfErrors,
} from '../../src/core/queueing/approximationError.js';

type Queue = ReturnType<typeof queueAtLoad>;

/** A serving queue: `servers` at utilisation `rho` of a 5 ms service (unstable at rho >= 1). */
function queue(servers: number, rho: number, cv: number): Queue {
  const serviceTimeS = 0.005;
  return {
    input: { servers, arrivalRatePerS: (rho * servers) / serviceTimeS, serviceTimeS, serviceTimeCv: cv, fanout: 1 },
    utilization: rho,
    stable: rho < 1,
  };
}

/** approximationWarning of the envelope of the stable queues' errors (the note's definition). */
function reference(queues: readonly Queue[]): string | null {
  const errors: ApproximationError[] = [];
  for (const q of queues) {
    if (!q.stable) continue;
    const e = queueFigures(q.input).analysis.approximationError;
    if (e !== null) errors.push(e);
  }
  return approximationWarning(envelopeOfErrors(errors));
}

const queueArb = fc
  .record({
    servers: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 200, max: 600 })),
    rho: fc.oneof(fc.double({ min: 0.05, max: 0.97, noNaN: true }), fc.constant(1.2)),
    cv: fc.constantFrom(0, 0.5, 1, 1.5, 2, 4),
  })
  .map((x) => queue(x.servers, x.rho, x.cv));

describe('approximationNote', () => {
  it('is the warning of the envelope of the queues errors, whatever the queues', () => {
    let warned = 0;
    let quiet = 0;
    fc.assert(
      fc.property(fc.array(queueArb, { minLength: 0, maxLength: 5 }), (queues) => {
        const note = approximationNote(queues);
        expect(note).toBe(reference(queues));
        if (note === null) quiet++;
        else warned++;
      }),
      { seed: 7, numRuns: 200 },
    );
    // both outcomes were compared (the comparison is not vacuous)
    expect(warned).toBeGreaterThan(10);
    expect(quiet).toBeGreaterThan(10);
  });
});
