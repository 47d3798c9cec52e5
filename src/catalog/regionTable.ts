/**
 * The regions and their round trips alone (models/catalog/regions.json): what `capplan rtt` needs, without the rest
 * of the catalog (the instances and their prices are most of its megabyte, and compiling them was most of rtt's
 * start-up: issue 18). buildCatalogFrom builds the same table for the whole catalog, so the two agree by construction.
 */
import type { z } from 'zod';
import regionsFile from '../../models/catalog/regions.json' with { type: 'json' };
import type { RttModel } from '../core/geo/rttModel.js';
import type { RegionsFileSchema } from './schema.js';

/** A catalog region (the cloud runs it; coordinates are the metro's). */
export interface Region {
  id: string;
  /** The cloud that runs the region: every catalog region is AWS's (REGIONS_PROVIDER). */
  provider: 'aws';
  city: string;
  country: string;
  /** Degrees, north positive (metro coordinates, not the data centres). */
  lat: number;
  /** Degrees, east positive. */
  lon: number;
}

/**
 * The provider of every region of regions.json: the file lists AWS regions only (its $comment; the round trips are
 * cloudping.co's AWS measurements, and network-costs.json, which prices transfers between them, is AWS's). A GCP
 * instance family therefore has no catalog region to run in.
 */
export const REGIONS_PROVIDER = 'aws' as const;

export interface RegionTable {
  regions: readonly Region[];
  region(id: string): Region | undefined;
  /** Measured median RTT between two regions in ms, either order; a === b gives the intra-region RTT. */
  measuredRttMs(a: string, b: string): number | undefined;
  /** Distance model for places without a measurement. */
  rttModel: RttModel;
}

export const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** The table of a regions file that has passed its schema (or the committed one, checked by the tests). */
export function buildRegionTable(reg: z.infer<typeof RegionsFileSchema>): RegionTable {
  const regions: Region[] = reg.regions.map((r) => ({
    id: r.id,
    provider: REGIONS_PROVIDER,
    city: r.city,
    country: r.country,
    lat: r.lat,
    lon: r.lon,
  }));
  const regionById = new Map(regions.map((r) => [r.id, r]));
  const rtt = new Map<string, number>();
  for (const p of reg.rtt.pairs) rtt.set(pairKey(p.a, p.b), p.rttMs);
  for (const r of reg.rtt.intraRegion) rtt.set(pairKey(r.region, r.region), r.rttMs);
  const m = reg.rttModel;
  const rttModel: RttModel = {
    interceptMs: m.interceptMs,
    msPerKm: m.msPerKm,
    method: m.method,
    n: m.n,
    medianAbsErrorMs: m.medianAbsErrorMs,
    medianRelError: m.medianRelError,
    p90AbsErrorMs: m.p90AbsErrorMs,
    p90RelError: m.p90RelError,
  };
  return {
    regions,
    region: (id) => regionById.get(id),
    measuredRttMs: (a, b) => rtt.get(pairKey(a, b)),
    rttModel,
  };
}

let cached: RegionTable | undefined;

/** The committed regions file's table, built once (validated by the tests with the rest of the catalog). */
export function loadRegionTable(): RegionTable {
  cached ??= buildRegionTable(regionsFile as unknown as z.infer<typeof RegionsFileSchema>);
  return cached;
}
