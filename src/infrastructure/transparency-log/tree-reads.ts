import { createPublicKey, type KeyObject } from 'node:crypto';
import type { AppendLogEntry, StoredEvent } from '../event-store/event-store.port.js';
import { TreeCheck, type TreeCheckReport } from '../../modules/transparency-log/domain/audit/tree-check.js';
import type { Receipt } from '../../modules/transparency-log/domain/receipt.js';
import type { SignedTreeHead } from '../../modules/transparency-log/domain/signed-tree-head.js';
import type { SqliteTransparencyLog } from './sqlite-transparency-log.js';
import type { TransparencyLogPort, TreeLeafInfo } from './transparency-log.port.js';

const hex = (hash: Uint8Array) => Buffer.from(hash).toString('hex');

/**
 * What both placements answer the same way, from a `SqliteTransparencyLog`: heads, receipts,
 * leaves, proofs, and the check of the stored tree against the events (fed by the placement).
 */
export abstract class TreeReads implements Pick<TransparencyLogPort, 'keyId' | 'publicKeyPem' | 'head' | 'signedHead' | 'receipt' | 'leaf' | 'inclusionProof' | 'consistencyProof'> {
  protected readonly publicKey: KeyObject;

  protected constructor(
    protected readonly log: SqliteTransparencyLog,
    signingKey: KeyObject,
  ) {
    this.publicKey = createPublicKey(signingKey);
  }

  get keyId(): string {
    return this.log.keyId;
  }

  get publicKeyPem(): string {
    return this.log.publicKeyPem;
  }

  async head(): Promise<SignedTreeHead> {
    return this.log.latestHead();
  }

  async signedHead(treeSize: number): Promise<SignedTreeHead | null> {
    return this.log.heads.at(treeSize);
  }

  async receipt(position: number): Promise<Receipt | null> {
    return this.log.receiptFor(position);
  }

  async leaf(position: number): Promise<TreeLeafInfo | null> {
    const leafIndex = this.log.nodes.leafIndexOf(position);
    if (leafIndex === undefined) return null;
    return { position, leafIndex, leafHash: hex(this.log.log.tree.leafHash(leafIndex)) };
  }

  async inclusionProof(leafIndex: number, treeSize: number): Promise<string[]> {
    this.checkSignedSize(treeSize);
    return this.log.log.tree.inclusionProof(leafIndex, treeSize).map(hex);
  }

  async consistencyProof(from: number, to: number): Promise<string[]> {
    this.checkSignedSize(to);
    return this.log.log.consistencyProof(from, to);
  }

  /** The receipts of `events` under the latest head, or null when the tree lacks one of them. */
  protected receiptsUnderLatest(events: readonly StoredEvent[], logEntry?: AppendLogEntry): Receipt[] | null {
    if (logEntry !== undefined) return this.log.receipts(logEntry.leaves, logEntry.treeHead);
    const head = this.log.latestHead();
    const receipts = events.map((event) => this.log.receiptFor(event.position, head));
    return receipts.every((r): r is Receipt => r !== null) ? receipts : null;
  }

  /** A check of the stored tree and heads up to `storedSize` leaves (`complete`: every event must be in the tree). */
  protected treeCheck(storedSize: number, complete: boolean): TreeCheck {
    return new TreeCheck({
      storedSize,
      complete,
      publicKey: this.publicKey,
      leaves: (from, limit) => this.log.nodes.leaves(from, Math.min(limit, Math.max(0, storedSize - from))),
      // Heads signed after the check began (of larger trees) are left to the next check.
      heads: (after, limit) => this.log.heads.after(after, limit).filter((head) => head.treeSize <= storedSize),
    });
  }

  /** Feeds the check with the log's events, page by page, as far as it wants them. */
  protected static async feed(check: TreeCheck, readAll: (after: number | null, limit: number) => Promise<StoredEvent[]>): Promise<TreeCheckReport> {
    let after: number | null = null;
    while (check.wanted > 0) {
      const page = await readAll(after, Math.min(1000, check.wanted));
      if (page.length === 0) break;
      check.addEvents(page);
      after = page[page.length - 1].position;
    }
    return check.finish();
  }

  /** The same, synchronously (inside one read transaction of the embedded store). */
  protected static feedNow(check: TreeCheck, readAll: (after: number, limit: number) => StoredEvent[]): TreeCheckReport {
    let after = 0;
    while (check.wanted > 0) {
      const page = readAll(after, Math.min(1000, check.wanted));
      if (page.length === 0) break;
      check.addEvents(page);
      after = page[page.length - 1].position;
    }
    return check.finish();
  }

  private checkSignedSize(treeSize: number): void {
    const signed = this.log.latestHead().treeSize;
    if (!Number.isSafeInteger(treeSize) || treeSize < 0 || treeSize > signed) {
      throw new RangeError(`tree size ${treeSize} is beyond the latest signed tree head (${signed} events)`);
    }
  }
}
