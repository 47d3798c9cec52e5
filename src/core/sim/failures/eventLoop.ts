/**
 * The event loop of one chunk: the initial state (stationary, or all up before a warm-up), then every failure and
 * repair in time order from the event heap (src/core/sim/heap.ts), the repair crews' queue, and the down time and
 * down events accumulated. Allocation-free per event.
 */

import { EventHeap } from '../heap.js';
import type { Stream } from '../rng.js';
import { RepairCrews } from './crews.js';
import type { Plan } from './plan.js';
import { Transitions } from './transitions.js';
import type { SimLifetime } from './types.js';

/**
 * Runs the plan's components from time 0 (after any warm-up) to endS (s): the simulated seconds, the down seconds
 * (weighted by the service's down fraction, plus the failover downtime the service charges) and the down events
 * (outages begun, and failovers that cost downtime without starting one), counted from time 0 on.
 */
export function run(
  plan: Plan,
  endS: number,
  stream: Stream,
  lifetime: SimLifetime,
  crews: number | null,
): { simulatedS: number; downS: number; downEvents: number } {
  const { mtbf, crewed, service } = plan;
  const n = mtbf.length;
  const transitions = new Transitions(plan, lifetime, stream);

  const up = new Uint8Array(n);
  const heap = new EventHeap(n);
  const limited = crews !== null;
  const stationary = lifetime.kind !== 'weibull' && !limited;
  if (stationary) transitions.startStationary(up, heap);
  else transitions.startAllUp(up, heap, plan.warmupS);
  service.reset(up);

  const crewQueue = new RepairCrews(crews ?? 0, limited ? n + 1 : 1);

  let last = 0;
  let downS = 0;
  let downEvents = 0;
  let down = service.down;
  while (heap.size > 0) {
    const t = heap.topTime();
    if (t >= endS) break;
    const c = heap.topId();
    if (t > last) {
      downS += down * (t - last);
      last = t;
    }
    let charge: number;
    if (up[c]) {
      up[c] = 0;
      charge = service.flip(c, false);
      if (limited && crewed[c]) {
        if (crewQueue.claim(c)) heap.replaceTop(t + transitions.repair(c), c);
        else heap.pop();
      } else {
        heap.replaceTop(t + transitions.repair(c), c);
      }
    } else {
      up[c] = 1;
      charge = service.flip(c, true);
      heap.replaceTop(t + transitions.life(c), c);
      if (limited && crewed[c]) {
        const next = crewQueue.release();
        if (next >= 0) heap.push(t + transitions.repair(next), next);
      }
    }
    const now = service.down;
    if (t >= 0) {
      if (down === 0 && now > 0) downEvents++;
      else if (charge > 0) downEvents++;
      downS += charge;
    }
    down = now;
  }
  if (endS > last) downS += down * (endS - last);
  return { simulatedS: endS, downS, downEvents };
}
