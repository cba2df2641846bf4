import type Database from 'better-sqlite3';
import type { AppendLogEntry, StoredEvent } from '../event-store.port.js';
import type { SignedTreeHead } from '../../../modules/transparency-log/domain/signed-tree-head.js';
import { eventLeafHash } from '../../../modules/transparency-log/domain/leaf-data.js';
import { sameHash } from '../../../modules/transparency-log/domain/merkle.js';
import { InvalidTreeWrite, TreeSizeConflict, type TreeLeaf } from '../../../modules/transparency-log/domain/tree-node-store.js';
import type { SqliteTransparencyLog } from '../../transparency-log/sqlite-transparency-log.js';
import { toStoredEvent, type EventRow, type EventStatements } from './sqlite-statements.js';

/** Events recorded per call to the tree when catching up (bounds the tree's pending writes). */
const CATCH_UP_PAGE = 1000;

/**
 * The log's rows are no longer those its Merkle tree recorded: an event the tree holds was
 * removed from `events` behind the store's back. Appends are refused until it is looked into
 * (`governance verify` names where).
 */
export class LogBehindTree extends Error {
  constructor(
    readonly position: number,
    readonly changed = false,
  ) {
    super(
      (changed
        ? `the event at position ${position} is not the one the Merkle tree recorded there: the log was changed behind the store's back; `
        : `the Merkle tree records an event at position ${position} that the log no longer holds: events were removed behind the store's back; `) +
        'appends are refused (run `governance verify`)',
    );
  }
}

/** A failure of the tree inside a group commit: the whole group is rolled back, not one append. */
export function isTreeFailure(error: unknown): boolean {
  return error instanceof LogBehindTree || error instanceof TreeSizeConflict || error instanceof InvalidTreeWrite;
}

/**
 * The transparency log of the embedded store, kept in `events.db` and written in the store's own
 * transactions: the appender records every appended event (in position order, exactly once) in
 * the append's savepoint and seals one signed head per group commit; the restorer records the
 * restored events in the restore's transaction. The events and their leaves commit together or
 * not at all, and SQLite's write lock serialises the processes sharing the file.
 *
 * Fence: before a group's appends, the tree must end where the log ends. Events the tree lacks
 * (a store made before the tree existed, or appended by a process that does not keep it) are
 * recorded first, in position order; an event the tree holds but the log lost refuses the group.
 */
export class SqliteTreeRecording {
  private readonly eventAt: Database.Statement<[number], EventRow>;

  constructor(
    db: Database.Database,
    private readonly statements: EventStatements,
    readonly log: SqliteTransparencyLog,
  ) {
    this.eventAt = db.prepare('SELECT position, event_id, stream_id, revision, type, data, metadata, recorded_at FROM events WHERE position = ?');
  }

  /**
   * Inside a write transaction: records the events the tree lacks (none, usually) and returns
   * how many; throws LogBehindTree when the tree's last event is no longer in the log as it was
   * recorded (removed, or rewritten: the sequence rewound and another event appended there).
   */
  catchUp(): number {
    const last = this.log.lastPosition();
    if (last !== null) {
      const row = this.eventAt.get(last);
      if (row === undefined) throw new LogBehindTree(last);
      const leaf = this.log.nodes.node(0, this.log.size - 1);
      if (leaf === undefined || !sameHash(leaf, eventLeafHash(toStoredEvent(row)))) throw new LogBehindTree(last, true);
    }
    const end = this.statements.lastPosition.get()?.position ?? null;
    if (end === null || (last !== null && end <= last)) return 0;
    let after = last ?? 0;
    let recorded = 0;
    for (;;) {
      const page = this.statements.readAll.all(after, CATCH_UP_PAGE).map(toStoredEvent);
      if (page.length === 0) return recorded;
      this.log.record(page);
      recorded += page.length;
      after = page[page.length - 1].position;
    }
  }

  /**
   * At open, in its own transaction: a store that holds events the tree lacks gets them recorded,
   * and a head signed. A log behind its tree still opens (so that `verify` can say where); its
   * appends are refused.
   */
  catchUpNow(db: Database.Database): number {
    try {
      return db
        .transaction(() => {
          const recorded = this.catchUp();
          if (recorded > 0 || (this.log.size > 0 && this.log.heads.latest() === null)) this.log.seal();
          return recorded;
        })
        .immediate();
    } catch (error) {
      if (error instanceof LogBehindTree) return 0;
      throw error;
    }
  }

  /** In the append's savepoint, after its rows. */
  record(events: readonly StoredEvent[]): TreeLeaf[] {
    return this.log.record(events);
  }

  /** In the group's transaction, once the group stored events: its signed head. */
  seal(): SignedTreeHead {
    return this.log.seal();
  }

  /** In the restore's transaction: the restored events, as they will be read back, become the tree. */
  recordRestored(events: readonly StoredEvent[]): void {
    if (this.log.size > 0) throw new Error(`restore: the Merkle tree is not empty (${this.log.size} leaves); a backup is restored only into an empty store`);
    for (let i = 0; i < events.length; i += CATCH_UP_PAGE) this.log.record(events.slice(i, i + CATCH_UP_PAGE));
    if (events.length > 0) this.log.seal();
  }
}

/** What an append's result says of its events' place in the tree. */
export function logEntryOf(leaves: readonly TreeLeaf[], treeHead: SignedTreeHead): AppendLogEntry {
  return { leaves: leaves.map((leaf) => ({ leafIndex: leaf.index, position: leaf.position })), treeHead };
}
