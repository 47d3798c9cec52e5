/**
 * Text bar charts: stacked horizontal bars (p99 split into network and the rest, per user region) and a budget bar
 * (downtime against the availability target's allowance). Every line is at most `width` characters. Pure.
 */

import {
  ASCII,
  checkWidth,
  clip,
  FALLBACK_FILLS,
  len,
  padEnd,
  padStart,
  symbolsFor,
  textFor,
  UNICODE,
  wrapWords,
} from './glyphs.js';

export interface StackedBarsOptions {
  /** One bar per row; parts are stacked left to right. Negative or non-finite values count as 0. */
  rows: readonly {
    label: string;
    parts: readonly { value: number; symbol: string; name: string }[];
    note?: string;
  }[];
  /** Total width in columns (at least 20). */
  width: number;
  /** Formats a row total (printed after its bar). */
  format(v: number): string;
  ascii?: boolean;
}

/**
 * Horizontal stacked bars scaled to the largest row total (that row's bar fills the bar column), each followed by
 * its total and note, then a legend of the parts (by name; the first symbol given for a name is used for it).
 * Part boundaries are rounded cumulatively, so each part is within one character of its exact length and a bar
 * within half a character.
 */
export function stackedBars(o: StackedBarsOptions): string[] {
  checkWidth(o.width, 20);
  const ascii = o.ascii === true;
  const g = ascii ? ASCII : UNICODE;
  const text = textFor(ascii);
  const width = o.width;
  const clean = (v: number) => (Number.isFinite(v) && v > 0 ? v : 0);
  const names: string[] = [];
  const wanted: string[] = [];
  for (const r of o.rows) {
    for (const p of r.parts) {
      if (!names.includes(p.name)) {
        names.push(p.name);
        wanted.push(p.symbol);
      }
    }
  }
  const symbols = symbolsFor(wanted, ascii, FALLBACK_FILLS, []);
  const symbolOf = new Map(names.map((n, i) => [n, symbols[i] as string]));
  const rows = o.rows.map((r) => {
    const parts = r.parts.map((p) => ({ value: clean(p.value), symbol: symbolOf.get(p.name) as string }));
    const total = parts.reduce((s, p) => s + p.value, 0);
    return { label: text(r.label), parts, total, totalText: text(o.format(total)), note: text(r.note ?? '') };
  });
  const max = Math.max(0, ...rows.map((r) => r.total));
  const totalW = Math.min(Math.max(0, ...rows.map((r) => len(r.totalText))), Math.floor(width / 4));
  const noteMax = Math.max(0, ...rows.map((r) => len(r.note)));
  let noteW = noteMax > 0 ? Math.min(noteMax + 1, Math.floor(width / 4)) : 0;
  let labelW = Math.min(Math.max(0, ...rows.map((r) => len(r.label))), Math.floor(width / 3));
  // the bars get at least 40% of the width: notes are cut (or dropped) first, then labels
  const barMin = Math.max(8, Math.floor(width * 0.4));
  const barFor = () => width - labelW - 1 - 1 - totalW - noteW;
  if (barFor() < barMin) {
    noteW = Math.max(0, noteW - (barMin - barFor()));
    if (noteW < 6) noteW = 0;
  }
  while (barFor() < barMin && labelW > 6) labelW--;
  const barW = Math.max(1, barFor());

  const lines: string[] = [];
  for (const r of rows) {
    let bar = '';
    let cum = 0;
    let prev = 0;
    for (const p of r.parts) {
      cum += p.value;
      const edge = max > 0 ? Math.round((cum / max) * barW) : 0;
      bar += p.symbol.repeat(Math.max(0, edge - prev));
      prev = Math.max(prev, edge);
    }
    const label = padEnd(clip(r.label, labelW, g.ellipsis), labelW);
    const total = padStart(clip(r.totalText, totalW, g.ellipsis), totalW);
    const note = noteW > 0 && r.note.length > 0 ? ` ${clip(r.note, noteW - 1, g.ellipsis)}` : '';
    lines.push(`${label} ${padEnd(bar, barW)} ${total}${note}`.trimEnd());
  }
  const legend = names.map((n, i) => `${symbols[i]} ${text(n)}`);
  if (legend.length > 0) lines.push(...wrapWords(legend, width, '   '));
  return lines.map((l) => clip(l, width, ''));
}

export interface BudgetBarOptions {
  value: number;
  budget: number;
  /** Total width in columns (at least 20). */
  width: number;
  label: string;
  /** Formats the value, the budget and the excess (e.g. formatDowntimeRounded on seconds). */
  format(v: number): string;
  ascii?: boolean;
}

/**
 * One sentence, "LABEL: VALUE of BUDGET allowed: within budget (P used)" or "...: over budget by EXCESS" (wrapped to
 * the width), then a bar "[....]" scaled to the larger of value and budget: the value filled (the part over the budget
 * in a second character), the budget marked with a vertical line at its position.
 */
export function budgetBar(o: BudgetBarOptions): string[] {
  checkWidth(o.width, 20);
  const ascii = o.ascii === true;
  const g = ascii ? ASCII : UNICODE;
  const text = textFor(ascii);
  const value = Number.isFinite(o.value) && o.value > 0 ? o.value : 0;
  const budget = Number.isFinite(o.budget) && o.budget > 0 ? o.budget : 0;
  const over = value > budget;
  const status = over
    ? `over budget by ${o.format(value - budget)}`
    : `within budget${budget > 0 ? ` (${formatShare(value / budget)} used)` : ''}`;
  const sentence = text(`${o.label}: ${o.format(value)} of ${o.format(budget)} allowed: ${status}`);
  const lines = wrapWords(sentence.split(' '), o.width);

  const inner = o.width - 2;
  const scale = Math.max(value, budget);
  const cells = new Array<string>(inner).fill(g.empty);
  if (scale > 0) {
    const valueEnd = Math.round((value / scale) * inner);
    const budgetEdge = (budget / scale) * inner;
    for (let c = 0; c < valueEnd; c++) cells[c] = c + 0.5 <= budgetEdge ? g.fill : g.over;
    const markAt = Math.min(inner - 1, Math.max(0, Math.round(budgetEdge) - 1));
    cells[markAt] = g.budget;
  } else cells[0] = g.budget;
  lines.push(`[${cells.join('')}]`);
  return lines.map((l) => clip(l, o.width, ''));
}

function formatShare(f: number): string {
  const pct = f * 100;
  const digits = pct >= 10 || pct === 0 ? 0 : pct >= 1 ? 1 : 2;
  return `${pct.toFixed(digits)}%`;
}
