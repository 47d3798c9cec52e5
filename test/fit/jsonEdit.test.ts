import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setJsonValue } from '../../src/fit/jsonEdit.js';
import { runs } from '../helpers/arbitraries.js';

const DIR = new URL('../../models/scenarios/', import.meta.url);
const EXAMPLES = readdirSync(DIR).filter((f) => f.endsWith('.json'));

describe('setJsonValue', () => {
  it('replaces an existing value and changes nothing else (every example scenario, its own layout)', () => {
    for (const file of EXAMPLES) {
      const text = readFileSync(new URL(file, DIR), 'utf8');
      const out = setJsonValue(text, ['workload', 'peakRate'], '1234/s');
      const before = JSON.parse(text);
      const after = JSON.parse(out);
      expect(after.workload.peakRate, file).toBe('1234/s');
      after.workload.peakRate = before.workload.peakRate;
      expect(JSON.stringify(after), file).toBe(JSON.stringify(before)); // same keys in the same order
      // the text differs on the one line only
      const a = text.split('\n');
      const b = out.split('\n');
      expect(b.length).toBe(a.length);
      expect(
        a.filter((line, i) => line !== b[i]),
        file,
      ).toHaveLength(1);
    }
  });

  it('adds missing keys at the end of their object, creating objects, in the layout of the file', () => {
    const text = '{\n    "name": "a",\n    "workload": {\n        "peakRate": "1/s"\n    }\n}\n';
    const out = setJsonValue(setJsonValue(text, ['workload', 'usl', 'contention'], 0.1), ['reliability', 'node'], {
      mtbf: '100 h',
    });
    expect(out).toBe(
      '{\n    "name": "a",\n    "workload": {\n        "peakRate": "1/s",\n        "usl": {\n            "contention": 0.1\n        }\n    },\n    "reliability": {\n        "node": {\n            "mtbf": "100 h"\n        }\n    }\n}\n',
    );
    expect(setJsonValue('{"a":{},"b":[1,2]}', ['a', 'x'], [1])).toBe('{"a":{"x":[1]},"b":[1,2]}');
    expect(setJsonValue('{"t":[{"s":1},{"s":2}]}', ['t', 1, 's'], 3)).toBe('{"t":[{"s":1},{"s":3}]}');
  });

  it('gives the value JSON.parse would see after the same assignment, for any JSON object (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
        fc.array(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
        fc.jsonValue({ maxDepth: 2 }),
        fc.boolean(),
        (obj, path, value, pretty) => {
          const text = pretty ? JSON.stringify(obj, null, 2) : JSON.stringify(obj);
          // the path must run through objects only
          let node: unknown = obj;
          for (const key of path.slice(0, -1)) {
            if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
            node = Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : {};
          }
          if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
          const expected = JSON.parse(text);
          let cur = expected;
          for (const key of path.slice(0, -1)) {
            if (!Object.hasOwn(cur, key)) cur[key] = {};
            cur = cur[key];
          }
          cur[path[path.length - 1] as string] = value;
          const out = setJsonValue(text, path, value);
          expect(JSON.stringify(JSON.parse(out))).toBe(JSON.stringify(expected));
        },
      ),
      { numRuns: runs(300) },
    );
  });
});
