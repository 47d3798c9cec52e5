// Shared repair crews (crews.ts): fewer crews lower the availability; one crew against the machine-repairman
// birth-death chain, solved here in closed form.
import { describe, expect, it } from 'vitest';
import { type KOfNSimConfig, simulateAvailability } from '../../../../src/core/sim/failures/index.js';
import { exactKOfN, expectCovers, NODE, ZONE } from './fixtures.js';

describe('repair crews', () => {
  const base: KOfNSimConfig = {
    kind: 'k-of-n',
    nodes: 5,
    need: 3,
    node: NODE,
    zones: { count: 3, each: ZONE },
  };

  it('one repair crew: lower availability than unlimited crews, and the machine-repairman chain exactly', () => {
    const config: KOfNSimConfig = { kind: 'k-of-n', nodes: 6, need: 4, node: NODE };
    const unlimited = simulateAvailability(config, 200, 44);
    const oneCrew = simulateAvailability({ ...config, crews: 1 }, 200, 45);
    expect(oneCrew.ci95[1]).toBeLessThan(unlimited.ci95[0]);
    // Birth-death chain on k nodes down: failure rate (6 - k) / MTBF, repair rate 1 / MTTR (one crew), so
    // pi_k is proportional to 6! / (6 - k)! (MTTR / MTBF)^k; down while k > 2.
    const rho = NODE.mttrS / NODE.mtbfS;
    const pi: number[] = [1];
    for (let k = 1; k <= 6; k++) pi.push((pi[k - 1] as number) * (6 - k + 1) * rho);
    const total = pi.reduce((s, x) => s + x, 0);
    const exactU = pi.slice(3).reduce((s, x) => s + x, 0) / total;
    expectCovers(oneCrew, exactU, 'one crew');
    expect(oneCrew.method).toMatch(/at most 1 node repair at once/);
  });

  it('as many crews as nodes is the same as unlimited crews', () => {
    const sim = simulateAvailability({ ...base, crews: 5 }, 200, 46);
    expectCovers(sim, exactKOfN(base), 'crews = nodes');
  });
});
