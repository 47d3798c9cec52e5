// Combining chunks (combine.ts): the too-rare rule.
import { describe, expect, it } from 'vitest';
import { type KOfNSimConfig, simulateAvailability } from '../../../../src/core/sim/failures/index.js';
import { H } from './fixtures.js';

describe('the too-rare rule', () => {
  it('a highly available system is too rare to estimate: tooRare, and the method says to report the exact figure', () => {
    const rare: KOfNSimConfig = { kind: 'k-of-n', nodes: 1, need: 1, node: { mtbfS: 1e6 * H, mttrS: 1 * H } };
    const sim = simulateAvailability(rare, 1, 1);
    expect(sim.tooRare).toBe(true);
    expect(sim.downEventCount).toBeLessThan(10);
    expect(sim.method).toMatch(/too rare to estimate, report the exact figure instead/);
  });
});
