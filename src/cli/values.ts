import { InputError } from '../errors.js';
import { type ParseOptions, parseQuantity, type QuantityKind } from '../units/parse.js';
import type { ParsedArgs } from './args.js';

/** The value of a flag parsed as a quantity, or `fallback` when the flag is absent (undefined: required). */
export function flagQuantity(
  args: ParsedArgs,
  name: string,
  kind: QuantityKind,
  opts: ParseOptions & { example: string; fallback?: number },
): number {
  const raw = args.flags.get(name);
  if (raw === undefined) {
    if (opts.fallback !== undefined) return opts.fallback;
    throw new InputError(`--${name}`, undefined, `a value, e.g. --${name} ${opts.example}`);
  }
  if (raw === true) throw new InputError(`--${name}`, raw, `a value, e.g. --${name} ${opts.example}`);
  return parseQuantity(raw, kind, `--${name}`, opts);
}

/** Bare numbers for durations on the command line are hours (MTBF/MTTR are quoted in hours everywhere). */
export function flagHours(args: ParsedArgs, name: string, opts: ParseOptions & { example: string }): number {
  return flagQuantity(args, name, 'duration', { ...opts, bareUnit: 'h' });
}

/** --seed S: the seed of a simulation, an integer >= 0 (default 1). */
export function seedFlag(args: ParsedArgs): number {
  return flagQuantity(args, 'seed', 'count', {
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    integer: true,
    example: '42',
    fallback: 1,
  });
}

/** --threads T: worker threads of a simulation, an integer from 1 to 256 (`fallback` when absent). */
export function threadsFlag(args: ParsedArgs, fallback: number): number {
  return flagQuantity(args, 'threads', 'count', { min: 1, max: 256, integer: true, example: '2', fallback });
}

/** A value flag's text, undefined when absent (parseArgs stores switches as true and refuses a value flag without one). */
export function flagText(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** A value flag that must be one of `choices`; `fallback` when absent. */
export function flagChoice<T extends string>(args: ParsedArgs, name: string, choices: readonly T[], fallback: T): T {
  const v = flagText(args, name);
  if (v === undefined) return fallback;
  if (!(choices as readonly string[]).includes(v)) throw new InputError(`--${name}`, v, `one of ${choices.join(', ')}`);
  return v as T;
}
