import {
  EMPTY_ROOT,
  consistencyProofRanges,
  hashChildren,
  inclusionPathRanges,
  isHash,
  type Hash,
} from './merkle.js';
import { type TreeLeaf, type TreeNode, type TreeNodeStore } from './tree-node-store.js';

/** A leaf to append: the hash of the event's leaf data, and the event's position in the log. */
export interface NewLeaf {
  position: number;
  leafHash: Hash;
}

/**
 * The log's Merkle tree, kept incrementally in a `TreeNodeStore` (RFC 9162 hashes and proofs).
 *
 *   - append: O(log n) reads and writes per leaf (the left siblings it completes, the nodes it closes);
 *   - root of any size ≤ n: O(log n) reads (one per complete subtree of the size's binary form);
 *   - inclusion and consistency proofs for any sizes ≤ n: O(log n) subtree hashes, each
 *     O(log n) reads at most, so O(log² n) — whatever n (a million leaves: about 20 levels).
 *
 * It keeps no state of its own: every call reads the store, so several trees (processes) over
 * one SQLite file see each other's appends, and an append made inside a transaction that is
 * rolled back leaves nothing behind.
 */
export class MerkleTree {
  constructor(readonly store: TreeNodeStore) {}

  get size(): number {
    return this.store.size();
  }

  /**
   * Appends leaves (in log order) and stores the complete subtrees they close: one
   * `store.extend` call, all or nothing. Returns the stored leaves with their indices.
   */
  append(newLeaves: readonly NewLeaf[]): TreeLeaf[] {
    const start = this.store.size();
    const pending = new Map<string, Hash>();
    const key = (level: number, index: number) => `${level}:${index}`;
    const read = (level: number, index: number): Hash => {
      const hash = pending.get(key(level, index)) ?? this.store.node(level, index);
      if (hash === undefined) throw new Error(`the Merkle tree store lacks node (${level}, ${index}) of a tree of ${start} leaves`);
      return hash;
    };
    const leaves: TreeLeaf[] = [];
    const nodes: TreeNode[] = [];
    newLeaves.forEach(({ position, leafHash }, i) => {
      if (!isHash(leafHash)) throw new TypeError(`leaf for position ${position}: a leaf hash is 32 bytes`);
      const index = start + i;
      leaves.push({ index, position, hash: leafHash });
      pending.set(key(0, index), leafHash);
      // Each time the new node is a right child, its parent is complete.
      let level = 0;
      let at = index;
      let hash: Hash = leafHash;
      while (at % 2 === 1) {
        hash = hashChildren(read(level, at - 1), hash);
        level += 1;
        at = (at - 1) / 2;
        pending.set(key(level, at), hash);
        nodes.push({ level, index: at, hash });
      }
    });
    if (leaves.length > 0) this.store.extend(leaves, nodes);
    return leaves;
  }

  /** The leaf hash at that index. */
  leafHash(leafIndex: number): Hash {
    if (!Number.isSafeInteger(leafIndex) || leafIndex < 0) throw new RangeError(`no leaf ${leafIndex}`);
    this.checkSize(leafIndex + 1, 'leaf');
    return this.rangeHash(leafIndex, leafIndex + 1);
  }

  /** MTH of the first `size` leaves (default: all of them). */
  root(size?: number): Hash {
    const n = this.checkSize(size, 'tree size');
    return n === 0 ? EMPTY_ROOT : this.rangeHash(0, n);
  }

  /** PATH(leafIndex, D[size]): the hashes that prove the leaf in the tree of `size` leaves. */
  inclusionProof(leafIndex: number, size?: number): Hash[] {
    const n = this.checkSize(size, 'tree size');
    return inclusionPathRanges(leafIndex, n).map(({ start, end }) => this.rangeHash(start, end));
  }

  /** PROOF(fromSize, D[toSize]): the hashes that prove the tree of `toSize` leaves extends the one of `fromSize`. */
  consistencyProof(fromSize: number, toSize?: number): Hash[] {
    const n = this.checkSize(toSize, 'tree size');
    return consistencyProofRanges(fromSize, n).map(({ start, end }) => this.rangeHash(start, end));
  }

  /**
   * MTH(D[start:end]) of a subtree the RFC's recursion visits: `start` a multiple of a power of
   * two at least `end - start`. It is made of the complete subtrees of `end - start`'s binary
   * form, largest first, hashed from the right: H(s1, H(s2, … H(sk-1, sk))).
   */
  subtreeHash(start: number, end: number): Hash {
    const width = end - start;
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || width < 1) {
      throw new RangeError(`no subtree [${start}, ${end})`);
    }
    let span = 1;
    while (span < width) span *= 2;
    if (start % span !== 0) throw new RangeError(`[${start}, ${end}) is not a subtree of the Merkle tree (misaligned)`);
    this.checkSize(end, 'subtree end');
    return this.rangeHash(start, end);
  }

  /** `subtreeHash` without the checks (the callers made them). */
  private rangeHash(start: number, end: number): Hash {
    let span = 1;
    while (span < end - start) span *= 2;

    const pieces: Hash[] = [];
    let at = start;
    let level = Math.log2(span);
    for (let piece = span; at < end; piece /= 2, level -= 1) {
      if (at + piece > end) continue;
      const hash = this.store.node(level, at / piece);
      if (hash === undefined) throw new Error(`the Merkle tree store lacks node (${level}, ${at / piece})`);
      pieces.push(hash);
      at += piece;
    }
    let hash = pieces[pieces.length - 1];
    for (let i = pieces.length - 2; i >= 0; i--) hash = hashChildren(pieces[i], hash);
    return hash;
  }

  /** The size asked for (default: the tree's), checked against the tree's: one read of the size. */
  private checkSize(size: number | undefined, what: string): number {
    const current = this.store.size();
    if (size === undefined) return current;
    if (!Number.isSafeInteger(size) || size < 0 || size > current) {
      throw new RangeError(`${what} ${size} is beyond the tree (${current} leaves)`);
    }
    return size;
  }
}
