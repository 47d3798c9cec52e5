// A scratch directory for a test's files, removed when its test file ends (test/setup.ts calls
// removeScratchDirs after every file). Tests wrote hundreds of directories into /tmp per suite run and never removed
// them (one of them 600 MB). The list is module state shared by the files of one worker (isolate: false), and each
// worker runs its files one at a time, so a file's afterAll removes exactly the directories made since the last one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A new empty directory under the system's temporary directory, named `prefix` and a random suffix. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every directory scratchDir made so far (and what is in them). */
export function removeScratchDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
