import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(entry.name) ? [path] : [];
  });
}

describe('the lean mathjs instance', () => {
  it('src/units/mathjs.ts is the only module under src/ that imports mathjs', () => {
    const importers = sourceFiles(join(root, 'src'))
      .filter((file) => /from\s+['"]mathjs(\/[^'"]*)?['"]|import\(\s*['"]mathjs/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file).split('\\').join('/'));
    expect(importers).toEqual(['src/units/mathjs.ts']);
  });

  /** The modules that contribute code to the bundle of one entry (metafile.inputs also lists what was dropped). */
  async function bundledInputs(entry: string): Promise<{ inputs: string[]; bytes: number }> {
    const result = await build({
      entryPoints: [join(root, entry)],
      bundle: true,
      format: 'esm',
      platform: 'node',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.values(result.metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, info]) => info.bytesInOutput > 0)
        .map(([path]) => path),
    );
    return { inputs, bytes: result.outputFiles.reduce((sum, file) => sum + file.contents.length, 0) };
  }

  it('parse.ts does not bundle mathjs: it loads the engine only when a string needs more than the fast path', async () => {
    const { inputs } = await bundledInputs('src/units/parse.ts');
    expect(inputs.filter((path) => path.includes('node_modules/mathjs'))).toEqual([]);
  });

  it('bundles the engine without mathjs matrices or generic arithmetic (what made the instance slow to import)', async () => {
    const { inputs, bytes } = await bundledInputs('src/units/mathjs.ts');
    expect(inputs.some((path) => path.includes('mathjs/lib/esm/type/unit/Unit.js'))).toBe(true);
    const heavy = inputs.filter((path) =>
      /mathjs\/lib\/esm\/(type\/matrix|function\/(arithmetic|matrix|algebra)|entry\/(pure|impure)Functions)/.test(path),
    );
    expect(heavy).toEqual([]);
    // ~540 kB today (mathjs's Unit table, parser and node classes, decimal.js, typed-function); the full mathjs
    // bundle is ~2 MB. A jump here means a factory pulled its generic dependencies back in.
    expect(bytes).toBeLessThan(650_000);
  });
});
