// The grid on which the analytic model of a request's repeated calls to one station (src/core/queueing/
// repeatedCalls.ts, through responseSum's sameStation) is calibrated against the request walk (src/core/sim/tiers.ts):
// one tier, one station of c FCFS servers, every request making Binomial(K, q) calls to it one after the other with
// a network time D before each, Poisson requests at the rate that loads the station to rho. The service time is 1 ms
// (exponential, or gamma of cv 0.5 or 1.5), so D = 1 ms and 10 ms are 1 and 10 service times.
// - exponential: c in {1, 2, 4, 8, 32}, rho in {0.3, 0.5, 0.7, 0.8, 0.9, 0.95}, K in {1, 2, 4, 10, 50}, D in
//   {0, 1, 10} ms (one D for K = 1: a single call has no gap);
// - gamma service cv 0.5 and 1.5: c in {1, 4, 32}, rho in {0.5, 0.8, 0.95}, the same K and D;
// - a cache in front (Binomial counts), exponential: q in {0.1, 0.5}, c in {1, 4, 32}, rho in {0.5, 0.8, 0.95}, K in
//   {4, 10, 50}, the same D.
// The simulated figures are in test/fixtures/sim/tierCalls.json (tierCallsMeasure.test.ts, MEASURE=1, writes it);
// tierCalls.test.ts checks the model against them.
import { type ResponseSumTerm, responseSum } from '../../../src/core/queueing/index.js';
import type { TierSimConfig } from '../../../src/core/sim/tiers.js';

export interface GridCase {
  family: 'exponential' | 'gamma' | 'cache';
  servers: number;
  utilization: number;
  calls: number;
  callProbability: number;
  cv: number;
  /** Network time before each call, s. */
  networkS: number;
}

export const SERVICE_S = 0.001;

export function gridCases(): GridCase[] {
  const out: GridCase[] = [];
  const Ds = [0, 0.001, 0.01];
  const each = (family: GridCase['family'], cs: number[], rhos: number[], Ks: number[], q: number, cv: number) => {
    for (const servers of cs)
      for (const utilization of rhos)
        for (const calls of Ks)
          for (const networkS of calls === 1 ? [0] : Ds)
            out.push({ family, servers, utilization, calls, callProbability: q, cv, networkS });
  };
  each('exponential', [1, 2, 4, 8, 32], [0.3, 0.5, 0.7, 0.8, 0.9, 0.95], [1, 2, 4, 10, 50], 1, 1);
  for (const cv of [0.5, 1.5]) each('gamma', [1, 4, 32], [0.5, 0.8, 0.95], [1, 2, 4, 10, 50], 1, cv);
  for (const q of [0.1, 0.5]) each('cache', [1, 4, 32], [0.5, 0.8, 0.95], [4, 10, 50], q, 1);
  return out;
}

/** A stable key of a case (the fixture's). */
export function caseKey(g: GridCase): string {
  return `c${g.servers} rho${g.utilization} K${g.calls} q${g.callProbability} cv${g.cv} D${g.networkS * 1000}ms`;
}

/** Requests per second that load the station to the case's utilisation. */
export function requestRatePerS(g: GridCase): number {
  return (g.utilization * g.servers) / (SERVICE_S * g.calls * g.callProbability);
}

export function gridConfig(g: GridCase): TierSimConfig {
  return {
    tiers: [{ callsPerRequest: g.calls, reachProbability: g.callProbability }],
    stations: [
      {
        tier: 0,
        region: 'r',
        nodes: 1,
        serversPerNode: g.servers,
        balancer: 'random',
        service:
          g.cv === 1
            ? { distribution: 'exponential', meanS: SERVICE_S, cv: 1 }
            : { distribution: 'gamma', meanS: SERVICE_S, cv: g.cv },
        writeFraction: 0,
        writeExtraS: 0,
        primaryReadShare: null,
      },
    ],
    routes: [{ stations: [0], perCallS: [g.networkS] }],
    groups: [{ share: 1, networkS: 0, route: 0 }],
    arrivals: { kind: 'poisson', ratePerS: requestRatePerS(g) },
  };
}

/** The case's term: independent calls (the model before) or calls to one station (sameStation: the model now). */
export function gridTerm(g: GridCase, sameStation: boolean): ResponseSumTerm {
  return {
    queue: {
      servers: g.servers,
      arrivalRatePerS: (g.utilization * g.servers) / SERVICE_S,
      serviceTimeS: SERVICE_S,
      serviceTimeCv: g.cv,
    },
    calls: g.calls,
    callProbability: g.callProbability,
    perCallS: g.networkS,
    ...(sameStation ? { sameStation: {} } : {}),
  };
}

/** The analytic p99 of the case, seconds. */
export function analyticP99S(g: GridCase, sameStation: boolean): number {
  return responseSum([gridTerm(g, sameStation)]).quantile(0.99);
}

/** The calls each case is simulated with: more near saturation, where the p99 converges slowly. */
export function gridCallsBudget(g: GridCase, base: number): number {
  const u = g.utilization;
  return base * (u >= 0.95 ? 6 : u >= 0.9 ? 4 : u >= 0.8 ? 2 : 1);
}

/** One simulated case of the fixture. */
export interface SimulatedCase {
  key: string;
  requests: number;
  p99S: number;
  ci95: [number, number];
}

/** The fixture: the simulated p99 of every case, with how it was made. */
export interface GridFixture {
  source: string;
  cases: SimulatedCase[];
}

/** One case's (analytic - simulated) / simulated p99, before (independent calls) and after (sameStation). */
export interface ErrorRow {
  key: string;
  g: GridCase;
  before: number;
  after: number;
  /** Half-width of the simulated p99's 95% interval, relative. */
  half: number;
}

/** The errors of every case of the grid against its simulated p99. */
export function errorRows(simulated: readonly SimulatedCase[]): ErrorRow[] {
  const byKey = new Map(simulated.map((c) => [c.key, c]));
  const out: ErrorRow[] = [];
  for (const g of gridCases()) {
    const key = caseKey(g);
    const sim = byKey.get(key);
    if (!sim) continue;
    out.push({
      key,
      g,
      before: (analyticP99S(g, false) - sim.p99S) / sim.p99S,
      after: (analyticP99S(g, true) - sim.p99S) / sim.p99S,
      half: (sim.ci95[1] - sim.ci95[0]) / 2 / sim.p99S,
    });
  }
  return out;
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

/**
 * The calibration table (Markdown): by family and calls, the error range before and after, where the walk's p99 is
 * known to `tight` (95% interval half-width) and over every case; then the extreme cases.
 */
export function errorTable(rows: readonly ErrorRow[], tight = 0.03): string {
  const lines = [
    '| service, calls | cases | before: independent calls | after: correlated waits | after, every case (interval) |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  const families: [GridCase['family'], string][] = [
    ['exponential', 'exponential'],
    ['gamma', 'gamma cv 0.5, 1.5'],
    ['cache', 'exponential, behind a cache'],
  ];
  for (const [family, name] of families) {
    for (const calls of [1, 2, 4, 10, 50, 0]) {
      const sel = rows.filter((r) => r.g.family === family && (calls === 0 || r.g.calls === calls));
      if (sel.length === 0) continue;
      const t = sel.filter((r) => r.half <= tight);
      const b = errorRange(t.map((r) => r.before));
      const a = errorRange(t.map((r) => r.after));
      const all = errorRange(sel.map((r) => r.after));
      const widest = Math.max(...sel.map((r) => r.half));
      lines.push(
        `| ${name}, ${calls === 0 ? '**all**' : `K = ${calls}`} | ${t.length} of ${sel.length} | ${pct(b.min)} .. ${pct(b.max)} | ${pct(a.min)} .. ${pct(a.max)} | ${pct(all.min)} .. ${pct(all.max)} (+-${(widest * 100).toFixed(1)}%) |`,
      );
    }
  }
  const sorted = [...rows].filter((r) => r.g.calls > 1).sort((x, y) => x.after - y.after);
  const show = (r: ErrorRow) =>
    `${r.key}: ${pct(r.after)} (before ${pct(r.before)}, interval +-${(r.half * 100).toFixed(1)}%)`;
  lines.push('', 'most optimistic after:', ...sorted.slice(0, 6).map(show));
  lines.push('most pessimistic after:', ...sorted.slice(-6).map(show));
  return lines.join('\n');
}

/** Summary of (analytic - simulated) / simulated over cases. */
export function errorRange(errors: readonly number[]): { min: number; max: number; meanAbs: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let abs = 0;
  for (const e of errors) {
    min = Math.min(min, e);
    max = Math.max(max, e);
    abs += Math.abs(e);
  }
  return { min, max, meanAbs: abs / Math.max(1, errors.length) };
}
