// Text as a terminal shows it (src/tui/text.ts): display width by wcwidth's rules, control characters escaped.
import { describe, expect, it } from 'vitest';
import { cutTo, displayWidth, fitTo, safeText, wrapTo } from '../../src/tui/text.js';

describe('display width (wcwidth: Markus Kuhn, after UAX #11)', () => {
  it('counts CJK, Hangul, fullwidth forms and emoji as two columns, combining marks as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('東京')).toBe(4);
    expect(displayWidth('서울')).toBe(4);
    expect(displayWidth('ＡＢ')).toBe(4); // fullwidth Latin
    expect(displayWidth('🚀 launch')).toBe(9);
    expect(displayWidth('e\u0301')).toBe(1); // e + combining acute
    expect(displayWidth('👍\ufe0f')).toBe(2); // a variation selector takes no column
    expect(displayWidth('Zürich')).toBe(6);
  });

  it('cuts and pads by columns, never splitting a wide character', () => {
    expect(cutTo('東京タワー', 5)).toBe('東京');
    expect(fitTo('東京タワー', 6)).toBe('東京~ ');
    expect(displayWidth(fitTo('東京タワー', 6))).toBe(6);
    expect(fitTo('ok', 4)).toBe('ok  ');
    expect(wrapTo('scale out, 2 regions', 10)).toEqual(['scale out,', '2 regions']);
    for (const t of wrapTo('東京 の 大きな データセンター', 7)) expect(displayWidth(t)).toBeLessThanOrEqual(7);
  });
});

describe('user text made safe for the terminal', () => {
  it('escapes an OSC 52 clipboard sequence, CSI, carriage returns and bidi overrides in caret notation', () => {
    const osc52 = 'evil\x1b]52;c;aGVsbG8=\x07.json';
    expect(safeText(osc52)).toBe('evil^[]52;c;aGVsbG8=^G.json');
    expect(safeText('a\x9b31mb')).toBe('aM-^[31mb'); // the 8-bit CSI
    expect(safeText('x\rover')).toBe('x^Mover');
    expect(safeText('abc\u202Efed')).toBe('abc<U+202E>fed');
    expect(safeText('\x7f')).toBe('^?');
    // nothing the terminal would act on is left, and the escaped form is stable
    const out = fitTo(`${osc52}\x1b[2J`, 80);
    expect([...out].filter((ch) => ch.charCodeAt(0) < 0x20 || (ch >= '\x7f' && ch <= '\x9f'))).toEqual([]);
    expect(safeText(out)).toBe(out);
  });
});
