/**
 * `capplan queue --jsonl` and `capplan availability --jsonl` (contract, "Batch mode for the calculators"; issue 18):
 * each line answered in order with what --json prints for the same flags (plus its line number), bad lines as
 * errors, and the stream goes on. In-process (main() with a fake stdin).
 */
import { describe, expect, it } from 'vitest';
import { sourceCli } from './sourceMain.js';

const cli = sourceCli;

const answers = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('queue --jsonl', () => {
  it('answers each line with what --json prints for the same flags, in order, bad lines included', async () => {
    const lines = [
      { servers: 8, rate: '1280/s', service: '5 ms', cv: 1.5 },
      { servers: 1, rate: 50, service: 0.01 },
      { servers: 2, rate: '1000/s', service: '5 ms' },
    ];
    const text = `${JSON.stringify(lines[0])}\n\n${JSON.stringify({ servers: 0 })}\n{"nodes": 3}\nnot json\n${JSON.stringify(lines[1])}\n${JSON.stringify(lines[2])}\n`;
    const r = await cli(['queue', '--jsonl'], text);
    expect(r.code).toBe(0);
    const out = answers(r.stdout);
    expect(out.map((o) => o.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // the same object as --json, field for field, after the line number
    for (const [k, flags] of [
      [0, lines[0]],
      [5, lines[1]],
      [6, lines[2]],
    ] as const) {
      const argv = [
        'queue',
        '--json',
        ...Object.entries(flags as Record<string, unknown>).flatMap(([f, v]) => [`--${f}`, String(v)]),
      ];
      const single = JSON.parse((await cli(argv)).stdout);
      expect(out[k]).toEqual({ line: k + 1, ...single });
    }
    expect(out[6]?.stable).toBe(false); // an unstable queue is a result, not an error
    expect(out[1]?.error).toBe("line 2: blank: expected a JSON object of queue's flags");
    expect(out[2]?.error).toMatch(/^--servers: "0": expected an integer between 1 and 1000000; --rate: missing/);
    expect(out[3]?.error).toMatch(/^nodes: 3: expected one of queue's flags without the dashes: servers, rate, /);
    expect(out[4]?.error).toBe('line 5: "not json": expected one JSON object (not valid JSON)');
  });

  it('other flags beside --jsonl are refused (they belong in each line)', async () => {
    const r = await cli(['queue', '--jsonl', '--servers', '3'], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: --servers: "3": expected no other flags with --jsonl: give them in each line, without the dashes\n',
    );
  });
});

describe('availability --jsonl', () => {
  it('answers each fleet as --json does; bad lines are errors and the stream goes on', async () => {
    const fleet = { nodes: 3, need: 2, mtbf: '4380 h', mttr: '2 h' };
    const r = await cli(['availability', '--jsonl'], `${JSON.stringify(fleet)}\n{"nodes": 3, "need": 4}\n[1]\n`);
    expect(r.code).toBe(0);
    const out = answers(r.stdout);
    const single = JSON.parse(
      (await cli(['availability', '--json', '--nodes', '3', '--need', '2', '--mtbf', '4380 h', '--mttr', '2 h']))
        .stdout,
    );
    expect(out[0]).toEqual({ line: 1, ...single });
    expect(out[1]?.error).toMatch(/^--need: 4: expected at most --nodes \(3\)/);
    expect(out[2]?.error).toMatch(/^line: \[1\]: expected a JSON object of availability's flags/);
  });
});
