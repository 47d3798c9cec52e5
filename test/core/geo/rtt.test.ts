import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/catalog/index.js';
import { greatCircleKm, type Place, type RttModel, rttBetween } from '../../../src/core/geo/index.js';
import { expectClose } from '../../helpers/expectClose.js';

const catalog = loadCatalog();
const measured = (a: string, b: string) => catalog.measuredRttMs(a, b);

function regionPlace(id: string): Place {
  const r = catalog.region(id);
  if (!r) throw new Error(`no region ${id}`);
  return { kind: 'region', id: r.id, lat: r.lat, lon: r.lon };
}

const model: RttModel = {
  interceptMs: 8,
  msPerKm: 0.015,
  method: 'test line',
  n: 2,
  medianAbsErrorMs: 0,
  medianRelError: 0,
  p90AbsErrorMs: 0,
  p90RelError: 0,
};

describe('rttBetween', () => {
  it('returns the measured median between catalog regions, in either order (Tokyo - N. Virginia 149.3 ms)', () => {
    const tokyo = regionPlace('ap-northeast-1');
    const virginia = regionPlace('us-east-1');
    const there = rttBetween(tokyo, virginia, measured, catalog.rttModel);
    const back = rttBetween(virginia, tokyo, measured, catalog.rttModel);
    expect(there).toEqual({ rttMs: 149.3, distanceKm: greatCircleKm(tokyo, virginia), method: 'measured' });
    expect(back.rttMs).toBe(149.3);
    expect(back.method).toBe('measured');
    expectClose(there.distanceKm, 10_900, { rel: 0.01 }, 'Tokyo-Ashburn km'); // about 10,900 km great circle
  });

  it('returns the measured intra-region RTT for a region with itself, at distance 0', () => {
    const r = rttBetween(regionPlace('us-east-1'), regionPlace('us-east-1'), measured, catalog.rttModel);
    expect(r).toEqual({ rttMs: 5.35, distanceKm: 0, method: 'measured' });
  });

  it("estimates from distance when a place is a point, even at a region's coordinates", () => {
    const virginia = regionPlace('us-east-1');
    const point: Place = { kind: 'point', lat: 35.68, lon: 139.65 };
    const r = rttBetween(virginia, point, measured, model);
    expect(r.method).toBe('estimated');
    expect(r.distanceKm).toBe(greatCircleKm(virginia, point));
    expect(r.rttMs).toBe(8 + 0.015 * r.distanceKm);
    const same = rttBetween(virginia, { kind: 'point', lat: virginia.lat, lon: virginia.lon }, measured, model);
    expect(same).toEqual({ rttMs: 8, distanceKm: 0, method: 'estimated' });
  });

  it('gives the intercept for two points at distance 0', () => {
    const p: Place = { kind: 'point', lat: -33.92, lon: 18.42 };
    expect(rttBetween(p, p, measured, catalog.rttModel)).toEqual({
      rttMs: catalog.rttModel.interceptMs,
      distanceKm: 0,
      method: 'estimated',
    });
  });

  it('estimates between regions that have no measured figure', () => {
    const a: Place = { kind: 'region', id: 'xx-test-1', lat: 10, lon: 10 };
    const b: Place = { kind: 'region', id: 'xx-test-2', lat: 20, lon: 20 };
    const calls: string[] = [];
    const lookup = (x: string, y: string): number | undefined => {
      calls.push(`${x}|${y}`);
      return undefined;
    };
    const r = rttBetween(a, b, lookup, model);
    expect(calls).toEqual(['xx-test-1|xx-test-2']);
    expect(r.method).toBe('estimated');
    expect(r.rttMs).toBe(8 + 0.015 * greatCircleKm(a, b));
  });

  it('is symmetric and never below the intercept for points', () => {
    const point = fc.record({
      kind: fc.constant('point' as const),
      lat: fc.double({ min: -90, max: 90, noNaN: true }),
      lon: fc.double({ min: -180, max: 180, noNaN: true }),
    });
    fc.assert(
      fc.property(point, point, (a, b) => {
        const ab = rttBetween(a, b, measured, catalog.rttModel);
        const ba = rttBetween(b, a, measured, catalog.rttModel);
        expect(ab.rttMs).toBe(ba.rttMs);
        expect(ab.rttMs).toBeGreaterThanOrEqual(catalog.rttModel.interceptMs);
      }),
    );
  });

  it('rejects invalid coordinates', () => {
    const bad: Place = { kind: 'point', lat: 91, lon: 0 };
    expect(() => rttBetween(bad, regionPlace('eu-west-1'), measured, model)).toThrow(/a\.lat: 91/);
  });
});
