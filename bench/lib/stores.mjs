// Store-level comparison: the service's SQLite event-store adapter, Emmett's SQLite event store,
// and a raw better-sqlite3 insert loop, appending and reading the same events.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { ROOT } from './service.mjs';

const require = createRequire(join(ROOT, 'package.json'));

/**
 * The events to append: the first `count` events of the generated store, in recorded order,
 * as appends of `batch` consecutive events of one stream (batch 1: one event per append).
 */
export async function benchAppends(service, eventsFile, count, batch) {
  const store = service.SqliteEventStore.open(eventsFile);
  try {
    const events = await store.readAll(null, count);
    if (batch === 1) return events.map((e) => ({ stream: e.streamId, events: [e] }));
    // Batches: group each stream's events (keeping their order), then cut in chunks.
    const byStream = new Map();
    for (const e of events) {
      if (!byStream.has(e.streamId)) byStream.set(e.streamId, []);
      byStream.get(e.streamId).push(e);
    }
    const appends = [];
    for (const [stream, list] of byStream) {
      for (let i = 0; i < list.length; i += batch) appends.push({ stream, events: list.slice(i, i + batch) });
    }
    return appends;
  } finally {
    await store.close();
  }
}

/** The service's adapter: `append` with expected revisions, then `readStream` and `readAll`. */
export async function serviceStoreRun(service, dir, appends) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const store = service.SqliteEventStore.open(join(dir, 'events.db'));
  try {
    const revisions = new Map();
    let events = 0;
    const t0 = performance.now();
    for (const { stream, events: batch } of appends) {
      const current = revisions.get(stream) ?? -1;
      await store.append(
        stream,
        batch.map((e) => ({ eventId: e.eventId, type: e.type, data: e.data, metadata: e.metadata })),
        current < 0 ? 'no_stream' : current,
      );
      revisions.set(stream, current + batch.length);
      events += batch.length;
    }
    const appendSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    let readBack = 0;
    for (const stream of revisions.keys()) readBack += (await store.readStream(stream)).length;
    const readStreamsSeconds = (performance.now() - t1) / 1000;
    const t2 = performance.now();
    let globalRead = 0;
    for (let after = null; ;) {
      const page = await store.readAll(after, 1000);
      if (page.length === 0) break;
      globalRead += page.length;
      after = page[page.length - 1].position;
    }
    const readAllSeconds = (performance.now() - t2) / 1000;
    if (readBack !== events || globalRead !== events) throw new Error(`service store read back ${readBack}/${globalRead} of ${events}`);
    // The adapter sets WAL + synchronous=FULL itself; read them back from its connection when reachable.
    const db = store.db;
    const durability =
      typeof db?.pragma === 'function'
        ? { journalMode: db.pragma('journal_mode', { simple: true }), synchronous: ['OFF', 'NORMAL', 'FULL', 'EXTRA'][db.pragma('synchronous', { simple: true })] }
        : { journalMode: 'wal (per the adapter)', synchronous: 'FULL (per the adapter)' };
    return { events, appends: appends.length, appendSeconds, readStreamsSeconds, readAllSeconds, durability };
  } finally {
    await store.close();
  }
}

/**
 * The floor: better-sqlite3 (the service's own driver) inserting the same rows into a table of
 * the same shape, WAL + synchronous=FULL, one transaction per append (batch rows each).
 */
export async function rawSqliteRun(dir, appends) {
  const Database = require('better-sqlite3');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, 'raw.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE events (
      position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
      revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
      recorded_at TEXT NOT NULL, UNIQUE (stream_id, revision))`);
    const insert = db.prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const revisions = new Map();
    const write = db.transaction((stream, batch) => {
      let revision = revisions.get(stream) ?? -1;
      const recordedAt = new Date().toISOString();
      for (const e of batch) insert.run(e.eventId, stream, ++revision, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), recordedAt);
      revisions.set(stream, revision);
    });
    let events = 0;
    const t0 = performance.now();
    for (const { stream, events: batch } of appends) {
      write.immediate(stream, batch);
      events += batch.length;
    }
    const appendSeconds = (performance.now() - t0) / 1000;
    const byStream = db.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY revision');
    const t1 = performance.now();
    let readBack = 0;
    for (const stream of revisions.keys()) {
      for (const row of byStream.all(stream)) {
        JSON.parse(row.data);
        JSON.parse(row.metadata);
        readBack++;
      }
    }
    const readStreamsSeconds = (performance.now() - t1) / 1000;
    const page = db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT 1000');
    const t2 = performance.now();
    let globalRead = 0;
    for (let after = 0; ;) {
      const rows = page.all(after);
      if (rows.length === 0) break;
      for (const row of rows) {
        JSON.parse(row.data);
        JSON.parse(row.metadata);
      }
      globalRead += rows.length;
      after = rows[rows.length - 1].position;
    }
    const readAllSeconds = (performance.now() - t2) / 1000;
    if (readBack !== events || globalRead !== events) throw new Error(`raw read back ${readBack}/${globalRead} of ${events}`);
    return {
      events,
      appends: appends.length,
      appendSeconds,
      readStreamsSeconds,
      readAllSeconds,
      durability: { journalMode: db.pragma('journal_mode', { simple: true }), synchronous: ['OFF', 'NORMAL', 'FULL', 'EXTRA'][db.pragma('synchronous', { simple: true })] },
    };
  } finally {
    db.close();
  }
}

/** Emmett, from bench/peers (its own node_modules). */
export async function emmettRun(peersDir, dir, appends) {
  const peer = await import(pathToFileURL(join(peersDir, 'emmett.mjs')).href);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'emmett.db');
  const mapped = appends.map(({ stream, events }) => ({
    stream,
    events: events.map((e) => ({ type: e.type, data: e.data, metadata: { ...e.metadata, eventId: e.eventId } })),
  }));
  const result = await peer.emmettAppendAndRead(file, mapped);
  return { ...result, durability: await peer.emmettDurability(file) };
}
