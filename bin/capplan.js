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

const { writeSync } = require('node:fs');
// node:tty loads the stream modules and net: required only when a terminal is asked about (isTTY, columns)
const isatty = (fd) => require('node:tty').isatty(fd);

// A closed pipe (`capplan ... | head`) is not an error: stop quietly. Any other failure to write the output (a full
// disk: `> /dev/full`, an I/O error) is one line on stderr and exit 4 (the output is incomplete; see README).
const OUTPUT_FAILED = 4;
function outputFailed(name, error) {
  if (error && error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  if (name !== 'stderr') {
    try {
      writeSync(2, `error: cannot write ${name}: ${error?.code ?? 'error'} (${error?.message ?? error})\n`);
    } catch {
      // stderr is gone too: the exit code says it
    }
  }
  process.exit(OUTPUT_FAILED);
}

/** process.stdout or process.stderr, made when first asked for, with the failure rule above. */
const listening = new Set();
function stdioStream(name) {
  const stream = process[name];
  if (!listening.has(name)) {
    listening.add(name);
    stream.on('error', (error) => outputFailed(name, error));
  }
  return stream;
}

// A command's output written straight to its file descriptor: Node makes process.stdout and process.stderr (a
// SyncWriteStream, a net.Socket or a tty.WriteStream, each loading its modules) only when asked for, and a command
// that writes a few lines does not need them (issue 18: about 10 ms of every start-up). A write the descriptor refuses
// for now (EAGAIN: a non-blocking pipe that is full) goes to the stream, and so does every later write, in order;
// isTTY and columns are the stream's on a terminal; elsewhere they are what Node's streams say there, without making
// one (a file or pipe stream has neither: both undefined).
function directOutput(fd, name) {
  let stream = null;
  return {
    write(text) {
      if (stream) return stream.write(text);
      let bytes = null;
      let at = 0;
      try {
        at = writeSync(fd, text);
        if (at === Buffer.byteLength(text)) return true;
        // a part written (a signal, a pipe's capacity): the rest from its byte
        bytes = Buffer.from(text);
        while (at < bytes.length) at += writeSync(fd, bytes, at);
        return true;
      } catch (error) {
        if (error?.code !== 'EAGAIN') outputFailed(name, error);
        stream = stdioStream(name);
        return stream.write(bytes === null ? text : bytes.subarray(at));
      }
    },
    get isTTY() {
      return isatty(fd) ? stdioStream(name).isTTY : undefined;
    },
    get columns() {
      return isatty(fd) ? stdioStream(name).columns : undefined;
    },
  };
}

const stderr = directOutput(2, 'stderr');

async function start() {
  const single = /^[a-z]+$/.test(named ?? '') ? loadCommand(named) : null;
  const { main } = single ?? (await import('../dist/cli.js'));
  const argv = process.argv.slice(2);
  // the TUI (the split bundle) draws with Ink on the streams themselves
  process.exitCode = await main(
    argv,
    single
      ? {
          stdout: directOutput(1, 'stdout'),
          stderr,
          get stdin() {
            return process.stdin;
          },
          env: process.env,
        }
      : { stdout: stdioStream('stdout'), stderr: stdioStream('stderr'), stdin: process.stdin, env: process.env },
  );
  // The TUI may leave behind a read it abandoned (Esc on `o` of a FIFO nobody writes to blocks in the thread pool
  // until a writer comes): once the UI has closed, exit instead of waiting for it. (Writes to stdout are synchronous.)
  if (argv.length === 0 || argv[0] === 'tui') process.exit(process.exitCode);
}
// main() reports its own failures; what fails before it (a build missing or broken in dist/) is an internal error too,
// in main()'s words: exit 3, one line, the stack only with CAPPLAN_DEBUG
start().catch((error) => {
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`internal error: ${message.split('\n')[0]} (please report it; CAPPLAN_DEBUG=1 shows where)\n`);
  if (process.env.CAPPLAN_DEBUG) stderr.write(`${error?.stack ?? error}\n`);
  process.exitCode = 3;
});
