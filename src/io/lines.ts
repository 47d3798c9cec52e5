/**
 * The lines of a stream (JSONL), each with its 1-based number, with a length limit that holds while reading: a line
 * longer than `maxBytes` is not kept (its bytes are skipped up to the next newline) and comes out as `overLimit`, so
 * a 600 MB line costs no more memory than a short one and the lines after it are still read (issue 17, row 3).
 * Blank lines are given too (a JSONL answer per input line). `\n` ends a line; a `\r` before it is dropped.
 */

export type Line =
  | { readonly line: number; readonly text: string }
  | { readonly line: number; readonly overLimit: true; readonly bytes: number };

/**
 * @example for await (const l of boundedLines(stream, 1 << 20)) ...
 */
export async function* boundedLines(input: AsyncIterable<unknown>, maxBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let length = 0;
  let over = false;
  let n = 0;
  const finish = (): Line => {
    n += 1;
    let result: Line;
    if (over) result = { line: n, overLimit: true, bytes: length };
    else {
      let text = Buffer.concat(parts, length).toString('utf8');
      if (text.endsWith('\r')) text = text.slice(0, -1);
      result = { line: n, text };
    }
    parts = [];
    length = 0;
    over = false;
    return result;
  };
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    let start = 0;
    for (;;) {
      const nl = buffer.indexOf(10, start);
      const end = nl === -1 ? buffer.length : nl;
      const piece = end - start;
      if (!over && length + piece > maxBytes + 1) {
        // +1: the `\r` of a CRLF line at the limit
        over = true;
        parts = [];
      }
      if (!over && piece > 0) parts.push(buffer.subarray(start, end));
      length += piece;
      if (nl === -1) break;
      yield finish();
      start = nl + 1;
    }
  }
  if (length > 0 || over) yield finish();
}
