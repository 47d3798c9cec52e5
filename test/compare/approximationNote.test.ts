// The scenario engine states the M/G/c approximation's measured error (src/core/queueing/approximationError.ts) in a
// candidate's latency method, and notes a candidate whose queue lies outside the measured range.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { buildContext } from '../../src/compare/context.js';
import { evaluateHorizontal } from '../../src/compare/evaluateHorizontal.js';
import { evaluateVertical } from '../../src/compare/evaluateVertical.js';
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
