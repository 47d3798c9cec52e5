/**
 * What `run` and `worksheet` share: read the scenario (file or stdin), compare it, and add the simulated figures
 * when it has a `simulation` block and --analytic is not given (progress bar on a TTY's stderr). The simulator is
 * loaded only then, so analytic runs start fast.
 */
import { loadCatalog } from '../catalog/index.js';
import { compareScenario } from '../compare/index.js';
import type { ComparisonResult } from '../compare/result.js';
import type { CliIo } from '../io/io.js';
import { readInput } from '../io/readInput.js';
import { readScenarioText } from '../scenario/read.js';
import type { Scenario } from '../scenario/types.js';
import { progressBar } from './progress.js';

export interface Compared {
  scenario: Scenario;
  result: ComparisonResult;
  catalog: ReturnType<typeof loadCatalog>;
  source: string;
}

export async function readAndCompare(
  file: string | undefined,
  io: CliIo,
  usage: string,
  opts: { analytic: boolean; threads: number },
): Promise<Compared> {
  const { text, source } = await readInput(file, io, usage);
  const scenario = readScenarioText(text, source);
  const catalog = loadCatalog();
  let result = compareScenario(scenario, catalog);
  if (scenario.simulation !== null && !opts.analytic) {
    const { simulateComparison } = await import('../simWorkers/scenario.js');
    const bar = progressBar(io.stderr, 'simulating');
    result = await simulateComparison(result, scenario, catalog, {
      threads: opts.threads,
      ...(io.simWorkerUrl ? { workerUrl: io.simWorkerUrl } : {}),
      onProgress: (done, total) => bar.update(done, total),
    });
    bar.end();
  }
  return { scenario, result, catalog, source };
}
