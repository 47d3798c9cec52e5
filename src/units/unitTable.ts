/**
 * The units the fast path of `parseQuantity` reads without mathjs (see fastQuantity.ts), with mathjs's own figures:
 * the unit's value in SI base units, its prefix's value, and its dimension (time, bits, money). Every entry is checked
 * against mathjs's Unit.parse in test/units/fastQuantity.test.ts, so a mathjs upgrade that changes one fails there.
 *
 * Source: mathjs 15, lib/esm/type/unit/Unit.js (UNITS and PREFIXES); `USD`/`usd` and `d` are capplan's own units
 * (src/units/mathjs.ts). A name missing here is still read, by mathjs (the slow path).
 */

/** A unit's dimension as exponents of the three base dimensions the fast path knows. */
export interface FastDimension {
  readonly time: number;
  readonly bit: number;
  readonly usd: number;
}

export interface FastUnitEntry extends FastDimension {
  /** mathjs's `unit.value`: the unit without prefix, in SI base units (1 B = 8 bits, 1 h = 3600 s). */
  readonly unitValue: number;
  /** mathjs's `prefix.value` (m = 0.001, Gi = 2^30, none = 1). */
  readonly prefixValue: number;
}

const TIME: FastDimension = { time: 1, bit: 0, usd: 0 };
const PER_TIME: FastDimension = { time: -1, bit: 0, usd: 0 };
const BITS: FastDimension = { time: 0, bit: 1, usd: 0 };
const MONEY: FastDimension = { time: 0, bit: 0, usd: 1 };

const entry = (dimension: FastDimension, unitValue: number, prefixValue = 1): FastUnitEntry => ({
  ...dimension,
  unitValue,
  prefixValue,
});

/** Units by the name a user writes (with prefix): `ms` is the second with the prefix m. */
export const FAST_UNITS: ReadonlyMap<string, FastUnitEntry> = new Map<string, FastUnitEntry>([
  ['s', entry(TIME, 1)],
  ['ms', entry(TIME, 1, 0.001)],
  ['us', entry(TIME, 1, 0.000001)],
  ['ns', entry(TIME, 1, 1e-9)],
  ['sec', entry(TIME, 1)],
  ['second', entry(TIME, 1)],
  ['seconds', entry(TIME, 1)],
  ['min', entry(TIME, 60)],
  ['minute', entry(TIME, 60)],
  ['minutes', entry(TIME, 60)],
  ['h', entry(TIME, 3600)],
  ['hr', entry(TIME, 3600)],
  ['hour', entry(TIME, 3600)],
  ['hours', entry(TIME, 3600)],
  ['d', entry(TIME, 86400)],
  ['day', entry(TIME, 86400)],
  ['days', entry(TIME, 86400)],
  ['week', entry(TIME, 604800)],
  ['weeks', entry(TIME, 604800)],
  ['month', entry(TIME, 2629800)],
  ['months', entry(TIME, 2629800)],
  ['year', entry(TIME, 31557600)],
  ['years', entry(TIME, 31557600)],
  ['Hz', entry(PER_TIME, 1)],
  ['kHz', entry(PER_TIME, 1, 1000)],
  ['MHz', entry(PER_TIME, 1, 1000000)],
  ['B', entry(BITS, 8)],
  ['kB', entry(BITS, 8, 1000)],
  ['MB', entry(BITS, 8, 1000000)],
  ['GB', entry(BITS, 8, 1000000000)],
  ['TB', entry(BITS, 8, 1000000000000)],
  ['PB', entry(BITS, 8, 1000000000000000)],
  ['KiB', entry(BITS, 8, 1024)],
  ['MiB', entry(BITS, 8, 1048576)],
  ['GiB', entry(BITS, 8, 1073741824)],
  ['TiB', entry(BITS, 8, 1099511627776)],
  ['PiB', entry(BITS, 8, 1125899906842624)],
  ['byte', entry(BITS, 8)],
  ['bytes', entry(BITS, 8)],
  ['b', entry(BITS, 1)],
  ['kb', entry(BITS, 1, 1000)],
  ['Mb', entry(BITS, 1, 1000000)],
  ['Gb', entry(BITS, 1, 1000000000)],
  ['Tb', entry(BITS, 1, 1000000000000)],
  ['bit', entry(BITS, 1)],
  ['bits', entry(BITS, 1)],
  ['USD', entry(MONEY, 1)],
  ['usd', entry(MONEY, 1)],
]);
