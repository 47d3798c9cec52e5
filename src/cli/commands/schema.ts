import { InputError } from '../../errors.js';
import { type CliIo, EXIT } from '../../io/io.js';
import { scenarioJsonSchema } from '../../scenario/jsonSchema.js';
import type { ParsedArgs } from '../args.js';
import { writeJson } from '../output.js';

/** Topics of `capplan schema`; the first is the default. */
export const SCHEMA_TOPICS = ['scenario', 'result'] as const;

/** `capplan schema [scenario|result]`: the JSON Schema of a scenario file or of a result, pretty-printed JSON. */
export async function run(args: ParsedArgs, io: CliIo): Promise<number> {
  const topic = args.positionals[0] ?? 'scenario';
  if (topic === 'scenario') {
    writeJson(io, scenarioJsonSchema());
    return EXIT.ok;
  }
  if (topic === 'result') {
    const { resultJsonSchema } = await import('../../compare/resultSchema.js');
    writeJson(io, resultJsonSchema());
    return EXIT.ok;
  }
  throw new InputError('TOPIC', topic, `${SCHEMA_TOPICS.join(' or ')} (usage: capplan schema [scenario|result])`);
}
