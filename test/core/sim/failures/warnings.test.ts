// The failure simulator's interval warnings (issue 14): fewer than HONEST_DOWN_EVENTS outages, or downtime that rare
// outages dominate (most of it in one chunk, or most chunks seeing none), are flagged with the years that would do.
import { describe, expect, it } from 'vitest';
import {
  availabilityWarnings,
  HONEST_DOWN_EVENTS,
  MIN_DOWN_EVENTS,
} from '../../../../src/core/sim/failures/combine.js';
import type { AvailabilityChunk } from '../../../../src/core/sim/failures/types.js';

const chunk = (index: number, downS: number, downEvents: number, years = 10): AvailabilityChunk => ({
  index,
  years,
  simulatedS: years * 31_557_600,
  downS,
  downEvents,
});

describe('availabilityWarnings', () => {
  it('says nothing with many outages spread over the chunks', () => {
    expect(availabilityWarnings(Array.from({ length: 20 }, (_, i) => chunk(i, 3600 + i, 10)))).toEqual([]);
  });

  it(`flags fewer than ${HONEST_DOWN_EVENTS} outages, naming the years for ${HONEST_DOWN_EVENTS}`, () => {
    const w = availabilityWarnings(Array.from({ length: 20 }, (_, i) => chunk(i, 3600, 1)));
    expect(w).toEqual([
      'only 20 outages in 200 years: an interval over so few is likely too narrow; simulate about 500 years (50 outages)',
    ]);
  });

  it('flags downtime dominated by one chunk (a rare long outage), with the years for 50 such outages', () => {
    // 20 chunks of 10 years; every chunk sees short node outages, one also a 3-day region outage
    const chunks = Array.from({ length: 20 }, (_, i) => chunk(i, i === 7 ? 3 * 86_400 + 600 : 600, 10));
    const w = availabilityWarnings(chunks);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^96% of the downtime fell in one of the 20 chunks \(20 saw any\): rare long outages/);
    // seen about once in 200 years: 50 of them take 10,000
    expect(w[0]).toContain('simulate about 10,000 years (50 such outages)');
  });

  it('flags downtime that most chunks never see; rate from the share of chunks that did (Poisson)', () => {
    // 4 of 20 chunks of 10 years saw an outage: r = -ln(1 - 0.2) 20 / 200 years = 0.0223 a year, 50 take 2,240 years
    const chunks = Array.from({ length: 20 }, (_, i) => chunk(i, i % 5 === 0 ? 3600 : 0, i % 5 === 0 ? 30 : 0));
    const w = availabilityWarnings(chunks);
    expect(w).toHaveLength(1);
    expect(w[0]).toContain('(4 saw any)');
    expect(w[0]).toContain('simulate about 2,240 years (50 such outages)');
  });

  it(`says nothing below ${MIN_DOWN_EVENTS} outages (tooRare reports the exact figure instead)`, () => {
    expect(availabilityWarnings([chunk(0, 100, 5), chunk(1, 0, 0)])).toEqual([]);
  });
});
