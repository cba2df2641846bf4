import type { KeyObject } from 'node:crypto';
import type { StoredEvent } from '../../../../infrastructure/event-store/event-store.port.js';
import { eventLeafHash } from '../leaf-data.js';
import { sameHash, type Hash } from '../merkle.js';
import { MerkleTree } from '../merkle-tree.js';
import { keyIdOf, verifyTreeHead, type SignedTreeHead } from '../signed-tree-head.js';
import { InMemoryTreeNodeStore } from '../tree-node-store.js';

/**
 * The service's own check of its transparency log (`verify`): the Merkle tree is computed again
 * from the events as the file holds them now, then held against what the service stored —
 *   1. each stored leaf (position and hash) against the event at its index;
 *   2. each stored signed head: its signature with the current public key, and its root against
 *      the recomputed root of the log's first treeSize events.
 * It names the first place where they disagree. A leaf that differs is exact; a head whose root
 * differs brackets the first changed event between the last agreeing head and itself (exact when
 * heads were signed for consecutive sizes, as with one append per commit).
 *
 * What it cannot see: a history rewritten together with its tree and every head re-signed — by
 * the key on this host, or a new key put in its place. The receipts partners hold see that
 * (`governance audit`).
 */

export type TreeProblemKind =
  /** The stored leaf at this index is not the event the log holds there (another hash, or another position). */
  | 'leaf-differs'
  /** The tree records more events than the log holds: the log lost events at its end. */
  | 'event-missing'
  /** An event of the log that the tree does not record. */
  | 'event-not-in-tree'
  /** A stored head whose signature does not verify with the current key. */
  | 'head-signature'
  /** A stored head whose root is not the root of the log's first treeSize events. */
  | 'head-differs'
  /** A stored head of more events than the log holds. */
  | 'head-beyond-log';

export interface TreeProblem {
  kind: TreeProblemKind;
  /** The first leaf (index in the tree, from 0) the problem can be at. */
  leafIndex: number;
  /** Its event's position in the log (the log's, else the tree's); null when neither has it. */
  position: number | null;
  /** For a head: the last leaf the first changed event can be at, and its position. */
  toLeafIndex?: number;
  toPosition?: number | null;
  treeSize?: number;
  signedAt?: string;
  message: string;
}

export interface TreeCheckReport {
  ok: boolean;
  /** The key the heads were checked with (the current one). */
  keyId: string;
  /** Events read from the log and hashed into a tree again. */
  events: number;
  /** Stored leaves compared with them. */
  leaves: number;
  /** Stored signed heads checked (signature and root). */
  heads: number;
  /** Of which the signature verifies with the key. */
  signatures: number;
  /** The recomputed tree: its size and root (hex). */
  treeSize: number;
  rootHash: string;
  /** The first place the log and what the service stored disagree (the problem certain at the smallest leaf, an exact one on a tie), or null. */
  firstDisagreement: TreeProblem | null;
  problemCount: number;
  /** The first problems found (at most 100), by leaf. */
  problems: TreeProblem[];
}

export interface StoredLeaf {
  index: number;
  position: number;
  hash: Hash;
}

export interface TreeCheckSources {
  /** The number of leaves the tree stores (as of the check's start). */
  storedSize: number;
  /** Stored leaves from `from` (index), in order, at most `limit`. */
  leaves(from: number, limit: number): StoredLeaf[];
  /** Stored heads of trees larger than `after` (null: all), smallest first, at most `limit`. */
  heads(after: number | null, limit: number): SignedTreeHead[];
  publicKey: KeyObject;
  /**
   * True where every event of the log must be in the tree (the embedded store records them in the
   * append's transaction); false where the tree follows the log and may lag (only the events the
   * tree has reached are compared).
   */
  complete: boolean;
}

const PAGE = 1000;
const LISTED = 100;
const hex = (hash: Uint8Array) => Buffer.from(hash).toString('hex');

export class TreeCheck {
  private readonly tree = new MerkleTree(new InMemoryTreeNodeStore());
  private readonly positions: number[] = [];
  private readonly problems: TreeProblem[] = [];
  private problemCount = 0;
  private storedLeaves: StoredLeaf[] = [];
  private storedFrom = 0;
  private headsChecked = 0;
  private signatures = 0;
  private lastHeadSize: number | null = null;
  private pendingHeads: SignedTreeHead[] = [];
  private headsDone = false;
  private lastAgreeing = 0;
  private notInTree = 0;
  private first: TreeProblem | null = null;

  constructor(private readonly sources: TreeCheckSources) {}

  /** How many more events the check wants (the follower's tree is compared up to its size only). */
  get wanted(): number {
    return this.sources.complete ? Number.POSITIVE_INFINITY : Math.max(0, this.sources.storedSize - this.positions.length);
  }

  /** The next events of the log, in position order. */
  addEvents(events: readonly StoredEvent[]): void {
    const page = events.slice(0, Math.min(events.length, this.wanted));
    const start = this.positions.length;
    const leaves = page.map((event, i) => {
      const leafHash = eventLeafHash(event);
      this.compareLeaf(start + i, event.position, leafHash);
      this.positions.push(event.position);
      return { position: start + i + 1, leafHash };
    });
    this.tree.append(leaves);
    this.checkHeads(this.tree.size);
  }

  finish(): TreeCheckReport {
    const events = this.positions.length;
    if (events < this.sources.storedSize) {
      const position = this.storedLeaf(events)?.position ?? null;
      this.add({
        kind: 'event-missing',
        leafIndex: events,
        position,
        message: `the tree records ${this.sources.storedSize} events, the log holds ${events}: the event${position === null ? '' : ` at position ${position}`} (leaf ${events}) and any after it are missing from the log`,
      });
    }
    if (this.notInTree > 1) this.problemCount += this.notInTree - 1;
    this.checkHeads(Number.POSITIVE_INFINITY);
    return {
      ok: this.problemCount === 0,
      keyId: keyIdOf(this.sources.publicKey),
      events,
      leaves: Math.min(events, this.sources.storedSize),
      heads: this.headsChecked,
      signatures: this.signatures,
      treeSize: this.tree.size,
      rootHash: hex(this.tree.root()),
      firstDisagreement: this.first,
      problemCount: this.problemCount,
      problems: [...this.problems].sort((a, b) => a.leafIndex - b.leafIndex),
    };
  }

  private compareLeaf(index: number, position: number, leafHash: Hash): void {
    if (index >= this.sources.storedSize) {
      if (this.notInTree++ === 0) {
        this.add({ kind: 'event-not-in-tree', leafIndex: index, position, message: `the event at position ${position} (leaf ${index}) and any after it are not in the Merkle tree` });
      }
      return;
    }
    const stored = this.storedLeaf(index);
    if (stored === undefined) return;
    if (stored.position !== position) {
      this.add({
        kind: 'leaf-differs',
        leafIndex: index,
        position,
        message: `leaf ${index} of the tree is the event at position ${stored.position}; the log has position ${position} there: events were removed, inserted or moved`,
      });
    } else if (!sameHash(stored.hash, leafHash)) {
      this.add({ kind: 'leaf-differs', leafIndex: index, position, message: `the event at position ${position} is not the one the tree recorded (its leaf hash differs): it was changed` });
    }
  }

  /** Checks the stored heads of sizes up to `size` (the recomputed tree's, or all of them at the end). */
  private checkHeads(size: number): void {
    for (;;) {
      if (this.pendingHeads.length === 0 && !this.headsDone) {
        this.pendingHeads = this.sources.heads(this.lastHeadSize, PAGE);
        if (this.pendingHeads.length === 0) this.headsDone = true;
        else this.lastHeadSize = this.pendingHeads.at(-1)!.treeSize;
      }
      const head = this.pendingHeads[0];
      if (head === undefined || head.treeSize > size) return;
      this.pendingHeads.shift();
      this.checkHead(head);
    }
  }

  private checkHead(head: SignedTreeHead): void {
    this.headsChecked++;
    const last = Math.max(0, head.treeSize - 1);
    const signed = verifyTreeHead(head, this.sources.publicKey);
    if (signed.ok) this.signatures++;
    else {
      this.add({
        kind: 'head-signature',
        leafIndex: last,
        position: this.positionAt(last),
        treeSize: head.treeSize,
        signedAt: head.timestamp,
        message: `the head of ${head.treeSize} events signed at ${head.timestamp}: ${signed.problem}`,
      });
    }
    if (head.treeSize > this.tree.size) {
      const position = this.positionAt(this.tree.size);
      this.add({
        kind: 'head-beyond-log',
        leafIndex: this.tree.size,
        position,
        treeSize: head.treeSize,
        signedAt: head.timestamp,
        message: `the head signed at ${head.timestamp} covers ${head.treeSize} events; the log holds ${this.tree.size}: the event${position === null ? '' : ` at position ${position}`} (leaf ${this.tree.size}) is missing`,
      });
      return;
    }
    if (hex(this.tree.root(head.treeSize)) === head.rootHash) {
      this.lastAgreeing = Math.max(this.lastAgreeing, head.treeSize);
      return;
    }
    const [from, to] = [Math.min(this.lastAgreeing, last), last];
    const [fromPosition, toPosition] = [this.positionAt(from), this.positionAt(to)];
    const where = from === to ? `at position ${fromPosition}` : `between position ${fromPosition} and position ${toPosition} (leaves ${from} to ${to})`;
    this.add({
      kind: 'head-differs',
      leafIndex: from,
      position: fromPosition,
      toLeafIndex: to,
      toPosition,
      treeSize: head.treeSize,
      signedAt: head.timestamp,
      message: `the head of ${head.treeSize} events signed at ${head.timestamp} does not match the log's first ${head.treeSize} events: the first changed event is ${where}`,
    });
  }

  private positionAt(leafIndex: number): number | null {
    return this.positions[leafIndex] ?? this.storedLeaf(leafIndex)?.position ?? null;
  }

  /** The stored leaf at `index`, read page by page as the check moves along. */
  private storedLeaf(index: number): StoredLeaf | undefined {
    if (index >= this.sources.storedSize) return undefined;
    if (index < this.storedFrom || index >= this.storedFrom + this.storedLeaves.length) {
      this.storedFrom = index;
      this.storedLeaves = this.sources.leaves(index, PAGE);
    }
    return this.storedLeaves[index - this.storedFrom];
  }

  private add(problem: TreeProblem): void {
    this.problemCount++;
    if (this.first === null || certainAt(problem) < certainAt(this.first) || (certainAt(problem) === certainAt(this.first) && isExact(problem))) this.first = problem;
    if (this.problems.length < LISTED) this.problems.push(problem);
  }
}

/**
 * The leaf by which a problem is certain: its own for an exact one; for a head whose root differs,
 * the last leaf of its bracket (the change is somewhere up to there). The first disagreement is
 * the problem certain earliest, an exact one on a tie — a changed leaf found inside a head's
 * bracket names the position itself.
 */
function certainAt(problem: TreeProblem): number {
  return problem.kind === 'head-differs' ? (problem.toLeafIndex ?? problem.leafIndex) : problem.leafIndex;
}

function isExact(problem: TreeProblem): boolean {
  return problem.kind !== 'head-differs';
}
