// The answers of recent JSONL lines (src/cli/recentAnswers.ts) and the serialised output line (jsonlStream.ts
// withLine): the memo answers what a model LRU answers, its memory stays under its bounds on any sequence of lines,
// and a repeated scenario line gets the same bytes as when it is answered afresh.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withLine } from '../../src/cli/jsonlStream.js';
import { MAX_RECENT_ANSWER_CHARS, MAX_RECENT_ANSWERS, RecentAnswers } from '../../src/cli/recentAnswers.js';
import { sourceCli } from './sourceMain.js';

describe('RecentAnswers', () => {
  it('answers what a list of the most recently used entries answers, within both bounds', () => {
    const op = fc.oneof(
      fc.record({ set: fc.constantFrom('a', 'b', 'c', 'dd', 'eee', 'ffff', 'g'), chars: fc.nat(12) }),
      fc.record({ get: fc.constantFrom('a', 'b', 'c', 'dd', 'eee', 'ffff', 'g') }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 20 }), fc.array(op), (maxE, maxC, ops) => {
        const memo = new RecentAnswers<number>(maxE, maxC);
        // the model: entries oldest first, each with its value and its characters
        let model: { key: string; value: number; chars: number }[] = [];
        ops.forEach((o, i) => {
          if ('set' in o) {
            model = model.filter((e) => e.key !== o.set);
            const chars = o.set.length + o.chars;
            memo.set(o.set, i, o.chars);
            if (chars <= maxC) {
              while (model.length >= maxE || model.reduce((s, e) => s + e.chars, 0) + chars > maxC) model.shift();
              model.push({ key: o.set, value: i, chars });
            }
          } else {
            const at = model.findIndex((e) => e.key === o.get);
            const want = at < 0 ? undefined : model[at]?.value;
            if (at >= 0) model.push(...model.splice(at, 1));
            expect(memo.get(o.get)).toBe(want);
          }
          const size = memo.size;
          expect(size.entries).toBe(model.length);
          expect(size.chars).toBe(model.reduce((s, e) => s + e.chars, 0));
          expect(size.entries).toBeLessThanOrEqual(maxE);
          expect(size.chars).toBeLessThanOrEqual(maxC);
        });
      }),
    );
  });

  it('says a text is repeated when it is among the last texts met, as a list of the last distinct texts says', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'ffff')),
        (maxE, texts) => {
          const memo = new RecentAnswers<number>(maxE, 10);
          let model: string[] = [];
          for (const t of texts) {
            expect(memo.repeated(t)).toBe(model.includes(t));
            model = [...model.filter((m) => m !== t), t];
            while (model.length > maxE || model.reduce((s, m) => s + m.length, 0) > 10) model.shift();
            expect(memo.metSize).toEqual({ entries: model.length, chars: model.reduce((s, m) => s + m.length, 0) });
          }
        },
      ),
    );
  });

  it('holds at most its bounds over an endless stream of distinct lines, and keeps no entry above its whole bound', () => {
    const memo = new RecentAnswers<string>();
    const answer = 'x'.repeat(100_000);
    for (let i = 0; i < 1000; i++) {
      const text = `line ${i} ${'y'.repeat(i % 2 === 0 ? 10 : 600_000)}`;
      expect(memo.repeated(text)).toBe(false);
      memo.set(text, answer, answer.length);
    }
    expect(memo.size.entries).toBeLessThanOrEqual(MAX_RECENT_ANSWERS);
    expect(memo.size.chars).toBeLessThanOrEqual(MAX_RECENT_ANSWER_CHARS);
    expect(memo.metSize.entries).toBeLessThanOrEqual(MAX_RECENT_ANSWERS);
    expect(memo.metSize.chars).toBeLessThanOrEqual(MAX_RECENT_ANSWER_CHARS);
    expect(memo.get(`line 998 ${'y'.repeat(10)}`)).toBe(answer);
    expect(memo.get(`line 0 ${'y'.repeat(10)}`)).toBeUndefined();
    const huge = new RecentAnswers<string>(8, 1000);
    huge.set('k', 'v', 1000);
    expect(huge.get('k')).toBeUndefined();
    expect(huge.size).toEqual({ entries: 0, chars: 0 });
  });
});

describe('withLine', () => {
  it('gives JSON.stringify({ line, ...object }) for any non-empty object without a line key or an index key', () => {
    const value = fc.jsonValue();
    const object = fc
      .dictionary(
        // an array-index key ("0") comes before `line` in JSON.stringify's order: a result has none
        fc.string().filter((k) => k !== 'line' && k !== '__proto__' && !/^(0|[1-9][0-9]*)$/.test(k)),
        value,
        { minKeys: 1 },
      )
      .filter((o) => JSON.stringify(o) !== '{}');
    fc.assert(
      fc.property(fc.nat(), object, (n, o) => {
        expect(withLine(n, JSON.stringify(o))).toBe(JSON.stringify({ line: n, ...o }));
      }),
    );
  });
});

describe('capplan run - --jsonl with repeated lines', () => {
  it('answers a repeated scenario line with the bytes of a fresh answer, and an error line with its own number', async () => {
    const { readFileSync } = await import('node:fs');
    const a = JSON.stringify(JSON.parse(readFileSync('models/scenarios/internal-tool.json', 'utf8')));
    const b = JSON.stringify(JSON.parse(readFileSync('models/scenarios/ecommerce-cache.json', 'utf8')));
    const bad = '{"name": 1}';
    const lines = [a, b, bad, a, bad, b, a];
    const together = await sourceCli(['run', '-', '--jsonl'], `${lines.join('\n')}\n`);
    expect(together.code).toBe(0);
    const alone = await Promise.all(lines.map((l) => sourceCli(['run', '-', '--jsonl'], `${l}\n`)));
    const out = together.stdout.trimEnd().split('\n');
    expect(out).toHaveLength(lines.length);
    out.forEach((o, k) => {
      const fresh = alone[k]?.stdout.trimEnd() as string;
      expect(o).toBe(fresh.replace(/^\{"line":1,/, `{"line":${k + 1},`).replace(/line 1:/g, `line ${k + 1}:`));
    });
  });

  it('--check: a repeated line that misses the targets still makes the exit code 1', async () => {
    const { readFileSync } = await import('node:fs');
    const s = JSON.parse(readFileSync('models/scenarios/internal-tool.json', 'utf8'));
    const met = JSON.stringify(s);
    s.targets.availability = '99.9999%';
    const missed = JSON.stringify(s);
    // a text's answer is kept on its second sight and served from the memo on its third: whether it met the targets
    // is kept with it (a served met line does not fail the check, a served missed one is answered as missed)
    const served = (line: string) => sourceCli(['run', '-', '--jsonl', '--check'], `${line}\n${line}\n${line}\n`);
    const [metThrice, missedThrice] = await Promise.all([served(met), served(missed)]);
    expect(metThrice.code).toBe(0);
    expect(missedThrice.code).toBe(1);
    const answers = missedThrice.stdout.trimEnd().split('\n');
    expect(answers[2]).toBe((answers[0] as string).replace(/^\{"line":1,/, '{"line":3,'));
    expect((await sourceCli(['run', '-', '--jsonl', '--check'], `${missed}\n${met}\n`)).code).toBe(1);
  });
});
