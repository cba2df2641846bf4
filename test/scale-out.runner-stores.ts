import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import type { EventStore, NewEvent, SubscribeOptions } from '../src/infrastructure/event-store/event-store.port.js';
import { streamIdOf } from '../src/infrastructure/event-store/framework-stream.js';
import { ProjectionRunner } from '../src/infrastructure/projection/projection-runner.js';
import type { ReadModelStore } from '../src/infrastructure/read-models/read-model.port.js';
import { InMemoryMongoReadModels } from '../src/infrastructure/read-models/mongodb/testing/in-memory-mongo.js';
import { SqliteReadModelStore } from '../src/infrastructure/read-models/sqlite/sqlite-read-model.adapter.js';
import { arbitraryHistory } from '../src/modules/frameworks/domain/testing/arbitrary-history.js';

/**
 * What the tests of several projection runners share: the read-model stores they run on (the
 * SQLite file opened once per runner, as separate processes do; the MongoDB adapter's logic over
 * one set of in-memory collections, as clients of one server do), a dump of everything a store
 * holds, and random valid histories to append.
 */

export interface SharedReadModels {
  name: string;
  /** A handle on the shared read models, for one runner (closed by `close`). */
  open(): ReadModelStore;
  /** A new, empty store of the same kind, for a fresh rebuild to compare with. */
  fresh(): SharedReadModels;
  /** Everything the read models hold, in a stable order. */
  dump(): Promise<unknown>;
  close(): Promise<void>;
}

export function sqliteReadModels(dir: string): SharedReadModels {
  const file = join(dir, `read-models-${randomUUID()}.db`);
  const handles: SqliteReadModelStore[] = [];
  return {
    name: 'SQLite read models (one file, a connection per runner)',
    open: () => {
      const store = SqliteReadModelStore.open(file);
      handles.push(store);
      return store;
    },
    fresh: () => sqliteReadModels(dir),
    dump: () => dumpSqliteReadModels(file),
    close: async () => {
      await Promise.all(handles.map((h) => h.close()));
    },
  };
}

/** Everything an SQLite read-model file holds, in a stable order. */
export async function dumpSqliteReadModels(file: string): Promise<unknown> {
  const db = new Database(file, { readonly: true });
  try {
    return {
      checkpoint: db.prepare('SELECT position FROM checkpoint').all(),
      frameworks: db.prepare('SELECT * FROM frameworks ORDER BY id').all(),
      events: db.prepare('SELECT * FROM framework_events ORDER BY framework_id, revision').all(),
      segments: db
        .prepare('SELECT framework_id, kind, item_id, valid_from, valid_to, recorded_from, recorded_to, payload FROM segments')
        .all()
        .map((row) => JSON.stringify(row))
        .sort(),
    };
  } finally {
    db.close();
  }
}

export function inMemoryMongoReadModels(): SharedReadModels {
  const server = new InMemoryMongoReadModels();
  return {
    name: 'MongoDB adapter logic (in-memory collections, transaction semantics)',
    open: () => server,
    fresh: () => inMemoryMongoReadModels(),
    dump: () => server.dump(),
    close: async () => undefined,
  };
}

/**
 * A store whose calls wait on `before` first (a runner slowed down, or held at a point): the
 * real store does the work, the test chooses when.
 */
export function gated(store: ReadModelStore, before: (method: string, args: unknown[]) => Promise<void>): ReadModelStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await before(String(key), args);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** An event store whose subscriptions report, after each handler call, the position handled. */
export function reporting(store: EventStore, handled: (position: number) => void): EventStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (key !== 'subscribe' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return (options: SubscribeOptions) =>
        (value as EventStore['subscribe']).call(target, {
          ...options,
          handler: async (event) => {
            await options.handler(event);
            handled(event.position);
          },
        });
    },
  });
}

/** Rebuilds fresh read models of the same kind from `events` with one runner, and dumps them. */
export async function rebuiltDump(shared: SharedReadModels, events: EventStore): Promise<unknown> {
  const fresh = shared.fresh();
  const runner = new ProjectionRunner(events, fresh.open());
  try {
    await runner.rebuild();
    await runner.stop();
    return await fresh.dump();
  } finally {
    await runner.stop();
    await fresh.close();
  }
}

/**
 * Random valid histories of `count` frameworks, as event-store appends (UUID event ids; the
 * corrections and retractions point to them), one event per append, interleaved across frameworks.
 */
export function randomAppends(seed: number, count: number, length = 15): { streamId: string; event: NewEvent }[] {
  const histories = fc.sample(arbitraryHistory(length), { seed, numRuns: count });
  const appends = histories.map((history, f) => {
    const frameworkId = `fw-${seed}-${f}`;
    const ids = new Map(history.events.map((e) => [e.eventId, randomUUID()]));
    return history.events.map((e) => {
      const data = { ...(e.data as Record<string, unknown>) };
      if (typeof data.eventId === 'string' && ids.has(data.eventId)) data.eventId = ids.get(data.eventId);
      return {
        streamId: streamIdOf(frameworkId),
        event: { eventId: ids.get(e.eventId)!, type: e.type, data: { effectiveDate: e.effectiveDate, data, source: e.source }, metadata: { actor: 'tester' } },
      };
    });
  });
  // Round robin over the frameworks, each in its own order.
  const merged: { streamId: string; event: NewEvent }[] = [];
  for (let i = 0; appends.some((a) => i < a.length); i++) for (const a of appends) if (i < a.length) merged.push(a[i]);
  return merged;
}
