// Every property test runs with a fixed seed, so CI is reproducible (tests that pass their own seed keep it).
// FC_SEED and FC_RUNS override it for longer exploratory runs: FC_SEED=7 FC_RUNS=10000 npx vitest run.
import fc from 'fast-check';
import { provideMathEngine } from '../src/units/mathEngine.js';
import * as mathjsModule from '../src/units/mathjs.js';

fc.configureGlobal({
  seed: Number(process.env.FC_SEED ?? 20261201),
  ...(process.env.FC_RUNS ? { numRuns: Number(process.env.FC_RUNS) } : {}),
});

// The sources run without the bundle here, so mathjs is handed to the parser (src/units/mathEngine.ts).
provideMathEngine(mathjsModule);
