// Recovery times (src/core/reliability/recovery.ts): a cold standby's restore grows with the data it copies back, and
// a failover across regions waits for the traffic switch. Reference values computed by hand.
import { describe, expect, it } from 'vitest';
import { coldRestoreTimeS, crossRegionFailoverS } from '../../../src/core/reliability/index.js';
import { expectClose } from '../../helpers/expectClose.js';

const GiB = 2 ** 30;
const MiB = 2 ** 20;

describe('coldRestoreTimeS: fixed part + working set / restore rate (+ the switch across regions)', () => {
  it('20 GiB at 200 MiB/s after a 30 min start: 1800 + 102.4 s', () => {
    expectClose(coldRestoreTimeS(1800, 20 * GiB, 200 * MiB), 1902.4, { rel: 1e-15 }, '20 GiB');
  });

  it('20 TiB takes 1024 times as long to copy: 1800 + 104,857.6 s (29.6 h)', () => {
    expectClose(coldRestoreTimeS(1800, 20 * 1024 * GiB, 200 * MiB), 106_657.6, { rel: 1e-15 }, '20 TiB');
  });

  it('adds the switch failover of a standby in another region; no data: the fixed part alone', () => {
    expect(coldRestoreTimeS(1800, 0, 200 * MiB)).toBe(1800);
    expectClose(coldRestoreTimeS(1800, 20 * GiB, 200 * MiB, 150), 2052.4, { rel: 1e-15 }, 'with switch');
  });

  it('refuses a rate that is not positive and negative or non-finite times and sizes', () => {
    expect(() => coldRestoreTimeS(1800, GiB, 0)).toThrow(/restoreRateBytesPerS must be > 0/);
    expect(() => coldRestoreTimeS(-1, GiB, MiB)).toThrow(/fixedS/);
    expect(() => coldRestoreTimeS(1800, Number.NaN, MiB)).toThrow(/workingSetBytes/);
    expect(() => coldRestoreTimeS(1800, GiB, MiB, Number.POSITIVE_INFINITY)).toThrow(/switchFailoverS/);
  });
});

describe('crossRegionFailoverS: the component failover and the switch run together (the longer of the two)', () => {
  const sw = { availability: { availability: 0.9999, unavailability: 1e-4 }, failoverS: 150 };
  it('DNS detection + TTL (150 s) bounds a 60 s failover; a slower failover stays', () => {
    expect(crossRegionFailoverS(60, sw)).toBe(150);
    expect(crossRegionFailoverS(600, sw)).toBe(600);
    expect(crossRegionFailoverS(60, null)).toBe(60);
  });
});
