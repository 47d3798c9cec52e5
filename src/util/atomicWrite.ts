import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  openSync,
  realpathSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The target of a write exists and is not a regular file (a device, a FIFO, a socket, a directory). */
export class NotRegularFileError extends Error {
  constructor(
    readonly path: string,
    /** "a character device", "a FIFO", ... */
    readonly kind: string,
  ) {
    super(`${path} is ${kind}, not a regular file`);
  }
}

/** What a non-regular file is, in a few words. */
export function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * A few turns of the event loop, so that a signal that arrived during a synchronous write reaches its handler (libuv
 * reads its signal pipe in the poll phase; one turn was not always enough, three always were in 10 of 10 trials) and
 * ends the process now, as it would have without the write. Await it after writeFileAtomic when the process may end
 * soon after (the CLI's --out).
 */
export async function settleSignals(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
}

/** Temporary files being written, removed if a signal ends the process first (see removeOnSignal). */
const pending = new Set<string>();
let handlersInstalled = false;

/**
 * SIGTERM, SIGINT and SIGHUP remove the temporary files being written, then end the process as the signal would have
 * (the handler is removed and the signal raised again). A write is synchronous, so a signal that arrives during it is
 * handled right after it: the temporary file is then already renamed or removed. Installed on the first write.
 */
function removeOnSignal(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    const handler = () => {
      for (const tmp of pending) {
        try {
          unlinkSync(tmp);
        } catch {
          // already gone
        }
      }
      pending.clear();
      process.removeListener(signal, handler);
      process.kill(process.pid, signal);
    };
    process.on(signal, handler);
  }
}

/**
 * Writes a file so that readers see either the old content or the whole new one, never a half-written file: the
 * content goes to a temporary file in the same directory (same file system), is flushed to disk, then renamed over
 * the target (rename is atomic on POSIX). On any error the temporary file is removed and the error rethrown.
 *
 * - The target must be a regular file or not exist: devices, FIFOs and sockets (`/dev/null`, `/proc/self/fd/1`) are
 *   refused with NotRegularFileError rather than replaced by a regular file.
 * - A symbolic link is written through (its target is replaced, the link kept); the target's permission bits (and,
 *   where allowed, owner) are kept. Hard links are not: the new file is a new inode, other names keep the old content.
 * - The temporary file has a random name and is created exclusively (O_EXCL, which does not follow a symbolic link
 *   planted at that name) with the target's mode; a signal that ends the process removes it (removeOnSignal).
 * @throws {NotRegularFileError} the target exists and is not a regular file
 */
export function writeFileAtomic(path: string, content: string): void {
  let existing: Stats | null = null;
  try {
    existing = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (existing !== null && !existing.isFile()) throw new NotRegularFileError(path, fileKind(existing));
  const target = existing !== null ? realpathSync(path) : path;
  const mode = existing !== null ? existing.mode & 0o7777 : 0o644;
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(8).toString('hex')}.tmp`);
  removeOnSignal();
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx', mode);
    pending.add(tmp);
    writeSync(fd, content);
    if (existing !== null) {
      fchmodSync(fd, mode); // the umask may have narrowed the mode given to open
      if (existing.uid !== process.getuid?.() || existing.gid !== process.getgid?.()) {
        try {
          fchownSync(fd, existing.uid, existing.gid);
        } catch {
          // only root may give a file away: the new file then belongs to the writer, as any new file would
        }
      }
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, target);
    pending.delete(tmp);
  } catch (error) {
    if (fd !== null) closeSync(fd);
    try {
      if (pending.has(tmp)) unlinkSync(tmp);
    } catch {
      // the temporary file is already gone
    }
    pending.delete(tmp);
    throw error;
  }
}
