// topLevelMembers (src/scenario/topLevelMembers.ts): the members of an object's text, each value's text parsing to the
// value JSON.parse gives the whole text; and never a split that parses member by member where the whole does not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topLevelMembers } from '../../src/scenario/topLevelMembers.js';

/** JSON text of `value` with whitespace (of JSON's four characters) between its tokens, chosen by `seed`. */
function spaced(value: unknown, seed: number): string {
  const text = JSON.stringify(value);
  const spaces = [' ', '\t', '\n', '\r', '  ', ''];
  let out = '';
  let inString = false;
  let k = seed;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    out += c;
    if (inString) {
      if (c === '\\') out += text[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if ('{}[],:'.includes(c)) {
      k = (k * 1103515245 + 12345) % 2147483648;
      out += spaces[k % spaces.length];
    }
  }
  return out;
}

/** The members parsed one by one, as the object they make, or null when a key or value is not JSON. */
function assembled(text: string): Record<string, unknown> | null {
  const members = topLevelMembers(text);
  if (members === null) return null;
  const out: Record<string, unknown> = {};
  try {
    for (const m of members)
      Object.defineProperty(out, JSON.parse(m.keyText), { value: JSON.parse(m.valueText), enumerable: true });
  } catch {
    return null;
  }
  return out;
}

describe('topLevelMembers', () => {
  it('splits an object into its members, keys and values as written', () => {
    expect(topLevelMembers('{"a": [1, 2], "b":"x"}')).toEqual([
      { keyText: '"a"', valueText: '[1, 2]' },
      { keyText: '"b"', valueText: '"x"' },
    ]);
    expect(topLevelMembers(' {\n} ')).toEqual([]);
    expect(topLevelMembers('{"a\\"b" : {"x":"}"} , "c": 1.5e3 }')).toEqual([
      { keyText: '"a\\"b"', valueText: '{"x":"}"}' },
      { keyText: '"c"', valueText: '1.5e3' },
    ]);
  });

  it('is null for what is not one object of members', () => {
    for (const text of [
      '[1]',
      '',
      '{',
      '{"a":1',
      '{"a":1}x',
      '{"a":1,}',
      '{,}',
      '{"a" 1}',
      '{"a":"x"y}',
      '\ufeff{}',
      '"x"',
    ]) {
      expect(topLevelMembers(text), text).toBeNull();
    }
  });

  it("gives every object's members whatever its whitespace and strings hold", () => {
    const key = fc.string({ unit: fc.constantFrom('a', '"', '\\', '{', '}', '[', ']', ',', ':', ' ', 'é', '\n') });
    fc.assert(
      fc.property(fc.dictionary(key, fc.jsonValue()), fc.nat(), (object, seed) => {
        const text = spaced(object, seed);
        const members = topLevelMembers(text);
        expect(members).not.toBeNull();
        expect(members?.map((m) => [JSON.parse(m.keyText), JSON.parse(m.valueText)])).toEqual(
          Object.entries(JSON.parse(text)),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('never splits a text that is not JSON into members that each are (one character changed, added or removed)', () => {
    const base = fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1 });
    fc.assert(
      fc.property(
        base,
        fc.nat(),
        fc.nat(),
        fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', ' ', 'x', '1', ''),
        (object, seed, at, c) => {
          const text = spaced(object, seed);
          const i = at % (text.length + 1);
          for (const changed of [text.slice(0, i) + c + text.slice(i + 1), text.slice(0, i) + c + text.slice(i)]) {
            const parts = assembled(changed);
            if (parts === null) continue;
            // the members all parse: so does the whole, to the same object (keys given once)
            const keys = topLevelMembers(changed)?.map((m) => JSON.parse(m.keyText)) ?? [];
            if (new Set(keys).size !== keys.length) continue;
            expect(JSON.parse(changed)).toEqual(parts);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
