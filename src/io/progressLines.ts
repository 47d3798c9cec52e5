/**
 * The worksheet's progress between the TUI's `w` and the `capplan worksheet` child it runs: the environment variable
 * that asks for it, the lines the child writes and how the TUI reads them. In io/ because both edges use it (the TUI
 * does not import the CLI).
 */
import type { Output } from './io.js';

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
