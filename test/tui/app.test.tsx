// Whole frames of the Ink app (ink-testing-library), waiting for the screen to change rather than sleeping.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCENARIO_TEXT } from '../../src/scenario/defaultScenario.js';
import { App } from '../../src/tui/app.js';
import type { RawObject } from '../../src/tui/rawPath.js';

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
const until = (ok: (f: string) => boolean, timeout = 5000) =>
  vi.waitFor(() => expect(ok(frame()), frame()).toBe(true), { timeout, interval: 20 });

describe('the TUI, frame by frame', () => {
  it('shows the inputs, the comparison side by side, the recommendation and the keys', async () => {
    start();
    await until((f) => f.includes('Recommended'));
    const f = frame();
    expect(f).toMatch(/peak rate\s+4000\/s/);
    expect(f).toMatch(/cost\/month\s+\$7,064/);
    expect(f).toMatch(/target avail\s+MISS/);
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
    const source = join(mkdtempSync(join(tmpdir(), 'capplan-tui-')), 'viral.json');
    const { simulation: _, ...withoutSimulation } = raw();
    const { stdin } = start(120, 40, source, withoutSimulation as RawObject);
    await until((f) => f.includes('Recommended'));
    stdin.write('m');
    await until((f) => f.includes('sim p99'), 60_000);
    stdin.write('w');
    await until((f) => f.includes('wrote the design-review worksheet'));
    const path = source.replace(/\.json$/, '.worksheet.md');
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).toContain(
      '| simulation | 200,000 requests and 1,000 years per candidate, seed 1 |',
    );
  }, 90_000);
});
