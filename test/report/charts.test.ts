// Plain text charts (src/report/textCharts/): every line fits the width, points and marks land on the columns their x
// maps to, ascii mode is pure ASCII, stacked bars are proportional, and the budget bar says over or within.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetBar, stackedBars } from '../../src/report/textCharts/bars.js';
import { toAscii } from '../../src/report/textCharts/glyphs.js';
import { type LineChartOptions, lineChart } from '../../src/report/textCharts/lineChart.js';
import { formatDowntime, formatDuration, formatRate, formatUsd } from '../../src/units/format.js';
import { displayWidth } from '../../src/util/displayWidth.js';

const cols = (s: string) => Array.from(s);
const width = (s: string) => cols(s).length;
const at = (line: string | undefined, c: number) => cols(line ?? '')[c] ?? ' ';
const ASCII_ONLY = /^[\x20-\x7e]*$/;

/** Where the plot is: the corner of the axes (the line below the plot) and the plot rows above it. */
function geometry(lines: string[], hasMarks: boolean) {
  const axis = lines.findIndex((l) => /^\s*[└+][─\-┬+]+$/.test(l));
  if (axis < 0) throw new Error(`no x axis in\n${lines.join('\n')}`);
  const gutter = cols(lines[axis] as string).findIndex((c) => c !== ' ');
  const top = hasMarks ? 1 : 0;
  return { axis, gutter, top, rows: axis - top };
}

const fmtNum = (v: number) => `${Number(v.toPrecision(3))}`;

describe('lineChart', () => {
  const twoLines = (over: Partial<LineChartOptions> = {}): LineChartOptions => ({
    series: [
      { label: 'up', symbol: 'A', points: Array.from({ length: 11 }, (_, x) => ({ x, y: x })) },
      { label: 'down', symbol: 'B', points: Array.from({ length: 11 }, (_, x) => ({ x, y: 10 - x })) },
    ],
    width: 61,
    height: 16,
    xFormat: fmtNum,
    yFormat: fmtNum,
    connect: false,
    ...over,
  });

  it('draws each point with its symbol at the row and column its x and y map to, overlaps distinct', () => {
    const o = twoLines();
    const lines = lineChart(o);
    expect(lines).toHaveLength(o.height);
    const { gutter, top, rows } = geometry(lines, false);
    const plotW = o.width - gutter - 1;
    const col = (x: number) => gutter + 1 + Math.round((x / 10) * (plotW - 1));
    const row = (y: number) => top + Math.round(((10 - y) / 10) * (rows - 1));
    for (let x = 0; x <= 10; x++) {
      if (row(x) === row(10 - x)) {
        expect(at(lines[row(x)], col(x)), `overlap at x=${x}`).toBe('◆');
        continue;
      }
      expect(at(lines[row(x)], col(x)), `A at x=${x}`).toBe('A');
      expect(at(lines[row(10 - x)], col(x)), `B at x=${x}`).toBe('B');
    }
    // nothing else is drawn in the plot (no connectors asked for)
    const drawn = lines
      .slice(top, top + rows)
      .reduce((n, l) => n + cols(l.slice(gutter + 1)).filter((c) => c !== ' ').length, 0);
    expect(drawn).toBe(21); // 22 points, two of them in one cell
    expect(lines[lines.length - 1]).toContain('A up');
    expect(lines[lines.length - 1]).toContain('B down');
    expect(lines[lines.length - 1]).toContain('◆ overlap');
  });

  it('a log x axis maps log10(x); a null y is a gap, and connectors never cross it', () => {
    const pts = [1, 10, 100, 1000, 10000].map((x, i) => ({ x, y: i === 2 ? null : 5 }));
    const o: LineChartOptions = {
      series: [{ label: 's', symbol: '*', points: pts }],
      width: 50,
      height: 8,
      logX: true,
      xFormat: (x) => formatRate(x),
      yFormat: fmtNum,
    };
    const lines = lineChart(o);
    const { gutter, top, rows } = geometry(lines, false);
    const plotW = o.width - gutter - 1;
    const col = (x: number) => gutter + 1 + Math.round((Math.log10(x) / 4) * (plotW - 1));
    const r = top + Math.round((rows - 1) / 2); // a flat series sits in the middle of its padded range
    for (const x of [1, 10, 1000, 10000]) expect(at(lines[r], col(x)), `x=${x}`).toBe('*');
    expect(at(lines[r], col(100))).toBe(' ');
    // joined from 1 to 10 and from 1000 to 10000, not across the gap
    expect(at(lines[r], Math.round((col(1) + col(10)) / 2))).toBe('·');
    expect(at(lines[r], Math.round((col(10) + col(100)) / 2))).toBe(' ');
    expect(at(lines[r], Math.round((col(1000) + col(10000)) / 2))).toBe('·');
    // the x ticks are at 1/s, 10/s ... where the axis shows them
    const axis = lines[top + rows] as string;
    expect(at(axis, col(10))).toBe('┬');
    expect(lines[top + rows + 1]).toContain('10/s');
    expect(lines[top + rows + 1]).toContain('1k/s');
  });

  it('a mark is a line at the column its x maps to, with a pointer and its label above the plot', () => {
    for (const markX of [0, 2.5, 7.3, 10]) {
      const o = twoLines({ marks: [{ x: markX, label: 'crossover' }], width: 45, height: 12 });
      const lines = lineChart(o);
      expect(lines).toHaveLength(12);
      const { gutter, top, rows } = geometry(lines, true);
      const c = gutter + 1 + Math.round((markX / 10) * (o.width - gutter - 2));
      expect(at(lines[0], c), `pointer for ${markX}`).toBe('▼');
      expect(lines[0]).toContain('crossover');
      for (let r = top; r < top + rows; r++) expect(['┆', 'A', 'B', '◆']).toContain(at(lines[r], c));
      expect(lines.slice(top, top + rows).filter((l) => at(l, c) === '┆').length).toBeGreaterThan(rows - 4);
    }
  });

  it('a rule is a row at the y it maps to, inside the y range, under the points, and listed in the legend', () => {
    for (const ascii of [false, true]) {
      // points from y = 2 to 4, the rule at 1 (below them: the range grows to take it in) and at 3 (through a point)
      const o: LineChartOptions = {
        series: [{ label: 'p', symbol: 'o', points: [2, 3, 4].map((y, x) => ({ x, y })) }],
        rules: [
          { y: 1, label: 'floor' },
          { y: 3, label: 'target' },
        ],
        width: 41,
        height: 14,
        xFormat: fmtNum,
        yFormat: fmtNum,
        connect: false,
        ascii,
      };
      const lines = lineChart(o);
      expect(lines).toHaveLength(14);
      const rule = ascii ? '_' : '╌';
      const { gutter, top, rows } = geometry(lines, false);
      const plotW = o.width - gutter - 1;
      const row = (y: number) => top + Math.round(((4 - y) / 3) * (rows - 1));
      const col = (x: number) => gutter + 1 + Math.round((x / 2) * (plotW - 1));
      expect(cols(lines[row(1)] as string).slice(gutter + 1)).toEqual(new Array(plotW).fill(rule));
      // the point at y = 3 keeps its symbol on the rule; the rest of that row is the rule
      expect(at(lines[row(3)], col(1))).toBe('o');
      expect(cols(lines[row(3)] as string).filter((c) => c === rule)).toHaveLength(plotW - 1);
      expect(lines[lines.length - 1]).toContain(`${rule} floor`);
      expect(lines[lines.length - 1]).toContain(`${rule} target`);
      if (ascii) for (const l of lines) expect(l).toMatch(ASCII_ONLY);
    }
  });

  it('y tick labels name the value of their row to within half a row', () => {
    const o = twoLines({
      series: [
        {
          label: 's',
          symbol: 'x',
          points: [
            { x: 0, y: 3 },
            { x: 1, y: 87 },
          ],
        },
      ],
      height: 20,
    });
    const lines = lineChart(o);
    const { gutter, top, rows } = geometry(lines, false);
    let labelled = 0;
    for (let r = top; r < top + rows; r++) {
      const label = (lines[r] as string).slice(0, gutter).trim();
      if (label === '') continue;
      labelled++;
      expect(at(lines[r], gutter)).toBe('┤');
      const rowF = ((87 - Number(label)) / (87 - 3)) * (rows - 1);
      expect(Math.abs(rowF - (r - top))).toBeLessThanOrEqual(0.5);
    }
    expect(labelled).toBeGreaterThanOrEqual(2);
  });

  it('every line fits the width and there are exactly `height` lines, for widths 40..200 and heights 6..30', () => {
    const point = fc.record({
      x: fc.double({ min: 0.001, max: 1e7, noNaN: true }),
      y: fc.option(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { nil: null }),
    });
    const series = fc.record({
      label: fc.string({ maxLength: 40 }),
      symbol: fc.constantFrom('●', '○', 'x', 'o', '*', '◆', 'ab', ''),
      points: fc.array(point, { maxLength: 40 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 40, max: 200 }),
        fc.integer({ min: 6, max: 30 }),
        fc.array(series, { maxLength: 4 }),
        fc.array(
          fc.record({ x: fc.double({ min: 0.001, max: 1e7, noNaN: true }), label: fc.string({ maxLength: 50 }) }),
          {
            maxLength: 3,
          },
        ),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (w, h, ss, marks, logX, logY, ascii) => {
          const lines = lineChart({
            series: ss,
            width: w,
            height: h,
            logX,
            logY,
            marks,
            ascii,
            xFormat: (x) => formatRate(x),
            yFormat: (y) => formatUsd(y),
          });
          expect(lines).toHaveLength(h);
          for (const l of lines) {
            expect(width(l), l).toBeLessThanOrEqual(w);
            if (ascii) expect(l).toMatch(ASCII_ONLY);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ascii mode is pure ASCII even with Unicode symbols, labels and formatted numbers', () => {
    const lines = lineChart({
      series: [
        { label: 'vertical ●', symbol: '●', points: [1, 2, 3].map((x) => ({ x, y: x * 1e-5 })) },
        { label: 'horizontal — µs', symbol: '○', points: [1, 2, 3].map((x) => ({ x, y: 3e-5 / x })) },
      ],
      width: 40,
      height: 10,
      xFormat: (x) => `${x}×`,
      yFormat: (y) => formatDuration(y),
      marks: [{ x: 2, label: 'crossover ≈ ∞' }],
      ascii: true,
    });
    for (const l of lines) expect(l).toMatch(ASCII_ONLY);
    const text = lines.join('\n');
    expect(text).toContain('us'); // µs transliterated
    expect(text).toContain('inf');
    expect(text).toMatch(/[ox] vertical/); // the Unicode symbols replaced by distinct ASCII ones
    expect(text).toMatch(/[ox] horizontal/);
    expect(toAscii('µs – ∞ …')).toBe('us - inf ...');
  });

  it('copes with nothing to draw, a single point and a flat series', () => {
    const base = { width: 40, height: 6, xFormat: fmtNum, yFormat: fmtNum };
    for (const series of [
      [],
      [{ label: 'none', symbol: 'x', points: [] }],
      [{ label: 'nulls', symbol: 'x', points: [{ x: 1, y: null }] }],
      [{ label: 'one', symbol: 'x', points: [{ x: 5, y: 5 }] }],
      [{ label: 'flat', symbol: 'x', points: [1, 2, 3].map((x) => ({ x, y: 0 })) }],
    ]) {
      const lines = lineChart({ ...base, series });
      expect(lines).toHaveLength(6);
      for (const l of lines) expect(width(l)).toBeLessThanOrEqual(40);
    }
    // a range far narrower than the values (no tick step can be counted out: ends labelled instead)
    const narrow = lineChart({
      ...base,
      series: [
        {
          label: 'n',
          symbol: 'x',
          points: [
            { x: 1e17, y: 5e8 },
            { x: 1e17 + 64, y: 5e8 + 1e-7 },
          ],
        },
      ],
    });
    expect(narrow).toHaveLength(6);
    expect(() => lineChart({ ...base, series: [], height: 5 })).toThrow(RangeError);
    expect(() => lineChart({ ...base, series: [], width: 10 })).toThrow(RangeError);
  });
});

describe('stackedBars', () => {
  const rows = [
    { region: 'us-east-1', net: 1.2, queue: 88.4 },
    { region: 'eu-west-1', net: 70.3, queue: 88.4 },
    { region: 'ap-northeast-1', net: 149.3, queue: 88.4 },
    { region: 'sa-east-1', net: 0, queue: 0 },
  ];
  const bars = (w: number, ascii = false) =>
    stackedBars({
      rows: rows.map((r) => ({
        label: r.region,
        parts: [
          { value: r.net, symbol: '█', name: 'network' },
          { value: r.queue, symbol: '▒', name: 'queueing' },
        ],
        note: r.region === 'us-east-1' ? '' : 'from us-east-1',
      })),
      width: w,
      format: (v) => `${v.toFixed(0)} ms`,
      ascii,
    });

  it('each part is proportional to its value within one character, scaled to the largest total', () => {
    for (const w of [40, 57, 80, 120, 200]) {
      for (const ascii of [false, true]) {
        const lines = bars(w, ascii);
        const [net, queue] = ascii ? ['#', '='] : ['█', '▒'];
        const count = (l: string, c: string) => cols(l).filter((x) => x === c).length;
        const largest = lines[2] as string;
        const barW = count(largest, net as string) + count(largest, queue as string);
        const max = 149.3 + 88.4;
        rows.forEach((r, i) => {
          const l = lines[i] as string;
          expect(Math.abs(count(l, net as string) - (r.net / max) * barW), `${r.region} network`).toBeLessThanOrEqual(
            1,
          );
          expect(
            Math.abs(count(l, queue as string) - (r.queue / max) * barW),
            `${r.region} queueing`,
          ).toBeLessThanOrEqual(1);
          expect(l).toContain(`${(r.net + r.queue).toFixed(0)} ms`);
        });
        expect(barW).toBeGreaterThan(w / 4);
        expect(lines[lines.length - 1]).toContain(`${net} network`);
        expect(lines[lines.length - 1]).toContain(`${queue} queueing`);
        for (const l of lines) {
          expect(width(l)).toBeLessThanOrEqual(w);
          if (ascii) expect(l).toMatch(ASCII_ONLY);
        }
      }
    }
  });

  it('fits any width from 40 to 200 whatever the labels, values and notes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 40, max: 200 }),
        fc.array(
          fc.record({
            label: fc.string({ maxLength: 60 }),
            parts: fc.array(
              fc.record({
                value: fc.double({ min: -10, max: 1e6, noNaN: true }),
                symbol: fc.constantFrom('█', '▒', '#', 'xy'),
                name: fc.constantFrom('network', 'queueing', 'other'),
              }),
              { maxLength: 4 },
            ),
            note: fc.option(fc.string({ maxLength: 80 }), { nil: undefined }),
          }),
          { maxLength: 6 },
        ),
        fc.boolean(),
        (w, rs, ascii) => {
          const lines = stackedBars({ rows: rs, width: w, format: (v) => formatUsd(v), ascii });
          for (const l of lines) {
            expect(width(l)).toBeLessThanOrEqual(w);
            if (ascii) expect(l).toMatch(ASCII_ONLY);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('text charts with wide characters (issue 19)', () => {
  it('a CJK or emoji label takes its display width: the bars start in one column and no line is wider than asked', () => {
    const lines = stackedBars({
      rows: ['東京 users', 'us-east-1', '🚀 launch'].map((label, i) => ({
        label,
        parts: [{ value: 10 * (i + 1), symbol: '#', name: 'p99' }],
        note: '',
      })),
      width: 60,
      format: (v) => `${v.toFixed(0)} ms`,
      ascii: false,
    });
    const bars = lines.slice(0, 3);
    const starts = bars.map((l) => displayWidth(l.slice(0, l.indexOf('#'))));
    expect(new Set(starts).size).toBe(1);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(60);
  });
});

describe('budgetBar', () => {
  const allowed = 0.0005 * 365.25 * 86400; // 99.95%: 4h 22m 58.8s a year

  it('says within budget, with the share used, when the value is at or below the budget', () => {
    for (const value of [0, 60, allowed / 2, allowed]) {
      const lines = budgetBar({ value, budget: allowed, width: 60, label: 'downtime / year', format: formatDowntime });
      const text = lines.slice(0, -1).join(' ');
      expect(text).toContain('within budget');
      expect(text).not.toContain('over budget');
      expect(text).toContain(formatDowntime(allowed));
      const bar = lines[lines.length - 1] as string;
      expect(bar).toMatch(/^\[.*\]$/);
      expect(width(bar)).toBe(60);
      expect(at(bar, 58)).toBe('│'); // the budget is the end of the scale
      expect(bar).not.toContain('▓');
    }
  });

  it('says over budget by the excess, marking the budget inside the bar', () => {
    const value = allowed * 2.5;
    const lines = budgetBar({ value, budget: allowed, width: 72, label: 'downtime / year', format: formatDowntime });
    expect(lines.slice(0, -1).join(' ')).toContain(`over budget by ${formatDowntime(value - allowed)}`);
    const bar = lines[lines.length - 1] as string;
    const inner = 70;
    const mark = cols(bar).indexOf('│');
    expect(Math.abs(mark - (inner / 2.5 - 0.5))).toBeLessThanOrEqual(1); // at 40% of the scale
    expect(cols(bar).filter((c) => c === '▓').length).toBeGreaterThan(inner / 2);
    expect(bar).not.toContain('░');
  });

  it('fits the width, wraps the sentence, and is ASCII in ascii mode', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 40, max: 200 }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.string({ maxLength: 120 }),
        fc.boolean(),
        (w, value, budget, label, ascii) => {
          const lines = budgetBar({ value, budget, width: w, label, format: (v) => formatUsd(v), ascii });
          const text = lines.slice(0, -1).join(' ');
          expect(text).toContain(value > budget ? 'over budget by' : 'within budget');
          for (const l of lines) {
            expect(width(l)).toBeLessThanOrEqual(w);
            if (ascii) expect(l).toMatch(ASCII_ONLY);
          }
        },
      ),
      { numRuns: 300 },
    );
    const a = budgetBar({ value: 2, budget: 1, width: 40, label: 'µ cost', format: (v) => `${v} €`, ascii: true });
    for (const l of a) expect(l).toMatch(ASCII_ONLY);
    expect(a.join(' ')).toContain('over budget by 1 EUR');
  });
});
