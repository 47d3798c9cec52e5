// Calibration of the analytic model of repeated calls to one station (src/core/queueing/repeatedCalls.ts) against the
// request walk (src/core/sim/tiers.ts) over the grid of tierCallsGrid.ts (786 cases). Slow (about an hour on 2 cores
// at the default size), so it runs only when asked, on worker threads (build first: node scripts/build.mjs):
//   MEASURE=1 npx vitest run test/core/sim/tierCallsMeasure.test.ts
// CALLS=... sets the calls simulated per case (default 20,000,000, times 2, 4 and 6 at utilisation 0.8, 0.9 and
// 0.95), SEEDS=... the seeds (default 2, 10 chunks each: the interval is Student t over their 20 replications),
// THREADS=... the worker threads, ONLY=... a substring of the case keys to run. WRITE=1 writes the simulated figures
// to test/fixtures/sim/tierCalls.json (which tierCalls.test.ts checks the model against). It prints, for the model
// before (independent calls) and after (sameStation), (analytic - simulated) / simulated p99 by family and calls.
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { it } from 'vitest';
import { combineRequests, type RequestChunk } from '../../../src/core/sim/requests.js';
import { planTierChunks } from '../../../src/core/sim/tiers.js';
import { SimulationPool } from '../../../src/simWorkers/pool.js';
import {
  analyticP99S,
  caseKey,
  errorRows,
  errorTable,
  type GridFixture,
  gridCallsBudget,
  gridCases,
  gridConfig,
  type SimulatedCase,
} from './tierCallsGrid.js';

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

it.runIf(process.env.MEASURE === '1')(
  'analytic against simulated p99: repeated calls to one station',
  async () => {
    const base = Number(process.env.CALLS ?? 20_000_000);
    const seeds = Number(process.env.SEEDS ?? 2);
    const only = process.env.ONLY;
    const pool = new SimulationPool({
      threads: Number(process.env.THREADS ?? availableParallelism()),
      workerUrl: new URL('../../../dist/simWorker.js', import.meta.url),
    });
    const simulated: SimulatedCase[] = [];
    const started = Date.now();
    try {
      for (const g of gridCases()) {
        const key = caseKey(g);
        if (only !== undefined && !key.includes(only)) continue;
        const config = gridConfig(g);
        const requests = Math.round(gridCallsBudget(g, base) / (g.calls * g.callProbability));
        const plan = planTierChunks(config, Math.ceil(requests / seeds), 10);
        const chunks: RequestChunk[] = [];
        for (let seed = 1; seed <= seeds; seed++) {
          const part = await pool.run(
            { kind: 'tiers', config, perChunk: plan.perChunk, warmup: plan.warmup, seed },
            10,
          );
          // seeds' chunks as one set of independent replications
          for (const c of part) chunks.push({ ...c, index: c.index + 10 * (seed - 1) });
        }
        const sim = combineRequests(chunks);
        simulated.push({ key, requests: sim.customers, p99S: sim.p99S, ci95: sim.ci95.p99S });
        const before = (analyticP99S(g, false) - sim.p99S) / sim.p99S;
        const after = (analyticP99S(g, true) - sim.p99S) / sim.p99S;
        const ci = (sim.ci95.p99S[1] - sim.ci95.p99S[0]) / 2 / sim.p99S;
        console.log(
          `${key}: simulated ${(sim.p99S * 1000).toFixed(3)} ms +-${(ci * 100).toFixed(1)}%; before ${pct(before)}, after ${pct(after)} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
        );
      }
    } finally {
      await pool.close();
    }
    console.log(errorTable(errorRows(simulated)));
    if (process.env.WRITE === '1' && only === undefined) {
      const fixture: GridFixture = {
        source: `MEASURE=1 WRITE=1 npx vitest run test/core/sim/tierCallsMeasure.test.ts (CALLS=${base}, SEEDS=${seeds}; 10 chunks per seed; ${new Date(started).toISOString().slice(0, 10)})`,
        cases: simulated,
      };
      writeFileSync(
        new URL('../../fixtures/sim/tierCalls.json', import.meta.url),
        `${JSON.stringify(fixture, null, 1)}\n`,
      );
    }
  },
  12 * 3600_000,
);
