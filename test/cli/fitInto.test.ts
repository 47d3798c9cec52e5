import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScenarioText } from '../../src/scenario/read.js';
import { scratchDir } from '../helpers/scratchDir.js';
import { cli, expectRefused } from './fitHarness.js';

const dir = scratchDir('capplan-fit-into-');
let n = 0;
function copyOf(example: string): string {
  const p = join(dir, `${n++}-${example}`);
  copyFileSync(`models/scenarios/${example}`, p);
  return p;
}
const CISCO = 'test/fixtures/fit/cisco.csv';

describe('capplan fit --into SCENARIO --at PATH', () => {
  it('usl --at workload: writes workload.usl and its provenance, keeps every other line, and the worksheet says so', async () => {
    const file = copyOf('payment-processing.json');
    const before = readFileSync(file, 'utf8');
    const r = await cli(['fit', 'usl', CISCO, '--into', file, '--at', 'workload', '--date', '2026-12-06', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).peakN).toBe(35); // the fit is still printed
    expect(r.stderr).toMatch(/note: wrote workload\.usl into/);
    const after = readFileSync(file, 'utf8');
    const raw = JSON.parse(after);
    expect(raw.workload.usl).toEqual({ contention: 0.02672, coherency: 0.0007691 });
    expect(raw.fitted).toHaveLength(1);
    expect(raw.fitted[0]).toMatchObject({
      input: 'workload.usl',
      file: CISCO,
      date: '2026-12-06',
      method: 'USL, R^2 0.9972',
    });
    expect(raw.fitted[0].points).toHaveLength(32);
    // every line of the old file is still there, in order
    const old = before.trimEnd().split('\n');
    const lines = after.split('\n');
    let k = 0;
    for (const line of lines) if (k < old.length && (line === old[k] || line === `${old[k]},`)) k++;
    expect(k).toBe(old.length);
    // the key order of the rest is unchanged
    const { fitted: _, ...rest } = raw;
    delete rest.workload.usl;
    expect(JSON.stringify(rest)).toBe(JSON.stringify(JSON.parse(before)));
    const scenario = readScenarioText(after, file);
    expect(scenario.workload.usl).toEqual({ sigma: 0.02672, kappa: 0.0007691 });
    expect(scenario.fitted[0]?.points?.[0]).toEqual({ n: 1, x: 955.16 });

    const w = await cli(['worksheet', file, '--freeze', '--analytic']);
    expect(w.code, w.stderr).toBe(0);
    expect(w.stdout).toMatch(
      /\| workload\.usl \| contention 0\.02672, coherency 0\.0007691 .*\| fitted from test\/fixtures\/fit\/cisco\.csv \(USL, R\^2 0\.9972\) \|/,
    );
    expect(w.stdout).toMatch(/Inputs fitted from measurements/);
    // the fitted USL against its measurements: a text chart in Markdown, an SVG figure in HTML
    expect(w.stdout).toMatch(
      /\*\*Scalability fitted from `test\/fixtures\/fit\/cisco\.csv`\*\*: .* peaks at 12\.3k\/s at N\* = 35\.6/,
    );
    expect(w.stdout).toMatch(/o measured/);
    const html = await cli(['worksheet', file, '--freeze', '--analytic', '--format', 'html']);
    expect(html.stdout.match(/data-chart="usl"/g)).toHaveLength(1);
    expect(html.stdout.match(/<circle /g)?.length).toBeGreaterThanOrEqual(32);
    expect(w.stdout).toMatch(
      /- `workload\.usl`: fitted from `test\/fixtures\/fit\/cisco\.csv` \(USL, R\^2 0\.9972, 2026-12-06\)/,
    );
  });

  it('a second fit of the same input replaces its provenance; failures --at reliability.node adds beside it', async () => {
    const file = copyOf('payment-processing.json');
    for (let i = 0; i < 2; i++) {
      expect(
        (await cli(['fit', 'usl', CISCO, '--into', file, '--at', 'workload.usl', '--date', '2026-12-06'])).code,
      ).toBe(0);
    }
    const r = await cli([
      'fit',
      'failures',
      'test/fixtures/fit/incidents.csv',
      '--from',
      '2025-01-01',
      '--to',
      '2026-01-01',
      '--into',
      file,
      '--at',
      'reliability.node',
      '--date',
      '2026-12-07',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    expect(raw.fitted.map((f: { input: string }) => f.input)).toEqual([
      'workload.usl',
      'reliability.node.mtbf',
      'reliability.node.mttr',
    ]);
    expect(raw.reliability.node).toEqual({ mtbf: '2188 h', mttr: '1.938 h' });
    const w = await cli(['worksheet', file, '--freeze', '--analytic']);
    expect(w.stdout).toMatch(
      /\| reliability\.node \| MTBF .* \| fitted from test\/fixtures\/fit\/incidents\.csv \(4 failures in 8760 h, MTBF 90% 956 to 6410 h; mean of 4 incidents\) \|/,
    );
  });

  it('latency into a tier of a scenario with tiers (tiers.NAME), not into workload', async () => {
    const file = copyOf('ecommerce-cache.json');
    await expectRefused(
      ['fit', 'latency', 'test/fixtures/fit/k6-summary.json', '--into', file, '--at', 'workload'],
      [/^error: --at: "workload": expected a tier .*: tiers\.app or tiers\.cache or tiers\.db$/],
    );
    const r = await cli(['fit', 'latency', 'test/fixtures/fit/k6-summary.json', '--into', file, '--at', 'tiers.app']);
    expect(r.code, r.stderr).toBe(0);
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    expect(raw.tiers[0].serviceTime).toBe('41.2 ms');
    expect(raw.tiers[0].serviceTimeCv).toBeCloseTo(1.12, 2);
    expect(raw.fitted[0].input).toBe('tiers[0].serviceTime');
    expect(r.stderr).toMatch(/note: tiers\[0\]\.serviceTime is the CPU time of one request with no queueing/);
  });

  it('refuses a half-given --into/--at, a wrong --at, an unreadable or invalid scenario, and leaves the file as it was', async () => {
    const file = copyOf('payment-processing.json');
    const before = readFileSync(file, 'utf8');
    await expectRefused(['fit', 'usl', CISCO, '--into', file], [/^error: --into: .*: expected also --at PATH/]);
    await expectRefused(
      ['fit', 'usl', CISCO, '--at', 'workload'],
      [/^error: --at: "workload": expected also --into SCENARIO/],
    );
    await expectRefused(
      ['fit', 'usl', CISCO, '--into', file, '--at', 'reliability.node'],
      [/^error: --at: "reliability\.node": expected for fit usl: workload or workload\.usl$/],
    );
    await expectRefused(
      ['fit', 'usl', CISCO, '--into', join(dir, 'none.json'), '--at', 'workload'],
      [/^error: --into: ".*none\.json": expected a readable scenario file \(no such file\)$/],
    );
    await expectRefused(
      [
        'fit',
        'failures',
        'test/fixtures/fit/incidents.csv',
        '--from',
        '2024-01-01',
        '--to',
        '2024-06-01',
        '--into',
        file,
        '--at',
        'reliability.node',
      ],
      [
        /incident inside the window/,
        /incident inside the window/,
        /incident inside the window/,
        /incident inside the window/,
      ],
    );
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "name": "x", "workload": { "peakRate": "fast" } }');
    const r = await cli(['fit', 'usl', CISCO, '--into', broken, '--at', 'workload']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/workload\.peakRate: "fast"/);
    expect(readFileSync(broken, 'utf8')).toBe('{ "name": "x", "workload": { "peakRate": "fast" } }');
    expect(readFileSync(file, 'utf8')).toBe(before);
    await expectRefused(
      ['fit', 'usl', CISCO, '--date', '2026-12-06'],
      [/^error: --date: "2026-12-06": expected no --date without --into$/],
    );
  });
});
