/**
 * Uncertain samples share memos across contexts (sharedFleetAvailability.ts: a fleet's availability keyed by every
 * input it reads and by the answers of `needed`; evaluateVertical.ts verticalTargets: a box's paths per context): a
 * scenario's UncertaintyResult must not depend on what was evaluated before it. Each scenario below has uncertain
 * inputs of one kind (the load, the service time and its variability, the write fraction, the node, zone and region
 * failure rates, the failover time), and is propagated alone in a fresh copy of the modules (empty memos) and after
 * the others in one copy, forwards and backwards: a key that missed an input the sampled figure changes (a failure
 * rate, a needed node count) would hand a sample another scenario's figure and the results would differ.
 */

import { describe, expect, it, vi } from 'vitest';
import type { Scenario, UncertainInput } from '../../src/scenario/types.js';
import { withValue } from '../../src/scenario/uncertain.js';
import { exampleScenario } from './scenario.js';

/** Samples per propagation (fewer than the 200 of a report: the test compares, it does not estimate). */
const SAMPLES = 24;
const SEED = 7;

const H = 3600;
const range = (path: string, p5: number, p95: number): UncertainInput => ({
  path,
  p5,
  p95,
  distribution: 'lognormal',
  median: Math.sqrt(p5 * p95),
});

/** The example scenario with a cold standby beside its candidates, and `inputs` uncertain (at their medians). */
function withRanges(name: string, inputs: UncertainInput[]): Scenario {
  const base = exampleScenario({ name });
  let s: Scenario = {
    ...base,
    architectures: [
      ...(base.architectures ?? []),
      {
        kind: 'vertical',
        name: 'big box + cold standby',
        family: 'm7i',
        size: null,
        region: 'us-east-1',
        standby: 'cold',
        standbyRegion: null,
      },
    ],
  };
  for (const i of inputs) s = withValue(s, i.path, i.median);
  return { ...s, uncertain: inputs };
}

/** One scenario per kind of uncertain input. */
const SCENARIOS: Scenario[] = [
  withRanges('load', [range('workload.peakRate', 2500, 6000)]),
  withRanges('service time', [range('workload.serviceTime', 0.008, 0.02), range('workload.serviceTimeCv', 0.8, 2)]),
  withRanges('writes', [range('workload.writeFraction', 0.02, 0.4)]),
  withRanges('node failures', [
    range('reliability.node.mtbf', 500 * H, 20000 * H),
    range('reliability.node.mttr', 0.5 * H, 8 * H),
  ]),
  withRanges('zone and region failures', [
    range('reliability.zone.mttr', 1 * H, 12 * H),
    range('reliability.region.mtbf', 5000 * H, 50000 * H),
  ]),
  withRanges('failover', [range('reliability.failover', 10, 600)]),
  withRanges('load and failures', [
    range('workload.peakRate', 2500, 6000),
    range('reliability.zone.mtbf', 2000 * H, 20000 * H),
  ]),
];

type Compare = typeof import('../../src/compare/index.js');
type Uncertainty = typeof import('../../src/compare/uncertainty.js');
type CatalogModule = typeof import('../../src/catalog/index.js');

/** The modules with every memo empty. */
async function freshModules(): Promise<{ compare: Compare; uncertainty: Uncertainty; catalog: CatalogModule }> {
  vi.resetModules();
  return {
    compare: await import('../../src/compare/index.js'),
    uncertainty: await import('../../src/compare/uncertainty.js'),
    catalog: await import('../../src/catalog/index.js'),
  };
}

/** Each scenario's UncertaintyResult, propagated in the given order in one copy of the modules. */
async function propagated(order: readonly number[]): Promise<unknown[]> {
  const m = await freshModules();
  const catalog = m.catalog.loadCatalog();
  const out: unknown[] = SCENARIOS.map(() => null);
  for (const i of order) {
    const s = SCENARIOS[i] as Scenario;
    // the designs at the medians (compareScenario without ranges), then the samples
    const designs = m.compare.compareScenario({ ...s, uncertain: [] }, catalog).architectures;
    out[i] = m.uncertainty.propagateUncertainty(s, catalog, designs, SEED, SAMPLES);
  }
  return out;
}

describe('uncertain samples: memos shared across contexts', () => {
  it('each candidate gets the same figures beside the others as alone (strong writes: boxes of one region with and without a write detour)', async () => {
    const m = await freshModules();
    const catalog = m.catalog.loadCatalog();
    const base = withRanges('strong writes', [range('workload.peakRate', 2500, 6000)]);
    const s: Scenario = { ...base, workload: { ...base.workload, consistency: 'strong', writeFraction: 0.3 } };
    const designs = m.compare.compareScenario({ ...s, uncertain: [] }, catalog).architectures;
    const together = m.uncertainty.propagateUncertainty(s, catalog, designs, SEED, SAMPLES);
    const alone = designs.map(
      (d) => m.uncertainty.propagateUncertainty(s, catalog, [d], SEED, SAMPLES)?.byArchitecture[0],
    );
    expect(together?.byArchitecture).toEqual(alone);
    // the hot standby's synchronous copy is in its p99, the other boxes' not
    const p99 = (name: string) => together?.byArchitecture.find((a) => a.name === name)?.p99Ms?.p50;
    expect(p99('big box + hot standby')).not.toBe(p99('one big box'));
  });

  it('each scenario gives the same result alone and after the others, forwards and backwards', async () => {
    const alone: unknown[] = [];
    for (let i = 0; i < SCENARIOS.length; i++) alone.push((await propagated([i]))[i]);
    const indices = SCENARIOS.map((_, i) => i);
    const forwards = await propagated(indices);
    const backwards = await propagated([...indices].reverse());
    expect(forwards).toEqual(alone);
    expect(backwards).toEqual(alone);
  }, 120_000);

  it('the inputs move the figures a shared memo keeps (so that a key missing one would show)', async () => {
    const [load, , , node, zoneRegion, failover] = await propagated(SCENARIOS.map((_, i) => i));
    type U = { byArchitecture: { name: string; nines: { p5: number; p95: number } }[] };
    const spreadOf = (u: unknown, name: string) => {
      const a = (u as U).byArchitecture.find((x) => x.name === name);
      return (a?.nines.p95 ?? 0) - (a?.nines.p5 ?? 0);
    };
    // the fleets' nines vary with the sampled failure rates and failover time, and with the load (needed nodes)
    for (const u of [load, node, zoneRegion, failover]) expect(spreadOf(u, 'scale out, 2 regions')).toBeGreaterThan(0);
    for (const u of [node, zoneRegion, failover]) expect(spreadOf(u, 'scale out, 3 zones')).toBeGreaterThan(0);
  });
});
