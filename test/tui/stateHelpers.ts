// Shared by the reducer's tests: the default scenario, actions run in order, the focus on a field, a value typed.
import { DEFAULT_SCENARIO_TEXT } from '../../src/scenario/defaultScenario.js';
import { fieldsOf } from '../../src/tui/fields.js';
import type { RawObject } from '../../src/tui/rawPath.js';
import { type Action, reducer, type TuiState } from '../../src/tui/state.js';

export const raw = () => JSON.parse(DEFAULT_SCENARIO_TEXT) as RawObject;
export const run = (s: TuiState, ...actions: Action[]) => actions.reduce(reducer, s);
export const focusOn = (s: TuiState, path: string): TuiState => ({
  ...s,
  focus: fieldsOf(s.raw).findIndex((f) => f.path === path),
});
/** Enter, the old value erased, `text` typed, Enter. */
export const type = (text: string): Action[] => [
  { type: 'startEdit' },
  ...Array.from({ length: 40 }, () => ({ type: 'backspace' }) as Action),
  { type: 'input', text },
  { type: 'commit' },
];
