/**
 * Hardening: numerical extremes of the queueing and reliability cores (property tests, fast-check; the global seed
 * is set in test/setup.ts).
 *
 * Ranges: servers 1..100,000, utilisation 1e-9..0.999999 (the arrival rate is built from it), service cv 0..10,
 * fan-out 1..1000; availability 0.5 .. 1 - 1e-15 (given as unavailability 1e-15 .. 0.5), MTBF 1 min .. 1e9 h, MTTR
 * 1 s .. 1e4 h, k-of-n with n up to 1000, fleets of 100,000 nodes over up to 100 zones.
 *
 * Independent references, written here and not shared with src/:
 * - Erlang C from the direct series 1/C = 1 + ((c - a)/c) sum_{j=1}^{c} c!/((c-j)! a^j), summed in log space with a
 *   log-sum-exp (the code uses the Erlang B recursion); the reference itself is checked against the 50-digit mpmath
 *   fixture (test/fixtures/queueing/mmc.json) first.
 * - the M/M/c FCFS sojourn survival P(T > t) = (1 - C) e^(-mu t) + C P(X + Y > t), X ~ Exp(c mu - lambda),
 *   Y ~ Exp(mu) (Gross et al. 2008 section 2.3), in linear space, with the textbook hypoexponential form where it is
 *   well conditioned; the fan-out K survival 1 - (1 - S)^K.
 * - binomial tails as log-sum-exp of ln C(n, j) + j ln p + (n - j) ln q (the code walks ratios from the mode), and
 *   fleets over zones and regions by enumerating region states and the number of up zones of each size.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeQueue, erlangC, type QueueInput, responseTimeQuantile } from '../../src/core/queueing/index.js';
import {
  type Availability,
  downtime,
  fleetAvailability,
  fromMtbfMttr,
  fromUnavailability,
  kOfN,
  nines,
  parallel,
  series,
} from '../../src/core/reliability/index.js';
import { logInt, logUniform, runs } from '../helpers/arbitraries.js';
import { expectClose } from '../helpers/expectClose.js';

// ------------------------------------------------------------------------------------------------------------
// reference helpers (log space)

/** Neumaier-compensated sum. */
function kahanSum(xs: Iterable<number>): number {
  let sum = 0;
  let c = 0;
  for (const x of xs) {
    const t = sum + x;
    c += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + c;
}

/** ln(sum_i e^(x_i)), stable: factor out the largest term; -Infinity for no terms. */
function logSumExp(xs: readonly number[]): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const x of xs) if (x > max) max = x;
  if (max === Number.NEGATIVE_INFINITY) return max;
  return max + Math.log(kahanSum(xs.map((x) => Math.exp(x - max))));
}

/** ln(1 + e^x) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/**
 * ln C(c, a) (Erlang C) from the direct series 1/C = 1 + ((c - a)/c) S, S = sum_{j=1}^{c} prod_{i=0}^{j-1} (c - i)/a,
 * the terms' logarithms accumulated with compensation and summed by log-sum-exp. O(c).
 */
function refLogErlangC(c: number, a: number, cMinusA: number): number {
  if (a === 0) return Number.NEGATIVE_INFINITY;
  const terms = new Array<number>(c);
  let sum = 0;
  let comp = 0;
  for (let j = 1; j <= c; j++) {
    const x = Math.log((c - j + 1) / a);
    const t = sum + x;
    comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
    terms[j - 1] = sum + comp;
  }
  return -softplus(Math.log(cMinusA / c) + logSumExp(terms));
}

/** P(X + Y > t), X ~ Exp(theta), Y ~ Exp(mu), in linear space. */
function hypoexpSurvival(theta: number, mu: number, t: number): number {
  const ratio = theta / mu;
  if (ratio > 2 || ratio < 0.5) {
    // Textbook form (theta e^(-mu t) - mu e^(-theta t)) / (theta - mu), well conditioned when the rates differ by 2x.
    return theta > mu
      ? (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t)) / (theta - mu)
      : (mu * Math.exp(-theta * t) - theta * Math.exp(-mu * t)) / (mu - theta);
  }
  // Rates close: e^(-m t) (1 + m (1 - e^(-d t)) / d), m the smaller rate, d the difference (d t -> 0 gives 1 + m t).
  const m = Math.min(theta, mu);
  const d = Math.abs(theta - mu);
  const frac = d * t === 0 ? t : -Math.expm1(-d * t) / d;
  return Math.exp(-m * t) * (1 + m * frac);
}

/** The exact M/M/c FCFS response-time survival, with fan-out K: 1 - (1 - S)^K. */
function refMmcSurvival(q: { servers: number; lambda: number; s: number; C: number; fanout: number }, t: number) {
  const mu = 1 / q.s;
  const theta = q.servers * mu - q.lambda;
  const single = (1 - q.C) * Math.exp(-mu * t) + q.C * hypoexpSurvival(theta, mu, t);
  return q.fanout === 1 ? single : -Math.expm1(q.fanout * Math.log1p(-single));
}

/** ln k! for k = 0..max, by compensated summation of ln i. */
function logFactorials(max: number): Float64Array {
  const out = new Float64Array(max + 1);
  let sum = 0;
  let comp = 0;
  for (let i = 2; i <= max; i++) {
    const x = Math.log(i);
    const t = sum + x;
    comp += sum >= x ? sum - t + x : x - t + sum;
    sum = t;
    out[i] = sum + comp;
  }
  return out;
}
const LN_FACT = logFactorials(2000);
const lnChoose = (n: number, j: number) => (LN_FACT[n] as number) - (LN_FACT[j] as number) - (LN_FACT[n - j] as number);

/** ln p and ln q of a part, each from the field that keeps its digits. */
function logsOf(part: Availability): { lnP: number; lnQ: number } {
  const { availability: p, unavailability: q } = part;
  return {
    lnP: p <= 0.5 ? Math.log(p) : Math.log1p(-q),
    lnQ: q <= 0.5 ? Math.log(q) : Math.log1p(-p),
  };
}

/** ln P(Binomial(n, p) = j). */
const lnBinomPmf = (n: number, j: number, l: { lnP: number; lnQ: number }) =>
  lnChoose(n, j) + (j === 0 ? 0 : j * l.lnP) + (n === j ? 0 : (n - j) * l.lnQ);

/** ln P(Binomial(n, p) < k) and ln P(Binomial(n, p) >= k), each a log-sum-exp of its own terms. */
function refLogTails(n: number, k: number, part: Availability): { lnBelow: number; lnAtLeast: number } {
  const l = logsOf(part);
  const below: number[] = [];
  const atLeast: number[] = [];
  for (let j = 0; j <= n; j++) (j < k ? below : atLeast).push(lnBinomPmf(n, j, l));
  return { lnBelow: logSumExp(below), lnAtLeast: logSumExp(atLeast) };
}

/**
 * ln U and ln A of `need`-of-`nodes` over zones and regions (node i in zone i % Z, zone z in region z % R), by
 * enumerating the region states and, within the up regions, the number of up zones of each size (zones hold
 * floor(nodes / Z) or one more node); the nodes in up zones of up regions are then binomial.
 */
function refLogFleet(f: {
  nodes: number;
  need: number;
  node: Availability;
  zones: { count: number; each: Availability };
  regions: { count: number; each: Availability };
}): { lnU: number; lnA: number } {
  const Z = f.zones.count;
  const R = f.regions.count;
  const small = Math.floor(f.nodes / Z);
  const extra = f.nodes % Z;
  const lz = logsOf(f.zones.each);
  const lr = logsOf(f.regions.each);
  const tails = new Map<number, { lnBelow: number; lnAtLeast: number }>();
  const tailOf = (m: number) => {
    let t = tails.get(m);
    if (t === undefined) {
      t = m < f.need ? { lnBelow: 0, lnAtLeast: Number.NEGATIVE_INFINITY } : refLogTails(m, f.need, f.node);
      tails.set(m, t);
    }
    return t;
  };
  const uTerms: number[] = [];
  const aTerms: number[] = [];
  for (let mask = 0; mask < 1 << R; mask++) {
    let lnMask = 0;
    for (let r = 0; r < R; r++) lnMask += mask & (1 << r) ? lr.lnP : lr.lnQ;
    let zs = 0;
    let zl = 0;
    for (let z = 0; z < Z; z++) {
      if (!(mask & (1 << (z % R)))) continue;
      if (z < extra) zl++;
      else zs++;
    }
    for (let a = 0; a <= zs; a++) {
      for (let b = 0; b <= zl; b++) {
        const lw = lnMask + lnBinomPmf(zs, a, lz) + lnBinomPmf(zl, b, lz);
        const t = tailOf(a * small + b * (small + 1));
        uTerms.push(lw + t.lnBelow);
        aTerms.push(lw + t.lnAtLeast);
      }
    }
  }
  return { lnU: logSumExp(uTerms), lnA: logSumExp(aTerms) };
}

/** Below this a probability is "tiny": compared on log10 (and it may underflow the double range altogether). */
const TINY = 1e-290;
const LN_TINY = Math.log(TINY);

/**
 * A probability against its log-space reference: 1e-9 relative where it is not tiny; where it is, 1e-9 absolute on
 * log10 when the double holds it as a normal number, else it must have underflowed (below 1e-290) too.
 */
function expectProbability(actual: number, lnRef: number, label: string): void {
  if (lnRef > LN_TINY) {
    expectClose(actual, Math.exp(lnRef), { rel: 1e-9 }, label);
  } else if (actual >= 2 ** -1022) {
    expectClose(Math.log10(actual), lnRef / Math.LN10, { abs: 1e-9 }, `${label} (log10)`);
  } else {
    expect(actual, `${label} underflows with its reference`).toBeLessThan(TINY);
  }
}

// ------------------------------------------------------------------------------------------------------------
// arbitraries

const MAX_SERVERS_TESTED = 100_000;
const serversArb = fc.oneof(fc.constantFrom(1, 2, MAX_SERVERS_TESTED), logInt(1, MAX_SERVERS_TESTED));
const moderateServersArb = fc.oneof(fc.constantFrom(1, 2, 2000), logInt(1, 2000));
/** Utilisation 1e-9 .. 0.999999: log-uniform below 1/2, 1 - log-uniform above, and the edges. */
const rhoArb = fc.oneof(
  fc.constantFrom(1e-9, 0.5, 0.999999),
  logUniform(1e-9, 0.5),
  logUniform(1e-6, 0.5).map((u) => 1 - u),
);
const cvArb = fc.oneof(
  fc.constantFrom(0, 1, 10),
  fc.constantFrom(5e-324, 1e-154, 1e-20, 1e-15, 1e-14, 1e-12),
  fc.double({ min: 0, max: 10, noNaN: true }),
);
const fanoutArb = fc.oneof(fc.constantFrom(1, 1000), logInt(1, 1000));
const serviceArb = fc.oneof(fc.constant(1), logUniform(1e-6, 10));

interface QueueCase {
  servers: number;
  rho: number;
  serviceTimeS: number;
  serviceTimeCv: number;
  fanout: number;
}
const queueOf = (c: QueueCase): QueueInput => ({
  servers: c.servers,
  arrivalRatePerS: (c.rho * c.servers) / c.serviceTimeS,
  serviceTimeS: c.serviceTimeS,
  serviceTimeCv: c.serviceTimeCv,
  fanout: c.fanout,
});
const queueArb = fc.record({
  servers: serversArb,
  rho: rhoArb,
  serviceTimeS: serviceArb,
  serviceTimeCv: cvArb,
  fanout: fanoutArb,
});

const LEVELS = ['p50S', 'p90S', 'p95S', 'p99S', 'p999S'] as const;

/** Non-decreasing up to rounding: b >= a (1 - 1e-12). */
const expectNotBelow = (b: number, a: number, label: string) =>
  expect(b, label).toBeGreaterThanOrEqual(a * (1 - 1e-12));

// ------------------------------------------------------------------------------------------------------------
// queueing

describe('queueing at the extremes', () => {
  it('every figure is finite, P(wait) in [0, 1], mean wait >= 0 and p50 <= p90 <= p95 <= p99 <= p99.9', () => {
    fc.assert(
      fc.property(queueArb, (c) => {
        const q = queueOf(c);
        const r = analyzeQueue(q);
        expect(r.stable).toBe(true);
        const numbers = [r.probWait, r.meanWaitS, r.meanResponseS, r.meanInSystem, r.meanInQueue, r.utilization];
        for (const x of numbers) expect(Number.isFinite(x), `finite: ${numbers}`).toBe(true);
        const p = r.percentiles;
        if (p === null) throw new Error('percentiles of a stable queue are null');
        for (const key of LEVELS) expect(Number.isFinite(p[key]) && p[key] >= 0, `${key} = ${p[key]}`).toBe(true);
        const pw = r.probWait as number;
        expect(pw >= 0 && pw <= 1, `P(wait) = ${pw}`).toBe(true);
        expect(r.meanWaitS as number).toBeGreaterThanOrEqual(0);
        expect(r.meanResponseS as number).toBeGreaterThanOrEqual(r.meanWaitS as number);
        expect(p.p50S).toBeLessThanOrEqual(p.p90S);
        expect(p.p90S).toBeLessThanOrEqual(p.p95S);
        expect(p.p95S).toBeLessThanOrEqual(p.p99S);
        expect(p.p99S).toBeLessThanOrEqual(p.p999S);
        expect(responseTimeQuantile(q, 0.99)).toBe(p.p99S);
      }),
      { numRuns: runs(300) },
    );
  });

  it('an unstable queue (utilisation >= 1) gives null latency and an infinite quantile, never NaN', () => {
    // rho >= 1 + 1e-6 survives the rounding of lambda = rho c / s (a few ulps); rho = 1 exactly with s = 1.
    const unstableArb = fc.oneof(
      fc.record({ rho: fc.constant(1), s: fc.constant(1) }),
      fc.record({ rho: logUniform(1 + 1e-6, 1e6), s: serviceArb }),
    );
    fc.assert(
      fc.property(serversArb, unstableArb, (servers, { rho, s }) => {
        const q = { servers, arrivalRatePerS: (rho * servers) / s, serviceTimeS: s };
        const r = analyzeQueue(q);
        expect(r.stable).toBe(false);
        expect([r.probWait, r.meanWaitS, r.meanResponseS, r.percentiles]).toEqual([null, null, null, null]);
        expect(Number.isFinite(r.utilization) && r.utilization >= 1).toBe(true);
        expect(responseTimeQuantile(q, 0.99)).toBe(Number.POSITIVE_INFINITY);
      }),
      { numRuns: runs(50) },
    );
  });

  it('p99 never falls as the load rises at fixed servers (any cv, any fan-out)', () => {
    fc.assert(
      fc.property(queueArb, rhoArb, (c, rho2) => {
        const lo = Math.min(c.rho, rho2);
        const hi = Math.max(c.rho, rho2);
        const pLo = responseTimeQuantile(queueOf({ ...c, rho: lo }), 0.99);
        const pHi = responseTimeQuantile(queueOf({ ...c, rho: hi }), 0.99);
        expectNotBelow(pHi, pLo, `p99 at rho ${hi} vs ${lo}`);
      }),
      { numRuns: runs(300) },
    );
  });

  it('p99 never rises as servers are added at a fixed arrival rate', () => {
    fc.assert(
      fc.property(queueArb, logInt(1, MAX_SERVERS_TESTED), (c, extra) => {
        const q = queueOf(c);
        const more = { ...q, servers: Math.min(MAX_SERVERS_TESTED, q.servers + extra) };
        expectNotBelow(responseTimeQuantile(q, 0.99), responseTimeQuantile(more, 0.99), `${more.servers} servers`);
      }),
      { numRuns: runs(300) },
    );
  });

  it('the reference Erlang C (log-space direct series) matches the 50-digit mpmath fixture', () => {
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/queueing/mmc.json', import.meta.url), 'utf8')) as {
      erlang: { servers: number; offeredLoad: number; lnErlangC: number }[];
    };
    const stable = fixture.erlang.filter((e) => e.offeredLoad < e.servers);
    expect(stable.length).toBeGreaterThan(30);
    for (const e of stable) {
      const ln = refLogErlangC(e.servers, e.offeredLoad, e.servers - e.offeredLoad);
      expectClose(ln, e.lnErlangC, { abs: 1e-10, rel: 1e-11 }, `ln C(${e.servers}, ${e.offeredLoad})`);
    }
  });

  it('Erlang C matches the independent log-space series to 1e-9 relative (servers 1..2000)', () => {
    fc.assert(
      fc.property(moderateServersArb, rhoArb, (c, rho) => {
        const a = rho * c;
        const ln = refLogErlangC(c, a, c - a);
        expectProbability(erlangC(c, a), ln, `C(${c}, ${a})`);
      }),
      { numRuns: runs(500) },
    );
  });

  it('M/M/c: the exact sojourn survival at the computed p99 is 0.01 to 1e-9 (fan-out K: 1 - (1 - S)^K), and E[Wq] = C / (c mu - lambda)', () => {
    // E[S] a power of two, so that a = lambda E[S] and c - a are exact in the reference too: at utilisation
    // 0.999999 a rounding of a by one ulp moves c - a by 1e-10 relative, and the survival at p99 by 1e-9.
    const powerOfTwoArb = fc.integer({ min: -20, max: 3 }).map((e) => 2 ** e);
    fc.assert(
      fc.property(serversArb, rhoArb, powerOfTwoArb, fc.oneof(fc.constant(1), fanoutArb), (servers, rho, s, fanout) => {
        const q = queueOf({ servers, rho, serviceTimeS: s, serviceTimeCv: 1, fanout });
        const a = q.arrivalRatePerS * s;
        const lnC = refLogErlangC(servers, a, servers - a);
        const C = Math.exp(lnC);
        const r = analyzeQueue(q);
        const p99 = r.percentiles?.p99S as number;
        const surv = refMmcSurvival({ servers, lambda: q.arrivalRatePerS, s, C, fanout }, p99);
        expectClose(surv, 0.01, { rel: 1e-9 }, `P(T > p99 = ${p99})`);
        const p999 = r.percentiles?.p999S as number;
        const surv999 = refMmcSurvival({ servers, lambda: q.arrivalRatePerS, s, C, fanout }, p999);
        expectClose(surv999, 0.001, { rel: 1e-9 }, `P(T > p99.9 = ${p999})`);
        if (lnC > LN_TINY) expectClose(r.meanWaitS as number, (C * s) / (servers - a), { rel: 1e-9 }, 'E[Wq]');
        else expect(r.meanWaitS as number).toBeLessThan(TINY * s);
      }),
      { numRuns: runs(300) },
    );
  });

  it('quantiles at utilisation 0.999999 with 100,000 servers complete (any cv, any fan-out, p up to 1 - 1e-9)', () => {
    fc.assert(
      fc.property(
        serviceArb,
        cvArb,
        fanoutArb,
        fc.oneof(fc.constantFrom(0.5, 0.99, 0.999999), fc.double({ min: 1e-6, max: 1 - 1e-9, noNaN: true })),
        (s, cv, fanout, p) => {
          const q = queueOf({ servers: MAX_SERVERS_TESTED, rho: 0.999999, serviceTimeS: s, serviceTimeCv: cv, fanout });
          const t = responseTimeQuantile(q, p);
          expect(Number.isFinite(t) && t >= 0).toBe(true);
        },
      ),
      { numRuns: runs(100) },
    );
  });
});

describe('regressions found by the properties above', () => {
  // A tiny service-time cv made the gamma shape 1/cv^2 huge: at cv = 1e-154 (shape ~1e308) the incomplete gamma threw
  // ("gammaContinuedFraction did not converge") or returned p99 = 1.8 s for a queue whose p99 is 23.5 s; from about
  // cv = 1e-15 down to 5e-324 the percentiles came out of order by a few ulps (p50 = 1 + 2^-52 > p90 = 1). Such a cv is
  // now deterministic service (the gamma's spread is below the double's resolution).
  const md1 = (cv: number) => ({ servers: 1, arrivalRatePerS: 0.9, serviceTimeS: 1, serviceTimeCv: cv });

  it('M/G/1 with cv 1e-154 has the M/D/1 percentiles (threw, or gave p99 = 1.8 s)', () => {
    const d = analyzeQueue(md1(0)).percentiles;
    for (const cv of [1e-154, 1e-160, 5e-324]) expect(analyzeQueue(md1(cv)).percentiles, `cv ${cv}`).toEqual(d);
    expectClose(d?.p99S as number, 23.499048351651322, { rel: 1e-15 }, 'M/D/1 p99: 1 + ln(0.9 / 0.01) / 0.2');
  });

  it('percentiles stay ordered for cv from 1e-12 down to 5e-324', () => {
    for (const cv of [1e-12, 1e-14, 1e-15, 1e-16, 1e-20, 1e-100, 5e-324]) {
      for (const rho of [1e-9, 0.05]) {
        const p = analyzeQueue({ servers: 1, arrivalRatePerS: rho, serviceTimeS: 0.37, serviceTimeCv: cv }).percentiles;
        const values = LEVELS.map((k) => p?.[k] as number);
        expect(values, `cv ${cv}, rho ${rho}`).toEqual([...values].sort((a, b) => a - b));
      }
    }
  });
});

// ------------------------------------------------------------------------------------------------------------
// reliability

const HOUR = 3600;
const uArb = fc.oneof(fc.constantFrom(1e-15, 0.5), logUniform(1e-15, 0.5));
const partArb = uArb.map(fromUnavailability);
const mtbfArb = fc.oneof(fc.constantFrom(60, 1e9 * HOUR), logUniform(60, 1e9 * HOUR));
const mttrArb = fc.oneof(fc.constantFrom(1, 1e4 * HOUR), logUniform(1, 1e4 * HOUR));

/** A + U = 1 within 1e-12, both in [0, 1], nines finite and >= 0 unless U underflowed to 0. */
function expectConsistent(r: Availability, label: string): void {
  const { availability: a, unavailability: u } = r;
  expect(a >= 0 && a <= 1, `${label}: A = ${a} in [0, 1]`).toBe(true);
  expect(u >= 0 && u <= 1, `${label}: U = ${u} in [0, 1]`).toBe(true);
  expectClose(a + u, 1, { abs: 1e-12 }, `${label}: A + U`);
  const n = nines(u);
  if (u > 0) expect(Number.isFinite(n) && n >= 0, `${label}: nines ${n}`).toBe(true);
  else expect(n).toBe(Number.POSITIVE_INFINITY);
  const d = downtime(u);
  expect(Number.isFinite(d.perYearS) && d.perYearS >= 0).toBe(true);
}

/** `better` is no worse than `worse`, up to rounding. */
function expectNoWorse(better: Availability, worse: Availability, label: string): void {
  expect(better.availability, `${label} A`).toBeGreaterThanOrEqual(worse.availability * (1 - 1e-13));
  expect(better.unavailability, `${label} U`).toBeLessThanOrEqual(worse.unavailability * (1 + 1e-12) + 1e-300);
}

const kOfNArb = fc
  .record({
    n: fc.oneof(fc.constantFrom(1, 2, 1000), logInt(1, 1000)),
    kFrac: fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true })),
    u: uArb,
  })
  .map(({ n, kFrac, u }) => ({ n, k: Math.min(n, 1 + Math.floor(kFrac * n)), u }));

const fleetArb = fc
  .record({
    nodes: logInt(1, 300),
    needFrac: fc.double({ min: 0, max: 1, noNaN: true }),
    node: partArb,
    zones: fc.record({ count: logInt(1, 12), each: partArb }),
    regions: fc.record({ count: fc.integer({ min: 1, max: 4 }), each: partArb }),
  })
  .map((f) => ({
    nodes: f.nodes,
    need: Math.min(f.nodes, 1 + Math.floor(f.needFrac * f.nodes)),
    node: f.node,
    zones: f.zones,
    regions: { count: Math.min(f.regions.count, f.zones.count), each: f.regions.each },
  }));

describe('reliability at the extremes', () => {
  it('one component from MTBF 1 min..1e9 h and MTTR 1 s..1e4 h: consistent, exact, and a shorter MTTR never lowers it', () => {
    fc.assert(
      fc.property(mtbfArb, mttrArb, fc.double({ min: 0, max: 1, noNaN: true }), (mtbf, mttr, f) => {
        const r = fromMtbfMttr(mtbf, mttr);
        expectConsistent(r, `MTBF ${mtbf} s, MTTR ${mttr} s`);
        expectClose(r.unavailability, mttr / (mtbf + mttr), { rel: 1e-15 }, 'U = MTTR / (MTBF + MTTR)');
        expectClose(r.availability, mtbf / (mtbf + mttr), { rel: 1e-15 }, 'A = MTBF / (MTBF + MTTR)');
        const shorter = fromMtbfMttr(mtbf, mttr * f);
        expectNoWorse(shorter, r, 'shorter MTTR');
        expectNoWorse(kOfN(2, 3, shorter), kOfN(2, 3, r), 'shorter MTTR, 2-of-3');
      }),
      { numRuns: runs(300) },
    );
  });

  it('k-of-n (n up to 1000, U 1e-15..0.5) matches the log-space binomial tails (1e-9 relative, log10 when tiny)', () => {
    fc.assert(
      fc.property(kOfNArb, ({ n, k, u }) => {
        const part = fromUnavailability(u);
        const r = kOfN(k, n, part);
        const label = `${k}-of-${n}, U = ${u}`;
        expectConsistent(r, label);
        const ref = refLogTails(n, k, part);
        expectProbability(r.unavailability, ref.lnBelow, `${label}: U`);
        expectProbability(r.availability, ref.lnAtLeast, `${label}: A`);
      }),
      { numRuns: runs(400) },
    );
  });

  it('k-of-n: more nodes at the same need, and a shorter MTTR, never lower availability', () => {
    fc.assert(
      fc.property(kOfNArb, logInt(1, 1000), mtbfArb, mttrArb, (c, extra, mtbf, mttr) => {
        const part = fromUnavailability(c.u);
        expectNoWorse(kOfN(c.k, c.n + extra, part), kOfN(c.k, c.n, part), `${c.k}-of-${c.n}+${extra}`);
        const node = fromMtbfMttr(mtbf, mttr);
        expectNoWorse(kOfN(c.k, c.n, fromMtbfMttr(mtbf, mttr / 2)), kOfN(c.k, c.n, node), 'MTTR / 2');
      }),
      { numRuns: runs(300) },
    );
  });

  it('series is never above any part and parallel never below any part (1 to 10 parts)', () => {
    fc.assert(
      fc.property(fc.array(partArb, { minLength: 1, maxLength: 10 }), (parts) => {
        const s = series(parts);
        const p = parallel(parts);
        expectConsistent(s, 'series');
        expectConsistent(p, 'parallel');
        for (const part of parts) {
          expectNoWorse(part, s, 'part vs series');
          expectNoWorse(p, part, 'parallel vs part');
        }
        // parallel U is the plain product (no cancellation anywhere); series U = 1 - prod(1 - U_i)
        const lnU = kahanSum(parts.map((x) => Math.log(x.unavailability)));
        expectProbability(p.unavailability, lnU, 'parallel U = prod U_i');
        const lnA = kahanSum(parts.map((x) => Math.log1p(-x.unavailability)));
        expectClose(s.unavailability, -Math.expm1(lnA), { rel: 1e-12 }, 'series U');
      }),
      { numRuns: runs(300) },
    );
  });

  it('fleets over zones and regions match the log-space enumeration (1e-9 relative, log10 when tiny)', () => {
    fc.assert(
      fc.property(fleetArb, (f) => {
        const r = fleetAvailability(f);
        const label = JSON.stringify(f);
        expectConsistent(r, label);
        const ref = refLogFleet(f);
        expectProbability(r.unavailability, ref.lnU, `${label}: U`);
        expectProbability(r.availability, ref.lnA, `${label}: A`);
      }),
      { numRuns: runs(150) },
    );
  });

  it('fleets: more nodes at the same need, and shorter node, zone or region MTTRs, never lower availability', () => {
    fc.assert(
      fc.property(
        fleetArb,
        logInt(1, 300),
        mtbfArb,
        mttrArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (f, extra, mtbf, mttr, k) => {
          expectNoWorse(fleetAvailability({ ...f, nodes: f.nodes + extra }), fleetAvailability(f), `+${extra} nodes`);
          const slow = fromMtbfMttr(mtbf, mttr);
          const fast = fromMtbfMttr(mtbf, mttr * k);
          expectNoWorse(fleetAvailability({ ...f, node: fast }), fleetAvailability({ ...f, node: slow }), 'node MTTR');
          const zones = (each: Availability) => ({ ...f, zones: { ...f.zones, each } });
          expectNoWorse(fleetAvailability(zones(fast)), fleetAvailability(zones(slow)), 'zone MTTR');
          const regions = (each: Availability) => ({ ...f, regions: { ...f.regions, each } });
          expectNoWorse(fleetAvailability(regions(fast)), fleetAvailability(regions(slow)), 'region MTTR');
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('100,000 nodes over up to 100 zones and 10 regions: consistent, and more nodes never lower availability', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 10 }),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        partArb,
        partArb,
        partArb,
        logInt(1, 1000),
        (zones, regions, needFrac, node, zone, region, extra) => {
          const nodes = 100_000 - extra;
          const f = {
            nodes,
            need: Math.max(1, Math.floor(needFrac * nodes)),
            node,
            zones: { count: zones, each: zone },
            regions: { count: Math.min(regions, zones), each: region },
          };
          const r = fleetAvailability(f);
          expectConsistent(r, JSON.stringify(f));
          expectNoWorse(fleetAvailability({ ...f, nodes: 100_000 }), r, `+${extra} nodes`);
        },
      ),
      { numRuns: runs(6) },
    );
  });
});
