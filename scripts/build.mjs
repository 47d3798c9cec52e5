// Bundles src/cli/main.ts (the CLI) and src/index.ts (the library entry, dist/lib.js) into dist/ with esbuild, and
// writes the library's type declarations (dist/types, tsconfig.lib.json). Three kinds of output: the split ES module
// bundle (dist/cli.js: the TUI behind a dynamic import, and the simulation worker), every other command as one
// CommonJS file with its V8 code cache (dist/cli-NAME.cjs and .cache, below), and mathjs on its own, loaded by the
// parser only for real expressions (src/units/mathEngine.ts).

import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** What every build below shares. */
const COMMON = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  minify: true,
  logLevel: 'warning',
};

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  ...COMMON,
  entryPoints: { cli: 'src/cli/main.ts', simWorker: 'src/simWorkers/worker.ts', lib: 'src/index.ts' },
  outdir: 'dist',
  splitting: true,
  format: 'esm',
  packages: 'bundle',
  // ink imports react-devtools-core only when DEV=true (a development aid, not installed)
  external: ['react-devtools-core'],
  chunkNames: 'chunks/[name]-[hash]',
  banner: {
    // some CommonJS dependencies call require(); give the ESM bundle one
    js: "import { createRequire as __capplanCreateRequire } from 'node:module'; const require = __capplanCreateRequire(import.meta.url);",
  },
});

// Every command but the TUI as one CommonJS file with V8's code cache beside it: dist/cli-run.cjs and
// dist/cli-run.cache, and so on. bin/capplan.js loads dist/cli-NAME.cjs for the command NAME wherever it exists
// (bin/cachedCommand.js; the split bundle answers the TUI and unknown words). One file saves the resolve, read
// and compile of a dozen chunks, and the code cache (the bytecode of every function a warm-up run of the command
// compiled) most of the parsing and compiling left (issue 18: a trivial `capplan run` spent about 100 ms there).
// Each file is the same main() with every other command left out (its loader throws if ever reached). CommonJS
// because V8 caches code of a script (vm.Script), not of an ES module, in Node 20. `help` is main() with every command
// left out: `capplan --help`, `-h`, `help [COMMAND]`, `--version` and `-V` (bin/capplan.js).
// Each single file's warm-up run (its arguments): what its code cache holds is the functions this run compiles. An
// example scenario for the commands that read one. This table is the list of single files.
const EXAMPLE = 'models/scenarios/internal-tool.json';
const WARM_UP = {
  help: ['--help'],
  run: ['run', EXAMPLE, '--analytic'],
  worksheet: ['worksheet', EXAMPLE, '--analytic'],
  sweep: ['sweep', EXAMPLE, '--vary', 'workload.peakRate=10/s..100/s', '--steps', '3'],
  queue: ['queue', '--servers', '8', '--rate', '1280/s', '--service', '5 ms', '--cv', '1.5'],
  availability: [
    'availability',
    '--nodes',
    '16',
    '--need',
    '12',
    '--zones',
    '3',
    '--mtbf',
    '4380 h',
    '--mttr',
    '2 h',
    '--zone-mtbf',
    '8766 h',
    '--zone-mttr',
    '4 h',
  ],
  nines: ['nines', '99.95%'],
  rtt: ['rtt', 'us-east-1', 'eu-west-1'],
  schema: ['schema'],
  // only the help: a fit reads a file of measurements, and none is shipped (a fit compiles most of its code when run)
  fit: ['fit', '--help'],
};
const SINGLE_FILE_COMMANDS = Object.keys(WARM_UP);
for (const command of SINGLE_FILE_COMMANDS) {
  await build({
    ...COMMON,
    entryPoints: { [`cli-${command}`]: 'src/cli/main.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    packages: 'bundle',
    // bin/cachedCommand.js passes the bundle's URL as this parameter (mathjs and the simulation worker are found
    // beside it)
    define: { 'import.meta.url': '__capplanUrl' },
    // import() of a built-in (`await import('node:fs')`) as require(): a script compiled by vm.Script has no module
    // loader to import with
    supported: { 'dynamic-import': false },
    plugins: [
      {
        name: 'only-this-command',
        setup(b) {
          // every command module of main.ts but this one (a command added later is left out too)
          b.onResolve({ filter: /^\.\/commands\/[A-Za-z]+\.js$/ }, (args) =>
            args.path === `./commands/${command}.js` ? undefined : { path: args.path, namespace: 'left-out' },
          );
          b.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
            contents: `export async function run() { throw new Error(${JSON.stringify(`${args.path} is not in dist/cli-${command}.cjs`)}); }`,
            loader: 'js',
          }));
        },
      },
    ],
  });
}

// mathjs on its own, as CommonJS: src/units/mathEngine.ts requires it synchronously the first time a string needs
// more than the parser's fast path (src/units/fastQuantity.ts), so commands given plain values never load it
await build({
  ...COMMON,
  entryPoints: ['src/units/mathjs.ts'],
  outfile: 'dist/chunks/mathjs-engine.cjs',
  format: 'cjs',
});

// Each single file is ASCII (esbuild escapes every other character, but not in a regular expression's literal text:
// the sources write those as \u escapes), so bin/cachedCommand.js reads it as latin1 and V8 keeps its source as a
// one-byte string (a single other character would make the whole 1 MB source a two-byte string, decoded from UTF-8).
for (const command of SINGLE_FILE_COMMANDS) {
  const text = readFileSync(new URL(`../dist/cli-${command}.cjs`, import.meta.url));
  const at = text.findIndex((byte) => byte > 0x7f);
  if (at >= 0) {
    const line = text.subarray(0, at).toString('latin1').split('\n').length;
    process.stderr.write(
      `build: dist/cli-${command}.cjs has a non-ASCII byte at line ${line}: write it as a \\u escape in the source\n`,
    );
    process.exit(1);
  }
}

// The code caches: each single file run once in this process on its warm-up arguments (WARM_UP), as a user would, its
// output thrown away, then its cache written.
const { loadCommand } = await import('../bin/cachedCommand.js');
process.chdir(fileURLToPath(new URL('..', import.meta.url)));
for (const command of SINGLE_FILE_COMMANDS) {
  const loaded = loadCommand(command);
  let err = '';
  const sink = { write: () => true, isTTY: false };
  const code = await loaded.main(WARM_UP[command], {
    stdout: sink,
    stderr: {
      write: (text) => {
        err += text;
        return true;
      },
      isTTY: false,
    },
    stdin: Readable.from([]),
    env: {},
  });
  if (code !== 0) {
    process.stderr.write(
      `build: the warm-up of dist/cli-${command}.cjs (${WARM_UP[command].join(' ')}) exited ${code}:\n${err}`,
    );
    process.exit(1);
  }
  loaded.saveCache();
}

// the library's declarations (what `import ... from 'capplan'` type-checks against)
const tsc = spawnSync(
  process.execPath,
  [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.lib.json'],
  {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
  },
);
if (tsc.status !== 0) {
  process.stderr.write(tsc.stdout + tsc.stderr);
  process.exit(1);
}
