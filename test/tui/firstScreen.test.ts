// Issue 19, the TUI half, without rendering: the questions before o and Ctrl-C drop edits, the unsaved mark, an
// error cleared by Esc, ranges, the input list's scrolling, the comparison and the help at 80 and 120 columns.

import { readFileSync } from 'node:fs';
import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { displayValue, fieldsOf, storedValue } from '../../src/tui/fields.js';
import { commandFor } from '../../src/tui/keys.js';
import type { RawObject } from '../../src/tui/rawPath.js';
import { analyze } from '../../src/tui/selectors.js';
import { initialState, otherWorksheetFormat, worksheetFormatOf } from '../../src/tui/state.js';
import { displayWidth } from '../../src/tui/text.js';
import {
  chartLines,
  compactUsd,
  comparisonLines,
  headerLine,
  helpLines,
  inputView,
  recommendationHead,
} from '../../src/tui/view.js';
import { focusOn, raw, run, type } from './stateHelpers.js';

const edited = () => run(focusOn(initialState(raw(), 'viral.json'), 'workload.peakRate'), ...type('5000/s'));
const ctrlC = { ctrl: true } as Key;

describe('questions before edits are dropped', () => {
  it('o with unsaved changes asks first; o again opens the prompt; another key answers no', () => {
    const s1 = run(edited(), { type: 'openRequest' });
    expect(s1.prompt).toBeNull();
    expect(s1.message?.text).toBe('unsaved changes: o again opens another file anyway, s saves');
    expect(run(s1, { type: 'openRequest' }).prompt?.kind).toBe('open');
    const no = run(s1, { type: 'move', delta: 1 });
    expect(no.openConfirm).toBe(false);
    expect(run(no, { type: 'openRequest' }).prompt).toBeNull(); // asks again
    // nothing edited: o opens at once
    expect(run(initialState(raw(), null), { type: 'openRequest' }).prompt?.kind).toBe('open');
  });

  it('Ctrl-C is the interrupt effect in every mode, and with unsaved changes closes the prompt and asks', () => {
    const s = edited();
    expect(commandFor(s, 'c', ctrlC)).toEqual({ effect: 'interrupt' });
    const prompt = run(s, { type: 'openPrompt', kind: 'save' });
    expect(commandFor(prompt, 'c', ctrlC)).toEqual({ effect: 'interrupt' });
    const editing = run(s, { type: 'startEdit' });
    expect(commandFor(editing, 'c', ctrlC)).toEqual({ effect: 'interrupt' });
    const asked = run(prompt, { type: 'quitRequest', interrupt: true });
    expect(asked.prompt).toBeNull();
    expect(asked.quitConfirm).toBe(true);
    expect(asked.message?.text).toBe('unsaved changes: Ctrl-C or q again quits anyway, s saves');
  });
});

describe('the title and the unsaved mark', () => {
  const result = analyze(raw()).result;

  it('reads [no file] before any file, never [(unsaved)]; * while the scenario differs from the file', () => {
    const s0 = initialState(raw(), null);
    expect(headerLine(s0, result, 120).text).toMatch(/\[no file\]/);
    expect(headerLine(s0, result, 120).text).not.toContain('(unsaved)');
    expect(headerLine(edited(), result, 120).text).toContain('[viral.json *]');
  });

  it('undo back to the file, or typing the old value again, takes the mark away', () => {
    const s1 = edited();
    expect(s1.dirty).toBe(true);
    expect(run(s1, { type: 'undo' }).dirty).toBe(false);
    expect(run(s1, ...type('4000/s')).dirty).toBe(false);
    // saved: the file is the edited scenario now
    const saved = run(s1, { type: 'saved', path: 'viral.json' });
    expect(saved.dirty).toBe(false);
    expect(run(saved, { type: 'undo' }).dirty).toBe(true);
  });
});

describe('an error beside a field', () => {
  it('goes on Esc; the typed text comes back with the next edit', () => {
    const s0 = focusOn(initialState(raw(), null), 'workload.peakRate');
    const bad = run(s0, ...type('many'));
    const shown = inputView(bad, 40, 30, 0).lines.map((l) => l.text);
    expect(shown.some((t) => t.startsWith('  ! workload.peakRate'))).toBe(true);
    const esc = run(bad, { type: 'cancel' });
    expect(inputView(esc, 40, 30, 0).lines.some((l) => l.text.startsWith('  !'))).toBe(false);
    expect(run(esc, { type: 'startEdit' }).editing?.buffer).toBe('many');
  });
});

describe('ranged inputs', () => {
  const launch = JSON.parse(readFileSync('models/scenarios/uncertain-launch.json', 'utf8')) as RawObject;
  const field = (path: string) => fieldsOf(launch).find((f) => f.path === path);

  it('show as p5 - p95, rates compact on screen, and an edit in that form stores the range', () => {
    const rate = field('workload.peakRate');
    expect(rate).toBeDefined();
    if (!rate) return;
    expect(displayValue(launch, rate, true)).toBe('500/s - 5k/s (p5-p95)');
    expect(displayValue(launch, rate)).toBe('500/s - 5000/s (p5-p95)');
    expect(storedValue(rate, '500/s - 5000/s (p5-p95)')).toEqual({ p5: '500/s', p95: '5000/s' });
    expect(storedValue(rate, '1 - 2 (p5-p95, uniform)')).toEqual({ p5: '1', p95: '2', distribution: 'uniform' });
    const s = run(focusOn(initialState(launch, null), 'workload.peakRate'), ...type('600/s - 6000/s (p5-p95)'));
    expect(s.fieldError).toBeNull();
    expect(s.raw.workload).toMatchObject({ peakRate: { p5: '600/s', p95: '6000/s' } });
  });

  it('the comparison has a row of the share of samples meeting every target', () => {
    const result = analyze(launch).result;
    const u = result.uncertainty;
    expect(u).toBeDefined();
    const row = comparisonLines(result, 78).find((l) => l.text.startsWith('meets targets'));
    expect(row?.text).toMatch(/in \d+%/);
    const pct = Math.round((u?.byArchitecture[0]?.probMeetsAll ?? 0) * 100);
    expect(comparisonLines(result, 158).find((l) => l.text.startsWith('meets targets'))?.text).toContain(
      `in ${pct}% of samples`,
    );
  });
});

describe('the input list scrolls with a margin', () => {
  it('keeps its place while the focus moves inside it, and a group heading with its first field', () => {
    let s = initialState(raw(), null);
    const n = fieldsOf(s.raw).length;
    let top = 0;
    const tops: number[] = [];
    for (let i = 0; i < n - 1; i++) {
      s = run(s, { type: 'move', delta: 1 });
      const v = inputView(s, 30, 20, top);
      top = v.top;
      tops.push(top);
      const texts = v.lines.map((l) => l.text);
      const at = v.lines.findIndex((l) => l.style === 'focus');
      // the focused field never on the first or last two rows (but at the ends of the list)
      expect(at, `focus ${s.focus}`).toBeGreaterThanOrEqual(top === 0 ? 0 : 3);
      if (texts[19]?.startsWith('  v ')) expect(at).toBeLessThanOrEqual(20 - 4);
      const f = fieldsOf(s.raw)[s.focus];
      const prev = fieldsOf(s.raw)[s.focus - 1];
      if (f && prev && f.group !== prev.group) expect(texts[at - 1]?.trim()).toBe(f.group);
    }
    // it scrolled by single rows, not a page at a time, and not on every key
    const moves = tops.filter((t, i) => i > 0 && t !== tops[i - 1]).length;
    expect(moves).toBeGreaterThan(0);
    expect(moves).toBeLessThan(tops.length / 1.2);
  });
});

describe('the first screen at 80 and 120 columns', () => {
  const result = analyze(raw()).result;
  const rec = result.architectures.find((a) => a.name === result.recommendation.name);

  it('the verdict names the recommended design in full with its cost, nines and p99', () => {
    expect(rec).toBeDefined();
    if (!rec) return;
    for (const w of [50, 78]) {
      const head = recommendationHead(result, w)
        .map((l) => l.text.trimEnd())
        .join(' ');
      expect(head).toContain(`Recommended: ${rec.name}: ${compactUsd(rec.cost.usdPerMonth)}/month`);
      expect(head).toContain(`${rec.availability.nines.toFixed(2)} nines`);
      expect(head).toMatch(/p99 \d+ ms/);
    }
    expect(compactUsd(42_976)).toBe('$43k');
    expect(compactUsd(14_627)).toBe('$14.6k');
    expect(compactUsd(7064)).toBe('$7,064');
    expect(compactUsd(1_234_567)).toBe('$1.23M');
  });

  it('the comparison puts the recommended design first, marked *, and cuts no figure', () => {
    for (const w of [50, 78]) {
      const lines = comparisonLines(result, w);
      expect(lines[0]?.text).toMatch(/^ {14}\*/);
      expect(lines[0]?.emph).toBeDefined();
      for (const l of lines) {
        expect(displayWidth(l.text)).toBe(w);
        if (/^(cost\/month|nines|down\/year|p99|target)/.test(l.text)) expect(l.text).not.toContain('~');
      }
      // the name wrapped in full above its column
      const room = w - 14;
      const colW = Math.floor(room / Math.min(result.architectures.length, Math.floor(room / 10))) - 1;
      const names = lines
        .filter((l) => l.style === 'title')
        .map((l) => l.text.slice(15, 15 + colW).trim())
        .join(' ');
      expect(names).toContain(rec?.name);
    }
  });

  it('help wraps within the width and fits an 80x24 screen', () => {
    for (const w of [80, 120]) {
      const lines = helpLines(w);
      for (const l of lines) expect(displayWidth(l.text)).toBeLessThanOrEqual(w);
      const all = lines.map((l) => l.text.trim()).join(' ');
      expect(all).toContain('write the design-review worksheet as capplan worksheet does');
      expect(all).toContain('A bad value keeps the old one.');
    }
    expect(helpLines(80).length).toBeLessThanOrEqual(22);
  });

  it('the cost chart of the previous scenario stays, dimmed and titled "updating", until the new one is ready', () => {
    const curve = {
      points: [],
      crossover: null,
      crossings: [],
      designs: 'candidates',
    } as unknown as Parameters<typeof chartLines>[2];
    const stale = chartLines('cost', result, curve, 78, 12, true, 263, true);
    expect(stale[0]?.text).toMatch(/\(updating\)/);
    expect(stale.every((l) => l.style === 'dim')).toBe(true);
  });
});

describe('the worksheet prompt', () => {
  it('offers scenario.worksheet.md; Tab switches the format by the extension', () => {
    const s = run(initialState(raw(), 'models/x.json'), { type: 'openPrompt', kind: 'worksheet' });
    expect(s.prompt?.buffer).toBe('models/x.worksheet.md');
    const t = run(s, { type: 'toggleFormat' });
    expect(t.prompt?.buffer).toBe('models/x.worksheet.html');
    expect(worksheetFormatOf(t.prompt?.buffer ?? '')).toBe('html');
    expect(otherWorksheetFormat('a.html')).toBe('a.md');
    expect(commandFor(t, '', { tab: true } as Key)).toEqual({ action: { type: 'toggleFormat' } });
    expect(commandFor(t, '', { return: true } as Key)).toEqual({ effect: 'worksheet' });
  });
});
