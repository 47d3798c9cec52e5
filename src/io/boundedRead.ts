/**
 * Reading input with a limit that holds WHILE reading: a regular file larger than the limit is refused from its size
 * without reading it; anything else (stdin, a pipe, a FIFO, `/dev/zero`, `/dev/urandom`) is read in chunks and the
 * read stops one byte past the limit, so an endless input costs at most the limit in memory and time (issue 17).
 * Reads of anything but a regular file are asynchronous: a FIFO nobody writes to leaves the event loop free (Ctrl-C,
 * the TUI's Esc still work). A regular file is read at once: its read waits on no one, and fs/promises (with the
 * stream modules it loads) costs a few ms of a start-up that reads one scenario (issue 18).
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';

/** What a bounded read gives: the bytes, or that there were more than the limit (and how many were seen). */
export type Bounded = { readonly bytes: Buffer } | { readonly overLimit: true; readonly sizeBytes: number | null };

const CHUNK_BYTES = 64 * 1024;

/**
 * The content of `path`, or `overLimit` once more than `limit` bytes are seen (`sizeBytes`: the file's size when
 * known from the file system, else null). `signal` abandons the read between chunks (a regular file, read at once,
 * is checked once before).
 * @throws the file system's error (ENOENT, EISDIR, EACCES, ...) for the caller to word
 */
export async function readFileBounded(path: string, limit: number, signal?: AbortSignal): Promise<Bounded> {
  signal?.throwIfAborted();
  const regular = regularFileBounded(path, limit);
  if (regular !== null) return regular;
  const { open } = await import('node:fs/promises');
  const handle = await open(path, 'r');
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' });
    if (stat.isFile() && stat.size > limit) return { overLimit: true, sizeBytes: stat.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      signal?.throwIfAborted();
      const want = Math.min(CHUNK_BYTES, limit + 1 - total);
      const buffer = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(buffer, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === want ? buffer : buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) return { overLimit: true, sizeBytes: stat.isFile() ? stat.size : null };
    }
    return { bytes: Buffer.concat(chunks, total) };
  } finally {
    await handle.close();
  }
}

/**
 * readFileBounded of a regular file, read synchronously; null for anything else. The path is looked at before it is
 * opened: opening a FIFO here and closing it would let a writer already waiting on it write into the pipe and close,
 * and what it wrote would be dropped with the last reader (the read after it would then wait for a writer that never
 * comes). Opened without blocking (O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer), so a path that
 * becomes a FIFO after the look is not waited on here either but left to the asynchronous read. The same rule as the
 * asynchronous read: refused from its size when larger than `limit`, and read to one byte past `limit` (a file
 * growing while read).
 * @throws the file system's error (ENOENT, EACCES, ...), as the asynchronous open would
 */
function regularFileBounded(path: string, limit: number): Bounded | null {
  if (!statSync(path).isFile()) return null;
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return null;
    if (stat.size > limit) return { overLimit: true, sizeBytes: stat.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(Math.max(stat.size - total, CHUNK_BYTES), limit + 1 - total);
      const buffer = Buffer.allocUnsafe(want);
      const bytesRead = readSync(fd, buffer, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === want ? buffer : buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) return { overLimit: true, sizeBytes: stat.size };
    }
    return { bytes: Buffer.concat(chunks, total) };
  } finally {
    closeSync(fd);
  }
}

/**
 * A stream's content (stdin), or `overLimit` once more than `limit` bytes arrive; the stream is then left paused and
 * the rest is never read.
 */
export async function readStreamBounded(stream: NodeJS.ReadableStream, limit: number): Promise<Bounded> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += buffer.length;
    if (total > limit) {
      stream.pause();
      return { overLimit: true, sizeBytes: null };
    }
    chunks.push(buffer);
  }
  return { bytes: Buffer.concat(chunks, total) };
}
