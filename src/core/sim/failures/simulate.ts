/**
 * Entry points: one chunk of a simulation (its own random stream), and a whole simulation run chunk by chunk and
 * combined.
 */

import { SECONDS_PER_YEAR } from '../../reliability/downtime.js';
import { streamFor } from '../rng.js';
import { checkCount, checkSimConfig } from './check.js';
import { combineAvailability } from './combine.js';
import { run } from './eventLoop.js';
import { planFor } from './plan.js';
import type { AvailabilityChunk, AvailabilitySimConfig, SimulatedAvailability } from './types.js';

/**
 * Simulates chunk `index` of `config` over `years` simulated years with the stream streamFor(seed, index): the
 * result depends only on (config, years, seed, index).
 */
export function simulateAvailabilityChunk(
  config: AvailabilitySimConfig,
  years: number,
  seed: number,
  index: number,
): AvailabilityChunk {
  checkSimConfig(config);
  if (!(Number.isFinite(years) && years > 0)) throw new RangeError(`years must be > 0, got ${years}`);
  const stream = streamFor(seed, index);
  const plan = planFor(config);
  const lifetime = config.lifetime ?? { kind: 'exponential' };
  const crews = config.crews ?? null;
  const { simulatedS, downS, downEvents } = run(plan, years * SECONDS_PER_YEAR, stream, lifetime, crews);
  return { index, years, simulatedS, downS, downEvents };
}

/** Runs `chunks` chunks of totalYears / chunks years each, in order, and combines them. */
export function simulateAvailability(
  config: AvailabilitySimConfig,
  totalYears: number,
  seed: number,
  chunks = 20,
): SimulatedAvailability {
  checkCount(chunks, 'chunks', 1);
  if (!(Number.isFinite(totalYears) && totalYears > 0))
    throw new RangeError(`totalYears must be > 0, got ${totalYears}`);
  const out: AvailabilityChunk[] = [];
  for (let i = 0; i < chunks; i++) out.push(simulateAvailabilityChunk(config, totalYears / chunks, seed, i));
  return combineAvailability(config, out);
}
