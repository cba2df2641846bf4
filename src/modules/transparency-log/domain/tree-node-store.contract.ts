import { hashChildren, hashLeaf, inclusionProof, consistencyProof, merkleRoot } from './merkle.js';
import { MerkleTree } from './merkle-tree.js';
import { InvalidTreeWrite, TreeSizeConflict, type TreeNodeStore } from './tree-node-store.js';

/**
 * The behaviour every `TreeNodeStore` must have, and the Merkle tree over it. Each store's
 * spec calls `treeNodeStoreContract(name, open)`; `open` gives an empty store per test and
 * `reopen` (when the store persists) a second handle on the same data.
 */
export interface TreeStoreHandle {
  store: TreeNodeStore;
  /** Another store over the same data (another connection), or the same store when it has no such thing. */
  reopen: () => TreeNodeStore;
  close: () => void;
}

const leaf = (i: number) => hashLeaf(Buffer.from(`event ${i}`));
const hex = (hash: Uint8Array) => Buffer.from(hash).toString('hex');

export function treeNodeStoreContract(name: string, open: () => TreeStoreHandle): void {
  describe(`tree node store contract: ${name}`, () => {
    let handle: TreeStoreHandle;
    let store: TreeNodeStore;

    beforeEach(() => {
      handle = open();
      store = handle.store;
    });
    afterEach(() => handle.close());

    it('starts empty', () => {
      expect(store.size()).toBe(0);
      expect(store.node(0, 0)).toBeUndefined();
      expect(store.node(1, 0)).toBeUndefined();
      expect(store.positionOf(0)).toBeUndefined();
      expect(store.leafIndexOf(1)).toBeUndefined();
      expect(hex(new MerkleTree(store).root())).toBe(hex(merkleRoot([])));
    });

    it('keeps leaves with their positions, and the nodes given', () => {
      const [a, b, c] = [leaf(0), leaf(1), leaf(2)];
      store.extend(
        [
          { index: 0, position: 1, hash: a },
          { index: 1, position: 2, hash: b },
        ],
        [{ level: 1, index: 0, hash: hashChildren(a, b) }],
      );
      store.extend([{ index: 2, position: 5, hash: c }], []);
      expect(store.size()).toBe(3);
      expect(hex(store.node(0, 2)!)).toBe(hex(c));
      expect(hex(store.node(1, 0)!)).toBe(hex(hashChildren(a, b)));
      expect(store.node(1, 1)).toBeUndefined();
      expect([store.positionOf(0), store.positionOf(1), store.positionOf(2), store.positionOf(3)]).toEqual([1, 2, 5, undefined]);
      expect([store.leafIndexOf(1), store.leafIndexOf(5), store.leafIndexOf(3)]).toEqual([0, 2, undefined]);
    });

    it('refuses leaves that do not follow the tree, and writes nothing (another writer went first)', () => {
      store.extend([{ index: 0, position: 1, hash: leaf(0) }], []);
      expect(() => store.extend([{ index: 0, position: 2, hash: leaf(1) }], [])).toThrow(TreeSizeConflict);
      expect(() => store.extend([{ index: 2, position: 2, hash: leaf(1) }], [])).toThrow(TreeSizeConflict);
      expect(store.size()).toBe(1);
      expect(store.leafIndexOf(2)).toBeUndefined();
    });

    it('refuses a write with a bad leaf or node as a whole: nothing of it is stored', () => {
      const bad = [
        // Positions must increase.
        { leaves: [{ index: 0, position: 3, hash: leaf(0) }, { index: 1, position: 3, hash: leaf(1) }], nodes: [] },
        // A hash is 32 bytes.
        { leaves: [{ index: 0, position: 1, hash: leaf(0) }, { index: 1, position: 2, hash: Buffer.alloc(31) }], nodes: [] },
        // A node must be a complete subtree of the new tree.
        { leaves: [{ index: 0, position: 1, hash: leaf(0) }], nodes: [{ level: 1, index: 0, hash: leaf(9) }] },
        // Indices run on.
        { leaves: [{ index: 0, position: 1, hash: leaf(0) }, { index: 2, position: 2, hash: leaf(1) }], nodes: [] },
      ];
      for (const { leaves, nodes } of bad) {
        expect(() => store.extend(leaves, nodes)).toThrow(InvalidTreeWrite);
        expect(store.size()).toBe(0);
        expect(store.node(0, 0)).toBeUndefined();
        expect(store.leafIndexOf(1)).toBeUndefined();
      }
      store.extend([{ index: 0, position: 10, hash: leaf(0) }], []);
      expect(() => store.extend([{ index: 1, position: 10, hash: leaf(1) }], [])).toThrow(InvalidTreeWrite);
      expect(store.size()).toBe(1);
    });

    it('keeps what it was given, not a buffer the caller changes afterwards', () => {
      const hash = Buffer.from(leaf(0));
      store.extend([{ index: 0, position: 1, hash }], []);
      hash.fill(0);
      expect(hex(store.node(0, 0)!)).toBe(hex(leaf(0)));
    });

    it('carries a Merkle tree: roots and proofs of every size equal the reference, leaf by leaf or in batches', () => {
      const tree = new MerkleTree(store);
      const leaves = Array.from({ length: 70 }, (_, i) => leaf(i));
      let next = 0;
      for (const batch of [1, 1, 2, 3, 1, 8, 16, 5, 33]) {
        tree.append(leaves.slice(next, next + batch).map((leafHash, i) => ({ position: 10 * (next + i) + 1, leafHash })));
        next += batch;
        expect(hex(tree.root())).toBe(hex(merkleRoot(leaves.slice(0, next))));
      }
      expect(tree.size).toBe(70);
      for (let size = 1; size <= 70; size += 3) {
        const prefix = leaves.slice(0, size);
        expect(hex(tree.root(size))).toBe(hex(merkleRoot(prefix)));
        for (let m = 0; m < size; m += 5) expect(tree.inclusionProof(m, size).map(hex)).toEqual(inclusionProof(m, prefix).map(hex));
        for (let m = 1; m <= size; m += 4) expect(tree.consistencyProof(m, size).map(hex)).toEqual(consistencyProof(m, prefix).map(hex));
      }
      expect(store.positionOf(69)).toBe(691);
      expect(store.leafIndexOf(691)).toBe(69);
    });

    it('keeps no state in the tree: another handle on the same data sees the appends', () => {
      const first = new MerkleTree(store);
      first.append([0, 1, 2].map((i) => ({ position: i + 1, leafHash: leaf(i) })));
      const second = new MerkleTree(handle.reopen());
      expect(second.size).toBe(3);
      second.append([{ position: 4, leafHash: leaf(3) }]);
      expect(first.size).toBe(4);
      expect(hex(first.root())).toBe(hex(merkleRoot([0, 1, 2, 3].map(leaf))));
      // A writer that read the size before the other appended is refused.
      expect(() => store.extend([{ index: 3, position: 9, hash: leaf(9) }], [])).toThrow(TreeSizeConflict);
    });
  });
}
