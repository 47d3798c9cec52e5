/**
 * What every JSONL stream of the CLI shares (`run --jsonl`, `queue --jsonl`, `availability --jsonl`): each input line,
 * read with its size limit held while reading (io/lines.ts), gets one output line in order, starting with its `line`
 * number: the answer, or `{"line": N, "error": ...}` for a blank, over-long or bad line (an input error), and the
 * stream goes on. A bug on one line is answered `"internal": true` and makes the exit code 3 at the end.
 */
import { type CliIo, EXIT } from '../io/io.js';
import { boundedLines } from '../io/lines.js';
import { LineWriter, problemText } from './output.js';

export interface JsonlStream {
  /** Longest line, bytes. */
  maxBytes: number;
  /** What a line must be, after "expected": "a scenario (one JSON object per line)". */
  expected: string;
  /** A line's size limit as said in its error, after "expected": "a scenario of at most 1048576 bytes (1 MiB)". */
  limitText: string;
}

/**
 * An answer already serialised: `json` is JSON.stringify of a non-empty object with neither a `line` key nor an
 * array-index key ("0", "12": JSON.stringify writes those first, before `line`).
 */
export class JsonText {
  constructor(readonly json: string) {}
}

/**
 * The output line of the answer `body` (JSON.stringify of an object as JsonText says) to line `n`:
 * JSON.stringify({ line: n, ...object }), the same bytes, without serialising the object again.
 * @example withLine(3, '{"a":1}') // '{"line":3,"a":1}'
 */
export function withLine(n: number, body: string): string {
  return `{"line":${n},${body.slice(1)}`;
}

/**
 * Answers every line of `input` with `answer(text, lineNumber)` (an object, written after the line number, or its
 * JsonText) and returns EXIT.ok, or EXIT.internal when some line hit a bug (said once on stderr too).
 */
export async function answerLines(
  input: AsyncIterable<unknown>,
  io: CliIo,
  stream: JsonlStream,
  answer: (text: string, line: number) => Promise<object> | object,
): Promise<number> {
  let internal = 0;
  const writer = new LineWriter(io.stdout);
  for await (const item of boundedLines(input, stream.maxBytes)) {
    await writer.ready();
    const n = item.line;
    let out: string;
    if ('overLimit' in item) {
      out = JSON.stringify({ line: n, error: `line ${n}: ${item.bytes} bytes: expected ${stream.limitText}` });
    } else if (item.text.trim() === '') {
      out = JSON.stringify({ line: n, error: `line ${n}: blank: expected ${stream.expected}` });
    } else {
      try {
        const a = await answer(item.text, n);
        out = a instanceof JsonText ? withLine(n, a.json) : JSON.stringify({ line: n, ...a });
      } catch (error) {
        const message = problemText(error);
        if (message === null) {
          // a bug, not bad input: say so on this line, keep going, and exit 3 at the end
          internal += 1;
          const text = error instanceof Error ? error.message : String(error);
          out = JSON.stringify({ line: n, error: `internal error: ${text}`, internal: true });
        } else out = JSON.stringify({ line: n, error: message });
      }
    }
    writer.write(`${out}\n`);
  }
  await writer.end();
  if (internal > 0) {
    io.stderr.write(
      `internal error: ${internal} line(s) failed (marked "internal" in the output; please report them)\n`,
    );
    return EXIT.internal;
  }
  return EXIT.ok;
}
