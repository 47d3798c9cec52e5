// Bundles src/cli/main.ts into dist/ with esbuild. Code splitting keeps start-up fast: mathjs is in its own
// chunk that only the commands that parse unit strings load, and the TUI (later) is behind a dynamic import.

import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/main.ts', simWorker: 'src/simWorkers/worker.ts' },
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
