import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brent } from '../../../src/core/math/roots.js';
import { erlangB, erlangC } from '../../../src/core/queueing/index.js';
import { expectClose } from '../../helpers/expectClose.js';

// Reference values: test/fixtures/queueing/mmc.json, written by gen_mmc.py with mpmath 1.3.0 at 50 digits by direct
// summation of a^k / k! with factorials (not the recursion used here).
interface ErlangCase {
  servers: number;
  offeredLoad: number;
  arrivalRatePerS: number;
  serviceTimeS: number;
  erlangB: number;
  erlangC: number;
  lnErlangB: number;
  lnErlangC: number;
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/queueing/mmc.json', import.meta.url), 'utf8')) as {
  erlang: ErlangCase[];
};

/** ln(1e-300): below this the reference is compared in log form only (the double has lost precision). */
const LN_TINY = Math.log(1e-300);

describe('Erlang B and C: published values', () => {
  it('Erlang C, 14 servers, 10 Erlangs: P(wait) = 0.1741319 (7 s.f., tables of Erlang C)', () => {
    expectClose(erlangC(14, 10), 0.1741319, { abs: 5e-8 }, 'C(14, 10) to half a unit in the 7th figure');
  });

  it('Erlang B, 10 servers, 5 Erlangs = 0.018385 (Erlang B tables, 5 s.f.)', () => {
    expectClose(erlangB(10, 5), 0.018385, { abs: 5e-7 }, 'B(10, 5) to half a unit in the 5th figure');
  });

  it('erlang.com calculator manual: 15 lines at 1% blocking carry at most 8.108 Erlangs', () => {
    // https://erlang.com/calculatormanual/howmuchtrafficcanatrunkgrouphandle.htm ("the figure 8.108 will be displayed").
    expect(erlangB(15, 8.108)).toBeLessThanOrEqual(0.01);
    expect(erlangB(15, 8.109)).toBeGreaterThan(0.01);
    const maxLoad = brent((a) => erlangB(15, a) - 0.01, 1, 15);
    expect(Math.floor(maxLoad * 1000) / 1000).toBe(8.108);
  });

  it('closed forms: B(1, a) = a / (1 + a); C(1, a) = a; C(2, a) = a^2 / (2 + a)', () => {
    for (const a of [0.01, 0.3, 0.9, 0.999999]) {
      expectClose(erlangB(1, a), a / (1 + a), { rel: 2e-16 }, `B(1, ${a})`);
      expectClose(erlangC(1, a), a, { rel: 4.5e-16 }, `C(1, ${a})`);
    }
    // M/M/2: P(wait) = 2 rho^2 / (1 + rho) with rho = a / 2, i.e. a^2 / (2 + a) (Harchol-Balter 2013 ch. 14).
    for (const a of [0.1, 1, 1.9, 1.999]) expectClose(erlangC(2, a), (a * a) / (2 + a), { rel: 1e-15 }, `C(2, ${a})`);
  });
});

describe('Erlang B and C against the 50-digit direct summation', () => {
  const cases = fixture.erlang;
  it(`matches ${cases.length} cases, servers 1 .. 100,000, loads 0.01 .. 0.999999, to 1e-12 relative`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(cases.some((c) => c.servers === 100000)).toBe(true);
    for (const c of cases) {
      const label = `c=${c.servers}, a=${c.offeredLoad}`;
      const b = erlangB(c.servers, c.offeredLoad);
      const cc = erlangC(c.servers, c.offeredLoad);
      // Underflow rule: a reference below 1e-300 must come out below 1e-290 (it is 0 or subnormal in doubles).
      if (c.lnErlangB > LN_TINY) expectClose(b, c.erlangB, { rel: 1e-12 }, `B ${label}`);
      else expect(b, `B ${label} underflows`).toBeLessThan(1e-290);
      if (c.lnErlangC > LN_TINY) expectClose(cc, c.erlangC, { rel: 1e-12 }, `C ${label}`);
      else expect(cc, `C ${label} underflows`).toBeLessThan(1e-290);
    }
  });

  it('is stable at rho = 0.999999 with 10,000 and 100,000 servers', () => {
    const near = cases.filter((c) => c.servers >= 10000 && c.offeredLoad / c.servers > 0.99999);
    expect(near.length).toBe(2);
    for (const c of near) expectClose(erlangC(c.servers, c.offeredLoad), c.erlangC, { rel: 1e-13 }, `c=${c.servers}`);
  });
});

/** The plain recursion from k = 0, O(c): the reference for erlang.ts's shortcuts (start near the load, stop at underflow). */
function erlangBFullRecursion(servers: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) {
    const ab = a * b;
    b = ab / (k + ab);
  }
  return b;
}

describe('Erlang B shortcuts (start near the load, stop at underflow) against the full recursion from k = 0', () => {
  /** The shortcut's error is a few roundings more than the recursion's own (both are within 1e-12 of the 50-digit sums). */
  const REL = 1e-13;
  const check = (c: number, a: number) => {
    const full = erlangBFullRecursion(c, a);
    const fast = erlangB(c, a);
    if (full < 1e-290) expect(fast, `B(${c}, ${a}) underflows`).toBeLessThan(1e-290);
    else expectClose(fast, full, { rel: REL }, `B(${c}, ${a})`);
  };

  it('at the edges of the shortcut: loads around 14 sqrt(a) + 1000, c at and around the load', () => {
    for (const a of [1000, 1200, 1500.5, 2000, 5e3, 1e4, 1e5, 1e6]) {
      const s = Math.sqrt(a);
      for (const c of [a - 14 * s, a - 2 * s, a - 1, a, a + 1, a + s, a + 3 * s, a + 10 * s, a + 40 * s, 2 * a, 10 * a])
        if (c >= 1) check(Math.max(1, Math.round(c)), a);
    }
  });

  it('at the largest queues accepted (10 million servers), loads 0.9 to 0.999999 of them', () => {
    for (const rho of [0.9, 0.99, 0.9999, 0.999999]) check(10_000_000, 10_000_000 * rho);
  });

  it('for random servers up to 2e6 and loads from 0.5 to 1.2 times the servers (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_000_000 }), fc.double({ min: 0.5, max: 1.2, noNaN: true }), (c, rho) => {
        check(c, c * rho);
      }),
      { numRuns: 60 },
    );
  });
});

describe('Erlang arguments and limits', () => {
  it('zero load, overload and validation', () => {
    expect(erlangB(5, 0)).toBe(0);
    expect(erlangC(5, 0)).toBe(0);
    expect(erlangC(5, 5)).toBe(1);
    expect(erlangC(5, 7.5)).toBe(1);
    expect(() => erlangB(2.5, 1)).toThrow(/servers must be an integer/);
    expect(() => erlangB(0, 1)).toThrow(/servers/);
    expect(() => erlangC(3, -1)).toThrow(/offeredLoadErlangs/);
    expect(() => erlangC(3, Number.NaN)).toThrow(/offeredLoadErlangs/);
    expect(() => erlangC(Number.NaN, 1)).toThrow(/servers/);
    expect(() => erlangB(3, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
