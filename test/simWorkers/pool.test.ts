// The worker pool (src/simWorkers/pool.ts) with the built worker (dist/simWorker.js; npm test builds first): the same
// chunks whatever the thread count, and a cancelled run stops its workers without finishing a chunk.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planChunks, type RequestSimConfig } from '../../src/core/sim/requests.js';
import { runChunks, SimulationAborted, SimulationPool } from '../../src/simWorkers/pool.js';

const workerUrl = new URL('../../dist/simWorker.js', import.meta.url);
const config: RequestSimConfig = {
  nodes: 4,
  serversPerNode: 8,
  service: { distribution: 'exponential', meanS: 0.005, cv: 1 },
  arrivals: { kind: 'poisson', ratePerS: 5000 },
  balancer: 'least-loaded',
  fanout: 1,
  groups: [],
};

describe.runIf(existsSync(workerUrl))('simulation pool on worker threads', () => {
  it('gives the same chunks with 1 and 2 threads', async () => {
    const plan = planChunks(40_000);
    const task = { kind: 'requests' as const, config, perChunk: plan.perChunk, warmup: plan.warmup, seed: 5 };
    const one = await runChunks(task, plan.chunks, { threads: 1, workerUrl });
    const two = await runChunks(task, plan.chunks, { threads: 2, workerUrl });
    expect(two).toEqual(one);
  });

  it('a cancelled run rejects at once, without finishing a chunk, and its workers are gone', async () => {
    const plan = planChunks(200_000_000); // minutes of work: 20,000,000 customers a chunk
    expect(plan.perChunk).toBe(20_000_000);
    const task = { kind: 'requests' as const, config, perChunk: plan.perChunk, warmup: plan.warmup, seed: 5 };
    const controller = new AbortController();
    let chunksDone = 0;
    const pool = new SimulationPool({
      threads: 2,
      workerUrl,
      signal: controller.signal,
      onProgress: (done) => {
        chunksDone = done;
      },
    });
    const run = pool.run(task, plan.chunks);
    await new Promise((r) => setTimeout(r, 300));
    controller.abort();
    // "at once" is counted in chunks, not in milliseconds (a loaded machine stretches the clock, not the work): a run
    // that waited for its workers' chunks before rejecting would count one
    await expect(run).rejects.toBeInstanceOf(SimulationAborted);
    expect(chunksDone).toBe(0);
    await pool.close();
    expect(pool.liveWorkers).toBe(0);
  });
});
