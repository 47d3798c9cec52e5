// The grid on which the M/G/c approximations of analyzeQueue (Allen-Cunneen mean wait, P-K at c = 1; the Erlang-C
// atom + exponential wait + gamma service percentiles) are measured against the project's own simulator
// (src/core/sim/requests.ts): one queue of c FCFS servers, Poisson arrivals at the rate that loads it to rho, service
// of mean MEAN_S and coefficient of variation cv drawn from a deterministic, gamma or lognormal distribution.
// - c in {1, 2, 4, 8, 16, 32, 64, 128, 256}; rho in {0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95};
// - cv 0 (deterministic), and cv in {0.5, 1.5, 2, 3} with gamma (the shape the analytic model assumes) and lognormal
//   service. cv 1 with gamma service is exponential: M/M/c, exact, not simulated.
// mgcMeasure.test.ts (MEASURE=1) simulates it and writes test/fixtures/accuracy/mgc.json; mgcTable.test.ts turns the
// fixture into the error table of src/core/queueing/mgcErrorTable.json and checks the two agree.
import { analyzeQueue } from '../../src/core/queueing/index.js';
import type { RequestSimConfig } from '../../src/core/sim/requests.js';

export const MEAN_S = 0.01;
export const GRID_SERVERS = [1, 2, 4, 8, 16, 32, 64, 128, 256] as const;
export const GRID_UTILIZATIONS = [0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95] as const;
export const GRID_CVS = [0, 0.5, 1.5, 2, 3] as const;

export type GridDistribution = 'deterministic' | 'gamma' | 'lognormal';

export interface GridPoint {
  servers: number;
  utilization: number;
  cv: number;
  distribution: GridDistribution;
}

/** A simulated grid point as the fixture keeps it (times in seconds). */
export interface SimulatedPoint extends GridPoint {
  customers: number;
  chunks: number;
  seed: number;
  /** Chunk i used random stream streamOffset + i of the seed. */
  streamOffset: number;
  warmupPerChunk: number;
  meanResponseS: number;
  meanResponseCi95: [number, number];
  p99S: number;
  p99Ci95: [number, number];
}

export interface MgcFixture {
  source: string;
  meanServiceS: number;
  points: SimulatedPoint[];
}

export function gridPoints(): GridPoint[] {
  const out: GridPoint[] = [];
  for (const servers of GRID_SERVERS)
    for (const utilization of GRID_UTILIZATIONS)
      for (const cv of GRID_CVS)
        for (const distribution of cv === 0 ? (['deterministic'] as const) : (['gamma', 'lognormal'] as const))
          out.push({ servers, utilization, cv, distribution });
  return out;
}

export function pointKey(g: GridPoint): string {
  return `c${g.servers} rho${g.utilization} cv${g.cv} ${g.distribution}`;
}

export function arrivalRatePerS(g: GridPoint): number {
  return (g.utilization * g.servers) / MEAN_S;
}

export function gridConfig(g: GridPoint): RequestSimConfig {
  return {
    nodes: 1,
    serversPerNode: g.servers,
    service: { distribution: g.distribution, meanS: MEAN_S, cv: g.cv },
    arrivals: { kind: 'poisson', ratePerS: arrivalRatePerS(g) },
    balancer: 'random',
    fanout: 1,
    groups: [],
  };
}

/** The analytic figures of a grid point (what capplan queue --cv reports), seconds. */
export function analyticFigures(g: GridPoint): { meanResponseS: number; p99S: number } {
  const a = analyzeQueue({
    servers: g.servers,
    arrivalRatePerS: arrivalRatePerS(g),
    serviceTimeS: MEAN_S,
    serviceTimeCv: g.cv,
  });
  return { meanResponseS: a.meanResponseS as number, p99S: a.percentiles?.p99S as number };
}

/**
 * Relaxation of the queue in customers, for the warm-up: rho / (1 - sqrt rho)^2 for M/M/c (Morse 1955; Abate & Whitt
 * 1987), times (1 + cv^2) / 2 for other service (heavy-traffic scaling of the wait, Kingman 1961).
 */
export function relaxationCustomers(g: GridPoint): number {
  return ((g.utilization / (1 - Math.sqrt(g.utilization)) ** 2) * (1 + g.cv * g.cv)) / 2;
}

/** Relative error of an analytic figure against a simulated one, over the simulated 95% interval: [lo, hi]. */
export function errorBand(analytic: number, ci: [number, number]): [number, number] {
  return [(analytic - ci[1]) / ci[1], (analytic - ci[0]) / ci[0]];
}
