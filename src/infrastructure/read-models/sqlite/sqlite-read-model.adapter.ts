import Database from 'better-sqlite3';
import type { Day } from '../../../modules/frameworks/domain/dates/edtf-date.js';
import { payloadJson } from '../../../modules/frameworks/domain/state/segments.js';
import type { RecordedEvent } from '../../../modules/frameworks/domain/events/framework.events.js';
import type { Horizon } from '../../../modules/frameworks/domain/state/horizon.js';
import { ownError } from '../../event-store/sqlite/sqlite-event-store.adapter.js';
import { ownerOnlyDatabaseFile } from '../../../platform/files/owner-only.js';
import { checkSkipped, decideCommit, ProjectionGap, ReadModelsDiverged, ReadModelsReset } from '../commit-rules.js';
import type {
  CommitOutcome,
  FrameworkSummary,
  ItemKind,
  ProjectedEventRef,
  ProjectionChange,
  ReadModelProgress,
  ReadModelStore,
  SegmentView,
  StoredSegment,
} from '../read-model.port.js';
import {
  addSummaryColumns,
  CURRENT_AT,
  KNOWN_AT,
  SCHEMA,
  toEventRef,
  toSegment,
  toSummary,
  type EventRefRow,
  type FrameworkRow,
  type SegmentRow,
  type ViewRow,
} from './sqlite-read-model.rows.js';

/**
 * Read models in one embedded SQLite file: frameworks, their events (audit log and timeline),
 * and bitemporal segments, with the projection's checkpoint written in the same transaction.
 * Several processes may share the file (WAL): each commit takes the write lock first
 * (BEGIN IMMEDIATE), then applies the commit rule (`commit-rules.ts`) under it.
 */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly db: Database.Database;
  private readonly statements;

  private constructor(file: string) {
    ownerOnlyDatabaseFile(file); // 0600, and so the -wal and -shm files SQLite creates next to it
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // The read models can be rebuilt from the log: NORMAL is durable enough and faster.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    addSummaryColumns(this.db);
    this.statements = {
      checkpoint: this.db.prepare<[], { position: number }>('SELECT position FROM checkpoint WHERE id = 1'),
      epoch: this.db.prepare<[], { epoch: number }>('SELECT epoch FROM projection_epoch WHERE id = 1'),
      nextEpoch: this.db.prepare(
        'INSERT INTO projection_epoch (id, epoch) VALUES (1, 1) ON CONFLICT(id) DO UPDATE SET epoch = epoch + 1',
      ),
      revision: this.db.prepare<[string], { revision: number }>('SELECT revision FROM frameworks WHERE id = ?'),
      eventIdAt: this.db.prepare<[string, number], { event_id: string }>(
        'SELECT event_id FROM framework_events WHERE framework_id = ? AND revision = ?',
      ),
      firstEvent: this.db.prepare<[], EventRefRow>(
        'SELECT position, event_id, recorded_at FROM framework_events ORDER BY position LIMIT 1',
      ),
      lastEvent: this.db.prepare<[], EventRefRow>(
        'SELECT position, event_id, recorded_at FROM framework_events ORDER BY position DESC LIMIT 1',
      ),
      setCheckpoint: this.db.prepare(
        'INSERT INTO checkpoint (id, position) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET position = excluded.position',
      ),
      upsertFramework: this.db.prepare(
        `INSERT INTO frameworks (id, name, description, created_at, revision, event_count, updated_at, horizon_now, format)
         VALUES (@id, @name, @description, @createdAt, @revision, @eventCount, @updatedAt, @horizonNow, @format)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description,
           revision = excluded.revision, event_count = excluded.event_count, updated_at = excluded.updated_at,
           horizon_now = coalesce(excluded.horizon_now, frameworks.horizon_now), format = excluded.format`,
      ),
      insertHorizon: this.db.prepare('INSERT INTO framework_horizons (framework_id, recorded_from, horizon) VALUES (?, ?, ?)'),
      horizonAt: this.db.prepare<[string, string], { horizon: string | null }>(
        'SELECT horizon FROM framework_horizons WHERE framework_id = ? AND recorded_from <= ? ORDER BY seq DESC LIMIT 1',
      ),
      insertEvent: this.db.prepare(
        `INSERT INTO framework_events (framework_id, revision, position, event_id, recorded_at, body)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      closeSegment: this.db.prepare(
        `UPDATE segments SET recorded_to = ? WHERE framework_id = ? AND kind = ? AND item_id = ? AND valid_from = ? AND recorded_to IS NULL`,
      ),
      openSegment: this.db.prepare(
        `INSERT INTO segments (framework_id, kind, item_id, valid_from, valid_to, recorded_from, recorded_to, payload)
         VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`,
      ),
      listFrameworks: this.db.prepare<[], FrameworkRow>('SELECT * FROM frameworks ORDER BY id'),
      getFramework: this.db.prepare<[string], FrameworkRow>('SELECT * FROM frameworks WHERE id = ?'),
      events: this.db.prepare<[string], { body: string }>(
        'SELECT body FROM framework_events WHERE framework_id = ? ORDER BY revision',
      ),
      eventsKnownAt: this.db.prepare<[string, string], { body: string }>(
        'SELECT body FROM framework_events WHERE framework_id = ? AND recorded_at <= ? ORDER BY revision',
      ),
      current: this.db.prepare<[string], SegmentRow>(
        'SELECT * FROM segments WHERE framework_id = ? AND recorded_to IS NULL',
      ),
      currentAt: this.db.prepare<[string, string, string], SegmentRow>(`SELECT * FROM segments ${CURRENT_AT}`),
      knownAt: this.db.prepare<[string, string, string, string, string], SegmentRow>(`SELECT * FROM segments ${KNOWN_AT}`),
      viewsCurrentAt: this.db.prepare<[string, string, string], ViewRow>(`SELECT kind, payload FROM segments ${CURRENT_AT}`),
      viewsKnownAt: this.db.prepare<[string, string, string, string, string], ViewRow>(`SELECT kind, payload FROM segments ${KNOWN_AT}`),
    };
  }

  static open(file: string): SqliteReadModelStore {
    return new SqliteReadModelStore(file);
  }

  async checkpoint(): Promise<number | null> {
    return this.statements.checkpoint.get()?.position ?? null;
  }

  async progress(): Promise<ReadModelProgress> {
    return this.db.transaction(() => this.progressNow())();
  }

  private progressNow(): ReadModelProgress {
    return { checkpoint: this.statements.checkpoint.get()?.position ?? null, epoch: this.statements.epoch.get()?.epoch ?? 0 };
  }

  async commit(changes: ProjectionChange[], options: { epoch?: number } = {}): Promise<CommitOutcome> {
    const s = this.statements;
    const write = this.db.transaction((): CommitOutcome => {
      const stored = this.progressNow();
      const decision = decideCommit(changes, stored, (id) => s.revision.get(id)?.revision ?? -1, options);
      checkSkipped(decision.skipped, (id, revision) => s.eventIdAt.get(id, revision)?.event_id ?? null);
      // Each framework's summary is written once per commit (its last change's), with the horizon's
      // latest entry; the entries themselves are added one by one, never rewritten.
      const summaries = new Map<string, { framework: FrameworkSummary; horizonNow: string | null }>();
      for (const change of decision.fresh) {
        const { event, framework, horizon } = change;
        const entry = horizon === undefined ? null : JSON.stringify(horizon);
        const previous = summaries.get(framework.id);
        summaries.set(framework.id, { framework, horizonNow: entry ?? previous?.horizonNow ?? null });
        if (horizon !== undefined) s.insertHorizon.run(framework.id, horizon.recordedFrom, horizon.horizon === null ? null : JSON.stringify(horizon.horizon));
        s.insertEvent.run(event.frameworkId, event.revision, event.position, event.eventId, event.recordedAt, JSON.stringify(event));
        for (const c of change.close) s.closeSegment.run(event.recordedAt, event.frameworkId, c.kind, c.itemId, c.validFrom);
        for (const o of change.open) {
          s.openSegment.run(event.frameworkId, o.kind, o.itemId, o.validFrom, o.validTo, event.recordedAt, payloadJson(o.payload));
        }
      }
      for (const { framework, horizonNow } of summaries.values()) {
        s.upsertFramework.run({
          id: framework.id,
          name: framework.name,
          description: framework.description ?? null,
          createdAt: framework.createdAt,
          revision: framework.revision,
          eventCount: framework.eventCount,
          updatedAt: framework.updatedAt,
          horizonNow,
          format: framework.format ?? null,
        });
      }
      if (decision.checkpoint !== null && decision.checkpoint !== stored.checkpoint) s.setCheckpoint.run(decision.checkpoint);
      return { applied: decision.fresh.length, skipped: decision.skipped.length, checkpoint: decision.checkpoint };
    });
    try {
      // IMMEDIATE: the write lock before the first read, so that the rule is checked on what the commit changes.
      return write.immediate();
    } catch (error) {
      throw commitError(error);
    }
  }

  async reset(): Promise<void> {
    this.db
      .transaction(() => {
        this.db.exec('DELETE FROM segments; DELETE FROM framework_events; DELETE FROM framework_horizons; DELETE FROM frameworks; DELETE FROM checkpoint;');
        this.statements.nextEpoch.run();
      })
      .immediate();
  }

  async projectionState(frameworkId: string): Promise<{ events: RecordedEvent[]; current: StoredSegment[] }> {
    // One read transaction: both from the same snapshot, whatever other processes commit meanwhile.
    return this.db.transaction(() => ({
      events: this.statements.events.all(frameworkId).map((row) => JSON.parse(row.body) as RecordedEvent),
      current: this.statements.current.all(frameworkId).map(toSegment),
    }))();
  }

  async eventBounds(): Promise<{ first: ProjectedEventRef; last: ProjectedEventRef } | null> {
    return this.db.transaction(() => {
      const first = this.statements.firstEvent.get();
      const last = this.statements.lastEvent.get();
      return first && last ? { first: toEventRef(first), last: toEventRef(last) } : null;
    })();
  }

  async listFrameworks(): Promise<FrameworkSummary[]> {
    return this.statements.listFrameworks.all().map(toSummary);
  }

  async getFramework(frameworkId: string): Promise<FrameworkSummary | null> {
    const row = this.statements.getFramework.get(frameworkId);
    return row ? toSummary(row) : null;
  }

  async horizonAt(frameworkId: string, knownAt: string): Promise<Horizon | null> {
    const row = this.statements.horizonAt.get(frameworkId, knownAt);
    return row?.horizon ? (JSON.parse(row.horizon) as Horizon) : null;
  }

  async frameworkEvents(frameworkId: string, knownAt?: string): Promise<RecordedEvent[]> {
    const rows =
      knownAt === undefined ? this.statements.events.all(frameworkId) : this.statements.eventsKnownAt.all(frameworkId, knownAt);
    return rows.map((row) => JSON.parse(row.body) as RecordedEvent);
  }

  async currentSegments(frameworkId: string): Promise<StoredSegment[]> {
    return this.statements.current.all(frameworkId).map(toSegment);
  }

  async segmentsAt(frameworkId: string, day: Day, knownAt?: string): Promise<StoredSegment[]> {
    const rows =
      knownAt === undefined
        ? this.statements.currentAt.all(frameworkId, day, day)
        : this.statements.knownAt.all(frameworkId, day, day, knownAt, knownAt);
    return rows.map(toSegment);
  }

  async viewsAt(frameworkId: string, day: Day, knownAt?: string): Promise<SegmentView[]> {
    const rows =
      knownAt === undefined
        ? this.statements.viewsCurrentAt.all(frameworkId, day, day)
        : this.statements.viewsKnownAt.all(frameworkId, day, day, knownAt, knownAt);
    return rows.map((row) => ({ kind: row.kind, payload: JSON.parse(row.payload) }));
  }

  async health(): Promise<{ status: 'up' | 'down'; detail?: string }> {
    try {
      this.db.prepare('SELECT 1').get();
      return { status: 'up', detail: `sqlite ${this.db.name}` };
    } catch (error) {
      return { status: 'down', detail: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** The commit rule's refusals pass through as they are; the driver's errors become errors of this realm. */
function commitError(error: unknown): Error {
  if (error instanceof ProjectionGap || error instanceof ReadModelsDiverged || error instanceof ReadModelsReset) return error;
  return ownError(error);
}
