/** Random changes to a scenario for the schema's tests (shapeIssues, shapePasses). */

/** Values a mutation puts somewhere: wrong types, out of range, -0 and a non-finite number (JSON cannot say them). */
export const JUNK = [
  null,
  -1,
  0,
  -0,
  1.5,
  Number.POSITIVE_INFINITY,
  Number.NaN,
  '',
  'x',
  '5 ms',
  '-3/s',
  '150%',
  true,
  [],
  [1],
  {},
  { p5: 1 },
];

/** A copy of `value` with one place (a random path) changed: a value replaced, a key removed or a key added. */
export function mutate(value: unknown, choices: number[], junk: unknown): unknown {
  if (value === null || typeof value !== 'object') return junk;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  const keys = Object.keys(copy);
  const pick = choices[0] ?? 0;
  const rest = choices.slice(1);
  if (keys.length === 0 || pick % 7 === 6) {
    (copy as Record<string, unknown>)[keys.length === 0 || pick % 2 === 0 ? 'unknownKey' : `${keys[0]}`] = junk;
    return copy;
  }
  const key = keys[pick % keys.length] as string;
  if (pick % 11 === 10 && !Array.isArray(copy)) delete copy[key];
  else
    (copy as Record<string, unknown>)[key] =
      rest.length === 0 ? junk : mutate((copy as Record<string, unknown>)[key], rest, junk);
  return copy;
}
