/**
 * Issue 17, rows 5-8 and 12: where --out (and the TUI's save, through writeFileAtomic) may write, and a stdout that cannot be written. In-process: main()
 * with captured output, files in a temporary directory.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { NotRegularFileError, writeFileAtomic } from '../../src/util/atomicWrite.js';
import { scratchDir } from '../helpers/scratchDir.js';
import { BIN } from './run.js';
import { sourceCli } from './sourceMain.js';

const cli = sourceCli;

const scenarioFile = () => {
  const dir = scratchDir('capplan-out-');
  const file = join(dir, 'scenario.json');
  copyFileSync('models/scenarios/internal-tool.json', file);
  return { dir, file };
};

describe('--out targets', () => {
  it.runIf(existsSync('/dev/null'))('a device is refused (exit 2, one line), and stays a device', async () => {
    const { file } = scenarioFile();
    const r = await cli(['run', file, '--analytic', '--out', '/dev/null']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: --out: "/dev/null": expected a regular file, not a character device (to write to a pipe or a device, leave out --out and redirect stdout)\n',
    );
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it.runIf(process.platform !== 'win32')('a FIFO is refused without opening it', async () => {
    const { dir, file } = scenarioFile();
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const r = await cli(['run', file, '--analytic', '--out', fifo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out: .*pipe": expected a regular file, not a FIFO/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('the input itself is refused (worksheet x.json --out x.json), through a symbolic link too', async () => {
    const { dir, file } = scenarioFile();
    const before = readFileSync(file, 'utf8');
    const link = join(dir, 'link.json');
    symlinkSync(file, link);
    for (const out of [file, link]) {
      const r = await cli(['worksheet', file, '--analytic', '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: --out: .*: expected a file other than the input .*scenario\.json/);
    }
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it("keeps the target's mode, writes through a symbolic link, and leaves no temporary file", async () => {
    const { dir, file } = scenarioFile();
    const target = join(dir, 'result.json');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    const link = join(dir, 'result-link.json');
    symlinkSync(target, link);
    const r = await cli(['run', file, '--analytic', '--out', link]);
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(target, 'utf8')).scenario).toBe('Small internal tool (sanity case)');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writeFileAtomic refuses a non-regular target with its kind (the TUI says it)', () => {
    const dir = scratchDir('capplan-out-');
    expect(() => writeFileAtomic(dir, 'x')).toThrow(NotRegularFileError);
    expect(() => writeFileAtomic(dir, 'x')).toThrow(/is a directory, not a regular file/);
  });
});

describe('--date', () => {
  it('a day the calendar does not have is refused; a leap day is not', async () => {
    const { file } = scenarioFile();
    for (const date of ['2026-13-45', '2026-02-31', '2026-04-31', '2025-02-29', '26-01-01']) {
      const r = await cli(['worksheet', file, '--analytic', '--date', date]);
      expect({ date, code: r.code, stdout: r.stdout }).toEqual({ date, code: 2, stdout: '' });
      expect(r.stderr).toBe(
        `error: --date: "${date}": expected a calendar date as YYYY-MM-DD (month 01-12, a day the month has)\n`,
      );
    }
    const leap = await cli(['worksheet', file, '--analytic', '--date', '2024-02-29']);
    expect(leap.code).toBe(0);
    expect(leap.stdout).toContain('2024-02-29');
  });
});

describe('output that cannot be written', () => {
  it.runIf(existsSync('/dev/full'))('stdout on a full disk: one line on stderr, exit 4, no stack trace', () => {
    const full = openSync('/dev/full', 'w');
    try {
      for (const args of [
        ['nines', '99.9%'],
        ['run', 'models/scenarios/internal-tool.json', '--analytic'],
      ]) {
        const r = spawnSync(process.execPath, [BIN, ...args], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
        expect(r.status).toBe(4);
        expect(r.stderr).toBe('error: cannot write stdout: ENOSPC (ENOSPC: no space left on device, write)\n');
      }
    } finally {
      closeSync(full);
    }
  });
});
