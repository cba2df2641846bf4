// The rebuild's worker thread: opens the stores again from their configuration, projects the
// whole log into the read models the main thread has just reset (`log-replay.ts`), and reports its
// progress, so that the main thread's event loop keeps answering requests meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import { openEventStore, openReadModelStore } from '../open-stores.js';
import { replayLog } from './log-replay.js';
import type { RebuildWorkerInput, RebuildWorkerMessage } from './rebuild-in-worker.js';

const input = workerData as RebuildWorkerInput;
const send = (message: RebuildWorkerMessage) => parentPort!.postMessage(message);

const events = await openEventStore(input.stores);
const readModels = await openReadModelStore(input.stores);
try {
  const outcome = await replayLog(events, readModels, {
    epoch: input.epoch,
    limits: input.limits,
    total: input.total,
    onProgress: (progress) => send({ type: 'progress', ...progress }),
    onReached: (position) => send({ type: 'reached', position }),
  });
  send({ type: 'done', events: outcome.events });
} catch (error) {
  send({ type: 'failed', name: (error as Error).name ?? 'Error', message: (error as Error).message ?? String(error) });
} finally {
  await readModels.close();
  await events.close();
}
