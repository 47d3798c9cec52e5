/**
 * Human-readable numbers for the text output. Pure string functions of base-unit numbers; no mathjs (the CLI prints
 * with these without loading the parser).
 *
 * Conventions (shared by every function here):
 * - Inputs are in base units: seconds, per second, bytes, USD, fractions (never percentages).
 * - "Significant figures" means at most that many; trailing zeros after the decimal point are dropped
 *   (`formatSig(5, 3)` is "5", not "5.00"), except where a function says it keeps a fixed number of decimals
 *   (`formatNines`, `formatDowntime`, `formatPercent` with explicit digits).
 * - A value that rounds up to the next unit moves to that unit (0.99996 s is "1 s", not "1000 ms").
 * - Negative values get a leading "-"; NaN prints "NaN" and infinities "∞" / "-∞", so a bad number is visible rather
 *   than disguised.
 * - Unit symbols: ns, µs, ms, s, min, h, d for durations; B, KiB, MiB, GiB, TiB, PiB, EiB (powers of 1024) for sizes;
 *   k, M, G, T (powers of 1000) for rates.
 */

/** Renders NaN/±Infinity, or returns null for a finite number. */
function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return '∞';
  if (x === Number.NEGATIVE_INFINITY) return '-∞';
  return null;
}

/** Drops trailing zeros after a decimal point: "12.30" -> "12.3", "5.00" -> "5", "1200" -> "1200". */
function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** x rounded to `digits` significant figures, as a number (not a string). */
function roundSig(x: number, digits: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(digits));
}

/**
 * x with at most `digits` significant figures, in plain decimal notation from 1e-6 to below 1e21 (exponent notation
 * outside that range), trailing zeros dropped.
 * @example formatSig(0.012345, 3) // "0.0123"
 * @example formatSig(123456, 3) // "123000"
 * @example formatSig(5, 3) // "5"
 */
export function formatSig(x: number, digits: number): string {
  const bad = nonFinite(x);
  if (bad !== null) return bad;
  const d = Math.min(Math.max(Math.round(digits), 1), 21);
  if (x === 0) return '0';
  const rounded = roundSig(x, d);
  const abs = Math.abs(rounded);
  if (abs >= 1e21 || abs < 1e-6) {
    const [mantissa = '', exponent = ''] = rounded.toExponential(d - 1).split('e');
    return `${stripZeros(mantissa)}e${exponent}`;
  }
  const exponent = Math.floor(Math.log10(abs));
  const decimals = Math.max(0, d - 1 - exponent);
  return stripZeros(rounded.toFixed(Math.min(decimals, 100)));
}

interface Scale {
  readonly symbol: string;
  readonly factor: number;
}

/**
 * Formats x in the largest scale in which it is at least 1 AFTER rounding to `digits` significant figures (so that a
 * value rounding up moves to the next scale), or in the smallest scale when it is below 1 in all of them. Zero uses
 * the scale with factor 1. `join` goes between the number and the symbol. `scales` in increasing factor: the scan
 * stops at the first scale where x is below 1, as |x| / factor (a correctly rounded division) and its rounding to
 * `digits` figures (toPrecision, correctly rounded) only shrink as the factor grows, so no later scale has it at 1.
 */
function formatScaled(x: number, digits: number, scales: readonly Scale[], join: string): string {
  const bad = nonFinite(x);
  if (bad !== null) return bad;
  const smallest = scales[0];
  if (smallest === undefined) throw new Error('formatScaled: no scales');
  let chosen = x === 0 ? (scales.find((s) => s.factor === 1) ?? smallest) : smallest;
  if (x !== 0) {
    for (const scale of scales) {
      if (Math.abs(roundSig(x / scale.factor, digits)) < 1) break;
      chosen = scale;
    }
  }
  return `${formatSig(x / chosen.factor, digits)}${join}${chosen.symbol}`;
}

const DURATION_SCALES: readonly Scale[] = [
  { symbol: 'ns', factor: 1e-9 },
  { symbol: 'µs', factor: 1e-6 },
  { symbol: 'ms', factor: 1e-3 },
  { symbol: 's', factor: 1 },
  { symbol: 'min', factor: 60 },
  { symbol: 'h', factor: 3600 },
  { symbol: 'd', factor: 86400 },
];

/**
 * A duration in the largest of ns, µs, ms, s, min, h, d in which it is at least 1, with `digits` (default 3)
 * significant figures. Below 1 ns it stays in ns; above a day it stays in days.
 * @param seconds duration in seconds
 * @example formatDuration(0.0123) // "12.3 ms"
 * @example formatDuration(3155.76) // "52.6 min"
 * @example formatDuration(0.99996) // "1 s"
 */
export function formatDuration(seconds: number, digits = 3): string {
  return formatScaled(seconds, digits, DURATION_SCALES, ' ');
}

/**
 * Downtime as uptime calculators show it: the leading unit and every smaller one down to seconds, with the seconds'
 * decimals shrinking as the total grows: below 1 min, 4 significant figures ("35.76s", below 1 s "86.4ms");
 * below 1 h two decimals ("52m 35.76s"); below 1 day one decimal ("8h 45m 57.6s"); from 1 day whole seconds
 * ("1d 12h 31m 12s"). The total is rounded first, so 59.999 s is "1m 0.00s", never "60.00s".
 * @param seconds downtime in seconds (>= 0 expected; a negative value gets a leading "-")
 * @example formatDowntime(3155.76) // "52m 35.76s" (99.99% of a 365.25-day year)
 * @example formatDowntime(31557.6) // "8h 45m 57.6s" (99.9%)
 */
export function formatDowntime(seconds: number): string {
  const bad = nonFinite(seconds);
  if (bad !== null) return bad;
  if (seconds < 0) return `-${formatDowntime(-seconds)}`;
  if (seconds === 0) return '0s';
  if (roundSig(seconds, 4) < 60) {
    if (seconds < 1) return formatScaled(seconds, 3, DURATION_SCALES.slice(0, 4), '');
    return `${formatSig(seconds, 4)}s`;
  }
  const decimals = seconds < 3600 - 0.005 ? 2 : seconds < 86400 - 0.05 ? 1 : 0;
  const unit = 10 ** decimals;
  // integer arithmetic on hundredths/tenths/whole seconds so that rounding carries into minutes, hours, days
  const total = Math.round(seconds * unit);
  const secScaled = total % (60 * unit);
  const totalMinutes = (total - secScaled) / (60 * unit);
  const minutes = totalMinutes % 60;
  const totalHours = (totalMinutes - minutes) / 60;
  const hours = totalHours % 24;
  const days = (totalHours - hours) / 24;
  const sec = `${(secScaled / unit).toFixed(decimals)}s`;
  if (days > 0) return `${days}d ${hours}h ${minutes}m ${sec}`;
  if (hours > 0) return `${hours}h ${minutes}m ${sec}`;
  return `${minutes}m ${sec}`;
}

const RATE_SCALES: readonly Scale[] = [
  { symbol: '', factor: 1 },
  { symbol: 'k', factor: 1e3 },
  { symbol: 'M', factor: 1e6 },
  { symbol: 'G', factor: 1e9 },
  { symbol: 'T', factor: 1e12 },
];

/**
 * A rate per second with SI multipliers (k, M, G, T) and `digits` (default 3) significant figures.
 * @param perS events per second
 * @example formatRate(1200) // "1.2k/s"
 * @example formatRate(0.5) // "0.5/s"
 */
export function formatRate(perS: number, digits = 3): string {
  const bad = nonFinite(perS);
  if (bad !== null) return `${bad}/s`;
  return `${formatScaled(perS, digits, RATE_SCALES, '')}/s`;
}

const BYTE_SCALES: readonly Scale[] = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'].map((symbol, i) => ({
  symbol,
  factor: 1024 ** i,
}));

/**
 * A size in binary units (B, KiB, MiB, GiB, TiB, PiB, EiB; 1 KiB = 1024 B) with `digits` (default 3) significant
 * figures.
 * @param bytes size in bytes
 * @example formatBytes(17179869184) // "16 GiB"
 * @example formatBytes(1536) // "1.5 KiB"
 */
export function formatBytes(bytes: number, digits = 3): string {
  return formatScaled(bytes, digits, BYTE_SCALES, ' ');
}

/**
 * A data rate in binary units per second ("200 MiB/s"), `digits` (default 3) significant figures.
 * @param bytesPerS bytes per second
 * @example formatByteRate(209715200) // "200 MiB/s"
 */
export function formatByteRate(bytesPerS: number, digits = 3): string {
  return `${formatBytes(bytesPerS, digits)}/s`;
}

/** Inserts thousands separators into the integer part of a plain decimal string: "12345.5" -> "12,345.5". */
function groupThousands(s: string): string {
  const [int = '', frac] = s.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/**
 * A number as `toLocaleString('en-US')` writes it ("1,234,567"), without setting up ICU for the common case: the
 * first toLocaleString of a process costs 20-40 ms (issue 18). Integers below 1e21 are grouped here; anything else
 * (fractions, which en-US rounds to 3 decimals; huge or non-finite values) goes to toLocaleString. Tested against it.
 * @example formatCount(1234567) // "1,234,567"
 */
export function formatCount(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) {
    const grouped = groupThousands(String(Math.abs(n)));
    return n < 0 || Object.is(n, -0) ? `-${grouped}` : grouped;
  }
  return n.toLocaleString('en-US');
}

/**
 * US dollars: whole dollars from $100 up, with thousands separators from $1,000 ("$12,345", "$863"), cents below
 * ("$0.40", "$21.68"), and two significant figures below one cent ("$0.00042") so that per-request costs do not print
 * as "$0.00". One rule for every report (issue 19): a table never puts "$862.53" beside "$1,872". Independent of the
 * locale.
 * @param usd amount in US dollars
 * @example formatUsd(12345.4) // "$12,345"
 * @example formatUsd(862.53) // "$863"
 * @example formatUsd(0.4) // "$0.40"
 */
export function formatUsd(usd: number): string {
  const bad = nonFinite(usd);
  if (bad !== null) return `$${bad}`;
  const sign = usd < 0 ? '-' : '';
  const abs = Math.abs(usd);
  let body: string;
  if (abs >= WHOLE_DOLLARS_FROM) body = groupThousands(Math.round(abs).toFixed(0));
  else if (abs === 0 || abs >= 0.005) body = abs.toFixed(2);
  else body = formatSig(abs, 2);
  return `${sign}$${body}`;
}

/** formatUsd writes whole dollars from this amount up (what rounds to "$100.00" is written "$100"). */
const WHOLE_DOLLARS_FROM = 99.995;

/**
 * The amount formatUsd shows, as a number: whole dollars from $100, cents below, the amount itself under a cent. A
 * sentence that states the difference of two amounts a table shows takes the difference of these, so that it agrees
 * with the table ("$2,288" and "$1,433" differ by "$855", though the unrounded amounts differ by 855.8).
 * @param usd amount in US dollars
 * @example usdAsShown(2288.4) // 2288
 * @example usdAsShown(21.684) // 21.68
 */
export function usdAsShown(usd: number): number {
  const abs = Math.abs(usd);
  if (!Number.isFinite(usd) || abs < 0.005) return usd;
  const shown = abs >= WHOLE_DOLLARS_FROM ? Math.round(abs) : Number(abs.toFixed(2));
  return usd < 0 ? -shown : shown;
}

/**
 * US dollars on a chart's axis, where the ticks are round: "$0", "$90", "$1,200" (whole dollars from $10, so an axis
 * never mixes "$90.00" with "$100"); below $10 as formatUsd.
 * @example formatUsdTick(90) // "$90"
 */
export function formatUsdTick(usd: number): string {
  if (usd === 0) return '$0';
  if (!Number.isFinite(usd) || Math.abs(usd) < 10) return formatUsd(usd);
  return `${usd < 0 ? '-' : ''}$${groupThousands(Math.round(Math.abs(usd)).toFixed(0))}`;
}

/**
 * A fraction as a percentage. Without `digits`, it keeps enough decimals to show three significant figures of the
 * percentage AND two significant figures of what is missing to 100% (so many nines stay visible), then drops trailing
 * zeros: 0.9995 -> "99.95%", 0.999999 -> "99.9999%", 0.8 -> "80%", 0.123456 -> "12.3%". With `digits`, exactly that
 * many decimals are shown (`formatPercent(0.5, 1)` is "50.0%").
 * @param fraction a plain fraction (1 = 100%)
 * @param digits optional fixed number of decimals
 */
export function formatPercent(fraction: number, digits?: number): string {
  const bad = nonFinite(fraction);
  if (bad !== null) return `${bad}%`;
  const pct = fraction * 100;
  if (digits !== undefined) return `${pct.toFixed(Math.min(Math.max(Math.round(digits), 0), 100))}%`;
  if (pct === 0) return '0%';
  return `${stripZeros(pct.toFixed(percentDecimals(fraction)))}%`;
}

/** The decimals `formatPercent` without `digits` writes a fraction with (before trailing zeros are dropped). */
function percentDecimals(fraction: number): number {
  const pct = fraction * 100;
  const decimalsFor = (x: number, sig: number): number =>
    x === 0 ? 0 : Math.max(0, sig - 1 - Math.floor(Math.log10(Math.abs(x))));
  const complement = (1 - fraction) * 100;
  return Math.min(Math.max(decimalsFor(pct, 3), complement > 0 ? decimalsFor(complement, 2) : 0), 15);
}

/**
 * An interval of fractions as percentages, both ends with the same decimals (those of the end that needs more), and
 * more until the ends differ (`formatInterval`).
 * @example formatPercentInterval(0.99876, 0.99884) // "99.876% to 99.884%"
 */
export function formatPercentInterval(lo: number, hi: number): string {
  const decimals = Number.isFinite(lo) && Number.isFinite(hi) ? Math.max(percentDecimals(lo), percentDecimals(hi)) : 0;
  return formatInterval(lo, hi, (x, extra) => formatPercent(x, decimals + extra));
}

/**
 * Nines of availability with two decimals (`extra` more for an interval whose ends would otherwise agree):
 * 3.30103 -> "3.30". Infinite nines (no downtime at all) print "∞".
 * @param n nines = -log10(unavailability)
 */
export function formatNines(n: number, extra = 0): string {
  return nonFinite(n) ?? n.toFixed(2 + extra);
}

/**
 * A latency figure given in ms, as the reports print it: one decimal below 100 ms, whole ms from 100 ms to 10 s, then
 * three significant figures in seconds or larger units ("15.8 s", never "1.575e+4 ms"); null or not finite (an
 * unstable queue): "unbounded". `extra` adds digits (an interval whose ends would otherwise agree).
 * @example formatLatencyMs(6.43) // "6.4 ms"
 * @example formatLatencyMs(1000) // "1000 ms"
 * @example formatLatencyMs(15750) // "15.8 s"
 */
export function formatLatencyMs(x: number | null | undefined, extra = 0): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'unbounded';
  if (Math.abs(x) >= 9999.5) return formatDuration(x / 1000, 3 + extra);
  return Math.abs(x) >= 99.95 ? `${x.toFixed(extra)} ms` : `${x.toFixed(1 + extra)} ms`;
}

/** The units a rounded downtime is written in, largest first, with their seconds. */
const DOWNTIME_UNITS: readonly (readonly [string, number])[] = [
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

/**
 * A yearly downtime computed from estimates (MTBF, MTTR, deploy rates), to `digits` (default 3) significant figures
 * written in at most two units, the leading one and the next: "8h 46m", "52m 36s", "35.8s", "1d 12h", "123d". The
 * uptime calculators' exact form (`formatDowntime`, "8h 45m 57.6s") is for a target's budget typed by the user;
 * tenths of a second on an estimate are noise (issue 19).
 * @param seconds downtime in seconds (>= 0 expected; a negative value gets a leading "-")
 * @example formatDowntimeRounded(31557.6) // "8h 46m"
 * @example formatDowntimeRounded(3155.76) // "52m 36s"
 * @example formatDowntimeRounded(133200) // "1d 13h"
 */
export function formatDowntimeRounded(seconds: number, digits = 3): string {
  const bad = nonFinite(seconds);
  if (bad !== null) return bad;
  if (seconds < 0) return `-${formatDowntimeRounded(-seconds, digits)}`;
  if (seconds === 0) return '0s';
  if (roundSig(seconds, digits) < 60) {
    return seconds < 1
      ? formatScaled(seconds, digits, DURATION_SCALES.slice(0, 4), '')
      : `${formatSig(seconds, digits)}s`;
  }
  // the leading unit is the largest that the total reaches once rounded to the unit below it (3599.7 s is "1h", not
  // "60m"); the next unit is shown in whole units, or dropped from 10^(digits-1) leading units up ("150d")
  for (let i = 0; i < DOWNTIME_UNITS.length - 1; i++) {
    const [bigName, big] = DOWNTIME_UNITS[i] as readonly [string, number];
    const [smallName, smallF] = DOWNTIME_UNITS[i + 1] as readonly [string, number];
    const total = Math.round(seconds / smallF);
    if (total * smallF < big) continue;
    if (seconds / big >= 10 ** (digits - 1)) return `${formatSig(Math.round(seconds / big), digits)}${bigName}`;
    const perBig = big / smallF;
    const whole = Math.floor(total / perBig);
    const rest = total - whole * perBig;
    return rest === 0 ? `${whole}${bigName}` : `${whole}${bigName} ${rest}${smallName}`;
  }
  return `${formatSig(seconds, digits)}s`;
}

/**
 * An interval "lo to hi" written with the fewest extra digits (0 to 4) that keep its two ends apart, so that it never
 * reads "99.88% to 99.88%"; when they agree even then, the one value and "(both ends)".
 * @param format writes one end with `extra` more digits than its default (formatUsd ignores it: money has its digits)
 * @param separator between the ends (" to " in prose, "-" in a table cell)
 * @example formatInterval(0.99876, 0.99884, (x, e) => formatPercent(x, 2 + e)) // "99.876% to 99.884%"
 */
export function formatInterval(
  lo: number,
  hi: number,
  format: (x: number, extra: number) => string,
  separator = ' to ',
): string {
  for (let extra = 0; extra <= 4; extra++) {
    const a = format(lo, extra);
    const b = format(hi, extra);
    if (a !== b) return `${a}${separator}${b}`;
  }
  return `${format(lo, 0)} (both ends)`;
}

/** x > 0 rounded DOWN to `digits` significant figures (1267 -> 1200 at 2): a limit quoted back must still hold. */
export function floorSignificant(x: number, digits: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return x;
  const step = 10 ** (Math.floor(Math.log10(x)) - digits + 1);
  const down = Math.floor(x / step) * step;
  // a power of ten below 1 is inexact in binary: keep the digits, and step down once more if rounding went above x
  const r = Number(down.toPrecision(digits));
  return r > x ? Number((down - step).toPrecision(digits)) : r;
}
