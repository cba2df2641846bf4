import type { KeyObject } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { StoredEvent } from '../event-store/event-store.port.js';
import type { Receipt } from '../../modules/transparency-log/domain/receipt.js';
import type { SignedTreeHead } from '../../modules/transparency-log/domain/signed-tree-head.js';
import { TransparencyLog } from '../../modules/transparency-log/domain/transparency-log.js';
import type { TreeLeaf } from '../../modules/transparency-log/domain/tree-node-store.js';
import { SqliteHeadStore } from './sqlite-head-store.js';
import { SqliteTreeNodeStore } from './sqlite-tree-store.js';

/**
 * The transparency log kept in a SQLite database: the Merkle tree (`SqliteTreeNodeStore`) and
 * the signed heads (`SqliteHeadStore`) in the tables of one handle — the event store's
 * `events.db` for the embedded store, `DATA_DIR/transparency.db` for the follower of a KurrentDB
 * log. Writes (`record`, `seal`) run inside the caller's transaction; everything else reads.
 *
 * Every read goes to the file (nothing is cached), so several processes on one file see each
 * other's appends; the nodes of a complete subtree never change, so proofs for a size already
 * signed stay valid while others extend the tree.
 */
export class SqliteTransparencyLog {
  readonly log: TransparencyLog;
  readonly heads: SqliteHeadStore;
  readonly nodes: SqliteTreeNodeStore;

  constructor(db: Database.Database, signingKey: KeyObject, now: () => Date = () => new Date()) {
    this.nodes = SqliteTreeNodeStore.attach(db);
    this.heads = SqliteHeadStore.attach(db);
    this.log = new TransparencyLog(this.nodes, signingKey, now);
  }

  get keyId(): string {
    return this.log.keyId;
  }

  get publicKeyPem(): string {
    return this.log.publicKeyPem;
  }

  /** The number of leaves. */
  get size(): number {
    return this.log.tree.size;
  }

  /** The position of the last event recorded; null when the tree is empty. */
  lastPosition(): number | null {
    const size = this.size;
    return size === 0 ? null : (this.nodes.positionOf(size - 1) ?? null);
  }

  /** Adds the stored events (the log's next ones, in position order) as leaves: in the caller's transaction. */
  record(events: readonly StoredEvent[]): TreeLeaf[] {
    return this.log.record(events);
  }

  /** Signs the head of the tree as it is and keeps it (in the caller's transaction): once per commit that extended the tree. */
  seal(): SignedTreeHead {
    const head = this.log.signHead();
    this.heads.add(head);
    return head;
  }

  /**
   * The head of the largest tree signed; when none was signed (an empty log), a head of the tree
   * as it is, signed now and not kept.
   */
  latestHead(): SignedTreeHead {
    return this.heads.latest() ?? this.log.signHead();
  }

  /** The receipts of leaves under a head that includes them all. */
  receipts(leaves: readonly { leafIndex: number }[], head: SignedTreeHead): Receipt[] {
    return this.log.receipts(leaves.map((leaf) => ({ index: leaf.leafIndex })), head);
  }

  /** The receipt of the event at `position` under `head` (default: the latest); null when no leaf has that position or the head does not include it. */
  receiptFor(position: number, head: SignedTreeHead = this.latestHead()): Receipt | null {
    const leafIndex = this.nodes.leafIndexOf(position);
    if (leafIndex === undefined || leafIndex >= head.treeSize) return null;
    return this.log.receiptFor(position, head);
  }
}
