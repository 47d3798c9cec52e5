/**
 * A horizontal design's availability figure (availability.ts fleetAvailability) kept across contexts, keyed by every
 * input it reads: the failure rates and failover time, each region's nodes and zones, the users' shares and
 * preference orders, the balancer's and the switch's figures, the copies and the write quorum, and, of `needed`, the
 * answers it gave. `needed` is a function (the fewest up nodes for a load share: availabilityNeed in degraded.ts,
 * which reads the design rate, the workload's service time, its scaling and the degraded cap), so it is not part of
 * the key: an entry keeps the questions fleetAvailability asked it and the answers, and serves a later call only when
 * `needed` answers every one of them the same. fleetAvailability is deterministic, so the same inputs and the same
 * answers make it ask the same questions in the same order and return the same figure.
 *
 * Why: the uncertain samples (uncertainty.ts) evaluate the same fleet in a fresh context per sample, and a sampled
 * load or service time moves `needed` across a few node counts only (every sample in a handful of classes), while
 * the figure is the exact sum over 2^R region states, much of a sample's time. Pure; callers never change a figure.
 */

import type { Availability, TrafficSwitch } from '../core/reliability/index.js';
import type { Reliability } from '../scenario/types.js';
import {
  type AvailabilityFigure,
  type FleetPlacement,
  type FleetRegion,
  type FleetUsers,
  fleetAvailability,
} from './availability.js';

/**
 * A figure with the questions fleetAvailability asked `needed` and its answers, each question once (`needed` is a
 * function of its arguments: it answers a question again the same).
 */
interface Entry {
  figure: AvailabilityFigure;
  asked: { r: number; loadShare: number; answer: number | null }[];
}

/** Keys kept before the memo is cleared (a bound on memory; an entry is a figure and a few answers; the figure is a judgement, not measured). */
const MAX_SHARED_FLEET_KEYS = 20_000;
/** Figures kept under one key (different `needed`: a sampled load that needs another node count). */
const MAX_PER_KEY = 16;

const memo = new Map<string, Entry[]>();

const rates = (f: { mtbfS: number; mttrS: number }) => `${f.mtbfS},${f.mttrS}`;
const figures = (a: Availability) => `${a.availability},${a.unavailability}`;

/** Every input of fleetAvailability but `needed`, as a string (numbers as JavaScript writes them: exact). */
function fleetKey(
  rel: Reliability,
  regions: readonly FleetRegion[],
  users: readonly FleetUsers[],
  balancer: Availability,
  placement: FleetPlacement,
  globalSwitch: TrafficSwitch | null,
): string {
  let key = `${rates(rel.node)};${rates(rel.zone)};${rates(rel.region)};${rel.failoverS}|`;
  for (const r of regions) key += `${r.id}:${r.nodes}:${r.zones};`;
  key += '|';
  for (const u of users) key += `${u.share}:${u.order.join('.')};`;
  key += `|${figures(balancer)}|${placement.replication},${placement.writeQuorum}|`;
  key += globalSwitch === null ? 'none' : `${figures(globalSwitch.availability)},${globalSwitch.failoverS}`;
  return key;
}

/** fleetAvailability's figure for these inputs: computed, or a kept one whose questions `needed` answers the same. */
export function sharedFleetAvailability(
  rel: Reliability,
  regions: readonly FleetRegion[],
  users: readonly FleetUsers[],
  needed: (r: number, loadShare: number) => number | null,
  balancer: Availability,
  placement: FleetPlacement,
  globalSwitch: TrafficSwitch | null = null,
): AvailabilityFigure {
  const key = fleetKey(rel, regions, users, balancer, placement, globalSwitch);
  let entries = memo.get(key);
  if (entries !== undefined) {
    for (const e of entries) {
      if (e.asked.every((q) => needed(q.r, q.loadShare) === q.answer)) return e.figure;
    }
  }
  const asked: Entry['asked'] = [];
  const seen = new Set<string>();
  const recording = (r: number, loadShare: number) => {
    const answer = needed(r, loadShare);
    const q = `${r},${loadShare}`;
    if (!seen.has(q)) {
      seen.add(q);
      asked.push({ r, loadShare, answer });
    }
    return answer;
  };
  const figure = fleetAvailability(rel, regions, users, recording, balancer, placement, globalSwitch);
  if (entries === undefined) {
    if (memo.size >= MAX_SHARED_FLEET_KEYS) memo.clear();
    entries = [];
    memo.set(key, entries);
  }
  if (entries.length >= MAX_PER_KEY) entries.shift();
  entries.push({ figure, asked });
  return figure;
}
