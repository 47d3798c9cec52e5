// The scenario engine states the M/G/c approximation's measured error (src/core/queueing/approximationError.ts) in a
// candidate's latency method, and notes a candidate whose queue lies outside the measured range. The note
// (designLatency.ts approximationNote, issue 18) is the warning of the first serving queue outside that range, which
// is what the warning of the queues' envelope says (envelopeOfErrors returns the first error outside the range;
// inside, the envelope has no warning), without building the envelope: random queues, inside and outside the measured
// range (more than 256 servers, a cv beyond the table), against that reference.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import type { queueAtLoad } from '../../src/compare/capacity.js';
import { buildContext } from '../../src/compare/context.js';
import { approximationNote } from '../../src/compare/designLatency.js';
import { evaluateHorizontal } from '../../src/compare/evaluateHorizontal.js';
import { evaluateVertical } from '../../src/compare/evaluateVertical.js';
import { queueFigures } from '../../src/compare/queueMemo.js';
import {
  type ApproximationError,
  approximationWarning,
  envelopeOfErrors,
} from '../../src/core/queueing/approximationError.js';
import { smallScenario } from './scenario.js';

const catalog = loadCatalog();
const inst = (name: string) => {
  const i = catalog.instance(name);
  if (!i) throw new Error(name);
  return i;
};

const scenario = (serviceTimeCv: number) => smallScenario({ serviceTimeCv });

const box = (cv: number) =>
  evaluateVertical(buildContext(scenario(cv), catalog), {
    kind: 'vertical',
    name: 'box',
    origin: 'explicit',
    instance: inst('m7i.large'),
    region: 'us-east-1',
    standby: 'none',
    standbyRegion: null,
  });

const pooled = (cv: number, nodes: number) =>
  evaluateHorizontal(buildContext(scenario(cv), catalog), {
    kind: 'horizontal',
    name: 'pool',
    origin: 'explicit',
    instance: inst('m7i.2xlarge'),
    regions: ['us-east-1'],
    nodesByRegion: [nodes],
    spares: 0,
    zones: 1,
    balancer: 'least-loaded',
  });

const outsideNote = (notes: readonly string[]) => notes.find((n) => n.includes('outside the range where its error'));

describe('the latency method states the measured error of the M/G/c approximation', () => {
  it('inside the measured range: the band in the method, no note', () => {
    const r = box(2);
    expect(r.latency.method).toMatch(/error against simulation: mean response [-+]\d+\.\d% \.\. [-+]\d+\.\d%, p99/);
    expect(r.latency.method).toContain('if the service times are lognormal');
    expect(outsideNote(r.notes)).toBeUndefined();
  });

  it('exact M/M/c: no band, no note', () => {
    const r = box(1);
    expect(r.latency.method).not.toContain('error against simulation');
    expect(outsideNote(r.notes)).toBeUndefined();
  });

  it('a pooled queue of more servers than were measured: said in the method, and a note naming the range', () => {
    const r = pooled(2, 40); // 40 nodes of 8 vCPUs pooled by least-loaded balancing: 320 servers
    expect(r.latency.method).toContain('error against simulation not measured here: 320 servers is more than 256');
    expect(outsideNote(r.notes)).toContain('servers 1 to 256, utilisation up to 0.95');
    expect(outsideNote(pooled(1, 40).notes)).toBeUndefined();
  });

  it('a pooled queue inside the measured servers (80, between 64 and 256): the band, no note', () => {
    const r = pooled(2, 10); // 80 servers
    expect(r.latency.method).toMatch(/error against simulation: mean response [-+]?\d+\.\d% \.\. [-+]?\d+\.\d%, p99/);
    expect(r.latency.method).toContain('servers 64 to 128');
    expect(outsideNote(r.notes)).toBeUndefined();
  });
});

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
