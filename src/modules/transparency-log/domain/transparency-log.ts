import type { KeyObject } from 'node:crypto';
import type { StoredEvent } from '../../../infrastructure/event-store/event-store.port.js';
import { eventLeafHash } from './leaf-data.js';
import { MerkleTree } from './merkle-tree.js';
import { issueReceipt, type Receipt } from './receipt.js';
import { keyIdOf, publicKeyPem, signTreeHead, type SignedTreeHead } from './signed-tree-head.js';
import type { TreeLeaf, TreeNodeStore } from './tree-node-store.js';

/**
 * The transparency log of the event log, in the manner of Certificate Transparency (RFC 9162):
 * a Merkle tree over the global log (one leaf per event, in position order), signed tree heads,
 * a receipt per append, consistency proofs between heads. Everything a partner needs to check,
 * offline, that the record was not rewritten (`governance audit`).
 *
 * How to wire it (the SQLite event store; `signingKey` from `loadSigningKey`):
 *
 *   const log = new TransparencyLog(SqliteTreeNodeStore.attach(db), signingKey);
 *
 *   1. In the append transaction, after the events are inserted (every event of the global log,
 *      in position order, each exactly once), `const leaves = log.record(stored)`. It throws
 *      `TreeSizeConflict` when another writer appended first (the transaction then rolls back,
 *      events included), so the tree always has exactly the log's events.
 *   2. After the commit, once per group commit: `const head = log.signHead()`, then
 *      `log.receipts(leaves, head)` — one receipt per appended event (its leaf under the head
 *      that includes it). A replayed (idempotent) append gets `log.receiptFor(position)`.
 *   3. Restore (into an empty store): `log.record(records)` in the restore transaction.
 *   4. A store that already holds events when the tree is first attached: record the existing
 *      events (readAll in position order) in one transaction before the first new append.
 *   5. HTTP (read-only, public): the current head (`signHead()`), a receipt by position
 *      (`receiptFor`), a consistency proof between two sizes (`consistencyProof`), the public
 *      key (`publicKeyPem`) — the routes and their DTOs are not part of this module yet.
 *
 * The timestamp of a head is the clock's at signing; heads may be signed for past sizes too.
 */
export class TransparencyLog {
  readonly tree: MerkleTree;

  constructor(
    store: TreeNodeStore,
    private readonly signingKey: KeyObject,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.tree = new MerkleTree(store);
  }

  /** The key id the heads carry (SHA-256 of the public key's SPKI DER, hex). */
  get keyId(): string {
    return keyIdOf(this.signingKey);
  }

  /** The public key, PEM (SPKI): what partners audit with. */
  get publicKeyPem(): string {
    return publicKeyPem(this.signingKey);
  }

  /** Adds the stored events (in position order) as leaves: inside the event store's transaction. */
  record(events: readonly StoredEvent[]): TreeLeaf[] {
    return this.tree.append(events.map((event) => ({ position: event.position, leafHash: eventLeafHash(event) })));
  }

  /** The signed head of the tree as it is now (or of an earlier size). */
  signHead(size?: number): SignedTreeHead {
    const treeSize = size ?? this.tree.size;
    return signTreeHead({ treeSize, rootHash: this.tree.root(treeSize), timestamp: this.now() }, this.signingKey);
  }

  /** The receipts of leaves under a head that includes them all. */
  receipts(leaves: readonly Pick<TreeLeaf, 'index'>[], head: SignedTreeHead): Receipt[] {
    return leaves.map((leaf) => issueReceipt(this.tree, leaf.index, head));
  }

  /** The receipt of the event at `position`, under `head` (default: a new head of the whole tree); null when no leaf has that position. */
  receiptFor(position: number, head?: SignedTreeHead): Receipt | null {
    const leafIndex = this.tree.store.leafIndexOf(position);
    if (leafIndex === undefined) return null;
    return issueReceipt(this.tree, leafIndex, head ?? this.signHead());
  }

  /** PROOF(fromSize, D[toSize]), hex: shows that the head of `toSize` extends the head of `fromSize`. */
  consistencyProof(fromSize: number, toSize?: number): string[] {
    return this.tree.consistencyProof(fromSize, toSize).map((hash) => Buffer.from(hash).toString('hex'));
  }
}
