/**
 * Great-circle distance on a spherical Earth.
 *
 * Haversine formula (Sinnott 1984, "Virtues of the Haversine", Sky & Telescope 68(2):159):
 *   h = sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2),   d = 2 R · asin(√h)
 * with φ latitude and λ longitude in radians. Well conditioned for short distances (unlike the spherical law of
 * cosines); √h is clamped to 1 so that rounding cannot push asin out of its domain near antipodes. Near antipodes
 * the haversine is itself ill-conditioned (h rounds towards 1), which costs up to about 0.2 m at 20,000 km.
 *
 * R is the mean Earth radius R1 = (2a + b) / 3 = 6371.0088 km of the IUGG (Moritz 2000, "Geodetic Reference System
 * 1980", J. Geodesy 74:128). A sphere is within about 0.5% of the WGS-84 ellipsoid's geodesic distance, far below
 * the spread of network path inflation, which is what the distance is used for here.
 */

/** Mean Earth radius R1 of the IUGG, km. */
export const MEAN_EARTH_RADIUS_KM = 6371.0088;

/** A point on the Earth in decimal degrees: lat in [-90, 90] (north positive), lon in [-180, 180] (east positive). */
export interface LatLon {
  lat: number;
  lon: number;
}

/**
 * Throws a RangeError naming the rule and the value unless p is a finite latitude in [-90, 90] and longitude in
 * [-180, 180] (degrees).
 *
 * @param label names the point in the message ("a", "user region", ...)
 */
export function assertLatLon(p: LatLon, label = 'point'): void {
  if (!(Number.isFinite(p.lat) && p.lat >= -90 && p.lat <= 90)) {
    throw new RangeError(`${label}.lat: ${p.lat}: expected a latitude in degrees between -90 and 90`);
  }
  if (!(Number.isFinite(p.lon) && p.lon >= -180 && p.lon <= 180)) {
    throw new RangeError(`${label}.lon: ${p.lon}: expected a longitude in degrees between -180 and 180`);
  }
}

/**
 * Great-circle (haversine) distance between two points, km.
 *
 * @throws RangeError if either point is not a valid latitude/longitude (see assertLatLon)
 * @example greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 90 }) // 10007.557: a quarter of a great circle, π R / 2
 */
export function greatCircleKm(a: LatLon, b: LatLon): number {
  assertLatLon(a, 'a');
  assertLatLon(b, 'b');
  // Keep the operations in this order: scripts/import-reference.mjs repeats them to fit the RTT model.
  const toRad = Math.PI / 180;
  const phi1 = a.lat * toRad;
  const phi2 = b.lat * toRad;
  const dPhi = (b.lat - a.lat) * toRad;
  const dLambda = (b.lon - a.lon) * toRad;
  const s1 = Math.sin(dPhi / 2);
  const s2 = Math.sin(dLambda / 2);
  const h = s1 * s1 + Math.cos(phi1) * Math.cos(phi2) * s2 * s2;
  return 2 * MEAN_EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
