// The real terminal: tmux runs `capplan` (the built bin, as a user would after npm install) at 120x40, we send keys
// and read the screen with capture-pane, asserting on what a person would see. CI installs tmux (.ci/run).
// CI=1 on purpose: CI machines set it, and Ink then drew nothing until exit (a blank terminal; fixed in tui/run.ts).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../cli/run.js';
import { scratchDir } from '../helpers/scratchDir.js';

const haveTmux = spawnSync('tmux', ['-V']).status === 0;
/** A tmux server of its own (`-L socket`) with a window `ui`: run tmux there, read the screen, type, wait. */
function terminal(socket: string) {
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const screen = () => tmux('capture-pane', '-p', '-t', 'ui');
  const keys = (...k: string[]) => tmux('send-keys', '-t', 'ui', ...k);
  /**
   * Polls the screen until `ok` holds (the UI redraws asynchronously); fails with the last screen after `ms`. The
   * limit is generous on purpose: on a loaded machine a re-search after an edit took over 15 s (a failure that said
   * nothing about the UI), and a test that passes waits only as long as the screen needs.
   */
  async function waitFor(ok: (s: string) => boolean, what: string, ms = 90_000): Promise<string> {
    const end = Date.now() + ms;
    let last = '';
    while (Date.now() < end) {
      last = screen();
      if (ok(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}; the screen was:\n${last}`);
  }
  return { tmux, screen, keys, waitFor };
}

const socket = `capplan-test-${process.pid}`;
const { tmux, keys, waitFor } = terminal(socket);

const costRow = (s: string) => s.split('\n').find((l) => l.includes('cost/month')) ?? '';

describe.runIf(haveTmux)('capplan in a real terminal (tmux)', { timeout: 300_000 }, () => {
  const dir = scratchDir('capplan-tmux-');
  beforeAll(() => {
    tmux(
      'new-session',
      '-d',
      '-s',
      'ui',
      '-x',
      '120',
      '-y',
      '40',
      '-c',
      dir,
      `NO_COLOR=1 CI=1 ${process.execPath} ${BIN}`,
    );
  });
  afterAll(() => {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
  });

  it('opens on the default scenario with the comparison, the recommendation and the key legend', async () => {
    const s = await waitFor(
      (x) => (x.includes('Recommended') || x.includes('No candidate meets')) && x.includes('Monthly cost vs load'),
      'the first frame and the cost chart',
    );
    expect(s).toMatch(/capplan\s+Photo-sharing app goes viral/);
    expect(s).toMatch(/peak rate\s+4000\/s/);
    expect(s).toMatch(/cost\/month\s+\$/);
    expect(s).toMatch(/Enter edit/);
    expect(s).toMatch(/Monthly cost vs load/);
  });

  it('lowering the availability target flips the recommendation to the cheaper design; u undoes it', async () => {
    await waitFor((x) => x.includes('Recommended: scale out, 2 regions'), 'the first recommendation');
    for (let i = 0; i < 10; i++) keys('Down');
    keys('Enter');
    await waitFor((x) => /availability\s+99\.95%_/.test(x), 'editing the availability target');
    for (let i = 0; i < 8; i++) keys('BSpace');
    keys('-l', '99%');
    keys('Enter');
    const s = await waitFor((x) => x.includes('Recommended: scale out, 3 zones'), 'the flipped recommendation');
    expect(s).toMatch(/availability\s+99%/);
    keys('u');
    await waitFor((x) => x.includes('Recommended: scale out, 2 regions'), 'the recommendation after undo');
    for (let i = 0; i < 10; i++) keys('Up');
    await waitFor((x) => x.includes('peak rate'), 'back at the top');
  });

  it('editing the peak rate changes the numbers', async () => {
    const before = costRow(await waitFor((x) => x.includes('cost/month'), 'the table'));
    keys('Enter');
    await waitFor((x) => /peak rate\s+4000\/s_/.test(x), 'the edit buffer');
    for (let i = 0; i < 6; i++) keys('BSpace');
    keys('-l', '20000/s');
    keys('Enter');
    // the edit accepted (no edit buffer, no hint) and the figures redrawn: on a busy machine the typed text shows first
    const after = await waitFor(
      (x) => /peak rate\s+20000\/s(?!_)/.test(x) && !x.includes('Enter accepts') && costRow(x) !== before,
      'new figures',
    );
    expect(after).toMatch(/peak rate = 20000\/s|design rate 64/);
    expect(after).toContain(' *]');
  });

  it('a bad value is refused beside the field and the old value stays', async () => {
    keys('Enter');
    await waitFor((x) => x.includes('e.g. 3000/s'), 'the edit');
    for (let i = 0; i < 8; i++) keys('BSpace');
    keys('-l', '5 kg');
    keys('Enter');
    const s = await waitFor((x) => x.includes('! workload.peakRate'), 'the inline error');
    expect(s).toMatch(/expected a rate/);
    keys('Escape');
    await waitFor((x) => /peak rate\s+20000\/s/.test(x) && !x.includes('5 kg_'), 'the old value');
  });

  it('? shows every key, and any key closes it', async () => {
    keys('?');
    const s = await waitFor((x) => x.includes('Keys (any key closes this help)'), 'the help');
    expect(s).toMatch(/m\s+run the Monte Carlo simulation/);
    expect(s).toMatch(/s\s+save the scenario/);
    keys('x');
    await waitFor((x) => x.includes('cost/month'), 'the main screen');
  });

  it('runs a simulation and shows the simulated figures', async () => {
    keys('m');
    const s = await waitFor((x) => x.includes('sim p99'), 'simulated figures', 240_000);
    expect(s).toMatch(/sim nines/);
  });

  it('fits 80x24 after a resize', async () => {
    tmux('resize-window', '-t', 'ui', '-x', '80', '-y', '24');
    const s = await waitFor(
      (x) => x.split('\n').length <= 25 && x.includes('cost/month') && x.includes('Enter edit'),
      'the small layout',
    );
    for (const l of s.split('\n')) expect(l.length).toBeLessThanOrEqual(80);
  });

  it('saves the scenario atomically and quits, restoring the terminal', async () => {
    keys('s');
    await waitFor((x) => x.includes('Save as:'), 'the save prompt');
    for (let i = 0; i < 20; i++) keys('BSpace');
    keys('-l', 'saved.json');
    keys('Enter');
    await waitFor((x) => x.includes('saved saved.json'), 'the saved message');
    const file = join(dir, 'saved.json');
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).workload.peakRate).toBe('20000/s');
    keys('q');
    // waits as long as the session needs to end (a deadline for a hang, not a measure of speed)
    const end = Date.now() + 90_000;
    while (Date.now() < end && spawnSync('tmux', ['-L', socket, 'has-session', '-t', 'ui']).status === 0) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(spawnSync('tmux', ['-L', socket, 'has-session', '-t', 'ui']).status).not.toBe(0);
  });
});

/** A second terminal, 80x24, the size the README promises: the first screen, Ctrl-C, and what quitting leaves. */
describe.runIf(haveTmux)('capplan at 80x24 in a real terminal (tmux)', { timeout: 300_000 }, () => {
  const small = `capplan-test-80-${process.pid}`;
  const { tmux: t, keys: press, waitFor: waitOn } = terminal(small);
  const dir = scratchDir('capplan-tmux80-');
  // a file whose name carries an OSC 52 sequence: printed raw, it would set the clipboard (a tmux paste buffer here)
  const evil = `evil\x1b]52;c;aGVsbG8=\x07.json`;
  beforeAll(() => {
    copyFileSync('models/scenarios/photo-sharing-viral.json', join(dir, evil));
    t('-f', '/dev/null', 'new-session', '-d', '-s', 'ui', '-x', '80', '-y', '24', '-c', dir);
    t('set-option', '-g', 'set-clipboard', 'on');
    // a script that says when capplan has ended, so the screen it leaves behind can be read (the name by a glob: typed
    // into a shell, its ESC would be a key)
    writeFileSync(
      join(dir, 'run.sh'),
      `for f in evil*.json; do NO_COLOR=1 CI=1 '${process.execPath}' '${BIN}' tui "$f"; done; echo CAPPLAN-ENDED; sleep 600\n`,
    );
    press('-l', 'sh run.sh');
    press('Enter');
  });
  afterAll(() => {
    spawnSync('tmux', ['-L', small, 'kill-server']);
  });

  it('the first screen: ? help and q quit, the recommended design in full with its cost, the file name escaped', async () => {
    const s = await waitOn((x) => x.includes('Recommended: '), 'the first frame');
    const lines = s.split('\n');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    expect(s).toMatch(/\n\? help {2}q quit {2}/);
    const at = lines.findIndex((l) => l.includes('Recommended: '));
    const col = lines[at]?.indexOf('Recommended: ') ?? 0;
    const verdict = `${lines[at]?.slice(col).trim()} ${lines[at + 1]?.slice(col).trim()}`;
    expect(verdict).toMatch(/^Recommended: scale out, 2 regions: \$[\d.]+k\/month, \d\.\d\d nines, p99 \d+ ms/);
    expect(s).toMatch(/\*scale out,/);
    expect(s).toContain('evil^[]52;c;aGVsbG8=^G.json');
    expect(t('list-buffers')).toBe(''); // no OSC 52 reached the terminal
  });

  it('Ctrl-C with unsaved changes asks first; again quits, and the last frame is not left behind', async () => {
    press('Enter');
    await waitOn((x) => /peak rate\s+4000\/s_/.test(x), 'the edit');
    for (let i = 0; i < 8; i++) press('BSpace');
    press('-l', '5000/s');
    press('Enter');
    await waitOn((x) => /peak rate\s+5000\/s(?!_)/.test(x) && x.includes('.json *]'), 'the edit accepted');
    press('C-c');
    await waitOn((x) => x.includes('unsaved changes: Ctrl-C or q again quits'), 'the question');
    press('C-c');
    const s = await waitOn((x) => x.includes('CAPPLAN-ENDED'), 'capplan to end');
    expect(s).not.toContain('cost/month');
    expect(s).not.toContain('Recommended');
  });
});
