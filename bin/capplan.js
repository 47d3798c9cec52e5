#!/usr/bin/env node
// The only file that touches process exit state: main() returns an exit code (0/1/2/3, see the contract).
import { main } from '../dist/cli.js';

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
process.exitCode = code;
