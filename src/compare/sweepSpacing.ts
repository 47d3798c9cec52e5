/** The spacing of a sweep's values: evenly or geometrically from one end to the other, and which of the two a list is. */

/**
 * The values of a sweep: `steps` values from `from` to `to`, both included, evenly spaced (geometrically with `log`).
 * The ends are exactly `from` and `to`; `from` > `to` sweeps downwards. The caller checks the input: `steps` an
 * integer >= 2, `from` and `to` finite and different, both > 0 with `log` (cli/vary.ts, varyValues).
 * @example spacedValues(1, 100, 3, true) // [1, 10, 100]
 */
export function spacedValues(from: number, to: number, steps: number, log: boolean): number[] {
  const last = steps - 1;
  const out: number[] = [];
  const ratio = to / from;
  for (let i = 0; i <= last; i++) {
    const t = i / last;
    if (i === 0) out.push(from);
    else if (i === last) out.push(to);
    else out.push(log ? from * ratio ** t : from + (to - from) * t);
  }
  return out;
}

/** Whether the values are spaced geometrically (all positive, constant ratio), so interpolation is in log value. */
export function isGeometric(values: readonly number[]): boolean {
  if (values.length < 3 || !values.every((v) => v > 0)) return false;
  const first = values[0] as number;
  const ratio = Math.log((values[1] as number) / first);
  const linear = (values[1] as number) - first;
  const n = values.length - 1;
  const geometricError = Math.abs(Math.log((values[n] as number) / first) - ratio * n);
  const linearError = Math.abs((values[n] as number) - first - linear * n);
  return geometricError / Math.abs(ratio * n || 1) < linearError / Math.abs(linear * n || 1);
}

/** The point at fraction t between x0 and x1, linearly or geometrically. */
export function between(x0: number, x1: number, t: number, log: boolean): number {
  const u = Math.min(1, Math.max(0, t));
  return log ? Math.exp(Math.log(x0) + (Math.log(x1) - Math.log(x0)) * u) : x0 + (x1 - x0) * u;
}
