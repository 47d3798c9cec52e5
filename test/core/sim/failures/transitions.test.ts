// Up-time distributions of the simulation (transitions.ts): Weibull up times keep the steady-state availability.
import { describe, expect, it } from 'vitest';
import {
  type KOfNSimConfig,
  type SimulatedAvailability,
  simulateAvailability,
} from '../../../../src/core/sim/failures/index.js';
import { exactKOfN, expectCovers, NODE, ZONE } from './fixtures.js';

describe('lifetimes', () => {
  const base: KOfNSimConfig = {
    kind: 'k-of-n',
    nodes: 5,
    need: 3,
    node: NODE,
    zones: { count: 3, each: ZONE },
  };

  it('Weibull up times with shape 1 are exponential: same availability within the intervals', () => {
    const exp = simulateAvailability(base, 200, 41);
    const weibull = simulateAvailability({ ...base, lifetime: { kind: 'weibull', shape: 1 } }, 200, 42);
    const exact = exactKOfN(base);
    expectCovers(weibull, exact, 'Weibull shape 1');
    const half = (s: SimulatedAvailability) => (s.ci95[1] - s.ci95[0]) / 2;
    expect(Math.abs(weibull.availability - exp.availability)).toBeLessThan(Math.hypot(half(weibull), half(exp)));
    expect(weibull.method).toMatch(/Weibull up times \(shape 1, mean = MTBF\).*warm-up/);
  });

  it('Weibull up times with shape 2 keep the steady-state availability (it depends only on the means)', () => {
    const sim = simulateAvailability({ ...base, lifetime: { kind: 'weibull', shape: 2 } }, 200, 43);
    expectCovers(sim, exactKOfN(base), 'Weibull shape 2');
  });
});
