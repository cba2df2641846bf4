import type { Hash } from './merkle.js';

/**
 * Where the Merkle tree of the log keeps its hashes: the leaves and the hashes of the COMPLETE
 * subtrees, addressed by (level, index). The node (level, index) covers the leaves
 * [index · 2^level, (index + 1) · 2^level); level 0 is the leaf hashes. A complete subtree never
 * changes once its last leaf is appended, so the nodes of one store answer for every past size
 * of the tree too (roots, inclusion and consistency proofs of any earlier tree head).
 *
 * Every leaf also records the `position` of its event in the global log (strictly increasing,
 * gaps allowed), so that a receipt can be issued for a position later.
 *
 * Implementations: `InMemoryTreeNodeStore` (below) and `SqliteTreeNodeStore`
 * (src/infrastructure/transparency-log/sqlite-tree-store.ts). Both pass the contract in
 * `tree-node-store.contract.ts`. The interface is synchronous on purpose: the SQLite store
 * writes inside the event store's (synchronous, better-sqlite3) append transaction.
 */
export interface TreeNodeStore {
  /** The number of leaves. */
  size(): number;
  /** The hash of the complete subtree (level, index), or undefined when it is not stored (not complete yet). */
  node(level: number, index: number): Hash | undefined;
  /** The position of the event at that leaf, or undefined beyond the tree. */
  positionOf(leafIndex: number): number | undefined;
  /** The leaf index of the event at that position, or undefined when no leaf has it. */
  leafIndexOf(position: number): number | undefined;
  /**
   * Adds leaves at the end of the tree, with the inner nodes they complete (level ≥ 1), all or
   * nothing. The leaves' indices must follow on from `size()` (otherwise `TreeSizeConflict`,
   * nothing written: another writer went first) and their positions must increase beyond the
   * last leaf's.
   */
  extend(leaves: readonly TreeLeaf[], nodes: readonly TreeNode[]): void;
}

export interface TreeLeaf {
  index: number;
  position: number;
  hash: Hash;
}

export interface TreeNode {
  /** 1 or more: the leaves (level 0) are given as `TreeLeaf`s. */
  level: number;
  index: number;
  hash: Hash;
}

/** The tree is not at the size the writer expected: nothing was written. */
export class TreeSizeConflict extends Error {
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`the Merkle tree has ${actual} leaves, not ${expected}: another writer appended first`);
  }
}

/** A leaf or node that cannot be stored as given (the tree's code or its caller is at fault). */
export class InvalidTreeWrite extends Error {}

/** Checks a write against the tree as it stands; shared by the stores. */
export function checkExtension(size: number, lastPosition: number | undefined, leaves: readonly TreeLeaf[], nodes: readonly TreeNode[]): void {
  if (leaves.length > 0 && leaves[0].index !== size) throw new TreeSizeConflict(leaves[0].index, size);
  let previous = lastPosition;
  leaves.forEach((leaf, i) => {
    if (leaf.index !== size + i) throw new InvalidTreeWrite(`leaf ${leaf.index} does not follow leaf ${size + i - 1}`);
    if (!Number.isSafeInteger(leaf.position) || (previous !== undefined && leaf.position <= previous)) {
      throw new InvalidTreeWrite(`leaf ${leaf.index}: position ${leaf.position} is not after the previous leaf's (${previous})`);
    }
    if (!(leaf.hash instanceof Uint8Array) || leaf.hash.length !== 32) throw new InvalidTreeWrite(`leaf ${leaf.index}: the hash is not 32 bytes`);
    previous = leaf.position;
  });
  const newSize = size + leaves.length;
  for (const node of nodes) {
    const span = 2 ** node.level;
    if (!Number.isSafeInteger(node.level) || node.level < 1 || !Number.isSafeInteger(node.index) || node.index < 0 || (node.index + 1) * span > newSize) {
      throw new InvalidTreeWrite(`node (${node.level}, ${node.index}) is not a complete subtree of a tree of ${newSize} leaves`);
    }
    if (!(node.hash instanceof Uint8Array) || node.hash.length !== 32) throw new InvalidTreeWrite(`node (${node.level}, ${node.index}): the hash is not 32 bytes`);
  }
}

/**
 * The store in memory: for tests, and for the offline audit (the tree of an export). The hashes
 * of each level are packed in one growing buffer (a million leaves: about 64 MB in all).
 */
export class InMemoryTreeNodeStore implements TreeNodeStore {
  private readonly levels: { bytes: Buffer; count: number }[] = [];
  private readonly positions: number[] = [];
  private readonly indexByPosition = new Map<number, number>();

  size(): number {
    return this.positions.length;
  }

  node(level: number, index: number): Hash | undefined {
    const packed = this.levels[level];
    if (packed === undefined || !Number.isSafeInteger(index) || index < 0 || index >= packed.count) return undefined;
    return packed.bytes.subarray(index * 32, index * 32 + 32);
  }

  positionOf(leafIndex: number): number | undefined {
    return this.positions[leafIndex];
  }

  leafIndexOf(position: number): number | undefined {
    return this.indexByPosition.get(position);
  }

  extend(leaves: readonly TreeLeaf[], nodes: readonly TreeNode[]): void {
    checkExtension(this.size(), this.positions.at(-1), leaves, nodes);
    const next = new Map<number, number>();
    for (const node of nodes) {
      const expected = next.get(node.level) ?? this.levels[node.level]?.count ?? 0;
      if (node.index !== expected) throw new InvalidTreeWrite(`node (${node.level}, ${node.index}) does not follow the nodes of its level`);
      next.set(node.level, expected + 1);
    }
    for (const leaf of leaves) {
      this.put(0, leaf.hash);
      this.positions.push(leaf.position);
      this.indexByPosition.set(leaf.position, leaf.index);
    }
    for (const node of nodes) this.put(node.level, node.hash);
  }

  /** Appends a hash to its level (complete subtrees of a level are closed left to right). */
  private put(level: number, hash: Hash): void {
    const packed = (this.levels[level] ??= { bytes: Buffer.alloc(32 * 64), count: 0 });
    if ((packed.count + 1) * 32 > packed.bytes.length) {
      const grown = Buffer.alloc(packed.bytes.length * 2);
      packed.bytes.copy(grown);
      packed.bytes = grown;
    }
    packed.bytes.set(hash, packed.count * 32);
    packed.count += 1;
  }
}
