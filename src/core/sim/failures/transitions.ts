/**
 * The failure and repair process of every component of a plan: up times exponential with mean MTBF, or Weibull with
 * the given shape and the same mean; repairs exponential with mean MTTR, capped at the component's restore time; and
 * the initial state (stationary, or all up at age 0 before a warm-up). Draws from the chunk's stream, in the order the
 * event loop asks; allocation-free per draw.
 */

import { logGamma } from '../../math/special.js';
import type { EventHeap } from '../heap.js';
import type { Stream } from '../rng.js';
import type { Plan } from './plan.js';
import type { SimLifetime } from './types.js';

/** Samples up times and repair times (seconds) of the components of a plan from one random stream. */
export class Transitions {
  private readonly mtbf: Float64Array;
  private readonly mttr: Float64Array;
  private readonly cap: Float64Array;
  private readonly weibull: boolean;
  private readonly invShape: number;
  /** Weibull scale of each component, s. */
  private readonly scale: Float64Array;

  constructor(
    plan: Plan,
    lifetime: SimLifetime,
    private readonly stream: Stream,
  ) {
    const { mtbf, mttr, cap } = plan;
    this.mtbf = mtbf;
    this.mttr = mttr;
    this.cap = cap;
    const n = mtbf.length;
    const weibull = lifetime.kind === 'weibull';
    const invShape = weibull ? 1 / lifetime.shape : 1;
    // Weibull scale keeping the mean at the MTBF: mean = scale Gamma(1 + 1/shape).
    const scale = new Float64Array(n);
    const gammaFactor = weibull ? Math.exp(logGamma(1 + invShape)) : 1;
    for (let c = 0; c < n; c++) scale[c] = (mtbf[c] as number) / gammaFactor;
    this.weibull = weibull;
    this.invShape = invShape;
    this.scale = scale;
  }

  /** A repair time of component c, s. Outages capped at `cap`: min(Exp(mttr), cap); an MTTR of Infinity: the cap. */
  repair(c: number): number {
    const m = this.mttr[c] as number;
    return m === Number.POSITIVE_INFINITY
      ? (this.cap[c] as number)
      : Math.min(this.stream.exponential(m), this.cap[c] as number);
  }

  /** An up time of component c from age 0, s. */
  life(c: number): number {
    const e = this.stream.exponential(1);
    return this.weibull ? (this.scale[c] as number) * e ** this.invShape : e * (this.mtbf[c] as number);
  }

  /**
   * Starts every component in its stationary state (exponential up times only): up with probability A, then an
   * exponential residual life (memorylessness); down otherwise, with the stationary residual of its repair. Sets
   * up[c] and pushes each component's next transition.
   */
  startStationary(up: Uint8Array, heap: EventHeap): void {
    const { mtbf, mttr, cap, stream } = this;
    for (let c = 0; c < mtbf.length; c++) {
      const m = mttr[c] as number;
      const k = cap[c] as number;
      // Mean outage E[min(Exp(m), k)] = m (1 - e^(-k/m)); its stationary residual is Exp(m) truncated at k. A fixed
      // outage (m Infinity): k, and a residual uniform on [0, k].
      const fixed = m === Number.POSITIVE_INFINITY;
      const meanDown = k === Number.POSITIVE_INFINITY ? m : fixed ? k : -m * Math.expm1(-k / m);
      const pUp = (mtbf[c] as number) / ((mtbf[c] as number) + meanDown);
      if (stream.uniform() < pUp) {
        up[c] = 1;
        heap.push(stream.exponential(mtbf[c] as number), c);
      } else {
        up[c] = 0;
        const u = stream.uniform();
        const residual = fixed
          ? u * k
          : k === Number.POSITIVE_INFINITY
            ? -m * Math.log(u)
            : -m * Math.log1p(u * Math.expm1(-k / m));
        heap.push(residual, c);
      }
    }
  }

  /** Starts every component up at age 0 at time -warmupS (s); pushes each one's first failure. */
  startAllUp(up: Uint8Array, heap: EventHeap, warmupS: number): void {
    const start = -warmupS;
    for (let c = 0; c < this.mtbf.length; c++) {
      up[c] = 1;
      heap.push(start + this.life(c), c);
    }
  }
}
