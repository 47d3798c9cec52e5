import type { CliIo } from '../../io/io.js';
import type { ParsedArgs } from '../args.js';

/**
 * `capplan tui [FILE] [--freeze]` (and `capplan` without arguments): the interactive UI, or the comparison without a
 * TTY.
 */
export async function run(args: ParsedArgs, io: CliIo): Promise<number> {
  const { runTui } = await import('../../tui/run.js');
  return runTui(args.positionals[0], io, { freeze: args.flags.has('freeze') });
}
