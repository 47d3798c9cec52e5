/**
 * One unit of simulation work, the same in a worker thread and in the main thread: a task (JSON-serialisable) and a
 * chunk index. A chunk's result depends only on (task, index), never on which thread ran it.
 */
import { type RequestChunk, type RequestSimConfig, simulateRequestsChunk } from '../core/sim/requests.js';

export type SimTask = {
  kind: 'requests';
  config: RequestSimConfig;
  perChunk: number;
  warmup: number;
  seed: number;
  /** Chunk i uses random stream streamOffset + i (default 0), so several simulations of one seed never share one. */
  streamOffset?: number;
};

export type ChunkResult = RequestChunk;

export function runChunk(task: SimTask, index: number): ChunkResult {
  const result = simulateRequestsChunk(
    task.config,
    task.perChunk,
    task.warmup,
    task.seed,
    (task.streamOffset ?? 0) + index,
  );
  return { ...result, index };
}

/** Typed arrays inside a result, to transfer rather than copy between threads. */
export function transferables(result: ChunkResult): ArrayBuffer[] {
  return [result.counts.buffer as ArrayBuffer];
}
