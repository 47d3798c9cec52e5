import { InputError, InputErrors } from '../errors.js';
import { closest } from '../util/suggest.js';

/** A flag of a command: `--name VALUE` (or `--name=VALUE`), or a boolean switch `--name`. */
export interface FlagSpec {
  name: string;
  kind: 'value' | 'switch';
  /** Shown in help after the flag, e.g. `R`. */
  valueName?: string;
  description: string;
}

export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
  flags: readonly FlagSpec[];
  /** Names of positional arguments, for help and for the "too many arguments" error. */
  positionals: readonly string[];
  /** Extra lines of help (examples). */
  details?: readonly string[];
}

export interface ParsedArgs {
  flags: Map<string, string | true>;
  positionals: string[];
}

/** Flags every command accepts. */
export const COMMON_FLAGS: readonly FlagSpec[] = [{ name: 'help', kind: 'switch', description: 'show this help' }];

/**
 * A token that looks like a negative number or a coordinate pair (`-5`, `-33.92,18.42`) is a positional value,
 * not a flag. Everything after `--` is positional.
 */
const NEGATIVE_NUMBER = /^-[\d.]/;

/**
 * Parses argv (after the command name) against a command's flags. Every problem is collected, so the user sees all of
 * them at once; each names the flag, the value and what was expected.
 */
export function parseArgs(argv: readonly string[], spec: CommandSpec): ParsedArgs {
  const known = new Map<string, FlagSpec>();
  for (const f of [...spec.flags, ...COMMON_FLAGS]) known.set(f.name, f);
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  const errors: InputError[] = [];
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (onlyPositionals || !token.startsWith('-') || token === '-' || NEGATIVE_NUMBER.test(token)) {
      positionals.push(token);
      continue;
    }
    if (token === '--') {
      onlyPositionals = true;
      continue;
    }
    if (token === '-h') {
      flags.set('help', true);
      continue;
    }
    if (!token.startsWith('--')) {
      errors.push(new InputError(token, token, `a flag of the form --name (see capplan ${spec.name} --help)`));
      continue;
    }
    const eq = token.indexOf('=');
    const name = eq >= 0 ? token.slice(2, eq) : token.slice(2);
    const flag = known.get(name);
    if (!flag) {
      const suggestion = closest(name, [...known.keys()]);
      errors.push(
        new InputError(
          `--${name}`,
          token,
          suggestion
            ? `a flag of capplan ${spec.name} (did you mean --${suggestion}?)`
            : `one of the flags of capplan ${spec.name}: ${[...known.keys()].map((k) => `--${k}`).join(', ')}`,
        ),
      );
      if (eq < 0 && i + 1 < argv.length && !(argv[i + 1] as string).startsWith('--')) i++;
      continue;
    }
    if (flags.has(name)) {
      errors.push(new InputError(`--${name}`, token, `--${name} at most once`));
    }
    if (flag.kind === 'switch') {
      if (eq >= 0) errors.push(new InputError(`--${name}`, token.slice(eq + 1), `no value (--${name} is a switch)`));
      flags.set(name, true);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = token.slice(eq + 1);
    else if (i + 1 < argv.length) {
      const next = argv[i + 1] as string;
      if (!next.startsWith('--') || NEGATIVE_NUMBER.test(next)) {
        value = next;
        i++;
      }
    }
    if (value === undefined || value === '') {
      errors.push(new InputError(`--${name}`, undefined, `a value (--${name} ${flag.valueName ?? 'VALUE'})`));
      continue;
    }
    flags.set(name, value);
  }
  if (!flags.has('help') && positionals.length > spec.positionals.length) {
    const extra = positionals.slice(spec.positionals.length);
    errors.push(
      new InputError(
        `argument ${spec.positionals.length + 1}`,
        extra.join(' '),
        spec.positionals.length === 0
          ? `no positional arguments (usage: ${spec.usage})`
          : `at most ${spec.positionals.length} (usage: ${spec.usage})`,
      ),
    );
  }
  if (errors.length > 0) throw new InputErrors(errors);
  return { flags, positionals };
}

/**
 * Collects input problems while a command reads its flags, so all of them are reported together.
 * `attempt` runs a parse and returns its value, or records the InputError and returns the fallback.
 */
export class ProblemList {
  private readonly problems: InputError[] = [];

  attempt<T>(parse: () => T, fallback: T): T {
    try {
      return parse();
    } catch (error) {
      if (error instanceof InputError) {
        this.problems.push(error);
        return fallback;
      }
      if (error instanceof InputErrors) {
        this.problems.push(...error.errors);
        return fallback;
      }
      throw error;
    }
  }

  add(error: InputError): void {
    this.problems.push(error);
  }

  get count(): number {
    return this.problems.length;
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new InputErrors(this.problems);
  }
}

/** Help text of one command. */
export function commandHelp(spec: CommandSpec): string {
  const lines = [`capplan ${spec.name}: ${spec.summary}`, '', `usage: ${spec.usage}`, ''];
  const all = [...spec.flags, ...COMMON_FLAGS];
  const left = all.map((f) => (f.kind === 'switch' ? `--${f.name}` : `--${f.name} ${f.valueName ?? 'VALUE'}`));
  const width = Math.max(...left.map((l) => l.length)) + 2;
  all.forEach((f, i) => {
    lines.push(`  ${(left[i] as string).padEnd(width)}${f.description}`);
  });
  if (spec.details && spec.details.length > 0) lines.push('', ...spec.details);
  return `${lines.join('\n')}\n`;
}
