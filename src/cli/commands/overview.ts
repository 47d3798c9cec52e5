import { loadCatalog } from '../../catalog/index.js';
import { compareScenario } from '../../compare/index.js';
import { comparisonTable } from '../../report/table.js';
import { DEFAULT_SCENARIO_SOURCE, DEFAULT_SCENARIO_TEXT } from '../../scenario/defaultScenario.js';
import { readScenarioText } from '../../scenario/normalize.js';
import type { ParsedArgs } from '../args.js';
import { type CliIo, EXIT } from '../io.js';

/**
 * `capplan` with no arguments: the comparison of the built-in default scenario (models/scenarios/
 * photo-sharing-viral.json) as a table. (The interactive UI will open here on a terminal once it exists.)
 */
export async function run(_args: ParsedArgs, io: CliIo): Promise<number> {
  const result = compareScenario(readScenarioText(DEFAULT_SCENARIO_TEXT, DEFAULT_SCENARIO_SOURCE), loadCatalog());
  io.stdout.write(comparisonTable(result, io.stdout.columns ?? 100));
  io.stdout.write(`\nThe scenario: ${DEFAULT_SCENARIO_SOURCE}. Your own: capplan run FILE --format table.\n`);
  return EXIT.ok;
}
