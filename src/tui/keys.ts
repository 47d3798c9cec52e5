/**
 * Key bindings as data (the help screen and the footer are generated from them) and the mapping from a key press to
 * a reducer action or a side effect, by mode: a prompt or an edit takes text; otherwise the bindings apply.
 */
import type { Key } from 'ink';
import type { Action, TuiState } from './state.js';

/** What the app does outside the reducer (files, workers, exit), or with the result shown (`frontier` counts its
 * entries and finds the recommended one before the reducer opens the view). */
export type Effect = 'save' | 'saveAs' | 'open' | 'simulate' | 'cancelSimulation' | 'quit' | 'worksheet' | 'frontier';
export type Command = { action: Action } | { effect: Effect };

export interface Binding {
  keys: string;
  help: string;
  /** Shown in the one-line footer. */
  footer?: string;
  /** Kept in the footer when it is too narrow for every key (the others are left out from the end). */
  footerKeep?: boolean;
  match(input: string, key: Key): boolean;
  command: Command;
}

export const BINDINGS: readonly Binding[] = [
  {
    keys: 'up/down, k/j',
    help: 'move between fields (in the frontier view: select a design)',
    footer: 'move',
    match: (i, k) => k.upArrow || i === 'k',
    command: { action: { type: 'move', delta: -1 } },
  },
  { keys: '', help: '', match: (i, k) => k.downArrow || i === 'j', command: { action: { type: 'move', delta: 1 } } },
  {
    keys: 'Tab / shift-Tab',
    help: 'next / previous field',
    match: (_i, k) => k.tab && !k.shift,
    command: { action: { type: 'move', delta: 1 } },
  },
  { keys: '', help: '', match: (_i, k) => k.tab && k.shift, command: { action: { type: 'move', delta: -1 } } },
  {
    keys: 'PgUp/PgDn',
    help: 'move 10 fields',
    match: (_i, k) => k.pageDown,
    command: { action: { type: 'move', delta: 10 } },
  },
  { keys: '', help: '', match: (_i, k) => k.pageUp, command: { action: { type: 'move', delta: -10 } } },
  {
    keys: 'left/right',
    help: 'scroll the candidates when they do not all fit',
    match: (_i, k) => k.rightArrow,
    command: { action: { type: 'scroll', delta: 1 } },
  },
  { keys: '', help: '', match: (_i, k) => k.leftArrow, command: { action: { type: 'scroll', delta: -1 } } },
  {
    keys: 'Enter',
    help: 'edit the field (type a value with units: 250 ms, 99.95%, 3000/s; Enter accepts, Esc cancels; empty = default)',
    footer: 'edit',
    match: (_i, k) => k.return,
    command: { action: { type: 'startEdit' } },
  },
  {
    keys: 'u',
    help: 'undo the last change',
    footer: 'undo',
    match: (i) => i === 'u',
    command: { action: { type: 'undo' } },
  },
  {
    keys: 'c',
    help: 'next chart: cost vs load, p99 per user region, downtime vs budget',
    footer: 'chart',
    match: (i) => i === 'c',
    command: { action: { type: 'nextPanel' } },
  },
  {
    keys: 'f',
    help: 'show or hide the frontier: the designs none beats on cost, nines and p99 together (Esc also closes it)',
    footer: 'frontier',
    match: (i) => i === 'f',
    command: { effect: 'frontier' },
  },
  {
    keys: 'm',
    help: 'run the Monte Carlo simulation (Esc cancels)',
    footer: 'simulate',
    match: (i) => i === 'm',
    command: { effect: 'simulate' },
  },
  {
    keys: 's',
    help: 'save the scenario (atomically)',
    footer: 'save',
    match: (i) => i === 's',
    command: { effect: 'save' },
  },
  { keys: 'S', help: 'save as another file', match: (i) => i === 'S', command: { effect: 'saveAs' } },
  {
    keys: 'o',
    help: 'open another scenario file',
    footer: 'open',
    match: (i) => i === 'o',
    command: { action: { type: 'openPrompt', kind: 'open' } },
  },
  {
    keys: 'w',
    help: 'write the design-review worksheet',
    footer: 'worksheet',
    match: (i) => i === 'w',
    command: { effect: 'worksheet' },
  },
  {
    keys: '?',
    help: 'show or hide this help',
    footer: 'help',
    footerKeep: true,
    match: (i) => i === '?',
    command: { action: { type: 'toggleHelp' } },
  },
  {
    keys: 'q, Ctrl-C',
    help: 'quit (asks again when there are unsaved changes)',
    footer: 'quit',
    footerKeep: true,
    match: (i) => i === 'q',
    command: { effect: 'quit' },
  },
];

/** What a key press does in the current state; null: nothing. */
export function commandFor(state: TuiState, input: string, key: Key): Command | null {
  if (state.prompt) {
    if (key.escape) return { action: { type: 'closePrompt' } };
    if (key.return) return { effect: state.prompt.kind === 'open' ? 'open' : 'saveAs' };
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
  for (const b of BINDINGS) if (b.match(input, key)) return b.command;
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
