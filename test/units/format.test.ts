import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  floorSignificant,
  formatByteRate,
  formatBytes,
  formatCount,
  formatDowntime,
  formatDowntimeRounded,
  formatDuration,
  formatInterval,
  formatLatencyMs,
  formatNines,
  formatPercent,
  formatRate,
  formatSig,
  formatUsd,
  usdAsShown,
} from '../../src/units/format.js';

const YEAR_S = 365.25 * 86400;

describe('formatSig', () => {
  it.each([
    [0.012345, 3, '0.0123'],
    [123456, 3, '123000'],
    [5, 3, '5'],
    [12.3, 4, '12.3'],
    [-2.345, 2, '-2.3'],
    [0, 3, '0'],
    [1.23e-7, 3, '1.23e-7'],
    [1e21, 2, '1e+21'],
    [0.000001, 3, '0.000001'],
    [Number.NaN, 3, 'NaN'],
    [Number.POSITIVE_INFINITY, 3, '∞'],
  ])('formatSig(%s, %s) = %s', (x, digits, expected) => {
    expect(formatSig(x, digits)).toBe(expected);
  });
});

describe('formatDuration', () => {
  it.each([
    [0.0123, '12.3 ms'],
    [0.25, '250 ms'],
    [5e-10, '0.5 ns'],
    [1.5e-6, '1.5 µs'],
    [0.99996, '1 s'], // rounds up into the next unit
    [59.9, '59.9 s'],
    [59.99, '1 min'], // 60.0 s to 3 significant figures
    [3155.76, '52.6 min'],
    [7200, '2 h'],
    [90061, '1.04 d'],
    [0, '0 s'],
    [-0.005, '-5 ms'],
    [Number.NaN, 'NaN'],
  ])('formatDuration(%s) = %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });

  it('takes a number of significant figures', () => {
    expect(formatDuration(0.0123456, 4)).toBe('12.35 ms');
  });
});

describe('formatDowntime (year = 365.25 days)', () => {
  it('99.99% availability: 3155.76 s a year is 52m 35.76s', () => {
    expect(formatDowntime((1 - 0.9999) * YEAR_S)).toBe('52m 35.76s');
    expect(formatDowntime(3155.76)).toBe('52m 35.76s');
  });
  it.each([
    [(1 - 0.999) * YEAR_S, '8h 45m 57.6s'], // 99.9%
    [(1 - 0.99) * YEAR_S, '3d 15h 39m 36s'], // 99%
    [(1 - 0.99999) * YEAR_S, '5m 15.58s'], // 99.999%
    [(1 - 0.999999) * YEAR_S, '31.56s'], // 99.9999%
    [(1 - 0.999999) * 86400, '86.4ms'], // 99.9999% of a day
    [(1 - 0.9995) * YEAR_S, '4h 22m 58.8s'], // 99.95%
    [59.999, '1m 0.00s'], // rounding carries into the minutes
    [3599.999, '1h 0m 0.0s'],
    [86400, '1d 0h 0m 0s'],
    [0, '0s'],
  ])('formatDowntime(%s) = %s', (seconds, expected) => {
    expect(formatDowntime(seconds)).toBe(expected);
  });
});

describe('formatRate', () => {
  it.each([
    [1200, '1.2k/s'],
    [999.96, '1k/s'],
    [850, '850/s'],
    [0.5, '0.5/s'],
    [2.5e6, '2.5M/s'],
    [12960, '13k/s'],
    [0, '0/s'],
  ])('formatRate(%s) = %s', (perS, expected) => {
    expect(formatRate(perS)).toBe(expected);
  });
});

describe('formatByteRate', () => {
  it.each([
    [209715200, '200 MiB/s'],
    [1e9, '954 MiB/s'],
  ])('formatByteRate(%s) = %s', (bytesPerS, expected) => {
    expect(formatByteRate(bytesPerS)).toBe(expected);
  });
});

describe('formatBytes', () => {
  it.each([
    [17179869184, '16 GiB'],
    [1536, '1.5 KiB'],
    [512, '512 B'],
    [4e12, '3.64 TiB'],
    [1023.9 * 1024, '1 MiB'],
    [0, '0 B'],
  ])('formatBytes(%s) = %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });
});

describe('formatUsd', () => {
  it.each([
    [12345.4, '$12,345'],
    [0.4, '$0.40'],
    [123.456, '$123'],
    [862.53, '$863'],
    [99.994, '$99.99'],
    [99.996, '$100'],
    [21.684, '$21.68'],
    [1234567.5, '$1,234,568'],
    [999.996, '$1,000'],
    [0.00042, '$0.00042'],
    [0, '$0.00'],
    [-12.5, '-$12.50'],
  ])('formatUsd(%s) = %s', (usd, expected) => {
    expect(formatUsd(usd)).toBe(expected);
  });
});

describe('usdAsShown', () => {
  it.each([
    [2288.4, 2288],
    [862.53, 863],
    [99.996, 100],
    [99.994, 99.99],
    [21.684, 21.68],
    [0.00042, 0.00042],
    [-12.504, -12.5],
  ])('usdAsShown(%s) = %s', (usd, expected) => {
    expect(usdAsShown(usd)).toBe(expected);
  });

  /** The amount a formatted string reads as: "$1,433" -> 1433, "-$12.50" -> -12.5. */
  const read = (text: string) => Number(text.replace(/[$,]/g, ''));

  it('is what formatUsd shows, and differences of shown amounts are what a reader computes from the table', () => {
    const amount = fc.oneof(
      fc.double({ min: 0.005, max: 1e7, noNaN: true }),
      fc.integer({ min: 1, max: 10_000_000 }).map((c) => c / 100),
    );
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        expect(formatUsd(usdAsShown(a))).toBe(formatUsd(a));
        expect(usdAsShown(a)).toBe(read(formatUsd(a)));
        expect(formatUsd(usdAsShown(a) - usdAsShown(b))).toBe(formatUsd(read(formatUsd(a)) - read(formatUsd(b))));
      }),
      { seed: 19, numRuns: 2000 },
    );
  });
});

describe('formatPercent', () => {
  it.each([
    [0.9995, '99.95%'],
    [0.999999, '99.9999%'],
    [1 - 1e-9, '99.9999999%'],
    [0.8, '80%'],
    [0.75, '75%'],
    [0.123456, '12.3%'],
    [0.001234, '0.123%'],
    [1, '100%'],
    [0, '0%'],
    [1.8, '180%'],
  ])('formatPercent(%s) = %s', (fraction, expected) => {
    expect(formatPercent(fraction)).toBe(expected);
  });

  it('with digits, shows exactly that many decimals', () => {
    expect(formatPercent(0.5, 1)).toBe('50.0%');
    expect(formatPercent(0.99951, 2)).toBe('99.95%');
  });
});

describe('formatNines', () => {
  it('two decimals', () => {
    expect(formatNines(-Math.log10(1 - 0.9995))).toBe('3.30');
    expect(formatNines(4)).toBe('4.00');
    expect(formatNines(Number.POSITIVE_INFINITY)).toBe('∞');
  });
});

describe('formatLatencyMs', () => {
  it('whole ms from 100 ms, one decimal below; unbounded for an unstable queue', () => {
    expect(formatLatencyMs(158.4999)).toBe('158 ms');
    expect(formatLatencyMs(100)).toBe('100 ms');
    expect(formatLatencyMs(99.94)).toBe('99.9 ms');
    expect(formatLatencyMs(6.43)).toBe('6.4 ms');
    expect(formatLatencyMs(99.96)).toBe('100 ms');
    expect(formatLatencyMs(1000)).toBe('1000 ms');
    expect(formatLatencyMs(9999.4)).toBe('9999 ms');
    expect(formatLatencyMs(15750)).toBe('15.8 s');
    expect(formatLatencyMs(15520)).toBe('15.5 s');
    expect(formatLatencyMs(null)).toBe('unbounded');
    expect(formatLatencyMs(undefined)).toBe('unbounded');
    expect(formatLatencyMs(Number.POSITIVE_INFINITY)).toBe('unbounded');
  });
});

describe('floorSignificant', () => {
  it('rounds down to the significant figures, never up', () => {
    expect(floorSignificant(1267, 2)).toBe(1200);
    expect(floorSignificant(1299.999, 2)).toBe(1200);
    expect(floorSignificant(1300, 2)).toBe(1300);
    expect(floorSignificant(0.0567, 2)).toBe(0.056);
    expect(floorSignificant(9.99e-7, 1)).toBe(9e-7);
    for (const x of [0.3, 0.7, 1.1, 123.456, 9.87654e12]) expect(floorSignificant(x, 2)).toBeLessThanOrEqual(x);
  });
});

describe('format.ts does not load mathjs', () => {
  it('imports nothing (so printing never pulls in the parser)', () => {
    const source = readFileSync(new URL('../../src/units/format.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^\s*import\b/m);
    expect(source).not.toMatch(/\bimport\s*\(/);
  });
});

describe('formatCount: toLocaleString("en-US") without ICU for integers', () => {
  it('equals toLocaleString on integers of every size and sign, and on the fractions it hands over', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -1e9, max: 1e9 }),
          fc.double({ min: -1e22, max: 1e22, noNaN: true }).map(Math.round),
          fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          fc.constantFrom(0, -0, 999, 1000, 999_999, 1e20, 1e21, 123_456_789_012_345_680),
        ),
        (n) => {
          expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('formatDowntimeRounded (an estimate: at most two units, no fractions of a second from a minute up)', () => {
  it.each([
    [0, '0s'],
    [0.0864, '86.4ms'],
    [35.76, '35.8s'],
    [59.97, '1m'],
    [3155.76, '52m 36s'],
    [31557.6, '8h 46m'],
    [3599.7, '1h'],
    [38378.5, '10h 40m'],
    [133200, '1d 13h'],
    [141524, '1d 15h'],
    [150 * 86400 + 7200, '150d'],
    [99.9 * 86400, '99d 22h'],
    [-3155.76, '-52m 36s'],
    [Number.POSITIVE_INFINITY, '∞'],
  ])('formatDowntimeRounded(%s) = %s', (seconds, expected) => {
    expect(formatDowntimeRounded(seconds)).toBe(expected);
  });

  it('is never more than half of its smaller unit from the exact value, and never prints a decimal from 1 min up', () => {
    fc.assert(
      fc.property(fc.double({ min: 60, max: 1e8, noNaN: true }), (s) => {
        const text = formatDowntimeRounded(s);
        expect(text).not.toMatch(/\./);
        const secondsOf = { d: 86400, h: 3600, m: 60, s: 1 } as const;
        let back = 0;
        let smallest = 86400;
        for (const [, n, u] of text.matchAll(/(\d+)([dhms])/g)) {
          const f = secondsOf[u as keyof typeof secondsOf];
          back += Number(n) * f;
          smallest = Math.min(smallest, f);
        }
        // from 100 leading units up only the leading unit is kept (three significant figures)
        const tolerance = text.includes(' ') || !text.endsWith('d') || s < 100 * 86400 ? smallest / 2 : 0.005 * s;
        expect(Math.abs(back - s)).toBeLessThanOrEqual(tolerance + 1e-9);
      }),
    );
  });
});

describe('formatInterval', () => {
  const pct = (x: number, extra: number) => formatPercent(x, 2 + extra);
  it('adds digits until the ends differ', () => {
    expect(formatInterval(0.998, 0.9991, pct)).toBe('99.80% to 99.91%');
    expect(formatInterval(0.99876, 0.99884, pct)).toBe('99.876% to 99.884%');
  });
  it('says so when the ends agree even with four more digits', () => {
    expect(formatInterval(0.5, 0.5, pct)).toBe('50.00% (both ends)');
  });
});

describe('formatScaled stops at the first scale where the value is below 1 (issue 18)', () => {
  // the full scan it replaced: the largest scale where the value, rounded to `digits` figures, is at least 1
  type Scale = { symbol: string; factor: number };
  const roundSig = (x: number, d: number) => (x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(d)));
  const fullScan = (x: number, digits: number, scales: readonly Scale[], join: string): string => {
    const smallest = scales[0] as Scale;
    let chosen = x === 0 ? (scales.find((s) => s.factor === 1) ?? smallest) : smallest;
    if (x !== 0) for (const scale of scales) if (Math.abs(roundSig(x / scale.factor, digits)) >= 1) chosen = scale;
    return `${formatSig(x / chosen.factor, digits)}${join}${chosen.symbol}`;
  };
  const DURATION = [
    ['ns', 1e-9],
    ['µs', 1e-6],
    ['ms', 1e-3],
    ['s', 1],
    ['min', 60],
    ['h', 3600],
    ['d', 86400],
  ].map(([symbol, factor]) => ({ symbol, factor }) as Scale);
  const RATE = ['', 'k', 'M', 'G', 'T'].map((symbol, i) => ({ symbol, factor: 1000 ** i }));
  const BYTES = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'].map((symbol, i) => ({ symbol, factor: 1024 ** i }));
  // values across every scale, and values just below and at each scale's 1 (where rounding moves them up a scale)
  const edge = (scales: readonly Scale[]) =>
    fc
      .tuple(
        fc.constantFrom(...scales.map((s) => s.factor)),
        fc.constantFrom(1, 1 - 1e-3, 1 - 5e-4, 1 - 4.9e-4, 1 - 5e-5, 1 - 1e-16, 1 + 1e-16, 0.9995, 0.99995),
      )
      .map(([f, k]) => f * k);
  const value = (scales: readonly Scale[]) =>
    fc
      .tuple(fc.oneof(fc.double({ min: 1e-12, max: 1e21, noNaN: true }), edge(scales)), fc.boolean())
      .map(([x, neg]) => (neg ? -x : x));
  const digits = fc.integer({ min: 1, max: 6 });

  it('writes durations, rates and sizes as the full scan did', () => {
    fc.assert(
      fc.property(value(DURATION), digits, (x, d) => {
        expect(formatDuration(x, d)).toBe(fullScan(x, d, DURATION, ' '));
        expect(formatRate(x, d)).toBe(`${fullScan(x, d, RATE, '')}/s`);
        expect(formatBytes(x, d)).toBe(fullScan(x, d, BYTES, ' '));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(value(BYTES), digits, (x, d) => {
        expect(formatBytes(x, d)).toBe(fullScan(x, d, BYTES, ' '));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(value(RATE), digits, (x, d) => {
        expect(formatRate(x, d)).toBe(`${fullScan(x, d, RATE, '')}/s`);
      }),
      { numRuns: 2000 },
    );
    for (const x of [0, 1, 0.99996, 999.95e-3, 59.9996, 86399.9]) {
      expect(formatDuration(x)).toBe(fullScan(x, 3, DURATION, ' '));
    }
  });
});
