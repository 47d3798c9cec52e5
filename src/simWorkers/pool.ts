/**
 * Runs a simulation's chunks on worker threads (or in this thread), with progress and cancellation. The chunks are
 * fixed by the task (never by the thread count) and each has its own random stream, so the results are identical
 * for 1, 2 or 8 threads; they are returned in chunk order. A pool keeps its workers between runs (starting one
 * costs tens of milliseconds); close() ends them.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { AvailabilityChunk } from '../core/sim/failures/index.js';
import type { RequestChunk } from '../core/sim/requests.js';
import type { TierChunk } from '../core/sim/tiers.js';
import { type ChunkResult, runChunk, type SimTask } from './chunk.js';

/** The chunk result of a task kind. */
export type ResultOf<T extends SimTask> = T extends { kind: 'requests' }
  ? RequestChunk
  : T extends { kind: 'tiers' }
    ? TierChunk
    : AvailabilityChunk;

export interface PoolOptions {
  /** Worker threads; 1 runs in this thread (yielding between chunks so progress and abort still work). */
  threads: number;
  /** The bundled worker script (dist/simWorker.js); without it (or when missing) the chunks run in this thread. */
  workerUrl?: URL;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export class SimulationAborted extends Error {
  override readonly name = 'SimulationAborted';
  constructor() {
    super('simulation cancelled');
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function workerAvailable(url: URL | undefined): url is URL {
  return (
    url !== undefined && url.protocol === 'file:' && url.pathname.endsWith('.js') && existsSync(fileURLToPath(url))
  );
}

type Reply = { index: number; result?: ChunkResult; error?: string };

export class SimulationPool {
  private readonly workers: Worker[] = [];
  private closed = false;

  constructor(private readonly opts: PoolOptions) {}

  private get threads(): number {
    return workerAvailable(this.opts.workerUrl) ? Math.max(1, Math.floor(this.opts.threads)) : 1;
  }

  /**
   * n live workers: a worker that has exited (it crashed, or exited between runs) leaves the pool and is replaced.
   * node:worker_threads is loaded here, on the first run that needs a worker: a run in this thread (every `capplan
   * queue --simulate` below defaultThreads' threshold, and every queue without --simulate, whose single-file bundle
   * hoisted a static import of it) does not pay its 5-9 ms (issue 18).
   */
  private async ensureWorkers(n: number): Promise<Worker[]> {
    const { Worker } = await import('node:worker_threads');
    // closed while the module loaded: no worker may outlive close()
    if (this.closed) throw new Error('the simulation pool is closed');
    while (this.workers.length < n) {
      const w = new Worker(this.opts.workerUrl as URL);
      w.once('exit', () => {
        const i = this.workers.indexOf(w);
        if (i >= 0) this.workers.splice(i, 1);
      });
      this.workers.push(w);
    }
    return this.workers.slice(0, n);
  }

  /** Runs chunks 0..chunks-1 of the task; results in chunk order. */
  async run<T extends SimTask>(task: T, chunks: number, onProgress = this.opts.onProgress): Promise<ResultOf<T>[]> {
    return (await this.runAny(task, chunks, onProgress)) as ResultOf<T>[];
  }

  private async runAny(task: SimTask, chunks: number, onProgress = this.opts.onProgress): Promise<ChunkResult[]> {
    if (this.closed) throw new Error('the simulation pool is closed');
    const signal = this.opts.signal;
    const threads = Math.min(this.threads, chunks);
    if (threads <= 1) {
      const results: ChunkResult[] = [];
      for (let i = 0; i < chunks; i++) {
        if (signal?.aborted) throw new SimulationAborted();
        results.push(runChunk(task, i));
        onProgress?.(i + 1, chunks);
        await yieldToEventLoop();
      }
      return results;
    }
    const workers = await this.ensureWorkers(threads);
    return new Promise<ChunkResult[]>((resolve, reject) => {
      const results: (ChunkResult | undefined)[] = new Array(chunks);
      let next = 0;
      let done = 0;
      let settled = false;
      const listeners: [Worker, (m: Reply) => void, (e: Error) => void, (code: number) => void][] = [];
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        for (const [w, onMessage, onError, onExit] of listeners) {
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onExit);
        }
        if (error) {
          void this.close();
          reject(error);
        } else resolve(results as ChunkResult[]);
      };
      const onAbort = () => finish(new SimulationAborted());
      if (signal?.aborted) return finish(new SimulationAborted());
      signal?.addEventListener('abort', onAbort, { once: true });
      for (const w of workers) {
        const feed = () => {
          if (next < chunks) w.postMessage({ task, index: next++ });
        };
        const onMessage = (m: Reply) => {
          if (m.error !== undefined || m.result === undefined) return finish(new Error(m.error ?? 'no result'));
          results[m.index] = m.result;
          done += 1;
          onProgress?.(done, chunks);
          if (done === chunks) finish();
          else feed();
        };
        const onError = (e: Error) => finish(e);
        // a worker that exits mid-run would leave its chunk unanswered: the run fails instead of waiting forever
        const onExit = (code: number) => finish(new Error(`simulation worker exited with code ${code}`));
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        listeners.push([w, onMessage, onError, onExit]);
        feed();
      }
    });
  }

  /** Worker threads still running (each leaves the pool when it exits). */
  get liveWorkers(): number {
    return this.workers.length;
  }

  /** Ends the workers (a cancelled run ends them at once); resolves once every one has exited. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }
}

/** One run on a pool of its own, closed afterwards. */
export async function runChunks<T extends SimTask>(task: T, chunks: number, opts: PoolOptions): Promise<ResultOf<T>[]> {
  const pool = new SimulationPool(opts);
  try {
    return await pool.run(task, chunks);
  } finally {
    await pool.close();
  }
}
