// `capplan run - --jsonl` as scripts use it: every line answered in input order, bad lines as error objects, memory
// that does not grow with the number of lines, and a clean stop when the reader goes away (`| head`).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../helpers/scratchDir.js';
import { BIN } from './run.js';

const scenario = JSON.stringify(JSON.parse(readFileSync('models/scenarios/internal-tool.json', 'utf8')));
const dir = scratchDir('capplan-jsonl-');

/** A JSONL file of n lines; every 50th line is bad (a name that is not a string), every 97th is empty. */
function jsonl(n: number): string {
  const file = join(dir, `${n}.jsonl`);
  const lines: string[] = [];
  for (let i = 1; i <= n; i++) lines.push(i % 50 === 0 ? `{"name": ${i}}` : i % 97 === 0 ? '' : scenario);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('capplan run - --jsonl', () => {
  it('answers every line in order, blank ones included, each with its line number; the stream goes on', () => {
    const file = jsonl(600);
    const r = spawnSync(process.execPath, [BIN, 'run', '-', '--jsonl'], {
      input: readFileSync(file),
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(600);
    out.forEach((o, k) => {
      const line = k + 1;
      expect(o.line).toBe(line);
      if (line % 50 === 0) expect(o.error).toMatch(/^name: \d+: expected/);
      else if (line % 97 === 0)
        expect(o.error).toBe(`line ${line}: blank: expected a scenario (one JSON object per line)`);
      else expect(o.scenario).toBe('Small internal tool (sanity case)');
    });
  });

  it('a line over 1 MiB gets its error without being kept, and the lines after it are answered', async () => {
    const { boundedLines } = await import('../../src/io/lines.js');
    const { Readable } = await import('node:stream');
    // 5 MiB of one line in 64 KiB pieces, then a CRLF line and a last line without a newline
    const piece = Buffer.alloc(64 * 1024, 'x');
    const chunks = [Buffer.from('a\n'), ...Array.from({ length: 80 }, () => piece), Buffer.from('\nb\r\nc')];
    const lines = [];
    for await (const l of boundedLines(Readable.from(chunks), 1024 * 1024)) lines.push(l);
    expect(lines).toEqual([
      { line: 1, text: 'a' },
      { line: 2, overLimit: true, bytes: 80 * 64 * 1024 },
      { line: 3, text: 'b' },
      { line: 4, text: 'c' },
    ]);
  });

  it('runs in bounded memory: 4,000 results (about 40 MB of JSON) stream through a 32 MB heap', {
    timeout: 300_000,
  }, () => {
    const r = spawnSync(process.execPath, ['--max-old-space-size=32', BIN, 'run', '-', '--jsonl'], {
      input: readFileSync(jsonl(4000)),
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(3900);
    expect(r.stdout.length).toBeGreaterThan(32 * 1024 * 1024);
  });

  it('stops cleanly when the reader goes away (| head -1): exit 0, nothing on stderr, at once', {
    timeout: 300_000,
  }, () => {
    // an endless input (`yes` repeats the scenario line): a command that stops when its reader goes away ends, one that
    // went on would never end (so "at once" does not depend on how fast the machine is; the timeout is for that hang)
    const line = join(dir, 'line.json');
    writeFileSync(line, scenario);
    const r = spawnSync(
      'bash',
      [
        '-c',
        `yes "$(cat "${line}")" | "${process.execPath}" "${BIN}" run - --jsonl | head -1 > /dev/null; echo "\${PIPESTATUS[1]}"`,
      ],
      {
        encoding: 'utf8',
        timeout: 240_000,
      },
    );
    expect(r.error).toBeUndefined();
    expect(r.stdout.trim()).toBe('0');
    expect(r.stderr).toBe('');
  });
});
