/**
 * `capplan` / `capplan tui [FILE]`: the interactive UI on a terminal; without one (piped, CI) the comparison as text,
 * exit 0, instead of failing on raw mode. Loaded only by these commands (batch commands never load Ink or React).
 */
import { InputError } from '../errors.js';
import type { CliIo } from '../io/io.js';
import { EXIT } from '../io/io.js';
import { readScenarioFile } from '../io/readInput.js';
import { comparisonTable } from '../report/table.js';
import { DEFAULT_SCENARIO_SOURCE, DEFAULT_SCENARIO_TEXT } from '../scenario/defaultScenario.js';
import { readScenarioJson } from '../scenario/read.js';
import type { RawObject } from './rawPath.js';
import { analyze } from './selectors.js';
import { validate } from './state.js';
import { safeText } from './text.js';

async function load(file: string | undefined): Promise<{ raw: RawObject; source: string | null; label: string }> {
  if (file === undefined)
    return { raw: JSON.parse(DEFAULT_SCENARIO_TEXT) as RawObject, source: null, label: DEFAULT_SCENARIO_SOURCE };
  // as `capplan run` reads it: the size limit while reading, a byte-order mark skipped, a syntax error's line and
  // column named
  const raw = readScenarioJson(await readScenarioFile(file), file);
  const v = validate(raw as RawObject);
  if ('problems' in v)
    throw new InputError(v.problems[0]?.path ?? 'FILE', file, `a valid scenario: ${v.problems[0]?.text}`);
  return { raw: raw as RawObject, source: file, label: file };
}

/** The terminal's alternate screen (xterm's 1049: the screen as it was comes back on leaving) and the way back. */
const ALT_SCREEN = '\x1b[?1049h';
const MAIN_SCREEN = '\x1b[?1049l';

export async function runTui(file: string | undefined, io: CliIo, opts: { freeze?: boolean } = {}): Promise<number> {
  const stdout = io.stdout as NodeJS.WriteStream;
  const stdin = io.stdin as NodeJS.ReadStream | undefined;
  if (!stdout.isTTY || !stdin?.isTTY) {
    const { raw, label } = await load(file);
    io.stdout.write(comparisonTable(analyze(raw).result, stdout.columns ?? 100));
    io.stdout.write(`\nThe scenario: ${label}. On a terminal, capplan opens the interactive UI.\n`);
    return EXIT.ok;
  }
  // the UI draws on the alternate screen, so that quitting leaves the terminal as it was (no last frame behind); a
  // line says what is happening while the scenario, the engine and Ink load (seconds on a slow machine), and the
  // first frame's title overwrites it
  let onMain = false;
  const leave = () => {
    if (onMain) return;
    onMain = true;
    stdout.write(MAIN_SCREEN);
  };
  process.once('exit', leave);
  stdout.write(`${ALT_SCREEN}\x1b[H\x1b[2Jcapplan: loading ${safeText(file ?? 'the example scenario')}...\x1b[H`);
  try {
    const { raw, source } = await load(file);
    // Ink draws only the last frame, at exit, when it believes it runs in CI (a CI or CONTINUOUS_INTEGRATION variable,
    // read once when Ink loads): on a real terminal that is a blank screen. Here both ends are TTYs, so a person asked
    // for the interactive UI; clear the variables for this process before Ink loads.
    for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) if (name in process.env) process.env[name] = 'false';
    const { render } = await import('ink');
    const { appElement } = await import('./app.js');
    const color = !io.env?.NO_COLOR;
    const app = render(
      appElement({
        raw,
        source,
        color,
        freeze: opts.freeze ?? false,
        ...(io.simWorkerUrl ? { simWorkerUrl: io.simWorkerUrl } : {}),
      }),
      {
        stdout,
        stdin,
        exitOnCtrlC: false,
        // a frame at most every 8 ms (Ink's default 30 a second held an edit's frame back by up to 33 ms after the
        // key that typed its last character). Not Ink's incremental rendering: it left stale lines behind (tmux, 200x50)
        maxFps: 120,
      },
    );
    await app.waitUntilExit();
    return EXIT.ok;
  } finally {
    leave();
    process.off('exit', leave);
  }
}
