import { loadRegionTable, type RegionTable } from '../../catalog/regionTable.js';
import { type Place, rttBetween } from '../../core/geo/index.js';
import { InputError } from '../../errors.js';
import { type CliIo, EXIT } from '../../io/io.js';
import { formatSig } from '../../units/format.js';
import { closest } from '../../util/suggest.js';
import { type ParsedArgs, ProblemList } from '../args.js';
import { writeJson } from '../output.js';

/** `capplan rtt A B`: measured median RTT between catalog regions, else an estimate from distance. */
export async function run(args: ParsedArgs, io: CliIo): Promise<number> {
  const catalog = loadRegionTable();
  const problems = new ProblemList();
  const [a, b] = ['A', 'B'].map((name, i) =>
    problems.attempt(() => place(args.positionals[i], name, catalog), undefined),
  );
  problems.throwIfAny();
  const from = a as Place;
  const to = b as Place;
  const r = rttBetween(from, to, (x, y) => catalog.measuredRttMs(x, y), catalog.rttModel);
  const label = (p: Place) => (p.kind === 'region' ? p.id : `${p.lat},${p.lon}`);
  if (args.flags.has('json')) {
    writeJson(io, {
      from: label(from),
      to: label(to),
      rttMs: r.rttMs,
      distanceKm: r.distanceKm,
      method: r.method,
      ...(r.method === 'estimated' ? { model: catalog.rttModel.method } : {}),
    });
    return EXIT.ok;
  }
  io.stdout.write(
    `${label(from)} -> ${label(to)}: ${formatSig(r.rttMs, 3)} ms round trip (${r.method}), ${formatSig(r.distanceKm, 4)} km great circle\n` +
      (r.method === 'estimated' ? `  model: ${catalog.rttModel.method}\n` : ''),
  );
  return EXIT.ok;
}

const COORDINATES = /^\s*([+-]?\d+(?:\.\d+)?)\s*,\s*([+-]?\d+(?:\.\d+)?)\s*$/;

function place(text: string | undefined, name: string, catalog: RegionTable): Place {
  const ids = catalog.regions.map((r) => r.id);
  if (text === undefined)
    throw new InputError(name, undefined, `a region id (${ids.slice(0, 3).join(', ')}, ...) or lat,lon`);
  const m = COORDINATES.exec(text);
  if (m) {
    const lat = Number(m[1]);
    const lon = Number(m[2]);
    if (!(lat >= -90 && lat <= 90)) throw new InputError(name, text, 'a latitude between -90 and 90 (lat,lon)');
    if (!(lon >= -180 && lon <= 180)) throw new InputError(name, text, 'a longitude between -180 and 180 (lat,lon)');
    return { kind: 'point', lat, lon };
  }
  const region = catalog.region(text);
  if (!region) {
    const suggestion = closest(text, ids);
    throw new InputError(
      name,
      text,
      `a catalog region${suggestion ? ` (did you mean ${suggestion}?)` : ''}: one of ${ids.join(', ')}, or lat,lon`,
    );
  }
  return { kind: 'region', id: region.id, lat: region.lat, lon: region.lon };
}
