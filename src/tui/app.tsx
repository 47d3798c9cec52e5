/**
 * The Ink application: the reducer's state, keys turned into actions and effects (save, open, simulate, quit), and
 * the screen laid out from the pure view functions. The engine runs in-process (it is pure and fast); the Monte
 * Carlo simulation runs on worker threads so that the screen stays responsive, and Esc cancels it.
 */
import { availableParallelism } from 'node:os';
import { Box, type Key, Text, useApp, useInput, useStdout } from 'ink';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { loadCatalog } from '../catalog/index.js';
import { FREEZE_NOTE } from '../compare/designs.js';
import { nines, SECONDS_PER_YEAR } from '../core/reliability/index.js';
import { describePath, InputError, InputErrors } from '../errors.js';
import { readScenarioFile } from '../io/readInput.js';
import { buildWorksheetInput } from '../report/buildWorksheet.js';
import { worksheetMarkdown } from '../report/worksheet.js';
import { readScenarioJson } from '../scenario/read.js';
import { SIMULATION_DEFAULTS } from '../scenario/types.js';
import { SimulationAborted } from '../simWorkers/pool.js';
import { simulateComparison } from '../simWorkers/scenario.js';
import { NotRegularFileError, writeFileAtomic } from '../util/atomicWrite.js';
import { frontierLines, recommendedEntry } from './frontierView.js';
import { commandFor, type Effect, splitChunk } from './keys.js';
import type { RawObject } from './rawPath.js';
import { analyze, curveOf, shownResult, stepCurve } from './selectors.js';
import { type Action, initialState, reducer, type TuiState, validate } from './state.js';
import {
  chartLines,
  comparisonLines,
  footerLines,
  headerLine,
  helpLines,
  inputLines,
  type Line,
  leftWidth,
  recommendationLines,
  type Style,
} from './view.js';

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
}

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
  let text = l.text;
  if (color && l.style === 'plain' && /\bMISS\b/.test(text)) {
    return (
      <Text key={key}>
        {text.split(/(MISS)/).map((part, i) =>
          part === 'MISS' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: static split of one line
            <Text key={i} color="red" bold>
              {part}
            </Text>
          ) : (
            part
          ),
        )}
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

/** scenario.json -> scenario.worksheet.md beside it; an unsaved scenario -> worksheet.md here. */
function worksheetPath(source: string | null): string {
  if (source === null) return 'worksheet.md';
  return `${source.replace(/\.json$/i, '')}.worksheet.md`;
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

export function App({ raw, source, size: fixedSize, color, simWorkerUrl, freeze = false }: AppProps) {
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

  useEffect(() => () => abort.current?.abort(), []);

  const effect = (e: Effect) => {
    const state = stateRef.current;
    switch (e) {
      case 'quit':
        if (state.dirty && !state.quitConfirm) dispatch({ type: 'quitRequest' });
        else {
          abort.current?.abort();
          opening.current?.abort();
          exit();
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
      case 'worksheet': {
        const path = worksheetPath(state.source);
        try {
          const shown = shownResult(state);
          // the scenario as simulated when the figures shown are simulated, so the worksheet lists the simulation
          const scenario = shown.architectures.some((x) => x.simulated)
            ? withSimulationDefaults(state).scenario
            : analyze(state.raw).scenario;
          // the curve on screen, when it is of the figures shown (not simulated) and complete
          const curve = shown === analyze(state.raw).result ? curveOf(state.raw, freeze) : undefined;
          const input = buildWorksheetInput(
            scenario,
            shown,
            loadCatalog(),
            state.source ?? 'the scenario edited in capplan',
            undefined,
            { freeze, ...(curve ? { curve } : {}) },
          );
          writeFileAtomic(path, worksheetMarkdown(input));
          dispatch({ type: 'message', kind: 'info', text: `wrote the design-review worksheet to ${path}` });
        } catch (error) {
          dispatch({
            type: 'message',
            kind: 'error',
            text: `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
          });
        }
        return;
      }
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
  const onInput = useCallback(
    (input: string, key: Key) => {
      if (key.ctrl && input === 'c') {
        abort.current?.abort();
        opening.current?.abort();
        exit();
        return;
      }
      if (key.escape) opening.current?.abort();
      for (const [i, k] of splitChunk(input, key)) {
        const c = commandFor(stateRef.current, i, k);
        if (c === null) continue;
        if ('effect' in c) effectRef.current(c.effect);
        else applyRef.current(c.action);
      }
    },
    [exit],
  );
  useInput(onInput);

  const { columns, rows } = size;
  const a = analyze(state.raw);
  const result = shownResult(state);
  const header = headerLine(state, result, columns);
  const footer = footerLines(state, columns);
  const bodyRows = Math.max(4, rows - 1 - footer.length - 1);
  if (state.help) {
    return (
      <Box flexDirection="column" width={columns}>
        {styled(header, color, 'h')}
        {helpLines(columns)
          .slice(0, bodyRows)
          .map((l, i) => styled(l, color, i))}
      </Box>
    );
  }
  const prompt = state.prompt
    ? {
        text: `${state.prompt.kind === 'open' ? 'Open file' : 'Save as'}: ${state.prompt.buffer}_  (${state.prompt.status ?? 'Enter, Esc'})`,
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
  const left = inputLines(state, lw, bodyRows);
  const right: Line[] = [];
  const ascii = !color;
  const allowed = (a.scenario.targets.unavailability * SECONDS_PER_YEAR) / 60;
  const tall = bodyRows >= 30;
  const table = comparisonLines(result, rw, state.column);
  const rec = recommendationLines(result, rw, tall ? 4 : 3);
  if (tall) {
    right.push(...table, { text: '', style: 'plain' }, ...rec, { text: '', style: 'plain' });
    const chartPanel = state.panel === 'table' ? 'cost' : state.panel;
    right.push(
      ...chartLines(chartPanel, result, curveOf(state.raw, freeze), rw, bodyRows - right.length, ascii, allowed),
    );
  } else if (state.panel === 'table') {
    right.push(...table, { text: '', style: 'plain' }, ...rec);
  } else {
    right.push(
      ...chartLines(state.panel, result, curveOf(state.raw, freeze), rw, bodyRows - rec.length - 1, ascii, allowed),
    );
    right.push({ text: '', style: 'plain' }, ...rec);
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
