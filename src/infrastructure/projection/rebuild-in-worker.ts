import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { StoreConfig } from '../open-stores.js';
import type { RebuildLimits, RebuildProgress } from './log-replay.js';

/** What the rebuild's worker thread is given. */
export interface RebuildWorkerInput {
  stores: StoreConfig;
  epoch: number;
  limits: RebuildLimits;
  total: number;
}

/** What it reports. */
export type RebuildWorkerMessage =
  | ({ type: 'progress' } & RebuildProgress)
  | { type: 'reached'; position: number }
  | { type: 'done'; events: number }
  | { type: 'failed'; name: string; message: string };

/**
 * The worker's compiled module, when there is one: the service runs from its build (dist/); run
 * from the TypeScript sources (the unit tests), the rebuild stays in the calling thread.
 */
export function rebuildWorkerFile(): URL | null {
  const url = new URL('./rebuild.worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : null;
}

/** Runs the rebuild in a worker thread; resolves once the worker has closed its stores. */
export function rebuildInWorker(
  file: URL,
  input: RebuildWorkerInput,
  handlers: { onProgress?: (progress: RebuildProgress) => void; onReached?: (position: number) => void },
): Promise<{ events: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: input });
    let outcome: { events: number } | null = null;
    let failure: Error | null = null;
    worker.on('message', (message: RebuildWorkerMessage) => {
      if (message.type === 'progress') handlers.onProgress?.({ done: message.done, total: message.total });
      else if (message.type === 'reached') handlers.onReached?.(message.position);
      else if (message.type === 'done') outcome = { events: message.events };
      else failure = Object.assign(new Error(message.message), { name: message.name });
    });
    worker.on('error', (error) => (failure ??= error));
    worker.on('exit', (code) => {
      if (failure) reject(failure);
      else if (outcome) resolve(outcome);
      else reject(new Error(`the rebuild's worker thread stopped before the end (exit code ${code})`));
    });
  });
}
