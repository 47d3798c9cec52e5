/**
 * mathjs, loaded on first use. parse.ts reads the plain forms itself (fastQuantity.ts) and asks for mathjs only for
 * real expressions, units outside its table and the wording of errors, so a command given plain values never loads
 * mathjs (about 20-30 ms of start-up, issue 18).
 *
 * How: scripts/build.mjs bundles src/units/mathjs.ts on its own, as CommonJS, into dist/chunks/mathjs-engine.cjs,
 * and this module `require`s that file synchronously on the first call (parseQuantity is synchronous). The sources
 * (vitest) load the same built file from dist/, on first use only: importing mathjs into every test file cost about
 * 0.75 s each (105 s of a suite run).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as Engine from './mathjs.js';

export type MathEngine = typeof Engine;

/** Where scripts/build.mjs writes the engine, relative to dist/ (this module runs from dist/ or dist/chunks/). */
export const MATH_ENGINE_FILE = 'chunks/mathjs-engine.cjs';

let engine: MathEngine | undefined;

/**
 * Where the engine is, seen from this module: beside the bundle's chunks (dist/ or dist/chunks/), or, when the
 * sources run without the bundle (vitest), in the built dist/ two levels up (`npm test` builds first).
 */
function engineFile(here: string): string | undefined {
  const candidates = [
    new URL(here.includes('/chunks/') ? '../' : './', here),
    new URL('../../dist/', here), // src/units/ -> the project's dist/
  ].map((dir) => fileURLToPath(dir) + MATH_ENGINE_FILE);
  return candidates.find((file) => existsSync(file));
}

/** The mathjs instance of src/units/mathjs.ts, loaded on the first call. */
export function mathEngine(): MathEngine {
  if (engine === undefined) {
    const here = import.meta.url;
    const file = engineFile(here);
    if (file === undefined) {
      throw new Error(`mathjs is not loaded: ${MATH_ENGINE_FILE} is missing (run scripts/build.mjs)`);
    }
    engine = createRequire(here)(file) as MathEngine;
  }
  return engine;
}
