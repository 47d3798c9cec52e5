// The core's `@example` lines are checked (issue 12): each is `@example EXPR // RESULT[: prose | (prose)]`, EXPR
// evaluated with the module's exports in scope, RESULT a JavaScript literal. A number written with decimals matches to
// half a unit of its last digit (the examples print rounded figures); other numbers, and numbers inside objects and
// arrays, to 1e-9 relative. Every @example in src/core must be of this form (none is skipped).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const CORE = resolve(import.meta.dirname, '../../src/core');

/** Relative tolerance for numbers that are not written with decimals (and for those inside objects). */
const EXACT = 1e-9;

interface Example {
  file: string;
  line: number;
  expr: string;
  result: string;
}

/** RESULT's end: the first ": " or " (" outside brackets and quotes (prose may follow). */
function literalEnd(text: string): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote !== null) {
      if (c === quote && text[i - 1] !== '\\') quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if ('[{('.includes(c)) {
      if (depth === 0 && c === '(' && text[i - 1] === ' ') return i - 1;
      depth++;
    } else if (')]}'.includes(c)) depth--;
    else if (depth === 0 && c === ':' && text[i + 1] === ' ') return i;
  }
  return text.length;
}

function examples(): Example[] {
  const out: Example[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts')) {
        readFileSync(p, 'utf8')
          .split('\n')
          .forEach((text, i) => {
            if (!text.includes('@example')) return;
            const m = /^\s*\*\s*@example\b(.*)$/.exec(text);
            // an @example anywhere else on a line (after '/**', say) would be skipped silently: refuse it instead
            if (m === null) throw new Error(`${relative(CORE, p)}:${i + 1}: @example must start its own ' * ' line`);
            const body = (m[1] as string).trim();
            const cut = body.indexOf(' // ');
            const result = cut < 0 ? '' : body.slice(cut + 4);
            out.push({
              file: relative(CORE, p),
              line: i + 1,
              expr: cut < 0 ? body : body.slice(0, cut),
              result: result.slice(0, literalEnd(result)).trim(),
            });
          });
      }
    }
  };
  walk(CORE);
  return out;
}

function close(actual: unknown, expected: unknown, tol: (x: number) => number, where: string): void {
  if (typeof expected === 'number') {
    expect(typeof actual, where).toBe('number');
    expect(Math.abs((actual as number) - expected), `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
      tol(expected),
    );
  } else if (expected !== null && typeof expected === 'object') {
    const a = actual as Record<string, unknown>;
    for (const [k, v] of Object.entries(expected)) close(a[k], v, (x) => EXACT * Math.abs(x), `${where}.${k}`);
  } else expect(actual, where).toEqual(expected);
}

describe('the core examples', () => {
  const all = examples();

  it('are all of the checked form', () => {
    expect(all.length).toBeGreaterThan(20);
    for (const e of all) expect(e.result, `${e.file}:${e.line} has no "// RESULT"`).not.toBe('');
  });

  it.each(all.map((e) => [`${e.file}:${e.line}`, e] as const))('%s', async (_where, e) => {
    const mod = (await import(pathToFileURL(join(CORE, e.file)).href)) as Record<string, unknown>;
    const names = Object.keys(mod);
    const actual = new Function(...names, `return (${e.expr});`)(...names.map((n) => mod[n]));
    const expected = new Function(`return (${e.result});`)();
    const decimals = /^-?\d+\.(\d+)$/.exec(e.result)?.[1]?.length;
    const tol = (x: number) => (decimals !== undefined ? 0.5 * 10 ** -decimals : EXACT * Math.abs(x));
    const value = actual instanceof Float64Array ? [...actual] : actual;
    close(value, expected, tol, `${e.file}:${e.line} ${e.expr}`);
  });
});
