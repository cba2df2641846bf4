import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { consistencyProof, hashLeaf, inclusionProof, merkleRoot, verifyConsistency, verifyInclusion, type Hash } from './merkle.js';
import { MerkleTree } from './merkle-tree.js';
import { InMemoryTreeNodeStore, type TreeLeaf, type TreeNode, type TreeNodeStore } from './tree-node-store.js';

const hex = (hash: Uint8Array) => Buffer.from(hash).toString('hex');
const leaf = (i: number) => hashLeaf(Buffer.from(`event ${i}`));

describe('MerkleTree: the same answers as the RFC reference', () => {
  it('for any way of cutting the appends into batches, and any past size', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat(), (batches, a, b) => {
        const tree = new MerkleTree(new InMemoryTreeNodeStore());
        const leaves: Hash[] = [];
        for (const count of batches) {
          const added = Array.from({ length: count }, (_, i) => leaf(leaves.length + i));
          const stored = tree.append(added.map((leafHash, i) => ({ position: 2 * (leaves.length + i) + 1, leafHash })));
          expect(stored.map((l) => l.index)).toEqual(added.map((_, i) => leaves.length + i));
          leaves.push(...added);
        }
        const n = leaves.length;
        const size = 1 + (a % n);
        const m = b % size;
        const prefix = leaves.slice(0, size);
        const root = tree.root(size);
        expect(hex(root)).toBe(hex(merkleRoot(prefix)));
        expect(hex(tree.leafHash(m))).toBe(hex(leaves[m]));
        const path = tree.inclusionProof(m, size);
        expect(path.map(hex)).toEqual(inclusionProof(m, prefix).map(hex));
        expect(verifyInclusion({ leafIndex: m, treeSize: size, leafHash: leaves[m], proof: path, rootHash: root })).toBe(true);
        const proof = tree.consistencyProof(size, n);
        expect(proof.map(hex)).toEqual(consistencyProof(size, leaves).map(hex));
        expect(verifyConsistency({ fromSize: size, toSize: n, fromRoot: root, toRoot: tree.root(), proof })).toBe(true);
      }),
      { numRuns: 120 },
    );
  });

  it('refuses sizes beyond the tree, misaligned subtrees, and leaves that are not hashes', () => {
    const tree = new MerkleTree(new InMemoryTreeNodeStore());
    tree.append([0, 1, 2, 3, 4].map((i) => ({ position: i + 1, leafHash: leaf(i) })));
    expect(() => tree.root(6)).toThrow(RangeError);
    expect(() => tree.inclusionProof(5, 5)).toThrow(RangeError);
    expect(() => tree.consistencyProof(3, 6)).toThrow(RangeError);
    expect(() => tree.leafHash(-1)).toThrow(RangeError);
    expect(() => tree.subtreeHash(1, 3)).toThrow('misaligned');
    expect(hex(tree.subtreeHash(4, 5))).toBe(hex(leaf(4)));
    expect(() => tree.append([{ position: 9, leafHash: Buffer.alloc(16) }])).toThrow(TypeError);
    expect(tree.size).toBe(5);
  });
});

/**
 * A tree of `size` leaves whose nodes are computed on demand (not hashed from one another: the
 * reads are what is measured here, not the hashes), counting the reads.
 */
class CountingStore implements TreeNodeStore {
  reads = 0;
  constructor(private leaves: number) {}
  size(): number {
    this.reads++;
    return this.leaves;
  }
  node(level: number, index: number): Hash | undefined {
    this.reads++;
    if ((index + 1) * 2 ** level > this.leaves) return undefined;
    return createHash('sha256').update(`${level}:${index}`).digest();
  }
  positionOf(leafIndex: number): number | undefined {
    this.reads++;
    return leafIndex < this.leaves ? leafIndex + 1 : undefined;
  }
  leafIndexOf(position: number): number | undefined {
    this.reads++;
    return position <= this.leaves ? position - 1 : undefined;
  }
  extend(leaves: readonly TreeLeaf[], _nodes: readonly TreeNode[]): void {
    this.leaves += leaves.length;
  }
}

describe('MerkleTree: the cost of a million leaves, in store reads', () => {
  const MILLION = 1_000_000;
  const levels = Math.ceil(Math.log2(MILLION)); // 20

  it('an append reads at most one node per level', () => {
    for (const size of [MILLION, MILLION + 1, 2 ** 20 - 1, 2 ** 20 + 3]) {
      const store = new CountingStore(size);
      const tree = new MerkleTree(store);
      store.reads = 0;
      const [stored] = tree.append([{ position: size + 1, leafHash: leaf(size) }]);
      expect(stored.index).toBe(size);
      expect(store.reads).toBeLessThanOrEqual(levels + 2);
    }
  });

  it('a root reads one node per complete subtree of the size', () => {
    const store = new CountingStore(MILLION);
    const tree = new MerkleTree(store);
    store.reads = 0;
    tree.root();
    // 1,000,000 has 7 bits set: 7 subtrees, and the size itself.
    expect(store.reads).toBe(8);
  });

  it('an inclusion or consistency proof reads O(log² n) nodes at most, for any leaf and size', () => {
    const store = new CountingStore(MILLION);
    const tree = new MerkleTree(store);
    let worst = 0;
    for (let k = 0; k < 400; k++) {
      const size = MILLION - ((k * 7919) % 1000);
      const m = (k * 104729) % size;
      store.reads = 0;
      expect(tree.inclusionProof(m, size).length).toBeLessThanOrEqual(levels);
      worst = Math.max(worst, store.reads);
      store.reads = 0;
      tree.consistencyProof(1 + m, size);
      worst = Math.max(worst, store.reads);
    }
    expect(worst).toBeLessThanOrEqual(levels * levels);
    // In practice far less: most proof hashes are one complete subtree each.
    expect(worst).toBeLessThanOrEqual(4 * levels);
  });
});
