import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { OWNER_ONLY_DIR, ownerOnlyDatabaseFile } from '../../../platform/files/owner-only.js';

/**
 * The file of the embedded event store: the `events` table, its guards, its pragmas, its version.
 *
 * `position` is the table's AUTOINCREMENT key, so positions are never reused and, since SQLite
 * has a single writer, they become visible in increasing order. Rows are never updated nor
 * deleted (triggers refuse it); each row carries the two hash chains of `hash-chain.ts`.
 */

/** Bumped when the schema changes; a file written by a newer version is refused. */
const SCHEMA_VERSION = 1;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id    TEXT NOT NULL UNIQUE,
    stream_id   TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    type        TEXT NOT NULL,
    data        TEXT NOT NULL,
    metadata    TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    -- Tamper evidence: each event's hash chained to its stream's previous one and to the log's.
    stream_hash TEXT NOT NULL,
    log_hash    TEXT NOT NULL,
    UNIQUE (stream_id, revision)
  );
  CREATE TRIGGER IF NOT EXISTS events_are_immutable BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'events are immutable'); END;
  CREATE TRIGGER IF NOT EXISTS events_are_never_deleted BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'events are never deleted'); END;
`;

/**
 * Opens (creating if needed) the store's file — `':memory:'` for a throwaway one — in WAL mode
 * with `synchronous = FULL` (an acknowledged commit is on disk), and brings its schema up to date.
 * The file and its companions are readable and writable by their owner only.
 */
export function openEventsDatabase(file: string, busyTimeoutMs: number): Database.Database {
  if (file !== ':memory:' && file !== '') {
    mkdirSync(dirname(file), { recursive: true, mode: OWNER_ONLY_DIR });
    // Owner-only (0600), and so are the -wal and -shm files SQLite creates next to it.
    ownerOnlyDatabaseFile(file);
  }
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Creates the schema if needed; refuses a file written by a newer schema version. */
function migrate(db: Database.Database): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(`event store schema version ${version} is newer than this service's (${SCHEMA_VERSION})`);
    }
    db.exec(SCHEMA);
    if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
