import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Availability,
  downtime,
  fleetAvailability,
  fromAvailability,
  fromMtbfMttr,
  fromUnavailability,
  kOfN,
  nines,
  parallel,
  series,
} from '../../../src/core/reliability/index.js';
import { expectClose } from '../../helpers/expectClose.js';

const HOUR_S = 3600;

/** Unavailabilities spread over 15 orders of magnitude (log-uniform), plus the edges. */
const uArb = fc.oneof(
  fc.double({ min: -15, max: Math.log10(0.5), noNaN: true }).map((e) => 10 ** e),
  fc.double({ min: 0.5, max: 1, noNaN: true }),
  fc.constantFrom(0, 1, 1e-12, 0.5),
);
/** Parts from highly available to rarely up (availability down to 1e-15, given directly so it keeps its digits). */
const partArb = fc.oneof(
  uArb.map(fromUnavailability),
  fc.double({ min: -15, max: Math.log10(0.5), noNaN: true }).map((e) => fromAvailability(10 ** e)),
);

/** The same up to rounding: rel 1e-12, with an absolute floor for results that underflow. */
const SAME = { rel: 1e-12, abs: 1e-300 };

/** "Never falls": a result may only move the wrong way by rounding (a few ulps). */
function expectNoWorse(better: Availability, worse: Availability, label: string): void {
  expect(better.availability, `${label} A`).toBeGreaterThanOrEqual(worse.availability * (1 - 1e-14));
  expect(better.unavailability, `${label} U`).toBeLessThanOrEqual(worse.unavailability * (1 + 1e-12) + 1e-300);
}

function expectValid(r: Availability, label: string): void {
  expect(Number.isFinite(r.availability) && Number.isFinite(r.unavailability), `${label} finite`).toBe(true);
  expect(r.availability >= 0 && r.availability <= 1, `${label} A in [0, 1]`).toBe(true);
  expect(r.unavailability >= 0 && r.unavailability <= 1, `${label} U in [0, 1]`).toBe(true);
  expectClose(r.availability + r.unavailability, 1, { abs: 1e-15 }, `${label} A + U`);
}

const fleetArb = fc
  .record({
    nodes: fc.integer({ min: 1, max: 60 }),
    needFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    node: partArb,
    zones: fc.option(fc.record({ count: fc.integer({ min: 1, max: 8 }), each: partArb }), { nil: undefined }),
    regions: fc.option(fc.record({ count: fc.integer({ min: 1, max: 4 }), each: partArb }), { nil: undefined }),
  })
  .filter((f) => (f.regions?.count ?? 1) <= (f.zones?.count ?? 1))
  .map((f) => ({
    nodes: f.nodes,
    need: Math.min(f.nodes, 1 + Math.floor(f.needFraction * f.nodes)),
    node: f.node,
    ...(f.zones ? { zones: f.zones } : {}),
    ...(f.regions ? { regions: f.regions } : {}),
  }));

describe('monotonicity', () => {
  it('adding a spare node (nodes + 1, same need) never lowers availability', () => {
    fc.assert(
      fc.property(fleetArb, (f) => {
        expectNoWorse(fleetAvailability({ ...f, nodes: f.nodes + 1 }), fleetAvailability(f), 'spare node');
      }),
      { numRuns: 300, seed: 1 },
    );
  });

  it('a shorter MTTR never lowers availability (single part, k-of-n and fleet)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 60, max: 1e9 * HOUR_S, noNaN: true }),
        fc.double({ min: 0, max: 1e6 * HOUR_S, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (mtbfS, mttrS, shrink, n, kFraction) => {
          const slow = fromMtbfMttr(mtbfS, mttrS);
          const fast = fromMtbfMttr(mtbfS, mttrS * shrink);
          expectNoWorse(fast, slow, 'part');
          const k = Math.min(n, 1 + Math.floor(kFraction * n));
          expectNoWorse(kOfN(k, n, fast), kOfN(k, n, slow), `${k}-of-${n}`);
          const zones = { count: 3, each: fromUnavailability(1e-4) };
          expectNoWorse(
            fleetAvailability({ nodes: n, need: k, node: fast, zones }),
            fleetAvailability({ nodes: n, need: k, node: slow, zones }),
            'fleet',
          );
        },
      ),
      { numRuns: 300, seed: 2 },
    );
  });

  /**
   * A part and a better one built the same way (so the better one is at least as good in both A and U, not merely
   * different by rounding): U scaled down by a factor in [0, 1], or, for rarely-up parts, A moved towards 1.
   */
  const factorArb = fc.double({ min: 0, max: 1, noNaN: true });
  const pairArb = fc.oneof(
    fc.tuple(uArb, factorArb).map(([u, f]) => ({ worse: fromUnavailability(u), better: fromUnavailability(u * f) })),
    fc
      .tuple(
        fc.double({ min: -15, max: Math.log10(0.5), noNaN: true }).map((e) => 10 ** e),
        factorArb,
      )
      .map(([a, f]) => ({ worse: fromAvailability(a), better: fromAvailability(a + (1 - a) * (1 - f)) })),
  );

  it('a more reliable zone or region never lowers availability', () => {
    const domainsArb = fleetArb.filter((f) => f.zones !== undefined);
    fc.assert(
      fc.property(domainsArb, pairArb, pairArb, (f, zone, region) => {
        const zones = f.zones as { count: number; each: Availability };
        expectNoWorse(
          fleetAvailability({ ...f, zones: { ...zones, each: zone.better } }),
          fleetAvailability({ ...f, zones: { ...zones, each: zone.worse } }),
          'better zone',
        );
        if (f.regions) {
          expectNoWorse(
            fleetAvailability({ ...f, regions: { ...f.regions, each: region.better } }),
            fleetAvailability({ ...f, regions: { ...f.regions, each: region.worse } }),
            'better region',
          );
        }
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});

describe('consistency', () => {
  it('availability + unavailability = 1 within 1e-15, both in [0, 1], for every calculator', () => {
    fc.assert(
      fc.property(
        fc.array(partArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fleetArb,
        (parts, n, kFraction, f) => {
          const first = parts[0] as Availability;
          expectValid(series(parts), 'series');
          expectValid(parallel(parts), 'parallel');
          expectValid(kOfN(Math.min(n, 1 + Math.floor(kFraction * n)), n, first), 'kOfN');
          expectValid(fleetAvailability(f), 'fleet');
        },
      ),
      { numRuns: 300, seed: 4 },
    );
  });

  it('kOfN(1, n) equals parallel and kOfN(n, n) equals series of n copies', () => {
    fc.assert(
      fc.property(partArb, fc.integer({ min: 1, max: 50 }), (part, n) => {
        const copies = Array.from({ length: n }, () => part);
        const one = kOfN(1, n, part);
        const all = kOfN(n, n, part);
        const par = parallel(copies);
        const ser = series(copies);
        expectClose(one.availability, par.availability, SAME, `1-of-${n} A`);
        expectClose(one.unavailability, par.unavailability, SAME, `1-of-${n} U`);
        expectClose(all.availability, ser.availability, SAME, `${n}-of-${n} A`);
        expectClose(all.unavailability, ser.unavailability, SAME, `${n}-of-${n} U`);
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('results are finite for MTBF from minutes to 1e9 hours and MTTR from 0 to 1e6 hours', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 60, max: 1e9 * HOUR_S, noNaN: true }),
        fc.double({ min: 0, max: 1e6 * HOUR_S, noNaN: true }),
        (mtbfS, mttrS) => {
          const part = fromMtbfMttr(mtbfS, mttrS);
          expectValid(part, 'part');
          // U = MTTR / (MTBF + MTTR) to a few ulps, without forming 1 - A.
          expectClose(part.unavailability, mttrS / (mtbfS + mttrS), { rel: 1e-15, abs: 1e-300 }, 'U');
          expectValid(kOfN(2, 3, part), '2-of-3');
          expectValid(series([part, part]), 'series');
          const d = downtime(part.unavailability);
          expect(Number.isFinite(d.perYearS) && d.perYearS >= 0).toBe(true);
          const n = nines(part.unavailability);
          expect(part.unavailability === 0 ? n === Number.POSITIVE_INFINITY : Number.isFinite(n)).toBe(true);
        },
      ),
      { numRuns: 500, seed: 6 },
    );
  });
});
