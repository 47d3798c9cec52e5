// Batch mode never loads Ink or React: in the built bundle (dist/, what `npx capplan` runs), the modules a batch
// command loads (its chunk and everything it imports statically) contain no Ink/React code; only the TUI chunk does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error bin/ is plain JavaScript without declarations
import { loadCommand } from '../../bin/cachedCommand.js';
import { COMMANDS } from '../../src/cli/specs.js';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const read = (rel: string) => readFileSync(join(dist, rel), 'utf8');

/** The relative paths a module imports statically (esbuild ESM output) and dynamically. */
function importsOf(rel: string): { statics: string[]; dynamics: string[] } {
  const code = read(rel);
  const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/') + 1) : '';
  const resolve = (p: string) => (p.startsWith('./') ? dir + p.slice(2) : p.startsWith('../') ? p.slice(3) : p);
  const statics = [...code.matchAll(/(?:^|[;}\s])import\s*(?:[^'"()]*?from\s*)?["'](\.{1,2}\/[^"']+)["']/g)].map((m) =>
    resolve(m[1] as string),
  );
  const dynamics = [...code.matchAll(/import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)].map((m) => resolve(m[1] as string));
  return { statics, dynamics };
}

function staticClosure(entry: string): string[] {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    const next = queue.pop() as string;
    for (const dep of importsOf(next).statics) {
      if (!seen.has(dep)) {
        seen.add(dep);
        queue.push(dep);
      }
    }
  }
  return [...seen];
}

/** Ink (reconciler, layout, hooks) or React itself (its element symbol). */
const hasInk = (rel: string) =>
  /react-reconciler|\buseInput\b|yoga-layout|Ink|react\.(?:transitional\.)?element/.test(read(rel));

describe('the bundle', () => {
  const cli = importsOf('cli.js');
  const commandChunk = (name: string) => cli.dynamics.find((p) => new RegExp(`chunks/${name}-[A-Z0-9]+\\.js$`).test(p));

  // every command but the TUI: run, worksheet, sweep, queue, availability, nines, rtt, schema
  for (const command of COMMANDS.map((c) => c.name).filter((n) => n !== 'tui')) {
    it(`capplan ${command} loads no Ink or React code`, () => {
      const chunk = commandChunk(command);
      expect(chunk, `the ${command} chunk`).toBeDefined();
      const loaded = [...staticClosure('cli.js'), ...staticClosure(chunk as string)];
      expect(loaded.filter(hasInk)).toEqual([]);
    });
  }

  it('capplan without a terminal (the TUI command printing the table) loads no Ink or React code until it needs it', () => {
    const tuiCommand = commandChunk('tui') as string;
    const tuiRun = importsOf(tuiCommand).dynamics[0] as string;
    const loaded = [...staticClosure('cli.js'), ...staticClosure(tuiCommand), ...staticClosure(tuiRun)];
    expect(loaded.filter(hasInk)).toEqual([]);
  });

  it('the TUI does load Ink (so the check above can fail)', () => {
    const tuiCommand = commandChunk('tui') as string;
    const tuiRun = importsOf(tuiCommand).dynamics[0] as string;
    const reachable = new Set<string>();
    for (const m of staticClosure(tuiRun)) reachable.add(m);
    for (const d of importsOf(tuiRun).dynamics) for (const m of staticClosure(d)) reachable.add(m);
    expect([...reachable].some(hasInk)).toBe(true);
  });

  // every command but the TUI as one CommonJS file with its code cache (scripts/build.mjs; bin/capplan.js loads them)
  const singles = [...COMMANDS.map((c) => c.name).filter((n) => n !== 'tui'), 'help'];
  for (const command of singles) {
    it(`dist/cli-${command}.cjs is one file without Ink or React, and leaves out the other commands`, () => {
      const file = `cli-${command}.cjs`;
      expect(read(file)).not.toMatch(/require\(["']\.{1,2}\//);
      // a script compiled by vm.Script (bin/cachedCommand.js) cannot import(): the build turns them into require()
      expect(read(file)).not.toMatch(/\bimport\(/);
      expect(hasInk(file)).toBe(false);
      expect(read(file)).toContain('is not in dist/cli-');
      // none of zod's translations of its messages (capplan writes its own): `z.core.$ZodObject` once pulled all of
      // zod's core namespace, forty locales with it, into every file that reads a scenario (300 kB of 1.5 MB)
      expect(read(file)).not.toContain('Nieprawid'); // Polish, "invalid": zod/v4/locales/pl.js
    });
  }

  it('every single-file command answers as the split bundle does (help, results, errors), from its code cache', async () => {
    type Main = (argv: string[], io: object) => Promise<number>;
    const answer = async (main: Main, argv: string[]) => {
      let out = '';
      const sink = {
        write: (s: string) => {
          out += s;
          return true;
        },
      };
      const code = await main(argv, { stdout: sink, stderr: sink, env: {} });
      return { code, out };
    };
    const split = ((await import(join(dist, 'cli.js'))) as { main: Main }).main;
    const cases: string[][] = [
      ['queue', '--servers', '8', '--rate', '1280/s', '--service', '5 ms', '--cv', '1.5', '--json'],
      ['queue', '--servers', '2', '--rate', '1000/s * 1.5^2', '--service', '5 ms'],
      ['queue', '--help'],
      ['queue', '--servers', '0', '--rate', '5 kg'],
      ['availability', '--nodes', '3', '--need', '2', '--mtbf', '4380 h', '--mttr', '2 h', '--json'],
      ['nines', '99.95%', '--json'],
      ['rtt', 'us-east-1', 'eu-west-1', '--json'],
      ['run', 'models/scenarios/internal-tool.json', '--analytic'],
      ['run', 'models/scenarios/nowhere.json'],
      ['worksheet', 'models/scenarios/internal-tool.json', '--analytic', '--format', 'text'],
      ['sweep', 'models/scenarios/internal-tool.json', '--vary', 'workload.peakRate=10/s..100/s', '--steps', '3'],
      ['schema'],
      ['fit', '--help'],
      ['help', 'queue'],
    ];
    expect(new Set(cases.map((c) => c[0]))).toEqual(new Set(singles));
    for (const argv of cases) {
      const loaded = loadCommand(argv[0] as string);
      expect(loaded?.cacheUsed, `dist/cli-${argv[0]}.cache taken by V8`).toBe(true);
      const single = await answer(loaded?.main as Main, argv);
      expect({ argv, ...single }).toEqual({ argv, ...(await answer(split, argv)) });
    }
    expect(loadCommand('tui')).toBeNull();
    // what bin/capplan.js answers from dist/cli-help.cjs
    for (const argv of [['--help'], ['-h'], ['--version'], ['-V']]) {
      const help = loadCommand('help');
      expect({ argv, ...(await answer(help?.main as Main, argv)) }).toEqual({ argv, ...(await answer(split, argv)) });
    }
  });
});
