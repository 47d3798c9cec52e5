// Every property test runs with a fixed seed, so CI is reproducible (tests that pass their own seed keep it).
// FC_SEED and FC_RUNS override it for longer exploratory runs: FC_SEED=7 FC_RUNS=10000 npx vitest run.
import fc from 'fast-check';
import { afterAll } from 'vitest';
import { removeScratchDirs } from './helpers/scratchDir.js';

fc.configureGlobal({
  seed: Number(process.env.FC_SEED ?? 20261201),
  ...(process.env.FC_RUNS ? { numRuns: Number(process.env.FC_RUNS) } : {}),
});

// the scratch directories a test file made are removed when it ends, pass or fail
afterAll(removeScratchDirs);
