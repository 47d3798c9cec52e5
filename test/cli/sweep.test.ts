// `capplan sweep` as a user runs it (the built command, in-process; stdin in a subprocess): CSV and JSON output,
// stdin, --out, --crossovers and the errors.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FREEZE_NOTE } from '../../src/compare/designs.js';
import { ROW_COLUMNS } from '../../src/report/sweepCsv.js';
import { scratchDir } from '../helpers/scratchDir.js';
import { capplan, cli } from './run.js';

const photo = 'models/scenarios/photo-sharing-viral.json';
const candidates = (JSON.parse(readFileSync(photo, 'utf8')).architectures as unknown[]).length;
const vary = ['--vary', 'workload.peakRate=500/s..50000/s'];

interface Crossover {
  kind: string;
  from: number;
  to: number;
  at: number;
  before: string | null;
  after: string | null;
  method: string;
}

describe('capplan sweep: output', () => {
  it('CSV by default: the header, then steps x candidates rows, nothing on stderr', async () => {
    const r = await cli(['sweep', photo, ...vary, '--steps', '5']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(ROW_COLUMNS.join(','));
    expect(lines.at(-1)).toBe('');
    expect(lines.length - 2).toBe(5 * candidates);
    expect(lines[1]).toMatch(/^500,one big box,vertical,m7i\.\w+,1,us-east-1,[\d.]+,/);
    expect(r.stdout).toContain('"scale out, 3 zones"'); // RFC 4180 quoting of a name with a comma
    expect(lines.filter((l) => l.startsWith('50000,'))).toHaveLength(candidates);
  });

  it('--steps defaults to 11', async () => {
    const r = await cli(['sweep', photo, '--vary', 'targets.p99=100ms..500ms']);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1 + 11 * candidates);
  });

  it('--format json: path, values, rows and the crossovers; --log spaces the values geometrically', async () => {
    const r = await cli(['sweep', photo, ...vary, '--log', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      path: string;
      values: number[];
      rows: unknown[];
      crossovers: Crossover[];
      notes: string[];
    };
    expect(j.path).toBe('workload.peakRate');
    expect(j.values).toHaveLength(11);
    expect(j.values[0]).toBe(500);
    expect(j.values[5]).toBeCloseTo(5000, 9);
    expect(j.values[10]).toBe(50000);
    expect(j.rows).toHaveLength(11 * candidates);
    const kinds = new Set(j.crossovers.map((c) => c.kind));
    expect(kinds).toEqual(new Set(['recommendation', 'cheapest-kind']));
    for (const c of j.crossovers) {
      expect(c.at).toBeGreaterThanOrEqual(c.from);
      expect(c.at).toBeLessThanOrEqual(c.to);
      expect(['cost-difference', 'midpoint']).toContain(c.method);
    }
    expect(j.notes.join(' ')).toMatch(/Analytic figures only/);
    // the scenario names its candidates: every step compares them
    expect((j as unknown as { designs: string }).designs).toBe('candidates');
  });

  it("--freeze: with the scenario's own candidates it is not an error; a note on stderr says so", async () => {
    const r = await cli(['sweep', photo, ...vary, '--steps', '2', '--freeze']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`note: ${FREEZE_NOTE}\n`);
    expect(r.stdout.split('\n')[1]).toMatch(/,candidates$/);
    // without architectures the designs are frozen (the small internal tool; one search for the designs)
    const tool = JSON.parse(readFileSync('models/scenarios/internal-tool.json', 'utf8'));
    delete tool.architectures;
    const f = await cli(
      ['sweep', '-', '--vary', 'workload.peakRate=25/s..100/s', '--steps', '2', '--freeze'],
      JSON.stringify(tool),
    );
    expect(f.code, f.stderr).toBe(0);
    expect(f.stderr).toBe('');
    const lines = f.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 2 * 2);
    for (const line of lines.slice(1)) expect(line).toMatch(/,frozen$/);
  });

  it('--crossovers writes the crossovers instead of the rows (CSV and JSON)', async () => {
    const r = await cli(['sweep', photo, ...vary, '--log', '--crossovers']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('kind,from,to,at,before,after,method,note,designs');
    expect(lines[1]).toMatch(/,candidates$/);
    expect(lines.some((l) => l.startsWith('cheapest-kind,'))).toBe(true);
    const j = JSON.parse((await cli(['sweep', photo, ...vary, '--log', '--crossovers', '--format', 'json'])).stdout);
    expect(j.rows).toBeUndefined();
    expect(j.crossovers.length).toBe(lines.length - 1);
  });

  it('- reads stdin; --out writes the file atomically and nothing to stdout', async () => {
    const file = await cli(['sweep', photo, ...vary, '--steps', '3']);
    // a subprocess: the real stdin
    const stdin = capplan(['sweep', '-', ...vary, '--steps', '3'], readFileSync(photo, 'utf8'));
    expect(stdin.code).toBe(0);
    expect(stdin.stdout).toBe(file.stdout);
    const out = join(scratchDir('capplan-sweep-'), 'sweep.csv');
    const r = await cli(['sweep', photo, ...vary, '--steps', '3', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(file.stdout);
  });

  it('a step that makes the scenario invalid is an error row, exit 0', async () => {
    const r = await cli(['sweep', photo, '--vary', 'targets.availability=99.9%..100%', '--steps', '2']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + candidates + 1);
    expect(lines.at(-1)).toMatch(/^1,+"?targets\.availability: 1: expected/);
  });
});

describe('capplan sweep: an engine failure at a step', () => {
  it('a fleet beyond 10,000,000 vCPUs is a row like any other (it once exited 3)', async () => {
    const scenario = JSON.parse(readFileSync(photo, 'utf8'));
    scenario.architectures[3].size = '48xlarge'; // 100,000 x 192 vCPUs
    const r = await cli(
      ['sweep', '-', '--vary', 'architectures[3].nodes=30..100000', '--steps', '2'],
      JSON.stringify(scenario),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1 + 2 * candidates);
    expect(r.stderr).toBe('');
  });
});

describe('capplan sweep: bad input exits 2 with one line per problem', () => {
  const bad = async (args: string[], pattern: RegExp, lines = 1) => {
    const r = await cli(['sweep', ...args]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    const errors = r.stderr.trimEnd().split('\n');
    expect(errors, r.stderr).toHaveLength(lines);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  };

  it('--vary missing, malformed, of the wrong dimension, or a user share', async () => {
    await bad([photo], /^error: --vary: missing: expected PATH=FROM\.\.TO/);
    await bad([photo, '--vary', 'workload.peakRate'], /^error: --vary: "workload\.peakRate": expected PATH=FROM\.\.TO/);
    await bad([photo, '--vary', 'workload.peakRate=50ms..500ms'], /^error: --vary: "50ms": expected a rate/, 2);
    await bad([photo, '--vary', 'targets.p99=100/s..200ms'], /^error: --vary: "100\/s": expected a duration/);
    await bad([photo, '--vary', 'users[0].share=10%..90%'], /^error: --vary: "users\[0\]\.share": .*100%/);
    await bad([photo, '--vary', 'workload.peakrate=1..2'], /did you mean workload\.peakRate\?/);
    await bad([photo, '--vary', 'workload.peakRate=0/s..100/s', '--log'], /^error: --vary: .*> 0 with --log/);
    await bad([photo, '--vary', 'architectures[0].nodes=1..9'], /^error: --vary: .*horizontal candidate/);
  });

  it('--steps, --format and several problems at once', async () => {
    await bad([photo, ...vary, '--steps', '1'], /^error: --steps: "1": expected an integer between 2 and 1000/);
    await bad([photo, ...vary, '--steps', 'many'], /^error: --steps: /);
    await bad([photo, ...vary, '--format', 'xml'], /^error: --format: "xml": expected one of csv, json/);
    await bad([photo, '--vary', 'x', '--steps', '0'], /--vary.*\n.*--steps/, 2);
    await bad([photo, ...vary, '--stpes', '3'], /did you mean --steps\?/);
  });

  it('a missing file or an invalid scenario', async () => {
    await bad(['no-such-file.json', ...vary], /^error: FILE: "no-such-file\.json": expected a readable scenario file/);
    await bad([...vary], /^error: FILE: missing/);
  });
});
