import type { EventStore, StoredEvent } from '../event-store/event-store.port.js';
import { frameworkIdOf, toRecordedEvent } from '../event-store/framework-stream.js';
import type { ProjectionChange, ReadModelStore } from '../read-models/read-model.port.js';
import { FrameworkProjection } from './framework.projection.js';

/** Events read together during a rebuild. */
const REBUILD_PAGE = 1000;
/** Changes committed together during a rebuild (one transaction: a few tens of milliseconds). */
const REBUILD_BATCH = 250;

/** How a rebuild bounds its memory and its turns of the event loop. */
export interface RebuildLimits {
  /** Framework projections kept in memory (least recently used go first; reloaded from the read models). */
  capacity: number;
  /** Longest run of projecting between two turns of the event loop, in milliseconds. */
  sliceMs: number;
}

/**
 * 32 projections: measured on the 100k bench store (500 frameworks, interleaved), a rebuild took
 * 57 s / 418 MB peak RSS keeping 16, 42 s / 471 MB keeping 32, 48 s / 630 MB keeping 64 and
 * 46 s / 855 MB keeping 128 — more kept projections mean more garbage to collect, not fewer reloads.
 */
export const REBUILD_LIMITS: RebuildLimits = { capacity: 32, sliceMs: 50 };

export interface RebuildProgress {
  done: number;
  total: number;
}

/**
 * The change one event makes (null: none), with the framework's projection kept in `cache` (at
 * most `capacity`, least recently used first out; one evicted is resumed from the read models).
 */
export async function projectWith(
  readModels: ReadModelStore,
  stored: StoredEvent,
  cache: Map<string, FrameworkProjection>,
  capacity: number,
): Promise<ProjectionChange | null> {
  const frameworkId = frameworkIdOf(stored.streamId);
  if (frameworkId === null) return null;
  let projection = cache.get(frameworkId);
  if (projection) {
    cache.delete(frameworkId); // re-inserted below: most recently used last
  } else {
    const { events, current } = await readModels.projectionState(frameworkId);
    projection = FrameworkProjection.resume(frameworkId, events, current);
  }
  cache.set(frameworkId, projection);
  if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
  try {
    return projection.apply(toRecordedEvent(stored));
  } catch (error) {
    cache.delete(frameworkId);
    throw error;
  }
}

export interface ReplayOptions {
  /** The epoch of the read models (reset just before): every commit is made for it. */
  epoch: number;
  limits: RebuildLimits;
  /** Events in the log, for progress reports. */
  total: number;
  onProgress?: (progress: RebuildProgress) => void;
  /** Every event up to `position` is in the read models (after each commit). */
  onReached?: (position: number) => void;
}

/**
 * Projects the whole log into read models just reset, page by page. Memory stays bounded: at most
 * `limits.capacity` framework projections are kept, and one evicted is reloaded from the read
 * models (its pending changes written first). The event loop gets a turn at least every
 * `limits.sliceMs` of projecting. Resolves with the number of events read.
 */
export async function replayLog(events: EventStore, readModels: ReadModelStore, options: ReplayOptions): Promise<{ events: number }> {
  const { capacity, sliceMs } = options.limits;
  const projections = new Map<string, FrameworkProjection>();
  const pending: ProjectionChange[] = [];
  /** Frameworks with changes in `pending`: their read models are behind their projection. */
  const unwritten = new Set<string>();
  let reached: number | null = null;
  const flush = async () => {
    const outcome = pending.length > 0 ? await readModels.commit(pending.splice(0), { epoch: options.epoch }) : null;
    unwritten.clear();
    if (reached !== null) options.onReached?.(Math.max(outcome?.checkpoint ?? reached, reached));
  };
  let after: number | null = null;
  let done = 0;
  let sliceStart = performance.now();
  for (;;) {
    const page = await events.readAll(after, REBUILD_PAGE);
    if (page.length === 0) break;
    for (const event of page) {
      const frameworkId = frameworkIdOf(event.streamId);
      // Evicted with changes not yet written: write them, so that the reload reads them back.
      if (frameworkId !== null && !projections.has(frameworkId) && unwritten.has(frameworkId)) await flush();
      const change = await projectWith(readModels, event, projections, capacity);
      if (change) {
        pending.push(change);
        unwritten.add(frameworkId!);
      }
      reached = event.position;
      done++;
      if (performance.now() - sliceStart >= sliceMs) {
        if (pending.length >= REBUILD_BATCH) await flush();
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    after = page[page.length - 1].position;
    if (pending.length >= REBUILD_BATCH) await flush();
    options.onProgress?.({ done, total: Math.max(options.total, done) });
  }
  await flush();
  return { events: done };
}
