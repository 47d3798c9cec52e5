/**
 * Worker-thread entry (bundled as dist/simWorker.js): runs the chunks the pool sends, one message per chunk.
 * Messages in: { task, index } or { stop: true }. Out: { index, result } or { index, error }.
 */
import { parentPort } from 'node:worker_threads';
import { runChunk, type SimTask, transferables } from './chunk.js';

const port = parentPort;
if (port === null) throw new Error('simWorker must run in a worker thread');
port.on('message', (message: { task: SimTask; index: number } | { stop: true }) => {
  if ('stop' in message) {
    port.close();
    return;
  }
  try {
    const result = runChunk(message.task, message.index);
    port.postMessage({ index: message.index, result }, transferables(result));
  } catch (error) {
    port.postMessage({ index: message.index, error: error instanceof Error ? error.message : String(error) });
  }
});
