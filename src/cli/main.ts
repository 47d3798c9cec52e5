import { InputError, InputErrors, shownProblems } from '../errors.js';
import { type CliIo, EXIT } from '../io/io.js';
import { closest } from '../util/suggest.js';
import { type CommandSpec, commandHelp, type ParsedArgs, parseArgs } from './args.js';
import { COMMANDS } from './specs.js';

export type { CliIo } from '../io/io.js';

/** A command implementation; loaded with a dynamic import so a command pulls in only what it needs. */
export interface CommandModule {
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

const LOADERS: Record<string, () => Promise<CommandModule>> = {
  run: () => import('./commands/run.js'),
  tui: () => import('./commands/tui.js'),
  worksheet: () => import('./commands/worksheet.js'),
  sweep: () => import('./commands/sweep.js'),
  queue: () => import('./commands/queue.js'),
  availability: () => import('./commands/availability.js'),
  nines: () => import('./commands/nines.js'),
  rtt: () => import('./commands/rtt.js'),
  schema: () => import('./commands/schema.js'),
  fit: () => import('./commands/fit.js'),
};

const VERSION = '0.1.0';

/**
 * The whole CLI: returns the exit code (0 ok, 1 a --check target missed, 2 bad input, 3 internal error) and never
 * calls process.exit, so tests can run it in-process. Only bin/capplan.js touches the process.
 */
export async function main(argv: readonly string[], ioIn: CliIo): Promise<number> {
  const io = withWorkerUrl(ioIn);
  try {
    const [first, ...rest] = argv;
    if (first === undefined) {
      const mod = await import('./commands/tui.js');
      return await mod.run({ flags: new Map(), positionals: [] }, io);
    }
    if (first === '--help' || first === '-h' || first === 'help') {
      const topic = first === 'help' ? rest[0] : undefined;
      const spec = topic === undefined ? undefined : COMMANDS.find((c) => c.name === topic);
      io.stdout.write(spec ? commandHelp(spec) : globalHelp());
      return EXIT.ok;
    }
    if (first === '--version' || first === '-V') {
      io.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    const spec = COMMANDS.find((c) => c.name === first);
    const loader = LOADERS[first];
    if (!spec || !loader) {
      const names = COMMANDS.map((c) => c.name);
      const suggestion = closest(first, names);
      throw new InputError(
        'command',
        first,
        suggestion
          ? `a capplan command (did you mean ${suggestion}?)`
          : `one of: ${names.join(', ')} (see capplan --help)`,
      );
    }
    const args = parseArgs(rest, spec);
    if (args.flags.has('help')) {
      io.stdout.write(commandHelp(spec));
      return EXIT.ok;
    }
    const mod = await loader();
    return await mod.run(args, io);
  } catch (error) {
    return reportError(error, io);
  }
}

/**
 * The streams as given, and the bundled simulation worker unless the caller says where it is (or, with undefined, that
 * simulations run in this thread). Read when first asked for: stdin and the worker's URL cost a start-up that most
 * commands never use (bin/capplan.js makes process.stdin only when this getter reads it).
 */
function withWorkerUrl(ioIn: CliIo): CliIo {
  let url: URL | undefined;
  return {
    stdout: ioIn.stdout,
    stderr: ioIn.stderr,
    ...(ioIn.env === undefined ? {} : { env: ioIn.env }),
    get stdin() {
      return ioIn.stdin;
    },
    get simWorkerUrl() {
      if ('simWorkerUrl' in ioIn) return ioIn.simWorkerUrl;
      url ??= new URL('./simWorker.js', import.meta.url);
      return url;
    },
  };
}

/** One line per problem on stderr; input problems exit 2, anything else is an internal error (exit 3). */
export function reportError(error: unknown, io: CliIo): number {
  if (error instanceof InputErrors) {
    for (const line of shownProblems(error.errors.map((e) => e.message))) io.stderr.write(`error: ${line}\n`);
    return EXIT.badInput;
  }
  if (error instanceof InputError) {
    io.stderr.write(`error: ${error.message}\n`);
    return EXIT.badInput;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`internal error: ${message.split('\n')[0]} (please report it; CAPPLAN_DEBUG=1 shows where)\n`);
  if (io.env?.CAPPLAN_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return EXIT.internal;
}

function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  const lines = [
    'capplan: one bigger machine, or many smaller ones? Cost, availability (nines) and p99 latency.',
    '',
    'usage: capplan [COMMAND] [FLAGS]',
    '',
    '  (no command)  compare vertical and horizontal scaling for the built-in example scenario',
    ...COMMANDS.map((c: CommandSpec) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'capplan COMMAND --help shows the flags of a command. Values take units: 1200/s, 5 ms, 2000 h, 16 GiB, 99.95%.',
    'Exit codes: 0 ok, 1 a --check target was missed, 2 bad input, 3 internal error, 4 the output could not be written.',
  ];
  return `${lines.join('\n')}\n`;
}
