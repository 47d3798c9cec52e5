// Config checks (check.ts): malformed configs are refused with a RangeError naming the field.
import { describe, expect, it } from 'vitest';
import {
  type AvailabilitySimConfig,
  checkSimConfig,
  simulateAvailability,
} from '../../../../src/core/sim/failures/index.js';
import { REGION, rel, smallKOfN } from './fixtures.js';

describe('config checks', () => {
  const config = smallKOfN;

  it('refuses malformed configs with a RangeError naming the field', () => {
    const bad: [unknown, RegExp][] = [
      [{ ...config, need: 5 }, /need/],
      [{ ...config, node: { mtbfS: 0, mttrS: 1 } }, /node\.mtbfS/],
      [{ ...config, regions: { count: 3, each: REGION } }, /regions\.count/],
      [{ ...config, lifetime: { kind: 'weibull', shape: 0 } }, /shape/],
      [{ ...config, crews: 0 }, /crews/],
      [{ kind: 'fleet', reliability: rel, regions: [], users: [], needed: [], balancer: null }, /regions/],
    ];
    for (const [c, message] of bad) expect(() => checkSimConfig(c as AvailabilitySimConfig)).toThrow(message);
    expect(() => simulateAvailability(config, 0, 1)).toThrow(RangeError);
  });
});
