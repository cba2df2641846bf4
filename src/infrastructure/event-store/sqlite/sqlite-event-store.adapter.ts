import type { KeyObject } from 'node:crypto';
import type Database from 'better-sqlite3';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  IntegrityReport,
  NewEvent,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port.js';
import { checkReadAllLimit, normalizeEventId } from '../port-arguments.js';
import { verifyChains } from './hash-chain.js';
import { SqliteAppender } from './sqlite-appender.js';
import { ownError } from './sqlite-errors.js';
import { SqliteRestorer } from './sqlite-restorer.js';
import { openEventsDatabase } from './sqlite-schema.js';
import { chainedEvents, prepareStatements, toStoredEvent, type EventStatements } from './sqlite-statements.js';
import { SqliteSubscription } from './sqlite-subscription.js';
import { SqliteTreeRecording } from './sqlite-tree-recording.js';
import { SqliteTransparencyLog } from '../../transparency-log/sqlite-transparency-log.js';

/** The embedded event store, the default adapter: one SQLite file. How it keeps the port's promises: docs/event-store.md. */

export { ownError };

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
  /**
   * Keep the transparency log in this file (docs/transparency.md): the Merkle tree over the log,
   * extended in each append's transaction, and one head signed with this key per group commit.
   * Events the tree lacks when the file is opened (a store made before the tree) are recorded at
   * once, in one transaction. Without it, the store keeps no tree (a process with it catches up).
   */
  transparency?: { signingKey: KeyObject };
}

export class SqliteEventStore implements EventStore {
  private readonly subscriptions = new Set<SqliteSubscription>();
  private closing: Promise<void> | null = null;
  private readonly statements: EventStatements;
  private readonly appender: SqliteAppender;
  private readonly restorer: SqliteRestorer;
  private readonly tree: SqliteTreeRecording | null;

  private constructor(
    private readonly db: Database.Database,
    private readonly options: Omit<Required<SqliteEventStoreOptions>, 'transparency'> & Pick<SqliteEventStoreOptions, 'transparency'>,
  ) {
    this.statements = prepareStatements(db);
    const key = options.transparency?.signingKey;
    this.tree = key ? new SqliteTreeRecording(db, this.statements, new SqliteTransparencyLog(db, key, options.now)) : null;
    this.appender = new SqliteAppender(
      db,
      this.statements,
      {
        now: options.now,
        assertOpen: () => this.assertOpen(),
        appended: () => this.notifySubscriptions(),
      },
      this.tree,
    );
    this.restorer = new SqliteRestorer(db, this.statements, this.tree);
    this.tree?.catchUpNow(db);
  }

  /** Opens (creating if needed) the store in `file`; `':memory:'` for a throwaway store. */
  static open(file: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const resolved = {
      now: options.now ?? (() => new Date()),
      busyTimeoutMs: options.busyTimeoutMs ?? 5000,
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      ...(options.transparency ? { transparency: options.transparency } : {}),
    };
    const db = openEventsDatabase(file, resolved.busyTimeoutMs);
    try {
      return new SqliteEventStore(db, resolved);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Committed in groups, each append in its own savepoint; resolves once on disk (see `SqliteAppender`). */
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.appender.append(streamId, events, expected);
  }

  async readStream(streamId: string, fromRevision = 0): Promise<StoredEvent[]> {
    this.assertOpen();
    return this.statements.readStream.all(streamId, fromRevision).map(toStoredEvent);
  }

  async streamRevision(streamId: string): Promise<number> {
    this.assertOpen();
    return this.appender.currentRevision(streamId);
  }

  async readAll(after: number | null, limit: number): Promise<StoredEvent[]> {
    this.assertOpen();
    checkReadAllLimit(limit);
    return this.readPage(after ?? 0, limit);
  }

  async verify(): Promise<IntegrityReport> {
    this.assertOpen();
    return verifyChains(() => chainedEvents(this.db));
  }

  /** Into an empty store only; the same records and the same chains (see `SqliteRestorer`). */
  async restore(events: StoredEvent[]): Promise<void> {
    this.assertOpen();
    if (this.restorer.restore(events) > 0) this.notifySubscriptions();
  }

  /** The transparency log this file keeps (null: opened without it). */
  get transparencyLog(): SqliteTransparencyLog | null {
    return this.tree?.log ?? null;
  }

  /**
   * Runs `read` in one read transaction: everything it reads from the file is one snapshot, even
   * while other processes append (`verify` of the tree reads the events, leaves and heads so).
   */
  snapshot<T>(read: (page: (after: number, limit: number) => StoredEvent[]) => T): T {
    this.assertOpen();
    return this.db.transaction(() => read((after, limit) => this.readPage(after, limit)))();
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
      this.appender.flush(); // appends already queued are written before the file closes
      await Promise.all([...this.subscriptions].map((s) => s.close()));
      this.db.close();
    })();
    return this.closing;
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
