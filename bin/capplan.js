#!/usr/bin/env node
// CommonJS (bin/package.json): Node starts a CommonJS entry without setting up its ES module loader, which a command
// loaded from its single file (below) never needs (issue 18: about 10 ms of every start-up).
const { loadCommand } = require('./cachedCommand.js');

// The only file that touches the process: main() returns an exit code (0/1/2/3, see the contract; 4 below).
// A command built as a single file with its code cache (scripts/build.mjs SINGLE_FILE_COMMANDS: every command but the
// TUI, the same main() without the other commands) starts from it; the TUI (no command at all, or `tui`) and unknown
// words from the split bundle.
const first = process.argv[2];
// the global help and the version are main() without any command (dist/cli-help.cjs)
const named = first === '--help' || first === '-h' || first === '--version' || first === '-V' ? 'help' : first;

// A closed pipe (`capplan ... | head`) is not an error: stop quietly. Any other failure to write the output (a full
// disk: `> /dev/full`, an I/O error) is one line on stderr and exit 4 (the output is incomplete; see README).
const OUTPUT_FAILED = 4;
for (const [name, stream] of [
  ['stdout', process.stdout],
  ['stderr', process.stderr],
]) {
  stream.on('error', (error) => {
    if (error && error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stream !== process.stderr) {
      try {
        process.stderr.write(`error: cannot write ${name}: ${error?.code ?? 'error'} (${error?.message ?? error})\n`);
      } catch {
        // stderr is gone too: the exit code says it
      }
    }
    process.exit(OUTPUT_FAILED);
  });
}

async function start() {
  const single = /^[a-z]+$/.test(named ?? '') ? loadCommand(named) : null;
  const { main } = single ?? (await import('../dist/cli.js'));
  const argv = process.argv.slice(2);
  process.exitCode = await main(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
  });
  // The TUI may leave behind a read it abandoned (Esc on `o` of a FIFO nobody writes to blocks in the thread pool
  // until a writer comes): once the UI has closed, exit instead of waiting for it. (Writes to stdout are synchronous.)
  if (argv.length === 0 || argv[0] === 'tui') process.exit(process.exitCode);
}
// main() reports its own failures; what fails before it (a build missing or broken in dist/) is an internal error too,
// in main()'s words: exit 3, one line, the stack only with CAPPLAN_DEBUG
start().catch((error) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`internal error: ${message.split('\n')[0]} (please report it; CAPPLAN_DEBUG=1 shows where)\n`);
  if (process.env.CAPPLAN_DEBUG) process.stderr.write(`${error?.stack ?? error}\n`);
  process.exitCode = 3;
});
