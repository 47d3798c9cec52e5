// Reading a JSONL batch's lines as changes to recent ones (src/cli/scenarioLines.ts): a line read after any other
// lines gives what readScenarioText gives it alone (the same Scenario, or the same errors), its comparison the same
// bytes, and the kept members stay within their bounds on an endless stream.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { MAX_KEPT_MEMBER_CHARS, MAX_KEPT_MEMBERS, ScenarioLines } from '../../src/cli/scenarioLines.js';
import { compareScenario } from '../../src/compare/index.js';
import { InputErrors } from '../../src/errors.js';
import { readScenarioText } from '../../src/scenario/read.js';
import { JUNK, mutate } from '../helpers/mutateScenario.js';
import { capplan } from './run.js';

const DIR = 'models/scenarios/';
const examples = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(`${DIR}${f}`, 'utf8')) as Record<string, unknown>);
const internal = JSON.parse(readFileSync(`${DIR}internal-tool.json`, 'utf8')) as {
  workload: Record<string, unknown>;
  targets: Record<string, unknown>;
};

/** The internal-tool example at peak rate `rate` per second and p99 target `p99Ms` (a batch's changing members). */
function varied(rate: number, p99Ms = 500): string {
  return JSON.stringify({
    ...internal,
    workload: { ...internal.workload, peakRate: `${rate}/s` },
    targets: { ...internal.targets, p99: `${p99Ms} ms` },
  });
}

/** Lines that are no scenario, or that a member's check refuses, beside the good ones. */
const text = JSON.stringify(internal);
const BAD = [
  text.replace('"name":', '"__proto__":{"x":1},"name":'),
  text.replace('"workload":{', '"workload":{"constructor":1,'),
  // a forbidden key where the schema takes any key (a record)
  text.replace('"workload":{', '"workload":{"perVcpuPerformance":{"constructor":1.1},'),
  // a tier named constructor, keying its candidates' designs (a record): only the forbidden-key check refuses it
  readFileSync(`${DIR}payment-processing.json`, 'utf8').replaceAll('"api"', '"constructor"').replace(/\n\s*/g, ' '),
  text.replace('"name":', '"name":"first","name":'),
  text.replace('"workload":{', '"workload":{"peakRate":"9/s",'),
  text.replace('"targets":{', `"fitted":${'['.repeat(70)}${']'.repeat(70)},"targets":{`),
  text.replace('"targets":{', `"fitted":${'['.repeat(62)}${']'.repeat(62)},"targets":{`),
  `\ufeff${text}`,
  `${text}x`,
  '[1]',
  '{"name": 3}',
  text.replace('"users":[', '"users":[{"region":"eu-west-1","share":"10%"},'),
  text.replace('"serviceTime":"20 ms"', '"serviceTime":"20 parsecs"'),
];

/** What reading a line gives: the scenario, or the class and messages of its errors. */
function outcome(read: () => unknown): unknown {
  try {
    return { scenario: read() };
  } catch (error) {
    if (!(error instanceof InputErrors)) throw error;
    return { errors: error.errors.map((e) => e.message) };
  }
}

describe('ScenarioLines', () => {
  const catalog = loadCatalog();

  it('reads each line of any sequence as readScenarioText reads it alone', () => {
    const good = [
      ...examples.map((e) => JSON.stringify(e)),
      ...examples.slice(0, 4).map((e) => JSON.stringify(e, null, 1).replace(/\n/g, ' ')),
      ...[40, 40.1, 77.7, 139.9].flatMap((r) => [varied(r), varied(r, 250)]),
    ];
    const line = fc.oneof(
      fc.constantFrom(...good, ...BAD),
      // an example with one place changed (a value replaced, a key removed or added)
      fc
        .tuple(
          fc.nat(examples.length - 1),
          fc.array(fc.nat(40), { minLength: 1, maxLength: 4 }),
          fc.constantFrom(...JUNK),
        )
        .map(([e, choices, junk]) => JSON.stringify(mutate(examples[e], choices, junk))),
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 25 }), (lines) => {
        const reader = new ScenarioLines(catalog);
        lines.forEach((t, i) => {
          expect(outcome(() => reader.read(t, `line ${i + 1}`))).toStrictEqual(
            outcome(() => readScenarioText(t, `line ${i + 1}`)),
          );
        });
      }),
      { numRuns: 150 },
    );
  });

  it('gives the comparison of a line read after others the bytes of the line read alone', () => {
    const lines = [40, 57.3, 40, 139.9, 88.8, 57.3].flatMap((r) => [varied(r), varied(r, 200)]);
    fc.assert(
      fc.property(fc.shuffledSubarray(lines, { minLength: 2 }), (order) => {
        const reader = new ScenarioLines(catalog);
        for (const t of order) {
          expect(JSON.stringify(compareScenario(reader.read(t, 'line'), catalog))).toBe(
            JSON.stringify(compareScenario(readScenarioText(t, 'line'), catalog)),
          );
        }
      }),
      { numRuns: 15 },
    );
  });

  it('keeps at most its bounds of members on an endless stream of distinct lines', () => {
    const reader = new ScenarioLines(catalog);
    for (let i = 0; i < 300; i++) {
      reader.read(varied(40 + i / 10, 100 + i), 'line');
      const kept = reader.keptSize;
      expect(kept.entries).toBeLessThanOrEqual(MAX_KEPT_MEMBERS);
      expect(kept.chars).toBeLessThanOrEqual(MAX_KEPT_MEMBER_CHARS);
    }
    expect(reader.keptSize.entries).toBe(MAX_KEPT_MEMBERS);
  });

  it('run - --jsonl answers lines in any order as it answers each alone', () => {
    const lines = [varied(40), varied(139.9, 200), BAD[2] as string, varied(88.8), varied(40, 200), varied(61.2)];
    const order = [3, 0, 5, 1, 4, 2, 0, 3];
    const together = capplan(['run', '-', '--jsonl'], `${order.map((k) => lines[k]).join('\n')}\n`);
    expect(together.code).toBe(0);
    const out = together.stdout.trimEnd().split('\n');
    order.forEach((k, i) => {
      const alone = capplan(['run', '-', '--jsonl'], `${lines[k]}\n`).stdout.trimEnd();
      expect(out[i]).toBe(alone.replace('{"line":1,', `{"line":${i + 1},`).replace('line 1:', `line ${i + 1}:`));
    });
  });
});
