/**
 * mathjs, loaded on first use. parse.ts reads the plain forms itself (fastQuantity.ts) and asks for mathjs only for
 * real expressions, units outside its table and the wording of errors, so a command given plain values never loads
 * mathjs (about 20-30 ms of start-up, issue 18).
 *
 * How: scripts/build.mjs bundles src/units/mathjs.ts on its own, as CommonJS, into dist/chunks/mathjs-engine.cjs,
 * and this module `require`s that file synchronously on the first call (parseQuantity is synchronous). Where there is
 * no bundle (vitest runs the sources), the test set-up hands the module over with `provideMathEngine` (test/setup.ts).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as Engine from './mathjs.js';

export type MathEngine = typeof Engine;

/** Where scripts/build.mjs writes the engine, relative to dist/ (this module runs from dist/ or dist/chunks/). */
export const MATH_ENGINE_FILE = 'chunks/mathjs-engine.cjs';

let engine: MathEngine | undefined;

/** The mathjs instance of src/units/mathjs.ts, loaded on the first call. */
export function mathEngine(): MathEngine {
  if (engine === undefined) {
    const here = import.meta.url;
    const file = fileURLToPath(new URL(here.includes('/chunks/') ? '../' : './', here)) + MATH_ENGINE_FILE;
    if (!existsSync(file)) {
      throw new Error(`mathjs is not loaded: ${file} is missing (run scripts/build.mjs, or provideMathEngine())`);
    }
    engine = createRequire(here)(file) as MathEngine;
  }
  return engine;
}

/** Hands over the module where there is no bundle to load it from (vitest runs the sources). */
export function provideMathEngine(loaded: MathEngine): void {
  engine = loaded;
}
