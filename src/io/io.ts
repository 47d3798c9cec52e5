/** What a command may touch. main() gets it from bin/capplan.js; tests pass fakes. */
export interface Output {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}
export interface CliIo {
  stdout: Output;
  stderr: Output;
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  env?: Record<string, string | undefined>;
  /** The bundled simulation worker (dist/simWorker.js), set by main(); absent: simulations run in this thread. */
  simWorkerUrl?: URL;
}

/**
 * Exit codes of every command (see the contract): 0-3 as it fixes them; 4 when the output could not be written (a full
 * disk, an I/O error; set by bin/capplan.js, which owns the streams).
 */
export const EXIT = { ok: 0, targetMissed: 1, badInput: 2, internal: 3, outputFailed: 4 } as const;
