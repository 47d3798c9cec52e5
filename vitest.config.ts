import { defineConfig } from 'vitest/config';

// The JSON report is what .ci/run counts (vitest's own summary line is not read by CI).
export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
    // A test checks results, never time: the limits only catch a hang. Tests hit the old 30 s limit on a shared 2-core
    // machine under load, so the defaults are generous (slower tests set their own).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // both cores (vitest's default is one fewer than the CPUs: one worker on this 2-core machine, the suite in series);
    // the tests' limits only catch hangs, so the contention of two workers changes no result
    maxWorkers: 2,
  },
});
