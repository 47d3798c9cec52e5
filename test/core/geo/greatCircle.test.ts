import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertLatLon, greatCircleKm, type LatLon, MEAN_EARTH_RADIUS_KM } from '../../../src/core/geo/index.js';
import { expectClose } from '../../helpers/expectClose.js';

const R = MEAN_EARTH_RADIUS_KM;
const rad = Math.PI / 180;

/**
 * Independent formula: the special case of Vincenty's inverse formula for a sphere (atan2 of the cross and dot
 * products), well conditioned at every distance, unlike the haversine near antipodes or the law of cosines near 0.
 */
function vincentySphereKm(a: LatLon, b: LatLon): number {
  const p1 = a.lat * rad;
  const p2 = b.lat * rad;
  const dl = (b.lon - a.lon) * rad;
  const y = Math.hypot(
    Math.cos(p2) * Math.sin(dl),
    Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl),
  );
  const x = Math.sin(p1) * Math.sin(p2) + Math.cos(p1) * Math.cos(p2) * Math.cos(dl);
  return R * Math.atan2(y, x);
}

/** Second independent formula: the spherical law of cosines (fine for distances well above a kilometre). */
function lawOfCosinesKm(a: LatLon, b: LatLon): number {
  const c =
    Math.sin(a.lat * rad) * Math.sin(b.lat * rad) +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.cos((b.lon - a.lon) * rad);
  return R * Math.acos(Math.min(1, Math.max(-1, c)));
}

const latLon = fc.record({
  lat: fc.double({ min: -90, max: 90, noNaN: true }),
  lon: fc.double({ min: -180, max: 180, noNaN: true }),
});

describe('greatCircleKm (haversine, R = 6371.0088 km)', () => {
  it('matches the Rosetta Code haversine task: BNA to LAX = 2886.44444283798... km at R = 6371.0 km', () => {
    // Rosetta Code "Haversine formula": N 36°7.2' W 86°40.2' to N 33°56.4' W 118°24.0'; published for R = 6371.0 km
    // as 2886.44444283798329974715782394574671655 km (and 2887.2599506071103... for R = 6372.8). d scales with R.
    const d = greatCircleKm({ lat: 36.12, lon: -86.67 }, { lat: 33.94, lon: -118.4 });
    expectClose(d * (6371.0 / R), 2886.444442837983, { rel: 1e-12 }, 'BNA-LAX at R = 6371.0');
    expectClose(d * (6372.8 / R), 2887.25995060711, { rel: 1e-12 }, 'BNA-LAX at R = 6372.8');
  });

  it('matches the actionapps {distance} example: Prague points 139317 m (R = 6371 km, truncated to metres)', () => {
    const d = greatCircleKm({ lat: 50.0898689, lon: 14.4000936 }, { lat: 48.8940964, lon: 13.8241719 });
    expect(Math.trunc(d * (6371 / R) * 1000)).toBe(139317);
  });

  it('gives London-Paris about 343.5 km, the commonly quoted figure', () => {
    const d = greatCircleKm({ lat: 51.5074, lon: -0.1278 }, { lat: 48.8566, lon: 2.3522 });
    expectClose(d, 343.5, { rel: 1e-3 }, 'London-Paris');
  });

  it('gives the analytic arcs: a degree of the equator, a quarter meridian, antipodes', () => {
    expectClose(greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 }), (Math.PI * R) / 180, { rel: 1e-13 }, '1 degree');
    expectClose(
      greatCircleKm({ lat: 0, lon: 17 }, { lat: 90, lon: -40 }),
      (Math.PI * R) / 2,
      { rel: 1e-13 },
      'equator-pole',
    );
    expectClose(greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 }), Math.PI * R, { rel: 1e-13 }, 'antipodes');
    expectClose(
      greatCircleKm({ lat: -33.9, lon: 18.4 }, { lat: 33.9, lon: -161.6 }),
      Math.PI * R,
      { rel: 1e-9 },
      'antipodes',
    );
    expect(greatCircleKm({ lat: 0, lon: 180 }, { lat: 0, lon: -180 })).toBeLessThan(1e-9);
  });

  it('agrees with the spherical Vincenty formula everywhere (to 1e-9 relative or 1 m near antipodes)', () => {
    fc.assert(
      fc.property(latLon, latLon, (a, b) => {
        expectClose(greatCircleKm(a, b), vincentySphereKm(a, b), { rel: 1e-9, abs: 1e-3 }, JSON.stringify([a, b]));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the spherical law of cosines on the catalog-scale distances used here (to 1e-9)', () => {
    const cities: LatLon[] = [
      { lat: 39.0458, lon: -77.4874 },
      { lat: 35.6762, lon: 139.6503 },
      { lat: -33.8688, lon: 151.2093 },
      { lat: -23.5558, lon: -46.6396 },
      { lat: 59.3293, lon: 18.0686 },
    ];
    for (const a of cities) {
      for (const b of cities) {
        if (a === b) continue;
        expectClose(greatCircleKm(a, b), lawOfCosinesKm(a, b), { rel: 1e-9 }, JSON.stringify([a, b]));
      }
    }
  });

  it('is a metric: zero to itself, symmetric, triangle inequality, at most half the circumference', () => {
    fc.assert(
      fc.property(latLon, latLon, latLon, (a, b, c) => {
        expect(greatCircleKm(a, a)).toBe(0);
        expect(greatCircleKm(a, b)).toBe(greatCircleKm(b, a));
        // 1 m slack: near antipodes h rounds towards 1 and the haversine loses about sqrt(eps) of the angle
        expect(greatCircleKm(a, c)).toBeLessThanOrEqual(greatCircleKm(a, b) + greatCircleKm(b, c) + 1e-3);
        expect(greatCircleKm(a, b)).toBeLessThanOrEqual(Math.PI * R * (1 + 1e-15));
      }),
      { numRuns: 500 },
    );
  });

  it('rejects coordinates out of range or not finite, naming the field and the value', () => {
    const ok = { lat: 0, lon: 0 };
    expect(() => greatCircleKm({ lat: 90.5, lon: 0 }, ok)).toThrow(/a\.lat: 90\.5: expected a latitude/);
    expect(() => greatCircleKm(ok, { lat: -91, lon: 0 })).toThrow(/b\.lat: -91/);
    expect(() => greatCircleKm(ok, { lat: 0, lon: 180.01 })).toThrow(/b\.lon: 180\.01: expected a longitude/);
    expect(() => greatCircleKm({ lat: 0, lon: -181 }, ok)).toThrow(RangeError);
    expect(() => greatCircleKm({ lat: Number.NaN, lon: 0 }, ok)).toThrow(/a\.lat: NaN/);
    expect(() => greatCircleKm(ok, { lat: 0, lon: Number.POSITIVE_INFINITY })).toThrow(/b\.lon: Infinity/);
    expect(() => assertLatLon({ lat: 90, lon: -180 }, 'edge')).not.toThrow();
    expect(() => assertLatLon({ lat: -90, lon: 180 }, 'edge')).not.toThrow();
    expect(() => assertLatLon({ lat: 100, lon: 0 }, 'user')).toThrow(/^user\.lat: 100/);
  });
});
