// Loads a command built as one CommonJS file (dist/cli-NAME.cjs, scripts/build.mjs) with V8's code cache beside it
// (dist/cli-NAME.cache): the bytecode of every function the build's warm-up run of that command compiled, so a start
// skips most parsing and compiling (issue 18: about 70 ms of a trivial `capplan run`). The cache is an optimisation
// only: V8 refuses one made by another Node or V8 version, other V8 flags or a source of another length, and the file
// is then compiled as usual, with the same result. V8 does not check the source itself (a cache made for `return 1+1`
// is taken for `return 2+2`), so a cache older than its bundle is not offered (the build writes both, bundle first).
const { existsSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');

/** The files of a command: its bundle and its code cache. */
function commandFiles(command) {
  const bundle = join(__dirname, '..', 'dist', `cli-${command}.cjs`);
  return { bundle, cache: bundle.replace(/\.cjs$/, '.cache') };
}

/**
 * The command's bundle evaluated as a CommonJS module, or null when it was not built (`tui`, or an unknown word: the
 * split bundle answers those). The module is strict, as its ES module sources are; `import.meta.url` is the bundle's
 * URL (the parameter scripts/build.mjs defines it as); the file is ASCII (the build checks it), so latin1 reads it as
 * UTF-8 would, into a one-byte string. `cacheUsed` says whether V8 took the code cache.
 */
function loadCommand(command) {
  const { bundle, cache } = commandFiles(command);
  if (!existsSync(bundle)) return null;
  const fresh = existsSync(cache) && statSync(cache).mtimeMs >= statSync(bundle).mtimeMs;
  const cachedData = fresh ? readFileSync(cache) : undefined;
  // the wrapper's head on a line of its own, not counted (lineOffset): stack traces name the bundle's own lines and
  // columns, which its source map reads
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname, __capplanUrl) {'use strict';\n${readFileSync(bundle, 'latin1')}\n})`,
    {
      filename: bundle,
      lineOffset: -1,
      // the bundle has no import() (scripts/build.mjs turns them into require()): a script has no module loader
      cachedData,
    },
  );
  const module = { exports: {} };
  const url = pathToFileURL(bundle).href;
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle), url);
  return {
    main: module.exports.main,
    cacheUsed: cachedData !== undefined && script.cachedDataRejected === false,
    /** Writes the code cache of what has been compiled so far (the build calls it after a warm-up run). */
    saveCache: () => writeFileSync(cache, script.createCachedData()),
  };
}

module.exports = { loadCommand };
