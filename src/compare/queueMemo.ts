/**
 * Memoised queue analyses for the compare layer. A search meets the same queue (servers, rate, service time) on many
 * designs: a user region's queue is the same whichever empty regions, zone count or spare count the design adds. The
 * analyses are pure functions of their input, so a memo returns what a fresh call would (the same objects: callers
 * never change them). One entry per queue holds both figures. Bounded by the nodes of its key tree (numberKeyMemo.ts):
 * cleared when 6 x MAX_MEMO_QUEUES nodes are made, which is MAX_MEMO_QUEUES entries when no two keys share a start and
 * up to six times as many when they share all but their last number.
 */

import {
  analyzeQueueParts,
  type QueueInput,
  type QueueSummary,
  responseTimeSurvivalFunction,
} from '../core/queueing/index.js';
import { NumberKeyMemo } from './numberKeyMemo.js';

/** Entries kept before a memo is cleared, at least (its keys' nodes are bounded: see above): a bound on memory (an
 * ESTIMATE of its size: an analysis or a survival closure holds its normalised input and a few numbers, so tens of
 * megabytes at most for this many, a few times that when keys share their starts; not measured), far above what one
 * search meets (tens to a few thousand distinct queues in the examples). */
export const MAX_MEMO_QUEUES = 20_000;

/** A queue's memoised figures, each made when first asked for. */
interface Entry {
  analysis?: QueueSummary;
  /** The analysis's quantile function (null: unstable), and its p99 once asked for. */
  quantileS?: ((p: number) => number) | null;
  p99S?: number | null;
  survival?: (tS: number) => number;
}

/** A queue's key is six numbers: six nodes at most for each of MAX_MEMO_QUEUES entries. */
const memo = new NumberKeyMemo<Entry>(6 * MAX_MEMO_QUEUES);

/** Every field of a queue input that its analysis reads, defaults included. */
/** Every field of a queue input its figures read: the memo's key, also used by designLatency.ts's screening memo. */
export function queueKey(q: QueueInput): string {
  return `${q.servers}|${q.arrivalRatePerS}|${q.serviceTimeS}|${q.serviceTimeCv ?? 1}|${q.fanout ?? 1}|${q.arrivalCv ?? 1}`;
}

/**
 * The memo's entry for a queue (one key, however many of its figures are asked for): keyed by queueKey's numbers, in
 * its order, without writing them as text (numberKeyMemo.ts: the same keys are equal).
 */
function entryOf(q: QueueInput): Entry {
  let at = memo.step(memo.root(), q.servers);
  at = memo.step(at, q.arrivalRatePerS);
  at = memo.step(at, q.serviceTimeS);
  at = memo.step(at, q.serviceTimeCv ?? 1);
  at = memo.step(at, q.fanout ?? 1);
  at = memo.step(at, q.arrivalCv ?? 1);
  let hit = memo.get(at);
  if (hit === undefined) {
    hit = {};
    memo.set(at, hit);
  }
  return hit;
}

/**
 * analyzeQueue without its percentiles (analyzeQueueParts: the engine reads only the p99, queueP99S) and
 * responseTimeSurvivalFunction of one queue (analyzeQueueParts's, from the same model, unless queueSurvival made one
 * first), memoised under one key.
 */
export function queueFigures(q: QueueInput): { analysis: QueueSummary; survival: (tS: number) => number } {
  const e = entryOf(q);
  if (e.analysis === undefined) {
    const parts = analyzeQueueParts(q);
    e.analysis = parts.summary;
    e.quantileS = parts.quantileS;
    e.survival ??= parts.survival;
  }
  e.survival ??= responseTimeSurvivalFunction(q);
  return { analysis: e.analysis, survival: e.survival };
}

/** analyzeQueue(q).percentiles.p99S (null when unstable), bit for bit, memoised with queueFigures. */
export function queueP99S(q: QueueInput): number | null {
  const e = entryOf(q);
  if (e.p99S === undefined) {
    if (e.analysis === undefined) queueFigures(q);
    e.p99S = e.quantileS ? e.quantileS(0.99) : null;
  }
  return e.p99S;
}

/** responseTimeSurvivalFunction, memoised. */
export function queueSurvival(q: QueueInput): (tS: number) => number {
  const e = entryOf(q);
  e.survival ??= responseTimeSurvivalFunction(q);
  return e.survival;
}
