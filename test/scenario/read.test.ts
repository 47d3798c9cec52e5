import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputErrors } from '../../src/errors.js';
import { MAX_SCENARIO_BYTES } from '../../src/scenario/limits.js';
import {
  duplicateKey,
  jsonErrorPosition,
  nestedBeyond,
  ownKeyCount,
  readScenarioText,
  scanJson,
} from '../../src/scenario/read.js';
import { contractExample } from './example.js';

function errorsOf(text: string, source = 'scenario.json'): string[] {
  try {
    readScenarioText(text, source);
  } catch (error) {
    expect(error).toBeInstanceOf(InputErrors);
    return (error as InputErrors).errors.map((e) => e.message);
  }
  throw new Error('expected readScenarioText to throw');
}

describe('readScenarioText', () => {
  it('reads the contract example from JSON text (a byte-order mark is allowed)', () => {
    const text = JSON.stringify(contractExample(), null, 2);
    expect(readScenarioText(text, 'example.json').workload.peakRatePerS).toBe(4000);
    expect(readScenarioText(`\ufeff${text}`, 'example.json').name).toBe('Photo-sharing app goes viral');
  });

  it('names the file, line and column of a JSON syntax error', () => {
    expect(errorsOf('{\n  "name": "x",\n  "workload": }\n', 'viral.json')).toStrictEqual([
      'viral.json: line 3, column 15: expected valid JSON (unexpected "}")',
    ]);
    expect(errorsOf('{"name": "x",\n "users": [1, 2\n')).toStrictEqual([
      'scenario.json: line 3, column 1: expected valid JSON (expected "," or "]", unexpected end of input)',
    ]);
    expect(errorsOf('{"name": "x"} trailing')).toStrictEqual([
      'scenario.json: line 1, column 15: expected valid JSON (unexpected "t" after the end of the JSON value)',
    ]);
    expect(errorsOf('{name: 1}')).toStrictEqual([
      'scenario.json: line 1, column 2: expected valid JSON (expected a property name in double quotes, unexpected "n")',
    ]);
    expect(errorsOf('')).toStrictEqual([
      'scenario.json: line 1, column 1: expected valid JSON (unexpected end of input)',
    ]);
  });

  it('locates the error of every text JSON.parse refuses, and finds none in valid JSON', () => {
    for (const bad of [
      '{"a":1,}',
      '[01]',
      '"\\x"',
      '"a\tb"',
      '{"a" 1}',
      '[1 2]',
      'nul',
      '-',
      '{"a":1}}',
      '[[[',
      '"abc',
    ]) {
      expect(() => JSON.parse(bad)).toThrow();
      const where = jsonErrorPosition(bad);
      expect(where.offset).toBeGreaterThanOrEqual(0);
      expect(where.offset).toBeLessThanOrEqual(bad.length);
      expect(where.reason).not.toBe('invalid JSON');
    }
  });

  it('quotes odd keys in a path', () => {
    expect(errorsOf(JSON.stringify({ ...contractExample(), 'a b\n': 1 }))).toStrictEqual([
      '["a b\\n"]: unknown key (valid keys: $schema, name, description, workload, tiers, targets, reliability, users, architectures, provider, pricing, autoscaling, cost, operations, simulation, fitted)',
    ]);
  });

  it('refuses __proto__, constructor and prototype keys anywhere', () => {
    expect(errorsOf('{"__proto__": {"polluted": true}, "name": "x"}')).toStrictEqual([
      '__proto__: forbidden key (no key named __proto__, constructor or prototype is allowed)',
    ]);
    const text = JSON.stringify(contractExample()).replace('"serviceTime"', '"constructor": 1, "serviceTime"');
    expect(errorsOf(text.replace('"share":"20%"', '"share":"20%","prototype":{}'))).toStrictEqual([
      'workload.constructor: forbidden key (no key named __proto__, constructor or prototype is allowed)',
      'users[2].prototype: forbidden key (no key named __proto__, constructor or prototype is allowed)',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a text over 1 MiB', () => {
    const text = JSON.stringify({ name: 'x', description: 'y'.repeat(MAX_SCENARIO_BYTES) });
    expect(errorsOf(text, 'big.json')).toStrictEqual([
      `big.json: ${Buffer.byteLength(text)} bytes: expected a scenario of at most 1048576 bytes (1 MiB)`,
    ]);
  });

  it('refuses deeply nested input before parsing it, naming where level 65 opens', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(errorsOf(`{"name": ${deep}}`)).toEqual([
      'scenario.json: line 1, column 73: expected objects and arrays nested at most 64 levels deep',
    ]);
    // 64 levels are fine (the error is then about the content), brackets inside strings do not count
    const ok = `${'['.repeat(63)}${']'.repeat(63)}`;
    expect(errorsOf(`{"name": ${ok}}`)[0]).toBe('name: [[[["..."]]]]: expected a non-empty string');
    expect(nestedBeyond(`{"a": "${'['.repeat(100)}\\"[[["}`, 1)).toBeNull();
    expect(nestedBeyond('[[1]]', 1)).toBe(1);
    expect(errorsOf('{"name": "x", "workload": {"peakRate": 1, "serviceTime": 1, "extra": [[1]]}}')).toContain(
      'workload.extra: unknown key (valid keys: peakRate, averageRate, serviceTime, serviceTimeCv, serviceTimeFamily, perVcpuPerformance, growth, workingSet, memoryHeadroom, replication, fanout, writeFraction, consistency, requestSize, responseSize, roundTrips, dailyProfile, usl)',
    );
  });
});

describe('duplicate keys (issue 17, row 14)', () => {
  it('are refused, naming the path and both places', () => {
    expect(errorsOf('{\n  "name": "a",\n  "workload": {"peakRate": "1/s",\n    "peakRate": "2/s"}\n}')).toEqual([
      'scenario.json: line 4, column 5: workload.peakRate appears twice (first at line 3, column 16): expected each key once in an object (JSON readers disagree on which copy wins)',
    ]);
    expect(duplicateKey('{"users": [{"region": "a"}, {"region": "b", "share": 1, "region": "c"}]}')?.path).toBe(
      'users[1].region',
    );
  });

  it('are not confused by keys in other objects, strings that look like keys, or escapes', () => {
    expect(duplicateKey('{"a": {"b": 1}, "c": {"b": 2}, "d": "\\"a\\": 1", "e\\"": [{"a": 1}, {"a": 2}]}')).toBeNull();
    expect(duplicateKey('{"a\\u0062": 1, "ab": 2}')?.path).toBe('ab');
  });
});

describe('scanJson and ownKeyCount (the fast path readScenarioJson takes before duplicateKey)', () => {
  /** nestedBeyond as it was written before scanJson (a character at a time): the reference. */
  function nestedBeyondReference(text: string, max: number): number | null {
    let depth = 0;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (c === 92) i++;
        else if (c === 34) inString = false;
      } else if (c === 34) inString = true;
      else if (c === 123 || c === 91) {
        if (++depth > max) return i;
      } else if (c === 125 || c === 93) depth--;
    }
    return null;
  }

  // JSON text written by hand, so that an object may repeat a key: keys from a small alphabet (escapes, quotes,
  // colons and brackets included), random whitespace
  const ws = fc.constantFrom('', ' ', '\n', '\t ', '\r\n');
  const key = fc.constantFrom('a', 'b', 'a:', '"', '\\', 'a\\"b', '[{', 'é', '\\u0061');
  const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom('1', 'true', 'null', '"x"', '"a\\":"', '"[[{"', '-2.5e3'),
      fc.tuple(ws, fc.array(tie('value'), { maxLength: 4 }), ws).map(([a, xs, b]) => `[${a}${xs.join(`,${a}`)}${b}]`),
      fc
        .tuple(ws, fc.array(fc.tuple(key, ws, tie('value')), { maxLength: 4 }))
        .map(([a, entries]) => `{${entries.map(([k, b, v]) => `${a}${JSON.stringify(k)}${b}:${a}${v}`).join(',')}}`),
    ),
  })).value;

  it('finds a repeated key exactly when duplicateKey does, and the nesting as nestedBeyond did', () => {
    fc.assert(
      fc.property(jsonText, fc.integer({ min: 0, max: 6 }), (text, max) => {
        const scan = scanJson(text, max);
        expect(scan.deepAt).toBe(nestedBeyondReference(text, max));
        expect(nestedBeyond(text, max)).toBe(scan.deepAt);
        const all = scanJson(text, 1000);
        expect(ownKeyCount(JSON.parse(text)) !== all.keys).toBe(duplicateKey(text) !== null);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts keys, not strings that look like them', () => {
    expect(scanJson('{"a": [1, {"b": "x:"}], "c\\\\": "d"}', 10)).toEqual({ deepAt: null, keys: 3 });
    expect(ownKeyCount({ a: [{ b: 1 }, 2], c: {} })).toBe(3);
  });
});
