// Batch mode never loads Ink or React: in the built bundle (dist/, what `npx capplan` runs), the modules a batch
// command loads (its chunk and everything it imports statically) contain no Ink/React code; only the TUI chunk does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
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

  // the calculators' single-file bundles (scripts/build.mjs; bin/capplan.js loads them for these commands)
  for (const command of ['queue', 'availability', 'nines', 'rtt']) {
    it(`dist/cli-${command}.js is one file without Ink or React, and leaves out the other commands`, () => {
      const file = `cli-${command}.js`;
      expect(importsOf(file).statics).toEqual([]);
      expect(hasInk(file)).toBe(false);
      expect(read(file)).toContain('is not in dist/cli-');
    });
  }

  it('the single-file calculators answer as the split bundle does (help, results, errors)', async () => {
    type Main = (argv: string[], io: object) => Promise<number>;
    const run = async (file: string, argv: string[]) => {
      const { main } = (await import(join(dist, file))) as { main: Main };
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
    for (const argv of [
      ['queue', '--servers', '8', '--rate', '1280/s', '--service', '5 ms', '--cv', '1.5', '--json'],
      ['queue', '--servers', '2', '--rate', '1000/s * 1.5^2', '--service', '5 ms'],
      ['queue', '--help'],
      ['queue', '--servers', '0', '--rate', '5 kg'],
      ['availability', '--nodes', '3', '--need', '2', '--mtbf', '4380 h', '--mttr', '2 h', '--json'],
      ['nines', '99.95%', '--json'],
      ['rtt', 'us-east-1', 'eu-west-1', '--json'],
    ]) {
      const single = await run(`cli-${argv[0]}.js`, argv);
      expect({ argv, ...single }).toEqual({ argv, ...(await run('cli.js', argv)) });
    }
  });
});
