/**
 * Key bindings as data (the help screen and the footer are generated from them) and the mapping from a key press to
 * a reducer action or a side effect, by mode: a prompt or an edit takes text; otherwise the bindings apply.
 */
import type { Key } from 'ink';
import type { Action, TuiState } from './state.js';

/** What the app does outside the reducer (files, workers, exit), or with the result shown (`frontier` counts its
 * entries and finds the recommended one before the reducer opens the view). */
export type Effect =
  | 'save'
  | 'saveAs'
  | 'open'
  | 'simulate'
  | 'cancelSimulation'
  | 'quit'
  | 'interrupt'
  | 'worksheet'
  | 'cancelWorksheet'
  | 'frontier';
export type Command = { action: Action } | { effect: Effect };

/** A key press a binding answers: a typed character, or one of Ink's named keys (shift: must be held, or not). */
export type Press =
  | { char: string }
  | {
      key: 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'tab' | 'return';
      shift?: boolean;
    };

/** How a press is named in a binding's `keys` label (a test checks every press is named there). */
export function pressName(p: Press): string {
  if ('char' in p) return p.char;
  const names = {
    upArrow: 'up',
    downArrow: 'down',
    leftArrow: 'left',
    rightArrow: 'right',
    pageUp: 'PgUp',
    pageDown: 'PgDn',
    tab: 'Tab',
    return: 'Enter',
  } as const;
  return `${p.shift ? 'shift-' : ''}${names[p.key]}`;
}

/** Whether a key press is one of `press`. */
export function pressed(press: readonly Press[], input: string, key: Key): boolean {
  return press.some((p) =>
    'char' in p ? input === p.char : key[p.key] === true && (p.shift === undefined || key.shift === p.shift),
  );
}

export interface Binding {
  keys: string;
  help: string;
  /** Shown in the one-line footer. */
  footer?: string;
  /** Kept in the footer when it is too narrow for every key (the others are left out from the end). */
  footerKeep?: boolean;
  /** The presses that trigger it: a character typed, or a named key (with or without shift). */
  press: readonly Press[];
  command: Command;
}

export const BINDINGS: readonly Binding[] = [
  {
    keys: 'up/down, k/j',
    help: 'move between fields (in the frontier view: select a design)',
    footer: 'move',
    press: [{ key: 'upArrow' }, { char: 'k' }],
    command: { action: { type: 'move', delta: -1 } },
  },
  { keys: '', help: '', press: [{ key: 'downArrow' }, { char: 'j' }], command: { action: { type: 'move', delta: 1 } } },
  {
    keys: 'Tab / shift-Tab',
    help: 'next / previous field',
    press: [{ key: 'tab', shift: false }],
    command: { action: { type: 'move', delta: 1 } },
  },
  { keys: '', help: '', press: [{ key: 'tab', shift: true }], command: { action: { type: 'move', delta: -1 } } },
  {
    keys: 'PgUp/PgDn',
    help: 'move 10 fields',
    press: [{ key: 'pageDown' }],
    command: { action: { type: 'move', delta: 10 } },
  },
  { keys: '', help: '', press: [{ key: 'pageUp' }], command: { action: { type: 'move', delta: -10 } } },
  {
    keys: 'left/right',
    help: 'scroll the candidates when they do not all fit',
    press: [{ key: 'rightArrow' }],
    command: { action: { type: 'scroll', delta: 1 } },
  },
  { keys: '', help: '', press: [{ key: 'leftArrow' }], command: { action: { type: 'scroll', delta: -1 } } },
  {
    keys: 'Enter',
    help: 'edit the field (type a value with units: 250 ms, 99.95%, 3000/s; Enter accepts, Esc cancels; empty = default)',
    footer: 'edit',
    press: [{ key: 'return' }],
    command: { action: { type: 'startEdit' } },
  },
  {
    keys: 'u',
    help: 'undo the last change',
    footer: 'undo',
    press: [{ char: 'u' }],
    command: { action: { type: 'undo' } },
  },
  {
    keys: 'c',
    help: 'next chart: cost vs load, p99 per user region, downtime vs budget',
    footer: 'chart',
    press: [{ char: 'c' }],
    command: { action: { type: 'nextPanel' } },
  },
  {
    keys: 'f',
    help: 'show or hide the frontier: the designs none beats on cost, nines and p99 together (Esc also closes it)',
    footer: 'frontier',
    press: [{ char: 'f' }],
    command: { effect: 'frontier' },
  },
  {
    keys: 'm',
    help: 'run the Monte Carlo simulation (Esc cancels)',
    footer: 'simulate',
    press: [{ char: 'm' }],
    command: { effect: 'simulate' },
  },
  {
    keys: 's',
    help: 'save the scenario (atomically)',
    footer: 'save',
    press: [{ char: 's' }],
    command: { effect: 'save' },
  },
  { keys: 'S', help: 'save as another file', press: [{ char: 'S' }], command: { effect: 'saveAs' } },
  {
    keys: 'o',
    help: 'open another file (asks first when there are unsaved changes)',
    footer: 'open',
    press: [{ char: 'o' }],
    command: { action: { type: 'openRequest' } },
  },
  {
    keys: 'w',
    help: 'write the design-review worksheet as capplan worksheet does (asks where; .md or .html, Tab switches)',
    footer: 'worksheet',
    press: [{ char: 'w' }],
    command: { action: { type: 'openPrompt', kind: 'worksheet' } },
  },
  {
    keys: '?',
    help: 'show or hide this help',
    footer: 'help',
    footerKeep: true,
    press: [{ char: '?' }],
    command: { action: { type: 'toggleHelp' } },
  },
  {
    keys: 'q, Ctrl-C',
    help: 'quit (asks again when there are unsaved changes)',
    footer: 'quit',
    footerKeep: true,
    press: [{ char: 'q' }],
    command: { effect: 'quit' },
  },
];

/** What a key press does in the current state; null: nothing. */
export function commandFor(state: TuiState, input: string, key: Key): Command | null {
  // Ctrl-C quits from anywhere, asking first when there are unsaved changes
  if (key.ctrl && input === 'c') return { effect: 'interrupt' };
  if (state.worksheet && key.escape) return { effect: 'cancelWorksheet' };
  if (state.prompt) {
    if (key.escape) return { action: { type: 'closePrompt' } };
    if (key.return)
      return { effect: state.prompt.kind === 'open' ? 'open' : state.prompt.kind === 'save' ? 'saveAs' : 'worksheet' };
    if (key.tab) return state.prompt.kind === 'worksheet' ? { action: { type: 'toggleFormat' } } : null;
    if ((key.backspace || key.delete) && input.length <= 1) return { action: { type: 'backspace' } };
    if (input && !key.ctrl && !key.meta) return { action: { type: 'input', text: input } };
    return null;
  }
  if (state.editing) {
    if (key.escape) return { action: { type: 'cancel' } };
    if (key.return) return { action: { type: 'commit' } };
    if ((key.backspace || key.delete) && input.length <= 1) return { action: { type: 'backspace' } };
    if (input && !key.ctrl && !key.meta && !key.upArrow && !key.downArrow)
      return { action: { type: 'input', text: input } };
    return null;
  }
  if (state.help) return { action: { type: 'toggleHelp' } };
  if (key.escape)
    return state.sim.status === 'running' ? { effect: 'cancelSimulation' } : { action: { type: 'cancel' } };
  for (const b of BINDINGS) if (pressed(b.press, input, key)) return b.command;
  return null;
}

/**
 * Keys typed quickly (or pasted) arrive as one chunk: split it into single key presses so that an Enter or a
 * backspace inside it acts as the key it is. Escape sequences (arrows) are left whole.
 */
export function splitChunk(input: string, key: Key): [string, Key][] {
  if (input.length <= 1 || input.includes('\x1b')) return [[input, key]];
  const none = { ...key, return: false, backspace: false, delete: false, tab: false };
  const out: [string, Key][] = [];
  let text = '';
  const flush = () => {
    if (text) out.push([text, none]);
    text = '';
  };
  for (const ch of input) {
    if (ch === '\r' || ch === '\n') {
      flush();
      out.push(['', { ...none, return: true }]);
    } else if (ch === '\x7f' || ch === '\b') {
      flush();
      out.push(['', { ...none, backspace: true }]);
    } else if (ch === '\t') {
      flush();
      out.push(['', { ...none, tab: true }]);
    } else text += ch;
  }
  flush();
  return out;
}
