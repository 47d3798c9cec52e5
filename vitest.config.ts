import { defineConfig } from 'vitest/config';

// The JSON report is what .ci/run counts (vitest's own summary line is not read by CI).
export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
