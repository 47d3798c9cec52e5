/**
 * main() in this process, with stdout and stderr captured and, when given, a stdin (a string, or a stream for endless
 * or chunked input); the exit code is main's return value. `runMain` takes the main to run (the sources', or the
 * built one: run.ts `cli`); `sourceCli` runs the sources'.
 */
import { Readable } from 'node:stream';
import { type CliIo, main as sourceMain } from '../../src/cli/main.js';

type Main = (argv: readonly string[], io: CliIo) => Promise<number>;

export async function runMain(
  main: Main,
  argv: readonly string[],
  stdin?: string | NodeJS.ReadableStream,
  env: Record<string, string | undefined> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const input = typeof stdin === 'string' ? Readable.from([Buffer.from(stdin)]) : stdin;
  const code = await main([...argv], {
    stdout: {
      write: (s: string) => {
        stdout += s;
        return true;
      },
      isTTY: false,
    },
    stderr: {
      write: (s: string) => {
        stderr += s;
        return true;
      },
      isTTY: false,
    },
    ...(input === undefined ? {} : { stdin: input }),
    env,
  });
  return { code, stdout, stderr };
}

/** main() from the sources (tests of the sources' behaviour with streams). */
export function sourceCli(argv: readonly string[], stdin?: string | NodeJS.ReadableStream) {
  return runMain(sourceMain, argv, stdin);
}
