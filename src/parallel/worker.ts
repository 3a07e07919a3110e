// A worker thread of the parallel pipeline: answers the main thread's parse, setup and check messages with
// ThreadCore (./core.ts). See docs/architecture.md, "Parallel assess".
import { parentPort } from 'node:worker_threads';
import { ThreadCore } from './core.js';
import { collectIfGrown } from './gc.js';

export interface Request {
  id: number;
  type: 'parse' | 'setup' | 'check';
  job: unknown;
}

const core = new ThreadCore();
const port = parentPort;
port?.on('message', (request: Request) => {
  try {
    const value =
      request.type === 'parse'
        ? core.parse(request.job as Parameters<ThreadCore['parse']>[0])
        : request.type === 'setup'
          ? core.setupCheck(request.job as Parameters<ThreadCore['setupCheck']>[0])
          : core.check(request.job as Parameters<ThreadCore['check']>[0]);
    port.postMessage({ id: request.id, value });
    collectIfGrown();
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    port.postMessage({ id: request.id, error: { name: e.name, message: e.message, stack: e.stack } });
  }
});
