import { describe, expect, it } from 'vitest';
import { type CommandSpec, ProblemList, parseArgs } from '../../src/cli/args.js';
import { InputError, InputErrors } from '../../src/errors.js';

const spec: CommandSpec = {
  name: 'demo',
  summary: 'demo',
  usage: 'capplan demo A B [--servers C] [--json]',
  positionals: ['A', 'B'],
  flags: [
    { name: 'servers', kind: 'value', valueName: 'C', description: 'servers' },
    { name: 'json', kind: 'switch', description: 'json' },
  ],
};

function messages(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputErrors) return e.errors.map((x) => x.message);
    throw e;
  }
  throw new Error('expected InputErrors');
}

describe('parseArgs', () => {
  it('reads --flag value, --flag=value and switches', () => {
    const a = parseArgs(['--servers', '8', '--json'], spec);
    expect(a.flags.get('servers')).toBe('8');
    expect(a.flags.get('json')).toBe(true);
    expect(parseArgs(['--servers=16'], spec).flags.get('servers')).toBe('16');
  });

  it('treats negative numbers and coordinates as positionals, not flags', () => {
    const a = parseArgs(['-33.92,18.42', '35.68,139.65'], spec);
    expect(a.positionals).toEqual(['-33.92,18.42', '35.68,139.65']);
    expect(parseArgs(['--servers', '-3'], spec).flags.get('servers')).toBe('-3');
  });

  it('names an unknown flag and suggests the nearest one', () => {
    expect(messages(() => parseArgs(['--server', '8'], spec))).toEqual([
      '--server: "--server": expected a flag of capplan demo (did you mean --servers?)',
    ]);
  });

  it('reports every problem, one line each', () => {
    const m = messages(() => parseArgs(['--servers', '--json=1', 'a', 'b', 'c'], spec));
    expect(m).toHaveLength(3);
    expect(m[0]).toMatch(/^--servers: missing: expected a value/);
    expect(m[1]).toMatch(/^--json: "1": expected no value/);
    expect(m[2]).toMatch(/^argument 3: "c": expected at most 2/);
  });

  it('refuses a flag given twice', () => {
    expect(messages(() => parseArgs(['--servers', '1', '--servers', '2'], spec))[0]).toMatch(/at most once/);
  });

  it('takes everything after -- as positional', () => {
    expect(parseArgs(['--', '--json', 'x'], spec).positionals).toEqual(['--json', 'x']);
  });
});

describe('ProblemList', () => {
  it('collects InputErrors and rethrows other errors', () => {
    const p = new ProblemList();
    expect(
      p.attempt(() => {
        throw new InputError('--a', 1, 'two');
      }, 5),
    ).toBe(5);
    expect(p.count).toBe(1);
    expect(() =>
      p.attempt(() => {
        throw new TypeError('bug');
      }, 0),
    ).toThrow(TypeError);
    expect(() => p.throwIfAny()).toThrow(InputErrors);
  });
});
