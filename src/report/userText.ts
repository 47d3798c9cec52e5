/**
 * What a user typed, made safe for the worksheet (issue 19): names, descriptions, places and file names go into
 * Markdown text, which the renderers read as the inline subset of document.ts (and a Markdown viewer as Markdown and
 * HTML). A user's string is inert text there: control characters (a carriage return that overwrites a terminal line,
 * an escape sequence) are dropped or become spaces, and every character that could start markup or HTML is
 * backslash-escaped (the renderers turn `\x` back into the character, HTML-escaped). Pure.
 */

import type { CostCurve } from '../compare/costCurve.js';
import type { ComparisonResult } from '../compare/result.js';
import type { SensitivityResult } from '../compare/sensitivity.js';
import type { Scenario } from '../scenario/types.js';

/** Characters escaped in a user's string: the inline marks, HTML, links and images, tables, entities. */
const SPECIAL = /[\\`*_[\]<>!|~&]/g;
/** C0 and C1 controls and DEL; line breaks and tabs become spaces. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * A user's string as inert Markdown text.
 * @example mdText('<img src=x onerror=alert(1)> **x**') // '\\<img src=x onerror=alert(1)\\> \\*\\*x\\*\\*'
 */
export function mdText(s: string): string {
  return s
    .replace(CONTROLS, '')
    .replace(/[\t\r\n]+/g, ' ')
    .replace(SPECIAL, (c) => `\\${c}`);
}

/**
 * A code span holding `s` verbatim (a file name): fenced with one more backtick than its longest run, padded when it
 * starts or ends with one; control characters dropped.
 * @example codeSpan('a`b') // '``a`b``'
 */
export function codeSpan(s: string): string {
  const clean = s.replace(CONTROLS, '').replace(/[\t\r\n]+/g, ' ');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** The strings of a scenario a user typed (the scenario's, its candidates' and places' names, fitted files). */
function typed(s: Scenario): string[] {
  const out = [s.name, ...(s.description === null ? [] : [s.description])];
  for (const a of s.architectures ?? []) out.push(a.name);
  for (const u of s.users) if (u.location !== null) out.push(u.region);
  for (const f of s.fitted) out.push(f.method); // its file is shown in a code span (codeSpan)
  return out;
}

/** A deep copy of plain data (arrays, plain objects) with every string passed through `f`; anything else kept. */
function mapStrings<T>(x: T, f: (s: string) => string): T {
  if (typeof x === 'string') return f(x) as T;
  if (Array.isArray(x)) return x.map((v) => mapStrings(v, f)) as T;
  const proto = x !== null && typeof x === 'object' ? Object.getPrototypeOf(x) : undefined;
  if (proto === Object.prototype || proto === null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) out[k] = mapStrings(v, f);
    return out as T;
  }
  return x;
}

/**
 * The worksheet's data with every string a user typed escaped wherever it appears (whole, or inside the engine's
 * sentences that quote it: the recommendation, the reasons, the notes), so that no section can place it raw. Only
 * strings that need escaping are replaced, longest first; data without them is returned as it is.
 */
export function escapeTyped<
  W extends {
    scenario: Scenario;
    result: ComparisonResult;
    curve: CostCurve | null;
    sensitivity: SensitivityResult | null;
  },
>(w: W): W {
  const raw = [...new Set(typed(w.scenario))].filter((s) => s !== '' && mdText(s) !== s);
  if (raw.length === 0) return w;
  raw.sort((a, b) => b.length - a.length);
  const fix = (s: string): string => {
    let out = s;
    for (const r of raw) if (out.includes(r)) out = out.split(r).join(mdText(r));
    return out;
  };
  return {
    ...w,
    scenario: mapStrings(w.scenario, fix),
    result: mapStrings(w.result, fix),
    curve: w.curve === null ? null : mapStrings(w.curve, fix),
    sensitivity: w.sensitivity === null ? null : mapStrings(w.sensitivity, fix),
  };
}
