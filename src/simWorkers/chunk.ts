/**
 * One unit of simulation work, the same in a worker thread and in the main thread: a task (JSON-serialisable) and a
 * chunk index. A chunk's result depends only on (task, index), never on which thread ran it.
 */
import {
  type AvailabilityChunk,
  type AvailabilitySimConfig,
  simulateAvailabilityChunk,
} from '../core/sim/failures/index.js';
import { type RequestChunk, type RequestSimConfig, simulateRequestsChunk } from '../core/sim/requests.js';
import { simulateTiersChunk, type TierChunk, type TierSimConfig } from '../core/sim/tiers.js';

export type SimTask =
  | {
      kind: 'requests';
      config: RequestSimConfig;
      perChunk: number;
      warmup: number;
      seed: number;
      /** Chunk i uses random stream streamOffset + i (default 0), so simulations of one seed never share one. */
      streamOffset?: number;
    }
  | {
      kind: 'tiers';
      config: TierSimConfig;
      perChunk: number;
      warmup: number;
      seed: number;
      /** As for 'requests'. */
      streamOffset?: number;
    }
  | { kind: 'availability'; config: AvailabilitySimConfig; yearsPerChunk: number; seed: number };

export type ChunkResult = RequestChunk | TierChunk | AvailabilityChunk;

export function runChunk(task: SimTask, index: number): ChunkResult {
  if (task.kind === 'availability') return simulateAvailabilityChunk(task.config, task.yearsPerChunk, task.seed, index);
  if (task.kind === 'tiers') {
    const r = simulateTiersChunk(task.config, task.perChunk, task.warmup, task.seed, (task.streamOffset ?? 0) + index);
    return { ...r, index };
  }
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
  if (!('counts' in result)) return [];
  return [
    result.counts.buffer as ArrayBuffer,
    ...(result.groups ?? []).map((g) => g.counts.buffer as ArrayBuffer),
    ...('tiers' in result ? result.tiers.map((t) => t.counts.buffer as ArrayBuffer) : []),
  ];
}
