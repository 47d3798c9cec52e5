/** Latin hypercube sampling (McKay, Beckman & Conover 1979): stratified uniform draws, one per stratum and input. */

import { streamFor } from '../sim/rng.js';

/**
 * Latin hypercube: for each input, one uniform draw in each of n equal strata, in a random order.
 * @returns u[sample][input] in (0, 1)
 */
export function latinHypercube(samples: number, inputs: number, seed: number): number[][] {
  const rng = streamFor(seed, 0);
  const u: number[][] = Array.from({ length: samples }, () => new Array<number>(inputs).fill(0));
  for (let j = 0; j < inputs; j++) {
    const order = Array.from({ length: samples }, (_, i) => i);
    for (let i = samples - 1; i > 0; i--) {
      const k = rng.below(i + 1);
      [order[i], order[k]] = [order[k] as number, order[i] as number];
    }
    for (let i = 0; i < samples; i++) (u[i] as number[])[j] = ((order[i] as number) + rng.uniform()) / samples;
  }
  return u;
}
