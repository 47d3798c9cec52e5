// capplan fit on mangled measurement files: whatever the text, the exit code is 0 or 2, never an internal error or a
// stack trace, and every error line names its subject ("error: SUBJECT: VALUE: expected ...").
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from '../helpers/arbitraries.js';
import { cli } from './fitHarness.js';

const FIXTURES = {
  usl: readFileSync('test/fixtures/fit/cisco.csv', 'utf8'),
  latency: readFileSync('test/fixtures/fit/api-latency.prom', 'utf8'),
  k6: readFileSync('test/fixtures/fit/k6-summary.json', 'utf8'),
  failures: readFileSync('test/fixtures/fit/incidents.csv', 'utf8'),
};

const junk = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', ',', '"', '+Inf', 'NaN', '-1', '0', '1e309', '{', '}', 'le="0.1"', '2025-13-01T00:00Z', '#'),
);

/** The text with some lines deleted, duplicated, swapped or replaced, and some cells replaced by junk. */
const mangled = (text: string) =>
  fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 4 }), junk), { maxLength: 6 }).map((edits) => {
    const lines = text.split('\n');
    for (const [at, op, j] of edits) {
      const i = lines.length === 0 ? 0 : at % lines.length;
      if (op === 0) lines.splice(i, 1);
      else if (op === 1) lines.splice(i, 0, lines[i] ?? j);
      else if (op === 2) lines[i] = j;
      else if (op === 3) lines[i] = (lines[i] ?? '').replace(/[^,{} ]+$/, j);
      else lines.splice(i, 0, j);
    }
    return lines.join('\n');
  });

describe('capplan fit on mangled files', () => {
  for (const [name, kind] of [
    ['usl', 'usl'],
    ['latency', 'latency'],
    ['k6', 'latency'],
    ['failures', 'failures'],
  ] as const) {
    it(`${name}: exit 0 or 2, one named line per problem, no internal error`, async () => {
      await fc.assert(
        fc.asyncProperty(mangled(FIXTURES[name]), async (text) => {
          const r = await cli(['fit', kind, '-', '--json'], text);
          expect([0, 2], r.stderr).toContain(r.code);
          expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
          if (r.code === 0) {
            expect(() => JSON.parse(r.stdout)).not.toThrow();
          } else {
            for (const line of r.stderr.trimEnd().split('\n')) expect(line).toMatch(/^error: [^:]+: .*expected /);
          }
        }),
        { numRuns: runs(150) },
      );
    });
  }
});
