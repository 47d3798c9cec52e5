// Bundles src/cli/main.ts (the CLI) and src/index.ts (the library entry, dist/lib.js) into dist/ with esbuild, and
// writes the library's type declarations (dist/types, tsconfig.lib.json). Code splitting keeps start-up fast: mathjs is
// in its own file that the parser loads only for real expressions (src/units/mathEngine.ts), and the TUI is behind a
// dynamic import.

import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/main.ts', simWorker: 'src/simWorkers/worker.ts', lib: 'src/index.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  // ink imports react-devtools-core only when DEV=true (a development aid, not installed)
  external: ['react-devtools-core'],
  sourcemap: 'linked',
  minify: true,
  logLevel: 'warning',
  chunkNames: 'chunks/[name]-[hash]',
  banner: {
    // some CommonJS dependencies call require(); give the ESM bundle one
    js: "import { createRequire as __capplanCreateRequire } from 'node:module'; const require = __capplanCreateRequire(import.meta.url);",
  },
});

// The calculators as single files: dist/cli-queue.js (and availability, nines, rtt) is the same main() with every
// other command left out, in one file instead of a dozen chunks. bin/capplan.js loads it for that command: each
// module of a split bundle costs its own resolve, read and compile at start-up (issue 18: the calculators at about
// 1.3x `node -e 0`). A left-out command's loader throws if ever reached. This list is the only one: bin/capplan.js
// starts from dist/cli-NAME.js wherever that file exists.
export const SINGLE_FILE_COMMANDS = ['queue', 'availability', 'nines', 'rtt'];
for (const command of SINGLE_FILE_COMMANDS) {
  await build({
    entryPoints: { [`cli-${command}`]: 'src/cli/main.ts' },
    outdir: 'dist',
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'bundle',
    sourcemap: 'linked',
    minify: true,
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __capplanCreateRequire } from 'node:module'; const require = __capplanCreateRequire(import.meta.url);",
    },
    plugins: [
      {
        name: 'only-this-command',
        setup(b) {
          // every command module of main.ts but this one (a command added later is left out too)
          b.onResolve({ filter: /^\.\/commands\/[A-Za-z]+\.js$/ }, (args) =>
            args.path === `./commands/${command}.js` ? undefined : { path: args.path, namespace: 'left-out' },
          );
          b.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
            contents: `export async function run() { throw new Error(${JSON.stringify(`${args.path} is not in dist/cli-${command}.js`)}); }`,
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
  entryPoints: ['src/units/mathjs.ts'],
  outfile: 'dist/chunks/mathjs-engine.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  minify: true,
  logLevel: 'warning',
});

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
