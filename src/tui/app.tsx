/**
 * The Ink application: the reducer's state, keys turned into actions and effects (save, open, simulate, quit), and
 * the screen laid out from the pure view functions. The engine runs in-process (it is pure and fast); the Monte
 * Carlo simulation runs on worker threads so that the screen stays responsive, and Esc cancels it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Box, type Key, Text, useApp, useInput, useStdout } from 'ink';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { loadCatalog } from '../catalog/index.js';
import type { CostCurve } from '../compare/costCurve.js';
import { FREEZE_NOTE } from '../compare/designs.js';
import { nines, SECONDS_PER_YEAR } from '../core/reliability/index.js';
import { describePath, InputError, InputErrors } from '../errors.js';
import { PROGRESS_ENV, progressOf } from '../io/progressLines.js';
import { readScenarioFile } from '../io/readInput.js';
import { readScenarioJson } from '../scenario/read.js';
import { SIMULATION_DEFAULTS } from '../scenario/types.js';
import { SimulationAborted } from '../simWorkers/pool.js';
import { simulateComparison } from '../simWorkers/scenario.js';
import { NotRegularFileError, writeFileAtomic } from '../util/atomicWrite.js';
import { frontierLines, recommendedEntry } from './frontierView.js';
import { commandFor, type Effect, splitChunk } from './keys.js';
import type { RawObject } from './rawPath.js';
import { analyze, curveOf, shownResult, stepCurve } from './selectors.js';
import { type Action, initialState, reducer, type TuiState, validate, worksheetFormatOf } from './state.js';
import { safeText } from './text.js';
import {
  chartLines,
  comparisonLines,
  footerLines,
  headerLine,
  helpLines,
  inputView,
  type Line,
  leftWidth,
  recommendationHead,
  recommendationWhy,
  type Style,
} from './view.js';

/** Stops a running worksheet child and its clock (Esc, quitting, unmounting); the CLI writes its file atomically. */
function stopJob(job: { current: { child: ChildProcess; timer: ReturnType<typeof setInterval> } | null }): void {
  const j = job.current;
  if (!j) return;
  job.current = null;
  clearInterval(j.timer);
  j.child.kill();
}

/** The characters of the worksheet child's stderr kept for its error message (the end of it). */
const STDERR_KEPT_CHARS = 4000;

export interface AppProps {
  raw: RawObject;
  source: string | null;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  size?: { columns: number; rows: number };
  /** Use colour (off with NO_COLOR). */
  color: boolean;
  /** The bundled simulation worker (dist/simWorker.js). */
  simWorkerUrl?: URL;
  /**
   * Keep today's designs in the cost-vs-load chart and the worksheet (--freeze) instead of searching again at every
   * point when the scenario names no architectures.
   */
  freeze?: boolean;
  /** The CLI that `w` runs as `capplan worksheet` (bin/capplan.js; found beside the sources or the bundle). */
  binUrl?: URL;
}

/** bin/capplan.js: two levels up from src/tui/app.tsx, and from the bundle's dist/chunks/. */
const DEFAULT_BIN = new URL('../../bin/capplan.js', import.meta.url);

function useTerminalSize(fixed?: { columns: number; rows: number }) {
  const { stdout } = useStdout();
  const read = () => fixed ?? { columns: stdout.columns || 80, rows: stdout.rows || 24 };
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed) return;
    const onResize = () => setSize({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed]);
  return size;
}

function styled(l: Line, color: boolean, key: string | number) {
  const props: Record<Style, object> = {
    plain: {},
    title: { bold: true },
    focus: { inverse: true },
    edit: { inverse: true, bold: true },
    error: color ? { color: 'red' } : { bold: true },
    dim: color ? { dimColor: true } : {},
    ok: color ? { color: 'green', bold: true } : { bold: true },
    bad: color ? { color: 'red', bold: true } : { bold: true },
    group: { bold: true, underline: true },
  };
  // every string reaches the terminal through here: control characters escaped (a user's file or design name)
  let text = safeText(l.text);
  const misses = color && l.style === 'plain' && /\bMISS\b/.test(text);
  if (misses || (l.emph && text === l.text)) {
    const [from, to] = l.emph ?? [0, 0];
    const parts = l.emph ? [text.slice(0, from), text.slice(from, to), text.slice(to)] : [text];
    const emph = color ? { color: 'cyan', bold: true } : { bold: true };
    return (
      <Text key={key} wrap="truncate" {...props[l.style]}>
        {parts.map((part, p) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static split of one line
          <Text key={p} {...(l.emph && p === 1 ? emph : {})}>
            {(color ? part.split(/(MISS)/) : [part]).map((bit, i) =>
              bit === 'MISS' ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: static split of one line
                <Text key={i} color="red" bold>
                  {bit}
                </Text>
              ) : (
                bit
              ),
            )}
          </Text>
        ))}
      </Text>
    );
  }
  if (text === '') text = ' ';
  return (
    <Text key={key} wrap="truncate" {...props[l.style]}>
      {text}
    </Text>
  );
}

/**
 * Requests per candidate when `m` simulates a scenario without a simulation block: a fifth of the batch default, so
 * the answer comes in a second or two on this kind of machine (the scenario's own block, when it has one, is used as is).
 */
const TUI_SIMULATED_REQUESTS = 200_000;

/** The scenario `m` simulates: the edited one, with its simulation block or the TUI's. */
function withSimulationDefaults(state: TuiState) {
  const a = analyze(state.raw);
  const scenario = a.scenario.simulation
    ? a.scenario
    : { ...a.scenario, simulation: { ...SIMULATION_DEFAULTS, requests: TUI_SIMULATED_REQUESTS } };
  return { scenario, result: a.result };
}

/** The app as an element, for render() (so run.ts, loaded without a terminal too, never imports React itself). */
export function appElement(props: AppProps) {
  return <App {...props} />;
}

export function App({ raw, source, size: fixedSize, color, simWorkerUrl, freeze = false, binUrl }: AppProps) {
  const [state, dispatch] = useReducer(reducer, undefined, () => initialState(raw, source));
  const { exit } = useApp();
  const size = useTerminalSize(fixedSize);
  const abort = useRef<AbortController | null>(null);
  /** The file `o` is reading, if any (Esc and Ctrl-C abandon it). */
  const opening = useRef<AbortController | null>(null);
  // the state as of the key being handled (several keys of one chunk are handled before React re-renders)
  const stateRef = useRef(state);
  stateRef.current = state;
  const [, setCurveTick] = useState(0);
  /** The worksheet being written by `capplan worksheet` (w), and its ticking clock. */
  const worksheetJob = useRef<{ child: ChildProcess; timer: ReturnType<typeof setInterval> } | null>(null);
  /** The first row of the input list shown (it scrolls only near its edges). */
  const inputTop = useRef(0);
  /** The last complete cost-vs-load curve, shown dimmed while the next one is computed. */
  const lastCurve = useRef<CostCurve | undefined>(undefined);
  // an action applied at once to the state the next key of the chunk sees, and dispatched for the next frame
  const apply = (action: Action) => {
    stateRef.current = reducer(stateRef.current, action);
    dispatch(action);
  };

  // the cost-vs-load curve is computed after the frame that shows the new numbers, one point per timer tick (each
  // point may be a search), so keys are handled in between; an edit stops it, undo resumes it
  useEffect(() => {
    if (curveOf(state.raw, freeze)) return;
    let t: ReturnType<typeof setTimeout>;
    const step = () => {
      if (stepCurve(state.raw, freeze)) setCurveTick((n) => n + 1);
      else t = setTimeout(step, 0);
    };
    t = setTimeout(step, 0);
    return () => clearTimeout(t);
  }, [state.raw, freeze]);

  // --freeze with a scenario that names its architectures is not an error: say that the designs are its own
  useEffect(() => {
    if (freeze && analyze(raw).scenario.architectures !== null) {
      dispatch({ type: 'message', kind: 'info', text: FREEZE_NOTE });
    }
  }, [freeze, raw]);

  useEffect(
    () => () => {
      abort.current?.abort();
      stopJob(worksheetJob);
    },
    [],
  );

  /** Stops the worksheet's process (Esc, quitting); the file is not written (the CLI writes it atomically). */
  function stopWorksheet() {
    stopJob(worksheetJob);
  }

  /**
   * `w`: the worksheet `capplan worksheet` writes, by that very command in a child process (so the screen keeps
   * answering keys and counts the seconds): the scenario as edited on its stdin, `--format` from the file name, and
   * the TUI's simulation block when the figures shown are simulated (the scenario's own simulation runs as the CLI
   * runs it).
   */
  function writeWorksheet(path: string) {
    const state = stateRef.current;
    if (path === '') {
      dispatch({ type: 'message', kind: 'error', text: 'no file name given; no worksheet written' });
      return;
    }
    if (worksheetJob.current) return;
    const format = worksheetFormatOf(path);
    const simulatedHere = shownResult(state).architectures.some((x) => x.simulated);
    const scenario =
      simulatedHere && state.raw.simulation === undefined
        ? { ...state.raw, simulation: { requests: TUI_SIMULATED_REQUESTS } }
        : state.raw;
    const bin = fileURLToPath(binUrl ?? DEFAULT_BIN);
    // the file itself when the scenario is as saved there (the worksheet then names it), else the edits on stdin
    const input = !state.dirty && state.source !== null && scenario === state.raw ? state.source : '-';
    const args = [bin, 'worksheet', input, '--format', format, '--out', path, ...(freeze ? ['--freeze'] : [])];
    // the child reports its progress as `progress N` lines on stderr (PROGRESS_ENV); every other line is kept for
    // the error message
    const child = spawn(process.execPath, args, {
      stdio: ['pipe', 'ignore', 'pipe'],
      env: { ...process.env, [PROGRESS_ENV]: '1' },
    });
    let stderr = '';
    let partial = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d: string) => {
      const lines = (partial + d).split('\n');
      partial = (lines.pop() ?? '').slice(-STDERR_KEPT_CHARS); // a line without its end yet (bounded, as the rest)
      for (const l of lines) {
        const percent = progressOf(l);
        if (percent !== null) {
          if (worksheetJob.current?.child === child) dispatch({ type: 'worksheetProgress', percent });
        } else stderr = `${stderr}${l}\n`.slice(-STDERR_KEPT_CHARS);
      }
    });
    child.stdin?.on('error', () => {}); // a child that failed early closed its stdin: its exit says why
    child.stdin?.end(input === '-' ? `${JSON.stringify(scenario, null, 2)}\n` : '');
    const t0 = Date.now();
    const timer = setInterval(
      () => dispatch({ type: 'worksheetTick', seconds: Math.round((Date.now() - t0) / 1000) }),
      1000,
    );
    worksheetJob.current = { child, timer };
    dispatch({ type: 'worksheetStart', path, format });
    const finish = (kind: 'info' | 'error', text: string) => {
      if (worksheetJob.current?.child !== child) return; // cancelled
      worksheetJob.current = null;
      clearInterval(timer);
      dispatch({ type: 'worksheetDone', kind, text });
    };
    child.on('error', (error) => finish('error', `cannot write the worksheet: ${error.message}`));
    child.on('close', (code) => {
      const why = (stderr + partial)
        .split('\n')
        .filter((l) => l.trim() !== '' && !l.startsWith('note:'))
        .pop();
      if (code === 0)
        finish('info', `wrote the design-review worksheet to ${path} (${format === 'html' ? 'HTML' : 'Markdown'})`);
      else finish('error', `no worksheet written: ${why ?? `capplan worksheet exited ${code}`}`);
    });
  }

  const effect = (e: Effect) => {
    const state = stateRef.current;
    switch (e) {
      case 'quit':
      case 'interrupt':
        if (state.dirty && !state.quitConfirm) apply({ type: 'quitRequest', interrupt: e === 'interrupt' });
        else {
          abort.current?.abort();
          opening.current?.abort();
          stopWorksheet();
          exit();
        }
        return;
      case 'cancelWorksheet':
        if (worksheetJob.current) {
          stopWorksheet();
          dispatch({ type: 'worksheetDone', kind: 'info', text: 'worksheet cancelled; nothing written' });
        }
        return;
      case 'save':
        if (state.source === null) {
          dispatch({ type: 'openPrompt', kind: 'save' });
          return;
        }
        save(state.source);
        return;
      case 'saveAs':
        if (state.prompt?.kind === 'save') save(state.prompt.buffer.trim());
        else dispatch({ type: 'openPrompt', kind: 'save' });
        return;
      case 'open': {
        const path = state.prompt?.buffer.trim() ?? '';
        // read as every command reads (the size limit while reading, asynchronously): /dev/zero is refused at 1 MiB,
        // a FIFO nobody writes to leaves the keys working, and Esc (which closes the prompt) abandons the read
        opening.current?.abort();
        const controller = new AbortController();
        opening.current = controller;
        dispatch({ type: 'promptStatus', text: 'reading; Esc cancels' });
        readScenarioFile(path, controller.signal).then(
          (text) => {
            if (!controller.signal.aborted) openText(path, text);
          },
          (error) => {
            if (controller.signal.aborted) return;
            const text =
              error instanceof InputErrors || error instanceof InputError
                ? `nothing opened: ${error.message}`
                : `cannot open ${describePath(path)}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`;
            failedOpen(text);
          },
        );
        return;
      }
      case 'simulate': {
        if (state.sim.status === 'running') return;
        const controller = new AbortController();
        abort.current = controller;
        const forRaw = state.raw;
        const { scenario, result } = withSimulationDefaults(state);
        dispatch({ type: 'simStart' });
        simulateComparison(result, scenario, loadCatalog(), {
          threads: Math.max(2, availableParallelism()),
          ...(simWorkerUrl ? { workerUrl: simWorkerUrl } : {}),
          signal: controller.signal,
          onProgress: (done, total) => dispatch({ type: 'simProgress', done, total }),
        }).then(
          (r) => dispatch({ type: 'simDone', result: r, forRaw }),
          (error) =>
            error instanceof SimulationAborted
              ? dispatch({ type: 'simCancelled' })
              : dispatch({ type: 'simError', text: `simulation failed: ${(error as Error).message}` }),
        );
        return;
      }
      case 'cancelSimulation':
        abort.current?.abort();
        return;
      case 'frontier': {
        const shown = shownResult(state);
        apply({
          type: 'toggleFrontier',
          entries: shown.frontier.length,
          selected: Math.max(0, recommendedEntry(shown)),
        });
        return;
      }
      case 'worksheet':
        writeWorksheet(state.prompt?.kind === 'worksheet' ? state.prompt.buffer.trim() : '');
        return;
    }
  };

  function save(path: string) {
    const state = stateRef.current;
    if (path === '') {
      dispatch({ type: 'message', kind: 'error', text: 'no file name given; nothing saved' });
      return;
    }
    try {
      writeFileAtomic(path, `${JSON.stringify(state.raw, null, 2)}\n`);
      dispatch({ type: 'saved', path });
    } catch (error) {
      dispatch({
        type: 'message',
        kind: 'error',
        text: `cannot save ${describePath(path)}: ${error instanceof NotRegularFileError ? `${error.kind}, not a regular file` : ((error as NodeJS.ErrnoException).code ?? 'error')}; the scenario is still here`,
      });
    }
  }

  /** Why `o` opened nothing: on the prompt (kept open to fix the name) and on the message line once it closes. */
  function failedOpen(text: string) {
    opening.current = null;
    dispatch({ type: 'promptStatus', text });
    dispatch({ type: 'message', kind: 'error', text });
  }

  /** A file's text read by `o`: parsed and validated as `capplan run` does; the scenario replaced only if valid. */
  function openText(path: string, text: string) {
    opening.current = null;
    if (stateRef.current.prompt?.kind !== 'open') return; // Esc closed the prompt while the file was read
    let parsed: unknown;
    try {
      parsed = readScenarioJson(text, path);
    } catch (error) {
      if (!(error instanceof InputErrors)) throw error;
      // first, so that a narrow footer still shows it
      failedOpen(`nothing opened: ${error.errors[0]?.message ?? `${path}: not valid JSON`}`);
      return;
    }
    const v = validate(parsed as RawObject);
    if ('problems' in v) {
      failedOpen(`${describePath(path)}: ${v.problems[0]?.text ?? 'invalid'}; nothing opened`);
      return;
    }
    dispatch({ type: 'closePrompt' });
    dispatch({ type: 'load', raw: parsed as RawObject, source: path });
  }

  // A stable handler (reading the latest state and effects through refs): Ink then keeps one stdin listener
  // instead of re-subscribing on every frame, so no key press falls between two subscriptions.
  const effectRef = useRef(effect);
  effectRef.current = effect;
  const applyRef = useRef(apply);
  applyRef.current = apply;
  const onInput = useCallback((input: string, key: Key) => {
    if (key.escape || (key.ctrl && input === 'c')) opening.current?.abort();
    for (const [i, k] of splitChunk(input, key)) {
      const c = commandFor(stateRef.current, i, k);
      if (c === null) continue;
      if ('effect' in c) effectRef.current(c.effect);
      else applyRef.current(c.action);
    }
  }, []);
  useInput(onInput);

  const { columns, rows } = size;
  const a = analyze(state.raw);
  const result = shownResult(state);
  const header = headerLine(state, result, columns);
  const footer = footerLines(state, columns);
  const bodyRows = Math.max(4, rows - 1 - footer.length - 1);
  if (state.help) {
    // the help has the footer's rows too
    return (
      <Box flexDirection="column" width={columns}>
        {styled(header, color, 'h')}
        {helpLines(columns)
          .slice(0, rows - 2)
          .map((l, i) => styled(l, color, i))}
      </Box>
    );
  }
  const promptLabel = { open: 'Open file', save: 'Save as', worksheet: 'Worksheet to' } as const;
  const promptHint = state.prompt?.kind === 'worksheet' ? '.md or .html, Tab switches; Enter, Esc' : 'Enter, Esc';
  const prompt = state.prompt
    ? {
        text: `${promptLabel[state.prompt.kind]}: ${state.prompt.buffer}_  (${state.prompt.status ?? promptHint})`,
        style: 'edit' as Style,
      }
    : null;
  const bottom = (
    <>
      {prompt ? styled(prompt, color, 'p') : styled(footer[0] as Line, color, 'f0')}
      {styled(footer[1] as Line, color, 'f1')}
    </>
  );
  if (state.frontier) {
    const lines = frontierLines(result, {
      selected: state.frontier.selected,
      width: columns,
      height: bodyRows,
      ascii: !color,
      targetNines: nines(a.scenario.targets.unavailability),
      budgetUsdPerMonth: a.scenario.targets.budgetUsdPerMonth,
    });
    return (
      <Box flexDirection="column" width={columns}>
        {styled(header, color, 'h')}
        <Box flexDirection="column" height={bodyRows}>
          {lines.map((l, i) => styled(l, color, i))}
        </Box>
        {bottom}
      </Box>
    );
  }
  const lw = leftWidth(columns);
  const rw = columns - lw - 2;
  const inputs = inputView(state, lw, bodyRows, inputTop.current);
  inputTop.current = inputs.top;
  const left = inputs.lines;
  const ascii = !color;
  const allowed = (a.scenario.targets.unavailability * SECONDS_PER_YEAR) / 60;
  // the previous curve stays, dimmed, until this scenario's is ready: no blank chart, no jump
  const fresh = curveOf(state.raw, freeze);
  if (fresh) lastCurve.current = fresh;
  const curve = fresh ?? lastCurve.current;
  const chart = (panel: 'cost' | 'latency' | 'downtime', height: number) =>
    chartLines(panel, result, curve, rw, height, ascii, allowed, fresh === undefined);
  const blank: Line = { text: '', style: 'plain' };
  // the verdict first (the recommended design, its cost, nines and p99), then the comparison or a chart, then why
  const head = recommendationHead(result, rw);
  const right: Line[] = [...head, blank];
  const tall = bodyRows >= 30;
  const table = comparisonLines(result, rw, state.column, tall ? Infinity : bodyRows - head.length - 1);
  if (tall) {
    right.push(...table, blank, ...recommendationWhy(result, rw, 3), blank);
    right.push(...chart(state.panel === 'table' ? 'cost' : state.panel, bodyRows - right.length));
  } else if (state.panel === 'table') {
    right.push(...table);
    const room = bodyRows - right.length - 1;
    if (room > 0) right.push(blank, ...recommendationWhy(result, rw, room));
  } else {
    right.push(...chart(state.panel, bodyRows - right.length));
  }
  return (
    <Box flexDirection="column" width={columns}>
      {styled(header, color, 'h')}
      <Box flexDirection="row" height={bodyRows}>
        <Box flexDirection="column" width={lw}>
          {left.map((l, i) => styled(l, color, i))}
        </Box>
        <Box width={2} />
        <Box flexDirection="column" width={rw}>
          {right.slice(0, bodyRows).map((l, i) => styled(l, color, i))}
        </Box>
      </Box>
      {bottom}
    </Box>
  );
}
