// Files are never half-written: a writer killed in the middle of writeFileAtomic (what --out and the TUI's save use)
// leaves the previous file intact. The writer runs in a child process (the real code, bundled by esbuild) writing
// 300 MB; we kill it once its temporary file exists, i.e. during the write.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/util/atomicWrite.js';
import { scratchDir } from '../helpers/scratchDir.js';

// each run leaves two 300 MB files here: scratchDir's directory is removed when the file ends, whatever the outcome
const dir = scratchDir('capplan-atomic-');
const writer = join(dir, 'writer.mjs');

beforeAll(async () => {
  await build({
    stdin: {
      contents: `import { settleSignals, writeFileAtomic } from './atomicWrite.ts';
        const [target, mb] = process.argv.slice(2);
        writeFileAtomic(target, 'x'.repeat(Number(mb) * 1024 * 1024));
        // as emit() does: a signal that came during the (synchronous) write ends the process now
        await settleSignals();`,
      resolveDir: fileURLToPath(new URL('../../src/util/', import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: writer,
    logLevel: 'silent',
  });
});

async function killDuringWrite(signal: NodeJS.Signals): Promise<{ target: string; child: ChildProcess }> {
  const target = join(dir, `out-${signal}.json`);
  writeFileSync(target, 'the previous, complete file\n');
  const child = spawn(process.execPath, [writer, target, '300'], { stdio: 'ignore' });
  const started = Date.now();
  while (!readdirSync(dir).some((f) => f.startsWith(`.out-${signal}.json.`)) && Date.now() - started < 60_000) {
    await new Promise((r) => setTimeout(r, 2));
  }
  child.kill(signal);
  await new Promise((r) => child.once('exit', r));
  return { target, child };
}

describe('writeFileAtomic', () => {
  it('writes the whole content and leaves no temporary file', () => {
    const target = join(dir, 'plain.txt');
    writeFileAtomic(target, 'hello\n');
    expect(readFileSync(target, 'utf8')).toBe('hello\n');
    expect(readdirSync(dir).filter((f) => f.startsWith('.plain'))).toEqual([]);
  });

  it('a writer killed with SIGKILL during the write leaves the previous file intact', async () => {
    const { target, child } = await killDuringWrite('SIGKILL');
    expect(child.signalCode).toBe('SIGKILL');
    expect(readFileSync(target, 'utf8')).toBe('the previous, complete file\n');
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} during the write: the file is whole (old or new), no temporary file is left, the signal ends the process`, async () => {
      const { target, child } = await killDuringWrite(signal);
      expect(child.signalCode).toBe(signal);
      const content = readFileSync(target, 'utf8');
      expect(content === 'the previous, complete file\n' || content === 'x'.repeat(300 * 1024 * 1024)).toBe(true);
      expect(readdirSync(dir).filter((f) => f.startsWith(`.out-${signal}.json.`))).toEqual([]);
    });
  }

  it('an error (a directory that does not exist) leaves nothing behind and says so', () => {
    expect(() => writeFileAtomic(join(dir, 'missing', 'x.json'), 'x')).toThrow(/ENOENT/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});
