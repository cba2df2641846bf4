import type { AppendLogEntry, StoredEvent } from '../event-store/event-store.port.js';
import type { TreeCheckReport } from '../../modules/transparency-log/domain/audit/tree-check.js';
import type { Receipt } from '../../modules/transparency-log/domain/receipt.js';
import type { SignedTreeHead } from '../../modules/transparency-log/domain/signed-tree-head.js';

/**
 * The transparency log port: the Merkle tree over the global log (RFC 9162), its signed heads,
 * receipts and proofs (docs/transparency.md). Two placements, one contract
 * (`transparency-log.contract.ts`):
 *
 *   embedded  the embedded event store keeps the tree in `events.db` and records every event in
 *             its append transaction (`SqliteTreeRecording`): a 201's receipt is at hand at once.
 *   follower  for a log the service does not write itself (KurrentDB): each instance keeps the
 *             tree in `DATA_DIR/transparency.db`, extended by a subscription to the log — a
 *             deterministic function of the log, so every instance has the same roots.
 *
 * Recording is each placement's own business (in the append's transaction, or by the
 * subscription); the port is what the rest of the service asks of the log: heads, receipts,
 * proofs, and the check of the stored heads against the events (`verify`).
 *
 * Sizes: a proof or a receipt is given for trees up to the latest signed head's size only (what
 * a partner can check against a signature). Hashes are lowercase hex.
 */
export const TRANSPARENCY_LOG = Symbol('TRANSPARENCY_LOG');

export interface TreeLeafInfo {
  position: number;
  leafIndex: number;
  /** SHA-256(0x00 ‖ leafData(event)), hex. */
  leafHash: string;
}

export interface TransparencyLogPort {
  /** Where the tree is kept: in the event store's own file, or by a follower of the log. */
  readonly placement: 'embedded' | 'follower';
  /** SHA-256 of the public key's SPKI DER (hex): the `keyId` of every head. */
  readonly keyId: string;
  /** The public key partners audit with (PEM, SPKI). */
  readonly publicKeyPem: string;

  /** Starts recording (the follower catches up with the log, then follows it). */
  start(): Promise<void>;
  /** The head of the largest tree signed; on an empty log, a head of the empty tree signed now. */
  head(): Promise<SignedTreeHead>;
  /** The head the service signed for a tree of `treeSize` leaves, or null when it signed none of that size. */
  signedHead(treeSize: number): Promise<SignedTreeHead | null>;
  /**
   * The receipts of events just appended (in order): from the append's `logEntry` when the store
   * gave one, otherwise once the tree includes them all (waiting up to `waitMs`, default 0), under
   * the latest head. Null when the tree does not include them in time.
   */
  receipts(events: readonly StoredEvent[], options?: { logEntry?: AppendLogEntry; waitMs?: number }): Promise<Receipt[] | null>;
  /** The receipt of the event at `position` under the latest head; null when the signed tree has no event there. */
  receipt(position: number): Promise<Receipt | null>;
  /** The leaf of the event at `position`; null when the tree has none there. */
  leaf(position: number): Promise<TreeLeafInfo | null>;
  /** PATH(leafIndex, D[treeSize]), hex (treeSize at most the latest head's; leafIndex below it). */
  inclusionProof(leafIndex: number, treeSize: number): Promise<string[]>;
  /** PROOF(from, D[to]), hex (0 ≤ from ≤ to ≤ the latest head's size). */
  consistencyProof(from: number, to: number): Promise<string[]>;
  /** The tree computed again from the events, held against the stored leaves and every stored head (`TreeCheck`). */
  verify(): Promise<TreeCheckReport>;
  /** The last position the tree includes (null: none), and whether it is following (the follower). */
  status(): { position: number | null; status: 'up' | 'down'; detail?: string };
  close(): Promise<void>;
}
