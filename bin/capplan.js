#!/usr/bin/env node
// The only file that touches the process: main() returns an exit code (0/1/2/3, see the contract).
import { main } from '../dist/cli.js';

// A closed pipe (`capplan ... | head`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error && error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
