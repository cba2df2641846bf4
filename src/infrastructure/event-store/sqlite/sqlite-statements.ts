import type Database from 'better-sqlite3';
import type { StoredEvent } from '../event-store.port.js';
import type { ChainedEvent } from './hash-chain.js';

/** The queries of the embedded event store on its `events` table, prepared once per connection. */

const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';

/** A row of `events`, without its hashes. */
export interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

export type EventStatements = ReturnType<typeof prepareStatements>;

export function prepareStatements(db: Database.Database) {
  return {
    byEventId: db.prepare<[string], EventRow>(`SELECT ${COLUMNS} FROM events WHERE event_id = ?`),
    streamRevision: db.prepare<[string], { revision: number }>('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1'),
    lastRecordedAt: db.prepare<[], { recorded_at: string }>('SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1'),
    insert: db.prepare<[string, string, number, string, string, string, string, string, string]>(
      `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at, stream_hash, log_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertAt: db.prepare<[number, string, string, number, string, string, string, string, string, string]>(
      `INSERT INTO events (position, event_id, stream_id, revision, type, data, metadata, recorded_at, stream_hash, log_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM events'),
    sequence: db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'events'"),
    lastStreamHash: db.prepare<[string], { stream_hash: string }>('SELECT stream_hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1'),
    lastLogHash: db.prepare<[], { log_hash: string }>('SELECT log_hash FROM events ORDER BY position DESC LIMIT 1'),
    readStream: db.prepare<[string, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision`),
    readAll: db.prepare<[number, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
    ping: db.prepare<[], unknown>('SELECT 1'),
    lastPosition: db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
  };
}

/**
 * Every event with its chain links, in log order, and the last position ever given (deleted
 * rows included). Prepared at each call: it reads the file as it is now.
 */
export function chainedEvents(db: Database.Database): { events: IterableIterator<ChainedEvent>; sequence: () => number } {
  return {
    events: db
      .prepare(
        `SELECT position, event_id AS eventId, stream_id AS streamId, revision, type, data, metadata, recorded_at AS recordedAt,
                stream_hash AS streamHash, log_hash AS logHash
         FROM events ORDER BY position`,
      )
      .iterate() as IterableIterator<ChainedEvent>,
    sequence: () => (db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").get() as { seq: number } | undefined)?.seq ?? 0,
  };
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    type: row.type,
    revision: row.revision,
    position: row.position,
    recordedAt: row.recorded_at,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
  };
}
