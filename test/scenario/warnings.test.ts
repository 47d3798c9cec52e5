// Warnings about valid but implausible inputs (src/scenario/warnings.ts): each rule on a case that trips it and one
// just inside it, the text naming the field, the value as written and what was probably meant; the example scenarios
// give none; the comparison result carries them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { compareScenario } from '../../src/compare/index.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import { scenarioWarnings, WARNING_RULES } from '../../src/scenario/warnings.js';
import { contractExample, minimalScenario } from './example.js';

const catalog = loadCatalog();

// biome-ignore lint/suspicious/noExplicitAny: the tests poke at arbitrary places of an untyped JSON copy
type Json = Record<string, any>;

/** The warnings of the contract example (which has none) with one change applied. */
function warningsOf(change: (s: Json) => void, base: () => Json = contractExample): string[] {
  const s = base();
  change(s);
  return scenarioWarnings(parseScenario(s), catalog);
}

describe('scenarioWarnings', () => {
  it('none for the contract example and for every example scenario', () => {
    expect(warningsOf(() => {})).toStrictEqual([]);
    expect(warningsOf(() => {}, minimalScenario)).toStrictEqual([]);
    const dir = 'models/scenarios';
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const s = parseScenario(JSON.parse(readFileSync(join(dir, f), 'utf8')));
      expect(scenarioWarnings(s, catalog), f).toStrictEqual([]);
    }
    expect(WARNING_RULES.length).toBeGreaterThanOrEqual(5);
  });

  it('"mtbf": 4380 is 4380 seconds: the bare number is named, with what was probably meant', () => {
    expect(warningsOf((s) => (s.reliability.node.mtbf = 4380))).toStrictEqual([
      'reliability.node.mtbf: 4380 = 1.22 h: under a day between failures of a node is implausible; a bare number is seconds; did you mean "4380 h"?',
      // and the 2 h repair of the example is now longer than the time between failures
      'reliability.node.mttr: 2 h is not shorter than reliability.node.mtbf (1.22 h): every node would be down half of the time or more',
    ]);
    // the same figure with its unit is what was meant: no warning
    expect(warningsOf((s) => (s.reliability.node.mtbf = '4380 h'))).toStrictEqual([]);
    // written with a unit, an implausible figure is still named, without the bare-number hint
    expect(warningsOf((s) => (s.reliability.node.mtbf = '20 h'))).toStrictEqual([
      'reliability.node.mtbf: 20 h: under a day between failures of a node is implausible',
    ]);
    // a bare MTTR of 2 (seconds) alongside
    expect(warningsOf((s) => (s.reliability.zone = { mtbf: 31557600, mttr: 2 }))).toStrictEqual([
      'reliability.zone.mttr: 2 = 2 s: under a minute to repair a zone is implausible; a bare number is seconds; did you mean "2 h"?',
    ]);
  });

  it('an MTBF or MTTR over a century, and a range judged by its median', () => {
    expect(warningsOf((s) => (s.reliability.region.mtbf = '200 years'))).toStrictEqual([
      'reliability.region.mtbf: 200 years: over a century between failures of a region is implausible',
    ]);
    expect(warningsOf((s) => (s.reliability.node.mttr = { p5: 10, p95: 40 }))).toStrictEqual([
      'reliability.node.mttr: a range with median 20 s: under a minute to repair a node is implausible; a bare number is seconds',
      'reliability.failover: 1 min is longer than the node MTTR (20 s): a failed node would be repaired before its traffic is switched away',
    ]);
    expect(warningsOf((s) => (s.reliability.node.mttr = '1 min'))).toStrictEqual([]);
  });

  it('an MTTR not shorter than the MTBF', () => {
    expect(warningsOf((s) => (s.reliability.zone = { mtbf: '2 d', mttr: '3 d' }))).toStrictEqual([
      'reliability.zone.mttr: 3 d is not shorter than reliability.zone.mtbf (2 d): every zone would be down half of the time or more',
    ]);
  });

  it('a failover slower than the repair of a node', () => {
    expect(warningsOf((s) => (s.reliability.failover = '3 h'))).toStrictEqual([
      'reliability.failover: 3 h is longer than the node MTTR (2 h): a failed node would be repaired before its traffic is switched away',
    ]);
    expect(warningsOf((s) => (s.reliability.failover = '2 h'))).toStrictEqual([]);
  });

  it('a working set larger than the largest box, when vertical designs are compared', () => {
    const largest = Math.max(...catalog.instances.filter((i) => i.provider === 'aws').map((i) => i.memGiB));
    expect(largest).toBe(32768); // u7in-32tb.224xlarge
    const verticalOnly = (s: Json) => {
      s.workload.workingSet = '30 TiB';
      s.architectures = s.architectures.filter((a: Json) => a.kind === 'vertical');
    };
    expect(warningsOf(verticalOnly)).toStrictEqual([
      'workload.workingSet: 30 TiB needs 33 TiB with the memory headroom, more than the largest box of the catalog (u7in-32tb.224xlarge, 32 TiB): no candidate of this scenario can hold it (all are vertical); only a partitioned horizontal design can',
    ]);
    const searched = warningsOf((s) => {
      s.workload.workingSet = '30 TiB';
      delete s.architectures;
    });
    expect(searched).toHaveLength(1);
    expect(searched[0]).toMatch(/: the vertical search cannot hold it \(the best vertical design will be infeasible\)/);
    const mixed = warningsOf((s) => (s.workload.workingSet = '30 TiB'));
    expect(mixed[0]).toMatch(/: the vertical candidates \(one big box, big box \+ hot standby\) cannot hold it$/);
    // only horizontal candidates: partitioning holds it, nothing to warn about
    expect(
      warningsOf((s) => {
        s.workload.workingSet = '30 TiB';
        s.architectures = s.architectures.filter((a: Json) => a.kind === 'horizontal');
      }),
    ).toStrictEqual([]);
    // within the largest box with the headroom: no warning
    expect(
      warningsOf((s) => {
        verticalOnly(s);
        s.workload.workingSet = '29 TiB';
      }),
    ).toStrictEqual([]);
  });

  it('a growth horizon over ten years', () => {
    expect(warningsOf((s) => (s.workload.growth.years = 12))).toStrictEqual([
      "workload.growth.years: 12: a growth horizon over 10 years is a guess, not a forecast (the design rate is 1160 times today's peak); plan for the next few years and re-plan",
    ]);
    expect(warningsOf((s) => (s.workload.growth.years = 10))).toStrictEqual([]);
  });

  it('bare numbers where ms or GiB were meant: CPU time, the p99 target, the working set', () => {
    expect(
      warningsOf((s) => {
        s.workload.serviceTime = 12;
        s.targets.p99 = 250;
        s.workload.workingSet = 300;
      }),
    ).toStrictEqual([
      'workload.serviceTime: 12 = 12 s of CPU per request is implausibly long for a service; a bare number is seconds; did you mean "12 ms"?',
      'targets.p99: 250 = 4.17 min is an implausibly loose p99 target; a bare number is seconds; did you mean "250 ms"?',
      'workload.workingSet: 300 = 300 B is an implausibly small working set; a bare number is bytes; did you mean "300 GiB"?',
    ]);
    // the plausible bare numbers of the minimal scenario (0.01 s, 0.2 s) and units as meant are quiet
    expect(
      warningsOf((s) => {
        s.workload.serviceTime = '12 s';
        s.targets.p99 = 30;
        s.workload.workingSet = 300 * 2 ** 30;
      }),
    ).toStrictEqual([]);
  });

  it('the comparison result lists them (always present, empty when none)', () => {
    const s = contractExample() as Json;
    delete s.simulation;
    expect(compareScenario(parseScenario(s), catalog).warnings).toStrictEqual([]);
    s.reliability.node.mtbf = 4380;
    const r = compareScenario(parseScenario(s), catalog);
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings[0]).toMatch(/^reliability\.node\.mtbf: 4380 = 1\.22 h: .*did you mean "4380 h"\?$/);
    // and the slip is what makes the nines collapse: a node that fails every 73 minutes
    expect(r.architectures[0]?.availability.nines).toBeLessThan(2);
  });
});
