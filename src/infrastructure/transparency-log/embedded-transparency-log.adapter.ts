import type { KeyObject } from 'node:crypto';
import type { AppendLogEntry, StoredEvent } from '../event-store/event-store.port.js';
import type { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.adapter.js';
import type { TreeCheckReport } from '../../modules/transparency-log/domain/audit/tree-check.js';
import type { Receipt } from '../../modules/transparency-log/domain/receipt.js';
import { TreeReads } from './tree-reads.js';
import type { TransparencyLogPort } from './transparency-log.port.js';

/**
 * The transparency log of the embedded event store: the tree and the heads live in `events.db`
 * and every append records its events in its own transaction (`SqliteTreeRecording`), so a
 * receipt is at hand as soon as the append resolves, and several processes on one DATA_DIR share
 * one tree (SQLite's write lock serialises their appends). Nothing to start or to follow.
 */
export class EmbeddedTransparencyLog extends TreeReads implements TransparencyLogPort {
  readonly placement = 'embedded' as const;

  private constructor(
    private readonly store: SqliteEventStore,
    signingKey: KeyObject,
  ) {
    const log = store.transparencyLog;
    if (log === null) throw new Error('the embedded event store was opened without its transparency log (SqliteEventStore.open(file, { transparency }))');
    super(log, signingKey);
  }

  /** The transparency log `store` keeps (it was opened with `transparency: { signingKey }`, the same key). */
  static of(store: SqliteEventStore, signingKey: KeyObject): EmbeddedTransparencyLog {
    return new EmbeddedTransparencyLog(store, signingKey);
  }

  async start(): Promise<void> {}

  async receipts(events: readonly StoredEvent[], options: { logEntry?: AppendLogEntry } = {}): Promise<Receipt[] | null> {
    return this.receiptsUnderLatest(events, options.logEntry);
  }

  /** One read transaction: the events, the leaves and the heads as one snapshot of the file. */
  async verify(): Promise<TreeCheckReport> {
    return this.store.snapshot((page) => TreeReads.feedNow(this.treeCheck(this.log.size, true), page));
  }

  status(): { position: number | null; status: 'up' | 'down' } {
    try {
      return { position: this.log.lastPosition(), status: 'up' };
    } catch {
      return { position: null, status: 'down' };
    }
  }

  /** The event store closes the file. */
  async close(): Promise<void> {}
}
