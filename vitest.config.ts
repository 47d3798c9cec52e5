import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The slowest test files (seconds on this 2-core machine, from the JSON report of a suite run: below): started
 * first, so that the two workers end together instead of one of them starting a minute-long file last. A fresh clone
 * has no timings cached, and vitest then runs the files in the order it found them (test/report/ late). Only an
 * order: a file missing here runs after these, as vitest orders it.
 */
const SLOWEST_FIRST: readonly string[] = [
  // seconds in one suite run at load 8 (2026-12-07, after issue 18's worksheet round)
  'test/cli/run.test.ts', // 87 s: every example run twice with its simulation
  'test/compare/searchHorizontal.test.ts', // 72 s: the search against brute force
  'test/report/worksheet.test.ts', // 49 s: every example's worksheet built, Markdown and HTML goldens
  'test/cli/fitInto.test.ts', // 33 s
  'test/tui/app.test.tsx', // 27 s
  'test/report/htmlBrowser.test.ts', // 19 s: Chromium
];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = SLOWEST_FIRST.findIndex((x) => f.moduleId.endsWith(x));
      return i === -1 ? SLOWEST_FIRST.length : i;
    };
    // a stable sort: the files not listed keep vitest's order
    return base
      .map((f, k) => ({ f, k }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.k - b.k)
      .map((x) => x.f);
  }
}

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
    // the test files share a worker's module cache instead of importing the sources again per file (about 70 s of
    // transform and import per run of the suite: 284 -> 239 s on a fresh clone); no test mocks modules or writes
    // process.env, and every file passes in either mode
    isolate: false,
    sequence: { sequencer: SlowestFirst },
  },
});
