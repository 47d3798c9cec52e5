// Whole frames of the Ink app (ink-testing-library), waiting for the screen to change rather than sleeping.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FrontierEntry } from '../../src/compare/result.js';
import { DEFAULT_SCENARIO_TEXT } from '../../src/scenario/defaultScenario.js';
import { App } from '../../src/tui/app.js';
import { fieldsOf } from '../../src/tui/fields.js';
import type { RawObject } from '../../src/tui/rawPath.js';
import { analyze } from '../../src/tui/selectors.js';
import { displayWidth } from '../../src/tui/text.js';
import { compactUsd } from '../../src/tui/view.js';
import { formatNines, formatUsd } from '../../src/units/format.js';
import { scratchDir } from '../helpers/scratchDir.js';

const raw = () => JSON.parse(DEFAULT_SCENARIO_TEXT) as RawObject;
let instance: ReturnType<typeof render> | null = null;
afterEach(() => {
  instance?.unmount();
  instance = null;
});

function start(columns = 120, rows = 40, source: string | null = null, scenario: RawObject = raw()) {
  instance = render(<App raw={scenario} source={source} size={{ columns, rows }} color={false} />);
  return instance;
}

const frame = () => instance?.lastFrame() ?? '';
/** Waits for the screen; the limit is a deadline for a hang on a loaded machine, a passing wait ends at once. */
const until = (ok: (f: string) => boolean, timeout = 60_000) =>
  vi.waitFor(() => expect(ok(frame()), frame()).toBe(true), { timeout, interval: 20 });

/** Types `value` over the default peak rate (4000/s) and Enter: an edit as a person makes it. */
async function editPeakRate(stdin: { write: (s: string) => void }, value: string) {
  stdin.write('\r');
  await until((f) => f.includes('4000/s_'));
  stdin.write(`\x7f\x7f\x7f\x7f\x7f\x7f${value}\r`);
}

describe('the TUI opens files as capplan run reads them (o)', () => {
  const openFile = async (name: string, text: string) => {
    const dir = scratchDir('capplan-open-');
    const file = join(dir, name);
    writeFileSync(file, text);
    const { stdin } = start();
    await until((f) => f.includes('Recommended'));
    stdin.write('o');
    await until((f) => /open/i.test(f) && f.includes('_'));
    stdin.write(file);
    await until((f) => f.includes(`${name}_`));
    stdin.write('\r');
    return file;
  };

  it('a scenario with a byte-order mark opens', async () => {
    const scenario = JSON.parse(DEFAULT_SCENARIO_TEXT) as { workload: { peakRate: string } };
    scenario.workload.peakRate = '2000/s';
    await openFile('bom.json', `\ufeff${JSON.stringify(scenario)}`);
    await until((f) => /peak rate\s+2000\/s/.test(f));
  });

  it('a syntax error names its line and column, and nothing is opened', async () => {
    await openFile('bad.json', '{\n  "name": "x",\n  "workload": {,\n}');
    // the prompt stays open (to fix the name) and says why; Esc closes it and the message line keeps it
    await until((f) => /Open file: .*bad\.json_ .*nothing opened: .*line 3, column \d+/.test(f));
    instance?.stdin.write('\x1b');
    await until((f) => /nothing opened: \S*bad\.json: line 3, column \d+: expected valid JSON/.test(f));
    expect(frame()).toMatch(/peak rate\s+4000\/s/);
  });

  /** Types `o`, the path and Enter (the file exists already: a device or a FIFO). */
  const openPath = async (path: string) => {
    const { stdin } = start();
    await until((f) => f.includes('Recommended'));
    stdin.write('o');
    await until((f) => /open/i.test(f) && f.includes('_'));
    stdin.write(path);
    await until((f) => f.includes(`${path}_`));
    stdin.write('\r');
    return stdin;
  };

  it.runIf(existsSync('/dev/zero'))('/dev/zero is refused at the size limit, and nothing is lost', async () => {
    await openPath('/dev/zero');
    await until((f) => /nothing opened: \/dev\/zero: more than 1048576 bytes/.test(f));
    expect(frame()).toMatch(/peak rate\s+4000\/s/);
  });

  it.runIf(process.platform !== 'win32')('a FIFO nobody writes to: the keys still work and Esc cancels', async () => {
    const dir = scratchDir('capplan-fifo-');
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const stdin = await openPath(fifo);
    await until((f) => f.includes('reading; Esc cancels'));
    stdin.write('\x1b');
    await until((f) => !f.includes('Open file'));
    // the UI answers keys: help opens and closes
    stdin.write('?');
    await until((f) => /help/i.test(f) && !f.includes('Recommended'));
    stdin.write('?');
    await until((f) => f.includes('Recommended'));
    expect(frame()).toMatch(/peak rate\s+4000\/s/);
    // let the abandoned open(2) return, so the test's worker does not keep a thread blocked
    writeFileSync(fifo, '');
  });

  it('20,000-deep JSON is refused before anything recurses through it', async () => {
    const deep = `{"name":"x","workload":${'['.repeat(20000)}${']'.repeat(20000)}}`;
    await openFile('deep.json', deep);
    // column 87: the 65th bracket (the line is cut at the terminal's width before the reason)
    await until((f) => /nothing opened: .*deep\.json: line 1, column 87/.test(f));
    expect(frame()).toMatch(/peak rate\s+4000\/s/);
  });
});

describe('the TUI, frame by frame', () => {
  it('shows the inputs, the comparison side by side, the recommendation and the keys', async () => {
    start();
    await until((f) => f.includes('Recommended'));
    const f = frame();
    expect(f).toMatch(/peak rate\s+4000\/s/);
    // the recommended design's column first, then the candidates as the scenario lists them
    expect(f).toMatch(/cost\/month\s+\$[\d,]+\s+\$7,064/);
    expect(f).toMatch(/target avail\s+ok\s+MISS/);
    expect(f).toMatch(/Enter edit\s+u undo/);
    for (const l of f.split('\n')) expect(l.length).toBeLessThanOrEqual(120);
  });

  it('an edit recomputes the comparison; u undoes it', async () => {
    const { stdin } = start();
    await until((f) => f.includes('Recommended'));
    stdin.write('\r');
    await until((f) => f.includes('4000/s_'));
    stdin.write('\x7f\x7f\x7f\x7f\x7f\x7f2000/s');
    await until((f) => f.includes('2000/s_'));
    stdin.write('\r');
    await until((f) => /design rate 6\.48k\/s/.test(f));
    expect(frame()).toMatch(/peak rate\s+2000\/s/);
    stdin.write('u');
    await until((f) => /design rate 13k\/s/.test(f));
  });

  it('a bad value is shown beside its field and the comparison is unchanged', async () => {
    const { stdin } = start();
    await until((f) => f.includes('Recommended'));
    stdin.write('\r');
    await until((f) => f.includes('4000/s_'));
    stdin.write('\x7f\x7f\x7f\x7f\x7f\x7fmany');
    await until((f) => f.includes('many_'));
    stdin.write('\r');
    await until((f) => f.includes('! workload.peakRate: "many"'));
    expect(frame()).toMatch(/design rate 13k\/s/);
  });

  it('c cycles the charts at 80x24, and ? shows the keys', async () => {
    const { stdin } = start(80, 24);
    await until((f) => f.includes('cost/month'));
    stdin.write('c');
    await until((f) => f.includes('Monthly cost vs load') || f.includes('cost vs load: computing'));
    stdin.write('c');
    await until((f) => f.includes('p99 per user region'));
    stdin.write('c');
    await until((f) => f.includes('Downtime per year against'));
    stdin.write('c');
    await until((f) => f.includes('cost/month'));
    stdin.write('?');
    await until((f) => f.includes('Keys (any key closes this help)'));
    for (const l of frame().split('\n')) expect(l.length).toBeLessThanOrEqual(80);
  });

  it("w after m writes a worksheet that lists the simulation it shows (the TUI's, without a simulation block)", async () => {
    const source = join(scratchDir('capplan-tui-'), 'viral.json');
    const { simulation: _, ...withoutSimulation } = raw();
    const { stdin } = start(120, 40, source, withoutSimulation as RawObject);
    await until((f) => f.includes('Recommended'));
    stdin.write('m');
    await until((f) => f.includes('sim p99'), 240_000);
    stdin.write('w');
    await until((f) => f.includes('Worksheet to:') && f.includes('viral.worksheet.md_'));
    stdin.write('\r');
    await until((f) => f.includes('wrote the design-review worksheet'), 240_000);
    const path = source.replace(/\.json$/, '.worksheet.md');
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).toContain(
      '| simulation | 200,000 requests and 1,000 years per candidate, seed 1 |',
    );
  }, 300_000);
});

describe("w's child reports its progress on stderr (CAPPLAN_PROGRESS)", () => {
  it('a worksheet that cannot be written: the error is the last line other than the progress lines', async () => {
    const source = join(scratchDir('capplan-tui-'), 'tool.json');
    const text = readFileSync('models/scenarios/internal-tool.json', 'utf8');
    writeFileSync(source, text);
    const { stdin } = start(160, 40, source, JSON.parse(text) as RawObject);
    await until((f) => f.includes('Recommended'));
    stdin.write('w');
    await until((f) => f.includes('Worksheet to:') && f.includes('tool.worksheet.md_'));
    // the child computes the whole worksheet (its progress lines reach 100) before it fails to write it
    stdin.write('\x7f'.repeat(40));
    stdin.write('/nonexistent-capplan-dir/x.md\r');
    await until((f) => f.includes('no worksheet written'), 120_000);
    expect(frame()).toContain('expected a writable file');
    expect(frame()).not.toContain('progress 100');
  }, 180_000);
});

describe('the frontier view (f), frame by frame', () => {
  /** The internal tool without its candidates: capplan searches, in-process and quickly. */
  const searched = () => {
    const { architectures: _, ...rest } = JSON.parse(
      readFileSync('models/scenarios/internal-tool.json', 'utf8'),
    ) as RawObject;
    return rest as RawObject;
  };
  const rows = (f: string) => f.split('\n').filter((l) => /^[ >][ *] \S.* \$\d/.test(l));

  it('f lists the frontier of a searched scenario by cost, the recommended design marked, within 80x24', async () => {
    const scenario = searched();
    const result = analyze(scenario).result; // the same raw object: the app shows this very result
    const { stdin } = start(80, 24, null, scenario);
    await until((f) => f.includes('Recommended: best vertical'));
    stdin.write('f');
    await until((f) => f.includes('Frontier of the search'));
    const f = frame();
    const lines = f.split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    const shown = rows(f);
    // 16 rows fit at 80x24; a longer frontier (18 entries since regional prices put the same box in several regions
    // on it) scrolls
    expect(shown).toHaveLength(Math.min(result.frontier.length, 16));
    shown.forEach((row, i) => {
      const e = result.frontier[i] as FrontierEntry;
      expect(row).toContain(` ${formatUsd(e.cost.usdPerMonth)} `);
      expect(row).toContain(` ${formatNines(e.availability.nines)} `);
      expect(row.trimEnd().endsWith(e.meetsTargets ? 'ok' : 'MISS')).toBe(true);
    });
    const marked = shown.filter((r) => r[1] === '*');
    expect(marked).toHaveLength(1);
    expect(marked[0]).toMatch(/^>\* best vertical \(one m7g\.large \+ cold standby\)/);
    // down moves the selection in the view
    stdin.write('j');
    await until((f2) => rows(f2)[1]?.startsWith('>') === true);
    expect(f.includes('f frontier')).toBe(true);
  });

  it('toggling back shows the inputs as they were: the edit, the rejected text, the focus and the chart', async () => {
    const { stdin } = start(80, 24, null, searched());
    await until((f) => f.includes('Recommended'));
    stdin.write('\r');
    await until((f) => f.includes('50/s_'));
    stdin.write('\x7f\x7f\x7f\x7f60/s');
    await until((f) => f.includes('60/s_'));
    stdin.write('\r');
    await until((f) => /peak rate\s+60\/s/.test(f) && f.includes('peak rate = 60/s'));
    stdin.write('j');
    stdin.write('\r');
    await until((f) => f.includes('20%_'));
    stdin.write('\x7f\x7f\x7flots\r');
    await until((f) => f.includes('! workload.growth'));
    stdin.write('\x1b');
    await until((f) => !f.includes('lots_'));
    stdin.write('c');
    await until((f) => f.includes('Monthly cost vs load'));
    const before = frame();
    expect(before).toMatch(/design rate 86\.4\/s/); // 60/s grown 20% a year for 2 years

    stdin.write('f');
    await until((f) => f.includes('Frontier of the search'));
    stdin.write('j'); // moves the selection, not the focus
    await until((f) => rows(f)[1]?.startsWith('>') === true);
    stdin.write('f');
    await until((f) => !f.includes('Frontier of the search'));
    const after = frame();
    expect(after).toMatch(/design rate 86\.4\/s/);
    expect(after).toMatch(/growth \/ year\s+20%/);
    expect(after).not.toContain('! workload.growth'); // Esc took the error away (the typed text is kept)
    expect(after).toMatch(/Monthly cost vs load/);
    expect(after.split('\n').slice(0, -2)).toEqual(before.split('\n').slice(0, -2));
    // the rejected text comes back on Enter: nothing typed is lost
    stdin.write('\r');
    await until((f) => f.includes('lots_'));
    stdin.write('\x1b');
    await until((f) => !f.includes('lots_'));
    // Esc closes the view too, and u there does not undo unseen
    stdin.write('f');
    await until((f) => f.includes('Frontier of the search'));
    stdin.write('u');
    await until((f) => f.includes('f or Esc goes back'));
    stdin.write('\x1b');
    await until((f) => !f.includes('Frontier of the search'));
    expect(frame()).toMatch(/design rate 86\.4\/s/);
  });
});

describe('operations in the TUI (issue 20)', () => {
  it('deploys typed in the Operations group show what they cost the candidates in downtime', async () => {
    const { stdin } = start(120, 60);
    await until((f) => f.includes('Recommended'));
    expect(frame()).not.toContain('of changes');
    const at = fieldsOf(raw()).findIndex((f) => f.path === 'operations.deploysPerWeek');
    expect(at).toBeGreaterThan(0);
    for (let i = 0; i < at; i++) stdin.write('j');
    await until((f) => /> deploys \/ week/.test(f) || /deploys \/ week/.test(f));
    stdin.write('\r');
    stdin.write('20\r');
    await until((f) => /deploys \/ week\s+20/.test(f));
    stdin.write('j');
    stdin.write('\r');
    stdin.write('2 min\r');
    await until((f) => /restart time\s+2 min/.test(f) && f.includes('of changes'));
    // one box restarts 20 times a week for 2 minutes: 20 x 52.18 x 2 min = 34h 47m a year of it (1.45 d when the
    // column is too narrow for 1d 10h 47m 0s); its column is the second (the recommended design comes first)
    expect(frame()).toMatch(/of changes\s+\S+( \S+)?\s+(1d 11h|1\.45 d)/);
  }, 120_000);
});

describe('the first screen (issue 19)', () => {
  const width = (l: string) => displayWidth(l);

  it.each([
    [80, 24],
    [120, 40],
  ])(
    'at %ix%i: ? help and q quit lead the keys, the recommended design is named in full with its cost, nothing overflows',
    async (columns, rows) => {
      const scenario = raw();
      const result = analyze(scenario).result;
      const rec = result.architectures.find((a) => a.name === result.recommendation.name);
      expect(rec).toBeDefined();
      start(columns, rows, null, scenario);
      await until((f) => f.includes('Recommended'));
      const f = frame();
      const lines = f.split('\n');
      expect(lines.length).toBeLessThanOrEqual(rows);
      for (const l of lines) expect(width(l)).toBeLessThanOrEqual(columns);
      expect(lines[lines.length - 1]).toMatch(/^\? help {2}q quit {2}/);
      // the verdict, on one or two lines of the right-hand column
      const at = lines.findIndex((l) => l.includes('Recommended: '));
      const col = lines[at]?.indexOf('Recommended: ') ?? 0;
      const verdict = `${lines[at]?.slice(col).trim()} ${lines[at + 1]?.slice(col).trim()}`;
      expect(verdict).toContain(`Recommended: ${rec?.name}: ${compactUsd(rec?.cost.usdPerMonth ?? 0)}/month`);
      // its column is the first, marked *
      expect(f).toMatch(new RegExp(`\\*${rec?.name.split(' ')[0]}`));
      expect(f).toMatch(new RegExp(`cost/month\\s+\\${formatUsd(rec?.cost.usdPerMonth ?? 0)}`));
    },
  );

  it('o with unsaved changes asks first, and o again opens', async () => {
    const { stdin } = start(80, 24);
    await until((f) => f.includes('Recommended'));
    await editPeakRate(stdin, '5000/s');
    await until((f) => /peak rate\s+5000\/s/.test(f) && f.includes('*]'));
    stdin.write('o');
    await until((f) => f.includes('unsaved changes: o again opens another file anyway'));
    expect(frame()).not.toContain('Open file:');
    stdin.write('o');
    await until((f) => f.includes('Open file:'));
    stdin.write('\x1b');
    await until((f) => !f.includes('Open file:'));
    expect(frame()).toMatch(/peak rate\s+5000\/s/);
  });

  it('Ctrl-C with unsaved changes asks first (closing an edit), and u back to the file takes the mark away', async () => {
    const { stdin } = start(80, 24);
    await until((f) => f.includes('Recommended'));
    await editPeakRate(stdin, '5000/s');
    await until((f) => f.includes('[no file *]'));
    stdin.write('\r');
    await until((f) => f.includes('5000/s_'));
    stdin.write('\x03');
    await until((f) => f.includes('unsaved changes: Ctrl-C or q again quits anyway, s saves') && !f.includes('_ '));
    stdin.write('j'); // any other key: no
    await until((f) => !f.includes('unsaved changes'));
    stdin.write('u');
    await until((f) => f.includes('[no file]') && /peak rate\s+4000\/s/.test(f));
    expect(frame()).not.toContain('(unsaved)');
  });

  it('names in CJK and emoji take their display width: every line fits and the columns line up', async () => {
    const scenario = raw();
    const archs = scenario.architectures as RawObject[];
    const wide = ['東京の大きな箱', '🚀 スケールアウト', 'big box + hot standby', '서울 리전', 'scale out, 3 zones 🌏'];
    scenario.name = '写真共有アプリ 📷';
    scenario.architectures = archs.map((a, i) => ({ ...a, name: wide[i] ?? `${a.name}` }));
    for (const [columns, rows] of [
      [80, 24],
      [120, 40],
    ] as const) {
      start(columns, rows, null, scenario);
      await until((f) => f.includes('Recommended'));
      const lines = frame().split('\n');
      for (const l of lines) expect(width(l)).toBeLessThanOrEqual(columns);
      expect(lines[0]).toContain('写真共有アプリ 📷');
      // the figures' columns start at the same display column on every row
      const col = (label: string) => {
        const l = lines.find((x) => x.includes(label)) ?? '';
        const at = l.indexOf(label);
        return width(l.slice(0, at));
      };
      expect(col('cost/month')).toBe(col('target p99'));
      instance?.unmount();
      instance = null;
    }
  });

  it('escape sequences in a file name, or typed into a prompt, never reach the terminal', async () => {
    // the scenario's own texts are refused with control characters by the schema; a file name and typed text are not
    const osc52 = '\x1b]52;c;aGVsbG8=\x07';
    const { stdin } = start(120, 40, `evil${osc52}.json`);
    await until((f) => f.includes('Recommended'));
    expect(frame()).toContain('[evil^[]52;c;aGVsbG8=^G.json]');
    stdin.write('o');
    await until((f) => f.includes('Open file:'));
    stdin.write('x\x9b2J\u202e');
    await until((f) => f.includes('M-^[2J<U+202E>_'));
    const controls = [...frame()].filter((ch) => {
      const c = ch.charCodeAt(0);
      return (c < 0x20 && ch !== '\n') || (c >= 0x7f && c <= 0x9f) || c === 0x202e;
    });
    expect(controls).toEqual([]);
  });

  it('ranges read p5 - p95 and the share of samples meeting the targets is a row', async () => {
    const launch = JSON.parse(readFileSync('models/scenarios/uncertain-launch.json', 'utf8')) as RawObject;
    start(120, 40, null, launch);
    await until((f) => f.includes('Recommended'));
    const f = frame();
    expect(f).toMatch(/peak rate\s+500\/s - 5k\/s \(p5-p95\)/);
    expect(f).toMatch(/CPU \/ request\s+8 ms - 20 ms \(p5-p95\)/);
    expect(f).toMatch(/meets targets\s+in \d+% of samples/);
  });

  it('an edit keeps the previous cost chart on screen (dimmed) until the new one is ready: no blank chart', async () => {
    const { stdin } = start(120, 40);
    await until((f) => f.includes('Monthly cost vs load') && !f.includes('(updating)'));
    const seen = instance?.frames.length ?? 0;
    await editPeakRate(stdin, '5000/s');
    await until(
      (f) => /design rate 16\.2k\/s/.test(f) && f.includes('Monthly cost vs load') && !f.includes('(updating)'),
    );
    const after = (instance?.frames ?? []).slice(seen);
    expect(after.some((f) => f.includes('cost vs load: computing'))).toBe(false);
    expect(after.every((f) => f.includes('Monthly cost vs load'))).toBe(true);
  });
});
