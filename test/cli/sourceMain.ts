/**
 * main() from the sources, in this process, with captured output and, when given, a stdin (a string, or a stream for
 * endless or chunked input). For tests of the sources' behaviour with streams the built CLI helper (run.ts `cli`)
 * does not offer; the built command is tested through run.ts.
 */
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';

export async function sourceCli(argv: readonly string[], stdin?: string | NodeJS.ReadableStream) {
  let stdout = '';
  let stderr = '';
  const input = typeof stdin === 'string' ? Readable.from([Buffer.from(stdin)]) : stdin;
  const code = await main(argv, {
    stdout: {
      write: (s: string) => {
        stdout += s;
        return true;
      },
    },
    stderr: {
      write: (s: string) => {
        stderr += s;
        return true;
      },
    },
    ...(input === undefined ? {} : { stdin: input }),
    env: {},
  });
  return { code, stdout, stderr };
}
