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

  it('bundles parse.ts without mathjs matrices or generic arithmetic (what made the instance slow to import)', async () => {
    const result = await build({
      entryPoints: [join(root, 'src/units/parse.ts')],
      bundle: true,
      format: 'esm',
      platform: 'node',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    // modules that contribute code to the output (metafile.inputs also lists what tree-shaking dropped)
    const inputs = Object.values(result.metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, info]) => info.bytesInOutput > 0)
        .map(([path]) => path),
    );
    expect(inputs.some((path) => path.includes('mathjs/lib/esm/type/unit/Unit.js'))).toBe(true);
    const heavy = inputs.filter((path) =>
      /mathjs\/lib\/esm\/(type\/matrix|function\/(arithmetic|matrix|algebra)|entry\/(pure|impure)Functions)/.test(path),
    );
    expect(heavy).toEqual([]);
    const bytes = result.outputFiles.reduce((sum, file) => sum + file.contents.length, 0);
    // ~540 kB today (mathjs's Unit table, parser and node classes, decimal.js, typed-function); the full mathjs
    // bundle is ~2 MB. A jump here means a factory pulled its generic dependencies back in.
    expect(bytes).toBeLessThan(650_000);
  });
});
