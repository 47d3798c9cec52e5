/**
 * The event loop of one chunk: the initial state (stationary, or all up before a warm-up), then every failure and
 * repair in time order from the event heap, the repair crews' queue, and the down time and down events accumulated.
 * Allocation-free per event.
 */

import { logGamma } from '../../math/special.js';
import { EventHeap } from '../heap.js';
import type { Stream } from '../rng.js';
import type { Plan } from './plan.js';
import type { SimLifetime } from './types.js';

export function run(
  plan: Plan,
  endS: number,
  stream: Stream,
  lifetime: SimLifetime,
  crews: number | null,
): { simulatedS: number; downS: number; downEvents: number } {
  const { mtbf, mttr, cap, crewed, service } = plan;
  const n = mtbf.length;
  const weibull = lifetime.kind === 'weibull';
  const invShape = weibull ? 1 / lifetime.shape : 1;
  // Weibull scale keeping the mean at the MTBF: mean = scale Gamma(1 + 1/shape).
  const scale = new Float64Array(n);
  const gammaFactor = weibull ? Math.exp(logGamma(1 + invShape)) : 1;
  for (let c = 0; c < n; c++) scale[c] = (mtbf[c] as number) / gammaFactor;
  // Outages capped at `cap`: min(Exp(mttr), cap).
  const repair = (c: number): number => Math.min(stream.exponential(mttr[c] as number), cap[c] as number);
  const life = (c: number): number => {
    const e = stream.exponential(1);
    return weibull ? (scale[c] as number) * e ** invShape : e * (mtbf[c] as number);
  };

  const up = new Uint8Array(n);
  const heap = new EventHeap(n);
  const limited = crews !== null;
  const stationary = !weibull && !limited;
  if (stationary) {
    for (let c = 0; c < n; c++) {
      const m = mttr[c] as number;
      const k = cap[c] as number;
      // Mean outage E[min(Exp(m), k)] = m (1 - e^(-k/m)); its stationary residual is Exp(m) truncated at k.
      const meanDown = k === Number.POSITIVE_INFINITY ? m : -m * Math.expm1(-k / m);
      const pUp = (mtbf[c] as number) / ((mtbf[c] as number) + meanDown);
      if (stream.uniform() < pUp) {
        up[c] = 1;
        heap.push(stream.exponential(mtbf[c] as number), c);
      } else {
        up[c] = 0;
        const u = stream.uniform();
        const residual = k === Number.POSITIVE_INFINITY ? -m * Math.log(u) : -m * Math.log1p(u * Math.expm1(-k / m));
        heap.push(residual, c);
      }
    }
  } else {
    const start = -plan.warmupS;
    for (let c = 0; c < n; c++) {
      up[c] = 1;
      heap.push(start + life(c), c);
    }
  }
  service.reset(up);

  // FIFO queue of nodes waiting for a crew (ring buffer).
  const queue = new Int32Array(limited ? n + 1 : 1);
  let qHead = 0;
  let qLen = 0;
  let busy = 0;
  const maxCrews = crews ?? 0;

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
        if (busy < maxCrews) {
          busy++;
          heap.replaceTop(t + repair(c), c);
        } else {
          queue[(qHead + qLen) % queue.length] = c;
          qLen++;
          heap.pop();
        }
      } else {
        heap.replaceTop(t + repair(c), c);
      }
    } else {
      up[c] = 1;
      charge = service.flip(c, true);
      heap.replaceTop(t + life(c), c);
      if (limited && crewed[c]) {
        busy--;
        if (qLen > 0) {
          const next = queue[qHead] as number;
          qHead = (qHead + 1) % queue.length;
          qLen--;
          busy++;
          heap.push(t + repair(next), next);
        }
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
