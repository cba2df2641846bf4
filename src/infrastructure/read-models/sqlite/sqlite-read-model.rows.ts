import type Database from 'better-sqlite3';
import type { HorizonAt } from '../../../modules/frameworks/domain/state/horizon.js';
import type { FrameworkSummary, ItemKind, ProjectedEventRef, StoredSegment } from '../read-model.port.js';

/** The SQLite read models' tables and indexes, their lookups of a day, and their rows as the port's values. */

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS projection_epoch (id INTEGER PRIMARY KEY CHECK (id = 1), epoch INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS frameworks (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT, created_at TEXT NOT NULL,
  revision INTEGER NOT NULL, event_count INTEGER NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS framework_events (
  framework_id TEXT NOT NULL, revision INTEGER NOT NULL, position INTEGER NOT NULL,
  event_id TEXT NOT NULL, recorded_at TEXT NOT NULL, body TEXT NOT NULL,
  PRIMARY KEY (framework_id, revision)
);
CREATE TABLE IF NOT EXISTS segments (
  framework_id TEXT NOT NULL, kind TEXT NOT NULL, item_id TEXT NOT NULL,
  valid_from TEXT NOT NULL, valid_to TEXT,
  recorded_from TEXT NOT NULL, recorded_to TEXT,
  payload TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS framework_horizons (
  seq INTEGER PRIMARY KEY, framework_id TEXT NOT NULL, recorded_from TEXT NOT NULL, horizon TEXT
);
CREATE INDEX IF NOT EXISTS framework_horizons_framework ON framework_horizons (framework_id, seq);
CREATE INDEX IF NOT EXISTS framework_events_position ON framework_events (position);
DROP INDEX IF EXISTS segments_current;
DROP INDEX IF EXISTS segments_known;
CREATE INDEX IF NOT EXISTS segments_current_days ON segments (framework_id, valid_from, valid_to) WHERE recorded_to IS NULL;
CREATE INDEX IF NOT EXISTS segments_known_days ON segments (framework_id, valid_from, valid_to, recorded_from, recorded_to);
`;

/**
 * The segments valid on a day (as the record stands, or as known at an instant). Every condition is
 * on the index, so only the rows that match are read from the table.
 */
export const CURRENT_AT = `INDEXED BY segments_current_days
  WHERE framework_id = ? AND recorded_to IS NULL AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)`;
export const KNOWN_AT = `INDEXED BY segments_known_days
  WHERE framework_id = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)
    AND recorded_from <= ? AND (recorded_to IS NULL OR recorded_to > ?)`;

/**
 * The latest horizon entry and the format, columns added to a file made before them (format 3;
 * a file of format 2 also has a `horizons` column, no longer written: its read models are rebuilt).
 */
export function addSummaryColumns(db: Database.Database): void {
  const columns = new Set(db.prepare<[], { name: string }>('PRAGMA table_info(frameworks)').all().map((c) => c.name));
  if (!columns.has('horizon_now')) db.exec('ALTER TABLE frameworks ADD COLUMN horizon_now TEXT');
  if (!columns.has('format')) db.exec('ALTER TABLE frameworks ADD COLUMN format INTEGER');
}

export interface FrameworkRow {
  id: string;
  name: string;
  description: string | null;
  created_at: string;
  revision: number;
  event_count: number;
  updated_at: string;
  horizon_now: string | null;
  format: number | null;
}

export interface ViewRow {
  kind: ItemKind;
  payload: string;
}

export interface EventRefRow {
  position: number;
  event_id: string;
  recorded_at: string;
}

export interface SegmentRow {
  framework_id: string;
  kind: ItemKind;
  item_id: string;
  valid_from: string;
  valid_to: string | null;
  recorded_from: string;
  recorded_to: string | null;
  payload: string;
}

export function toSummary(row: FrameworkRow): FrameworkSummary {
  return {
    id: row.id,
    name: row.name,
    ...(row.description === null ? {} : { description: row.description }),
    createdAt: row.created_at,
    revision: row.revision,
    eventCount: row.event_count,
    updatedAt: row.updated_at,
    ...(row.horizon_now === null ? {} : { horizons: [JSON.parse(row.horizon_now) as HorizonAt] }),
    ...(row.format === null ? {} : { format: row.format }),
  };
}

export function toEventRef(row: EventRefRow): ProjectedEventRef {
  return { position: row.position, eventId: row.event_id, recordedAt: row.recorded_at };
}

export function toSegment(row: SegmentRow): StoredSegment {
  return {
    frameworkId: row.framework_id,
    kind: row.kind,
    itemId: row.item_id,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    recordedFrom: row.recorded_from,
    recordedTo: row.recorded_to,
    payload: JSON.parse(row.payload),
  };
}
