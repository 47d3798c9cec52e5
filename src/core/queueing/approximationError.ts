/**
 * The measured error of the M/G/c approximations (Allen-Cunneen mean wait, Pollaczek-Khinchine at c = 1; the
 * Erlang-C atom + exponential wait + gamma service percentiles of distribution.ts) against the project's own long
 * simulations, and where that measurement ends.
 *
 * The table (mgcErrorTable.ts, generated from test/fixtures/accuracy/mgc.json by test/accuracy/mgcTable.test.ts) holds,
 * for every point of the grid servers x utilisation x cv, the relative error (analytic - simulated) / simulated of
 * the mean response and of the p99, as the interval [(a - hi) / hi, (a - lo) / lo] over the simulation's 95%
 * interval [lo, hi] (so the simulation's own uncertainty is in the band), rounded outwards to 0.1%; once with gamma
 * service of that cv (the shape the model assumes) and once with lognormal service of the same mean and cv (a
 * heavier tail the model does not know of). cv 0 is deterministic service in both; gamma of cv 1 is exponential,
 * where the model is exact M/M/c (error 0, not simulated).
 *
 * For a queue inside the grid the band is the envelope (smallest lo, largest hi) of the measured bands at the corners
 * of the enclosing grid cell: the grid values on each side of its servers, utilisation and cv (one value where it
 * falls on the grid). Below the lowest measured utilisation the lowest row is used (waits only shrink there). The
 * mean of M/G/1 is Pollaczek-Khinchine's, exact for any service distribution: its band is [0, 0]. Outside the grid
 * (more servers, higher utilisation or cv, non-Poisson arrivals, fan-out) the result says so and why.
 */

import { MGC_ERROR_TABLE } from './mgcErrorTable.js';

/** A relative error band (analytic - simulated) / simulated, [lo, hi]. */
export type ErrorBand = [number, number];

/** Measured error bands of one service shape. */
export interface ErrorBands {
  meanResponse: ErrorBand;
  p99: ErrorBand;
}

/** The measured errors of one service shape: cells[servers][utilization][cv] = [meanLo, meanHi, p99Lo, p99Hi]. */
export interface ShapeErrorTable {
  cvs: readonly number[];
  cells: readonly (readonly (readonly (readonly [number, number, number, number])[])[])[];
}

/** The measured error table (mgcErrorTable.ts). */
export interface MgcErrorTable {
  /** How the simulations were made (command, customers, seeds). */
  source: string;
  /** When (ISO date). */
  date: string;
  servers: readonly number[];
  utilizations: readonly number[];
  gamma: ShapeErrorTable;
  lognormal: ShapeErrorTable;
}

/** The service shapes measured: the model's own (gamma) and a heavier-tailed one (lognormal). */
export type ServiceShape = 'gamma' | 'lognormal';

/** What analyzeQueue reports of an approximate path's error. */
export interface ApproximationError {
  /** Error of the mean response with gamma service (the model's assumption); null outside the measured range. */
  meanResponse: ErrorBand | null;
  /** Error of the p99 with gamma service; null outside the measured range. */
  p99: ErrorBand | null;
  /** The same with lognormal service of the same mean and cv (null at cv 0, where both are deterministic). */
  lognormal: ErrorBands | null;
  /** Which grid points the band is the envelope of, and where they come from. */
  measuredOn: string;
  /** Why the queue lies outside the measured range (naming the range); null inside. */
  outside: string | null;
}

/** The queue a band is looked up for (NormalizedQueue has these fields). */
export interface ErrorQueue {
  servers: number;
  utilization: number;
  serviceTimeCv: number;
  /** Interarrival cv (1: Poisson, the only arrivals measured). */
  arrivalCv?: number;
  /** Slowest of K responses (1: the only fan-out measured). */
  fanout?: number;
}

export type ErrorLookup =
  | {
      kind: 'measured';
      bands: ErrorBands;
      /** The grid cell, in words: "servers 4 to 8, utilisation 0.9, cv 2". */
      cell: string;
      /** The cell with the date and what is exact. */
      measuredOn: string;
    }
  | { kind: 'outside'; reason: string };

const last = (xs: readonly number[]) => xs[xs.length - 1] as number;
const range = (xs: readonly number[]) => `${xs[0]} to ${last(xs)}`;

/** The measured range, in words (derived from the table). */
export function measuredRangeText(table: MgcErrorTable = MGC_ERROR_TABLE): string {
  return `servers ${range(table.servers)}, utilisation up to ${last(table.utilizations)}, service cv ${range(table.gamma.cvs)}, Poisson arrivals, one response per request`;
}

/** How every measuredOn begins (envelopeOfErrors joins several after it). */
const measuredOnPrefix = (table: MgcErrorTable) => `simulated on ${table.date} at `;

/** Relative slack within which a value counts as the grid value (a load of 190/s on 2 servers of 10 ms is 0.95). */
const ON_GRID = 1e-9;
const onGrid = (x: number, v: number) => Math.abs(x - v) <= ON_GRID * Math.abs(v);
/** x above the axis's last value (beyond the slack). */
const above = (axis: readonly number[], x: number) => x > last(axis) && !onGrid(x, last(axis));

/** Indices of the axis values enclosing x (equal when x is on the axis); below the axis, its first value. */
function bracket(axis: readonly number[], x: number): [number, number] {
  if (x <= (axis[0] as number)) return [0, 0];
  for (let i = 0; i < axis.length; i++) {
    const v = axis[i] as number;
    if (onGrid(x, v)) return [i, i];
    if (x < v) return [i - 1, i];
  }
  return [axis.length - 1, axis.length - 1];
}

const values = (axis: readonly number[], [i, j]: [number, number]) =>
  i === j ? `${axis[i]}` : `${axis[i]} to ${axis[j]}`;

/**
 * The measured error band of the M/G/c approximation for a queue with the given service shape: the envelope of the
 * grid points enclosing it, or why it lies outside the grid.
 * @param q servers, utilisation rho in [0, 1), service-time cv (and arrival cv and fan-out, default 1)
 * @param shape the service distribution the error was measured with (gamma: the model's assumption)
 * @example mgcErrorBand({ servers: 8, utilization: 0.99, serviceTimeCv: 2 }).kind // 'outside': utilisation above the measured 0.95
 */
export function mgcErrorBand(q: ErrorQueue, shape: ServiceShape = 'gamma', table = MGC_ERROR_TABLE): ErrorLookup {
  const ca = q.arrivalCv ?? 1;
  const fanout = q.fanout ?? 1;
  const shapeTable = table[shape];
  const reason = (what: string): ErrorLookup => ({
    kind: 'outside',
    reason: `${what}; the error was measured over ${measuredRangeText(table)}`,
  });
  if (ca !== 1) return reason(`arrivals of cv ${ca.toPrecision(3)} are not Poisson`);
  if (fanout !== 1) return reason(`the slowest of ${fanout} responses (fan-out)`);
  if (above(table.servers, q.servers)) return reason(`${q.servers} servers is more than ${last(table.servers)}`);
  if (above(table.utilizations, q.utilization))
    return reason(`utilisation ${q.utilization.toPrecision(3)} is above ${last(table.utilizations)}`);
  if (above(shapeTable.cvs, q.serviceTimeCv))
    return reason(`service cv ${q.serviceTimeCv.toPrecision(3)} is above ${last(shapeTable.cvs)}`);
  const cb = bracket(table.servers, q.servers);
  const rb = bracket(table.utilizations, q.utilization);
  const vb = bracket(shapeTable.cvs, q.serviceTimeCv);
  const band = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const i of new Set(cb))
    for (const j of new Set(rb))
      for (const k of new Set(vb)) {
        const cell = shapeTable.cells[i]?.[j]?.[k];
        if (cell === undefined) throw new RangeError(`the error table has no cell [${i}][${j}][${k}]`);
        band[0] = Math.min(band[0] as number, cell[0]);
        band[1] = Math.max(band[1] as number, cell[1]);
        band[2] = Math.min(band[2] as number, cell[2]);
        band[3] = Math.max(band[3] as number, cell[3]);
      }
  // Pollaczek-Khinchine: the M/G/1 mean is exact whatever the service distribution
  const meanExact = q.servers === 1;
  const below = q.utilization < (table.utilizations[0] as number);
  const cell = `servers ${values(table.servers, cb)}, utilisation ${values(table.utilizations, rb)}${below ? ' (the lowest measured)' : ''}, cv ${values(shapeTable.cvs, vb)}`;
  return {
    kind: 'measured',
    bands: {
      meanResponse: meanExact ? [0, 0] : [band[0] as number, band[1] as number],
      p99: [band[2] as number, band[3] as number],
    },
    cell,
    measuredOn: `${measuredOnPrefix(table)}${cell}${meanExact ? '; the M/G/1 mean is exact (Pollaczek-Khinchine)' : ''}`,
  };
}

/**
 * The approximationError of an approximate path of analyzeQueue: the gamma band (the model's assumption) and the
 * lognormal one, or why the queue is outside the measured range.
 * @example approximationErrorOf({ servers: 1, utilization: 0.5, serviceTimeCv: 0 }).meanResponse // [0, 0]: P-K is exact
 */
export function approximationErrorOf(q: ErrorQueue, table = MGC_ERROR_TABLE): ApproximationError {
  const gamma = mgcErrorBand(q, 'gamma', table);
  if (gamma.kind === 'outside') {
    return { meanResponse: null, p99: null, lognormal: null, measuredOn: table.source, outside: gamma.reason };
  }
  const lognormal = q.serviceTimeCv > 0 ? mgcErrorBand(q, 'lognormal', table) : null;
  // the lognormal axis has no cv 1 (gamma's is exact there): its cell may be wider
  const lnCell = lognormal?.kind === 'measured' && lognormal.cell !== gamma.cell ? lognormal.cell : null;
  return {
    meanResponse: gamma.bands.meanResponse,
    p99: gamma.bands.p99,
    lognormal: lognormal?.kind === 'measured' ? lognormal.bands : null,
    measuredOn: lnCell === null ? gamma.measuredOn : `${gamma.measuredOn}; lognormal at ${lnCell}`,
    outside: null,
  };
}

/**
 * The envelope of several queues' errors (a design's serving regions): outside when any is.
 * @example envelopeOfErrors([]) // null: no approximate queue
 */
export function envelopeOfErrors(
  errors: readonly ApproximationError[],
  table = MGC_ERROR_TABLE,
): ApproximationError | null {
  if (errors.length === 0) return null;
  const outside = errors.find((e) => e.outside !== null);
  if (outside) return outside;
  const env = (get: (e: ApproximationError) => ErrorBand | null | undefined): ErrorBand | null => {
    const bands = errors.map(get);
    if (bands.some((b) => b == null)) return null;
    return [Math.min(...bands.map((b) => (b as ErrorBand)[0])), Math.max(...bands.map((b) => (b as ErrorBand)[1]))];
  };
  const meanResponse = env((e) => e.meanResponse);
  const p99 = env((e) => e.p99);
  const lnMean = env((e) => e.lognormal?.meanResponse);
  const lnP99 = env((e) => e.lognormal?.p99);
  return {
    meanResponse,
    p99,
    lognormal: lnMean && lnP99 ? { meanResponse: lnMean, p99: lnP99 } : null,
    measuredOn: joinMeasuredOn(errors, measuredOnPrefix(table)),
    outside: null,
  };
}

/** "simulated on D at A" and "simulated on D at B" as "simulated on D at A; and at B". */
function joinMeasuredOn(errors: readonly ApproximationError[], prefix: string): string {
  const texts = [...new Set(errors.map((e) => e.measuredOn))];
  if (!texts.every((t) => t.startsWith(prefix))) return texts.join('; ');
  return `${prefix}${texts.map((t) => t.slice(prefix.length)).join('; and at ')}`;
}

const pct = (x: number) => `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
/** A band as text: "-3.1% .. +5.0%". */
export const bandText = ([lo, hi]: ErrorBand) => `${pct(lo)} .. ${pct(hi)}`;

/**
 * The band in words, for a method string or a text line (one place for the CLI and the scenario engine).
 * @example approximationErrorText({ meanResponse: [-0.01, 0.02], p99: [0, 0.05], lognormal: null, measuredOn: 'x', outside: null }) // 'error against simulation: mean response -1.0% .. +2.0%, p99 0.0% .. +5.0% with gamma service (x)'
 */
export function approximationErrorText(e: ApproximationError): string {
  if (e.outside !== null || e.meanResponse === null || e.p99 === null) {
    return `error against simulation not measured here: ${e.outside ?? 'no band'}`;
  }
  const ln = e.lognormal;
  return `error against simulation: mean response ${bandText(e.meanResponse)}, p99 ${bandText(e.p99)} with gamma service${ln ? `; mean response ${bandText(ln.meanResponse)}, p99 ${bandText(ln.p99)} if the service times are lognormal` : ''} (${e.measuredOn})`;
}

/**
 * The warning for a queue outside the measured range; null inside.
 * @example approximationWarning(approximationErrorOf({ servers: 512, utilization: 0.5, serviceTimeCv: 2 }))?.includes('512 servers is more than 256') // true
 */
export function approximationWarning(e: ApproximationError | null): string | null {
  if (e === null || e.outside === null) return null;
  return `the M/G/c approximation is outside the range where its error was measured: ${e.outside}; check it with a simulation`;
}
