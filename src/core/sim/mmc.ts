/**
 * The M/M/c queue's chunk (`capplan queue --simulate`): one node of v FCFS servers, Poisson arrivals, exponential
 * service, no fan-out and no network paths. FCFS on v servers needs no event list: a customer arriving at t starts
 * at max(t, the earliest time a server is free) and that server is then busy until it is done (the C reference's
 * method, bench/run.mjs); the servers' free times are a min-heap (heap.ts, replaceRoot).
 *
 * The draws come in batches: Stream.fillExponentials writes the batch's standard exponentials (two per customer, at
 * most BATCH_CUSTOMERS customers: the gap to each arrival, then its service) into a buffer, and mmcBatch scales them
 * by the means. A stream whose
 * only draws are these gives the values exponential(mean) calls would, in the same order, so the chunk is the general
 * loop's (requests.ts), count for count (tested). Per customer: two buffered draws, one sift of the servers' free
 * times and a histogram bucket; no allocation, no call that returns a boxed double (issue 18: the loop that drew
 * through exponential() allocated about 60 bytes per customer once compiled, 25 scavenges in a million customers).
 * Pure; no I/O.
 */

import { replaceRoot } from './heap.js';
import { bucketOf, LogHistogram } from './histogram.js';
import type { Stream } from './rng.js';

/**
 * Customers per batch (two draws each): a buffer of up to 64 kB, and 25 batches in a chunk of 100,000 (with 256, the
 * loop over the batches ran 400 times a chunk and was compiled with the batch's work inlined; no change in time was
 * measured either way).
 */
const BATCH_CUSTOMERS = 4096;

/** The state a chunk's batches share: the draws, the servers and the running totals. */
interface MmcState {
  rng: Stream;
  /** Standard exponentials of the batch: gap, service, gap, service, ... */
  draws: Float64Array;
  /** The v servers' free times, a min-heap. */
  free: Float64Array;
  v: number;
  meanGapS: number;
  meanServiceS: number;
  /** [the last arrival time, the sum of the response times recorded]. */
  clock: Float64Array;
}

/**
 * An M/M/c chunk: `warmup` customers binned into a histogram thrown away, then `customers` into `hist` (its count and
 * sum updated). The warm-up runs through the same batches, so the optimising compiler has seen every operation of
 * the recording when it compiles them.
 */
export function mmcRecord(
  rng: Stream,
  v: number,
  meanGapS: number,
  meanServiceS: number,
  warmup: number,
  customers: number,
  hist: LogHistogram,
): void {
  const state: MmcState = {
    rng,
    draws: new Float64Array(2 * Math.min(BATCH_CUSTOMERS, Math.max(warmup, customers))),
    free: new Float64Array(v),
    v,
    meanGapS,
    meanServiceS,
    clock: new Float64Array(2),
  };
  mmcSpan(state, warmup, new LogHistogram().counts);
  state.clock[1] = hist.sum;
  mmcSpan(state, customers, hist.counts);
  hist.count += customers;
  hist.sum = state.clock[1] as number;
}

/**
 * `count` customers binned into `counts`, in batches of at most BATCH_CUSTOMERS: the draws of exactly the batch's
 * customers, then the customers (no draw is left over, so the stream runs on as exponential() calls would take it).
 */
function mmcSpan(state: MmcState, count: number, counts: Float64Array): void {
  for (let left = count; left > 0; ) {
    const n = Math.min(left, BATCH_CUSTOMERS);
    state.rng.fillExponentials(state.draws, 2 * n);
    mmcBatch(state.draws, n, state.free, state.v, state.meanGapS, state.meanServiceS, counts, state.clock);
    left -= n;
  }
}

/**
 * n customers from draws[0], draws[1], ... (a gap and a service each, scaled by their means): each arrives at
 * clock[0] + its gap, takes the earliest-free server, and its response time is binned into `counts` and added to
 * clock[1]. Only typed arrays and locals are written (a field holding a double, written here, would box it).
 */
function mmcBatch(
  draws: Float64Array,
  n: number,
  free: Float64Array,
  v: number,
  meanGapS: number,
  meanServiceS: number,
  counts: Float64Array,
  clock: Float64Array,
): void {
  let t = clock[0] as number;
  let sum = clock[1] as number;
  const end = 2 * n;
  for (let k = 0; k < end; k += 2) {
    t += (draws[k] as number) * meanGapS;
    const done = Math.max(t, free[0] as number) + (draws[k + 1] as number) * meanServiceS;
    replaceRoot(free, 0, v, done);
    const response = done - t;
    const b = bucketOf(response);
    counts[b] = (counts[b] as number) + 1;
    sum += response;
  }
  clock[0] = t;
  clock[1] = sum;
}
