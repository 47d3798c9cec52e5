import type { Output } from '../io/io.js';

/**
 * A progress bar on stderr when it is a terminal (redrawn in place with \r, erased at the end); nothing otherwise,
 * so logs and pipes stay clean.
 */
export function progressBar(stderr: Output, label: string): { update(done: number, total: number): void; end(): void } {
  if (!stderr.isTTY) return { update() {}, end() {} };
  const width = 30;
  let last = -1;
  return {
    update(done, total) {
      const filled = total > 0 ? Math.round((done / total) * width) : width;
      if (filled === last) return;
      last = filled;
      stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    },
    end() {
      if (last >= 0) stderr.write(`\r${' '.repeat(label.length + width + 16)}\r`);
    },
  };
}

/**
 * With this variable set to 1 `capplan worksheet` writes `progress N` lines to stderr (N the whole percent done, each
 * time it changes, 100 at the end): the protocol between the TUI's `w` and the child it runs, not an option of the
 * CLI (without it stderr is as before).
 */
export const PROGRESS_ENV = 'CAPPLAN_PROGRESS';

/** A fraction done as `progress N` lines on stderr (progressOf reads them), N the floor of the percent, when it changes. */
export function progressLines(stderr: Output): (fraction: number) => void {
  let last = -1;
  return (fraction) => {
    const n = Math.floor(Math.min(1, Math.max(0, fraction)) * 100);
    if (n === last) return;
    last = n;
    stderr.write(`progress ${n}\n`);
  };
}

/** The percent of a `progress N` line (progressLines), or null for any other line. */
export function progressOf(line: string): number | null {
  const m = /^progress (\d{1,3})$/.exec(line.trimEnd());
  return m === null ? null : Math.min(100, Number(m[1]));
}
