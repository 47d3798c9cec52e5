/**
 * Runs a simulation's chunks on worker threads (or in this thread), with progress and cancellation. The chunks are
 * fixed by the task (never by the thread count) and each has its own random stream, so the results are identical
 * for 1, 2 or 8 threads; they are returned in chunk order.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type ChunkResult, runChunk, type SimTask } from './chunk.js';

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

async function inThisThread(task: SimTask, chunks: number, opts: PoolOptions): Promise<ChunkResult[]> {
  const results: ChunkResult[] = [];
  for (let i = 0; i < chunks; i++) {
    if (opts.signal?.aborted) throw new SimulationAborted();
    results.push(runChunk(task, i));
    opts.onProgress?.(i + 1, chunks);
    await yieldToEventLoop();
  }
  return results;
}

export function workerAvailable(url: URL | undefined): url is URL {
  return (
    url !== undefined && url.protocol === 'file:' && existsSync(fileURLToPath(url)) && url.pathname.endsWith('.js')
  );
}

export async function runChunks(task: SimTask, chunks: number, opts: PoolOptions): Promise<ChunkResult[]> {
  const threads = Math.max(1, Math.min(Math.floor(opts.threads), chunks));
  if (threads === 1 || !workerAvailable(opts.workerUrl)) return inThisThread(task, chunks, opts);
  const url = opts.workerUrl;
  return new Promise<ChunkResult[]>((resolve, reject) => {
    const results: (ChunkResult | undefined)[] = new Array(chunks);
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve(results as ChunkResult[]);
    };
    const onAbort = () => finish(new SimulationAborted());
    if (opts.signal?.aborted) return finish(new SimulationAborted());
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const feed = (w: Worker) => {
      if (next < chunks) w.postMessage({ task, index: next++ });
    };
    for (let k = 0; k < threads; k++) {
      const w = new Worker(url);
      workers.push(w);
      w.on('message', (m: { index: number; result?: ChunkResult; error?: string }) => {
        if (m.error !== undefined || m.result === undefined) return finish(new Error(m.error ?? 'no result'));
        results[m.index] = m.result;
        done += 1;
        opts.onProgress?.(done, chunks);
        if (done === chunks) finish();
        else feed(w);
      });
      w.on('error', (e) => finish(e));
      w.on('exit', (code) => {
        if (!settled && code !== 0) finish(new Error(`simulation worker exited with code ${code}`));
      });
      feed(w);
    }
  });
}
