import { createHash } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  EventIdConflict,
  type IntegrityReport,
  WrongExpectedRevision,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port.js';
import { checkAppendArguments, isRecord, normalizeEventId, UUID } from '../append-arguments.js';
import { reportSubscriptionError } from '../subscription-errors.js';

/**
 * The embedded event store: one SQLite file (WAL, synchronous = FULL), the default adapter.
 *
 * The global log is the `events` table; `position` is its AUTOINCREMENT key, so positions are
 * never reused and, since SQLite has a single writer, they become visible in increasing order.
 * Rows are never updated nor deleted (triggers refuse it), and each row carries two SHA-256
 * chains — its stream's and the whole log's — so that `verify` shows any change made behind
 * the store's back (a byte changed, a row deleted or reordered).
 */

/** Bumped when the schema changes; a file written by a newer version is refused. */
const SCHEMA_VERSION = 1;
/** Events read per query when a subscription catches up. */
const PAGE_SIZE = 500;

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

const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';

interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

/** A new event, validated and serialized, ready to insert. */
interface PendingEvent {
  eventId: string;
  type: string;
  data: string;
  metadata: string;
}

interface QueuedAppend {
  streamId: string;
  pending: PendingEvent[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

export interface SqliteEventStoreOptions {
  /** The clock that stamps `recordedAt`. Default: the system clock. */
  now?: () => Date;
  /** How long a write waits for another connection's write lock, in ms. Default: 5000. */
  busyTimeoutMs?: number;
  /**
   * How often an idle live subscription looks for events appended through another
   * connection (another process on the same file), in ms. Appends through this store
   * wake subscriptions at once. Default: 1000.
   */
  pollIntervalMs?: number;
}

export class SqliteEventStore implements EventStore {
  private readonly subscriptions = new Set<SqliteSubscription>();
  private closing: Promise<void> | null = null;

  private readonly statements: {
    byEventId: Database.Statement<[string], EventRow>;
    streamRevision: Database.Statement<[string], { revision: number }>;
    lastRecordedAt: Database.Statement<[], { recorded_at: string }>;
    insert: Database.Statement<[string, string, number, string, string, string, string, string, string]>;
    insertAt: Database.Statement<[number, string, string, number, string, string, string, string, string, string]>;
    count: Database.Statement<[], { n: number }>;
    sequence: Database.Statement<[], { seq: number }>;
    lastStreamHash: Database.Statement<[string], { stream_hash: string }>;
    lastLogHash: Database.Statement<[], { log_hash: string }>;
    readStream: Database.Statement<[string, number], EventRow>;
    readAll: Database.Statement<[number, number], EventRow>;
    ping: Database.Statement<[], unknown>;
    lastPosition: Database.Statement<[], { position: number | null }>;
  };
  private readonly queue: QueuedAppend[] = [];
  /** The group commit: queued appends in one IMMEDIATE transaction (takes the write lock up front). */
  private readonly groupTransaction: Database.Transaction<
    (batch: QueuedAppend[], outcomes: ({ ok: true; result: AppendResult } | { ok: false; error: unknown })[]) => void
  >;
  /** The body of one append (a savepoint within the group's transaction). */
  private readonly appendTransaction: Database.Transaction<
    (streamId: string, events: PendingEvent[], expected: ExpectedRevision) => AppendResult
  >;
  /** A restore: every record in one transaction, into an empty log. */
  private readonly restoreTransaction: Database.Transaction<(records: RestoredRecord[]) => void>;

  private constructor(
    private readonly db: Database.Database,
    private readonly options: Required<SqliteEventStoreOptions>,
  ) {
    this.statements = {
      byEventId: db.prepare(`SELECT ${COLUMNS} FROM events WHERE event_id = ?`),
      streamRevision: db.prepare('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1'),
      lastRecordedAt: db.prepare('SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1'),
      insert: db.prepare(
        `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at, stream_hash, log_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertAt: db.prepare(
        `INSERT INTO events (position, event_id, stream_id, revision, type, data, metadata, recorded_at, stream_hash, log_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      count: db.prepare('SELECT COUNT(*) AS n FROM events'),
      sequence: db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'"),
      lastStreamHash: db.prepare('SELECT stream_hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1'),
      lastLogHash: db.prepare('SELECT log_hash FROM events ORDER BY position DESC LIMIT 1'),
      readStream: db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision`),
      readAll: db.prepare(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
      ping: db.prepare('SELECT 1'),
      lastPosition: db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
    };
    this.appendTransaction = db.transaction((streamId, events, expected) =>
      this.appendInTransaction(streamId, events, expected),
    );
    this.restoreTransaction = db.transaction((records: RestoredRecord[]) => this.restoreInTransaction(records));
    // Nested inside it, each append's transaction function becomes a savepoint.
    this.groupTransaction = db.transaction((batch: QueuedAppend[], outcomes) => {
      for (const request of batch) {
        try {
          outcomes.push({ ok: true, result: this.appendTransaction(request.streamId, request.pending, request.expected) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
    });
  }

  /** Opens (creating if needed) the store in `file`; `':memory:'` for a throwaway store. */
  static open(file: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    if (file !== ':memory:' && file !== '') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    try {
      const resolved: Required<SqliteEventStoreOptions> = {
        now: options.now ?? (() => new Date()),
        busyTimeoutMs: options.busyTimeoutMs ?? 5000,
        pollIntervalMs: options.pollIntervalMs ?? 1000,
      };
      db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(resolved.busyTimeoutMs))}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      migrate(db);
      return new SqliteEventStore(db, resolved);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /**
   * Appends are committed in groups: the calls made while the event loop is busy are queued and
   * written by the next flush in ONE transaction (one fsync), each call in its own savepoint so
   * that a refusal (wrong revision, id conflict) undoes that call only. Every promise resolves
   * after the group's commit is on disk.
   */
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    try {
      this.assertOpen();
      // Validate and serialize before taking the write lock.
      const pending = prepareAppend(streamId, events, expected);
      return new Promise<AppendResult>((resolve, reject) => {
        this.queue.push({ streamId, pending, expected, resolve, reject });
        if (this.queue.length === 1) setImmediate(() => this.flush());
      });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private flush(): void {
    const batch = this.queue.splice(0);
    if (batch.length === 0) return;
    const outcomes: ({ ok: true; result: AppendResult } | { ok: false; error: unknown })[] = [];
    try {
      this.assertOpen();
      this.groupTransaction.immediate(batch, outcomes);
    } catch (error) {
      // The group's commit failed: nothing of it is stored.
      for (const request of batch) request.reject(ownError(error));
      return;
    }
    if (outcomes.some((o) => o.ok && !o.result.replayed)) this.notifySubscriptions();
    batch.forEach((request, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) request.resolve(outcome.result);
      else request.reject(ownError(outcome.error));
    });
  }

  async readStream(streamId: string, fromRevision = 0): Promise<StoredEvent[]> {
    this.assertOpen();
    return this.statements.readStream.all(streamId, fromRevision).map(toStoredEvent);
  }

  async streamRevision(streamId: string): Promise<number> {
    this.assertOpen();
    return this.currentRevision(streamId);
  }

  async readAll(after: number | null, limit: number): Promise<StoredEvent[]> {
    this.assertOpen();
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`readAll: limit must be a positive integer, got ${limit}`);
    return this.readPage(after ?? 0, limit);
  }

  async verify(): Promise<IntegrityReport> {
    this.assertOpen();
    const streams = new Map<string, { revision: number; hash: string }>();
    let logHash = GENESIS;
    let checked = 0;
    let last = 0;
    const broken = (row: Partial<ChainedRow>, problem: string): IntegrityReport => ({
      ok: false,
      checked,
      chained: true,
      firstBroken: { position: row.position ?? null, ...(row.event_id ? { eventId: row.event_id } : {}), ...(row.stream_id ? { streamId: row.stream_id } : {}), problem },
    });
    try {
      const rows = this.db.prepare(`SELECT ${COLUMNS}, stream_hash, log_hash FROM events ORDER BY position`).iterate() as IterableIterator<ChainedRow>;
      for (const row of rows) {
        const hash = eventHash(row.event_id, row.stream_id, row.revision, row.type, row.data, row.metadata, row.recorded_at);
        const stream = streams.get(row.stream_id) ?? { revision: -1, hash: GENESIS };
        if (row.revision !== stream.revision + 1) {
          return broken(row, `stream ${row.stream_id} goes from revision ${stream.revision} to ${row.revision}: events are missing`);
        }
        if (chain(stream.hash, hash) !== row.stream_hash) return broken(row, 'the event differs from what was recorded (stream chain broken)');
        if (chain(logHash, hash) !== row.log_hash) {
          return broken(row, 'the log chain is broken here: an earlier event was removed, reordered or changed');
        }
        streams.set(row.stream_id, { revision: row.revision, hash: row.stream_hash });
        logHash = row.log_hash;
        last = row.position;
        checked++;
      }
      const sequence = (this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").get() as { seq: number } | undefined)?.seq ?? 0;
      if (sequence > last) return broken({ position: last + 1 }, `events after position ${last} are missing (the log reached ${sequence})`);
    } catch (error) {
      return broken({ position: last + 1 }, `the file cannot be read: ${(error as Error).message}`);
    }
    return { ok: true, checked, chained: true };
  }

  /**
   * Restores a backup into this store, which must be empty: the records keep their ids, streams,
   * revisions, positions, recordedAt, data and metadata; the chains are recomputed as `append`
   * computes them, so a faithful copy ends with the same `chainHead()`. One transaction.
   */
  async restore(events: StoredEvent[]): Promise<void> {
    this.assertOpen();
    const records = prepareRestore(events);
    try {
      this.restoreTransaction.immediate(records);
    } catch (error) {
      throw ownError(error);
    }
    if (records.length > 0) this.notifySubscriptions();
  }

  async chainHead(): Promise<string | null> {
    this.assertOpen();
    return this.statements.lastLogHash.get()?.log_hash ?? null;
  }

  async lastPosition(): Promise<number | null> {
    this.assertOpen();
    return this.statements.lastPosition.get()?.position ?? null;
  }

  async findEvent(eventId: string): Promise<StoredEvent | null> {
    this.assertOpen();
    const row = this.statements.byEventId.get(normalizeEventId(eventId));
    return row ? toStoredEvent(row) : null;
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.assertOpen();
    const subscription = new SqliteSubscription(
      {
        readPage: (after, limit) => this.readPage(after, limit),
        pollIntervalMs: this.options.pollIntervalMs,
        detach: (s) => this.subscriptions.delete(s),
      },
      options,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async health(): Promise<{ status: 'up' | 'down'; detail?: string }> {
    if (this.closing) return { status: 'down', detail: 'event store is closed' };
    try {
      this.statements.ping.get();
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Stops every subscription (waiting for running handler calls), then closes the file. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.flush(); // appends already queued are written before the file closes
      await Promise.all([...this.subscriptions].map((s) => s.close()));
      this.db.close();
    })();
    return this.closing;
  }

  private appendInTransaction(streamId: string, events: PendingEvent[], expected: ExpectedRevision): AppendResult {
    const stored = events.map((e) => this.statements.byEventId.get(e.eventId));
    if (stored.some((row) => row !== undefined)) return this.replay(streamId, stored);

    const current = this.currentRevision(streamId);
    if (!satisfies(expected, current)) throw new WrongExpectedRevision(streamId, expected, current);

    const recordedAt = this.nextRecordedAt();
    let streamHash = this.statements.lastStreamHash.get(streamId)?.stream_hash ?? GENESIS;
    let logHash = this.statements.lastLogHash.get()?.log_hash ?? GENESIS;
    const appended = events.map((e, i): StoredEvent => {
      const revision = current + 1 + i;
      const hash = eventHash(e.eventId, streamId, revision, e.type, e.data, e.metadata, recordedAt);
      streamHash = chain(streamHash, hash);
      logHash = chain(logHash, hash);
      const { lastInsertRowid } = this.statements.insert.run(
        e.eventId, streamId, revision, e.type, e.data, e.metadata, recordedAt, streamHash, logHash,
      );
      return {
        eventId: e.eventId,
        streamId,
        type: e.type,
        revision,
        position: Number(lastInsertRowid),
        recordedAt,
        data: JSON.parse(e.data),
        metadata: JSON.parse(e.metadata),
      };
    });
    return { nextRevision: current + events.length, events: appended, replayed: false };
  }

  private restoreInTransaction(records: RestoredRecord[]): void {
    const stored = this.statements.count.get()?.n ?? 0;
    const sequence = this.statements.sequence.get()?.seq ?? 0;
    if (stored > 0 || sequence > 0) {
      throw new Error(
        `restore: the event store is not empty (${stored} events${stored === 0 ? `, positions used up to ${sequence}` : ''}); a backup is restored only into an empty store`,
      );
    }
    const streams = new Map<string, string>();
    let logHash = GENESIS;
    for (const r of records) {
      const hash = eventHash(r.eventId, r.streamId, r.revision, r.type, r.data, r.metadata, r.recordedAt);
      const streamHash = chain(streams.get(r.streamId) ?? GENESIS, hash);
      logHash = chain(logHash, hash);
      streams.set(r.streamId, streamHash);
      this.statements.insertAt.run(r.position, r.eventId, r.streamId, r.revision, r.type, r.data, r.metadata, r.recordedAt, streamHash, logHash);
    }
  }

  /**
   * Some event ids of the append are already stored. It is a replay when all of them are,
   * in this stream, consecutive and in the same order; anything else is a conflict.
   */
  private replay(streamId: string, stored: (EventRow | undefined)[]): AppendResult {
    const conflicting = stored.find((row) => row !== undefined)!;
    const first = stored[0];
    if (!first || first.stream_id !== streamId) throw new EventIdConflict(conflicting.event_id);
    stored.forEach((row, i) => {
      if (!row) throw new EventIdConflict(conflicting.event_id);
      if (row.stream_id !== streamId || row.revision !== first.revision + i) throw new EventIdConflict(row.event_id);
    });
    return {
      nextRevision: this.currentRevision(streamId),
      events: (stored as EventRow[]).map(toStoredEvent),
      replayed: true,
    };
  }

  private currentRevision(streamId: string): number {
    return this.statements.streamRevision.get(streamId)?.revision ?? -1;
  }

  /** Now, unless the clock went back behind the last stored instant: then that instant again. */
  private nextRecordedAt(): string {
    const now = this.options.now().toISOString();
    const last = this.statements.lastRecordedAt.get()?.recorded_at;
    return last !== undefined && last > now ? last : now;
  }

  private readPage(after: number, limit: number): StoredEvent[] {
    return this.statements.readAll.all(after, limit).map(toStoredEvent);
  }

  private notifySubscriptions(): void {
    for (const subscription of this.subscriptions) subscription.wake();
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('event store is closed');
  }
}

/** What a subscription needs from the store. */
interface SubscriptionSource {
  readPage(after: number, limit: number): StoredEvent[];
  pollIntervalMs: number;
  detach(subscription: SqliteSubscription): void;
}

/** The subscription whose handler is running, to let a handler close its own subscription. */
const runningHandler = new AsyncLocalStorage<SqliteSubscription>();

/**
 * A catch-up subscription: reads the log from its checkpoint page by page, and when it has
 * reached the end, sleeps until the store wakes it (after an append) or the poll interval ends.
 * Everything is read from the table by position, so no event is delivered twice or skipped,
 * whatever the appends do meanwhile.
 */
class SqliteSubscription implements Subscription {
  private stopped = false;
  private wakeUp: (() => void) | null = null;
  private readonly done: Promise<void>;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SubscribeOptions,
  ) {
    this.done = this.run();
  }

  /** New events may be there. */
  wake(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = null;
    wakeUp?.();
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.wake();
    // A handler closing its own subscription cannot wait for itself to finish.
    if (runningHandler.getStore() === this) return;
    await this.done;
  }

  private async run(): Promise<void> {
    await Promise.resolve(); // never call the handler from within subscribe()
    let checkpoint = this.options.fromPosition ?? 0;
    try {
      while (!this.stopped) {
        const page = this.source.readPage(checkpoint, PAGE_SIZE);
        if (page.length === 0) {
          await this.sleep();
          continue;
        }
        for (const event of page) {
          if (this.stopped) break;
          await runningHandler.run(this, () => this.options.handler(event));
          checkpoint = event.position;
        }
        // Let timers and I/O run between pages: a long catch-up must not starve the process.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      this.stopped = true;
      this.reportError(error);
    } finally {
      this.source.detach(this);
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake(), this.source.pollIntervalMs);
      timer.unref();
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private reportError(error: unknown): void {
    reportSubscriptionError(this.options.onError, error);
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

/** Checks the arguments of `append` (programming errors) and serializes the events. */
function prepareAppend(streamId: string, events: NewEvent[], expected: ExpectedRevision): PendingEvent[] {
  return checkAppendArguments(streamId, events, expected).map((event) => ({
    eventId: event.eventId,
    type: event.type,
    data: JSON.stringify(event.data),
    metadata: JSON.stringify(event.metadata),
  }));
}

/** A record to restore, checked and serialized. */
interface RestoredRecord {
  position: number;
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recordedAt: string;
}

/**
 * Checks that the records of a restore are a consistent log — ids unique UUIDs, each stream's
 * revisions 0, 1, 2…, positions increasing, recordedAt canonical ISO instants never decreasing —
 * and serializes them. Throws, naming the first record at fault.
 */
function prepareRestore(events: StoredEvent[]): RestoredRecord[] {
  if (!Array.isArray(events)) throw new TypeError('restore: events must be an array');
  const ids = new Set<string>();
  const revisions = new Map<string, number>();
  let lastPosition = 0;
  let lastRecordedAt = '';
  return events.map((event, i) => {
    const where = `restore: record ${i + 1}${typeof event?.eventId === 'string' ? ` (event ${event.eventId})` : ''}`;
    if (!isRecord(event)) throw new TypeError(`${where} is not an event`);
    const eventId = normalizeEventId(event.eventId);
    if (typeof eventId !== 'string' || !UUID.test(eventId)) throw new TypeError(`${where}: the event id is not a UUID`);
    if (ids.has(eventId)) throw new EventIdConflict(eventId);
    ids.add(eventId);
    if (typeof event.streamId !== 'string' || event.streamId.length === 0) throw new TypeError(`${where}: streamId must be a non-empty string`);
    if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError(`${where}: type must be a non-empty string`);
    const expected = (revisions.get(event.streamId) ?? -1) + 1;
    if (event.revision !== expected) {
      throw new Error(`${where}: stream ${event.streamId} goes from revision ${expected - 1} to ${String(event.revision)}; each stream's revisions must run 0, 1, 2…`);
    }
    revisions.set(event.streamId, expected);
    if (!Number.isSafeInteger(event.position) || event.position <= lastPosition) {
      throw new Error(`${where}: position ${String(event.position)} must be a whole number greater than the previous one (${lastPosition})`);
    }
    lastPosition = event.position;
    if (typeof event.recordedAt !== 'string' || !isCanonicalInstant(event.recordedAt)) {
      throw new TypeError(`${where}: recordedAt must be an instant as the store writes them (YYYY-MM-DDTHH:mm:ss.sssZ)`);
    }
    if (event.recordedAt < lastRecordedAt) throw new Error(`${where}: recordedAt ${event.recordedAt} is before the previous record's (${lastRecordedAt})`);
    lastRecordedAt = event.recordedAt;
    if (!isRecord(event.data)) throw new TypeError(`${where}: data must be an object`);
    if (!isRecord(event.metadata)) throw new TypeError(`${where}: metadata must be an object`);
    return {
      position: event.position,
      eventId,
      streamId: event.streamId,
      revision: event.revision,
      type: event.type,
      data: JSON.stringify(event.data),
      metadata: JSON.stringify(event.metadata),
      recordedAt: event.recordedAt,
    };
  });
}

function isCanonicalInstant(value: string): boolean {
  const ms = Date.parse(value);
  return Number.isFinite(ms) && new Date(ms).toISOString() === value;
}

function satisfies(expected: ExpectedRevision, current: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === -1;
    case 'stream_exists':
      return current !== -1;
    default:
      return expected === current;
  }
}

const GENESIS = '';

interface ChainedRow extends EventRow {
  stream_hash: string;
  log_hash: string;
}

function eventHash(...fields: (string | number)[]): string {
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

function chain(previous: string, hash: string): string {
  return createHash('sha256').update(`${previous}|${hash}`).digest('hex');
}

function toStoredEvent(row: EventRow): StoredEvent {
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

/**
 * The native addon creates its errors with the constructor of the first module instance that
 * loaded it; where modules are loaded more than once in a process (test runners), they are
 * not `instanceof Error` here. Port errors pass through; others become plain errors of this realm.
 */
export function ownError(error: unknown): Error {
  if (error instanceof WrongExpectedRevision || error instanceof EventIdConflict) return error;
  const message = (error as { message?: unknown })?.message;
  return new Error(typeof message === 'string' ? message : String(error), { cause: error });
}
