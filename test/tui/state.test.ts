// The TUI reducer (src/tui/state.ts) and key mapping (src/tui/keys.ts), without rendering.
import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { fieldsOf } from '../../src/tui/fields.js';
import { BINDINGS, commandFor, pressName, splitChunk } from '../../src/tui/keys.js';
import { getAt, type RawObject, setAt } from '../../src/tui/rawPath.js';
import { type Action, initialState, reducer, type TuiState, validate } from '../../src/tui/state.js';
import { footerKeys, footerLines } from '../../src/tui/view.js';
import { focusOn, raw, run, type } from './stateHelpers.js';

const key = (over: Partial<Key> = {}): Key =>
  ({
    upArrow: false,
    downArrow: false,
    leftArrow: false,
    rightArrow: false,
    pageDown: false,
    pageUp: false,
    home: false,
    end: false,
    return: false,
    escape: false,
    ctrl: false,
    shift: false,
    tab: false,
    backspace: false,
    delete: false,
    meta: false,
    super: false,
    hyper: false,
    capsLock: false,
    numLock: false,
    ...over,
  }) as Key;

describe('raw paths', () => {
  it('reads and writes nested paths immutably', () => {
    const r = raw();
    const r2 = setAt(r, 'users[1].share', 0.4);
    expect(getAt(r2, 'users[1].share')).toBe(0.4);
    expect(getAt(r, 'users[1].share')).not.toBe(0.4);
    expect(r2.workload).toBe(r.workload);
    expect(getAt(setAt(r, 'workload.growth.years', undefined), 'workload.growth.years')).toBeUndefined();
  });
});

describe('editing', () => {
  it('a valid value with units is accepted, marks the scenario dirty, and can be undone', () => {
    const s0 = focusOn(initialState(raw(), null), 'workload.peakRate');
    const s1 = run(s0, ...type('6000/s'));
    expect(getAt(s1.raw, 'workload.peakRate')).toBe('6000/s');
    expect(s1.dirty).toBe(true);
    expect(s1.editing).toBeNull();
    const s2 = run(s1, { type: 'undo' });
    expect(getAt(s2.raw, 'workload.peakRate')).toBe(getAt(s0.raw, 'workload.peakRate'));
  });

  it('a bad value keeps the previous one, shows why beside the field, and keeps what was typed', () => {
    const s0 = focusOn(initialState(raw(), null), 'targets.p99');
    const s1 = run(s0, ...type('5 kg'));
    expect(s1.raw).toBe(s0.raw);
    expect(s1.editing?.buffer).toBe('5 kg');
    expect(s1.fieldError?.path).toBe('targets.p99');
    expect(s1.fieldError?.text).toMatch(/targets\.p99: "5 kg": expected a duration/);
    // Esc leaves the old value; editing again starts from the rejected text, so nothing typed is lost
    const s2 = run(s1, { type: 'cancel' });
    expect(s2.editing).toBeNull();
    expect(run(s2, { type: 'startEdit' }).editing?.buffer).toBe('5 kg');
  });

  it('an enum field cycles through its options on Enter', () => {
    const s0 = focusOn(initialState(raw(), null), 'workload.consistency');
    const s1 = run(s0, { type: 'startEdit' });
    expect(getAt(s1.raw, 'workload.consistency')).toBe('strong');
    expect(getAt(run(s1, { type: 'startEdit' }).raw, 'workload.consistency')).toBe('eventual');
  });

  it('users given by coordinates have lat and lon fields; a latitude out of range is refused beside the field', () => {
    const r = setAt(raw(), 'users[2]', {
      region: 'lagos',
      lat: 6.52,
      lon: 3.38,
      share: getAt(raw(), 'users[2].share') ?? '20%',
    });
    const paths = fieldsOf(r).map((f) => f.path);
    expect(paths).toContain('users[2].lat');
    expect(paths).toContain('users[2].lon');
    expect(paths).not.toContain('users[0].lat');
    const s0 = focusOn(initialState(r, null), 'users[2].lat');
    const s1 = run(s0, ...type('48.86'));
    expect(getAt(s1.raw, 'users[2].lat')).toBe(48.86);
    const s2 = run(s1, ...type('95'));
    expect(s2.raw).toBe(s1.raw);
    expect(s2.fieldError?.text).toMatch(/users\[2\]\.lat: 95: expected a number >= -90 and <= 90/);
  });

  it("a system of tiers: no workload service time; a candidate with per-tier designs edits each tier's design", () => {
    const untiered = setAt(setAt(raw(), 'workload.serviceTime', undefined), 'workload.serviceTimeCv', undefined);
    const tiers: RawObject[] = [
      { name: 'app', role: 'stateless', serviceTime: '6 ms' },
      { name: 'db', role: 'database', serviceTime: '2 ms', callsPerRequest: 4 },
    ];
    const r = setAt(setAt(untiered, 'tiers', tiers), 'architectures', [
      {
        name: 'app out, db up',
        tiers: {
          app: { kind: 'horizontal', family: 'm7i', size: '2xlarge', zones: 3 },
          db: { kind: 'vertical', family: 'r7i', standby: 'hot' },
        },
      },
    ]);
    const paths = fieldsOf(r).map((f) => f.path);
    expect(paths).not.toContain('workload.serviceTime');
    expect(paths.filter((p) => p.startsWith('architectures'))).toStrictEqual([
      'architectures[0].tiers.app.size',
      'architectures[0].tiers.app.nodes',
      'architectures[0].tiers.app.zones',
      'architectures[0].tiers.db.size',
      'architectures[0].tiers.db.standby',
      'architectures[0].tiers.db.readReplicas',
    ]);
    const s0 = focusOn(initialState(r, null), 'architectures[0].tiers.db.readReplicas');
    const s1 = run(s0, ...type('2'));
    expect(getAt(s1.raw, 'architectures[0].tiers.db.readReplicas')).toBe(2);
    const v = validate(s1.raw);
    expect('scenario' in v && v.scenario.architectures?.[0]?.kind).toBe('tiered');
  });

  it("a system of tiers has each tier's figures, those of its role only, between the users and the candidates", () => {
    const untiered = setAt(setAt(raw(), 'workload.serviceTime', undefined), 'workload.serviceTimeCv', undefined);
    const r = setAt(untiered, 'tiers', [
      { name: 'app', role: 'stateless', serviceTime: '6 ms' },
      { name: 'cache', role: 'cache', serviceTime: '0.3 ms', hitRatio: '90%' },
      { name: 'db', role: 'database', serviceTime: '2 ms' },
    ]);
    const tiers = fieldsOf(r).filter((f) => f.group === 'Tiers');
    expect(tiers.map((f) => f.path)).toStrictEqual([
      'tiers[0].serviceTime',
      'tiers[0].serviceTimeCv',
      'tiers[0].callsPerRequest',
      'tiers[1].serviceTime',
      'tiers[1].serviceTimeCv',
      'tiers[1].callsPerRequest',
      'tiers[1].hitRatio',
      'tiers[1].workingSet',
      'tiers[2].serviceTime',
      'tiers[2].serviceTimeCv',
      'tiers[2].callsPerRequest',
      'tiers[2].workingSet',
      'tiers[2].writeFraction',
    ]);
    expect(tiers.find((f) => f.path === 'tiers[1].hitRatio')?.label).toBe('cache hit ratio');
    const groups = [...new Set(fieldsOf(r).map((f) => f.group))];
    expect(groups.indexOf('Tiers')).toBe(groups.indexOf('Users') + 1);
    expect(fieldsOf(raw()).some((f) => f.group === 'Tiers')).toBe(false);
    // a valid system of tiers is a scenario the screen compares
    const v = validate(r);
    expect('scenario' in v && v.scenario.tiers?.map((t) => t.name)).toStrictEqual(['app', 'cache', 'db']);
  });

  it('a share typed as arithmetic ("1/4") is read as the scenario reader reads it, and the others are rescaled', () => {
    const s1 = run(focusOn(initialState(raw(), null), 'users[0].share'), ...type('1/4'));
    expect(s1.fieldError).toBeNull();
    const v = validate(s1.raw);
    if (!('scenario' in v)) throw new Error('expected a valid scenario');
    expect(v.scenario.users[0]?.share).toBeCloseTo(0.25, 12);
    expect(v.scenario.users.reduce((a, u) => a + u.share, 0)).toBeCloseTo(1, 12);
  });

  it('editing one user share rescales the others so they still sum to 1', () => {
    const s0 = focusOn(initialState(raw(), null), 'users[0].share');
    const s1 = run(s0, ...type('80%'));
    const v = validate(s1.raw);
    expect('scenario' in v).toBe(true);
    if ('scenario' in v) {
      expect(v.scenario.users[0]?.share).toBeCloseTo(0.8, 12);
      expect(v.scenario.users.reduce((a, u) => a + u.share, 0)).toBeCloseTo(1, 12);
      // the others keep their proportions (30:20 in the example)
      expect((v.scenario.users[1]?.share as number) / (v.scenario.users[2]?.share as number)).toBeCloseTo(1.5, 9);
    }
  });

  it('an empty value restores the default', () => {
    const s0 = focusOn(initialState(raw(), null), 'targets.maxUtilization');
    const s1 = run(s0, ...type(''));
    expect(getAt(s1.raw, 'targets.maxUtilization')).toBeUndefined();
    expect('scenario' in validate(s1.raw)).toBe(true);
  });

  it('typed text applies backspace and delete characters that arrive in one chunk', () => {
    const s0 = focusOn(initialState(raw(), null), 'workload.peakRate');
    const s1 = run(s0, { type: 'startEdit' }, { type: 'input', text: '\x7f\x7f\x7f\x7f\x7f\x7f9000/s' });
    expect(s1.editing?.buffer).toBe('9000/s');
  });

  it('moving is clamped to the field list and is ignored while editing', () => {
    const s0 = initialState(raw(), null);
    expect(run(s0, { type: 'move', delta: -5 }).focus).toBe(0);
    const n = fieldsOf(s0.raw).length;
    expect(run(s0, { type: 'move', delta: 1000 }).focus).toBe(n - 1);
    const editing = run(s0, { type: 'startEdit' });
    expect(run(editing, { type: 'move', delta: 1 }).focus).toBe(0);
  });

  it('quitting with unsaved changes asks once', () => {
    const s1 = run(focusOn(initialState(raw(), null), 'workload.peakRate'), ...type('5000/s'));
    const s2 = run(s1, { type: 'quitRequest' });
    expect(s2.quitConfirm).toBe(true);
    expect(s2.message?.kind).toBe('error');
  });
});

describe('the frontier view', () => {
  const open = (s: TuiState, entries = 5, selected = 0) => run(s, { type: 'toggleFrontier', entries, selected });

  it('opens on the given entry; up/down move the selection within the entries, not the focus', () => {
    const s0 = focusOn(initialState(raw(), null), 'targets.p99');
    const s1 = open(s0, 5, 2);
    expect(s1.frontier).toEqual({ selected: 2, entries: 5 });
    expect(run(s1, { type: 'move', delta: 1 }).frontier?.selected).toBe(3);
    expect(run(s1, { type: 'move', delta: 10 }).frontier?.selected).toBe(4);
    expect(run(s1, { type: 'move', delta: -10 }).frontier?.selected).toBe(0);
    expect(run(s1, { type: 'move', delta: 1 }).focus).toBe(s0.focus);
    expect(open(s0, 0, 0).frontier).toEqual({ selected: 0, entries: 0 });
  });

  it('leaves the inputs as they were: the same raw scenario, focus, panel, column, undo and rejected text', () => {
    const s0 = focusOn(initialState(raw(), null), 'workload.peakRate');
    const edited = run(
      s0,
      ...type('6000/s'),
      { type: 'move', delta: 1 },
      ...type('lots'),
      { type: 'cancel' },
      {
        type: 'nextPanel',
      },
    );
    expect(edited.fieldError?.value).toBe('lots');
    const back = run(open(edited), { type: 'move', delta: 3 }, { type: 'toggleFrontier', entries: 5, selected: 0 });
    expect(back.frontier).toBeNull();
    for (const k of ['raw', 'focus', 'panel', 'column', 'undo', 'fieldError', 'dirty', 'editing'] as const) {
      expect(back[k], k).toBe(edited[k]);
    }
    expect(run(back, { type: 'startEdit' }).editing?.buffer).toBe('lots');
    // Esc closes it too
    expect(run(open(edited), { type: 'cancel' }).frontier).toBeNull();
  });

  it('keys that would edit, undo or change the hidden screen do nothing there but say how to go back', () => {
    const s0 = run(focusOn(initialState(raw(), null), 'workload.peakRate'), ...type('6000/s'));
    const s1 = open(s0);
    for (const action of [
      { type: 'startEdit' },
      { type: 'undo' },
      { type: 'nextPanel' },
      { type: 'scroll', delta: 1 },
    ]) {
      const s2 = run(s1, action as Action);
      expect(s2.raw).toBe(s0.raw);
      expect(s2.editing).toBeNull();
      expect(s2.panel).toBe(s0.panel);
      expect(s2.column).toBe(s0.column);
      expect(s2.message?.text).toMatch(/f or Esc goes back/);
    }
    // the hint goes with the view
    expect(run(s1, { type: 'undo' }, { type: 'cancel' }).message).toBeNull();
  });

  it('f is a binding with a footer word; it types an f while editing', () => {
    const s = initialState(raw(), null);
    expect(commandFor(s, 'f', key())).toEqual({ effect: 'frontier' });
    expect(BINDINGS.find((b) => b.keys === 'f')?.footer).toBe('frontier');
    const editing = reducer(s, { type: 'startEdit' });
    expect(commandFor(editing, 'f', key())).toEqual({ action: { type: 'input', text: 'f' } });
  });

  it("the help's key labels name exactly the presses of their bindings (continuation rows under the row above)", () => {
    // group each labelled binding with the unlabelled rows after it
    const groups: { label: string; names: string[] }[] = [];
    for (const b of BINDINGS) {
      if (b.keys) groups.push({ label: b.keys, names: [] });
      groups[groups.length - 1]?.names.push(...b.press.map(pressName));
    }
    for (const g of groups) {
      // Ctrl-C is Ink's exit, not a binding
      const tokens = g.label.split(/[\s,/]+/).filter((t) => t !== '' && !t.startsWith('Ctrl-'));
      expect([...new Set(g.names)].sort(), g.label).toEqual([...new Set(tokens)].sort());
    }
    // every press reaches its command: the first binding that names it
    for (const b of BINDINGS) {
      for (const p of b.press) {
        const k = key('char' in p ? {} : { [p.key]: true, shift: p.shift ?? false });
        const first = BINDINGS.find((x) => x.press.some((q) => pressName(q) === pressName(p)));
        expect(commandFor(initialState(raw(), null), 'char' in p ? p.char : '', k)).toEqual(first?.command);
      }
    }
  });

  it('the footer keeps ? help and q quit when it is too narrow for every key', () => {
    const wide = footerKeys(200);
    for (const b of BINDINGS.filter((x) => x.footer)) expect(wide).toContain(` ${b.footer}`);
    const narrow = footerKeys(80);
    expect(narrow.length).toBeLessThanOrEqual(80);
    expect(narrow).toMatch(/f frontier/);
    expect(narrow).toMatch(/^\? help {2}q quit {2}/); // first: help lists the rest
  });
});

describe('keys', () => {
  it('a chunk of quickly typed keys splits into text, backspaces and Enter', () => {
    const parts = splitChunk('\x7f\x7fab\r', key());
    expect(parts.map(([i, k]) => (k.return ? 'RET' : k.backspace ? 'BS' : i))).toEqual(['BS', 'BS', 'ab', 'RET']);
    expect(splitChunk('\x1b[A', key({ upArrow: true }))).toHaveLength(1);
  });

  const s = initialState(raw(), null);
  it('map to actions by mode', () => {
    expect(commandFor(s, '', key({ downArrow: true }))).toEqual({ action: { type: 'move', delta: 1 } });
    expect(commandFor(s, 'u', key())).toEqual({ action: { type: 'undo' } });
    expect(commandFor(s, 'm', key())).toEqual({ effect: 'simulate' });
    expect(commandFor(s, 'q', key())).toEqual({ effect: 'quit' });
    const editing = reducer(s, { type: 'startEdit' });
    expect(commandFor(editing, 'q', key())).toEqual({ action: { type: 'input', text: 'q' } });
    expect(commandFor(editing, '', key({ escape: true }))).toEqual({ action: { type: 'cancel' } });
    const running = { ...s, sim: { status: 'running' as const, done: 0, total: 1 } };
    expect(commandFor(running, '', key({ escape: true }))).toEqual({ effect: 'cancelSimulation' });
  });
});

describe('the worksheet being written (w): seconds and the percent the child reports', () => {
  const writing = reducer(initialState(raw(), null), { type: 'worksheetStart', path: 'w.html', format: 'html' });
  const footer = (s: TuiState) => footerLines(s, 200)[0]?.text.trimEnd();

  it('starts without a percent, showing the seconds as before', () => {
    expect(writing.worksheet).toEqual({ path: 'w.html', format: 'html', seconds: 0, percent: null });
    const ticked = reducer(writing, { type: 'worksheetTick', seconds: 3 });
    expect(footer(ticked)).toBe('writing the worksheet to w.html (html): 3 s (Esc cancels)');
  });

  it('worksheetProgress sets the percent, never lower, within 0-100; ticks keep it; the footer shows both', () => {
    let s = reducer(writing, { type: 'worksheetProgress', percent: 42 });
    expect(s.worksheet?.percent).toBe(42);
    s = reducer(s, { type: 'worksheetTick', seconds: 12 });
    expect(s.worksheet).toMatchObject({ seconds: 12, percent: 42 });
    expect(footer(s)).toBe('writing the worksheet to w.html (html): 42% (12 s) (Esc cancels)');
    expect(reducer(s, { type: 'worksheetProgress', percent: 30 })).toBe(s);
    expect(reducer(s, { type: 'worksheetProgress', percent: 250 }).worksheet?.percent).toBe(100);
    expect(reducer(s, { type: 'worksheetProgress', percent: Number.NaN })).toBe(s);
    const done = reducer(s, { type: 'worksheetDone', kind: 'info', text: 'wrote it' });
    expect(done.worksheet).toBeNull();
  });

  it('a progress line with no worksheet being written changes nothing', () => {
    const idle = initialState(raw(), null);
    expect(reducer(idle, { type: 'worksheetProgress', percent: 10 })).toBe(idle);
  });
});
