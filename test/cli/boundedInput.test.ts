/**
 * Issue 17, rows 1-4 and 9 (600 MB on stdin): every reader stops at the 1 MiB limit while reading, whatever the input
 * is (a device, an endless stdin, a huge file), and hostile nesting is refused before anything recurses through it.
 * In-process (main() with fake streams): no subprocess, no timing.
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';

import { readFileBounded, readStreamBounded } from '../../src/io/boundedRead.js';
import { MAX_SCENARIO_BYTES } from '../../src/scenario/limits.js';
import { scratchDir } from '../helpers/scratchDir.js';
import { sourceCli } from './sourceMain.js';

const cli = sourceCli;

/** An endless stdin (`yes | capplan run -`) that counts what was taken from it. */
function endless(): { stream: Readable; pulled: () => number } {
  let pulled = 0;
  const chunk = Buffer.alloc(64 * 1024, 'y\n');
  const stream = new Readable({
    read() {
      pulled += chunk.length;
      this.push(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

const LIMIT_LINE =
  /^error: \S+: (more than 1048576|\d+) bytes: expected a scenario of at most 1048576 bytes \(1 MiB\)$/;

describe('reading stops at the limit', () => {
  it.runIf(existsSync('/dev/zero'))(
    'run, worksheet, sweep and tui refuse /dev/zero at 1 MiB (exit 2, one line)',
    async () => {
      for (const argv of [
        ['run', '/dev/zero'],
        ['worksheet', '/dev/zero'],
        ['sweep', '/dev/zero', '--vary', 'workload.peakRate=1/s..2/s'],
        ['tui', '/dev/zero'],
      ]) {
        const r = await cli(argv);
        expect({ argv, code: r.code, stdout: r.stdout }).toEqual({ argv, code: 2, stdout: '' });
        expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(/^error: \/dev\/zero: more than 1048576 bytes: expected a scenario of at most/);
      }
    },
  );

  it('an endless stdin is refused after the limit, having taken at most one chunk more', async () => {
    const { stream, pulled } = endless();
    const r = await cli(['run', '-'], stream);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd()).toMatch(LIMIT_LINE);
    expect(pulled()).toBeLessThanOrEqual(MAX_SCENARIO_BYTES + 4 * 64 * 1024);
  });

  it('a 1 GB file is refused from its size, without being read', async () => {
    const file = join(scratchDir('capplan-big-'), 'big.json');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 2 ** 30); // sparse: nothing to read, only a size
    closeSync(fd);
    const r = await cli(['run', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/big\.json: 1073741824 bytes: expected a scenario of at most 1048576 bytes/);
  });

  it('readFileBounded and readStreamBounded: within the limit the whole text, past it overLimit', async () => {
    const file = join(scratchDir('capplan-bounded-'), 'x.json');
    writeFileSync(file, 'a'.repeat(100));
    const whole = await readFileBounded(file, 100);
    expect('bytes' in whole && whole.bytes.toString()).toBe('a'.repeat(100));
    expect(await readFileBounded(file, 99)).toEqual({ overLimit: true, sizeBytes: 100 });
    // a regular file larger than one chunk of the asynchronous read, read at once, and at the limit exactly
    const large = join(scratchDir('capplan-bounded-'), 'large.json');
    const text = 'x'.repeat(200_000);
    writeFileSync(large, text);
    const all = await readFileBounded(large, 200_000);
    expect('bytes' in all && all.bytes.toString()).toBe(text);
    expect(await readFileBounded(large, 199_999)).toEqual({ overLimit: true, sizeBytes: 200_000 });
    const s = await readStreamBounded(Readable.from([Buffer.from('abc'), Buffer.from('def')]), 6);
    expect('bytes' in s && s.bytes.toString()).toBe('abcdef');
    expect(await readStreamBounded(Readable.from([Buffer.from('abc'), Buffer.from('defg')]), 6)).toEqual({
      overLimit: true,
      sizeBytes: null,
    });
  });

  it.runIf(process.platform !== 'win32')(
    'a FIFO is read asynchronously: opened for the regular-file path without waiting, then read as it is written',
    async () => {
      const fifo = join(scratchDir('capplan-fifo-'), 'in.json');
      execFileSync('mkfifo', [fifo]);
      // the writer opens its end only after the read has begun (an open for writing waits for a reader)
      const reading = readFileBounded(fifo, 100);
      const writer = await open(fifo, 'w');
      await writer.write('{"a":1}');
      await writer.close();
      const read = await reading;
      expect('bytes' in read && read.bytes.toString()).toBe('{"a":1}');
    },
  );

  it.runIf(process.platform !== 'win32')(
    'a FIFO whose writer came first and has written all and closed is read whole (not opened and dropped)',
    async () => {
      const fifo = join(scratchDir('capplan-fifo-'), 'in.json');
      execFileSync('mkfifo', [fifo]);
      // the writer waits in its open until a reader opens; a reader that opens and closes again lets it write into
      // the pipe and exit, and the pipe's content goes with the last reader: the read after it would then never end
      const text = '{"a":1}'.repeat(100);
      const writer = spawn('sh', ['-c', `printf '%s' '${text}' > '${fifo}'`], { stdio: 'ignore' });
      const wrote = new Promise((resolve) => writer.on('exit', resolve));
      await writerWaitingInOpen(writer.pid);
      let timer: NodeJS.Timeout | undefined;
      const lost = new Promise<'waited 20 s'>((resolve) => {
        timer = setTimeout(() => resolve('waited 20 s'), 20_000);
      });
      const read = await Promise.race([readFileBounded(fifo, 10_000), lost]);
      clearTimeout(timer);
      // a read still waiting for a writer is let go (its open returns once a writer opens)
      if (read === 'waited 20 s') await (await open(fifo, 'w')).close();
      expect(read !== 'waited 20 s' && 'bytes' in read && read.bytes.toString()).toBe(text);
      expect(await wrote).toBe(0);
    },
  );
});

/**
 * Resolves once the process waits in a FIFO's open for a reader (Linux: its /proc wchan reads "wait_for_partner"), so
 * that the read starts after the writer, the order the case is about; elsewhere (no /proc) after 300 ms.
 */
async function writerWaitingInOpen(pid: number | undefined): Promise<void> {
  const wchan = `/proc/${pid}/wchan`;
  if (pid === undefined || !existsSync(wchan)) return new Promise((resolve) => setTimeout(resolve, 300));
  for (let waited = 0; waited < 10_000; waited += 10) {
    if (readFileSync(wchan, 'utf8').trim() === 'wait_for_partner') return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the writer ${pid} did not wait in its open within 10 s (wchan ${readFileSync(wchan, 'utf8')})`);
}

describe('hostile nesting', () => {
  it('20,000-deep JSON: run and tui FILE both exit 2 naming where the 65th level opens', async () => {
    const file = join(scratchDir('capplan-deep-'), 'deep.json');
    writeFileSync(file, `{"name":"x","workload":${'['.repeat(20000)}${']'.repeat(20000)}}`);
    for (const command of ['run', 'tui']) {
      const r = await cli([command, file]);
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd()).toMatch(
        /deep\.json: line 1, column 87: expected objects and arrays nested at most 64 levels deep$/,
      );
    }
  });
});

describe('error lists are capped (issue 17, row 13)', () => {
  it('100 bad users: the first 20 problems, then one line counting the rest; JSONL the same on one line', async () => {
    const scenario = JSON.parse(readFileSync('models/scenarios/internal-tool.json', 'utf8'));
    scenario.users = Array.from({ length: 100 }, (_, i) => ({ region: `nowhere-${i}`, share: 0.01 }));
    const file = join(scratchDir('capplan-users-'), 'users.json');
    writeFileSync(file, JSON.stringify(scenario));
    const r = await cli(['run', file]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[0]).toMatch(/^error: users\[0\]\.region: "nowhere-0": expected a catalog region/);
    expect(lines[20]).toBe('error: ... and 80 more problems');
    const jsonl = await cli(['run', '-', '--jsonl'], Readable.from([Buffer.from(`${JSON.stringify(scenario)}\n`)]));
    const out = JSON.parse(jsonl.stdout) as { line: number; error: string };
    expect(out.line).toBe(1);
    expect(out.error.match(/expected a catalog region/g)).toHaveLength(20);
    expect(out.error.endsWith('; ... and 80 more problems')).toBe(true);
  });
});

describe('JSONL through the command (issue 17, rows 3 and 10)', () => {
  it('a 3 MiB line is answered with its error, blank lines too, and the stream goes on', async () => {
    const scenario = JSON.stringify(JSON.parse(readFileSync('models/scenarios/internal-tool.json', 'utf8')));
    const chunks = [Buffer.from(`${'x'.repeat(3 * 1024 * 1024)}\n\n`), Buffer.from(`${scenario}\n`)];
    const r = await cli(['run', '-', '--jsonl'], Readable.from(chunks));
    expect(r.code).toBe(0);
    const answers = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number; error?: string; scenario?: string });
    expect(answers.map((a) => a.line)).toEqual([1, 2, 3]);
    expect(answers[0]?.error).toBe('line 1: 3145728 bytes: expected a scenario of at most 1048576 bytes (1 MiB)');
    expect(answers[1]?.error).toBe('line 2: blank: expected a scenario (one JSON object per line)');
    expect(answers[2]?.scenario).toBe('Small internal tool (sanity case)');
  });
});
