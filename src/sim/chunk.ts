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
};

export type ChunkResult = RequestChunk;

export function runChunk(task: SimTask, index: number): ChunkResult {
  return simulateRequestsChunk(task.config, task.perChunk, task.warmup, task.seed, index);
}

/** Typed arrays inside a result, to transfer rather than copy between threads. */
export function transferables(result: ChunkResult): ArrayBuffer[] {
  return [result.counts.buffer as ArrayBuffer];
}
