// The layers of src/ run one way (issue 12): the numeric core is pure and self-contained, and only the edges (cli/,
// tui/, io/) may import the edges; the TUI does not import the CLI. The checker reads every source file's imports; it is shown failing on deliberate
// violations (synthetic files) and passing on the tree.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

/** Top-level folders that are edges: they talk to people and files (io/: reading input, the streams and exit codes
 * the CLI and the TUI share), and nothing below them may import them. */
const EDGES = new Set(['cli', 'tui', 'io']);

/** Packages the pure core may use (a seeded generator; no I/O, clock or global randomness). */
const CORE_PACKAGES = new Set(['pure-rand']);

/** Calls the pure core must not make: the clock and unseeded randomness. */
const IMPURE_CALLS = [/\bMath\.random\s*\(/, /\bDate\.now\s*\(/, /\bnew Date\s*\(/, /\bperformance\.now\s*\(/];

/** Every import specifier of a source text: static, re-export and dynamic. */
function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/g))
    out.push(m[1] as string);
  for (const m of text.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) out.push(m[1] as string);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1] as string);
  return out;
}

/** The layer of a path under src/: its first folder ('' for a file at the top). */
function layerOf(path: string): string {
  const parts = path.split('/');
  return parts.length > 1 ? (parts[0] as string) : '';
}

/**
 * The violations in a set of source files (paths relative to src/, with their text): one line each.
 * @example layerViolations(new Map([['core/a.ts', "import { x } from '../compare/b.js';"]])) // ['core/a.ts imports ../compare/b.js: the core imports only the core']
 */
function layerViolations(files: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [path, text] of files) {
    const from = layerOf(path);
    for (const spec of importsOf(text)) {
      if (spec.startsWith('.')) {
        const target = relative(SRC, resolve(SRC, dirname(path), spec));
        const to = target.startsWith('..') ? '..' : layerOf(target);
        if (from === 'core' && to !== 'core') out.push(`${path} imports ${spec}: the core imports only the core`);
        if (EDGES.has(to) && !EDGES.has(from))
          out.push(`${path} imports ${spec}: only the edges (cli/, tui/, io/) import the edges`);
        if (from === 'tui' && to === 'cli') out.push(`${path} imports ${spec}: the TUI does not import the CLI`);
      } else if (from === 'core') {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string);
        if (!CORE_PACKAGES.has(pkg)) out.push(`${path} imports ${spec}: the core uses no I/O or outside packages`);
      }
    }
    if (from === 'core') {
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      for (const call of IMPURE_CALLS) {
        if (call.test(code))
          out.push(`${path} calls ${call.source.replace(/\\[bs]|\\|\*|\(|\)/g, '')}: the core is pure`);
      }
    }
  }
  return out;
}

function sourceTree(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(name)) files.set(relative(SRC, p), readFileSync(p, 'utf8'));
    }
  };
  walk(SRC);
  return files;
}

describe('layers', () => {
  it('the tree has no violations', () => {
    const files = sourceTree();
    expect(files.size).toBeGreaterThan(100);
    expect(layerViolations(files)).toEqual([]);
  });

  it('finds each kind of violation in deliberate examples', () => {
    const bad = new Map([
      ['core/queueing/x.ts', "import { compareScenario } from '../../compare/index.js';\nconst r = Math.random();"],
      ['core/sim/y.ts', "import { readFileSync } from 'node:fs';\nexport const t = Date.now();"],
      ['compare/z.ts', "import { InputErrors } from '../cli/args.js';"],
      ['scenario/w.ts', "export { x } from '../tui/fields.js';"],
      ['tui/v.ts', "const io = await import('../cli/io.js');"],
      ['cli/ok.ts', "import { run } from '../tui/run.js';\nconst r = Math.random();"],
      [
        'core/ok.ts',
        "import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';\n// Math.random() in a comment",
      ],
    ]);
    expect(layerViolations(bad)).toEqual([
      'core/queueing/x.ts imports ../../compare/index.js: the core imports only the core',
      'core/queueing/x.ts calls Math.random: the core is pure',
      'core/sim/y.ts imports node:fs: the core uses no I/O or outside packages',
      'core/sim/y.ts calls Date.now: the core is pure',
      'compare/z.ts imports ../cli/args.js: only the edges (cli/, tui/, io/) import the edges',
      'scenario/w.ts imports ../tui/fields.js: only the edges (cli/, tui/, io/) import the edges',
      'tui/v.ts imports ../cli/io.js: the TUI does not import the CLI',
    ]);
  });
});
