// capplan as a library (issue 12): the packed package (npm pack) imported from a temporary project, as a team's script
// would: `import { compareScenario, ... } from 'capplan'` runs (the bundle needs none of the dependencies at run time)
// and a TypeScript file using its types compiles against the declarations.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../helpers/scratchDir.js';

const ROOT = resolve(import.meta.dirname, '../..');
/** npm pack and a TypeScript compile: seconds, more on a busy machine. */
const PACK_TIMEOUT_MS = 180_000;

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

describe('the packed library', () => {
  it(
    'imports and runs from another project, and its types compile there',
    () => {
      const dir = scratchDir('capplan-pack-');
      // --ignore-scripts: the tests already built dist/ (prepare would rebuild it under the other tests' feet)
      const packed = JSON.parse(
        run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT),
      ) as {
        filename: string;
        files: { path: string }[];
      }[];
      const files = (packed[0]?.files ?? []).map((f) => f.path);
      expect(files).toContain('dist/lib.js');
      expect(files).toContain('dist/types/src/index.d.ts');
      expect(files).toContain('dist/chunks/mathjs-engine.cjs');
      // installed by unpacking (the bundle carries its dependencies; the declarations' imports of them are skipped)
      const project = join(dir, 'project');
      const pkg = join(project, 'node_modules', 'capplan');
      mkdirSync(pkg, { recursive: true });
      run('tar', ['-xzf', join(dir, packed[0]?.filename as string), '-C', pkg, '--strip-components=1'], dir);
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
      const scenario = readFileSync(join(ROOT, 'models/scenarios/internal-tool.json'), 'utf8');
      writeFileSync(join(project, 'scenario.json'), scenario);
      writeFileSync(
        join(project, 'main.mjs'),
        [
          "import { readFileSync } from 'node:fs';",
          "import { analyzeQueue, compareScenario, loadCatalog, nines, readScenarioText } from 'capplan';",
          "const r = compareScenario(readScenarioText(readFileSync('scenario.json', 'utf8'), 'scenario.json'), loadCatalog());",
          'const q = analyzeQueue({ servers: 1, arrivalRatePerS: 50, serviceTimeS: 0.01 });',
          // an expression: the parser loads mathjs from the package (src/units/mathEngine.ts)
          "const e = JSON.parse(readFileSync('scenario.json', 'utf8')); e.workload.peakRate = '40/s * 1.5^2';",
          "const peak = readScenarioText(JSON.stringify(e), 'e.json').workload.peakRatePerS;",
          'console.log(JSON.stringify({ rec: r.recommendation.name, n: r.architectures.length, mean: q.meanResponseS, nines: nines(0.001), peak }));',
        ].join('\n'),
      );
      const out = JSON.parse(run(process.execPath, ['main.mjs'], project)) as Record<string, unknown>;
      expect(out.n).toBeGreaterThan(0);
      expect(typeof out.rec === 'string' || out.rec === null).toBe(true);
      expect(out.mean as number).toBeCloseTo(0.02, 12);
      expect(out.nines as number).toBeCloseTo(3, 12);
      expect(out.peak).toBe(90);
      // the types: a TypeScript consumer that uses them compiles (and one that misuses them does not)
      writeFileSync(
        join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            types: [],
          },
        }),
      );
      writeFileSync(
        join(project, 'use.ts'),
        [
          "import { type ComparisonResult, compareScenario, loadCatalog, parseScenario } from 'capplan';",
          'export function cheapest(raw: unknown): number {',
          '  const r: ComparisonResult = compareScenario(parseScenario(raw), loadCatalog());',
          '  return Math.min(...r.architectures.map((a) => a.cost.usdPerMonth));',
          '}',
        ].join('\n'),
      );
      // the result types are inferred from the result's zod schema: zod, a dependency npm installs beside capplan,
      // must be there for them (without it they would silently be `any`)
      symlinkSync(join(ROOT, 'node_modules', 'zod'), join(project, 'node_modules', 'zod'), 'dir');
      const tsc = [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'];
      run(process.execPath, tsc, project);
      writeFileSync(
        join(project, 'misuse.ts'),
        "import { nines } from 'capplan';\nexport const n: string = nines(0.001);\n",
      );
      writeFileSync(
        join(project, 'misuseResult.ts'),
        [
          "import type { ComparisonResult } from 'capplan';",
          'export const cost = (r: ComparisonResult): string => r.architectures[0]?.cost.usdPerMonth ?? "";',
        ].join('\n'),
      );
      const bad = spawnSync(process.execPath, tsc, { cwd: project, encoding: 'utf8' });
      expect(bad.status).not.toBe(0);
      expect(bad.stdout).toMatch(/misuse\.ts.*not assignable to type 'string'/);
      expect(bad.stdout).toMatch(/misuseResult\.ts.*not assignable to type 'string'/);
      expect(readdirSync(join(pkg, 'dist'))).toContain('lib.js');
    },
    PACK_TIMEOUT_MS,
  );
});
