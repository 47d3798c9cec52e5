import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../src/core/stats/normalQuantile.js';
import { InputErrors } from '../../src/errors.js';
import { MAX_TIERS } from '../../src/scenario/containers.js';
import { scenarioJsonSchema } from '../../src/scenario/jsonSchema.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import type { RangeDistribution, Scenario, UncertainInput } from '../../src/scenario/types.js';
import { MAX_LOCATED, sampleUncertain, UNCERTAIN_PATHS, withValue } from '../../src/scenario/uncertain.js';
import { expectClose } from '../helpers/expectClose.js';
import { contractExample, errorsOf, minimalScenario } from './example.js';

const H = 3600;
const GiB = 2 ** 30;
const DISTRIBUTIONS: readonly RangeDistribution[] = ['lognormal', 'normal', 'uniform'];
/** The smallest positive normal double: where a draw of a field that must be > 0 is clamped. */
const MIN_NORMAL = 2.2250738585072014e-308;

// biome-ignore lint/suspicious/noExplicitAny: the tests poke at arbitrary places of an untyped JSON copy
type Json = Record<string, any>;

/**
 * Every field that may be a range: where it is in the normalised Scenario, and a range for it as written (p5, p95)
 * and in SI units.
 */
const FIELDS: readonly { path: string; si: readonly string[]; raw: [unknown, unknown]; p5: number; p95: number }[] = [
  { path: 'workload.peakRate', si: ['workload', 'peakRatePerS'], raw: ['3000/s', '360000/min'], p5: 3000, p95: 6000 },
  { path: 'workload.averageRate', si: ['workload', 'averageRatePerS'], raw: ['1000/s', 2000], p5: 1000, p95: 2000 },
  { path: 'workload.serviceTime', si: ['workload', 'serviceTimeS'], raw: ['8 ms', '20 ms'], p5: 0.008, p95: 0.02 },
  { path: 'workload.serviceTimeCv', si: ['workload', 'serviceTimeCv'], raw: [0.5, 2], p5: 0.5, p95: 2 },
  { path: 'workload.growth.perYear', si: ['workload', 'growthPerYear'], raw: ['20%', 1.2], p5: 0.2, p95: 1.2 },
  { path: 'workload.growth.years', si: ['workload', 'growthYears'], raw: [1, 3], p5: 1, p95: 3 },
  {
    path: 'workload.workingSet',
    si: ['workload', 'workingSetBytes'],
    raw: ['100 GiB', '400 GiB'],
    p5: 100 * GiB,
    p95: 400 * GiB,
  },
  { path: 'workload.memoryHeadroom', si: ['workload', 'memoryHeadroom'], raw: ['5%', '30%'], p5: 0.05, p95: 0.3 },
  { path: 'workload.writeFraction', si: ['workload', 'writeFraction'], raw: ['5%', 0.2], p5: 0.05, p95: 0.2 },
  { path: 'workload.requestSize', si: ['workload', 'requestSizeBytes'], raw: ['1 KiB', 4096], p5: 1024, p95: 4096 },
  {
    path: 'workload.responseSize',
    si: ['workload', 'responseSizeBytes'],
    raw: ['100 KiB', '400 KiB'],
    p5: 102400,
    p95: 409600,
  },
  { path: 'workload.usl.contention', si: ['workload', 'usl', 'sigma'], raw: [0.01, 0.05], p5: 0.01, p95: 0.05 },
  { path: 'workload.usl.coherency', si: ['workload', 'usl', 'kappa'], raw: [1e-5, 1e-4], p5: 1e-5, p95: 1e-4 },
  {
    path: 'reliability.node.mtbf',
    si: ['reliability', 'node', 'mtbfS'],
    raw: ['2000 h', '8000 h'],
    p5: 2000 * H,
    p95: 8000 * H,
  },
  { path: 'reliability.node.mttr', si: ['reliability', 'node', 'mttrS'], raw: ['1 h', 4 * H], p5: H, p95: 4 * H },
  {
    path: 'reliability.zone.mtbf',
    si: ['reliability', 'zone', 'mtbfS'],
    raw: ['4000 h', '20000 h'],
    p5: 4000 * H,
    p95: 20000 * H,
  },
  { path: 'reliability.zone.mttr', si: ['reliability', 'zone', 'mttrS'], raw: ['2 h', '8 h'], p5: 2 * H, p95: 8 * H },
  {
    path: 'reliability.region.mtbf',
    si: ['reliability', 'region', 'mtbfS'],
    raw: ['10000 h', '50000 h'],
    p5: 10000 * H,
    p95: 50000 * H,
  },
  {
    path: 'reliability.region.mttr',
    si: ['reliability', 'region', 'mttrS'],
    raw: ['4 h', '1 d'],
    p5: 4 * H,
    p95: 24 * H,
  },
  { path: 'reliability.failover', si: ['reliability', 'failoverS'], raw: ['10 s', '2 min'], p5: 10, p95: 120 },
  {
    path: 'reliability.coldRestore',
    si: ['reliability', 'coldRestoreS'],
    raw: ['10 min', '2 h'],
    p5: 600,
    p95: 7200,
  },
  {
    path: 'reliability.restoreRate',
    si: ['reliability', 'restoreRateBytesPerS'],
    raw: ['100 MiB/s', '300 MiB/s'],
    p5: 100 * 2 ** 20,
    p95: 300 * 2 ** 20,
  },
  {
    path: 'reliability.replicationLag',
    si: ['reliability', 'replicationLagS'],
    raw: ['100 ms', '5 s'],
    p5: 0.1,
    p95: 5,
  },
  {
    path: 'reliability.backupInterval',
    si: ['reliability', 'backupIntervalS'],
    raw: ['6 h', '24 h'],
    p5: 6 * H,
    p95: 24 * H,
  },
  {
    path: 'operations.usdPerNodeMonth',
    si: ['operations', 'usdPerNodeMonth'],
    raw: ['50 USD/month', 200],
    p5: 50,
    p95: 200,
  },
  {
    path: 'operations.usdPerRegionMonth',
    si: ['operations', 'usdPerRegionMonth'],
    raw: ['500 USD/month', '3000 USD/month'],
    p5: 500,
    p95: 3000,
  },
  { path: 'operations.deploysPerWeek', si: ['operations', 'deploysPerWeek'], raw: [5, 40], p5: 5, p95: 40 },
  { path: 'operations.restartTime', si: ['operations', 'restartS'], raw: ['10 s', '2 min'], p5: 10, p95: 120 },
  {
    path: 'operations.changeFailureRate',
    si: ['operations', 'changeFailureRate'],
    raw: ['5%', 0.3],
    p5: 0.05,
    p95: 0.3,
  },
  {
    path: 'operations.changeRecoveryTime',
    si: ['operations', 'changeRecoveryS'],
    raw: ['10 min', '4 h'],
    p5: 600,
    p95: 4 * H,
  },
];

/** The distribution the all-ranges scenario gives field i (undefined: not written, so lognormal). */
const distributionOf = (i: number): RangeDistribution | undefined => [undefined, 'normal', 'uniform'][i % 3] as never;

function setRaw(root: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = root;
  for (const key of keys.slice(0, -1)) {
    at[key] ??= {};
    at = at[key];
  }
  at[keys[keys.length - 1] as string] = value;
}

function getSi(s: Scenario, si: readonly string[]): unknown {
  let at: unknown = s;
  for (const key of si) at = (at as Json)[key];
  return at;
}

function setSi(s: Json, si: readonly string[], value: number): void {
  let at = s;
  for (const key of si.slice(0, -1)) at = at[key];
  at[si[si.length - 1] as string] = value;
}

/** The contract example with every field that may be a range given as one (FIELDS, distributions in turn). */
function allRanges(): Json {
  const x: Json = contractExample();
  FIELDS.forEach((f, i) => {
    const distribution = distributionOf(i);
    setRaw(x, f.path, { p5: f.raw[0], p95: f.raw[1], ...(distribution === undefined ? {} : { distribution }) });
  });
  return x;
}

const medianOf = (p5: number, p95: number, d: RangeDistribution) =>
  d === 'lognormal' ? Math.sqrt(p5 * p95) : (p5 + p95) / 2;

function example(change: (s: Json) => void): Json {
  const s: Json = contractExample();
  change(s);
  return s;
}

/** The one uncertain input of the minimal scenario with `path` set to `range`. */
function parsedRange(path: string, range: Json): UncertainInput {
  const raw: Json = minimalScenario();
  if (path.startsWith('workload.usl.')) raw.workload.usl = { contention: 0, coherency: 0 };
  setRaw(raw, path, range);
  const inputs = parseScenario(raw).uncertain;
  expect(inputs).toHaveLength(1);
  return inputs[0] as UncertainInput;
}

describe('ranges { p5, p95, distribution? } in workload and reliability figures', () => {
  it('parse to SI p5 and p95, with the median as the field value', () => {
    const s = parseScenario(
      example((x) => {
        x.workload.peakRate = { p5: '3000/s', p95: '6000/s' };
        x.workload.serviceTime = { p5: '8 ms', p95: 0.02, distribution: 'normal' };
        x.reliability.node.mtbf = { p5: '2000 h', p95: '8000 h', distribution: 'uniform' };
      }),
    );
    expect(s.uncertain).toStrictEqual([
      { path: 'workload.peakRate', p5: 3000, p95: 6000, distribution: 'lognormal', median: Math.sqrt(3000 * 6000) },
      { path: 'workload.serviceTime', p5: 0.008, p95: 0.02, distribution: 'normal', median: 0.014 },
      { path: 'reliability.node.mtbf', p5: 7.2e6, p95: 2.88e7, distribution: 'uniform', median: 1.8e7 },
    ]);
    expect(s.workload.peakRatePerS).toBe(Math.sqrt(3000 * 6000));
    expect(s.workload.serviceTimeS).toBe(0.014);
    expect(s.reliability.node.mtbfS).toBe(1.8e7);
    // everything else is as in the contract example
    const plain = parseScenario(contractExample());
    expect({ ...s.workload, peakRatePerS: 0, serviceTimeS: 0 }).toStrictEqual({
      ...plain.workload,
      peakRatePerS: 0,
      serviceTimeS: 0,
    });
    expect(s.defaulted).toStrictEqual(plain.defaulted);
    expect(plain.uncertain).toStrictEqual([]);
  });

  it('are accepted in every workload and reliability figure, in the order of the scenario', () => {
    // a tier's figures (tiers[].serviceTime, ...) are ranged too: test/scenario/tiers.test.ts
    const untiered = UNCERTAIN_PATHS.filter((p) => !p.startsWith('tiers[].'));
    expect(FIELDS.map((f) => f.path)).toStrictEqual(untiered);
    const s = parseScenario(allRanges());
    expect(s.uncertain.map((u) => u.path)).toStrictEqual(untiered);
    FIELDS.forEach((f, i) => {
      const u = s.uncertain[i] as UncertainInput;
      const distribution = distributionOf(i) ?? 'lognormal';
      expect(u.distribution, f.path).toBe(distribution);
      expectClose(u.p5, f.p5, { rel: 1e-15 }, `${f.path}.p5`);
      expectClose(u.p95, f.p95, { rel: 1e-15 }, `${f.path}.p95`);
      expectClose(u.median, medianOf(f.p5, f.p95, distribution), { rel: 1e-15 }, `${f.path} median`);
      expect(getSi(s, f.si), f.path).toBe(u.median);
    });
  });

  it('give a median inside [p5, p95], and p5 itself when p5 = p95', () => {
    for (const distribution of DISTRIBUTIONS) {
      expect(parsedRange('workload.serviceTimeCv', { p5: 2, p95: 2, distribution }).median).toBe(2);
      const u = parsedRange('workload.workingSet', { p5: 1e300, p95: 1.7e308, distribution });
      expect(u.median).toBeGreaterThanOrEqual(u.p5);
      expect(u.median).toBeLessThanOrEqual(u.p95);
    }
    // a normal or uniform range may reach 0 or below where the field allows it
    expect(parsedRange('workload.writeFraction', { p5: 0, p95: '20%', distribution: 'normal' }).median).toBe(0.1);
    expect(parsedRange('workload.growth.perYear', { p5: '-50%', p95: '10%', distribution: 'uniform' }).median).toBe(
      -0.2,
    );
  });
});

describe('withValue', () => {
  const s = parseScenario(allRanges());

  it('sets each figure that may be a range, and nothing else, in a copy', () => {
    const before = structuredClone(s);
    for (const f of FIELDS) {
      const value = f.p95 * 0.75;
      const changed = withValue(s, f.path, value);
      const expected = structuredClone(s) as Json;
      setSi(expected, f.si, value);
      expect(changed, f.path).toStrictEqual(expected);
      expect(getSi(changed, f.si)).toBe(value);
      // and back: the round trip gives the scenario again
      expect(withValue(changed, f.path, getSi(s, f.si) as number), f.path).toStrictEqual(s);
    }
    expect(s).toStrictEqual(before); // the original is untouched
  });

  it('sets a defaulted figure, which is then no longer listed as defaulted', () => {
    const m = parseScenario(minimalScenario());
    for (const f of FIELDS) {
      const changed = withValue(m, f.path, f.p5);
      expect(getSi(changed, f.si), f.path).toBe(f.p5);
      expect(changed.defaulted).not.toContain(f.path);
      expect(changed.defaulted.length).toBeGreaterThanOrEqual(m.defaulted.length - 2);
    }
    // a USL coefficient where the scenario had no usl (linear scaling): the other coefficient is 0
    const usl = withValue(m, 'workload.usl.coherency', 1e-4);
    expect(usl.workload.usl).toStrictEqual({ sigma: 0, kappa: 1e-4 });
    expect(usl.defaulted).not.toContain('workload.usl');
    expect(m.workload.usl).toBeNull();
    expect(withValue(m, 'workload.averageRate', 50).workload.averageRatePerS).toBe(50);
    expect(m.workload.averageRatePerS).toBeNull();
  });

  it('refuses a path that cannot be a range, and a value the field does not allow', () => {
    for (const path of [
      'targets.p99',
      'workload.fanout',
      'workload.replication',
      'workload.roundTrips',
      'users[0].share',
      'workload.peakRatePerS',
      'workload.usl',
      'constructor',
      '__proto__',
      '',
    ]) {
      expect(() => withValue(s, path, 1), path).toThrow(RangeError);
    }
    expect(() => withValue(s, 'workload.peakRate', 0)).toThrow(RangeError);
    expect(() => withValue(s, 'workload.writeFraction', 1.5)).toThrow(RangeError);
    expect(() => withValue(s, 'workload.growth.perYear', -0.995)).toThrow(RangeError);
    expect(() => withValue(s, 'reliability.failover', Number.NaN)).toThrow(RangeError);
    expect(() => withValue(s, 'workload.workingSet', Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(withValue(s, 'reliability.failover', 0).reliability.failoverS).toBe(0);
  });
});

describe('sampleUncertain', () => {
  const input = (path: string, p5: number, p95: number, distribution: RangeDistribution): UncertainInput => ({
    path,
    p5,
    p95,
    distribution,
    median: medianOf(p5, p95, distribution),
  });
  const CASES: readonly UncertainInput[] = [
    ...DISTRIBUTIONS.flatMap((d) => [
      input('workload.peakRate', 3000, 6000, d),
      input('workload.serviceTime', 0.008, 0.02, d),
      input('reliability.node.mtbf', 2000 * H, 8000 * H, d),
      input('workload.workingSet', 100 * GiB, 400 * GiB, d),
      input('workload.writeFraction', 0.05, 0.2, d),
    ]),
    input('workload.peakRate', 1e-3, 1e6, 'lognormal'),
    input('workload.usl.coherency', 1e-9, 1e-3, 'lognormal'),
    input('workload.growth.perYear', -0.5, 0.8, 'normal'),
    input('workload.growth.perYear', -0.5, 0.8, 'uniform'),
    input('workload.growth.perYear', -0.9, -0.2, 'normal'),
  ];

  it('gives p5 at 0.05, p95 at 0.95 (1e-12 relative) and the median at 0.5, for every distribution', () => {
    for (const c of CASES) {
      const label = `${c.path} ${c.distribution} [${c.p5}, ${c.p95}]`;
      expectClose(sampleUncertain(c, 0.05), c.p5, { rel: 1e-12 }, `${label} at 0.05`);
      expectClose(sampleUncertain(c, 0.95), c.p95, { rel: 1e-12 }, `${label} at 0.95`);
      expect(sampleUncertain(c, 0.5), label).toBe(c.median);
    }
  });

  it('follows the stated distributions', () => {
    const z = normalQuantile(0.975);
    // lognormal: mu = ln(median), sigma = (ln p95 - ln p5) / (2 z95)
    const ln = input('workload.peakRate', 3000, 6000, 'lognormal');
    const sigma = Math.log(2) / (2 * 1.6448536269514722);
    expectClose(sampleUncertain(ln, 0.975), Math.sqrt(3000 * 6000) * Math.exp(sigma * z), { rel: 1e-14 });
    // normal: mean (p5 + p95) / 2, sd (p95 - p5) / (2 z95)
    const n = input('workload.peakRate', 3000, 6000, 'normal');
    expectClose(sampleUncertain(n, 0.975), 4500 + (3000 / (2 * 1.6448536269514722)) * z, { rel: 1e-14 });
    // uniform: p5 and p95 at the 5th and 95th percentiles, so the support is [p5 - w/18, p95 + w/18], w = p95 - p5
    const uni = input('workload.peakRate', 3000, 6000, 'uniform');
    expect(sampleUncertain(uni, 0)).toBe(3000 - 3000 / 18);
    expectClose(sampleUncertain(uni, 1), 6000 + 3000 / 18, { rel: 1e-15 });
    expectClose(sampleUncertain(uni, 0.25), 3000 - 3000 / 18 + 0.25 * (3000 / 0.9), { rel: 1e-15 });
    expectClose(sampleUncertain(uni, 0.8), 3000 - 3000 / 18 + 0.8 * (3000 / 0.9), { rel: 1e-15 });
    // a range of one value
    for (const d of DISTRIBUTIONS) {
      for (const u of [0, 1e-9, 0.3, 0.5, 0.99, 1])
        expect(sampleUncertain(input('workload.peakRate', 7, 7, d), u)).toBe(7);
    }
  });

  it("clamps draws into the field's valid values", () => {
    // fractions into [0, 1]
    const wf = input('workload.writeFraction', 0, 0.9, 'normal');
    expect(sampleUncertain(wf, 0.001)).toBe(0);
    expect(sampleUncertain(wf, 0.999)).toBe(1);
    expect(sampleUncertain(input('workload.writeFraction', 0.5, 0.99, 'lognormal'), 0.9999)).toBe(1);
    expect(sampleUncertain(input('workload.usl.contention', 0.5, 1, 'uniform'), 0.999)).toBe(1);
    // the cv into [0, 100], memory headroom into [0, 10], growth above -99%
    expect(sampleUncertain(input('workload.serviceTimeCv', 10, 90, 'lognormal'), 0.999)).toBe(100);
    expect(sampleUncertain(input('workload.memoryHeadroom', 1, 9, 'normal'), 0.9999)).toBe(10);
    expect(sampleUncertain(input('workload.growth.perYear', -0.98, 0.5, 'uniform'), 0.001)).toBe(-0.99);
    // a figure that must be > 0: the smallest positive normal double
    expect(sampleUncertain(input('workload.peakRate', 1, 100, 'normal'), 0.001)).toBe(MIN_NORMAL);
    expect(sampleUncertain(input('reliability.node.mttr', 60, 7200, 'uniform'), 0.0001)).toBe(MIN_NORMAL);
    expect(sampleUncertain(input('workload.serviceTime', 0.001, 0.1, 'lognormal'), 0)).toBe(MIN_NORMAL);
    // a figure that may be 0: 0
    expect(sampleUncertain(input('reliability.failover', 1, 100, 'normal'), 0.001)).toBe(0);
    // a lognormal that overflows: the largest double
    expect(sampleUncertain(input('workload.workingSet', 1, 1e300, 'lognormal'), 1 - 2 ** -53)).toBe(Number.MAX_VALUE);
  });

  it('refuses u outside [0, 1], a path that cannot be a range, and an invalid range', () => {
    const c = input('workload.peakRate', 3000, 6000, 'lognormal');
    for (const u of [-0.1, 1.1, Number.NaN]) expect(() => sampleUncertain(c, u)).toThrow(RangeError);
    expect(() => sampleUncertain({ ...c, path: 'targets.p99' }, 0.5)).toThrow(RangeError);
    expect(() => sampleUncertain({ ...c, p5: 7000 }, 0.5)).toThrow(RangeError);
    expect(() => sampleUncertain({ ...c, p5: 0 }, 0.5)).toThrow(RangeError);
  });

  /** A parsed range of one of a few fields with different bounds, in any distribution. */
  const parsedInputs = fc
    .record({
      field: fc.constantFrom(
        { path: 'workload.peakRate', lo: 1e-6, hi: 1e9 },
        { path: 'workload.writeFraction', lo: 0, hi: 1 },
        { path: 'workload.growth.perYear', lo: -0.99, hi: 10 },
        { path: 'workload.serviceTimeCv', lo: 0, hi: 100 },
        { path: 'reliability.node.mttr', lo: 1, hi: 1e7 },
      ),
      a: fc.double({ min: 0, max: 1, noNaN: true }),
      b: fc.double({ min: 0, max: 1, noNaN: true }),
      distribution: fc.constantFrom(...DISTRIBUTIONS),
    })
    .map(({ field, a, b, distribution }) => {
      // spread the two draws over the field's range, log-uniformly where it is positive
      const lo = distribution === 'lognormal' ? Math.max(field.lo, 1e-6) : field.lo;
      const at = (t: number) => (lo > 0 ? lo * (field.hi / lo) ** t : lo + (field.hi - lo) * t);
      const p5 = Math.min(field.hi, at(Math.min(a, b)));
      const p95 = Math.min(field.hi, at(Math.max(a, b)));
      return parsedRange(field.path, { p5, p95, distribution });
    });
  const probability = fc.double({ min: 0, max: 1, noNaN: true, minExcluded: true, maxExcluded: true });

  it('is non-decreasing in u, stays within the valid values, and withValue takes every draw (property)', () => {
    const base = parseScenario(minimalScenario());
    fc.assert(
      fc.property(parsedInputs, probability, probability, (c, u1, u2) => {
        const [lo, hi] = u1 <= u2 ? [u1, u2] : [u2, u1];
        const x = sampleUncertain(c, lo);
        const y = sampleUncertain(c, hi);
        expect(x).toBeLessThanOrEqual(y);
        for (const v of [x, y]) expect(() => withValue(base, c.path, v)).not.toThrow();
        if (lo <= 0.05 && hi >= 0.95) {
          // p5 and p95 themselves come back to within a rounding of the quantile formula
          expect(x).toBeLessThanOrEqual(c.p5 + 1e-12 * Math.abs(c.p5) + 1e-300);
          expect(y).toBeGreaterThanOrEqual(c.p95 - 1e-12 * Math.abs(c.p95) - 1e-300);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('errors in ranges: one line naming the path', () => {
  it('p5 above p95', () => {
    expect(errorsOf(example((x) => (x.workload.peakRate = { p5: '6000/s', p95: '3000/s' })))).toStrictEqual([
      'workload.peakRate: {"p5":"6000/s","p95":"3000/s"}: expected a range { p5, p95 } with p5 <= p95',
    ]);
    expect(
      errorsOf(example((x) => (x.workload.serviceTimeCv = { p5: 2, p95: 1, distribution: 'uniform' }))),
    ).toStrictEqual([
      'workload.serviceTimeCv: {"p5":2,"p95":1,"distribution":"uniform"}: expected a range { p5, p95 } with p5 <= p95',
    ]);
  });

  it('a lognormal range (the default) with p5 <= 0', () => {
    const message = (path: string, value: string) =>
      `${path}: ${value}: expected a range with p5 > 0 for the lognormal distribution (the default; a range that reaches 0 or below needs "distribution": "normal" or "uniform")`;
    expect(errorsOf(example((x) => (x.workload.writeFraction = { p5: 0, p95: 0.2 })))).toStrictEqual([
      message('workload.writeFraction', '{"p5":0,"p95":0.2}'),
    ]);
    expect(
      errorsOf(example((x) => (x.workload.growth.perYear = { p5: '-10%', p95: '50%', distribution: 'lognormal' }))),
    ).toStrictEqual([message('workload.growth.perYear', '{"p5":"-10%","p95":"50%","distribution":"lognormal"}')]);
    // the same ranges are fine as normal or uniform ones
    parseScenario(example((x) => (x.workload.writeFraction = { p5: 0, p95: 0.2, distribution: 'normal' })));
    parseScenario(example((x) => (x.workload.growth.perYear = { p5: '-10%', p95: '50%', distribution: 'uniform' })));
  });

  it('a range where only one value is allowed (targets, counts, shares, candidates)', () => {
    const only = '(a single value: ranges { p5, p95 } are allowed only for workload, reliability and tier figures)';
    expect(errorsOf(example((x) => (x.targets.p99 = { p5: '100 ms', p95: '300 ms' })))).toStrictEqual([
      `targets.p99: {"p5":"100 ms","p95":"300 ms"}: expected a duration such as "12 ms" or "2 h", or a number of seconds ${only}`,
    ]);
    expect(errorsOf(example((x) => (x.workload.fanout = { p5: 1, p95: 4 })))).toStrictEqual([
      `workload.fanout: {"p5":1,"p95":4}: expected an integer >= 1 and <= 10000 ${only}`,
    ]);
    expect(
      errorsOf(example((x) => (x.workload.replication = { p5: 2, p95: 3 }))).map((m) => m.endsWith(only)),
    ).toStrictEqual([true]);
    expect(errorsOf(example((x) => (x.users[0].share = { p5: '40%', p95: '60%' })))[0]).toMatch(
      new RegExp(`^users\\[0\\]\\.share: .*${only.replace(/[(){}]/g, '\\$&')}$`),
    );
    expect(errorsOf(example((x) => (x.architectures[2].nodes = { p5: 4, p95: 8 })))[0]).toMatch(
      /^architectures\[2\]\.nodes: .*allowed only for workload, reliability and tier figures\)$/,
    );
    expect(errorsOf(example((x) => (x.architectures[2].size = { p95: 'xlarge' })))[0]).toMatch(
      /^architectures\[2\]\.size: .*allowed only for workload, reliability and tier figures\)$/,
    );
  });

  it('an unknown key in a range, with a suggestion', () => {
    expect(
      errorsOf(example((x) => (x.workload.peakRate = { p5: '3000/s', p95: '6000/s', p50: '4000/s' }))),
    ).toStrictEqual(['workload.peakRate.p50: unknown key (did you mean p5?)']);
    expect(
      errorsOf(example((x) => (x.reliability.node.mtbf = { p5: '2000 h', p95: '8000 h', distrbution: 'normal' }))),
    ).toStrictEqual(['reliability.node.mtbf.distrbution: unknown key (did you mean distribution?)']);
    expect(errorsOf(example((x) => (x.workload.growth = { perYear: { p5: 0.1, p95: 0.5, shape: 2 } })))).toStrictEqual([
      'workload.growth.perYear.shape: unknown key (valid keys: p5, p95, distribution)',
    ]);
  });

  it('a value of the wrong dimension, out of range, or missing inside a range', () => {
    expect(errorsOf(example((x) => (x.workload.serviceTime = { p5: '5 kg', p95: '10 ms' })))).toStrictEqual([
      'workload.serviceTime.p5: "5 kg": expected a duration such as "5 ms" or "2000 h" (got a mass)',
    ]);
    expect(errorsOf(example((x) => (x.reliability.zone.mttr = { p5: '1 h', p95: '4 GiB' })))).toStrictEqual([
      'reliability.zone.mttr.p95: "4 GiB": expected a duration such as "5 ms" or "2000 h" (got a size)',
    ]);
    expect(errorsOf(example((x) => (x.workload.peakRate = { p5: '0/s', p95: '10/s' })))[0]).toMatch(
      /^workload\.peakRate\.p5: "0\/s": expected a rate .*> 0/,
    );
    expect(errorsOf(example((x) => (x.workload.writeFraction = { p5: '10%', p95: '120%' })))[0]).toMatch(
      /^workload\.writeFraction\.p95: "120%": expected a fraction/,
    );
    expect(errorsOf(example((x) => (x.workload.serviceTimeCv = { p5: -1, p95: 2 })))).toStrictEqual([
      'workload.serviceTimeCv.p5: -1: expected a number >= 0 and <= 100',
    ]);
    expect(errorsOf(example((x) => (x.workload.serviceTimeCv = { p5: '1', p95: 2 })))).toStrictEqual([
      'workload.serviceTimeCv.p5: "1": expected a number >= 0 and <= 100',
    ]);
    expect(errorsOf(example((x) => (x.workload.peakRate = { p95: '6000/s' })))).toStrictEqual([
      'workload.peakRate.p5: missing: expected a rate such as "4000/s", or a number per second',
    ]);
    expect(errorsOf(example((x) => (x.workload.peakRate = { p5: 1, p95: 2, distribution: 'beta' })))).toStrictEqual([
      'workload.peakRate.distribution: "beta": expected one of "lognormal", "normal", "uniform"',
    ]);
  });

  it('a ranged field of the wrong JSON type mentions the range form; a missing one does not', () => {
    expect(errorsOf(example((x) => (x.workload.peakRate = true)))).toStrictEqual([
      'workload.peakRate: true: expected a rate such as "4000/s", or a number per second, or a range { "p5": ..., "p95": ... } of such values',
    ]);
    expect(errorsOf(example((x) => delete x.workload.serviceTime))).toStrictEqual([
      'workload.serviceTime: missing: expected a duration such as "12 ms" or "2 h", or a number of seconds (or, instead, tiers: the service as a system of tiers)',
    ]);
  });

  it('never anything but one-line input errors, and only finite numbers, for arbitrary ranges (property)', () => {
    const value = fc.oneof(
      fc.double(),
      fc.constantFrom(
        '4000/s',
        '5 ms',
        '10%',
        '-5 ms',
        '0',
        '1e400/s',
        '5 kg',
        'sqrt(4)',
        '2 h',
        '16 GiB',
        0,
        -1,
        1e308,
      ),
      fc.jsonValue({ maxDepth: 1 }),
    );
    const range = fc.record(
      {
        p5: value,
        p95: value,
        distribution: fc.oneof(fc.constantFrom(...DISTRIBUTIONS), fc.string()),
        extra: value,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.constantFrom(...UNCERTAIN_PATHS, 'targets.p99', 'workload.fanout'), range, (path, r) => {
        const x = contractExample();
        setRaw(x, path, r);
        try {
          const s = parseScenario(x);
          const numbers = (v: unknown): number[] =>
            typeof v === 'number' ? [v] : v !== null && typeof v === 'object' ? Object.values(v).flatMap(numbers) : [];
          for (const n of numbers(s)) expect(Number.isFinite(n)).toBe(true);
          for (const u of s.uncertain) {
            expect(u.p5).toBeLessThanOrEqual(u.median);
            expect(u.median).toBeLessThanOrEqual(u.p95);
          }
        } catch (error) {
          if (!(error instanceof InputErrors)) throw error;
          for (const line of error.message.split('\n')) expect(line).toMatch(/^\S+: /);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the JSON Schema', () => {
  // biome-ignore lint/suspicious/noExplicitAny: an untyped JSON Schema
  const schema = scenarioJsonSchema() as Record<string, any>;
  // `tiers[].serviceTime`: an array's `[]` steps into its items
  const node = (path: string) =>
    path.split('.').reduce((at, key) => {
      const array = key.endsWith('[]');
      const n = at.properties[array ? key.slice(0, -2) : key];
      return array ? n.items : n;
    }, schema);

  it('shows the range form beside the single value for every figure that may be a range', () => {
    for (const path of UNCERTAIN_PATHS) {
      const n = node(path);
      expect(n.description, path).toMatch(/range \{ "p5"/);
      expect(n.anyOf, path).toHaveLength(2);
      const range = n.anyOf[1];
      expect(range, path).toMatchObject({ type: 'object', required: ['p5', 'p95'], additionalProperties: false });
      expect(Object.keys(range.properties), path).toStrictEqual(['p5', 'p95', 'distribution']);
      expect(range.properties.distribution.enum).toStrictEqual(['lognormal', 'normal', 'uniform']);
      expect(range.properties.distribution.default).toBe('lognormal');
      // p5 and p95 are written like the single value
      const { description: _, ...p5 } = range.properties.p5;
      expect(p5, path).toStrictEqual(n.anyOf[0]);
    }
  });

  it('keeps single values elsewhere', () => {
    for (const path of ['targets.p99', 'targets.availability', 'workload.fanout', 'workload.replication']) {
      expect(node(path).anyOf, path).toBeUndefined();
    }
  });
});

describe('the memo of ranged paths', () => {
  it('holds every path a valid scenario can range, so that it clears only on paths none has', () => {
    // a row of an array (tiers[].serviceTime) at each index a valid scenario can have; the others once
    const arrayRows = UNCERTAIN_PATHS.filter((p) => p.includes('[]'));
    expect(arrayRows.every((p) => p.startsWith('tiers[]'))).toBe(true);
    const most = UNCERTAIN_PATHS.length - arrayRows.length + arrayRows.length * MAX_TIERS;
    expect(most).toBeGreaterThan(UNCERTAIN_PATHS.length);
    expect(most).toBeLessThan(MAX_LOCATED);
  });
});
