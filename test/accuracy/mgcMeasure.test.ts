// Measures the M/G/c approximations against long simulations over the grid of mgcGrid.ts (567 points). Slow (about
// 40 minutes on 2 cores at the default budget), so it runs only when asked, on worker threads (build first: node
// scripts/build.mjs):
//   MEASURE=1 WRITE=1 npx vitest run test/accuracy/mgcMeasure.test.ts
// Two phases. A pilot simulates every point with PILOT customers (default 1,000,000) in 20 chunks (seed 1, streams
// 0..19) and estimates from its 95% intervals how many customers would bring the half-widths of the mean response
// and of the p99 to TARGET (default 1.5%) of the estimate. The points whose pilot falls short are simulated again,
// afresh (seed 1, streams 20..39, 20 chunks), with that many customers, capped at the one figure that fits the whole
// second phase into BUDGET_S seconds of wall time (default 1800, from the pilot's speed of each point). Each chunk
// starts empty and discards a warm-up of 10 relaxation times of the queue (mgcGrid.ts relaxationCustomers). The
// intervals are sectioning over the 20 chunks (combineRequests). THREADS=... sets the worker threads, ONLY=... a
// substring of the point keys to run (nothing is written then). WRITE=1 writes test/fixtures/accuracy/mgc.json;
// PROGRESS=file appends each point's result to that file as it finishes. MISSING=1 measures only the grid points the
// fixture does not have yet (the budget then applies to them alone) and, with WRITE=1, merges them into it in grid
// order, keeping the existing points unchanged and noting the addition in the fixture's source.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { it } from 'vitest';
import { combineRequests, type RequestChunk } from '../../src/core/sim/requests.js';
import { SimulationPool } from '../../src/simWorkers/pool.js';
import {
  analyticFigures,
  errorBand,
  type GridPoint,
  gridConfig,
  gridPoints,
  MEAN_S,
  type MgcFixture,
  pointKey,
  relaxationCustomers,
  type SimulatedPoint,
} from './mgcGrid.js';

const CHUNKS = 20;
const SEED = 1;
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

it.runIf(process.env.MEASURE === '1')(
  'M/G/c approximations against long simulations',
  async () => {
    const pilot = Number(process.env.PILOT ?? 1_000_000);
    const target = Number(process.env.TARGET ?? 0.015);
    const budgetS = Number(process.env.BUDGET_S ?? 1800);
    const only = process.env.ONLY;
    const progress = process.env.PROGRESS;
    const pool = new SimulationPool({
      threads: Number(process.env.THREADS ?? availableParallelism()),
      workerUrl: new URL('../../dist/simWorker.js', import.meta.url),
    });
    const started = Date.now();
    const log = (line: string) => {
      const text = `${line} (${((Date.now() - started) / 1000).toFixed(0)} s)`;
      console.log(text);
      if (progress) appendFileSync(progress, `${text}\n`);
    };
    const simulate = async (g: GridPoint, customers: number, streamOffset: number): Promise<SimulatedPoint> => {
      const perChunk = Math.ceil(customers / CHUNKS);
      const warmup = Math.max(1_000, Math.ceil(10 * relaxationCustomers(g)));
      const chunks: RequestChunk[] = await pool.run(
        { kind: 'requests', config: gridConfig(g), perChunk, warmup, seed: SEED, streamOffset },
        CHUNKS,
      );
      const s = combineRequests(chunks);
      return {
        ...g,
        customers: s.customers,
        chunks: CHUNKS,
        seed: SEED,
        streamOffset,
        warmupPerChunk: warmup,
        meanResponseS: s.meanResponseS,
        meanResponseCi95: s.ci95.meanResponseS,
        p99S: s.p99S,
        p99Ci95: s.ci95.p99S,
      };
    };
    const halfWidth = (p: SimulatedPoint) =>
      Math.max(
        (p.meanResponseCi95[1] - p.meanResponseCi95[0]) / 2 / p.meanResponseS,
        (p.p99Ci95[1] - p.p99Ci95[0]) / 2 / p.p99S,
      );
    const describe = (p: SimulatedPoint, phase: string) => {
      const a = analyticFigures(p);
      const em = errorBand(a.meanResponseS, p.meanResponseCi95);
      const ep = errorBand(a.p99S, p.p99Ci95);
      log(
        `${phase} ${pointKey(p)}: ${p.customers.toLocaleString('en-US')} customers, +-${(halfWidth(p) * 100).toFixed(2)}%; mean error ${pct(em[0])}..${pct(em[1])}, p99 error ${pct(ep[0])}..${pct(ep[1])}`,
      );
    };
    const fixtureUrl = new URL('../fixtures/accuracy/mgc.json', import.meta.url);
    const missing = process.env.MISSING === '1';
    const existing: MgcFixture | null = missing ? (JSON.parse(readFileSync(fixtureUrl, 'utf8')) as MgcFixture) : null;
    const have = new Set(existing?.points.map(pointKey));
    const points = gridPoints().filter(
      (g) => (only === undefined || pointKey(g).includes(only)) && !have.has(pointKey(g)),
    );
    log(`${points.length} points to simulate`);
    const results: SimulatedPoint[] = [];
    try {
      // phase 1: the pilot, with each point's speed
      const need: { customers: number; secondsPerCustomer: number }[] = [];
      for (const g of points) {
        const t0 = Date.now();
        const p = await simulate(g, pilot, 0);
        const seconds = (Date.now() - t0) / 1000;
        const warm = CHUNKS * p.warmupPerChunk;
        results.push(p);
        const h = halfWidth(p);
        need.push({
          customers: h <= target ? 0 : Math.ceil(p.customers * (h / target) ** 2),
          secondsPerCustomer: seconds / (p.customers + warm),
        });
        describe(p, 'pilot');
      }
      // the cap that fits phase 2 into the budget (bisection on a monotone cost)
      const cost = (cap: number) =>
        need.reduce(
          (s, n, i) =>
            n.customers === 0
              ? s
              : s +
                (Math.min(n.customers, cap) + CHUNKS * (results[i] as SimulatedPoint).warmupPerChunk) *
                  n.secondsPerCustomer,
          0,
        );
      let lo = pilot;
      let hi = Math.max(pilot, ...need.map((n) => n.customers));
      if (cost(hi) > budgetS) {
        for (let k = 0; k < 60; k++) {
          const mid = (lo + hi) / 2;
          if (cost(mid) > budgetS) hi = mid;
          else lo = mid;
        }
        hi = lo;
      }
      const cap = Math.floor(hi);
      log(
        `phase 2: ${need.filter((n) => n.customers > 0).length} points short of +-${target * 100}%; cap ${cap.toLocaleString('en-US')} customers per point, estimated ${cost(cap).toFixed(0)} s`,
      );
      for (const [i, g] of points.entries()) {
        const n = need[i] as { customers: number };
        if (n.customers === 0) continue;
        const customers = Math.max(pilot, Math.min(n.customers, cap));
        const p = await simulate(g, customers, CHUNKS);
        results[i] = p;
        describe(p, 'final');
      }
    } finally {
      await pool.close();
    }
    const run = `PILOT=${pilot}, TARGET=${target}, BUDGET_S=${budgetS}; ${CHUNKS} chunks per point, seed ${SEED}: streams 0..19 for the pilot, 20..39 for the points simulated again; ${new Date(started).toISOString().slice(0, 10)}, ${((Date.now() - started) / 60_000).toFixed(0)} min on ${availableParallelism()} threads`;
    if (process.env.WRITE === '1' && only === undefined && existing !== null) {
      const byKey = new Map([...existing.points, ...results].map((p) => [pointKey(p), p]));
      const fixture: MgcFixture = {
        source: `${existing.source}; the ${results.length} points at ${[...new Set(results.map((p) => p.servers))].join(', ')} servers added by MEASURE=1 MISSING=1 WRITE=1 (${run})`,
        meanServiceS: MEAN_S,
        points: gridPoints().map((g) => byKey.get(pointKey(g)) as SimulatedPoint),
      };
      writeFileSync(fixtureUrl, `${JSON.stringify(fixture, null, 1)}\n`);
    } else if (process.env.WRITE === '1' && only === undefined) {
      const fixture: MgcFixture = {
        source: `MEASURE=1 WRITE=1 npx vitest run test/accuracy/mgcMeasure.test.ts (PILOT=${pilot}, TARGET=${target}, BUDGET_S=${budgetS}; ${CHUNKS} chunks per point, seed ${SEED}: streams 0..19 for the pilot, 20..39 for the points simulated again; ${new Date(started).toISOString().slice(0, 10)}, ${((Date.now() - started) / 60_000).toFixed(0)} min on ${availableParallelism()} threads)`,
        meanServiceS: MEAN_S,
        points: results,
      };
      writeFileSync(new URL('../fixtures/accuracy/mgc.json', import.meta.url), `${JSON.stringify(fixture, null, 1)}\n`);
    }
  },
  12 * 3600_000,
);
