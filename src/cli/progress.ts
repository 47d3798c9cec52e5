import type { Output } from '../io/io.js';

/**
 * A progress bar on stderr when it is a terminal (redrawn in place with \r, erased at the end); nothing otherwise,
 * so logs and pipes stay clean.
 */
export function progressBar(stderr: Output, label: string): { update(done: number, total: number): void; end(): void } {
  if (!stderr.isTTY) return { update() {}, end() {} };
  const width = 30;
  let last = -1;
  return {
    update(done, total) {
      const filled = total > 0 ? Math.round((done / total) * width) : width;
      if (filled === last) return;
      last = filled;
      stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    },
    end() {
      if (last >= 0) stderr.write(`\r${' '.repeat(label.length + width + 16)}\r`);
    },
  };
}
