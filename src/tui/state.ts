/**
 * The TUI's state as a pure reducer with typed actions. The raw scenario (what the user edits and saves) only ever
 * holds a VALID scenario: an edit that does not parse leaves it unchanged and shows the error beside the field, with
 * the typed text kept in the edit buffer, so nothing typed is lost. Every accepted edit can be undone.
 */

import type { ComparisonResult } from '../compare/result.js';
import { InputError, InputErrors } from '../errors.js';
import { readScenarioText } from '../scenario/read.js';
import type { Scenario } from '../scenario/types.js';
import { parseFraction } from '../units/parse.js';
import { displayValue, type FieldDef, fieldsOf, storedValue } from './fields.js';
import { type RawObject, type RawValue, setAt } from './rawPath.js';

/** What the right column shows: the comparison table (and, on a tall terminal, the cost chart), or a chart. */
export type Panel = 'table' | 'cost' | 'latency' | 'downtime';
const PANELS: readonly Panel[] = ['table', 'cost', 'latency', 'downtime'];

export interface SimState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  done: number;
  total: number;
  /** The comparison with `simulated` figures, for the raw scenario it was run on. */
  result?: ComparisonResult;
  forRaw?: RawObject;
  error?: string;
}

export interface TuiState {
  raw: RawObject;
  source: string | null;
  focus: number;
  editing: { buffer: string } | null;
  /**
   * The last rejected value of a field, with why: shown inline until Esc (`hidden`), and offered again by the next
   * edit of that field, so nothing typed is lost.
   */
  fieldError: { path: string; text: string; value: string; hidden?: boolean } | null;
  message: { kind: 'info' | 'error'; text: string } | null;
  undo: RawObject[];
  /** The scenario as in its file (or as it started); `dirty`: the one edited differs from it. */
  saved: RawObject;
  dirty: boolean;
  help: boolean;
  panel: Panel;
  /** An open prompt; `status` replaces its "(Enter, Esc)" hint (a file being read, or why it did not open). */
  prompt: { kind: PromptKind; buffer: string; status?: string } | null;
  sim: SimState;
  /** Asked once (unsaved changes): q or Ctrl-C again quits anyway. */
  quitConfirm: boolean;
  /** Asked once (unsaved changes): o again opens another file anyway. */
  openConfirm: boolean;
  /**
   * The worksheet being written (`w`): where, in which format, for how many seconds so far, and the percent done the
   * child reports (null until its first `progress N` line).
   */
  worksheet: { path: string; format: WorksheetFormat; seconds: number; percent: number | null } | null;
  /** First candidate column shown (left/right scroll the comparison when it is wider than the screen). */
  column: number;
  /**
   * The frontier view (f), shown in place of the inputs and the comparison, which are kept as they were: the
   * selected entry (up/down move it) of `entries`. null: the usual screen.
   */
  frontier: { selected: number; entries: number } | null;
}

/** What a prompt asks for: a file to open, a file to save to, where to write the worksheet. */
export type PromptKind = 'open' | 'save' | 'worksheet';
export type WorksheetFormat = 'md' | 'html';

/** The worksheet's format from the file name: `.html`/`.htm` is HTML, anything else Markdown. */
export function worksheetFormatOf(path: string): WorksheetFormat {
  return /\.html?$/i.test(path.trim()) ? 'html' : 'md';
}

/** The same name with the other format's extension (Tab in the worksheet prompt). */
export function otherWorksheetFormat(path: string): string {
  const base = path.trim().replace(/\.(md|markdown|html?)$/i, '');
  return `${base}.${worksheetFormatOf(path) === 'html' ? 'md' : 'html'}`;
}

/** Where `w` offers to write: scenario.json -> scenario.worksheet.md beside it; no file -> worksheet.md here. */
export function worksheetPath(source: string | null): string {
  if (source === null) return 'worksheet.md';
  return `${source.replace(/\.json$/i, '')}.worksheet.md`;
}

export type Action =
  | { type: 'move'; delta: number }
  | { type: 'startEdit' }
  | { type: 'input'; text: string }
  | { type: 'backspace' }
  | { type: 'commit' }
  | { type: 'cancel' }
  | { type: 'undo' }
  | { type: 'load'; raw: RawObject; source: string | null }
  | { type: 'saved'; path: string }
  | { type: 'message'; kind: 'info' | 'error'; text: string }
  | { type: 'toggleHelp' }
  | { type: 'nextPanel' }
  | { type: 'openPrompt'; kind: PromptKind; buffer?: string }
  /** `o`: the open prompt, or, with unsaved changes, a question first (o again opens). */
  | { type: 'openRequest' }
  /** Tab in the worksheet prompt: the other format. */
  | { type: 'toggleFormat' }
  | { type: 'worksheetStart'; path: string; format: WorksheetFormat }
  | { type: 'worksheetTick'; seconds: number }
  /** The child's `progress N` line: the percent done (0-100). */
  | { type: 'worksheetProgress'; percent: number }
  | { type: 'worksheetDone'; kind: 'info' | 'error'; text: string }
  | { type: 'closePrompt' }
  | { type: 'promptStatus'; text: string }
  | { type: 'simStart' }
  | { type: 'simProgress'; done: number; total: number }
  | { type: 'simDone'; result: ComparisonResult; forRaw: RawObject }
  | { type: 'simError'; text: string }
  | { type: 'simCancelled' }
  /** q, or Ctrl-C (`interrupt`: closes an edit or a prompt first, so that the question shows). */
  | { type: 'quitRequest'; interrupt?: boolean }
  | { type: 'scroll'; delta: number }
  /** Opens the frontier view on `selected` of its `entries` (the app counts them in the result shown), or closes it. */
  | { type: 'toggleFrontier'; entries: number; selected: number };

export function initialState(raw: RawObject, source: string | null): TuiState {
  return {
    raw,
    source,
    focus: 0,
    editing: null,
    fieldError: null,
    message: null,
    undo: [],
    saved: raw,
    dirty: false,
    help: false,
    panel: 'table',
    prompt: null,
    sim: { status: 'idle', done: 0, total: 0 },
    quitConfirm: false,
    openConfirm: false,
    worksheet: null,
    column: 0,
    frontier: null,
  };
}

/** Whether two raw scenarios hold the same values (key order aside): undo back to the file's text is not an edit. */
export function sameRaw(a: RawValue | undefined, b: RawValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameRaw(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const bo = b as Record<string, RawValue>;
  return ka.length === kb.length && ka.every((k) => k in bo && sameRaw((a as Record<string, RawValue>)[k], bo[k]));
}

/** What the frontier view answers to the keys that would edit, undo or change the hidden screen. */
const FRONTIER_ONLY = 'the frontier view: f or Esc goes back to the inputs';

/** Back to the screen as it was (focus, edits, panel, column untouched); the frontier view's own hint goes. */
function closeFrontier(state: TuiState): TuiState {
  return { ...state, frontier: null, message: state.message?.text === FRONTIER_ONLY ? null : state.message };
}

/** Parses a raw scenario: the scenario, or every problem as one-line texts with their field paths. */
export function validate(raw: RawObject): { scenario: Scenario } | { problems: { path: string; text: string }[] } {
  try {
    const scenario = readScenarioText(JSON.stringify(raw), 'the scenario');
    return { scenario };
  } catch (error) {
    if (error instanceof InputErrors) return { problems: error.errors.map((e) => ({ path: e.path, text: e.message })) };
    if (error instanceof InputError) return { problems: [{ path: error.path, text: error.message }] };
    throw error;
  }
}

/**
 * Editing one user share keeps the shares summing to 1: the others are scaled in proportion (as fractions), the
 * last one absorbing the rounding. `before` is the valid scenario the edit starts from.
 */
function rebalanceShares(before: RawObject, raw: RawObject, index: number, share: number): RawObject {
  const v = validate(before);
  if (!('scenario' in v) || !(share > 0 && share < 1)) return raw;
  const current = v.scenario.users;
  if (current.length < 2) return raw;
  const rest = current.reduce((s, u, i) => (i === index ? s : s + u.share), 0);
  const others = current.map((_, i) => i).filter((i) => i !== index);
  let out = raw;
  let assigned = 0;
  others.forEach((i, k) => {
    const u = current[i] as { share: number };
    const value =
      k === others.length - 1
        ? 1 - share - assigned
        : Number((rest > 0 ? (u.share / rest) * (1 - share) : (1 - share) / others.length).toPrecision(12));
    assigned += value;
    out = setAt(out, `users[${i}].share`, value);
  });
  return out;
}

/**
 * Applies typed text to a buffer: keys typed quickly (or pasted) arrive as one string, so backspace and delete
 * characters in it remove the character before them; other control characters are dropped.
 */
export function typed(buffer: string, text: string): string {
  let out = buffer;
  for (const ch of text) {
    if (ch === '\x7f' || ch === '\b') out = out.slice(0, -1);
    else if (ch >= ' ') out += ch;
  }
  return out;
}

/** A typed share as a fraction, read as the scenario reader reads it ("20%", 0.2, "1/3"); null when it is not one. */
function fractionOf(text: string, path: string): number | null {
  try {
    return parseFraction(text, path);
  } catch {
    return null;
  }
}

function applyEdit(state: TuiState, f: FieldDef, text: string): TuiState {
  let raw = setAt(state.raw, f.path, storedValue(f, text));
  const share = /^users\[(\d+)\]\.share$/.exec(f.path);
  if (share) {
    const value = fractionOf(text, f.path);
    if (value !== null) raw = rebalanceShares(state.raw, raw, Number(share[1]), value);
  }
  const v = validate(raw);
  if ('problems' in v) {
    const mine = v.problems.find((p) => p.path === f.path || p.path.startsWith(`${f.path}.`)) ?? v.problems[0];
    return {
      ...state,
      editing: { buffer: text },
      fieldError: { path: f.path, text: mine?.text ?? 'invalid value', value: text },
      message: { kind: 'error', text: `${f.label}: not changed (${mine?.text ?? 'invalid'}); Esc keeps the old value` },
    };
  }
  return {
    ...state,
    raw,
    undo: [...state.undo, state.raw].slice(-100),
    dirty: !sameRaw(raw, state.saved),
    editing: null,
    fieldError: null,
    message: { kind: 'info', text: `${f.label} = ${text.trim() === '' ? '(default)' : text.trim()}` },
  };
}

/** Actions that keep a pending question (q or o asked once): the confirming keys, and what arrives unasked. */
const KEEPS_QUESTION: ReadonlySet<Action['type']> = new Set([
  'quitRequest',
  'openRequest',
  'message',
  'promptStatus',
  'simProgress',
  'simDone',
  'simError',
  'simCancelled',
  'worksheetTick',
  'worksheetProgress',
  'worksheetDone',
]);

export function reducer(state: TuiState, action: Action): TuiState {
  const next = step(state, action);
  if (KEEPS_QUESTION.has(action.type) || (!next.quitConfirm && !next.openConfirm)) return next;
  // any other key answers "no": the question and its message go
  const asked = next.message?.text.startsWith('unsaved changes:') === true;
  return { ...next, quitConfirm: false, openConfirm: false, message: asked ? null : next.message };
}

function step(state: TuiState, action: Action): TuiState {
  const fields = fieldsOf(state.raw);
  const field = fields[state.focus];
  if (state.frontier) {
    switch (action.type) {
      case 'move': {
        const last = Math.max(0, state.frontier.entries - 1);
        const selected = Math.max(0, Math.min(last, state.frontier.selected + action.delta));
        return { ...state, frontier: { ...state.frontier, selected }, quitConfirm: false };
      }
      // the inputs and the comparison are hidden: nothing changes them unseen
      case 'startEdit':
      case 'undo':
      case 'nextPanel':
      case 'scroll':
        return { ...state, message: { kind: 'info', text: FRONTIER_ONLY } };
      case 'cancel':
        if (!state.prompt && !state.help) return closeFrontier(state);
        break;
    }
  }
  switch (action.type) {
    case 'move': {
      if (state.editing) return state;
      const focus = Math.max(0, Math.min(fields.length - 1, state.focus + action.delta));
      return { ...state, focus, message: null, quitConfirm: false };
    }
    case 'startEdit': {
      if (!field) return state;
      if (field.kind === 'enum' && field.options) {
        const cur = displayValue(state.raw, field) || (field.options[0] as string);
        const next = field.options[(field.options.indexOf(cur) + 1) % field.options.length] as string;
        return applyEdit(state, field, next);
      }
      const previous = state.fieldError?.path === field.path ? state.fieldError.value : displayValue(state.raw, field);
      return { ...state, editing: { buffer: previous }, message: null, quitConfirm: false };
    }
    case 'input':
      if (state.prompt)
        return { ...state, prompt: { ...state.prompt, buffer: typed(state.prompt.buffer, action.text) } };
      if (!state.editing) return state;
      return { ...state, editing: { buffer: typed(state.editing.buffer, action.text) } };
    case 'backspace':
      if (state.prompt) return { ...state, prompt: { ...state.prompt, buffer: state.prompt.buffer.slice(0, -1) } };
      if (!state.editing) return state;
      return { ...state, editing: { buffer: state.editing.buffer.slice(0, -1) } };
    case 'commit':
      if (!state.editing || !field) return state;
      return applyEdit(state, field, state.editing.buffer);
    case 'cancel':
      if (state.prompt) return { ...state, prompt: null };
      if (state.help) return { ...state, help: false };
      if (!state.editing) return { ...state, quitConfirm: false };
      return {
        ...state,
        editing: null,
        // the inline error goes; its text comes back with the next edit of the field
        fieldError: state.fieldError ? { ...state.fieldError, hidden: true } : null,
        message: { kind: 'info', text: 'edit cancelled; the value is unchanged' },
      };
    case 'undo': {
      const previous = state.undo[state.undo.length - 1];
      if (!previous) return { ...state, message: { kind: 'info', text: 'nothing to undo' } };
      return {
        ...state,
        raw: previous,
        undo: state.undo.slice(0, -1),
        dirty: !sameRaw(previous, state.saved),
        fieldError: null,
        focus: Math.min(state.focus, fieldsOf(previous).length - 1),
        message: { kind: 'info', text: 'undone' },
      };
    }
    case 'load':
      return {
        ...initialState(action.raw, action.source),
        message: { kind: 'info', text: `opened ${action.source ?? 'scenario'}` },
      };
    case 'saved':
      return {
        ...state,
        source: action.path,
        saved: state.raw,
        dirty: false,
        prompt: null,
        message: { kind: 'info', text: `saved ${action.path}` },
      };
    case 'message':
      return { ...state, message: { kind: action.kind, text: action.text } };
    case 'toggleHelp':
      return { ...state, help: !state.help };
    case 'nextPanel':
      return { ...state, panel: PANELS[(PANELS.indexOf(state.panel) + 1) % PANELS.length] as Panel };
    case 'openPrompt':
      return {
        ...state,
        prompt: {
          kind: action.kind,
          buffer:
            action.buffer ??
            (action.kind === 'save'
              ? (state.source ?? 'scenario.json')
              : action.kind === 'worksheet'
                ? worksheetPath(state.source)
                : ''),
        },
      };
    case 'openRequest':
      if (state.dirty && !state.openConfirm)
        return {
          ...state,
          openConfirm: true,
          message: { kind: 'error', text: 'unsaved changes: o again opens another file anyway, s saves' },
        };
      return { ...state, openConfirm: false, message: null, prompt: { kind: 'open', buffer: '' } };
    case 'toggleFormat':
      return state.prompt?.kind === 'worksheet'
        ? { ...state, prompt: { ...state.prompt, buffer: otherWorksheetFormat(state.prompt.buffer) } }
        : state;
    case 'worksheetStart':
      return {
        ...state,
        prompt: null,
        worksheet: { path: action.path, format: action.format, seconds: 0, percent: null },
      };
    case 'worksheetTick':
      return state.worksheet ? { ...state, worksheet: { ...state.worksheet, seconds: action.seconds } } : state;
    case 'worksheetProgress': {
      // a percent that never goes back (a stray or repeated line changes nothing), within 0-100
      if (!state.worksheet || !Number.isFinite(action.percent)) return state;
      const percent = Math.max(state.worksheet.percent ?? 0, Math.min(100, Math.max(0, Math.round(action.percent))));
      return percent === state.worksheet.percent ? state : { ...state, worksheet: { ...state.worksheet, percent } };
    }
    case 'worksheetDone':
      return { ...state, worksheet: null, message: { kind: action.kind, text: action.text } };
    case 'closePrompt':
      return { ...state, prompt: null };
    case 'promptStatus':
      return state.prompt ? { ...state, prompt: { ...state.prompt, status: action.text } } : state;
    case 'simStart':
      return {
        ...state,
        sim: { status: 'running', done: 0, total: 0 },
        message: { kind: 'info', text: 'simulating (Esc cancels)' },
      };
    case 'simProgress':
      return state.sim.status === 'running'
        ? { ...state, sim: { ...state.sim, done: action.done, total: action.total } }
        : state;
    case 'simDone':
      return {
        ...state,
        sim: {
          status: 'done',
          done: state.sim.total,
          total: state.sim.total,
          result: action.result,
          forRaw: action.forRaw,
        },
        message: { kind: 'info', text: 'simulation done: simulated figures beside the analytic ones' },
      };
    case 'simError':
      return {
        ...state,
        sim: { status: 'error', done: 0, total: 0, error: action.text },
        message: { kind: 'error', text: action.text },
      };
    case 'simCancelled':
      return {
        ...state,
        sim: { status: 'cancelled', done: 0, total: 0 },
        message: { kind: 'info', text: 'simulation cancelled' },
      };
    case 'scroll': {
      const count = Array.isArray(state.raw.architectures) ? state.raw.architectures.length : 2;
      return { ...state, column: Math.max(0, Math.min(count - 1, state.column + action.delta)) };
    }
    case 'toggleFrontier':
      if (state.frontier) return closeFrontier(state);
      if (state.editing) return state;
      return {
        ...state,
        frontier: {
          entries: action.entries,
          selected: Math.max(0, Math.min(action.entries - 1, action.selected)),
        },
        quitConfirm: false,
      };
    case 'quitRequest':
      return state.dirty && !state.quitConfirm
        ? {
            ...state,
            ...(action.interrupt ? { editing: null, prompt: null } : {}),
            quitConfirm: true,
            message: {
              kind: 'error',
              text: `unsaved changes: ${action.interrupt ? 'Ctrl-C or q' : 'q'} again quits anyway, s saves`,
            },
          }
        : state;
  }
}
