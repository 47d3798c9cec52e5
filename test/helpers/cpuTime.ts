import { cpuUsage } from 'node:process';

/**
 * The CPU time (user + system, in ms) this process spends in `fn`, with its result. Tests that guard against a
 * pathological algorithm (a backtracking parser, a sum over every server) bound this instead of the wall-clock time:
 * the work does not change when a loaded machine deschedules the test, the elapsed time does.
 */
export function cpuTimeMs<T>(fn: () => T): { result: T; ms: number } {
  const start = cpuUsage();
  const result = fn();
  const used = cpuUsage(start);
  return { result, ms: (used.user + used.system) / 1000 };
}
