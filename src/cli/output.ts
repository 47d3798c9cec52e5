/** Output helpers of the commands (no mathjs here: commands that only print must not load the parser). */
export function writeJson(io: { stdout: { write(s: string): unknown } }, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Aligned "label  value" lines for the human-readable summaries. */
export function keyValues(rows: readonly (readonly [string, string])[], indent = 2): string {
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  return rows.map(([k, v]) => `${' '.repeat(indent)}${k.padEnd(width)}${v}`).join('\n');
}
