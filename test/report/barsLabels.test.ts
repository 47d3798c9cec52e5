// Labels of the HTML charts placed clear of marker lines and inside the chart (src/report/html/bars.ts): the rules
// the Chromium test (htmlBrowser.test.ts) checks on every example's rendered charts, here on constructed cases that
// hold without a browser. Widths are the charts' own estimate (textWidth: 0.6 em a character).
import { describe, expect, it } from 'vitest';
import { placeLabel, xTickLabel } from '../../src/report/html/bars.js';
import { SMALL, textWidth, W } from '../../src/report/html/svg.js';

const anchorOf = (svg: string) => /text-anchor="(\w+)"/.exec(svg)?.[1] ?? 'start';
const xOf = (svg: string) => Number(/ x="([\d.-]+)"/.exec(svg)?.[1]);

describe('placeLabel', () => {
  const label = 'today 12k/s';
  const w = textWidth(label, SMALL);

  it('takes the first spot when it is inside and clear of every marker', () => {
    const svg = placeLabel(10, label, [{ x: 100, anchor: 'start' }], [50], 0, W);
    expect([xOf(svg), anchorOf(svg)]).toEqual([100, 'start']);
  });

  it('passes over a spot that a marker line runs through (within 3 px of the label)', () => {
    // to the right of x = 100 the label spans 106 to 106 + w; a crossover line at 130 runs through it
    const svg = placeLabel(
      10,
      label,
      [
        { x: 106, anchor: 'start' },
        { x: 94, anchor: 'end' },
      ],
      [130],
      0,
      W,
    );
    expect([xOf(svg), anchorOf(svg)]).toEqual([94, 'end']);
    // a line just past the label's end plus 3 px is clear
    const clear = placeLabel(10, label, [{ x: 106, anchor: 'start' }], [106 + w + 3.5], 0, W);
    expect(anchorOf(clear)).toBe('start');
  });

  it('keeps inside [lo, hi] before keeping clear, and falls back to the first spot', () => {
    const spots = [
      { x: W - 10, anchor: 'start' as const },
      { x: W - 10, anchor: 'end' as const },
    ];
    expect(anchorOf(placeLabel(10, label, spots, [W - 20], 0, W))).toBe('end');
    expect(anchorOf(placeLabel(10, label, [{ x: W - 10, anchor: 'start' }], [], 0, W))).toBe('start');
  });
});

describe('xTickLabel', () => {
  it('centres a tick label, and ends (starts) it at the tick at the right (left) edge of the chart', () => {
    expect(anchorOf(xTickLabel(W / 2, 0, '$1,500'))).toBe('middle');
    expect(anchorOf(xTickLabel(W - 16, 0, '$1,500'))).toBe('end');
    expect(anchorOf(xTickLabel(4, 0, '20000'))).toBe('start');
  });
});
