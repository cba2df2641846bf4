import type { KeyObject } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AppendLogEntry, EventStore, StoredEvent, Subscription } from '../event-store/event-store.port.js';
import { OWNER_ONLY_DIR, ownerOnlyDatabaseFile } from '../../platform/files/owner-only.js';
import type { TreeCheckReport } from '../../modules/transparency-log/domain/audit/tree-check.js';
import { eventLeafHash } from '../../modules/transparency-log/domain/leaf-data.js';
import { sameHash } from '../../modules/transparency-log/domain/merkle.js';
import type { Receipt } from '../../modules/transparency-log/domain/receipt.js';
import { SqliteTransparencyLog } from './sqlite-transparency-log.js';
import { TreeReads } from './tree-reads.js';
import type { TransparencyLogPort } from './transparency-log.port.js';

/** Events recorded per transaction (and per signed head) while catching up. */
const PAGE = 1000;

export interface FollowerOptions {
  now?: () => Date;
  /** How long after a failure the follower starts again from the tree's end. Default: 1000 ms. */
  retryMs?: number;
  logger?: Pick<Console, 'warn'>;
}

/** The log and the tree disagree about events both have: the follower stops (`verify` says more). */
export class LogDiffersFromTree extends Error {}

/**
 * The transparency log of a log the service does not write itself (KurrentDB). The tree is a
 * deterministic function of the global log, so each instance keeps its own copy in
 * `DATA_DIR/transparency.db`, extended by a follower: it catches up with `readAll` (one
 * transaction and one signed head per page), then subscribes from the last event recorded
 * (events delivered together are recorded together, with one head). Every instance signs with
 * the key they share (SIGNING_KEY_FILE), so any instance gives the same roots; the file is
 * rebuilt from the log when lost.
 *
 * Fence: each write is an IMMEDIATE transaction that reads where the tree ends; events another
 * process on the same file recorded first are checked (same leaf hash at the same position) and
 * skipped, anything else is refused. An append's receipt waits (bounded) for the follower.
 */
export class FollowingTransparencyLog extends TreeReads implements TransparencyLogPort {
  readonly placement = 'follower' as const;
  private subscription: Subscription | null = null;
  private pending: StoredEvent[] = [];
  private flushing: Promise<void> | null = null;
  private waiters: { position: number; resolve: (reached: boolean) => void }[] = [];
  private recorded: number | null;
  private failure: unknown = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;
  private readonly writeTransaction: Database.Transaction<(events: readonly StoredEvent[]) => number | null>;

  private constructor(
    private readonly db: Database.Database,
    private readonly events: EventStore,
    signingKey: KeyObject,
    private readonly options: FollowerOptions,
  ) {
    super(new SqliteTransparencyLog(db, signingKey, options.now), signingKey);
    this.recorded = this.log.lastPosition();
    this.writeTransaction = db.transaction((batch: readonly StoredEvent[]) => this.recordInTransaction(batch));
  }

  /** Opens (creating it, owner-only) the tree's file; `start()` begins following `events`. */
  static open(file: string, events: EventStore, signingKey: KeyObject, options: FollowerOptions = {}): FollowingTransparencyLog {
    if (file !== ':memory:') {
      mkdirSync(dirname(file), { recursive: true, mode: OWNER_ONLY_DIR });
      ownerOnlyDatabaseFile(file);
    }
    const db = new Database(file);
    try {
      db.pragma('busy_timeout = 5000');
      db.pragma('journal_mode = WAL');
      return new FollowingTransparencyLog(db, events, signingKey, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Catches up with the log page by page, then follows it. */
  async start(): Promise<void> {
    if (this.subscription || this.stopped) return;
    this.failure = null;
    try {
      for (;;) {
        const page = await this.events.readAll(this.log.lastPosition(), PAGE);
        if (page.length === 0 || this.stopped) break;
        this.write(page);
      }
    } catch (error) {
      this.fail(error);
      return;
    }
    if (this.stopped) return;
    this.subscription = this.events.subscribe({
      fromPosition: this.log.lastPosition(),
      handler: (event) => this.take(event),
      onError: (error) => this.fail(error),
    });
  }

  async receipts(events: readonly StoredEvent[], options: { logEntry?: AppendLogEntry; waitMs?: number } = {}): Promise<Receipt[] | null> {
    const last = events.at(-1)?.position;
    if (last === undefined) return [];
    if (!(await this.waitFor(last, options.waitMs ?? 0))) return null;
    return this.receiptsUnderLatest(events);
  }

  /** Resolves true once the tree includes `position`, false after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.recorded !== null && this.recorded >= position) return Promise.resolve(true);
    if (timeoutMs <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter = { position, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs).unref();
    });
  }

  /** Reads the log up to the tree's size (the tree may lag: only what it has reached is compared). */
  async verify(): Promise<TreeCheckReport> {
    return TreeReads.feed(this.treeCheck(this.log.size, false), (after, limit) => this.events.readAll(after, limit));
  }

  status(): { position: number | null; status: 'up' | 'down'; detail?: string } {
    if (this.failure) return { position: this.recorded, status: 'down', detail: (this.failure as Error).message };
    return { position: this.recorded, status: this.subscription ? 'up' : 'down' };
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.close();
    await this.flushing;
    for (const waiter of this.waiters.splice(0)) waiter.resolve(false);
    if (this.db.open) this.db.close();
  }

  /** The subscription's handler: events delivered together are recorded together (one head). */
  private take(event: StoredEvent): Promise<void> | void {
    this.pending.push(event);
    if (this.pending.length >= PAGE) return this.flush();
    if (this.flushing === null) this.flushing = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.flush());
  }

  private async flush(): Promise<void> {
    const batch = this.pending.splice(0);
    this.flushing = null;
    if (batch.length === 0 || this.stopped) return;
    try {
      this.write(batch);
    } catch (error) {
      this.fail(error);
    }
  }

  private write(events: readonly StoredEvent[]): void {
    const last = this.writeTransaction.immediate(events);
    if (last !== null && (this.recorded === null || last > this.recorded)) this.recorded = last;
    const ready = this.waiters.filter((w) => this.recorded !== null && w.position <= this.recorded);
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const waiter of ready) waiter.resolve(true);
  }

  /** Records the events the tree does not have yet and signs a head; returns where the tree ends. */
  private recordInTransaction(events: readonly StoredEvent[]): number | null {
    const end = this.log.lastPosition();
    const fresh = events.filter((event) => end === null || event.position > end);
    for (const event of events.slice(0, events.length - fresh.length)) this.checkRecorded(event);
    if (fresh.length > 0) {
      this.log.record(fresh);
      this.log.seal();
    }
    return this.log.lastPosition();
  }

  /** An event at or before the tree's end: another process recorded it first; it must be the same leaf. */
  private checkRecorded(event: StoredEvent): void {
    const leafIndex = this.log.nodes.leafIndexOf(event.position);
    const stored = leafIndex === undefined ? undefined : this.log.nodes.node(0, leafIndex);
    if (stored === undefined || !sameHash(stored, eventLeafHash(event))) {
      throw new LogDiffersFromTree(
        `the log's event at position ${event.position} is ${stored === undefined ? 'not in' : 'not the one recorded in'} the Merkle tree of ${this.db.name}: the log and the tree disagree (run \`governance verify\`)`,
      );
    }
  }

  /** Stops following; starts again from the tree's end after a while (unless the log and the tree disagree). */
  private fail(error: unknown): void {
    this.failure = error;
    const subscription = this.subscription;
    this.subscription = null;
    this.pending = [];
    void subscription?.close().catch(() => undefined);
    if (this.stopped) return;
    (this.options.logger ?? console).warn(`transparency log: following the log stopped at position ${this.recorded ?? 'none'}: ${(error as Error).message}`);
    if (error instanceof LogDiffersFromTree) return;
    this.retry = setTimeout(() => void this.start(), this.options.retryMs ?? 1000);
    this.retry.unref();
  }
}
